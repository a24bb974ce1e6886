"""The clause store: one SQLite file (WAL) holding every version of every document.

Documents are versions; the "current" view is a query (``in_force_on``), never a deletion.
Each ingest of a document runs in one transaction, so a crash leaves the store as it was.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from kb import integrity
from kb.clause import IN_FORCE_STATUSES, Clause, Document, split_paragraphs
from kb.errors import NotFoundError, StoreError

SCHEMA_VERSION = 2
# schema 1 -> 2: documents.law_effective_date (an amended version's law first took effect earlier)
MIGRATIONS = {1: ("ALTER TABLE documents ADD COLUMN law_effective_date TEXT",)}

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    short_title TEXT,
    aliases TEXT NOT NULL DEFAULT '[]',
    level TEXT NOT NULL,
    doc_type TEXT,
    department TEXT,
    issuing_body TEXT,
    promulgation_date TEXT,
    effective_date TEXT,
    version_date TEXT,
    status TEXT NOT NULL,
    repeal_date TEXT,
    repeal_basis TEXT,
    law_effective_date TEXT,
    source TEXT NOT NULL,
    source_sha256 TEXT,
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS documents_title ON documents(title);
CREATE UNIQUE INDEX IF NOT EXISTS documents_content ON documents(content_hash);
CREATE TABLE IF NOT EXISTS clauses (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    kind TEXT NOT NULL,
    article INTEGER,
    article_suffix INTEGER NOT NULL DEFAULT 0,
    label TEXT,
    path TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS clauses_doc ON clauses(document_id, article, article_suffix);
CREATE TABLE IF NOT EXISTS paragraphs (
    clause_id INTEGER NOT NULL REFERENCES clauses(id) ON DELETE CASCADE,
    paragraph INTEGER NOT NULL,
    item INTEGER,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS paragraphs_clause ON paragraphs(clause_id);
CREATE TABLE IF NOT EXISTS ingest_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (datetime('now')),
    source TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT
);
"""

DOC_COLUMNS = ("id", "title", "short_title", "aliases", "level", "doc_type", "department", "issuing_body",
               "promulgation_date", "effective_date", "version_date", "status", "repeal_date",
               "repeal_basis", "source", "source_sha256", "law_effective_date")


def _sql_int(value) -> bool:
    """Whether a value is an integer SQLite can take (a huge id from a URL is simply not found)."""
    try:
        return -(2**63) <= int(value) < 2**63
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class AddOutcome:
    """What adding one document did: 'added', 'new_version', 'replaced', 'updated' (same text, new
    dates) or 'unchanged'."""

    outcome: str
    document_id: int
    title: str
    articles: int


def corpus_hash_of(conn: sqlite3.Connection) -> str:
    """Hash of every stored document's content hash and dates (ClauseStore.corpus_hash)."""
    digest = hashlib.sha256()
    for (value,) in conn.execute("SELECT content_hash FROM documents ORDER BY content_hash"):
        digest.update(value.encode())
    # a schema-1 file (an old backup read directly) has no law_effective_date: it hashes as no such dates
    columns = {row[1] for row in conn.execute("PRAGMA table_info(documents)")}
    since_column = "law_effective_date" if "law_effective_date" in columns else "NULL"
    for (doc_id, repeal, effective, since) in conn.execute(
            f"SELECT id, repeal_date, effective_date, {since_column} FROM documents ORDER BY id"):
        # effective dates only once a version has its own (law_effective_date): the hash of a
        # store without such dates stays what it was
        digest.update(f"{doc_id}:{repeal}".encode() + (f":{effective}:{since}".encode() if since else b""))
    return digest.hexdigest()[:16]


def content_hash(document: Document, clauses: Iterable[Clause]) -> str:
    digest = hashlib.sha256()
    digest.update(f"{document.title}\x00{document.version_date}\x00{document.level}\x00{document.status}".encode())
    for clause in clauses:
        digest.update(f"\x01{clause.kind}\x00{clause.article}\x00{clause.article_suffix}\x00{'/'.join(clause.path)}\x00{clause.text}".encode())
    return digest.hexdigest()


