"""Parser for regulation Markdown files (the LawRefBook layout).

``# title``, then promulgation lines (``2019年10月22日 中华人民共和国国务院令第722号公布``),
``<!-- INFO END -->``, then the body: ``## 第X章`` / ``### 第X节`` headings and articles as
paragraphs starting ``第X条``. Files without the INFO END marker are read the same way, the
header lines being recognised by their content. The structure is found by ingest.structure.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterator

from ingest.errors import EmptyDocumentError
from ingest.structure import Line, parse_lines
from ingest.text import read_text
from kb.clause import Clause

INFO_END = "<!-- INFO END -->"
MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[*+-]\s+(?=第)|\*\*(?=第))")
EMPHASIS = re.compile(r"\*\*|__|</?[A-Za-z][^<>]*>")   # <b>, </span>: HTML tags only; <行政处罚法> is text


def _plain(line: str) -> str:
    """A Markdown line without heading marks, emphasis and inline HTML."""
    return EMPHASIS.sub("", MARKUP.sub("", line)).strip()


def parse(path: str | Path, counts: Counter | None = None) -> Iterator[Clause]:
    path = Path(path)
    raw = read_text(path)
    if not raw.strip():
        raise EmptyDocumentError(path, "the file is empty", hint="check that it is the document you meant")
    numbered = list(enumerate(raw.splitlines(), 1))
    title = None
    header: list[str] = []
    body = numbered
    for index, (_number, line) in enumerate(numbered):
        if re.match(r"^#\s+\S", line):
            title = re.sub(r"[\s\u3000]+", "", line[1:].strip())
            body = numbered[index + 1:]
            break
        if line.strip():
            break
    end = next((i for i, (_n, line) in enumerate(body) if line.strip() == INFO_END), None)
    if end is not None:
        header = [_plain(line) for _n, line in body[:end] if line.strip()]
        body = body[end + 1:]
    lines = [Line(_plain(line), number) for number, line in body
             if line.strip() and not line.lstrip().startswith("<!--")]
    yield from parse_lines(lines, path, counts, title=title, header=header)
