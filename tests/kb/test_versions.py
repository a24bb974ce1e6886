"""Texts of an already stored version: parts merge, nothing is lost, replacements are kept and undone."""

import pytest

from kb.errors import NotFoundError
from kb.store import ClauseStore
from kb.versions import decide
from tests.corpus_builders import downgrade_to_schema_2, make_document

TITLE = "中华人民共和国某某法典"


def part(first: int, texts: list[str], subtitle: str, **fields):
    """A part of the code whose articles are numbered from `first`, under a 编 heading."""
    doc, clauses = make_document(TITLE, [f"{subtitle}|{t}" for t in texts], version_date="2020-05-28", **fields)
    return doc, [c.__class__(**{**c.__dict__, "article": first + i}) for i, c in enumerate(clauses)]


def articles(store, doc_id):
    return [(c.article, c.text) for c in store.clauses(doc_id, kinds=("article",))]


def test_parts_of_one_law_merge_in_article_order_whatever_the_file_order(tmp_path):
    store = ClauseStore(tmp_path / "s.sqlite", create=True)
    second = part(3, ["丙。", "丁。"], "物权编", source="物权编.md")
    first = part(1, ["甲。", "乙。"], "总则", source="总则.md")
    last = part(5, ["本法自2021年1月1日起施行。"], "附则", source="附则.md")
    outcomes = [store.add_document(*p) for p in (second, first, last)]
    assert [o.outcome for o in outcomes] == ["added", "merged", "merged"]
    [version] = store.versions(TITLE)
    assert articles(store, version.id) == [(1, "甲。"), (2, "乙。"), (3, "丙。"), (4, "丁。"), (5, "本法自2021年1月1日起施行。")]
    assert [c.path for c in store.clauses(version.id)][:3] == [("总则",), ("总则",), ("物权编",)]
    assert [p["source"] for p in store.parts(version.id)] == ["物权编.md", "总则.md", "附则.md"]
    assert "merged into" in outcomes[1].detail and "5 articles now" in outcomes[2].detail
    # importing a part again changes nothing; the index sees one version
    assert store.add_document(*first).outcome == "unchanged"
    assert store.counts()["articles"] == 5 and store.counts()["documents"] == 1


def test_a_part_never_replaces_the_whole_law(tmp_path):
    """The 民法典 data loss: a file holding one 编 must not replace the stored Code."""
    store = ClauseStore(tmp_path / "s.sqlite", create=True)
    store.add_document(*part(1, ["甲。", "乙。", "丙。", "丁。"], "第一编"))
    same_text = part(3, ["丙。", "丁。"], "物权编", source="物权编.md")
    assert store.add_document(*same_text).outcome == "unchanged"
    other_text = part(3, ["丙（另一文本）。", "丁。"], "物权编", source="物权编-2.md")
    outcome = store.add_document(*other_text)
    assert outcome.outcome == "conflict" and "kept beside it" in outcome.detail
    [version] = store.versions(TITLE)
    assert len(articles(store, version.id)) == 4                 # the Code keeps every article
    [(kept, state, beside)] = store.kept_versions(TITLE)
    assert (state, beside, kept.source) == ("conflict", version.id, "物权编-2.md")
    assert articles(store, kept.id) == [(3, "丙（另一文本）。"), (4, "丁。")]   # nothing lost either
    assert store.counts()["kept_versions"] == 1


def test_fewer_articles_need_replace_and_replacement_can_be_undone(tmp_path):
    store = ClauseStore(tmp_path / "s.sqlite", create=True)
    whole = store.add_document(*part(1, ["甲。", "乙。", "丙。"], "第一编", source="whole.md"))
    shorter = part(1, ["甲（新）。", "乙。"], "第一编", source="short.md")
    assert store.add_document(*shorter).outcome == "conflict"
    replaced = store.add_document(*shorter, replace_existing=True)
    # the same text is already kept as a conflict: --replace puts that one in use
    assert replaced.outcome == "replaced" and replaced.previous == whole.document_id
    [version] = store.versions(TITLE)
    assert version.source == "short.md"
    kept = {doc.id: state for doc, state, _ in store.kept_versions(TITLE)}
    assert kept == {whole.document_id: "replaced"}
    undone = store.restore(whole.document_id)
    assert undone.outcome == "replaced" and "kept" in undone.detail
    [version] = store.versions(TITLE)
    assert version.id == whole.document_id and len(articles(store, version.id)) == 3
    with pytest.raises(NotFoundError, match="lawkb versions"):
        store.restore(99999)


def test_a_text_with_every_article_and_more_replaces_and_keeps_the_old_one(tmp_path):
    store = ClauseStore(tmp_path / "s.sqlite", create=True)
    damaged = store.add_document(*part(1, ["甲。乙。"], "第一编", source="db"))
    outcome = store.add_document(*part(1, ["甲。", "乙。"], "第一编", source="official.docx"))
    assert outcome.outcome == "replaced" and f"restore {damaged.document_id}" in outcome.detail
    [(old, state, by)] = store.kept_versions(TITLE)
    assert (old.id, state, by) == (damaged.document_id, "replaced", outcome.document_id)


def test_decide_rules():
    a = part(1, ["甲。", "乙。"], "一")[1]
    assert decide(a, part(1, ["甲。"], "一")[1]) == "unchanged"
    assert decide(a, part(1, ["甲 。"], "一")[1]) == "unchanged"          # white space only
    assert decide(a, part(3, ["丙。"], "二")[1]) == "merged"
    assert decide(a, part(2, ["乙。", "丙。"], "一")[1]) == "conflict"    # overlapping numbering
    assert decide(a, part(1, ["甲。", "乙。", "丙。"], "一")[1]) == "replaced"
    assert decide(a, part(1, ["甲!", "乙。"], "一")[1]) == "conflict"
    assert decide(a, part(1, ["甲!"], "一")[1], replace_existing=True) == "replaced"


def test_schema_2_store_is_migrated_in_place(tmp_path):
    path = tmp_path / "old.sqlite"
    store = ClauseStore(path, create=True)
    store.add_document(*make_document("某法", ["甲。"]))
    store.close()
    downgrade_to_schema_2(path)  # law_effective_date, no state
    reopened = ClauseStore(path)
    assert [d.title for d in reopened.documents()] == ["某法"]
    assert reopened.connection.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == "3"
    assert reopened.add_document(*make_document("另法", ["乙。"], region="上海市")).outcome == "added"
    assert {d.title: d.region for d in reopened.documents()} == {"某法": None, "另法": "上海市"}
