"""Issue 17pp, on real statute text (sample 29's #13, #16, #19, sample 30's #14, sample 25's #13): a first link to a clause that is
no duty of the offender — a civil catch-all naming only a harm, a system the law sets up, the issuer's duty to make what the
offender refuses, a list of cases another party answers."""

from kb.penalty.nonduty import answers_case, harm_only, issuer_duty, system_only
from tests.penalty.conftest import link_labels as _links
from tests.penalty.laws_db import whole_law

INSURANCE = whole_law("中华人民共和国保险法")
CPA = whole_law("中华人民共和国注册会计师法")
FIRE = whole_law("中华人民共和国消防法")
SANCTIONS = whole_law("中华人民共和国公职人员政务处分法")
LEGAL_AID = whole_law("中华人民共和国法律援助法")
TRAFFIC = whole_law("中华人民共和国道路交通安全法")


def test_a_harm_caused_by_breaking_the_law_names_no_duty():
    # 保险法第一百七十五条 违反本法规定，给他人造成损害的，依法承担民事责任 (main: 第六十五条第三款)
    assert _links("中华人民共和国保险法", INSURANCE)[(175, 1, None)] == []
    # 注册会计师法第五十六条 会计师事务所违反本法规定，给委托人…造成损失的 (main: 第二十三条第二款)
    assert _links("中华人民共和国注册会计师法", CPA)[(56, 1, None)] == []
    assert harm_only("会计师事务所违反本法规定，给委托人、被审计单位以及其他利害关系人造成损失")
    # an act before its harm is a conduct: 故意不完成教育教学任务给教育教学工作造成损失, 操纵市场行为给交易者造成损失
    assert not harm_only("故意不完成教育教学任务给教育教学工作造成损失")
    assert not harm_only("操纵市场行为给交易者造成损失")
    assert not harm_only("不具有事务执行权的合伙人擅自执行合伙事务，给合伙企业或者其他合伙人造成损失")


def test_a_system_binds_no_one_unless_the_conduct_fails_to_join_it():
    # 消防法第五十九条(二) 建筑设计单位不按照消防技术标准强制性要求进行消防设计: not 第十条 …实行建设工程消防设计审查验收制度
    assert _links("中华人民共和国消防法", FIRE)[(59, 1, 2)][:1] != ["第十条"]
    assert system_only(FIRE[10][1], "建筑设计单位不按照消防技术标准强制性要求进行消防设计")
    # 道路交通安全法第十七条 国家实行机动车第三者责任强制保险制度 is the duty of 未按照国家规定投保…强制保险
    assert not system_only(TRAFFIC[17][1], "机动车所有人、管理人未按照国家规定投保机动车第三者责任强制保险")
    assert _links("中华人民共和国道路交通安全法", TRAFFIC)[(98, 1, None)][:1] == ["第十七条"]


def test_the_issuers_duty_is_not_broken_by_refusing_what_it_issues():
    # 公职人员政务处分法第六十一条 有关机关、单位无正当理由拒不采纳监察建议 (main: 第三条第三款 监察机关…应当及时提出监察建议)
    assert _links("中华人民共和国公职人员政务处分法", SANCTIONS)[(61, 1, None)] == []
    third = SANCTIONS[3][1].split("\n")[2]
    assert issuer_duty(third, "有关机关、单位无正当理由拒不采纳监察建议")
    assert not issuer_duty(third, "有关机关、单位无正当理由拒不执行政务处分决定")


def test_a_case_another_party_answers_is_not_the_offenders_duty():
    # 法律援助法第六十四条 受援人以欺骗…获得法律援助 (main: 第四十八条第一款 有下列情形之一的，法律援助机构应当作出终止…决定)
    assert _links("中华人民共和国法律援助法", LEGAL_AID)[(64, 1, None)][:1] != ["第四十八条第一款"]
    forty_eighth = LEGAL_AID[48][1]
    assert answers_case(forty_eighth, None, "受援人以欺骗或者其他不正当手段获得法律援助")
    assert not answers_case(forty_eighth, "法律援助机构", "法律援助机构拒绝为符合条件的人员提供法律援助")
