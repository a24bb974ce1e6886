"""Fine ranges, targets and agencies on real clause text (issue 17h, sample 9's misses): a floor of a
multiple-based fine (不足五万元的，以五万元计算), sibling amount bands (五万元以上的…；不足五万元的…), a fine
standing alone after a ；, 对 after a verb (消除对国家安全的影响) is no fine target, and a body that only
pursues criminal liability (由司法机关依法追究刑事责任) is no agency of the row."""

from dataclasses import replace

from kb.penalty.rows import parse_clause
from tests.corpus_builders import make_document

CODE_1125 = (
    "第五编 法律责任和附则|违反本法规定，生产、进口或者销售能够篡改、屏蔽、伪造机动车船、非道路移动机械、发动机排放检验数据的装置或者"
    "为虚假排放检验提供条件的检验设备的，由生态环境主管部门、市场监督管理部门、海关按照职责分工没收违法所得，没收销毁违法装置和检验设备，"
    "并处货值金额一倍以上五倍以下的罚款，货值金额不足五万元的，以五万元计算；情节严重的，报经有批准权的人民政府批准，责令停业、关闭。")
DRUGS_133 = (
    "第十一章 法律责任|违反本法规定，医疗机构将其配制的制剂在市场上销售的，责令改正，没收违法销售的制剂和违法所得，并处违法销售制剂"
    "货值金额二倍以上五倍以下的罚款；情节严重的，并处货值金额五倍以上十五倍以下的罚款；货值金额不足五万元的，按五万元计算。")
ADS_63 = (
    "第五章 法律责任|违反本法第四十五条规定，公共场所的管理者和电信业务经营者、互联网信息服务提供者，明知或者应知广告活动违法不予制止的，"
    "由市场监督管理部门没收违法所得，违法所得五万元以上的，并处违法所得一倍以上三倍以下的罚款，违法所得不足五万元的，并处一万元以上五万元"
    "以下的罚款；情节严重的，由有关部门依法停止相关业务。")
CYBER_67 = (
    "第六章 法律责任|关键信息基础设施的运营者违反本法第三十七条规定，使用未经安全审查或者安全审查未通过的网络产品或者服务的，由有关主管部门"
    "责令限期改正、停止使用、消除对国家安全的影响，处采购金额一倍以上十倍以下罚款，对直接负责的主管人员和其他直接责任人员处一万元以上十万元"
    "以下罚款。")
PORTS_56 = (
    "第五章 法律责任|未经依法批准在港口进行可能危及港口安全的采掘、爆破等活动的，向港口水域倾倒泥土、砂石的，由港口行政管理部门责令停止违法"
    "行为，限期消除因此造成的安全隐患；逾期不消除的，强制消除，因此发生的费用由违法行为人承担；处五千元以上五万元以下罚款；依照有关水上交通"
    "安全的法律、行政法规的规定由海事管理机构处罚的，依照其规定；构成犯罪的，依法追究刑事责任。")
COAL_59 = (
    "第七章 法律责任|违反本法第四十三条的规定，在煤炭产品中掺杂、掺假，以次充好的，责令停止销售，没收违法所得，并处违法所得一倍以上五倍以下"
    "的罚款；构成犯罪的，由司法机关依法追究刑事责任。")


def _rows(law, text):
    _, [clause] = make_document(law, [text])
    return parse_clause(replace(clause, id=1))


def _cases(row):
    return [(s.condition, f.target, f.amounts[0].label) for s in row.sanctions for f in s.fines]


def test_a_floor_of_a_multiple_fine_is_a_case_of_its_own():
    """生态环境法典第一千一百二十五条: 货值金额不足五万元的，以五万元计算 → 五万元以上二十五万元以下."""
    [row] = _rows("中华人民共和国生态环境法典", CODE_1125)
    assert _cases(row) == [(None, None, "货值金额一倍以上五倍以下"), ("货值金额不足五万元的", None, "五万元以上二十五万元以下")]
    floor = row.sanctions[1].fines[0].amounts[0]
    assert (floor.min, floor.max, floor.numerals) == (50_000, 250_000, ("五万元", "一倍", "五倍"))
    assert row.fine.amounts[0].kind == "multiple"          # the row's main fine is still the multiple


def test_a_floor_after_a_semicolon_bounds_every_multiple_on_its_base():
    """药品管理法第一百三十三条: …；情节严重的，并处货值金额五倍以上十五倍以下的罚款；货值金额不足五万元的，按五万元计算."""
    [row] = _rows("中华人民共和国药品管理法", DRUGS_133)
    assert _cases(row) == [(None, None, "违法销售制剂货值金额二倍以上五倍以下"),
                           ("情节严重的", None, "货值金额五倍以上十五倍以下"),
                           ("货值金额不足五万元的", None, "十万元以上二十五万元以下"),
                           ("情节严重的，货值金额不足五万元的", None, "二十五万元以上七十五万元以下")]


def test_sibling_amount_bands_do_not_nest():
    """广告法第六十三条: 违法所得五万元以上的…，违法所得不足五万元的… are two bands, not one inside the other."""
    [row] = _rows("中华人民共和国广告法", ADS_63)
    assert _cases(row) == [("违法所得五万元以上的", None, "违法所得一倍以上三倍以下"),
                           ("违法所得不足五万元的", None, "一万元以上五万元以下")]


def test_to_after_a_verb_is_no_fine_target():
    """网络安全法第六十七条: 消除对国家安全的影响，处… — the fine is on the operator, not on 国家安全的影响."""
    [row] = _rows("中华人民共和国网络安全法", CYBER_67)
    assert row.fine.target is None and row.fine.amounts[0].label == "采购金额一倍以上十倍以下"
    assert [f.target for f in row.persons_fines] == ["直接负责的主管人员和其他直接责任人员"]


def test_a_bare_fine_after_a_semicolon_stands_on_its_own():
    """港口法第五十六条: 逾期不消除的，强制消除…；处五千元以上五万元以下罚款 — the fine is not under 逾期不消除的."""
    [row] = _rows("中华人民共和国港口法", PORTS_56)
    assert _cases(row) == [(None, None, "五千元以上五万元以下")]
    assert row.fine.amounts[0].label == "五千元以上五万元以下"
    assert any(s.condition == "逾期不消除的" and "强制消除" in s.text for s in row.sanctions)


def test_a_body_that_only_pursues_criminal_liability_is_no_agency():
    """煤炭法第五十九条: 由司法机关依法追究刑事责任 — the 款 names no administrative body."""
    [row] = _rows("中华人民共和国煤炭法", COAL_59)
    assert row.agencies == []
    assert "追究刑事责任" in row.sanctions[-1].measures
