"""One test per defect class a trainer found (issue 15), each rebuilt from a real clause: the validator
rejects it, and where the generator could make it, the generator no longer does."""

from __future__ import annotations

import random

from kb.quiz import case_question, multiple_choice
from kb.quiz.paper_check import conflicts, paper_warnings
from kb.quiz.pool import LawPool
from kb.quiz.question import BLANK, FILL_BLANK, LETTERS, Question, according, sentences
from kb.quiz.validate import problems
from tests.quiz.real_clauses import clause


def blank_question(qtype, cl, para, segment, answer, options, kind, sentence=None):
    focused = cl.focus(para)
    start = segment.index(answer)
    blank = FILL_BLANK if qtype == "fill" else BLANK
    stem = according(focused) + segment[:start] + blank + segment[start + len(answer):]
    letter = LETTERS[options.index(answer)] if options else answer
    return Question(qtype, stem, options, letter, f"答案。{focused.citation()}", focused, answer_text=answer,
                    element=kind, meta={"segment": segment, "start": start, "sentence": sentence or segment})


def judge(cl, para, segment, old=None, new=None, kind="time"):
    focused = cl.focus(para)
    if old is None:
        return Question("judge", according(focused) + segment, [], True, f"正确。{focused.citation()}", focused,
                        answer_text="正确", meta={"statement": segment})
    at = segment.index(old)
    statement = segment[:at] + new + segment[at + len(old):]
    return Question("judge", according(focused) + statement, [], False, f"错误。{focused.citation()}", focused,
                    answer_text="错误", element=kind, change={"kind": kind, "from": old, "to": new, "at": at},
                    meta={"statement": statement, "segment": segment, "sentence": segment})


def found(q, words: str) -> bool:
    return any(words in p for p in problems(q))


# 1. 多选 distractors of the wrong kind, a single wrong option ----------------------------------------
def test_multiple_with_a_power_among_people_is_rejected():
    recall = clause("宪法", 63)
    items = ["中华人民共和国主席、副主席", "最高人民法院院长", "国家监察委员会主任"]
    options = items + ["批准省、自治区和直辖市的建置", "决定战争和和平的问题"]
    q = Question("multiple", according(recall.focus(1)) + "全国人民代表大会有权罢免下列哪些人员？（　　）", options,
                 ["A", "B", "C"], f"答案ABC。{recall.citation()}", recall.focus(1), answer_text="；".join(items),
                 element="items", meta={"lead": "全国人民代表大会有权罢免下列人员：", "wrong_leads": []})
    assert found(q, "another kind")


def test_the_generator_never_offers_powers_for_people():
    powers, recall = clause("宪法", 62), clause("宪法", 63)
    pool = LawPool.build([powers, recall])
    people = next(lst for lst in pool.lists if lst.clause.article == 63)
    for seed in range(20):
        q = multiple_choice.make(people, pool, random.Random(seed))
        assert q is None or not any(o in powers.text for o in q.options)


def test_multiple_with_one_wrong_option_is_rejected():
    recall = clause("宪法", 63)
    options = ["中华人民共和国主席、副主席", "最高人民法院院长", "国家监察委员会主任", "国务院总理、副总理、国务委员、各部部长、各委员会主任、审计长、秘书长"]
    q = Question("multiple", according(recall.focus(1)) + "全国人民代表大会有权罢免下列哪些人员？（　　）",
                 options + ["中央军事委员会副主席"], ["A", "B", "C", "D"], recall.citation(), recall.focus(1),
                 element="items", meta={"lead": "", "wrong_leads": []})
    assert found(q, "two wrong options")


# 2. stems cut from their context ----------------------------------------------------------------------
def test_a_sentence_about_a_declaration_named_before_is_not_asked():
    notice = clause("民法典", 1196)
    texts = [s.text for s in sentences(notice)]
    assert not any(t.startswith("声明应当包括") or t.startswith("网络服务提供者接到声明后") for t in texts)
    assert found(judge(notice, 1, "声明应当包括不存在侵权行为的初步证据及网络用户的真实身份信息。"), "earlier in the article")


def test_a_cross_reference_to_another_article_is_rejected():
    permit = clause("行政许可法", 71)
    assert sentences(permit) == []
    assert found(judge(permit, 1, permit.text), "refers to another article")


def test_a_blank_cut_before_its_proviso_is_rejected():
    appeal = clause("行政复议法", 20)
    sentence = appeal.text
    cut = sentence.split("；")[0] + "。"
    q = blank_question("single", appeal, 1, cut, "六十日", ["六十日", "三十日", "九十日", "十五日"], "time", sentence)
    assert found(q, "但书")
    from kb.quiz.question import segment_around

    assert segment_around(sentence, 0, sentence.index("内")) == sentence   # the generator keeps the 但书


