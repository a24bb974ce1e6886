"""Query expansion from colloquial to legal terms, learned from the dev questions.

Laypeople ask "老公欠的钱我要还吗"; the law says 夫妻共同债务 / 配偶. The table in
``corpus/query_expansion.tsv`` maps a question token to legal tokens that co-occur unusually often
in the articles answering questions containing it (a pointwise-mutual-information translation
table learned by ``learn_table`` from question/relevant-article pairs). It holds tokens and weights
only — no question text. Rebuild it with ``python -m benchmarks.research_expansion --write``.

Interface for the lexical searcher (kb/search/lexical.py)::

    from kb.search.expansion import expand
    weighted = expand(tokens, alpha=1.6)  # [(token, weight), ...]: the tokens with weight 1.0 (in
                                          # order, duplicates kept), then expansion tokens, <= alpha

Tokens are jieba precise-mode tokens without stopwords (``kb.search.embedded_model.tokenize``
minus ``STOPWORDS``, as kb.search.lexical does); tokens the table does not know add nothing.
``expand`` is cheap (dict look-ups).

File format (UTF-8 TSV, '#' lines are comments): ``token<TAB>legal:weight legal:weight ...``.

Measured (5-fold CV by question on the 832 STARD dev questions, table learned on 4 folds, the
production lexical index; ``LAWKB_HOME=... python -m benchmarks.research_hybrid``), R@10 / MRR@10:
lexical without expansion 0.539 / 0.446; with expansion alpha 0.3: 0.565 / 0.473; 0.8: 0.603 /
0.509; 1.2: 0.624 / 0.518; 1.6: 0.631 / 0.525 (best); 2.0: 0.625 / 0.524; 3.5: 0.611 / 0.503.
So ``LexicalIndex`` should pass alpha ~1.6 (its default param ``expansion_alpha`` 0.3 gives less).
An IBM Model 1 table (``learn_table_ibm1``) instead of PMI: 0.587 / 0.489 at best — worse.
Caveat: STARD questions are mostly about the Civil Code and 60% of a held-out fold's relevant
articles also answer some training question, so the table also steers towards those laws.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

TABLE_PATH = Path(__file__).resolve().parent.parent.parent / "corpus" / "query_expansion.tsv"

DEFAULT_ALPHA = 1.6      # weight of the strongest expansion term relative to a query token (CV best)
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
                min_count: int = 2, keep: int = 20, min_question_df: int = 2, include_self: bool = False,
                smoothing: float = 0.0) -> dict[str, list[tuple[str, float]]]:
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
            if c < min_count or (v == u and not include_self):
                continue
            p_vu = c / (n_u + smoothing)
            p_v = (article_df.get(v, 0) + 1) / (n_articles + 1)
            weight = p_vu * math.log(p_vu / p_v)
            if weight > 0:
                scored.append((v, weight))
        scored.sort(key=lambda kv: -kv[1])
        if scored:
            table[u] = scored[:keep]
    return table


def learn_table_ibm1(pairs: Iterable[tuple[list[str], list[list[str]]]], article_df: dict[str, int],
                     n_articles: int, iterations: int = 6, keep: int = 20, min_question_df: int = 2,
                     min_count: float = 1.0) -> dict[str, list[tuple[str, float]]]:
    """IBM Model 1 translation table t(legal word | question word), with a NULL source.

    Each relevant article's distinct words are generated by the question's words or by NULL
    (which absorbs words common to every article); EM sharpens the PMI co-occurrence counts.
    Weight = t(v|u) * log(t(v|u) / p(v)), kept when positive.
    """
    pairs = [(sorted(set(q)), sorted({w for art in arts for w in art})) for q, arts in pairs]
    questions_with: Counter = Counter(u for q, _ in pairs for u in q)
    t: dict[str, dict[str, float]] = defaultdict(dict)
    for q, legal in pairs:
        for u in q + ["\x00NULL"]:
            row = t[u]
            for v in legal:
                row[v] = 1.0
    for row in t.values():
        total = len(row)
        for v in row:
            row[v] = 1.0 / total
    counts: dict[str, Counter] = {}
    for _ in range(iterations):
        counts = defaultdict(Counter)
        for q, legal in pairs:
            sources = q + ["\x00NULL"]
            rows = [t[u] for u in sources]
            for v in legal:
                probs = [row.get(v, 0.0) for row in rows]
                denom = sum(probs) or 1.0
                for u, p in zip(sources, probs):
                    if p:
                        counts[u][v] += p / denom
        for u, row_counts in counts.items():
            total = sum(row_counts.values())
            t[u] = {v: c / total for v, c in row_counts.items()}
    table: dict[str, list[tuple[str, float]]] = {}
    for u, n_u in questions_with.items():
        if n_u < min_question_df or u not in t:
            continue
        scored = []
        for v, p_vu in t[u].items():
            if counts[u][v] < min_count or v == u:
                continue
            p_v = (article_df.get(v, 0) + 1) / (n_articles + 1)
            weight = p_vu * math.log(p_vu / p_v)
            if weight > 0:
                scored.append((v, weight))
        scored.sort(key=lambda kv: -kv[1])
        if scored:
            table[u] = scored[:keep]
    return table
