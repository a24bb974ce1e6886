"""kill -9 or Ctrl-C half-way through a batch: the store stays consistent, a rerun imports the rest."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = 1500


def make_folder(folder: Path) -> None:
    folder.mkdir()
    for i in range(FILES):
        articles = "\n\n".join(f"第{n}条 第{i}号条例第{n}条的内容，规定了有关单位应当遵守的事项。" for n in "一二三四五六七八")
        (folder / f"测试条例{i:04d}(2020-01-01).md").write_text(
            f"# 测试条例{i:04d}\n\n2020年1月1日 某某会议通过\n\n<!-- INFO END -->\n\n{articles}\n", encoding="utf-8")


def documents(store: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def start_ingest(home: Path, folder: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LAWKB_HOME": str(home), "LAWKB_QUIET": "1"}
    return subprocess.Popen([sys.executable, "-m", "lawkb", "ingest", "--no-index", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def stop_half_way(process: subprocess.Popen, store: Path, sig: int) -> None:
    deadline = time.time() + 120
    while documents(store) < 50:
        assert process.poll() is None, process.communicate()
        assert time.time() < deadline, "the import did not start"
        time.sleep(0.05)
    process.send_signal(sig)


def assert_consistent(store: Path) -> int:
    conn = sqlite3.connect(store)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # every document has all its 8 articles: no half-written file
        per_doc = conn.execute("SELECT d.id, count(c.id) FROM documents d LEFT JOIN clauses c ON c.document_id=d.id "
                               "GROUP BY d.id").fetchall()
        assert {n for _id, n in per_doc} <= {8}
        return len(per_doc)
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_interrupted_import_is_consistent_and_a_rerun_completes(tmp_path, sig):
    folder = tmp_path / "laws"
    make_folder(folder)
    home = tmp_path / "home"
    store = home / "corpora" / "default" / "store.sqlite"
    process = start_ingest(home, folder)
    stop_half_way(process, store, sig)
    _out, err = process.communicate(timeout=120)
    if sig == signal.SIGINT:
        assert process.returncode == 130
        assert "interrupted after" in err and "run the same command again" in err
    else:
        assert process.returncode == -signal.SIGKILL
    done = assert_consistent(store)
    assert 0 < done < FILES, "the import finished before it was stopped: the test proves nothing"
    rerun = start_ingest(home, folder)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert f"{FILES} file(s) ingested" in out
    assert f"{done} unchanged" in out and f"{FILES - done} added" in out
    assert assert_consistent(store) == FILES
