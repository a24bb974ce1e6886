"""What a penalty row may be linked to (issue 17f), on the real text of 治安管理处罚法, 特种设备安全法 and
文物保护法 articles: a sanction rule is no duty, a police procedure duty is no private offender's duty,
a weak match must bind the offender, a named private party's 不履行岗位职责 is no dereliction of office,
an item row's offender is its lead's subject, a 前款 applied to another offender keeps that offender."""

from dataclasses import replace

from kb.penalty.links import LinkSettings, link_rows, official_row, states_duty
from kb.penalty.rows import parse_clause
from tests.corpus_builders import make_document

PUBLIC_ORDER = [
    # 1: 第十七条
    "第二章 处罚的种类和适用|共同违反治安管理的，根据行为人在违反治安管理行为中所起的作用，分别处罚。\n"
    "教唆、胁迫、诱骗他人违反治安管理的，按照其教唆、胁迫、诱骗的行为处罚。",
    # 2: 第十八条
    "第二章 处罚的种类和适用|单位违反治安管理的，对其直接负责的主管人员和其他直接责任人员依照本法的规定处罚。"
    "其他法律、行政法规对同一行为规定给予单位处罚的，依照其规定处罚。",
    # 3: 第二十七条
    "第三章 违反治安管理的行为和处罚|在法律、行政法规规定的国家考试中，有下列行为之一，扰乱考试秩序的，处违法所得一倍以上五倍以下"
    "罚款，没有违法所得或者违法所得不足一千元的，处一千元以上三千元以下罚款；情节较重的，处五日以上十五日以下拘留：\n"
    "（一）组织作弊的；\n（二）为他人组织作弊提供作弊器材或者其他帮助的；\n"
    "（三）为实施考试作弊行为，向他人非法出售、提供考试试题、答案的；\n（四）代替他人或者让他人代替自己参加考试的。",
    # 4: 第三十四条
    "第三章 违反治安管理的行为和处罚|组织、领导传销活动的，处十日以上十五日以下拘留；情节较轻的，处五日以上十日以下拘留。\n"
    "胁迫、诱骗他人参加传销活动的，处五日以上十日以下拘留；情节较重的，处十日以上十五日以下拘留。",
    # 5: 第六十二条
    "第三章 违反治安管理的行为和处罚|冒充国家机关工作人员招摇撞骗的，处十日以上十五日以下拘留，可以并处一千元以下罚款；"
    "情节较轻的，处五日以上十日以下拘留。\n冒充军警人员招摇撞骗的，从重处罚。\n"
    "盗用、冒用个人、组织的身份、名义或者以其他虚假身份招摇撞骗的，处五日以下拘留或者一千元以下罚款；"
    "情节较重的，处五日以上十日以下拘留，可以并处一千元以下罚款。",
    # 6: 第一百零三条
    "第四章 处罚程序|公安机关对与违反治安管理行为有关的场所或者违反治安管理行为人的人身、物品可以进行检查。检查时，"
    "人民警察不得少于二人，并应当出示人民警察证。\n对场所进行检查的，经县级以上人民政府公安机关负责人批准，使用检查证检查；"
    "对确有必要立即进行检查的，人民警察经出示人民警察证，可以当场检查，并应当全程同步录音录像。"
    "检查公民住所应当出示县级以上人民政府公安机关开具的检查证。\n检查妇女的身体，应当由女性工作人员或者医师进行。",
    # 7: 第一百三十五条
    "第五章 执法监督|公安机关依法实施罚款处罚，应当依照有关法律、行政法规的规定，实行罚款决定与罚款收缴分离；"
    "收缴的罚款应当全部上缴国库，不得返还、变相返还，不得与经费保障挂钩。",
]

SPECIAL_EQUIPMENT = [
    # 1: 第十四条
    "第二章 生产、经营、使用|特种设备安全管理人员、检测人员和作业人员应当按照国家有关规定取得相应资格，方可从事相关工作。"
    "特种设备安全管理人员、检测人员和作业人员应当严格执行安全技术规范和管理制度，保证特种设备安全。",
    # 2: 第六十七条
    "第四章 监督管理|负责特种设备安全监督管理的部门及其工作人员不得推荐或者监制、监销特种设备；"
    "对履行职责过程中知悉的商业秘密负有保密义务。",
    # 3: 第九十二条
    "第六章 法律责任|违反本法规定，特种设备安全管理人员、检测人员和作业人员不履行岗位职责，违反操作规程和有关安全规章制度，"
    "造成事故的，吊销相关人员的资格。",
    # 4: 第九十四条 (its first, eighth, twelfth and last items)
    "第六章 法律责任|违反本法规定，负责特种设备安全监督管理的部门及其工作人员有下列行为之一的，由上级机关责令改正；"
    "对直接负责的主管人员和其他直接责任人员，依法给予处分：\n（一）未依照法律、行政法规规定的条件、程序实施许可的；\n"
    "（二）推荐或者监制、监销特种设备的；\n（三）妨碍事故救援或者事故调查处理的；\n（四）其他滥用职权、玩忽职守、徇私舞弊的行为。",
]

