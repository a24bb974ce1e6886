"""Plain text of a draft decision (DOCX, PDF, TXT) for the citation check (``kb.cite``).

Only the text matters here (no article structure), so this is a small reader of its own rather
than the law parsers. Failures raise the ingest error types with a one-line message.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.errors import (CorruptFileError, EmptyDocumentError, EncodingError, EncryptedPDFError,
                           NoTextLayerError, UnsupportedFormatError)
from ingest.limits import check_docx_package, check_pages, check_paragraphs
from ingest.text import looks_like_text
from kb.cite.draft import DraftText
from kb.errors import LawKBError
from kb.limits import checkpoint

SUFFIXES = (".docx", ".pdf", ".txt", ".md")
_BLANK_RUNS = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\xa0", " ")
    return _BLANK_RUNS.sub("\n\n", text).strip()


def _docx_text(data: bytes, name: str) -> str:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise UnsupportedFormatError(name, "reading DOCX needs python-docx") from exc
    check_docx_package(io.BytesIO(data), name)  # zip bomb, paragraph bomb: refused before parsing
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise CorruptFileError(name, f"not a readable DOCX file ({exc.__class__.__name__})",
                               hint="save it again from Word as .docx") from None
    except Exception as exc:  # zipfile.BadZipFile and lxml errors
        raise CorruptFileError(name, f"not a readable DOCX file ({exc.__class__.__name__})",
                               hint="save it again from Word as .docx") from None
    lines = []
    for number, child in enumerate(document.element.body.iterchildren(), 1):  # paragraphs and tables in order
        if number % 256 == 0:
            checkpoint()
            check_paragraphs(name, number)
        if child.tag.endswith("}p"):
            lines.append(Paragraph(child, document).text)
        elif child.tag.endswith("}tbl"):
            for row in Table(child, document).rows:
                cells = []
                for cell in row.cells:
                    if cell.text not in cells:     # merged cells repeat their text
                        cells.append(cell.text)
                lines.append("\t".join(cells))
    return "\n".join(lines)


def _pdf_text(data: bytes, name: str) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise UnsupportedFormatError(name, "reading PDF needs pypdf") from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise EncryptedPDFError(name, "the PDF is password-protected", hint="remove the password and upload again")
            except EncryptedPDFError:
                raise
            except Exception:
                raise EncryptedPDFError(name, "the PDF is password-protected", hint="remove the password and upload again") from None
        check_pages(name, len(reader.pages))
        pages = []
        for page in reader.pages:
            checkpoint()
            pages.append(page.extract_text() or "")
    except LawKBError:  # encrypted, too many pages, out of time
        raise
    except (PyPdfError, ValueError, KeyError, OSError, TypeError, AttributeError, RecursionError) as exc:
        raise CorruptFileError(name, f"not a readable PDF file ({exc.__class__.__name__})") from None
    if not pages:
        raise EmptyDocumentError(name, "the PDF has no pages")
    text = "\n".join(pages)
    if not text.strip():
        raise NoTextLayerError(name, f"the PDF ({len(pages)} page(s)) needs a text layer: it looks scanned",
                               hint="run OCR on it (or export the draft from Word as PDF/DOCX) and upload again")
    return text


def _plain_text(data: bytes, name: str) -> str:
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise EncodingError(name, "this is binary data, not text", hint="give the .txt, .docx or .pdf file of the draft")
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    for encoding in (("utf-16",) if utf16 else ("utf-8-sig", "gb18030")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text[:200_000]):
            return text
        break
    raise EncodingError(name, "the text is neither UTF-8 nor GB18030", hint="save it as UTF-8")



def read_draft_bytes(data: bytes, name: str) -> DraftText:
    """Text of an uploaded draft; the kind comes from the file name (or the content's magic bytes)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf" or (not suffix and data[:5] == b"%PDF-"):
        text, kind = _pdf_text(data, name), "pdf"
    elif suffix == ".docx" or (not suffix and data[:2] == b"PK"):
        text, kind = _docx_text(data, name), "docx"
    elif suffix in ("", ".txt", ".md", ".text"):
        text, kind = _plain_text(data, name), "text"
    elif suffix == ".doc":
        raise UnsupportedFormatError(name, "old Word .doc files are not supported", hint="save it as .docx")
    else:
        raise UnsupportedFormatError(name, f"cannot read {suffix} files", hint=f"use one of {', '.join(SUFFIXES)}")
    text = _tidy(text)
    if not text:
        raise EmptyDocumentError(name, "the document has no text")
    return DraftText(text, name, kind)


def read_draft(path: str | Path) -> DraftText:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EmptyDocumentError(path, "no such file") from None
    except OSError as exc:
        raise CorruptFileError(path, f"cannot read the file ({exc.strerror})") from None
    return read_draft_bytes(data, str(path))

