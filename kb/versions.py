"""What a text of an already stored version does to it: merge, nothing, replace, or stand beside it.

Two texts are of the same version when they have the same title and the same version (or
promulgation) date. Articles are compared by number (第X条, 第X条之一) and by text with width and
white space folded (``comparable``). ``decide`` gives:

* ``merged``    — the new text holds only articles the stored one lacks (a part of the law, e.g.
  LawRefBook's 民法典 split into one file per 编): its clauses join the stored version
  (``merge_part``), placed by article number, and the part is recorded in ``document_parts``;
* ``unchanged`` — every article and other text of the new text is already stored, word for word;
* ``replaced``  — the new text has every stored article number and more (e.g. an official text
  over a damaged one whose articles ran together); the stored version is kept, out of use;
* ``conflict``  — anything else (fewer articles, other numbering, other wording): the new text is
  kept beside the stored one, out of use, and ``lawkb doctor`` lists the pair.

``replace_existing`` (``lawkb ingest --replace``) makes any differing text a replacement. Kept
versions are never deleted; ``ClauseStore.restore`` puts one back in use.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass

from kb.clause import Clause, Document

SPACE_RE = re.compile(r"\s+")


def same_version(document: Document, version_date: str | None, promulgation_date: str | None) -> bool:
    """Is a stored row (its version and promulgation dates) the same version as this document?"""
    mine = document.version_date or document.promulgation_date
    return mine is not None and mine in {version_date, promulgation_date}


def comparable(text: str) -> str:
    """Text with full/half width folded and all white space removed."""
    return SPACE_RE.sub("", unicodedata.normalize("NFKC", text or ""))


def article_keys(clauses: list[Clause]) -> dict[tuple, str]:
    """(article, suffix) -> comparable text; unnumbered articles (一、, 全文) keyed by label and position."""
    keys: dict[tuple, str] = {}
    unnumbered = 0
    for clause in clauses:
        if clause.kind != "article":
            continue
        if clause.article is None:
            key = (None, clause.label or "", unnumbered)
            unnumbered += 1
        else:
            key = (clause.article, clause.article_suffix)
        keys.setdefault(key, comparable(clause.text))
    return keys


def other_texts(clauses: list[Clause]) -> set[str]:
    return {comparable(c.text) for c in clauses if c.kind != "article" and c.text.strip()}


def decide(stored: list[Clause], new: list[Clause], replace_existing: bool = False) -> str:
    """'merged', 'unchanged', 'replaced' or 'conflict' for a new text of a stored version (see module doc)."""
    old_keys, new_keys = article_keys(stored), article_keys(new)
    old_other, new_other = other_texts(stored), other_texts(new)
    contained = (set(new_keys) <= set(old_keys) and all(old_keys[k] == text for k, text in new_keys.items())
                 and new_other <= old_other)
    if contained:
        return "unchanged"
    if replace_existing:
        return "replaced"
    numbered = {k for k in new_keys if k[0] is not None}
    if numbered and numbered == set(new_keys) and not numbered & set(old_keys):
        return "merged"
    if set(old_keys) <= set(new_keys) and (len(new_keys) > len(old_keys) or (
            set(old_keys) == set(new_keys) and all(old_keys[k] == new_keys[k] for k in old_keys)
            and old_other < new_other)):
        return "replaced"
    return "conflict"


@dataclass(frozen=True)
class Difference:
    """How two texts of one version differ (for ``lawkb doctor`` and ``lawkb versions``)."""

    only_stored: int
    only_new: int
    different: int
    example: str | None

    def describe(self) -> str:
        parts = []
        if self.different:
            parts.append(f"{self.different} article(s) worded differently")
        if self.only_stored:
            parts.append(f"{self.only_stored} only in the version in use")
        if self.only_new:
            parts.append(f"{self.only_new} only in the kept text")
        text = ", ".join(parts) or "the same articles; other text differs"
        return text + (f" (e.g. {self.example})" if self.example else "")


def difference(stored: list[Clause], new: list[Clause]) -> Difference:
    old_keys, new_keys = article_keys(stored), article_keys(new)
    changed = [k for k in new_keys if k in old_keys and old_keys[k] != new_keys[k]]
    labels = {(c.article, c.article_suffix): c.article_label for c in new if c.kind == "article"}
    example = labels.get(changed[0][:2]) if changed else None
    return Difference(len(set(old_keys) - set(new_keys)), len(set(new_keys) - set(old_keys)), len(changed), example)


def _subtitle(clauses: list[Clause]) -> str | None:
    """The heading every article of a part sits under (its 编), if they share one."""
    firsts = {c.path[0] if c.path else None for c in clauses if c.kind == "article"}
    return firsts.pop() if len(firsts) == 1 else None


def _span(clauses: list[Clause]) -> tuple[str | None, str | None]:
    articles = [c for c in clauses if c.kind == "article"]
    return (articles[0].article_label, articles[-1].article_label) if articles else (None, None)


def merge_part(store, conn: sqlite3.Connection, stored_id: int, document: Document, clauses: list[Clause]):
    """Add a part (articles the stored version lacks) to the stored version, placed by article number."""
    from kb.store import AddOutcome, content_hash

    existing = store.clauses(stored_id)
    if not conn.execute("SELECT 1 FROM document_parts WHERE document_id=?", (stored_id,)).fetchone():
        old = store.document(stored_id)
        conn.execute("INSERT INTO document_parts (document_id, source, source_sha256, subtitle, articles, "
                     "first_article, last_article) VALUES (?,?,?,?,?,?,?)",
                     (stored_id, old.source, old.source_sha256, _subtitle(existing),
                      sum(1 for c in existing if c.kind == "article"), *_span(existing)))
    first = min((c.article, c.article_suffix) for c in clauses if c.kind == "article")
    position = next((i for i, c in enumerate(existing)
                     if c.kind == "article" and c.article is not None and (c.article, c.article_suffix) > first), None)
    if position is None:  # after the last article (and any note under it), before trailing 附件
        last_article = max((i for i, c in enumerate(existing) if c.kind == "article"), default=len(existing) - 1)
        position = last_article + 1
        while position < len(existing) and existing[position].kind == "note":
            position += 1
    new_ids = store.insert_clauses(conn, stored_id, clauses, first_order=len(existing) + 1_000_000)
    ordered = [c.id for c in existing[:position]] + new_ids + [c.id for c in existing[position:]]
    conn.executemany("UPDATE clauses SET ord=? WHERE id=?", [(order, cid) for order, cid in enumerate(ordered)])
    filled = {name: getattr(document, name) for name in ("promulgation_date", "effective_date", "issuing_body", "region")
              if getattr(document, name)}
    for name, value in filled.items():
        conn.execute(f"UPDATE documents SET {name}=? WHERE id=? AND {name} IS NULL", (value, stored_id))
    store._documents = None
    merged = store.clauses(stored_id)
    conn.execute("UPDATE documents SET content_hash=? WHERE id=?", (content_hash(merged[0].document, merged), stored_id))
    articles = sum(1 for c in clauses if c.kind == "article")
    conn.execute("INSERT INTO document_parts (document_id, source, source_sha256, subtitle, articles, first_article, "
                 "last_article) VALUES (?,?,?,?,?,?,?)",
                 (stored_id, document.source, document.source_sha256, _subtitle(clauses), articles, *_span(clauses)))
    total = sum(1 for c in merged if c.kind == "article")
    low, high = _span(clauses)
    detail = f"{low}–{high} merged into #{stored_id} as one more part of the law ({total} articles now)"
    store._log(conn, document.source, "merged", f"{document.title}: {detail}")
    return AddOutcome("merged", stored_id, document.title, articles, stored_id, detail)


def add_version(store, conn: sqlite3.Connection, document: Document, clauses: list[Clause],
                replace_existing: bool = False):
    """ClauseStore.add_document's work (see there) inside the caller's transaction."""
    from dataclasses import replace

    from kb.store import AddOutcome, content_hash

    digest = content_hash(document, clauses)
    articles = sum(1 for c in clauses if c.kind == "article")
    row = conn.execute("SELECT id, state FROM documents WHERE content_hash=?", (digest,)).fetchone()
    if row and row[1] != "active" and replace_existing:
        return replace(restore_version(store, conn, row[0]), articles=articles)
    if row and row[1] == "active":
        outcome = "updated" if store._refresh_dates(conn, row[0], document) else "unchanged"
        return AddOutcome(outcome, row[0], document.title, articles)
    if row:
        detail = f"already kept as {row[1]} text #{row[0]} (`lawkb versions --restore {row[0]}`)"
        return AddOutcome("unchanged", row[0], document.title, articles, detail=detail)
    same_title = conn.execute("SELECT id, version_date, promulgation_date FROM documents "
                              "WHERE title=? AND state='active'", (document.title,)).fetchall()
    same = [old_id for old_id, version, promulgated in same_title if same_version(document, version, promulgated)]
    if not same:
        doc_id = store._insert(conn, document, clauses, digest, "active")
        outcome = "new_version" if same_title else "added"
        store._log(conn, document.source, outcome, document.title)
        return AddOutcome(outcome, doc_id, document.title, articles)
    old_id = same[0]
    decision = decide(store.clauses(old_id), clauses, replace_existing)
    if decision == "unchanged":
        store._log(conn, document.source, "unchanged", f"{document.title}: text already in #{old_id}")
        return AddOutcome("unchanged", old_id, document.title, articles, old_id, "the stored version already holds this text")
    if decision == "merged":
        return merge_part(store, conn, old_id, document, clauses)
    document = store._inherit_metadata(document, conn, old_id)
    if decision == "conflict":
        doc_id = store._insert(conn, document, clauses, digest, "conflict", old_id)
        detail = (f"differs from the stored version #{old_id}; kept beside it as #{doc_id}, not in use "
                  f"(`lawkb doctor` lists it; `lawkb versions --restore {doc_id}` or --replace uses it)")
        store._log(conn, document.source, "conflict", f"{document.title}: {detail}")
        return AddOutcome("conflict", doc_id, document.title, articles, old_id, detail)
    doc_id = store._insert(conn, document, clauses, digest, "active")
    for stale in same:
        conn.execute("UPDATE documents SET state='replaced', replaced_by=? WHERE id=?", (doc_id, stale))
    detail = f"replaced #{old_id}, which is kept (`lawkb versions --restore {old_id}` undoes this)"
    store._log(conn, document.source, "replaced", f"{document.title}: {detail}")
    return AddOutcome("replaced", doc_id, document.title, articles, old_id, detail)


def restore_version(store, conn: sqlite3.Connection, document_id: int):
    """ClauseStore.restore's work inside the caller's transaction."""
    from kb.errors import NotFoundError
    from kb.store import AddOutcome

    row = conn.execute("SELECT title, version_date, promulgation_date, state FROM documents WHERE id=?",
                       (document_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no document with id {document_id}; `lawkb versions TITLE` lists the ids")
    title, version, promulgated, state = row
    articles = conn.execute("SELECT count(*) FROM clauses WHERE document_id=? AND kind='article'",
                            (document_id,)).fetchone()[0]
    if state == "active":
        return AddOutcome("unchanged", document_id, title, articles, detail="already the version in use")
    probe = Document(title=title, version_date=version, promulgation_date=promulgated)
    displaced = [old_id for old_id, v, p in conn.execute(
        "SELECT id, version_date, promulgation_date FROM documents WHERE title=? AND state='active'", (title,))
        if same_version(probe, v, p)]
    for old_id in displaced:
        conn.execute("UPDATE documents SET state='replaced', replaced_by=? WHERE id=?", (document_id, old_id))
    conn.execute("UPDATE documents SET state='active', replaced_by=NULL WHERE id=?", (document_id,))
    shown = ", ".join(f"#{i}" for i in displaced) or "none"
    detail = f"#{document_id} restored; replaced {shown}, which is kept"
    store._log(conn, f"restore #{document_id}", "replaced", f"{title}: {detail}")
    return AddOutcome("replaced", document_id, title, articles, displaced[0] if displaced else None, detail)


def kept_versions(store, title: str | None = None) -> list[tuple[Document, str, int | None]]:
    """(document, state, replaced_by) of every version kept out of use, of one title or all."""
    from kb.store import DOC_COLUMNS, document_from_row

    sql = f"SELECT {', '.join(DOC_COLUMNS)}, state, replaced_by FROM documents WHERE state!='active'"
    rows = store.connection.execute(sql + (" AND title=? ORDER BY id" if title else " ORDER BY id"),
                                    (title,) if title else ()).fetchall()
    return [(document_from_row(row[:len(DOC_COLUMNS)]), row[-2], row[-1]) for row in rows]


def parts(store, document_id: int) -> list[dict]:
    """The files a merged version was put together from (empty for a version from one file)."""
    rows = store.connection.execute(
        "SELECT source, subtitle, articles, first_article, last_article, at FROM document_parts "
        "WHERE document_id=? ORDER BY rowid", (int(document_id),)).fetchall()
    return [dict(zip(("source", "subtitle", "articles", "first_article", "last_article", "at"), r)) for r in rows]


def conflicts(store, titles: set[str] | None = None) -> list[dict]:
    """Every text kept as a conflict beside the version in use (for ``lawkb doctor``)."""
    found = []
    for kept, state, beside in store.kept_versions():
        if state != "conflict" or (titles is not None and kept.title not in titles):
            continue
        try:
            used = store.document(beside)
            used_clauses = store.clauses(beside)
        except Exception:  # the version it stood beside was itself replaced since: compare with none
            used, used_clauses = None, []
        diff = difference(used_clauses, store.clauses(kept.id))
        advice = (f"`lawkb versions --restore {kept.id}` uses the kept text" if not diff.only_stored else
                  f"the kept text lacks {diff.only_stored} article(s) of the version in use, so restoring it would "
                  f"take them out of use: compare the differing articles instead")
        found.append({"law": kept.title, "version": kept.version_date, "in_use": beside,
                      "in_use_source": used.source if used else None, "kept": kept.id, "kept_source": kept.source,
                      "difference": diff.describe(),
                      "message": f"#{beside} in use, #{kept.id} kept ({kept.source}): {diff.describe()}; {advice}"})
    return found
