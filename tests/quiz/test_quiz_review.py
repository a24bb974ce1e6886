"""The second trainer's review of the quiz generator (benchmarks/quiz_review.md): one test per defect class,
each rebuilt from the real clause the defective question came from. The validator rejects the question and,
where the generator could make it, the generator no longer does."""

from __future__ import annotations

import random

from kb.quiz import multiple_choice, single_choice, source_question, true_false
from kb.quiz.distractors import candidates
from kb.quiz.elements import extract
from kb.quiz.paper_check import conflicts, paper_warnings
from kb.quiz.pool import LawPool
from kb.quiz.question import BLANK, LETTERS, Question, according, askable, sentences
from kb.quiz.validate import problems
from tests.quiz.real_clauses import clause
from tests.quiz.test_quiz_defects import blank_question, found, judge


def sentence_of(cl, start: str):
    return next(s for s in sentences(cl) if s.text.startswith(start))


def slot(sentence, kind: str, text: str):
    return next((e, seg) for e, seg in askable(sentence, (kind,)) if e.text == text)


def only_flags(cl, para: int, segment: str, old: str, kind: str, bad: str, good: str, words: str) -> bool:
    """A false 判断 changing `old` to `bad` is rejected (a problem naming `words`); to `good`, it is not."""
    return found(judge(cl, para, segment, old, bad, kind), words) and \
        not any(words in p for p in problems(judge(cl, para, segment, old, good, kind)))


def lists_of(law: str, *articles: int) -> tuple[LawPool, dict]:
    """The pool of these real articles and their enumerated lists by article."""
    pool = LawPool.build([clause(law, n) for n in articles])
    return pool, {lst.clause.article: lst for lst in pool.lists}


def never_made(pool: LawPool, listed) -> bool:
    """No 多选 on this list, over ten seeds: the other lists lend nothing of its kind."""
    return all(multiple_choice.make(listed, pool, random.Random(seed)) is None for seed in range(10))


# 1. a parallel article makes a wrong option right, a blank ambiguous, a false 判断 true ---------------------
def test_a_wrong_option_that_a_parallel_article_says_is_rejected():
    courts, procuratorates = clause("宪法", 133), clause("宪法", 138)
    pool = LawPool.build([courts, procuratorates])
    segment = "地方各级人民法院对产生它的国家权力机关负责。"
    q = blank_question("single", courts, 1, segment, "人民法院", ["人民法院", "人民检察院", "公安机关", "司法行政部门"],
                       "subject", courts.text)
    assert not any("same words" in p for p in problems(q))            # without the law: not seen
    assert any("人民检察院" in p and "第一百三十八条" in p for p in problems(q, pool))
    other = blank_question("single", courts, 1, segment, "人民法院", ["人民法院", "审计机关", "公安机关", "司法行政部门"],
                           "subject", courts.text)
    assert not any("same words" in p for p in problems(other, pool))


def test_a_fill_in_with_another_answer_in_a_parallel_article_is_rejected():
    ordinary, simple = clause("行政复议法", 48), clause("行政复议法", 54)
    pool = LawPool.build([ordinary, simple])
    segment = sentence_of(ordinary, "被申请人应当").text
    q = blank_question("fill", ordinary, 1, segment, "十日", [], "time", segment)
    assert any("two answers" in p and "五日" in p for p in problems(q, pool))
    # a false 判断 that puts in the 简易程序 value reads true; another value stays false
    statement = judge(ordinary, 1, segment, "十日", "五日", "time")
    assert any("is true" in p for p in problems(statement, pool))
    assert not any("is true" in p for p in problems(judge(ordinary, 1, segment, "十日", "二十日", "time"), pool))


# 2. parties of civil liability -------------------------------------------------------------------------------
def test_victims_generic_parties_and_parties_of_another_book_are_never_offered():
    guardian, sale, product = clause("民法典", 1188), clause("民法典", 598), clause("民法典", 1202)
    pool = LawPool.build([guardian, sale, product, clause("民法典", 1181), clause("民法典", 1193),
                          clause("民法典", 1189), clause("民法典", 1229)])
    element = next(e for e in extract(guardian.text) if e.text == "监护人")
    offered = set(candidates(element, pool, random.Random(1)))
    assert offered and not offered & {"买受人", "出卖人", "受害人", "被侵权人", "侵权人", "行为人", "第三人"}
    segment = "无民事行为能力人、限制民事行为能力人造成他人损害的，由监护人承担侵权责任。"
    q = blank_question("single", guardian, 1, segment, "监护人", ["监护人", "受害人", "生产者", "承揽人"], "party")
    assert found(q, "victim")


