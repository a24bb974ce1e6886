"""The corpus behind the app, its searchers, and per-corpus page caches.

One ``WebState`` per app (``app.extensions['lawkb']``). The page caches follow the corpus's
``generation``: ``invalidate()`` (after an import) is ``corpus.refresh()``, which drops everything
derived from the store, these pages included.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import OrderedDict
from datetime import date

from flask import current_app

from kb.clause import Document
from kb.corpus import Corpus
from kb.errors import StoreError
from kb.search import SearchFilters
from kb.search.searchers import get_searcher
from webapp.render import query_terms




class StoreMissing(StoreError):
    """The corpus has no clause store yet."""


class WebState:
    def __init__(self, app):
        self.config = app.config
        self.lock = threading.RLock()
        self._corpus: Corpus | None = None
        self._outlines: dict[int, list[tuple[int, str, tuple[str, ...]]]] = {}
        self.pages: OrderedDict[tuple, str] = OrderedDict()  # rendered-page cache (law pages)
        self._generation = None  # the corpus generation the page caches were built from

    # -- corpus ------------------------------------------------------------------------------------
    @property
    def corpus(self) -> Corpus:
        if self._corpus is None:
            with self.lock:
                if self._corpus is None:
                    directory = self.config.get("CORPUS_DIR")
                    overrides = {"HOME": self.config.get("HOME"), "CORPUS": self.config.get("CORPUS")}
                    self._corpus = Corpus(directory, overrides=overrides)
        if not self._corpus.exists:
            path = self._corpus.store_path
            raise StoreMissing(f"no clause store at {path}; run `lawkb ingest` first",
                               zh=f"法规库尚未建立（{path} 不存在）：请先运行 `lawkb ingest`")
        return self._corpus

    def invalidate(self) -> None:
        """The store or the index changed: forget what was derived from them."""
        with self.lock:
            if self._corpus is not None:
                self._corpus.refresh()

    def _fresh_caches(self) -> None:
        """Drop the page caches when the corpus has refreshed since they were filled."""
        generation = self.corpus.generation
        if generation != self._generation:
            with self.lock:
                self._outlines.clear()
                self.pages.clear()
                self._generation = generation

    # -- search ------------------------------------------------------------------------------------
    def searcher(self, kind: str | None = None):
        kind = kind or self.config.get("SEARCHER_KIND") or "hybrid"
        factory = self.config.get("SEARCHER_FACTORY") or get_searcher
        return factory(self.corpus, kind=kind)

    # -- documents -------------------------------------------------------------------------------
    def outline(self, document_id: int) -> list[tuple[int, str, tuple[str, ...]]]:
        """(clause id, article label, path) of every article of a version, in order (cached)."""
        self._fresh_caches()
        found = self._outlines.get(document_id)
        if found is None:
            found = [(c.id, c.article_label, c.path) for c in self.corpus.store.clauses(document_id, kinds=("article",))]
            self._outlines[document_id] = found
        return found

    def laws(self) -> list[tuple[str, list[Document], Document]]:
        """(title, versions oldest first, version shown by default) for every title (cached)."""
        def build():
            store = self.corpus.store
            by_title: dict[str, list[Document]] = {}
            for doc in store.documents():
                by_title.setdefault(doc.title, []).append(doc)
            result = []
            for title in sorted(by_title):
                versions = store.versions(title) if len(by_title[title]) > 1 else by_title[title]
                result.append((title, versions, store.current_version(title) if len(versions) > 1 else versions[0]))
            return result
        return self.cached_page(("laws",), build)

    def status(self, document: Document, day: str | None = None) -> str:
        status = self.corpus.store.status_on(document, day or date.today().isoformat())
        return document.status if status == "unknown" else status

    def cached_page(self, key: tuple, render) -> str:
        self._fresh_caches()
        page = self.pages.get(key)
        if page is None:
            page = render()
            with self.lock:
                self.pages[key] = page
                while len(self.pages) > 64:
                    self.pages.popitem(last=False)
        return page


def state() -> WebState:
    app = current_app._get_current_object()
    found = app.extensions.get("lawkb")
    if found is None:
        found = app.extensions.setdefault("lawkb", WebState(app))
    return found


def limit_native_threads(threads: int = 1) -> None:
    """One BLAS/OpenMP thread per request thread when serving.

    The dense search is a numpy matrix product; with several waitress threads each starting a full
    BLAS thread pool, the pools fight over the cores (measured 3x slower under 8 concurrent
    searches on 2 cores). The server's threads already give the parallelism.
    """
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, str(threads))
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(threads)
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        pass
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)


def warm_up(app) -> str:
    """Load the store, the law names, the searcher and the tokenizer before the first visitor does.
    Returns what happened (for a log line); never raises."""
    with app.app_context():
        web = state()
        try:
            web.laws()
            web.corpus.law_names
            query_terms("企业超标排放如何处罚")
            from webapp.laws.pinyin import sort_key  # webapp.laws imports this module

            sort_key("法规目录")  # loads pypinyin's dictionaries (about 0.7 s) before the law list needs them
            web.searcher().search("企业超标排放如何处罚", 10, SearchFilters())
            return "search index loaded"
        except Exception as exc:  # reported, the pages say the same on use
            return f"not ready: {exc}"
