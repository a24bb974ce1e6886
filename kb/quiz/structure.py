"""编/分编/章/节 structure of a law for quiz scopes: titled paths and matching a scope by heading name.

A scope may name a 编 by its title (``侵权责任编``), a 分编 (``大气污染防治``), a 章 or 节, or give
the heading itself (``第七编``, ``第五章``). Matching works on the clauses' paths. Some sources glue
the next 编/分编 heading line to the end of the article before it ("第七编侵权责任") and leave the
path's 编 untitled; ``titled_paths`` then takes the titles from those lines, so scoping by name
works both before and after the parser stores titled paths. A glued closing 附则 line (民法典) moves the
articles after it out of the last 章.
"""

from __future__ import annotations

import re

from kb.clause import Clause
from kb.numerals import CN_NUMBER_CHARS

CN = CN_NUMBER_CHARS
HEADING_LINE = re.compile(rf"^第[{CN}]+(?:编|分编|章|节)[^。；，：]{{0,40}}$")
HEADING = re.compile(rf"^(第[{CN}]+(分编|编|章|节))\s*(.*)$")
CLOSING = "附则"      # 民法典: "附则" glued to the end of 第一千二百五十八条, and the last two articles filed under 第七编
GLUED = re.compile(rf"^(?:(第[{CN}]+编)([^第]*))?(?:(第[{CN}]+分编)(.*))?$")


def is_heading_line(line: str) -> bool:
    """A 编/分编/章/节 heading line, or the code's closing 附则 (glued to an article by some sources), not
    an article sentence."""
    return bool(HEADING_LINE.match(line.strip())) or line.strip() == CLOSING


def level_of(heading: str) -> tuple[str, str, str] | None:
    """'第七编 侵权责任' -> ('第七编', '编', '侵权责任'); None for text that is not a heading."""
    match = HEADING.match(heading.strip())
    if not match:
        return None
    return match.group(1), match.group(2), match.group(3).strip()


def _glued_headings(clause: Clause) -> tuple[str | None, str | None]:
    """('第七编 侵权责任', None) or (None, '第二分编 所有权') from heading lines glued to the article's end."""
    book = part = None
    for line in clause.text.split("\n"):
        line = line.strip()
        if not line or not is_heading_line(line):
            continue
        match = GLUED.match(line)
        if not match or not (match.group(1) or match.group(3)):
            continue
        if match.group(1):
            book = f"{match.group(1)} {match.group(2).strip()}".strip()
        if match.group(3):
            part = f"{match.group(3)} {match.group(4).strip()}".strip()
    return book, part


def titled_paths(clauses: list[Clause]) -> dict[int | None, tuple[str, ...]]:
    """Each clause's path with 编 titles and 分编 filled in from glued heading lines (clause id -> path)."""
    books: dict[str, str] = {}            # '第七编' -> '第七编 侵权责任'
    parts: dict[int, str] = {}            # clause position -> the 分编 it lies in
    current_part: tuple[str, str] | None = None    # (编 number, 分编 heading)
    pending_book = None
    ordered = sorted(clauses, key=lambda c: c.order)
    for position, clause in enumerate(ordered):
        number = (level_of(clause.path[0]) or ("", "", ""))[0] if clause.path else ""
        if pending_book and number:
            books.setdefault(number, pending_book)
            pending_book = None
        if current_part and current_part[0] != number:
            current_part = None
        if current_part:
            parts[position] = current_part[1]
        book, part = _glued_headings(clause)
        if book:
            pending_book = book
            next_number = book.split()[0]
            current_part = (next_number, part) if part else None
        elif part:
            current_part = (number, part)
    closing = next((position for position, clause in enumerate(ordered)
                    if clause.text.rstrip().split("\n")[-1].strip() == CLOSING), None)
    out: dict[int | None, tuple[str, ...]] = {}
    for position, clause in enumerate(ordered):
        if closing is not None and position > closing:
            out[clause.id] = (CLOSING,)   # the articles after a glued 附则 line belong to no 编 or 章
            continue
        path = list(clause.path)
        if path:
            head = level_of(path[0])
            if head and head[1] == "编" and not head[2] and head[0] in books:
                path[0] = books[head[0]]
        has_part = any((level_of(h) or ("", ""))[1] == "分编" for h in path)
        if position in parts and not has_part and path:
            path.insert(1, parts[position])
        out[clause.id] = tuple(path)
    return out


def heading_matches(query: str, path: tuple[str, ...]) -> bool:
    """Does a scope's chapter text name a heading of this path?

    Substring of a heading ('第五章', '大气污染防治', '第七编 侵权责任'), or a title with its level
    ('侵权责任编', '通则分编', '法律责任章'). Spaces are ignored.
    """
    wanted = re.sub(r"\s+", "", query or "")
    if not wanted:
        return True
    flat = [re.sub(r"\s+", "", h) for h in path]
    if any(wanted in h for h in flat):
        return True
    for level in ("分编", "编", "章", "节"):
        if wanted.endswith(level) and not wanted.startswith("第"):
            title = wanted[: -len(level)]
            for heading in path:
                found = level_of(heading)
                if found and found[1] == level and found[2] and title and (
                        title == re.sub(r"\s+", "", found[2]) or title in found[2]):
                    return True
            return False
    return False
