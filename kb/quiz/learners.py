"""Who is learning: a private token per learner (no login), and the paper drafts a trainer edits.

A learner is a name with an unguessable token. The web app keeps only that token in its cookie (so the
cookie does not grow with every quiz) and shows it as a private link (``/quiz/me/<token>``) to open the
same 错题本 and records on another device. Two people with one name are two learners; nobody reaches
a learner's book by typing a name.

A draft is a generated paper kept server-side while the trainer replaces or deletes questions before
exporting it (替换本题 / 删除本题).
"""

from __future__ import annotations

import json
import secrets

from kb.errors import NotFoundError
from kb.quiz.records import NameMissingError, QuizRecords, now


def clean_name(name: str | None) -> str:
    return " ".join((name or "").split())[:40]


def create_learner(records: QuizRecords, name: str) -> dict:
    name = clean_name(name)
    if not name:
        raise NameMissingError("please give your name")
    token = secrets.token_urlsafe(24)
    with records.transaction() as conn:
        conn.execute("INSERT INTO learners (token, name, created_at) VALUES (?,?,?)", (token, name, now().isoformat()))
        return dict(conn.execute("SELECT * FROM learners WHERE token=?", (token,)).fetchone())


def learner_by_token(records: QuizRecords, token: str | None) -> dict | None:
    if not token:
        return None
    with records.connect() as conn:
        row = conn.execute("SELECT * FROM learners WHERE token=?", (token,)).fetchone()
    return dict(row) if row else None


def learner_for(records: QuizRecords, token: str | None, name: str | None) -> dict:
    """The learner of this token when the name is theirs (or not given); else a new learner of that name."""
    found = learner_by_token(records, token)
    name = clean_name(name)
    if found and (not name or name == found["name"]):
        return found
    return create_learner(records, name)


def hosts_any(records: QuizRecords, learner_id: int) -> bool:
    """Has this learner hosted a group session (and so may see the records of their sessions)?"""
    with records.connect() as conn:
        return conn.execute("SELECT 1 FROM sessions WHERE host_learner_id=? AND mode='group' LIMIT 1",
                            (learner_id,)).fetchone() is not None


# -- paper drafts ------------------------------------------------------------------------------------
def save_draft(records: QuizRecords, title: str, scope: dict, types: list[str], questions: list[dict],
               learner_id: int | None) -> str:
    token = secrets.token_urlsafe(18)
    with records.transaction() as conn:
        conn.execute("INSERT INTO drafts (token, learner_id, title, scope, types, questions, created_at) "
                     "VALUES (?,?,?,?,?,?,?)", (token, learner_id, title, json.dumps(scope, ensure_ascii=False),
                                                json.dumps(types), json.dumps(questions, ensure_ascii=False),
                                                now().isoformat()))
    return token


def draft(records: QuizRecords, token: str) -> dict:
    with records.connect() as conn:
        row = conn.execute("SELECT * FROM drafts WHERE token=?", (token or "",)).fetchone()
    if row is None:
        raise NotFoundError("no such paper draft")
    return {**dict(row), "scope": json.loads(row["scope"]), "types": json.loads(row["types"]),
            "questions": json.loads(row["questions"])}


def update_draft(records: QuizRecords, token: str, questions: list[dict]) -> None:
    with records.transaction() as conn:
        conn.execute("UPDATE drafts SET questions=? WHERE token=?", (json.dumps(questions, ensure_ascii=False), token))