def test_a_party_the_stem_gives_away_or_a_tautology_is_not_asked():
    contractor, delegate, pollution = clause("民法典", 1193), clause("民法典", 1189), clause("民法典", 1229)
    first = contractor.text.split("。")[0] + "。"   # (no longer asked at all: a 但是 sentence follows it)
    assert first not in [s.text for s in sentences(contractor)]
    q = blank_question("single", contractor, 1, first, "承揽人", ["承揽人", "监护人", "生产者", "医疗机构"], "party")
    assert found(q, "counterpart")
    q = blank_question("single", delegate, 1, delegate.text, "受托人", ["受托人", "监护人", "生产者", "医疗机构"], "party")
    assert found(q, "委托")
    q = blank_question("single", pollution, 1, pollution.text, "侵权人", ["侵权人", "监护人", "生产者", "医疗机构"], "party")
    assert found(q, "tautology")
    pool = LawPool.build([contractor, delegate, pollution, clause("民法典", 1188), clause("民法典", 1202)])
    for cl in (contractor, delegate, pollution):
        for sentence in sentences(cl):
            for element, seg in askable(sentence, ("party",)):
                assert single_choice.make(sentence, element, seg, pool, random.Random(0)) is None or \
                    element.text not in ("承揽人", "受托人", "侵权人")


def test_a_false_statement_naming_a_generic_party_is_rejected():
    seller = clause("生态环境法典", 1066)
    segment = "违反本法规定，销售的机动车船、非道路移动机械、发动机不符合污染物排放标准的，销售者应当负责修理、更换、退货。"
    assert found(judge(seller, 2, segment, "销售者", "行为人", "party"), "anyone in that role")


# 3. a subject the sentence itself decides -----------------------------------------------------------------------
def test_what_a_government_sets_up_whose_rules_and_what_only_a_court_does_are_not_asked():
    audit, rules = clause("宪法", 109), clause("行政许可法", 15)
    sentence = sentence_of(audit, "县级以上的地方各级人民政府设立")
    assert not any(e.text == "审计机关" for e, _ in askable(sentence, ("subject",)))
    q = blank_question("single", audit, 1, sentence.text, "审计机关", ["审计机关", "财政部门", "统计部门", "司法行政部门"],
                       "subject", audit.text)
    assert found(q, "set up")
    second = sentence_of(rules, "地方性法规和省")
    assert not any(e.text.startswith("省、自治区") for e, _ in askable(second, ("subject",)))
    sentence_court = sentence_of(clause("行政处罚法", 35), "违法行为构成犯罪，人民法院判处拘役")
    assert not any(e.text == "人民法院" for e, _ in askable(sentence_court, ("subject",)))
    review = clause("行政复议法", 29)
    segment = sentence_of(review, "公民、法人或者其他组织申请行政复议").text
    q = blank_question("single", review, 1, segment, "人民法院", ["人民法院", "人民检察院", "公安机关", "司法行政部门"],
                       "subject")
    assert found(q, "forces 人民法院")


def test_a_swap_inside_the_three_bodies_of_criminal_procedure_is_rejected():
    language = clause("宪法", 139)
    segment = "人民法院和人民检察院对于不通晓当地通用的语言文字的诉讼参与人，应当为他们翻译。"
    assert only_flags(language, 1, segment, "人民检察院", "subject", "公安机关", "审计机关", "criminal cases")


# 4. a false 判断 everyone sees through ---------------------------------------------------------------------------
def test_may_contradict_the_constitution_is_not_a_false_statement():
    rule_of_law, premier = clause("宪法", 5), clause("宪法", 87)
    segment = "一切法律、行政法规和地方性法规都不得同宪法相抵触。"
    assert found(judge(rule_of_law, 3, segment, "不得", "可以", "modal"), "nobody says 正确")
    terms = "总理、副总理、国务委员连续任职不得超过两届。"
    assert not any("nobody" in p for p in problems(judge(premier, 2, terms, "不得", "可以", "modal")))
    pool = LawPool.build([rule_of_law])
    sentence = sentence_of(rule_of_law, "一切法律")
    element, seg = slot(sentence, "modal", "不得")
    assert true_false.make_false(sentence, element, seg, pool, random.Random(0)) is None


