"""Query expansion table: loading, expanding, learning."""

from __future__ import annotations

from kb.search.expansion import TABLE_PATH, expand, learn_table, load_table, write_table


def test_shipped_table_loads_and_has_no_question_text():
    table = load_table()
    assert TABLE_PATH.exists() and len(table) > 100
    for token, entries in table.items():
        assert "\t" not in token and len(token) <= 12
        assert entries and all(isinstance(w, float) and w > 0 for _, w in entries)


def test_round_trip_and_missing_file(tmp_path):
    table = {"老公": [("配偶", 1.5), ("夫妻", 0.75)], "罚钱": [("罚款", 2.0)]}
    write_table(table, tmp_path / "t.tsv", header="test table")
    assert load_table(tmp_path / "t.tsv") == table
    assert load_table(tmp_path / "absent.tsv") == {}


def test_expand_keeps_query_tokens_first_and_weights_below_alpha():
    table = {"老公": [("配偶", 2.0), ("夫妻", 1.0)], "罚钱": [("罚款", 2.0)]}
    out = expand(["老公", "欠款", "老公"], table, alpha=0.5)
    assert out[:3] == [("老公", 1.0), ("欠款", 1.0), ("老公", 1.0)]
    extra = dict(out[3:])
    assert extra == {"配偶": 0.5, "夫妻": 0.25}
    assert expand(["欠款"], table) == [("欠款", 1.0)]
    assert expand(["老公"], {}) == [("老公", 1.0)]


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
    from kb.search.expansion import learn_table_ibm1

    pairs = [(["老公", "欠钱"], [["夫妻", "债务", "法律"]]),
             (["老公", "房子"], [["夫妻", "财产", "法律"]]),
             (["邻居", "吵"], [["噪声", "法律"]]),
             (["邻居", "树"], [["相邻", "法律"]])]
    df = {"夫妻": 2, "债务": 5, "财产": 30, "法律": 900, "噪声": 3, "相邻": 4}
    table = learn_table_ibm1(pairs, df, n_articles=1000)
    assert table["老公"][0][0] == "夫妻"
