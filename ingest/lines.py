"""Lines of a law text: the ``Line`` a format parser yields, and what a line is — a 编/分编/章/节
heading, the start of an article — including heading lines glued to the end of an article's
last line ("…利益。第二编 污染防治 第一分编 通则"), which ``unglue_headings`` puts on lines of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.normalize import SENTENCE_END
from kb.numerals import CN_NUMBER_CHARS, NUMBER_PATTERN, cn_to_int

CN_NUM = rf"[{CN_NUMBER_CHARS}]+"
ARTICLE_RE = re.compile(rf"^第({NUMBER_PATTERN})条(?:之({CN_NUM}))?(?![第款项规的、，,。；至和或及中所前后之])[\s\u3000]*")
HEADING_RE = re.compile(rf"^第({CN_NUM})(分编|编|章|节)(?:[\s\u3000]+|(?=[^\s])|$)(.*)$")
HEADING_LEVELS = {"编": 0, "分编": 1, "章": 2, "节": 3}
SUPPLEMENTARY_RE = re.compile(r"^附[\s\u3000]*则$")
# a document title: what it ends with (条例, 规定, 办法 …, maybe （试行）)
TITLE_LIKE = re.compile(r"^[\u4e00-\u9fff（）()〈〉《》、·\d]{1,80}?(?:法|法典|条例|规定|办法|细则|决定|解释|规则|意见|通知|"
                        r"标准|规程|名录|章程|纲要|规划|方案|批复|公告|守则|准则|规范|制度|通告|须知|目录|清单)(?:[（(][\u4e00-\u9fff]{1,8}[）)])?$")
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u2060"), None)


@dataclass(frozen=True)
class Line:
    """One line of source text. ``new_paragraph``: True/False when the format knows, None to guess."""

    text: str
    where: int = 0
    new_paragraph: bool | None = None


def clean(text: str) -> str:
    return text.translate(ZERO_WIDTH).replace("\xa0", " ").strip()


def compact(text: str) -> str:
    """Text without spaces or punctuation, for comparing title fragments."""
    return re.sub(r"[\s\u3000、，,·.()（）〈〉《》“”\"]", "", text)


def heading_of(text: str) -> tuple[int, str] | None:
    """(level, normalised heading) if the line is a 编/分编/章/节 heading or a bare 附则."""
    text = clean(text)
    if SUPPLEMENTARY_RE.match(text):
        return 2, "附则"
    match = HEADING_RE.match(text)
    if not match or len(text) > 40 or re.search(r"[。；，,;]", text):
        return None
    name = re.sub(r"[\s\u3000]+", "", match.group(3))
    label = f"第{match.group(1)}{match.group(2)}"
    return HEADING_LEVELS[match.group(2)], f"{label} {name}" if name else label


def article_of(text: str, peek: bool = False) -> tuple[int, int, str, str] | None:
    """(number, suffix, label, rest of the line) if the line starts an article."""
    match = ARTICLE_RE.match(text)
    if not match:
        return None
    try:
        number = cn_to_int(match.group(1))
        suffix = cn_to_int(match.group(2)) if match.group(2) else 0
    except ValueError:
        return None
    label = match.group(0).strip().replace("\u3000", "")
    return number, suffix, label, text[match.end():].strip()


GLUED_HEADING_RE = re.compile(rf"(?<=[。；：”’）)])[\s\u3000]*(?=第{CN_NUM}(?:分编|编|章|节))")
INNER_HEADING_RE = re.compile(rf"[\s\u3000]*(?=第{CN_NUM}(?:分编|编|章|节))")


def glued_headings(text: str) -> tuple[str, list[str]] | None:
    """(article text, heading lines) when 编/分编/章/节 heading lines are glued to the end of a line
    after its last sentence ("…牟取经济利益。第二编 污染防治 第一分编 通则"); None otherwise."""
    text = clean(text)
    pieces = GLUED_HEADING_RE.split(text, maxsplit=1)
    if len(pieces) != 2 or not pieces[0]:
        return None
    headings = [h for h in INNER_HEADING_RE.split(pieces[1]) if h]
    if not all(heading_of(h) and heading_of(h)[1] != "附则" for h in headings):
        return None
    return pieces[0], headings


def unglue_headings(lines: list[Line], counts: Counter) -> list[Line]:
    """Heading lines that the source glued to the article before them, made lines of their own.

    Two shapes: headings at the end of an article's last line (see ``glued_headings``), and a
    heading line the format marked as continuing the line before although that line ended its
    sentence. Either way only when the next line starts an article or another heading, so a
    sentence that merely ends in words like 第二章 is left alone.
    """
    out: list[Line] = []
    for index, line in enumerate(lines):
        following = clean(lines[index + 1].text) if index + 1 < len(lines) else ""
        opens = bool(article_of(following) or heading_of(following))
        glued = glued_headings(line.text) if opens else None
        if glued:
            body, headings = glued
            out.append(Line(body, line.where, line.new_paragraph))
            out.extend(Line(h, line.where, True) for h in headings)
            counts["glued_headings_moved"] += len(headings)
        elif (line.new_paragraph is False and opens and out and heading_of(line.text)
              and clean(out[-1].text)[-1:] in SENTENCE_END):
            out.append(Line(line.text, line.where, True))
            counts["glued_headings_moved"] += 1
        else:
            out.append(line)
    return out
