"""Issue 17zz, on real statute text (sample 36's link misses #7, #20, #27): a facility put into use before it is built
breaks the 款 requiring it with the main works (三同时); 不按规定履行X义务 breaks the one 款 stating 应当…X, the thing X is done
to standing between the duty word and the act (应当为老年人提供优待); a leak naming no party breaks, of several secrecy 款,
the one binding everyone."""

from kb.penalty.facilities import facility, simultaneous_units
from kb.penalty.stated import FAILED, failed_units, secrecy_units
from tests.penalty.conftest import link_labels as _links     # the links of every row of a law given whole
from tests.penalty.laws_db import whole_law

WATER_TITLE = "中华人民共和国水法"
ELDERLY_TITLE = "中华人民共和国老年人权益保障法"
INTELLIGENCE_TITLE = "中华人民共和国国家情报法"
CORRECTION_TITLE = "中华人民共和国社区矫正法"


def test_a_facility_put_into_use_breaks_the_simultaneous_works_duty():
    # 水法第七十一条 节水设施没有建成…擅自投入使用 → 第五十三条第一款 (…节水设施应当与主体工程同时设计、同时施工、同时投产);
    # main: no link (0.16, under the weak floor, no party named)
    assert _links(WATER_TITLE, whole_law(WATER_TITLE))[(71, 1, None)][:1] == ["第五十三条第一款"]


def test_the_facility_must_be_the_conducts_and_put_into_use():
    assert facility("建设项目的节水设施没有建成或者没有达到国家规定的要求，擅自投入使用") == "节水设施"
    assert facility("建设项目的职业病防护设施未按照规定与主体工程同时设计、同时施工、同时投入生产和使用") == "职业病防护设施"
    # the use stated before the facility is a point in time (…投入生产和使用前，职业病防护设施未按照规定验收合格)
    assert facility("建设项目竣工投入生产和使用前，职业病防护设施未按照规定验收合格") is None
    assert facility("擅自拆除污染防治设施") is None
    texts = ["节水设施应当与主体工程同时设计、同时施工、同时投产。", "安全设施应当与主体工程同时设计、同时施工、同时投入使用。",
             "供水企业应当加强供水设施的维护管理。"]
    assert simultaneous_units("节水设施没有建成，擅自投入使用", texts) == [True, False, False]


def test_a_failed_duty_by_rule_breaks_the_one_paragraph_stating_it():
    # 老年人权益保障法第八十一条 不按规定履行优待老年人义务 → 第五十八条第二款 (…应当为老年人提供优待和照顾); main: no link
    assert _links(ELDERLY_TITLE, whole_law(ELDERLY_TITLE))[(81, 1, None)][:1] == ["第五十八条第二款"]
    texts = ["城市公共交通，应当为老年人提供优待和照顾。", "提倡为老年人提供优先服务。", "应当为残疾人提供优待。"]
    assert list(failed_units("不按规定履行优待老年人义务", texts)) == [True, False, False]
    # the thing before the act stands in the act's stretch (no comma between)
    assert not failed_units("不按规定履行优待老年人义务", ["对老年人，应当提供优待。"]).any()
    assert FAILED.search("未依法履行信息公开义务").group("rest") == "信息公开"


def test_a_leak_naming_no_party_breaks_everyones_secrecy_duty():
    # 国家情报法第二十九条 泄露与国家情报工作有关的国家秘密 → 第七条第一款 (任何组织和公民都应当…保守所知悉的国家情报工作秘密),
    # not 第十九条 (国家情报工作机构及其工作人员…不得泄露国家秘密; main's link)
    assert _links(INTELLIGENCE_TITLE, whole_law(INTELLIGENCE_TITLE))[(29, 1, None)][:1] == ["第七条第一款"]
    texts = ["任何组织和公民都应当保守所知悉的国家秘密。", "工作机构及其工作人员不得泄露国家秘密。"]
    assert list(secrecy_units("泄露国家秘密", texts)) == [True, False]
    assert not secrecy_units("工作人员泄露国家秘密", texts).any()       # a party named: two 款, none chosen
    # 任何单位 as an object is not everyone bound (社区矫正法第五十四条第二款): its officials' leak stays unlinked
    assert _links(CORRECTION_TITLE, whole_law(CORRECTION_TITLE))[(61, 1, 4)] == []


def test_obtaining_by_deceit_breaks_no_duty_naming_only_the_thing_obtained():
    # 出境入境管理法第七十三条 弄虚作假骗取签证、停留居留证件 → none (main: 第九十二条, the duty to pay 签证费、证件费)
    from kb.penalty.fraud import deceit_conduct, no_deceit_duty
    title = "中华人民共和国出境入境管理法"
    assert _links(title, whole_law(title))[(73, 1, None)] == []
    assert deceit_conduct("弄虚作假骗取签证、停留居留证件等出境入境证件")
    assert deceit_conduct("以欺诈、伪造证明材料等手段骗取社会保险待遇")
    assert not deceit_conduct("持用伪造、变造、骗取的出境入境证件出境入境")        # the act is 持用
    assert not deceit_conduct("未经批准或者采取欺骗手段骗取批准，非法占用土地")      # the act is 占用
    assert not deceit_conduct("克扣、截留、挪用科普款物或者骗取科普优惠政策支持")     # the first act is 克扣
    assert no_deceit_duty("申请办理签证的，应当按照规定缴纳签证费、证件费。", "弄虚作假骗取签证")
    assert not no_deceit_duty("投标人不得以其他方式弄虚作假，骗取中标。", "弄虚作假骗取中标")
    assert not no_deceit_duty("申请人应当提供真实的材料。", "弄虚作假骗取签证")
