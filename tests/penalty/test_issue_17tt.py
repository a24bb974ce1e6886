"""Issue 17tt, on real statute text (sample 33's misses #2 and #14): a delayed or refused act (故意拖延不订立劳动合同) breaks
the one 款 stating 应当 + that act and its object; a ban of acts against the offender (不得阻碍邮政企业从业人员投递邮件) is no duty
of the offender, nor a clause matched on its name once the act is read after a name the conduct opens with; whoever
gives a 处分 (由邮政企业给予处分) is the row's body."""

from dataclasses import replace

from kb.penalty.acts import act_of
from kb.penalty.nonduty import other_match, protects, ungranted
from kb.penalty.rows import parse_clause
from kb.penalty.sanctions import read_sanction
from kb.penalty.stated import granted_units, refused_units
from tests.corpus_builders import make_document
from tests.penalty.conftest import link_labels as _links
from tests.penalty.laws_db import whole_law

LABOUR = whole_law("中华人民共和国劳动法")
POST = whole_law("中华人民共和国邮政法")


def _rows(title, article):
    path, text = whole_law(title)[article]
    _, [clause] = make_document(title, ["|".join(path) + "|" + text])
    return parse_clause(replace(clause, id=1))


def test_delaying_a_labour_contract_breaks_the_duty_to_conclude_one():
    # 劳动法第九十八条 …或者故意拖延不订立劳动合同: main left it unlinked (第十六条第二款 scored 0.20, binding no named party)
    assert _links("中华人民共和国劳动法", LABOUR)[(98, 1, None)][:1] == ["第十六条第二款"]


def test_refused_units_need_the_act_with_its_object_in_exactly_one_paragraph():
    conduct = "故意拖延不订立劳动合同"
    texts = ["建立劳动关系应当订立劳动合同。", "劳动合同应当以书面形式订立，并具备以下条款：（一）劳动合同期限；"]
    assert list(refused_units(conduct, texts)) == [True, False]     # the second's object is not right after 订立
    assert not refused_units(conduct, texts[:1] * 2).any()          # two 款 say so: a guess, none
    assert not refused_units("拒绝订立劳动合同", ["用人单位应当订立规章制度。"]).any()    # another object
    assert not refused_units("订立劳动合同", texts).any()             # no refusal


def test_a_ban_protecting_the_offender_is_not_its_duty():
    # 邮政法第七十条 邮政企业从业人员故意延误投递邮件: main linked 第三十八条（二） 任何单位和个人不得…阻碍邮政企业从业人员投递邮件,
    # then (the ban left out) 第三十五条第二款 on the name alone; the law states no duty of timely delivery by the staff: none
    assert _links("中华人民共和国邮政法", POST)[(70, 1, None)] == []
    ban = "任何单位和个人不得有下列行为：（二）阻碍邮政企业从业人员投递邮件；"
    assert protects(ban, "从业人员")
    assert not protects("邮政企业从业人员不得阻碍用户查询邮件。", "从业人员")     # it binds the offender
    assert not protects(ban, "快递企业")


def test_the_act_follows_a_name_the_conduct_opens_with():
    [row] = _rows("中华人民共和国邮政法", 70)
    assert act_of(row) == "故意延误投递邮件"
    # a 的 before the name: the name is the act's object, the conduct stays whole
    rows = _rows("中华人民共和国个人独资企业法", 34)
    assert act_of(rows[0]) == rows[0].conduct


def test_whoever_gives_the_discipline_is_the_body():
    [row] = _rows("中华人民共和国邮政法", 70)
    assert row.agencies == ["邮政企业"]
    assert read_sanction("由证券交易所给予纪律处分或者采取其他自律管理措施。").agencies == ["证券交易所"]
    assert read_sanction("由部队按照有关规定给予处分。").agencies == ["部队"]
    # a body read already is kept whole (not 所在单位或者有关机关责令改正或者)
    assert read_sanction("由所在单位或者有关机关责令改正或者给予处分。").agencies == ["所在单位或者有关机关"]
    assert read_sanction("对直接负责的主管人员依法给予处分。").agencies == []


MEDICINES = whole_law("中华人民共和国药品管理法")
SOLE = whole_law("中华人民共和国个人独资企业法")
ANIMALS = whole_law("中华人民共和国动物防疫法")


def test_a_grant_to_the_unfit_breaks_no_applicants_permit_duty():
    # 药品管理法第一百四十七条第一款第（三）项 对不符合条件的单位颁发…医疗机构制剂许可证: main linked 第七十四条第一款 (医疗机构配制制剂，
    # 应当经…批准，取得医疗机构制剂许可证: the applicant's duty); the law has no 款 granting these permits on conditions: none
    links = _links("中华人民共和国药品管理法", MEDICINES)
    assert links[(147, 1, 3)] == []
    assert links[(147, 1, 2)][:1] == ["第二十五条第一款"]       # 符合条件的，颁发药品注册证书: kept
    conduct = "对不符合条件的单位颁发药品生产许可证"
    assert ungranted("医疗机构配制制剂，应当经所在地药品监督管理部门批准，取得医疗机构制剂许可证。", conduct)
    assert not ungranted("经审查合格的，发给药品生产许可证。", conduct)
    assert not ungranted("医疗机构配制制剂，应当经批准。", "擅自配制制剂")       # no grant to the unfit


def test_a_grant_to_the_unfit_breaks_the_clause_granting_that_permit_on_conditions():
    # 动物防疫法第八十八条第一款第（二）项: main linked 第六十三条第二款 (the holder's duty to have changes entered); 第六十二条 经审查合格的，
    # 发给动物诊疗许可证 is the issuing body's duty, under the officials' floor before
    assert _links("中华人民共和国动物防疫法", ANIMALS)[(88, 1, 2)][:1] == ["第六十二条"]
    conduct = "对不符合条件的颁发动物防疫条件合格证、动物诊疗许可证"
    texts = ["经审查合格的，发给动物诊疗许可证。", "经审查合格的，发给动物防疫条件合格证。", "发给营业执照。",
             "动物诊疗许可证应当载明诊疗机构名称。"]
    assert list(granted_units(conduct, texts)) == [True, True, False, False]
    assert not granted_units("对符合条件的拒不颁发动物诊疗许可证", texts).any()


def test_a_mismatch_breaks_no_requirement_to_match_another_thing():
    # 个人独资企业法第三十四条 使用的名称与其在登记机关登记的名称不相符合: main linked 第十一条 名称应当与其责任形式及从事的营业相符合
    assert _links("中华人民共和国个人独资企业法", SOLE)[(34, 1, None)] == []
    conduct = "个人独资企业使用的名称与其在登记机关登记的名称不相符合"
    assert other_match("个人独资企业的名称应当与其责任形式及从事的营业相符合。", conduct)
    assert not other_match("企业使用的名称应当与其登记的名称相一致。", conduct)      # the same comparand: the duty
    assert not other_match("个人独资企业的名称应当与其责任形式相符合。", "未使用登记的名称")      # no mismatch conduct
