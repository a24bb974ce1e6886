"""The confidence gate's coverage target chosen for right answers, with the scope gate in view (issue 14r).

benchmarks.research_answers chooses the answer's abstention threshold as the one that answers the
smallest training coverage target (0.90-0.98) still answering >= 90% of unseen staff questions. An
abstention counts as a wrong first citation, and since the scope gate (kb.answer.scope, fitted by
benchmarks.research_scope) refuses ~90% of the out-of-scope questions on its own, the confidence gate's
low-confidence refusals mostly cost right answers (round 4, benchmarks/RESEARCH.md). Here the target is
chosen inside the training folds by a utility: the share of the bureau questions (the 52 and staff, pooled)
answered right through both gates minus the share of the out-of-scope questions answered through both
gates (one out-of-scope answer costs as much as one right answer lost), over TARGETS; ties go to the
smaller target. The scope gate's decisions for the inner folds come from benchmarks.research_scope's
model fitted without the outer fold (``held_out`` on the scope items of the training folds only).

Reported held out (the rules fitted without the fold, as research_answers; the scope gate held out the
same way): first citation right per set (an abstention or a scope refusal counts as wrong), answered
share, out-of-scope refused by the confidence gate alone and by both; and the whole-pool target,
threshold and the calibration-bias shift that keeps ANSWER_MIN_CONFIDENCE's default at 0.19.

    nice python -m benchmarks.research_abstention --items ITEMS.pkl --rules-items RULES.pkl \\
        --scope-items <CACHE>/scope_items_neural.pkl [--control] --json OUT
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
from pathlib import Path

import numpy as np

from benchmarks import research_answers as ra
from benchmarks.cv_features import K_FOLDS, REPORT_FOLD, write_report

TARGETS = (0.9, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 1.0)
DEBUG = False
SHIPPED_THRESHOLD = 0.19     # ANSWER_MIN_CONFIDENCE's default: the shipped calibration is shifted to it


def scope_gate(scope_items: list[dict], folds: list[int]) -> dict:
    """(set, id) -> passes the scope gate, each of `folds` held out from a model fitted on the others
    among `folds` (reporting questions never enter)."""
    from benchmarks.research_scope import held_out, matrix, prob, reporting, train

    items = [it for it in scope_items if it["fold"] in folds and not reporting(it)]
    out = {(r["set"], r["id"]): r["scope"] >= r["cut"] for r in held_out(items, folds)}
    rest = [it for it in scope_items if reporting(it) and it["fold"] in folds]
    if rest:   # the scope study's reporting questions (fold 4), answered by a model of all of `items`
        model = train(items)
        out.update({(it["set"], it["id"]): bool(p >= model["threshold"])
                    for it, p in zip(rest, prob(model, matrix(rest)[0]))})
    return out


def outcomes(items: list[dict], rules: dict, threshold: float, scope: dict) -> list[dict]:
    out = []
    for it, conf in zip(items, ra.apply_confidences(items, rules)):
        passed = scope.get((it["set"], it["id"]), True)
        out.append({"set": it["set"], "conf_answered": conf >= threshold,
                    "answered": conf >= threshold and passed,
                    "right": conf >= threshold and passed and ra.is_right(it, ra.decide(it, rules["weights"])[0])})
    return out


PER = "share"    # "share": bureau right share minus out-of-scope answered share; "count": the counts


def utility(results: list[dict]) -> float:
    bureau = [r for r in results if r["set"] in ra.BUREAU_SETS]
    oos = [r for r in results if r["set"] == "oos"]
    if PER == "count":
        return sum(r["right"] for r in bureau) - sum(r["answered"] for r in oos)
    return sum(r["right"] for r in bureau) / max(len(bureau), 1) - sum(r["answered"] for r in oos) / max(len(oos), 1)


def choose_target(fit: list[dict], dev: list[dict], scope: dict) -> float:
    """The TARGETS value of the highest inner-CV utility (folds of `fit`; ties: the smaller)."""
    inner = []
    for j in sorted({it["fold"] for it in fit}):
        rules = ra.fit_rules([it for it in fit if it["fold"] != j])
        inner.append((rules, [it for it in dev if it["fold"] == j]))
    best, best_u = TARGETS[0], -math.inf
    for target in TARGETS:
        results = [r for rules, held in inner for r in outcomes(held, rules, ra.threshold_for(rules, target), scope)]
        u = utility(results)
        if DEBUG:
            print(target, round(u, 4), file=sys.stderr)
        if u > best_u + 1e-12:
            best, best_u = target, u
    return best


def summary(results: list[dict]) -> dict:
    out = {}
    for name in ra.SETS + ("oos",):
        rs = [r for r in results if r["set"] == name]
        if not rs:
            continue
        if name == "oos":
            out[name] = {"n": len(rs), "refused_confidence": round(1 - np.mean([r["conf_answered"] for r in rs]), 3),
                         "refused_both": round(1 - np.mean([r["answered"] for r in rs]), 3)}
        else:
            out[name] = {"n": len(rs), "right": int(sum(r["right"] for r in rs)),
                         "first_citation_right": round(float(np.mean([r["right"] for r in rs])), 4),
                         "answered": round(float(np.mean([r["answered"] for r in rs])), 4)}
    pooled = [r for r in results if r["set"] in ra.BUREAU_SETS]
    out["pooled_bureau"] = {"n": len(pooled), "right": int(sum(r["right"] for r in pooled)),
                            "first_citation_right": round(float(np.mean([r["right"] for r in pooled])), 4)}
    return out


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", required=True, help="research_answers --items cache (the search answered on)")
    parser.add_argument("--rules-items", help="fit the rules on these items (research_answers --rules-items)")
    parser.add_argument("--scope-items", required=True, help="benchmarks.research_scope collect's pickle")
    parser.add_argument("--control", action="store_true", help="research_answers' own target choice (>= 90%% of "
                        "unseen staff questions answered), for the before figures with both gates")
    parser.add_argument("--target", type=float, help="this coverage target in every fold (a what-if chosen by "
                        "hand, not a nested choice)")
    parser.add_argument("--per", choices=("share", "count"), default="share", help="the utility: shares of "
                        "the two groups (default) or counts of questions (one out-of-scope answer = one right lost)")
    parser.add_argument("--json", help="write the report here")
    args = parser.parse_args(argv)
    ra.COVERAGE_OF = ("staff",)
    global PER
    PER = args.per
    dev = [it for it in pickle.loads(Path(args.items).read_bytes())
           if not (it["set"] == "staff" and it["fold"] == REPORT_FOLD)]
    fit = dev if not args.rules_items else [it for it in pickle.loads(Path(args.rules_items).read_bytes())
                                           if not (it["set"] == "staff" and it["fold"] == REPORT_FOLD)]
    scope_items = pickle.loads(Path(args.scope_items).read_bytes())
    outer_scope = scope_gate(scope_items, list(range(K_FOLDS)))
    held, report = [], {"folds": []}
    for k in range(K_FOLDS):
        train = [it for it in fit if it["fold"] != k]
        if args.target is not None:
            target = args.target
        elif args.control:
            target = ra.choose_target(train)
        else:
            target = choose_target(train, [it for it in dev if it["fold"] != k],
                                   scope_gate(scope_items, [j for j in range(K_FOLDS) if j != k]))
        rules = ra.fit_rules(train)
        threshold = ra.threshold_for(rules, target)
        held += outcomes([it for it in dev if it["fold"] == k], rules, threshold, outer_scope)
        report["folds"].append({"target": target, "threshold": round(threshold, 4)})
        print(f"fold {k}: target {target}, threshold {threshold:.4f}", file=sys.stderr)
    report["cv_held_out"] = summary(held)
    rules = ra.fit_rules(fit)
    target = args.target if args.target is not None else \
        ra.choose_target(fit) if args.control else choose_target(fit, dev, outer_scope)
    threshold = ra.threshold_for(rules, target)
    report["shipped"] = {"target": target, "threshold": round(threshold, 4),
                         "bias_shift_to_default": round(logit(SHIPPED_THRESHOLD) - logit(threshold), 4)}
    return write_report(report, args.json)


if __name__ == "__main__":
    sys.exit(main())
