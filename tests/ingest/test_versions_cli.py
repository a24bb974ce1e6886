"""`lawkb versions` and `lawkb doctor` on conflicting and replaced texts; `lawkb ingest --replace`."""

from __future__ import annotations

import json

from lawkb import main


def write_law(path, second_article: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# 某某条例\n\n2020年1月1日 公布\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第二条 {second_article}\n",
                    encoding="utf-8")
    return path


def test_conflict_is_listed_by_doctor_and_restored_by_versions(tmp_path, capsys):
    first = write_law(tmp_path / "a" / "某某条例(2020-01-01).md", "乙。")
    second = write_law(tmp_path / "b" / "某某条例(2020-01-01).md", "乙，另一文本。")
    assert main(["-q", "ingest", "--no-index", str(first), str(second)]) == 0
    out, err = capsys.readouterr()
    assert "1 added" in out and "1 conflict" in out and "1 texts kept out of use" in out
    assert f"conflict: {second}: 某某条例: differs from the stored version" in err
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "某某条例 (2020-01-01): conflict: #1 in use, #2 kept" in out and "1 article(s) worded differently (e.g. 第二条)" in out
    assert "1 conflicting text(s)" in out
    assert main(["versions", "某某条例", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["state"], r["source"]) for r in records] == [(1, "active", str(first)), (2, "conflict", str(second))]
    assert main(["-q", "versions", "--restore", "2", "--no-index"]) == 0
    assert "#2 restored; replaced #1, which is kept" in capsys.readouterr().out
    assert main(["versions", "--json"]) == 0
    assert [(r["id"], r["state"], r["replaced_by"]) for r in json.loads(capsys.readouterr().out)] == [(1, "replaced", 2)]


def test_replace_flag_and_unknown_ids(tmp_path, capsys):
    first = write_law(tmp_path / "a" / "某某条例(2020-01-01).md", "乙。")
    shorter = tmp_path / "b" / "某某条例(2020-01-01).md"
    shorter.parent.mkdir()
    shorter.write_text("# 某某条例\n\n2020年1月1日 公布\n\n<!-- INFO END -->\n\n第一条 甲（修改）。\n", encoding="utf-8")
    main(["-q", "ingest", "--no-index", str(first)])
    capsys.readouterr()
    assert main(["-q", "ingest", "--no-index", "--replace", "--json", str(shorter)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["files"][0]["outcome"] == "replaced"
    assert "versions --restore 1" in report["files"][0]["details"][0]
    assert main(["versions", "--restore", "99"]) == 5
    assert "no document with id 99" in capsys.readouterr().err
    assert main(["versions", "没有这部法"]) == 5
    assert "no law called '没有这部法'" in capsys.readouterr().err


def test_restore_re_derives_repeal_dates(tmp_path, capsys, monkeypatch):
    """Repeal dates follow the version in use: a restore re-derives them (a killed one: the next ingest)."""
    from ingest import pipeline

    first = write_law(tmp_path / "a" / "某某条例(2020-01-01).md", "乙。")
    second = write_law(tmp_path / "b" / "某某条例(2020-01-01).md", "乙，另一文本。")
    assert main(["-q", "ingest", "--no-index", str(first), str(second)]) == 0
    derived = []
    real = pipeline.apply_repeal_facts
    monkeypatch.setattr(pipeline, "apply_repeal_facts", lambda store: derived.append(1) or real(store))
    assert main(["-q", "versions", "--restore", "2", "--no-index"]) == 0
    assert derived == [1]
    assert main(["-q", "versions", "--restore", "99"]) == 5          # nothing restored: nothing derived
    assert derived == [1]
