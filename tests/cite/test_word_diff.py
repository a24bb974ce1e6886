"""Word-level differences: whole words struck out and added, both texts recoverable."""

import pytest

from kb.cite.word_diff import side, word_ops

OLD = "由县级以上人民政府环境保护主管部门责令改正，处一万元以上十万元以下的罚款。"
NEW = "由县级以上地方人民政府生态环境主管部门责令限期改正，处二万元以上二十万元以下的罚款；情节严重的，责令停业。"


def test_whole_words_are_marked_not_characters():
    ops = word_ops(OLD, NEW)
    assert ("delete", "环境保护") in ops and ("insert", "生态环境") in ops
    assert ("delete", "一万元") in ops and ("insert", "二万元") in ops       # not 一→二 inside 万元
    assert ("insert", "限期") in ops and ("insert", "地方") in ops
    assert ("equal", "主管部门责令") in ops


@pytest.mark.parametrize("old,new", [(OLD, NEW), ("", "新增的条文。"), ("删去的条文。", ""), (OLD, OLD),
                                     ("甲乙的丙丁", "戊己的庚辛"), ("第一款。\n第二款。", "第一款。\n（一）新项；\n第二款。")])
def test_both_texts_come_back_from_the_runs(old, new):
    ops = word_ops(old, new)
    assert side(ops, "delete") == old and side(ops, "insert") == new
    kinds = [op for op, _ in ops]
    assert all(not (a == b) for a, b in zip(kinds, kinds[1:]))           # neighbouring runs merged
    assert all(not (a == "insert" and b == "delete") for a, b in zip(kinds, kinds[1:]))  # deletion first


def test_a_lone_common_character_between_changes_joins_them():
    assert word_ops("甲乙的丙丁", "戊己的庚辛") == [("delete", "甲乙的丙丁"), ("insert", "戊己的庚辛")]
    assert word_ops("同一文字", "同一文字") == [("equal", "同一文字")]
