"""Parser for plain-text law files: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.

The encoding is detected; a file that decodes as none of them raises EncodingError naming the
line of the first undecodable byte. Lines indented with spaces start a paragraph; other line
breaks are judged by ingest.normalize (a break inside a sentence is joined).
"""

from __future__ import annotations

import codecs
from collections import Counter
from pathlib import Path
from typing import Iterator

from ingest.errors import EmptyDocumentError, EncodingError, IngestError
from ingest.structure import Line, parse_lines
from kb.clause import Clause

FALLBACK_ENCODINGS = ("gb18030", "big5")
CJK_ENCODINGS = {"gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950", "utf_16", "utf_16_le", "utf_16_be", "utf_32"}


def decode(data: bytes, path: Path) -> str:
    """The text of a file's bytes: UTF-8 first, then GB18030 (a superset of GBK), then a detected encoding."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                _fail(path, data, exc, encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    for encoding in FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_like_text(text):
            return text
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        # only Chinese encodings: a Latin code page decodes any bytes, into nonsense
        if best is not None and best.encoding in CJK_ENCODINGS and looks_like_text(str(best)):
            return str(best)
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        pass
    _fail(path, data, utf8_error, "UTF-8 or GB18030")


def looks_like_text(text: str) -> bool:
    """Mostly printable characters (a binary file can decode as GB18030 by accident)."""
    if not text:
        return True
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\r\n\t\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad / len(text) < 0.01


def _fail(path: Path, data: bytes, exc: UnicodeDecodeError, tried: str):
    line = data.count(b"\n", 0, exc.start) + 1
    raise EncodingError(path, f"cannot decode the text as {tried} (byte {exc.start})", line=line,
                        hint="save the file as UTF-8 and import it again")


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read the file ({exc.strerror})", hint="check the path and permissions") from None
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise EncodingError(path, "this is a binary file, not text", line=data.count(b"\n", 0, data.index(b"\x00")) + 1,
                            hint="give LawKB the .txt, .md, .docx or .pdf file itself")
    return decode(data, path)


def lines_of(text: str) -> list[Line]:
    lines = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if not raw.strip():
            continue
        indented = raw[:1] in (" ", "\u3000", "\t")
        lines.append(Line(raw.strip(), number, True if indented else None))
    return lines


def parse(path: str | Path, counts: Counter | None = None) -> Iterator[Clause]:
    path = Path(path)
    text = read_text(path)
    if not text.strip():
        raise EmptyDocumentError(path, "the file is empty", hint="check that it is the document you meant")
    yield from parse_lines(lines_of(text), path, counts)
