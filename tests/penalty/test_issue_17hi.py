"""Issue 17hi, on real clause text (sample 23's agency miss #35 and noted rows #18, #28, #29; sample 22's #35, #36):
bodies listed before 根据职责分工 or with commas are read whole; a 款 that only lightens or aggravates lists no offences
(its items go to the leniency checklist); a referral (本法未作行政处罚规定…依照其规定) is no row; a conduct cut to a
condition takes the first segment's conduct; 给予治安管理处罚 is a (referral) measure."""

from dataclasses import replace

from kb.penalty.leniency import OWN_CHAPTER, items_of
from kb.penalty.rows import parse_clause
from kb.penalty.sanctions import read_sanction
from tests.corpus_builders import make_document
from tests.penalty.test_ranges_17h import _rows

EDUCATION_54 = (  # 中华人民共和国义务教育法第五十四条
    '第七章 法律责任|有下列情形之一的，由上级人民政府或者上级人民政府教育行政部门、财政部门、价格行政部门和审计机关根据职责分工'
    '责令限期改正；情节严重的，对直接负责的主管人员和其他直接责任人员依法给予处分：\n（一）侵占、挪用义务教育经费的；\n'
    '（二）向学校非法收取或者摊派费用的。'
)
SANCTIONS_62 = (  # 中华人民共和国公职人员政务处分法第六十二条
    '第六章 法律责任|有关机关、单位、组织或者人员有下列情形之一的，由其上级机关，主管部门，任免机关、单位或者监察机关责令改正，'
    '依法给予处理：\n（一）拒不执行政务处分决定的；\n（二）拒不配合或者阻碍调查的；\n（三）对检举人、证人或者调查人员进行打击报复的；\n'
    '（四）诬告陷害公职人员的；\n（五）其他违反本法规定的情形。'
)
SANCTIONS_11 = (  # 中华人民共和国公职人员政务处分法第十一条
    '第二章 政务处分的种类和适用|公职人员有下列情形之一的，可以从轻或者减轻给予政务处分：\n（一）主动交代本人应当受到政务处分的违法行为的；\n'
    '（二）配合调查，如实说明本人违法事实的；\n（三）检举他人违纪违法行为，经查证属实的；\n'
    '（四）主动采取措施，有效避免、挽回损失或者消除不良影响的；\n（五）在共同违法行为中起次要或者辅助作用的；\n'
    '（六）主动上交或者退赔违法所得的；\n（七）法律、法规规定的其他从轻或者减轻情节。'
)
SANCTIONS_12 = (  # 中华人民共和国公职人员政务处分法第十二条第一款
    '第二章 政务处分的种类和适用|公职人员违法行为情节轻微，且具有本法第十一条规定的情形之一的，可以对其进行谈话提醒、批评教育、'
    '责令检查或者予以诫勉，免予或者不予政务处分。'
)
SANCTIONS_13 = (  # 中华人民共和国公职人员政务处分法第十三条
    '第二章 政务处分的种类和适用|公职人员有下列情形之一的，应当从重给予政务处分：\n（一）在政务处分期内再次故意违法，应当受到政务处分的；\n'
    '（二）阻止他人检举、提供证据的；\n（三）串供或者伪造、隐匿、毁灭证据的；\n（四）包庇同案人员的；\n（五）胁迫、唆使他人实施违法行为的；\n'
    '（六）拒不上交或者退赔违法所得的；\n（七）法律、法规规定的其他从重情节。'
)
ATOMIC_58 = (  # 中华人民共和国原子能法第五十八条
    '第七章 法律责任|违反本法规定的行为，本法未作行政处罚规定，其他有关法律、行政法规有规定的，依照其规定；造成财产损失或者其他损害的，'
    '依法承担民事责任；构成犯罪的，依法追究刑事责任。'
)
QUALITY_57_3 = (  # 中华人民共和国产品质量法第五十七条第三款
    '第五章 罚则|产品质量认证机构违反本法第二十一条第二款的规定，对不符合认证标准而使用认证标志的产品，未依法要求其改正或者取消其'
    '使用认证标志资格的，对因产品不符合认证标准给消费者造成的损失，与产品的生产者、销售者承担连带责任；情节严重的，撤销其认证资格。'
)
ENTRY_77 = (  # 中华人民共和国出境入境管理法第七十七条
    '第七章 法律责任|外国人未经批准，擅自进入限制外国人进入的区域，责令立即离开；情节严重的，处五日以上十日以下拘留。对外国人非法获取的'
    '文字记录、音像资料、电子数据和其他物品，予以收缴或者销毁，所用工具予以收缴。'
)
AVIATION_255 = (  # 中华人民共和国民用航空法第二百五十五条
    '第十五章 法律责任|违反本法规定，实施危害民用航空安全或者扰乱民用航空秩序的行为，构成违反治安管理行为的，由公安机关依法给予治安管理'
    '处罚；构成犯罪的，依法追究刑事责任。'
)
ASSETS_75 = '第八章 法律责任|违反本法规定，构成犯罪的，依法追究刑事责任。'   # 中华人民共和国企业国有资产法第七十五条
PUBLIC_ORDER_8 = (  # 中华人民共和国治安管理处罚法第八条 (总则)
    '第一章 总则|违反治安管理行为对他人造成损害的，除依照本法给予治安管理处罚外，行为人或者其监护人还应当依法承担民事责任。\n'
    '违反治安管理行为构成犯罪，应当依法追究刑事责任的，不得以治安管理处罚代替刑事处罚。'
)


