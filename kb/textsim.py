"""TF-IDF vectors of legal text for alignment inside the corpus (no index needed).

Features are character 2- and 3-grams plus jieba words (punctuation and digits dropped); weights
are (1 + log tf) * idf, rows L2-normalised, so a matrix product gives cosine similarity. Used by
the old→new concordance (kb.cite.concordance) and the penalty table's conduct→obligation links
(kb.penalty.links).
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter

import jieba
import numpy as np
from scipy import sparse

PUNCT = re.compile(r"[\s，。；：、（）《》“”\"'()\[\]0-9０-９]")


def jieba_module():
    """jieba with its start-up logging silenced."""
    jieba.setLogLevel(logging.WARNING)
    return jieba


def features(text: str, jieba) -> Counter:
    plain = PUNCT.sub("", text)
    grams = Counter(plain[i:i + 2] for i in range(len(plain) - 1))
    grams.update(plain[i:i + 3] for i in range(len(plain) - 2))
    grams.update("w:" + w for w in jieba.lcut(plain) if len(w) >= 2)
    return grams


def vocabulary(bags: list[Counter]) -> tuple[dict[str, int], np.ndarray]:
    """Terms found in fewer than half the texts, with their idf."""
    df = Counter()
    for bag in bags:
        df.update(bag.keys())
    vocab = {term: i for i, term in enumerate(sorted(t for t, n in df.items() if n < 0.5 * len(bags)))}
    idf = np.zeros(len(vocab))
    for term, col in vocab.items():
        idf[col] = math.log((1 + len(bags)) / (1 + df[term])) + 1
    return vocab, idf


def matrix(bags: list[Counter], vocab: dict[str, int], idf: np.ndarray) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    weights = idf.tolist()      # Python floats: the same doubles, read faster than numpy scalars
    for row, bag in enumerate(bags):
        for term, count in bag.items():
            col = vocab.get(term)
            if col is not None:
                rows.append(row)
                cols.append(col)
                vals.append((1 + math.log(count)) * weights[col])
    result = sparse.csr_matrix((vals, (rows, cols)), shape=(len(bags), len(vocab)))
    norms = np.sqrt(result.multiply(result).sum(axis=1)).A1
    norms[norms == 0] = 1
    return sparse.diags(1 / norms) @ result


def cosine_coverage(query_bags: list[Counter], unit_bags: list[Counter]) -> tuple[np.ndarray, np.ndarray]:
    """(cosine, coverage) of every query against every unit, idf over both: coverage is the share of a query's
    weighted terms a unit holds (the penalty linker scores their geometric mean)."""
    vocab, idf = vocabulary(unit_bags + query_bags)
    queries, units = matrix(query_bags, vocab, idf), matrix(unit_bags, vocab, idf)
    cosine = (queries @ units.T).toarray()
    present = (units > 0).astype(float)
    coverage = (queries @ present.T).toarray() / np.maximum(np.asarray(queries.sum(axis=1)), 1e-9)
    return cosine, coverage
