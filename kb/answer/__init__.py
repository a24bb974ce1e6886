"""Answers with cited clauses (issue 7): ``answer(corpus, question) -> Answer``.

Extractive by default (kb.answer.extractive: the 款/项 of the retrieved articles that answers the
question, no model needed). When LAWKB_LLM_URL names an OpenAI-compatible chat endpoint, the
retrieved clauses go to it and its reply is shown once every citation in it is checked against
the store and the supplied clauses (kb.answer.generative); any failure falls back to the
extractive answer with the reason recorded.

``Answer.to_record()`` is the answer record shared by the CLI, the API and the web page::

    {"question", "answer", "citations": [hit record], "supporting": [hit record],
     "related": [hit record], "mode": "extractive"|"generative",
     "verified": [{"citation", "ok", "reason"}], "found": bool, "fallback_reason": str|None, ...}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kb import settings
from kb.answer.extractive import WordWeights, extract
from kb.clause import Hit
from kb.errors import IndexMissingError, QueryError
from kb.search import SearchFilters
from kb.search.searchers import bundle_for, get_searcher
from kb.search.tokenize import LegalTokenizer

MODES = ("auto", "extractive", "generative")


@dataclass
class Answer:
    question: str
    answer: str
    citations: list[Hit] = field(default_factory=list)
    supporting: list[Hit] = field(default_factory=list)
    related: list[Hit] = field(default_factory=list)
    mode: str = "extractive"
    verified: list[dict] = field(default_factory=list)
    found: bool = False
    fallback_reason: str | None = None
    score: float = 0.0
    question_types: list[str] = field(default_factory=list)
    scope: float | None = None     # probability that it is a legal question in scope (kb.answer.scope)
    out_of_scope: bool = False     # refused as not a legal question (ANSWER_MIN_SCOPE)

    def to_record(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "citations": [h.to_record() for h in self.citations],
            "supporting": [h.to_record() for h in self.supporting],
            "related": [h.to_record() for h in self.related],
            "mode": self.mode,
            "verified": list(self.verified),
            "found": self.found,
            "fallback_reason": self.fallback_reason,
            "score": round(float(self.score), 4),
            "question_types": list(self.question_types),
            "scope": None if self.scope is None else round(float(self.scope), 4),
            "out_of_scope": self.out_of_scope,
        }


def searcher_for(corpus, kind: str = "hybrid"):
    """The searcher answers are drawn from (kb.search.searchers)."""
    return get_searcher(corpus, kind)


def word_weights_for(corpus):
    """Question-word weights: the lexical index's tokenizer and idf, else jieba with law names.

    Kept by the corpus per loaded index, so a rebuilt index brings its own dictionary and idf.
    """
    try:
        index = bundle_for(corpus).lexical().index
    except IndexMissingError:
        index = None

    def build():
        if index is not None:
            return index, WordWeights(index.tokenizer, index.idf)
        return None, WordWeights(LegalTokenizer(corpus.law_names.user_words()))

    return corpus.cached("answer_word_weights", build, valid=lambda pair: pair[0] is index)[1]


def extractive_answer(corpus, question: str, filters: SearchFilters | None = None, searcher=None) -> Answer:
    question = _clean(question)
    found = extract(corpus, searcher or searcher_for(corpus), word_weights_for(corpus), question, filters)
    citations = found.citations()
    verified = [{"citation": h.clause.citation(), "ok": True, "reason": "quoted from the clause store"}
                for h in citations]
    return Answer(question, found.answer_text, citations, found.supporting(), found.related(), "extractive",
                  verified, found.found, None, found.confidence, found.types, found.scope, found.out_of_scope)


def answer(corpus, question: str, filters: SearchFilters | None = None, searcher=None, mode: str = "auto",
           overrides: dict | None = None, client=None) -> Answer:
    """Answer a question. mode 'auto' is generative when LLM_URL is set, else extractive."""
    if mode not in MODES:
        raise QueryError(f"unknown answer mode {mode!r}; use one of {', '.join(MODES)}",
                         zh=f"回答方式只能是 {'、'.join(MODES)} 之一")
    from kb.answer.concordance_route import route

    routed = route(corpus, _clean(question))     # "环保法第六十三条现在对应法典哪一条"
    if routed is not None:
        return routed
    base = extractive_answer(corpus, question, filters, searcher)
    url = settings.get("LLM_URL", overrides)
    if base.out_of_scope or mode == "extractive" or (mode == "auto" and not url and client is None):
        return base
    from kb.answer.generative import generative_answer

    return generative_answer(corpus, base, filters, overrides, client)


def _clean(question) -> str:
    if not isinstance(question, str) or not question.strip():
        raise QueryError("the question is empty; ask e.g. 查封扣押最长多久", zh="请输入问题，例如：查封扣押最长多久")
    return question.strip()[:500]