# 5. 多选 wrong options from a list about something else ---------------------------------------------------------
def test_grounds_against_an_act_never_borrow_grounds_for_a_retrial():
    revoke, confirm, retrial = clause("行政诉讼法", 70), clause("行政诉讼法", 74), clause("行政诉讼法", 91)
    pool = LawPool.build([revoke, confirm, retrial])
    revoking = next(lst for lst in pool.lists if lst.clause.article == 70)
    retrying = next(lst for lst in pool.lists if lst.clause.article == 91)
    for seed in range(20):
        q = multiple_choice.make(revoking, pool, random.Random(seed))
        assert q is None or not any(o in retrial.text for o in q.options)
        q = multiple_choice.make(retrying, pool, random.Random(seed))
        assert q is None or not any(o in confirm.text for o in q.options)


def test_lists_of_one_subject_still_lend_each_other_options():
    change, confirm = clause("行政复议法", 63), clause("行政复议法", 65)
    pool = LawPool.build([change, confirm])
    changing = next(lst for lst in pool.lists if lst.clause.article == 63)
    made = [multiple_choice.make(changing, pool, random.Random(seed)) for seed in range(10)]
    assert any(q is not None and not problems(q) for q in made)


def test_evidence_never_borrows_kinds_of_penalty():
    pool, lists = lists_of("行政处罚法", 46, 9)
    assert never_made(pool, lists[46])


# 6. 出处 by article number in a law with 章 ------------------------------------------------------------------------
def test_a_source_question_by_article_number_in_a_law_with_chapters_is_rejected():
    schools = clause("宪法", 19)
    text = "国家举办各种学校，普及初等义务教育，发展中等教育、职业教育和高等教育，并且发展学前教育。"
    labels = ["《宪法》第十九条", "《宪法》第十八条", "《宪法》第十六条", "《宪法》第二十一条"]
    q = Question("source", f"“{text.rstrip('。')}”，这一规定出自{BLANK}。", labels, "A",
                 f"答案A。{schools.focus(2).citation()}", schools.focus(2), answer_text=labels[0], element="citation",
                 meta={"quote": text, "wrong_texts": []})
    assert found(q, "ask the 章")


def test_a_source_question_in_one_book_names_the_book_in_the_stem():
    torts = [clause("民法典", n) for n in (1165, 1181, 1188, 1202, 1229)]
    law = {torts[0].document.id: torts}
    sentence = sentence_of(clause("民法典", 1188), "无民事行为能力人")
    q = source_question.make(sentence, law, random.Random(2), {})
    assert q is not None and q.element == "chapter" and not problems(q)
    assert "“第七编 侵权责任”中的" in q.stem and q.options[LETTERS.index(q.answer)] == "第三章 责任主体的特殊规定"
    assert not any(o.startswith("第七编") for o in q.options)


# 7. one paper printing an option twice ------------------------------------------------------------------------------
def test_two_lists_sharing_an_option_are_flagged():
    standing, council = clause("宪法", 67), clause("宪法", 89)
    shared = "撤销国务院制定的同宪法、法律相抵触的行政法规、决定和命令"
    first = Question("multiple", according(standing) + "全国人民代表大会常务委员会行使下列哪些职权？（　　）",
                     ["解释法律", shared, "决定特别行政区的设立及其制度", "批准省、自治区和直辖市的建置"], ["A", "B"],
                     "", standing.focus(1), answer_text="")
    second = Question("multiple", according(council) + "国务院行使下列哪些职权？（　　）",
                      ["编制和执行国民经济和社会发展计划和国家预算", shared, "领导和管理国防建设事业", "决定特赦"], ["A", "C"],
                      "", council.focus(1), answer_text="")
    warnings = paper_warnings([first, second])
    assert [w.kind for w in warnings] == ["options"]
    assert warnings[0].chinese() == "第1题和第2题有相同的选项。"
    assert conflicts(second, [first])


