"""Non-linear re-rankers against the linear one, nested cross-validation (issue 14q).

The shipped re-ranker (kb/search/rerank.py) is linear over ``FEATURES``. Two alternatives over the SAME
per-candidate features, each question's fused top N (N per outer fold as research_query_side uses it,
``TOP_NS``), the e5 slot re-scored from LAWKB_E5_CACHE's article vectors (research_query_side's control,
``rescored``):

* ``gbrank`` — scikit-learn's HistGradientBoostingClassifier on right article / not (a candidate weighs
  its set's share over the question's N candidates, so every set weighs alike, as the linear fit does),
  small trees, L2 1.0; depth, learning rate, min samples per leaf and the number of iterations chosen
  by an inner CV over the training folds only (``GRID`` x ``STAGES``), then fitted on the training folds
  and measured on the outer fold;
* ``pairs`` — the linear model (research_rerank.fit) with a few pairwise products of features
  (``PAIRS``, fixed in advance), its L2 chosen in the inner folds.

The control is the linear model re-fitted per outer fold with research_query_side's N and L2 (the
14p row "shipped"). Inner objective as everywhere: the mean over sets of R@10 + MRR@10. Held-out figures
per set. ``--json OUT`` also holds ``models`` per variant (research_rerank's report shape: ``folds`` and
``shipped``, the whole pool's fit with the hyper-parameters chosen by CV on it), for
``benchmarks.research_answers --rerank-json`` (the tree entries are JSON trees; ``TreeModel`` scores them
with numpy).

    LAWKB_HOME=... LAWKB_E5_CACHE=<home>/corpora/default/vectors.sqlite OMP_NUM_THREADS=1 nice python -m \\
        benchmarks.research_gbrank --cv-json CV.json [--variants gbrank,pairs] --json OUT
    python -c "import json; d=json.load(open('OUT')); json.dump(d['models']['gbrank'], open('RR.json','w'))"
"""

from __future__ import annotations

import argparse
import copy
import sys
import time

import numpy as np

from benchmarks.cv_features import K_FOLDS, QueryVectors, e5_matrix, write_report
from benchmarks.research_query_side import L2S, SHIPPED, TOP_NS, prf_questions
from benchmarks.research_rerank import Lists, evaluate, fit, harness, objective, set_weights, summarise
from kb.search.rerank import FEATURES

# (depth, learning rate, min samples per leaf); each fitted to max(STAGES) iterations, measured at every stage
GRID = tuple((d, lr, leaf) for d in (2, 3) for lr in (0.05, 0.1) for leaf in (20, 100))
STAGES = (50, 100, 200, 300)
PAIRS = (("e5_gap", "coverage"), ("coverage", "home_law"), ("e5_gap", "law_named"), ("lex", "e5_gap"),
         ("fused", "law_share"), ("coverage", "distinct_cover"), ("e5_gap", "home_law"), ("lex", "coverage"))
INNER_L2S = (0.001, 0.01, 0.1)
BOOST_GRID = ((2, 0.3), (3, 0.3))
BOOST_STAGES = (0, 10, 25)
BOOST_LEAF, BOOST_LAMBDA = 50, 1.0


