"""issue 12: quiz records CSV — participant names are escaped, not written raw."""

from __future__ import annotations

import csv

from kb.quiz.generator import generate
from kb.quiz.records import QuizRecords
from kb.quiz.scope import Scope


def test_participant_names_cannot_inject_formulas(quiz_corpus, tmp_path):
    questions = [q.to_dict() for q in generate(quiz_corpus, Scope(laws=("行政处罚法",)), 3, "judge", seed=2).questions]
    records = QuizRecords(tmp_path / "quiz.sqlite")
    session = records.create_session("=HYPERLINK(\"http://evil.example\")", questions)
    person = records.join(session.code, "=cmd|' /C calc'!A0")
    records.answer(person["token"], 0, "true")
    records.record_practice("@SUM(1+1)", questions[1], "false")
    path = tmp_path / "records.csv"
    records.write_csv(path)
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))[1:]
    cells = [cell for row in rows for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells and "'@SUM(1+1)" in cells
    assert "'=HYPERLINK(\"http://evil.example\")" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
