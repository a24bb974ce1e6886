"""A small indexed corpus for answer tests: real article texts of the laws the bureau asks about."""

from __future__ import annotations

import pytest

from tests.corpus_builders import SMALL_LAWS, build_corpus, make_document

ENFORCEMENT = make_document("中华人民共和国行政强制法", [
    "第一章 总则|为了规范行政强制的设定和实施，保障和监督行政机关依法履行职责，制定本法。",
    "第三章 行政强制措施实施程序|查封、扣押限于涉案的场所、设施或者财物，不得查封、扣押与违法行为无关的场所、设施或者财物；"
    "不得查封、扣押公民个人及其所扶养家属的生活必需品。\n当事人的场所、设施或者财物已被其他国家机关依法查封的，不得重复查封。",
    "第三章 行政强制措施实施程序|查封、扣押的期限不得超过三十日；情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。"
    "法律、行政法规另有规定的除外。\n延长查封、扣押的决定应当及时书面告知当事人，并说明理由。\n对物品需要进行检测、检验、检疫或者技术鉴定的，"
    "查封、扣押的期间不包括检测、检验、检疫或者技术鉴定的期间。",
    "第四章 行政机关强制执行程序|行政机关作出强制执行决定前，应当事先催告当事人履行义务。催告应当以书面形式作出，并载明下列事项：\n"
    "（一）履行义务的期限；\n（二）履行义务的方式；\n（三）涉及金钱给付的，应当有明确的金额和给付方式；\n（四）当事人依法享有的陈述权和申辩权。",
], effective_date="2012-01-01", promulgation_date="2011-06-30", version_date="2011-06-30")

PENALTIES = make_document("中华人民共和国大气污染防治法", [
    "第一章 总则|为了保护和改善环境，防治大气污染，制定本法。",
    "第七章 法律责任|违反本法规定，超过大气污染物排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物的，"
    "由县级以上人民政府生态环境主管部门责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款。",
    "第二章 监督管理|排放工业废气或者有毒有害大气污染物的企业事业单位，应当取得排污许可证。排污许可的具体办法和实施步骤由国务院规定。",
    "第四章 防治扬尘污染|本法所称扬尘污染，是指建设施工、道路运输等活动产生的颗粒物对大气环境的污染。",
], effective_date="2018-10-26", promulgation_date="2018-10-26", version_date="2018-10-26")

WEATHER = make_document("中华人民共和国气象法", [
    "第一章 总则|为了发展气象事业，规范气象工作，准确、及时地发布气象预报，防御气象灾害，制定本法。",
    "第四章 气象预报与灾害性天气警报|国家对公众气象预报和灾害性天气警报实行统一发布制度。",
], effective_date="2000-01-01", promulgation_date="1999-10-31", version_date="1999-10-31")

ANSWER_LAWS = [*SMALL_LAWS, ENFORCEMENT, PENALTIES, WEATHER]


@pytest.fixture(scope="module")
def answer_corpus(tmp_path_factory):
    """The small laws plus 行政强制法/大气法/气象法 articles, lexical index built, in a data home."""
    from kb.search.index_build import build_indexes

    corpus = build_corpus(tmp_path_factory.mktemp("answer") / "home" / "corpora" / "default", ANSWER_LAWS)
    build_indexes(corpus, dense=False)
    corpus.refresh()
    return corpus
