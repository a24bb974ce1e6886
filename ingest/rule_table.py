"""The bureau's own 裁量基准 / 免罚清单 as a table of cells, from CSV (UTF-8 or GB18030, as Excel
saves it) or DOCX (the first table whose header row names 违法行为 and 类型).

This only reads the file into ``(line, {header: cell})`` rows; ``kb.penalty.rules`` checks every
line and stores them. File-level failures raise the ingest errors with a one-line message.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import CorruptFileError, EmptyDocumentError, UnsupportedFormatError
from ingest.text import decode

SUFFIXES = (".csv", ".docx")
REQUIRED_HEADERS = ("类型", "违法行为")


@dataclass
class RuleTable:
    name: str
    sha256: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]     # (line number in the file or table row, cells by header)


def _check_header(name: str, header: list[str]) -> list[str]:
    header = [h.strip().lstrip("\ufeff") for h in header]
    missing = [h for h in REQUIRED_HEADERS if h not in header]
    if missing:
        raise EmptyDocumentError(name, f"the first row has no column {'、'.join(missing)} (found: {'、'.join(header) or 'nothing'})",
                                 line=1, hint="the first row must name the columns: 类型,违法行为,处罚依据,情形,裁量档次,罚款比例,备注")
    return header


def _csv_rows(data: bytes, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    text = decode(data, Path(name))
    reader = csv.reader(io.StringIO(text))
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise CorruptFileError(name, f"not a readable CSV file ({exc})", line=reader.line_num,
                               hint="save the sheet again as CSV (UTF-8)") from None
    lines = [(number, cells) for number, cells in enumerate(lines, 1) if any(c.strip() for c in cells)]
    if not lines:
        raise EmptyDocumentError(name, "the file is empty", hint="export the sheet with its header row")
    header = _check_header(name, lines[0][1])
    rows = []
    for number, cells in lines[1:]:
        rows.append((number, {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h}))
    return header, rows


def _docx_rows(data: bytes, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile.BadZipFile, lxml and package errors
        raise CorruptFileError(name, f"not a readable DOCX file ({exc.__class__.__name__})",
                               hint="save it again from Word as .docx") from None
    for table in document.tables:
        if not table.rows:
            continue
        header = [cell.text.strip() for cell in table.rows[0].cells]
        if all(h in header for h in REQUIRED_HEADERS):
            rows = []
            for number, row in enumerate(table.rows[1:], 2):
                cells = [cell.text.strip() for cell in row.cells]
                if any(cells):
                    rows.append((number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}))
            return header, rows
    raise EmptyDocumentError(name, "no table with the columns 类型 and 违法行为 in the document",
                             hint="put the rules in a Word table whose first row names the columns")


def read_rule_table(data: bytes, name: str) -> RuleTable:
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedFormatError(name, f"unsupported file type {suffix or '(none)'}", hint="use .csv or .docx")
    if not data.strip():
        raise EmptyDocumentError(name, "the file is empty")
    header, rows = _csv_rows(data, name) if suffix == ".csv" else _docx_rows(data, name)
    if not rows:
        raise EmptyDocumentError(name, "the table has a header row but no rules", hint="add one rule per row")
    return RuleTable(Path(name).name, hashlib.sha256(data).hexdigest(), header, rows)


def read_rule_file(path: str | Path) -> RuleTable:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EmptyDocumentError(path, f"cannot read the file ({exc.strerror or exc})") from None
    return read_rule_table(data, str(path))
