"""Penalty intent: consequence questions lift the articles that set sanctions."""

from kb.search.intent import penalty_intent, penalty_rows
from tests.corpus_builders import make_document


def test_penalty_intent_of_queries():
    asked = ["企业没做环评就开工了怎么罚", "超标排放罚多少", "拒不改正有什么后果", "要承担什么法律责任"]
    plain = ["环评报告书要写哪些内容", "排污许可证有效期多久", "查封扣押设备最长可以多久"]
    assert [penalty_intent(q) for q in asked + plain] == [True] * 4 + [False] * 3


def test_penalty_rows_prefer_liability_chapters():
    _, clauses = make_document("某法", [
        "第二章 监督管理|建设单位应当依法报批环境影响报告书。",
        "第六章 法律责任|建设单位未依法报批的，由生态环境主管部门责令停止建设，处五万元以上二十万元以下的罚款。",
        "第二章 监督管理|违反前款规定的，依法给予处罚。",
    ])
    assert penalty_rows(clauses).tolist() == [0.0, 1.0, 0.5]
