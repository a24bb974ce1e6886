"""Generation on a small corpus: scope, counts, types, seeds, distractor rules, in-force only."""

import pytest

from kb.errors import NotFoundError, QueryError
from kb.quiz.elements import MODAL_GROUPS
from kb.quiz.generator import generate, parse_types, split_count
from kb.quiz.scope import Scope, parse_articles
from kb.quiz.validate import problems

ALL = "single,multiple,judge,fill,source"


def test_split_count_follows_the_paper_mix():
    assert split_count(50, ("single", "multiple", "judge")) == {"single": 25, "multiple": 10, "judge": 15}
    assert sum(split_count(7, parse_types(ALL)).values()) == 7
    with pytest.raises(QueryError):
        parse_types("single,essay")


def test_article_ranges():
    assert parse_articles("30-40") == [(30, 40)]
    assert parse_articles("第三十条至第四十条,63") == [(30, 40), (63, 63)]
    with pytest.raises(QueryError):
        parse_articles("40-30")


def test_every_question_is_valid_and_carries_source_text_and_explanation(quiz_corpus):
    result = generate(quiz_corpus, Scope(laws=("行政处罚法", "生态环境法典")), 30, ALL, seed=3)
    assert result.questions
    assert {q.type for q in result.questions} >= {"single", "multiple", "judge"}
    for q in result.questions:
        assert problems(q) == []
        record = q.to_dict()
        assert {"type", "stem", "options", "answer", "explanation", "source"} <= set(record)
        assert record["source"]["citation"] and record["source"]["text"] and record["source"]["match"] == "quiz"
        assert record["source"]["citation"] in q.explanation


def test_same_seed_same_quiz_other_seed_other_quiz(quiz_corpus):
    scope = Scope(laws=("行政处罚法",))
    first = [q.to_dict() for q in generate(quiz_corpus, scope, 10, ALL, seed=7).questions]
    again = [q.to_dict() for q in generate(quiz_corpus, scope, 10, ALL, seed=7).questions]
    other = [q.to_dict() for q in generate(quiz_corpus, scope, 10, ALL, seed=8).questions]
    assert first == again
    assert first != other


def test_single_choice_distractors_are_of_the_same_kind_and_never_true(quiz_corpus):
    result = generate(quiz_corpus, Scope(laws=("行政处罚法", "生态环境法典")), 40, "single", seed=1)
    assert len(result.questions) >= 8     # one question per article at most (two in a scope this small)
    for q in result.questions:
        assert len(q.options) == 4 and len(set(q.options)) == 4
        wrong = [o for o in q.options if o != q.answer_text]
        if q.element == "modal":
            assert all(MODAL_GROUPS[o] != MODAL_GROUPS[q.answer_text] for o in wrong)   # never 必须 for 应当
        else:
            assert not any(o in q.clause.text for o in wrong)
        assert q.answer_text not in q.stem


def test_multiple_choice_comes_from_enumerated_items(quiz_corpus):
    result = generate(quiz_corpus, Scope(laws=("行政处罚法",)), 6, "multiple", seed=2)
    assert result.questions
    for q in result.questions:
        items = " ".join(q.clause.paragraphs()[q.clause.paragraph - 1].items)
        right = [q.options["ABCDE".index(letter)] for letter in q.answer]
        assert len(right) >= 2 and all(option in items for option in right)
        assert all(option not in q.clause.text for option in q.options if option not in right)
        assert "其他" not in "".join(q.options)


def test_false_judgements_change_exactly_one_element(quiz_corpus):
    result = generate(quiz_corpus, Scope(laws=("行政处罚法", "生态环境法典")), 30, "judge", seed=4)
    falses = [q for q in result.questions if q.answer is False]
    trues = [q for q in result.questions if q.answer is True]
    assert falses and trues
    for q in falses:
        segment, change = q.meta["segment"], q.change
        assert segment[:change["at"]] + change["to"] + segment[change["at"] + len(change["from"]):] == q.meta["statement"]
        assert change["from"] in q.explanation and change["to"] in q.explanation
    for q in trues:
        assert q.meta["statement"].rstrip("。") in q.clause.text.replace("\n", "") or q.change is None


def test_scope_by_chapter_articles_and_topic(quiz_corpus):
    result = generate(quiz_corpus, Scope(laws=("行政处罚法",), chapter="第五章"), 5, "single,judge,fill", seed=1)
    assert all("第五章" in q.clause.path[0] for q in result.questions)
    result = generate(quiz_corpus, Scope(laws=("行政处罚法",), articles="9-10"), 5, ALL, seed=1)
    assert all(q.clause.article in (9, 10) for q in result.questions)
    result = generate(quiz_corpus, Scope(laws=("行政处罚法",), topic="听证"), 5, ALL, seed=1)
    assert result.questions and all("听证" in q.clause.text for q in result.questions)


def test_scope_errors_are_clear(quiz_corpus):
    with pytest.raises(NotFoundError, match="no law called"):
        generate(quiz_corpus, Scope(laws=("不存在的法",)), 5)
    with pytest.raises(NotFoundError, match="no articles in scope"):
        generate(quiz_corpus, Scope(laws=("行政处罚法",), chapter="第九十九章"), 5)
    with pytest.raises(QueryError):
        generate(quiz_corpus, Scope(), 5)


def test_repealed_law_only_when_asked(quiz_corpus):
    with pytest.raises(NotFoundError, match="not in force"):
        generate(quiz_corpus, Scope(laws=("环境保护法",)), 3)
    result = generate(quiz_corpus, Scope(laws=("环境保护法",), include_repealed=True), 3, "single,judge", seed=1)
    assert result.questions and all(q.clause.law == "中华人民共和国环境保护法" for q in result.questions)


def test_more_questions_than_the_scope_supports_gives_what_exists(quiz_corpus):
    result = generate(quiz_corpus, Scope(laws=("行政处罚法",), articles="4"), 10, "single,judge", seed=1)
    assert result.shortfall > 0
    assert len(result.questions) < 10
    assert all(problems(q) == [] for q in result.questions)


def test_elements_of_stems_are_whole_sentences(quiz_corpus):
    result = generate(quiz_corpus, Scope(laws=("行政处罚法", "生态环境法典")), 30, "single,fill,judge", seed=9)
    for q in result.questions:
        assert q.stem.endswith(("。", "）", "？（　　）")), q.stem
        assert q.stem.count("“") == q.stem.count("”")
