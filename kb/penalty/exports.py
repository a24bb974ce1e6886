"""The 违法行为与法律责任对照表 as CSV and DOCX (CLI and the web export buttons).

CSV cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) are
written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT

from kb.csv_safe import safe_row
from kb.docx_tables import finish

from kb.penalty.present import base_fine_label, conditional_lines, measures_label, obligation_label, per_day_label

HEADER = ["序号", "法律", "违法行为", "违反条款", "处罚条款", "实施机关", "处罚措施", "罚款", "罚款下限（元）",
          "罚款上限（元）", "情节、特别规定及责任人员", "按日连续处罚", "本局裁量基准", "条文"]


def table_rows(rows: list[dict], bureau: dict[str, list[dict]] | None = None) -> list[list[str]]:
    """One list of cells per row, in HEADER order."""
    out = []
    for number, row in enumerate(rows, 1):
        fine = row.get("fine") or {}
        rules = "；".join(f"{r['band'] or r['kind']}：{r['circumstances'] or r['conduct']}"
                         + (f"（{r['share_label']}）" if r.get("share_label") else "")
                         for r in (bureau or {}).get(row["id"], []))
        out.append([str(number), row["short_title"], row["conduct"], obligation_label(row), row["citation"],
                    "、".join(row["agencies"]) or "（条文未写明）", measures_label(row), base_fine_label(row),
                    "" if fine.get("min") is None else str(fine["min"]), "" if fine.get("max") is None else str(fine["max"]),
                    "\n".join(conditional_lines(row)), per_day_label(row), rules, row["text"]])
    return out


def csv_bytes(rows: list[list[str]]) -> bytes:
    """UTF-8 with BOM, so Excel opens the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(safe_row(row) for row in rows)  # no cell can start a spreadsheet formula
    return buffer.getvalue().encode("utf-8-sig")


def docx_bytes(rows: list[list[str]], title: str = "违法行为与法律责任对照表") -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(title, level=1)
    document.add_paragraph(f"生成日期：{date.today().isoformat()}。由法律责任条文自动解析，违反条款中“按行为匹配”的为"
                           "文本比对结果，请核对条文原文。")
    columns = ["序号", "违法行为", "违反条款", "处罚条款", "实施机关", "处罚措施", "罚款", "其他情形", "本局裁量基准"]
    picks = [0, 2, 3, 4, 5, 6, 7, 10, 12]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, columns):
        cell.text = name
    for row in rows:
        cells = table.add_row().cells
        for cell, index in zip(cells, picks):
            cell.text = row[index] if index != 4 else f"{row[1]}{row[4].split('》', 1)[-1]}"
    return finish(document, table, 8)


def write(path: str | Path, data: bytes) -> None:
    Path(path).write_bytes(data)
