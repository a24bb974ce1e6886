"""CSV cells that a spreadsheet will not run as formulas (CSV/formula injection).

Excel, WPS and LibreOffice treat a cell starting with = + - @ (or a tab / carriage return, or
their full-width forms) as a formula, so a participant named ``=HYPERLINK("http://…")`` or an
imported title could run one on the reviewer's machine. Every CSV LawKB writes passes its rows
through ``safe_row``: such text cells get a leading apostrophe, which spreadsheets show as text.
Numbers (int/float) are left alone, so a negative score stays a number.
"""

from __future__ import annotations

from typing import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]
