"""The embedded model's research variants (not the product): LSA, and LSA refined by contrastive
learning (in-batch-negative InfoNCE on inverse-cloze pairs, torch). The product trains PPMI-SVD +
SIF only (kb.search.embedded_model.train); benchmarks/research_dense.py compares them (figures in
benchmarks/RESEARCH.md). Models come out as kb.search.embedded_model.EmbeddedModel.
"""

from __future__ import annotations

import math
import re
from typing import Sequence

import numpy as np

from kb.search.embedded_model import EmbeddedModel, features, train
from kb.search.tokenize import precise_tokens as tokenize

SENTENCE_RE = re.compile(r"[。；;\n]")


def train_variant(texts: Sequence[str], token_lists=None, method: str = "ppmi-sif", **options) -> EmbeddedModel:
    """A candidate of research_dense: "ppmi-sif" (the product's trainer) or "lsa" (below)."""
    if method == "lsa":
        return train_lsa(texts, token_lists=token_lists, **options)
    return train(texts, token_lists=token_lists, **options)


def train_lsa(texts: Sequence[str], dim: int = 256, seed: int = 0, bigrams: bool = True, min_df: int | None = None,
              max_features: int = 150_000, token_lists=None, contrastive_epochs: int = 0) -> EmbeddedModel:
    """LSA (v1 of the embedded model): E = top right singular vectors of the sublinear-tf x idf
    article x (token + '#'CJK-bigram) matrix; ``contrastive_epochs`` > 0 refines E with InfoNCE."""
    from sklearn.utils.extmath import randomized_svd

    if token_lists is None:
        token_lists = [tokenize(t) for t in texts]
    if min_df is None:
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
    _, _, vt = randomized_svd(x, n_components=dim, n_iter=4, random_state=seed)
    matrix = vt.T.astype(np.float32)
    if contrastive_epochs > 0:
        matrix = contrastive_refine(model, matrix, texts, contrastive_epochs, seed)
    model = EmbeddedModel(kept, idf, matrix, bigrams, expand_queries=True)
    model.method = "lsa"
    return model


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
