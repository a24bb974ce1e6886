"""The corpus owns its caches: one refresh() forgets everything derived from the store and index."""

from __future__ import annotations

import threading

from kb.citations import finder_for
from kb.corpus import Corpus
from kb.search.index_build import build_indexes
from kb.search.searchers import bundle_for
from kb.store import ClauseStore
from tests.corpus_builders import make_document


def test_refresh_forgets_names_finder_and_index_and_counts_a_generation(small_corpus):
    build_indexes(small_corpus, dense=False)
    names, finder, bundle = small_corpus.law_names, finder_for(small_corpus), bundle_for(small_corpus)
    assert small_corpus.law_names is names and finder_for(small_corpus) is finder and bundle_for(small_corpus) is bundle
    generation = small_corpus.generation
    small_corpus.refresh()
    assert small_corpus.generation == generation + 1
    assert small_corpus.law_names is not names and finder_for(small_corpus) is not finder
    assert bundle_for(small_corpus) is not bundle


def test_a_new_law_from_another_connection_is_seen_after_refresh(small_corpus):
    titles = small_corpus.store.titles()
    other = ClauseStore(small_corpus.store_path)  # e.g. `lawkb ingest` in another process
    document, clauses = make_document("中华人民共和国噪声污染防治法", ["为了防治噪声污染，制定本法。"])
    other.add_document(document, clauses)
    assert small_corpus.store.titles() == titles  # the documents are cached
    assert small_corpus.law_names.resolve("噪声污染防治法") == []
    small_corpus.refresh()
    assert "中华人民共和国噪声污染防治法" in small_corpus.store.titles()
    assert small_corpus.law_names.resolve("噪声污染防治法") == ["中华人民共和国噪声污染防治法"]


def test_cached_rebuilds_an_invalid_value_and_drops_one_built_across_a_refresh(tmp_path):
    corpus = Corpus(tmp_path / "c")
    assert corpus.cached("k", lambda: 1) == 1 and corpus.cached("k", lambda: 2) == 1
    assert corpus.cached("k", lambda: 3, valid=lambda value: value == 3) == 3
    corpus.forget("k")
    assert corpus.cached("k", lambda: 4) == 4

    started, go = threading.Event(), threading.Event()

    def slow():
        started.set()
        go.wait(5)
        return "stale"

    worker = threading.Thread(target=lambda: corpus.cached("slow", slow))
    worker.start()
    started.wait(5)
    corpus.refresh()  # the store changed while the value was being built
    go.set()
    worker.join(5)
    assert corpus.cached("slow", lambda: "fresh") == "fresh"