# second dev reading: seven more classes ------------------------------------------------------------------------
def test_a_body_swapped_in_beside_its_other_name_is_rejected():
    letters = clause("宪法", 40)
    segment = sentence_of(letters, "除因国家安全").text
    assert only_flags(letters, 1, segment, "公安机关", "subject", "人民检察院", "审计机关", "another name")


def test_a_definition_that_says_the_one_character_head_twice_gives_it_away():
    water = clause("生态环境法典", 267)
    q = blank_question("single", water, 1, water.text, "水污染", ["噪声污染", "土壤污染", "水污染", "海洋污染"], "term")
    assert found(q, "giving it away")


def test_a_range_of_levels_holding_the_answer_is_no_wrong_option():
    permit = clause("行政许可法", 25)
    answer = "省、自治区、直辖市人民政府"
    q = blank_question("single", permit, 1, permit.text, answer,
                       [answer, "设区的市级以上地方人民政府", "县级人民政府", "乡镇人民政府"], "subject")
    assert found(q, "range holding the answer")
    assert found(judge(permit, 1, permit.text, answer, "设区的市级以上地方人民政府", "subject"), "range")
    element = next(e for e in extract(permit.text) if e.text == answer)
    assert "设区的市级以上地方人民政府" not in candidates(element, LawPool.build([permit]), random.Random(0))


def test_a_term_that_is_the_laws_own_name_is_not_asked():
    permit = clause("行政许可法", 2)
    q = blank_question("fill", permit, 1, permit.text, "行政许可", [], "term")
    assert found(q, "own name")
    sentence = sentence_of(permit, "本法所称")
    element, seg = slot(sentence, "term", "行政许可")
    from kb.quiz import fill_blank

    assert fill_blank.make(sentence, element, seg) is None


def test_a_court_whose_verb_follows_a_modal_word_is_not_asked():
    joint = clause("行政诉讼法", 61)
    sentence = sentence_of(joint, "在涉及行政许可")
    assert not any(e.text == "人民法院" for e, _ in askable(sentence, ("subject",)))


def test_wrong_parties_come_from_the_questions_chapter():
    guardian, delegate, contractor = clause("民法典", 1188), clause("民法典", 1189), clause("民法典", 1193)
    product, car = clause("民法典", 1202), clause("民法典", 1209)
    pool = LawPool.build([guardian, delegate, contractor, product, car, clause("民法典", 1219)])
    sentence = sentence_of(guardian, "无民事行为能力人")
    element, seg = slot(sentence, "party", "监护人")
    made = [single_choice.make(sentence, element, seg, pool, random.Random(seed)) for seed in range(10)]
    assert any(made)
    for q in filter(None, made):   # 受托人, 承揽人, 定作人 of 第三章, not 生产者 or 机动车使用人
        assert sum(o in ("受托人", "承揽人", "定作人") for o in q.options) >= 2 and not problems(q, pool)
    q = blank_question("single", guardian, 1, sentence.text, "监护人", ["监护人", "生产者", "机动车使用人", "医务人员"],
                       "party")
    assert any("unrelated chapters" in p for p in problems(q, pool))
    # a chapter naming too few other parties makes no party question at all
    product_sentence = sentence_of(product, "因产品存在缺陷")
    element, seg = slot(product_sentence, "party", "生产者")
    assert all(single_choice.make(product_sentence, element, seg, pool, random.Random(seed)) is None for seed in range(5))


def test_an_agencys_misconduct_never_borrows_a_partys_conduct():
    pool, lists = lists_of("行政处罚法", 76, 32)
    assert multiple_choice.condition_subject(lists[76].lead) == "行政机关"
    assert never_made(pool, lists[76])


# third dev reading -------------------------------------------------------------------------------------------------
def test_the_rest_of_a_lead_in_is_no_statement():
    members = clause("宪法", 65)
    texts = [s.text for s in sentences(members)]
    assert "委员长，副委员长若干人，秘书长，委员若干人。" not in texts
    assert "全国人民代表大会常务委员会组成人员中，应当有适当名额的少数民族代表。" in texts


def test_articles_after_a_glued_closing_heading_leave_the_last_chapter():
    from kb.quiz.structure import heading_matches, titled_paths

    tail = [clause("民法典", n) for n in (1258, 1259, 1260)]
    paths = titled_paths(tail)
    assert paths[1258][-1] == "第十章 建筑物和物件损害责任" and paths[1259] == paths[1260] == ("附则",)
    assert not heading_matches("侵权责任编", paths[1259])
    assert not any(s.text == "附则。" for s in sentences(tail[0]))


