"""The re-ranker's 款/项 and penalty-table evidence (kb.search.rerank_evidence, issue 14s), on real statute text:
生态环境法典 第一千一百六十九条 / 第一千一百七十四条 / 第一千一百九十六条 / 第一千一百九十九条 and the conducts the
penalty table reads from them."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from kb.search.rerank import FEATURES, RowTraits, default_model, features, uses_evidence
from kb.search.rerank_evidence import EVIDENCE, PenaltyConducts, article_units

CODE = SimpleNamespace(id=244)
TEXTS = {
    1169: "违反本法规定，擅自倾倒、堆放、丢弃、抛撒、遗撒、焚烧固体废物的，由生态环境主管部门、城镇排水主管部门、环境卫生主管部门"
          "按照职责分工责令停止违法行为，采取治理措施消除污染，没收违法所得，并处十万元以上一百万元以下的罚款。\n"
          "个人擅自倾倒、堆放、丢弃、抛撒、遗撒、焚烧个人产生的生活垃圾、建筑垃圾的，由环境卫生主管部门责令改正，处一百元以上一千元以下的罚款。",
    1174: "违反本法规定，有下列情形之一的，由环境卫生主管部门责令改正，没收违法所得，并处以罚款：\n"
          "（一）擅自关闭、闲置或者拆除生活垃圾处理设施、场所；\n"
          "（二）产生、收集厨余垃圾的单位和其他生产经营者未将厨余垃圾交由具备相应资质条件的单位进行无害化处理；\n"
          "（三）工程施工单位未按照规定对工程施工过程中产生的建筑垃圾进行利用或者处置；\n"
          "（四）工程施工单位未编制建筑垃圾处理方案并报备案，或者未及时清运工程施工过程中产生的建筑垃圾。",
    1196: "违反本法规定，有下列情形之一的，由生态环境主管部门、核工业主管部门按照职责分工责令限期改正，处二万元以上二十万元以下的罚款：\n"
          "（一）不按照规定设置放射性标识、标志、中文警示说明；\n（二）不按照规定建立健全安全保卫制度；\n"
          "（三）不按照规定单独存放放射性同位素；",
    1199: "违反本法规定，有下列情形之一的，由生态环境主管部门责令停止违法行为，限期改正，处五万元以上五十万元以下的罚款：\n"
          "（一）生产放射源的单位和其他生产经营者未按照规定回收和利用废旧放射源；\n"
          "（二）使用放射源的单位和其他生产经营者未按照规定交回、送交废旧放射源；",
    610: "生产、销售、使用、贮存放射性同位素和射线装置的场所，应当按照国家有关规定设置明显的放射性标志。",
}
ARTICLES = list(TEXTS)
CLAUSES = [SimpleNamespace(law="生态环境法典", article=a, path=("第十一章 法律责任",), text=t, document=CODE)
           for a, t in TEXTS.items()]
# the penalty table's rows of these articles (conduct, 违反条款), as kb.penalty.table builds them
ROWS = [(1169, "擅自倾倒、堆放、丢弃、抛撒、遗撒、焚烧固体废物", [475]),
        (1169, "个人擅自倾倒、堆放、丢弃、抛撒、遗撒、焚烧个人产生的生活垃圾、建筑垃圾", [518]),
        (1174, "擅自关闭、闲置或者拆除生活垃圾处理设施、场所", [512]),
        (1174, "工程施工单位未按照规定对工程施工过程中产生的建筑垃圾进行利用或者处置", [520]),
        (1196, "不按照规定设置放射性标识、标志、中文警示说明", [610]),
        (1196, "不按照规定建立健全安全保卫制度", [628]),
        (1199, "生产放射源的单位和其他生产经营者未按照规定回收和利用废旧放射源", [626]),
        (1199, "使用放射源的单位和其他生产经营者未按照规定交回、送交废旧放射源", [626])]
TABLE = PenaltyConducts([{"document_id": 244, "article": a, "conduct": c,
                          "references": [{"article": r} for r in refs]} for a, c, refs in ROWS])


def evidence_of(query, conducts=TABLE, evidence_on=True):
    traits = RowTraits(CLAUSES, np.zeros(len(CLAUSES), dtype=int), conducts=conducts)
    n = len(CLAUSES)
    x = features(query, np.arange(n), np.linspace(1.0, 0.5, n), np.linspace(10, 2, n), np.linspace(0.9, 0.8, n),
                 np.zeros(n), np.zeros(n), traits, evidence_on=evidence_on)
    return {name: dict(zip(ARTICLES, x[:, FEATURES.index(name)].tolist())) for name in EVIDENCE + ("coverage",)}


def test_units_are_each_paragraph_or_a_lead_with_one_item():
    units = article_units(CLAUSES[1])
    assert len(units) == 4 and all(u.startswith("违反本法规定,有下列情形之一的") for u in units)  # NFKC: ，→ ,
    assert "厨余垃圾" in units[1] and "厨余垃圾" not in units[0]
    assert len(article_units(CLAUSES[0])) == 2          # two 款 without 项


def test_unit_cover_does_not_add_up_conducts_listed_in_different_items():
    x = evidence_of("擅自关闭生活垃圾处理设施，厨余垃圾也不交给有资质的单位处理")
    # 第一千一百七十四条 holds every word, but 关闭 is in its (一) and 厨余 in its (二): no one unit holds both
    assert x["coverage"][1174] > x["coverage"][1169]
    assert 0 < x["unit_cover"][1174] < 1
    assert x["unit_cover"][1174] > x["unit_cover"][1169]
    assert x["unit_margin"][1174] == pytest.approx(x["unit_cover"][1174] - max(
        v for a, v in x["unit_cover"].items() if a != 1174))


def test_penalty_rows_match_the_question_to_the_sanctioned_and_the_violated_article():
    # staff-070: the right article is 1196 (放射性标志), the search put its sibling 1199 (放射源回收) first
    x = evidence_of("放射源贮存场所没设辐射警示标志，罚多少？")
    assert x["pen_sanction"][1196] > x["pen_sanction"][1199] > 0
    assert x["ask_penalty_x_pen"][1196] == x["pen_sanction"][1196]         # 罚多少 asks for consequences
    assert x["pen_duty"][610] > 0 and x["pen_sanction"][610] == 0          # 610: the duty 1196(一) links
    assert x["pen_duty"][610] == pytest.approx(x["pen_sanction"][1196])      # one row: 1196(一) violating 610
    assert abs(x["pen_margin"][1196]) < 1e-12 and x["pen_margin"][1199] < 0  # 610 ties 1196; 1199 is behind
    # staff-056: 个人…乱倒…垃圾 is 1169's third 款, not 1174's (三) 建筑垃圾 of a 工程施工单位
    y = evidence_of("个人在路边乱倒装修垃圾，罚多少")
    assert y["pen_sanction"][1169] > y["pen_sanction"][1174]
    plain = evidence_of("放射源贮存场所设置标志的规定")                         # no consequence asked
    assert plain["ask_penalty_x_pen"][1196] == 0 < plain["pen_sanction"][1196]


def test_evidence_is_left_out_when_the_model_gives_it_no_weight():
    assert not any(evidence_of("放射源没设警示标志，罚多少？", evidence_on=False)[name][1196] for name in EVIDENCE)
    assert not any(evidence_of("放射源没设警示标志，罚多少？", conducts=None)[name][1196]
                   for name in ("pen_sanction", "pen_duty", "pen_margin"))    # no corpus: no table
    weights = np.zeros(len(FEATURES))
    assert not uses_evidence(weights)
    weights[FEATURES.index("pen_duty")] = 0.5
    assert uses_evidence(weights)
    model = default_model()
    assert model is None or not uses_evidence(model[1])     # not shipped (RESEARCH.md 14s): the table is not read
