"""Limits every file LawKB parses (``lawkb ingest``, the admin import, the citation check's drafts).

Checked before the expensive work where possible: the file size, a DOCX's unpacked size and its
paragraph count (counted by streaming the XML, so a DOCX bomb of 1.5M paragraphs is refused in
about a second instead of parsed for minutes), a PDF's page count, the lines of a text file.
Limits come from the settings (``LAWKB_MAX_UPLOAD_MB``, ``LAWKB_MAX_PARAGRAPHS``,
``LAWKB_MAX_PDF_PAGES``, ``LAWKB_MAX_UNZIPPED_MB``, ``LAWKB_INGEST_TIME_LIMIT``).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from ingest.errors import CorruptFileError, TooLargeError
from kb import settings

MIB = 1024 * 1024
# a paragraph element in any namespace prefix (<w:p>, <w:p w:rsidR=..>, <a:p>, <p/>), not <w:pPr>
PARAGRAPH_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
CHUNK = 1 << 20
XML_SHARE = 4  # a DOCX's XML parts may unpack to a quarter of LAWKB_MAX_UNZIPPED_MB (media the rest)


def _limit(name: str) -> float:
    return settings.get(name)


def check_file_size(path: Path, size: int, setting: str = "MAX_UPLOAD_MB") -> None:
    limit = _limit(setting)
    if limit and size > limit * MIB:
        raise TooLargeError(path, "size", size, int(limit * MIB), f"LAWKB_{setting}",
                            f"the file is {size / MIB:.1f} MiB; the limit is {limit:g} MiB (LAWKB_{setting})")


def check_paragraphs(path, count: int) -> None:
    limit = int(_limit("MAX_PARAGRAPHS"))
    if limit > 0 and count > limit:
        raise TooLargeError(path, "paragraphs", count, limit, "LAWKB_MAX_PARAGRAPHS",
                            f"the file holds more than {limit:,} paragraphs (LAWKB_MAX_PARAGRAPHS); "
                            "a law or a draft has a few thousand at most",
                            hint="check that it is the document you meant (a generated or damaged file?), "
                                 "or split it")


def check_pages(path, count: int) -> None:
    limit = int(_limit("MAX_PDF_PAGES"))
    if limit > 0 and count > limit:
        raise TooLargeError(path, "pages", count, limit, "LAWKB_MAX_PDF_PAGES",
                            f"the PDF has {count:,} pages; the limit is {limit:,} (LAWKB_MAX_PDF_PAGES)")


def check_docx_package(source: str | Path | BinaryIO, path) -> None:
    """Refuse a DOCX whose main document holds more than LAWKB_MAX_PARAGRAPHS paragraphs, whose
    parts unpack to more than LAWKB_MAX_UNZIPPED_MB, or whose XML parts to more than a quarter of
    that, without building its XML tree."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptFileError(path, f"not a readable DOCX file ({type(exc).__name__}: {exc})",
                               hint="open it in Word or WPS and save it again as .docx") from None
    with archive:
        infos = archive.infolist()
        limit = _limit("MAX_UNZIPPED_MB")
        main = next((i for i in infos if i.filename == "word/document.xml"), None)
        if main is not None:  # first, as "too many paragraphs" says more than "too big"
            check_paragraphs(path, _count_paragraphs(archive, main, int(_limit("MAX_PARAGRAPHS")),
                                                     int(limit * MIB) if limit else 0, path))
        unpacked = sum(info.file_size for info in infos)
        markup = sum(info.file_size for info in infos if info.filename.endswith((".xml", ".rels")))
        if limit and markup > limit * MIB / XML_SHARE:  # XML becomes a tree in memory, ~10x its size
            raise TooLargeError(path, "unpacked", markup, int(limit * MIB / XML_SHARE), "LAWKB_MAX_UNZIPPED_MB",
                                f"the DOCX's text parts unpack to {markup / MIB:.0f} MiB; the limit is "
                                f"{limit / XML_SHARE:g} MiB (a quarter of LAWKB_MAX_UNZIPPED_MB)",
                                hint="save it again from Word; a law's text is a few MiB of XML at most")
        if limit and unpacked > limit * MIB:
            raise TooLargeError(path, "unpacked", unpacked, int(limit * MIB), "LAWKB_MAX_UNZIPPED_MB",
                                f"the DOCX unpacks to {unpacked / MIB:.0f} MiB; the limit is {limit:g} MiB "
                                "(LAWKB_MAX_UNZIPPED_MB)", hint="save it again from Word without embedded media")


def _count_paragraphs(archive: zipfile.ZipFile, info: zipfile.ZipInfo, stop_after: int, max_bytes: int, path) -> int:
    """Paragraph elements in one part, read in 1 MiB pieces; stops once past stop_after paragraphs
    or max_bytes bytes (0: no stop)."""
    count, tail, read = 0, b"", 0
    try:
        with archive.open(info) as stream:
            while True:
                piece = stream.read(CHUNK)
                read += len(piece)
                if not piece or (max_bytes and read > max_bytes):
                    break
                data = tail + piece
                count += len(PARAGRAPH_TAG.findall(data))
                # keep the last few bytes: a tag cut in two is counted once, in the next piece
                cut = data.rfind(b"<", max(0, len(data) - 64))
                if cut >= 0:
                    count -= len(PARAGRAPH_TAG.findall(data[cut:]))
                    tail = data[cut:]
                else:
                    tail = b""
                if 0 < stop_after < count:
                    break
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise CorruptFileError(path, f"the DOCX is damaged ({type(exc).__name__})") from None
    return count
