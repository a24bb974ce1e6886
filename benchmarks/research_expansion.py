"""Research: does colloquial->legal query expansion learned from the dev questions help BM25?

5-fold cross-validation by question over ../shared/data/stard/train.jsonl: the table is learned
on 4 folds and evaluated on the 5th, never on questions it was learned from.

    LAWKB_HOME=/tmp/lkhome .venv/bin/lawkb ingest --no-index
    .venv/bin/python -m benchmarks.research_expansion --store /tmp/lkhome/corpora/default/store.sqlite
    ... --write    # learn the table on all questions and write corpus/query_expansion.tsv
"""

from __future__ import annotations

import argparse
import itertools
import time

import numpy as np

from benchmarks.research_common import (BM25, cached_tokens, doc_text, folds, load_articles, load_questions,
                                        metrics, topk)
from kb.search.tokenize import STOPWORDS, precise_tokens as tokenize
from benchmarks.expansion_tables import learn_table, write_table
from kb.search.expansion import TABLE_PATH, expand


def setup(store_path):
    import jieba

    jieba.setLogLevel(60)
    clauses, keys = load_articles(store_path)
    questions = load_questions(keys)
    docs = cached_tokens(f"docs-{len(clauses)}", [doc_text(c) for c in clauses], tokenize)
    q_tokens = [tokenize(text) for text, _ in questions]
    return clauses, questions, docs, q_tokens


def article_df(docs):
    df: dict[str, int] = {}
    for toks in docs:
        for t in set(toks):
            df[t] = df.get(t, 0) + 1
    return df


def query_terms(tokens, drop_stop=True):
    return [t for t in tokens if not (drop_stop and t in STOPWORDS)]


def cv_expansion(bm25, docs, df, questions, q_tokens, params, k=5, prior_weight=0.0, laws=None):
    rel = [r for _, r in questions]
    ranked = []
    order = []
    for test in folds(len(questions), k):
        train = np.setdiff1d(np.arange(len(questions)), test)
        pairs = [(query_terms(q_tokens[i]), [docs[r] for r in rel[i]]) for i in train]
        table = learn_table(pairs, df, len(docs), min_count=params["min_count"])
        prior = None
        if prior_weight and laws is not None:
            counts = np.bincount([laws[r] for i in train for r in rel[i]], minlength=laws.max() + 1)
            prior = np.log((counts + 0.5) / (counts.sum() + 0.5 * len(counts)))[laws]
        for i in test:
            terms = expand(query_terms(q_tokens[i]), table, params["alpha"], params["per_token"], params["total"])
            scores = bm25.scores(terms)
            if prior is not None:
                scores = scores + prior_weight * prior
            ranked.append(topk(scores, 10))
            order.append(i)
    return metrics(ranked, [rel[i] for i in order])


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", default="/tmp/lkhome/corpora/default/store.sqlite")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    t0 = time.time()
    clauses, questions, docs, q_tokens = setup(args.store)
    print(f"{len(clauses)} articles, {len(questions)} questions, setup {time.time() - t0:.0f}s")
    bm25 = BM25(docs)
    df = article_df(docs)
    rel = [r for _, r in questions]
    for drop in (False, True):
        ranked = [topk(bm25.scores(query_terms(q, drop)), 10) for q in q_tokens]
        print(f"BM25 drop_stop={drop}: R@10 {metrics(ranked, rel)[0]:.3f} MRR@10 {metrics(ranked, rel)[1]:.3f}")
    grid = {"alpha": [0.1, 0.2, 0.3, 0.5, 0.8], "per_token": [8], "total": [30], "min_count": [2]}
    for values in itertools.product(*grid.values()):
        params = dict(zip(grid, values))
        r, m = cv_expansion(bm25, docs, df, questions, q_tokens, params)
        print(f"expansion {params}: R@10 {r:.3f} MRR@10 {m:.3f}")
    titles = sorted({c.law for c in clauses})
    laws = np.array([titles.index(c.law) for c in clauses])
    best = {"alpha": 0.3, "per_token": 8, "total": 30, "min_count": 2}
    for pw in (0.0, 0.5, 1.0, 2.0):
        r, m = cv_expansion(bm25, docs, df, questions, q_tokens, best, prior_weight=pw, laws=laws)
        print(f"expansion+law prior weight {pw}: R@10 {r:.3f} MRR@10 {m:.3f}")
    if args.write:
        pairs = [(query_terms(q_tokens[i]), [docs[r] for r in rel[i]]) for i in range(len(questions))]
        table = learn_table(pairs, df, len(docs), min_count=best["min_count"])
        write_table(table, TABLE_PATH, header=(
            "LawKB query expansion: question token -> legal tokens:weight (PMI translation table).\n"
            "Learned by benchmarks/research_expansion.py --write from the STARD train questions and the\n"
            "articles that answer them; tokens and weights only, no question text."))
        print(f"wrote {TABLE_PATH} ({len(table)} tokens)")


if __name__ == "__main__":
    main()
