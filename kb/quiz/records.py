"""Quiz sessions, participants, answers, the wrong-answer book and practice records (SQLite).

One file per corpus (``<corpus>/quiz.sqlite``). Scores are always computed from the answers table,
never kept as a running total, and an answer is stored at most once per participant and question
(UNIQUE), so a double submit cannot count twice and nothing is lost when a page is reloaded.
"""

from __future__ import annotations

import csv
import json
import secrets
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

from kb.csv_safe import safe_row
from kb.errors import NotFoundError, QueryError
from kb.quiz.grading import is_correct, normalize_given, points
from kb.quiz.review import WrongBook

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, title TEXT NOT NULL, mode TEXT NOT NULL DEFAULT 'group',
    scope TEXT NOT NULL DEFAULT '{}', questions TEXT NOT NULL, seed INTEGER, time_limit INTEGER,
    host_token TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open', created_at TEXT NOT NULL, closed_at TEXT);
CREATE TABLE IF NOT EXISTS participants (
    id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    name TEXT NOT NULL, token TEXT NOT NULL UNIQUE, joined_at TEXT NOT NULL, finished_at TEXT,
    UNIQUE(session_id, name));
CREATE TABLE IF NOT EXISTS answers (
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    question_index INTEGER NOT NULL, question_id TEXT NOT NULL, given TEXT NOT NULL, correct INTEGER NOT NULL,
    points INTEGER NOT NULL, answered_at TEXT NOT NULL, PRIMARY KEY (participant_id, question_index));
CREATE TABLE IF NOT EXISTS practice (
    id INTEGER PRIMARY KEY, learner TEXT NOT NULL, question_id TEXT NOT NULL, law TEXT, topic TEXT,
    qtype TEXT, correct INTEGER NOT NULL, answered_at TEXT NOT NULL, session_code TEXT);
CREATE TABLE IF NOT EXISTS wrong_book (
    learner TEXT NOT NULL, question_id TEXT NOT NULL, question TEXT NOT NULL, card TEXT NOT NULL,
    due TEXT NOT NULL, lapses INTEGER NOT NULL DEFAULT 1, reviews INTEGER NOT NULL DEFAULT 0,
    last_wrong_at TEXT, PRIMARY KEY (learner, question_id));
CREATE TABLE IF NOT EXISTS learners (
    id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE, name TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS drafts (
    id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE, learner_id INTEGER, title TEXT NOT NULL,
    scope TEXT NOT NULL, types TEXT NOT NULL, questions TEXT NOT NULL, created_at TEXT NOT NULL);
"""
# columns added after the first release: (table, column, declaration)
MIGRATIONS = (("participants", "learner_id", "INTEGER"), ("sessions", "host_learner_id", "INTEGER"),
              ("sessions", "feedback", "TEXT NOT NULL DEFAULT 'each'"), ("practice", "learner_id", "INTEGER"))
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"   # no 0/O, 1/I/L


class SessionClosedError(QueryError):
    """The session is closed (or its time is up): no more joining or answering (``code``)."""

    def __init__(self, message: str, code: str = ""):
        self.code = code
        super().__init__(message, zh="该测验已结束，不能再加入或作答。")


class DuplicateNameError(QueryError):
    """Someone of that name has already joined this session (``name``, ``code``)."""

    def __init__(self, name: str, code: str):
        self.name, self.code = name, code
        super().__init__(f"“{name}” has already joined session {code}; add a unit or initial",
                         zh=f"“{name}”已加入测验 {code}。如是同名的另一位同事，请在姓名后加上单位或姓氏首字母。")


class NameMissingError(QueryError):
    """No name was given to join or practise under."""

    def __init__(self, message: str = "please give your name"):
        super().__init__(message, zh="请填写姓名。")


class SessionNotFoundError(NotFoundError):
    """No session has this code (``code``)."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(f"no quiz session with code {code!r}",
                         zh=f"没有测验码为“{code}”的测验，请核对测验码。" if code else "请输入测验码。")


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def law_and_topic(question: dict, scope: dict | None = None) -> tuple[str, str]:
    source = question.get("source") or {}
    topic = (scope or {}).get("topic") or next((h for h in reversed(source.get("path") or []) if "章" in h), "") \
        or (source.get("path") or [""])[-1]
    return source.get("short_title") or source.get("law") or "", topic


