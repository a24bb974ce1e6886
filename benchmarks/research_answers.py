"""Cross-validated answer rules: candidate weights, calibration and the abstention threshold (issue 14).

For every question of the development pool (STARD dev, the 52 bureau questions, bureau staff folds
0-3, the out-of-scope questions of ``benchmarks/questions/out_of_scope.jsonl``) the extractive
answerer (``kb.answer.extractive.candidates_for``) scores every 款/项 of the top 30 articles the
search returns — with, for a question of CV fold k, the fusion setting that
``benchmarks.research_cv`` chose without fold k (``--cv-json``) — and the features of each
candidate (kb.answer.scoring.FEATURES) are kept.

For each fold k, on the other folds:

* a listwise logistic model (softmax over a question's candidates; likelihood of the relevant
  articles' candidates; sets weighted equally; L2 0.01) gives the candidate weights;
* a logistic calibration of "the first citation is right" (out-of-scope questions: never right) on
  log p(article), the best candidate's coverage, the unknown-word share, the matched idf mass and
  whether the answer's law is one of ANSWER_HOME_LAWS gives the confidence;
* the abstention threshold is the lowest that refuses >= 90% of the out-of-scope questions, unless
  that answers fewer than a target share of the bureau questions (then the one that answers it);
  the target is the smallest (0.90-0.98) whose threshold answers >= 90% of the bureau questions of
  held-out folds in a cross-validation inside the training folds (``choose_target``).

Fold k is then answered with them. Reported per set: first citation right among all questions
(an abstention counts as wrong), coverage, accuracy of the answers given, out-of-scope refusals,
and the accuracy-coverage curve of the held-out confidences. The report's "shipped" part is the
weights, calibration and threshold fitted on the whole pool (what kb/answer/scoring.py and the
ANSWER_MIN_CONFIDENCE default ship); ``--report`` answers staff fold 4 once with them.

After a change of the search (new fusion weights: rerun ``benchmarks.research_cv`` — or, for the re-scoring
FUSION_NEURAL and its article prior, ``benchmarks.research_e5_variants --baseline --variants "" --prior-boosts
0,0.05,0.1,0.2,0.3`` — first), one command refits and re-measures everything (``--refresh`` re-answers every
question; the cache is per retrieval). A question of fold k is searched with that fold's choice, and its article
prior is counted from the STARD questions outside fold k (staff fold 4 and the out-of-scope questions: the
whole-pool choice). RULES["neural"] (issue 14h):

    LAWKB_HOME=... LAWKB_E5_EXTRA=<home>/corpora/default/vectors.sqlite nice python -m benchmarks.research_answers \
        --cv-json e5_variants.json --items items_e5.pkl --refresh --coverage-of staff --report --json answers.json

``--rerank-json`` (a ``benchmarks.research_rerank`` report) re-ranks each fold's fused list with the
re-ranker fitted without that fold (issue 14k).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from benchmarks.cv_features import (CACHE, K_FOLDS, REPORT_FOLD, Components, Question, fill, load_sets,
                                    reporting_only, write_report)
from benchmarks.cv_fusion import ranking
from kb.answer.scoring import FEATURES
from kb.search.hits import IndexSearcher

OOS = Path(__file__).resolve().parent / "questions" / "out_of_scope.jsonl"
SETS = ("stard", "bureau52", "staff")
L2 = 0.01
OOS_REFUSED = 0.9
MIN_COVERAGE = 0.9      # share of unseen bureau questions the default threshold must answer
COVERAGE_OF = BUREAU_SETS_ALL = ("bureau52", "staff")   # the sets it must answer it of, pooled (--coverage-of)
TARGETS = (0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98)   # training coverage targets tried (choose_target)
BUREAU_SETS = ("bureau52", "staff")
CHOSEN = "chosen among all"   # research_e5_variants --json: per-fold and whole-pool choice of the neural fusion


class ResearchSearcher(IndexSearcher):
    """The fusion of benchmarks.cv_fusion (one CV fold's setting and expansion table) as an index searcher.

    An IndexSearcher, so that kb.answer.extractive.retrieve_hits ranks with ``candidates`` below (before
    this was one, every question was answered from the data home's search as shipped, whatever its fold).
    """

    name = "hybrid"
    dense = True

    def __init__(self, comp: Components, corpus):
        super().__init__(comp.bundle)
        self.comp = comp
        self.config: dict = {}
        self.table = None
        self.prior = None    # article prior of every row, from the STARD questions outside the question's fold
        self.rerank = None   # (top N, weights) of the fold's re-ranker (benchmarks/research_rerank.py), or None
        self.query_side = None   # (question, fusion config) -> question: a query-side variant (research_query_side)

    def neural_active(self) -> bool:
        """As the product's hybrid searcher (kb.answer.scoring.rules_for): the fold's fusion weighs e5."""
        return float(self.config.get("w_e5", 0)) > 0

    def candidates(self, query: str, mask, n: int):
        alpha = self.config["alpha"]
        full = self.comp.full(query, self.table, alphas=(alpha,))
        q = fill(Question("", "", query, set(), -1), full, mask & self.comp.mask)
        q.prior = None if self.prior is None else self.prior[q.rows].astype(np.float32)
        if self.query_side is not None:
            q = self.query_side(q, self.config)
        rows, scores = ranking(q, self.comp.shared, self.config, max(n, self.rerank[0]) if self.rerank else n)
        if self.rerank:
            from benchmarks.research_rerank import reranked

            rows, scores = reranked(q, rows, scores, self.comp, self.rerank, alpha)
            rows, scores = rows[:n], scores[:n]
        # per-row component scores relative to the best row of each component (reranking features)
        self.components = {}
        tops = {name: max(float(values.max()), 1e-9) for name, values in q.scores.items()}
        index = {r: i for i, r in enumerate(q.rows.tolist())}
        for r in rows.tolist():
            i = index[r]
            self.components[r] = [float(q.scores[f"lex@{alpha}"][i]) / tops[f"lex@{alpha}"],
                                  float(q.scores["e5"][i]), float(q.scores["e5"][i]) - tops["e5"],
                                  float(q.scores["ppmi"][i]) / tops["ppmi"]]
        return rows, scores


def collect(corpus, cv: dict, questions: list[Question], log=sys.stderr, rerank: dict | None = None,
            query_side: str | None = None) -> list[dict]:
    """Per question: candidate features, article keys, relevance labels. ``query_side``: a variant of
    benchmarks.research_query_side (e.g. prf5x0.6) applied to every question's neural scores."""
    from kb.answer import word_weights_for
    from kb.answer.extractive import candidates_for

    from benchmarks.research_e5_variants import fold_priors, prior_for

    comp = Components(corpus, [q for q in questions if q.set == "stard"], log)
    searcher = ResearchSearcher(comp, corpus)
    if query_side:
        from benchmarks.research_query_side import answer_hook

        searcher.query_side = answer_hook(query_side, comp)
    priors = fold_priors(questions, comp.shared["keys"])
    row_of = {c.id: r for r, c in enumerate(comp.bundle.clauses)}
    weights = word_weights_for(corpus)
    out = []
    started = time.perf_counter()
    for n, q in enumerate(questions):
        searcher.config = cv["shipped"] if reporting_only(q) or q.set == "oos" else cv["folds"][q.fold]
        if rerank:
            from benchmarks.research_rerank import model_of

            searcher.rerank = model_of(rerank["shipped"] if reporting_only(q) or q.set == "oos"
                                       else rerank["folds"][q.fold])
        searcher.table = comp.table_for(q)
        searcher.prior = prior_for(priors, q)[0] if searcher.config.get("prior_boost") else None
        searcher.components = {}
        found = candidates_for(corpus, searcher, weights, q.text)
        keys = [(c.clause.law, c.clause.article) for c in found.candidates]
        feats = np.array([c.features for c in found.candidates]) if found.candidates and \
            found.candidates[0].features is not None else np.zeros((0, len(FEATURES)))
        extra = np.array([getattr(searcher, "components", {}).get(row_of.get(c.clause.id), [0.0] * 4)
                          for c in found.candidates]) if found.candidates else np.zeros((0, 4))
        out.append({"set": q.set, "id": q.id, "fold": q.fold, "keys": keys, "X": feats, "extra": extra,
                    "y": np.array([k in q.relevant for k in keys], bool), "coverage":
                    np.array([c.coverage for c in found.candidates]), "citation": found.found,
                    "unknown": found.unknown, "mass": sum((found.word_weights or {}).values())})
        if (n + 1) % 100 == 0:
            print(f"{n + 1}/{len(questions)} answered ({time.perf_counter() - started:.0f} s)", file=log)
            comp.qvec.save()
    comp.qvec.save()
    return out


def set_weights(items: list[dict]) -> np.ndarray:
    counts = {s: sum(1 for it in items if it["set"] == s) for s in {it["set"] for it in items}}
    return np.array([1.0 / counts[it["set"]] for it in items])


def fit_ranker(items: list[dict]) -> np.ndarray:
    train = [it for it in items if it["set"] != "oos" and it["y"].any() and len(it["X"])]
    weights = set_weights(train)
    dim = train[0]["X"].shape[1]

    def loss(w):
        total, grad = L2 * w @ w, 2 * L2 * w
        for it, sw in zip(train, weights):
            z = it["X"] @ w
            z = z - z.max()
            e = np.exp(z)
            p = e / e.sum()
            pos = p[it["y"]].sum()
            total -= sw * np.log(max(pos, 1e-12))
            # d/dw -log sum_pos p = E_p[x] - E_{p|pos}[x]
            grad += sw * (p @ it["X"] - (p[it["y"]] / pos) @ it["X"][it["y"]])
        return total, grad

    return minimize(loss, np.zeros(dim), jac=True, method="L-BFGS-B").x


def is_right(it: dict, key) -> bool:
    return it["set"] != "oos" and key is not None and any(y for k, y in zip(it["keys"], it["y"]) if k == key)


HOME = FEATURES.index("home_law")


def decide(it: dict, w: np.ndarray) -> tuple[tuple | None, float, float, float]:
    """(answer key, p(article), coverage, home_law of the best candidate) under candidate weights w."""
    if it["citation"]:
        return (it["keys"][0] if it["keys"] else None), 1.0, 1.0, 1.0
    if not len(it["X"]):
        return None, 1e-9, 0.0, 0.0
    z = it["X"] @ w
    best = int(np.argmax(z))
    e = np.exp(z - z.max())
    p = e / e.sum()
    key = it["keys"][best]
    return key, float(sum(pi for k, pi in zip(it["keys"], p) if k == key)), float(it["coverage"][best]), \
        float(it["X"][best][HOME])


CALIBRATION_NAMES = ("log_p", "coverage", "unknown", "matched", "home_law", "bias")


def calibration_inputs(rows: np.ndarray) -> np.ndarray:
    """(log p, coverage, unknown share, log(1 + matched idf mass), home law, 1) from rows of
    (p, coverage, unknown, mass, home law)."""
    return np.column_stack([np.log(np.maximum(rows[:, 0], 1e-9)), rows[:, 1], rows[:, 2],
                            np.log1p(rows[:, 1] * rows[:, 3]), rows[:, 4], np.ones(len(rows))])


def fit_calibration(rows: np.ndarray, right: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Logistic regression of right on calibration_inputs."""
    X = calibration_inputs(rows)

    def loss(c):
        z = X @ c
        p = 1 / (1 + np.exp(-z))
        eps = 1e-12
        ll = weights * (right * np.log(p + eps) + (1 - right) * np.log(1 - p + eps))
        return -ll.sum() + 1e-3 * c @ c, -(weights * (right - p)) @ X + 2e-3 * c

    return minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B").x


def confidences(rows: np.ndarray, cal: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(calibration_inputs(rows) @ cal)))


def calibration_row(it: dict, decided: tuple) -> tuple:
    _, p, cov, home = decided
    return p, cov, it["unknown"], it["mass"], home


def fit_rules(items: list[dict], on: list[dict] | None = None) -> dict:
    """Candidate weights and calibration on `items`, with the training confidences the threshold is taken from
    (those of `items`, or of `on`: the same questions retrieved by the search the rules will answer on)."""
    w = fit_ranker(items)
    decided = [decide(it, w) for it in items]
    rows = np.array([calibration_row(it, d) for it, d in zip(items, decided)])
    right = np.array([is_right(it, d[0]) for it, d in zip(items, decided)], float)
    cal = fit_calibration(rows, right, set_weights(items))
    rules = {"weights": w, "calibration": cal}
    if on is not None:
        conf, items = np.array(apply_confidences(on, rules)), on
    else:
        conf = confidences(rows, cal)
    return {**rules, "oos": conf[np.array([it["set"] == "oos" for it in items])],
            "bureau": conf[np.array([it["set"] in BUREAU_SETS for it in items])]}


def threshold_for(rules: dict, target: float) -> float:
    """Refuse OOS_REFUSED of the training out-of-scope questions unless that answers fewer than `target`
    of the training bureau questions (then the threshold that answers `target`)."""
    return min(float(np.quantile(rules["oos"], OOS_REFUSED)) if len(rules["oos"]) else 1.0,
               float(np.quantile(rules["bureau"], 1 - target)) if len(rules["bureau"]) else 1.0)


def choose_target(items: list[dict], on: list[dict] | None = None) -> float:
    """The smallest training coverage target whose threshold answers >= MIN_COVERAGE of the bureau questions
    of held-out folds, by cross-validation inside `items` (a threshold fitted to answer 90% of its training
    questions answers fewer unseen ones)."""
    inner = []
    for j in sorted({it["fold"] for it in items}):
        rules = fit_rules([it for it in items if it["fold"] != j],
                          None if on is None else [it for it in on if it["fold"] != j])
        held = [it for it in (items if on is None else on) if it["fold"] == j and it["set"] in BUREAU_SETS]
        inner.append((rules, apply_confidences(held, rules), held))
    for target in TARGETS:
        answered = [c >= threshold_for(rules, target) for rules, confs, held in inner
                    for c, it in zip(confs, held) if it["set"] in COVERAGE_OF]
        if np.mean(answered) >= MIN_COVERAGE:
            return target
    return TARGETS[-1]


def train_rules(items: list[dict], target: float | None = None, on: list[dict] | None = None) -> dict:
    """Weights, calibration and threshold (from the confidences of `on` if given); the coverage target chosen
    by choose_target unless given."""
    rules = fit_rules(items, on)
    rules["target"] = choose_target(items, on) if target is None else target
    rules["threshold"] = threshold_for(rules, rules["target"])
    return rules


def apply_confidences(items: list[dict], rules: dict) -> list[float]:
    out = []
    for it in items:
        decided = decide(it, rules["weights"])
        out.append(1.0 if it["citation"] else
                   float(confidences(np.array([calibration_row(it, decided)]), rules["calibration"])[0]))
    return out


def apply_rules(items: list[dict], rules: dict) -> list[dict]:
    out = []
    for it, conf in zip(items, apply_confidences(items, rules)):
        right = is_right(it, decide(it, rules["weights"])[0])
        out.append({"set": it["set"], "right": bool(right), "confidence": conf,
                    "answered": conf >= rules["threshold"]})
    return out


def summary(results: list[dict]) -> dict:
    out = {}
    for name in SETS + ("oos",):
        rs = [r for r in results if r["set"] == name]
        if not rs:
            continue
        answered = [r for r in rs if r["answered"]]
        if name == "oos":
            out[name] = {"n": len(rs), "refused": round(1 - len(answered) / len(rs), 3)}
            continue
        out[name] = {"n": len(rs), "first_citation_right": round(sum(r["right"] and r["answered"] for r in rs) / len(rs), 4),
                     "coverage": round(len(answered) / len(rs), 4),
                     "accuracy_when_answered": round(sum(r["right"] for r in answered) / max(len(answered), 1), 4),
                     "right_if_always_answering": round(sum(r["right"] for r in rs) / len(rs), 4)}
    return out


def curve(results: list[dict], name: str) -> list[dict]:
    rs = sorted((r for r in results if r["set"] == name), key=lambda r: -r["confidence"])
    points = []
    for share in (1.0, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5):
        top = rs[:max(1, int(round(share * len(rs))))]
        points.append({"coverage": share, "accuracy": round(sum(r["right"] for r in top) / len(top), 4),
                       "threshold": round(top[-1]["confidence"], 3)})
    return points


def main(argv=None) -> int:
    from kb.corpus import Corpus

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv-json", required=True, help="output of benchmarks.research_cv --json or of "
                        "benchmarks.research_e5_variants --json (the neural fusion of FUSION_NEURAL, article prior "
                        "included)")
    parser.add_argument("--refresh", action="store_true")
    parser.add_argument("--rerank-json", help="output of benchmarks.research_rerank --json: re-rank the fused list with "
                        "the re-ranker fitted without the question's fold (the whole-pool one for staff fold 4)")
    parser.add_argument("--query-side", metavar="VARIANT", help="a benchmarks.research_query_side variant (prf5x0.6, "
                        "cues, stop) applied to the neural scores; pair it with that script's models as --rerank-json")
    parser.add_argument("--items", help="cache of the per-question candidates (default CACHE/answer_items.pkl)")
    parser.add_argument("--report", action="store_true", help="also answer staff fold 4 with the shipped rules")
    parser.add_argument("--without-e5", action="store_true",
                        help="retrieve with the settings chosen without e5 (the report's folds_without_e5; FUSION)")
    parser.add_argument("--rules-items", metavar="PKL",
                        help="fit the rules on these items (e.g. another retrieval's, --without-e5) and apply them "
                             "to --items: how rules fitted without e5 answer on the e5 retrieval")
    parser.add_argument("--threshold-on-items", action="store_true",
                        help="with --rules-items: the weights and calibration fitted on --rules-items, the threshold "
                             "on the confidences of --items (rules of an earlier search, re-thresholded for this one)")
    parser.add_argument("--also-items", metavar="PKL", nargs="+", default=[],
                        help="fit the rules on --items and these items together (another retrieval's, e.g. "
                             "--without-e5: one set of rules for the search with and without e5); their held-out "
                             "figures are reported as cv_held_out_also")
    parser.add_argument("--target", type=float,
                        help="answer this share of the training folds' bureau questions (e.g. 0.9) instead of the "
                             "share chosen by cross-validation inside them")
    parser.add_argument("--coverage-of", default=",".join(BUREAU_SETS_ALL), help="the sets whose unseen questions "
                        "the threshold must answer >= 90%% of, pooled ('staff': the 52 hide a staff share below 90%%)")
    parser.add_argument("--json", help="write the report here")
    args = parser.parse_args(argv)
    global COVERAGE_OF
    COVERAGE_OF = tuple(args.coverage_of.split(","))
    if not set(COVERAGE_OF) <= set(BUREAU_SETS_ALL):
        parser.error(f"--coverage-of: one or more of {','.join(BUREAU_SETS_ALL)}")
    cv = json.loads(Path(args.cv_json).read_text(encoding="utf-8"))
    cv = cv.get(CHOSEN, cv)     # benchmarks.research_e5_variants' report: its choice among the variants
    if any(c.get("variant", "baseline") != "baseline" for c in cv["folds"] + [cv["shipped"]]):
        print("--cv-json: only the plain e5 slot (variant 'baseline') can be answered with", file=sys.stderr)
        return 2
    if args.without_e5:
        cv = {**cv, "folds": cv["folds_without_e5"], "shipped": cv["shipped_without_e5"]}
    path = Path(args.items) if args.items else CACHE / "answer_items.pkl"
    if path.exists() and not args.refresh:
        items = pickle.loads(path.read_bytes())
    else:
        questions = load_sets()
        questions += [Question("oos", r["id"], r["text"], set(), int(r["fold"])) for r in
                      (json.loads(x) for x in OOS.read_text(encoding="utf-8").splitlines() if x.strip())]
        rerank = json.loads(Path(args.rerank_json).read_text(encoding="utf-8")) if args.rerank_json else None
        items = collect(Corpus(), cv, questions, rerank=rerank, query_side=args.query_side)
        path.write_bytes(pickle.dumps(items))
    dev = [it for it in items if not (it["set"] == "staff" and it["fold"] == REPORT_FOLD)]
    fit = dev
    if args.rules_items:
        fit = [it for it in pickle.loads(Path(args.rules_items).read_bytes())
               if not (it["set"] == "staff" and it["fold"] == REPORT_FOLD)]
    also = [it for p in args.also_items for it in pickle.loads(Path(p).read_bytes())
            if not (it["set"] == "staff" and it["fold"] == REPORT_FOLD)]
    fit = fit + also
    held: list[dict] = []
    held_also: list[dict] = []
    report: dict = {"folds": []}
    for k in range(K_FOLDS):
        rules = train_rules([it for it in fit if it["fold"] != k], args.target,
                            [it for it in dev if it["fold"] != k] if args.threshold_on_items else None)
        held += apply_rules([it for it in dev if it["fold"] == k], rules)
        held_also += apply_rules([it for it in also if it["fold"] == k], rules)
        report["folds"].append({"threshold": round(rules["threshold"], 4), "target": rules["target"]})
    report["cv_held_out"] = summary(held)
    if also:
        report["cv_held_out_also"] = summary(held_also)
    report["curves"] = {name: curve(held, name) for name in SETS}
    shipped = train_rules(fit, args.target, dev if args.threshold_on_items else None)
    report["shipped"] = {"weights": {name: round(float(v), 4) for name, v in
                                     zip(__import__("kb.answer.scoring", fromlist=["x"]).FEATURES, shipped["weights"])},
                         "calibration": dict(zip(CALIBRATION_NAMES,
                                                 (round(float(v), 4) for v in shipped["calibration"]))),
                         "threshold": round(shipped["threshold"], 4), "target": shipped["target"]}
    if args.report:
        final = [it for it in items if it["set"] == "staff" and it["fold"] == REPORT_FOLD]
        report["report_fold"] = summary(apply_rules(final, shipped))
    return write_report(report, args.json)


if __name__ == "__main__":
    sys.exit(main())
