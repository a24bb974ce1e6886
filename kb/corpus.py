"""One corpus in the data home: its clause store, its indexes, and everything derived from them.

``Corpus`` owns every per-corpus cache: the law names, the citation finder, the loaded search
index, the answerer's word weights, the concordances… Modules ask ``corpus.cached(key, build)``;
``corpus.refresh()`` forgets them all (and the store's own cache) after the store or the index
changed, and counts one more ``generation``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable, Hashable

from kb import settings
from kb.law_names import LawNameIndex
from kb.store import ClauseStore


class Corpus:
    """<HOME>/corpora/<CORPUS>/ holding store.sqlite and index/."""

    def __init__(self, directory: str | Path | None = None, overrides: dict | None = None):
        self.overrides = dict(overrides or {})
        self.dir = Path(directory) if directory else settings.corpus_dir(self.overrides)
        self.store_path = self.dir / "store.sqlite"
        self.index_dir = self.dir / "index"
        self.generation = 0             # how many times refresh() has run
        self._store: ClauseStore | None = None
        self._caches: dict[Hashable, Any] = {}
        self._lock = threading.RLock()
        # A loaded search index (kb.search.searchers.IndexBundle) this corpus answers with, whatever
        # happens on disk: a server pins the index it serves and switches to a new build only once
        # that build is loaded (webapp.live); None: the index on disk, checked on every search.
        self.index_pin = None

    def setting(self, name: str):
        return settings.get(name, self.overrides)

    @property
    def exists(self) -> bool:
        return self.store_path.exists()

    @property
    def store(self) -> ClauseStore:
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = ClauseStore(self.store_path, create=False)
        return self._store

    def create_store(self) -> ClauseStore:
        self.dir.mkdir(parents=True, exist_ok=True)
        with self._lock:
            self._store = ClauseStore(self.store_path, create=True)
        self.refresh()
        return self._store

    @property
    def law_names(self) -> LawNameIndex:
        return self.cached("law_names", lambda: LawNameIndex(self.store.titles()))

    # -- caches ------------------------------------------------------------------------------------
    def cached(self, key: Hashable, build: Callable[[], Any], valid: Callable[[Any], bool] | None = None) -> Any:
        """The value kept under ``key``, built (outside the lock) when missing or no longer ``valid``."""
        with self._lock:
            generation = self.generation
            if key in self._caches and (valid is None or valid(self._caches[key])):
                return self._caches[key]
        value = build()
        with self._lock:
            if generation == self.generation:  # a refresh() meanwhile: do not keep a stale value
                self._caches[key] = value
        return value

    def forget(self, key: Hashable) -> None:
        with self._lock:
            self._caches.pop(key, None)

    def refresh(self) -> None:
        """Forget everything derived from the store and the index (after an import or an index build)."""
        with self._lock:
            self._caches.clear()
            if self._store is not None:
                self._store.forget_cache()
            self.generation += 1
