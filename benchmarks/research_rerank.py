"""The learned re-ranker of the fused top N (kb/search/rerank.py), by nested cross-validation (issue 14).

Candidates: the fused ranking of ``benchmarks/cv_fusion.ranking`` on the cached features of
``benchmarks/cv_features.py`` under the fusion settings of an earlier research_e5_variants report
(``--cv-json``): a question of outer fold k is ranked with the settings chosen for fold k, and with
the article prior learned outside its own fold (as research_e5_variants does); staff fold 4 with the
whole-pool settings. Features: ``kb.search.rerank.features`` (the shipped code).

Model: linear, softmax over each question's top N (the right articles' share of the probability
mass), L2 penalty, every set (STARD, bureau52, staff) weighing alike. Nested CV: for each outer fold
k, N and the L2 weight are chosen by an inner CV over the training folds (objective: the harness's
mean over sets of R@10 + MRR@10), the model is fitted on all training folds and measured on fold
k. Reported: held-out figures per set, before and after; ``--report`` measures the whole-pool
choice once on staff fold 4; ``--write`` writes corpus/rerank_weights.tsv from the whole pool;
``--errors K`` prints K training cases (staff folds 0-3, then STARD) whose right article is in the
top 10 but not first.

    LAWKB_HOME=... LAWKB_E5_CACHE=<home>/corpora/default/vectors.sqlite nice python -m benchmarks.research_rerank \
        --cv-json CV.json [--report] [--write] [--json OUT]

``--partial SHARE --models RR.json`` fits nothing: it measures the per-fold models of an earlier report on
the held-out folds with only SHARE of the rows' neural vectors (the product's fusion of rows without one).
The report's per-fold models (``folds``: top_n and weights) and whole-pool model (``shipped``) are
what ``benchmarks.research_answers --rerank-json`` answers with.

``--misses --models RR.json`` fits nothing either: the held-out rank-1 misses of a report's per-fold models
on staff folds 0-3 and bureau52 (the right article's rank; rank 1 from another law, the same law or the same
章; home laws). ``--without NAMES`` leaves features out of the fit (ablations). The home_law feature reads
the ANSWER_HOME_LAWS setting of the data home (its default: the 生态环境局's laws).
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from benchmarks.cv_features import K_FOLDS, REPORT_FOLD, load_or_compute, reporting_only, write_report
from benchmarks.cv_fusion import _metrics, ranking
from benchmarks.research_cv import SETS
from benchmarks.research_e5_variants import fold_priors, prior_for
from benchmarks.rerank_evidence import EVIDENCE, Evidence, evidence_columns
from benchmarks.unit_e5 import UNIT_E5, UnitVectors, unit_columns
from kb.answer.articles import home_laws
from kb.search.rerank import FEATURES, WEIGHTS_PATH, RowTraits, features, reorder, write_model

TOP_NS = (20, 30, 50, 80)
L2S = (0.001, 0.01, 0.1)
DEPTH = 150      # rows of the fused ranking kept per question (R@100 is measured on them)
NMAX = max(TOP_NS)


def candidate_features(q, rows: np.ndarray, totals: np.ndarray, shared: dict, traits, alpha: float,
                       have: np.ndarray | None = None) -> np.ndarray:
    """kb.search.rerank.features of the fused ``rows`` (best first) of a cached question ``q``; ``have``:
    which rows have a neural vector (default: the cache's). With ``shared["evidence"]`` (research_query_side
    --evidence) the EVIDENCE columns (benchmarks/rerank_evidence.py, issue 14s: not shipped) follow FEATURES,
    read through ``shared["evidence_source"]`` (the harness's; made without a corpus if missing)."""
    pos = np.searchsorted(q.rows, rows)
    have = shared["e5_have"] if have is None else have
    e5 = np.where(have[rows], q.scores["e5"][pos], np.nan)
    prior = np.zeros(len(rows)) if getattr(q, "prior", None) is None else q.prior[pos]
    x = features(q.text, rows, totals, q.scores[f"lex@{alpha}"][pos], e5, prior, shared["penalty"][rows], traits,
                 shared.get("home", frozenset()))
    if shared.get("evidence"):
        source = shared.setdefault("evidence_source", Evidence())
        x = np.hstack([x, evidence_columns(q.text, rows, traits, source)])
    if shared.get("unit_e5"):   # research_query_side --unit-e5 (benchmarks/unit_e5.py, issue 14u: not shipped)
        x = np.hstack([x, unit_columns(shared["unit_e5_qvec"](q.text), rows, e5, traits.row_doc[rows],
                                       shared["unit_e5_source"])])
    names = columns(bool(shared.get("evidence")), bool(shared.get("unit_e5")))
    x[:, [names.index(name) for name in shared.get("without", ())]] = 0.0
    return x


def columns(evidence: bool, unit_e5: bool = False) -> tuple[str, ...]:
    """The re-ranker's column names in the harness: FEATURES, then EVIDENCE when switched on (issue 14s), then
    UNIT_E5 (issue 14u)."""
    return FEATURES + (EVIDENCE if evidence else ()) + (UNIT_E5 if unit_e5 else ())


def reranked(q, rows: np.ndarray, totals: np.ndarray, comp, model: tuple, alpha: float) -> tuple:
    """A cached question's fused (rows, totals) re-ordered by ``model`` (top N, weights); ``comp``: the
    harness's Components (its bundle's RowTraits are made once). Weights as wide as FEATURES + EVIDENCE
    (a model fitted with research_query_side --evidence) read the evidence columns too."""
    if getattr(comp, "traits", None) is None:
        comp.traits = RowTraits(comp.bundle.clauses, comp.shared["row_doc"])
        comp.shared["home"] = home_laws(comp.bundle.corpus)
    if "evidence_source" not in comp.shared:
        comp.shared["evidence_source"] = Evidence(comp.bundle.corpus)
    top_n, weights = model[:2]
    shared = comp.shared
    if not callable(weights):
        from benchmarks.law_model import LAW_FEATURES

        width = len(weights) - (len(LAW_FEATURES) if len(model) > 2 else 0) - len(FEATURES)
        shared = {**comp.shared, "evidence": width in (len(EVIDENCE), len(EVIDENCE) + len(UNIT_E5)),
                  "unit_e5": width in (len(UNIT_E5), len(EVIDENCE) + len(UNIT_E5))}
        if shared["unit_e5"]:   # the unit vectors of LAWKB_UNIT_E5, read on first use
            comp.shared.setdefault("unit_e5_source", UnitVectors(comp.bundle.clauses))
            comp.shared.setdefault("unit_e5_qvec", comp.qvec)
            shared = {**comp.shared, **shared}
    x = candidate_features(q, rows[:top_n], totals[:top_n], shared, comp.traits, alpha)
    if len(model) > 2:   # the fold's question->law model: its columns after FEATURES (research_law_model, issue 14t)
        from benchmarks.law_model import law_columns

        x = np.hstack([x, law_columns(q.text, rows[:top_n].tolist(), comp.traits.clauses, model[2])])
    return reorder(rows, totals, weights(x) if callable(weights) else x @ weights)


def partial_ranking(q, shared: dict, config: dict, n: int, have: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """cv_fusion.ranking as kb.search.hybrid ranks while only the rows ``have`` have a neural vector: the
    e5 term min-max scaled over the covered candidates, a row without one takes its other terms
    re-weighted to the full weight."""
    from benchmarks.cv_fusion import _law_strength, _normalised, _prior
    from kb.search.intent import penalty_intent

    w = np.array([config["w_lex"], config["w_ppmi"], config["w_e5"]])
    cand, values = _normalised(q, config, w > 0)
    rows = q.rows[cand]
    covered = have[rows]
    e5 = q.scores["e5"][cand].astype(np.float64)
    values[:, 2] = 0.0
    if covered.any():
        lo, hi = e5[covered].min(), e5[covered].max()
        values[covered, 2] = (e5[covered] - lo) / (hi - lo) if hi > lo else 1.0
    present = np.where(covered, w.sum(), w[0] + w[1])
    fused = ((values @ w) * w.sum() / np.maximum(present, 1e-12) + _prior(q, config, cand))[:, None]
    total = (fused + config["law_boost"] * _law_strength(fused, shared["row_doc"][rows]))[:, 0]
    if penalty_intent(q.text) and config["penalty_boost"]:
        total = total + config["penalty_boost"] * shared["penalty"][rows]
    order = np.argsort(-total, kind="stable")[:n]
    return rows[order], total[order]


def model_of(entry: dict) -> tuple:
    """(top N, weights in FEATURES order, then EVIDENCE's when the entry weighs any: research_query_side
    --evidence, issue 14s) of a report's fold or shipped entry; (top N, a callable scoring the feature rows)
    for benchmarks/research_gbrank's tree entries (``trees``); with a third element, the question->law model
    of the entry's ``law_model`` file, its weights then LAW_FEATURES (benchmarks/research_law_model.py, issue 14t)."""
    if "trees" in entry:
        from benchmarks.research_gbrank import TreeModel

        return int(entry["top_n"]), TreeModel(entry)
    names = columns(any(entry["weights"].get(name, 0.0) for name in EVIDENCE),
                    any(name in entry["weights"] for name in UNIT_E5))
    if entry.get("law_model"):
        from benchmarks.law_model import LAW_FEATURES

        weights = np.array([entry["weights"].get(name, 0.0) for name in names + LAW_FEATURES])
        return int(entry["top_n"]), weights, _law_model(entry["law_model"])
    return int(entry["top_n"]), np.array([entry["weights"].get(name, 0.0) for name in names])


@lru_cache(maxsize=16)
def _law_model(path: str):
    from benchmarks.law_model import load

    return load(path)


class Lists:
    """Per question, under one fusion config: the fused rows, their article ids, gold marks, features."""

    def __init__(self, questions, shared, traits, config, counts, key_index, have=None):
        self.rows, self.keys, self.gold, self.x = [], [], [], []
        self.n_rel = np.array([max(len(q.relevant), 1) for q in questions])
        self.relevant = []
        for q in questions:
            q.prior = prior_for(counts, q)[0][q.rows].astype(np.float32)
            rows, totals = (ranking(q, shared, config, DEPTH) if have is None
                            else partial_ranking(q, shared, config, DEPTH, have))
            head = min(NMAX, len(rows))
            x = candidate_features(q, rows[:head], totals[:head], shared, traits, config["alpha"], have)
            keys = np.array([key_index[shared["keys"][r]] for r in rows.tolist()], dtype=np.int64)
            relevant = {key_index[k] for k in q.relevant if k in key_index}
            self.rows.append(rows)
            self.keys.append(keys)
            self.relevant.append(relevant)
            self.gold.append(np.array([k in relevant for k in keys[:head].tolist()]))
            self.x.append(x)

    def metrics(self, i: int, model_scores: np.ndarray | None = None) -> tuple:
        order = np.arange(len(self.rows[i]))
        if model_scores is not None:
            n = len(model_scores)
            order = np.concatenate([np.argsort(-model_scores, kind="stable"), order[n:]])
        return _metrics(order, self.keys[i], self.relevant[i], self.n_rel[i])


def fit(lists: Lists, idx: np.ndarray, weights: np.ndarray, top_n: int, l2: float) -> np.ndarray:
    """Linear weights (raw feature scale) maximising the weighted log share of the right articles
    among each question's top N, minus l2 x |w|^2 on standardised features."""
    xs, golds, ws = [], [], []
    for i in idx.tolist():
        g = lists.gold[i][:top_n]
        if g.any() and not g.all():
            xs.append(lists.x[i][:top_n])
            golds.append(g)
            ws.append(weights[i])
    width = lists.x[0].shape[1]   # len(FEATURES), or more with research_gbrank's interaction columns
    if not xs:
        return np.zeros(width)
    allx = np.concatenate(xs)
    mean, std = allx.mean(axis=0), allx.std(axis=0)
    std = np.where(std > 1e-9, std, 1.0)
    xs = [(x - mean) / std for x in xs]
    ws = np.array(ws) / np.sum(ws)

    def loss(w):
        total, grad = l2 * w @ w, 2 * l2 * w
        for x, g, qw in zip(xs, golds, ws):
            s = x @ w
            s = s - s.max()
            p = np.exp(s)
            p /= p.sum()
            pg = p[g].sum()
            total -= qw * np.log(max(pg, 1e-300))
            # d(-log sum_gold p)/dw = E_p[x] - E_{p | gold}[x]
            grad += qw * (p @ x - (p[g] / max(pg, 1e-300)) @ x[g])
        return total, grad

    w = minimize(loss, np.zeros(width), jac=True, method="L-BFGS-B", options={"maxiter": 300}).x
    return w / std


def evaluate(lists: Lists, idx: np.ndarray, w: np.ndarray | None, top_n: int) -> np.ndarray:
    out = np.zeros((len(idx), 4))
    for j, i in enumerate(idx.tolist()):
        out[j] = lists.metrics(i, None if w is None else lists.x[i][:top_n] @ w)
    return out


def objective(res: np.ndarray, sets: np.ndarray) -> float:
    return float(np.mean([(res[sets == s, 1] + res[sets == s, 2]).mean() for s in SETS if (sets == s).any()]))


def set_weights(sets: np.ndarray, idx: np.ndarray) -> np.ndarray:
    w = np.zeros(len(sets))
    for s in SETS:
        chosen = idx[sets[idx] == s]
        if len(chosen):
            w[chosen] = 1.0 / len(chosen)
    return w


def choose(lists: Lists, sets: np.ndarray, folds: np.ndarray, train: np.ndarray) -> tuple[int, float, float]:
    """(N, L2, inner objective) by CV over the training folds."""
    best = (TOP_NS[0], L2S[0], -1.0)
    inner = sorted(set(folds[train].tolist()))
    for top_n in TOP_NS:
        for l2 in L2S:
            held = np.zeros((len(sets), 4))
            for f in inner:
                fit_idx = np.flatnonzero(train & (folds != f))
                test_idx = np.flatnonzero(train & (folds == f))
                w = fit(lists, fit_idx, set_weights(sets, fit_idx), top_n, l2)
                held[test_idx] = evaluate(lists, test_idx, w, top_n)
            value = objective(held[train], sets[train])
            if value > best[2]:
                best = (top_n, l2, value)
    return best


def summarise(res: np.ndarray, sets: np.ndarray, chosen: np.ndarray) -> dict:
    names = ("recall@1", "recall@10", "mrr@10", "recall@100")
    return {s: {"n": int((chosen & (sets == s)).sum()),
                **{m: round(float(res[chosen & (sets == s), i].mean()), 4) for i, m in enumerate(names)}}
            for s in SETS if (chosen & (sets == s)).any()}


def partial(args, questions, shared, traits, configs, counts, key_index, sets, folds, dev) -> int:
    """Held-out figures with a partial vector set: the fold's fusion as the product runs it, then the fold's model."""
    models = json.loads(Path(args.models).read_text(encoding="utf-8"))
    have = shared["e5_have"] & (np.random.default_rng(0).random(len(shared["e5_have"])) < args.partial)
    before, after = np.zeros((len(questions), 4)), np.zeros((len(questions), 4))
    for k in range(K_FOLDS):
        lists = Lists(questions, shared, traits, configs[k], counts, key_index, have)
        test = np.flatnonzero(dev & (folds == k))
        top_n, w = model_of(models["folds"][k])
        before[test], after[test] = evaluate(lists, test, None, top_n), evaluate(lists, test, w, top_n)
        print(f"fold {k} done", file=sys.stderr)
    return write_report({"rows_with_a_vector": int(have.sum()), "held_out_before": summarise(before, sets, dev),
                         "held_out_after": summarise(after, sets, dev)}, args.json)


def harness(cv_json: str):
    """The cached questions of the harness under a research_e5_variants report (``cv_json``): questions,
    shared (with ``home``: the bureau's own laws), bundle, traits, counts (fold priors), key_index, sets,
    folds, dev (not reporting-only), configs (per fold, then the whole pool's); None (and a message) when
    the cache is of another index build."""
    from types import SimpleNamespace

    from kb.corpus import Corpus
    from kb.search.searchers import bundle_for

    report = json.loads(Path(cv_json).read_text(encoding="utf-8"))["chosen among all"]
    questions, shared = load_or_compute(Corpus())
    bundle = bundle_for(Corpus())
    if len(bundle.clauses) != len(shared["keys"]):
        print("the cached features are of another index build: rerun with --refresh in the harness", file=sys.stderr)
        return None
    shared["home"] = home_laws(Corpus())   # the bureau's own laws (a re-ranker feature)
    shared["evidence_source"] = Evidence(bundle.corpus)   # read only with research_query_side --evidence (issue 14s)
    return SimpleNamespace(
        questions=questions, shared=shared, bundle=bundle, traits=RowTraits(bundle.clauses, bundle.row_filter.row_doc),
        counts=fold_priors(questions, shared["keys"]), key_index={k: i for i, k in enumerate(dict.fromkeys(shared["keys"]))},
        sets=np.array([q.set for q in questions]), folds=np.array([q.fold for q in questions]),
        dev=~np.array([reporting_only(q) for q in questions]),
        configs=[dict(c) for c in report["folds"]] + [dict(report["shipped"])])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv-json", required=True, help="research_e5_variants report: the fusion settings per fold")
    parser.add_argument("--report", action="store_true", help="measure the whole-pool choice on staff fold 4 (once)")
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS_PATH.name} from the whole pool")
    parser.add_argument("--errors", type=int, default=0, metavar="K", help="print K training error cases and stop")
    parser.add_argument("--partial", type=float, metavar="SHARE", help="no fitting: measure the per-fold models of "
                        "--models on the held-out folds with only SHARE of the rows' neural vectors (the others "
                        "dropped at random), fused and re-ranked")
    parser.add_argument("--misses", action="store_true", help="no fitting: the held-out rank-1 misses of --models "
                        "on staff folds 0-3 and bureau52 (the right article's rank; wrong law / same law / same 章)")
    parser.add_argument("--models", help="with --partial or --misses: an earlier --json report of this script")
    parser.add_argument("--without", default="", metavar="NAMES", help="features left out of the model "
                        "(comma-separated; their column is 0, so their weight is 0)")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    h = harness(args.cv_json)
    if h is None:
        return 1
    questions, shared, traits, counts, key_index = h.questions, h.shared, h.traits, h.counts, h.key_index
    sets, folds, dev, configs = h.sets, h.folds, h.dev, h.configs
    shared["without"] = [name.strip() for name in args.without.split(",") if name.strip()]
    unknown = set(shared["without"]) - set(FEATURES)
    if unknown:
        parser.error(f"--without: unknown features {', '.join(sorted(unknown))}")
    cache: dict = {}

    def lists_for(config):
        key = json.dumps(config, sort_keys=True)
        if key not in cache:
            cache[key] = Lists(questions, shared, traits, config, counts, key_index)
            print(f"lists for {key}", file=sys.stderr)
        return cache[key]

    if args.misses or args.errors:
        from benchmarks.rerank_reports import errors, misses
    if args.misses:
        return misses(args, questions, shared, traits, configs, counts, key_index, sets, folds, dev)
    if args.partial is not None:
        return partial(args, questions, shared, traits, configs, counts, key_index, sets, folds, dev)
    if args.errors:
        errors(lists_for(configs[-1]), questions, traits, sets, folds, args.errors)
        return 0
    before, after = np.zeros((len(questions), 4)), np.zeros((len(questions), 4))
    chosen = []
    for k in range(K_FOLDS):
        lists = lists_for(configs[k])
        train, test = dev & (folds != k), np.flatnonzero(dev & (folds == k))
        top_n, l2, value = choose(lists, sets, folds, train)
        tr = np.flatnonzero(train)
        w = fit(lists, tr, set_weights(sets, tr), top_n, l2)
        before[test] = evaluate(lists, test, None, top_n)
        after[test] = evaluate(lists, test, w, top_n)
        chosen.append({"top_n": top_n, "l2": l2, "inner_objective": round(value, 4),
                       "weights": dict(zip(FEATURES, w.tolist()))})
        print(f"fold {k}: N {top_n} l2 {l2} inner {value:.4f}", file=sys.stderr)
    out = {"held_out_before": summarise(before, sets, dev), "held_out_after": summarise(after, sets, dev),
           "folds": chosen}
    lists = lists_for(configs[-1])
    pool = np.flatnonzero(dev)
    top_n, l2, value = choose(lists, sets, folds, dev)
    w = fit(lists, pool, set_weights(sets, pool), top_n, l2)
    out["shipped"] = {"top_n": top_n, "l2": l2, "weights": dict(zip(FEATURES, w.tolist()))}
    if args.report:
        final = np.flatnonzero((sets == "staff") & (folds == REPORT_FOLD))
        res_b, res_a = np.zeros((len(questions), 4)), np.zeros((len(questions), 4))
        res_b[final], res_a[final] = evaluate(lists, final, None, top_n), evaluate(lists, final, w, top_n)
        mask = np.zeros(len(questions), bool)
        mask[final] = True
        out["report_fold_before"], out["report_fold_after"] = summarise(res_b, sets, mask), summarise(res_a, sets, mask)
    if args.write:
        write_model(WEIGHTS_PATH, top_n, w, [
            "LawKB re-ranker of the fused top N (kb/search/rerank.py): top_n, then feature<TAB>weight.",
            "Written by benchmarks/research_rerank.py --write (nested CV over STARD, bureau52, staff folds 0-3)."])
    return write_report(out, args.json)


if __name__ == "__main__":
    sys.exit(main())
