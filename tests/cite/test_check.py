"""Citation check over the test drafts: whole JSON structures (span + verdict per citation)."""

import json

import pytest

from kb.cite.check import check_text, decision_date, parse_day
from kb.errors import QueryError
from tests.cite.drafts import DRAFTS, HARD_DRAFTS, REVIEW_DRAFTS, evaluate

ALL = DRAFTS + HARD_DRAFTS + REVIEW_DRAFTS


@pytest.mark.parametrize("draft", ALL, ids=[d.name for d in ALL])
def test_draft_citations_match_exactly(cite_corpus, draft):
    record = check_text(cite_corpus, draft.text, draft.as_of).to_record()
    keys = ("span", "text", "verdict", "law", "article", "paragraph", "item")
    expected = draft.expected_records()
    got = [{k: c[k] for k in keys if k in ("span", "text", "verdict") or len(e) > 3}
           for c, e in zip(record["citations"], expected)]
    assert got == expected and len(record["citations"]) == len(expected)
    if draft.expected_as_of:
        assert (record["as_of"], record["as_of_source"]) == (draft.expected_as_of, "text")
    for citation in record["citations"]:
        assert record["text"][citation["span"][0]:citation["span"][1]] == citation["text"]
    json.dumps(record, ensure_ascii=False)


@pytest.mark.parametrize("draft", [d for d in ALL if d.suggestions], ids=lambda d: d.name)
def test_repealed_statutes_get_the_code_article(cite_corpus, draft):
    record = check_text(cite_corpus, draft.text, draft.as_of).to_record()
    got = {c["text"]: c["suggestion"]["citation"] for c in record["citations"] if c["suggestion"]}
    assert got == draft.suggestions
    for citation in record["citations"]:
        if citation["text"] in draft.suggestions:
            assert citation["clause"]["law"] == citation["law"]          # the cited (old) clause beside it
            assert "生态环境法典" in citation["message"] and citation["suggestion"]["law"] != citation["law"]


def test_accuracy_over_all_drafts(cite_corpus):
    result = evaluate(cite_corpus, ALL)
    assert result["failures"] == []
    assert result["citations"] >= 70
    assert result["extraction_recall"] >= 0.95 and result["extraction_precision"] >= 0.95
    assert result["verdict_accuracy"] >= 0.95


def test_json_shape(cite_corpus):
    record = check_text(cite_corpus, DRAFTS[0].text).to_record()
    assert set(record) >= {"as_of", "as_of_source", "source", "text", "citations", "summary"}
    citation = record["citations"][0]
    assert set(citation) >= {"span", "text", "law", "article", "article_label", "paragraph", "item", "verdict",
                             "clause", "suggestion", "message"}
    assert citation["article_label"] == "第三十九条" and citation["clause"]["article_label"] == "第三十九条"
    assert citation["suggestion"]["law"] == "中华人民共和国生态环境法典"


def test_no_citations_says_so(cite_corpus):
    report = check_text(cite_corpus, "经研究，同意承办机构意见。")
    assert report.results == [] and "未发现" in report.summary
    assert report.as_of_source == "today"


def test_as_of_option_wins_over_the_text(cite_corpus):
    report = check_text(cite_corpus, DRAFTS[0].text, "2026-08-01")
    assert (report.as_of, report.as_of_source) == ("2026-08-01", "option")
    assert report.results[0].verdict == "ok"


def test_dates():
    assert parse_day("二〇二六年九月三日") == "2026-09-03"
    assert parse_day("2026年9月3日") == "2026-09-03"
    assert parse_day("2026-9-3") == "2026-09-03"
    with pytest.raises(QueryError):
        parse_day("2026-02-30")
    body = "2026年6月10日检查发现……" + "文" * 400 + "\n某某市生态环境局\n2026年9月3日"
    assert decision_date(body)[0] == "2026-09-03"
    assert decision_date("2026年6月10日检查发现……" + "文" * 400) is None   # a body date is not the decision date


def test_unknown_law_suggests_importing(cite_corpus):
    [result] = check_text(cite_corpus, "依据《某某省环境保护条例》第十条", "2026-09-01").results
    assert result.verdict == "unknown_law" and "lawkb ingest" in result.resolution.message


def test_ten_page_draft_is_checked(cite_corpus):
    text = "\n".join(d.text for d in ALL) * 3
    report = check_text(cite_corpus, text, "2026-09-01")
    assert len(report.results) >= 150
