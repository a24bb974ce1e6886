"""Dense retrieval: article vectors in a FAISS inner-product index, one row per index row.

Build (called by kb.search.index_build for the article clauses in row order)::

    part = build_dense(corpus, clauses, out_dir, progress=None)
    # writes out_dir/dense/vectors.faiss (+ the embedded model files when LAWKB_MODEL is unset)
    # part = {"dir": "dense", "model": <name>, "dim": d, "rows": n, "kind": "embedded" | "sentence-transformers",
    #         "embed_dim": <EMBED_DIM setting, embedded only>, "seconds": ...}

Load and query (what kb.search.hybrid uses)::

    dense = load_dense(corpus, index_dir, manifest["dense"], clauses)   # == DenseSearcher.load(...)
    dense.scores(query)                    # float32 cosine similarity of every row, shape (rows,)
    dense.candidates(query, mask, n)       # (rows, scores) of the n best allowed rows, best first
    dense.search(query, top_k=10, filters=None, mask=None) -> list[Hit]   # standalone use

Row text = law short title + 编/章/节 headings + article text. Loading refuses (IndexMissingError,
"run `lawkb index` to rebuild") an index built with another model than the configured one
(``LAWKB_MODEL``, or the embedded default when unset) or another ``LAWKB_EMBED_DIM``.
Scores are exact (all rows, one matrix-vector product; 26k x 256 floats: ~1.5 ms on an idle
core, up to ~8 ms on the loaded 2-core box). ``vectors`` (rows x dim, float32, L2-normalised) and
``query_vector(query)`` are public so a fuser can score a subset of rows.

Note for kb.search.hybrid (measured with the embedded v2 model, 5-fold CV on STARD, see
kb.search.embedded_model): dense alone reaches R@10 ~0.55 / R@100 ~0.82, so weighted fusion over
the union of both candidate lists with lexical weight 0.6-0.8 beats re-scoring only the lexical
top 200 at w 0.9 (research_fusion: weighted w=0.6 0.623 / 0.517 vs rerank w=0.9 0.595 / 0.497;
research_hybrid, lexical alpha 1.6: weighted w=0.7 0.637 / 0.534 vs lexical 0.629 / 0.526).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from kb.clause import Clause, Hit, short_title_of
from kb.errors import IndexMissingError, ModelError
from kb.search.encoders import EmbeddedEncoder, EmbeddedModelMissing, load_encoder, model_name

DENSE_DIR = "dense"
VECTORS_FILE = "vectors.faiss"
ENCODE_BATCH = 1024  # texts per progress step (sentence-transformers sorts each by length)


def row_text(clause: Clause) -> str:
    return " ".join((short_title_of(clause.law), *clause.path, clause.text))


def _setting(corpus, name: str):
    if hasattr(corpus, "setting"):
        return corpus.setting(name)
    from kb import settings

    return settings.get(name)


def build_dense(corpus, clauses: list[Clause], out_dir: Path, progress=None, tokens=None) -> dict:
    """Encode the rows (training the embedded model first when no model is configured).

    ``tokens``: the rows' embedded-model tokens (kb.search.row_tokens.TokenColumn of
    ``embedded_model.tokenize(row_text(clause))``) when the index build already cut them.
    """
    import faiss

    from kb.search.vector_index import build_vector_index

    started = time.perf_counter()
    target = Path(out_dir) / DENSE_DIR
    target.mkdir(parents=True, exist_ok=True)
    configured = _setting(corpus, "MODEL")
    part: dict = {"dir": DENSE_DIR, "rows": len(clauses)}
    if configured:
        texts = [row_text(c) for c in clauses]
        encoder = load_encoder(configured)
        part["kind"] = "sentence-transformers"
        batches = range(0, len(texts), ENCODE_BATCH)
        if progress is not None:
            batches = progress(batches, total=len(batches), desc="dense vectors")
        chunks = [encoder.encode(texts[i:i + ENCODE_BATCH]) for i in batches]
        vectors = np.vstack(chunks) if chunks else np.zeros((0, encoder.dim), np.float32)
    else:
        model, vectors = train_embedded(corpus, clauses, tokens, progress)
        model.save(target)
        encoder = EmbeddedEncoder(model)
        part.update(kind="embedded", embed_dim=int(_setting(corpus, "EMBED_DIM")), features=len(model.vocab),
                    method=model.method)
    index, info = build_vector_index(vectors, corpus=corpus)
    faiss.write_index(index, str(target / VECTORS_FILE))
    part.update({"model": encoder.name, "dim": int(encoder.dim), "index": VECTORS_FILE, "index_type": info,
                 "seconds": round(time.perf_counter() - started, 2)})
    return part


def train_embedded(corpus, clauses: list[Clause], tokens=None, progress=None):
    """(embedded model trained on the rows, the rows' vectors)."""
    from kb.search.embedded_model import AUTO_PPMI_MIN_ARTICLES, tokenize, train, train_ppmi_sif_ids
    from kb.search.row_tokens import tokenize_rows

    embed_dim = int(_setting(corpus, "EMBED_DIM"))
    if tokens is None:
        _, tokens = tokenize_rows([row_text(c) for c in clauses], None, tokenize, progress=progress)
    if len(clauses) >= AUTO_PPMI_MIN_ARTICLES:
        return train_ppmi_sif_ids(tokens, dim=embed_dim)
    texts = [row_text(c) for c in clauses]  # a small corpus: LSA over tokens and bigrams
    token_lists = tokens.strings()
    model = train(texts, dim=embed_dim, token_lists=token_lists)
    vectors = model.encode(texts, token_lists=token_lists) if texts else np.zeros((0, model.dim), np.float32)
    return model, vectors


def check_model(corpus, part: dict) -> None:
    """IndexMissingError unless the index was built with the configured model and dimension."""
    configured = _setting(corpus, "MODEL")
    wanted = model_name(configured)
    built = part.get("model")
    if built != wanted:
        now = f"LAWKB_MODEL={configured}" if configured else "the embedded default model (LAWKB_MODEL unset)"
        raise IndexMissingError(f"the dense index was built with model {built!r}, but {now} is configured; "
                                "run `lawkb index` to rebuild")
    if not configured:
        embed_dim = int(_setting(corpus, "EMBED_DIM"))
        if part.get("embed_dim") != embed_dim:
            raise IndexMissingError(f"the dense index was built with LAWKB_EMBED_DIM={part.get('embed_dim')}, "
                                    f"but {embed_dim} is configured; run `lawkb index` to rebuild")


class DenseSearcher:
    """Loaded dense index: cosine scores of any rows (``vectors``), nearest rows through the index
    (an exact scan, or HNSW for large corpora: kb.search.vector_index)."""

    name = "dense"

    def __init__(self, corpus, encoder, vectors: np.ndarray, clauses: list[Clause] | None, index=None):
        self.corpus = corpus
        self.encoder = encoder
        self.vectors = vectors
        self.clauses = clauses
        self.index = index
        self._row_filter = None

    @property
    def exact_scan(self) -> bool:
        """True when the nearest rows are found by scoring every row (``scores``)."""
        from kb.search.vector_index import is_exact

        return self.index is None or is_exact(self.index)

    @classmethod
    def load(cls, corpus, index_dir, part: dict, rows=None) -> "DenseSearcher":
        import faiss

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
        configured = _setting(corpus, "MODEL")
        try:
            encoder = load_encoder(configured, None if configured else directory)
        except EmbeddedModelMissing as exc:
            raise IndexMissingError(f"{exc}; run `lawkb index` to rebuild") from None
        if encoder.dim != index.d:
            raise IndexMissingError(f"the dense index has {index.d}-dimensional vectors but the model gives "
                                    f"{encoder.dim}; run `lawkb index` to rebuild")
        from kb.search.vector_index import configure_search, stored_vectors

        configure_search(index, corpus)
        clauses = list(rows) if rows is not None and len(rows) and isinstance(rows[0], Clause) else None
        searcher = cls(corpus, encoder, stored_vectors(index), clauses, index)
        searcher.candidates("法律", None, 1)  # warm up (jieba dictionary, BLAS) so the first real query is fast
        return searcher

    def query_vector(self, query: str) -> np.ndarray:
        return self.encoder.encode_queries([query])[0]

    def scores(self, query: str) -> np.ndarray:
        """Cosine similarity of the query with every row (float32, shape (rows,))."""
        if not len(self.vectors):
            return np.zeros(0, np.float32)
        return self.vectors @ self.query_vector(query)

    def candidates(self, query: str, mask: np.ndarray | None, n: int) -> tuple[np.ndarray, np.ndarray]:
        from kb.search.hits import top_rows
        from kb.search.vector_index import search

        if self.index is None:
            scores = self.scores(query)
            rows = top_rows(scores, mask, n, positive=False)
            return rows, scores[rows]
        return search(self.index, self.query_vector(query), n, mask, self.vectors)

    def search(self, query: str, top_k: int = 10, filters=None, mask: np.ndarray | None = None) -> list[Hit]:
        """Standalone dense search (the app normally goes through kb.search.searchers)."""
        from kb.search.hits import make_hits

        if self.clauses is None:
            raise ModelError("DenseSearcher.search needs the row clauses; pass them to DenseSearcher.load")
        in_force = None
        if mask is None:
            from kb.search import SearchFilters
            from kb.search.filters import RowFilter

            if self._row_filter is None:
                self._row_filter = RowFilter(self.corpus.store, self.clauses)
            filters = filters or SearchFilters()
            mask = self._row_filter.mask(filters)
            in_force = self._row_filter.in_force(filters.day)
        rows, scores = self.candidates(query, mask, max(int(top_k), 0))
        return make_hits(self.clauses, rows, scores, "dense", in_force, 
                         dated=(self.corpus.store, filters.day) if filters is not None else None)


def load_dense(corpus, index_dir, part: dict, clauses=None) -> DenseSearcher:
    """What kb.search.searchers calls: the loaded DenseSearcher (see module docstring)."""
    return DenseSearcher.load(corpus, index_dir, part, clauses)
