"""Extractive answers on a small indexed corpus: the answering 款/项, its citation, the record."""

from __future__ import annotations

import pytest

from kb.answer import answer, extractive_answer
from kb.answer.cues import cue_score, expand_jargon, question_types, statute_wording
from kb.answer.extractive import NOT_FOUND_TEXT
from kb.answer.scope import REFUSAL_TEXT
from kb.errors import QueryError
from kb.search import SearchFilters

RECORD_KEYS = {"answer", "citations", "supporting", "related", "mode", "verified", "found", "fallback_reason"}


def test_seizure_time_limit_cites_the_paragraph(answer_corpus):
    result = extractive_answer(answer_corpus, "查封扣押最长多久?")
    record = result.to_record()
    assert RECORD_KEYS <= set(record)
    assert record["found"] is True and record["mode"] == "extractive" and record["fallback_reason"] is None
    first = record["citations"][0]
    assert first["citation"] == "《中华人民共和国行政强制法》第三条第一款"
    assert first["paragraph"] == 1 and first["item"] is None
    assert "不得超过三十日" in record["answer"]
    assert record["answer"].endswith("（《中华人民共和国行政强制法》第三条第一款）")
    assert "检测、检验" not in record["answer"]  # the answering 款, not the whole article
    assert record["verified"] == [{"citation": first["citation"], "ok": True, "reason": "quoted from the clause store"}]


def test_item_answers_cite_the_item(answer_corpus):
    result = extractive_answer(answer_corpus, "当事人要求听证应当在几日内提出？")
    assert result.found
    assert result.citations[0].clause.citation() == "《中华人民共和国行政处罚法》第三条第二款"
    assert "五日内" in result.answer


def test_enumeration_question_shows_the_items(answer_corpus):
    result = extractive_answer(answer_corpus, "催告书应当载明哪些事项？")
    assert result.found
    assert result.citations[0].clause.citation() == "《中华人民共和国行政强制法》第四条"
    assert "（一）履行义务的期限" in result.answer and "（四）" in result.answer


def test_amount_question_picks_the_penalty_clause(answer_corpus):
    result = extractive_answer(answer_corpus, "超标排放大气污染物罚多少？", SearchFilters(as_of="2020-01-01"))
    assert result.found
    assert result.citations[0].clause.citation() == "《中华人民共和国大气污染防治法》第二条"
    assert "十万元以上一百万元以下的罚款" in result.answer


def test_definition_question(answer_corpus):
    result = extractive_answer(answer_corpus, "什么是扬尘污染？", SearchFilters(as_of="2020-01-01"))
    assert result.citations[0].clause.citation() == "《中华人民共和国大气污染防治法》第四条"


@pytest.mark.parametrize("question", ["今天天气怎么样？", "食堂中午几点开饭？", "帮我写一首关于春天的诗"])
def test_questions_outside_the_law_are_not_answered(answer_corpus, question):
    record = extractive_answer(answer_corpus, question).to_record()
    assert record["found"] is False and record["out_of_scope"] is True    # not a legal question (kb.answer.scope)
    assert record["answer"] == REFUSAL_TEXT and "不是法律问题" in record["answer"]
    assert record["citations"] == [] and record["verified"] == []


def test_the_confidence_gate_alone_says_no_clear_basis(answer_corpus, monkeypatch):
    monkeypatch.setenv("LAWKB_ANSWER_MIN_SCOPE", "0")     # the confidence gate alone
    record = extractive_answer(answer_corpus, "今天天气怎么样？").to_record()
    assert record["found"] is False and record["out_of_scope"] is False
    assert record["answer"] == NOT_FOUND_TEXT and "未找到明确的法律依据" in record["answer"]
    assert record["citations"] == [] and record["verified"] == []


def test_as_of_answers_from_the_law_then_in_force(answer_corpus):
    question = "拒不改正的按日连续处罚从什么时候起算？"
    today = extractive_answer(answer_corpus, question)
    before = extractive_answer(answer_corpus, question, SearchFilters(as_of="2020-01-01"))
    assert today.citations[0].clause.law == "中华人民共和国生态环境法典"
    assert before.citations[0].clause.law == "中华人民共和国环境保护法"


def test_law_filter(answer_corpus):
    result = extractive_answer(answer_corpus, "期限不得超过多少日？", SearchFilters(laws=("中华人民共和国行政处罚法",)))
    assert all(h.clause.law == "中华人民共和国行政处罚法" for h in result.citations + result.supporting + result.related)


def test_citation_question_answers_with_the_cited_clause(answer_corpus):
    result = extractive_answer(answer_corpus, "行政强制法第三条")
    assert result.found and result.citations[0].clause.article == 3
    assert result.citations[0].clause.law == "中华人民共和国行政强制法"


def test_supporting_and_related_are_other_articles(answer_corpus):
    result = extractive_answer(answer_corpus, "查封扣押最长多久?")
    cited = {(h.clause.law, h.clause.article) for h in result.citations}
    supporting = [(h.clause.law, h.clause.article) for h in result.supporting]
    related = [(h.clause.law, h.clause.article) for h in result.related]
    assert not cited & set(supporting) and not cited & set(related)
    assert len(set(supporting)) == len(supporting) and len(set(related)) == len(related)
    assert all(h.clause.paragraph is None for h in result.related)


@pytest.mark.parametrize("bad", ["", "   ", None])
def test_empty_question_is_a_query_error(answer_corpus, bad):
    with pytest.raises(QueryError):
        extractive_answer(answer_corpus, bad)


def test_unknown_mode_is_a_query_error(answer_corpus):
    with pytest.raises(QueryError):
        answer(answer_corpus, "查封扣押最长多久", mode="poetry")


def test_auto_mode_without_endpoint_is_extractive(answer_corpus, monkeypatch):
    monkeypatch.delenv("LAWKB_LLM_URL", raising=False)
    result = answer(answer_corpus, "查封扣押最长多久")
    assert result.mode == "extractive" and result.fallback_reason is None


@pytest.mark.parametrize("question, expected", [
    ("查封扣押最长多久", ["time"]),
    ("超标排污罚多少", ["amount"]),
    ("哪个部门负责噪声监管", ["subject"]),
    ("可以露天焚烧秸秆吗", ["modal"]),
    ("申请复议需要什么条件", ["condition"]),
    ("什么是危险废物", ["definition"]),
    ("怎么申请排污许可证", ["procedure"]),
    ("通过暗管偷排怎么处罚", ["amount"]),
    ("执法人员最少几人", ["quantity"]),
])
def test_question_types(question, expected):
    assert question_types(question) == expected


def test_cues():
    rule = cue_score("查封、扣押的期限不得超过三十日", ["time"], limit=True)
    passing = cue_score("经查明与案件无关的，应当在三日以内解除查封、扣押", ["time"], limit=True)
    assert rule >= 0.9 and passing < rule
    assert cue_score("为了规范行政强制的设定和实施，制定本法。", ["time"]) == 0.0
    assert cue_score("处十万元以上一百万元以下的罚款", ["amount"]) >= 0.75
    assert cue_score("下列事项：", ["condition"], has_items=True) >= 0.9


def test_jargon():
    assert "环境影响评价" in expand_jargon("环评审批要多久")
    assert statute_wording("偷排污水怎么罚") == "逃避监管污水怎么罚"
    assert statute_wording("排污许可证有效期") == "排污许可证有效期"  # 排污许可 is itself statute wording