def _clause(law, text):
    _, [clause] = make_document(law, [text])
    return replace(clause, id=1)


def test_bodies_before_according_to_their_duties_are_read_whole():
    """义务教育法第五十四条 (sample 23 agency miss #35): 由A或者B、C和D根据职责分工责令限期改正 (was 未写明)."""
    rows = _rows("中华人民共和国义务教育法", EDUCATION_54)
    assert [r.item for r in rows] == [1, 2]
    for row in rows:
        assert row.agencies == ["上级人民政府或者上级人民政府教育行政部门、财政部门、价格行政部门和审计机关"]
    assert read_sanction("由县级以上人民政府或者其教育行政部门根据职责权限责令限期改正").agencies == [
        "县级以上人民政府或者其教育行政部门"]


def test_bodies_listed_with_commas_are_read_whole():
    """公职人员政务处分法第六十二条 (sample 23 #18): not only the first body 其上级机关."""
    rows = _rows("中华人民共和国公职人员政务处分法", SANCTIONS_62)
    assert len(rows) == 5
    for row in rows:
        assert row.agencies == ["其上级机关，主管部门，任免机关、单位或者监察机关"]
    # a comma before no verb ends no list: the body stays the one before it
    assert read_sanction("由公安机关，对其处五日以下拘留").agencies == ["公安机关"]


def test_circumstances_that_lighten_or_aggravate_are_no_rows_but_checklist_items():
    """公职人员政务处分法第十一条、第十二条、第十三条 (sample 23 #29 配合调查，如实说明本人违法事实): no offences."""
    assert _rows("中华人民共和国公职人员政务处分法", SANCTIONS_11) == []
    assert _rows("中华人民共和国公职人员政务处分法", SANCTIONS_13) == []
    assert _rows("中华人民共和国公职人员政务处分法", SANCTIONS_12) == []
    lighter = items_of(_clause("中华人民共和国公职人员政务处分法", SANCTIONS_11))
    assert len(lighter) == 7 and {i.effect for i in lighter} == {"可以从轻或者减轻"}
    assert lighter[1].condition == "配合调查，如实说明本人违法事实的"
    heavier = items_of(_clause("中华人民共和国公职人员政务处分法", SANCTIONS_13))
    assert len(heavier) == 7 and {i.effect for i in heavier} == {"从重"}
    [waived] = items_of(_clause("中华人民共和国公职人员政务处分法", SANCTIONS_12))
    assert waived.effect == "不予处罚"
    assert OWN_CHAPTER.search("第二章 政务处分的种类和适用")


def test_a_referral_to_other_laws_is_no_row():
    """原子能法第五十八条 (sample 23 #28): the conduct was cut to "的行为，本法未作行政处罚规定…"."""
    assert _rows("中华人民共和国原子能法", ATOMIC_58) == []


def test_a_conduct_cut_to_a_condition_takes_the_first_segments_conduct():
    """产品质量法第五十七条第三款 (sample 22 #35, was 情节严重) and 出境入境管理法第七十七条 (was 情节严重)."""
    [row] = _rows("中华人民共和国产品质量法", QUALITY_57_3)
    assert row.conduct.endswith("对不符合认证标准而使用认证标志的产品，未依法要求其改正或者取消其使用认证标志资格")
    assert [r.label for r in row.references] == ["第二十一条第二款"]
    severe = next(s for s in row.sanctions if s.condition)
    assert severe.condition == "情节严重的" and "撤销许可" in severe.measures
    [row] = _rows("中华人民共和国出境入境管理法", ENTRY_77)
    assert row.conduct == "外国人未经批准，擅自进入限制外国人进入的区域"
    assert row.base[0].text == "责令立即离开"
    assert any(s.condition == "情节严重的" and s.detentions for s in row.sanctions)


def test_a_bare_criminal_condition_keeps_the_violation_it_follows():
    """企业国有资产法第七十五条: the conduct was 构成犯罪 alone."""
    [row] = _rows("中华人民共和国企业国有资产法", ASSETS_75)
    assert row.conduct == "违反本法规定，构成犯罪"


def test_a_public_order_penalty_is_a_measure():
    """民用航空法第二百五十五条 (sample 22 #36): 由公安机关依法给予治安管理处罚 was read as no measure (criminal-only row)."""
    [row] = _rows("中华人民共和国民用航空法", AVIATION_255)
    assert "依法处罚（依照其他规定）" in row.measures and row.agencies == ["公安机关"]
    assert row.conduct.startswith("实施危害民用航空安全或者扰乱民用航空秩序的行为")
    # the 治安管理处罚法's own 总则 on what follows a 违反治安管理行为 is no offence
    assert parse_clause(_clause("中华人民共和国治安管理处罚法", PUBLIC_ORDER_8)) == []
