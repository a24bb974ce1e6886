"""The bureau's 裁量基准 / 免罚清单: reading CSV/DOCX, per-line checks, storage, links to rows."""

import json

import pytest

from ingest.errors import EmptyDocumentError, EncodingError, UnsupportedFormatError
from ingest.rule_table import read_rule_table
from kb.errors import RejectedInputError
from kb.penalty.rules import RuleBook, parse_share, rules_for
from kb.penalty.table import load
from lawkb import main

HEADER = "类型,违法行为,处罚依据,情形,裁量档次,罚款比例,备注\n"
GOOD = HEADER + ("裁量基准,未取得排污许可证排放污染物,生态环境法典第一千一百零二条,首次被发现且排放量较小,较轻,0%-30%,\n"
                 "裁量基准,无证排污,生态环境法典第一千一百零二条,两年内再次被发现,严重,70%-100%,\n"
                 "可以不予处罚,擅自拆除污染防治设施,,初次违法且危害后果轻微并及时改正,,,首违不罚\n")


def table(text: str, name: str = "裁量基准.csv", encoding: str = "utf-8"):
    return read_rule_table(text.encode(encoding), name)


def test_import_link_and_amounts(fresh_penalty_corpus):
    corpus = fresh_penalty_corpus
    book = RuleBook(corpus.dir)
    assert book.import_table(corpus, table(GOOD)) == ("added", 3)
    assert book.import_table(corpus, table(GOOD)) == ("unchanged", 3)
    penalty = load(corpus)
    row_1102 = next(r for r in penalty.rows if r["article"] == 1102)
    rules = rules_for(corpus, penalty, row_1102["id"])
    bands = {(r["band"], r["amount_min"], r["amount_max"], r["link"]) for r in rules}
    assert bands == {("较轻", 200_000, 440_000, "citation"), ("严重", 760_000, 1_000_000, "citation")}
    row_1104b = next(r for r in penalty.rows if r["conduct"] == "擅自拆除污染防治设施")
    [exempt] = rules_for(corpus, penalty, row_1104b["id"])
    assert exempt["kind"] == "可以不予处罚" and exempt["link"] == "matched" and exempt["link_score"] > 0.35
    assert (corpus.dir / "penalty_rules.sqlite").exists()
    assert not (corpus.store_path.read_bytes().count(b"penalty_rules"))   # not in the clause store


def test_bad_lines_are_all_listed_and_nothing_is_stored(fresh_penalty_corpus):
    corpus = fresh_penalty_corpus
    bad = HEADER + ("处罚,无证排污,,,,,\n"
                    "裁量基准,,生态环境法典第一千一百零二条,情形,较轻,10%,\n"
                    "裁量基准,无证排污,生态环境法典第九千九百条,情形,较轻,10%,\n"
                    "裁量基准,无证排污,生态环境法典第一千一百零二条,,,10%,\n"
                    "裁量基准,无证排污,生态环境法典第一千一百零二条,情形,较轻,一半,\n"
                    "裁量基准,无证排污,生态环境法典第一千一百零二条,情形,较轻,60%-30%,\n"
                    "不予处罚,无证排污,不存在的法第一条,,,,\n")
    with pytest.raises(RejectedInputError) as caught:
        RuleBook(corpus.dir).import_table(corpus, table(bad))
    problems = caught.value.problems_zh
    text = "\n".join(problems)
    assert "整个文件未导入" in caught.value.zh and "nothing was imported" in str(caught.value)
    assert "裁量基准.csv:2: 类型 is '处罚'" in str(caught.value)
    assert len(caught.value.problems) == len(problems) == 8
    assert "裁量基准.csv 第2行：“类型”为“处罚”" in text
    assert "第3行：“违法行为”为空" in text
    assert "第4行：“处罚依据”“生态环境法典第九千九百条”：无法找到该条文" in text and "没有第九千九百条" in text
    assert "第5行：裁量基准须写明“情形”" in text and "第5行：裁量基准须写明“裁量档次”" in text
    assert "第6行：“罚款比例”“一半”无法识别" in text
    assert "第7行：“罚款比例”“60%-30%”无法识别" in text
    assert "第8行：“处罚依据”“不存在的法第一条”" in text
    assert RuleBook(corpus.dir).rules() == []


