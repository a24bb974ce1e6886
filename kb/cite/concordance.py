"""Old→new concordance: each article of a statute the 生态环境法典 replaced, aligned to the Code.

Which statutes: every document whose ``repeal_basis`` (derived by kb.repeal from the repealing
article) cites a 法典 — never a hard-coded list. The version aligned is the one the Code repealed.

How: every article (old and Code) becomes an L2-normalised TF-IDF vector of character 2-/3-grams
plus jieba words; the first pass takes cosine similarity. Each old law's best matches show which
Code units (编+章, or 节 within 第五编 法律责任) it went into; the second pass boosts those units
and keeps 法律责任 with 法律责任. Confidence mixes the best score with its margin over the runner-up.
``kb.cite.changes`` then says what changed. The result is cached in the corpus folder
(concordance.json) and recomputed when ``store.corpus_hash()`` changes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field

import numpy as np

from kb.cite.changes import describe_changes
from kb.cachefile import load_or_build
from kb.clause import Clause, Document, Hit
from kb.errors import NotFoundError
from kb.textsim import PUNCT as _PUNCT
from kb.textsim import features as _features
from kb.textsim import jieba_module as _jieba
from kb.textsim import matrix as _matrix
from kb.textsim import vocabulary as _vocabulary

CACHE_NAME = "concordance.json"
CACHE_VERSION = 2
NO_MATCH = 0.12          # cosine below this: no counterpart
LOW, HIGH = 0.35, 0.6    # confidence bands
UNIT_FLOOR, UNIT_WEIGHT, BOOK_WEIGHT = 0.6, 0.1, 0.3


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

    def to_record(self) -> dict:
        return asdict(self)


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
    path = clause.path
    return tuple(path[:3]) if path and path[0] == "第五编" else tuple(path[:2])


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
    liability_code = np.array([_is_liability(c) or c.path[:1] == ("第五编",) for c in code_clauses])
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
    pairs = []
    for index, clause in enumerate(old_clauses):
        liability = _is_liability(clause)
        gate = np.where(liability_code == liability, 1.0, 0.85)
        scores = sims[index] * boost * gate
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
                          confidence, band, describe_changes(clause.text, new.text),
                          [code_clauses[int(i)].article_label for i in order[1:]
                           if scores[int(i)] >= 0.8 * best]))
    return LawConcordance(old_doc.title, old_doc.id, old_doc.version_date, code_doc.title, code_doc.id,
                          old_doc.repeal_date, pairs)


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


def counterpart(corpus, document: Document, clause: Clause,
                laws: list[LawConcordance] | None = None) -> tuple[Hit | None, str] | None:
    """The Code article for an article of a replaced statute, as (hit, note); None if not replaced.
    ``laws``: the concordances when the caller already has them (one load per check)."""
    if not document.repeal_basis or "法典" not in document.repeal_basis:
        return predecessor(corpus, document, clause, laws)
    law = next((l for l in (laws if laws is not None else load(corpus)) if l.old_document_id == document.id), None)
    if law is None:
        return None
    pair = law.pair_for(clause.article, clause.article_suffix)
    if pair is None or pair.new_article is None:
        return None, f"{document.repeal_basis}已废止该法，法典中未找到对应条文，请人工查找"
    new = corpus.store.article(law.new_document_id, pair.new_article, pair.new_suffix)
    refined = _refine(corpus, law, clause, new) if clause.paragraph is not None and new is not None else None
    if refined is not None:
        new = refined
    if new is None:
        return None, "对照表已过期，请重建（lawkb concordance --rebuild）"
    hint = "" if pair.band == "high" and refined is None else "（对应关系置信度较低，请人工核对）"
    if refined is not None:
        hint = f"（按所引款项比对；整条对应{pair.new_label}，请人工核对）"
    notes = describe_changes(_with_lead(clause), new.text) if refined is not None else pair.changes
    changes = f"；变化：{'；'.join(notes)}" if notes else ""
    note = f"该法已由{document.repeal_basis}废止，对应条文为《{law.new_title}》{new.article_label}{hint}{changes}"
    return Hit(new, pair.confidence, "concordance"), note


def _bigrams(text: str) -> set[str]:
    plain = _PUNCT.sub("", text)
    return {plain[i:i + 2] for i in range(len(plain) - 1)}


def _with_lead(clause: Clause) -> str:
    """A cited 项 with the lead-in of its 款 (where the penalty usually is); a 款 as it is."""
    if clause.item is None or clause.paragraph is None:
        return clause.focus_text
    paragraphs = clause.paragraphs()
    if not 1 <= clause.paragraph <= len(paragraphs):
        return clause.focus_text
    return paragraphs[clause.paragraph - 1].text + "\n" + clause.focus_text


def _refine(corpus, law: LawConcordance, clause: Clause, new: Clause) -> Clause | None:
    """For a cited 款/项 of a split-up article: the Code article (same 编) holding most of its text,
    when it holds clearly more of it than the whole-article match does."""
    grams = corpus.cached(("concordance_grams", law.new_document_id), lambda: [
        (c, _bigrams(c.text)) for c in corpus.store.clauses(law.new_document_id, kinds=("article",))])
    focus = _bigrams(clause.focus_text)
    if len(focus) < 8:
        return None
    current = len(focus & _bigrams(new.text)) / len(focus)
    book = new.path[:1]
    best, best_score = None, current
    for candidate, candidate_grams in grams:
        if candidate.path[:1] != book:
            continue
        score = len(focus & candidate_grams) / len(focus)
        if score > best_score:
            best, best_score = candidate, score
    return best if best is not None and best_score >= current + 0.1 and best_score >= 0.4 else None


def predecessor(corpus, document: Document, clause: Clause,
                laws: list[LawConcordance] | None = None) -> tuple[Hit | None, str] | None:
    """For a Code article cited before the Code is in force: the statute article still in force
    that the concordance aligns to it (best confidence), as (hit, note); None if there is none."""
    marker = f"《{document.title}》"
    if not document.effective_date or not any(marker in (d.repeal_basis or "") for d in corpus.store.documents()):
        return None
    best = None
    for law in laws if laws is not None else load(corpus):
        if law.new_document_id != document.id:
            continue
        for pair in law.pairs:
            if (pair.new_article, pair.new_suffix) == (clause.article, clause.article_suffix) and pair.band != "none":
                if best is None or pair.confidence > best[1].confidence:
                    best = (law, pair)
    if best is None:
        return None
    law, pair = best
    old = corpus.store.article(law.old_document_id, pair.old_article, pair.old_suffix)
    if old is None:
        return None
    hint = "" if pair.band == "high" else "（对应关系置信度较低，请人工核对）"
    note = (f"《{document.title}》自{document.effective_date}起施行，此前对应的现行条文为"
            f"《{law.old_title}》{old.article_label}{hint}")
    return Hit(old, pair.confidence, "concordance"), note
