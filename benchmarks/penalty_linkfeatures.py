"""Research (issue 17y): features of a penalty row's candidate obligation articles, and a learned choice among them.

``kb.penalty.links`` matches a row's conduct to every obligation unit (款, 项 with its lead) and adjusts the
match by hand-written rules (whose duty, what kind, public bodies' powers, officials' rows…). With a ``trace`` it
hands over, per row, the per-unit scores and flags; ``candidates`` turns them into one feature vector per candidate
article (its best unit), ``none_features`` into the features of the row's "no link" option. A conditional logit
(softmax over a row's candidates and "none", ``choose``) picks the first link; its weights are fitted and measured by
``benchmarks/penalty_linkmodel.py``. It did not beat the rules held out, so the package does not use it
(benchmarks/penalty_handcheck.md, "Issue 17y").
"""

from __future__ import annotations

import math
import re

import numpy as np

from kb.numerals import CN_NUMBER_CHARS

KIND_FIRST = 100.0      # kb.penalty.links: a duty of the conduct's kind is preferred this much
TOP = 6                 # candidates in the rules' order
EXTRA = 3               # and the best of the rest by the raw match (those the rules set aside)
HAN = re.compile(r"[\u4e00-\u9fff]+")
NOISE = re.compile(r"违反本(?:法|条例)(?:有关)?规定|违反国家(?:有关)?规定|的$")
PART = re.compile(rf"第[{CN_NUMBER_CHARS}]+(?:编|分编|章|节)")

CANDIDATE = ("cosine", "coverage", "raw", "score", "log_score", "share_of_best", "gap_to_best", "top", "inverse_rank",
             "kept_share", "set_aside", "binds_offender", "own_office", "no_duty", "public_only", "public_subject",
             "permit", "own_kind", "in_chapter", "in_scope", "same_part", "firm", "task", "rules_choice", "bigram_cover", "longest_common")
NONE = ("none", "none_best_score", "none_best_log_score", "none_strict", "none_official", "none_kind_found",
        "none_best_binds", "none_item", "none_positive", "none_best_set_aside", "none_best_raw", "none_rules")
FEATURES = CANDIDATE + NONE


def bigrams(text: str) -> set[str]:
    """The character pairs of a text's runs of Chinese characters (punctuation breaks a run)."""
    return {run[i:i + 2] for run in HAN.findall(text) for i in range(len(run) - 1)}


def bigram_cover(conduct: str, text: str) -> float:
    """The share of the conduct's character pairs the clause holds (jieba's words miss 排污许可证 vs 排污许可)."""
    own = bigrams(NOISE.sub("", conduct))
    return len(own & bigrams(text)) / len(own) if own else 0.0


def longest_common(conduct: str, text: str) -> float:
    """The longest run of the conduct's characters found in the clause, as a share of the conduct (at most 1)."""
    conduct = NOISE.sub("", conduct)
    longest = 0
    for start in range(len(conduct)):
        while start + longest < len(conduct) and conduct[start:start + longest + 1] in text:
            longest += 1
    return min(longest / 12, 1.0) if conduct else 0.0


def _parts(text: str | None) -> list[str]:
    return PART.findall(text or "")


def in_parts(path: tuple[str, ...] | list[str], parts: list[str]) -> bool:
    """Whether a clause's path lies inside every part named (第二编, 第一分编, 第二章…)."""
    return bool(parts) and all(any(p.startswith(part) for p in path) for part in parts)


def same_part(path: tuple[str, ...] | list[str], sanction_path: tuple[str, ...] | list[str]) -> bool:
    """Whether the clause sits in the sanction's 编 (a code) or, in a law without 编, neither has a path."""
    return bool(path) and bool(sanction_path) and path[0] == sanction_path[0]


def article_units(entry: dict) -> dict[int, int]:
    """{clause id: index of its unit the rules rank first (adjusted score × preference, then raw match)}."""
    ranked = entry["scores"] * entry["preference"]
    best: dict[int, int] = {}
    for index, (clause, _, _) in enumerate(entry["units"]):
        key = (ranked[index], entry["base"][index])
        held = best.get(clause.id)
        if held is None or key > (ranked[held], entry["base"][held]):
            best[clause.id] = index
    return best


