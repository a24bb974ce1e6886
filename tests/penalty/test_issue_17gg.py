"""Issue 17gg, on real statute text (sample 22's link misses #8, #25, #11, #22, #24): obstructing an inspection breaks the duty
to accept it; a row whose sanction also orders 撤销…决定 and 追究…行政责任 is no criminal-only row; 应当X而不X breaks the 款 stating
应当…X; an official's negligence breaks no goal (应当提高…); an authority granting a certificate to whoever lacks its conditions
is an officials' row."""

from kb.penalty.inspection import inspection_conduct, inspection_duty
from kb.penalty.omission import omitted_act, states_act
from tests.penalty.conftest import link_labels as _links     # the links of every row of a law given whole
from tests.penalty.laws_db import whole_law

TAX_TITLE = "中华人民共和国税收征收管理法"
TAX = whole_law(TAX_TITLE)
LICENSING = whole_law("中华人民共和国行政许可法")
METEOROLOGY = whole_law("中华人民共和国气象法")
CONSTRUCTION = whole_law("中华人民共和国建筑法")


def test_inspection_obstruction_links_the_duty_to_accept_the_inspection():
    # 第七十条 纳税人、扣缴义务人逃避、拒绝或者以其他方式阻挠税务机关检查 → 第五十六条 …必须接受税务机关依法进行的税务检查
    # (main linked nothing: 义务人 is no party kind the subject boost reads, and the match fell under the floor)
    assert _links(TAX_TITLE, TAX)[(70, 1, None)][:1] == ["第五十六条"]


def test_a_bank_refusing_a_check_does_not_break_the_taxpayers_duty():
    # 第七十三条 …的开户银行或者其他金融机构拒绝接受税务机关依法检查…: 第五十六条 binds 纳税人、扣缴义务人, not their bank
    assert "第五十六条" not in _links(TAX_TITLE, TAX)[(73, 1, None)]


def test_inspection_kinds_bodies_and_parties():
    kind = inspection_conduct("纳税人、扣缴义务人逃避、拒绝或者以其他方式阻挠税务机关检查")
    assert kind[0] == "检查" and kind[1].endswith("税务机关") and kind[2] == ("纳税人", "扣缴义务人")
    assert inspection_duty(TAX[56][1], kind)
    # a right to refuse (有权拒绝接受调查) and a condition (拒绝、逃避接受边防检查的，不准入境) state no duty to accept
    refusing = inspection_conduct("拒绝、阻碍反洗钱监督管理、调查")
    assert not inspection_duty("调查人员少于二人的，金融机构、特定非金融机构有权拒绝接受调查。", refusing)
    assert not inspection_duty("外国人有下列情形之一的，不准入境：（一）未持有效出境入境证件或者拒绝、逃避接受边防检查的；",
                               inspection_conduct("逃避出境入境边防检查"))
    # another kind of inspection (客户尽职调查) and another party's duty (国有农场…并依法接受监督检查) are not broken
    assert not inspection_duty("任何单位和个人…并应当配合金融机构和特定非金融机构依法开展的客户尽职调查。", refusing)
    assert not inspection_duty("国有农场应当对其经营管理范围内的黑土地加强保护，充分发挥示范作用，并依法接受监督检查。",
                               inspection_conduct("拒绝、阻碍对黑土地保护情况依法进行监督检查"))
    assert inspection_duty("有关单位和个人对海洋行政主管部门的监督检查应当予以配合，不得拒绝、妨碍监督检查人员依法执行公务。",
                           inspection_conduct("拒不接受海洋行政主管部门监督检查、不如实反映情况或者不提供有关资料"))
    # not a later alternative of another act, nor helping others evade, nor refusing to provide materials
    assert inspection_conduct("进境出境人员不如实申报健康状况、相关信息或者拒绝接受检疫查验") is None
    assert inspection_conduct("容留、藏匿非法入境、非法居留的外国人，协助非法入境、非法居留的外国人逃避检查") is None
    assert inspection_conduct("拒绝、拖延提供与审计事项有关的资料") is None


def test_a_row_revoking_a_decision_and_holding_officials_to_account_is_matched():
    # 第八十四条 违反法律、行政法规的规定，擅自作出税收的开征、停征…的决定的，除…撤销其擅自作出的决定外，…追究…的行政责任；构成犯罪的…
    # → 第三条第二款 任何机关、单位和个人不得违反法律、行政法规的规定，擅自作出… (main read the row as criminal-only, never matched)
    assert _links(TAX_TITLE, TAX)[(84, 1, None)][:1] == ["第三条第二款"]


def test_a_failure_to_do_what_is_required_links_the_paragraph_requiring_it():
    # 行政许可法第七十二条(八) 依法应当举行听证而不举行听证 → 第四十六条 …行政机关应当向社会公告，并举行听证 (main: 第四十八条第一款,
    # the hearing's procedure 应当于举行听证的七日前…)
    assert _links("中华人民共和国行政许可法", LICENSING)[(72, 1, 8)][:1] == ["第四十六条"]
    assert omitted_act("依法应当举行听证而不举行听证") == "举行听证"
    assert states_act(LICENSING[46][1], "举行听证")
    assert not states_act("（一）行政机关应当于举行听证的七日前将举行听证的时间、地点通知申请人", "举行听证")
    assert omitted_act("未依法举行听证") is None


def test_officials_negligence_breaks_no_goal_clause():
    # 气象法第四十条 …工作人员由于玩忽职守，导致重大漏报、错报… : main linked 第二十二条第四款 …应当提高…准确性 (a goal); none is right
    assert _links("中华人民共和国气象法", METEOROLOGY)[(40, 1, None)] == []


def test_an_authority_granting_a_certificate_breaks_no_contractors_ban():
    # 建筑法第七十七条 对不具备相应资质等级条件的单位颁发该等级资质证书 (the issuing body's act): main linked 第二十九条第三款
    # 禁止总承包单位将工程分包给不具备相应资质条件的单位 (another subject's ban); none is right
    assert _links("中华人民共和国建筑法", CONSTRUCTION)[(77, 1, None)] == []
