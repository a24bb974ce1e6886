"""Issue 17yy, on real statute text (sample 35's misses #9, #34, #38, #39): a conduct that is a bare 有违法行为 or a body's
decision to sanction names no act (no link); 负责…的部门 opening a sentence is the body's name, so its power (有权采取下列措施)
is no duty of a private offender; 由同级工会或者上级工会责令改正 names the bodies of the sanction."""

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