def test_fewer_rules_need_replace(fresh_penalty_corpus):
    corpus = fresh_penalty_corpus
    book = RuleBook(corpus.dir)
    book.import_table(corpus, table(GOOD))
    shorter = HEADER + GOOD.splitlines()[1] + "\n"
    with pytest.raises(RejectedInputError, match="the stored version has 3 rules, this file only 1") as caught:
        book.import_table(corpus, table(shorter))
    assert "已导入的版本有 3 条，本文件只有 1 条" in caught.value.zh
    assert len(book.rules()) == 3
    assert book.import_table(corpus, table(shorter), replace=True) == ("replaced", 1)
    assert len(book.rules()) == 1
    assert book.remove("裁量基准.csv") == 1 and book.rules() == []


def test_file_level_errors():
    with pytest.raises(UnsupportedFormatError, match="use .csv or .docx"):
        read_rule_table(b"x", "rules.xlsx")
    with pytest.raises(EmptyDocumentError, match="no column 类型"):
        read_rule_table("违法行为,情形\n无证排污,首次\n".encode(), "r.csv")
    with pytest.raises(EmptyDocumentError, match="no rules"):
        read_rule_table(HEADER.encode(), "r.csv")
    with pytest.raises(EmptyDocumentError, match="empty"):
        read_rule_table(b"  \n", "r.csv")
    with pytest.raises(EncodingError, match="r.csv"):
        read_rule_table(b"\xff\xfe\x00\xd8" * 50, "r.csv")


def test_gb18030_csv_and_docx(tmp_path):
    gbk = table(GOOD, encoding="gb18030")
    assert [cells["违法行为"] for _, cells in gbk.rows][0] == "未取得排污许可证排放污染物"
    import docx

    document = docx.Document()
    document.add_paragraph("某市生态环境局行政处罚裁量基准")
    lines = [line.split(",") for line in GOOD.strip().splitlines()]
    grid = document.add_table(rows=len(lines), cols=len(lines[0]))
    for row, cells in zip(grid.rows, lines):
        for cell, value in zip(row.cells, cells):
            cell.text = value
    path = tmp_path / "基准.docx"
    document.save(str(path))
    read = read_rule_table(path.read_bytes(), "基准.docx")
    assert [(line, cells["裁量档次"]) for line, cells in read.rows] == [(2, "较轻"), (3, "严重"), (4, "")]


@pytest.mark.parametrize("text, expected", [
    ("0%-30%", ("share", 0.0, 0.3)), ("30％～60％", ("share", 0.3, 0.6)), ("30%", ("share", 0.3, 0.3)),
    ("20万元-40万元", ("yuan", 200_000, 400_000)), ("200000-400000元", ("yuan", 200_000, 400_000)),
    ("二十万元至四十万元", ("yuan", 200_000, 400_000)),
])
def test_shares(text, expected):
    assert parse_share(text) == pytest.approx(expected) if expected[0] == "share" else parse_share(text) == expected


@pytest.mark.parametrize("text", ["一半", "60%-30%", "150%", "40万元-20万元"])
def test_bad_shares(text):
    with pytest.raises(ValueError):
        parse_share(text)


def test_cli_import_list_remove(fresh_penalty_corpus, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr("kb.corpus.settings.corpus_dir", lambda overrides=None: fresh_penalty_corpus.dir)
    good, bad = tmp_path / "基准.csv", tmp_path / "坏.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(HEADER + "处罚,无证排污,,,,,\n", encoding="utf-8")
    code = main(["rules", "import", str(bad), str(good)])
    out, err = capsys.readouterr()
    assert code == 8 and "基准.csv: added, 3 rule(s)" in out      # the bad file did not stop the good one
    assert "坏.csv:2: 类型 is '处罚'" in err
    assert main(["rules", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["row_citation"] is not None for r in listed["rules"]] == [True, True, True]
    code = main(["penalty", "无证排污", "--json"])
    record = json.loads(capsys.readouterr().out)
    assert {r["band"] for r in record["rows"][0]["bureau_rules"]} == {"较轻", "严重"}
    assert main(["penalty", "擅自拆除污染防治设施", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["checklists"][record["rows"][0]["law"]][0]["source"] == "bureau"
    assert main(["rules", "remove", "基准.csv"]) == 0 and "removed" in capsys.readouterr().out
    assert main(["rules", "remove", "基准.csv"]) == 5
