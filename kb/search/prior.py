"""The article prior: how often an article answered the development questions, learned offline.

Real questions come back to the same articles (in the STARD development questions, most articles
that answer a question of one fold also answer a question of another). ``corpus/article_prior.tsv``
holds, per article (law title + article number), how many of the 832 STARD development questions
it answers; no question text. It is written by ``python -m benchmarks.research_e5_variants
--write-prior`` (the same questions the learned query expansion comes from, ``kb.search.expansion``).

``row_prior(clauses)`` turns it into a per-row value in 0-1: log(1 + count) / log(1 + the largest
count), 0 for articles the table does not name. Hybrid search adds ``prior_boost`` x that value to
the fused score (``kb.search.hybrid``), chosen by issue 14's cross-validation with the table learned
on the training folds only (``benchmarks/research_e5_variants.py --prior-boosts``).

File format (UTF-8 TSV, '#' lines are comments): ``law<TAB>article<TAB>count``.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import numpy as np

from kb.clause import Clause
from kb.search.expansion import table_lines

PRIOR_PATH = Path(__file__).resolve().parent.parent.parent / "corpus" / "article_prior.tsv"


def load_prior(path: str | Path | None = None) -> dict[tuple[str, int], int]:
    """(law, article) -> count; a missing file gives an empty table (no prior). Malformed lines are
    skipped (the file is generated, not edited)."""
    table: dict[tuple[str, int], int] = {}
    for line in table_lines(Path(path) if path else PRIOR_PATH):
        parts = line.split("\t")
        if len(parts) != 3:
            continue
        try:
            article, count = int(parts[1]), int(parts[2])
        except ValueError:
            continue
        if parts[0] and count > 0:
            table[(parts[0], article)] = count
    return table


@lru_cache(maxsize=1)
def default_prior() -> dict[tuple[str, int], int]:
    return load_prior()


def scaled(table: dict[tuple[str, int], int]) -> dict[tuple[str, int], float]:
    """count -> log(1 + count) / log(1 + the largest count), in 0-1."""
    if not table:
        return {}
    top = math.log1p(max(table.values()))
    return {key: math.log1p(count) / top for key, count in table.items()}


def row_prior(clauses: list[Clause], table: dict[tuple[str, int], int] | None = None) -> np.ndarray:
    """Per index row, the scaled prior of its article (0.0 when the table does not name it)."""
    values = scaled(default_prior() if table is None else table)
    return np.array([values.get((c.law, c.article), 0.0) for c in clauses], dtype=np.float64)
