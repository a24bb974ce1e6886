"""LawKB's embedded default embedding model, trained on the corpus at index time.

No Chinese transformer can be installed offline, so with ``LAWKB_MODEL`` unset LawKB trains its
own small model when it builds the index (``lawkb index``), from the corpus text alone:

* features: jieba tokens plus (optionally) CJK character bigrams of the text, weighted by
  sublinear tf x idf and L2-normalised;
* a feature embedding matrix E (features x EMBED_DIM) from a truncated SVD of the article x
  feature matrix (LSA), optionally refined with in-batch-negative contrastive training on
  self-supervised inverse-cloze pairs (a sentence of an article -> the rest of the article);
* a text's vector = normalise(features @ E). Query tokens are first expanded with the learned
  colloquial->legal table (kb.search.expansion), the only part learned from the dev questions.

Files written into the index directory: ``embedded_model.npz`` (E as float16, idf) and
``embedded_vocab.txt`` (one feature a line).

Measured candidates: see ``benchmarks/research_dense.py`` and the figures at the end of this
docstring (5-fold cross-validation by question on the 832 STARD dev questions, 23,837 in-force
national articles; "alone" is the dense retriever by itself, "fused" its fusion with BM25 +
expansion; rerun with ``.venv/bin/python -m benchmarks.research_dense``).

FIGURES
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import scipy.sparse as sp

NAME = "lawkb-embedded-v1"
MODEL_FILE = "embedded_model.npz"
VOCAB_FILE = "embedded_vocab.txt"

_DROP = re.compile(r"^[\s\W_]+$", re.UNICODE)
_CJK = re.compile(r"[\u4e00-\u9fff]+")
STOPWORDS = frozenset("的 了 是 在 和 与 或 及 等 对 被 把 吗 呢 吧 啊 么 什么 怎么 怎么办 如何 是否 能否 可以 应当 有 没有 我 你 他 她 它 我们 他们 这 那 这个 那个 一个 会 要 也 都 就 还 又 而 但 并 其 之 于 以 为 由 从 向 给 让 请问 请 问".split())


def tokenize(text: str) -> list[str]:
    """jieba precise-mode tokens, punctuation and whitespace dropped (stopwords kept)."""
    import jieba

    jieba.setLogLevel(60)
    return [t for t in jieba.lcut(text) if not _DROP.match(t)]


def features(tokens: Sequence[str], text: str | None, bigrams: bool) -> list[str]:
    """Content tokens, plus '#'-prefixed CJK character bigrams of the text when asked."""
    out = [t for t in tokens if t not in STOPWORDS]
    if bigrams and text:
        for run in _CJK.findall(text):
            out.extend("#" + run[i:i + 2] for i in range(len(run) - 1))
    return out


class EmbeddedModel:
    """Feature vocabulary + idf + embedding matrix; ``encode`` gives normalised float32 vectors."""

    def __init__(self, vocab: list[str], idf: np.ndarray, matrix: np.ndarray, bigrams: bool,
                 expand_queries: bool = True):
        self.vocab = vocab
        self.index = {f: i for i, f in enumerate(vocab)}
        self.idf = idf.astype(np.float32)
        self.matrix = np.ascontiguousarray(matrix, dtype=np.float32)
        self.bigrams = bigrams
        self.expand_queries = expand_queries
        self.name = NAME
        self.table: dict | None = None  # expansion table override (research); None = the shipped one
        self.dim = int(matrix.shape[1])

    # -- featurising ---------------------------------------------------------------------------
    def _weighted(self, tokens: Sequence[str], text: str | None, extra: Sequence[tuple[str, float]] = ()):
        counts: dict[int, float] = {}
        for f in features(tokens, text, self.bigrams):
            j = self.index.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0.0) + 1.0
        weights = {j: (1 + math.log(c)) * self.idf[j] for j, c in counts.items()}
        for token, w in extra:
            j = self.index.get(token)
            if j is not None and token not in STOPWORDS:
                weights[j] = weights.get(j, 0.0) + w * self.idf[j]
        return weights

    def sparse(self, texts: Sequence[str], queries: bool = False, token_lists=None) -> sp.csr_matrix:
        rows, cols, vals = [], [], []
        table = None
        if queries and self.expand_queries:
            from kb.search.expansion import _default_table

            table = self.table if self.table is not None else _default_table()
        for i, text in enumerate(texts):
            tokens = token_lists[i] if token_lists is not None else tokenize(text)
            extra: list[tuple[str, float]] = []
            if table:
                from kb.search.expansion import expand

                content = [t for t in tokens if t not in STOPWORDS]
                extra = expand(content, table)[len(content):]
            weights = self._weighted(tokens, text, extra)
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            rows += [i] * len(weights)
            cols += list(weights)
            vals += [w / norm for w in weights.values()]
        return sp.csr_matrix((np.array(vals, np.float32), (rows, cols)), shape=(len(texts), len(self.vocab)))

    def encode(self, texts: Sequence[str], queries: bool = False, token_lists=None) -> np.ndarray:
        vectors = np.asarray(self.sparse(texts, queries, token_lists) @ self.matrix, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    # -- files ---------------------------------------------------------------------------------
    def save(self, directory: str | Path) -> None:
        directory = Path(directory)
        np.savez(directory / MODEL_FILE, matrix=self.matrix.astype(np.float16), idf=self.idf,
                 bigrams=np.array(self.bigrams), expand=np.array(self.expand_queries))
        (directory / VOCAB_FILE).write_text("\n".join(self.vocab) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: str | Path) -> "EmbeddedModel":
        directory = Path(directory)
        data = np.load(directory / MODEL_FILE)
        vocab = (directory / VOCAB_FILE).read_text(encoding="utf-8").split("\n")[:-1]
        return cls(vocab, data["idf"], data["matrix"].astype(np.float32), bool(data["bigrams"]),
                   bool(data["expand"]))


def train(texts: Sequence[str], dim: int = 256, seed: int = 0, bigrams: bool = True, min_df: int | None = None,
          max_features: int = 150_000, token_lists=None,
          progress: Callable | None = None) -> EmbeddedModel:
    """Train the embedded model on article texts (truncated SVD of the tf-idf feature matrix)."""
    if token_lists is None:
        token_lists = [tokenize(t) for t in (progress(texts, total=len(texts), desc="dense tokens") if progress else texts)]
    if min_df is None:  # features seen once carry no co-occurrence signal, except in a tiny corpus
        min_df = 2 if len(texts) >= 1000 else 1
    feats = [features(toks, text, bigrams) for toks, text in zip(token_lists, texts)]
    df: dict[str, int] = {}
    for fs in feats:
        for f in set(fs):
            df[f] = df.get(f, 0) + 1
    kept = sorted((f for f, c in df.items() if c >= min_df), key=lambda f: (-df[f], f))[:max_features]
    kept.sort()
    n = len(texts)
    idf = np.array([math.log((n + 1) / (df[f] + 1)) + 1 for f in kept], np.float32)
    model = EmbeddedModel(kept, idf, np.zeros((len(kept), 1), np.float32), bigrams, expand_queries=False)
    x = model.sparse(texts, token_lists=token_lists)
    dim = min(dim, x.shape[0] - 1, x.shape[1] - 1)
    from sklearn.utils.extmath import randomized_svd

    _, s, vt = randomized_svd(x, n_components=dim, n_iter=4, random_state=seed)
    matrix = vt.T.astype(np.float32)
    model = EmbeddedModel(kept, idf, matrix, bigrams, expand_queries=True)
    return model
