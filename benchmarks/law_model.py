"""Question -> law model for the re-ranker (issue 14t, research: not shipped, see benchmarks/RESEARCH.md
"Round 5"): which law a question's answer is in, learned from training questions.

A multinomial naive Bayes over the question's terms — its character unigrams and bigrams and its jieba
content words — with the gold articles' laws as classes (a question answered by two laws counts half for
each), additive smoothing ``alpha``; with ``evidence`` > 0 the question's summed log-likelihood is scaled to that
many terms (naive Bayes counts every overlapping n-gram as independent evidence and is far too sure). The model is
plain data (a TSV: the smoothing and evidence, then per law its question count and per term its count),
evaluated with numpy: ``log_posterior(query)`` gives every known law's log P(law | question) and the back-off
value of a law it never saw. The re-ranker's two extra columns (``LAW_FEATURES``, after
kb.search.rerank.FEATURES) are ``law_columns``. Fitted by ``benchmarks/research_law_model.py`` (nested,
cross-fitted).
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

RUN = re.compile(r"[\u3400-\u9fff]+|[a-z0-9]+")
LAW_FEATURES = ("law_model_logp", "law_model_rank")
LAW_LOGP_FLOOR = -30.0   # naive Bayes log-probabilities run to -100s; below this a law is simply "not this one"


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


def load(path: str | Path) -> LawModel | None:
    """The model of ``path``; None when the file is missing or holds no law. A malformed line is skipped
    (the file is generated)."""
    alpha, scale, laws, docs = 1.0, 0.0, {}, {}
    counts: dict[str, dict[str, float]] = defaultdict(dict)
    for line in table_lines(Path(path)):
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



def law_model_features(laws: list[str], posterior: dict[str, float], backoff: float) -> np.ndarray:
    """(len(laws) x 2): the question->law model's log-probability of each candidate's law renormalised over
    the candidate list's laws (floored at LAW_LOGP_FLOOR; a law the model never saw takes ``backoff``), and
    log(1 + the rank of that law among the list's laws by the model)."""
    distinct = list(dict.fromkeys(laws))
    logp = np.array([posterior.get(law, backoff) for law in distinct])
    logp = np.maximum(logp - np.logaddexp.reduce(logp), LAW_LOGP_FLOOR)
    rank = np.log1p(np.argsort(np.argsort(-logp, kind="stable"), kind="stable"))
    at = {law: i for i, law in enumerate(distinct)}
    pick = np.array([at[law] for law in laws], dtype=np.int64)
    return np.column_stack([logp[pick], rank[pick]])


def law_columns(query: str, rows, clauses, model: LawModel) -> np.ndarray:
    """The LAW_FEATURES columns of the candidates ``rows`` (indexes into ``clauses``) of ``query``."""
    return law_model_features([clauses[int(r)].law for r in rows], *model.log_posterior(query))
