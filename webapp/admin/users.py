"""Web users: a small SQLite next to the clause store (``<corpus>/webapp.sqlite``), werkzeug hashes.

Each user has a ``session_version``: a login stores it in the (signed) session cookie, and every
admin request compares it with the table. Logging out, a new password or role
(``lawkb user add --replace``) and ``lawkb user remove`` change or delete it, so every cookie
issued before stops working at once, including copies replayed after a logout.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from kb.errors import NotFoundError, QueryError

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (datetime('now')),
    session_version INTEGER NOT NULL DEFAULT 0
);
"""
NAME_RE = re.compile(r"^[\w.@-]{1,64}$")
MIN_PASSWORD = 8


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked when the user does not exist, so a wrong name costs as long as a wrong password."""
    return generate_password_hash("lawkb-no-such-user")


@dataclass(frozen=True)
class User:
    name: str
    is_admin: bool
    created_at: str


class UserStore:
    def __init__(self, path: str | Path):
        self.path = Path(path)

    @classmethod
    def for_corpus(cls, corpus) -> "UserStore":
        return cls(Path(corpus.dir) / "webapp.sqlite")

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path)
        conn.executescript(SCHEMA)
        columns = {row[1] for row in conn.execute("PRAGMA table_info(users)")}
        if "session_version" not in columns:  # a webapp.sqlite made before session versions
            conn.execute("ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0")
            conn.commit()
        return conn

    def add(self, name: str, password: str, admin: bool = False, replace: bool = False) -> User:
        if not NAME_RE.match(name or ""):
            raise QueryError("user name: 1-64 letters, digits, _ . @ -")
        if len(password or "") < MIN_PASSWORD:
            raise QueryError(f"password must have at least {MIN_PASSWORD} characters")
        with self._connect() as conn:
            exists = conn.execute("SELECT session_version FROM users WHERE name=?", (name,)).fetchone()
            if exists and not replace:
                raise QueryError(f"user {name!r} exists; use --replace to set a new password")
            version = exists[0] + 1 if exists else 0  # a new password or role ends the old sessions
            conn.execute("INSERT OR REPLACE INTO users (name, password_hash, is_admin, session_version) "
                         "VALUES (?,?,?,?)", (name, generate_password_hash(password), int(admin), version))
        return self.get(name)

    def get(self, name: str) -> User:
        if not self.path.exists():
            raise NotFoundError(f"no user {name!r}")
        with self._connect() as conn:
            row = conn.execute("SELECT name, is_admin, created_at FROM users WHERE name=?", (name,)).fetchone()
        if row is None:
            raise NotFoundError(f"no user {name!r}")
        return User(row[0], bool(row[1]), row[2])

    def list(self) -> list[User]:
        if not self.path.exists():
            return []
        with self._connect() as conn:
            rows = conn.execute("SELECT name, is_admin, created_at FROM users ORDER BY name").fetchall()
        return [User(r[0], bool(r[1]), r[2]) for r in rows]

    def remove(self, name: str) -> None:
        self.get(name)
        with self._connect() as conn:
            conn.execute("DELETE FROM users WHERE name=?", (name,))

    def session_state(self, name: str) -> tuple[bool, int] | None:
        """(is_admin, session_version) of a user as stored now; None when the user does not exist."""
        if not name or not self.path.exists():
            return None
        with self._connect() as conn:
            row = conn.execute("SELECT is_admin, session_version FROM users WHERE name=?", (name,)).fetchone()
        return (bool(row[0]), int(row[1])) if row else None

    def end_sessions(self, name: str) -> None:
        """Invalidate every session cookie issued to this user (logout)."""
        if not name or not self.path.exists():
            return
        with self._connect() as conn:
            conn.execute("UPDATE users SET session_version = session_version + 1 WHERE name=?", (name,))

    def authenticate(self, name: str, password: str) -> User | None:
        row = None
        if self.path.exists():
            with self._connect() as conn:
                row = conn.execute("SELECT name, password_hash, is_admin, created_at FROM users WHERE name=?",
                                   (name,)).fetchone()
        if row is None:
            check_password_hash(_dummy_hash(), password or "")
            return None
        if not check_password_hash(row[1], password or ""):
            return None
        return User(row[0], bool(row[2]), row[3])
