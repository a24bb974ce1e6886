"""Issue 17oo, on real statute text (sample 29's #36 and #37, sample 30's #21): rows left unlinked though the law states the
offender's duty — a ban listing most of the conduct's acts before its object, a ban naming the act as a noun, and a conduct
cut to a bare 不听劝阻 that named no act."""

from kb.penalty.followup import followed
from kb.penalty.universal import holds_act, universal_ban
from tests.penalty.conftest import link_labels as _links
from tests.penalty.conftest import linked_rows
from tests.penalty.laws_db import whole_law

GUNS = whole_law("中华人民共和国枪支管理法")
TAX = whole_law("中华人民共和国税收征收管理法")
HEROES = whole_law("中华人民共和国英雄烈士保护法")
ROADS = whole_law("中华人民共和国道路交通安全法")


def test_a_ban_listing_most_of_the_acts_before_their_object():
    # 枪支管理法第四十一条 非法持有、私藏枪支 (criminal only) → 第三条第一款 禁止…持有、制造（包括变造、装配）、买卖…枪支 (main: none)
    assert _links("中华人民共和国枪支管理法", GUNS)[(41, 1, None)][:1] == ["第三条第一款"]
    banned = universal_ban(GUNS[3][1])
    assert holds_act("持有、私藏、贩卖枪支", banned) is False      # one act in three is not most
    assert holds_act("持有、私藏弹药", banned) is False            # the list ends in another object
    # 道路交通安全法第九十九条(七) 故意损毁、移动、涂改交通设施 → 第二十八条第一款 不得擅自设置、移动、占用、损毁交通信号灯… (main: none)
    assert _links("中华人民共和国道路交通安全法", ROADS)[(99, 1, 7)][:1] == ["第二十八条第一款"]


def test_a_ban_naming_the_act_as_a_noun():
    # 税收征收管理法第七十八条 未经税务机关依法委托征收税款 → 第二十九条 …任何单位和个人不得进行税款征收活动 (main: none)
    assert _links("中华人民共和国税收征收管理法", TAX)[(78, 1, None)][:1] == ["第二十九条"]
    assert holds_act("征收税款", "进行税款征收活动")
    assert not holds_act("征收费用", "进行税款征收活动")


def test_a_bare_failure_to_heed_is_given_its_act():
    # 英雄烈士保护法第二十七条第一款 …从事有损…的活动的，…应当及时劝阻；不听劝阻的，由…: the conduct was 不听劝阻, unlinked
    row = next(row for row in linked_rows("中华人民共和国英雄烈士保护法", HEROES) if (row.clause.article, row.paragraph) == (27, 1))
    assert row.conduct.startswith("在英雄烈士纪念设施保护范围内从事有损纪念英雄烈士环境和氛围的活动") and row.conduct.endswith("不听劝阻")
    assert [ref.label for ref in row.references][:1] == ["第十条第二款"]
    # a correction ordered of a state of things keeps its words (产品质量法第十七条 …不合格的，…限期改正。逾期不改正的)
    assert followed("逾期不改正", "依照本法规定进行监督抽查的产品质量不合格的，由…责令…限期改正") == "逾期不改正"
    assert followed("不听劝阻", None) == "不听劝阻"
