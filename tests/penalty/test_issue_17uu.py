"""Issue 17uu, on real statute text (sample 34's link misses #9, #35, #39): a ban naming its object by 对 before the acts
(任何单位和个人不得对食品安全事故隐瞒、谎报、缓报) holds 隐瞒、谎报、缓报食品安全事故; a breach of "the laws" in general
(违反法律、法规规定) gives the match no words; a name negated by 非 (非机动车驾驶人) is another party than the name (机动车驾驶人)."""

from kb.penalty.duties import same_party
from kb.penalty.queries import LAWS_NOISE
from kb.penalty.universal import holds_act, universal_ban
from tests.penalty.conftest import link_labels as _links     # the links of every row of a law given whole
from tests.penalty.laws_db import whole_law

FOOD_TITLE = "中华人民共和国食品安全法"
LABOUR_TITLE = "中华人民共和国劳动法"
ROAD_TITLE = "中华人民共和国道路交通安全法"


def test_a_ban_naming_its_object_by_dui_links_the_officials_concealment():
    # 第一百四十四条第一款第（一）项 (部门) 隐瞒、谎报、缓报食品安全事故 → 第一百零三条第四款 (main: no link; the 对X object first
    # was not read, and the officials' filters drop a 款 binding 任何单位和个人)
    links = _links(FOOD_TITLE, whole_law(FOOD_TITLE))
    assert links[(144, 1, 1)][:1] == ["第一百零三条第四款"]


def test_the_object_by_dui_must_be_the_conducts_and_its_acts_listed():
    banned = universal_ban("任何单位和个人不得对食品安全事故隐瞒、谎报、缓报，不得隐匿、伪造、毁灭有关证据。")
    assert holds_act("隐瞒、谎报、缓报食品安全事故", banned)
    assert not holds_act("隐瞒、谎报、缓报药品安全事件", banned)     # another object
    assert not holds_act("谎报食品安全信息", banned)
    assert not holds_act("隐瞒、谎报、缓报食品安全事故", universal_ban("任何单位和个人不得隐瞒食品安全事故的调查结论。"))


def test_a_breach_of_the_laws_in_general_gives_no_match_words():
    # 劳动法第八十九条 规章制度违反法律、法规规定 → 第四条 (建立和完善规章制度), not 第四十条 (法律、法规规定的其他休假节日)
    links = _links(LABOUR_TITLE, whole_law(LABOUR_TITLE))
    assert links[(89, 1, None)][:1] == ["第四条"]
    assert LAWS_NOISE.sub("", "用人单位制定的劳动规章制度违反法律、法规规定") == "用人单位制定的劳动规章制度"
    assert LAWS_NOISE.sub("", "违反有关法律、行政法规的规定，排放污染物") == "，排放污染物"
    # a catch-all of the laws (有违反…法律、法规的其他行为) keeps its words: it is no act to strip down to
    assert LAWS_NOISE.sub("", "有违反社会保险法律、法规的其他行为") == "有违反社会保险法律、法规的其他行为"


def test_a_name_negated_by_fei_is_another_party():
    assert not same_party("机动车驾驶人", "非机动车驾驶人")
    assert same_party("驾驶人", "机动车驾驶人")
    # 道路交通安全法第八十九条 行人、乘车人、非机动车驾驶人… no longer takes 第二十二条第一款 (机动车驾驶人应当…)
    links = _links(ROAD_TITLE, whole_law(ROAD_TITLE))
    assert "第二十二条第一款" not in links[(89, 1, None)]
    assert links[(90, 1, None)][:1] == ["第二十二条第一款"]        # the motorists' row keeps it


def test_a_persons_licence_is_a_qualification():
    # 民用航空法第二百三十七条第一款 未取得相关航空人员执照、证书…从事民用航空活动 → 第三十七条第一款 (…取得…执照，方可履行…)
    from kb.penalty.permits import qualification_conduct, qualification_duty
    title = "中华人民共和国民用航空法"
    assert qualification_conduct("未取得相关航空人员执照、证书，或者超出执照、证书载明事项范围从事民用航空活动")
    assert qualification_duty("其他航空人员应当接受专门训练，经考核合格，取得国务院民用航空主管部门颁发的执照，方可担任其执照载明的工作。")
    assert not qualification_conduct("未取得适航证书飞行")
    assert _links(title, whole_law(title))[(237, 1, None)][:1] == ["第三十七条第一款"]
