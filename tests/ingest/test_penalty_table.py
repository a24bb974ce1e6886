"""Issue 17ww: `lawkb ingest` builds the penalty table after the index, so the web app finds it ready;
its progress lines go to stderr only on a terminal."""

from __future__ import annotations

import json
import sys

import kb.penalty.table as table_module
from kb.penalty.table import CACHE_NAME, CACHE_VERSION
from lawkb import main as lawkb
from tests.ingest.sample_files import SAMPLE_MARKDOWN


def ingest_file(tmp_path, *flags):
    path = tmp_path / "files" / "某某市生态环境保护条例.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(SAMPLE_MARKDOWN, encoding="utf-8")
    home = tmp_path / "home"
    assert lawkb([*flags, "--home", str(home), "ingest", "--no-index", str(path)]) == 0
    return home / "corpora" / "default"


def test_ingest_builds_the_penalty_table(tmp_path, capsys):
    folder = ingest_file(tmp_path)
    record = json.loads((folder / CACHE_NAME).read_text(encoding="utf-8"))
    assert record["version"] == CACHE_VERSION
    assert any(row["law"] == "某某市生态环境保护条例" and "排污许可证" in row["conduct"] for row in record["rows"])
    assert "penalty table" not in capsys.readouterr().err        # not a terminal: no progress line


def test_a_second_ingest_of_the_same_file_reuses_the_table(tmp_path, monkeypatch):
    ingest_file(tmp_path)
    calls = []
    monkeypatch.setattr(table_module, "build", lambda *args, **kwargs: calls.append(args) or [])
    ingest_file(tmp_path)                                        # unchanged: the file's table is checked, not built
    assert calls == []


def test_progress_lines_on_a_terminal(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    ingest_file(tmp_path)
    err = capsys.readouterr().err
    assert "penalty table (处罚依据)" in err and "rows ready" in err
    ingest_file(tmp_path, "-q")
    assert "penalty table" not in capsys.readouterr().err
