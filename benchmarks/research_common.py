"""Shared plumbing for the dense/expansion research scripts (not part of the product).

Loads the in-force national articles from a clause store, the STARD dev questions from
``../shared/data/stard/train.jsonl`` (never copied into the repo), a plain sparse BM25 over jieba
tokens, K-fold splits by question, and Recall@10 / MRR@10.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import numpy as np
import scipy.sparse as sp

QUESTIONS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "stard" / "train.jsonl"
CACHE = Path(os.environ.get("LAWKB_RESEARCH_CACHE", "/tmp/lawkb-research"))


def load_articles(store_path: str | Path):
    """(clauses, key->row) for the current in-force version of every national law."""
    from kb.store import ClauseStore

    store = ClauseStore(store_path)
    clauses, keys = [], {}
    for clause in store.iter_clauses(("article",)):
        doc = store.with_status_today(clause.document)
        if doc.status not in ("现行有效", "已被修改"):
            continue
        key = (clause.law, clause.article)
        if clause.article_suffix == 0 and key not in keys:
            keys[key] = len(clauses)
        clauses.append(clause)
    return clauses, keys


def load_questions(keys):
    questions = []
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        rel = [keys[(law, art)] for law, art in record["relevant"] if (law, art) in keys]
        if rel:
            questions.append((record["text"], sorted(set(rel))))
    return questions


def folds(n: int, k: int = 5, seed: int = 0):
    """k folds of range(n) (numpy order): the split of research_dense, _expansion and _hybrid."""
    order = np.random.default_rng(seed).permutation(n)
    return [np.sort(order[i::k]) for i in range(k)]


def question_folds(n: int, k: int, seed: int = 0) -> list[list[int]]:
    """k disjoint folds of range(n), shuffled with random.Random: the split of research_fusion and
    research_lexical (their figures in README were measured on it)."""
    import random

    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def doc_text(clause) -> str:
    from kb.clause import short_title_of

    return " ".join((short_title_of(clause.law), *clause.path, clause.text))


def cached_tokens(name: str, texts: list[str], tokenize) -> list[list[str]]:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}.pkl"
    if path.exists():
        data = pickle.loads(path.read_bytes())
        if len(data) == len(texts):
            return data
    data = [tokenize(t) for t in texts]
    path.write_bytes(pickle.dumps(data))
    return data


class BM25:
    """Sparse BM25 (k1, b) over token lists; ``scores(weighted_terms)`` -> dense score vector."""

    def __init__(self, docs: list[list[str]], k1: float = 1.2, b: float = 0.75):
        vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for i, toks in enumerate(docs):
            counts: dict[int, int] = {}
            for t in toks:
                j = vocab.setdefault(t, len(vocab))
                counts[j] = counts.get(j, 0) + 1
            rows += [i] * len(counts)
            cols += list(counts)
            vals += list(counts.values())
        tf = sp.csr_matrix((np.array(vals, np.float32), (rows, cols)), shape=(len(docs), len(vocab)))
        lengths = np.asarray(tf.sum(1)).ravel()
        df = np.bincount(tf.indices, minlength=len(vocab))
        self.idf = np.log(1 + (len(docs) - df + 0.5) / (df + 0.5)).astype(np.float32)
        norm = k1 * (1 - b + b * lengths / lengths.mean())
        tf = tf.tocoo()
        w = tf.data * (k1 + 1) / (tf.data + norm[tf.row]) * self.idf[tf.col]
        self.matrix = sp.csc_matrix((w.astype(np.float32), (tf.row, tf.col)), shape=tf.shape)
        self.vocab = vocab
        self.df = df
        self.n = len(docs)

    def scores(self, terms) -> np.ndarray:
        """terms: iterable of token or (token, weight)."""
        q: dict[int, float] = {}
        for term in terms:
            tok, w = (term, 1.0) if isinstance(term, str) else term
            j = self.vocab.get(tok)
            if j is not None:
                q[j] = q.get(j, 0.0) + w
        if not q:
            return np.zeros(self.n, np.float32)
        idx = np.fromiter(q, int)
        sub = self.matrix[:, idx]
        return np.asarray(sub @ np.fromiter(q.values(), np.float32)).ravel()


def metrics(ranked: list[np.ndarray], relevant: list[list[int]], k: int = 10) -> tuple[float, float]:
    recall, mrr = [], []
    for top, rel in zip(ranked, relevant):
        top = list(top[:k])
        recall.append(len(set(top) & set(rel)) / len(rel))
        rr = 0.0
        for rank, row in enumerate(top, 1):
            if row in rel:
                rr = 1.0 / rank
                break
        mrr.append(rr)
    return float(np.mean(recall)), float(np.mean(mrr))


def topk(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(scores))
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.argsort(-scores[part], kind="stable")]
