"""Query expansion from colloquial to legal terms, learned from the dev questions.

Laypeople ask "老公欠的钱我要还吗"; the law says 夫妻共同债务 / 配偶. The table in
``corpus/query_expansion.tsv`` maps a question token to legal tokens that co-occur unusually often
in the articles answering questions containing it (a pointwise-mutual-information translation
table learned by ``learn_table`` from question/relevant-article pairs). It holds tokens and weights
only — no question text. Rebuild it with ``benchmarks/research_expansion.py --write``.

Interface for the lexical searcher (kb/search/lexical.py)::

    from kb.search.expansion import expand
    weighted = expand(tokens)      # [(token, weight), ...]: the original tokens with weight 1.0
                                   # (in order, duplicates kept) then expansion tokens, weight < 1

Tokens are jieba precise-mode tokens (``jieba.lcut``) with punctuation dropped; expansion terms
for tokens the table does not know are simply absent. ``expand`` is cheap (dict look-ups).

File format (UTF-8 TSV, '#' lines are comments): ``token<TAB>legal:weight legal:weight ...``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

TABLE_PATH = Path(__file__).resolve().parent.parent.parent / "corpus" / "query_expansion.tsv"

# Measured (benchmarks/research_expansion.py, 5-fold CV by question): see that script's output.
DEFAULT_ALPHA = 0.3      # weight of expansion terms relative to an original token
DEFAULT_PER_TOKEN = 8    # expansion terms kept per query token
DEFAULT_TOTAL = 30       # expansion terms kept per query


def load_table(path: str | Path | None = None) -> dict[str, list[tuple[str, float]]]:
    """Read an expansion table; a missing file gives an empty table (no expansion)."""
    path = Path(path) if path else TABLE_PATH
    table: dict[str, list[tuple[str, float]]] = {}
    if not path.exists():
        return table
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
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
def _default_table() -> dict[str, list[tuple[str, float]]]:
    return load_table()


def write_table(table: dict[str, list[tuple[str, float]]], path: str | Path, header: str = "") -> None:
    lines = [f"# {line}" for line in header.splitlines()] if header else []
    for token in sorted(table):
        entries = " ".join(f"{legal}:{weight:.3f}" for legal, weight in table[token])
        lines.append(f"{token}\t{entries}")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def expand(tokens: Sequence[str], table: dict | None = None, alpha: float = DEFAULT_ALPHA,
           per_token: int = DEFAULT_PER_TOKEN, total: int = DEFAULT_TOTAL) -> list[tuple[str, float]]:
    """The query tokens (weight 1.0) followed by learned legal expansion terms (weight <= alpha)."""
    table = _default_table() if table is None else table
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


def learn_table(pairs: Iterable[tuple[list[str], list[list[str]]]], article_df: dict[str, int], n_articles: int,
                min_count: int = 2, keep: int = 20, min_question_df: int = 2) -> dict[str, list[tuple[str, float]]]:
    """PMI translation table from (question tokens, [relevant article tokens...]) pairs.

    For a question token u and an article token v: p(v|u) = share of questions containing u whose
    relevant articles contain v; p(v) = share of all articles containing v. Weight =
    p(v|u) * log(p(v|u) / p(v)), kept when positive, seen with >= min_count questions.
    """
    questions_with: Counter = Counter()
    together: dict[str, Counter] = defaultdict(Counter)
    for q_tokens, articles in pairs:
        legal = set()
        for art in articles:
            legal |= set(art)
        for u in set(q_tokens):
            questions_with[u] += 1
            together[u].update(legal)
    table: dict[str, list[tuple[str, float]]] = {}
    for u, n_u in questions_with.items():
        if n_u < min_question_df:
            continue
        scored = []
        for v, c in together[u].items():
            if c < min_count or v == u:
                continue
            p_vu = c / n_u
            p_v = (article_df.get(v, 0) + 1) / (n_articles + 1)
            weight = p_vu * math.log(p_vu / p_v)
            if weight > 0:
                scored.append((v, weight))
        scored.sort(key=lambda kv: -kv[1])
        if scored:
            table[u] = scored[:keep]
    return table
