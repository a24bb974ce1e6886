"""Retrieval metrics (BEIR style) over article-level relevance, as pure functions.

A question's relevant set holds (law full title, article number) pairs; a ranked list holds the
same pairs for the hits, best first (several 款 hits of one article count once, at the first).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Iterable, Sequence

from kb.errors import QueryError

Key = tuple[str, int]


def dedupe(ranked: Iterable[Key]) -> list[Key]:
    seen, out = set(), []
    for key in ranked:
        if key not in seen:
            seen.add(key)
            out.append(key)
    return out


def recall_at(ranked: Sequence[Key], relevant: set[Key], k: int) -> float:
    if not relevant:
        return 0.0
    return len(set(dedupe(ranked)[:k]) & relevant) / len(relevant)


def mrr_at(ranked: Sequence[Key], relevant: set[Key], k: int = 10) -> float:
    for rank, key in enumerate(dedupe(ranked)[:k], 1):
        if key in relevant:
            return 1.0 / rank
    return 0.0


def ndcg_at(ranked: Sequence[Key], relevant: set[Key], k: int = 10) -> float:
    """Binary-relevance nDCG@k (gain 1, discount log2(rank + 1))."""
    if not relevant:
        return 0.0
    dcg = sum(1.0 / math.log2(rank + 1) for rank, key in enumerate(dedupe(ranked)[:k], 1) if key in relevant)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(relevant), k) + 1))
    return dcg / ideal


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, math.ceil(q / 100 * len(ordered)) - 1)
    return float(ordered[min(index, len(ordered) - 1)])


METRICS = ("recall@1", "recall@5", "recall@10", "recall@100", "mrr@10", "ndcg@10")


def question_metrics(ranked: Sequence[Key], relevant: set[Key]) -> dict[str, float]:
    return {
        "recall@1": recall_at(ranked, relevant, 1),
        "recall@5": recall_at(ranked, relevant, 5),
        "recall@10": recall_at(ranked, relevant, 10),
        "recall@100": recall_at(ranked, relevant, 100),
        "mrr@10": mrr_at(ranked, relevant, 10),
        "ndcg@10": ndcg_at(ranked, relevant, 10),
    }


def mean_metrics(per_question: list[dict[str, float]]) -> dict[str, float]:
    if not per_question:
        return {name: 0.0 for name in METRICS}
    return {name: sum(m[name] for m in per_question) / len(per_question) for name in METRICS}


def hit_key(record: dict) -> Key:
    """(law, article) of a Hit.to_record() dict."""
    return (record["law"], int(record["article"]) if record.get("article") is not None else -1)


def load_questions(path: str | Path, require_relevant: bool = True) -> list[dict]:
    """Questions from a JSONL file: {"id", "text", "relevant": [[law, article], ...]}.

    With require_relevant False (answering a batch), "relevant" may be absent (an empty set).
    """
    questions = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise QueryError(f"cannot read questions file {path}: {exc}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = str(record["text"]).strip()
            if not text:
                raise ValueError("empty text")
            pairs = record["relevant"] if require_relevant else (record.get("relevant") or [])
            relevant = {(str(law), int(article)) for law, article in pairs}
            questions.append({"id": str(record.get("id", number)), "text": text, "relevant": relevant})
        except (ValueError, KeyError, TypeError) as exc:
            raise QueryError(f"{path}:{number}: not a question record ({exc}); "
                             'expected {"id", "text", "relevant": [[law, article], ...]}') from None
    return questions
