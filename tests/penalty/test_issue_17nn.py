"""Issue 17nn, on real statute text (sample 27's #11, sample 28's #15 and #31): rows left unlinked though the law states the
offender's duty — the one 款 requiring by the same words the act a 未依照本法规定X conduct failed, the one 款 keeping secret what
a 泄露… conduct leaks, and the 款 banning to everyone the act of officials named first (…的工作人员挪用…)."""

from kb.penalty.stated import secrecy_units, staff_act, undone_act, undone_units
from tests.penalty.conftest import link_labels as _links
from tests.penalty.laws_db import whole_law

ASSEMBLY = whole_law("中华人民共和国集会游行示威法")
AML = whole_law("中华人民共和国反洗钱法")
LABOUR = whole_law("中华人民共和国劳动法")
STATISTICS = whole_law("中华人民共和国统计法")
CODE = whole_law("中华人民共和国生态环境法典")


def test_an_undone_act_breaks_the_one_paragraph_requiring_it():
    # 集会游行示威法第二十七条(一) 未依照本法规定申请或者申请未获许可 → 第七条第一款 必须依照本法规定向主管机关提出申请 (main: none)
    assert _links("中华人民共和国集会游行示威法", ASSEMBLY)[(27, 1, 1)][:1] == ["第七条第一款"]
    assert undone_act("未依照本法规定申请或者申请未获许可") == "申请"
    assert undone_act("不按照规定条件进行公务员奖惩、回避和办理退休") is None      # 条件 is no act


def test_an_undone_act_must_be_done_to_the_conducts_object():
    # 生态环境法典第一千一百九十六条(一) 不按照规定设置放射性标识 keeps 第六百一十条, not 第五百三十一条 (…设置危险废物识别标志)
    assert _links("中华人民共和国生态环境法典", CODE)[(1196, 1, 1)][:1] == ["第六百一十条"]
    texts = [CODE[531][1], CODE[610][1]]
    assert not undone_units("不按照规定设置放射性标识、标志、中文警示说明", texts).any()


def test_a_leak_breaks_the_one_paragraph_keeping_it_secret():
    # 反洗钱法第五十一条(二) 泄露因反洗钱知悉的国家秘密… → 第七条第一款 …应当予以保密 (main: none)
    assert _links("中华人民共和国反洗钱法", AML)[(51, 1, 2)][:1] == ["第七条第一款"]
    # 统计法第二十九条 says 除依法应当保密的外，应当及时公开: no secrecy duty, and 资料 is no secret by its name
    conduct = "对外提供、泄露在统计调查中获得的能够识别或者推断单个统计调查对象身份的资料"
    assert not secrecy_units(conduct, [STATISTICS[29][1]]).any()


def test_officials_named_first_break_the_ban_of_their_act():
    # 劳动法第一百零四条 国家工作人员和社会保险基金经办机构的工作人员挪用社会保险基金 (criminal only) → 第七十四条第四款 (main: none)
    conduct = "国家工作人员和社会保险基金经办机构的工作人员挪用社会保险基金"
    assert staff_act(conduct) == "挪用社会保险基金"
    assert _links("中华人民共和国劳动法", LABOUR)[(104, 1, None)][:1] == ["第七十四条第四款"]
