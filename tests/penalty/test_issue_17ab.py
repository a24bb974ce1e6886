"""Issue 17ab, on real statute text (sample 35 #24): a 应X未X conduct (扣缴义务人应扣未扣、应收而不收税款) left undone an act
of one character; the words 应扣, 未扣 are the shape's, not the act's (they made every unit look matched on the name alone),
and the 款 requiring the act with the thing named after the shape (履行代扣、代收税款的义务) is its duty. (Sample 36 #30) 篡改X
breaks the 款 requiring that very thing be followed (应当按照…国歌的歌词和曲谱)."""

from kb.penalty.acts import act_words
from kb.penalty.omission import due_units, undone_acts
from kb.penalty.tamper import tampered_heads, tampered_units
from kb.textsim import jieba_module
from tests.penalty.conftest import link_labels as _links     # the links of every row of a law given whole
from tests.penalty.laws_db import whole_law

TAX_TITLE = "中华人民共和国税收征收管理法"
TARIFF_TITLE = "中华人民共和国关税法"
ANTHEM_TITLE = "中华人民共和国国歌法"
STATISTICS_TITLE = "中华人民共和国统计法"


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


def test_tampering_with_a_thing_breaks_the_duty_to_follow_it():
    # 国歌法第十五条 故意篡改国歌歌词、曲谱… → 第六条 (奏唱国歌，应当按照本法附件所载国歌的歌词和曲谱…); main: none (0.06, no party)
    assert _links(ANTHEM_TITLE, whole_law(ANTHEM_TITLE))[(15, 1, None)][:1] == ["第六条"]
    assert tampered_heads("故意篡改国歌歌词、曲谱，以歪曲方式奏唱国歌") == ["歌词", "曲谱"]
    texts = ["奏唱国歌，应当按照本法附件所载国歌的歌词和曲谱。",
             "在上述场合奏唱国歌，应当使用国歌标准演奏曲谱。",                    # one item of two
             "统计机构应当按照国家有关规定建立统计资料的保存、管理制度。"]        # a rule before the thing
    assert tampered_units("篡改国歌歌词、曲谱", texts) == [True, False, False]
    assert tampered_units("伪造、篡改统计资料", texts) == [False, False, False]
    # 统计法第四十一条第一款第（三）项 伪造、篡改统计资料 keeps 第三十二条 (…不得伪造、篡改统计资料), not 第二十三条第一款
    assert _links(STATISTICS_TITLE, whole_law(STATISTICS_TITLE))[(41, 1, 3)][:1] == ["第三十二条第一款"]
