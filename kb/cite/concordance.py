"""Old→new concordance: each article of a statute the 生态环境法典 replaced, aligned to the Code.

Which statutes: every document whose ``repeal_basis`` (derived by kb.repeal from the repealing
article) cites a 法典 — never a hard-coded list. The version aligned is the one the Code repealed.

How: every article (old and Code) becomes an L2-normalised TF-IDF vector of character 2-/3-grams
plus jieba words; the first pass takes cosine similarity. Each old law's best matches show which
Code units (编+章, or 节 within 第五编 法律责任) it went into; the second pass boosts those units
and keeps 法律责任 with 法律责任. Confidence mixes the best score with its margin over the runner-up;
its bands (high ≥ 0.6, medium ≥ 0.35, low) were fixed before a hand check of 90 mappings of all
ten statutes measured how often each band's top match is right (BAND_PRECISION, quoted in every
hint). An article with two or more 款 or 项 also has each of them aligned on its own (the Code
article holding most of its idf-weighted terms, liability with liability): when they go to
different Code articles the article is ``split``. ``kb.cite.changes`` says what changed, only for
high-band pairs (elsewhere a note could compare the wrong articles). The result is cached in the
corpus folder (concordance.json) and recomputed when ``store.corpus_hash()`` changes; looking up
one cited clause is ``kb.cite.counterpart``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field

import numpy as np
from scipy import sparse

from kb.cachefile import load_or_build
from kb.cite.changes import describe_changes
from kb.clause import Clause, Document, heading_kind, heading_label
from kb.errors import NotFoundError
from kb.numerals import int_to_cn
from kb.textsim import features as _features
from kb.textsim import jieba_module as _jieba
from kb.textsim import matrix as _matrix
from kb.textsim import vocabulary as _vocabulary

CACHE_NAME = "concordance.json"
CACHE_VERSION = 3
NO_MATCH = 0.12          # cosine below this: no counterpart
LOW, HIGH = 0.35, 0.6    # confidence bands
# hand-checked top-1 mappings per band (correct, checked): see tests/cite/test_concordance.py
BAND_PRECISION = {"high": (61, 61), "medium": (15, 18), "low": (2, 11)}
PART_PRECISION = (21, 24)  # hand-checked 款/项 that went to another Code article than their article
UNIT_FLOOR, UNIT_WEIGHT, BOOK_WEIGHT = 0.6, 0.1, 0.3
PART_FLOOR = 0.5         # a 款/项 aligned on its own: share of its (idf-weighted) terms the Code article holds
PART_MARGIN = 0.1        # ... and it stays with the whole article's match unless another holds this much more


@dataclass
class Pair:
    """One old article and the Code article it went into (None: no counterpart found)."""

    old_article: int
    old_suffix: int
    old_label: str
    old_path: list[str]
    new_article: int | None
    new_suffix: int
    new_label: str | None
    new_path: list[str]
    score: float
    confidence: float
    band: str                                  # high | medium | low | none
    changes: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    # an article split over several Code articles: [[第一项, Code label], …], one per 款/项 aligned
    parts: list[list[str]] = field(default_factory=list)

    def to_record(self) -> dict:
        return asdict(self)

    @property
    def split(self) -> bool:
        return len({label for _part, label in self.parts}) > 1


@dataclass
class LawConcordance:
    old_title: str
    old_document_id: int
    old_version: str | None
    new_title: str
    new_document_id: int
    repeal_date: str | None
    pairs: list[Pair]

    def pair_for(self, article: int, suffix: int = 0) -> Pair | None:
        for pair in self.pairs:
            if (pair.old_article, pair.old_suffix) == (article, suffix):
                return pair
        return None

    def to_record(self) -> dict:
        record = {k: v for k, v in asdict(self).items() if k != "pairs"}
        record["pairs"] = [p.to_record() for p in self.pairs]
        return record

    @classmethod
    def from_record(cls, record: dict) -> "LawConcordance":
        pairs = [Pair(**p) for p in record["pairs"]]
        return cls(**{**record, "pairs": pairs})


def replaced_statutes(store) -> list[tuple[Document, Document]]:
    """(old version, Code version) for every document whose repeal basis cites a 法典."""
    found = []
    for doc in store.documents():
        basis = doc.repeal_basis or ""
        match = re.match(r"《([^》]*法典)》", basis)
        if not match or doc.title == match.group(1):
            continue
        code = store.version_on(match.group(1), doc.repeal_date) or store.current_version(match.group(1))
        if code is not None:
            found.append((doc, code))
    return sorted(found, key=lambda pair: pair[0].id)


def _unit(clause: Clause) -> tuple[str, ...]:
    """编+章 (分编 skipped: the chapters are numbered through the 编), or 编+章+节 in 第五编 法律责任."""
    path = tuple(h for h in clause.path if heading_kind(h) != "分编")
    return path[:3] if _is_code_liability(clause) else path[:2]


def _is_code_liability(clause: Clause) -> bool:
    return bool(clause.path) and heading_label(clause.path[0]) == "第五编"


def _is_liability(clause: Clause) -> bool:
    return any("法律责任" in p for p in clause.path)


def align(store, old_doc: Document, code_doc: Document, code_clauses: list[Clause] | None = None,
          code_matrix=None, vocab=None, idf=None, old_bags: list[Counter] | None = None) -> LawConcordance:
    """Align every article of old_doc to code_doc (see the module docstring)."""
    jieba = _jieba()
    old_clauses = store.clauses(old_doc.id, kinds=("article",))
    if code_clauses is None:
        code_clauses = store.clauses(code_doc.id, kinds=("article",))
    if old_bags is None:
        old_bags = [_features(c.text, jieba) for c in old_clauses]
    if code_matrix is None:
        code_bags = [_features(c.text, jieba) for c in code_clauses]
        vocab, idf = _vocabulary(code_bags + old_bags)
        code_matrix = _matrix(code_bags, vocab, idf)
    old_matrix = _matrix(old_bags, vocab, idf)
    sims = (old_matrix @ code_matrix.T).toarray()
    units = [_unit(c) for c in code_clauses]
    unit_ids = {u: i for i, u in enumerate(dict.fromkeys(units))}
    code_unit = np.array([unit_ids[u] for u in units])
    liability_code = np.array([_is_liability(c) or _is_code_liability(c) for c in code_clauses])
    books = {b: i for i, b in enumerate(dict.fromkeys(c.path[:1] for c in code_clauses))}
    code_book = np.array([books[c.path[:1]] for c in code_clauses])
    # pass 1: which Code units (and 编) did this law go into?
    weight, book_weight = np.zeros(len(unit_ids)), np.zeros(len(books))
    for row in sims:
        best = int(row.argmax())
        weight[code_unit[best]] += row[best]
        book_weight[code_book[best]] += row[best]
    affinity = weight / weight.max() if weight.max() > 0 else weight
    book_affinity = book_weight / book_weight.max() if book_weight.max() > 0 else book_weight
    boost = UNIT_FLOOR + UNIT_WEIGHT * affinity[code_unit] + BOOK_WEIGHT * book_affinity[code_book]
    part_rows, part_index = _parts(old_clauses)
    part_cover = _coverage([text for _i, _label, text in part_rows], code_clauses, vocab, idf)
    pairs = []
    for index, clause in enumerate(old_clauses):
        liability = _is_liability(clause)
        gate = np.where(liability_code == liability, 1.0, 0.85)
        scores = sims[index] * boost * gate
        parts = []
        whole = int(np.argmax(scores))
        for row in part_index.get(index, []):
            part_scores = np.where(liability_code == liability, part_cover[row], 0.0)
            top = int(part_scores.argmax())
            if part_scores[whole] >= part_scores[top] - PART_MARGIN:
                top = whole             # the article the whole went to holds it about as well
            if part_scores[top] >= PART_FLOOR:
                parts.append([part_rows[row][1], code_clauses[top].article_label])
        order = np.argsort(-scores)[:4]
        best, second = float(scores[order[0]]), float(scores[order[1]]) if len(order) > 1 else 0.0
        raw = float(sims[index][order[0]])
        margin = (best - second) / best if best > 0 else 0.0
        confidence = round(min(1.0, best / 0.55) * (0.55 + 0.45 * min(1.0, margin * 3)), 3)
        if raw < NO_MATCH:
            pairs.append(Pair(clause.article, clause.article_suffix, clause.article_label, list(clause.path),
                              None, 0, None, [], round(raw, 4), 0.0, "none",
                              ["法典中未找到对应条文（可能被删除或并入其他条文）"]))
            continue
        new = code_clauses[int(order[0])]
        band = "high" if confidence >= HIGH else "medium" if confidence >= LOW else "low"
        pairs.append(Pair(clause.article, clause.article_suffix, clause.article_label, list(clause.path),
                          new.article, new.article_suffix, new.article_label, list(new.path), round(best, 4),
                          confidence, band, describe_changes(clause.text, new.text) if band == "high" else [],
                          [code_clauses[int(i)].article_label for i in order[1:]
                           if scores[int(i)] >= 0.8 * best], parts))
    return LawConcordance(old_doc.title, old_doc.id, old_doc.version_date, code_doc.title, code_doc.id,
                          old_doc.repeal_date, pairs)


def _coverage(texts: list[str], code_clauses: list[Clause], vocab: dict[str, int], idf: np.ndarray) -> np.ndarray:
    """For each text and Code article: the idf-weighted share of the text's terms the article holds
    (containment, so a long Code article that took in a short 项 among others still scores high)."""
    if not texts:
        return np.zeros((0, len(code_clauses)))
    jieba = _jieba()

    def binary(bags):
        rows, cols = [], []
        for row, bag in enumerate(bags):
            for term in bag:
                col = vocab.get(term)
                if col is not None:
                    rows.append(row)
                    cols.append(col)
        return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(bags), len(vocab)))

    parts = binary([_features(text, jieba) for text in texts])
    code = binary([_features(c.text, jieba) for c in code_clauses])
    weighted = parts @ sparse.diags(idf)
    totals = np.asarray(weighted.sum(axis=1)).ravel()
    totals[totals == 0] = 1
    return (weighted @ code.T).toarray() / totals[:, None]


def _parts(clauses: list[Clause]) -> tuple[list[tuple[int, str, str]], dict[int, list[int]]]:
    """The 项 (or, without 项, the 款) of every article with two or more, as (article index, label,
    text) rows, and article index -> its rows."""
    rows: list[tuple[int, str, str]] = []
    index: dict[int, list[int]] = {}
    for position, clause in enumerate(clauses):
        paragraphs = clause.paragraphs()
        items = [(p, i, text) for p in paragraphs for i, text in enumerate(p.items, 1)]
        if len(items) >= 2:
            several = len(paragraphs) > 1
            found = [(f"第{int_to_cn(p.index)}款第（{int_to_cn(i)}）项" if several else f"第（{int_to_cn(i)}）项", text)
                     for p, i, text in items]
        elif len(paragraphs) >= 2:
            found = [(f"第{int_to_cn(p.index)}款", p.full_text) for p in paragraphs]
        else:
            continue
        for label, text in found:
            index.setdefault(position, []).append(len(rows))
            rows.append((position, label, text))
    return rows, index


def build_all(store) -> list[LawConcordance]:
    """Concordances of every statute replaced by a Code, one shared vocabulary per Code."""
    jieba = _jieba()
    result = []
    by_code: dict[int, list[Document]] = {}
    codes: dict[int, Document] = {}
    for old, code in replaced_statutes(store):
        by_code.setdefault(code.id, []).append(old)
        codes[code.id] = code
    for code_id, olds in by_code.items():
        code_clauses = store.clauses(code_id, kinds=("article",))
        code_bags = [_features(c.text, jieba) for c in code_clauses]
        old_bags = {old.id: [_features(c.text, jieba) for c in store.clauses(old.id, kinds=("article",))] for old in olds}
        vocab, idf = _vocabulary(code_bags + [bag for bags in old_bags.values() for bag in bags])
        code_matrix = _matrix(code_bags, vocab, idf)
        for old in olds:
            result.append(align(store, old, codes[code_id], code_clauses, code_matrix, vocab, idf, old_bags[old.id]))
    return result


def load(corpus, rebuild: bool = False) -> list[LawConcordance]:
    """All concordances, from the cache in the corpus folder when it matches the corpus hash."""
    digest = corpus.store.corpus_hash()
    if rebuild:
        corpus.forget("concordances")
    return corpus.cached("concordances", lambda: (digest, _load_or_build(corpus, digest, rebuild)),
                         valid=lambda cached: cached[0] == digest)[1]


def _load_or_build(corpus, digest: str, rebuild: bool) -> list[LawConcordance]:
    """The concordances from the cache file in the corpus folder when it matches, else built and saved."""
    records = load_or_build(corpus.dir / CACHE_NAME, {"version": CACHE_VERSION, "corpus_hash": digest}, "laws",
                            lambda: [law.to_record() for law in build_all(corpus.store)], rebuild)
    return [LawConcordance.from_record(record) for record in records]


def for_law(corpus, name: str) -> LawConcordance:
    """The concordance of one replaced statute, by any name of it (环境保护法, 环保法…)."""
    titles = corpus.law_names.resolve(name) or [name]
    laws = load(corpus)
    for law in laws:
        if law.old_title in titles:
            return law
    replaced = "、".join(law.old_title for law in laws) or "none in this store"
    raise NotFoundError(f"{name!r} is not a statute replaced by a Code (replaced: {replaced})",
                        zh=f"“{name}”不是被法典取代的法律（被取代的有：{replaced}）")
