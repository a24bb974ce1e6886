"""Obligation links (违反条款) of penalty rows: explicit and inherited references, whose duty a clause
states, officials' rows, chapter references, the floors as settings (kb.penalty.links)."""

from dataclasses import replace

import pytest

from kb.errors import SettingsError
from kb.penalty.links import LinkSettings, binds_only_public_bodies, link_rows, official_row
from kb.penalty.rows import parse_clause
from tests.corpus_builders import make_document

LAW = "中华人民共和国示例保护法"
ARTICLES = [
    "第一章 总则|为了保护示例资源，制定本法。",                                                         # 1
    "第二章 示例保护|县级以上人民政府示例主管部门应当对示例资源实施监督检查，依法查处违法行为。",          # 2 (a duty, not a task: 17t)
    "第二章 示例保护|从事示例开采的单位应当按照规定建立开采台账，如实记录开采数量。",                      # 3
    "第二章 示例保护|禁止在示例保护区内开采砂石。",                                                       # 4
    "第三章 示例利用|利用示例资源的单位应当按照规定建立利用台账。",                                         # 5
    "第三章 示例利用|有下列情形之一的，不得核发示例开采许可证：\n（一）上年度未按照规定完成恢复治理；\n（二）申请材料不全。",  # 6
    "第四章 法律责任|违反本法规定，有下列行为之一的，由示例主管部门责令改正，处一万元以上五万元以下罚款：\n"
    "（一）不履行本法第三条规定的台账义务；\n（二）在示例保护区内开采砂石。",                               # 7
    "第四章 法律责任|违反本法规定，单位有本法第七条第二项违法行为，情节严重的，由示例主管部门处五万元以上十万元以下罚款。",  # 8
    "第四章 法律责任|违反本法第二章规定，未建立台账的，由示例主管部门处二千元以下罚款。\n"
    "有本条第一款规定行为，拒不改正的，由示例主管部门处一万元罚款。",                                     # 9
    "第四章 法律责任|示例主管部门工作人员玩忽职守、滥用职权、不依法查处违法行为的，依法给予处分。",          # 10
    "第四章 法律责任|违反本法规定，未按照规定完成恢复治理的，由示例主管部门处二万元以下罚款。",              # 11
    "第四章 法律责任|违反本法规定，在示例保护区内开采砂石，造成他人损害的，依法承担民事责任；构成犯罪的，依法追究刑事责任。",  # 12
    "第四章 法律责任|违反本法规定，有下列情形之一的，由示例主管部门处一万元罚款：\n（一）未建立开采台账；\n"
    "（二）从事示例开采的单位违反示例资源管理其他要求，破坏示例资源。",                                   # 13
]


def _linked(min_score=0.12, strict=0.25):
    document, clauses = make_document(LAW, ARTICLES)
    clauses = [replace(clause, id=index) for index, clause in enumerate(clauses, 1)]
    rows = [row for clause in clauses for row in parse_clause(clause)]
    link_rows(rows, clauses, options=LinkSettings(min_score, strict, 0.9))
    return {(row.clause.article, row.paragraph, row.item or 0): row for row in rows}


def _articles(row):
    return [(ref.article, ref.how) for ref in row.references]


def test_a_reference_inside_the_conduct_is_explicit():
    rows = _linked()
    assert _articles(rows[(7, 1, 1)]) == [(3, "explicit")]        # 不履行本法第三条规定的台账义务


def test_a_row_naming_another_rows_item_takes_its_links():
    rows = _linked()
    assert rows[(7, 1, 2)].references[0].article == 4              # 在示例保护区内开采砂石 → 禁止…开采砂石
    assert [ref.article for ref in rows[(8, 1, 0)].references] == [4]   # 有本法第七条第二项违法行为
    assert rows[(8, 1, 0)].references[0].how == "inherited"


def test_a_chapter_named_in_the_conduct_limits_the_match():
    rows = _linked()
    # 违反本法第二章规定，未建立台账: article 3 (第二章), not article 5 (第三章, also about a 台账)
    assert rows[(9, 1, 0)].references[0].article == 3
    # 有本条第一款规定行为 takes the links of the first 款
    assert [ref.article for ref in rows[(9, 2, 0)].references] == [3]


def test_officials_rows_need_the_stricter_floor():
    official = _linked(strict=0.0)[(10, 1, 0)]
    assert official_row(official) and official.strict_link
    score = official.references[0].score                          # article 2: the agency's general duty
    assert official.references[0].article == 2
    assert not _linked(min_score=0.0, strict=score + 0.01)[(10, 1, 0)].references
    assert _linked(min_score=score + 0.01, strict=0.0)[(10, 1, 0)].references
    assert not official_row(_linked()[(7, 1, 2)])


def test_a_clause_binding_only_an_authority_is_not_a_private_duty():
    rows = _linked()
    # 未按照规定完成恢复治理 matches article 6 best (不得核发许可证: the licensing authority's rule)
    row = rows[(11, 1, 0)]
    assert all(ref.article != 6 for ref in row.references)
    assert row.strict_link


def test_rows_that_only_refer_to_civil_or_criminal_liability_need_the_stricter_floor():
    row = _linked(strict=0.0)[(12, 1, 0)]                        # 依法承担民事责任；构成犯罪的…
    assert row.strict_link and row.references[0].article == 4
    assert not _linked(min_score=0.0, strict=row.references[0].score + 0.01)[(12, 1, 0)].references


def test_a_catch_all_worded_as_other_requirements_is_not_linked():
    rows = _linked(min_score=0.0, strict=0.0)
    assert rows[(13, 1, 1)].references[0].article == 3
    assert not rows[(13, 1, 2)].references                      # 违反示例资源管理其他要求


