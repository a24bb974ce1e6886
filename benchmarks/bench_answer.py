"""Answer speed and quality: extractive answers (hybrid retrieval of 30 articles, every 款/项 scored)
over the 52 bureau questions of tests/answer/bureau_questions.jsonl, national corpus with real
indexes, warm (indexes loaded and one answer given first). Latency per question, five rounds;
first-citation accuracy of the same answers ("answered": only answers given count, an abstention
is wrong; the answer weights were fitted on these 52, so in-sample), and on bureau staff fold 4
(benchmarks/questions, reporting only: never used to fit anything); STARD train accuracy when
../shared/data is present. Held-out figures of the answer rules: the cross-validation section."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from benchmarks.run import Figure, national_corpus

ROOT = Path(__file__).resolve().parent.parent
BUREAU = ROOT / "tests" / "answer" / "bureau_questions.jsonl"
STAFF = ROOT / "benchmarks" / "questions" / "bureau_staff.jsonl"
STARD_TRAIN = ROOT.parent / "shared" / "data" / "stard" / "train.jsonl"
ROUNDS = 5


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _reporting_ids() -> set[str]:
    import json

    lines = STAFF.read_text(encoding="utf-8").splitlines()
    return {r["id"] for r in map(json.loads, filter(None, lines)) if r["fold"] == 4}


def run(context) -> list[Figure]:
    from kb.answer import answer
    from kb.answer.evaluate import evaluate, read_questions

    corpus = national_corpus(context)
    questions = read_questions(BUREAU)
    answer(corpus, questions[0]["text"], mode="extractive")  # warm: load indexes and tokenizer
    times = []
    for _ in range(ROUNDS):
        for question in questions:
            started = time.perf_counter()
            answer(corpus, question["text"], mode="extractive")
            times.append((time.perf_counter() - started) * 1000)
    score = evaluate(corpus, questions, mode="extractive")
    figures = [
        Figure("extractive answer p50", round(statistics.median(times), 1), "ms", "< 100 ms",
               f"{len(questions)} bureau questions x {ROUNDS}"),
        Figure("extractive answer p95", round(_percentile(times, 0.95), 1), "ms", "",
               f"{len(times)} answers"),
        Figure("bureau questions: first citation right", round(score.accuracy, 3), "", ">= 0.80",
               f"{score.first_right}/{score.total}; answered and right {score.answered_right}/{score.total}; "
               f"shown among citation+supporting {score.shown_right}/{score.total}"),
    ]
    staff = [q for q in read_questions(STAFF) if q["id"] in _reporting_ids()]
    staff_score = evaluate(corpus, staff, mode="extractive")
    figures.append(Figure("bureau staff fold 4: first citation right, answered", round(staff_score.answered_right /
                          max(staff_score.total, 1), 3), "", ">= 0.80",
                          f"{staff_score.answered_right}/{staff_score.total} (reporting only); answered "
                          f"{staff_score.found}/{staff_score.total}; first citation right if always answering "
                          f"{staff_score.first_right}/{staff_score.total}"))
    if STARD_TRAIN.exists():
        stard = evaluate(corpus, read_questions(STARD_TRAIN), mode="extractive")
        figures.append(Figure("STARD train: first citation right", round(stard.accuracy, 3), "", "",
                              f"{stard.first_right}/{stard.total} layperson questions"))
    return figures
