"""A text with no article number (a 修改决定's 四、, an interpretation's 全文, an unnumbered regulation) gives no row and is
no link: LawRefBook holds 820 of them, and one matched as a link stopped the table's build (第None条)."""

from __future__ import annotations

from dataclasses import replace

from kb.penalty.table import load
from tests.corpus_builders import build_corpus, make_document


def _law():
    document, clauses = make_document("某市湿地保护条例", [
        "第一章 总则|湿地保护单位应当建立湿地保护制度，定期开展湿地巡查。",
        "第五章 法律责任|违反本条例规定，湿地保护单位未建立湿地保护制度、未定期开展湿地巡查的，由林业主管部门责令改正，"
        "处一万元以上五万元以下的罚款。",
    ], level="地方性法规", effective_date="2020-01-01", promulgation_date="2019-06-01", version_date="2019-06-01")
    unnumbered = replace(clauses[0], article=None, order=3, text="湿地保护单位应当建立湿地保护制度，定期开展湿地巡查，"
                         "未建立湿地保护制度的，由林业主管部门责令改正，处二万元以上十万元以下的罚款。")
    return document, [*clauses, unnumbered]


def test_an_unnumbered_text_gives_no_row_and_no_link(tmp_path):
    corpus = build_corpus(tmp_path / "corpus", [_law()])
    rows = load(corpus).rows
    assert [row["article"] for row in rows] == [2]
    assert all(ref["article"] is not None for row in rows for ref in row["references"])
