"""Live re-index: the server notices a new store or index generation and switches to it atomically.

A ``Generation`` is one ``Corpus`` object opened for one state of the store and one index build,
with the search index it answers with pinned (``corpus.index_pin``) and its page caches. Every
request takes the current generation once (``webapp.state``) and keeps it to the end, so a page is
never built half from one state and half from another.

``LiveCorpus`` watches two keys, cheaply (one ``os.stat``, one ``PRAGMA data_version`` on a
read-only connection of its own, one ``readlink``), at most every ``check_every`` seconds:

- the store: its inode (a restore or a new store) and SQLite's ``data_version`` (any commit by
  another connection or process: ``lawkb ingest`` beside the server, the admin import);
- the index: the build the ``index`` link points at, and its manifest's mtime.

When one changes, a background thread prepares the next generation — a new Corpus, its documents and
law names read, and, if the index changed, the new build loaded and warmed — while requests go on
with the current one; then ``current`` is replaced in one assignment. While the index does not fit
the store yet (an import whose rebuild is running), the new generation keeps the previous index:
pages show the new documents at once, searches answer from the old index (no 503), and the rebuilt
index is switched in when it is loaded. A generation that cannot be prepared (a damaged store) is
logged and the current one keeps serving.

``on_generation`` (when given) is called with every generation once it is current, the first one and
each switched-in one: the app uses it to load the penalty table in a background thread (``warm_penalty``,
setting WARM_PENALTY), so the first visitor of 处罚依据 does not wait for its build.
"""

from __future__ import annotations

import gc
import logging
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kb.corpus import Corpus
from kb.errors import IndexMissingError, ModelError, StoreError
from kb.search.searchers import load_bundle

log = logging.getLogger("lawkb.live")
RELEASE_AFTER = 30.0  # seconds before a replaced generation's memory is collected


def index_key(corpus: Corpus) -> tuple:
    link = Path(corpus.index_dir)
    try:
        target = os.readlink(link) if link.is_symlink() else str(link)
        mtime = (link / "manifest.json").stat().st_mtime_ns
    except OSError:
        return ("", 0)
    return (target, mtime)


