"""kill -9 or Ctrl-C half-way through a batch: the store stays consistent, a rerun imports the rest
(issue 11); a rerun finishes what a killed ingest or index build left undone, and a killed build
leaves no temporary folder behind for ever (issue 12, item 7)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest import pipeline
from kb.corpus import Corpus
from kb.search.index_build import build_indexes, index_status
from lawkb import main as lawkb
from tests.corpus_builders import build_corpus
from tests.ingest.sample_files import SAMPLE_MARKDOWN

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
    # a background job of a non-interactive shell (nohup make test &) inherits SIGINT ignored, and a
    # Python started that way never turns Ctrl-C into KeyboardInterrupt: give the child the default
    return subprocess.Popen([sys.executable, "-m", "lawkb", "ingest", "--no-index", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


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


def leftovers(corpus_dir: Path) -> list[str]:
    link = os.readlink(corpus_dir / "index") if (corpus_dir / "index").is_symlink() else None
    return sorted(p.name for p in corpus_dir.iterdir()
                  if (p.name.startswith("index-") and p.name != link) or p.name.startswith(".index-link-"))


def kill_during_index(argv: list[str], corpus_dir: Path, home: Path) -> None:
    """Run `lawkb …` in a child and kill -9 it once an index build folder appears."""
    before = set(os.listdir(corpus_dir)) if corpus_dir.exists() else set()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LAWKB_HOME": str(home), "LAWKB_QUIET": "1"}
    child = subprocess.Popen([sys.executable, "-m", "lawkb", *argv], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and child.poll() is None:
            fresh = [n for n in os.listdir(corpus_dir) if n.startswith("index-") and n not in before] \
                if corpus_dir.exists() else []
            if any(any((corpus_dir / name).iterdir()) for name in fresh):
                break
            time.sleep(0.05)
        assert child.poll() is None, "the build finished before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(30)


@pytest.mark.slow
def test_ingest_killed_during_the_index_phase_is_finished_by_a_rerun(tmp_path, capsys):
    home = tmp_path / "home"
    corpus_dir = home / "corpora" / "default"
    build_indexes(build_corpus(corpus_dir))                            # a served install: store + index
    md = tmp_path / "某某市生态环境保护条例(2019-03-02).md"
    md.write_text(SAMPLE_MARKDOWN, encoding="utf-8")
    kill_during_index(["ingest", str(md)], corpus_dir, home)
    corpus = Corpus(corpus_dir)
    assert "某某市生态环境保护条例" in corpus.store.titles()        # the file's transaction committed
    assert index_status(corpus)[0] == "stale"                          # the old index is still there
    assert leftovers(corpus_dir)                                        # the killed build's folder
    code = lawkb(["--home", str(home), "ingest", str(md)])
    captured = capsys.readouterr()
    assert code == 0 and "1 unchanged" in captured.out
    assert "the search index was stale; it has been rebuilt" in captured.err
    assert index_status(Corpus(corpus_dir))[0] == "current"
    assert leftovers(corpus_dir) == []
    assert lawkb(["--home", str(home), "search", "排污", "--json"]) == 0
    assert "某某市生态环境保护条例" in capsys.readouterr().out


@pytest.mark.slow
def test_a_killed_lawkb_index_leaves_no_folder_after_the_next_build(tmp_path, capsys):
    home = tmp_path / "home"
    corpus_dir = home / "corpora" / "default"
    build_corpus(corpus_dir)
    kill_during_index(["index"], corpus_dir, home)
    assert leftovers(corpus_dir)
    assert lawkb(["-q", "--home", str(home), "index"]) == 0
    assert leftovers(corpus_dir) == [] and index_status(Corpus(corpus_dir))[0] == "current"


def test_a_rerun_without_changes_builds_a_stale_index(tmp_path, capsys, monkeypatch):
    """The cheap form of the above: the store changed (ingest --no-index), the rerun sees no change
    in its files but builds the index the store needs."""
    home = tmp_path / "home"
    md = tmp_path / "某某市生态环境保护条例(2019-03-02).md"
    md.write_text(SAMPLE_MARKDOWN, encoding="utf-8")
    assert lawkb(["-q", "--home", str(home), "ingest", "--no-index", str(md)]) == 0
    built = []
    monkeypatch.setattr("ingest.service.build_indexes", lambda corpus, progress=None: built.append(1) or {})
    assert lawkb(["-q", "--home", str(home), "ingest", str(md)]) == 0
    assert built == [1] and "the search index was missing; it has been rebuilt" in capsys.readouterr().err


def test_repeal_dates_left_undone_by_a_killed_ingest_are_derived_by_the_rerun(tmp_path, monkeypatch):
    from kb.store import ClauseStore

    old = SAMPLE_MARKDOWN
    new = SAMPLE_MARKDOWN.replace("2019年3月2日", "2024年6月1日").replace("2019年5月1日", "2024年7月1日")
    first, second = tmp_path / "某某市生态环境保护条例(2019-03-02).md", tmp_path / "某某市生态环境保护条例(2024-06-01).md"
    first.write_text(old, encoding="utf-8")
    second.write_text(new, encoding="utf-8")
    store = ClauseStore(tmp_path / "store.sqlite", create=True)
    pipeline.ingest_paths(store, [first])

    def killed(_store):
        raise KeyboardInterrupt  # stands for kill -9 after the file's transaction committed

    monkeypatch.setattr(pipeline, "apply_repeal_facts", killed)
    with pytest.raises(KeyboardInterrupt):
        pipeline.ingest_paths(store, [second])
    monkeypatch.undo()
    versions = store.versions("某某市生态环境保护条例")
    assert len(versions) == 2 and versions[0].repeal_date is None
    report = pipeline.ingest_paths(store, [second])           # the rerun: "unchanged" …
    assert report.files[0].outcome == "unchanged"
    store._documents = None
    older = store.versions("某某市生态环境保护条例")[0]
    assert older.repeal_date is not None                         # … and the repeal date is there
    assert pipeline.finish_derived(store) is False               # nothing left pending
