"""Article-level features of an answer candidate (issue 14), see kb.answer.scoring.FEATURES.

A 款/项 is scored with what is known of its article and law as well as of itself: the best coverage
of any unit of its article, the share of the top retrieval scores its law holds, whether the text is
a 修正案, and whether its law is one the bureau applies daily (the ``ANSWER_HOME_LAWS`` setting).
"""

from __future__ import annotations

import numpy as np

from kb.search.home import home_laws  # noqa: F401  (the answer's home_law feature reads it from here)

LAW_SHARE_DEPTH = 10     # articles whose retrieval scores make up the law_share feature


def article_features(cands: list, retrieval, home: frozenset[str]) -> np.ndarray:
    """Per candidate: law_share, amendment, article_coverage, home_law (kb.answer.scoring.FEATURES).

    law_share: the share of the top ``LAW_SHARE_DEPTH`` articles' retrieval scores that belongs to the
    candidate's law (a question about 复议 retrieves many 行政复议法 articles); amendment: the text is a
    修正案 (its article numbers are the amendment's, not the law's); article_coverage: the best
    coverage of any 款/项 of the candidate's article; home_law: its law is one the bureau applies daily
    (the ``ANSWER_HOME_LAWS`` setting).
    """
    first: dict[int, tuple[str, float]] = {}
    best_cov: dict[tuple, float] = {}
    for cand, value in zip(cands, retrieval):
        first.setdefault(cand.rank, (cand.clause.law, value))
        key = cand.article_key[:3]
        best_cov[key] = max(best_cov.get(key, 0.0), cand.coverage)
    mass: dict[str, float] = {}
    for rank, (law, value) in first.items():
        if rank < LAW_SHARE_DEPTH:
            mass[law] = mass.get(law, 0.0) + value
    total = sum(mass.values())
    return np.array([(mass.get(c.clause.law, 0.0) / total if total else 0.0, float("修正案" in c.clause.law),
                      best_cov[c.article_key[:3]], float(c.clause.law in home)) for c in cands],
                     dtype=np.float64).reshape(len(cands), 4)