class TreeModel:
    """Gradient-boosted trees as data (``entry``: base, features, trees of feature / threshold / left / right /
    value arrays, a leaf's feature -1; ``linear``: weights per feature added, boost's start), scored with
    numpy: all trees a level at a time."""

    def __init__(self, entry: dict):
        names = entry["features"]
        self.base = float(entry["base"])
        self.linear = np.array([entry.get("linear", {}).get(name, 0.0) for name in FEATURES])
        trees = entry["trees"] or [{"feature": [-1], "threshold": [0.0], "missing_left": [True], "left": [0],
                                    "right": [0], "value": [0.0], "depth": 0}]
        offsets = np.cumsum([0] + [len(t["value"]) for t in trees])[:-1]
        col = {name: i for i, name in enumerate(FEATURES)}
        feature = np.concatenate([np.array(t["feature"], np.int64) for t in trees])
        self.leaf = feature < 0
        self.feature = np.where(self.leaf, 0, [col[names[f]] if f >= 0 else 0 for f in feature.tolist()])
        self.threshold = np.concatenate([np.array(t["threshold"], np.float64) for t in trees])
        self.missing_left = np.concatenate([np.array(t["missing_left"], bool) for t in trees])
        self.left = np.concatenate([np.array(t["left"], np.int64) + o for t, o in zip(trees, offsets)])
        self.right = np.concatenate([np.array(t["right"], np.int64) + o for t, o in zip(trees, offsets)])
        self.value = np.concatenate([np.array(t["value"], np.float64) for t in trees])
        self.roots = offsets.astype(np.int64)
        self.depth = max((int(t.get("depth", 0)) for t in trees), default=0)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, np.float64)
        node = np.repeat(self.roots[:, None], len(x), axis=1)            # trees x candidates
        cand = np.arange(len(x))[None, :]
        for _ in range(self.depth):
            v = x[cand, self.feature[node]]
            go_left = np.where(np.isnan(v), self.missing_left[node], v <= self.threshold[node])
            node = np.where(self.leaf[node], node, np.where(go_left, self.left[node], self.right[node]))
        linear = np.nan_to_num(x) @ self.linear if self.linear.any() else 0.0
        return self.base + linear + self.value[node].sum(axis=0)


def export(model, top_n: int, extra: dict | None = None) -> dict:
    """A fitted HistGradientBoostingClassifier (binary, numeric features in FEATURES order) as JSON data."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append({"feature": np.where(nodes["is_leaf"], -1, nodes["feature_idx"]).astype(int).tolist(),
                      "threshold": [float(t) for t in nodes["num_threshold"]],
                      "missing_left": nodes["missing_go_to_left"].astype(bool).tolist(),
                      "left": nodes["left"].astype(int).tolist(), "right": nodes["right"].astype(int).tolist(),
                      "value": [float(v) for v in nodes["value"]], "depth": int(nodes["depth"].max())})
    return {"top_n": top_n, "base": float(np.ravel(model._baseline_prediction)[0]), "features": list(FEATURES),
            "trees": trees, **(extra or {})}


def training_rows(lists: Lists, idx: np.ndarray, weights: np.ndarray, top_n: int):
    """Candidates of the questions with a right and a wrong article in their top N: X, y, sample weights."""
    chosen = _groups(lists, idx, top_n)
    heads = [lists.gold[i][:top_n] for i in chosen]
    w = np.concatenate([np.full(len(g), weights[i] / len(g)) for i, g in zip(chosen, heads)])
    return (np.concatenate([lists.x[i][:top_n] for i in chosen]), np.concatenate(heads).astype(int),
            w * (len(w) / w.sum()))


def fit_trees(lists: Lists, idx: np.ndarray, sets: np.ndarray, top_n: int, depth: int, lr: float, leaf: int,
              iterations: int):
    from sklearn.ensemble import HistGradientBoostingClassifier

    x, y, w = training_rows(lists, idx, set_weights(sets, idx), top_n)
    model = HistGradientBoostingClassifier(max_depth=depth, max_leaf_nodes=2 ** depth, learning_rate=lr,
                                           max_iter=iterations, min_samples_leaf=leaf, l2_regularization=1.0,
                                           early_stopping=False, random_state=0)
    return model.fit(x, y, sample_weight=w)


def staged_metrics(model, lists: Lists, idx: np.ndarray, top_n: int) -> dict[int, np.ndarray]:
    """Per stage of STAGES: the metrics of the questions ``idx`` re-ranked by the model's first trees."""
    heads = [lists.x[i][:top_n] for i in idx.tolist()]
    cuts = np.cumsum([0] + [len(h) for h in heads])
    out = {}
    for stage, scores in enumerate(model.staged_decision_function(np.concatenate(heads)), start=1):
        if stage in STAGES:
            out[stage] = np.array([lists.metrics(i, scores[cuts[j]:cuts[j + 1]]) for j, i in enumerate(idx.tolist())])
    return out


