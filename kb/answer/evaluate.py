"""Answer quality over a question file: first-citation accuracy.

Questions are JSON lines ``{"id", "text", "relevant": [[law full title, article number], ...]}``
(the STARD format; tests/answer/bureau_questions.jsonl). An answer is right when its first
citation is one of the relevant articles; "shown" also counts the supporting clauses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from kb.errors import QueryError


def read_questions(path: str | Path) -> list[dict]:
    """The questions of a JSON-lines file; QueryError naming the line when one is malformed."""
    questions = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise QueryError(f"cannot read questions from {path}: {exc.strerror or exc}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise QueryError(f"{path}:{number}: not JSON ({exc})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            raise QueryError(f'{path}:{number}: each line needs {{"id", "text"}} with a non-empty text')
        record.setdefault("id", str(number))
        questions.append(record)
    return questions


def _key(record: dict) -> tuple[str, int]:
    return record["law"], record["article"]


def relevant_set(question: dict) -> set[tuple[str, int]]:
    return {(law, int(article)) for law, article in question.get("relevant") or []}


@dataclass
class Score:
    total: int = 0
    first_right: int = 0
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
                "shown_accuracy": round(self.shown_right / self.total, 4) if self.total else 0.0,
                "found": self.found}


def answer_all(corpus, questions: Iterable[dict], **options) -> Iterator[tuple[dict, dict]]:
    """(question, answer record with its "id") for each question."""
    from kb.answer import answer

    for question in questions:
        record = answer(corpus, question["text"], **options).to_record()
        yield question, {"id": question.get("id"), **record}


def evaluate(corpus, questions: Iterable[dict], **options) -> Score:
    """First-citation accuracy of the answers (the first supporting clause when nothing was found)."""
    score = Score()
    for question, record in answer_all(corpus, questions, **options):
        score.add(question, record)
    return score
