"""LawKB's embedded default embedding model, trained on the corpus at index time.

No Chinese transformer can be installed offline, so with ``LAWKB_MODEL`` unset LawKB trains its
own small model when it builds the index (``lawkb index``), from the corpus text alone.

Default ("auto" -> "ppmi-sif" for corpora of >= 1,000 articles), model name lawkb-embedded-v2:

* tokens: jieba precise-mode tokens, stopwords dropped, in >= 2 articles (15k for the national
  corpus);
* word vectors W = U sqrt(S) from a 256-d (EMBED_DIM) randomized SVD of the PPMI matrix of token
  co-occurrence within +-8 tokens of an article (context smoothing 0.75, fixed seed);
* a text = normalise(sum of SIF-weighted word vectors a/(a + p(w)), a = 1e-3), minus the first
  principal component of the article vectors (folded into W: encoding is one sparse product);
* a query's tokens are first expanded with the learned colloquial->legal table (kb.search.expansion,
  weight QUERY_ALPHA x SIF weight) — the only part learned from the dev questions — and with the
  hand-made bureau-jargon thesaurus (kb.search.thesaurus: 环评 -> 环境影响评价, so 未批先建环评怎么处罚
  finds the Eco-Environment Code in dense search).

"lsa" (v1; used by "auto" for corpora under 1,000 articles, where co-occurrence statistics are too
thin): E = top right singular vectors of the sublinear-tf x idf article x (token + '#'CJK-bigram)
matrix; ``contrastive_epochs`` > 0 refines it with in-batch-negative InfoNCE on inverse-cloze pairs.

Files in ``<index>/dense/``: ``embedded_model.npz`` (W float16, weights), ``embedded_vocab.txt``.
National corpus: dense part trained + encoded in ~20 s (whole ``lawkb index`` 57 s wall, peak RSS
0.76 GB, 2 cores), 34 MB on disk; query encoding ~0.2 ms, scoring all 26k rows ~1.5-8 ms (load).

Chosen by measurement — 5-fold cross-validation by question on the 832 STARD dev questions
(``../shared/data/stard/train.jsonl``), 23,837 in-force national articles, article-level
Recall@10 / MRR@10, expansion tables learned on the 4 training folds only.

A. ``python -m benchmarks.research_dense [--only NAME] [--dense-alpha 0.5]`` — each candidate
   trained in-process; lexical side = a research BM25 over jieba tokens + expansion (alpha 0.5):
   R@10 0.603 / MRR@10 0.507; fusion = bm25/max + w x cosine (best w shown). Dense-query
   expansion 0.3 for the LSA rows (first run), 0.5 for the PPMI rows.

   candidate                            alone           no query exp.   best fusion (w)
   LSA jieba tokens, 256 d (15k f.)     0.352 / 0.237   0.287 / 0.202   0.597/0.505 (0.3)*
   LSA tokens + bigrams, 256 d (85k f.) 0.357 / 0.245   0.328 / 0.229   0.600/0.502 (0.2)*
   same + ICT contrastive, 3 epochs     0.384 / 0.262        -          0.601/0.502 (0.2)*
   PPMI-SVD + SIF, window 2             0.524 / 0.412        -          0.613/0.517 (1.0)
   PPMI-SVD + SIF, window 4             0.532 / 0.413   0.460 / 0.354   0.620/0.517 (1.0)
   PPMI-SVD + SIF, window 8 (default)   0.542 / 0.415        -          0.623/0.515 (1.0)
   PPMI-SVD + SIF, window 16            0.549 / 0.417        -          0.624/0.520 (1.0)
   PPMI-SVD + SIF, window 8, a = 1e-4   0.540 / 0.400        -          0.623/0.505 (1.0)
   PPMI-SVD + SIF, window 8, a = 1e-2   0.527 / 0.400        -          0.623/0.516 (1.0)
   PPMI-SVD + SIF, window 8, min_df 5   0.542 / 0.423        -          0.622/0.514 (1.0)
   PPMI-SVD + SIF, window 4, 384 d      0.541 / 0.419        -          0.614/0.510 (1.0)
   (* against lexical alpha 0.3 = 0.595 / 0.501.) The ICT research run took 631 s wall / 210 s
   CPU against ~60 s for LSA — over the index budget for no fusion gain. Window 16 doubles the
   co-occurrence memory and time for +0.001; 8 is the default.

B. ``LAWKB_HOME=... python -m benchmarks.research_hybrid [--dense-alpha A]`` — the production
   lexical index (expansion alpha 1.6: 0.629 / 0.526; without expansion 0.538 / 0.450), the built
   dense index, kb.search.hybrid.weighted min-max fusion over the union of both top-200 lists:

   model, dense-query expansion A     dense alone     w_lex 0.9       0.8             0.7
   LSA+bigrams (v1), 0.3              0.356 / 0.238   0.623 / 0.525   0.619 / 0.522   0.615 / 0.512
   LSA+bigrams (v1), 1.0              0.384 / 0.250   0.632 / 0.526   0.628 / 0.529       -
   PPMI-SIF w4, 0.3                   0.528 / 0.406       -           0.638 / 0.533   0.643 / 0.532
   PPMI-SIF w4, 0.5                   0.536 / 0.409       -           0.632 / 0.532   0.640 / 0.533
   PPMI-SIF w4, 1.0                   0.517 / 0.398   0.630 / 0.529   0.634 / 0.531   0.635 / 0.531
   PPMI-SIF w8, 0.5 (default)         0.549 / 0.415   0.632 / 0.529   0.635 / 0.536   0.637 / 0.534
   (equal weights w_lex 0.5: LSA 0.563 / 0.453 — dense hurt; PPMI-SIF 0.629 / 0.519.)

Verdict: PPMI-SVD + SIF is the default: alone it matches BM25 + expansion's recall class
(0.549 vs plain BM25 0.538), it trains in ~20 s, and it is the only corpus-only candidate that
adds anything in fusion (+0.008 R@10, +0.010 MRR@10 at w_lex 0.7-0.8) — small, about the size of
fold noise. The learned expansion is what moves the figures (+0.09 R@10, +0.08 MRR@10). The
targets (R@10 0.70, MRR@10 0.55) are not reached by any combination measured here.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import scipy.sparse as sp

AUTO_PPMI_MIN_ARTICLES = 1000
NAME = "lawkb-embedded-v2"  # v2: PPMI-SVD word vectors + SIF (v1: LSA)
MODEL_FILE = "embedded_model.npz"
VOCAB_FILE = "embedded_vocab.txt"
THESAURUS_SCALE = 2.0  # a thesaurus word (weight 0.5 there) weighs like a query token in a query vector
QUERY_ALPHA = 0.5  # weight of the strongest expansion word in a query vector (x its SIF weight); CV-measured

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


def _thesaurus_words(text: str) -> list[tuple[str, float]]:
    """Statute words for bureau jargon in a query (kb.search.thesaurus), as tokens."""
    from kb.search.thesaurus import expansions

    found = expansions(text)
    out = []
    for phrase, weight in found:
        out += [(token, weight * THESAURUS_SCALE) for token in tokenize(phrase)]
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
                extra = expand(content, table, alpha=self.query_alpha)[len(content):]
            if queries and self.expand_queries:
                extra += _thesaurus_words(text)
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


def train(texts: Sequence[str], dim: int = 256, seed: int = 0, method: str = "auto", bigrams: bool = True,
          min_df: int | None = None, max_features: int = 150_000, token_lists=None, contrastive_epochs: int = 0,
          window: int = 8, sif_a: float = 1e-3, progress: Callable | None = None) -> EmbeddedModel:
    """Train the embedded model on article texts: "ppmi-sif", "lsa", or "auto" (see docstring)."""
    if token_lists is None:
        token_lists = [tokenize(t) for t in (progress(texts, total=len(texts), desc="dense tokens") if progress else texts)]
    if min_df is None:  # features seen once carry no co-occurrence signal, except in a tiny corpus
        min_df = 2 if len(texts) >= 1000 else 1
    if method == "auto":  # word co-occurrence statistics need a real corpus; LSA copes with a few articles
        method = "ppmi-sif" if len(texts) >= AUTO_PPMI_MIN_ARTICLES else "lsa"
    if method == "ppmi-sif":
        model = train_ppmi_sif(texts, token_lists, dim, seed, min_df, window, sif_a)
        model.method = method
        return model
    if method != "lsa":
        raise ValueError(f"unknown embedded training method {method!r}")
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
    if contrastive_epochs > 0:
        matrix = contrastive_refine(model, matrix, texts, contrastive_epochs, seed)
    model = EmbeddedModel(kept, idf, matrix, bigrams, expand_queries=True)
    model.method = method
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
    from sklearn.utils.extmath import randomized_svd

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


SENTENCE_RE = re.compile(r"[。；;\n]")


def _ict_pairs(sentences: list[list[tuple[str, list[str]]]], rng) -> tuple[list, list]:
    """One inverse-cloze pair per article: a random sentence -> the other sentences."""
    queries, docs = [], []
    for sents in sentences:
        if len(sents) < 2:
            continue
        k = int(rng.integers(len(sents)))
        queries.append(sents[k])
        rest = sents[:k] + sents[k + 1:]
        docs.append(("。".join(t for t, _ in rest), [tok for _, toks in rest for tok in toks]))
    return queries, docs


def contrastive_refine(model: EmbeddedModel, matrix: np.ndarray, texts: Sequence[str], epochs: int, seed: int,
                       batch: int = 256, lr: float = 2e-3, temperature: float = 0.05) -> np.ndarray:
    """Refine E with in-batch-negative InfoNCE on inverse-cloze pairs (sentence -> rest of article)."""
    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    sentences = []
    for text in texts:
        parts = [p for p in SENTENCE_RE.split(text) if len(p.strip()) >= 6]
        sentences.append([(p, tokenize(p)) for p in parts])
    scale = float(np.abs(matrix).mean()) or 1.0
    weight = torch.nn.Parameter(torch.from_numpy(matrix / scale * 0.05))
    optimiser = torch.optim.Adam([weight], lr=lr)

    def to_torch(x):
        x = x.tocoo()
        idx = torch.from_numpy(np.vstack([x.row, x.col]).astype(np.int64))
        return torch.sparse_coo_tensor(idx, torch.from_numpy(x.data), x.shape).coalesce()

    for _ in range(epochs):
        queries, docs = _ict_pairs(sentences, rng)
        xq = model.sparse([q for q, _ in queries], token_lists=[t for _, t in queries])
        xd = model.sparse([d for d, _ in docs], token_lists=[t for _, t in docs])
        order = rng.permutation(len(queries))
        for start in range(0, len(order) - batch + 1, batch):
            rows = order[start:start + batch]
            q = torch.nn.functional.normalize(torch.sparse.mm(to_torch(xq[rows]), weight), dim=1)
            d = torch.nn.functional.normalize(torch.sparse.mm(to_torch(xd[rows]), weight), dim=1)
            logits = q @ d.T / temperature
            target = torch.arange(len(rows))
            loss = (torch.nn.functional.cross_entropy(logits, target)
                    + torch.nn.functional.cross_entropy(logits.T, target)) / 2
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    return weight.detach().numpy().astype(np.float32)
