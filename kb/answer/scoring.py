"""Which candidate 款/项 answers, and how sure that is (issue 14).

Every candidate (a 款 or 项 of a retrieved article, see kb.answer.extractive) is described by the
features below; its score is ``WEIGHTS · features`` and the candidates of one question compete in a
softmax. The answer is the best candidate; the probability that its *article* is right is the sum
of the softmax over that article's candidates, and the calibrated confidence is
``sigmoid(a · log p_article + b · coverage + u · unknown + m · log(1 + matched) + c)`` with
``CALIBRATION``, where ``unknown`` is the weight share of the question's words that no statute
uses (今天天气怎么样: most) and ``matched`` the idf mass of the question's words the answer holds. The answer is
given when the confidence reaches the ``ANSWER_MIN_CONFIDENCE`` setting, else 未找到明确的法律依据.

WEIGHTS and CALIBRATION are fitted by ``benchmarks/research_answers.py``: a listwise (softmax)
logistic model of "this candidate's article is a relevant one" and a logistic calibration of
"the first citation is right", learned on the development questions (STARD dev, the 52 in-repo
bureau questions, bureau staff folds 0-3, and out-of-scope questions that must get no answer)
with 5-fold cross-validation for the figures reported (README, BENCHMARKS.md).
"""

from __future__ import annotations

import math

import numpy as np

FEATURES = (
    "coverage",        # idf-weighted share of the question's words in the unit (kb.answer.extractive.coverage)
    "cue",             # carries the kind of answer asked for (kb.answer.cues.cue_score)
    "rank",            # 1 / (1 + 0.3 * retrieval rank of the article)
    "retrieval",       # the article's search score / the best article's search score
    "law_named",       # the question names the unit's law
    "length",          # min(1, characters / 500)
    "penalty_other",   # a 法律责任 clause, for a question that does not ask about consequences
    "penalty_asked",   # a 法律责任 clause, for a question about consequences (怎么罚, 什么责任)
    "item",            # the unit is a 项
    "top1",            # the article is the search's first hit
)

# Fitted by benchmarks/research_answers.py on the whole development pool (see module docstring), with the
# search of kb.search.hybrid.FUSION (lexical + embedded, no e5); refitted on the FUSION_NEURAL retrieval they were
# no better on the held-out bureau questions (BENCHMARKS.md), so these stay.
WEIGHTS = {"coverage": 4.7478, "cue": 1.2462, "rank": 2.4848, "retrieval": 2.7239, "law_named": 0.6038,
           "length": -0.6731, "penalty_other": -0.6382, "penalty_asked": 0.5774, "item": -1.0046, "top1": 0.4914}
SOFTMAX_SCALE = 1.0     # the weights are fitted as logits
CALIBRATION = {"log_p": 1.2234, "coverage": 1.5758, "unknown": -1.9094, "matched": 1.5154, "bias": -4.0368}

_VECTOR = np.array([WEIGHTS[name] for name in FEATURES])


def scores(features: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Candidate scores (rows of `features` in FEATURES order)."""
    return np.asarray(features, dtype=np.float64) @ (_VECTOR if weights is None else weights)


def softmax(values: np.ndarray, scale: float = SOFTMAX_SCALE) -> np.ndarray:
    if len(values) == 0:
        return np.zeros(0)
    z = scale * (values - values.max())
    e = np.exp(z)
    return e / e.sum()


def confidence(p_article: float, coverage: float, unknown: float = 0.0, mass: float = 0.0,
               calibration: dict | None = None) -> float:
    """Calibrated probability that the answer's article is right (mass: the question words' idf sum)."""
    cal = calibration or CALIBRATION
    z = (cal["log_p"] * math.log(max(p_article, 1e-9)) + cal["coverage"] * coverage + cal["unknown"] * unknown
         + cal["matched"] * math.log1p(coverage * mass) + cal["bias"])
    return 1.0 / (1.0 + math.exp(-z))
