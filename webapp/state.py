"""The corpus behind the app, its searchers, and per-corpus page caches.

One ``WebState`` per app (``app.extensions['lawkb']``). The corpus, its pinned search index and the
page caches belong to a generation (``webapp.live``): a request uses the generation current when it
first asks and keeps it; a changed store or a new index build becomes the next generation, switched
in atomically once ready. ``invalidate()`` (after an import in this process) switches before it returns.
"""

from __future__ import annotations

import os
import sys
import threading
from datetime import date

from flask import current_app, g, has_request_context

from kb import settings
from kb.clause import Document
from kb.corpus import Corpus
from kb.errors import StoreError
from kb.search import SearchFilters
from kb.search.searchers import searcher_from
from webapp.live import Generation, LiveCorpus, warm_penalty
from webapp.render import query_terms




class StoreMissing(StoreError):
    """The corpus has no clause store yet."""


class WebState:
    def __init__(self, app):
        self.config = app.config
        self.lock = threading.RLock()
        self.live = LiveCorpus(self._new_corpus, check_every=float(app.config.get("RELOAD_CHECK_SECONDS") or 0),
                               on_generation=warm_penalty if app.config.get("WARM_PENALTY") else None)

    def _new_corpus(self) -> Corpus:
        # the app's settings (defaults < instance config < LAWKB_* < test config) for the library too
        overrides = {setting.name: self.config.get(setting.name) for setting in settings.SETTINGS}
        return Corpus(self.config.get("CORPUS_DIR"), overrides=overrides)

    # -- corpus ------------------------------------------------------------------------------------
    def generation(self) -> Generation:
        """The generation this request uses (the same one for all of the request)."""
        if has_request_context():
            found = g.get("lawkb_generation")
            if found is None:
                found = g.lawkb_generation = self.live.generation()
            return found
        return self.live.generation()

    @property
    def corpus(self) -> Corpus:
        corpus = self.generation().corpus
        if not corpus.exists:
            path = corpus.store_path
            raise StoreMissing(f"no clause store at {path}; run `lawkb ingest` first",
                               zh=f"法规库尚未建立（{path} 不存在）：请先运行 `lawkb ingest`")
        return corpus

    def invalidate(self) -> None:
        """The store or the index changed in this process: switch to the new generation now."""
        self.live.check(wait=True)
        if has_request_context():
            g.pop("lawkb_generation", None)

    # -- search ------------------------------------------------------------------------------------
    def searcher(self, kind: str | None = None):
        kind = kind or self.config.get("SEARCHER_KIND") or "hybrid"
        factory = self.config.get("SEARCHER_FACTORY")
        if factory is not None:
            return factory(self.corpus, kind=kind)
        self.corpus  # StoreMissing first
        generation = self.generation()
        generation.pin_index()
        return searcher_from(generation.corpus.index_pin, kind)

    def neural_progress(self) -> dict | None:
        """How far the neural vectors of the loaded index are (for the status line), or None when
        the neural encoder is off or no index is loaded. Cheap: counts kept by the loaded index,
        the encoder's lock and its status file."""
        from kb.errors import LawKBError
        from kb.search.encode_job import encoder_running, read_status
        from kb.search.searchers import bundle_for

        try:
            corpus = self.corpus
            model = bundle_for(corpus).neural_model()
            if model is None:
                return None
            model.refresh()
        except LawKBError:
            return None
        job = read_status(corpus)
        running = encoder_running(corpus)
        rows, done = model.rows, model.n_covered
        left = max(0, (job.get("texts") or 0) - (job.get("encoded") or 0))
        rate = job.get("rate") if running and job.get("model") == model.name else None
        return {"model": model.name, "rows": rows, "covered": done, "complete": done >= rows,
                "percent": int(100 * done / rows) if rows else 100, "running": running,
                "eta_minutes": round(left / rate / 60) if rate and left else None,
                "failed": (job.get("error") or "") if job.get("state") == "failed" else ""}

    # -- documents -------------------------------------------------------------------------------
    def outline(self, document_id: int) -> list[tuple[int, str, tuple[str, ...]]]:
        """(clause id, article label, path) of every article of a version, in order (cached)."""
        outlines = self.generation().outlines
        found = outlines.get(document_id)
        if found is None:
            found = [(c.id, c.article_label, c.path) for c in self.corpus.store.clauses(document_id, kinds=("article",))]
            outlines[document_id] = found
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
        generation = self.generation()
        page = generation.pages.get(key)
        if page is None:
            page = render()
            with generation.lock:
                generation.pages[key] = page
                while len(generation.pages) > 64:
                    generation.pages.popitem(last=False)
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

