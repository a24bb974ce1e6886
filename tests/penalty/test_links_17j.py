"""Obligation links on real clause text (issue 17j, sample 10's link misses): a cross-reference to every
violation of the law (有本法规定的违法情形…属于公职人员的) and a catch-all item (不按照本法规定履行法定职责) link to
nothing; a duty stated of the party checked inside a powers article (价格法第三十四条第（四）项) binds a private
offender; an officials' row breaks its body's duty of office even when the 款 leaves the body to the article's
other 款 (生态环境法典第一百零二条第四款), and never a duty bound on private parties only (价格法第十二条 经营者);
或者 in an officials' subject names no private party."""

from dataclasses import replace

from kb.penalty.links import LinkSettings, link_rows, official_row
from kb.penalty.rows import parse_clause
from tests.corpus_builders import make_document

PRICES = [
    # 1: 第十二条
    "第二章 经营者的价格行为|经营者进行价格活动，应当遵守法律、法规，执行依法制定的政府指导价、政府定价和法定的价格干预措施、紧急措施。",
    # 2: 第三十四条
    "第五章 价格监督检查|政府价格主管部门进行价格监督检查时，可以行使下列职权；\n（一）询问当事人或者有关人员，并要求其提供证明材料和与价格"
    "违法行为有关的其他资料；\n（二）查询、复制与价格违法行为有关的帐簿、单据、凭证、文件及其他资料，核对与价格违法行为有关的银行资料；\n"
    "（三）检查与价格违法行为有关的财物，必要时可以责令当事人暂停相关营业；\n（四）在证据可能灭失或者以后难以取得的情况下，可以依法先行"
    "登记保存，当事人或者有关人员不得转移、隐匿或者销毁。",
    # 3: 第四十三条
    "第六章 法律责任|经营者被责令暂停相关营业而不停止的，或者转移、隐匿、销毁依法登记保存的财物的，处相关营业所得或者转移、隐匿、销毁的"
    "财物价值一倍以上三倍以下的罚款。",
    # 4: 第四十五条
    "第六章 法律责任|地方各级人民政府或者各级人民政府有关部门违反本法规定，超越定价权限和范围擅自制定、调整价格或者不执行法定的价格干预"
    "措施、紧急措施的，责令改正，并可以通报批评；对直接负责的主管人员和其他直接责任人员，依法给予行政处分。",
]
CODE = [
    # 1: 第一百零二条
    "第一编|第三节 建设项目的生态环境影响评价|建设项目的生态环境影响报告书、生态环境影响报告表，由建设单位按照规定报有审批权的生态环境"
    "主管部门审批。\n生态环境主管部门应当自收到生态环境影响报告书之日起六十日内，收到生态环境影响报告表之日起三十日内，分别作出审批决定"
    "并书面通知建设单位。\n国家对生态环境影响登记表实行备案管理。\n审批、审核建设项目生态环境影响报告书、生态环境影响报告表以及备案生态环境"
    "影响登记表，不得收取任何费用。",
    # 2: 第四百四十三条
    "第二编|第一节 总体要求|发生突发事件可能造成土壤污染的，地方人民政府及其有关部门、有关企业事业单位和其他生产经营者应当立即采取应急措施，"
    "防止土壤污染，并依照本法规定做好土壤污染状况监测、调查和土壤污染风险评估、风险管控、修复等工作。",
    # 3: 第一千零六十三条
    "第五编 法律责任和附则|第二节 责任主体|规划编制机关未依法组织生态环境影响评价，或者组织生态环境影响评价时弄虚作假或者有失职行为，造成"
    "生态环境影响评价严重失实的；规划审批机关对依法应当编写有关生态环境影响的篇章或者说明而未编写的规划草案，依法应当附送生态环境影响报告书"
    "而未附送的专项规划草案，违法予以批准的，对负有责任的领导人员和直接责任人员依法给予处分。\n生态环境主管部门在生态环境影响报告书、报告表、"
    "登记表的审批、审核、备案等环节违法收取费用，索取、收受财物，或者谋取其他不正当利益的，应当责令退还或者予以没收；对负有责任的领导人员和"
    "直接责任人员依法给予处分。",
    # 4: 第一千零六十九条
    "第五编 法律责任和附则|第二节 责任主体|企业事业单位有本法规定的违法情形，其负有责任的领导人员和直接责任人员属于公职人员的，依法给予处分。",
]
DISEASES = [
    # 1: 第四十三条
    "第四章 职业病诊断与职业病病人保障|职业病诊断应当由取得《医疗机构执业许可证》的医疗卫生机构承担。卫生行政部门应当加强对职业病诊断工作的"
    "规范管理，具体管理办法由国务院卫生行政部门制定。\n承担职业病诊断的医疗卫生机构还应当具备下列条件：\n（一）具有与开展职业病诊断相适应的"
    "医疗卫生技术人员；\n（二）具有与开展职业病诊断相适应的仪器、设备；\n（三）具有健全的职业病诊断质量管理制度。\n承担职业病诊断的医疗卫生"
    "机构不得拒绝劳动者进行职业病诊断的要求。",
    # 2: 第八十条
    "第六章 法律责任|从事职业卫生技术服务的机构和承担职业病诊断的医疗卫生机构违反本法规定，有下列行为之一的，由卫生行政部门责令立即停止违法"
    "行为，给予警告，没收违法所得；违法所得五千元以上的，并处违法所得二倍以上五倍以下的罚款；没有违法所得或者违法所得不足五千元的，并处五千元"
    "以上二万元以下的罚款；情节严重的，由原认可或者登记机关取消其相应的资格；对直接负责的主管人员和其他直接责任人员，依法给予降级、撤职或者"
    "开除的处分；构成犯罪的，依法追究刑事责任：\n（一）超出资质认可或者诊疗项目登记范围从事职业卫生技术服务或者职业病诊断的；\n"
    "（二）不按照本法规定履行法定职责的；\n（三）出具虚假证明文件的。",
]


