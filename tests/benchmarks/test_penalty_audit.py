"""The target audit of the penalty table (benchmarks/penalty_audit.py --targets, issue 17s) on real clause text:
whom each fine stretch's amounts belong to, read independently of kb.penalty."""

from benchmarks.penalty_audit import row_targets, text_targets
from tests.penalty.test_ranges_17s import COUNTER_TERRORISM_90, FUNDS_138, QINGHAI_TIBET_58


def _first(text: str) -> str:
    return text.split("|", 1)[1].split("\n")[0]


def test_text_targets_reads_the_last_dui_of_the_sentence():
    assert text_targets(_first(COUNTER_TERRORISM_90)) == {("offender", "二十万元"), ("persons", "五万元")}
    assert text_targets(_first(FUNDS_138)) == {("offender", "十万元"), ("offender", "三十万元"),
                                              ("persons", "三万元"), ("persons", "十万元")}
    assert text_targets(_first(QINGHAI_TIBET_58)) == {
        ("individual", "一百元"), ("individual", "五百元"), ("individual", "一万元"),
        ("offender", "五万元"), ("offender", "五十万元")}
    # 个人有前款规定行为的，…: the sentence's subject; 处对单位罚款数额百分之五…: no target
    assert text_targets("个人有前款规定行为的，由公安机关处五日以上十五日以下拘留，可以并处一万元以下罚款。") == \
        {("individual", "一万元")}
    assert text_targets("对法定代表人处对单位罚款数额百分之五以上百分之十以下的罚款。") == \
        {("persons", "百分之五"), ("persons", "百分之十")}


def test_row_targets_flags_a_persons_fine_carried_as_the_units():
    def fine(target, on_persons, numerals):
        return {"target": target, "on_persons": on_persons, "amounts": [{"text": "", "numerals": numerals}]}
    row = {"paragraph": 1, "conduct": "新闻媒体等单位编造…", "sanctions": [
        {"source": None, "condition": None, "fines": [fine(None, False, ["二十万元"]), fine(None, False, ["五万元"])]}]}
    assert row_targets([row])[1] == {("offender", "二十万元"), ("offender", "五万元")}
    row["sanctions"][0]["fines"][1] = fine("直接负责的主管人员", True, ["五万元"])
    assert row_targets([row])[1] == {("offender", "二十万元"), ("persons", "五万元")}


def test_text_conditions_reads_the_condition_before_each_fine():
    """The condition audit's own reading (issue 17x): the last …的 piece before a fine stretch in its ；-segment, once
    the sanction has begun; a sentence's opening condition for a fine with none in its segment."""
    from benchmarks.penalty_audit import text_conditions
    from tests.penalty.test_conditions_17x import COMPANY_251, COUNTER_ESPIONAGE_54, WORK_SAFETY_92
    espionage = _first(COUNTER_ESPIONAGE_54)
    assert text_conditions(espionage) == {frozenset({"五万元"}): {None},
                                          frozenset({"一倍", "五倍"}): {"违法所得在五万元以上的"}}
    company = _first(COMPANY_251)
    assert text_conditions(company) == {frozenset({"一万元", "五万元"}): {None},
                                        frozenset({"五万元", "二十万元"}): {"情节严重的"},
                                        frozenset({"一万元", "十万元"}): {"情节严重的"}}
    safety = WORK_SAFETY_92.split("\n")[1]
    assert text_conditions(safety)[frozenset({"十万元", "二十万元"})] == {"没有违法所得或者违法所得不足十万元的"}
    assert text_conditions(safety)[frozenset({"五万元", "十万元"})] == {None}


def test_condition_audit_flags_a_condition_the_rows_drop():
    from benchmarks.penalty_audit import _judge_conditions
    from tests.penalty.test_conditions_17x import COMPANY_251
    company = _first(COMPANY_251)
    numerals = frozenset({"一万元", "十万元"})
    fines = {frozenset({"一万元", "五万元"}): [("", "公司未…公示")],
             frozenset({"五万元", "二十万元"}): [("情节严重的", "公司未…公示")]}
    _, problems, agrees = _judge_conditions(company, {**fines, numerals: [("", "公司未…公示")]})
    assert not agrees and problems == ["一万元/十万元: 条文“情节严重的” 无对应行", "一万元/十万元: 条文“情节严重的” 行“无”"]
    assert _judge_conditions(company, {**fines, numerals: [("情节严重的", "公司未…公示")]})[2]


def test_text_bodies_reads_the_bodies_that_sanction():
    """The agency audit (issue 17aa): 由X责令…, X有权予以劝阻, 提请X责令… — not a body that is only reported to."""
    from benchmarks.penalty_audit import text_bodies
    from tests.penalty.test_references_17aa import BLOOD_19, OCCUPATIONAL_75, RED_CROSS_19
    assert text_bodies(BLOOD_19) == {"县级以上地方人民政府卫生行政部门"}
    assert text_bodies(RED_CROSS_19.split("|")[1].split("\n")[0]) == {"红十字会", "人民政府"}
    assert text_bodies(OCCUPATIONAL_75.split("|")[1].split("\n")[0]) == {"卫生行政部门", "有关人民政府"}


def test_agency_audit_flags_a_body_the_rows_lack():
    from benchmarks.penalty_audit import _judge_bodies
    from tests.penalty.test_references_17aa import BLOOD_19
    assert _judge_bodies(BLOOD_19, set())[2] is False
    assert _judge_bodies(BLOOD_19, {"县级以上地方人民政府卫生行政部门"})[2] is True
