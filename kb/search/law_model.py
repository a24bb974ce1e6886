"""Question -> law model for the re-ranker (issue 14t): which law a question's answer is in, learned from
training questions.

A multinomial naive Bayes over the question's terms — its character unigrams and bigrams and its jieba
content words — with the gold articles' laws as classes (a question answered by two laws counts half for
each), additive smoothing ``alpha``; with ``evidence`` > 0 the question's summed log-likelihood is scaled to that
many terms (naive Bayes counts every overlapping n-gram as independent evidence and is far too sure). The model is
plain data (``corpus/law_model.tsv``: the smoothing and evidence, then
per law its question count and per term its count), evaluated with numpy: ``log_posterior(query)`` gives
every known law's log P(law | question). A law the model never saw gets no probability of its own; the
re-ranker gives it a back-off value (kb.search.rerank.law_model_features). Fitted by
``benchmarks/research_law_model.py`` (nested, cross-fitted; the shipped file from every training question).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np

from kb.search.expansion import table_lines
from kb.search.tokenize import content_tokens, normalize

MODEL_PATH = Path(__file__).resolve().parent.parent.parent / "corpus" / "law_model.tsv"
RUN = re.compile(r"[\u3400-\u9fff]+|[a-z0-9]+")


@lru_cache(maxsize=4096)
def terms(query: str) -> tuple[str, ...]:
    """Character unigrams and bigrams of each CJK run, and the jieba content words (prefixed ``w:``)."""
    q = normalize(query)
    out: list[str] = []
    for run in RUN.findall(q):
        out += list(run) + [run[i:i + 2] for i in range(len(run) - 1)]
    out += ["w:" + w for w in content_tokens(q) if len(w) >= 2 and RUN.fullmatch(w)]
    return tuple(out)


class LawModel:
    """Naive Bayes counts: ``docs[law]`` questions, ``counts[term][law]`` term occurrences, smoothing ``alpha``."""

    def __init__(self, docs: dict[str, float], counts: dict[str, dict[str, float]], alpha: float, evidence: float = 0.0):
        self.laws = sorted(docs)
        self.evidence = float(evidence)   # > 0: the question's evidence counts as this many terms (a tempered posterior)
        self.index = {law: i for i, law in enumerate(self.laws)}
        self.alpha = float(alpha)
        self.counts = counts
        doc = np.array([docs[law] for law in self.laws], dtype=np.float64)
        self.log_prior = np.log(doc / doc.sum()) if len(doc) else doc
        total = np.zeros(len(self.laws))
        self.sparse: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, by_law in counts.items():
            idx = np.array([self.index[law] for law in by_law], dtype=np.int64)
            val = np.array(list(by_law.values()), dtype=np.float64)
            np.add.at(total, idx, val)
            self.sparse[term] = (idx, np.log1p(val / self.alpha))   # log(alpha + c) - log(alpha)
        self.log_norm = np.log(total + self.alpha * max(len(counts), 1))
        self.n_docs = float(doc.sum()) if len(doc) else 0.0

    @classmethod
    def fit(cls, examples: Iterable[tuple], alpha: float, evidence: float = 0.0) -> "LawModel":
        """From (question, its gold laws[, the question's weight]) tuples."""
        docs: dict[str, float] = defaultdict(float)
        counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for query, laws, *weight in examples:
            laws = sorted(set(laws))
            if not laws:
                continue
            share = (weight[0] if weight else 1.0) / len(laws)
            words = terms(query)
            for law in laws:
                docs[law] += share
                for t in words:
                    counts[t][law] += share
        return cls(dict(docs), {t: dict(v) for t, v in counts.items()}, alpha, evidence)

    def log_posterior(self, query: str) -> tuple[dict[str, float], float]:
        """(log P(law | question) of every known law, the back-off value of a law the model never saw: a class
        with one question's prior share, 1 / (questions + 1), and no term counts, so 1 / V per term)."""
        if not self.laws:
            return {}, 0.0
        known = [t for t in terms(query) if t in self.sparse]
        score = -len(known) * (self.log_norm - math.log(self.alpha))
        for t in known:
            idx, gain = self.sparse[t]
            score[idx] += gain
        unseen = -len(known) * math.log(max(len(self.counts), 1))
        if self.evidence > 0 and known:
            score, unseen = score * (self.evidence / len(known)), unseen * (self.evidence / len(known))
        score = score + self.log_prior
        unseen -= math.log(self.n_docs + 1.0)
        norm = float(np.logaddexp.reduce(np.append(score, unseen)))
        return dict(zip(self.laws, (score - norm).tolist())), unseen - norm

    def lines(self, header: list[str]) -> list[str]:
        out = [f"# {line}" for line in header] + [f"alpha\t{self.alpha:g}", f"evidence\t{self.evidence:g}"]
        docs = np.exp(self.log_prior) * self.n_docs
        out += [f"law\t{i}\t{law}\t{d:.6g}" for i, (law, d) in enumerate(zip(self.laws, docs.tolist()))]
        for term in sorted(self.counts):
            out += [f"c\t{term}\t{self.index[law]}\t{c:.6g}" for law, c in sorted(self.counts[term].items())]
        return out

    def write(self, path: Path, header: list[str]) -> None:
        path.write_text("\n".join(self.lines(header)) + "\n", encoding="utf-8")


def load(path: str | Path | None = None) -> LawModel | None:
    """The model of ``path`` (default corpus/law_model.tsv); None when the file is missing or holds no law.
    A malformed line is skipped (the file is generated)."""
    alpha, scale, laws, docs = 1.0, 0.0, {}, {}
    counts: dict[str, dict[str, float]] = defaultdict(dict)
    for line in table_lines(Path(path) if path else MODEL_PATH):
        parts = line.split("\t")
        try:
            if parts[0] == "alpha":
                alpha = float(parts[1])
            elif parts[0] == "evidence":
                scale = float(parts[1])
            elif parts[0] == "law":
                laws[parts[1]] = parts[2]
                docs[parts[2]] = float(parts[3])
            elif parts[0] == "c" and parts[2] in laws:
                counts[parts[1]][laws[parts[2]]] = float(parts[3])
        except (IndexError, ValueError):
            continue
    return LawModel(docs, dict(counts), alpha, scale) if docs else None


@lru_cache(maxsize=1)
def default_model() -> LawModel | None:
    return load()
