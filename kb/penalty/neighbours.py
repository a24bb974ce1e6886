"""Items of one 款 share out the clauses they match (moved out of ``kb.penalty.links`` by issue 17hh)."""

from __future__ import annotations

import numpy as np

from kb.penalty.rows import PenaltyRow


def neighbours(pending: list[PenaltyRow], scores: np.ndarray, weight: float) -> np.ndarray:
    """An item row keeps ``weight`` of its match with a clause that another item of its 款 matches
    better: that clause names the neighbour's conduct (投饵规定 is not broken by 养殖规模's 第三百四十三条)."""
    if weight == 1.0:
        return scores
    groups: dict[tuple, list[int]] = {}
    for index, row in enumerate(pending):
        if row.item:
            groups.setdefault((row.clause.id, row.paragraph), []).append(index)
    adjusted = scores.copy()
    for members in groups.values():
        for index in members:
            others = [scores[other] for other in members if other != index]
            if others:
                beaten = np.max(others, axis=0) > scores[index]
                adjusted[index] = np.where(beaten, weight * scores[index], scores[index])
    return adjusted
