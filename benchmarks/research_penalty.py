"""Choose the penalty search's retrieval weight (kb/penalty/search.py) by leave-one-out.

    LAWKB_HOME=... python -m benchmarks.research_penalty tests/penalty/descriptions.jsonl \
        tests/answer/bureau_questions.jsonl ../shared/data/stard/train.jsonl

Questions are kept when one of their relevant articles holds a row of the penalty table (laws in
force). A question counts as right when the top row's article is relevant. For each question the
weight is chosen on all the others (ties: the smaller weight) and the question is scored with it;
the held-out accuracy is printed with the accuracy of every weight on all questions, and the same
for the questions not written for this (all files but the first).
"""

from __future__ import annotations

import json
import sys

from kb.corpus import Corpus
from kb.penalty.search import find
from kb.penalty.table import load

WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2.0)


def leave_one_out(right: dict[float, list[bool]]) -> float:
    n = len(next(iter(right.values())))
    held = 0
    for index in range(n):
        def train(weight):
            return sum(r for i, r in enumerate(right[weight]) if i != index)
        best = max(WEIGHTS, key=lambda w: (train(w), -w))
        held += right[best][index]
    return held / n if n else 0.0


def main(paths: list[str]) -> int:
    corpus = Corpus()
    table = load(corpus)
    keys = {(row["law"], row["article"]) for row in table.rows}
    questions = []
    for number, path in enumerate(paths):
        for line in open(path, encoding="utf-8"):
            if line.strip():
                q = json.loads(line)
                relevant = {(law, int(article)) for law, article in q["relevant"]}
                if relevant & keys:
                    questions.append((number, q["text"], relevant))
    print(f"{len(questions)} questions with a relevant penalty-table article")
    right: dict[float, list[bool]] = {}
    for weight in WEIGHTS:
        right[weight] = []
        for _, text, relevant in questions:
            top = find(corpus, text, top_k=1, weight=weight).matches
            right[weight].append(bool(top) and (top[0].row["law"], top[0].row["article"]) in relevant)
    for label, keep in (("all", lambda n: True), ("not written for this", lambda n: n > 0)):
        subset = {w: [r for r, q in zip(rs, questions) if keep(q[0])] for w, rs in right.items()}
        count = len(subset[WEIGHTS[0]])
        if not count:
            continue
        per_weight = "  ".join(f"{w:g}: {sum(v)}/{count}" for w, v in subset.items())
        print(f"{label} ({count}): top-1 right per weight  {per_weight}")
        print(f"{label}: leave-one-out (weight chosen without the question) {leave_one_out(subset):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
