"""Cross-validated choice of the search fusion settings, with held-out figures only (issue 14).

Question sets (benchmarks/cv_features.py): STARD dev (832 lay questions, ../shared/data, never in
the repo), the 52 in-repo bureau questions, and the 210 bureau staff questions of
``benchmarks/questions/bureau_staff.jsonl``. The development pool is all of STARD and bureau52 and
the staff folds 0-3; staff fold 4 (42 questions) is for reporting only.

5-fold cross-validation over the pool: for fold k, every setting is chosen on the other folds and
measured on fold k; the held-out figures of the five folds are pooled per set. The objective is
the mean over the three sets of (Recall@10 + MRR@10), so the 832 lay questions do not outweigh
the bureau ones. The settings chosen (in stages, each inside the training folds):

1. fusion group — method (weighted min-max / RRF), scope (re-rank the lexical top ``depth`` /
   union of each component's top ``depth``), depth (200/400/800), lexical expansion alpha (0.8/1.6/2.4) — and the
   component weights (lexical, embedded PPMI, e5; simplex step 0.1), at law boost 0.4, penalty 0.3;
2. law boost (0-1.0) x penalty-intent boost (0-0.5) for that group and weights;
3. the weights again with those boosts.

The shipped setting is the same procedure run on the whole pool; ``--report`` then measures it
once on staff fold 4 (and prints nothing per question).

    LAWKB_HOME=/work/dev/home-issue-14 nice python -m benchmarks.research_cv [--refresh] [--report] [--json OUT]

``--remeasure REPORT`` chooses nothing: it measures an earlier report's per-fold and shipped
settings on the current features (e.g. after ``--refresh`` once every article has its e5 vector).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.cv_features import ALPHAS, K_FOLDS, REPORT_FOLD, load_or_compute, reporting_only, write_report
from benchmarks.cv_fusion import METRIC_NAMES, eval_group, simplex

SETS = ("stard", "bureau52", "staff")
DEPTHS = (200, 400, 800)
LAW_BOOSTS = (0.0, 0.2, 0.4, 0.7, 1.0)
PENALTY_BOOSTS = (0.0, 0.15, 0.3, 0.5)
STAGE1_BOOST = (0.4, 0.3)


def groups() -> list[dict]:
    out = []
    for depth, alpha in itertools.product(DEPTHS, ALPHAS):
        out.append({"method": "weighted", "scope": "rerank", "depth": depth, "alpha": alpha})
        out.append({"method": "weighted", "scope": "union", "depth": depth, "alpha": alpha})
        out.append({"method": "rrf", "scope": "union", "depth": depth, "alpha": alpha, "rrf_k": 60})
    return out


def objective(results: np.ndarray, sets: np.ndarray, chosen: np.ndarray) -> np.ndarray:
    """Mean over sets of mean(R@10 + MRR@10) over the chosen questions, for every trailing config."""
    per_set = []
    for name in SETS:
        idx = np.flatnonzero(chosen & (sets == name))
        if len(idx):
            per_set.append((results[idx, ..., 1] + results[idx, ..., 2]).mean(axis=0))
    return np.mean(per_set, axis=0)


class Search:
    """Staged selection over cached per-question results."""

    def __init__(self, questions, shared, log=sys.stderr, grid: bool = True):
        self.questions = questions
        self.shared = shared
        self.log = log
        self.keys = {k: i for i, k in enumerate(dict.fromkeys(shared["keys"]))}
        self.sets = np.array([q.set for q in questions])
        self.folds = np.array([q.fold for q in questions])
        self.groups = groups()
        self.weights = simplex(0.1)
        self.cache: dict = {}
        started = time.perf_counter()
        self.stage1 = []
        for g, group in enumerate(self.groups if grid else ()):
            self.stage1.append(eval_group(questions, shared, group, self.weights, [STAGE1_BOOST], self.keys)[:, :, 0])
            print(f"group {g + 1}/{len(self.groups)} {group} ({time.perf_counter() - started:.0f} s)", file=log)

    def run(self, group: dict, w: np.ndarray, boosts: list) -> np.ndarray:
        key = (json.dumps(group, sort_keys=True), tuple(np.round(w, 3)), tuple(boosts))
        if key not in self.cache:
            self.cache[key] = eval_group(self.questions, self.shared, group, w.reshape(3, 1), boosts, self.keys)[:, 0]
        return self.cache[key]

    def choose(self, train: np.ndarray, e5: bool = True) -> dict:
        """The staged choice on the `train` questions (e5 False: only weight vectors without e5)."""
        allowed = np.ones(self.weights.shape[1], bool) if e5 else self.weights[2] == 0
        best = (-1.0, None, None)
        for g, res in enumerate(self.stage1):
            obj = np.where(allowed, objective(res, self.sets, train), -np.inf)
            c = int(np.argmax(obj))
            if obj[c] > best[0]:
                best = (float(obj[c]), g, c)
        _, g, c = best
        group = self.groups[g]
        boosts = list(itertools.product(LAW_BOOSTS, PENALTY_BOOSTS))
        res = self.run(group, self.weights[:, c], boosts)
        gamma, beta = boosts[int(np.argmax(objective(res, self.sets, train)))]
        if (gamma, beta) == STAGE1_BOOST:
            res = self.stage1[g]
        else:
            key = (g, gamma, beta)
            if key not in self.cache:
                self.cache[key] = eval_group(self.questions, self.shared, group, self.weights, [(gamma, beta)],
                                             self.keys)[:, :, 0]
            res = self.cache[key]
        c = int(np.argmax(np.where(allowed, objective(res, self.sets, train), -np.inf)))
        w = self.weights[:, c]
        return {**group, "w_lex": round(float(w[0]), 2), "w_ppmi": round(float(w[1]), 2),
                "w_e5": round(float(w[2]), 2), "law_boost": gamma, "penalty_boost": beta}

    def results_of(self, config: dict) -> np.ndarray:
        keys = ("method", "scope", "depth", "alpha") + tuple(k for k in ("rrf_k", "prior_boost") if k in config)
        group = {k: config[k] for k in keys}
        w = np.array([config["w_lex"], config["w_ppmi"], config["w_e5"]])
        return self.run(group, w, [(config["law_boost"], config["penalty_boost"])])[:, 0]


def summarise(results: np.ndarray, sets: np.ndarray, chosen: np.ndarray) -> dict:
    out = {}
    for name in SETS:
        idx = np.flatnonzero(chosen & (sets == name))
        if len(idx):
            out[name] = {"n": int(len(idx)), **{m: round(float(results[idx, i].mean()), 4)
                                                for i, m in enumerate(METRIC_NAMES)}}
    return out


FIXED = {
    "lexical (alpha 1.6)": {"method": "weighted", "scope": "rerank", "depth": 200, "alpha": 1.6, "w_lex": 1.0,
                            "w_ppmi": 0.0, "w_e5": 0.0, "law_boost": 0.0, "penalty_boost": 0.0},
    "embedded PPMI alone": {"method": "weighted", "scope": "union", "depth": 200, "alpha": 1.6, "w_lex": 0.0,
                            "w_ppmi": 1.0, "w_e5": 0.0, "law_boost": 0.0, "penalty_boost": 0.0},
    "e5 alone": {"method": "weighted", "scope": "union", "depth": 200, "alpha": 1.6, "w_lex": 0.0,
                 "w_ppmi": 0.0, "w_e5": 1.0, "law_boost": 0.0, "penalty_boost": 0.0},
    "hybrid before issue 14 (lexical+PPMI re-rank 200, w 0.7)": {
        "method": "weighted", "scope": "rerank", "depth": 200, "alpha": 1.6, "w_lex": 0.7, "w_ppmi": 0.3,
        "w_e5": 0.0, "law_boost": 0.4, "penalty_boost": 0.3},
    "untuned RRF k 60, lexical + e5 0.5/0.5": {
        "method": "rrf", "scope": "union", "depth": 200, "alpha": 1.6, "rrf_k": 60, "w_lex": 0.5, "w_ppmi": 0.0,
        "w_e5": 0.5, "law_boost": 0.0, "penalty_boost": 0.0},
}


def report_fold_of(questions, shared, previous: Path, out: str | None) -> int:
    """Staff fold 4 figures of the shipped settings of an earlier report (measured once, never tuned on)."""
    report = json.loads(previous.read_text(encoding="utf-8"))
    search = Search(questions, shared, grid=False)
    final = (search.sets == "staff") & (search.folds == REPORT_FOLD)
    report["report_fold"] = {"shipped": summarise(search.results_of(report["shipped"]), search.sets, final),
                             "shipped without e5": summarise(search.results_of(report["shipped_without_e5"]),
                                                             search.sets, final)}
    report["report_fold"].update({name: summarise(search.results_of(cfg), search.sets, final)
                                  for name, cfg in FIXED.items()})
    return write_report(report, out)


def remeasure(questions, shared, previous: Path, out: str | None) -> int:
    """An earlier report's choices (per fold, and shipped) measured on the current features — e.g. once
    every article has its e5 vector: the dev folds held out as chosen then, staff fold 4 once."""
    report = json.loads(previous.read_text(encoding="utf-8"))
    search = Search(questions, shared, grid=False)
    dev = ~np.array([reporting_only(q) for q in questions])
    final = (search.sets == "staff") & (search.folds == REPORT_FOLD)
    result = {}
    for key, folds_key, shipped_key in (("e5", "folds", "shipped"), ("without_e5", "folds_without_e5", "shipped_without_e5")):
        held = np.zeros((len(questions), 4))
        for k in range(K_FOLDS):
            test = dev & (search.folds == k)
            held[test] = search.results_of(report[folds_key][k])[test]
        result[key] = {"cv_held_out": summarise(held, search.sets, dev),
                       "report_fold": summarise(search.results_of(report[shipped_key]), search.sets, final)}
    result["e5_rows"] = int(shared["e5_have"].sum())
    return write_report(result, out)


def main(argv=None) -> int:
    from kb.corpus import Corpus

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--refresh", action="store_true", help="recompute the per-question features")
    parser.add_argument("--report", action="store_true", help="also measure the shipped setting on staff fold 4")
    parser.add_argument("--json", help="write the report here")
    parser.add_argument("--from-json", metavar="REPORT", help="no choosing: take the settings of an earlier --json "
                        "report and add the staff fold 4 figures (--report) to it")
    parser.add_argument("--remeasure", metavar="REPORT", help="no choosing: measure the per-fold and shipped settings "
                        "of an earlier --json report on the current features (held-out dev folds, staff fold 4)")
    args = parser.parse_args(argv)
    questions, shared = load_or_compute(Corpus(), refresh=args.refresh)
    if args.remeasure:
        return remeasure(questions, shared, Path(args.remeasure), args.json)
    if args.from_json:
        return report_fold_of(questions, shared, Path(args.from_json), args.json)
    search = Search(questions, shared)
    sets, folds = search.sets, search.folds
    dev = ~np.array([reporting_only(q) for q in questions])
    report: dict = {"questions": summarise(np.ones((len(questions), 4)), sets, dev), "folds": []}
    held, held_no_e5 = np.zeros((len(questions), 4)), np.zeros((len(questions), 4))
    report["folds_without_e5"] = []
    for k in range(K_FOLDS):
        train, test = dev & (folds != k), dev & (folds == k)
        config = search.choose(train)
        held[test] = search.results_of(config)[test]
        report["folds"].append(config)
        print(f"fold {k}: {config}", file=sys.stderr)
        config = search.choose(train, e5=False)
        held_no_e5[test] = search.results_of(config)[test]
        report["folds_without_e5"].append(config)
    report["cv_held_out"] = summarise(held, sets, dev)
    report["cv_held_out_without_e5"] = summarise(held_no_e5, sets, dev)
    report["fixed"] = {name: summarise(search.results_of(cfg), sets, dev) for name, cfg in FIXED.items()}
    shipped = search.choose(dev)
    report["shipped"] = shipped
    report["shipped_in_sample"] = summarise(search.results_of(shipped), sets, dev)
    report["shipped_without_e5"] = search.choose(dev, e5=False)
    if args.report:
        final = (sets == "staff") & (folds == REPORT_FOLD)
        report["report_fold"] = {"shipped": summarise(search.results_of(shipped), sets, final),
                                 "shipped without e5": summarise(search.results_of(report["shipped_without_e5"]),
                                                                 sets, final)}
        report["report_fold"].update({name: summarise(search.results_of(cfg), sets, final)
                                      for name, cfg in FIXED.items()})
    return write_report(report, args.json)


if __name__ == "__main__":
    sys.exit(main())
