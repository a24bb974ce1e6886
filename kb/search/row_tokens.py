"""Tokenise every index row once, in parallel, into compact integer arrays.

Index build spends most of its time in jieba (pure Python, ~0.7 ms per article for the lexical
tokens and ~0.4 ms for the embedded model's). The rows are cut into chunks tokenised by worker
processes (fork; ``LAWKB_INDEX_WORKERS``, default one per CPU); each chunk comes back as its own
small vocabulary plus int32 token ids, which the parent maps to one vocabulary per kind. Nothing
holds a Python string per token, which is what took the memory of a 150k-article build (3.9 GB).

``TokenColumn``: ``vocab`` (token -> id), ``ids`` (int32, every row's tokens one after another) and
``offsets`` (int64, row r is ``ids[offsets[r]:offsets[r + 1]]``).
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

CHUNK_ROWS = 1000
MIN_PARALLEL_ROWS = 4000   # below this, forking workers costs more than it saves
EMPTY_TOKEN = "\x00empty"  # the lexical token of a row without any (keeps BM25 lengths positive)


@dataclass
class TokenColumn:
    vocab: dict[str, int] = field(default_factory=dict)
    chunks: list[np.ndarray] = field(default_factory=list)
    lengths: list[np.ndarray] = field(default_factory=list)

    def add(self, local_vocab: list[str], ids: np.ndarray, lengths: np.ndarray) -> None:
        vocab = self.vocab
        mapping = np.fromiter((vocab.setdefault(token, len(vocab)) for token in local_vocab), dtype=np.int32,
                              count=len(local_vocab))
        self.chunks.append(mapping[ids] if len(ids) else ids.astype(np.int32))
        self.lengths.append(lengths)

    def finish(self) -> "TokenColumn":
        ids = np.concatenate(self.chunks) if self.chunks else np.zeros(0, np.int32)
        lengths = np.concatenate(self.lengths) if self.lengths else np.zeros(0, np.int64)
        self.ids = ids
        self.offsets = np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)])
        self.chunks, self.lengths = [], []
        return self

    @property
    def n_rows(self) -> int:
        return len(self.offsets) - 1

    def row(self, r: int) -> np.ndarray:
        return self.ids[self.offsets[r]:self.offsets[r + 1]]

    def strings(self) -> list[list[str]]:
        """Every row's tokens as strings (small corpora and research only)."""
        names = np.empty(len(self.vocab), dtype=object)
        for token, i in self.vocab.items():
            names[i] = token
        return [names[self.row(r)].tolist() for r in range(self.n_rows)]


# The job the forked workers read (set in the parent just before the pool starts).
_JOB: dict = {}


def _encode(rows: list[list[str]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    local: dict[str, int] = {}
    ids = [local.setdefault(t, len(local)) for tokens in rows for t in tokens]
    return list(local), np.asarray(ids, dtype=np.int32), np.fromiter((len(t) for t in rows), np.int64, len(rows))


def _tokenize_chunk(bounds: tuple[int, int]):
    start, end = bounds
    lexical_fn: Callable | None = _JOB.get("lexical")
    dense_fn: Callable | None = _JOB.get("dense")
    texts = _JOB["texts"]
    lexical = dense = None
    if lexical_fn is not None:
        lexical = _encode([lexical_fn(texts[r]) or [EMPTY_TOKEN] for r in range(start, end)])
    if dense_fn is not None:
        dense = _encode([dense_fn(texts[r]) for r in range(start, end)])
    return lexical, dense


def workers_setting(configured: int | None) -> int:
    return int(configured) if configured and int(configured) > 0 else (os.cpu_count() or 1)


def tokenize_rows(texts: Sequence, lexical: Callable | None, dense: Callable | None, workers: int = 1,
                  progress=None) -> tuple[TokenColumn | None, TokenColumn | None]:
    """Token columns of every row: ``lexical(texts[r])`` and ``dense(texts[r])`` (either may be None).

    ``texts[r]`` is whatever the two functions take (e.g. a (field, body, dense text) tuple).
    """
    bounds = [(i, min(i + CHUNK_ROWS, len(texts))) for i in range(0, len(texts), CHUNK_ROWS)]
    lex_column = TokenColumn() if lexical is not None else None
    dense_column = TokenColumn() if dense is not None else None
    _JOB.update(texts=texts, lexical=lexical, dense=dense)
    pool = None
    try:
        if workers > 1 and len(texts) >= MIN_PARALLEL_ROWS and "fork" in multiprocessing.get_all_start_methods():
            pool = multiprocessing.get_context("fork").Pool(min(workers, len(bounds)))
            results = pool.imap(_tokenize_chunk, bounds)
        else:
            results = map(_tokenize_chunk, bounds)
        if progress is not None:
            results = progress(results, total=len(bounds), desc=f"tokens ({CHUNK_ROWS} rows)")
        for lex, den in results:
            if lex is not None:
                lex_column.add(*lex)
            if den is not None:
                dense_column.add(*den)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        _JOB.clear()
    return (lex_column.finish() if lex_column else None), (dense_column.finish() if dense_column else None)
