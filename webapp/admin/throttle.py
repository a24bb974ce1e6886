"""Login throttling: too many wrong passwords for one account or from one address lock logins out.

Failures are kept in ``webapp.sqlite`` (table ``login_failures``), so a restart does not reset
them. While an account or an address has ``LOGIN_MAX_FAILURES`` (per account) or
``LOGIN_MAX_FAILURES_PER_ADDRESS`` failures within the last ``LOGIN_LOCK_MINUTES``, every login
for it is refused without looking at the password, even the right one. A successful login
clears the account's failures.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS login_failures (kind TEXT NOT NULL, key TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures(kind, key, at);
"""


@dataclass(frozen=True)
class Lock:
    kind: str        # "account" | "address"
    key: str
    failures: int
    seconds_left: int


class LoginThrottle:
    def __init__(self, path: str | Path, per_account: int, per_address: int, minutes: float):
        self.path = Path(path)
        self.limits = {"account": max(1, int(per_account)), "address": max(1, int(per_address))}
        self.window = max(1.0, float(minutes) * 60)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        conn.executescript(SCHEMA)
        return conn

    def locked(self, name: str, address: str, now: float | None = None) -> Lock | None:
        """The lock in force for this account or address, or None."""
        now = time.time() if now is None else now
        with self._connect() as conn:
            for kind, key in (("account", name), ("address", address)):
                limit = self.limits[kind]
                rows = conn.execute("SELECT at FROM login_failures WHERE kind=? AND key=? AND at>? "
                                    "ORDER BY at DESC LIMIT ?", (kind, key, now - self.window, limit)).fetchall()
                if len(rows) >= limit:
                    oldest_counted = rows[-1][0]
                    return Lock(kind, key, len(rows), max(1, int(oldest_counted + self.window - now + 0.999)))
        return None

    def failed(self, name: str, address: str, now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self._connect() as conn:
            conn.execute("DELETE FROM login_failures WHERE at<=?", (now - self.window,))
            conn.executemany("INSERT INTO login_failures VALUES (?,?,?)",
                             [("account", name, now), ("address", address, now)])

    def succeeded(self, name: str) -> None:
        with self._connect() as conn:
            conn.execute("DELETE FROM login_failures WHERE kind='account' AND key=?", (name,))
