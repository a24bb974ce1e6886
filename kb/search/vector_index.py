"""The FAISS index of article vectors, chosen by size. Every encoder's vectors go through here.

``build_vector_index(vectors)`` picks the index type from the number of rows:

* ``flat`` (exact inner product, ``IndexFlatIP``) up to ``LAWKB_ANN_MIN_ROWS`` rows;
* ``LAWKB_ANN_TYPE`` from there on (where an exact scan of every row no longer meets the latency
  target): ``ivf`` (``IndexIVFFlat``, sqrt(rows) x 4 lists, ``LAWKB_IVF_NPROBE`` searched) or
  ``hnsw`` (``IndexHNSWFlat``, ``LAWKB_HNSW_M`` links per node, ``LAWKB_HNSW_EF_SEARCH``).
  Measured in ``make bench`` (bench_scale): build time, search time and the recall of the
  approximate search against the exact one on the development questions.

Hybrid search never scans every row (it re-scores the lexical candidates with ``vectors``), so
the type matters for dense-only search (``--kind dense``) and any full-corpus dense candidates.
``stored_vectors(index)`` is a view of the vectors the index holds (no copy), for that re-scoring.
"""

from __future__ import annotations

import numpy as np

from kb import settings

KINDS = ("flat", "hnsw", "ivf")


def _setting(corpus, name: str):
    return settings.of_corpus(corpus, name)


def index_kind(rows: int, corpus=None) -> str:
    """'flat' while an exact scan is fast enough (below LAWKB_ANN_MIN_ROWS rows), else LAWKB_ANN_TYPE."""
    return "flat" if rows < int(_setting(corpus, "ANN_MIN_ROWS")) else str(_setting(corpus, "ANN_TYPE"))


def build_vector_index(vectors: np.ndarray, kind: str | None = None, corpus=None):
    """(FAISS index holding the L2-normalised float32 vectors, description for the manifest)."""
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    rows, dim = vectors.shape
    kind = kind or index_kind(rows, corpus)
    if kind not in KINDS:
        raise ValueError(f"unknown vector index type {kind!r}; use one of {', '.join(KINDS)}")
    info = {"type": kind}
    if kind == "flat":
        index = faiss.IndexFlatIP(dim)
    elif kind == "ivf":
        lists = max(1, min(int(4 * rows ** 0.5), rows // 39 or 1))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, lists, faiss.METRIC_INNER_PRODUCT)
        sample = vectors[np.random.default_rng(0).permutation(rows)[:max(lists * 39, min(rows, 100_000))]]
        index.train(sample)
        index.make_direct_map()  # rows can be read back (stored_vectors)
        info.update(lists=lists)
    else:
        m = int(_setting(corpus, "HNSW_M"))
        index = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = max(40, 2 * m)
        info.update(m=m, ef_construction=index.hnsw.efConstruction)
    if rows:
        index.add(vectors)
    return index, info


def configure_search(index, corpus=None) -> None:
    """Search-time parameters of a loaded index (efSearch for HNSW)."""
    import faiss

    found = faiss.downcast_index(index)
    if isinstance(found, faiss.IndexHNSW):
        found.hnsw.efSearch = int(_setting(corpus, "HNSW_EF_SEARCH"))
    elif isinstance(found, faiss.IndexIVF):
        found.nprobe = int(_setting(corpus, "IVF_NPROBE"))


def is_exact(index) -> bool:
    import faiss

    return isinstance(faiss.downcast_index(index), faiss.IndexFlat)


def stored_vectors(index) -> np.ndarray:
    """The (rows x dim) float32 vectors an index holds, as a read-only view (no copy)."""
    import faiss

    flat = faiss.downcast_index(index)
    if isinstance(flat, faiss.IndexHNSW):
        flat = faiss.downcast_index(flat.storage)
    if not isinstance(flat, faiss.IndexFlat):  # IVF: vectors live in the lists; one copy, in row order
        return index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d), np.float32)
    if not index.ntotal:
        return np.zeros((0, index.d), np.float32)
    view = faiss.rev_swig_ptr(flat.get_xb(), index.ntotal * index.d).reshape(index.ntotal, index.d)
    view.flags.writeable = False
    return view


def search(index, query: np.ndarray, n: int, mask: np.ndarray | None = None,
           vectors: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(rows, scores) of the n best rows the mask allows, best first.

    Exact indexes scan every row. An approximate index is asked for more than n neighbours and
    the mask applied to them; if too few remain (a narrow filter), the allowed rows are scanned
    exactly instead.
    """
    from kb.search.hits import top_rows

    total = index.ntotal
    if n <= 0 or total == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    query = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
    if not is_exact(index):
        allowed = total if mask is None else int(mask.sum())
        fetch = min(total, max(4 * n, int(4 * n * total / max(allowed, 1))))
        if fetch <= 4096:
            scores, rows = index.search(query, fetch)
            rows, scores = rows[0], scores[0]
            keep = rows >= 0
            if mask is not None:
                keep &= mask[np.where(rows >= 0, rows, 0)]
            if keep.sum() >= min(n, allowed):
                return rows[keep][:n].astype(np.int64), scores[keep][:n].astype(np.float32)
        vectors = stored_vectors(index) if vectors is None else vectors
        if mask is not None:
            allowed_rows = np.flatnonzero(mask)
            scores = vectors[allowed_rows] @ query[0]
            best = top_rows(scores, None, n, positive=False)
            return allowed_rows[best], scores[best]
    vectors = stored_vectors(index) if vectors is None else vectors
    scores = vectors @ query[0]
    rows = top_rows(scores, mask, n, positive=False)
    return rows, scores[rows]