RELICS_88 = (
    "第七章 法律责任|买卖国家禁止买卖的文物或者将国家禁止出境的文物转让、出租、抵押、质押给境外组织或者个人的，"
    "由县级以上人民政府文物行政部门责令改正，没收违法所得、非法经营的文物；违法经营额五千元以上的，并处违法经营额二倍以上"
    "十倍以下的罚款；没有违法经营额或者违法经营额不足五千元的，并处一万元以上五万元以下的罚款。\n"
    "文物销售单位、文物拍卖企业有前款规定的违法行为的，由县级以上人民政府文物行政部门没收违法所得、非法经营的文物；"
    "违法经营额三万元以上的，并处违法经营额二倍以上十倍以下的罚款；没有违法经营额或者违法经营额不足三万元的，"
    "并处五万元以上二十五万元以下的罚款；情节严重的，由原发证机关吊销许可证书。")

SETTINGS = LinkSettings(min_score=0.12, strict_min_score=0.25, alternative=0.9, subject_boost=0.3)


def _rows(title, articles, options=SETTINGS):
    _, clauses = make_document(title, articles)
    clauses = [replace(clause, id=index) for index, clause in enumerate(clauses, 1)]
    rows = [row for clause in clauses for row in parse_clause(clause)]
    link_rows(rows, clauses, options=options)
    return {(row.clause.article, row.paragraph, row.item or 0): row for row in rows}


def _first(row):
    return row.references[0].article if row.references else None


def test_a_sanction_rule_is_no_duty_and_never_a_link_target():
    assert not states_duty("单位违反治安管理的，对其直接负责的主管人员和其他直接责任人员依照本法的规定处罚。")
    rows = _rows("中华人民共和国治安管理处罚法", PUBLIC_ORDER[:4])
    assert _first(rows[(4, 2, 0)]) is None        # 胁迫、诱骗他人参加传销 → not 第十七条第二款 (按照…处罚)
    assert _first(rows[(3, 1, 1)]) is None        # 组织作弊 → not 第十八条 (单位…依照本法的规定处罚)


def test_a_procedure_duty_of_the_police_is_no_duty_of_a_private_offender():
    rows = _rows("中华人民共和国治安管理处罚法", PUBLIC_ORDER)
    assert _first(rows[(5, 1, 0)]) is None        # 招摇撞骗 → not 第一百零三条第三款 (由女性工作人员…进行)


def test_a_weak_match_stands_only_when_it_binds_the_offender():
    loose = _rows("中华人民共和国治安管理处罚法", PUBLIC_ORDER, replace(SETTINGS, min_score=0.0))
    row = loose[(3, 1, 1)]
    assert _first(row) == 7 and row.references[0].score < 0.2     # 组织作弊 → 罚缴分离, the police's duty
    assert not row.link_binds_offender
    strict = _rows("中华人民共和国治安管理处罚法", PUBLIC_ORDER, replace(SETTINGS, min_score=0.0, weak_score=0.2))
    assert _first(strict[(3, 1, 1)]) is None


def test_a_named_private_partys_failure_of_duty_is_no_dereliction_of_office():
    rows = _rows("中华人民共和国特种设备安全法", SPECIAL_EQUIPMENT)
    row = rows[(3, 1, 0)]
    assert not official_row(row) and not row.strict_link
    assert _first(row) == 1                                   # 第九十二条 → 第十四条 (the same three kinds of staff)


def test_an_item_rows_offender_is_the_subject_of_its_lead():
    rows = _rows("中华人民共和国特种设备安全法", SPECIAL_EQUIPMENT)
    # 推荐或者监制、监销 and 妨碍事故救援或者事故调查处理: the 或者 of the item is no private party
    assert official_row(rows[(4, 1, 2)]) and official_row(rows[(4, 1, 3)])
    assert _first(rows[(4, 1, 2)]) == 2                       # 推荐…特种设备 → 第六十七条
    assert _first(rows[(4, 1, 3)]) != 2                       # 妨碍事故救援 is not 第六十七条's duty


def test_a_later_paragraph_for_other_offenders_keeps_them_as_the_condition():
    _, clauses = make_document("中华人民共和国文物保护法", [RELICS_88])
    [row] = parse_clause(clauses[0])
    second = [s for s in row.sanctions if s.source == "第二款"]
    assert second and all((s.condition or "").startswith("文物销售单位、文物拍卖企业") for s in second)
    banded = {s.condition: s.text for s in second if s.fines}
    assert banded == {"文物销售单位、文物拍卖企业，违法经营额三万元以上的": "并处违法经营额二倍以上十倍以下的罚款",
                      "文物销售单位、文物拍卖企业，没有违法经营额或者违法经营额不足三万元的": "并处五万元以上二十五万元以下的罚款"}
    first = [s for s in row.sanctions if s.source != "第二款" and s.fines]
    assert all("文物销售单位" not in (s.condition or "") for s in first) and len(first) == 2
