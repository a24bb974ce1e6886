"""Obligation links on real clause text (issue 17h, sample 9's misses): what a permit records is no duty,
an officials' row breaks its own body's duty and not another body's (动物防疫法第七十七条、第八十八条、第八十九条),
bare 滥用职权、玩忽职守、徇私舞弊 link to nothing (旅游法第一百零九条), and an item row leaves a clause its
neighbour item matches better (生态环境法典第三百四十三条、第七百九十八条、第一千一百四十八条)."""

from dataclasses import replace

from kb.penalty.links import LinkSettings, link_rows, official_row, states_duty
from kb.penalty.rows import parse_clause
from tests.corpus_builders import make_document

CODE_181 = ("排污许可证应当记载下列信息：\n（一）排污口位置和数量、污染物排放方式和排放去向等；\n"
            "（二）污染物排放种类、许可排放浓度、许可排放量，或者许可排放限值等；\n"
            "（三）产生和排放污染物环节、污染防治设施及其运行和维护要求、排污口规范化建设要求等；\n"
            "（四）特殊时段禁止或者限制污染物排放的要求；\n（五）法律、行政法规规定的其他信息。")
CODE_179_2 = ("实行排污许可管理的企业事业单位和其他生产经营者应当遵守排污许可证的要求，按照规定运行和维护污染防治设施，"
              "建立生态环境管理制度，严格控制污染物排放。")

ANIMALS = [
    # 1: 第七十七条
    "第七章 监督管理|执法人员执行动物防疫监督检查任务，应当出示行政执法证件，佩带统一标志。\n"
    "县级以上人民政府农业农村主管部门及其工作人员不得从事与动物防疫有关的经营性活动，进行监督检查不得收取任何费用。",
    # 2: 第八十八条
    "第十一章 法律责任|县级以上人民政府农业农村主管部门及其工作人员违反本法规定，有下列行为之一的，由本级人民政府责令改正，通报批评；"
    "对直接负责的主管人员和其他直接责任人员依法给予处分：\n（一）未及时采取预防、控制、扑灭等措施的；\n"
    "（二）对不符合条件的颁发动物防疫条件合格证、动物诊疗许可证，或者对符合条件的拒不颁发动物防疫条件合格证、动物诊疗许可证的；\n"
    "（三）从事与动物防疫有关的经营性活动，或者违法收取费用的；\n（四）其他未依照本法规定履行职责的行为。",
    # 3: 第八十九条
    "第十一章 法律责任|动物卫生监督机构及其工作人员违反本法规定，有下列行为之一的，由本级人民政府或者农业农村主管部门责令改正，"
    "通报批评；对直接负责的主管人员和其他直接责任人员依法给予处分：\n"
    "（一）对未经检疫或者检疫不合格的动物、动物产品出具检疫证明、加施检疫标志，或者对检疫合格的动物、动物产品拒不出具检疫证明、"
    "加施检疫标志的；\n（二）对附有检疫证明、检疫标志的动物、动物产品重复检疫的；\n"
    "（三）从事与动物防疫有关的经营性活动，或者违法收取费用的；\n（四）其他未依照本法规定履行职责的行为。",
]

TOURISM = [
    # 1: 第八十三条
    "第七章 监督管理|县级以上人民政府旅游主管部门和有关部门依照本法和有关法律、法规的规定，在各自职责范围内对旅游市场实施监督管理。\n"
    "县级以上人民政府应当组织旅游主管部门、有关主管部门和市场监督管理、交通等执法部门对相关旅游经营行为实施监督检查。",
    # 2: 第八十四条
    "第七章 监督管理|旅游主管部门履行监督管理职责，不得违反法律、行政法规的规定向监督管理对象收取费用。\n"
    "旅游主管部门及其工作人员不得参与任何形式的旅游经营活动。",
    # 3: 第八十七条
    "第七章 监督管理|对依法实施的监督检查，有关单位和个人应当配合，如实说明情况并提供文件、资料，不得拒绝、阻碍和隐瞒。",
    # 4: 第一百零九条
    "第九章 法律责任|旅游主管部门和有关部门的工作人员在履行监督管理职责中，滥用职权、玩忽职守、徇私舞弊，尚不构成犯罪的，依法给予处分。",
]


def _linked(law, articles, **options):
    _, clauses = make_document(law, articles)
    clauses = [replace(clause, id=index) for index, clause in enumerate(clauses, 1)]
    rows = [row for clause in clauses for row in parse_clause(clause)]
    link_rows(rows, clauses, options=replace(LinkSettings(0.0, 0.25, 0.9, 0.5, 0.3, 0.2), **options))
    return {(row.clause.id, row.item or 0): row for row in rows}


def test_what_a_permit_records_is_no_duty():
    """生态环境法典第一百八十一条 lists a permit's contents; 第一百七十九条第二款 is the duty."""
    assert not states_duty(CODE_181)
    assert states_duty(CODE_179_2)


def test_an_officials_row_breaks_its_own_bodys_duty_not_another_bodys():
    rows = _linked("中华人民共和国动物防疫法", ANIMALS)
    own, other = rows[(2, 3)], rows[(3, 3)]
    assert official_row(own) and official_row(other)       # 县级以上… was cut at 以(上) before
    assert [ref.article for ref in own.references][:1] == [1]   # 第七十七条第二款, word for word
    assert all(ref.article != 1 for ref in other.references)    # it binds only 农业农村主管部门


def test_bare_abuse_of_office_links_to_nothing():
    rows = _linked("中华人民共和国旅游法", TOURISM, strict_min_score=0.0, weak_score=0.0)   # no floor saves it
    assert official_row(rows[(4, 0)]) and not rows[(4, 0)].references