class StoreWatch:
    """(device, inode, data_version) of the store file, from a read-only connection of its own."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.lock = threading.Lock()
        self.conn: sqlite3.Connection | None = None
        self.inode: tuple | None = None

    def key(self) -> tuple | None:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return None
        inode = (stat.st_dev, stat.st_ino)
        with self.lock:
            try:
                if self.conn is None or inode != self.inode:
                    if self.conn is not None:
                        self.conn.close()
                    self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
                    self.inode = inode
                version = self.conn.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error:
                version = -1  # a damaged or locked file: opening the generation says what is wrong
        return (inode, version)

    def close(self) -> None:
        with self.lock:
            if self.conn is not None:
                self.conn.close()
                self.conn = None


@dataclass(eq=False)
class Generation:
    corpus: Corpus
    store_key: tuple | None
    index_key: tuple
    pages: OrderedDict = field(default_factory=OrderedDict)    # rendered-page cache
    outlines: dict = field(default_factory=dict)               # document id -> article outline
    lock: threading.RLock = field(default_factory=threading.RLock)
    created: float = field(default_factory=time.monotonic)

    def pin_index(self) -> None:
        """Load and pin the index now if this generation has none yet (IndexMissingError if unusable)."""
        if self.corpus.index_pin is None:
            with self.lock:
                if self.corpus.index_pin is None:
                    self.corpus.index_pin = load_index(self.corpus)


def load_index(corpus: Corpus):
    """The corpus's index on disk, loaded; when it was built for an earlier state of the store (an
    import whose rebuild has not finished, a restart meanwhile) it still answers, with a warning in
    the log, until the rebuilt index is switched in. IndexMissingError if it cannot be loaded."""
    try:
        return load_bundle(corpus)
    except IndexMissingError as exc:
        try:
            bundle = load_bundle(corpus, allow_stale=True)
        except (IndexMissingError, ModelError, StoreError):
            raise exc from None
        log.warning("lawkb: the search index was built for an earlier state of the store; it answers "
                    "until the rebuilt index is loaded (run `lawkb index` if no rebuild is running)")
        return bundle


class LiveCorpus:
    def __init__(self, make_corpus: Callable[[], Corpus], check_every: float = 0.25,
                 on_generation: Callable[[Generation], None] | None = None):
        self.make_corpus = make_corpus
        self.on_generation = on_generation
        self.check_every = float(check_every)
        self.current: Generation | None = None
        self.switches = 0
        self._watch: StoreWatch | None = None
        self._checked = 0.0
        self._lock = threading.Lock()                 # one preparation at a time
        self._thread: threading.Thread | None = None
        self._failed: tuple | None = None             # keys whose preparation failed (not retried)

    # -- keys ----------------------------------------------------------------------------------
    def keys(self, corpus: Corpus) -> tuple:
        if self._watch is None or self._watch.path != corpus.store_path:
            self._watch = StoreWatch(corpus.store_path)
        return self._watch.key(), index_key(corpus)

    # -- the generation a request uses ---------------------------------------------------------
    def generation(self) -> Generation:
        current = self.current
        if current is None:
            with self._lock:
                if self.current is None:
                    corpus = self.make_corpus()
                    store_key, idx_key = self.keys(corpus)
                    self.current = self._prepare(corpus, store_key, idx_key, None, with_index=False)
                    self._announce(self.current)
            return self.current
        now = time.monotonic()
        if now - self._checked >= self.check_every:
            self._checked = now
            self.check()
        return self.current

    def check(self, wait: bool = False) -> bool:
        """Switch if the store or index changed: in the background, or before returning (wait).
        True when a switch was started or done."""
        current = self.current
        if current is None:
            return False
        keys = self.keys(current.corpus)
        if keys == (current.store_key, current.index_key) or keys == self._failed:
            return False
        if wait:
            with self._lock:
                self._switch()
            return True
        if self._thread is not None and self._thread.is_alive():
            return False
        self._thread = threading.Thread(target=self._switch_locked, name="lawkb-switch", daemon=True)
        self._thread.start()
        return True

    def _switch_locked(self) -> None:
        if self._lock.acquire(blocking=False):
            try:
                self._switch()
            finally:
                self._lock.release()

    def _switch(self) -> None:
        old = self.current
        corpus = self.make_corpus()
        store_key, idx_key = self.keys(corpus)
        if old is not None and (store_key, idx_key) == (old.store_key, old.index_key):
            return
        try:
            new = self._prepare(corpus, store_key, idx_key, old, with_index=True)
        except Exception as exc:  # a damaged store, a failing disk: keep serving what we have
            self._failed = (store_key, idx_key)
            log.error("lawkb: the changed store could not be opened (%s); still serving the previous state", exc)
            return
        self.current = new
        self._failed = None
        self.switches += 1
        self._announce(new)
        log.info("lawkb: switched to store %s, index %s", store_key, idx_key[0] or "(none)")
        if old is not None and old.corpus.index_pin is not new.corpus.index_pin:
            release = threading.Timer(RELEASE_AFTER, gc.collect)  # the old index, once its requests are done
            release.daemon = True
            release.start()

    def _announce(self, generation: Generation) -> None:
        if self.on_generation is not None:
            try:
                self.on_generation(generation)
            except Exception as exc:  # a warm-up that cannot start must not stop the switch
                log.warning("lawkb: the new generation's warm-up did not start (%s)", exc)

    def _prepare(self, corpus: Corpus, store_key, idx_key, old: Generation | None, with_index: bool) -> Generation:
        """The next generation, ready to serve: documents, law names and (when it changed) the index."""
        if corpus.exists:
            corpus.store.documents()
            corpus.law_names
        previous = old.corpus.index_pin if old is not None else None
        corpus.index_pin = previous
        if with_index and corpus.exists and (previous is None or idx_key != old.index_key):
            try:
                corpus.index_pin = load_bundle(corpus)
            except (IndexMissingError, ModelError, StoreError) as exc:
                # not ready for this store yet: the previous index answers (or the index on disk,
                # built for an earlier state, when this server never loaded one)
                log.info("lawkb: the index is not ready for the changed store (%s); the previous index answers", exc)
                if previous is None:
                    try:
                        corpus.index_pin = load_index(corpus)
                    except (IndexMissingError, ModelError, StoreError):
                        corpus.index_pin = None
        return Generation(corpus, store_key, idx_key)


def warm_penalty(generation: Generation) -> threading.Thread:
    """Load (or build, about a minute of CPU over the national laws) the generation's penalty table in a
    daemon thread. A request for it meanwhile waits for this one build (``kb.penalty.table.load``)."""
    def run() -> None:
        corpus = generation.corpus
        if not corpus.exists:
            return
        from kb.penalty.table import load

        started = time.monotonic()
        try:
            table = load(corpus)
        except Exception as exc:  # reported; the page says the same on use
            log.warning("lawkb: the penalty table could not be built (%s)", exc)
            return
        log.info("lawkb: penalty table ready (%d rows, %.1f s)", len(table.rows), time.monotonic() - started)

    thread = threading.Thread(target=run, name="lawkb-penalty-warm", daemon=True)
    thread.start()
    return thread
