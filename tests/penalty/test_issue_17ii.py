"""Issue 17ii, on real statute text (sample 24's link misses #11, #15 and sample 25's #15): a criminal-only row is linked when
the law bans its very act or requires the certificate it lacks, and a 款 stating only a body's power binds no offender."""

from kb.penalty.permits import certificate_duty
from kb.penalty.powers import power_only
from tests.penalty.conftest import link_labels as _links
from tests.penalty.laws_db import whole_law

RAILWAYS = whole_law("中华人民共和国铁路法")
MATERNAL = whole_law("中华人民共和国母婴保健法")
SECURITIES = whole_law("中华人民共和国证券法")
EXIT_ENTRY = whole_law("中华人民共和国出境入境管理法")


def test_a_criminal_only_row_breaks_the_ban_of_its_very_act():
    # 铁路法第六十六条 倒卖旅客车票，构成犯罪的，依照刑法有关规定追究刑事责任 → 第二十七条第二款 禁止倒卖旅客车票 (main: no link)
    links = _links("中华人民共和国铁路法", RAILWAYS)
    assert links[(66, 1, None)][:1] == ["第二十七条第二款"]


def test_a_criminal_only_row_breaks_the_certificate_duty_of_its_act():
    # 母婴保健法第三十六条 未取得国家颁发的有关合格证书，施行终止妊娠手术… → 第三十三条第二款 从事…终止妊娠手术的人员，必须…取得…合格证书
    assert _links("中华人民共和国母婴保健法", MATERNAL)[(36, 1, None)][:1] == ["第三十三条第二款"]
    conduct = MATERNAL[36][1].split("，致人")[0]
    second, first = MATERNAL[33][1].split("\n")[1], MATERNAL[33][1].split("\n")[0]
    assert certificate_duty(conduct, second) and not certificate_duty(conduct, first)


def test_a_regulators_power_is_no_duty_of_the_issuer():
    # 证券法第一百八十一条第一款 (尚未发行证券) was linked to 第二十四条第二款, the regulator's 可以责令发行人回购证券: a power
    links = _links("中华人民共和国证券法", SECURITIES)
    assert "第二十四条第二款" not in links[(181, 1, None)] + links[(181, 2, None)]
    assert power_only(SECURITIES[24][1].split("\n")[1]) and not power_only(SECURITIES[24][1].split("\n")[0])
    # a conduct defying the body's decision still breaks the 款 its decision rests on
    assert _links("中华人民共和国出境入境管理法", EXIT_ENTRY)[(77, 2, None)][:1] == ["第四十四条第一款"]
