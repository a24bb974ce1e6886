"""The re-ranker's 款/项 and penalty-table evidence (benchmarks/rerank_evidence.py, issue 14s: research, not
shipped), on real statute text:
生态环境法典 第一千一百六十九条 / 第一千一百七十四条 / 第一千一百九十六条 / 第一千一百九十九条 and the conducts the
penalty table reads from them."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from benchmarks.rerank_evidence import EVIDENCE, Evidence, PenaltyConducts, article_units, evidence_columns
from benchmarks.research_rerank import candidate_features, columns, model_of, reranked
from kb.search.rerank import FEATURES, RowTraits, features

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


def evidence_of(query, conducts=TABLE):
    traits = RowTraits(CLAUSES, np.zeros(len(CLAUSES), dtype=int))
    n = len(CLAUSES)
    rows = np.arange(n)
    x = features(query, rows, np.linspace(1.0, 0.5, n), np.linspace(10, 2, n), np.linspace(0.9, 0.8, n),
                 np.zeros(n), np.zeros(n), traits)
    ev = evidence_columns(query, rows, traits, Evidence(conducts=conducts))
    out = {name: dict(zip(ARTICLES, ev[:, i].tolist())) for i, name in enumerate(EVIDENCE)}
    out["coverage"] = dict(zip(ARTICLES, x[:, FEATURES.index("coverage")].tolist()))
    return out


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


def cached_question(text):
    """A harness question over the five CLAUSES (rows 0-4), as benchmarks/cv_features caches one."""
    n = len(CLAUSES)
    return SimpleNamespace(text=text, rows=np.arange(n), prior=np.zeros(n, dtype=np.float32),
                           scores={"lex@1.0": np.linspace(10, 2, n), "e5": np.linspace(0.9, 0.8, n)})


def test_the_harness_appends_evidence_after_the_shipped_features_only_when_switched_on():
    assert not set(EVIDENCE) & set(FEATURES)          # the product's re-ranker does not carry them
    traits = RowTraits(CLAUSES, np.zeros(len(CLAUSES), dtype=int))
    n = len(CLAUSES)
    shared = {"e5_have": np.ones(n, dtype=bool), "penalty": np.zeros(n)}
    q = cached_question("放射源贮存场所没设辐射警示标志，罚多少？")
    off = candidate_features(q, np.arange(n), np.linspace(1.0, 0.5, n), shared, traits, 1.0)
    on = candidate_features(q, np.arange(n), np.linspace(1.0, 0.5, n),
                            {**shared, "evidence": True, "evidence_source": Evidence(conducts=TABLE)}, traits, 1.0)
    assert off.shape == (n, len(FEATURES)) and on.shape == (n, len(FEATURES) + len(EVIDENCE))
    assert np.array_equal(on[:, :len(FEATURES)], off)
    assert on[ARTICLES.index(1196), len(FEATURES) + EVIDENCE.index("pen_sanction")] > 0
    without = candidate_features(q, np.arange(n), np.linspace(1.0, 0.5, n),
                                 {**shared, "evidence": True, "evidence_source": Evidence(conducts=TABLE),
                                  "without": ["pen_sanction", "coverage"]}, traits, 1.0)
    assert not without[:, columns(True).index("pen_sanction")].any() and not without[:, FEATURES.index("coverage")].any()


def test_a_model_reads_the_evidence_columns_only_when_it_weighs_them():
    assert not any(evidence_of("放射源没设警示标志，罚多少？", conducts=None)[name][1196]
                   for name in ("pen_sanction", "pen_duty", "pen_margin"))    # no corpus: no table
    weights = dict.fromkeys(FEATURES, 0.1)
    assert len(model_of({"top_n": 20, "weights": weights})[1]) == len(FEATURES)
    assert len(model_of({"top_n": 20, "weights": {**weights, "pen_duty": 0.0}})[1]) == len(FEATURES)
    top_n, w = model_of({"top_n": 20, "weights": {**weights, "pen_duty": 0.5}})
    assert len(w) == len(FEATURES) + len(EVIDENCE) and w[columns(True).index("pen_duty")] == 0.5


def test_reranked_scores_with_the_evidence_a_fitted_model_weighs():
    n = len(CLAUSES)
    traits = RowTraits(CLAUSES, np.zeros(n, dtype=int))
    comp = SimpleNamespace(bundle=SimpleNamespace(clauses=CLAUSES, corpus=None), traits=traits,
                           shared={"e5_have": np.ones(n, dtype=bool), "penalty": np.zeros(n),
                                   "evidence_source": Evidence(conducts=TABLE)})
    q = cached_question("放射源贮存场所没设辐射警示标志，罚多少？")
    model = model_of({"top_n": n, "weights": {"pen_sanction": 1.0}})
    rows, _ = reranked(q, np.arange(n), np.linspace(1.0, 0.5, n), comp, model, 1.0)
    assert ARTICLES[rows[0]] == 1196                       # fused first: 1169; the penalty row of 1196 lifts it
    rows, _ = reranked(q, np.arange(n), np.linspace(1.0, 0.5, n), comp, model_of({"top_n": n, "weights": {}}), 1.0)
    assert ARTICLES[rows[0]] == 1169                       # no weight at all: the fused order stays
