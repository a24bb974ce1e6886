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
