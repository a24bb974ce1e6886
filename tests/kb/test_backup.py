"""issue 12, item 9: `lawkb backup` / `lawkb restore` with SQLite's online backup, safe while serving."""

from __future__ import annotations

import json
import sqlite3
import os
import threading
import time

import pytest

from kb.backup import BackupError, backup, check_backup, restore
from kb.corpus import Corpus
from kb.store import ClauseStore
from lawkb import main as lawkb
from tests.corpus_builders import build_corpus, downgrade_to_schema_2, make_document


@pytest.fixture
def home(tmp_path):
    home = tmp_path / "home"
    build_corpus(home / "corpora" / "default").store.close()
    return home


def corpus_of(home) -> Corpus:
    return Corpus(home / "corpora" / "default")


def add_law(store, number: int):
    document, clauses = make_document(f"某市第{number}号管理办法", [f"第{number}号办法的第一条。", "第二条。"])
    store.add_document(document, clauses)


def test_backup_while_another_connection_writes_is_a_consistent_snapshot(home, tmp_path):
    corpus = corpus_of(home)
    writer = ClauseStore(corpus.store_path)
    stop = threading.Event()
    written = []

    def write():
        number = 0
        while not stop.is_set():
            number += 1
            add_law(writer, number)
            written.append(number)

    thread = threading.Thread(target=write)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not written and time.monotonic() < deadline:     # the writer is busy before the first backup starts
            time.sleep(0.01)
        assert written, "the writer thread never committed a document"
        reports = [backup(corpus, tmp_path / f"b{i}") for i in range(3)]
    finally:
        stop.set()
        thread.join(30)
    for report in reports:
        checked = check_backup(report.folder)          # integrity_check passes, documents counted
        copy = ClauseStore(report.folder / "store.sqlite")
        assert copy.counts()["documents"] == checked.documents == report.documents >= 3
        added = [d for d in copy.documents() if d.title.endswith("号管理办法")]
        assert len(added) == report.documents - 3
        assert all(len(copy.clauses(d.id)) == 2 for d in added)  # each document whole: all or none of it
        manifest = json.loads((report.folder / "backup.json").read_text(encoding="utf-8"))
        assert manifest["documents"] == report.documents and manifest["corpus_hash"] == report.corpus_hash


