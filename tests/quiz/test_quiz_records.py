"""Group sessions and records: join closed, duplicate name, double submit, scores, CSV, wrong-answer book."""

import csv
from datetime import datetime, timedelta, timezone

import pytest

from kb.errors import NotFoundError, QueryError
from kb.quiz.generator import generate
from kb.quiz.records import DuplicateNameError, QuizRecords, SessionClosedError
from kb.quiz.review import WrongBook
from kb.quiz.scope import Scope


@pytest.fixture
def questions(quiz_corpus):
    result = generate(quiz_corpus, Scope(laws=("行政处罚法",)), 6, "single,multiple,judge", seed=1)
    return [q.to_dict() for q in result.questions]


@pytest.fixture
def records(tmp_path):
    return QuizRecords(tmp_path / "quiz.sqlite")


def right(q):
    return q["answer"] if q["type"] != "judge" else ("true" if q["answer"] else "false")


def wrong(q):
    if q["type"] == "judge":
        return "false" if q["answer"] else "true"
    if q["type"] == "multiple":
        return ["A", "B", "C", "D"] if "".join(q["answer"]) != "ABCD" else ["A"]
    return next(letter for letter in "ABCD" if letter != q["answer"])


def test_join_answer_score(records, questions):
    session = records.create_session("测验", questions, time_limit=600)
    assert len(session.code) == 5
    alice = records.join(session.code.lower(), "张三")
    bob = records.join(session.code, "李四")
    for index, q in enumerate(questions):
        records.answer(alice["token"], index, right(q))
        records.answer(bob["token"], index, wrong(q))
    board = records.scoreboard(session.code)
    assert [row["name"] for row in board] == ["张三", "李四"]
    assert board[0]["score"] == session.max_points and board[1]["score"] == 0
    assert board[0]["answered"] == len(questions)


def test_duplicate_name_is_refused_but_the_same_person_rejoins(records, questions):
    session = records.create_session("测验", questions)
    first = records.join(session.code, "王五")
    with pytest.raises(DuplicateNameError):
        records.join(session.code, " 王五 ")
    again = records.join(session.code, "王五", token=first["token"])
    assert again["id"] == first["id"]


def test_joining_a_closed_session_is_refused(records, questions):
    session = records.create_session("测验", questions)
    person = records.join(session.code, "赵六")
    with pytest.raises(QueryError):
        records.close(session.code, "not-the-host")
    records.close(session.code, session.host_token)
    with pytest.raises(SessionClosedError):
        records.join(session.code, "钱七")
    with pytest.raises(SessionClosedError):
        records.answer(person["token"], 0, "A")
    with pytest.raises(NotFoundError):
        records.join("ZZZZZ", "孙八")


def test_double_submit_counts_once_and_the_first_answer_stands(records, questions):
    session = records.create_session("测验", questions)
    person = records.join(session.code, "周九")
    q = questions[0]
    first = records.answer(person["token"], 0, right(q))
    second = records.answer(person["token"], 0, wrong(q))
    assert not first["duplicate"] and second["duplicate"]
    board = records.scoreboard(session.code)
    assert board[0]["answered"] == 1 and board[0]["correct"] == 1
    records.finish(person["token"])
    records.finish(person["token"])
    assert records.scoreboard(session.code)[0]["score"] == first["points"]


def test_time_limit_closes_the_session(records, questions, monkeypatch):
    session = records.create_session("测验", questions, time_limit=60)
    person = records.join(session.code, "吴十")
    import kb.quiz.records as module

    later = datetime.now(timezone.utc) + timedelta(minutes=5)
    monkeypatch.setattr(module, "now", lambda: later)
    with pytest.raises(SessionClosedError):
        records.answer(person["token"], 0, "A")


def test_wrong_answers_go_into_the_book_and_come_back_by_fsrs(records, questions):
    q = questions[0]
    assert records.record_practice("郑一", q, wrong(q)) is False
    book = WrongBook(records)
    entry = book.entries("郑一")[0]
    assert entry["question"]["id"] == q["id"] and entry["lapses"] == 1
    soon = datetime.now(timezone.utc) + timedelta(hours=1)
    assert book.due("郑一", soon)
    assert records.record_practice("郑一", q, right(q)) is True
    later_entry = book.entries("郑一")[0]
    assert later_entry["due"] > entry["due"] and later_entry["reviews"] == 2
    assert records.record_practice("郑一", questions[1], right(questions[1])) is True
    assert len(book.entries("郑一")) == 1   # right first time: not in the book


def test_records_summary_and_csv(records, questions, tmp_path):
    session = records.create_session("中心组学法", questions)
    person = records.join(session.code, "冯二")
    records.answer(person["token"], 0, right(questions[0]))
    records.record_practice("陈三", questions[1], wrong(questions[1]))
    summary = records.summary()
    assert summary["sessions"] == 1 and summary["participants"] == 1 and summary["practice_answers"] == 1
    assert summary["by_law"][0]["law"] == "行政处罚法"
    path = tmp_path / "records.csv"
    assert records.write_csv(path) == 2
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[0] == QuizRecords.CSV_HEADER
    assert {r[3] for r in rows[1:]} == {"冯二", "陈三"}
    assert any(r[0] == session.code and r[1] == "中心组学法" for r in rows[1:])
