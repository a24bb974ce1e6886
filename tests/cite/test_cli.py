"""`lawkb cite check`, `lawkb cite build`, `lawkb concordance`, `lawkb diff` on the test corpus."""

import io
import json
import sys

import pytest

from lawkb import main
from tests.cite.drafts import DRAFTS, XZCF


@pytest.fixture
def run(cite_corpus, monkeypatch, capsys):
    def invoke(*argv, stdin=None):
        monkeypatch.setattr("kb.corpus.settings.corpus_dir", lambda overrides=None: cite_corpus.dir)
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return invoke


def test_check_json_from_stdin(run):
    code, out, _ = run("cite", "check", "-", "--json", stdin=DRAFTS[0].text)
    record = json.loads(out)
    assert code == 0 and record["as_of"] == "2026-09-03" and record["source"]["name"] == "<stdin>"
    assert [(c["span"], c["verdict"]) for c in record["citations"]] == [
        (e["span"], e["verdict"]) for e in DRAFTS[0].expected_records()]


def test_check_text_output(run, tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("依据环保法第九千九百九十九条", encoding="utf-8")
    code, out, _ = run("cite", "check", str(path), "--as-of", "2026-01-01")
    assert code == 0 and "没有第九千九百九十九条" in out and "2026-01-01（--as-of）" in out
    path.write_text("没有引用。", encoding="utf-8")
    assert "未发现" in run("cite", "check", str(path))[1]


def test_check_scanned_pdf_fails_cleanly(run, tmp_path):
    from tests.cite.test_reader import scanned_pdf_bytes

    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf_bytes())
    code, _, err = run("cite", "check", str(path))
    assert code == 7 and "needs a text layer" in err


def test_build(run, cite_corpus):
    store = cite_corpus.store
    doc = store.versions(XZCF)[-1]
    ids = [store.article(doc.id, 33).id, store.article(doc.id, 34).id]
    code, out, _ = run("cite", "build", f"{ids[0]}:2", str(ids[1]))
    assert out.splitlines() == ["《中华人民共和国行政处罚法》第三十三条第二款、第三十四条",
                                "依据《中华人民共和国行政处罚法》第三十三条第二款、第三十四条的规定"]


def test_concordance_exports(run, tmp_path):
    csv_path, docx_path = tmp_path / "c.csv", tmp_path / "c.docx"
    code, _, _ = run("concordance", "环保法", "--csv", str(csv_path), "--docx", str(docx_path))
    assert code == 0
    text = csv_path.read_text(encoding="utf-8-sig")
    assert text.startswith("原条号,原条文,法典条号") and "第五十九条" in text and "第一千零六十条" in text
    import docx

    assert len(docx.Document(str(docx_path)).tables[0].rows) == 71
    code, out, _ = run("concordance", "环保法", "--json")
    assert json.loads(out)["pairs"][58]["new_label"] == "第一千零六十条"
    code, _, err = run("concordance", "行政处罚法")
    assert code == 5 and "not a statute replaced" in err


def test_diff_needs_two_versions(run):
    code, _, err = run("diff", "行政处罚法")
    assert code == 5 and "only one stored version" in err
