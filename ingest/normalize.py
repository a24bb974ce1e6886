"""Repair extraction damage in statute text, counting every repair.

- a line break inside a sentence is joined (a real 款 break follows 。；：！？ or a closing quote,
  or precedes an item marker such as （一） or 1.);
- spaces next to CJK characters or full-width punctuation are dropped;
- full-width digits and letters become ASCII, and a full-width point between digits becomes '.'.
"""

from __future__ import annotations

import re
from collections import Counter

from kb.numerals import CN_NUMBER_CHARS

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201d\u2026\u2014"
_SPACE_AFTER = re.compile(rf"(?<=[{CJK}{CJK_PUNCT}])[ \t\u3000\u00a0]+")
_SPACE_BEFORE = re.compile(rf"[ \t\u3000\u00a0]+(?=[{CJK}{CJK_PUNCT}])")
_FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULLWIDTH_POINT = re.compile(r"(?<=\d)[．。](?=\d)")
SENTENCE_END = "。；：！？!?;:”’」』）)"
LINE_START_PUNCT = "，。；：、！？,;:!?）)”’」』…"
ITEM_START = re.compile(rf"^\s*(?:[（(][{CN_NUMBER_CHARS}]+[）)]|\d{{1,2}}[.．、]|第[{CN_NUMBER_CHARS}]+[条款项目编章节])")


def _fix_width(match: re.Match) -> str:
    return chr(ord(match.group(0)) - 0xFEE0)


def normalize_line(line: str, counts: Counter) -> str:
    """Fix spaces and widths inside one line."""
    fixed, n = _FULLWIDTH_ALNUM.subn(_fix_width, line)
    counts["width"] += n
    fixed, n = _FULLWIDTH_POINT.subn(".", fixed)
    counts["width"] += n
    fixed, n1 = _SPACE_AFTER.subn("", fixed)
    fixed, n2 = _SPACE_BEFORE.subn("", fixed)
    counts["spaces"] += n1 + n2
    return fixed.strip()


_DATE_INSIDE = re.compile(r"\d{4}\s*年|[一二〇○]{4}年")


def is_paragraph_break(previous: str, following: str) -> bool:
    """True when a line break between these two lines is a real 款/项 break.

    A closing bracket ends a sentence, except a short one inside it ("由区（市）⏎人民政府…") when
    Chinese text follows; "…。（2009年8月27日删除）", a dated note and table titles still end theirs.
    """
    if not previous or not following:
        return True
    if ITEM_START.match(following):
        return True
    if following[0] in LINE_START_PUNCT:       # "…“情节严重”⏎：" — punctuation never opens a 款
        return False
    previous = previous.rstrip()
    if previous[-1] in "）)":
        opening = _opening_bracket(previous)
        inner, before = previous[opening + 1:-1], previous[:max(opening, 0)]
        if (opening > 0 and before[-1] not in SENTENCE_END and (len(inner) <= 6 or inner.startswith("以下"))
                and not _DATE_INSIDE.search(inner) and re.match(rf"[{CJK}]", following)):
            return False
    return previous[-1] in SENTENCE_END


def _opening_bracket(text: str) -> int:
    """Index of the bracket that the closing bracket ending the text matches (-1 if none)."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] in "）)":
            depth += 1
        elif text[index] in "（(":
            depth -= 1
            if depth == 0:
                return index
    return -1


def normalize_text(text: str, counts: Counter | None = None) -> str:
    """Normalise an article's text; 款 stay separated by single line breaks."""
    counts = counts if counts is not None else Counter()
    lines = [normalize_line(line, counts) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    out: list[str] = []
    for line in lines:
        if out and not is_paragraph_break(out[-1], line):
            out[-1] += line
            counts["joined_breaks"] += 1
        else:
            out.append(line)
    return "\n".join(out)


def broken_sentences(text: str) -> list[str]:
    """Line breaks that still fall inside a sentence (for checks over the store)."""
    lines = text.split("\n")
    return [f"{a[-12:]}⏎{b[:12]}" for a, b in zip(lines, lines[1:]) if not is_paragraph_break(a, b)]
