"""Issue 17jj, on real statute text (sample 24's link miss #29): 不按照规定向…机构报送有关文件、资料 breaks the 款 stating
应当按照规定向…报送…资料 (商业银行法第六十一条), not the documents of an application (第二十条 …申请人应当向…提交下列文件、资料)."""

from kb.penalty.omission import WINDOW, owed_act, states_act
from tests.penalty.conftest import link_labels as _links     # the links of every row of a law given whole
from tests.penalty.laws_db import whole_law

BANKS_TITLE = "中华人民共和国商业银行法"
BANKS = whole_law(BANKS_TITLE)


def test_failing_to_file_with_the_regulator_links_the_filing_duty():
    # main linked 第二十条 (设立分支机构的申请文件) at 0.453 over 第六十一条 at 0.334
    assert _links(BANKS_TITLE, BANKS)[(80, 1, None)][:1] == ["第六十一条"]
    assert _links(BANKS_TITLE, BANKS)[(80, 2, None)][:1] == ["第六十一条"]


def test_the_act_owed_to_a_body_and_the_duty_stating_it():
    assert owed_act("商业银行不按照规定向国务院银行业监督管理机构报送有关文件、资料") == "报送"
    assert owed_act("未按照规定向县级以上人民政府生态环境主管部门备案") == "备案"
    assert owed_act("商业银行违反本法规定提高或者降低利率") is None       # no act owed to a body
    # the bodies between 应当 and the act: past the 20 characters of 应当X而不X, within twice that
    assert not states_act(BANKS[61][1], "报送") and states_act(BANKS[61][1], "报送", 2 * WINDOW)
    assert not states_act(BANKS[20][1], "报送", 2 * WINDOW)     # 提交下列文件、资料: another act
