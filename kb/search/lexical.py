"""BM25 over articles (bm25s sparse matrix): one index row per article clause of every version.

Row text = law short title + 编/章/节 headings (``field_weight`` times) + article text, so a query
naming a law or a chapter topic favours its articles. bm25s computes the BM25 term weights at build
time; a query is one scipy CSR row-slice and mat-vec product over all rows (weighted query terms:
the query's tokens, thesaurus words and learned expansion terms); masking and top-k are numpy.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from kb.clause import Clause
from kb.errors import IndexMissingError
from kb.search.expansion import expand
from kb.search.hits import IndexSearcher, top_rows
from kb.search.thesaurus import LEARNED_DAMPING, THESAURUS_WEIGHT, expansions, is_bureau_query
from kb.search.tokenize import LegalTokenizer, content_tokens, normalize

# Chosen with benchmarks/research_lexical.py (STARD dev questions, 5-fold CV; benchmarks/RESEARCH.md).
DEFAULT_PARAMS = {"k1": 1.2, "b": 0.75, "method": "lucene", "field_weight": 1, "bigrams": True,
                  "search_mode": True}
# Query-time weights (not part of the index): the learned colloquial->legal expansion
# (kb.search.expansion; alpha 1.6 is the 5-fold CV optimum) and the hand-made thesaurus
# (kb.search.thesaurus; neutral on STARD, helps bureau jargon such as 未批先建, 偷排, 环评).
QUERY_PARAMS = {"expansion_alpha": 1.6, "thesaurus_weight": THESAURUS_WEIGHT}
USER_WORDS_FILE = "user_words.txt"
BM25_CHUNK_ROWS = 20_000


def row_text_parts(clause: Clause) -> tuple[str, str]:
    """(field text, body text) of one row: title + headings, article text."""
    doc = clause.document
    field = " ".join((doc.display_short_title, *clause.path))
    return field, clause.text


def row_tokens(tokenizer: LegalTokenizer, clause: Clause, field_weight: int) -> list[str]:
    field, body = row_text_parts(clause)
    return tokenizer.tokens(field) * max(int(field_weight), 0) + tokenizer.tokens(body)


def build_lexical(clauses: list[Clause], user_words: list[str], out_dir: Path, params: dict | None = None,
                  progress=None, tokens=None) -> dict:
    """Write the BM25 index of the rows to out_dir/lexical; returns the manifest part.

    ``tokens``: the rows' lexical TokenColumn when already cut (kb.search.row_tokens, as the index
    build does); otherwise the rows are tokenised here.
    """
    params = {**DEFAULT_PARAMS, **(params or {})}
    tokenizer = LegalTokenizer(user_words, bigrams=params["bigrams"], search_mode=params["search_mode"])
    if tokens is None:
        from kb.search.row_tokens import tokenize_rows

        tokens, _ = tokenize_rows(clauses, lexical_tokens_fn(tokenizer, params["field_weight"]), None,
                                  progress=progress)
    bm25 = bm25_from_tokens(tokens, params)
    target = Path(out_dir) / "lexical"
    target.mkdir(parents=True, exist_ok=True)
    bm25.save(str(target), show_progress=False)
    (target / USER_WORDS_FILE).write_text("\n".join(tokenizer.user_words), encoding="utf-8")
    return {"dir": "lexical", "rows": tokens.n_rows, "vocabulary": len(bm25.vocab_dict),
            "params": params, "user_words": len(tokenizer.user_words)}


def lexical_tokens_fn(tokenizer: LegalTokenizer, field_weight: int):
    """Row -> lexical tokens (title + headings ``field_weight`` times, then the article)."""
    return lambda clause: row_tokens(tokenizer, clause, field_weight)


def bm25_from_tokens(tokens, params: dict):
    """A bm25s.BM25 holding the Lucene BM25 weights of the token column (the same numbers
    ``bm25s.BM25.index`` gives, computed from int32 arrays instead of lists of strings)."""
    import bm25s  # on use: ~0.5 s that commands without an index need not pay

    if params["method"] != "lucene":
        raise ValueError(f"BM25 method {params['method']!r} is not supported; use 'lucene'")
    k1, b = float(params["k1"]), float(params["b"])
    n_docs, n_vocab = tokens.n_rows, max(len(tokens.vocab), 1)
    lengths = np.diff(tokens.offsets)
    docs, terms, tfs = [], [], []
    for start in range(0, n_docs, BM25_CHUNK_ROWS):  # (row, token) counts, a block of rows at a time
        end = min(start + BM25_CHUNK_ROWS, n_docs)
        rows = np.repeat(np.arange(start, end, dtype=np.int64), lengths[start:end])
        pairs, tf = np.unique(rows * n_vocab + tokens.ids[tokens.offsets[start]:tokens.offsets[end]],
                              return_counts=True)  # sorted by row, then token
        docs.append((pairs // n_vocab).astype(np.int32))
        terms.append((pairs % n_vocab).astype(np.int32))
        tfs.append(tf.astype(np.float32))
    doc, term, tf = (np.concatenate(x) if x else np.zeros(0, np.int32) for x in (docs, terms, tfs))
    del docs, terms, tfs
    df = np.bincount(term, minlength=n_vocab)
    idf = np.log(1 + (n_docs - df + 0.5) / (df + 0.5))
    avg = lengths.mean() if n_docs else 1.0
    norm = (k1 * ((1 - b) + b * lengths / avg)).astype(np.float32)  # per row; float32 keeps 1M rows in memory
    scores = idf.astype(np.float32)[term] * tf / (norm[doc] + tf)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(doc, minlength=n_docs))])
    del doc, tf
    matrix = sp.csr_matrix((scores, term, indptr), shape=(n_docs, n_vocab)).tocsc()
    del scores, term
    bm25 = bm25s.BM25(k1=k1, b=b, method="lucene")
    bm25.scores = {"data": matrix.data, "indices": matrix.indices, "indptr": matrix.indptr, "num_docs": n_docs}
    bm25.vocab_dict = dict(tokens.vocab)
    bm25.nonoccurrence_array = None
    return bm25


class LexicalIndex:
    """A loaded BM25 index and the tokenizer it was built with."""

    def __init__(self, index_dir: Path, part: dict):
        import bm25s  # on use: ~0.5 s that commands without an index need not pay

        directory = Path(index_dir) / part.get("dir", "lexical")
        self.params = {**DEFAULT_PARAMS, **part.get("params", {})}
        try:
            words = (directory / USER_WORDS_FILE).read_text(encoding="utf-8").split("\n")
            self.bm25 = bm25s.BM25.load(str(directory), show_progress=False, verbosity=0)
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
            raise IndexMissingError(f"the lexical index in {directory} is missing or corrupt ({exc}); "
                                    "run `lawkb index` to rebuild") from None
        if self.bm25.scores.get("num_docs") != part.get("rows"):
            raise IndexMissingError(f"the lexical index in {directory} does not match its manifest; "
                                    "run `lawkb index` to rebuild")
        self.tokenizer = LegalTokenizer([w for w in words if w], bigrams=self.params["bigrams"],
                                        search_mode=self.params["search_mode"])
        self.vocab = self.bm25.vocab_dict
        scores = self.bm25.scores
        n_docs = scores["num_docs"]
        # token x row BM25 weights as CSR: a query is one sparse row-slice and mat-vec product
        self.matrix = sp.csr_matrix((scores["data"], scores["indices"], scores["indptr"]),
                                    shape=(len(scores["indptr"]) - 1, n_docs))
        doc_freq = np.diff(scores["indptr"])
        self._idf = np.log(1 + (n_docs - doc_freq + 0.5) / (doc_freq + 0.5))
        self.n_rows = n_docs
        self.alpha = float(QUERY_PARAMS["expansion_alpha"])
        self.thesaurus_weight = float(QUERY_PARAMS["thesaurus_weight"])

    def idf(self, token: str) -> float:
        tid = self.vocab.get(token)
        return float(self._idf[tid]) if tid is not None and tid < len(self._idf) else 0.0

    def query_terms(self, query: str, alpha: float | None = None) -> list[tuple[str, float]]:
        """Weighted query terms: the query's tokens (1.0) + learned colloquial->legal expansion terms.

        ``alpha``: weight of the learned expansion (default the index's, QUERY_PARAMS); hybrid search
        passes its own (the ``alpha`` of kb.search.hybrid.FUSION / FUSION_NEURAL).
        """
        terms = [(token, 1.0) for token in self.tokenizer.tokens(query)]
        alpha = self.alpha if alpha is None else float(alpha)
        if self.thesaurus_weight > 0:
            text = normalize(query)
            for word, weight in expansions(text):
                terms += [(token, weight * self.thesaurus_weight / THESAURUS_WEIGHT) for token in self.tokenizer.words(word)]
            if is_bureau_query(text):
                alpha *= LEARNED_DAMPING
        if alpha > 0:
            base = content_tokens(normalize(query))
            terms += expand(base, alpha=alpha)[len(base):]
        return terms

    def weighted_scores(self, terms: list[tuple[str, float]]) -> np.ndarray:
        """sum_t weight_t * BM25(t, row) for every row."""
        weights: dict[int, float] = {}
        for token, weight in terms:
            tid = self.vocab.get(token)
            if tid is not None:
                weights[tid] = weights.get(tid, 0.0) + weight
        if not weights:
            return np.zeros(self.n_rows, dtype=np.float32)
        ids = np.fromiter(weights.keys(), dtype=np.int64, count=len(weights))
        values = np.fromiter(weights.values(), dtype=np.float32, count=len(weights))
        return np.asarray(self.matrix[ids].T @ values, dtype=np.float32).ravel()

    def query_scores(self, query: str, alpha: float | None = None) -> np.ndarray:
        """BM25 of the expanded query for every row."""
        return self.weighted_scores(self.query_terms(query, alpha))


class LexicalSearcher(IndexSearcher):
    """BM25 search over a loaded index bundle (see kb.search.searchers.IndexBundle)."""

    name = "lexical"

    def __init__(self, bundle, index: LexicalIndex):
        super().__init__(bundle)
        self.index = index

    def candidates(self, query: str, mask: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the n best allowed rows, best first."""
        scores = self.index.query_scores(query)
        rows = top_rows(scores, mask, n)
        return rows, scores[rows]

    def query_words(self, query: str) -> tuple[set[str], dict[str, float]]:
        words = set(self.index.tokenizer.words(query))
        return words, {w: self.index.idf(w) for w in words}
