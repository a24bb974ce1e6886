"""Cross-validated scope score: is the question a legal question in the store's scope? (issue 14)

Two steps.

``collect`` answers every development question with the shipped extractive answerer on the data home
(LAWKB_HOME; ``--without-e5``: LAWKB_ENCODER=off, the search without neural vectors) with the scope
gate off, and keeps per question: the which-article confidence (kb.answer.scoring), whether the first
citation is a relevant article, the cited law, and the kb.answer.scope FEATURES row. Sets: STARD dev
(832), the 52 bureau questions, the 210 staff questions (fold 4 reporting only), the out-of-scope
questions (benchmarks/questions/out_of_scope.jsonl, fold 4 reporting only) and the in-scope near
misses (benchmarks/questions/in_scope_near_miss.jsonl, fold 4 reporting only).

``fit`` (the default when the collected pickles exist) fits, for each CV fold k (0-4: a question's own
fold; reporting questions never enter), on the other folds:

* a logistic model of "in scope" (STARD, bureau52, staff, near misses) vs out of scope on the
  standardised FEATURES (classes weighted equally, L2 1.0 on the standardised weights);
* the refusal threshold: the scope probability below which at most a share ``loss`` of the training
  in-scope questions that the confidence gate answers would be refused, ``loss`` the largest of LOSSES
  whose held-out result in a 4-fold CV inside the training folds keeps >= 90% of the bureau questions (the
  52 and the staff questions, pooled, as benchmarks.research_answers does) answered, and loses none of the
  right answers of the staff questions, the 52 and the near misses (right law) that the confidence gate
  alone gives (``choose_loss``; the first version checked the staff questions only and lost one held-out
  staff answer);

and answers fold k with them. Reported: held-out per set, before (confidence gate only) and after (both
gates): answered, first citation right; out-of-scope refused; near misses answered (and with the
expected law); the accuracy-coverage curve over scope thresholds; the shipped model (fitted on the whole
pool, its threshold by the same rule); ``--report``: the reporting folds once with the shipped model.

    LAWKB_HOME=/work/dev/home-14l nice python -m benchmarks.research_scope collect
    LAWKB_HOME=/work/dev/home-14l nice python -m benchmarks.research_scope collect --without-e5
    python -m benchmarks.research_scope fit --report --json scope.json
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from benchmarks.cv_features import CACHE, load_sets
from kb.answer.scope import FEATURES

HERE = Path(__file__).resolve().parent
OOS = HERE / "questions" / "out_of_scope.jsonl"
NEAR = HERE / "questions" / "in_scope_near_miss.jsonl"
REPORT_FOLD = 4
IN_SETS = ("stard", "bureau52", "staff", "near")
LOSSES = (0.0, 0.0025, 0.005, 0.01, 0.02, 0.03, 0.05)
MIN_ANSWERED = 0.9
BUREAU_SETS = ("bureau52", "staff")   # the in-scope questions that must stay >= 90% answered, pooled
L2 = 1.0
MODES = ("neural", "plain")


def items_path(mode: str) -> Path:
    return CACHE / f"scope_items_{mode}.pkl"


def questions() -> list[dict]:
    out = [{"set": q.set, "id": q.id, "text": q.text, "fold": q.fold, "relevant": q.relevant, "law": None}
           for q in load_sets()]
    for path, name in ((OOS, "oos"), (NEAR, "near")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out.append({"set": name, "id": rec["id"], "text": rec["text"], "fold": int(rec["fold"]),
                            "relevant": set(), "law": rec.get("law"), "topic": rec.get("topic", "")})
    return out


def reporting(q: dict) -> bool:
    return q["set"] in ("staff", "oos", "near") and q["fold"] == REPORT_FOLD


def collect(without_e5: bool, log=sys.stderr) -> list[dict]:
    if without_e5:
        os.environ["LAWKB_ENCODER"] = "off"
    os.environ["LAWKB_ANSWER_MIN_SCOPE"] = "0"
    from kb.answer import searcher_for, word_weights_for
    from kb.answer.extractive import extract
    from kb.answer.scope import features
    from kb.corpus import Corpus

    corpus = Corpus()
    searcher = searcher_for(corpus)
    weights = word_weights_for(corpus)
    threshold = float(corpus.setting("ANSWER_MIN_CONFIDENCE"))
    items = []
    started = time.perf_counter()
    todo = questions()
    for n, q in enumerate(todo, 1):
        found = extract(corpus, searcher, weights, q["text"], min_confidence=threshold)
        first = found.best.clause if found.best is not None else None
        cited = found.citations()[:1]
        key = (cited[0].clause.document.title, cited[0].clause.article) if cited else None
        best_key = (first.document.title, first.article) if first is not None else None
        items.append({**q, "rules": found.rules, "confidence": float(found.confidence), "found": bool(found.found),
                      "right": bool(key in q["relevant"]) if key else False,
                      "best_right": bool(best_key in q["relevant"]) if best_key else False,
                      "cited_law": key[0] if key else (best_key[0] if best_key else None),
                      "features": features(q["text"], found, searcher, corpus)})
        if n % 100 == 0:
            print(f"{n}/{len(todo)} {time.perf_counter() - started:.0f}s", file=log, flush=True)
    path = items_path("plain" if without_e5 else "neural")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(items))
    print(f"{len(items)} questions -> {path} ({items[0]['rules']})", file=log)
    return items


# -- the model ---------------------------------------------------------------------------------------
def fit_logistic(x: np.ndarray, y: np.ndarray) -> dict:
    """Class-balanced L2 logistic regression on standardised columns; returns raw-scale weights + bias."""
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std < 1e-9] = 1.0
    z = (x - mean) / std
    sample = np.where(y == 1, 0.5 / max(y.sum(), 1), 0.5 / max((1 - y).sum(), 1))
    used = np.array([x[:, j].std() > 1e-9 for j in range(x.shape[1])])

    def loss(params):
        w, b = params[:-1] * used, params[-1]
        s = z @ w + b
        p = 1.0 / (1.0 + np.exp(-s))
        nll = -np.sum(sample * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12)))
        grad_s = sample * (p - y)
        reg = L2 / len(y)
        return nll + reg * np.sum(w ** 2), np.append(z.T @ grad_s * used + 2 * reg * w, grad_s.sum())

    res = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B")
    w = res.x[:-1] * used / std
    bias = res.x[-1] - float(np.sum(res.x[:-1] * used * mean / std))
    return {"w": w, "bias": bias}


def prob(model: dict, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x @ model["w"] + model["bias"], -50, 50)))


def matrix(items: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([it["features"] for it in items], dtype=np.float64)
    y = np.array([0 if it["set"] == "oos" else 1 for it in items], dtype=np.float64)
    return x, y


def threshold_at(model: dict, items: list[dict], loss: float) -> float:
    """Highest threshold refusing at most `loss` of the in-scope questions the confidence gate answers."""
    answered = [it for it in items if it["set"] != "oos" and it["found"]]
    if not answered:
        return 0.0
    p = np.sort(prob(model, matrix(answered)[0]))
    k = int(math.floor(loss * len(p)))       # this many may fall below
    return float(p[k]) if k < len(p) else 1.0


def train(items: list[dict], loss: float | None = None) -> dict:
    model = fit_logistic(*matrix(items))
    loss = choose_loss(items) if loss is None else loss
    model["loss"] = loss
    model["threshold"] = threshold_at(model, items, loss)
    return model


def held_out(items: list[dict], folds=range(5), loss: float | None = None) -> list[dict]:
    """Every item of `items` with its held-out scope probability and threshold ("scope", "cut")."""
    out = []
    for k in folds:
        test = [it for it in items if it["fold"] == k]
        if not test:
            continue
        model = train([it for it in items if it["fold"] != k], loss)
        for it, p in zip(test, prob(model, matrix(test)[0])):
            out.append({**it, "scope": float(p), "cut": model["threshold"], "loss": model["loss"]})
    return out


def choose_loss(items: list[dict]) -> float:
    """The largest LOSSES value whose inner 4-fold held-out result answers >= 90% of the bureau questions
    (pooled) and keeps every right answer of the staff, bureau52 and near-miss questions."""
    inner = [{**it, "fold": i % 4} for i, it in enumerate(sorted(items, key=lambda it: (it["set"], it["id"])))]
    best = LOSSES[0]
    for loss in LOSSES:
        results = held_out(inner, range(4), loss)
        bureau = [r for r in results if r["set"] in BUREAU_SETS]
        ok = sum(gated(r) for r in bureau) >= MIN_ANSWERED * len(bureau)
        for name, right in (("staff", "right"), ("bureau52", "right"), ("near", "law")):
            rows = [r for r in results if r["set"] == name]
            ok = ok and sum(gated(r) and _ok(r, right) for r in rows) >= sum(r["found"] and _ok(r, right) for r in rows)
        if ok:
            best = loss
    return best


def _ok(r: dict, right: str) -> bool:
    return r["right"] if right == "right" else _law_ok(r)


def gated(r: dict) -> bool:
    return r["found"] and r["scope"] >= r["cut"]


def answered_share(results: list[dict], name: str, after: bool) -> float:
    rows = [r for r in results if r["set"] == name]
    return sum(gated(r) if after else r["found"] for r in rows) / max(len(rows), 1)


def summary(results: list[dict]) -> dict:
    out = {}
    for name in (*IN_SETS, "oos"):
        rows = [r for r in results if r["set"] == name]
        if not rows:
            continue
        if name == "oos":
            out[name] = {"n": len(rows), "refused_before": _share(rows, lambda r: not r["found"]),
                         "refused_after": _share(rows, lambda r: not gated(r)),
                         "refused_by_scope": _share(rows, lambda r: r["scope"] < r["cut"]),
                         "answered_after": [r["text"] for r in rows if gated(r)]}
            continue
        entry = {"n": len(rows), "answered_before": _share(rows, lambda r: r["found"]),
                 "answered_after": _share(rows, gated),
                 "scope_refused": _share(rows, lambda r: r["scope"] < r["cut"])}
        if name == "near":
            entry["law_right_before"] = _share(rows, lambda r: r["found"] and _law_ok(r))
            entry["law_right_after"] = _share(rows, lambda r: gated(r) and _law_ok(r))
            entry["refused_by_scope"] = [r["text"] for r in rows if r["scope"] < r["cut"]]
        else:
            entry["first_right_before"] = _share(rows, lambda r: r["found"] and r["right"])
            entry["first_right_after"] = _share(rows, lambda r: gated(r) and r["right"])
            entry["first_right_count"] = [sum(r["found"] and r["right"] for r in rows),
                                          sum(gated(r) and r["right"] for r in rows)]
        out[name] = entry
    return out


def _law_ok(r: dict) -> bool:
    return bool(r["cited_law"]) and r["law"] in r["cited_law"]


def _share(rows, test) -> float:
    return round(sum(1 for r in rows if test(r)) / max(len(rows), 1), 4)


def curve(results: list[dict]) -> list[dict]:
    """In-scope answered / right and out-of-scope refused as the held-out scope threshold moves."""
    out = []
    for t in (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        ins = [r for r in results if r["set"] in ("stard", "bureau52", "staff")]
        oos = [r for r in results if r["set"] == "oos"]
        answered = [r for r in ins if r["found"] and r["scope"] >= t]
        out.append({"threshold": t, "in_scope_answered": _share(ins, lambda r: r["found"] and r["scope"] >= t),
                    "accuracy_of_answers": round(sum(r["right"] for r in answered) / max(len(answered), 1), 4),
                    "oos_refused": _share(oos, lambda r: not (r["found"] and r["scope"] >= t))})
    return out


def shipped(model: dict, common: float = 0.5) -> dict:
    """The model as kb.answer.scope.SCOPE entries, bias shifted so that the threshold falls at `common`."""
    t = min(max(model["threshold"], 1e-6), 1 - 1e-6)
    shift = math.log(common / (1 - common)) - math.log(t / (1 - t))
    return {**{f: round(float(v), 4) for f, v in zip(FEATURES, model["w"])}, "bias": round(model["bias"] + shift, 4)}


def fit(report: bool, log=sys.stderr) -> dict:
    out = {}
    for mode in MODES:
        path = items_path(mode)
        if not path.exists():
            print(f"{path} missing: run `research_scope collect{' --without-e5' if mode == 'plain' else ''}`",
                  file=log)
            continue
        items = pickle.loads(path.read_bytes())
        dev = [it for it in items if not reporting(it)]
        results = held_out(dev)
        model = train(dev)
        entry = {"held_out": summary(results), "curve": curve(results),
                 "loss_per_fold": sorted({r["loss"] for r in results}),
                 "shipped": shipped(model), "shipped_threshold_raw": round(model["threshold"], 4),
                 "shipped_loss": model["loss"]}
        if report:
            rep = [it for it in items if reporting(it)]
            for it, p in zip(rep, prob(model, matrix(rep)[0])):
                it.update(scope=float(p), cut=model["threshold"])
            entry["reporting_fold"] = summary(rep)
        out[mode] = entry
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=("collect", "fit"), nargs="?", default="fit")
    parser.add_argument("--without-e5", action="store_true", help="collect: the search without neural vectors")
    parser.add_argument("--report", action="store_true", help="fit: also the reporting folds, once")
    parser.add_argument("--json", help="fit: write the report here")
    args = parser.parse_args(argv)
    if args.step == "collect":
        collect(args.without_e5)
        return 0
    report = fit(args.report)
    text = json.dumps(report, ensure_ascii=False, indent=1)
    if args.json:
        Path(args.json).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
