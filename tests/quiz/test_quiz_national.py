"""200 questions from the real 行政处罚法 and 生态环境法典: every one passes validation."""

from collections import Counter

import pytest

from kb.quiz.generator import generate
from kb.quiz.scope import Scope
from kb.quiz.validate import problems

pytestmark = pytest.mark.slow


def test_two_hundred_questions_without_a_validation_failure(national_corpus):
    result = generate(national_corpus, Scope(laws=("行政处罚法", "生态环境法典")), 200,
                      "single,multiple,judge,fill,source", seed=20261126)
    assert len(result.questions) == 200
    assert result.rejected == 0, result.problems[:5]
    assert [q.stem for q in result.questions if problems(q)] == []
    types = Counter(q.type for q in result.questions)
    assert set(types) == {"single", "multiple", "judge", "fill", "source"}
    laws = Counter(q.clause.document.display_short_title for q in result.questions)
    assert laws["行政处罚法"] > 0 and laws["生态环境法典"] > 0
    assert len({q.id for q in result.questions}) == 200
    judges = [q for q in result.questions if q.type == "judge"]
    assert 0.3 <= sum(q.answer is True for q in judges) / len(judges) <= 0.7


def test_a_topic_quiz_on_the_national_corpus(national_corpus):
    result = generate(national_corpus, Scope(laws=("行政处罚法",), topic="听证"), 10, "single,multiple,judge", seed=1)
    assert result.questions and all("听证" in q.clause.text or q.type == "multiple" for q in result.questions)
