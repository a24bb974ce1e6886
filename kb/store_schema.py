"""The clause store's SQL schema, and the migration of older stores (in place, nothing dropped).

Schema 2 added ``documents.law_effective_date`` (an amended version's law first took effect
earlier). Schema 3 adds to ``documents``: ``region`` (local law: 省 or 省/市), ``state`` (active /
replaced / conflict: see kb.versions) and ``replaced_by``; and the ``document_parts`` table (the
files a merged version came from). An older store gets the missing columns on open.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 3
STATES = ("active", "replaced", "conflict")

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
    ingested_at TEXT NOT NULL DEFAULT (datetime('now')),
    region TEXT,
    state TEXT NOT NULL DEFAULT 'active',
    replaced_by INTEGER
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
CREATE TABLE IF NOT EXISTS document_parts (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    source_sha256 TEXT,
    subtitle TEXT,
    articles INTEGER NOT NULL,
    first_article TEXT,
    last_article TEXT,
    at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS ingest_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (datetime('now')),
    source TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT
);
"""

# columns added since schema 1 (ALTER TABLE on open; existing rows are active, without region)
ADDED_COLUMNS = {"law_effective_date": "TEXT", "region": "TEXT", "state": "TEXT NOT NULL DEFAULT 'active'", "replaced_by": "INTEGER"}


def create_or_migrate(conn: sqlite3.Connection):
    """Create missing tables, migrate an older store; the stored schema_version row (or None if new)."""
    conn.executescript(SCHEMA)
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    if row is not None and int(row[0]) < SCHEMA_VERSION:
        migrate(conn)
        row = (str(SCHEMA_VERSION),)
    conn.execute("CREATE INDEX IF NOT EXISTS documents_state ON documents(state, title)")
    return row


def migrate(conn: sqlite3.Connection) -> None:
    """Schema 1 or 2 -> 3: add the columns it lacks (one transaction; rows stay active, dates as they were)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        present = {row[1] for row in conn.execute("PRAGMA table_info(documents)")}
        for name, kind in ADDED_COLUMNS.items():
            if name not in present:
                conn.execute(f"ALTER TABLE documents ADD COLUMN {name} {kind}")
        conn.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
