"""Article-level features of an answer candidate (issue 14), see kb.answer.scoring.FEATURES.

A 款/项 is scored with what is known of its article and law as well as of itself: the best coverage
of any unit of its article, the share of the top retrieval scores its law holds, whether the text is
a 修正案, and whether its law is one the bureau applies daily (the ``ANSWER_HOME_LAWS`` setting).
"""

from __future__ import annotations

import re

import numpy as np

from kb.errors import SettingsError
from kb.settings import BY_NAME

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


def home_laws(corpus) -> frozenset[str]:
    """Full titles of the laws of the ``ANSWER_HOME_LAWS`` setting (short names, comma-separated; none: no law).

    Names of the default list that the corpus lacks are left out; a name set by the user that names
    no law, or several, is a SettingsError.
    """
    value = corpus.setting("ANSWER_HOME_LAWS") or ""
    if value.strip().lower() == "none":
        return frozenset()

    def build():
        user_set = value != BY_NAME["ANSWER_HOME_LAWS"].default
        titles = set()
        for name in (n.strip() for n in re.split(r"[,，、;；]", value)):
            if not name:
                continue
            found = corpus.law_names.resolve(name)
            if len(found) == 1:
                titles.add(found[0])
            elif user_set:
                what = "no law" if not found else f"{len(found)} laws ({'、'.join(found[:3])})"
                raise SettingsError(f"LAWKB_ANSWER_HOME_LAWS: {name!r} names {what} in the corpus; "
                                    "give each law's short or full title, separated by commas")
        return value, frozenset(titles)

    return corpus.cached("answer_home_laws", build, valid=lambda pair: pair[0] == value)[1]
