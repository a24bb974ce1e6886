"""Query intent: a question about consequences (怎么罚, 罚多少, 承担什么责任) wants the article that
sets the penalty, which usually sits in a 法律责任/罚则 chapter, not the duty it enforces.

``penalty_intent(query)`` says whether the query asks about consequences; ``penalty_rows(clauses)``
marks the index rows that set penalties. Hybrid search adds ``FUSION["penalty_boost"]`` to those rows'
fused scores for such queries. Measured on the bureau questions (tests/answer/bureau_questions.jsonl)
and the STARD dev questions with `python -m benchmarks.research_intent` (figures in README).
"""

from __future__ import annotations

import re

import numpy as np

from kb.clause import Clause

PENALTY_QUERY = re.compile(
    r"怎么罚|怎样罚|如何罚|罚多少|罚款多少|罚几|被罚|会罚|处罚|罚款|罚金|怎么处理|如何处理|怎么处置|"
    r"什么责任|法律责任|承担.{0,4}责任|什么后果|后果|判几年|坐牢|拘留|吊销|没收")
PENALTY_PATH = re.compile(r"法律责任|罚则")
PENALTY_TEXT = re.compile(r"处.{0,40}罚款|罚款|处罚|拘留|吊销|没收违法所得|责令停产|责令停业|追究刑事责任|有期徒刑")


def penalty_intent(query: str) -> bool:
    return bool(PENALTY_QUERY.search(query))


def penalty_rows(clauses: list[Clause]) -> np.ndarray:
    """1.0 for rows in a 法律责任/罚则 chapter that set a sanction, 0.5 for other rows that do, else 0."""
    marks = np.zeros(len(clauses), dtype=np.float32)
    for row, clause in enumerate(clauses):
        if PENALTY_TEXT.search(clause.text):
            marks[row] = 1.0 if any(PENALTY_PATH.search(h) for h in clause.path) else 0.5
    return marks
