"""LawKB's embedded default embedding model, trained on the corpus at index time.

No Chinese transformer can be installed offline, so with ``LAWKB_MODEL`` unset LawKB trains its
own small model when it builds the index (``lawkb index``), from the corpus text alone
(model name lawkb-embedded-v2):

* tokens: jieba precise-mode tokens, stopwords dropped, in >= 2 articles (>= 1 in a corpus under
  1,000 articles; 15k tokens for the national corpus);
* word vectors W = U sqrt(S) from a 256-d (EMBED_DIM) randomized SVD of the PPMI matrix of token
  co-occurrence within +-8 tokens of an article (context smoothing 0.75, fixed seed);
* a text = normalise(sum of SIF-weighted word vectors a/(a + p(w)), a = 1e-3), minus the first
  principal component of the article vectors (folded into W: encoding is one sparse product);
* a query's tokens are first expanded with the learned colloquial->legal table (kb.search.expansion,
  weight QUERY_ALPHA x SIF weight) — the only part learned from the dev questions — and with the
  hand-made bureau-jargon thesaurus (kb.search.thesaurus: 环评 -> 环境影响评价, so 未批先建环评怎么处罚
  finds the Eco-Environment Code in dense search).

Files in ``<index>/dense/``: ``embedded_model.npz`` (W float16, weights), ``embedded_vocab.txt``.
National corpus: trained + encoded in ~20 s, 34 MB on disk; query encoding ~0.2 ms. Why this model
(against LSA, LSA + contrastive refinement, other windows and dimensions): benchmarks/RESEARCH.md.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import scipy.sparse as sp

from kb.search.expansion import expand
from kb.search.thesaurus import expansions
from kb.search.tokenize import STOPWORDS, precise_tokens

SMALL_CORPUS = 1000  # articles: below this a token seen once still counts
NAME = "lawkb-embedded-v2"  # v2: PPMI-SVD word vectors + SIF
MODEL_FILE = "embedded_model.npz"
VOCAB_FILE = "embedded_vocab.txt"
THESAURUS_SCALE = 2.0  # a thesaurus word (weight 0.5 there) weighs like a query token in a query vector
QUERY_ALPHA = 0.5  # weight of the strongest expansion word in a query vector (x its SIF weight); CV-measured

_CJK = re.compile(r"[\u4e00-\u9fff]+")


def features(tokens: Sequence[str], text: str | None, bigrams: bool) -> list[str]:
    """Content tokens, plus '#'-prefixed CJK character bigrams of the text when asked."""
    out = [t for t in tokens if t not in STOPWORDS]
    if bigrams and text:
        for run in _CJK.findall(text):
            out.extend("#" + run[i:i + 2] for i in range(len(run) - 1))
    return out


def _thesaurus_words(text: str) -> list[tuple[str, float]]:
    """Statute words for bureau jargon in a query (kb.search.thesaurus), as tokens."""
    found = expansions(text)
    out = []
    for phrase, weight in found:
        out += [(token, weight * THESAURUS_SCALE) for token in precise_tokens(phrase)]
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
        self.query_alpha = QUERY_ALPHA
        self.method = "stored"  # how it was trained (set by train; not kept on disk)
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
        for i, text in enumerate(texts):
            tokens = token_lists[i] if token_lists is not None else precise_tokens(text)
            extra: list[tuple[str, float]] = []
            if queries and self.expand_queries:
                content = [t for t in tokens if t not in STOPWORDS]
                extra = expand(content, alpha=self.query_alpha)[len(content):] + _thesaurus_words(text)
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


def train(texts: Sequence[str], dim: int = 256, seed: int = 0, min_df: int | None = None, token_lists=None,
          window: int = 8, sif_a: float = 1e-3, progress: Callable | None = None) -> EmbeddedModel:
    """Train the embedded model (PPMI-SVD + SIF, see the module docstring) on article texts."""
    if token_lists is None:
        token_lists = [precise_tokens(t) for t in (progress(texts, total=len(texts), desc="dense tokens") if progress else texts)]
    if min_df is None:  # features seen once carry no co-occurrence signal, except in a tiny corpus
        min_df = 2 if len(texts) >= SMALL_CORPUS else 1
    model = train_ppmi_sif(texts, token_lists, dim, seed, min_df, window, sif_a)
    model.method = "ppmi-sif"
    return model


def train_ppmi_sif(texts: Sequence[str], token_lists, dim: int = 256, seed: int = 0, min_df: int = 2,
                   window: int = 8, a: float = 1e-3) -> EmbeddedModel:
    """``train_ppmi_sif_ids`` over token lists (research code; the index build passes token ids)."""
    from kb.search.row_tokens import TokenColumn, _encode

    column = TokenColumn()
    for start in range(0, len(token_lists), 5000):
        column.add(*_encode(list(token_lists[start:start + 5000])))
    model, _vectors = train_ppmi_sif_ids(column.finish(), dim, seed, min_df, window, a)
    return model


def train_ppmi_sif_ids(column, dim: int = 256, seed: int = 0, min_df: int = 2, window: int = 8,
                       a: float = 1e-3) -> tuple[EmbeddedModel, np.ndarray]:
    """Word vectors from the SVD of a PPMI co-occurrence matrix, texts as SIF-weighted sums.

    ``column``: the rows' tokens (kb.search.row_tokens.TokenColumn). Co-occurrence within +-window
    content tokens of an article; PPMI with context-distribution smoothing (0.75); W = U sqrt(S).
    A text = sum over its tokens of a/(a + p(w)) x W[w] (EmbeddedModel.encode with the SIF weights
    as "idf"), minus its projection on the first principal component of the article vectors
    (folded into W, so encoding stays one product). Returns the model and the rows' vectors
    (what ``model.encode`` gives for them), computed from int arrays so that 150k articles fit in
    a few hundred MB.
    """
    from sklearn.utils.extmath import randomized_svd  # on use: 1-3 s, only an index build trains

    names = np.empty(len(column.vocab), dtype=object)
    for token, i in column.vocab.items():
        names[i] = token
    n_rows = column.n_rows
    row_of = np.repeat(np.arange(n_rows, dtype=np.int64), np.diff(column.offsets))
    content = ~np.fromiter((name in STOPWORDS for name in names), dtype=bool, count=len(names))[column.ids] \
        if len(names) else np.zeros(0, bool)
    ids, row_of = column.ids[content], row_of[content]
    df = np.bincount(np.unique(row_of * max(len(names), 1) + ids) % max(len(names), 1), minlength=len(names))
    kept = np.flatnonzero(df >= min_df)
    order = sorted(range(len(kept)), key=lambda i: names[kept[i]])
    vocab = [names[kept[i]] for i in order]
    position = np.full(len(names), -1, dtype=np.int64)
    position[kept[order]] = np.arange(len(order))
    seq = position[ids]
    valid = seq >= 0
    seq, row_of = seq[valid], row_of[valid]
    n = len(vocab)
    if n < 3:
        raise ValueError("the corpus is too small to train the embedded model")
    counts = np.bincount(seq, minlength=n).astype(np.float64)
    co = sp.csr_matrix((n, n), dtype=np.float32)
    for k in range(1, window + 1):  # one offset at a time keeps the pair arrays small
        same = row_of[:-k] == row_of[k:]
        if not same.any():
            break
        left, right = seq[:-k][same], seq[k:][same]
        pairs = sp.csr_matrix((np.ones(len(left), np.float32), (left, right)), shape=(n, n))
        co = co + pairs + pairs.T
    co.sum_duplicates()
    if co.nnz == 0:
        raise ValueError("the corpus is too small to train the embedded model")
    total = float(co.sum())
    row_share = np.asarray(co.sum(1)).ravel() / total
    context = np.asarray(co.sum(0)).ravel() ** 0.75
    context /= context.sum()
    coo = co.tocoo()
    pmi = np.log(coo.data / total / (row_share[coo.row] * context[coo.col]))
    keep = pmi > 0
    ppmi = sp.csr_matrix((pmi[keep].astype(np.float32), (coo.row[keep], coo.col[keep])), shape=(n, n))
    del co, coo, pmi
    dim = min(dim, n - 1)
    u, s, _ = randomized_svd(ppmi, n_components=dim, n_iter=4, random_state=seed)
    words = (u * np.sqrt(s)).astype(np.float32)
    sif = (a / (a + counts / counts.sum())).astype(np.float32)
    x = sp.csr_matrix((np.ones(len(seq), np.float32), (row_of, seq)), shape=(n_rows, n))
    x.sum_duplicates()
    x.data = (1 + np.log(x.data)) * sif[x.indices]
    norms = np.sqrt(np.asarray(x.multiply(x).sum(1)).ravel())
    x = sp.diags((1 / np.where(norms > 0, norms, 1)).astype(np.float32)) @ x

    def encode(matrix):
        vectors = np.asarray(x @ matrix, dtype=np.float32)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)

    docs = encode(words)
    _, eigenvectors = np.linalg.eigh((docs.T @ docs).astype(np.float64))  # first principal direction
    pc = eigenvectors[:, -1].astype(np.float32)
    del docs
    matrix = words - np.outer(words @ pc, pc)
    model = EmbeddedModel(vocab, sif, matrix, bigrams=False, expand_queries=True)
    model.method = "ppmi-sif"
    return model, encode(model.matrix)
