"""Conducts, fines and conditions on real clause text (issue 17j, sample 10's range misses): a stated legal
effect (中标无效) between the conduct and its sanction, 依法 that opens a status or duty (依法必须进行招标的项目…,
依法负有…职责) and no sanction, the scope of a 款 for the non-criminal branch (…有前款所列行为尚未构成犯罪的) over
every case of that 款, and 情节严重/拒不改正 after a segment with a consequence or gain condition of its own."""

from tests.penalty.test_ranges_17h import _cases, _rows

TENDER_53 = (
    "第五章 法律责任|投标人相互串通投标或者与招标人串通投标的，投标人以向招标人或者评标委员会成员行贿的手段谋取中标的，中标无效，处中标项目"
    "金额千分之五以上千分之十以下的罚款，对单位直接负责的主管人员和其他直接责任人员处单位罚款数额百分之五以上百分之十以下的罚款；有违法所得的，"
    "并处没收违法所得；情节严重的，取消其一年至二年内参加依法必须进行招标的项目的投标资格并予以公告，直至由工商行政管理机关吊销营业执照；构成"
    "犯罪的，依法追究刑事责任。给他人造成损失的，依法承担赔偿责任。")
TENDER_54 = (
    "第五章 法律责任|投标人以他人名义投标或者以其他方式弄虚作假，骗取中标的，中标无效，给招标人造成损失的，依法承担赔偿责任；构成犯罪的，"
    "依法追究刑事责任。\n依法必须进行招标的项目的投标人有前款所列行为尚未构成犯罪的，处中标项目金额千分之五以上千分之十以下的罚款，对单位"
    "直接负责的主管人员和其他直接责任人员处单位罚款数额百分之五以上百分之十以下的罚款；有违法所得的，并处没收违法所得；情节严重的，取消其一年"
    "至三年内参加依法必须进行招标的项目的投标资格并予以公告，直至由工商行政管理机关吊销营业执照。")
TENDER_63 = (
    "第五章 法律责任|对招标投标活动依法负有行政监督职责的国家机关工作人员徇私舞弊、滥用职权或者玩忽职守，构成犯罪的，依法追究刑事责任；"
    "不构成犯罪的，依法给予行政处分。")
CODE_1172 = (
    "第五编 法律责任和附则|违反本法规定，城镇污水集中处理设施的运营单位或者污泥无害化处理处置单位对污泥流向、用途、用量等未进行跟踪、记录，"
    "或者处理处置后的污泥不符合国家标准的，由城镇排水主管部门责令改正，给予警告；造成严重后果的，并处十万元以上二十万元以下的罚款；拒不改正的，"
    "指定有治理能力的单位代为治理，所需费用由违法者承担。")
CODE_1143 = (
    "第五编 法律责任和附则|违反本法规定，船舶有下列行为之一的，由海事管理机构、渔业渔政主管部门按照职责分工责令停止违法行为，处一万元以上"
    "十万元以下的罚款；造成水污染的，责令限期采取治理措施消除污染，处二万元以上二十万元以下的罚款；逾期不采取治理措施的，海事管理机构、渔业"
    "渔政主管部门按照职责分工可以指定有治理能力的单位代为治理，所需费用由船舶承担：\n（一）向水体倾倒船舶垃圾或者排放船舶的残油、废油；")
LAND_79 = (
    "第七章 法律责任|侵占、挪用被征收土地单位的征地补偿费用和其他有关费用，构成犯罪的，依法追究刑事责任；尚不构成犯罪的，依法给予处分。\n"
    "无权批准征收、使用土地的单位或者个人非法批准占用土地的，超越批准权限非法批准占用土地的，不按照土地利用总体规划确定的用途批准用地的，"
    "或者违反法律规定的程序批准占用、征收土地的，其批准文件无效，对非法批准征收、使用土地的直接负责的主管人员和其他直接责任人员，依法给予处分；"
    "构成犯罪的，依法追究刑事责任。非法批准、使用的土地应当收回，有关当事人拒不归还的，以非法占用土地论处。\n"
    "非法批准征收、使用土地，对当事人造成损失的，依法应当承担赔偿责任。")


