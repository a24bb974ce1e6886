"""Query expansion table: loading and expanding (learning it is research: tests/benchmarks)."""

from __future__ import annotations

from kb.search.expansion import TABLE_PATH, expand, load_table


def test_shipped_table_loads_and_has_no_question_text():
    table = load_table()
    assert TABLE_PATH.exists() and len(table) > 100
    for token, entries in table.items():
        assert "\t" not in token and len(token) <= 12
        assert entries and all(isinstance(w, float) and w > 0 for _, w in entries)


def test_missing_file_is_no_expansion(tmp_path):
    assert load_table(tmp_path / "absent.tsv") == {}
    (tmp_path / "t.tsv").write_text("# comment\n老公\t配偶:1.500 夫妻:x\n\n", encoding="utf-8")
    assert load_table(tmp_path / "t.tsv") == {"老公": [("配偶", 1.5)]}


def test_expand_keeps_query_tokens_first_and_weights_below_alpha():
    table = {"老公": [("配偶", 2.0), ("夫妻", 1.0)], "罚钱": [("罚款", 2.0)]}
    out = expand(["老公", "欠款", "老公"], table, alpha=0.5)
    assert out[:3] == [("老公", 1.0), ("欠款", 1.0), ("老公", 1.0)]
    extra = dict(out[3:])
    assert extra == {"配偶": 0.5, "夫妻": 0.25}
    assert expand(["欠款"], table) == [("欠款", 1.0)]
    assert expand(["老公"], {}) == [("老公", 1.0)]
