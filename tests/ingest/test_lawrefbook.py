"""The whole LawRefBook/Laws collection (../shared/data/lawrefbook) imported next to the national laws:
no real law file fails, what is not a law is skipped, and no stored or imported text is lost."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from ingest import lawsdb, markdown
from ingest.errors import IngestError
from ingest.pipeline import ingest_paths
from kb.store import ClauseStore
from kb.versions import comparable


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    from tests.conftest import SHARED_DATA

    folder = SHARED_DATA / "lawrefbook"
    if not folder.exists():
        pytest.skip("../shared/data is not present (development data only)")
    from kb.corpus import Corpus

    corpus = Corpus(tmp_path_factory.mktemp("lawrefbook") / "corpus")
    store = corpus.create_store()
    national = ingest_paths(store, [lawsdb.default_laws_db()])
    before = {(d.title, d.version_date): len(store.clauses(d.id, kinds=("article",))) for d in store.documents()}
    report = ingest_paths(store, [folder])
    corpus.refresh()
    return folder, store, national, before, report, corpus


@pytest.mark.slow
def test_no_real_law_file_fails_and_non_laws_are_skipped(imported):
    folder, _store, national, _before, report, _corpus = imported
    assert national.failed == []
    assert [f.error for f in report.failed] == []
    skipped = {Path(f.path).relative_to(folder).as_posix(): f.reason for f in report.skipped}
    hugo = {p.relative_to(folder).as_posix() for p in folder.rglob("_index.md")}
    assert hugo and {name: skipped.get(name) for name in hugo} == dict.fromkeys(hugo, "not a law")
    assert skipped["法律法规模版.md"] == "not a law"
    others = {name: reason for name, reason in skipped.items() if name not in hugo and name != "法律法规模版.md"}
    # header-only files (the collection has no text for them) and one guide, each named with its reason
    assert set(others.values()) <= {"no text", "not a law"} and len(others) <= 8, others
    assert all(f.error and f.error.startswith(f.path) for f in report.skipped)
    assert len(report.files) == len(list(folder.rglob("*.md")))


@pytest.mark.slow
def test_the_civil_code_and_every_national_law_keep_their_articles(imported):
    _folder, store, _national, before, _report, _corpus = imported
    code = store.current_version("中华人民共和国民法典")
    assert len(store.clauses(code.id, kinds=("article",))) == 1260
    after = defaultdict(list)
    for document in store.documents():
        after[(document.title, document.version_date)].append(len(store.clauses(document.id, kinds=("article",))))
    lost = {key: (count, after.get(key)) for key, count in before.items() if after.get(key) != [count]}
    assert lost == {}


@pytest.mark.slow
def test_every_imported_article_is_stored_somewhere(imported):
    """Nothing of the collection is lost: each parsed clause is in a stored version (in use or kept)."""
    folder, store, _national, _before, report, _corpus = imported
    stored: dict[str, set[str]] = defaultdict(set)
    for (title, text) in store.connection.execute(
            "SELECT d.title, c.text FROM clauses c JOIN documents d ON d.id = c.document_id"):
        stored[title].add(comparable(text))
    missing = Counter()
    imported_files = [Path(f.path) for f in report.files if f.outcome not in ("skipped", "failed")]
    assert len(imported_files) > 3300
    for path in imported_files:
        try:
            clauses = list(markdown.parse(path))
        except IngestError as exc:  # pragma: no cover - would have failed the import too
            pytest.fail(str(exc))
        for clause in clauses:
            if comparable(clause.text) not in stored[clause.law]:
                missing[path.name] += 1
    assert missing == Counter()
    outcomes = Counter(f.outcome for f in report.files)
    assert outcomes["merged"] + outcomes["conflict"] + outcomes["unchanged"] >= 8  # the 民法典 parts
    assert re.search(r"\d+ skipped", report.summary())


@pytest.mark.slow
def test_citations_of_regulations_and_local_law_resolve_with_their_level(imported):
    from kb.search.query import run_search

    corpus = imported[-1]
    for query, level, region in (("《医疗废物管理条例》第四十五条", "行政法规", None),
                                 ("《上海市环境保护条例》第一条", "地方性法规", "上海市")):
        result = run_search(corpus, query, 5)  # a citation needs no index
        assert result.kind == "citation"
        record = result.hits[0].to_record()
        assert (record["citation"], record["level"], record["region"]) == (query, level, region)
    doc = corpus.store.current_version("公安机关办理行政案件程序规定")
    assert (doc.level, doc.issuing_body) == ("部门规章", "公安部")