def _conditions(row):
    return [(s.condition, s.measures) for s in row.sanctions]


def test_a_legal_effect_before_the_sanction_keeps_the_conduct_and_the_fines():
    """招标投标法第五十三条 (sample 10 #40): …谋取中标的，中标无效，处…千分之五以上千分之十以下的罚款: the conduct is the
    串通投标/行贿 of the opening, the fine on 中标项目金额 and the 责任人员's fine on 单位罚款数额 are parsed."""
    [row] = _rows("中华人民共和国招标投标法", TENDER_53)
    assert row.conduct.startswith("投标人相互串通投标") and row.conduct.endswith("谋取中标")
    assert _cases(row) == [(None, None, "中标项目金额千分之五以上千分之十以下"),
                           (None, "单位直接负责的主管人员和其他直接责任人员", "单位罚款数额百分之五以上百分之十以下")]
    amount = row.fine.amounts[0]
    assert (amount.kind, amount.min, amount.max, amount.base) == ("multiple", 0.005, 0.01, "中标项目金额")
    # 情节严重的 is a case of its own, not a sub-case of 有违法所得的
    assert [s.condition for s in row.sanctions][1:3] == ["有违法所得的", "情节严重的"]


def test_the_scope_of_a_non_criminal_paragraph_conditions_its_fines():
    """招标投标法第五十四条 (sample 10 #34): 第二款's fine applies only to 依法必须进行招标的项目的投标人…尚未构成犯罪的,
    and its 情节严重的 is not under 有违法所得的."""
    [row] = _rows("中华人民共和国招标投标法", TENDER_54)
    assert row.conduct == "投标人以他人名义投标或者以其他方式弄虚作假，骗取中标"
    scope = "依法必须进行招标的项目的投标人有前款所列行为尚未构成犯罪的"
    assert _cases(row) == [(scope, None, "中标项目金额千分之五以上千分之十以下"),
                           (scope, "单位直接负责的主管人员和其他直接责任人员", "单位罚款数额百分之五以上百分之十以下")]
    assert row.fine is None          # no unconditional fine: the table shows the fine with its condition
    conditions = [s.condition for s in row.sanctions]
    assert f"{scope}，有违法所得的" in conditions and f"{scope}，情节严重的" in conditions
    assert not any("有违法所得的，情节严重的" in (c or "") for c in conditions)
    assert ("给招标人造成损失的", ["承担民事责任"]) in _conditions(row)


def test_yifa_fuyou_is_a_status_not_a_sanction():
    """招标投标法第六十三条 (sample 10 #36): 对…依法负有行政监督职责的国家机关工作人员…: the conduct is the officials'
    徇私舞弊、滥用职权或者玩忽职守, not “不构成犯罪”."""
    [row] = _rows("中华人民共和国招标投标法", TENDER_63)
    assert row.conduct.endswith("国家机关工作人员徇私舞弊、滥用职权或者玩忽职守")
    assert ("不构成犯罪的", ["给予处分"]) in _conditions(row)


def test_refusal_after_a_consequence_case_is_a_case_of_its_own():
    """生态环境法典第一千一百七十二条 (sample 10 #14): 责令改正 is in the base, so 拒不改正的 is not under 造成严重后果的."""
    [row] = _rows("中华人民共和国生态环境法典", CODE_1172)
    assert [s.condition for s in row.sanctions] == [None, "造成严重后果的", "拒不改正的"]


def test_a_deadline_refused_stays_under_the_case_that_set_it():
    """生态环境法典第一千一百四十三条: 造成水污染的，责令限期采取治理措施…；逾期不采取治理措施的 — the order is the
    case's own, so the 逾期 stays under it."""
    [row] = _rows("中华人民共和国生态环境法典", CODE_1143)
    assert [s.condition for s in row.sanctions][-1] == "造成水污染的，逾期不采取治理措施的"


def test_yifa_yingdang_chengdan_still_opens_a_sanction():
    """土地管理法第七十九条第三款: …对当事人造成损失的，依法应当承担赔偿责任 stays a row."""
    rows = _rows("中华人民共和国土地管理法", LAND_79)
    assert [r.paragraph for r in rows if r.conduct.startswith("非法批准征收、使用土地")] == [3]
