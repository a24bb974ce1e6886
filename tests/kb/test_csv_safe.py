"""issue 12: CSV formula injection — no exported cell can start a spreadsheet formula."""

from __future__ import annotations

import csv
import io

import pytest

from kb.csv_safe import safe_cell, safe_row

ATTACKS = ["=HYPERLINK(\"http://evil.example\",\"点我\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1", "＝1+1"]


@pytest.mark.parametrize("value", ATTACKS)
def test_formula_starts_become_text(value):
    assert safe_cell(value) == "'" + value


def test_ordinary_cells_and_numbers_are_left_alone():
    assert safe_row(["第三十三条", "罚款-二十万元", "", None, -3, 0.5, "1-2"]) == \
        ["第三十三条", "罚款-二十万元", "", None, -3, 0.5, "1-2"]


def test_the_concordance_csv_escapes_every_cell():
    from kb.cite.exports import csv_bytes

    rows = [["第一条", ATTACKS[0], "第二条", "@SUM(A1)", "0.91", "high", "-删除措施", "+第三条"]]
    parsed = list(csv.reader(io.StringIO(csv_bytes(rows).decode("utf-8-sig"))))
    assert parsed[1] == ["第一条", "'" + ATTACKS[0], "第二条", "'@SUM(A1)", "0.91", "high", "'-删除措施", "'+第三条"]


def test_the_penalty_table_csv_escapes_every_cell():
    from kb.penalty.exports import HEADER, csv_bytes

    row = ["1", "=HYPERLINK(\"http://evil.example\")", "@违法行为", "-第十条", "+第二十条"] + [""] * (len(HEADER) - 5)
    parsed = list(csv.reader(io.StringIO(csv_bytes([row]).decode("utf-8-sig"))))
    assert parsed[1][:5] == ["1", "'=HYPERLINK(\"http://evil.example\")", "'@违法行为", "'-第十条", "'+第二十条"]
