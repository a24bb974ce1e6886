"""A whole sanction given by reference and the body that pursues the persons' liability, on real clause text (issue 17gh,
sample 22's range miss #39 and agency miss #25): 由…部门依照前款规定给予行政处罚 carries 前款's fine and measures (marked
第一款), with the referring 款's own body; 并由上级机关追究…的行政责任 names 上级机关."""

from kb.penalty.sanctions import read_sanction
from tests.penalty.test_ranges_17h import _cases, _rows

EPIDEMICS_104 = (  # 中华人民共和国传染病防治法第104条 (第一款、第二款)
    '第八章 法律责任|违反本法规定，医疗机构有下列情形之一的，由县级以上人民政府疾病预防控制部门责令改正，给予警告或者通报批评，可以'
    '并处十万元以下罚款；情节严重的，可以由原发证部门或者原备案部门依法吊销医疗机构执业许可证或者责令停止执业活动，对直接负责的主管'
    '人员和其他直接责任人员依法给予处分，并可以由原发证部门责令有关责任人员暂停六个月以上一年以下执业活动直至依法吊销执业证书：\n'
    '（一）未按照规定承担本机构的传染病预防、控制工作，医疗机构感染控制任务或者责任区域内的传染病预防工作；\n'
    '（二）未按照规定报告传染病疫情，隐瞒、谎报、缓报、漏报传染病疫情，或者干预传染病疫情报告；\n'
    '（三）未按照规定对本机构内被传染病病原体污染的场所、物品以及医疗废物、医疗污水实施消毒或者无害化处置。\n'
    '违反本法规定，医疗机构有下列情形之一的，由县级以上人民政府卫生健康主管部门依照前款规定给予行政处罚，对直接负责的主管人员和其他'
    '直接责任人员依法给予处分：\n（一）发现传染病疫情时，未按照规定对传染病患者、疑似患者提供医疗救护、现场救援、接诊治疗、转诊，'
    '或者拒绝接受转诊；\n（二）未遵守国家有关规定，导致因输入血液、使用血液制品引起经血液传播疾病的发生。'
)
EPIDEMICS_105 = (  # 中华人民共和国传染病防治法第105条 (第一款、第二款)
    '第八章 法律责任|违反本法规定，采供血机构未按照规定报告传染病疫情，隐瞒、谎报、缓报、漏报传染病疫情，或者干预传染病疫情报告的，'
    '由县级以上人民政府疾病预防控制部门责令改正，给予警告或者通报批评，可以并处十万元以下罚款；情节严重的，可以由原发证部门依法吊销'
    '采供血机构的执业许可证，对直接负责的主管人员和其他直接责任人员依法给予处分，并可以由原发证部门责令有关责任人员暂停六个月以上'
    '一年以下执业活动直至依法吊销执业证书。\n采供血机构未执行国家有关规定，导致因输入血液引起经血液传播疾病发生的，由县级以上人民'
    '政府卫生健康主管部门依照前款规定给予行政处罚，对直接负责的主管人员和其他直接责任人员依法给予处分。'
)
TAX_84 = (  # 中华人民共和国税收征收管理法第84条
    '第五章 法律责任|违反法律、行政法规的规定，擅自作出税收的开征、停征或者减税、免税、退税、补税以及其他同税收法律、行政法规相抵触'
    '的决定的，除依照本法规定撤销其擅自作出的决定外，补征应征未征税款，退还不应征收而征收的税款，并由上级机关追究直接负责的主管人员'
    '和其他直接责任人员的行政责任；构成犯罪的，依法追究刑事责任。'
)


def test_a_sanction_given_by_reference_as_an_administrative_penalty_carries_the_paragraph_it_names():
    """传染病防治法第一百零四条第二款 (sample 22 range #39): 依照前款规定给予行政处罚 = 第一款's 十万元以下 and measures."""
    rows = _rows("中华人民共和国传染病防治法", EPIDEMICS_104)
    second = [r for r in rows if r.paragraph == 2]
    assert [r.item for r in second] == [1, 2]
    for row in second:
        assert _cases(row) == [(None, None, "十万元以下")]
        assert row.fine.optional and row.sanctions[0].source == "第一款"
        assert {"警告", "通报批评", "罚款", "给予处分"} <= set(row.measures)
        assert row.agencies == ["县级以上人民政府卫生健康主管部门"]   # its own body, not 第一款's 疾病预防控制部门
        severe = next(s for s in row.sanctions if s.condition == "情节严重的")
        assert severe.source == "第一款" and "吊销许可证件" in severe.measures
    [row] = [r for r in _rows("中华人民共和国传染病防治法", EPIDEMICS_105) if r.paragraph == 2]
    assert _cases(row) == [(None, None, "十万元以下")] and row.sanctions[0].source == "第一款"


def test_the_higher_authority_that_pursues_the_persons_liability_is_the_agency():
    """税收征收管理法第八十四条 (sample 22 agency #25): 并由上级机关追究…的行政责任; 由司法机关追究刑事责任 is no agency."""
    [row] = _rows("中华人民共和国税收征收管理法", TAX_84)
    assert row.agencies == ["上级机关"]
    assert read_sanction("由其上级机关追究直接负责的主管人员的责任").agencies == ["其上级机关"]
    assert read_sanction("由有关机关给予处分").agencies == ["有关机关"]
    assert read_sanction("由司法机关追究刑事责任").agencies == []
