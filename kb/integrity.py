"""Damaged clause stores are detected, never taken for empty or answered with tracebacks.

Beside ``store.sqlite`` LawKB keeps ``store.state.json``: how many documents the store held after
its last change, and the file's fingerprint (inode, size, mtime; the WAL's too) when it last
passed ``PRAGMA quick_check``. On open (``ClauseStore``):

- a 0-byte file, or one without the SQLite header, is damaged — unless it is a new store that never
  held anything;
- ``PRAGMA quick_check`` runs whenever the fingerprint differs from the last good check (so once
  after every change, about 0.1 s for the national laws; unchanged stores skip it);
- a store that held documents and now has none (truncated, replaced by an empty file) is refused.

Each failure raises ``StoreDamaged`` saying what to do: restore a backup (``lawkb restore``) or
move the file aside and run ``lawkb ingest`` again. ``lawkb doctor`` runs the full check always.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

from kb.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"
ADVICE = ("restore a backup (`lawkb restore BACKUP`; `lawkb backup` makes one), or move the file aside and "
          "run `lawkb ingest` again")


STORE_DAMAGED_ZH = ("法规库文件已损坏，暂时无法提供服务。请管理员从备份恢复（lawkb restore），"
                    "或将损坏的文件移走后重新导入（lawkb ingest）。")


class StoreDamaged(StoreError):
    """The clause store file is damaged, truncated or was replaced by an empty one."""

    def __init__(self, message: str):
        super().__init__(message, zh=STORE_DAMAGED_ZH)


def state_path(store_path: Path) -> Path:
    return Path(store_path).with_name(Path(store_path).stem + ".state.json")


def read_state(store_path: Path) -> dict:
    try:
        state = json.loads(state_path(store_path).read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def write_state(store_path: Path, **changes) -> None:
    """Update the state file atomically; a read-only folder just keeps no state."""
    path = state_path(store_path)
    state = {**read_state(store_path), **changes}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


def forget_state(store_path: Path) -> None:
    """A new store in place of a removed one (``lawkb ingest`` after the user moved it aside)."""
    try:
        state_path(store_path).unlink()
    except OSError:
        pass


def fingerprint(store_path: Path) -> list:
    stat = Path(store_path).stat()
    wal = Path(f"{store_path}-wal")
    wal_stat = wal.stat() if wal.exists() else None
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns,
            wal_stat.st_size if wal_stat else 0, wal_stat.st_mtime_ns if wal_stat else 0]


def _damaged(store_path: Path, what: str) -> StoreDamaged:
    return StoreDamaged(f"the clause store {store_path} {what}: {ADVICE}")


def check_file(store_path: Path) -> bool:
    """Before SQLite opens the file. True when it is a new, empty store (no header yet)."""
    store_path = Path(store_path)
    with open(store_path, "rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    held = int(read_state(store_path).get("documents") or 0)
    if not header:
        if held:
            raise _damaged(store_path, f"is empty (0 bytes) but held {held} documents: it was truncated or replaced")
        return True
    if header != SQLITE_HEADER:
        raise _damaged(store_path, "is not an SQLite database (its first bytes were overwritten)")
    return False


def problems(conn: sqlite3.Connection, full: bool = False, limit: int = 20) -> list[str]:
    """What ``PRAGMA quick_check`` (or ``integrity_check`` when full) finds; [] when the store is sound."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}({int(limit)})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found


def verify_open(store_path: Path, conn: sqlite3.Connection, force: bool = False) -> None:
    """After the connection is open: quick_check unless this exact file passed it already, and a
    store that held documents must still hold some."""
    store_path = Path(store_path)
    state = read_state(store_path)
    try:
        current = fingerprint(store_path)
    except OSError:
        current = None
    if force or current is None or state.get("checked") != current:
        found = problems(conn)
        if found:
            raise _damaged(store_path, f"is damaged (PRAGMA quick_check: {'; '.join(found[:3])})")
    held = int(state.get("documents") or 0)
    try:
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _damaged(store_path, f"cannot be read ({exc})") from None
    if held and not documents:
        raise _damaged(store_path, f"has no documents but held {held}: it was emptied or replaced by an empty store")
    if current is not None and (state.get("checked") != current or state.get("documents") != documents):
        write_state(store_path, checked=current, documents=documents, at=time.strftime("%Y-%m-%d %H:%M:%S"))


def note_change(store_path: Path, conn: sqlite3.Connection) -> None:
    """After a committed write: remember how many documents the store now holds."""
    try:
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.DatabaseError:
        return
    write_state(store_path, documents=documents, at=time.strftime("%Y-%m-%d %H:%M:%S"))


def full_check(store_path: Path) -> list[str]:
    """``PRAGMA integrity_check`` of a database file on a connection of its own ([] when sound)."""
    try:
        conn = sqlite3.connect(f"file:{Path(store_path)}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return problems(conn, full=True)
    finally:
        conn.close()
