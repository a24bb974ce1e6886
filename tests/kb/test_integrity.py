"""issue 12, item 8: a damaged store or index gives a one-line message saying what to do — never a
traceback, a 500, or silent wrong answers (a truncated store taken as empty)."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from kb.integrity import StoreDamaged, state_path
from kb.store import ClauseStore
from lawkb import main as lawkb
from tests.corpus_builders import build_corpus
from webapp import create_app

DRAFT = "依据《中华人民共和国行政处罚法》第三十三条的规定，决定不予处罚。"


@pytest.fixture(scope="module")
def indexed_home(tmp_path_factory):
    """A data home with the small corpus, indexed once for this module."""
    from kb.search.index_build import build_indexes

    home = tmp_path_factory.mktemp("integrity") / "home"
    corpus = build_corpus(home / "corpora" / "default")
    build_indexes(corpus)
    corpus.store.close()
    return home


@pytest.fixture
def home(indexed_home, tmp_path):
    """A fresh copy of the indexed home for each test (they damage it)."""
    copy = tmp_path / "home"
    shutil.copytree(indexed_home, copy, symlinks=True)
    return copy


def store_file(home):
    return home / "corpora" / "default" / "store.sqlite"


def run(capsys, home, *argv, stdin=None, monkeypatch=None):
    if stdin is not None:
        import io

        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = lawkb(["-q", "--home", str(home), *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def overwrite_pages(path, keep_mtime: bool = False):
    """Write garbage over pages in the middle of the file, as a failing disk or a careless copy would."""
    stat = path.stat()
    size = stat.st_size
    with open(path, "r+b") as handle:
        handle.seek(size // 3)
        handle.write(os.urandom(8192) if not keep_mtime else b"\xff" * 8192)
    if keep_mtime:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def checkpoint_wal(path):
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_a_sound_store_passes_and_records_its_state(home, capsys):
    code, out, _ = run(capsys, home, "doctor")
    assert code == 0 and "store.sqlite: ok" in out and "search index: current" in out
    assert state_path(store_file(home)).exists()


def test_pages_overwritten_mid_file(home, capsys, monkeypatch):
    checkpoint_wal(store_file(home))
    overwrite_pages(store_file(home))
    for argv in (["search", "听证"], ["doctor"], ["cite", "check", "-"]):
        code, out, err = run(capsys, home, *argv, stdin=DRAFT, monkeypatch=monkeypatch)
        assert code == 3, argv
        assert "is damaged (PRAGMA quick_check" in err or "is not usable" in err or "DAMAGED" in out, argv
        assert "lawkb restore" in err + out and "lawkb ingest" in err + out
    app = create_app({"TESTING": True, "CORPUS_DIR": str(store_file(home).parent), "SECRET_KEY": "k"})
    response = app.test_client().get("/laws/")
    assert response.status_code == 503 and "法规库文件已损坏" in response.get_data(as_text=True)
    api = app.test_client().get("/api/laws")
    assert api.status_code == 503 and api.get_json()["ok"] is False


def test_damage_the_cached_check_did_not_see_is_still_a_message(home, capsys):
    """Pages overwritten without changing size or mtime: the check on open is skipped (the file
    looks as last checked), so the damage shows when a query reads it — one line, exit 3."""
    checkpoint_wal(store_file(home))
    assert run(capsys, home, "doctor")[0] == 0          # checked and remembered
    overwrite_pages(store_file(home), keep_mtime=True)
    code, out, err = run(capsys, home, "doctor")       # doctor runs integrity_check always
    assert code == 3 and ("DAMAGED" in out or "lawkb restore" in err)
    code, _, err = run(capsys, home, "diff", "行政处罚法")
    assert code == 3 and err.startswith("lawkb: error:") and "lawkb restore" in err


def test_a_store_truncated_to_zero_bytes_is_not_taken_as_empty(home, capsys, monkeypatch):
    ClauseStore(store_file(home)).close()  # the store has been opened and holds 3 documents
    store_file(home).write_bytes(b"")
    for name in ("store.sqlite-wal", "store.sqlite-shm"):
        (store_file(home).parent / name).unlink(missing_ok=True)
    code, out, err = run(capsys, home, "cite", "check", "-", stdin=DRAFT, monkeypatch=monkeypatch)
    assert code == 3 and out == ""
    assert "is empty (0 bytes) but held 3 documents" in err and "lawkb restore" in err
    assert "不在库中" not in out
    assert run(capsys, home, "search", "听证")[0] == 3
    assert run(capsys, home, "ingest", "--no-index", str(home))[0] == 3  # no silent fresh start either
    with pytest.raises(StoreDamaged):
        ClauseStore(store_file(home))


def test_a_store_replaced_by_an_empty_database_is_refused(home, capsys):
    ClauseStore(store_file(home)).close()
    path = store_file(home)
    for name in ("store.sqlite", "store.sqlite-wal", "store.sqlite-shm"):
        (path.parent / name).unlink(missing_ok=True)
    sqlite3.connect(path).execute("CREATE TABLE x (y)").connection.close()
    code, _, err = run(capsys, home, "search", "听证")
    assert code == 3 and "has no documents but held 3" in err


def test_a_store_moved_aside_can_be_rebuilt_by_ingest(home, capsys, tmp_path):
    path = store_file(home)
    for name in ("store.sqlite", "store.sqlite-wal", "store.sqlite-shm"):
        if (path.parent / name).exists():
            (path.parent / name).rename(tmp_path / name)
    md = tmp_path / "某市条例.md"
    md.write_text("# 某市条例\n\n第一条 为了测试，制定本条例。\n", encoding="utf-8")
    code, out, _ = run(capsys, home, "ingest", "--no-index", str(md))
    assert code == 0 and "1 added" in out


def test_a_truncated_embedded_model_says_run_lawkb_index(home, capsys):
    model = home / "corpora" / "default" / "index" / "dense" / "embedded_model.npz"
    data = model.read_bytes()
    model.write_bytes(data[: len(data) // 2])
    code, _, err = run(capsys, home, "search", "听证", "--kind", "dense")
    assert code == 4 and "unreadable" in err and "run `lawkb index`" in err
    code, out, _ = run(capsys, home, "doctor")
    assert code == 4 and "search index: damaged" in out
    app = create_app({"TESTING": True, "CORPUS_DIR": str(store_file(home).parent), "SECRET_KEY": "k"})
    response = app.test_client().get("/api/search?q=听证")
    assert response.status_code == 503 and "lawkb index" in response.get_json()["error"]


@pytest.mark.parametrize("victim", ["rows.npy", "manifest.json", "lexical", "dense/vectors.faiss"])
def test_every_truncated_index_file_is_a_message(home, capsys, victim):
    target = home / "corpora" / "default" / "index" / victim
    files = [target] if target.is_file() else sorted(p for p in target.iterdir() if p.is_file())
    for path in files:
        path.write_bytes(path.read_bytes()[: max(1, path.stat().st_size // 3)])
    code, _, err = run(capsys, home, "search", "听证")
    assert code == 4 and "lawkb index" in err
