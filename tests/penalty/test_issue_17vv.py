"""Issue 17vv (backlog row 生态环境法典第一千一百五十五条第一款第三项): a duty of whoever carries on an activity (从事船舶拆解的单位，
应当…) binds a conduct opening with that very activity (从事船舶拆解、旧船改装…，造成海洋环境污染损害), though the item names no party."""

from kb.penalty.activity import activity_units
from tests.penalty.conftest import linked_rows

OBLIGATIONS = ("第一章 总则",)
LIABILITY = ("第五章 法律责任",)
SEA_LAW = {
    1: (OBLIGATIONS, "为了保护和改善海洋环境，防治污染，制定本法。"),
    2: (OBLIGATIONS, "从事船舶拆解的单位，应当采取有效的污染防治措施，在船舶拆解前将船舶污染物减至最小量，防止污染海洋环境。"
                     "拆解的船舶部件不得入水。"),
    3: (OBLIGATIONS, "港口、码头、装卸站应当按照规定配备船舶污染物、废弃物接收设施，并保持正常运行。"),
    4: (OBLIGATIONS, "国家建立海洋生态环境监测制度，统一发布海洋生态环境状况信息。"),
    5: (OBLIGATIONS, "禁止向海域排放油类、酸液、碱液、剧毒废液。"),
    6: (LIABILITY, "违反本法规定，有下列情形之一的，由海事管理机构责令改正，处以罚款：\n"
                   "（一）从事船舶拆解、旧船改装、打捞和其他水上、水下施工作业，造成海洋环境污染损害；\n"
                   "（二）港口、码头、装卸站未按照规定配备船舶污染物、废弃物接收设施。"),
}


def test_the_activitys_duty_binds_a_conduct_carrying_it_on():
    trace = {}
    rows = linked_rows("海洋测试法", SEA_LAW, trace=trace)
    row = next(row for row in rows if row.clause.article == 6 and row.item == 1)
    units = trace[row.id]["units"]
    at = next(index for index, (clause, _, _) in enumerate(units) if clause.article == 2)
    # main: the item names no party, so 第二条 did not bind its offender and a weak match of it was rejected
    assert trace[row.id]["own"][at]
    assert [ref.article for ref in row.references][:1] == [2]


def test_activity_units_need_the_very_activity_as_the_partys_name():
    conduct = "从事船舶拆解、旧船改装、打捞和其他水上、水下施工作业，造成海洋环境污染损害"
    assert activity_units(conduct, ["从事船舶拆解的单位，应当采取有效的污染防治措施。", "禁止采取冲滩方式在海岸进行船舶拆解作业。",
                                    "从事船舶污染物、废弃物接收的单位，应当具备相应的接收处理能力。"]) == [True, False, False]
    # an activity merely opening the duty's (海关法第三十八条 for 第八十六条第十二项, labelled none) is another party's
    assert activity_units("经营海关监管货物的运输、储存、加工等业务，有关货物灭失或者有关记录不真实",
                          ["经营海关监管货物仓储业务的企业，应当经海关注册，并按照海关规定，办理收存、交付手续。"]) == [False]
    # a conduct opening with no activity verb binds nothing by this rule
    assert activity_units("船舶拆解造成海洋环境污染损害", ["从事船舶拆解的单位，应当采取有效的污染防治措施。"]) == [False]
