"""Why answers miss (issue 14): error analysis of the product's answers on the TRAINING questions only.

Answers the in-repo bureau questions (52) and bureau staff folds 0-3 (fold 4 is reporting only and
never looked at) with ``kb.answer.answer`` as shipped (the search of the data home), and for every
question records: the gold articles' rank in the answer's own retrieval (top 30), the article of
the best-scored candidate, the first citation actually shown (after the consequence assembly of
kb.answer.consequence), whether an answer was given, and a cause for each miss:

* ``abstained``          the right article was the best candidate but the confidence was too low;
* ``consequence_order``  the best candidate's article was right but the consequence assembly put
                         another article first (the sanction found for a duty, or the reverse);
* ``rerank_lost``        search had the right article at rank 1 and the answer chose another;
* ``rerank_missed``      the right article was in search's top 10 (not 1) and the answer chose another;
* ``search_missed``      the right article was not in search's top 10 (only in 11-30, or not at all).

    LAWKB_HOME=/work/dev/home-14g nice python -m benchmarks.research_answer_errors [--json OUT] [--list]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys

from benchmarks.cv_features import REPORT_FOLD, load_sets, write_report


def analyse(corpus, questions, log=sys.stderr) -> list[dict]:
    from kb.answer import answer, searcher_for, word_weights_for
    from kb.answer.concordance_route import route
    from kb.answer.extractive import extract

    searcher = searcher_for(corpus)
    weights = word_weights_for(corpus)
    rows = []
    for n, q in enumerate(questions):
        record = answer(corpus, q.text).to_record()
        routed = route(corpus, q.text) is not None
        found = None if routed else extract(corpus, searcher, weights, q.text)
        articles = []
        for hit in (found.hits if found else []):
            key = (hit.clause.law, hit.clause.article)
            if key not in articles:
                articles.append(key)
        gold_rank = min((articles.index(k) + 1 for k in q.relevant if k in articles), default=None)
        best = (found.best.clause.law, found.best.clause.article) if found and found.best else None
        first = (record["citations"][:1] or record["supporting"][:1])
        shown = (first[0]["law"], first[0]["article"]) if first else None
        right = shown in q.relevant and record["found"]
        if right:
            cause = "right"
        elif best in q.relevant and not record["found"]:
            cause = "abstained"
        elif best in q.relevant:
            cause = "consequence_order"
        elif gold_rank == 1:
            cause = "rerank_lost"
        elif gold_rank is not None and gold_rank <= 10:
            cause = "rerank_missed"
        else:
            cause = "search_missed"
        rows.append({"set": q.set, "id": q.id, "fold": q.fold, "text": q.text, "topic": q.topic,
                     "gold": sorted(q.relevant), "gold_rank": gold_rank, "best": best, "shown": shown,
                     "citation": first[0]["citation"] if first else None, "found": record["found"],
                     "confidence": record["score"], "types": record["question_types"],
                     "consequence": bool(found and found.consequence), "cause": cause})
        if (n + 1) % 50 == 0:
            print(f"{n + 1}/{len(questions)}", file=log)
    return rows


def tally(rows: list[dict]) -> dict:
    out = {}
    for name in ("bureau52", "staff"):
        rs = [r for r in rows if r["set"] == name]
        causes = collections.Counter(r["cause"] for r in rs)
        out[name] = {"n": len(rs), "right": causes["right"], "causes": dict(causes.most_common()),
                     "gold_at_search_rank_1": sum(r["gold_rank"] == 1 for r in rs),
                     "gold_in_search_top_10": sum(r["gold_rank"] is not None and r["gold_rank"] <= 10 for r in rs),
                     "consequence_questions": sum(r["consequence"] for r in rs),
                     "consequence_right": sum(r["consequence"] and r["cause"] == "right" for r in rs)}
    return out


def main(argv=None) -> int:
    from kb.corpus import Corpus

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", help="write the per-question rows and the tally here")
    parser.add_argument("--list", action="store_true", help="print every miss (training questions only)")
    args = parser.parse_args(argv)
    questions = [q for q in load_sets() if q.set in ("bureau52", "staff")
                 and not (q.set == "staff" and q.fold == REPORT_FOLD)]
    rows = analyse(Corpus(), questions)
    if args.list:
        for r in rows:
            if r["cause"] != "right":
                print(f"{r['id']}\t{r['cause']}\trank {r['gold_rank']}\t{r['text']}\n\tgot {r['citation']} "
                      f"(best {r['best']}, found {r['found']}, conf {r['confidence']})\n\twant {r['gold']}")
    report = {"tally": tally(rows)}
    if args.json:
        report["rows"] = rows
    return write_report(report, args.json)


if __name__ == "__main__":
    sys.exit(main())
