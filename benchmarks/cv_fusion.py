"""Fusion of precomputed component scores (research; mirrors kb.search.hybrid on cached features).

A *group* fixes how candidates are formed and scored: ``method`` (``weighted`` min-max score fusion,
``zscore`` — each component standardised over the candidates — or ``rrf``),
``scope`` (``rerank``: the lexical top ``depth`` re-scored by the dense components;
``union``: the union of every weighted component's top ``depth``), ``depth`` and the lexical
expansion ``alpha`` (and optionally ``prior_boost``: + that x the article prior, added to the fused
score before the law boost). Within a group, many weight vectors (lexical, ppmi, e5) and (law boost,
penalty boost) pairs are scored at once per question. ``eval_group`` returns, per question, per
weight vector and per boost pair: Recall@1, Recall@10, MRR@10, Recall@100 (article level, in force).
"""

from __future__ import annotations

import numpy as np

COMPONENTS = ("lex", "ppmi", "e5")
METRIC_NAMES = ("recall@1", "recall@10", "mrr@10", "recall@100")


def component_names(alpha: float) -> tuple[str, str, str]:
    return f"lex@{alpha}", "ppmi", "e5"


def simplex(step: float = 0.1) -> np.ndarray:
    """All (w_lex, w_ppmi, w_e5) on the simplex with the given step, as a 3 x C matrix."""
    n = int(round(1 / step))
    cols = [(i / n, j / n, (n - i - j) / n) for i in range(n + 1) for j in range(n + 1 - i)]
    return np.array(cols, dtype=np.float64).T


def _normalised(q, group: dict, weights_used: np.ndarray):
    """(candidate positions into q.rows, cand x 3 normalised component values or RRF terms)."""
    names = component_names(group["alpha"])
    depth = int(group["depth"])
    lex = names[0]
    if group["scope"] == "rerank":
        cand = np.flatnonzero(q.ranks[lex] < depth)
    else:
        inside = np.zeros(len(q.rows), bool)
        for name, used in zip(names, weights_used):
            if used:
                inside |= q.ranks[name] < depth
        cand = np.flatnonzero(inside)
    values = np.zeros((len(cand), 3))
    for c, name in enumerate(names):
        if not weights_used[c] or len(cand) == 0:
            continue
        scores = q.scores[name][cand].astype(np.float64)
        if group["method"] == "rrf":
            if group["scope"] == "rerank" and c > 0:
                rank = np.empty(len(cand))
                rank[np.argsort(-scores, kind="stable")] = np.arange(len(cand))
            else:
                rank = q.ranks[name][cand].astype(np.float64)
                rank = np.where(rank < depth, rank, np.inf)
            values[:, c] = 1.0 / (group.get("rrf_k", 60) + rank + 1)
            continue
        if group["method"] == "zscore":  # standardised over the candidates
            spread = float(scores.std())
            values[:, c] = (scores - scores.mean()) / spread if spread > 0 else 0.0
            continue
        if group["scope"] == "rerank" and c > 0:
            floor, top = float(scores.min()), float(scores.max())
        else:
            floors = q.floors[name]
            if not len(floors):
                continue
            floor, top = float(floors[min(depth, len(floors)) - 1]), float(floors[0])
        span = top - floor
        values[:, c] = np.clip((scores - floor) / span, 0, 1) if span > 0 else (scores >= top).astype(float)
    return cand, values


def _prior(q, group: dict, cand: np.ndarray) -> np.ndarray:
    """``prior_boost`` x the question's article prior (``q.prior``, 0-1 per cached row; as
    kb.search.hybrid's article prior), for the candidates; zeros without one."""
    boost = float(group.get("prior_boost", 0.0))
    prior = getattr(q, "prior", None)
    if not boost or prior is None:
        return np.zeros(len(cand))
    return boost * prior[cand].astype(np.float64)


def _law_strength(fused: np.ndarray, docs: np.ndarray, top: int = 3) -> np.ndarray:
    """Per column: mean of the best `top` fused scores of each row's document (as kb.search.hybrid)."""
    out = np.zeros_like(fused)
    uniq, inverse = np.unique(docs, return_inverse=True)
    for c in range(fused.shape[1]):
        order = np.lexsort((-fused[:, c], inverse))
        grp = inverse[order]
        starts = np.r_[0, np.flatnonzero(np.diff(grp)) + 1]
        pos = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
        keep = pos < top
        sums = np.zeros(len(uniq))
        np.add.at(sums, grp[keep], fused[order[keep], c])
        out[:, c] = sums[inverse] / top
    return out


def _metrics(order_rows: np.ndarray, key_ids: np.ndarray, relevant: set, n_rel: int) -> tuple:
    keys = key_ids[order_rows]
    _, first = np.unique(keys, return_index=True)
    ranked = keys[np.sort(first)]
    hits = np.array([k in relevant for k in ranked[:100].tolist()])
    if not len(hits):
        return 0.0, 0.0, 0.0, 0.0
    r1 = hits[:1].sum() / n_rel
    r10 = hits[:10].sum() / n_rel
    first_hit = np.flatnonzero(hits[:10])
    mrr = 1.0 / (first_hit[0] + 1) if len(first_hit) else 0.0
    return r1, r10, mrr, hits.sum() / n_rel


def eval_group(questions, shared: dict, group: dict, weights: np.ndarray, boosts: list[tuple[float, float]],
               key_index: dict) -> np.ndarray:
    """(questions x C x len(boosts) x 4) metrics for the weight columns and (law, penalty) boosts."""
    from kb.search.intent import penalty_intent

    n_cols = weights.shape[1]
    out = np.zeros((len(questions), n_cols, len(boosts), 4), np.float32)
    used = weights.max(axis=1) > 0
    for qi, q in enumerate(questions):
        cand, values = _normalised(q, group, used)
        if len(cand) == 0:
            continue
        rows = q.rows[cand]
        fused = values @ weights + _prior(q, group, cand)[:, None]
        strength = _law_strength(fused, shared["row_doc"][rows])
        pen = shared["penalty"][rows][:, None] if penalty_intent(q.text) else None
        key_ids = np.array([key_index[k] for k in (shared["keys"][r] for r in rows.tolist())])
        relevant = {key_index[k] for k in q.relevant if k in key_index}
        for b, (gamma, beta) in enumerate(boosts):
            total = fused + gamma * strength
            if pen is not None and beta:
                total = total + beta * pen
            k = min(150, len(cand))
            part = np.argpartition(-total, k - 1, axis=0)[:k]
            for c in range(n_cols):
                col = part[:, c]
                order = col[np.argsort(-total[col, c], kind="stable")]
                out[qi, c, b] = _metrics(order, key_ids, relevant, len(q.relevant))
    return out


def ranking(q, shared: dict, config: dict, n: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """(rows, fused scores) of one question under one full config, best first (for answers)."""
    from kb.search.intent import penalty_intent

    w = np.array([[config["w_lex"]], [config["w_ppmi"]], [config["w_e5"]]])
    cand, values = _normalised(q, config, w.ravel() > 0)
    rows = q.rows[cand]
    fused = (values @ w) + _prior(q, config, cand)[:, None]
    total = fused + config["law_boost"] * _law_strength(fused, shared["row_doc"][rows])
    total = total[:, 0]
    if penalty_intent(q.text) and config["penalty_boost"]:
        total = total + config["penalty_boost"] * shared["penalty"][rows]
    order = np.argsort(-total, kind="stable")[:n]
    return rows[order], total[order]
