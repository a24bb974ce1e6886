"""Which candidate 款/项 answers, and how sure that is (issue 14).

Every candidate (a 款 or 项 of a retrieved article, see kb.answer.extractive) is described by the
features below; its score is ``WEIGHTS · features`` and the candidates of one question compete in a
softmax. The answer is the best candidate; the probability that its *article* is right is the sum
of the softmax over that article's candidates, and the calibrated confidence is
``sigmoid(a · log p_article + b · coverage + u · unknown + m · log(1 + matched) + h · home_law + c)`` with
``CALIBRATION``, where ``unknown`` is the weight share of the question's words that no statute
uses (今天天气怎么样: most), ``matched`` the idf mass of the question's words the answer holds and
``home_law`` whether the answer's law is one the bureau applies daily (ANSWER_HOME_LAWS). The answer is
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
    "law_share",       # share of the top 10 articles' retrieval scores in the unit's law
    "amendment",       # the unit is an article of a 修正案 (amendment), not of the law it amends
    "article_coverage",  # the best coverage of any 款/项 of the unit's article
    "home_law",        # the unit's law is one of the ANSWER_HOME_LAWS setting
)

# Fitted by benchmarks/research_answers.py on the whole development pool (see module docstring) with
# ANSWER_HOME_LAWS at its default, one set per search: "neural" for the hybrid search with neural vectors
# (kb.search.hybrid.FUSION_NEURAL; research_answers --items e5.pkl), "plain" for the search without them
# (FUSION: no vector yet, or LAWKB_ENCODER=off; research_answers --without-e5). The feature distributions
# differ between the two, so do the weights. Each calibration's bias is shifted so that its threshold falls at
# the one ANSWER_MIN_CONFIDENCE default, 0.19: neural 0.1219 (issue 14h, refitted on the re-scoring FUSION_NEURAL
# with each fold's own fusion and article prior, research_answers --cv-json <research_e5_variants report>
# --coverage-of staff: the training coverage target chosen by CV inside the training folds so that >= 90% of
# unseen staff questions are answered), plain 0.2184 (research_answers
# --without-e5 --target 0.9: answer 90% of the training bureau questions, 84% of unseen ones; the CV-chosen
# target, 0.1441, answered 89% but let 2 of the 6 chatter questions of tests/answer through).
RULES = {
    "neural": {
        "weights": {"coverage": 2.3836, "cue": 0.659, "rank": 3.1852, "retrieval": 1.9753, "law_named": 0.47,
                    "length": -0.443, "penalty_other": -0.7896, "penalty_asked": 0.7592, "item": -0.8544,
                    "top1": 0.5534, "law_share": -0.1912, "amendment": -0.6448, "article_coverage": 2.9953,
                    "home_law": 1.5423},
        "calibration": {"log_p": 1.7888, "coverage": 1.4702, "unknown": -2.3184, "matched": 0.5735,
                        "home_law": 1.1748, "bias": -1.4623 + 0.5245},
    },
    "plain": {
        "weights": {"coverage": 2.9752, "cue": 1.1384, "rank": 2.2931, "retrieval": 2.3519, "law_named": 0.6682,
                    "length": -0.7541, "penalty_other": -0.5853, "penalty_asked": 0.5957, "item": -1.1725,
                    "top1": 0.4506, "law_share": -0.1163, "amendment": -0.3693, "article_coverage": 3.3398,
                    "home_law": 1.6204},
        "calibration": {"log_p": 1.5428, "coverage": 0.748, "unknown": -2.3061, "matched": 0.9014,
                        "home_law": 1.197, "bias": -2.1268 - 0.1750},
    },
}
WEIGHTS = RULES["neural"]["weights"]
CALIBRATION = RULES["neural"]["calibration"]
SOFTMAX_SCALE = 1.0     # the weights are fitted as logits

_VECTORS = {name: np.array([rules["weights"][f] for f in FEATURES]) for name, rules in RULES.items()}


def rules_for(searcher) -> str:
    """"neural" when the searcher fuses neural vectors (kb.search.hybrid.HybridSearcher.neural_active), else "plain"."""
    active = getattr(searcher, "neural_active", None)
    return "neural" if callable(active) and active() else "plain"


def scores(features: np.ndarray, weights: np.ndarray | None = None, rules: str = "neural") -> np.ndarray:
    """Candidate scores (rows of `features` in FEATURES order) under `weights`, else the `rules` set's."""
    return np.asarray(features, dtype=np.float64) @ (_VECTORS[rules] if weights is None else weights)


def softmax(values: np.ndarray, scale: float = SOFTMAX_SCALE) -> np.ndarray:
    if len(values) == 0:
        return np.zeros(0)
    z = scale * (values - values.max())
    e = np.exp(z)
    return e / e.sum()


def confidence(p_article: float, coverage: float, unknown: float = 0.0, mass: float = 0.0, home_law: float = 0.0,
               calibration: dict | None = None, rules: str = "neural") -> float:
    """Calibrated probability that the answer's article is right (mass: the question words' idf sum;
    home_law: 1 when the answer's law is one of the ANSWER_HOME_LAWS setting)."""
    cal = calibration or RULES[rules]["calibration"]
    z = (cal["log_p"] * math.log(max(p_article, 1e-9)) + cal["coverage"] * coverage + cal["unknown"] * unknown
         + cal["matched"] * math.log1p(coverage * mass) + cal["home_law"] * home_law + cal["bias"])
    return 1.0 / (1.0 + math.exp(-z))
