"""The clause store: versions, idempotent adds, replacement, status on a date, atomicity."""

from dataclasses import replace

import pytest

from kb.clause import Clause
from kb.errors import StoreError
from kb.store import ClauseStore
from tests.corpus_builders import make_document


def test_add_is_idempotent_and_versions_are_kept(tmp_path):
    store = ClauseStore(tmp_path / "s.sqlite", create=True)
    doc, clauses = make_document("中华人民共和国宪法", ["第一条文本。", "第二条文本。"],
                                 version_date="1982-12-04", effective_date="1982-12-04", status="历史版本")
    new, new_clauses = make_document("中华人民共和国宪法", ["第一条新文本。", "第二条文本。", "第三条。"],
                                     version_date="2018-03-11", effective_date="2018-03-11")
    outcomes = [store.add_document(doc, clauses).outcome, store.add_document(doc, clauses).outcome,
                store.add_document(new, new_clauses).outcome]
    assert outcomes == ["added", "unchanged", "new_version"]
    versions = store.versions("中华人民共和国宪法")
    assert [(v.version_date, v.status) for v in versions] == [("1982-12-04", "历史版本"), ("2018-03-11", "现行有效")]
    assert store.counts() == {"documents": 2, "articles": 5, "other_text": 0, "paragraphs": 5, "items": 0,
                              "kept_versions": 0}


def test_same_version_from_another_source_replaces_it(tmp_path):
    store = ClauseStore(tmp_path / "s.sqlite", create=True)
    damaged, clauses = make_document("中华人民共和国生态环境法典", ["甲。", "乙。丙。"], version_date="2026-03-12")
    store.add_document(damaged, clauses)
    official, official_clauses = make_document("中华人民共和国生态环境法典", ["甲。", "乙。", "丙。"],
                                               version_date="2026-03-12", source="official.docx")
    assert store.add_document(official, official_clauses).outcome == "replaced"
    [only] = store.versions("中华人民共和国生态环境法典")
    assert only.source == "official.docx"
    assert [c.text for c in store.clauses(only.id)] == ["甲。", "乙。", "丙。"]


def test_paragraph_and_item_rows(tmp_path):
    store = ClauseStore(tmp_path / "s.sqlite", create=True)
    doc, clauses = make_document("某法", ["有下列情形之一的：\n（一）甲；\n（二）乙。\n前款规定的情形除外。"])
    store.add_document(doc, clauses)
    rows = store.connection.execute("SELECT paragraph, item, text FROM paragraphs ORDER BY rowid").fetchall()
    assert rows == [(1, None, "有下列情形之一的："), (1, 1, "（一）甲；"), (1, 2, "（二）乙。"), (2, None, "前款规定的情形除外。")]


def test_status_on_dates(small_corpus):
    store = small_corpus.store
    [env] = store.versions("中华人民共和国环境保护法")
    [code] = store.versions("中华人民共和国生态环境法典")
    assert env.repeal_date == "2026-08-15"
    assert env.repeal_basis == "《中华人民共和国生态环境法典》第三条"
    assert [store.status_on(env, d) for d in ("2014-12-31", "2015-01-01", "2026-08-14", "2026-08-15")] == \
        ["尚未生效", "现行有效", "现行有效", "已废止"]
    assert [store.status_on(code, d) for d in ("2026-08-14", "2026-08-15")] == ["尚未生效", "现行有效"]
    assert store.version_on("中华人民共和国环境保护法", "2026-09-01") is None


def test_unknown_when_repeal_date_cannot_be_derived(tmp_path):
    store = ClauseStore(tmp_path / "s.sqlite", create=True)
    doc, clauses = make_document("中华人民共和国乡镇企业法", ["甲。"], status="已废止", effective_date="1997-01-01")
    store.add_document(doc, clauses)
    [stored] = store.versions("中华人民共和国乡镇企业法")
    assert store.status_on(stored, "2000-01-01") == "unknown"


def test_failed_transaction_leaves_store_unchanged(tmp_path):
    store = ClauseStore(tmp_path / "s.sqlite", create=True)
    doc, clauses = make_document("某法", ["甲。"])
    store.add_document(doc, clauses)
    before = store.counts()
    bad = [Clause(document=doc, text=None, article=1)]  # NOT NULL violation mid-transaction
    other, other_clauses = make_document("另法", ["乙。"])
    with pytest.raises(Exception):
        with store.transaction() as conn:
            store.add_document(other, other_clauses, conn)
            store.add_document(replace(doc, title="第三法"), bad, conn)
    assert store.counts() == before



def test_ctrl_c_after_commit_stays_a_keyboard_interrupt(tmp_path):
    """A Ctrl-C that lands once the transaction has ended (after COMMIT) must reach the caller as
    KeyboardInterrupt — not as "cannot rollback - no transaction is active", which the import took for
    a bad file and went on (tests/ingest/test_interrupted.py[ctrl-c] failed on it now and then)."""
    store = ClauseStore(tmp_path / "s.sqlite", create=True)
    doc, clauses = make_document("某法", ["甲。"])
    with pytest.raises(KeyboardInterrupt):
        with store.transaction() as conn:
            store.add_document(doc, clauses, conn)
            conn.execute("COMMIT")
            raise KeyboardInterrupt
    assert store.counts()["documents"] == 1