def test_suspension_while_under_review_never_lends_to_what_may_be_reviewed():
    pool, lists = lists_of("行政复议法", 11, 42)
    assert multiple_choice.condition_subject(lists[42].lead) == "行政复议"
    assert never_made(pool, lists[11])


def test_a_court_named_by_its_level_is_not_asked():
    high = clause("行政诉讼法", 16)
    assert not any(e.text == "人民法院" for s in sentences(high) for e, _ in askable(s, ("subject",)))


def test_may_made_must_before_alternatives_is_rejected():
    enforce = clause("行政诉讼法", 97)
    assert found(judge(enforce, 1, enforce.text, "可以", "应当", "modal"), "pick one")
    sentence = sentences(enforce)[0]
    element, seg = slot(sentence, "modal", "可以")
    assert true_false.make_false(sentence, element, seg, LawPool.build([enforce]), random.Random(0)) is None


def test_a_chapter_titled_general_provisions_is_neither_asked_nor_offered():
    code = [clause("生态环境法典", n) for n in (230, 302, 303, 409, 267, 1066, 1103, 1114)]
    law = {code[0].document.id: code}
    water = sentence_of(code[4], "本法所称水污染")      # 第二编 第七章 一般规定
    assert all(source_question.make(water, law, random.Random(seed), {}) is None for seed in range(5))
    city = sentence_of(code[2], "向城镇污水集中处理设施排放")
    for seed in range(10):
        q = source_question.make(city, law, random.Random(seed), {})
        assert q is not None and not any("一般规定" in o for o in q.options)
    labels = ["第八章 水污染防治措施", "第十六章 一般规定", "第四章 大气污染防治措施", "第二章 法律责任分则"]
    bad = Question("source", f"“{city.text.rstrip('。')}”，这一规定出自《生态环境法典》的{BLANK}。", labels, "A",
                   f"答案A。{city.clause.citation()}", city.clause, answer_text=labels[0], element="chapter",
                   meta={"quote": city.text, "wrong_texts": [], "path": list(city.clause.path)})
    assert found(bad, "一般规定")


def test_a_vague_liability_is_no_false_statement():
    carrier = clause("生态环境法典", 1068)
    segment = sentence_of(carrier, "违反本法规定，将中华人民共和国境外").text
    assert only_flags(carrier, 2, segment, "连带责任", "liability", "相应的责任", "按份责任", "too vague")


def test_only_the_party_who_answers_is_swapped():
    labour = clause("民法典", 1192)
    segment = sentence_of(labour, "个人之间形成劳务关系").text
    assert found(judge(labour, 1, segment, "提供劳务一方", "网络服务提供者", "party"), "nonsense")
    assert not any("nonsense" in p for p in problems(judge(labour, 1, segment, "接受劳务一方", "用人单位", "party")))


def test_a_court_the_sentence_names_by_its_work_or_a_body_beside_any_other_is_not_asked():
    summons, ruling = clause("行政诉讼法", 58), clause("行政强制法", 58)
    for cl in (summons, ruling):
        assert not any(e.text == "人民法院" for s in sentences(cl) for e, _ in askable(s, ("subject",)))
    recover = clause("行政处罚法", 79)
    sentence = sentence_of(recover, "行政机关截留")
    assert not any(e.text == "财政部门" for e, _ in askable(sentence, ("subject",)))
    q = blank_question("single", recover, 1, sentence.text, "财政部门", ["财政部门", "审计机关", "统计部门", "司法行政部门"],
                       "subject")
    assert found(q, "有关机关")


def test_kinds_of_penalty_never_borrow_the_items_of_a_decision():
    pool, lists = lists_of("行政处罚法", 9, 59)
    assert never_made(pool, lists[9])


# round 2 (seeds 9401-9406): the classes it found --------------------------------------------------------------
def test_a_short_sentence_on_the_noun_before_it_is_not_asked():
    congress = clause("宪法", 59)
    assert "各少数民族都应当有适当名额的代表。" not in [s.text for s in sentences(congress)]
    assert found(judge(congress, 1, "各少数民族都应当有适当名额的代表。"), "does not say what")


