"""Turn the lines of a law text into clauses: the structure shared by the Markdown, text, DOCX and PDF parsers.

A format parser only extracts lines (``Line``: text, where it came from, and whether the format
says it starts a paragraph; ``ingest.lines`` says which lines are headings or start articles and
unglues headings stuck to an article's last line); this module finds the title, the header lines (promulgation and
effective dates, document numbers), the table of contents (skipped), the 编/分编/章/节 headings
(the clause path), the articles 第X条 and 第X条之一 (款 joined with line breaks, 项 and 目 kept as
lines), any preamble before the first article, and 附件/附表 after the articles (kind 'appendix').
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterable

from ingest.errors import EmptyDocumentError, NoArticlesError, NotALawError, NoTextError
from ingest.layout import guess_level  # noqa: F401 - the level of a text from its title and header
from ingest.limits import check_paragraphs
from ingest.lines import (CN_NUM, TITLE_LIKE, Line, article_of, clean, compact, heading_of,  # noqa: F401
                          unglue_headings)
from ingest.normalize import SENTENCE_END, normalize_line, normalize_text
from kb.clause import STATUSES, Clause, Document
from kb.limits import checkpoint
from kb.numerals import CN_NUMBER_CHARS, cn_to_int

REFERENCE_RE = re.compile(rf"^第{CN_NUM}[条款项]")
POINT_RE = re.compile(rf"^({CN_NUM})、")
TOC_RE = re.compile(r"^目[\s\u3000]*录$")
APPENDIX_RE = re.compile(rf"^附[\s\u3000]*(?:(?:件|表|录)[\s\u3000]*[{CN_NUMBER_CHARS}\d]*[\s\u3000]*(?:[:：].*|[\s\u3000].*)?|[:：].*)$")
FILENAME_DATE_RE = re.compile(r"^(.+?)[(（](\d{4}-\d{2}-\d{2})[)）]$")
DATE_RE = re.compile(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-./](\d{1,2})[-./](\d{1,2}))")
LABELLED_DATE_RE = re.compile(r"^(公布|发布|颁布|施行|生效|实施)(?:日期|时间)[:：]")
DOC_NUMBER_RE = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[【(（]\d{4}[〕\]】)）][\u4e00-\u9fff]*\d+号$")
HEADER_KEYWORDS = ("公布", "发布", "颁布", "施行", "通过", "修订", "修正", "批准", "生效", "实施")
HEADER_LABEL_RE = re.compile(r"^(?:制定机关|发布机关|公布机关|颁布机关|时效性|效力级别|法律效力位阶|文号|发文字号)[:：]")
# a title naming a law, regulation, rule or interpretation (a text without 第X条 is then kept whole)
LAW_TITLE_RE = re.compile(r"(法|法典|条例|规定|办法|细则|规则|规程|解释|决定|批复|答复|通知|意见|决议|公告|标准|"
                          r"修正案|章程|准则)(?:[（(][^）)]*[）)])?$")
WHOLE_TEXT_LABEL = "全文"        # the one clause of a law text without articles
RESTART_LABEL = "附（重新编号）"  # text after the numbering starts again at 第一条


def is_header_line(text: str, title: str) -> bool:
    """A promulgation, date, document-number or title-fragment line before the body."""
    text = clean(text)
    if not text:
        return True
    body = compact(text)
    if body and body in compact(title):
        return True
    if DOC_NUMBER_RE.match(body) or HEADER_LABEL_RE.match(text) or LABELLED_DATE_RE.match(text):
        return True
    if text[0] in "（(" and text[-1] in "）)" and (DATE_RE.search(text) or any(k in text for k in HEADER_KEYWORDS)):
        return True
    if DATE_RE.match(text) and any(k in text for k in HEADER_KEYWORDS) and not text.endswith("。") and len(text) < 200:
        return True
    return text in ("公布之日施行", "发布之日施行", "自公布之日起施行", "自发布之日起施行")


def _iso(match: re.Match) -> str | None:
    year, month, day = int(match.group(1)), int(match.group(2) or match.group(4)), int(match.group(3) or match.group(5))
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def header_dates(lines: Iterable[str]) -> dict[str, str]:
    """promulgation / effective / version dates from header lines (each date classified by the words after it)."""
    published: list[str] = []
    passed: list[str] = []
    effective: list[str] = []
    effective_on_publication = False
    for line in lines:
        line = clean(line)
        labelled = LABELLED_DATE_RE.match(line)
        matches = list(DATE_RE.finditer(line))
        for index, match in enumerate(matches):
            day = _iso(match)
            if day is None:
                continue
            segment = line[match.end(): matches[index + 1].start() if index + 1 < len(matches) else len(line)]
            kind = labelled.group(1) if labelled else segment
            if any(k in kind for k in ("施行", "生效", "实施")) and not any(k in kind for k in ("公布", "发布", "修订", "修正")):
                effective.append(day)
            elif any(k in kind for k in ("公布", "发布", "颁布", "修订", "修正")):
                published.append(day)
            elif "通过" in kind or "批准" in kind:
                passed.append(day)
        if re.search(r"(公布|发布)之日(起)?施行", line):
            effective_on_publication = True
    dates: dict[str, str] = {}
    promulgation = max(published) if published else (max(passed) if passed else None)
    if promulgation:
        dates["promulgation_date"] = promulgation
    if effective:
        dates["effective_date"] = max(effective)
    elif effective_on_publication and promulgation:
        dates["effective_date"] = promulgation
    return dates


def title_and_date_from_filename(path: Path) -> tuple[str, str | None]:
    """`Title(YYYY-MM-DD).md` -> (Title, 'YYYY-MM-DD'); otherwise (stem, None)."""
    match = FILENAME_DATE_RE.match(path.stem)
    return (match.group(1).strip(), match.group(2)) if match else (path.stem.strip(), None)


def _split_title(lines: list[Line]) -> tuple[str, list[Line]]:
    """The first line, plus short continuation lines that carry no date, number or punctuation."""
    title = clean(lines[0].text)
    rest = lines[1:]
    while rest:
        text = clean(rest[0].text)
        qualifier = re.fullmatch(r"[（(][\u4e00-\u9fff]{1,6}[）)]", text) and not title.endswith(("）", ")"))
        if (not text or len(title) + len(text) > 80 or re.search(r"[\d。；，：:,]", text)
                or heading_of(text) or article_of(text) or TOC_RE.match(text) or text[0] in "（(" and not qualifier
                or compact(text) in compact(title)     # the issuing body or the title again, on lines of their own
                # a complete title goes on only with a qualifier or another title ending (…法 / 实施细则)
                or TITLE_LIKE.match(compact(title)) and not (qualifier or TITLE_LIKE.match(re.sub(r"\s", "", text)))
                and title.count("（") + title.count("(") <= title.count("）") + title.count(")")):
            break
        title += text
        rest = rest[1:]
    return re.sub(r"[\s\u3000]+", "", title) if re.search(r"[\u4e00-\u9fff]", title) else title, rest


class _Builder:
    """Accumulates the clauses of one document while walking its lines."""

    def __init__(self, counts: Counter):
        self.counts = counts
        self.path: list[str | None] = [None, None, None, None]
        self.entries: list[dict] = []
        self.current: dict | None = None

    def heading(self, level: int, text: str) -> None:
        self.path[level] = text
        for lower in range(level + 1, 4):
            self.path[lower] = None
        self.current = None

    @property
    def clause_path(self) -> tuple[str, ...]:
        return tuple(p for p in self.path if p)

    def start(self, kind: str, **fields) -> None:
        self.current = {"kind": kind, "lines": [], "path": self.clause_path, **fields}
        self.entries.append(self.current)

    def add(self, line: Line, text: str | None = None) -> None:
        text = clean(line.text if text is None else text)
        if not text:
            return
        if self.current is None:  # text before the first article, or after a heading before its first article
            previous = self.entries[-1] if self.entries else None
            if previous is not None and previous["kind"] == "article" and line.new_paragraph is False:
                self.current = previous
            elif any(entry["kind"] == "article" for entry in self.entries):
                self.start("note")  # e.g. an explanatory line under a chapter heading
            else:
                self.start("preamble", label="序言")
        lines = self.current["lines"]
        if line.new_paragraph is False and lines:
            lines[-1] += text
            self.counts["joined_breaks"] += 1
        else:
            lines.append(text)

    def clauses(self, document: Document) -> list[Clause]:
        out = []
        for entry in self.entries:
            if entry["kind"] == "appendix":
                text = "\n".join(filter(None, (normalize_line(x, self.counts) for x in entry["lines"])))
            else:
                text = normalize_text("\n".join(entry["lines"]), self.counts)
            if not text and entry["kind"] != "article":
                continue
            out.append(Clause(document=document, text=text, article=entry.get("article"),
                              article_suffix=entry.get("suffix", 0), label=entry.get("label"),
                              path=entry["path"], kind=entry["kind"], order=len(out)))
        return out


def _wrapped_header_end(lines: list[Line], index: int, title: str) -> int | None:
    """Index of the last line of a header line (starting with a date or '（') wrapped over up to 24 lines."""
    text = clean(lines[index].text)
    if not (text[:1] in ("（", "(") or DATE_RE.match(text)) or is_header_line(text, title):
        return None
    joined = text
    for end in range(index + 1, min(index + 24, len(lines))):
        following = clean(lines[end].text)
        still_open = joined.count("（") + joined.count("(") > joined.count("）") + joined.count(")")
        if heading_of(following) or article_of(following) or DATE_RE.match(following) and not still_open:
            return None
        joined += following
        if is_header_line(joined, title) and (joined[0] not in "（(" or joined[-1] in "）)"):
            return end
    return None


def _points_matcher():
    """A matcher for top-level points 一、二、三、 (numbered in sequence), used when there is no 第X条."""
    state = {"last": 0}

    def match(text: str, peek: bool = False):
        found = POINT_RE.match(text)
        if not found:
            return None
        try:
            number = cn_to_int(found.group(1))
        except ValueError:
            return None
        if number != state["last"] + 1:
            return None
        if not peek:
            state["last"] = number
        return None, 0, found.group(0), text[found.end():].strip()

    return match


def _walk(lines: list[Line], title: str, header_lines: list[str], counts: Counter, match_article):
    """Walk the lines; (builder, header lines), or (None, header lines) when no article was found."""
    builder = _Builder(counts)
    header_lines = list(header_lines)
    in_header = True
    in_toc = False
    toc_first: str | None = None
    seen_article = False
    last_heading: int | None = None  # level of a heading not yet followed by an article
    skip_until = -1
    for index, line in enumerate(lines):
        checkpoint()
        if index <= skip_until:
            continue
        text = clean(line.text)
        wrapped = line.new_paragraph is False  # the format says this line continues the one before
        heading = None if wrapped else heading_of(text)
        article = None if wrapped else match_article(text, peek=True)
        if in_toc:
            if heading and toc_first is None:
                toc_first = heading[1]
                counts["toc_lines_skipped"] += 1
                continue
            if heading and heading[1] != toc_first:
                counts["toc_lines_skipped"] += 1
                continue
            if not heading and not article and len(text) <= 30 and not re.search(r"[。；]", text):
                counts["toc_lines_skipped"] += 1  # e.g. 附则 or a wrapped TOC entry
                continue
            in_toc = False
        if in_header:
            if TOC_RE.match(text):
                in_toc = True
                continue
            end = _wrapped_header_end(lines, index, title) if not (heading or article) else None
            if end is not None:  # a date or parenthesised header line wrapped over several lines
                header_lines.append("".join(clean(x.text) for x in lines[index:end + 1]))
                skip_until = end
                continue
            if not heading and not article and is_header_line(text, title):
                header_lines.append(text)
                continue
            in_header = False
        if TOC_RE.match(text) and not seen_article:
            in_toc = True
            continue
        if heading and not (builder.current and builder.current["kind"] == "appendix"):
            if heading[1] == "附则":  # a bare 附则 sits at the top level used (after the 编 of a code)
                heading = (min((i for i, p in enumerate(builder.path) if p), default=2), "附则")
            builder.heading(*heading)
            last_heading = heading[0]
            continue
        if article and not (builder.current and builder.current["kind"] == "appendix"):
            number, suffix, label, rest = match_article(text)
            if (number, suffix) == (1, 0) and any((e.get("article") or 0) > 1 for e in builder.entries):
                builder.start("appendix", label=RESTART_LABEL)  # another text numbered from 第一条 again
                builder.add(Line(text, line.where, True))
                counts["numbering_restarts"] += 1
                continue
            builder.start("article", article=number, suffix=suffix, label=label)
            seen_article = True
            last_heading = None
            if rest:
                builder.add(Line(rest, line.where, True))
            continue
        if seen_article and not wrapped and APPENDIX_RE.match(text) and len(text) <= 60:
            label = re.split(r"[:：\s\u3000]", text, maxsplit=1)[0] or "附"
            builder.start("appendix", label=label)
            builder.add(Line(text, line.where, True))
            counts["appendices"] += 1
            continue
        if last_heading is not None and builder.current is None and len(text) <= 20 \
                and not re.search(r"[。；，：]", text) and index + 1 < len(lines) and match_article(clean(lines[index + 1].text), peek=True):
            level = last_heading  # a heading wrapped onto a second line
            builder.path[level] = (builder.path[level] or "") + text
            continue
        if (line.new_paragraph is not False and REFERENCE_RE.match(text) and builder.current and builder.current["lines"]
                and builder.current["lines"][-1][-1] not in SENTENCE_END):
            line = Line(text, line.where, False)  # "第五条规定的…" wrapped onto a new line
        builder.add(line, text)
    return (builder if seen_article else None), header_lines


def _whole_text(lines: list[Line], title: str, header_lines: list[str], path: Path, counts: Counter):
    """A law text without 第X条 or 一、 points (a short 解释, a 修正案, a 决定): one clause 全文.

    A file with no text after its header is NoTextError; text whose title names no law, regulation
    or interpretation (notes, a guide) is NotALawError.
    """
    header_lines = list(header_lines)
    body: list[Line] = []
    for line in lines:
        text = clean(line.text)
        if not body and (is_header_line(text, title) or TOC_RE.match(text)):
            header_lines.append(text)
            continue
        body.append(line)
    if not body:
        raise NoTextError(path, "no articles found: the file has a title and dates but no text",
                          hint="skipped; get the full text of this law and import it")
    if not LAW_TITLE_RE.search(title or ""):
        raise NotALawError(path, f"no articles found (no line starts 第一条, 第二条 … or 一、二、 …) and the title "
                                 f"{title!r} names no law, regulation or interpretation",
                           hint="skipped; LawKB imports law texts — check this is one")
    builder = _Builder(counts)
    builder.start("article", article=None, suffix=0, label=WHOLE_TEXT_LABEL)
    for line in body:
        builder.add(line)
    return builder, header_lines


def parse_lines(lines: list[Line], path: str | Path, counts: Counter | None = None, *, title: str | None = None,
                header: Iterable[str] = (), folder: str | None = None) -> list[Clause]:
    """Clauses of one document from its lines. ``title``/``header`` when the format already found them."""
    path = Path(path)
    counts = counts if counts is not None else Counter()
    check_paragraphs(path, len(lines))
    lines = [line for line in lines if clean(line.text)]
    if not lines and not title:
        raise EmptyDocumentError(path, "the file holds no text", hint="check that it is the document you meant")
    file_title, file_date = title_and_date_from_filename(path)
    if title is None:
        title, lines = _split_title(lines)
    header_lines = [clean(h) for h in header if clean(h)]
    lines = unglue_headings(lines, counts)
    walk_counts = Counter()
    builder, header_lines = _walk(lines, title, header_lines, walk_counts, article_of)
    if builder is None:  # documents numbered 一、二、三、 instead of 第X条
        walk_counts = Counter()
        builder, header_lines = _walk(lines, title, header_lines, walk_counts, _points_matcher())
    if builder is None:
        builder, header_lines = _whole_text(lines, title or file_title, header_lines, path, walk_counts)
    counts.update(walk_counts)
    builder.counts = counts
    dates = header_dates(header_lines)
    header_text = " ".join(header_lines)
    body_match = (re.search(r"(国务院|最高人民法院|最高人民检察院)", header_text)
                  or re.search(r"日\s*([\u4e00-\u9fff、]{2,20}?)(?:令第|第\d+号令|发布|公布)", header_text))
    promulgation = dates.get("promulgation_date")
    stated = re.search(rf"时效性[:：]\s*({'|'.join(STATUSES)})", header_text)
    document = Document(
        title=title or file_title, level=guess_level(title or file_title, header_text, folder or path.parent.name),
        status=stated.group(1) if stated else "现行有效", issuing_body=body_match.group(1) if body_match else None,
        promulgation_date=promulgation or file_date, effective_date=dates.get("effective_date"),
        version_date=file_date or promulgation, source=str(path))
    return builder.clauses(document)
