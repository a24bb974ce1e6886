"""The wrong-answer book: missed questions per learner, brought back by spaced repetition (FSRS).

A wrong answer adds the question (or rates its card Again); a right answer to a question in the
book rates it Good, pushing the next review further out. ``due(learner)`` lists what to review now.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from fsrs import Card, Rating, Scheduler

_SCHEDULER = Scheduler(enable_fuzzing=False)


class WrongBook:
    def __init__(self, records):
        self.records = records

    def record(self, learner: str, question: dict, correct: bool, when: datetime | None = None) -> dict | None:
        """Update the book after an answer; returns the entry (None when the question is not in it)."""
        when = when or datetime.now(timezone.utc)
        qid = question.get("id", "")
        with self.records.transaction() as conn:
            row = conn.execute("SELECT card, lapses, reviews FROM wrong_book WHERE learner=? AND question_id=?",
                               (learner, qid)).fetchone()
            if row is None and correct:
                return None
            card = Card.from_dict(json.loads(row["card"])) if row else Card()
            card, _ = _SCHEDULER.review_card(card, Rating.Good if correct else Rating.Again, when)
            values = (json.dumps(card.to_dict()), card.due.isoformat())
            if row is None:
                conn.execute("INSERT INTO wrong_book (learner, question_id, question, card, due, lapses, reviews, "
                             "last_wrong_at) VALUES (?,?,?,?,?,1,1,?)",
                             (learner, qid, json.dumps(question, ensure_ascii=False), *values, when.isoformat()))
            else:
                conn.execute("UPDATE wrong_book SET card=?, due=?, reviews=reviews+1, lapses=lapses+?, "
                             "last_wrong_at=CASE WHEN ? THEN last_wrong_at ELSE ? END WHERE learner=? AND "
                             "question_id=?", (*values, 0 if correct else 1, int(correct), when.isoformat(),
                                               learner, qid))
        return self.entry(learner, qid)

    def entry(self, learner: str, question_id: str) -> dict | None:
        with self.records.connect() as conn:
            row = conn.execute("SELECT * FROM wrong_book WHERE learner=? AND question_id=?",
                               (learner, question_id)).fetchone()
        return self._entry(row) if row else None

    @staticmethod
    def _entry(row) -> dict:
        return {"question": json.loads(row["question"]), "due": row["due"], "lapses": row["lapses"],
                "reviews": row["reviews"], "last_wrong_at": row["last_wrong_at"]}

    def entries(self, learner: str) -> list[dict]:
        with self.records.connect() as conn:
            rows = conn.execute("SELECT * FROM wrong_book WHERE learner=? ORDER BY due", (learner,)).fetchall()
        return [self._entry(r) for r in rows]

    def due(self, learner: str, when: datetime | None = None, limit: int = 20) -> list[dict]:
        """Questions whose review is due now, most overdue first."""
        when = (when or datetime.now(timezone.utc)).isoformat()
        with self.records.connect() as conn:
            rows = conn.execute("SELECT * FROM wrong_book WHERE learner=? AND due<=? ORDER BY due LIMIT ?",
                                (learner, when, limit)).fetchall()
        return [self._entry(r) for r in rows]