def test_the_head_of_a_longer_name_is_not_asked():
    police = clause("生态环境法典", 223)
    assert not any(e.text == "公安机关" for s in sentences(police) for e, _ in askable(s, ("subject",)))
    segment = sentence_of(police, "生态环境主管部门可以在机动车集中停放地").text
    q = blank_question("single", police, 2, segment, "公安机关", ["公安机关", "人民法院", "人民检察院", "司法行政部门"],
                       "subject")
    assert found(q, "part of one name")


def test_a_definition_that_keeps_saying_the_terms_own_character_is_rejected():
    sand = clause("生态环境法典", 906)
    q = blank_question("single", sand, 1, sand.text, "土地沙化", ["土壤污染", "土地沙化", "水土保持", "工业固体废物"], "term")
    assert found(q, "only the right term has")


def test_a_list_named_by_its_conditions_never_borrows_items_of_a_fund():
    pool, lists = lists_of("生态环境法典", 180, 409)
    assert lists[180].noun == "条件" and lists[409].noun == "事项"
    assert never_made(pool, lists[180])


def test_an_item_under_a_sanction_is_no_statement():
    radiation = clause("生态环境法典", 1200)
    assert not any(s.clause.item is not None for s in sentences(radiation))
    item = radiation.focus(2, 3)
    q = Question("judge", according(item) + "不按照规定处理或者贮存不得向环境排放的放射性废液。", [], True,
                 f"正确。{item.citation()}", item, answer_text="正确",
                 meta={"statement": "不按照规定处理或者贮存不得向环境排放的放射性废液。"})
    assert found(q, "not a rule")


def test_a_true_statement_before_its_proviso_sentence_is_not_asked():
    change = clause("行政诉讼法", 77)
    statement = "人民法院判决变更，不得加重原告的义务或者减损原告的权益。"
    assert statement not in [s.text for s in sentences(change)]
    assert found(judge(change, 2, statement), "但…")
    appeal = clause("行政诉讼法", 86)   # "…应当组成合议庭，开庭审理。…合议庭认为不需要开庭审理的，也可以不开庭审理。"
    assert "人民法院对上诉案件，应当组成合议庭，开庭审理。" not in [s.text for s in sentences(appeal)]


def test_an_untitled_book_is_not_named_in_the_stem():
    code = [clause("生态环境法典", n) for n in (16, 60, 75, 88, 111)]   # five 章 of the (untitled) 第一编
    law = {code[0].document.id: code}
    baseline = sentence_of(code[2], "国务院生态环境主管部门根据保障公众健康")
    made = [source_question.make(baseline, law, random.Random(seed), {}) for seed in range(10)]
    assert all(made)
    for q in made:   # one 编 for all options: the options are 章 only, and the stem names no bare “第一编”
        assert "第一编" not in q.stem and not any(o.startswith("第一编") for o in q.options) and not problems(q)


# round 3 (seeds 9501-9506) ----------------------------------------------------------------------------------------
def test_supplementary_for_proportionate_liability_is_no_false_statement():
    abet = clause("民法典", 1169)
    segment = sentence_of(abet, "教唆、帮助无民事行为能力人").text
    assert only_flags(abet, 2, segment, "相应的责任", "liability", "相应的补充责任", "连带责任", "too vague")


def test_exemptions_never_borrow_an_agencys_misconduct():
    pool, lists = lists_of("生态环境法典", 1059, 1062)
    assert multiple_choice.condition_subject(lists[1059].lead) == "完全"
    assert never_made(pool, lists[1059])


def test_a_supervision_with_no_object_is_not_asked():
    repair = clause("生态环境法典", 226)
    statement = "交通运输、生态环境等有关部门应当在各自职责范围内依法加强监督管理。"
    assert statement not in [s.text for s in sentences(repair)]
    assert found(judge(repair, 2, statement), "does not say what")


def test_a_paper_never_puts_in_the_same_wrong_value_twice(quiz_corpus):
    from kb.quiz.generator import generate
    from kb.quiz.scope import Scope

    for seed in (1, 2, 3):
        judged = [q for q in generate(quiz_corpus, Scope(laws=("行政处罚法", "生态环境法典")), 30, "judge", seed=seed).questions
                  if q.answer is False]
        assert judged and len({q.change["to"] for q in judged}) == len(judged)
