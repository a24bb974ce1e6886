"""One corpus in the data home: its clause store, its indexes and its law names."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

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
        # A loaded search index (kb.search.searchers.IndexBundle) this corpus answers with, whatever
        # happens on disk: a server pins the index it serves and switches to a new build only once
        # that build is loaded (webapp.state); None: the index on disk, checked on every search.
        self.index_pin = None

    def setting(self, name: str):
        return settings.get(name, self.overrides)

    @property
    def exists(self) -> bool:
        return self.store_path.exists()

    @cached_property
    def store(self) -> ClauseStore:
        return ClauseStore(self.store_path, create=False)

    def create_store(self) -> ClauseStore:
        self.dir.mkdir(parents=True, exist_ok=True)
        store = ClauseStore(self.store_path, create=True)
        self.__dict__["store"] = store
        self.__dict__.pop("law_names", None)
        return store

    @cached_property
    def law_names(self) -> LawNameIndex:
        return LawNameIndex(self.store.titles())

    def refresh(self) -> None:
        """Forget cached names and searchers after the store changed."""
        for name in ("law_names", "searchers"):
            self.__dict__.pop(name, None)
