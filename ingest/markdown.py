"""Parser for regulation Markdown files (the LawRefBook layout).

``# title``, optionally a second ``# subtitle`` (a part of a law split over several files, e.g.
``# 物权编`` of the 民法典: it becomes the top heading of the part's articles), then promulgation
lines (``2019年10月22日 中华人民共和国国务院令第722号公布``), ``<!-- INFO END -->``, then the
body: ``## 第X章`` / ``### 第X节`` headings and articles as paragraphs starting ``第X条``. Files
without the INFO END marker are read the same way, the header lines being recognised by their
content. The structure is found by ingest.structure.

``not_a_law(path)`` names what is not a law text at all: Hugo section pages (``_index.md``) and
pages or templates with YAML front matter (``---`` … ``---``); the pipeline skips them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from ingest.errors import EmptyDocumentError
from ingest.structure import Line, parse_lines
from ingest.text import read_text
from kb.clause import Clause

INFO_END = "<!-- INFO END -->"
FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
PART_HEADING_RE = re.compile(r"^第[一二三四五六七八九十]+编")
BARE_MARKUP_RE = re.compile(r"^\s{0,3}(?:#{1,6}|[-*_]{3,})\s*$")  # an empty heading or a rule
MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[*+-]\s+(?=第)|\*\*(?=第))")
EMPHASIS = re.compile(r"\*\*|__|</?[A-Za-z][^<>]*>")   # <b>, </span>: HTML tags only; <行政处罚法> is text


def _plain(line: str) -> str:
    """A Markdown line without heading marks, emphasis and inline HTML."""
    return EMPHASIS.sub("", MARKUP.sub("", line)).strip()


def not_a_law(path: str | Path) -> str | None:
    """Why a Markdown file is not a law text (a Hugo page or template), or None."""
    path = Path(path)
    if path.name.lower() == "_index.md":
        return "a Hugo section page (_index.md), not a law text"
    with open(path, "rb") as handle:
        head = handle.read(4096).decode("utf-8", errors="replace")
    front = FRONT_MATTER_RE.match(head)
    if front:
        keys = ", ".join(re.findall(r"^([A-Za-z_]+)\s*:", front.group(1), re.M)[:3]) or "front matter"
        return f"a Hugo page or template (YAML front matter: {keys}), not a law text"
    return None


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
            title = re.sub(r"[\s\u3000]+", "", _plain(line))
            body = numbered[index + 1:]
            break
        if line.strip():
            break
    subtitle = _subtitle(body)
    end = next((i for i, (_n, line) in enumerate(body) if line.strip() == INFO_END), None)
    if end is not None:
        header = [_plain(line) for _n, line in body[:end] if line.strip() and not re.match(r"^#\s", line)]
        body = body[end + 1:]
    lines = [Line(_plain(line), number) for number, line in body
             if line.strip() and not line.lstrip().startswith("<!--") and not BARE_MARKUP_RE.match(line)]
    clauses = parse_lines(lines, path, counts, title=title, header=header)
    if subtitle and not any(c.path and PART_HEADING_RE.match(c.path[0]) for c in clauses):
        clauses = [replace(c, path=(subtitle, *c.path)) for c in clauses]
    yield from clauses


def _subtitle(body: list[tuple[int, str]]) -> str | None:
    """A second ``# heading`` right after the title, before any other text (a part's 编 name)."""
    for _number, line in body:
        if not line.strip() or line.lstrip().startswith("<!--"):
            continue
        if re.match(r"^#\s+\S", line):
            text = re.sub(r"[\s\u3000]+", "", _plain(line))
            return text if text and len(text) <= 20 and not re.search(r"\d", text) else None
        return None
    return None
