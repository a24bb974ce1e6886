"""The clause store: one SQLite file (WAL) holding every version of every document.

Documents are versions; the "current" view is a query (``in_force_on``), never a deletion.
Each ingest of a document runs in one transaction, so a crash leaves the store as it was.

A document row is ``active`` (what every reader sees) or kept out of sight: ``replaced`` (another
text of the same version replaced it) or ``conflict`` (a text of the same version that disagrees
with the active one and was not allowed to replace it). Such rows are never deleted: ``lawkb
versions`` lists them and can restore one (kb.versions decides what an added text does).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Iterator

from kb import integrity
from kb.clause import IN_FORCE_STATUSES, Clause, Document, split_paragraphs
from kb.errors import NotFoundError, StoreError
from kb.store_rows import (DOC_COLUMNS, AddOutcome, _sql_int, content_hash, corpus_hash_of,  # noqa: F401 - re-exported
                           document_from_row, version_order)
from kb.store_schema import SCHEMA_VERSION, create_or_migrate


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
            row = create_or_migrate(conn)
            if row is None:
                conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                conn.commit()
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
            # a Ctrl-C can land after COMMIT or before BEGIN took effect: then there is nothing to roll
            # back, and a failing ROLLBACK must not replace the KeyboardInterrupt (which would be
            # reported as a failed file and the batch would go on)
            if conn.in_transaction:
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
    def add_document(self, document: Document, clauses: list[Clause], conn: sqlite3.Connection | None = None,
                     replace_existing: bool = False) -> AddOutcome:
        """Add one document version with its clauses, idempotently, never losing stored text.

        Same content as a stored document: 'unchanged'. Another title or version date: 'added' /
        'new_version'. Same title and version date as the active version (kb.versions.decide):
        a part with other article numbers is 'merged' into it; a text it already holds is
        'unchanged'; a text covering every stored article and adding more 'replaced' it; any other
        text is kept as a 'conflict' beside it. With ``replace_existing`` the text replaces the
        stored version whatever it holds. A replaced version is kept (state 'replaced') and can be
        restored with ``restore``.
        """
        if conn is None:
            with self.transaction() as tx:
                return self.add_document(document, clauses, tx, replace_existing)
        from kb.versions import add_version

        return add_version(self, conn, document, clauses, replace_existing)

    def _insert(self, conn: sqlite3.Connection, document: Document, clauses: list[Clause], digest: str,
                state: str, replaced_by: int | None = None) -> int:
        values = (document.title, document.short_title, json.dumps(list(document.aliases), ensure_ascii=False),
                  document.level, document.doc_type, document.department, document.issuing_body,
                  document.promulgation_date, document.effective_date, document.version_date, document.status,
                  document.repeal_date, document.repeal_basis, document.source, document.source_sha256, digest,
                  document.region, state, replaced_by, document.law_effective_date)
        cursor = conn.execute(
            "INSERT INTO documents (title, short_title, aliases, level, doc_type, department, issuing_body, "
            "promulgation_date, effective_date, version_date, status, repeal_date, repeal_basis, source, "
            "source_sha256, content_hash, region, state, replaced_by, law_effective_date) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", values)
        doc_id = cursor.lastrowid
        self.insert_clauses(conn, doc_id, clauses)
        return doc_id

    def insert_clauses(self, conn: sqlite3.Connection, doc_id: int, clauses: list[Clause], first_order: int = 0) -> list[int]:
        """Insert clause rows (and their 款/项 rows) of one document; returns the new clause ids."""
        paragraph_rows = []
        ids = []
        for order, clause in enumerate(clauses, first_order):
            cur = conn.execute(
                "INSERT INTO clauses (document_id, ord, kind, article, article_suffix, label, path, text) "
                "VALUES (?,?,?,?,?,?,?,?)",
                (doc_id, order, clause.kind, clause.article, clause.article_suffix, clause.label,
                 json.dumps(list(clause.path), ensure_ascii=False), clause.text))
            ids.append(cur.lastrowid)
            if clause.kind == "article":
                for para in split_paragraphs(clause.text):
                    paragraph_rows.append((cur.lastrowid, para.index, None, para.text))
                    for item_index, item in enumerate(para.items, 1):
                        paragraph_rows.append((cur.lastrowid, para.index, item_index, item))
        conn.executemany("INSERT INTO paragraphs VALUES (?,?,?,?)", paragraph_rows)
        return ids

    @staticmethod
    def _log(conn: sqlite3.Connection, source: str, outcome: str, detail: str) -> None:
        conn.execute("INSERT INTO ingest_log (source, outcome, detail) VALUES (?,?,?)", (source, outcome, detail))

    def restore(self, document_id: int, conn: sqlite3.Connection | None = None) -> AddOutcome:
        """Make a kept (replaced or conflicting) version the one in use; the version it displaces is kept."""
        if conn is None:
            with self.transaction() as tx:
                return self.restore(document_id, tx)
        from kb.versions import restore_version

        return restore_version(self, conn, int(document_id))

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
            self._log(conn, document.source, "updated", f"{document.title}: effective dates")
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

    def get_meta(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        conn = self.connection
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        conn.commit()

    def log(self, source: str, outcome: str, detail: str) -> None:
        """Record a file-level outcome (failed, skipped) in the ingest log."""
        conn = self.connection
        conn.execute("INSERT INTO ingest_log (source, outcome, detail) VALUES (?,?,?)", (source, outcome, detail))
        conn.commit()

    # -- reading documents ---------------------------------------------------------------------
    def _load_documents(self) -> dict[int, Document]:
        docs = self._documents
        if docs is None:
            rows = self.connection.execute(
                f"SELECT {', '.join(DOC_COLUMNS)} FROM documents WHERE state='active' ORDER BY id").fetchall()
            docs = {row[0]: document_from_row(row) for row in rows}
            with self._lock:
                self._documents = docs
        return docs

    def documents(self) -> list[Document]:
        """Every document version, in ingest order."""
        return list(self._load_documents().values())

    def document(self, document_id: int) -> Document:
        """One version by id, also a kept (replaced or conflicting) one."""
        try:
            return self._load_documents()[int(document_id)]
        except (KeyError, ValueError):
            pass
        try:
            row = self.connection.execute(f"SELECT {', '.join(DOC_COLUMNS)} FROM documents WHERE id=?",
                                          (int(document_id),)).fetchone()
        except (ValueError, TypeError):
            row = None
        if row is None:
            raise NotFoundError(f"no document with id {document_id}")
        return document_from_row(row)

    def kept_versions(self, title: str | None = None) -> list[tuple[Document, str, int | None]]:
        """(document, state, replaced_by) of every version kept out of use (kb.versions)."""
        from kb.versions import kept_versions

        return kept_versions(self, title)

    def parts(self, document_id: int) -> list[dict]:
        """The files a merged version was put together from (kb.versions)."""
        from kb.versions import parts

        return parts(self, document_id)

    def versions(self, title: str) -> list[Document]:
        """All versions of one title, oldest first."""
        found = [d for d in self._load_documents().values() if d.title == title]
        return sorted(found, key=version_order)

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
                superseded = (document.repeal_basis or "").startswith(f"《{document.title}》")  # by its next version
                return "历史版本" if document.status == "历史版本" or superseded else "已废止"
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
        """Every clause of every version in use, in store order."""
        marks = ",".join("?" * len(kinds))
        docs = self._load_documents()
        for row in self.connection.execute(
                f"{self._CLAUSE_SQL} WHERE kind IN ({marks}) AND document_id IN "
                "(SELECT id FROM documents WHERE state='active') ORDER BY id", kinds):
            yield self._clause_from_row(row, docs.get(row[1]))

    def counts(self) -> dict[str, int]:
        """Documents, articles, other texts, 款 and 项 of the versions in use; versions kept out of use."""
        conn = self.connection
        active = "document_id IN (SELECT id FROM documents WHERE state='active')"
        in_use = f"clause_id IN (SELECT id FROM clauses WHERE {active})"
        return {
            "documents": conn.execute("SELECT count(*) FROM documents WHERE state='active'").fetchone()[0],
            "articles": conn.execute(f"SELECT count(*) FROM clauses WHERE kind='article' AND {active}").fetchone()[0],
            "other_text": conn.execute(f"SELECT count(*) FROM clauses WHERE kind!='article' AND {active}").fetchone()[0],
            "paragraphs": conn.execute(f"SELECT count(*) FROM paragraphs WHERE item IS NULL AND {in_use}").fetchone()[0],
            "items": conn.execute(f"SELECT count(*) FROM paragraphs WHERE item IS NOT NULL AND {in_use}").fetchone()[0],
            "kept_versions": conn.execute("SELECT count(*) FROM documents WHERE state!='active'").fetchone()[0],
        }

    def corpus_hash(self) -> str:
        """Hash of the versions in use (corpus_hash_of): changes whenever the corpus does.

        Every search checks it (is the index built for this store?), so it is kept until the
        database changes: SQLite's data_version (a commit by another connection) or this
        connection's own changes (3.5k documents: ~5-20 ms to recompute, 0.05 ms to check).
        """
        conn = self.connection
        version = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
        cached = getattr(self._local, "corpus_hash", None)
        if cached is not None and cached[0] == version:
            return cached[1]
        value = corpus_hash_of(conn)
        self._local.corpus_hash = (version, value)
        return value

    def with_status_today(self, document: Document) -> Document:
        """The document with its status as of today (e.g. 尚未生效 before its effective date)."""
        status = self.status_on(document)
        return document if status in ("unknown", document.status) else replace(document, status=status)
