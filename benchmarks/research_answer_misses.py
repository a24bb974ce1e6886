"""Every held-out bureau-style miss of the answer rules, with what search and the rules did (issue 14r).

Replays benchmarks.research_answers' nested cross-validation (rules fitted without fold k, fold k
answered with them) on cached items and, for every question of bureau52 and staff folds 0-3 whose
first citation is wrong held out, records: the gold articles, the answer's article, the search rank
of the best gold article (the rank feature of its candidates), search's rank-1 article, the best
gold candidate's place in the answer's order, confidence against the fold's threshold, the
question types and whether the product would take the consequence route (type "amount") or the
concordance route, and a cause:

* ``abstained``        the answer's article was right, the confidence below the fold's threshold;
* ``rules_lost_rank1`` search's rank 1 was right, the rules chose another article;
* ``kept_wrong_rank1`` the gold was at search rank 2-10, the rules kept the wrong rank 1;
* ``chose_other``      the gold was at search rank 2-10, the rules chose another wrong article;
* ``search_deep``      the gold at search rank 11-30 only;
* ``search_missed``    the gold not among the retrieved articles.

    nice python -m benchmarks.research_answer_misses --items ITEMS.pkl --rules-items RULES.pkl [--json OUT]
"""

from __future__ import annotations

import argparse
import collections
import pickle
import sys
from pathlib import Path

import numpy as np

from benchmarks.cv_features import K_FOLDS, REPORT_FOLD, load_sets, write_report
from benchmarks import research_answers
from benchmarks.research_answers import BUREAU_SETS, apply_confidences, decide, train_rules
from kb.answer.extractive import RANK_DECAY
from kb.answer.scoring import FEATURES

RANK = FEATURES.index("rank")
PENALTY = (FEATURES.index("penalty_other"), FEATURES.index("penalty_asked"))


def search_ranks(it: dict) -> dict:
    """Article -> its retrieval rank (1-based) from the candidates' rank feature."""
    out = {}
    for key, x in zip(it["keys"], it["X"]):
        r = int(round((1.0 / x[RANK] - 1.0) / RANK_DECAY)) + 1
        out[key] = min(out.get(key, r), r)
    return out


def cause_of(answer_right: bool, gold_rank: int | None) -> str:
    if answer_right:
        return "abstained"
    if gold_rank == 1:
        return "rules_lost_rank1"
    if gold_rank is not None and gold_rank <= 10:
        return "chose_other"
    return "search_deep" if gold_rank is not None else "search_missed"


def held_out(items: list[dict], fit: list[dict], target=None) -> list[tuple[dict, dict]]:
    """(item, outcome) for every development item, answered with the rules fitted without its fold."""
    out = []
    for k in range(K_FOLDS):
        rules = train_rules([it for it in fit if it["fold"] != k], target)
        part = [it for it in items if it["fold"] == k]
        for it, conf in zip(part, apply_confidences(part, rules)):
            key = decide(it, rules["weights"])[0]
            out.append((it, {"key": key, "confidence": conf, "threshold": rules["threshold"],
                             "answered": conf >= rules["threshold"]}))
    return out


def misses(pairs, questions, corpus=None) -> list[dict]:
    from kb.answer.cues import question_types

    route = None
    if corpus is not None:
        from kb.answer.concordance_route import route
    rows = []
    for it, out in pairs:
        if it["set"] not in BUREAU_SETS:
            continue
        q = questions[(it["set"], it["id"])]
        right = out["key"] in q.relevant and not it["set"] == "oos"
        if right and out["answered"]:
            continue
        ranks = search_ranks(it)
        gold_rank = min((ranks[k] for k in q.relevant if k in ranks), default=None)
        rank1 = min(ranks, key=ranks.get) if ranks else None
        order = list(dict.fromkeys(it["keys"]))
        place = min((order.index(k) + 1 for k in q.relevant if k in order), default=None)
        types = question_types(q.text)
        cause = cause_of(right, gold_rank)
        if cause == "chose_other" and out["key"] == rank1:
            cause = "kept_wrong_rank1"
        best_i = next((i for i, k in enumerate(it["keys"]) if k == out["key"]), None)
        rows.append({"set": it["set"], "id": it["id"], "fold": it["fold"], "text": q.text,
                     "gold": sorted(q.relevant), "answer": out["key"], "answered": out["answered"],
                     "confidence": round(out["confidence"], 3), "threshold": round(out["threshold"], 3),
                     "gold_search_rank": gold_rank, "search_rank1": rank1,
                     "answer_search_rank": ranks.get(out["key"]), "gold_answer_place": place,
                     "types": types, "consequence": "amount" in types,
                     "answer_is_penalty": bool(best_i is not None and it["X"][best_i][list(PENALTY)].any()),
                     "concordance": bool(route and route(corpus, q.text) is not None), "cause": cause})
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", required=True, help="research_answers --items cache (the search answered on)")
    parser.add_argument("--rules-items", help="fit the rules on these items (research_answers --rules-items)")
    parser.add_argument("--coverage-of", default="staff", help="as research_answers --coverage-of")
    parser.add_argument("--no-route", action="store_true", help="skip the concordance-route check (no data home)")
    parser.add_argument("--list", action="store_true", help="print every miss")
    parser.add_argument("--json", help="write the rows and the tally here")
    args = parser.parse_args(argv)
    research_answers.COVERAGE_OF = tuple(args.coverage_of.split(","))
    dev = [it for it in pickle.loads(Path(args.items).read_bytes())
           if not (it["set"] == "staff" and it["fold"] == REPORT_FOLD)]
    fit = dev if not args.rules_items else [
        it for it in pickle.loads(Path(args.rules_items).read_bytes())
        if not (it["set"] == "staff" and it["fold"] == REPORT_FOLD)]
    questions = {(q.set, q.id): q for q in load_sets()}
    corpus = None
    if not args.no_route:
        from kb.corpus import Corpus
        corpus = Corpus()
    rows = misses(held_out(dev, fit), questions, corpus)
    if args.list:
        for r in rows:
            print(f"{r['id']}\t{r['cause']}\tgold rank {r['gold_search_rank']}\tplace {r['gold_answer_place']}\t"
                  f"conf {r['confidence']}/{r['threshold']}\t{','.join(r['types'])}\n\t{r['text']}\n"
                  f"\tgot {r['answer']} (search rank {r['answer_search_rank']}; rank 1 {r['search_rank1']})\n"
                  f"\twant {r['gold']}", file=sys.stderr)
    n = {s: sum(1 for it in dev if it["set"] == s) for s in BUREAU_SETS}
    tally = {"n": n, "misses": {s: sum(r["set"] == s for r in rows) for s in BUREAU_SETS},
             "causes": dict(collections.Counter(r["cause"] for r in rows).most_common()),
             "consequence_misses": sum(r["consequence"] for r in rows)}
    report = {"tally": tally}
    if args.json:
        report["rows"] = rows
    return write_report(report, args.json)


if __name__ == "__main__":
    sys.exit(main())
