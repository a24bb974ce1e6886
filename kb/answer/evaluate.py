"""Answer quality over a question file: first-citation accuracy.

Questions are JSON lines ``{"id", "text", "relevant": [[law full title, article number], ...]}``
(the STARD format; tests/answer/bureau_questions.jsonl). An answer is right when its first
citation is one of the relevant articles (when no answer is given, the first supporting clause
counts; ``answered_right`` counts only answers given); "shown" also counts the supporting clauses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from kb.answer import answer
from kb.search.evaluation import load_questions


def read_questions(path: str | Path) -> list[dict]:
    """Questions to answer from a JSON-lines file ("relevant" optional); QueryError naming a bad line."""
    return load_questions(path, require_relevant=False)


def _key(record: dict) -> tuple[str, int]:
    return record["law"], record["article"]


def relevant_set(question: dict) -> set[tuple[str, int]]:
    return {(law, int(article)) for law, article in question.get("relevant") or []}


@dataclass
class Score:
    total: int = 0
    first_right: int = 0
    answered_right: int = 0
    shown_right: int = 0
    found: int = 0
    misses: list[dict] = field(default_factory=list)

    def add(self, question: dict, record: dict) -> None:
        relevant = relevant_set(question)
        if not relevant:
            return
        self.total += 1
        first = record["citations"][:1] or record["supporting"][:1]
        shown = record["citations"] + record["supporting"]
        right = bool(first) and _key(first[0]) in relevant
        self.first_right += right
        self.answered_right += right and bool(record.get("found"))
        self.shown_right += any(_key(r) in relevant for r in shown)
        self.found += bool(record.get("found"))
        if not right:
            self.misses.append({"id": question.get("id"), "text": question["text"],
                                "got": first[0]["citation"] if first else None,
                                "want": sorted(relevant)})

    @property
    def accuracy(self) -> float:
        return self.first_right / self.total if self.total else 0.0

    def summary(self) -> dict:
        return {"questions": self.total, "first_citation_right": self.first_right,
                "first_citation_accuracy": round(self.accuracy, 4),
                "answered_right": self.answered_right,
                "answered_accuracy": round(self.answered_right / self.total, 4) if self.total else 0.0,
                "shown_accuracy": round(self.shown_right / self.total, 4) if self.total else 0.0,
                "found": self.found}


def answer_all(corpus, questions: Iterable[dict], **options) -> Iterator[tuple[dict, dict]]:
    """(question, answer record with its "id") for each question."""
    for question in questions:
        record = answer(corpus, question["text"], **options).to_record()
        yield question, {"id": question.get("id"), **record}


def evaluate(corpus, questions: Iterable[dict], **options) -> Score:
    """First-citation accuracy of the answers (the first supporting clause when nothing was found)."""
    score = Score()
    for question, record in answer_all(corpus, questions, **options):
        score.add(question, record)
    return score
