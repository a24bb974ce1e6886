"""Measure the penalty-intent boost (kb/search/intent.py) on question sets.

    LAWKB_HOME=... python -m benchmarks.research_intent tests/answer/bureau_questions.jsonl ../shared/data/stard/train.jsonl

Prints, per boost value, Recall@1/10 and MRR@10 of hybrid search over the laws in force, for all
questions and for the questions with penalty intent only.
"""

from __future__ import annotations

import json
import sys

from kb.corpus import Corpus
from kb.search.evaluation import mean_metrics, question_metrics
from kb.search.intent import penalty_intent
from kb.search.searchers import get_searcher

BOOSTS = (0.0, 0.1, 0.2, 0.3, 0.5, 0.8)


def main(paths: list[str]) -> int:
    searcher = get_searcher(Corpus(), "hybrid")
    for path in paths:
        questions = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
        intent = [q for q in questions if penalty_intent(q["text"])]
        print(f"{path}: {len(questions)} questions, {len(intent)} with penalty intent")
        for boost in BOOSTS:
            searcher.params["penalty_boost"] = boost
            for label, subset in (("all", questions), ("intent", intent)):
                m = mean_metrics([question_metrics(
                    [(h.clause.law, h.clause.article) for h in searcher.search(q["text"], 10)],
                    {(law, int(n)) for law, n in q["relevant"]}) for q in subset])
                print(f"  boost {boost:.1f} {label:6s} R@1 {m['recall@1']:.3f} R@10 {m['recall@10']:.3f} "
                      f"MRR@10 {m['mrr@10']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
