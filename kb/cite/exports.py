"""Concordance tables as CSV and DOCX (for the CLI and the web export buttons)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx

from kb.cite.concordance import LawConcordance
from kb.csv_safe import safe_row
from kb.docx_tables import finish

HEADER = ["原条号", "原条文", "法典条号", "法典条文", "置信度", "等级", "变化", "其他候选"]


def concordance_rows(store, law: LawConcordance) -> list[list[str]]:
    """One row per old article: label, text, Code label, Code text, confidence, band, changes, alternatives."""
    old_texts = {(c.article, c.article_suffix): c.text for c in store.clauses(law.old_document_id, kinds=("article",))}
    new_texts = {(c.article, c.article_suffix): c.text for c in store.clauses(law.new_document_id, kinds=("article",))}
    rows = []
    for pair in law.pairs:
        rows.append([pair.old_label, old_texts.get((pair.old_article, pair.old_suffix), ""),
                     pair.new_label or "", new_texts.get((pair.new_article, pair.new_suffix), "") if pair.new_article else "",
                     f"{pair.confidence:.2f}", pair.band, "；".join(pair.changes),
                     "；".join(filter(None, ["、".join(pair.alternatives), _split(pair)]))])
    return rows


def _split(pair) -> str:
    return "分拆：" + "，".join(f"{part}→{target}" for part, target in pair.parts) if pair.split else ""


def csv_bytes(rows: list[list[str]]) -> bytes:
    """UTF-8 with BOM, so Excel opens the Chinese text correctly; no cell can start a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(safe_row(row) for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(rows: list[list[str]], path: str | Path) -> None:
    Path(path).write_bytes(csv_bytes(rows))


def docx_bytes(law: LawConcordance, rows: list[list[str]]) -> bytes:
    document = docx.Document()
    document.add_heading(f"《{law.old_title}》与《{law.new_title}》条文对照表", level=1)
    document.add_paragraph(f"原法版本：{law.old_version or '—'}；废止日期：{law.repeal_date or '—'}。"
                           "对应关系由文本比对自动生成，置信度低的条目请人工核对。")
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, ["原条文", "法典条文", "置信度", "变化", "其他候选"]):
        cell.text = title
    for row in rows:
        cells = table.add_row().cells
        cells[0].text = f"{row[0]}\n{row[1]}"
        cells[1].text = f"{row[2]}\n{row[3]}" if row[2] else "（无对应条文）"
        cells[2].text = f"{row[4]} {row[5]}"
        cells[3].text = row[6]
        cells[4].text = row[7]
    return finish(document, table, 9)


def write_docx(law: LawConcordance, rows: list[list[str]], path: str | Path) -> None:
    Path(path).write_bytes(docx_bytes(law, rows))