def test_a_fill_in_without_a_cue_is_rejected():
    notice = clause("民法典", 1196)
    segment = "网络服务提供者接到声明后，应当将该声明转送发出通知的权利人，并告知其可以向有关部门投诉或者向人民法院提起诉讼。"
    q = blank_question("fill", notice, 2, segment, "人民法院", [], "subject")
    assert found(q, "no cue")


# 3. the stem gives the answer away ---------------------------------------------------------------------
def test_a_stem_that_names_the_answer_is_rejected():
    top = clause("宪法", 137)
    q = blank_question("single", top, 1, "最高人民检察院是最高检察机关。", "人民检察院",
                       ["人民法院", "人民检察院", "公安机关", "司法行政部门"], "subject")
    q.stem = according(top.focus(1)) + "最高（　　）是最高检察机关。"
    q.meta["segment"], q.meta["start"] = "最高人民检察院是最高检察机关。", 2
    assert found(q, "giving it away")


def test_a_definition_whose_stem_names_the_term_is_rejected():
    noise = clause("生态环境法典", 564)
    q = blank_question("single", noise, 1, noise.text, "工业噪声", ["建筑施工噪声", "工业噪声", "交通运输噪声", "社会生活噪声"],
                       "term")
    assert found(q, "giving it away")


def test_a_modal_blank_the_sentence_forces_is_rejected():
    land = clause("宪法", 10)
    segment = "任何组织或者个人不得侵占、买卖或者以其他形式非法转让土地。"
    q = blank_question("single", land, 4, segment, "不得", ["应当", "可以", "不得", "无须"], "modal")
    assert found(q, "forces 不得")


# 4. a wrong option that is defensible, a false 判断 that reads true ---------------------------------------
def test_must_weakened_to_may_is_rejected():
    freeze = clause("行政强制法", 29)
    q = judge(freeze, 2, "冻结存款、汇款的数额应当与违法行为涉及的金额相当；已被其他国家机关依法冻结的，不得重复冻结。",
              "应当", "可以", "modal")
    assert found(q, "still reads as true")


def test_a_department_that_shares_the_duty_is_rejected():
    wildlife = clause("生态环境法典", 813)
    segment = "各级野生动物保护主管部门应当监测外部因素对野生动物的影响，发现野生动物受到危害时，应当会同有关部门及时进行调查处理。"
    q = judge(wildlife, 2, segment, "野生动物保护主管部门", "林业草原主管部门", "subject")
    assert found(q, "shares the duty")


def test_a_level_inside_the_range_is_rejected():
    permit = clause("行政许可法", 10)
    segment = "县级以上人民政府应当建立健全对行政机关实施行政许可的监督制度，加强对行政机关实施行政许可的监督检查。"
    q = judge(permit, 1, segment, "县级以上人民政府", "省级人民政府", "subject")
    assert found(q, "inside the original range")


def test_proportionate_and_several_liability_are_never_each_others_wrong_option():
    torts = clause("民法典", 1172)
    segment = torts.text.split("；")[0] + "。"
    q = blank_question("single", torts, 1, segment, "相应的责任", ["相应的责任", "按份责任", "连带责任", "相应的补充责任"],
                       "liability", torts.text)
    assert found(q, "按份责任")


# 5. 出处 by a four-digit article number -----------------------------------------------------------------
def test_a_source_question_by_article_number_in_a_long_code_is_rejected():
    danger = clause("民法典", 1243)
    labels = ["《民法典》第一千二百四十三条", "《民法典》第一千二百四十四条", "《民法典》第一千二百四十七条", "《民法典》第一千二百四十九条"]
    q = Question("source", f"“{danger.text.rstrip('。')}”，这一规定出自（　　）。", labels, "A",
                 f"答案A。{danger.focus(1).citation()}", danger.focus(1), answer_text=labels[0], element="citation",
                 meta={"quote": danger.text, "wrong_texts": []})
    assert found(q, "ask the 章")


# 6. duplicates and leaks within one paper ---------------------------------------------------------------
def test_two_questions_from_one_article_and_a_leaked_answer_are_flagged():
    permit = clause("生态环境法典", 1103)
    segment = permit.text.split("；")[0] + "。"
    fine = blank_question("single", permit, 1, segment, "十万元以上一百万元以下",
                          ["十万元以上一百万元以下", "五万元以上五十万元以下", "二万元以上二十万元以下", "二十万元以上二百万元以下"],
                          "amount", permit.text)
    fine.meta["facts"] = [segment[segment.index("十万元") - 6: segment.index("十万元") + 11]]
    statement = judge(permit, 1, segment)
    kinds = {w.kind for w in paper_warnings([fine, statement])}
    assert kinds == {"same_article", "leak"}
    assert conflicts(statement, [fine])
    assert "第2题的题干含有第1题的答案。" in [w.chinese() for w in paper_warnings([fine, statement])]