def _linked(law, articles):
    _, clauses = make_document(law, articles)
    clauses = [replace(clause, id=index) for index, clause in enumerate(clauses, 1)]
    rows = [row for clause in clauses for row in parse_clause(clause)]
    link_rows(rows, clauses, options=LinkSettings(0.0, 0.0, 0.9, 0.5, 0.3, 0.0))   # no floor: only the rules decide
    return {(row.clause.id, row.paragraph, row.item or 0): row for row in rows}


def _first(row):
    return row.references[0].clause_id if row.references else None


def test_a_duty_inside_a_powers_article_binds_the_party_checked():
    """价格法第四十三条 转移、隐匿、销毁依法登记保存的财物 breaks 第三十四条第（四）项 (sample 10 #35)."""
    rows = _linked("中华人民共和国价格法", PRICES)
    assert _first(rows[(3, 1, 0)]) == 2


def test_an_officials_row_breaks_no_duty_bound_on_private_parties():
    """价格法第四十五条 (地方各级人民政府或者…有关部门) is an officials' row and 第十二条 (经营者应当执行政府定价) is
    not its duty (sample 10 #30)."""
    rows = _linked("中华人民共和国价格法", PRICES)
    row = rows[(4, 1, 0)]
    assert official_row(row)
    assert _first(row) != 1


def test_a_cross_reference_to_every_violation_is_not_linked():
    """生态环境法典第一千零六十九条 (…有本法规定的违法情形…属于公职人员的，依法给予处分) names no conduct (sample 10 #12)."""
    rows = _linked("中华人民共和国生态环境法典", CODE)
    assert rows[(4, 1, 0)].references == []


def test_a_body_breaks_its_own_duty_of_office_named_elsewhere_in_the_article():
    """生态环境法典第一千零六十三条第二款 违法收取费用 breaks 第一百零二条第四款 不得收取任何费用 (sample 10 #8)."""
    rows = _linked("中华人民共和国生态环境法典", CODE)
    row = rows[(3, 2, 0)]
    assert _first(row) == 1 and row.references[0].paragraph == 4


def test_a_catch_all_duty_of_office_item_is_not_linked():
    """职业病防治法第八十条第（二）项 不按照本法规定履行法定职责 (sample 10 #29)."""
    rows = _linked("中华人民共和国职业病防治法", DISEASES)
    assert rows[(2, 1, 2)].references == []
