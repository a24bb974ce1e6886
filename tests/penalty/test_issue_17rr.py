"""Issue 17rr, on real statute text (sample 31's link misses #8 and #20): a 款 that only lists the conditions to found or hold
a thing (设立律师事务所应当具备下列条件：（一）…) is no duty of an offender whose act lacks no condition; a 不履行X义务 conduct breaks
the one 款 stating 应当X."""

from kb.penalty.nonduty import conditions_only
from kb.penalty.stated import failed_units
from tests.penalty.conftest import link_labels as _links
from tests.penalty.laws_db import whole_law

LAWYERS = whole_law("中华人民共和国律师法")
ANIMALS = whole_law("中华人民共和国动物防疫法")
POPULATION = whole_law("中华人民共和国人口与计划生育法")


def test_a_lawyer_punished_again_breaks_no_condition_to_found_a_firm():
    # 律师法第五十一条第一款 在受到停止执业处罚期满后二年内又发生应当给予停止执业处罚情形: main linked 第十四条 律师事务所是律师的执业机构。
    # 设立律师事务所应当具备下列条件：…（三）…三年内未受过停止执业处罚的律师 (shared words, no duty of a 律师); the row has no duty clause
    assert _links("中华人民共和国律师法", LAWYERS)[(51, 1, None)] == []
    _, text = LAWYERS[14]
    assert conditions_only(text, "在受到停止执业处罚期满后二年内又发生应当给予停止执业处罚情形")


def test_unfiled_veterinary_practice_breaks_the_filing_duty_not_the_clinic_conditions():
    # 动物防疫法第一百零六条第一款 未经执业兽医备案从事经营性动物诊疗活动: main linked 第六十一条第一款 从事动物诊疗活动的机构，应当具备
    # 下列条件; now 第六十九条第一款 …从事动物诊疗等经营活动的，还应当向…农业农村主管部门备案
    assert _links("中华人民共和国动物防疫法", ANIMALS)[(106, 1, None)][:1] == ["第六十九条第一款"]


def test_a_condition_list_with_another_duty_or_a_conduct_lacking_a_condition_stays_a_duty():
    lead = "设立律师事务所应当具备下列条件：\n（一）有自己的名称、住所和章程；\n（二）有符合本法规定的律师。"
    assert conditions_only(lead, "擅自设立律师事务所")
    assert not conditions_only(lead, "不具备设立条件")      # the conduct lacks a condition: the list is its duty
    assert not conditions_only("律师事务所应当依法纳税。" + lead, "擅自设立律师事务所")     # another sentence binds the firm
    assert not conditions_only("律师事务所应当具备下列条件：\n（一）有章程。\n律师事务所应当公示章程。", "未公示章程")


def test_failing_the_duty_to_assist_breaks_the_clause_stating_it():
    # 人口与计划生育法第四十四条 不履行协助计划生育管理义务: main left it unlinked; 第七条 …企业事业组织和公民应当协助人民政府开展人口与
    # 计划生育工作 states the duty
    assert _links("中华人民共和国人口与计划生育法", POPULATION)[(44, 1, None)][:1] == ["第七条"]
    texts = ["公民应当协助人民政府开展人口与计划生育工作。", "国家实行计划生育。"]
    assert list(failed_units("不履行协助计划生育管理义务", texts)) == [True, False]
    assert not failed_units("不履行协助计划生育管理义务", texts * 2).any()      # two 款 say so: a guess, none
    assert not failed_units("不履行本法规定的个人信息保护义务", ["应当履行个人信息保护义务。"]).any()    # no verb the conduct names