def test_two_questions_with_the_same_answer_and_options_are_flagged():
    first = Question("single", "甲（　　）", ["五年", "一年", "二年", "十年"], "A", "", clause("宪法", 10), answer_text="五年")
    second = Question("single", "乙（　　）", ["一年", "五年", "十年", "三年"], "B", "", clause("宪法", 63), answer_text="五年")
    assert [w.kind for w in paper_warnings([first, second])] == ["duplicate"]


# 7. other: a fragment as a statement, numbers on another scale -------------------------------------------
def test_a_judgement_on_a_fragment_ending_in_de_is_rejected():
    permit = clause("行政许可法", 72)
    q = judge(permit, 1, "依法应当举行听证而不举行听证的。")
    assert found(q, "fragment")


def test_a_number_on_another_scale_is_rejected():
    decision = clause("行政处罚法", 60)
    segment = "行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。"
    q = blank_question("single", decision, 1, segment, "九十日", ["九十日", "二日", "三日", "七日"], "time", decision.text)
    assert found(q, "another scale")
    assert found(judge(decision, 1, segment, "九十日", "二日", "time"), "another scale")


# 情景分析题 -----------------------------------------------------------------------------------------------
def test_a_case_question_from_a_penalty_list_checks_each_wrong_part():
    monitoring = clause("生态环境法典", 1114)
    pool = LawPool.build([monitoring, clause("生态环境法典", 1103)])
    q = case_question.make(monitoring, 1, pool, random.Random(3), item=1)
    assert q is not None and problems(q) == []
    assert q.stem.startswith("某企业未按照规定对所排放的污染物进行监测")
    assert q.options[LETTERS.index(q.answer)] == "由生态环境主管部门责令改正，处二万元以上二十万元以下的罚款"
    assert q.explanation.count("项错误") == 3
    bad = Question(**{**q.__dict__, "meta": {**q.meta, "wrong_parts": [{"fine": "二万元以上二十万元以下"}, *q.meta["wrong_parts"][1:]]}})
    assert found(bad, "may be right")


def test_a_list_question_whose_lead_cites_other_articles_is_not_made():
    from kb.clause import Clause, Document
    from kb.quiz.multiple_choice import stem_for
    from kb.quiz.pool import ItemList

    code = Clause(Document("中华人民共和国生态环境法典"), "x", article=1081, id=1081)
    lead = "依据本法第一千零七十三条、第一千零七十五条规定向人民法院提起诉讼的机关和组织，应当提供下列证明："
    assert stem_for(ItemList(code.focus(1), lead, "证明", ("甲证明", "乙证明", "丙证明"))) is None


# second reading (seed 31337): four more classes ------------------------------------------------------------
def test_a_court_inside_an_office_title_is_not_swapped():
    congress = clause("宪法", 101)
    from kb.quiz.question import askable

    second = next(s for s in sentences(congress) if "院长" in s.text)
    assert not any(e.text == "人民法院" for e, _ in askable(second, ("subject",)))


def test_a_generic_party_swapped_for_a_particular_one_is_rejected():
    torts = clause("民法典", 1165)
    q = judge(torts, 1, "行为人因过错侵害他人民事权益造成损害的，应当承担侵权责任。", "行为人", "承揽人", "party")
    assert found(q, "still holds")


def test_a_sentence_after_the_one_naming_its_liability_is_not_asked():
    school = clause("民法典", 1201)
    assert not any(s.text.startswith("幼儿园、学校或者其他教育机构承担补充责任后") for s in sentences(school))


def test_a_definition_fill_in_that_repeats_the_term_is_rejected():
    noise = clause("生态环境法典", 573)
    q = blank_question("fill", noise, 1, noise.text, "交通运输噪声", [], "term")
    assert found(q, "giving it away")


def test_conditions_of_a_delegate_never_borrow_hearing_steps():
    delegate, hearing = clause("行政处罚法", 21), clause("行政处罚法", 64)
    pool = LawPool.build([delegate, hearing])
    conditions = next(lst for lst in pool.lists if lst.clause.article == 21)
    assert conditions.noun == "条件"
    for seed in range(20):
        q = multiple_choice.make(conditions, pool, random.Random(seed))
        assert q is None or not any(o in hearing.text for o in q.options)


def test_a_case_that_must_go_to_review_first_is_never_a_wrong_option_for_what_may_be_reviewed():
    from kb.quiz.multiple_choice import same_rule

    scope_list, first = clause("行政复议法", 11), clause("行政复议法", 23)
    assert same_rule(scope_list.text.split("\n")[0], first.text.split("\n")[0])
    pool = LawPool.build([scope_list, first])
    may = next(lst for lst in pool.lists if lst.clause.article == 11)
    for seed in range(20):
        q = multiple_choice.make(may, pool, random.Random(seed))
        assert q is None or "申请政府信息公开，行政机关不予公开" not in q.options
