"""The FAISS index chosen by size: exact below LAWKB_ANN_MIN_ROWS, IVF or HNSW above; masks honoured."""

from __future__ import annotations

import numpy as np
import pytest

from kb.search.vector_index import build_vector_index, configure_search, index_kind, is_exact, search, stored_vectors


@pytest.fixture
def vectors():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(3000, 32)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_kind_by_size(monkeypatch):
    monkeypatch.setenv("LAWKB_ANN_MIN_ROWS", "1000")
    assert (index_kind(999), index_kind(1000)) == ("flat", "ivf")
    monkeypatch.setenv("LAWKB_ANN_TYPE", "hnsw")
    assert index_kind(5000) == "hnsw"


@pytest.mark.parametrize("kind", ["flat", "ivf", "hnsw"])
def test_search_finds_the_nearest_rows_and_honours_the_mask(vectors, kind):
    index, info = build_vector_index(vectors, kind)
    configure_search(index)
    assert info["type"] == kind and is_exact(index) == (kind == "flat")
    held = stored_vectors(index)
    assert held.shape == vectors.shape and np.allclose(held, vectors)
    query = vectors[7]
    rows, scores = search(index, query, 5)
    assert rows[0] == 7 and scores[0] == pytest.approx(1.0, abs=1e-5)
    mask = np.zeros(len(vectors), bool)
    mask[[3, 50, 900]] = True                   # a narrow filter: exact scan of the allowed rows
    rows, _ = search(index, query, 5, mask)
    assert sorted(rows.tolist()) == [3, 50, 900]
    exact = np.argsort(-(vectors @ query))[:10]
    found, _ = search(index, query, 10)
    assert len(set(found.tolist()) & set(exact.tolist())) >= 8


def test_unknown_kind_is_refused(vectors):
    with pytest.raises(ValueError, match="unknown vector index type 'annoy'"):
        build_vector_index(vectors, "annoy")
