"""`lawkb penalty`, `lawkb rules` and the penalty lines of `lawkb doctor` on the penalty test corpus."""

import json

import pytest

from lawkb import main
from tests.penalty.conftest import CODE


@pytest.fixture
def run(fresh_penalty_corpus, monkeypatch, capsys):
    def invoke(*argv):
        monkeypatch.setattr("kb.corpus.settings.corpus_dir", lambda overrides=None: fresh_penalty_corpus.dir)
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return invoke


def test_penalty_json_ranks_1102_first(run):
    code, out, _ = run("penalty", "未取得排污许可证排放污染物", "--json")
    record = json.loads(out)
    top = record["rows"][0]
    assert code == 0 and record["found"] is True
    assert (top["law"], top["article"]) == (CODE, 1102)
    assert (top["fine"]["min"], top["fine"]["max"]) == (200_000, 1_000_000)
    assert record["searched"] is False          # this corpus has no search index: conduct match only
    checklist = record["checklists"][CODE]
    effects = {(i["effect"], i["citation"]) for i in checklist}
    assert ("可以不予处罚", "《生态环境法典》第一千零五十六条第二款") in effects
    assert ("应当从轻或者减轻", "《行政处罚法》第三十二条第一款第（一）项") in effects


def test_penalty_text_output(run):
    code, out, _ = run("penalty", "擅自拆除污染防治设施", "-k", "2")
    assert code == 0
    assert "违法行为：擅自拆除污染防治设施" in out and "处十万元以上一百万元以下罚款" in out
    assert "不予处罚、从轻、减轻" in out and "□" in out


def test_description_that_matches_nothing(run):
    code, out, _ = run("penalty", "食堂中午几点开饭", "--json")
    record = json.loads(out)
    assert code == 0 and record["found"] is False
    assert "没有找到与“食堂中午几点开饭”相符的违法行为" in record["message"]
    assert record["rows"], "the nearest rows are still offered"
    code, out, _ = run("penalty", "局里年终聚餐定在哪家饭店")
    assert out.startswith("没有找到与") and "1. " in out


@pytest.mark.parametrize("argv, message", [
    (("penalty",), "give a description"),
    (("penalty", "  ？ "), "describe the conduct"),
    (("penalty", "超标排放", "--top-k", "0"), "--top-k must be at least 1"),
    (("penalty", "超标排放", "--law", "不存在的法"), "不存在的法"),
])
def test_bad_input(run, argv, message):
    code, out, err = run(*argv)
    assert code != 0 and message in err and out == ""


def test_table_exports(run, tmp_path):
    csv_path, docx_path = tmp_path / "t.csv", tmp_path / "t.docx"
    code, _, err = run("penalty", "--table", "--law", "生态环境法典", "--csv", str(csv_path), "--docx", str(docx_path))
    assert code == 0 and "wrote" in err
    text = csv_path.read_bytes().decode("utf-8-sig")
    assert text.startswith("序号,法律,违法行为,违反条款,处罚条款")
    assert "未依法取得排污许可证排放污染物" in text and "200000,1000000" in text
    import docx

    document = docx.Document(str(docx_path))
    assert document.tables and any("未依法取得排污许可证排放污染物" in c.text for c in document.tables[0].columns[1].cells)
    code, out, _ = run("penalty", "--table", "--filter", "排污许可证", "--json")
    rows = json.loads(out)
    assert rows and all("排污许可证" in (r["conduct"] + r["text"]) for r in rows)


def test_doctor_lists_fines_without_amounts(run):
    code, out, _ = run("doctor", "--json")
    findings = json.loads(out)["findings"]
    assert code == 0
    assert any(f["kind"] == "fine_amount_not_stated" for f in findings) is False  # 1136's 处以罚款 is set by 第二款
    code, out, _ = run("doctor")
    assert "finding(s)" in out
