"""The date of a draft decision or review opinion: the day its citations are checked as of.

A document states its own date in a few places, and quotes other dates in its body (检查之日、
违法行为发生之日、限期缴纳之日). Only the document's own date counts. Candidates:

- a labelled date: 审核日期：, 决定日期：, 作出处罚决定日期：, 签发日期：, 审批日期：, 成文日期：, 印发日期：,
  落款日期：/落款：, or a bare 日期： (also as a table cell, the date in the next cell) — the
  label at the start of a line or after a space or a punctuation mark, so 检查日期： or
  违法行为发生日期： are body dates, not the document's;
- the 落款 date: a line that holds only a date (stamp marks such as （印章） allowed), or the
  issuing organ followed by a date, in the tail of the text (its last quarter, at least the last
  200 characters);
- a date line at the top: a line of the first five that holds only a date, or a title line
  ending with a bracketed date;
- failing all these, a date ending a line in the tail of the text ("……报批。2026年9月30日"), never
  one followed by 前/起/内 (a deadline), after another label (发生日期：) or after 于/自/至.

One day among the candidates: that day. Several: the 落款 (the last candidate in the tail), and
the note says which dates were found and that the 落款 was used. None: today, and the note says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kb.errors import QueryError
from kb.numerals import cn_to_int

DATE_CN = re.compile(r"(?P<y>[12]\d{3}|[一二〇零○][〇零○一二三四五六七八九]{3})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                     r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日")
DATE_ISO = re.compile(r"(?<!\d)(?P<y>[12]\d{3})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?!\d)")
DATE_ANY = re.compile(f"(?:{DATE_CN.pattern})|(?:{DATE_ISO.pattern.replace('(?P<', '(?P<i')})")
LABELS = ("审核", "决定", "作出决定", "签发", "审批", "成文", "印发", "发文", "落款", "审查", "复核", "制作")
LABEL = re.compile(rf"(?:^|(?<=[\s|：:。；;，,]))(?P<label>(?:[\u4e00-\u9fff]{{0,8}}?(?:{'|'.join(LABELS)}))?日期|落款)"
                   r"(?:\s*[:：]|\t|\s*[|｜])\s*$")     # 审核日期：, or a table cell: 审核日期<tab>2026年…
STAMP = re.compile(r"[（(【\[]?\s*(?:印章|盖章|公章|章|签章|签名|签字)\s*[）)】\]]?")
ORGAN_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}(?:局|委员会|委|厅|办公室|政府|部|处|科|室|中心|支队|大队|机构|小组)$")
DEADLINE_AFTER = re.compile(r"^\s*(?:前|之前|以前|起|之日|以后|后|内|止|至|到|期间|晚|早|上午|下午|\d|[时点])")
OTHER_LABEL = re.compile(r"(?:日期|时间|日)\s*[:：为是]\s*$|[于在自从至到截止]\s*$")   # 发生日期：, 于2026年…
HEADER_LINES = 5


def _to_iso(year: str, month: str, day: str) -> str | None:
    try:
        return date(cn_to_int(year), cn_to_int(month), cn_to_int(day)).isoformat()
    except ValueError:
        return None


def _match_iso(match: re.Match) -> str | None:
    groups = match.groupdict()
    if groups.get("y"):
        return _to_iso(groups["y"], groups["m"], groups["d"])
    return _to_iso(groups["iy"], groups["im"], groups["id"])


def parse_day(value: str) -> str:
    """'2026-09-03' / '2026年9月3日' / '二〇二六年九月三日' -> '2026-09-03' (QueryError otherwise)."""
    value = (value or "").strip()
    match = DATE_ISO.fullmatch(value) or DATE_CN.fullmatch(value)
    day = _to_iso(match.group("y"), match.group("m"), match.group("d")) if match else None
    if day is None:
        raise QueryError(f"not a date: {value!r} (use YYYY-MM-DD)", zh=f"“{value}”不是日期，请写成 YYYY-MM-DD")
    return day


@dataclass(frozen=True)
class DateCandidate:
    """A date the document states as its own."""

    day: str
    span: tuple[int, int]
    line: str                  # the whole line it stands on
    line_number: int           # 1-based
    kind: str                  # labelled | signature | header | tail
    label: str                 # 审核日期 / 落款 / 文首日期 / 文末日期 …
    in_tail: bool

    def to_record(self) -> dict:
        return {"day": self.day, "span": list(self.span), "line": self.line, "line_number": self.line_number,
                "kind": self.kind, "label": self.label}


@dataclass
class DocumentDate:
    """The date a check uses, where it came from and what the reader is told about it."""

    day: str
    source: str                                  # option | text | today
    note: str
    used: DateCandidate | None = None
    candidates: list[DateCandidate] = field(default_factory=list)

    @property
    def span(self) -> tuple[int, int] | None:
        return self.used.span if self.used else None

    def to_record(self) -> dict:
        return {"day": self.day, "source": self.source, "note": self.note,
                "line": self.used.line if self.used else None,
                "line_number": self.used.line_number if self.used else None,
                "label": self.used.label if self.used else None,
                "candidates": [c.to_record() for c in self.candidates]}


def _lines(text: str):
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        yield number, start, line
        start += len(line) + 1


def date_candidates(text: str) -> list[DateCandidate]:
    """Every date the document states as its own, in text order (see the module docstring)."""
    tail_start = len(text) - max(200, len(text) // 4)
    strong: list[DateCandidate] = []
    weak: list[DateCandidate] = []
    content_lines = 0
    for number, start, line in _lines(text):
        stripped = line.strip()
        if stripped:
            content_lines += 1
        for match in DATE_ANY.finditer(line):
            day = _match_iso(match)
            if day is None:
                continue
            span = (start + match.start(), start + match.end())
            in_tail = span[0] >= tail_start
            before, after = line[:match.start()], line[match.end():]
            labelled = LABEL.search(before)
            rest = STAMP.sub("", before + after).strip(" \t\u3000。.，,")
            if labelled:
                label = labelled.group("label")
                strong.append(DateCandidate(day, span, stripped, number, "labelled",
                                            "落款日期" if label == "落款" else label, in_tail))
            elif not rest or ORGAN_LINE.match(STAMP.sub("", before).strip(" \t\u3000")) \
                    and not STAMP.sub("", after).strip(" \t\u3000。."):
                if in_tail:
                    strong.append(DateCandidate(day, span, stripped, number, "signature", "落款", True))
                elif content_lines <= HEADER_LINES:
                    strong.append(DateCandidate(day, span, stripped, number, "header", "文首日期", False))
            elif content_lines <= HEADER_LINES and re.search(r"[（(]\s*$", before) and re.fullmatch(r"\s*[）)]\s*", after) \
                    and not re.search(r"[。；]", before):   # a title line ending （2026年7月10日）
                strong.append(DateCandidate(day, span, stripped, number, "header", "文首日期", False))
            elif in_tail and not after.strip(" \t\u3000。.") and not DEADLINE_AFTER.match(after) \
                    and not OTHER_LABEL.search(before):
                weak.append(DateCandidate(day, span, stripped, number, "tail", "文末日期", True))
    return strong or weak[-1:]


def _quote(candidate: DateCandidate) -> str:
    line = candidate.line if len(candidate.line) <= 40 else candidate.line[:38] + "…"
    return f"第{candidate.line_number}行“{line}”"


def document_date(text: str, as_of: str | None = None, today: str | None = None) -> DocumentDate:
    """The date to check a draft as of: the given date, else the document's own, else today."""
    if as_of:
        day = parse_day(as_of)
        return DocumentDate(day, "option", f"按指定日期 {day} 核查")
    candidates = date_candidates(text)
    if not candidates:
        day = today or date.today().isoformat()
        return DocumentDate(day, "today", f"文中未找到文书日期（审核日期、决定日期或落款日期），按今天 {day} 核查；"
                                          "如文书另有日期，请指定核查日期", candidates=[])
    days = sorted({c.day for c in candidates})
    signature = [c for c in candidates if c.in_tail and c.kind in ("signature", "labelled", "tail")]
    used = signature[-1] if signature else candidates[-1]
    what = "落款日期" if used.kind in ("signature", "tail") else used.label
    if len(days) == 1:
        return DocumentDate(used.day, "text", f"按文书{what} {used.day} 核查（{_quote(used)}）", used, candidates)
    others = "；".join(f"{c.label} {c.day}（{_quote(c)}）" for c in candidates if c.day != used.day)
    if signature:
        where = "落款日期" if used.kind in ("signature", "tail") else f"落款处的{used.label}"
        note = f"文中有{len(days)}个文书日期：{others}；按{where} {used.day} 核查（{_quote(used)}）"
    else:
        note = f"文中有{len(days)}个文书日期：{others}；按最后的 {used.label} {used.day} 核查（{_quote(used)}）"
    return DocumentDate(used.day, "text", note, used, candidates)