def choose_trees(lists: Lists, sets, folds, train: np.ndarray, top_n: int) -> tuple[tuple, float]:
    """((depth, lr, leaf, iterations), inner objective) by CV over the training folds."""
    held = {}
    for f in sorted(set(folds[train].tolist())):
        fit_idx, test_idx = np.flatnonzero(train & (folds != f)), np.flatnonzero(train & (folds == f))
        for params in GRID:
            model = fit_trees(lists, fit_idx, sets, top_n, *params, max(STAGES))
            for stage, res in staged_metrics(model, lists, test_idx, top_n).items():
                held.setdefault(params + (stage,), np.zeros((len(sets), 4)))[test_idx] = res
    values = {p: objective(res[train], sets[train]) for p, res in held.items()}
    best = max(values, key=values.get)
    return best, values[best]


def _groups(lists: Lists, idx: np.ndarray, top_n: int) -> list[int]:
    """The questions of ``idx`` with a right and a wrong article in their top N (the others teach no order)."""
    return [i for i in idx.tolist() if lists.gold[i][:top_n].any() and not lists.gold[i][:top_n].all()]


def boost(lists: Lists, idx: np.ndarray, sets, top_n: int, l2: float, depth: int, lr: float, rounds: int,
          test: np.ndarray | None = None, start: np.ndarray | None = None):
    """Listwise boosting from the linear model: the linear fit (research_rerank.fit) is the start, then each
    round a regression tree (depth ``depth``, ``BOOST_LEAF`` candidates a leaf at least) fitted to the
    negative gradient of the same loss (-log of the right articles' softmax share of each top N), its leaves
    a Newton step (sum of gradients / (sum of hessians + BOOST_LAMBDA)) times ``lr``. Returns (linear
    weights, [one-tree regressors]) and, with ``test``, the test questions' metrics per stage of
    BOOST_STAGES. ``start``: the linear weights when already fitted on ``idx``."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    qw = set_weights(sets, idx)
    w = fit(lists, idx, qw, top_n, l2) if start is None else start
    train = _groups(lists, idx, top_n)
    x = np.concatenate([lists.x[i][:top_n] for i in train])
    sizes = np.array([len(lists.x[i][:top_n]) for i in train])
    # the candidates as a (questions x N) grid, short lists padded (``slot``: a candidate's cell)
    slot = np.concatenate([j * top_n + np.arange(m) for j, m in enumerate(sizes)])
    pad = np.ones(len(train) * top_n, bool)
    pad[slot] = False
    pad = pad.reshape(len(train), top_n)
    gold = np.zeros(len(train) * top_n, bool)
    gold[slot] = np.concatenate([lists.gold[i][:top_n] for i in train])
    gold = gold.reshape(len(train), top_n)
    weight = np.repeat(qw[train] * len(train) / qw[train].sum(), sizes)
    score = x @ w
    tests = [] if test is None else test.tolist()
    tx = np.concatenate([lists.x[i][:top_n] for i in tests]) if tests else np.zeros((0, len(w)))
    tcuts = np.cumsum([0] + [len(lists.x[i][:top_n]) for i in tests])
    tscore = tx @ w
    staged, trees = {}, []
    for r in range(rounds + 1):
        if test is not None and r in BOOST_STAGES:
            staged[r] = np.array([lists.metrics(i, tscore[a:b]) for i, a, b in zip(tests, tcuts[:-1], tcuts[1:])])
        if r == rounds:
            break
        grid = np.full(len(train) * top_n, -np.inf)
        grid[slot] = score
        grid = grid.reshape(len(train), top_n)
        p = np.exp(grid - grid.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        share = np.where(gold, p, 0.0).sum(axis=1, keepdims=True)
        grad = (np.where(gold, p / share, 0.0) - p).ravel()[slot]       # the negative gradient
        hess = np.maximum(p * (1 - p), 1e-6).ravel()[slot]
        # a Newton step: weighted least squares on gradient / hessian, weights the hessians (one HGB tree)
        tree = HistGradientBoostingRegressor(max_iter=1, max_depth=depth, max_leaf_nodes=2 ** depth, learning_rate=lr,
                                             min_samples_leaf=BOOST_LEAF, l2_regularization=BOOST_LAMBDA,
                                             early_stopping=False, random_state=0)
        tree.fit(x, grad / hess, sample_weight=weight * hess)
        trees.append(tree)
        base = float(np.ravel(tree._baseline_prediction)[0])   # a constant per question: no effect on the order
        score += tree.predict(x) - base
        if len(tx):
            tscore = tscore + tree.predict(tx) - base
    return (w, trees), staged


def export_boost(w: np.ndarray, trees: list, top_n: int, extra: dict | None = None) -> dict:
    """The linear start and the boosted trees (one-tree HGB regressors, their constant left out) as TreeModel data."""
    out = [tree for model in trees for tree in export(model, top_n)["trees"]]
    return {"top_n": top_n, "base": 0.0, "features": list(FEATURES), "linear": dict(zip(FEATURES, w.tolist())),
            "trees": out, **(extra or {})}


def choose_boost(lists: Lists, sets, folds, train: np.ndarray, top_n: int, l2: float) -> tuple[tuple, float]:
    """((depth, lr, rounds), inner objective) by CV over the training folds; rounds 0 is the linear model."""
    held = {}
    for f in sorted(set(folds[train].tolist())):
        fit_idx, test_idx = np.flatnonzero(train & (folds != f)), np.flatnonzero(train & (folds == f))
        start = fit(lists, fit_idx, set_weights(sets, fit_idx), top_n, l2)
        for depth, lr in BOOST_GRID:
            _, staged = boost(lists, fit_idx, sets, top_n, l2, depth, lr, max(BOOST_STAGES), test_idx, start)
            for stage, res in staged.items():
                held.setdefault((depth, lr, stage), np.zeros((len(sets), 4)))[test_idx] = res
    values = {p: objective(res[train], sets[train]) for p, res in held.items()}
    best = max(values, key=values.get)
    return best, values[best]


def with_pairs(lists: Lists) -> Lists:
    """A copy of ``lists`` whose feature rows carry the PAIRS products after FEATURES."""
    col = {name: i for i, name in enumerate(FEATURES)}
    out = copy.copy(lists)
    out.x = [np.hstack([x] + [x[:, [col[a]]] * x[:, [col[b]]] for a, b in PAIRS]) for x in lists.x]
    return out


def choose_l2(lists: Lists, sets, folds, train: np.ndarray, top_n: int) -> tuple[float, float]:
    values = {}
    for l2 in INNER_L2S:
        held = np.zeros((len(sets), 4))
        for f in sorted(set(folds[train].tolist())):
            fit_idx, test_idx = np.flatnonzero(train & (folds != f)), np.flatnonzero(train & (folds == f))
            held[test_idx] = evaluate(lists, test_idx, fit(lists, fit_idx, set_weights(sets, fit_idx), top_n, l2), top_n)
        values[l2] = objective(held[train], sets[train])
    best = max(values, key=values.get)
    return best, values[best]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv-json", required=True, help="research_e5_variants report: the fusion settings per fold")
    parser.add_argument("--variants", default="gbrank,pairs", help="gbrank, pairs (the linear control always runs)")
    parser.add_argument("--no-pool", action="store_true", help="skip the whole-pool models (shipped entries)")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    variants = [v for v in args.variants.split(",") if v]
    h = harness(args.cv_json)
    if h is None:
        return 1
    questions, shared, sets, folds, dev, configs = h.questions, h.shared, h.sets, h.folds, h.dev, h.configs
    matrix, _ = e5_matrix(h.bundle.clauses)
    cached = QueryVectors()
    qvecs = {q.text: cached(q.text) for q in questions}
    lists_cache: dict = {}

    def lists_for(k: int) -> Lists:   # the control's candidates: fold k's fusion, the e5 slot re-scored
        if k not in lists_cache:
            started = time.perf_counter()
            qs = prf_questions(questions, shared, configs[k], matrix, qvecs, 1, 0.0, h.counts)
            lists_cache[k] = Lists(qs, shared, h.traits, configs[k], h.counts, h.key_index)
            print(f"lists {k} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        return lists_cache[k]

    names = ["control"] + variants
    held = {n: np.zeros((len(sets), 4)) for n in names}
    models = {n: {"folds": []} for n in names}
    picks = {n: [] for n in names}
    for k in range(K_FOLDS):
        lists = lists_for(k)
        train, test = dev & (folds != k), np.flatnonzero(dev & (folds == k))
        tr, top_n = np.flatnonzero(train), TOP_NS[k]
        w = fit(lists, tr, set_weights(sets, tr), top_n, L2S[k])
        held["control"][test] = evaluate(lists, test, w, top_n)
        models["control"]["folds"].append({"top_n": top_n, "weights": dict(zip(FEATURES, w.tolist()))})
        if "pairs" in variants:
            plists = with_pairs(lists)
            l2, value = choose_l2(plists, sets, folds, train, top_n)
            w = fit(plists, tr, set_weights(sets, tr), top_n, l2)
            held["pairs"][test] = evaluate(plists, test, w, top_n)
            picks["pairs"].append({"l2": l2, "inner": round(value, 4)})
            print(f"fold {k} pairs: l2 {l2} inner {value:.4f}", file=sys.stderr)
        if "boost" in variants:
            started = time.perf_counter()
            (depth, lr, rounds), value = choose_boost(lists, sets, folds, train, top_n, L2S[k])
            (w, trees), staged = boost(lists, tr, sets, top_n, L2S[k], depth, lr, rounds, test)
            held["boost"][test] = staged[rounds]
            models["boost"]["folds"].append(export_boost(w, trees, top_n))
            picks["boost"].append({"depth": depth, "learning_rate": lr, "rounds": rounds, "inner": round(value, 4)})
            print(f"fold {k} boost: {picks['boost'][-1]} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        if "gbrank" in variants:
            started = time.perf_counter()
            (depth, lr, leaf, stage), value = choose_trees(lists, sets, folds, train, top_n)
            model = fit_trees(lists, tr, sets, top_n, depth, lr, leaf, stage)
            held["gbrank"][test] = staged_metrics(model, lists, test, top_n)[stage]
            models["gbrank"]["folds"].append(export(model, top_n))
            picks["gbrank"].append({"depth": depth, "learning_rate": lr, "min_samples_leaf": leaf,
                                    "iterations": stage, "inner": round(value, 4)})
            print(f"fold {k} gbrank: {picks['gbrank'][-1]} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        print(f"fold {k}: " + "; ".join(f"{n} {summarise(held[n], sets, dev & (folds <= k))}" for n in names),
              file=sys.stderr)
    out = {"protocol": {"top_n": list(TOP_NS), "control_l2": list(L2S), "grid": [list(g) for g in GRID],
                        "stages": list(STAGES), "pairs": [list(p) for p in PAIRS]},
           "held_out": {n: summarise(held[n], sets, dev) for n in names}, "picks": picks}
    lists, pool = lists_for(K_FOLDS), np.flatnonzero(dev)
    w = fit(lists, pool, set_weights(sets, pool), *SHIPPED)
    models["control"]["shipped"] = {"top_n": SHIPPED[0], "weights": dict(zip(FEATURES, w.tolist()))}
    if not args.no_pool and "gbrank" in variants:
        (depth, lr, leaf, stage), value = choose_trees(lists, sets, folds, dev, SHIPPED[0])
        model = fit_trees(lists, pool, sets, SHIPPED[0], depth, lr, leaf, stage)
        models["gbrank"]["shipped"] = export(model, SHIPPED[0], {"chosen": {
            "depth": depth, "learning_rate": lr, "min_samples_leaf": leaf, "iterations": stage, "inner": round(value, 4)}})
    if not args.no_pool and "boost" in variants:
        (depth, lr, rounds), value = choose_boost(lists, sets, folds, dev, SHIPPED[0], SHIPPED[1])
        (w, trees), _ = boost(lists, pool, sets, SHIPPED[0], SHIPPED[1], depth, lr, rounds)
        models["boost"]["shipped"] = export_boost(w, trees, SHIPPED[0], {"chosen": {
            "depth": depth, "learning_rate": lr, "rounds": rounds, "inner": round(value, 4)}})
    out["models"] = {n: m for n, m in models.items() if n != "pairs"}
    return write_report(out, args.json)


if __name__ == "__main__":
    sys.exit(main())