class ClauseStore:
    """The SQLite clause store. Safe to share between threads (one connection per thread)."""

    def __init__(self, path: str | Path, create: bool = False):
        self.path = Path(path)
        if not self.path.exists():
            if not create:
                raise StoreError(f"no clause store at {self.path}; run `lawkb ingest` to build one")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            integrity.forget_state(self.path)  # a new store where the user removed the old one
        else:
            integrity.check_file(self.path)  # 0 bytes where documents were, or an overwritten header
        self._local = threading.local()
        self._documents: dict[int, Document] | None = None
        self._lock = threading.Lock()
        try:
            conn = self.connection
            conn.executescript(SCHEMA)
            row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is None:
                conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                conn.commit()
            elif int(row[0]) in MIGRATIONS:
                self._migrate(conn, int(row[0]))
            elif int(row[0]) != SCHEMA_VERSION:
                raise StoreError(f"{self.path} has schema {row[0]}, this LawKB needs {SCHEMA_VERSION}; "
                                 "move it aside and run `lawkb ingest` again")
            integrity.verify_open(self.path, conn)
        except sqlite3.DatabaseError as exc:
            self.close()
            raise integrity.StoreDamaged(f"the clause store {self.path} is not usable ({exc}): {integrity.ADVICE}") from None
        except StoreError:
            self.close()
            raise

    def _migrate(self, conn: sqlite3.Connection, version: int) -> None:
        """Bring an older store up to SCHEMA_VERSION in one transaction (additive changes only)."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            while version in MIGRATIONS:
                for statement in MIGRATIONS[version]:
                    conn.execute(statement)
                version += 1
            conn.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(version),))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    # -- connections ---------------------------------------------------------------------------
    @property
    def connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self.connection
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            self.forget_cache()
        integrity.note_change(self.path, conn)

    def forget_cache(self) -> None:
        """Read the documents again on next use (after another process or connection changed them)."""
        with self._lock:
            self._documents = None

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- writing -------------------------------------------------------------------------------
    def add_document(self, document: Document, clauses: list[Clause], conn: sqlite3.Connection | None = None) -> AddOutcome:
        """Add one document version with its clauses, idempotently.

        Same content as a stored document: 'unchanged'. Same title and version date but other
        content (e.g. an official DOCX replacing a damaged database text): 'replaced'. Same title,
        other version date: 'new_version'. Otherwise 'added'.
        """
        if conn is None:
            with self.transaction() as tx:
                return self.add_document(document, clauses, tx)
        digest = content_hash(document, clauses)
        row = conn.execute("SELECT id FROM documents WHERE content_hash=?", (digest,)).fetchone()
        articles = sum(1 for c in clauses if c.kind == "article")
        if row:
            outcome = "updated" if self._refresh_dates(conn, row[0], document) else "unchanged"
            return AddOutcome(outcome, row[0], document.title, articles)
        same_title = conn.execute(
            "SELECT id, version_date, promulgation_date FROM documents WHERE title=?", (document.title,)).fetchall()
        outcome = "new_version" if same_title else "added"
        for old_id, version_date, promulgation in same_title:
            if (document.version_date or document.promulgation_date) in {version_date, promulgation} - {None}:
                document = self._inherit_metadata(document, conn, old_id)
                conn.execute("DELETE FROM documents WHERE id=?", (old_id,))
                outcome = "replaced"
        values = (document.title, document.short_title, json.dumps(list(document.aliases), ensure_ascii=False),
                  document.level, document.doc_type, document.department, document.issuing_body,
                  document.promulgation_date, document.effective_date, document.version_date, document.status,
                  document.repeal_date, document.repeal_basis, document.source, document.source_sha256, digest,
                  document.law_effective_date)
        cursor = conn.execute(
            "INSERT INTO documents (title, short_title, aliases, level, doc_type, department, issuing_body, "
            "promulgation_date, effective_date, version_date, status, repeal_date, repeal_basis, source, "
            "source_sha256, content_hash, law_effective_date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", values)
        doc_id = cursor.lastrowid
        paragraph_rows = []
        for order, clause in enumerate(clauses):
            cur = conn.execute(
                "INSERT INTO clauses (document_id, ord, kind, article, article_suffix, label, path, text) "
                "VALUES (?,?,?,?,?,?,?,?)",
                (doc_id, order, clause.kind, clause.article, clause.article_suffix, clause.label,
                 json.dumps(list(clause.path), ensure_ascii=False), clause.text))
            if clause.kind == "article":
                for para in split_paragraphs(clause.text):
                    paragraph_rows.append((cur.lastrowid, para.index, None, para.text))
                    for item_index, item in enumerate(para.items, 1):
                        paragraph_rows.append((cur.lastrowid, para.index, item_index, item))
        conn.executemany("INSERT INTO paragraphs VALUES (?,?,?,?)", paragraph_rows)
        conn.execute("INSERT INTO ingest_log (source, outcome, detail) VALUES (?,?,?)",
                     (document.source, outcome, document.title))
        return AddOutcome(outcome, doc_id, document.title, articles)

    INHERITED = ("short_title", "level", "doc_type", "department", "issuing_body", "promulgation_date",
                 "effective_date", "version_date", "repeal_date", "repeal_basis", "law_effective_date")
    DATES = ("effective_date", "law_effective_date")

    def _refresh_dates(self, conn: sqlite3.Connection, doc_id: int, document: Document) -> bool:
        """Same text again, but the parser now reads its dates differently (e.g. an amended version's
        own effective date): take the new dates. A source that gives no date keeps the stored one."""
        row = conn.execute(f"SELECT {', '.join(self.DATES)} FROM documents WHERE id=?", (doc_id,)).fetchone()
        new = {name: getattr(document, name) for name in self.DATES}
        if new["effective_date"] and dict(zip(self.DATES, row)) != new:
            conn.execute("UPDATE documents SET effective_date=?, law_effective_date=? WHERE id=?",
                         (new["effective_date"], new["law_effective_date"], doc_id))
            conn.execute("INSERT INTO ingest_log (source, outcome, detail) VALUES (?,?,?)",
                         (document.source, "updated", f"{document.title}: effective dates"))
            return True
        return False

    def _inherit_metadata(self, document: Document, conn: sqlite3.Connection, old_id: int) -> Document:
        """A replacing text keeps what it does not say itself (dates, body, status) from the version it replaces.

        A file's header rarely states the law's status; the replaced version's status stands unless
        the file gives one other than the parser's default.
        """
        row = conn.execute(f"SELECT {', '.join(self.INHERITED)}, status, aliases FROM documents WHERE id=?",
                           (old_id,)).fetchone()
        old = dict(zip((*self.INHERITED, "status", "aliases"), row))
        changes = {name: old[name] for name in self.INHERITED if getattr(document, name) in (None, "") and old[name]}
        if document.status == "现行有效" and old["status"]:
            changes["status"] = old["status"]
        if not document.aliases and old["aliases"]:
            changes["aliases"] = tuple(json.loads(old["aliases"]))
        return replace(document, **changes)

    def set_repeal(self, document_id: int, repeal_date: str | None, basis: str | None,
                   conn: sqlite3.Connection | None = None) -> None:
        (conn or self.connection).execute(
            "UPDATE documents SET repeal_date=?, repeal_basis=? WHERE id=?", (repeal_date, basis, document_id))
        if conn is None:
            self.connection.commit()
        self.forget_cache()

    def log(self, source: str, outcome: str, detail: str) -> None:
        conn = self.connection
        conn.execute("INSERT INTO ingest_log (source, outcome, detail) VALUES (?,?,?)", (source, outcome, detail))
        conn.commit()

    # -- reading documents ---------------------------------------------------------------------
    def _load_documents(self) -> dict[int, Document]:
        docs = self._documents
        if docs is None:
            rows = self.connection.execute(f"SELECT {', '.join(DOC_COLUMNS)} FROM documents ORDER BY id").fetchall()
            docs = {}
            for row in rows:
                record = dict(zip(DOC_COLUMNS, row))
                record["aliases"] = tuple(json.loads(record["aliases"] or "[]"))
                docs[record["id"]] = Document(**record)
            with self._lock:
                self._documents = docs
        return docs

    def documents(self) -> list[Document]:
        """Every document version, in ingest order."""
        return list(self._load_documents().values())

    def document(self, document_id: int) -> Document:
        try:
            return self._load_documents()[int(document_id)]
        except (KeyError, ValueError):
            raise NotFoundError(f"no document with id {document_id}") from None

    def versions(self, title: str) -> list[Document]:
        """All versions of one title, oldest first."""
        found = [d for d in self._load_documents().values() if d.title == title]
        return sorted(found, key=lambda d: (d.effective_date or d.version_date or "", d.version_date or "", d.id))

    def titles(self) -> list[str]:
        return sorted({d.title for d in self._load_documents().values()})

    def status_on(self, document: Document, day: str | None = None) -> str:
        """Status of a version on a date (YYYY-MM-DD; default today).

        '尚未生效' before its effective date, '已废止' once repealed, '历史版本' once superseded by a
        later version, '现行有效' while in force, 'unknown' when the source says it is no longer in
        force but no date for that can be derived.
        """
        day = day or date.today().isoformat()
        if document.effective_date and day < document.effective_date:
            if self._law_in_force_before(document, day):
                return "现行有效"
            return "尚未生效"
        if document.repeal_date:
            if day >= document.repeal_date:
                return "历史版本" if document.status == "历史版本" else "已废止"
            return "现行有效"
        if document.status in IN_FORCE_STATUSES:
            return "现行有效"
        return "unknown" if day < date.today().isoformat() else document.status

    def _law_in_force_before(self, document: Document, day: str) -> bool:
        """Before an amended version's own effective date, the law was in force in an earlier text:
        with no earlier version stored, this (oldest) version stands for the law from the day the
        law first took effect."""
        if not document.law_effective_date or day < document.law_effective_date:
            return False
        return not any(other.id != document.id and (other.effective_date or "") < (document.effective_date or "")
                       for other in self._load_documents().values() if other.title == document.title)

    def in_force_on(self, document: Document, day: str | None = None) -> bool:
        return self.status_on(document, day) == "现行有效"

    def version_on(self, title: str, day: str | None = None) -> Document | None:
        """The version of a title in force on a date, or None."""
        for doc in reversed(self.versions(title)):
            if self.in_force_on(doc, day):
                return doc
        return None

    def current_version(self, title: str) -> Document | None:
        """The version to show by default: in force today, else the newest."""
        versions = self.versions(title)
        if not versions:
            return None
        return self.version_on(title) or versions[-1]

    # -- reading clauses -----------------------------------------------------------------------
    def _clause_from_row(self, row, document: Document | None = None) -> Clause:
        cid, doc_id, order, kind, article, suffix, label, path, text = row
        return Clause(document=document or self.document(doc_id), text=text, article=article,
                      article_suffix=suffix, label=label, path=tuple(json.loads(path)), kind=kind,
                      order=order, id=cid)

    _CLAUSE_SQL = "SELECT id, document_id, ord, kind, article, article_suffix, label, path, text FROM clauses"

    def clauses(self, document_id: int, kinds: tuple[str, ...] | None = None) -> list[Clause]:
        document = self.document(document_id)
        rows = self.connection.execute(f"{self._CLAUSE_SQL} WHERE document_id=? ORDER BY ord", (document_id,))
        return [self._clause_from_row(r, document) for r in rows if kinds is None or r[3] in kinds]

    def clause(self, clause_id: int) -> Clause:
        row = None
        if _sql_int(clause_id):
            row = self.connection.execute(f"{self._CLAUSE_SQL} WHERE id=?", (int(clause_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"no clause with id {clause_id}")
        return self._clause_from_row(row)

    def article(self, document_id: int, number: int, suffix: int = 0) -> Clause | None:
        if not (_sql_int(document_id) and _sql_int(number) and _sql_int(suffix)):
            return None
        row = self.connection.execute(
            f"{self._CLAUSE_SQL} WHERE document_id=? AND kind='article' AND article=? AND article_suffix=?",
            (document_id, number, suffix)).fetchone()
        return self._clause_from_row(row) if row else None

    def iter_clauses(self, kinds: tuple[str, ...] = ("article",)) -> Iterator[Clause]:
        """Every clause of every version, in store order."""
        marks = ",".join("?" * len(kinds))
        for row in self.connection.execute(f"{self._CLAUSE_SQL} WHERE kind IN ({marks}) ORDER BY id", kinds):
            yield self._clause_from_row(row)

    def counts(self) -> dict[str, int]:
        conn = self.connection
        return {
            "documents": conn.execute("SELECT count(*) FROM documents").fetchone()[0],
            "articles": conn.execute("SELECT count(*) FROM clauses WHERE kind='article'").fetchone()[0],
            "other_text": conn.execute("SELECT count(*) FROM clauses WHERE kind!='article'").fetchone()[0],
            "paragraphs": conn.execute("SELECT count(*) FROM paragraphs WHERE item IS NULL").fetchone()[0],
            "items": conn.execute("SELECT count(*) FROM paragraphs WHERE item IS NOT NULL").fetchone()[0],
        }

    def corpus_hash(self) -> str:
        """Hash of every stored document's content hash: changes whenever the corpus does."""
        return corpus_hash_of(self.connection)

    def with_status_today(self, document: Document) -> Document:
        """The document with its status as of today (e.g. 尚未生效 before its effective date)."""
        status = self.status_on(document)
        return document if status in ("unknown", document.status) else replace(document, status=status)
