"""The validator rejects unsound questions: each rule is broken once on purpose."""

from dataclasses import replace

import pytest

from kb.quiz.generator import generate
from kb.quiz.question import BLANK, Question
from kb.quiz.scope import Scope
from kb.quiz.validate import problems


@pytest.fixture
def quiz(quiz_corpus):
    scope = Scope(laws=("行政处罚法", "生态环境法典"))
    return {t: generate(quiz_corpus, scope, 12, t, seed=5).questions
            for t in ("single", "multiple", "judge", "fill", "source")}


def clone(q: Question, **changes) -> Question:
    fresh = replace(q, options=list(q.options), meta=dict(q.meta), change=dict(q.change) if q.change else None)
    for key, value in changes.items():
        setattr(fresh, key, value)
    return fresh


def test_single_with_a_second_true_option_is_rejected(quiz):
    q = next(q for q in quiz["single"] if q.element != "modal")
    options = list(q.options)
    wrong_index = next(i for i, o in enumerate(options) if o != q.answer_text)
    options[wrong_index] = q.answer_text
    assert problems(clone(q, options=options))


def test_option_of_another_kind_is_rejected(quiz):
    q = next(q for q in quiz["single"] if q.element in ("time", "amount"))
    options = list(q.options)
    wrong_index = next(i for i, o in enumerate(options) if o != q.answer_text)
    options[wrong_index] = "公安机关"
    assert any("kinds" in p for p in problems(clone(q, options=options)))


def test_stem_that_gives_the_answer_away_is_rejected(quiz):
    q = quiz["single"][0]
    assert any("away" in p or "blank" in p for p in problems(clone(q, stem=q.stem.replace(BLANK, BLANK + q.answer_text))))


def test_blank_on_a_function_word_is_rejected(quiz):
    q = quiz["fill"][0]
    segment = "行政机关和当事人应当遵守本法。"
    bad = clone(q, stem=q.stem.split("规定，")[0] + "规定，行政机关______当事人应当遵守本法。", answer="和", answer_text="和",
                meta={"segment": segment, "start": 4})
    assert any("function word" in p for p in problems(bad))


def test_false_judgement_with_two_changes_is_rejected(quiz):
    q = next(q for q in quiz["judge"] if q.answer is False)
    statement = q.meta["statement"]
    twice = statement[:-1] + "并且另有改动。"
    bad = clone(q, stem=q.stem.replace(statement, twice))
    bad.meta["statement"] = twice
    assert problems(bad)


def test_false_judgement_that_is_really_the_source_is_rejected(quiz):
    q = next(q for q in quiz["judge"] if q.answer is False)
    bad = clone(q)
    bad.change["to"] = bad.change["from"]
    assert problems(bad)


def test_true_judgement_must_restate_the_source(quiz):
    q = next(q for q in quiz["judge"] if q.answer is True)
    bad = clone(q, stem=q.stem.replace("应当", "可以", 1) if "应当" in q.stem else q.stem[:-1] + "不。")
    bad.meta["statement"] = bad.stem.split("规定，", 1)[1]
    assert problems(bad)


def test_multiple_needs_two_right_and_one_wrong(quiz):
    q = quiz["multiple"][0]
    assert problems(clone(q, answer=list(q.answer[:1])))
    options = list(q.options)
    options[1] = options[0]
    assert problems(clone(q, options=options))


def test_source_question_pointing_at_the_wrong_article_is_rejected(quiz):
    q = quiz["source"][0]
    wrong = next(letter for letter in "ABCD" if letter != q.answer)
    assert problems(clone(q, answer=wrong))


def test_modal_options_never_include_a_synonym(quiz):
    modal = [q for q in quiz["single"] if q.element == "modal"]
    for q in modal:
        bad = clone(q, options=[q.answer_text, "必须" if q.answer_text == "应当" else "应当", *q.options[2:]])
        assert problems(bad)


def test_damaged_source_text_never_reaches_a_stem(quiz):
    q = quiz["fill"][0]
    bad = clone(q, stem=q.stem.split("规定，")[0] + "规定，境主管部门责令改正，处______的罚款。")
    assert any("mid-word" in p for p in problems(bad))


def test_list_stem_keeps_amounts_intact():
    from kb.clause import Clause, Document
    from kb.quiz.multiple_choice import stem_for
    from kb.quiz.pool import ItemList

    clause = Clause(Document("中华人民共和国测试法"), "x")
    lead = "违反本法规定，有下列行为之一的，处二万元以上二十万元以下的罚款："
    assert "二十万元以下" in stem_for(ItemList(clause, lead, "行为", ("甲", "乙", "丙")))
    lead = "听证应当依照以下程序组织："
    assert stem_for(ItemList(clause, lead, "程序", ("甲", "乙", "丙"))) == "听证应当依照下列哪些程序组织？（　　）"


def test_lists_with_the_same_rule_never_lend_each_other_wrong_options():
    from kb.quiz.multiple_choice import same_rule

    penalty = "违反本法规定，有下列{}之一的，由生态环境主管部门责令改正，没收违法所得，并处以罚款："
    assert same_rule(penalty.format("情形"), penalty.format("行为"))
    assert same_rule("由负有生态环境保护监督管理职责的部门、机构按照职责分工责令改正，处以罚款：",
                     "由负有生态环境保护监督管理职责的部门、机构按照职责分工责令改正，处以罚款，可以责令采取限制生产、停产整治等措施：")
    assert not same_rule("各级人民政府应当加强土壤污染防治，安排必要的资金用于下列事项：",
                         "各级人民政府应当加强水污染防治，安排必要的资金用于下列事项：")


def test_multiple_with_an_option_from_a_same_rule_list_is_rejected(quiz):
    q = quiz["multiple"][0]
    bad = clone(q)
    bad.meta["wrong_leads"] = [q.meta["lead"]] * len(q.meta["wrong_leads"])
    assert any("same rule" in p for p in problems(bad))
