"""The research helpers that moved out of the package still work (benchmarks/)."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.embedded_lsa import train_lsa, train_variant
from benchmarks.expansion_tables import learn_table, learn_table_ibm1, use_table, write_table
from benchmarks.research_common import folds, question_folds
from kb.search import expansion
from kb.search.expansion import expand, load_table


def test_learn_table_prefers_specific_legal_words():
    pairs = [(["老公", "欠钱"], [["夫妻", "共同", "债务", "法律"]]),
             (["老公", "房子"], [["夫妻", "共同", "财产", "法律"]]),
             (["邻居", "吵"], [["噪声", "法律"]])]
    df = {"夫妻": 2, "共同": 50, "债务": 5, "财产": 30, "法律": 900, "噪声": 3}
    table = learn_table(pairs, df, n_articles=1000, min_count=2, min_question_df=2)
    assert list(table) == ["老公"]
    words = [w for w, _ in table["老公"]]
    assert words == ["夫妻", "共同", "法律"]  # specific first; 债务/财产 seen with one question only


def test_ibm1_table_learns_specific_translation():
    pairs = [(["老公", "欠钱"], [["夫妻", "债务", "法律"]]),
             (["老公", "房子"], [["夫妻", "财产", "法律"]]),
             (["邻居", "吵"], [["噪声", "法律"]]),
             (["邻居", "树"], [["相邻", "法律"]])]
    df = {"夫妻": 2, "债务": 5, "财产": 30, "法律": 900, "噪声": 3, "相邻": 4}
    table = learn_table_ibm1(pairs, df, n_articles=1000)
    assert table["老公"][0][0] == "夫妻"


def test_written_table_is_read_back_and_use_table_switches_the_products_table(tmp_path, monkeypatch):
    table = {"老公": [("配偶", 1.5), ("夫妻", 0.75)], "罚钱": [("罚款", 2.0)]}
    write_table(table, tmp_path / "t.tsv", header="test table")
    assert load_table(tmp_path / "t.tsv") == table
    monkeypatch.setattr(expansion, "default_table", expansion.default_table)  # restored after the test
    use_table(table)
    assert expand(["老公"], alpha=1.0) == [("老公", 1.0), ("配偶", 1.0), ("夫妻", 0.5)]


def test_fold_splits_cover_every_question_once():
    for parts in (folds(10, 3, seed=1), question_folds(10, 3, seed=1)):
        assert sorted(int(i) for part in parts for i in part) == list(range(10))
        assert sorted(len(p) for p in parts) == [3, 3, 4]


def test_lsa_variant_trains_an_embedded_model():
    texts = ["排放噪声的工业企业应当采取减振降噪措施。", "公民有受教育的权利和义务。",
             "税务机关依法征收税款。", "夜间施工须取得证明，防治噪声污染。"] * 3
    model = train_lsa(texts, dim=4)
    assert model.method == "lsa" and model.bigrams
    vectors = model.encode(texts)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert train_variant(texts, method="ppmi-sif", dim=4).method == "ppmi-sif"
    with pytest.raises(TypeError):
        train_variant(texts, method="ppmi-sif", contrastive_epochs=1)
