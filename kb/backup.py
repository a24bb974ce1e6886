"""Backups of a corpus's databases with SQLite's online backup API, safe while the server runs.

``backup(corpus, dest)`` copies ``store.sqlite`` (and ``webapp.sqlite``, ``quiz.sqlite`` when
present) into a folder, each as one consistent snapshot (writers are not blocked in WAL mode),
checks every copy with ``PRAGMA integrity_check`` and writes ``backup.json`` (time, documents,
corpus hash, sizes).

``restore(corpus, source)`` checks the backup first, then
- keeps the current store: a readable one is first backed up to ``backups/before-restore-…`` (so a
  restore can be undone), a damaged one is moved aside as ``store.sqlite.damaged-…`` with its WAL;
- copies the backup into the store with the same backup API, into the live database when it is
  readable (SQLite takes care of the WAL and of open readers: a running server sees the restored
  store on its next read), else into a new file; a store of an older schema is then migrated in
  place (kb.store_schema), one of a newer schema is refused before anything is changed.
Only the clause store is restored unless ``include`` names the others (users and quiz records go
back to their state in the backup, removed users included).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from kb import integrity
from kb.errors import StoreError
from kb.store import corpus_hash_of
from kb.store_schema import SCHEMA_VERSION, create_or_migrate

DATABASES = ("store.sqlite", "webapp.sqlite", "quiz.sqlite")
MANIFEST = "backup.json"


class BackupError(StoreError):
    """A backup cannot be made, or a folder is not a usable backup."""


@dataclass
class BackupReport:
    folder: Path
    files: dict[str, int] = field(default_factory=dict)        # name -> bytes
    documents: int = 0
    corpus_hash: str = ""
    created_at: str = ""
    kept: Path | None = None                                     # restore: where the old store went

    def to_record(self) -> dict:
        return {"folder": str(self.folder), "files": self.files, "documents": self.documents,
                "corpus_hash": self.corpus_hash, "created_at": self.created_at,
                "kept": str(self.kept) if self.kept else None}


def copy_database(source: Path, target: Path) -> None:
    """One consistent snapshot of an SQLite database into a new file, via the online backup API."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _store_facts(path: Path) -> tuple[int, str]:
    """(documents, corpus hash) of a clause store file of any schema up to SCHEMA_VERSION, read
    directly (no state file involved). Documents counts every stored text, also those kept out of use."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is not None and int(row[0]) > SCHEMA_VERSION:
            raise BackupError(f"{path} has store schema {row[0]}, newer than this LawKB's {SCHEMA_VERSION}; "
                              "restore it with the LawKB that made it")
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0], corpus_hash_of(conn)
    finally:
        conn.close()


def default_folder(corpus, prefix: str = "backup") -> Path:
    return Path(corpus.dir) / "backups" / f"{prefix}-{time.strftime('%Y%m%d-%H%M%S')}"


def backup(corpus, dest: str | Path | None = None) -> BackupReport:
    """Back up the corpus's databases into `dest` (a new or empty folder; default backups/backup-<time>)."""
    folder = Path(dest) if dest else default_folder(corpus)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty; give a new folder for the backup")
    corpus.store  # opening checks the store: a damaged one is refused (StoreDamaged) before any copy
    folder.mkdir(parents=True, exist_ok=True)
    report = BackupReport(folder, created_at=time.strftime("%Y-%m-%d %H:%M:%S"))
    for name in DATABASES:
        source = Path(corpus.dir) / name
        if not source.exists():
            continue
        target = folder / name
        copy_database(source, target)
        found = integrity.full_check(target)
        if found:
            raise BackupError(f"the copy of {name} fails integrity_check ({'; '.join(found[:3])}); "
                              f"the backup in {folder} is not usable")
        report.files[name] = target.stat().st_size
    report.documents, report.corpus_hash = _store_facts(folder / "store.sqlite")
    (folder / MANIFEST).write_text(json.dumps({**report.to_record(), "folder": None, "corpus": str(corpus.dir)},
                                              ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def check_backup(source: str | Path) -> BackupReport:
    """The backup in `source` (a folder made by backup(), or a store.sqlite file), checked."""
    source = Path(source)
    folder = source if source.is_dir() else source.parent
    store = source / "store.sqlite" if source.is_dir() else source
    if not store.is_file():
        raise BackupError(f"no store.sqlite in {source}; give a folder made by `lawkb backup`")
    report = BackupReport(folder)
    for name in DATABASES:
        path = store if name == "store.sqlite" else folder / name
        if not path.is_file():
            continue
        found = integrity.full_check(path)
        if found:
            raise BackupError(f"the backup's {name} is damaged ({'; '.join(found[:3])}); use an older backup")
        report.files[name] = path.stat().st_size
    try:
        report.documents, report.corpus_hash = _store_facts(store)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{store} is not a clause store ({exc})") from None
    if not report.documents:
        raise BackupError(f"the backup {store} holds no documents; nothing to restore")
    try:
        report.created_at = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("created_at", "")
    except (OSError, ValueError):
        pass
    return report


def _move_aside(path: Path, stamp: str) -> Path:
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            os.replace(part, Path(f"{kept}{suffix}"))
    return kept


def _restore_one(source: Path, live: Path, stamp: str) -> Path | None:
    """Copy one database from a backup into place; returns where a damaged original was moved."""
    healthy = live.exists() and live.stat().st_size > 0 and not integrity.full_check(live)
    if healthy:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(live, timeout=60)
        try:
            src.backup(dst)  # into the live database: SQLite handles its WAL and the other connections
            return None
        finally:
            dst.close()
            src.close()
    kept = _move_aside(live, stamp) if live.exists() else None
    copy_database(source, live)
    return kept


def restore(corpus, source: str | Path, include: tuple[str, ...] = ("store.sqlite",)) -> BackupReport:
    """Restore databases of the corpus from a backup (see module docstring)."""
    report = check_backup(source)
    folder = report.folder
    store_source = Path(source) if Path(source).is_file() else folder / "store.sqlite"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    live_store = Path(corpus.dir) / "store.sqlite"
    Path(corpus.dir).mkdir(parents=True, exist_ok=True)
    if live_store.exists():
        try:  # the state now, so the restore can be undone
            report.kept = backup(corpus, default_folder(corpus, "before-restore")).folder
        except StoreError:  # damaged: it is moved aside below instead
            report.kept = None
    for name in DATABASES:
        if name not in include:
            continue
        source_path = store_source if name == "store.sqlite" else folder / name
        if not source_path.exists():
            continue
        moved = _restore_one(source_path, Path(corpus.dir) / name, stamp)
        if name == "store.sqlite" and moved is not None:
            report.kept = moved
    integrity.forget_state(live_store)
    conn = sqlite3.connect(live_store)
    try:
        create_or_migrate(conn)  # a backup of an older schema gets the current one in place, nothing dropped
        integrity.verify_open(live_store, conn, force=True)
    finally:
        conn.close()
    return report
