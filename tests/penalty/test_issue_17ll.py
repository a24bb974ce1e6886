"""Issue 17ll, on real statute text read from laws.db (sample 27 #9 and sample 26 #27): a floor stated apart from a
multiple fine (…百分之五十以上五倍以下的罚款，但罚款不得低于二千元) bounds that fine; a body named as a 单位 by its tie to
the offender after 由 (由其上级机关或者主管单位责令限期改正, 由所在单位给予处分) is the sanction's body, a private unit is not."""

from dataclasses import replace

from kb.penalty.rows import parse_clause
from kb.penalty.sanctions import read_sanction
from tests.corpus_builders import make_document
from tests.penalty.laws_db import whole_law


def _rows(title, article):
    path, text = whole_law(title)[article]
    _, [clause] = make_document(title, ["|".join(path) + "|" + text])
    return parse_clause(replace(clause, id=1))


def test_a_floor_after_a_multiple_fine_bounds_it():
    """船舶吨税法第十八条 (sample 27 #9): 不缴或者少缴应纳税款的 case kept 百分之五十以上五倍以下 without its 二千元 floor."""
    rows = _rows("中华人民共和国船舶吨税法", 18)
    assert rows
    for row in rows:
        special = [s for s in row.sanctions if s.condition == "不缴或者少缴应纳税款的"]
        assert len(special) == 1
        [fine] = special[0].fines
        [amount] = fine.amounts
        assert (amount.kind, amount.min, amount.max, amount.floor) == ("multiple", 0.5, 5, 2000)
        assert fine.to_record()["label"] == "不缴或者少缴税款百分之五十以上五倍以下，但不得低于二千元"
        # the base fine keeps its own range
        assert row.fine.to_record()["label"] == "二千元以上三万元以下"


def test_a_floor_bounds_only_a_multiple_fine_it_follows():
    """A yuan fine followed by the same words gets no floor (nothing to bound), and no other fine does."""
    sanction = read_sanction("处五千元以下的罚款，但罚款不得低于二千元")
    from kb.penalty.derived import with_floors
    [result] = with_floors([sanction])
    assert all(a.floor is None for f in result.fines for a in f.amounts)


def test_a_superior_or_supervising_unit_is_a_body():
    """家庭教育促进法第五十条 (sample 26 #27): 由其上级机关或者主管单位责令限期改正 was shown as 未写明."""
    rows = _rows("中华人民共和国家庭教育促进法", 50)
    assert rows
    assert all(row.agencies == ["其上级机关或者主管单位"] for row in rows)


def test_an_employer_of_officials_is_a_body():
    """城市房地产管理法第六十四条: 由上级机关或者所在单位给予有关责任人员行政处分."""
    [row] = _rows("中华人民共和国城市房地产管理法", 64)
    assert row.agencies == ["上级机关或者所在单位"]


def test_a_private_unit_is_no_body():
    """安全生产法第一百零七条: 由生产经营单位给予批评教育 — the offender's business is no public body."""
    rows = _rows("中华人民共和国安全生产法", 107)
    assert rows
    assert not any("单位" in agency for row in rows for agency in row.agencies)


def test_a_body_entrusting_a_unit_is_named_alone():
    """海域使用管理法第四十七条: 由…海洋行政主管部门委托有关单位代为拆除 — the 部门, not one name with the 单位."""
    rows = _rows("中华人民共和国海域使用管理法", 47)
    assert rows
    assert all(all("委托" not in a for a in row.agencies) for row in rows)
    assert any("县级以上人民政府海洋行政主管部门" in row.agencies for row in rows)
