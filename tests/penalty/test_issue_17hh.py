"""Issue 17hh, on real statute text (sample 23's link misses #9, #15, #18 and sample 22's #19): a party named only by 的+人员 is
no particular party; 依法给予行政处罚 is more than criminal liability; an item without a subject of its own has its lead's; a body's
answer to finding someone suffered the conduct is no duty of its doer; a ban of the very act ranks first."""

from kb.penalty.duties import same_party
from kb.penalty.offenders import _criminal_only
from kb.penalty.responses import responds
from kb.penalty.universal import universal_ban, universal_units
from tests.penalty.conftest import link_labels as _links, linked_rows
from tests.penalty.laws_db import whole_law

LICENSING = whole_law("中华人民共和国行政许可法")
CONSUMERS = whole_law("中华人民共和国消费者权益保护法")
GOVERNANCE = whole_law("中华人民共和国公职人员政务处分法")
PUBLIC_ORDER = whole_law("中华人民共和国治安管理处罚法")
UNITY = whole_law("中华人民共和国民族团结进步促进法")


def test_staff_tipping_off_offenders_do_not_break_the_police_review_procedure():
    # 治安管理处罚法第八十七条 旅馆业…等单位的人员…为违法犯罪行为人通风报信 (a public-order row): main linked 第一百一十四条第一款,
    # 应当由从事…法制审核的人员进行法制审核, at 0.05 — its offender 的人员 and the 款's 法制审核的人员 share only 的人员
    assert _links("中华人民共和国治安管理处罚法", PUBLIC_ORDER)[(87, 1, None)] == []
    assert not same_party("的人员", "定法制审核的人员")
    assert same_party("车辆驾驶人", "驾驶人") and same_party("生产经营单位", "经营单位")


def test_a_licensee_hiding_facts_from_the_inspecting_body_breaks_the_candour_duty():
    # 行政许可法第八十条(三) 向负责监督检查的行政机关隐瞒有关情况、提供虚假材料… → 第六十二条第一款 被许可人应当如实提供有关情况和材料
    # (main read 行政机关应当依法给予行政处罚；构成犯罪的，依法追究刑事责任 as criminal-only and never matched it)
    links = _links("中华人民共和国行政许可法", LICENSING)
    assert links[(80, 1, 3)][:1] == ["第六十二条第一款"]
    assert links[(80, 1, 4)] == []      # 法律、法规、规章规定的其他违法行为: a catch-all
    row = next(r for r in linked_rows("中华人民共和国行政许可法", LICENSING) if (r.clause.article, r.item) == (80, 3))
    assert not _criminal_only(row)


def test_false_accusation_links_no_duty_of_the_bodies_that_answer_it():
    # 公职人员政务处分法第六十二条(四) 诬告陷害公职人员: main linked 第三条第二款 (任免机关…加强对公职人员的教育、管理、监督, its offender
    # read as 诬告陷害公职人员); 第五十三条 监察机关…发现公职人员受到…诬告陷害…的，应当…澄清事实 answers the conduct, the doer does not break it
    assert _links("中华人民共和国公职人员政务处分法", GOVERNANCE)[(62, 1, 4)] == []
    assert responds(GOVERNANCE[53][1], "诬告陷害公职人员")
    # the finder's own duty to act on what it finds is no answer to someone suffering the conduct
    assert not responds("经营者发现其提供的商品或者服务存在缺陷，有危及人身、财产安全危险的，应当立即向有关行政部门报告", "商品或者服务存在缺陷")


def test_an_item_without_a_subject_takes_its_leads_party():
    # 消费者权益保护法第五十六条(九) 侵害消费者人格尊严、侵犯消费者人身自由… (lead 经营者有下列情形之一) → 第二十七条 经营者…不得侵犯消费者的人身自由
    assert _links("中华人民共和国消费者权益保护法", CONSUMERS)[(56, 1, 9)][:1] == ["第二十七条"]


def test_a_ban_of_the_very_act_ranks_first():
    # 民族团结进步促进法第五十八条 任何组织和个人违反本法有关规定，破坏民族团结进步 → 第六条 禁止破坏民族团结…的行为 (main: 第三十一条第一款,
    # a ban of making and spreading information 含有…破坏民族团结进步内容)
    assert _links("中华人民共和国民族团结进步促进法", UNITY)[(58, 1, None)][:1] == ["第六条"]
    bans = [universal_ban(UNITY[6][1]), universal_ban(UNITY[31][1].split("\n")[0])]
    mask, _, head = universal_units("任何组织和个人违反本法有关规定，破坏民族团结进步", bans, [0.1, 0.4], [0.1, 0.4])
    assert list(mask) == [True, True] and list(head) == [True, False]