def test_binds_only_public_bodies():
    assert binds_only_public_bodies("国务院和沿海地方各级人民政府应当采取有效措施，重点保护红树林。")
    assert binds_only_public_bodies("有下列情形之一的，不得核发采伐许可证：")
    assert not binds_only_public_bodies("国家依法保护气象设施，任何组织或者个人不得侵占、损毁气象设施。")
    assert not binds_only_public_bodies("海事管理机构依法履行监督检查职责，有关单位、个人应当予以配合。")
    assert not binds_only_public_bodies("黄河流域县级以上地方人民政府、水库主管部门和管理单位应当执行调度指令。")
    assert not binds_only_public_bodies("排放污染物的企业事业单位，应当建立污染防治责任制度。")


def test_floors_come_from_the_settings(monkeypatch):
    monkeypatch.setenv("LAWKB_PENALTY_LINK_MIN_SCORE", "0.5")
    monkeypatch.setenv("LAWKB_PENALTY_LINK_STRICT_MIN_SCORE", "0.9")
    assert LinkSettings.current() == LinkSettings(0.5, 0.9, 0.9, 0.5, 0.3, 0.2, 1.0)
    monkeypatch.setenv("LAWKB_PENALTY_LINK_WEAK_SCORE", "0.35")
    assert LinkSettings.current().stamp()["weak_score"] == 0.35
    monkeypatch.setenv("LAWKB_PENALTY_LINK_WEAK_SCORE", "weak")
    with pytest.raises(SettingsError, match="LAWKB_PENALTY_LINK_WEAK_SCORE='weak' is not valid"):
        LinkSettings.current()
    monkeypatch.delenv("LAWKB_PENALTY_LINK_WEAK_SCORE")
    monkeypatch.setenv("LAWKB_PENALTY_LINK_SUBJECT_BOOST", "0.3")
    monkeypatch.setenv("LAWKB_PENALTY_LINK_NO_DUTY_WEIGHT", "0.5")
    monkeypatch.setenv("LAWKB_PENALTY_LINK_NEIGHBOUR_WEIGHT", "0.25")
    assert LinkSettings.current().stamp()["subject_boost"] == 0.3 and LinkSettings.current().no_duty_weight == 0.5
    assert LinkSettings.current().stamp()["neighbour_weight"] == 0.25
    monkeypatch.setenv("LAWKB_PENALTY_LINK_SUBJECT_BOOST", "more")
    with pytest.raises(SettingsError, match="LAWKB_PENALTY_LINK_SUBJECT_BOOST='more' is not valid"):
        LinkSettings.current()
    monkeypatch.delenv("LAWKB_PENALTY_LINK_SUBJECT_BOOST")
    monkeypatch.setenv("LAWKB_PENALTY_LINK_MIN_SCORE", "half")
    with pytest.raises(SettingsError, match="LAWKB_PENALTY_LINK_MIN_SCORE='half' is not valid"):
        LinkSettings.current()


def test_a_floor_above_every_score_links_only_what_the_text_names():
    rows = _linked(min_score=1.01, strict=1.01)
    assert not rows[(7, 1, 2)].references and not rows[(11, 1, 0)].references
    assert _articles(rows[(7, 1, 1)]) == [(3, "explicit")]


def test_the_party_a_duty_binds_and_the_offender():
    """Subjects read from real sentences: 安全生产法第二十八条第四款, 生态环境法典第四百五十五、四百六十二条."""
    from kb.penalty.links import duty_parties, same_party

    assert duty_parties("生产经营单位应当建立安全生产教育和培训档案，如实记录安全生产教育和培训的时间、内容、参加人员以及考核结果等情况。") \
        == {"生产经营单位"}
    assert duty_parties("对土壤污染状况调查报告评审表明污染物含量超过土壤污染风险管控标准的建设用地地块，土壤污染责任人、土地使用权人应当"
                        "按照国务院生态环境主管部门的规定进行土壤污染风险评估") == {"土壤污染责任人", "土地使用权人"}
    assert duty_parties("土壤污染重点监管单位生产经营用地的用途变更或者在其土地使用权收回、转让前，应当由土地使用权人按照规定进行土壤污染"
                        "状况调查。") == {"土地使用权人"}
    # 安全生产法第二十五条: a list of functions binds no party with 应当
    assert duty_parties("生产经营单位的安全生产管理机构以及安全生产管理人员履行下列职责：（二）组织或者参与本单位安全生产教育和培训，"
                        "如实记录安全生产教育和培训情况；") == set()
    assert same_party("驾驶人", "车辆驾驶人") and not same_party("单位", "建设单位") and not same_party("建设单位", "技术单位")


def test_the_offender_is_the_target_of_the_fine():
    """生态环境法典第一千零九十六条第一款 names no subject in its conduct: the fine is on 建设单位."""
    from kb.penalty.links import offender

    _, [clause] = make_document("中华人民共和国生态环境法典", [
        "第五编 法律责任和附则|第二章 法律责任分则|第二节 违反生态环境影响评价管理规定|"
        "违反本法规定，建设项目生态环境影响报告书、报告表存在基础资料明显不实，内容存在重大缺陷、遗漏或者虚假，生态环境影响评价结论不正确或者不合理等严重质量问题的，由生态环境主管部门、海警机构按照职责分工对建设单位处五十万元以上二百万元以下的罚款，并对建设单位的法定代表人、主要负责人、直接负责的主管人员和其他直接责任人员，处五万元以上二十万元以下的罚款；情节严重的，责令限制生产、停产整治。"])
    row = parse_clause(replace(clause, id=1))[0]
    assert offender(row) == "建设单位"
