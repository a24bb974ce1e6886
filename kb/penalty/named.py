"""The order of the articles an item row takes from its lead (issue 17bb).

A lead naming several articles (违反本法第七条、第九条第二款、第十条第一款规定，有下列行为之一的) gives every item
all of them; in the lead's order an item's first link is often another item's duty (深海海底区域资源勘探开发法
第二十三条第（二）项 不履行合同义务 → 第七条, the application's duty, while 第九条第二款 is its own). Such an item
(one naming no article itself) orders them by the match of its own conduct to each named article (or 款) — the
geometric mean of TF-IDF cosine and coverage the linker uses (``kb.penalty.links``) — best first, ties in the
lead's order.
"""

from __future__ import annotations

import numpy as np

from kb.clause import Clause
from kb.penalty.duties import units_of
from kb.penalty.references import EXPLICIT, Reference
from kb.penalty.rows import PenaltyRow
from kb.textsim import cosine_coverage, features, jieba_module


def needs_order(row: PenaltyRow) -> bool:
    """An item row with several explicit links, none named by the item itself (all from its lead)."""
    return bool(row.item) and len({r.clause_id for r in row.references if r.how == "explicit"}) >= 2 \
        and not EXPLICIT.search(row.conduct)


def order_named(rows: list[PenaltyRow], clauses: list[Clause], query) -> None:
    """Reorder the lead's articles of every item row ``needs_order`` picks; ``query(row)`` is the conduct matched."""
    chosen = [row for row in rows if needs_order(row)]
    if not chosen:
        return
    jieba = jieba_module()
    units = [(clause.id, paragraph, text) for clause in clauses if clause.article is not None
             for paragraph, text in units_of(clause)]
    unit_bags = [features(text, jieba) for _, _, text in units]
    query_bags = [features(query(row), jieba) for row in chosen]
    cosine, coverage = cosine_coverage(query_bags, unit_bags)
    scores = np.sqrt(cosine * coverage)
    for row, row_scores in zip(chosen, scores):
        def score(ref: Reference) -> float:
            found = [row_scores[i] for i, (cid, paragraph, _) in enumerate(units)
                     if cid == ref.clause_id and (ref.paragraph is None or paragraph == ref.paragraph)]
            return float(max(found, default=0.0))
        explicit = [r for r in row.references if r.how == "explicit"]
        rest = [r for r in row.references if r.how != "explicit"]
        ranked = sorted(enumerate(explicit), key=lambda pair: (-score(pair[1]), pair[0]))
        row.references = [r for _, r in ranked] + rest
