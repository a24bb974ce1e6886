"""Query expansion from colloquial to legal terms, learned from the dev questions.

Laypeople ask "老公欠的钱我要还吗"; the law says 夫妻共同债务 / 配偶. The table in
``corpus/query_expansion.tsv`` maps a question token to legal tokens that co-occur unusually often
in the articles answering questions containing it (a pointwise-mutual-information translation
table learned from question/relevant-article pairs). It holds tokens and weights only — no
question text. It is learned and written by ``python -m benchmarks.research_expansion --write``
(benchmarks/expansion_tables.py); how much it helps, by cross-validation: benchmarks/RESEARCH.md.

    from kb.search.expansion import expand
    weighted = expand(tokens, alpha=1.6)  # [(token, weight), ...]: the tokens with weight 1.0 (in
                                          # order, duplicates kept), then expansion tokens, <= alpha

Tokens are jieba precise-mode tokens without stopwords (``kb.search.embedded_model.tokenize``
minus the stopwords, as kb.search.lexical does); tokens the table does not know add nothing.
``expand`` is cheap (dict look-ups). ``default_table()`` is the shipped table.

File format (UTF-8 TSV, '#' lines are comments): ``token<TAB>legal:weight legal:weight ...``.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Sequence

TABLE_PATH = Path(__file__).resolve().parent.parent.parent / "corpus" / "query_expansion.tsv"

DEFAULT_ALPHA = 1.6      # weight of the strongest expansion term relative to a query token (CV best)
DEFAULT_PER_TOKEN = 8    # expansion terms kept per query token
DEFAULT_TOTAL = 30       # expansion terms kept per query


def table_lines(path: Path) -> list[str]:
    """The data lines of a shipped table in corpus/ (UTF-8; blank and '#' lines dropped); none when the
    file is missing (the expansion table here, the article prior in kb.search.prior)."""
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def load_table(path: str | Path | None = None) -> dict[str, list[tuple[str, float]]]:
    """Read an expansion table; a missing file gives an empty table (no expansion)."""
    table: dict[str, list[tuple[str, float]]] = {}
    for line in table_lines(Path(path) if path else TABLE_PATH):
        token, _, rest = line.partition("\t")
        entries = []
        for part in rest.split():
            legal, _, weight = part.rpartition(":")
            try:
                entries.append((legal, float(weight)))
            except ValueError:
                continue
        if token and entries:
            table[token] = entries
    return table


@lru_cache(maxsize=1)
def default_table() -> dict[str, list[tuple[str, float]]]:
    """The shipped table (corpus/query_expansion.tsv), read once."""
    return load_table()


def expand(tokens: Sequence[str], table: dict | None = None, alpha: float = DEFAULT_ALPHA,
           per_token: int = DEFAULT_PER_TOKEN, total: int = DEFAULT_TOTAL) -> list[tuple[str, float]]:
    """The query tokens (weight 1.0) followed by learned legal expansion terms (weight <= alpha)."""
    table = default_table() if table is None else table
    out = [(token, 1.0) for token in tokens]
    if not table or alpha <= 0:
        return out
    extra: dict[str, float] = defaultdict(float)
    for token in set(tokens):
        for legal, weight in table.get(token, ())[:per_token]:
            extra[legal] += weight
    if not extra:
        return out
    top = max(extra.values())
    best = sorted(extra.items(), key=lambda kv: -kv[1])[:total]
    return out + [(legal, alpha * weight / top) for legal, weight in best]
