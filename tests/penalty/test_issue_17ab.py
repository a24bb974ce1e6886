"""Issue 17ab, on real statute text (sample 35 #24): a 应X未X conduct (扣缴义务人应扣未扣、应收而不收税款) left undone an act
of one character; the words 应扣, 未扣 are the shape's, not the act's (they made every unit look matched on the name alone),
and the 款 requiring the act with the thing named after the shape (履行代扣、代收税款的义务) is its duty."""

from kb.penalty.acts import act_words
from kb.penalty.omission import due_units, undone_acts
from kb.textsim import jieba_module
from tests.penalty.conftest import link_labels as _links     # the links of every row of a law given whole
from tests.penalty.laws_db import whole_law

TAX_TITLE = "中华人民共和国税收征收管理法"
TARIFF_TITLE = "中华人民共和国关税法"


def test_a_due_act_left_undone_breaks_the_paragraph_requiring_it():
    # 税收征收管理法第六十九条 → 第三十条第一款 (扣缴义务人依照…规定履行代扣、代收税款的义务); main: none (every unit zeroed)
    assert _links(TAX_TITLE, whole_law(TAX_TITLE))[(69, 1, None)][:1] == ["第三十条第一款"]
    # 关税法第六十四条, the same shape: the law states no such duty (第三条 is a definition), so no link
    assert _links(TARIFF_TITLE, whole_law(TARIFF_TITLE))[(64, 1, None)] == []


def test_the_shapes_words_are_not_the_acts():
    assert undone_acts("扣缴义务人应扣未扣、应收而不收税款") == {"扣", "收"}
    assert undone_acts("应当举行听证而不举行听证") == set()
    words = act_words("扣缴义务人应扣未扣、应收而不收税款", jieba_module())
    assert not words & {"w:应扣", "w:未扣", "w:应收", "w:不收"} and "w:税款" in words


def test_the_act_counts_before_the_thing_outside_the_offenders_name_and_not_as_a_time():
    conduct = "扣缴义务人应扣未扣、应收而不收税款"
    texts = ["扣缴义务人依照法律的规定履行代扣、代收税款的义务。",
             "扣缴义务人依法履行代扣、代收税款义务时，纳税人不得拒绝。",      # a point in time
             "海关应当向纳税人、扣缴义务人出具税额确认书。",                  # 扣 only in the offender's name
             "纳税人应当自收到通知之日起三个月内办理退还手续。",              # 收 of 收到, no 税款 after it
             "纳税人、扣缴义务人必须依照法律的规定缴纳税款、代扣代缴、代收代缴税款。"]
    assert due_units(conduct, texts) == [True, False, False, False, True]
    assert due_units("未扣税款", texts) == [False] * 5      # no 应X未X shape
