"""Quizzes from the real national laws: 200 questions of every type pass validation; scopes by 编 title;
the bureau-relevant mix."""

from collections import Counter

import pytest

from kb.quiz.generator import generate
from kb.quiz.paper_check import paper_warnings
from kb.quiz.scope import Scope, resolve
from kb.quiz.validate import problems

pytestmark = pytest.mark.slow
ALL = "single,multiple,judge,fill,source,case"


def test_two_hundred_questions_of_every_type_without_a_validation_failure(national_corpus):
    result = generate(national_corpus, Scope(laws=("行政处罚法", "生态环境法典")), 200, ALL, seed=20261126)
    assert len(result.questions) == 200
    assert result.rejected <= 0.2 * 200, result.problems[:5]     # candidates are mostly sound before checking
    assert [q.stem for q in result.questions if problems(q)] == []
    types = Counter(q.type for q in result.questions)
    assert set(types) == {"single", "multiple", "judge", "fill", "source", "case"}
    laws = Counter(q.clause.document.display_short_title for q in result.questions)
    assert laws["行政处罚法"] > 0 and laws["生态环境法典"] > 0
    assert len({q.id for q in result.questions}) == 200
    judges = [q for q in result.questions if q.type == "judge"]
    assert 0.3 <= sum(q.answer is True for q in judges) / len(judges) <= 0.7
    falses = [q for q in judges if q.answer is False]
    assert sum((q.change or {}).get("kind") == "modal" for q in falses) * 4 <= len(falses) + 1
    assert [w for w in paper_warnings(result.questions) if w.kind != "same_article"] == []


def test_fresh_seeds_give_every_type_and_no_warnings(national_corpus):
    for seed in (101, 202, 303):
        result = generate(national_corpus, Scope(laws=("生态环境法典",)), 30, ALL, seed=seed)
        assert {q.type for q in result.questions} == {"single", "multiple", "judge", "fill", "source", "case"}
        assert paper_warnings(result.questions) == []


def test_a_scope_by_book_title_and_the_bureau_mix(national_corpus):
    torts = resolve(national_corpus, Scope(laws=("民法典",), chapter="侵权责任编"))
    assert set(range(1164, 1259)) <= {c.article for c in torts.clauses} <= set(range(1164, 1261))
    assert resolve(national_corpus, Scope(laws=("民法典",), chapter="第七编")).clauses == torts.clauses
    air = resolve(national_corpus, Scope(laws=("生态环境法典",), chapter="大气污染防治"))
    assert air.clauses and all(any("大气" in h for h in air.path(c)) for c in air.clauses)
    environment = 0
    for seed in (1, 2, 3, 4, 5):
        result = generate(national_corpus, Scope(laws=("民法典",), chapter="侵权责任编"), 20,
                          "single,multiple,judge", seed=seed)
        environment += sum("环境污染和生态破坏责任" in "".join(torts.path(q.clause)) for q in result.questions)
    assert environment >= 6        # 7 of 97 articles, drawn eight times as often (one question per article)


def test_a_topic_quiz_on_the_national_corpus(national_corpus):
    result = generate(national_corpus, Scope(laws=("行政处罚法",), topic="听证"), 10, "single,multiple,judge", seed=1)
    assert result.questions and all("听证" in q.clause.text or q.type == "multiple" for q in result.questions)
