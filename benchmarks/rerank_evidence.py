"""Re-ranker evidence from an article's own 款/项 and from the penalty table (issue 14s; research, not shipped).

A long 法律责任 article lists many conducts (项), so whole-article coverage (``coverage``) rewards length, and
sibling articles of one law share most words. Per candidate of the fused top N:

* ``unit_cover`` — the best IDF-weighted share (IDF over the candidates) of the question's words held by ONE
  unit of the article: a 款 without 项, or a 款's lead with one of its 项; ``unit_margin`` — that minus the
  best of the other candidates of the same law (0 for them when there are none);
* ``pen_sanction`` — for an article that is a penalty-table row's 处罚条款, the best match of the question to
  its rows' conducts; ``pen_duty`` — for an article a row's 违反条款 names (a duty), the best match to the
  conducts of the rows linking it. Match: the IDF-weighted cosine (IDF over the table's conducts) of the
  character bigrams of the question's content words and of the conduct;
* ``pen_margin`` — the better of the two minus the best of the other candidates of the same law;
  ``ask_penalty_x_pen`` — ``pen_sanction`` when the question asks for consequences (penalty_intent).

Not shipped (benchmarks/RESEARCH.md "Round 6 (issue 14s)": held out they raise STARD and lower the staff
questions), so they live here and not in kb/search/rerank.py: the research harness appends these columns
(``EVIDENCE``) after kb.search.rerank.FEATURES (benchmarks/research_rerank.candidate_features, switched on by
``research_query_side --evidence``), as benchmarks/law_model.py's are. The penalty table (kb.penalty.table,
cached in the corpus folder) is read once per ``Evidence``, on the first question that needs it; without a
corpus the ``pen_*`` features are 0.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

import numpy as np

from kb.clause import Clause, split_paragraphs
from kb.search.intent import penalty_intent
from kb.search.tokenize import content_tokens, normalize

EVIDENCE = ("unit_cover", "unit_margin", "pen_sanction", "pen_duty", "pen_margin", "ask_penalty_x_pen")
NOT_TEXT = re.compile(r"[\W\d_a-z]+")


def article_units(clause: Clause) -> list[str]:
    """An article's units, NFKC-folded and lower-cased (the statutes are in simplified characters; the t2s step
    of kb.search.tokenize.normalize would double the first query's cost): each 款 without 项, and each 款's
    lead with one of its 项."""
    units = []
    for para in split_paragraphs(unicodedata.normalize("NFKC", clause.text).lower()):
        if para.items:
            units.extend(para.text + item for item in para.items)
        else:
            units.append(para.text)
    return units or [clause.text]


def bigrams(text: str) -> frozenset[str]:
    """The character bigrams of a text's runs of Chinese characters (punctuation, digits, Latin dropped)."""
    grams: set[str] = set()
    for run in NOT_TEXT.split(normalize(text)):
        grams.update(run[i:i + 2] for i in range(len(run) - 1))
    return frozenset(grams)


class PenaltyConducts:
    """The penalty table's conducts by article, as bigram sets: of the rows an article sanctions (处罚条款)
    and of the rows that name it as their 违反条款 (keys: (document id, article number))."""

    def __init__(self, rows: list[dict]):
        self.sanction: dict[tuple, list[frozenset]] = {}
        self.duty: dict[tuple, list[frozenset]] = {}
        self.norm: dict[frozenset, float] = {}
        df: Counter = Counter()
        for row in rows:
            conduct = bigrams(row.get("conduct") or "")
            if not conduct or row.get("article") is None:
                continue
            df.update(conduct)
            self.sanction.setdefault((row["document_id"], row["article"]), []).append(conduct)
            for ref in row.get("references") or ():
                key = (row["document_id"], ref["article"])
                if ref["article"] != row["article"] and conduct not in self.duty.get(key, ()):
                    self.duty.setdefault(key, []).append(conduct)
        n = sum(len(v) for v in self.sanction.values())
        # squared IDF of a bigram over the table's conducts (one never seen: as rare as one seen once)
        self.weight = {g: math.log((1 + n) / (1 + k)) ** 2 for g, k in df.items()}
        self.unseen = math.log((1 + n) / 2) ** 2
        for conducts in self.sanction.values():
            for c in conducts:
                self.norm[c] = math.sqrt(sum(self.weight[g] for g in c)) or 1.0

    @classmethod
    def of_corpus(cls, corpus) -> "PenaltyConducts | None":
        """From the corpus's penalty table (built and cached by kb.penalty.table on first use); None when
        the corpus has no store."""
        from kb.penalty.table import load

        if corpus is None or not getattr(corpus, "exists", False):
            return None
        return cls(load(corpus).rows)

    def weigh(self, question: frozenset) -> tuple[dict[str, float], float]:
        """The question's bigrams with their weights, and its norm."""
        weights = {g: self.weight.get(g, self.unseen) for g in question}
        return weights, math.sqrt(sum(weights.values())) or 1.0

    def best(self, question: frozenset, weights: dict[str, float], conducts: list[frozenset]) -> float:
        """The best IDF-weighted cosine of the question's bigrams with one of ``conducts`` (norm of the
        question left out: the same for every candidate of a question, applied by ``match``)."""
        return max((sum(weights[g] for g in question & c) / self.norm[c] for c in conducts), default=0.0)

    def match(self, question: frozenset, clause: Clause, weighed: tuple[dict[str, float], float]
              ) -> tuple[float, float]:
        """(as 处罚条款, as 违反条款) of one candidate article."""
        key = (clause.document.id, clause.article)
        weights, norm = weighed
        return (self.best(question, weights, self.sanction.get(key, ())) / norm,
                self.best(question, weights, self.duty.get(key, ())) / norm)


