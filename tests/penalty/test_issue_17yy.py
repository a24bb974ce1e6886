"""Issue 17yy, on real statute text (sample 35's misses #9, #11, #34, #36, #38, #39 and 节约能源法第七十九条): a conduct that is
a bare 有违法行为, a body's decision to sanction or its finding names no act (no link); 负责…的部门 opening a sentence is the
body's name, so its power (有权采取下列措施) is no duty of a private offender; 由同级工会或者上级工会责令改正 names the bodies of
the sanction; 不符合Y breaks 应当符合Y; kinds listed before one head (建设、设计、施工和监理单位) each name a party."""

from kb.penalty.bare import names_no_act
from kb.penalty.parties import bound_subjects, public_subject
from kb.penalty.sanctions import read_sanction
from tests.penalty.conftest import link_labels as _links, linked_rows
from tests.penalty.laws_db import whole_law

SANCTIONS_TITLE = "中华人民共和国公职人员政务处分法"
PATENT_TITLE = "中华人民共和国专利法"


def test_a_bare_violation_or_a_decision_to_sanction_names_no_act():
    assert names_no_act("基层群众性自治组织中从事管理的人员有违法行为")
    assert names_no_act("决定给予政务处分")
    assert not names_no_act("在政务处分期内有违法行为，又转移财产")      # an act besides
    assert not names_no_act("有违法行为的单位拒不改正")
    assert not names_no_act("拒不执行给予政务处分的决定")


def test_the_bare_rows_of_the_sanctions_law_link_none():
    # 第二十二条第一款 (有违法行为 → 第二十条 on main) and 第四十五条第一款 (决定给予政务处分 → 第十三条 on main): none
    links = _links(SANCTIONS_TITLE, whole_law(SANCTIONS_TITLE))
    assert links[(22, 1, None)] == []
    assert links[(45, 1, None)] == []


def test_a_body_named_by_its_task_is_the_subject_of_its_power():
    lead = "负责专利执法的部门根据已经取得的证据，对涉嫌假冒专利行为进行查处时，有权采取下列措施：（二）对当事人涉嫌违法行为的场所实施现场检查；"
    assert bound_subjects(lead) == [["负责专利执法的部门"]]
    assert public_subject(lead)
    # 负责 as the verb still ends the subject (…部门负责…工作)
    assert bound_subjects("县级以上人民政府生态环境主管部门负责本行政区域环境保护工作的统一监督管理。") == [["县级以上人民政府生态环境主管部门"]]
    # 专利法第六十八条 假冒专利 → none (main: 第六十九条第一款, the enforcing department's powers)
    assert _links(PATENT_TITLE, whole_law(PATENT_TITLE))[(68, 1, None)] == []


def test_a_body_named_by_its_rank_is_the_agency():
    text = "由同级工会或者上级工会责令改正，或者予以处分"
    assert read_sanction(text).agencies == ["同级工会或者上级工会"]
    # a body paying or funding is no agency; a body ending in 机关 keeps its own name
    assert read_sanction("由同级财政按照国家规定予以补足").agencies == []
    assert read_sanction("由其上级机关责令收回所发的资质证书").agencies == ["其上级机关"]
    title = "中华人民共和国工会法"
    rows = [row for row in linked_rows(title, whole_law(title)) if row.clause.article == 56]
    assert rows and rows[0].agencies == ["同级工会或者上级工会"]


def test_a_bodys_finding_names_no_act():
    from kb.penalty.bare import body_finding
    # 个人信息保护法第六十四条第二款 (…部门…发现…涉嫌犯罪的，应当及时移送公安机关): main linked 第六十三条第二款, the parties' duty
    assert body_finding("履行个人信息保护职责的部门在履行职责中，发现违法处理个人信息涉嫌犯罪")
    # a failure after the finding is the body's offence (不向公安机关报告), and a private party's finding is no body's
    assert not body_finding("戒毒医疗机构发现接受戒毒治疗的戒毒人员在治疗期间吸食、注射毒品，不向公安机关报告")
    assert not body_finding("县级以上人民政府有关部门发现违法行为不予查处")
    assert not body_finding("个人发现违法处理个人信息")
    title = "中华人民共和国个人信息保护法"
    assert _links(title, whole_law(title))[(64, 2, None)] == []


def test_a_nonconformity_breaks_the_requirement_to_conform():
    from kb.penalty.conformity import conforming_units, standard
    assert standard("使用的种畜禽不符合种用标准") == ("使用", "种用标准")
    assert standard("生产的产品不符合本法规定") is None         # the law's own words: no standard
    texts = ["销售种畜禽，不得有下列行为：（三）以不符合种用标准的畜禽冒充种畜禽；",
             "销售的种畜禽、家畜配种站（点）使用的种公畜，应当符合种用标准。",
             "进口的种畜禽应当符合国务院农业农村主管部门规定的技术要求。"]
    assert conforming_units("使用的种畜禽不符合种用标准", texts) == [False, True, False]
    # 畜牧法第八十四条 → 第三十条第一款 (main: 第三十一条, the seller's bans)
    title = "中华人民共和国畜牧法"
    assert _links(title, whole_law(title))[(84, 1, None)][:1] == ["第三十条第一款"]


def test_kinds_listed_before_one_head_each_name_a_party():
    from kb.penalty.duties import duty_parties, listed_kinds
    assert listed_kinds("建筑工程的建设、设计、施工和监理单位") == {"建设单位", "设计单位", "施工单位", "监理单位"}
    assert "建设单位" in duty_parties("建筑工程的建设、设计、施工和监理单位应当遵守建筑节能标准。")
    assert listed_kinds("国家机关、事业单位") == set()        # no list of kinds: two names
    # 节约能源法第七十九条第一款 建设单位违反建筑节能标准 → 第三十五条第一款 (main: 第十五条, tied at 0.305)
    title = "中华人民共和国节约能源法"
    assert _links(title, whole_law(title))[(79, 1, None)][:1] == ["第三十五条第一款"]
