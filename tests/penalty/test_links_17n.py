"""Penalty rows and obligation links on real clause text (issue 17n, the classes behind sample 12's link misses):
a 前款/本条第X款 the conduct names that is no penalty row but states a duty is an explicit link (专利法第七十九条);
criminal cross-references stay unlinked (matching those naming a conduct lowered held-out LOO); outside the 法律责任 chapter a sentence whose
only measures are 责令 orders, with no sanction anywhere in its 款, is the supervising body's power, not a row
(疫苗管理法第七十三条第二款, 海上交通安全法第九十一条第三款), while 期满不改正的，由商标局撤销 keeps one (商标法第四十九条)."""

from kb.penalty.links import LinkSettings
from kb.penalty.rows import parse_clause
from tests.corpus_builders import make_document
from tests.penalty.test_link_targets import _rows   # {(article, 款, 项): linked row}

UNFLOORED = LinkSettings(0.0, 0.0, 0.9, 0.5, 0.3, 0.0)

PATENT_79 = ("第七章 专利权的保护|管理专利工作的部门不得参与向社会推荐专利产品等经营活动。\n管理专利工作的部门违反前款规定的，由其上级"
             "机关或者监察机关责令改正，消除影响，有违法收入的予以没收；情节严重的，对直接负责的主管人员和其他直接责任人员依法给予处分。")
VACCINE_73 = ("第九章 监督管理|疫苗存在或者疑似存在质量问题的，疫苗上市许可持有人、疾病预防控制机构、接种单位应当立即停止销售、配送、使用，必要时"
              "立即停止生产，按照规定向县级以上人民政府药品监督管理部门、卫生健康主管部门报告。卫生健康主管部门应当立即组织疾病预防控制机构和"
              "接种单位采取必要的应急处置措施，同时向上级人民政府卫生健康主管部门报告。药品监督管理部门应当依法采取查封、扣押等措施。对已经销售"
              "的疫苗，疫苗上市许可持有人应当及时通知相关疾病预防控制机构、疫苗配送单位、接种单位，按照规定召回，如实记录召回和通知情况，疾病预防"
              "控制机构、疫苗配送单位、接种单位应当予以配合。\n未依照前款规定停止生产、销售、配送、使用或者召回疫苗的，县级以上人民政府药品监督管理"
              "部门、卫生健康主管部门应当按照各自职责责令停止生产、销售、配送、使用或者召回疫苗。\n疫苗上市许可持有人、疾病预防控制机构、接种单位"
              "发现存在或者疑似存在质量问题的疫苗，不得瞒报、谎报、缓报、漏报，不得隐匿、伪造、毁灭有关证据。")
SEA_91 = ("第八章 监督管理|船舶、海上设施对港口安全具有威胁的，海事管理机构应当责令立即或者限期改正、限制操作，责令驶往指定地点、禁止进港或者将其"
          "驱逐出港。\n船舶、海上设施发生海上交通事故、污染事故，未结清国家规定的税费、滞纳金且未提供担保或者未履行其他法定义务的，海事管理"
          "机构应当责令改正，并可以禁止其离港。")
TRADEMARK_49 = ("第六章 商标使用的管理|商标注册人在使用注册商标的过程中，自行改变注册商标、注册人名义、地址或者其他注册事项的，由地方工商行政管理部门"
                "责令限期改正；期满不改正的，由商标局撤销其注册商标。")
RAILWAY = [
    # 1: 第四十八条 (then 第四十七条、第五十条、第五十一条 as 4–6: other duties of the chapter)
    "第四章 铁路安全与保护|运输危险品必须按照国务院铁路主管部门的规定办理，禁止以非危险品品名托运危险品。\n禁止旅客携带危险品进站上车。铁路公安"
    "人员和国务院铁路主管部门规定的铁路职工，有权对旅客携带的物品进行运输安全检查。实施运输安全检查的铁路职工应当佩戴执勤标志。\n危险品的"
    "品名由国务院铁路主管部门规定并公布。",
    # 2: 第六十条
    "第五章 法律责任|违反本法规定，携带危险品进站上车或者以非危险品品名托运危险品，导致发生重大事故的，依照刑法有关规定追究刑事责任。企业事业"
    "单位、国家机关、社会团体犯本款罪的，处以罚金，对其主管人员和直接责任人员依法追究刑事责任。\n携带炸药、雷管或者非法携带枪支子弹、管制刀具"
    "进站上车的，依照刑法有关规定追究刑事责任。",
    # 3: a bare criminal cross-reference
    "第五章 法律责任|违反本法规定，构成犯罪的，依法追究刑事责任。",
    "第四章 铁路安全与保护|禁止擅自在铁路线路上铺设平交道口和人行过道。\n平交道口和人行过道必须按照规定设置必要的标志和防护设施。\n行人和车辆"
    "通过铁路平交道口和人行过道时，必须遵守有关通行的规定。",
    "第四章 铁路安全与保护|禁止偷乘货车、攀附行进中的列车或者击打列车。对偷乘货车、攀附行进中的列车或者击打列车的，铁路职工有权制止。",
    "第四章 铁路安全与保护|禁止在铁路线路上行走、坐卧。对在铁路线路上行走、坐卧的，铁路职工有权制止。",
]


def _first(row):
    return (row.references[0].article, row.references[0].paragraph, row.references[0].how) if row.references else None


def test_a_prior_paragraph_stating_a_duty_is_an_explicit_link():
    """专利法第七十九条第二款 违反前款规定 breaks 第一款 (不得参与…经营活动), an explicit link at any floor."""
    row = _rows("中华人民共和国专利法", [PATENT_79], LinkSettings.current())[(1, 2, 0)]
    assert _first(row) == (1, 1, "explicit")


def test_an_order_only_sentence_outside_the_liability_chapter_is_no_row():
    """疫苗管理法第七十三条第二款 and 海上交通安全法第九十一条第三款: …应当责令停止/改正 in a 监督管理 chapter (sample 12
    #11, #14)."""
    for law, text in (("中华人民共和国疫苗管理法", VACCINE_73), ("中华人民共和国海上交通安全法", SEA_91)):
        _, clauses = make_document(law, [text])
        assert parse_clause(clauses[0]) == [], law


def test_an_order_with_a_later_sanction_stays_a_row():
    """商标法第四十九条第一款: 期满不改正的，由商标局撤销其注册商标 is a sanction, so the row stays."""
    _, clauses = make_document("中华人民共和国商标法", [TRADEMARK_49])
    rows = parse_clause(clauses[0])
    assert len(rows) == 1 and rows[0].conduct.startswith("商标注册人")


def test_the_same_order_in_the_liability_chapter_stays_a_row():
    _, clauses = make_document("中华人民共和国海上交通安全法", ["第九章 法律责任|" + SEA_91.split("|")[1]])
    assert [(row.paragraph, row.measures) for row in parse_clause(clauses[0])] == [(2, ["责令改正"])]


def test_criminal_referrals_stay_unlinked():
    """铁路法第六十条 (携带…进站上车的，依照刑法有关规定追究刑事责任): issue 17n tried matching a referral that names a
    conduct; held-out LOO fell by 2 rows (矿山安全法第四十六条 → 第二十五条, the union's right; 消费者权益保护法第五十七条),
    so such rows stay unlinked, as do bare 违反本法规定，构成犯罪的 rows."""
    rows = _rows("中华人民共和国铁路法", RAILWAY, UNFLOORED)
    assert [rows[key].references for key in ((2, 1, 0), (2, 2, 0), (3, 1, 0))] == [[], [], []]