@dataclass
class Session:
    id: int
    code: str
    title: str
    mode: str
    scope: dict
    questions: list[dict]
    time_limit: int | None
    host_token: str
    status: str
    created_at: str
    closed_at: str | None
    host_learner_id: int | None = None
    feedback: str = "each"

    @property
    def deadline(self) -> datetime | None:
        if not self.time_limit:
            return None
        return datetime.fromisoformat(self.created_at) + timedelta(seconds=self.time_limit)

    @property
    def is_open(self) -> bool:
        return self.status == "open" and (self.deadline is None or now() < self.deadline)

    def seconds_left(self) -> int | None:
        return None if self.deadline is None else max(int((self.deadline - now()).total_seconds()), 0)

    @property
    def max_points(self) -> float:
        return round(sum(points(q) for q in self.questions), 1)


class QuizRecords:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as conn:
            conn.executescript(SCHEMA)
            for table, column, declaration in MIGRATIONS:
                if column not in {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")

    @classmethod
    def for_corpus(cls, corpus) -> "QuizRecords":
        return cls(Path(corpus.dir) / "quiz.sqlite")

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA journal_mode=WAL")
        try:
            yield conn
        finally:
            conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    # -- sessions --------------------------------------------------------------------------------
    def create_session(self, title: str, questions: list[dict], scope: dict | None = None, seed: int | None = None,
                       time_limit: int | None = None, mode: str = "group", host_learner_id: int | None = None,
                       feedback: str = "each") -> Session:
        if not questions:
            raise QueryError("a session needs at least one question", zh="测验至少要有一道题")
        if any("points" not in q for q in questions):
            from kb.quiz.paper import with_points

            questions = with_points(questions)   # scored out of 100, like the printed paper
        with self.transaction() as conn:
            for _ in range(50):
                code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(5))
                if not conn.execute("SELECT 1 FROM sessions WHERE code=?", (code,)).fetchone():
                    break
            conn.execute("INSERT INTO sessions (code, title, mode, scope, questions, seed, time_limit, host_token, "
                         "created_at, host_learner_id, feedback) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                         (code, title, mode, json.dumps(scope or {}, ensure_ascii=False),
                          json.dumps(questions, ensure_ascii=False), seed, time_limit or None,
                          secrets.token_urlsafe(24), now().isoformat(), host_learner_id,
                          "end" if feedback == "end" else "each"))
        return self.session(code)

    def session(self, code: str) -> Session:
        with self.connect() as conn:
            row = conn.execute("SELECT * FROM sessions WHERE code=?", ((code or "").strip().upper(),)).fetchone()
        if row is None:
            raise SessionNotFoundError((code or "").strip().upper())
        return Session(row["id"], row["code"], row["title"], row["mode"], json.loads(row["scope"]),
                       json.loads(row["questions"]), row["time_limit"], row["host_token"], row["status"],
                       row["created_at"], row["closed_at"], row["host_learner_id"], row["feedback"])

    def sessions(self) -> list[Session]:
        with self.connect() as conn:
            codes = [r[0] for r in conn.execute("SELECT code FROM sessions ORDER BY id DESC")]
        return [self.session(code) for code in codes]

    def close(self, code: str, host_token: str) -> Session:
        session = self.session(code)
        if not secrets.compare_digest(session.host_token, host_token or ""):
            raise QueryError("only the host can close this session", zh="只有主持人可以结束这场测验")
        with self.transaction() as conn:
            conn.execute("UPDATE sessions SET status='closed', closed_at=COALESCE(closed_at, ?) WHERE id=?",
                         (now().isoformat(), session.id))
        return self.session(code)

    # -- participants ----------------------------------------------------------------------------
    def join(self, code: str, name: str, token: str | None = None, learner_id: int | None = None) -> dict:
        """Join by code and name; the same token (or learner) rejoins. Closed session / taken name -> typed errors."""
        session = self.session(code)
        name = " ".join((name or "").split())[:40]
        with self.transaction() as conn:
            if token or learner_id:
                row = conn.execute("SELECT * FROM participants WHERE session_id=? AND (token=? OR learner_id=?)",
                                   (session.id, token or "", learner_id or -1)).fetchone()
                if row:
                    return dict(row)
            if not name:
                raise NameMissingError("please give your name")
            if not session.is_open:
                raise SessionClosedError(f"session {session.code} is closed; no one can join now", session.code)
            if conn.execute("SELECT 1 FROM participants WHERE session_id=? AND name=?", (session.id, name)).fetchone():
                raise DuplicateNameError(name, session.code)
            new_token = secrets.token_urlsafe(18)
            conn.execute("INSERT INTO participants (session_id, name, token, joined_at, learner_id) VALUES (?,?,?,?,?)",
                         (session.id, name, new_token, now().isoformat(), learner_id))
            return dict(conn.execute("SELECT * FROM participants WHERE token=?", (new_token,)).fetchone())

    def participant_of(self, code: str, learner_id: int | None) -> dict | None:
        """The learner's participation in a session (None when they have not joined)."""
        if not learner_id:
            return None
        session = self.session(code)
        with self.connect() as conn:
            row = conn.execute("SELECT p.*, s.code FROM participants p JOIN sessions s ON s.id=p.session_id "
                               "WHERE p.session_id=? AND p.learner_id=?", (session.id, learner_id)).fetchone()
        return dict(row) if row else None

    def participant(self, token: str) -> dict:
        with self.connect() as conn:
            row = conn.execute("SELECT p.*, s.code FROM participants p JOIN sessions s ON s.id=p.session_id "
                               "WHERE p.token=?", (token or "",)).fetchone()
        if row is None:
            raise NotFoundError("unknown participant; join the session again", zh="找不到您的答题记录，请重新加入测验")
        return dict(row)

    def answer(self, token: str, index: int, given) -> dict:
        """Record one answer; a second answer to the same question is ignored (first one stands)."""
        person = self.participant(token)
        session = self.session(person["code"])
        if not 0 <= index < len(session.questions):
            raise QueryError(f"no question {index + 1} in this session", zh=f"本场测验没有第 {index + 1} 题")
        question = session.questions[index]
        with self.transaction() as conn:
            existing = conn.execute("SELECT * FROM answers WHERE participant_id=? AND question_index=?",
                                    (person["id"], index)).fetchone()
            if existing:
                return {**dict(existing), "duplicate": True}
            if not session.is_open or person["finished_at"]:
                raise SessionClosedError("this quiz is closed for you; answers can no longer be changed", session.code)
            value = normalize_given(question, given)
            correct = is_correct(question, value)
            row = (person["id"], index, question.get("id", ""), value, int(correct),
                   points(question) if correct else 0, now().isoformat())
            conn.execute("INSERT INTO answers VALUES (?,?,?,?,?,?,?)", row)
            law, topic = law_and_topic(question, session.scope)
            conn.execute("INSERT INTO practice (learner, question_id, law, topic, qtype, correct, answered_at, "
                         "session_code, learner_id) VALUES (?,?,?,?,?,?,?,?,?)",
                         (person["name"], question.get("id", ""), law, topic, question["type"], int(correct),
                          row[-1], session.code, person["learner_id"]))
        WrongBook(self).record(book_key(person), question, correct)
        return {"participant_id": person["id"], "question_index": index, "given": value, "correct": int(correct),
                "points": row[5], "duplicate": False}

    def answers(self, token: str) -> dict[int, dict]:
        person = self.participant(token)
        with self.connect() as conn:
            rows = conn.execute("SELECT * FROM answers WHERE participant_id=?", (person["id"],)).fetchall()
        return {r["question_index"]: dict(r) for r in rows}

    def finish(self, token: str) -> dict:
        """Hand in: no more answers from this participant (a practice quiz is then closed). Idempotent."""
        person = self.participant(token)
        with self.transaction() as conn:
            conn.execute("UPDATE participants SET finished_at=COALESCE(finished_at, ?) WHERE id=?",
                         (now().isoformat(), person["id"]))
            conn.execute("UPDATE sessions SET status='closed', closed_at=COALESCE(closed_at, ?) WHERE id=? AND "
                         "mode='practice'", (now().isoformat(), person["session_id"]))
        return self.participant(token)

    def scoreboard(self, code: str) -> list[dict]:
        session = self.session(code)
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT p.name, p.finished_at, COUNT(a.question_index) AS answered, COALESCE(SUM(a.correct),0) AS "
                "correct, COALESCE(SUM(a.points),0) AS score, MAX(a.answered_at) AS last FROM participants p "
                "LEFT JOIN answers a ON a.participant_id=p.id WHERE p.session_id=? GROUP BY p.id "
                "ORDER BY score DESC, last ASC, p.name", (session.id,)).fetchall()
        board = []
        for rank, row in enumerate(rows, 1):
            board.append({"rank": rank, "name": row["name"], "answered": row["answered"], "correct": row["correct"],
                          "score": round(row["score"], 1), "max": session.max_points, "finished": bool(row["finished_at"]),
                          "total": len(session.questions)})
        return board

    def question_stats(self, code: str) -> list[dict]:
        """Per question: how many answered, how many right (for the host's results page)."""
        session = self.session(code)
        with self.connect() as conn:
            rows = {r["question_index"]: r for r in conn.execute(
                "SELECT question_index, COUNT(*) AS answered, SUM(correct) AS correct FROM answers a JOIN "
                "participants p ON p.id=a.participant_id WHERE p.session_id=? GROUP BY question_index",
                (session.id,))}
        return [{"index": i, "question": q, "answered": rows[i]["answered"] if i in rows else 0,
                 "correct": rows[i]["correct"] if i in rows else 0} for i, q in enumerate(session.questions)]

    # -- practice and records --------------------------------------------------------------------
    def record_practice(self, learner: str, question: dict, given, scope: dict | None = None,
                        learner_id: int | None = None) -> bool:
        """Grade and keep one practice answer; a wrong one goes into the learner's wrong-answer book
        (kept under the learner's id when there is one, so two people of one name never share a book)."""
        correct = is_correct(question, given)
        law, topic = law_and_topic(question, scope)
        with self.transaction() as conn:
            conn.execute("INSERT INTO practice (learner, question_id, law, topic, qtype, correct, answered_at, "
                         "learner_id) VALUES (?,?,?,?,?,?,?,?)", (learner, question.get("id", ""), law, topic,
                                                                   question["type"], int(correct), now().isoformat(),
                                                                   learner_id))
        WrongBook(self).record(book_key({"name": learner, "learner_id": learner_id}), question, correct)
        return correct

    def summary(self, hosted_by: int | None = None) -> dict:
        """Sessions, participants and answers; by law and topic. `hosted_by`: only that host's sessions.

        Every answer counts once: in a group session or in personal practice (practice quizzes and the
        wrong-answer book), and the per-law table adds up to the same total.
        """
        where, args = _scope_filter(hosted_by)
        with self.connect() as conn:
            sessions = conn.execute(f"SELECT COUNT(*) FROM sessions s WHERE s.mode='group' AND {where}", args).fetchone()[0]
            participants = conn.execute(f"SELECT COUNT(*) FROM participants p JOIN sessions s ON s.id=p.session_id "
                                        f"WHERE s.mode='group' AND {where}", args).fetchone()[0]
            counts = conn.execute(
                f"SELECT COALESCE(SUM(s.mode='group'), 0), COUNT(*) - COALESCE(SUM(s.mode='group'), 0) FROM practice pr "
                f"LEFT JOIN sessions s ON s.code=pr.session_code WHERE {where}", args).fetchone()
            by_law = [dict(r) for r in conn.execute(
                f"SELECT pr.law, COUNT(*) AS answered, SUM(pr.correct) AS correct FROM practice pr LEFT JOIN sessions s "
                f"ON s.code=pr.session_code WHERE {where} GROUP BY pr.law ORDER BY pr.law", args)]
            by_topic = [dict(r) for r in conn.execute(
                f"SELECT pr.law, pr.topic, COUNT(*) AS answered, SUM(pr.correct) AS correct FROM practice pr LEFT JOIN "
                f"sessions s ON s.code=pr.session_code WHERE {where} GROUP BY pr.law, pr.topic ORDER BY pr.law, pr.topic",
                args)]
            codes = [r[0] for r in conn.execute(f"SELECT s.code FROM sessions s WHERE {where} ORDER BY s.id DESC LIMIT 20",
                                                args)]
        for row in by_law + by_topic:
            row["rate"] = (row["correct"] or 0) / row["answered"] if row["answered"] else 0.0
        recent = []
        for code in codes:
            found = self.session(code)
            recent.append({"code": found.code, "title": found.title, "created_at": found.created_at,
                           "mode": found.mode, "status": "open" if found.is_open else "closed",
                           "participants": len(self.scoreboard(found.code))})
        return {"sessions": sessions, "participants": participants, "group_answers": counts[0],
                "practice_answers": counts[1], "answers": counts[0] + counts[1], "by_law": by_law,
                "by_topic": by_topic, "recent_sessions": recent}

    CSV_HEADER = ["session_code", "session_title", "held_at", "learner", "law", "topic", "answered", "correct",
                  "rate"]

    def csv_rows(self, hosted_by: int | None = None) -> list[list]:
        """One row per session (or practice), learner, law and topic (`hosted_by`: one host's sessions);
        cells made formula-safe."""
        where, args = _scope_filter(hosted_by)
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT COALESCE(pr.session_code, '') AS code, COALESCE(s.title, '个人练习') AS title, "
                "COALESCE(s.created_at, MIN(pr.answered_at)) AS held, pr.learner, pr.law, pr.topic, COUNT(*) AS n, "
                "SUM(pr.correct) AS ok FROM practice pr LEFT JOIN sessions s ON s.code=pr.session_code "
                f"WHERE {where} GROUP BY pr.session_code, pr.learner, pr.law, pr.topic ORDER BY held, code, pr.learner, pr.law, "
                "pr.topic", args).fetchall()
        return [safe_row([r["code"], r["title"], r["held"], r["learner"], r["law"], r["topic"], r["n"], r["ok"],
                          f"{(r['ok'] or 0) / r['n']:.2f}"]) for r in rows]

    def write_csv(self, path) -> int:
        rows = self.csv_rows()
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:   # BOM: Excel opens it as UTF-8
            writer = csv.writer(handle)
            writer.writerow(self.CSV_HEADER)
            writer.writerows(rows)
        return len(rows)


def _scope_filter(hosted_by: int | None) -> tuple[str, tuple]:
    """SQL condition on the session alias `s` (LEFT JOINed): everything, or one host's sessions only."""
    if hosted_by is None:
        return "1=1", ()
    return "s.host_learner_id=?", (hosted_by,)


def book_key(person: dict) -> str:
    """Whose wrong-answer book: the learner's private id when known (names are not unique), else the name."""
    return f"#{person['learner_id']}" if person.get("learner_id") else person["name"]
