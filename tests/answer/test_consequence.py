"""Consequence answers (怎么罚, 罚多少): the sanction 项, the 款 with its fine, and the duty it enforces.

The small corpus holds real 生态环境法典 texts: the 危险废物 duties (第五百三十一条, 第五百三十四条)
and the sanction article 第一千一百七十五条, whose 第一款 lists the conduct and whose 第二款 sets the
fines by 项.
"""

from __future__ import annotations

import pytest

from kb.answer import extractive_answer
from kb.answer.consequence import conduct_text, fine_paragraphs, narrowed_to_item
from kb.clause import Clause, Document
from tests.corpus_builders import build_corpus, make_document

SANCTION = (
    "第五编|第二章 法律责任分则|第八节 违反固体废物污染防治规定|"
    "违反本法规定，有下列情形之一的，由生态环境主管部门责令改正，没收违法所得，并处以罚款；情节严重的，报经有批准权的人民政府批准，责令停业、关闭：\n"
    "（一）未设置危险废物识别标志；\n"
    "（二）未制定危险废物管理计划，或者未申报危险废物有关资料；\n"
    "（三）未建立危险废物管理台账并如实记录；\n"
    "（四）未按照国家规定和生态环境保护标准贮存、利用、处置危险废物，或者将危险废物混入非危险废物中贮存；\n"
    "（五）将危险废物提供或者委托给无许可证的单位或者其他生产经营者从事相关活动。\n"
    "有前款第一项、第二项、第三项、第四项情形之一的，处五万元以上二十万元以下的罚款，拒不改正的，处二十万元以上一百万元以下的罚款；"
    "有前款第五项情形的，处二十万元以上二百万元以下的罚款。")
LABEL_DUTY = ("第二编|第二十三章 危险废物污染防治|对危险废物的容器和包装物以及收集、贮存、运输、利用、处置危险废物的设施、场所，"
              "应当按照规定设置危险废物识别标志。")
LICENCE_DUTY = ("第二编|第二十三章 危险废物污染防治|从事收集、贮存、利用、处置危险废物经营活动的单位，应当按照国家规定取得许可证。\n"
                "禁止无许可证或者不按照许可证的要求从事危险废物收集、贮存、利用、处置的经营活动。\n"
                "禁止将危险废物提供或者委托给无许可证的单位和个人从事收集、贮存、利用、处置活动。")
CODE = make_document("中华人民共和国生态环境法典", [
    "第一编|第一章 基本规定|为了保护和改善生态环境，制定本法。",
    LABEL_DUTY,
    LICENCE_DUTY,
    "第二编|第二十三章 危险废物污染防治|产生危险废物的单位，应当按照国家规定制定危险废物管理计划；建立危险废物管理台账，如实记录有关信息。",
    SANCTION,
    "第五编|第二章 法律责任分则|第八节 违反固体废物污染防治规定|违反本法规定，危险废物产生者未按照规定处置其产生的危险废物，"
    "被责令改正后拒不改正的，由生态环境主管部门组织代为处置，处置费用由危险废物产生者承担，处十万元以上一百万元以下的罚款。",
], effective_date="2026-08-15", promulgation_date="2026-03-12", version_date="2026-03-12")


@pytest.fixture(scope="module")
def code_corpus(tmp_path_factory):
    from kb.search.index_build import build_indexes

    corpus = build_corpus(tmp_path_factory.mktemp("consequence") / "home" / "corpora" / "default", [CODE])
    build_indexes(corpus, dense=False)
    corpus.refresh()
    return corpus


def sanction_clause(**focus) -> Clause:
    document = Document(title="中华人民共和国生态环境法典", level="法律", status="现行有效", source="test")
    text = SANCTION.split("|")[-1]
    return Clause(document=document, text=text, article=5, path=("第五编", "第二章 法律责任分则"), **focus)


def test_fine_paragraph_of_an_item_is_found():
    assert fine_paragraphs(sanction_clause(paragraph=1, item=5)) == [2]
    assert fine_paragraphs(sanction_clause(paragraph=1, item=1)) == [2]
    assert fine_paragraphs(sanction_clause(paragraph=1)) == [2]   # the lead-in says only 并处以罚款


def test_a_paragraph_that_sets_its_own_fine_needs_no_other():
    assert fine_paragraphs(sanction_clause(paragraph=2)) == []


def test_conduct_text_is_the_item_or_the_behaviour_before_the_authority():
    assert conduct_text(sanction_clause(paragraph=1, item=5)) == "将危险废物提供或者委托给无许可证的单位或者其他生产经营者从事相关活动"
    document = Document(title="中华人民共和国生态环境法典", level="法律", status="现行有效", source="test")
    clause = Clause(document=document, article=9, paragraph=1,
                    text="违反本法规定，未依法取得排污许可证排放污染物的，由生态环境主管部门责令改正，处二十万元以上一百万元以下的罚款。")
    assert conduct_text(clause) == "未依法取得排污许可证排放污染物"


@pytest.fixture
def answer_everything(monkeypatch):
    monkeypatch.setenv("LAWKB_ANSWER_MIN_CONFIDENCE", "0")


def test_penalty_question_cites_item_fine_paragraph_and_duty(code_corpus, answer_everything):
    record = extractive_answer(code_corpus, "企业把危废交给没有许可证的单位处置，罚多少？").to_record()
    cited = [h["citation"] for h in record["citations"]]
    assert cited[:2] == ["《中华人民共和国生态环境法典》第五条第一款第（五）项", "《中华人民共和国生态环境法典》第五条第二款"]
    assert cited[2] == "《中华人民共和国生态环境法典》第三条"
    assert "二十万元以上二百万元以下的罚款" in record["answer"]
    assert "禁止将危险废物提供或者委托给无许可证的单位" in record["answer"]


def test_penalty_question_about_a_label(code_corpus, answer_everything):
    record = extractive_answer(code_corpus, "危废仓库没有贴危险废物识别标志怎么罚？").to_record()
    cited = [h["citation"] for h in record["citations"]]
    assert "《中华人民共和国生态环境法典》第五条第二款" in cited
    assert "《中华人民共和国生态环境法典》第二条" in cited
    assert cited[0].startswith("《中华人民共和国生态环境法典》第五条")


def test_a_question_that_is_not_about_consequences_gets_one_citation(code_corpus, answer_everything):
    record = extractive_answer(code_corpus, "产生危险废物的单位要不要制定管理计划？").to_record()
    assert [h["citation"] for h in record["citations"]] == ["《中华人民共和国生态环境法典》第四条"]


def test_a_lead_in_paragraph_is_narrowed_to_the_item_the_question_matches_best():
    lead_in = sanction_clause(paragraph=1)
    items = [(sanction_clause(paragraph=1, item=i), cov) for i, cov in enumerate((0.2, 0.1, 0.0, 0.2, 0.6), 1)]
    assert narrowed_to_item(lead_in, items + [(lead_in, 0.9)]).item == 5
    tied = [(unit, 0.3) for unit, _ in items]
    assert narrowed_to_item(lead_in, tied) is lead_in            # no single item stands out
    assert narrowed_to_item(lead_in, [(unit, 0.0) for unit, _ in items]) is lead_in
    assert narrowed_to_item(sanction_clause(paragraph=2), items).item is None  # another 款's items do not count
    chosen_item = sanction_clause(paragraph=1, item=2)
    assert narrowed_to_item(chosen_item, items) is chosen_item
