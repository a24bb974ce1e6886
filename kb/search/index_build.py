"""Build the search indexes of a corpus, all or nothing.

Everything is written into a fresh folder beside ``corpus.index_dir``; only when every part is
built is ``index`` switched to it (``index`` is a symlink replaced atomically with os.replace),
so a failed or interrupted build leaves the last good index in place. One build runs at a time
per corpus (``.index-build.lock``); a build first removes the folders of builds that were killed.

manifest.json records the corpus hash the index was built from, the row -> clause-id map
(rows.npy), the lexical parameters and the dense part (``kb.search.dense.build_dense``). Loading
refuses an index whose corpus hash differs from the store's.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import numpy as np

from kb import settings
from kb.errors import IndexMissingError
from kb.search.dense import build_dense, row_text
from kb.search.lexical import DEFAULT_PARAMS, build_lexical, lexical_tokens_fn
from kb.search.row_tokens import tokenize_rows, workers_setting
from kb.search.tokenize import LegalTokenizer, corpus_user_words, precise_tokens

MANIFEST = "manifest.json"
ROWS_FILE = "rows.npy"
FORMAT_VERSION = 1


def _log(message: str, progress) -> None:
    if progress is not None:
        print(f"lawkb index: {message}", file=sys.stderr)


def build_indexes(corpus, progress=None, lexical_params: dict | None = None, dense: bool = True) -> dict:
    """Build lexical (+ dense) indexes for every article of every version; returns the manifest."""
    index_link = Path(corpus.index_dir)
    index_link.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(index_link.parent):
        remove_unfinished_builds(index_link)
        return _build(corpus, index_link, progress, lexical_params, dense)


def _build(corpus, index_link: Path, progress, lexical_params, dense: bool) -> dict:
    started = time.perf_counter()
    store = corpus.store
    clauses = list(store.iter_clauses(("article",)))
    corpus_hash = store.corpus_hash()
    parent = index_link.parent
    build_dir = Path(tempfile.mkdtemp(prefix="index-", dir=parent))
    try:
        np.save(build_dir / ROWS_FILE, np.array([c.id for c in clauses], dtype=np.int64))
        user_words = corpus_user_words(corpus, clauses)
        _log(f"{len(clauses)} articles, {len(user_words)} dictionary words", progress)
        timings = {}
        lex_tokens, dense_tokens = _tokenize(corpus, clauses, user_words, lexical_params, dense, progress, timings)
        step = time.perf_counter()
        lexical = build_lexical(clauses, user_words, build_dir, lexical_params, progress, tokens=lex_tokens)
        del lex_tokens
        timings["lexical"] = round(time.perf_counter() - step, 2)
        dense_part = None
        if dense:
            step = time.perf_counter()
            dense_part = build_dense(corpus, clauses, build_dir, progress, tokens=dense_tokens)
            timings["dense"] = round(time.perf_counter() - step, 2)
        del dense_tokens
        manifest = {
            "format": FORMAT_VERSION,
            "corpus_hash": corpus_hash,
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "rows_file": ROWS_FILE,
            "rows": len(clauses),
            "lexical": lexical,
            "dense": dense_part,
            "build_seconds": round(time.perf_counter() - started, 2),
            "timings": timings,
        }
        (build_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        os.chmod(build_dir, 0o755)
        _swap_in(index_link, build_dir)
    except BaseException:
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    _log(f"built in {manifest['build_seconds']} s", progress)
    return manifest


def _tokenize(corpus, clauses, user_words, lexical_params, dense_tokens: bool, progress, timings):
    """Every row's lexical tokens and (for the embedded model) dense tokens, cut once, in parallel."""
    started = time.perf_counter()
    params = {**DEFAULT_PARAMS, **(lexical_params or {})}
    tokenizer = LegalTokenizer(user_words, bigrams=params["bigrams"], search_mode=params["search_mode"])
    dense_fn = None
    if dense_tokens:  # the dense part is always the embedded model (LAWKB_MODEL is the background neural encoder)
        precise_tokens("法律")  # load jieba's dictionary once, before the workers fork
        dense_fn = lambda clause: precise_tokens(row_text(clause))  # noqa: E731
    workers = workers_setting(settings.of_corpus(corpus, "INDEX_WORKERS"))
    tokens = tokenize_rows(clauses, lexical_tokens_fn(tokenizer, params["field_weight"]), dense_fn,
                           workers=workers, progress=progress)
    timings["tokenize"] = round(time.perf_counter() - started, 2)
    timings["workers"] = workers
    return tokens


@contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """One index build per corpus at a time (another waits): `.index-build.lock`, released by the OS even
    when the build is killed."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Windows
        yield
        return
    with open(Path(folder) / ".index-build.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_unfinished_builds(index_link: Path) -> list[str]:
    """Delete what killed builds left beside `index` (their build folders and temporary links).
    Runs under build_lock, so no other build is writing them."""
    parent = index_link.parent
    keep = (parent / os.readlink(index_link)).resolve() if index_link.is_symlink() else None
    removed = []
    for entry in parent.iterdir():
        if entry.name.startswith(".index-link-") and entry.is_symlink():
            entry.unlink()
            removed.append(entry.name)
        elif entry.name.startswith("index-") and entry.is_dir() and not entry.is_symlink() and entry.resolve() != keep:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    return removed


def index_status(corpus) -> tuple[str, str]:
    """('current' | 'stale' | 'missing' | 'damaged', message) of the corpus's index for its store.
    Cheap: reads the manifest and the row map, not the index parts."""
    path = Path(corpus.index_dir) / MANIFEST
    if not path.exists():
        return "missing", f"no search index in {corpus.index_dir}; run `lawkb index` to build it"
    try:
        manifest = read_manifest(corpus)
        load_rows(corpus, manifest)
    except IndexMissingError as exc:
        try:
            built_for = json.loads(path.read_text(encoding="utf-8")).get("corpus_hash")
        except (OSError, ValueError, AttributeError):
            built_for = None
        return ("stale" if built_for and built_for != corpus.store.corpus_hash() else "damaged"), str(exc)
    return "current", f"search index built {manifest.get('built_at')} for the current store ({manifest.get('rows')} rows)"


def _swap_in(index_link: Path, build_dir: Path) -> None:
    """Point `index` at build_dir atomically and remove the previous build."""
    parent = index_link.parent
    previous = None
    if index_link.is_symlink():
        previous = parent / os.readlink(index_link)
    elif index_link.exists():
        # An index folder from an older layout: move it aside first (brief window without index).
        previous = parent / f"index-old-{os.getpid()}-{time.time_ns()}"
        os.replace(index_link, previous)
    tmp_link = parent / f".index-link-{os.getpid()}-{time.time_ns()}"
    os.symlink(build_dir.name, tmp_link)
    os.replace(tmp_link, index_link)
    if previous is not None and previous.resolve() != build_dir.resolve():
        shutil.rmtree(previous, ignore_errors=True)


def read_manifest(corpus, index_dir: Path | None = None, check_store: bool = True) -> dict:
    """The manifest of the corpus's index (or of one build folder), checked against the store
    (IndexMissingError if unusable; check_store=False accepts an index of an earlier store state)."""
    path = Path(index_dir or corpus.index_dir) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexMissingError(f"no search index in {corpus.index_dir}; run `lawkb index` to build it") from None
    except (OSError, ValueError) as exc:
        raise IndexMissingError(f"the search index manifest {path} is unreadable ({exc}); "
                                "run `lawkb index` to rebuild") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        raise IndexMissingError(f"the search index in {corpus.index_dir} has another format; run `lawkb index` to rebuild")
    if check_store and manifest.get("corpus_hash") != corpus.store.corpus_hash():
        raise IndexMissingError(f"the search index in {corpus.index_dir} was built for another state of the "
                                "clause store (laws were added or changed since); run `lawkb index` to rebuild")
    return manifest


def load_rows(corpus, manifest: dict, index_dir: Path | None = None) -> np.ndarray:
    path = Path(index_dir or corpus.index_dir) / manifest.get("rows_file", ROWS_FILE)
    try:
        rows = np.load(path, allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise IndexMissingError(f"the row map {path} is missing or corrupt ({exc}); run `lawkb index` to rebuild") from None
    if rows.ndim != 1 or len(rows) != manifest.get("rows"):
        raise IndexMissingError(f"the row map {path} does not match its manifest; run `lawkb index` to rebuild")
    return rows
