"""A learned question->law feature for the re-ranker, nested and cross-fitted (issue 14t).

The re-ranker's wrong-law misses (行政诉讼法 ↔ 行政复议法, 宪法 vs 国家安全法, 法典 vs 行政处罚法 / 民法典) are
questions whose words say which law answers them to someone who has read many such questions. The model
(benchmarks/law_model.py: naive Bayes over the question's character 1-2 grams and jieba words, classes the
gold articles' laws) gives each candidate the log-probability of its law, renormalised over the candidate
list's laws, and that law's rank among them: two columns after kb.search.rerank.FEATURES.

Nesting, per outer fold k (the same folds, fusion and re-ranker N / L2 per fold as the control,
``research_query_side --variants rescored``, whose per-fold N and L2 research_rerank chose in the inner folds):

* the law model's setting — smoothing ``alpha``, ``evidence`` (0: plain naive Bayes, else the question
  counts as that many terms) and whether the sets weigh alike in the counts — is chosen by cross-validation
  over the training folds (the gold laws' mean log posterior on the inner held-out folds, sets alike);
* the held-out questions of fold k get their law features from the law model trained on all training folds;
* a training question of fold f gets them from the law model trained on the training folds without f
  (cross-fitting), so the re-ranker's weight is fitted on values as noisy as those it will meet;
* the re-ranker is fitted on the training folds (the control: the same lists, the law features 0).

Reported (held out): the law model's top-1 law accuracy per set; R@1 / R@10 / MRR@10 per set for the
control and with the law features; how often rank 1 is of a gold law (control, with the law features);
the staff / bureau52 questions whose rank 1 changes. ``--out DIR``
writes per-fold law models and ``RR_law.json`` / ``RR_control.json`` (research_answers --rerank-json
shape; the law entries name their law model file; ``shipped``: the whole pool, law features cross-fitted by
the five folds, N 50 and L2 0.01 as shipped).

    LAWKB_HOME=... LAWKB_E5_CACHE=<home>/corpora/default/vectors.sqlite nice python -m \\
        benchmarks.research_law_model --cv-json CV.json --out DIR [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from benchmarks.cv_features import K_FOLDS, e5_matrix, write_report
from benchmarks.research_query_side import L2S, SHIPPED, TOP_NS, prf_questions
from benchmarks.law_model import LAW_FEATURES, LawModel, law_columns
from benchmarks.research_rerank import Lists, evaluate, fit, harness, set_weights, summarise
from kb.search.rerank import FEATURES

NAMES = FEATURES + LAW_FEATURES

ALPHAS = (0.03, 0.1, 0.3, 1.0)
EVIDENCE = (0.0, 5.0, 10.0, 20.0)     # 0: plain naive Bayes; else the question counts as this many terms
BALANCED = (False, True)              # every set (STARD, bureau52, staff) weighing alike in the counts
GRID = [(a, e, b) for a in ALPHAS for e in EVIDENCE for b in BALANCED]


def gold_laws(q) -> list[str]:
    return sorted({law for law, _ in q.relevant})


def train(questions, idx, setting: tuple) -> LawModel:
    alpha, evidence, balanced = setting
    sets = [questions[i].set for i in idx.tolist()]
    weight = {s: (len(sets) / len(set(sets)) / sets.count(s) if balanced else 1.0) for s in set(sets)}
    return LawModel.fit(((questions[i].text, gold_laws(questions[i]), weight[questions[i].set]) for i in idx.tolist()),
                        alpha, evidence)


def gold_logp(model: LawModel, q) -> tuple[float, bool]:
    """(mean log posterior of the question's gold laws, the model's top law is one of them)."""
    post, backoff = model.log_posterior(q.text)
    gold = gold_laws(q)
    top = max(post, key=post.get) if post else None
    return float(np.mean([post.get(law, backoff) for law in gold])), top in gold


def choose_setting(questions, folds: np.ndarray, pool: np.ndarray) -> tuple:
    """(setting, evidence, balanced) with the best gold-law log posterior over held-out folds inside ``pool``
    (mean per set, the sets weighing alike)."""
    sets = np.array([q.set for q in questions])
    best, best_value = GRID[0], -np.inf
    for setting in GRID:
        values = np.zeros(len(questions))
        for f in sorted(set(folds[pool].tolist())):
            model = train(questions, np.flatnonzero(pool & (folds != f)), setting)
            for i in np.flatnonzero(pool & (folds == f)).tolist():
                values[i] = gold_logp(model, questions[i])[0]
        value = float(np.mean([values[pool & (sets == s)].mean() for s in set(sets[pool].tolist())]))
        if value > best_value:
            best, best_value = setting, value
    return best


def fill(lists: Lists, traits, idx, model: LawModel, questions) -> None:
    """Write the law features of questions ``idx`` (the last columns of ``lists.x``) from ``model``."""
    for i in idx.tolist():
        head = len(lists.x[i])
        lists.x[i][:, len(FEATURES):] = law_columns(questions[i].text, lists.rows[i][:head].tolist(), traits.clauses,
                                                    model)


def cross_fitted(lists, traits, questions, folds, pool, setting, held=None) -> dict:
    """Fill the law features of ``pool`` cross-fitted by fold, and of ``held`` from the model of the whole
    pool; the models by fold (and "all")."""
    models = {"all": train(questions, np.flatnonzero(pool), setting)}
    for f in sorted(set(folds[pool].tolist())):
        models[f] = train(questions, np.flatnonzero(pool & (folds != f)), setting)
        fill(lists, traits, np.flatnonzero(pool & (folds == f)), models[f], questions)
    if held is not None:
        fill(lists, traits, held, models["all"], questions)
    return models


def widened(lists: Lists) -> Lists:
    """The lists with the LAW_FEATURES columns appended, 0 (the control)."""
    lists.x = [np.hstack([x, np.zeros((len(x), len(LAW_FEATURES)))]) for x in lists.x]
    return lists


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv-json", required=True, help="research_e5_variants report: the fusion settings per fold")
    parser.add_argument("--out", help="directory for the per-fold law models and the RR_*.json reports")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    from benchmarks.cv_features import QueryVectors

    h = harness(args.cv_json)
    if h is None:
        return 1
    questions, traits, sets, folds, dev, configs = h.questions, h.traits, h.sets, h.folds, h.dev, h.configs
    matrix, _ = e5_matrix(h.bundle.clauses)
    cached = QueryVectors()
    qvecs = {q.text: cached(q.text) for q in questions}
    out_dir = Path(args.out) if args.out else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)

    def rescored_lists(config):   # research_query_side's control: the e5 slot re-scored from the home's vectors
        return widened(Lists(prf_questions(questions, h.shared, config, matrix, qvecs, 1, 0.0, h.counts), h.shared,
                             traits, config, h.counts, h.key_index))

    control, law = np.zeros((len(sets), 4)), np.zeros((len(sets), 4))
    law_right = np.zeros(len(sets), bool)
    top1 = {"control": {}, "law": {}}
    reports = {"control": {"folds": []}, "law": {"folds": []}}
    settings = []
    for k in range(K_FOLDS):
        tr_mask, test = dev & (folds != k), np.flatnonzero(dev & (folds == k))
        tr = np.flatnonzero(tr_mask)
        lists = rescored_lists(configs[k])
        w0 = fit(lists, tr, set_weights(sets, tr), TOP_NS[k], L2S[k])
        control[test] = evaluate(lists, test, w0, TOP_NS[k])
        setting = choose_setting(questions, folds, tr_mask)
        settings.append(setting)
        models = cross_fitted(lists, traits, questions, folds, tr_mask, setting, test)
        for i in test.tolist():
            law_right[i] = gold_logp(models["all"], questions[i])[1]
        w1 = fit(lists, tr, set_weights(sets, tr), TOP_NS[k], L2S[k])
        law[test] = evaluate(lists, test, w1, TOP_NS[k])
        for i in test.tolist():
            n = TOP_NS[k]
            for name, w in (("control", w0), ("law", w1)):
                top1[name][i] = int(lists.rows[i][:n][int(np.argmax(lists.x[i][:n] @ w))]) if len(lists.x[i]) else -1
        entry = {"top_n": TOP_NS[k]}
        reports["control"]["folds"].append({**entry, "weights": dict(zip(NAMES, w0.tolist()))})
        law_entry = {**entry, "weights": dict(zip(NAMES, w1.tolist()))}
        if out_dir:
            path = out_dir / f"law_model_fold{k}.tsv"
            models["all"].write(path, [f"question->law model, outer fold {k} (trained without it), setting {setting}"])
            law_entry["law_model"] = str(path)
        reports["law"]["folds"].append(law_entry)
        print(f"fold {k}: setting {setting}", file=sys.stderr)
    law_at_1 = {name: {s: round(float(np.mean([traits.clauses[top1[name][i]].law in gold_laws(questions[i])
                                                for i in top1[name] if sets[i] == s])), 4)
                       for s in ("stard", "bureau52", "staff")} for name in top1}
    changed = []
    for i in sorted(top1["law"]):
        if sets[i] == "stard" or top1["law"][i] == top1["control"][i]:
            continue
        before, after = (traits.clauses[top1[n][i]] for n in ("control", "law"))
        changed.append({"id": questions[i].id, "question": questions[i].text, "gold": sorted(map(list, questions[i].relevant)),
                        "before": [before.law, before.article], "after": [after.law, after.article],
                        "before_right": bool(control[i, 0]), "after_right": bool(law[i, 0])})
    out = {"protocol": {"top_n": list(TOP_NS), "l2": list(L2S), "setting_per_fold (alpha, evidence, balanced)": settings},
           "law_model_top1_held_out": {s: round(float(law_right[dev & (sets == s)].mean()), 4) for s in ("stard", "bureau52", "staff")},
           "rank1_law_right_held_out": law_at_1, "control": summarise(control, sets, dev), "law_features": summarise(law, sets, dev),
           "rank1_changed_bureau_staff": changed}
    # whole pool: setting by CV, law features cross-fitted by the five folds, the shipped N and L2
    pool = np.flatnonzero(dev)
    lists = rescored_lists(configs[-1])
    w0 = fit(lists, pool, set_weights(sets, pool), *SHIPPED)
    setting = choose_setting(questions, folds, dev)
    models = cross_fitted(lists, traits, questions, folds, dev, setting)
    w1 = fit(lists, pool, set_weights(sets, pool), *SHIPPED)
    reports["control"]["shipped"] = {"top_n": SHIPPED[0], "weights": dict(zip(NAMES, w0.tolist()))}
    reports["law"]["shipped"] = {"top_n": SHIPPED[0], "weights": dict(zip(NAMES, w1.tolist()))}
    out["protocol"]["setting_whole_pool"] = setting
    if out_dir:
        path = out_dir / "law_model_all.tsv"
        models["all"].write(path, [f"question->law model, whole pool, setting {setting}"])
        reports["law"]["shipped"]["law_model"] = str(path)
        for name, rep in reports.items():
            (out_dir / f"RR_{name}.json").write_text(json.dumps(rep, ensure_ascii=False, indent=1), encoding="utf-8")
    return write_report(out, args.json)


if __name__ == "__main__":
    sys.exit(main())
