"""Penalty rows and obligation links on real clause text (issue 17l, the classes behind sample 11's link misses):
a powers article's 行政强制 measures (查封、扣押) outside the 法律责任 chapter are no penalty row, whoever the
conduct's subject (生态环境法典第五十二条, 水土保持法第四十四条第二款); an officials' row breaks the duty its own body
is bound by, named by a word of its own (依法负责项目审批的机关 for 负责审批政府投资项目的机关; 商检工作人员 for 商检
机构的工作人员), and that duty of office clears the normal floor, not the strict one; a body named only by common
words or the law's title (地方人民政府, 负责特种设备安全监督管理的部门) gets no such credit."""

from kb.penalty.duties import body_words, same_body
from kb.penalty.links import LinkSettings, official_row
from kb.penalty.rows import parse_clause
from tests.corpus_builders import make_document
from tests.penalty.test_link_targets import _rows   # {(article, 款, 项): linked row}

CURRENT = LinkSettings(0.0, 0.25, 0.9, 0.5, 0.3, 0.2)    # the settings' defaults: strict floor 0.25, weak 0.2

ENERGY = [
    # 1: 第十三条
    "第二章 节能管理|国务院标准化主管部门和国务院有关部门依法组织制定并适时修订有关节能的国家标准、行业标准，建立健全节能标准体系。\n"
    "国务院标准化主管部门会同国务院管理节能工作的部门和国务院有关部门制定强制性的用能产品、设备能源效率标准和生产过程中耗能高的产品的单位"
    "产品能耗限额标准。\n国家鼓励企业制定严于国家标准、行业标准的企业节能标准。",
    # 2: 第十五条
    "第二章 节能管理|国家实行固定资产投资项目节能评估和审查制度。不符合强制性节能标准的项目，建设单位不得开工建设；已经建成的，不得投入生产、"
    "使用。政府投资项目不符合强制性节能标准的，依法负责项目审批的机关不得批准建设。具体办法由国务院管理节能工作的部门会同国务院有关部门制定。",
    # 3: 第六十八条
    "第六章 法律责任|负责审批政府投资项目的机关违反本法规定，对不符合强制性节能标准的项目予以批准建设的，对直接负责的主管人员和其他直接责任"
    "人员依法给予处分。\n固定资产投资项目建设单位开工建设不符合强制性节能标准的项目或者将该项目投入生产、使用的，由管理节能工作的部门责令停止"
    "建设或者停止生产、使用，限期改造；不能改造或者逾期不改造的生产性项目，由管理节能工作的部门报请本级人民政府按照国务院规定的权限责令关闭。",
]
INSPECTION = [
    # 1: 第十条
    "第一章 总则|国家商检部门和商检机构应当及时收集和向有关方面提供进出口商品检验方面的信息。\n国家商检部门和商检机构的工作人员在履行进出口"
    "商品检验的职责中，对所知悉的商业秘密负有保密义务。",
    # 2: 第二十九条
    "第四章 监督管理|国家商检部门和商检机构履行职责，必须遵守法律，维护国家利益，依照法定职权和法定程序严格执法，接受监督。\n国家商检部门和"
    "商检机构应当根据依法履行职责的需要，加强队伍建设，使商检工作人员具有良好的政治、业务素质。商检工作人员应当定期接受业务培训和考核，经考核"
    "合格，方可上岗执行职务。\n商检工作人员必须忠于职守，文明服务，遵守职业道德，不得滥用职权，谋取私利。",
    # 3: 第三十六条
    "第五章 法律责任|国家商检部门、商检机构的工作人员滥用职权，故意刁难的，徇私舞弊，伪造检验结果的，或者玩忽职守，延误检验出证的，依法给予"
    "行政处分；构成犯罪的，依法追究刑事责任。",
]
CODE_52 = ("第一编 总则|第二章 监督管理|第二节 监督管理制度|企业事业单位和其他生产经营者违反法律法规规定，造成或者可能造成严重污染环境、破坏生态"
           "等后果，或者有关证据可能灭失、被隐匿的，负有生态环境保护监督管理职责的部门可以依法查封、扣押有关场所、船舶、设施、设备、工具、物品。")
SOIL_44 = ("第五章 监测和监督|水政监督检查人员依法履行监督检查职责时，有权采取下列措施：\n（一）要求被检查单位或者个人提供有关文件、证照、资料；\n"
           "（二）要求被检查单位或者个人就预防和治理水土流失的有关情况作出说明；\n（三）进入现场进行调查、取证。\n被检查单位或者个人拒不停止违法"
           "行为，造成严重水土流失的，报经水行政主管部门批准，可以查封、扣押实施违法行为的工具及施工机械、设备等。")


def _first(row):
    return (row.references[0].clause_id, row.references[0].paragraph) if row.references else None


def test_a_seizure_power_outside_the_liability_chapter_is_no_penalty_row():
    """生态环境法典第五十二条 and 水土保持法第四十四条第二款: 可以查封、扣押 is a power of inspection (sample 11 #4)."""
    for law, text in (("中华人民共和国生态环境法典", CODE_52), ("中华人民共和国水土保持法", SOIL_44)):
        _, clauses = make_document(law, [text])
        assert parse_clause(clauses[0]) == [], law


def test_a_seizure_in_the_liability_chapter_stays_a_row():
    """The same measures in a 法律责任 chapter are the law's own consequence of an offence."""
    _, clauses = make_document("中华人民共和国生态环境法典", ["第五编 法律责任和附则|" + CODE_52.split("|")[-1]])
    rows = parse_clause(clauses[0])
    assert len(rows) == 1 and "查封" in " ".join(rows[0].measures)


def test_an_approving_body_breaks_its_own_duty_not_to_approve():
    """节约能源法第六十八条第一款 breaks 第十五条 (依法负责项目审批的机关不得批准建设), though the same sentence
    binds 建设单位 too (sample 11 #16)."""
    row = _rows("中华人民共和国节约能源法", ENERGY, CURRENT)[(3, 1, 0)]
    assert official_row(row)
    assert _first(row) == (2, None)


def test_inspection_staff_break_their_own_duty_of_office_under_the_strict_floor():
    """进出口商品检验法第三十六条 breaks 第二十九条第三款 商检工作人员必须忠于职守…不得滥用职权, at the normal floor
    (sample 11 #32)."""
    row = _rows("中华人民共和国进出口商品检验法", INSPECTION, CURRENT)[(3, 1, 0)]
    assert official_row(row)
    assert _first(row) == (2, 3)
    assert row.references[0].score < CURRENT.strict_min_score       # cleared only because it binds the very body


def test_which_bodies_are_the_same():
    assert same_body("商检机构", "商检工作人员")
    assert same_body("投资项目的机关", "法负责项目审批的机关")
    assert not same_body("动物卫生监督机构", "农业农村主管部门")
    assert not same_body("投资项目的机关", "公安机关")
    assert body_words("地方人民政府", "中华人民共和国生态环境法典") == set()
    assert body_words("负责特种设备安全监督管理的部门", "中华人民共和国特种设备安全法") == set()