def test_restore_a_damaged_store_from_the_cli(home, capsys, tmp_path):
    assert lawkb(["-q", "--home", str(home), "backup", str(tmp_path / "bk")]) == 0
    out = capsys.readouterr().out
    assert f"backup in {tmp_path / 'bk'}: store.sqlite" in out and "3 documents" in out
    store_path = corpus_of(home).store_path
    with open(store_path, "r+b") as handle:  # a failing disk
        handle.seek(store_path.stat().st_size // 2)
        handle.write(os.urandom(4096))
    assert lawkb(["-q", "--home", str(home), "doctor"]) == 3
    capsys.readouterr()
    assert lawkb(["-q", "--home", str(home), "restore", str(tmp_path / "bk"), "--no-index"]) == 0
    captured = capsys.readouterr()
    assert "restored store.sqlite" in captured.out and "3 documents" in captured.out
    kept = [p.name for p in store_path.parent.iterdir() if p.name.startswith("store.sqlite.damaged-")]
    assert kept and "the previous store is kept in" in captured.err   # the damaged file is not deleted
    assert ClauseStore(store_path).counts()["documents"] == 3
    assert lawkb(["-q", "--home", str(home), "doctor"]) == 0


def test_a_restore_can_be_undone_and_an_open_store_sees_it(home, tmp_path):
    corpus = corpus_of(home)
    first = backup(corpus, tmp_path / "first")
    served = ClauseStore(corpus.store_path)     # what a running server holds open
    add_law(served, 1)
    assert served.counts()["documents"] == 4
    report = restore(corpus_of(home), first.folder)
    assert served.counts()["documents"] == 3    # the open connection reads the restored store
    assert report.kept is not None and report.kept.name.startswith("before-restore-")
    assert check_backup(report.kept).documents == 4
    restore(corpus_of(home), report.kept)       # undo
    assert ClauseStore(corpus.store_path).counts()["documents"] == 4


def test_a_damaged_or_empty_backup_is_refused_and_the_store_is_untouched(home, tmp_path, capsys):
    corpus = corpus_of(home)
    report = backup(corpus, tmp_path / "bk")
    copy = report.folder / "store.sqlite"
    copy.write_bytes(copy.read_bytes()[: copy.stat().st_size // 2])
    before = corpus.store.corpus_hash()
    assert lawkb(["-q", "--home", str(home), "restore", str(report.folder)]) == 3
    assert "lawkb: error:" in capsys.readouterr().err
    with pytest.raises(BackupError, match="no store.sqlite"):
        restore(corpus, tmp_path / "nothing-here")
    assert ClauseStore(corpus.store_path).corpus_hash() == before
    with pytest.raises(BackupError, match="not empty"):
        backup(corpus, report.folder)


def test_restore_all_brings_back_users_and_the_default_leaves_them(home, tmp_path):
    from webapp.admin.users import UserStore

    corpus = corpus_of(home)
    users = UserStore.for_corpus(corpus)
    users.add("chen", "correct horse 1", admin=True)
    report = backup(corpus, tmp_path / "bk")
    assert set(report.files) == {"store.sqlite", "webapp.sqlite"}
    users.remove("chen")
    restore(corpus_of(home), report.folder)
    assert users.session_state("chen") is None            # only the store came back
    restore(corpus_of(home), report.folder, include=("store.sqlite", "webapp.sqlite", "quiz.sqlite"))
    assert users.session_state("chen") == (True, 0)


def test_a_schema_2_backup_restores_and_is_migrated_in_place(home, tmp_path):
    corpus = corpus_of(home)
    report = backup(corpus, tmp_path / "old")
    downgrade_to_schema_2(report.folder / "store.sqlite")
    assert check_backup(report.folder).corpus_hash == report.corpus_hash   # every row of schema 2 is in use
    served = ClauseStore(corpus.store_path)
    add_law(served, 1)
    restore(corpus_of(home), report.folder)
    conn = sqlite3.connect(corpus.store_path)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(documents)")}
    assert {"region", "state", "replaced_by"} <= columns
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == "3"
    conn.close()
    assert served.counts()["documents"] == 3 and served.corpus_hash() == report.corpus_hash
    add_law(served, 2)                                  # the open store writes schema 3 rows again
    assert ClauseStore(corpus.store_path).counts()["documents"] == 4


def test_a_backup_of_a_newer_schema_is_refused_and_the_store_is_untouched(home, tmp_path):
    corpus = corpus_of(home)
    report = backup(corpus, tmp_path / "new")
    conn = sqlite3.connect(report.folder / "store.sqlite")
    conn.execute("UPDATE meta SET value='4' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    add_law(corpus.store, 1)
    before = corpus.store.corpus_hash()
    with pytest.raises(BackupError, match="schema 4, newer"):
        restore(corpus, report.folder)
    assert ClauseStore(corpus.store_path).corpus_hash() == before


def test_texts_kept_out_of_use_are_backed_up_but_not_hashed(home, tmp_path):
    corpus = corpus_of(home)
    store = corpus.store
    before = store.corpus_hash()
    title = store.titles()[0]
    version = store.versions(title)[0]
    kept, clauses = make_document(title, ["另一个文本的第一条。"], version_date=version.version_date,
                                  level=version.level, status=version.status)
    assert store.add_document(kept, clauses).outcome == "conflict"
    assert store.corpus_hash() == before                  # the kept text is not searched: same index
    report = backup(corpus, tmp_path / "bk")
    assert report.corpus_hash == before and report.documents == 4