def pick_candidates(entry: dict, top: int = TOP, extra: int = EXTRA) -> list[int]:
    """Unit indexes of the candidate articles: the ``top`` first in the rules' order (positive scores only), then the
    ``extra`` best by the raw match among the others (clauses the rules set aside may be right)."""
    units = list(article_units(entry).values())
    ranked = entry["scores"] * entry["preference"]
    positive = sorted((i for i in units if ranked[i] > 0), key=lambda i: (-ranked[i], -entry["base"][i]))
    chosen = positive[:top]
    rest = sorted((i for i in units if i not in chosen and entry["base"][i] > 0), key=lambda i: -entry["base"][i])
    return chosen + rest[:extra]


def candidates(entry: dict, row, picked: list[int] | None = None) -> tuple[list[int], np.ndarray]:
    """(unit indexes, one ``CANDIDATE`` feature row each) for a traced row: its ``pick_candidates``, or ``picked``."""
    picked = pick_candidates(entry) if picked is None else picked
    ranked = entry["scores"] * entry["preference"]
    best = max((ranked[i] for i in picked), default=0.0)
    best_score = max((entry["scores"][i] for i in picked), default=0.0)
    scope, own_path = _parts(getattr(row, "scope", None)), row.clause.path
    inside = entry.get("inside")
    matrix = []
    for rank, index in enumerate(picked):
        clause = entry["units"][index][0]
        score, raw = float(min(entry["scores"][index], 1.5)), float(entry["base"][index])
        preference = float(entry["preference"][index])
        matrix.append([entry["cosine"][index], entry["coverage"][index], raw, score, math.log(score + 0.01),
                       score / best_score if best_score > 0 else 0.0, best_score - score,
                       float(ranked[index] == best and best > 0), 1.0 / (rank + 1),
                       score / raw if raw > 0 else 0.0, float(raw > 0 and score == 0),
                       float(entry["own"][index]), float(entry["office"][index]), float(not entry["duty"][index]),
                       float(entry["public"][index]), float(entry["subject_public"][index]),
                       float(1 < preference < KIND_FIRST), float(preference >= KIND_FIRST),
                       float(inside is not None and clause.id in inside), float(in_parts(clause.path, scope)),
                       float(same_part(clause.path, own_path)), float(entry["firm"][index]), float(entry["task"][index]),
                       float(entry.get("chosen") == clause.id),
                       bigram_cover(row.conduct, entry["units"][index][2]), longest_common(row.conduct, entry["units"][index][2])])
    return picked, np.array(matrix, dtype=float).reshape(len(picked), len(CANDIDATE))


def none_features(entry: dict, row, picked: list[int], matrix: np.ndarray) -> np.ndarray:
    """The ``NONE`` features of the row's "no link" option: the best candidate's score and flags, the row's kind."""
    first = matrix[0] if len(matrix) else np.zeros(len(CANDIDATE))
    at = {name: position for position, name in enumerate(CANDIDATE)}
    positive = float(sum(matrix[:, at["score"]] > 0)) if len(matrix) else 0.0
    return np.array([1.0, first[at["score"]], first[at["log_score"]] if len(matrix) else math.log(0.01),
                     float(entry["strict"]), float(entry["official"]), float(entry["kind_found"]),
                     first[at["binds_offender"]], float(bool(row.item)), math.log1p(positive),
                     first[at["set_aside"]], first[at["raw"]], float(entry.get("chosen") is None)])


def design(entry: dict, row) -> tuple[list[int], np.ndarray]:
    """(candidate unit indexes, the option matrix: one row per candidate, then the "none" row; ``FEATURES`` columns)."""
    picked, matrix = candidates(entry, row)
    options = np.zeros((len(picked) + 1, len(FEATURES)))
    options[:len(picked), :len(CANDIDATE)] = matrix
    options[len(picked), len(CANDIDATE):] = none_features(entry, row, picked, matrix)
    return picked, options


def choose(options: np.ndarray, weights: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> tuple[int, np.ndarray]:
    """(index of the option chosen — the last is "none" —, the options' probabilities) under a conditional logit
    whose features are standardised by ``mean`` and ``scale``."""
    utility = ((options - mean) / scale) @ weights
    utility = utility - utility.max()
    probability = np.exp(utility) / np.exp(utility).sum()
    return int(np.argmax(utility)), probability
