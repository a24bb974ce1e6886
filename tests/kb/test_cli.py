"""The lawkb command: one-line errors and exit codes, JSON on stdout."""

import json

import pytest

from lawkb import main


def test_doctor_without_store_is_one_line_error(capsys):
    assert main(["doctor"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "run `lawkb ingest`" in err


def test_settings_json_lists_every_setting(capsys):
    assert main(["settings", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    names = [r["name"] for r in rows]
    assert "LAWKB_HOME" in names and "LAWKB_MODEL" in names
    assert all(r["help"] for r in rows)


def test_bad_corpus_name(capsys):
    assert main(["--corpus", "../x", "doctor"]) == 2
    assert "must be a plain folder name" in capsys.readouterr().err


def test_ingest_missing_file_reports_and_continues(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("某某管理办法\n第一条 为了管理，制定本办法。\n第二条 本办法自公布之日起施行。\n", encoding="utf-8")
    code = main(["-q", "ingest", "--no-index", str(tmp_path / "missing.md"), str(good)])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"FAILED {tmp_path / 'missing.md'}: no such file" in err
    assert "1 failed" in out


@pytest.mark.slow
def test_ingest_national_laws_json(capsys):
    assert main(["-q", "ingest", "--no-index", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["counts"]["documents"] == 378
    assert record["counts"]["articles"] == 26196
    assert record["repairs"]["joined_breaks"] > 0
    kinds = {(f["law"], f["kind"]) for f in record["findings"]}
    assert ("中华人民共和国生态环境法典", "suspected_merge") in kinds
    # a second ingest changes nothing
    assert main(["-q", "ingest", "--no-index", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert [f["outcome"] for f in again["files"]] == ["unchanged"]


class Terminal:
    """A stand-in for stderr on a terminal, keeping what was written."""

    def __init__(self, tty: bool):
        self.tty, self.parts = tty, []

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    @property
    def text(self) -> str:
        return "".join(self.parts)


@pytest.mark.parametrize("argv, quiet", [(["-q", "ingest"], True), (["ingest", "-q"], True), (["ingest"], False),
                                         (["-q", "index"], True), (["index", "--quiet"], True), (["index"], False)])
def test_global_quiet_is_not_undone_by_the_subcommand(argv, quiet):
    from lawkb import build_parser, quiet_from

    assert quiet_from(build_parser().parse_args(argv)) is quiet


def test_progress_bars_only_on_a_terminal(monkeypatch):
    from kb.progress import make_progress

    assert make_progress(quiet=True) is None
    for tty in (True, False):
        stderr = Terminal(tty)
        monkeypatch.setattr("sys.stderr", stderr)
        items = list(range(50))
        wrapped = make_progress()(items, total=50, desc="files")
        assert list(wrapped) == items
        assert ("\r" in stderr.text and "files" in stderr.text) is tty
        assert (wrapped is items) is (not tty)


def test_quiet_ingest_on_a_terminal_draws_no_bars_and_says_no_progress(tmp_path, monkeypatch):
    good = tmp_path / "good.txt"
    good.write_text("某某管理办法\n第一条 为了管理，制定本办法。\n第二条 本办法自公布之日起施行。\n", encoding="utf-8")
    monkeypatch.setenv("LAWKB_EMBED_DIM", "4")
    for argv, drawn in ((["-q", "ingest", str(good)], False), (["index"], True)):
        stderr = Terminal(True)
        monkeypatch.setattr("sys.stderr", stderr)
        assert main(["--home", str(tmp_path / "home"), *argv]) == 0
        assert ("\r" in stderr.text) is drawn and ("lawkb index:" in stderr.text) is drawn
