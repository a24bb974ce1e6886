"""Parser for PDF law texts with a text layer (pypdf).

Each page's text is extracted in layout mode, so indentation and line length survive: an
indented line starts a paragraph (款), a line that runs to the right margin continues on the
next line (also across pages, so an article split by a page break is joined). Page furniture is
removed: lines repeated at the top or bottom of most pages (running headers, footers) and page
numbers ("- 3 -", "第 3 页", "3/10", a bare number) — except the title on the first page when the
running header repeats it (official PDFs do). Scanned pages (images without text) raise
NoTextLayerError naming them, as OCR is not supported.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path
from typing import Iterator

from ingest.errors import CorruptFileError, EmptyDocumentError, EncryptedPDFError, IngestError, NoTextLayerError
from ingest.limits import check_pages
from ingest.normalize import ITEM_START, SENTENCE_END
from ingest.lines import TITLE_LIKE, heading_of
from ingest.structure import Line, parse_lines
from kb.clause import Clause
from kb.limits import checkpoint

PAGE_NUMBER_RE = re.compile(
    r"^(?:[-－—–~·\s]*\d{1,4}[-－—–~·\s]*|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$")
EDGE_LINES = 2  # how many lines at the top and bottom of a page may be headers or footers
FULL_LINE = 0.9  # a line at least this share of the usual full line width runs to the margin
FIRST_LINE_INDENT = 4  # a paragraph's first line (two CJK characters) may run to the margin too; a centred line not
ITEM_AT_END = re.compile(r"\S[（(][一二三四五六七八九十]+[）)]$")   # "第十条第（一）（二）（六）" wrapped mid-list


def _format_pages(pages: list[int]) -> str:
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(f"{r[0]}" if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def _has_image(page) -> bool:
    try:
        xobjects = page["/Resources"].get_object().get("/XObject")
        if xobjects is None:
            return False
        return any(obj.get_object().get("/Subtype") == "/Image" for obj in xobjects.get_object().values())
    except Exception:  # malformed resources: assume an image, the safer report
        return True


def open_pdf(path: Path):
    try:
        from pypdf import PdfReader
        from pypdf.errors import LimitReachedError, PyPdfError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise IngestError(path, "pypdf is not installed", hint="run `pip install pypdf`") from None
    if path.stat().st_size == 0:
        raise EmptyDocumentError(path, "the file is empty (0 bytes)", hint="download or save the PDF again")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damage is reported by our own errors
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:
                opened = 0
            if not opened:
                raise EncryptedPDFError(path, "the PDF is password-protected",
                                        hint="save an unprotected copy (print to PDF) and import that")
        pages = len(reader.pages)
    except LimitReachedError as exc:  # e.g. a page list of 200,000 entries
        raise CorruptFileError(path, f"the PDF's structure exceeds the reader's safety limits ({exc})",
                               hint="re-export it as PDF (print to PDF) or import a DOCX/TXT of the same document") from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise CorruptFileError(path, f"not a readable PDF ({exc})",
                               hint="download the file again or re-export it as PDF") from None
    check_pages(path, pages)
    return reader


def page_texts(path: Path) -> list[str]:
    """The layout-mode text of every page."""
    reader = open_pdf(path)
    texts: list[str] = []
    missing: list[int] = []
    for number, page in enumerate(reader.pages, 1):
        checkpoint()
        try:
            try:
                text = page.extract_text(extraction_mode="layout")
            except Exception:
                text = page.extract_text()
        except Exception as exc:
            raise CorruptFileError(path, f"cannot read the text of page {number} ({type(exc).__name__})",
                                   line=None, hint="re-export the file as PDF") from None
        text = text or ""
        if not text.strip() and _has_image(page):
            missing.append(number)
        texts.append(text)
    if not any(t.strip() for t in texts) or missing:
        pages = missing or list(range(1, len(texts) + 1))
        raise NoTextLayerError(path, f"no text layer on page{'s' if len(pages) > 1 else ''} {_format_pages(pages)} "
                                     "(scanned images?); OCR is not supported yet",
                               hint="import a text PDF, DOCX or TXT of the same document")
    return texts


def _furniture_keys(pages: list[list[str]]) -> set[str]:
    """Lines (digits masked) at the top or bottom of at least half the pages (two or more)."""
    seen: Counter = Counter()
    for lines in pages:
        edges = {re.sub(r"\d+", "#", line.strip()) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}
        seen.update(edges)
    needed = max(2, (len(pages) + 1) // 2)
    return {key for key, n in seen.items() if n >= needed and len(pages) >= 2}


def strip_furniture(pages: list[list[str]], counts: Counter) -> list[list[str]]:
    """Pages without their running headers, footers and page numbers.

    An official PDF often repeats the document's title as the running header. On the first page
    the title itself then looks like furniture; the last such title-like line at the top of the
    first page is kept (after a header identical to it, that is the title).
    """
    keys = _furniture_keys(pages)
    title = None          # the title on page 1, maybe wrapped over up to three lines
    for count in range(1, 4):
        joined = "".join(line_key(line) for line in (pages[0][:count] if pages else []))
        if TITLE_LIKE.match(joined):
            title = joined
            break
    out = []
    for number, lines in enumerate(pages):
        furniture = [index for index, line in enumerate(lines)
                     if (index < EDGE_LINES or index >= len(lines) - EDGE_LINES)
                     and (PAGE_NUMBER_RE.match(line.strip()) or re.sub(r"\d+", "#", line.strip()) in keys
                          # the title as running header from page 2 on (too few pages to count as repeated)
                          or number > 0 and index < EDGE_LINES and title is not None and line_key(line) == title)]
        if number == 0:
            # a title-like line, or the second of two identical lines at the top (running header, then title)
            titles = [i for i in furniture if i < EDGE_LINES and (TITLE_LIKE.match(line_key(lines[i])) or any(
                line_key(lines[j]) == line_key(lines[i]) for j in range(i)))]
            # ...unless the title follows it anyway (wrapped over the next lines)
            if titles and not "".join(line_key(x) for x in lines[titles[-1] + 1:titles[-1] + 4]).startswith(
                    line_key(lines[titles[-1]])):
                furniture.remove(titles[-1])
                counts["title_kept_from_running_header"] += 1
        counts["page_headers_and_numbers_removed"] += len(furniture)
        out.append([line for index, line in enumerate(lines) if index not in set(furniture)])
    return out


def line_key(line: str) -> str:
    return re.sub(r"[\s\u3000]+", "", line)


def _columns(line: str) -> int:
    return len(line.rstrip())


def _width(line: str) -> float:
    """Where a layout-mode line ends, in CJK character widths (an ASCII digit or letter is half one)."""
    text = line.rstrip()
    body = text.lstrip()
    return len(text) - len(body) + sum(0.5 if ord(ch) < 128 else 1 for ch in body)


def lines_of_pages(pages: list[list[str]], counts: Counter) -> list[Line]:
    """Lines with paragraph starts judged from indentation and from where the previous line ended."""
    lines: list[Line] = []
    body = [line for page in pages for line in page]
    if not body:
        return lines
    indents = Counter(len(line) - len(line.lstrip()) for line in body)
    common = [i for i, n in indents.items() if n >= max(2, len(body) // 5)]   # the left margin: a fifth of the lines at least
    margin = min(common) if common and len(body) > 3 else min(indents)
    at_margin = [line for line in body if len(line) - len(line.lstrip()) <= margin + 2]
    # a full line, measured two ways: in layout columns (one per character), and in CJK widths (an
    # ASCII digit half a column): justified text fills the width, fixed-count text the columns
    full = [sorted(measure(line) for line in at_margin) for measure in (_columns, _width)]
    full = [ends[int(0.9 * (len(ends) - 1))] if ends else 0 for ends in full]

    def ran_to_margin(line: str) -> bool:
        return _columns(line) >= FULL_LINE * full[0] or _width(line) >= FULL_LINE * full[1]

    previous = ""
    for page_number, page in enumerate(pages, 1):
        for raw in page:
            text = raw.strip()
            indent = len(raw) - len(raw.lstrip())
            if indent > margin + 1:
                new_paragraph: bool | None = True
            elif previous and len(previous) - len(previous.lstrip()) <= margin + FIRST_LINE_INDENT \
                    and ran_to_margin(previous) and not (
                    previous.rstrip()[-1] in SENTENCE_END and not ITEM_AT_END.search(previous)
                    and (ITEM_START.match(text) or heading_of(text))):
                new_paragraph = False  # the line before ran to the margin: this one continues it
            else:
                new_paragraph = True if lines else None
            lines.append(Line(text, page_number, new_paragraph))
            previous = raw
    return lines


def parse(path: str | Path, counts: Counter | None = None) -> Iterator[Clause]:
    path = Path(path)
    counts = counts if counts is not None else Counter()
    texts = page_texts(path)
    pages = [[line for line in text.splitlines() if line.strip()] for text in texts]
    pages = strip_furniture(pages, counts)
    lines = lines_of_pages(pages, counts)
    if not lines:
        raise EmptyDocumentError(path, "the PDF holds no text besides page headers and numbers",
                                 hint="check that it is the document you meant")
    yield from parse_lines(lines, path, counts)
