"""Shared fixtures: small corpora built from code, and the national corpus (slow, built once)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kb.corpus import Corpus
from tests.corpus_builders import SMALL_LAWS, build_corpus, make_document  # noqa: F401

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@pytest.fixture
def small_corpus(tmp_path) -> Corpus:
    return build_corpus(tmp_path / "corpus")


@pytest.fixture(scope="session")
def national_corpus(tmp_path_factory) -> Corpus:
    """The national laws from laws.db, ingested and indexed once per test session."""
    from ingest.lawsdb import default_laws_db
    from ingest.pipeline import ingest_paths

    corpus = Corpus(tmp_path_factory.mktemp("national") / "corpus")
    store = corpus.create_store()
    ingest_paths(store, [default_laws_db()])
    corpus.refresh()
    from kb.search.index_build import build_indexes

    build_indexes(corpus)
    corpus.refresh()
    return corpus


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.skip("../shared/data is not present (development data only)")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Never touch the user's real data home from tests."""
    monkeypatch.setenv("LAWKB_HOME", str(tmp_path / "lawkb-home"))
    monkeypatch.setenv("LAWKB_ENCODE_BACKGROUND", "0")  # no encoder child unless a test asks for one
    monkeypatch.setenv("LAWKB_WARM_PENALTY", "0")  # no background penalty-table load unless a test asks for one
    os.environ.pop("LAWKB_MODEL", None)
