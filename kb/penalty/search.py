"""A plain description of a conduct → the penalty-table rows that sanction it.

Two signals, both shown: how well the description matches the row's conduct (TF-IDF cosine of
``kb.textsim`` features, the description expanded with the bureau thesaurus: 偷排 → 逃避监管 …),
and whether the project's search (``search(query, top_k, filters)``) finds the row's sanction
clause or the obligation clause it is linked to, as 1/(1 + rank) among the first
``PENALTY_SEARCH_DEPTH`` hits. The score is ``conduct + PENALTY_RETRIEVAL_WEIGHT * retrieval``; the
weight was chosen by leave-one-out over the development questions (``python -m
benchmarks.research_penalty``; README gives the held-out figure). The three are settings (kb/settings.py).

A description matches nothing when none of the top rows holds at least ``PENALTY_FOUND_COVERAGE`` of its
words (idf-weighted, bureau jargon in statute wording: ``kb.answer.extractive.coverage``, the
measure answers use): the result says so (``found: false``) and still lists the nearest rows. On
the 20 descriptions of tests/penalty/descriptions.jsonl the best row covers 0.40–1.00, on the
out-of-law questions of tests/answer/out_of_law_questions.txt 0.00–0.27; 0.35 lies between.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np

from kb.answer import word_weights_for
from kb.answer.extractive import coverage
from kb.errors import IndexMissingError, QueryError
from kb.penalty.table import PenaltyTable, load
from kb.search import SearchFilters
from kb.search.query import clean_query, run_search
from kb.search.thesaurus import expansions
from kb.textsim import features, jieba_module, matrix, vocabulary

_LOCK = threading.Lock()


@dataclass
class PenaltyMatch:
    row: dict
    score: float
    conduct: float
    retrieval: float
    coverage: float = 0.0

    def to_record(self) -> dict:
        return {**self.row, "score": round(self.score, 4), "conduct_score": round(self.conduct, 4),
                "retrieval_score": round(self.retrieval, 4), "coverage": round(self.coverage, 3)}


@dataclass
class PenaltyResult:
    query: str
    found: bool
    matches: list[PenaltyMatch] = field(default_factory=list)
    message: str = ""
    searched: bool = True           # False when the search index was missing (conduct match only)

    def to_record(self) -> dict:
        return {"query": self.query, "found": self.found, "message": self.message, "searched": self.searched,
                "rows": [m.to_record() for m in self.matches]}


def row_text(row: dict) -> str:
    lead = row.get("lead") or ""
    subject = lead.split("有下列")[0].split("下列")[0] if lead else ""
    return f"{subject}{row['conduct']}"


class ConductIndex:
    """TF-IDF vectors of every row's conduct (built once per table)."""

    def __init__(self, table: PenaltyTable):
        self.jieba = jieba_module()
        bags = [features(row_text(row), self.jieba) for row in table.rows]
        self.vocab, self.idf = vocabulary(bags)
        self.matrix = matrix(bags, self.vocab, self.idf)

    def scores(self, text: str) -> np.ndarray:
        query = matrix([features(text, self.jieba)], self.vocab, self.idf)
        return (query @ self.matrix.T).toarray()[0]


def conduct_index(table: PenaltyTable) -> ConductIndex:
    found = table.__dict__.get("_conduct_index")
    if found is None:
        with _LOCK:
            found = table.__dict__.get("_conduct_index") or ConductIndex(table)
            table.__dict__["_conduct_index"] = found
    return found


def _word_weights(corpus, text: str) -> dict[str, float]:
    return word_weights_for(corpus).weights(text)


def expanded(description: str) -> str:
    extra = [word for word, _ in expansions(description)]
    return description + (" " + " ".join(extra) if extra else "")


def retrieval_scores(table: PenaltyTable, hits) -> np.ndarray:
    """1/(1 + rank) of the best hit among each row's sanction clause and linked obligation clauses."""
    rank = {}
    for position, hit in enumerate(hits):
        rank.setdefault(hit.clause.id, position)
    scores = np.zeros(len(table.rows))
    for index, row in enumerate(table.rows):
        ids = [row["clause_id"]] + [ref["clause_id"] for ref in row["references"] if ref.get("clause_id")]
        found = [rank[i] for i in ids if i in rank]
        if found:
            scores[index] = 1.0 / (1 + min(found))
    return scores


def find(corpus, description: str, top_k: int = 5, laws: tuple[str, ...] = (), searcher=None,
         weight: float | None = None) -> PenaltyResult:
    """Rows matching a description (see the module docstring); ``weight`` overrides the setting."""
    try:
        text = clean_query(description)
    except QueryError:
        raise QueryError("describe the conduct, e.g. 未取得排污许可证排放污染物",
                         zh="请描述违法行为，例如：未取得排污许可证排放污染物") from None
    if top_k < 1:
        raise QueryError("top_k must be at least 1", zh="返回条数至少为 1")
    if weight is None:
        weight = float(corpus.setting("PENALTY_RETRIEVAL_WEIGHT"))
    table = load(corpus)
    conduct = conduct_index(table).scores(expanded(text))
    searched = True
    retrieval = np.zeros(len(table.rows))
    try:
        result = run_search(corpus, text, top_k=int(corpus.setting("PENALTY_SEARCH_DEPTH")),
                            filters=SearchFilters(laws=tuple(laws)), searcher=searcher, citations=False)
        retrieval = retrieval_scores(table, result.hits)
    except IndexMissingError:
        searched = False
    scores = conduct + weight * retrieval
    allowed = np.array([not laws or row["law"] in laws for row in table.rows])
    scores = np.where(allowed, scores, -1.0)
    order = np.argsort(-scores, kind="stable")[:top_k]
    matches = [PenaltyMatch(table.rows[i], float(scores[i]), float(conduct[i]), float(retrieval[i]))
               for i in order if scores[i] > -1.0]
    weights = _word_weights(corpus, text)
    for match in matches:
        match.coverage = coverage(weights, f"{row_text(match.row)} {match.row['text']}")
    best = max((m.coverage for m in matches), default=0.0)
    found = best >= float(corpus.setting("PENALTY_FOUND_COVERAGE"))
    message = "" if found else (f"没有找到与“{text[:40]}”相符的违法行为（描述中的词语在各条目中最多只找到 {best:.0%}）；"
                                "以下是最接近的条目，仅供参考")
    return PenaltyResult(text, found, matches, message, searched)