def test_missing_and_corrupt_store(tmp_path):
    with pytest.raises(StoreError, match="run `lawkb ingest`"):
        ClauseStore(tmp_path / "missing.sqlite")
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="is not an SQLite database .*lawkb restore"):
        ClauseStore(corrupt)


def test_replacing_text_keeps_dates_and_status_it_does_not_state(tmp_path):
    store = ClauseStore(tmp_path / "s.sqlite", create=True)
    damaged, clauses = make_document("中华人民共和国环境保护法", ["甲。乙。"], version_date="2014-04-24",
                                     effective_date="2015-01-01", status="已废止", issuing_body="全国人大常委会")
    store.add_document(damaged, clauses)
    official, official_clauses = make_document("中华人民共和国环境保护法", ["甲。", "乙。"],
                                               version_date="2014-04-24", source="official.docx")
    assert store.add_document(official, official_clauses).outcome == "replaced"
    [only] = store.versions("中华人民共和国环境保护法")
    assert (only.effective_date, only.status, only.issuing_body, only.source) == (
        "2015-01-01", "已废止", "全国人大常委会", "official.docx")


def test_corpus_hash_follows_changes_from_any_connection(tmp_path):
    path = tmp_path / "s.sqlite"
    reader, writer = ClauseStore(path, create=True), None
    empty = reader.corpus_hash()
    writer = ClauseStore(path)
    writer.add_document(*make_document("某法", ["甲。"]))
    after_other = reader.corpus_hash()                 # a commit by another connection
    assert after_other != empty and after_other == writer.corpus_hash()
    reader.add_document(*make_document("另法", ["乙。"]))  # this connection's own change
    assert reader.corpus_hash() not in (empty, after_other)
    [doc] = [d for d in reader.documents() if d.title == "某法"]
    reader.set_repeal(doc.id, "2020-01-01", "《另法》第一条")
    assert writer.corpus_hash() == reader.corpus_hash()
def test_amended_version_has_its_own_effective_date_and_the_law_stays_in_force_before_it(tmp_path):
    """laws.db gave the 2018 version of 大气污染防治法 the 2016 date; the version now says 2018-10-26
    and the law (no earlier text stored) is still in force in 2017."""
    store = ClauseStore(tmp_path / "s.sqlite", create=True)
    doc, clauses = make_document("中华人民共和国大气污染防治法", ["第一条。"], version_date="2018-10-26",
                                 promulgation_date="2018-10-26", effective_date="2018-10-26",
                                 law_effective_date="2016-01-01")
    store.add_document(doc, clauses)
    [stored] = store.documents()
    assert (stored.effective_date, stored.law_effective_date) == ("2018-10-26", "2016-01-01")
    assert [store.status_on(stored, d) for d in ("2015-12-31", "2017-03-01", "2019-01-01")] == ["尚未生效", "现行有效", "现行有效"]
    older, older_clauses = make_document("中华人民共和国大气污染防治法", ["第一条（旧）。"], version_date="2015-08-29",
                                         effective_date="2016-01-01")
    store.add_document(older, older_clauses)
    newer = store.versions("中华人民共和国大气污染防治法")[-1]
    assert store.status_on(newer, "2017-03-01") == "尚未生效"      # the stored 2015 text stands for 2017
    assert store.version_on("中华人民共和国大气污染防治法", "2017-03-01").version_date == "2015-08-29"


def test_same_text_with_corrected_dates_is_updated(tmp_path):
    store = ClauseStore(tmp_path / "s.sqlite", create=True)
    doc, clauses = make_document("中华人民共和国安全生产法", ["第一条。"], version_date="2021-06-10",
                                 effective_date="2002-11-01")
    store.add_document(doc, clauses)
    before = store.corpus_hash()
    fixed = replace(doc, effective_date="2021-06-10", law_effective_date="2002-11-01")
    assert store.add_document(fixed, [replace(c, document=fixed) for c in clauses]).outcome == "updated"
    assert store.documents()[0].effective_date == "2021-06-10" and store.corpus_hash() != before
    assert store.add_document(fixed, [replace(c, document=fixed) for c in clauses]).outcome == "unchanged"


def test_schema_1_store_is_migrated(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite"
    store = ClauseStore(path, create=True)
    store.add_document(*make_document("中华人民共和国某法", ["第一条。"]))
    hash_before = store.corpus_hash()
    store.close()
    conn = sqlite3.connect(path)       # make it a schema-1 store: no law_effective_date, region columns
    conn.executescript("ALTER TABLE documents DROP COLUMN law_effective_date; "
                       "ALTER TABLE documents DROP COLUMN region; UPDATE meta SET value='1';")
    conn.close()
    store = ClauseStore(path)
    [doc] = store.documents()
    assert doc.law_effective_date is None and doc.region is None and store.corpus_hash() == hash_before
    assert store.connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("3",)
