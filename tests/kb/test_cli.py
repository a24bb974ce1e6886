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
