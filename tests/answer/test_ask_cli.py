"""`lawkb ask`: one question, --json, --law, --as-of, --batch with ids, errors."""

from __future__ import annotations

import json

import pytest

from lawkb import main


@pytest.fixture
def home(answer_corpus, monkeypatch):
    home = answer_corpus.dir.parent.parent
    monkeypatch.setenv("LAWKB_HOME", str(home))
    monkeypatch.delenv("LAWKB_LLM_URL", raising=False)
    return home


def test_ask_prints_answer_and_citation(home, capsys):
    assert main(["ask", "查封扣押最长多久?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("查封、扣押的期限不得超过三十日")
    assert "（《中华人民共和国行政强制法》第三条第一款）" in out


def test_ask_json_record(home, capsys):
    assert main(["ask", "查封扣押最长多久?", "--json", "--as-of", "2026-11-26"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["found"] is True and record["mode"] == "extractive"
    assert record["citations"][0]["citation"] == "《中华人民共和国行政强制法》第三条第一款"
    assert {"supporting", "related", "verified", "fallback_reason"} <= set(record)


def test_ask_not_found(home, capsys):
    assert main(["ask", "今天天气怎么样", "--json", "--min-scope", "0"]) == 0   # the confidence gate alone
    record = json.loads(capsys.readouterr().out)
    assert record["found"] is False and "未找到明确的法律依据" in record["answer"]
    assert main(["ask", "今天天气怎么样", "--json"]) == 0                       # and the scope gate
    record = json.loads(capsys.readouterr().out)
    assert record["found"] is False and record["out_of_scope"] and "看起来不是法律问题" in record["answer"]


def test_ask_law_filter_and_unknown_law(home, capsys):
    assert main(["ask", "当事人要求听证几日内提出", "--law", "行政处罚法", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["citations"][0]["law"] == "中华人民共和国行政处罚法"
    assert main(["ask", "听证", "--law", "不存在的法"]) == 5
    assert "no law called" in capsys.readouterr().err


def test_ask_bad_input(home, capsys):
    assert main(["ask"]) == 2
    assert main(["ask", "查封", "--as-of", "2026-13-45"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_batch_json_lines_with_ids_and_score(home, tmp_path, capsys):
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in [
        {"id": "a", "text": "查封扣押最长多久?", "relevant": [["中华人民共和国行政强制法", 3]]},
        {"id": "b", "text": "今天天气怎么样", "relevant": []},
        {"id": "c", "text": "催告书应当载明哪些事项？", "relevant": [["中华人民共和国行政强制法", 2]]},
    ]) + "\n", encoding="utf-8")
    assert main(["ask", "--batch", str(questions), "--json", "--score"]) == 0
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "c"]
    assert records[0]["found"] and not records[1]["found"]
    summary = json.loads(captured.err.strip().splitlines()[-1])
    assert summary["questions"] == 2 and summary["first_citation_right"] == 1


def test_batch_malformed_file(home, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "ok"}\nnot json\n', encoding="utf-8")
    assert main(["ask", "--batch", str(bad), "--json"]) == 2
    assert "bad.jsonl:2" in capsys.readouterr().err
