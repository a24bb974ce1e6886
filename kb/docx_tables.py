"""Small helpers for the Word tables LawKB exports (concordance, penalty table)."""

from __future__ import annotations

import io

from docx.shared import Pt


def finish(document, table, font_pt: float) -> bytes:
    """Set every cell of ``table`` in ``font_pt`` points and return the document's bytes."""
    for paragraph in (p for row in table.rows for cell in row.cells for p in cell.paragraphs):
        for run in paragraph.runs:
            run.font.size = Pt(font_pt)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
