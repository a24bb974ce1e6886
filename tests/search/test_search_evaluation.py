"""Retrieval metrics on hand-computed examples, fusion on hand-made lists, and `lawkb eval`."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from kb.errors import QueryError
from kb.search.evaluation import (dedupe, load_questions, mean_metrics, mrr_at, ndcg_at, percentile,
                                  question_metrics, recall_at)
from kb.search.hybrid import rrf, weighted

A, B, C, D, E = (("法", n) for n in range(1, 6))


def test_recall_mrr_ndcg_by_hand():
    ranked = [C, A, A, D, B]          # A twice: counts once, at rank 2; B ends up at rank 4
    relevant = {A, B}
    assert dedupe(ranked) == [C, A, D, B]
    assert recall_at(ranked, relevant, 1) == 0.0
    assert recall_at(ranked, relevant, 2) == 0.5
    assert recall_at(ranked, relevant, 10) == 1.0
    assert mrr_at(ranked, relevant, 10) == 0.5
    assert mrr_at(ranked, relevant, 1) == 0.0
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    idcg = 1 + 1 / math.log2(3)
    assert ndcg_at(ranked, relevant, 10) == pytest.approx(dcg / idcg)
    assert ndcg_at([A, B], relevant, 10) == pytest.approx(1.0)
    assert ndcg_at([], relevant, 10) == 0.0


def test_question_and_mean_metrics():
    first = question_metrics([A, E], {A})
    second = question_metrics([E, D], {B})
    assert first == {"recall@1": 1.0, "recall@5": 1.0, "recall@10": 1.0, "recall@100": 1.0, "mrr@10": 1.0,
                     "ndcg@10": 1.0}
    assert mean_metrics([first, second]) == {"recall@1": 0.5, "recall@5": 0.5, "recall@10": 0.5,
                                             "recall@100": 0.5, "mrr@10": 0.5, "ndcg@10": 0.5}


def test_percentile():
    assert percentile([5, 1, 3, 2, 4], 50) == 3
    assert percentile([5, 1, 3, 2, 4], 95) == 5
    assert percentile([], 50) == 0.0


def test_load_questions(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "q1", "text": "问", "relevant": [["中华人民共和国民法典", 56]]}\n\n', encoding="utf-8")
    assert load_questions(path) == [{"id": "q1", "text": "问", "relevant": {("中华人民共和国民法典", 56)}}]
    path.write_text('{"id": "q1"}\n', encoding="utf-8")
    with pytest.raises(QueryError, match="q.jsonl:1"):
        load_questions(path)


def test_rrf_by_hand():
    rows, scores = rrf([np.array([1, 2]), np.array([2, 3])], [1.0, 1.0], k=0)
    # row 2: 1/2 + 1/1 = 1.5; row 1: 1; row 3: 1/2
    assert rows.tolist() == [2, 1, 3]
    assert scores.tolist() == pytest.approx([1.5, 1.0, 0.5])


def test_weighted_fusion_by_hand():
    lexical = (np.array([1, 2]), np.array([10.0, 5.0]), None)       # normalised 1, 0
    dense = (np.array([2, 3]), np.array([0.9, 0.5]), None)           # normalised 1, 0
    rows, scores = weighted([lexical, dense], [0.5, 0.5])
    # row 1: .5*1 + .5*0 (absent: floor) = .5 ; row 2: .5*0 + .5*1 = .5 ; row 3: 0
    assert rows.tolist() == [1, 2, 3]
    assert scores.tolist() == pytest.approx([0.5, 0.5, 0.0])
    full = np.array([0.0, 0.7, 0.9, 0.5])
    rows, scores = weighted([lexical, (np.array([2, 3]), np.array([0.9, 0.5]), full)], [0.5, 0.5])
    assert dict(zip(rows.tolist(), scores.tolist())) == pytest.approx({1: 0.5 + 0.5 * 0.5, 2: 0.5, 3: 0.0})


def test_cli_eval_and_run_file(small_corpus, tmp_path, capsys, monkeypatch):
    import lawkb.search_command as command
    from lawkb import main
    from kb.search.index_build import build_indexes

    build_indexes(small_corpus, dense=False)
    monkeypatch.setattr(command, "Corpus", lambda overrides=None: small_corpus)
    questions = tmp_path / "dev.jsonl"
    questions.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in [
        {"id": "a", "text": "哪些处罚决定要告知听证权利", "relevant": [["中华人民共和国行政处罚法", 3]]},
        {"id": "b", "text": "拒不改正的按日连续处罚", "relevant": [["中华人民共和国生态环境法典", 2]]},
    ]), encoding="utf-8")
    run = tmp_path / "run.jsonl"
    assert main(["eval", str(questions), "--kinds", "lexical", "--json", "--run", str(run)]) == 0
    metrics = json.loads(capsys.readouterr().out)["lexical"]
    assert metrics["recall@1"] == 1.0 and metrics["mrr@10"] == 1.0 and metrics["questions"] == 2
    lines = [json.loads(line) for line in run.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[0]["hits"][0]["citation"] == "《中华人民共和国行政处罚法》第三条第一款"


def test_cli_eval_skips_a_missing_dense_index(small_corpus, tmp_path, capsys, monkeypatch):
    import lawkb.search_command as command
    from lawkb import main
    from kb.search.index_build import build_indexes

    build_indexes(small_corpus, dense=False)
    monkeypatch.setattr(command, "Corpus", lambda overrides=None: small_corpus)
    questions = tmp_path / "dev.jsonl"
    questions.write_text(json.dumps({"id": "a", "text": "听证", "relevant": [["中华人民共和国行政处罚法", 3]]},
                                    ensure_ascii=False), encoding="utf-8")
    assert main(["eval", str(questions), "--json"]) == 0
    captured = capsys.readouterr()
    assert sorted(json.loads(captured.out)) == ["hybrid", "lexical"]
    assert "skipping dense" in captured.err
    assert main(["eval", str(questions), "--kinds", "dense"]) == 4
