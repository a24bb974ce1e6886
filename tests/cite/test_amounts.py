"""Amount check of the citation check (kb.cite.amounts): the stated fine against the cited range."""

import pytest

from kb.cite.amounts import stated_fines
from kb.cite.check import check_text
from tests.penalty.conftest import penalty_laws
from tests.corpus_builders import build_corpus

TAIL = "\n某某市生态环境局\n2026年10月9日"
VIOLATION = "你单位未依法取得排污许可证排放污染物，违反了《中华人民共和国生态环境法典》第一百七十四条的规定。"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("amounts") / "corpus", penalty_laws())


def amounts(corpus, text):
    report = check_text(corpus, text + TAIL)
    return [(r.extracted.ref.article, (r.amount or {}).get("verdict")) for r in report.results], report


def test_five_wan_under_1102_is_below_range(corpus):
    found, report = amounts(corpus, VIOLATION + "依据《中华人民共和国生态环境法典》第一千一百零二条的规定，决定对你单位处罚款五万元。")
    assert found == [(174, "not_applicable"), (1102, "below_range")]
    record = report.to_record()["citations"][1]["amount"]
    assert record["range"] == "二十万元以上一百万元以下" and record["stated"] == 50_000
    assert "低于" in record["message"] and "二十万元以上一百万元以下" in record["message"]
    assert report.draft.text[record["span"][0]:record["span"][1]] == "罚款五万元"


@pytest.mark.parametrize("sentence, verdict", [
    ("依据《中华人民共和国生态环境法典》第一千一百零二条的规定，决定处罚款人民币50,000元。", "below_range"),
    ("依据《中华人民共和国生态环境法典》第一千一百零二条的规定，决定处罚款人民币叁拾万元整。", "within"),
    ("依据《中华人民共和国生态环境法典》第一千一百零二条的规定，决定处以20万元罚款。", "within"),
    ("依据《中华人民共和国生态环境法典》第一千一百零二条的规定，决定罚款一百五十万元。", "above_range"),
    ("依据《中华人民共和国生态环境法典》第一千一百零二条的规定，责令改正。", "not_applicable"),
])
def test_verdicts(corpus, sentence, verdict):
    found, _ = amounts(corpus, sentence)
    assert found == [(1102, verdict)]


def test_condition_in_the_draft_opens_the_special_range(corpus):
    text = ("你单位排放的污染物为工业噪声，未依法取得排污许可证。依据《中华人民共和国生态环境法典》第一千一百零二条的规定，"
            "决定罚款五万元。")
    found, report = amounts(corpus, text)
    assert found == [(1102, "within")]
    assert report.results[0].amount["condition"] == "污染物为工业噪声的"


def test_quoted_range_is_not_a_decided_amount(corpus):
    text = ("《中华人民共和国生态环境法典》第一千一百零二条规定，处二十万元以上一百万元以下的罚款。"
            "依据上述规定，决定对你单位处罚款三十万元。")
    assert stated_fines(text) == [(text.index("罚款三十万元"), text.index("罚款三十万元") + 6, 300_000, "罚款三十万元")]
    found, _ = amounts(corpus, text)
    assert found == [(1102, "within")]


def test_item_fines_and_multiples(corpus):
    text = "依据《中华人民共和国生态环境法典》第一千一百三十六条第一款第（二）项的规定，决定罚款十万元。"
    found, report = amounts(corpus, text)
    assert found == [(1136, "below_range")]
    assert report.results[0].amount["range"] == "二十万元以上二百万元以下"


def test_cli_prints_amount_verdict(corpus, monkeypatch, capsys, tmp_path):
    from lawkb import main

    monkeypatch.setattr("kb.corpus.settings.corpus_dir", lambda overrides=None: corpus.dir)
    path = tmp_path / "draft.txt"
    path.write_text(VIOLATION + "依据《中华人民共和国生态环境法典》第一千一百零二条的规定，决定罚款五万元。" + TAIL, encoding="utf-8")
    assert main(["cite", "check", str(path)]) == 0
    assert "罚款核对（amount: below_range）：罚款五万元低于第一千一百零二条规定的二十万元以上一百万元以下" in capsys.readouterr().out
