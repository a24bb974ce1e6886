"""The rows of the clause store as records: document columns, a version's sort key, the outcome of
adding a document, and the content and corpus hashes (``kb.store`` uses and re-exports them)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Iterable

from kb.clause import Clause, Document

DOC_COLUMNS = ("id", "title", "short_title", "aliases", "level", "doc_type", "department", "issuing_body",
               "promulgation_date", "effective_date", "version_date", "status", "repeal_date",
               "repeal_basis", "source", "source_sha256", "region", "law_effective_date")


def _sql_int(value) -> bool:
    """Whether a value is an integer SQLite can take (a huge id from a URL is simply not found)."""
    try:
        return -(2**63) <= int(value) < 2**63
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class AddOutcome:
    """What adding one document did: 'added', 'new_version', 'replaced', 'merged', 'conflict', 'updated'
    (same text, new dates) or 'unchanged'.

    ``previous``: the id of the stored version it replaced, merged into or conflicts with;
    ``detail``: one line for the report (what was kept, how to undo).
    """

    outcome: str
    document_id: int
    title: str
    articles: int
    previous: int | None = None
    detail: str = ""


def version_order(document: Document) -> tuple:
    """Sort key of a title's versions, oldest first: by version (amendment) date, then effective date.

    The version date, not the effective date, orders them: a database may give a later version the
    law's first effective date (laws.db: 会计法 2024 version, effective 2000-07-01). A version
    without any date sorts first.
    """
    return (document.version_date or document.promulgation_date or document.effective_date or "",
            document.effective_date or "", document.id or 0)


def document_from_row(row) -> Document:
    record = dict(zip(DOC_COLUMNS, row))
    record["aliases"] = tuple(json.loads(record["aliases"] or "[]"))
    return Document(**record)


def corpus_hash_of(conn: sqlite3.Connection) -> str:
    """Hash of every version in use (state 'active'): its content hash and dates (ClauseStore.corpus_hash).

    Reads any schema, e.g. an old backup read directly: a schema-1 file has no law_effective_date
    (it hashes as no such dates), a schema-1 or -2 file no state (every version is in use), so a store
    hashes the same before and after its migration."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(documents)")}
    since_column = "law_effective_date" if "law_effective_date" in columns else "NULL"
    in_use = "WHERE state='active'" if "state" in columns else ""
    digest = hashlib.sha256()
    for (value,) in conn.execute(f"SELECT content_hash FROM documents {in_use} ORDER BY content_hash"):
        digest.update(value.encode())
    for (doc_id, repeal, effective, since) in conn.execute(
            f"SELECT id, repeal_date, effective_date, {since_column} FROM documents {in_use} ORDER BY id"):
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
