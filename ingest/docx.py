"""Parser for DOCX law texts, e.g. as downloaded from the national laws and regulations database
(flk.npc.gov.cn): a title paragraph, header lines, maybe a 目录, then headings (often centred
paragraphs) and articles. Each paragraph is a line that starts a paragraph; soft line breaks
inside a paragraph are judged like plain-text line breaks. Table cells after the articles
(附表) are kept in the appendix text.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path
from typing import Iterator

from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.errors import CorruptFileError, EmptyDocumentError, IngestError
from ingest.limits import check_docx_package, check_paragraphs
from ingest.structure import Line, parse_lines
from kb.clause import Clause
from kb.errors import LawKBError
from kb.limits import checkpoint


def _blocks(document) -> Iterator[str]:
    """Paragraph texts and table rows in document order."""
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document).text
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = cell.text.strip()
                    if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                        cells.append(text)
                yield "|".join(cells)  # a separator that survives the removal of spaces next to CJK


def read_lines(path: Path) -> list[Line]:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise IngestError(path, "python-docx is not installed", hint="run `pip install python-docx`") from None
    if path.stat().st_size == 0:
        raise EmptyDocumentError(path, "the file is empty (0 bytes)", hint="download or save the DOCX again")
    check_docx_package(path, path)  # unpacked size and paragraph count, before the XML tree is built
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise CorruptFileError(path, f"not a readable DOCX file ({type(exc).__name__}: {exc})",
                               hint="open it in Word or WPS and save it again as .docx; old .doc files must be converted") from None
    except Exception as exc:  # lxml errors inside a damaged package
        raise CorruptFileError(path, f"the DOCX is damaged ({type(exc).__name__})",
                               hint="open it in Word or WPS and save it again as .docx") from None
    lines: list[Line] = []
    try:
        for number, block in enumerate(_blocks(document), 1):
            if number % 256 == 0:
                checkpoint()
                check_paragraphs(path, number)
            for index, part in enumerate(block.replace("\r", "\n").replace("\v", "\n").split("\n")):
                if part.strip():
                    lines.append(Line(part.strip(), number, True if index == 0 else None))
    except LawKBError:  # too many paragraphs, out of time
        raise
    except Exception as exc:  # a package that opens but whose document part is malformed
        raise CorruptFileError(path, f"the DOCX text cannot be read ({type(exc).__name__}) after paragraph {len(lines)}",
                               hint="open it in Word or WPS and save it again as .docx") from None
    return lines


def parse(path: str | Path, counts: Counter | None = None) -> Iterator[Clause]:
    path = Path(path)
    lines = read_lines(path)
    if not lines:
        raise EmptyDocumentError(path, "the DOCX holds no text", hint="check that it is the document you meant")
    yield from parse_lines(lines, path, counts)