def _margin(values: np.ndarray, same: np.ndarray) -> np.ndarray:
    """Each value minus the best of the other candidates of its law (0 when there is none)."""
    others = np.where(same, values[None, :], -np.inf).max(axis=1)
    return values - np.where(np.isfinite(others), others, 0.0)


class Evidence:
    """What the evidence columns read beyond kb.search.rerank.RowTraits: each row's units (cached) and the
    corpus's penalty-table conducts (``conducts``, or read from ``corpus`` on first use; None: no pen_* features)."""

    def __init__(self, corpus=None, conducts: PenaltyConducts | None = None):
        self.corpus = corpus
        self._penalty: PenaltyConducts | None | bool = False if conducts is None else conducts
        self.unit_cache: dict[int, list[str]] = {}

    def units(self, clauses: list[Clause], row: int) -> list[str]:
        """The article's 款 / 款 lead + 项 units, normalised (``article_units``)."""
        units = self.unit_cache.get(row)
        if units is None:
            units = self.unit_cache[row] = article_units(clauses[row])
        return units

    def penalty(self) -> PenaltyConducts | None:
        """The corpus's penalty-table conducts, read on first use."""
        if self._penalty is False:
            self._penalty = PenaltyConducts.of_corpus(self.corpus)
        return self._penalty


def evidence_columns(query: str, rows: np.ndarray, traits, source: Evidence) -> np.ndarray:
    """(len(rows) x len(EVIDENCE)) for the candidates ``rows`` best first (``traits``: kb.search.rerank.RowTraits;
    the question's words as kb.search.rerank.features reads them)."""
    n = len(rows)
    out = np.zeros((n, len(EVIDENCE)))
    if n == 0:
        return out
    words = [w for w in dict.fromkeys(content_tokens(normalize(query))) if len(w) >= 2]
    evidence(out, {name: i for i, name in enumerate(EVIDENCE)}, query, words, rows, traits.row_doc[rows],
             traits.clauses, source, penalty_intent(query))
    return out


def evidence(out: np.ndarray, col: dict[str, int], query: str, words: list[str], rows: np.ndarray,
             docs: np.ndarray, clauses: list[Clause], source: Evidence, asks_penalty: bool) -> None:
    """Fill the EVIDENCE columns of ``out`` for the candidates ``rows`` (``words``: the question's content
    words; ``docs``: the rows' documents)."""
    same = docs[:, None] == docs[None, :]
    np.fill_diagonal(same, False)
    if words:
        units = [source.units(clauses, r) for r in rows.tolist()]
        sizes = np.array([len(u) for u in units])
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        grid = np.fromiter((w in u for us in units for u in us for w in words), dtype=bool,
                           count=int(sizes.sum()) * len(words)).reshape(-1, len(words))
        held = np.logical_or.reduceat(grid, starts, axis=0)
        idf = np.log1p(len(rows) / (1.0 + held.sum(axis=0)))
        cover = np.maximum.reduceat(grid @ idf, starts) / max(float(idf.sum()), 1e-9)
        out[:, col["unit_cover"]] = cover
        out[:, col["unit_margin"]] = _margin(cover, same)
    table = source.penalty()
    if table is None:
        return
    question = bigrams("".join(content_tokens(normalize(query))))   # without 怎么/多少/吗 …
    if not question:
        return
    weighed = table.weigh(question)
    matches = np.array([table.match(question, clauses[r], weighed) for r in rows.tolist()]).reshape(len(rows), 2)
    out[:, col["pen_sanction"]] = matches[:, 0]
    out[:, col["pen_duty"]] = matches[:, 1]
    out[:, col["pen_margin"]] = _margin(matches.max(axis=1), same)
    out[:, col["ask_penalty_x_pen"]] = asks_penalty * matches[:, 0]
