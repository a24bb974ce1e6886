"""Issue 17ss, on real statute text read from laws.db: the amount check quotes the floor of a multiple fine that
applies (船舶吨税法第十八条: 不缴或者少缴应纳税款的，处…百分之五十以上五倍以下的罚款，但罚款不得低于二千元)."""

from dataclasses import replace

from kb.cite.amounts import amount_verdict
from kb.penalty.rows import parse_clause
from tests.corpus_builders import make_document
from tests.penalty.laws_db import whole_law

TAX = "中华人民共和国船舶吨税法"


def _rows(title, article):
    path, text = whole_law(title)[article]
    _, [clause] = make_document(title, ["|".join(path) + "|" + text])
    return [r for r in parse_clause(replace(clause, id=1)) if r.item == 1]


def test_a_fine_below_the_floor_of_a_met_multiple_fine_is_below_range():
    draft = "该船舶未按照规定申报纳税，有不缴或者少缴应纳税款的违法行为。依据第十八条第一款第（一）项，决定罚款一千元。"
    verdict = amount_verdict(1000, _rows(TAX, 18), draft, "第十八条")
    assert verdict["verdict"] == "below_range"
    assert verdict["condition"] == "不缴或者少缴应纳税款的"
    assert verdict["range_min"] == 2000
    assert "不得低于二千元" in verdict["message"] and "不缴或者少缴应纳税款的" in verdict["message"]


def test_the_floor_counts_only_when_its_condition_is_met():
    draft = "该船舶未按照规定申报纳税。依据第十八条第一款第（一）项，决定罚款一千元。"
    verdict = amount_verdict(1000, _rows(TAX, 18), draft, "第十八条")
    assert verdict["verdict"] == "below_range"
    assert verdict["condition"] is None and verdict["range"] == "二千元以上三万元以下"


def test_a_fine_inside_a_yuan_range_is_within_whatever_the_floor():
    draft = "该船舶有不缴或者少缴应纳税款的违法行为。依据第十八条第一款第（一）项，决定罚款三千元。"
    assert amount_verdict(3000, _rows(TAX, 18), draft, "第十八条")["verdict"] == "within"
    # above every yuan range but above the floor: the multiple fine may reach it, the yuan range's verdict stands
    assert amount_verdict(50_000, _rows(TAX, 18), draft, "第十八条")["verdict"] == "above_range"
