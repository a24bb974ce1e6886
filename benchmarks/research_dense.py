"""Research: which embedded default dense model, and does it help BM25 + expansion in fusion?

5-fold cross-validation by question over ../shared/data/stard/train.jsonl (expansion tables are
learned on the 4 training folds only). Each candidate of ``CANDIDATES`` (LSA, LSA + ICT
contrastive, PPMI-SVD + SIF variants; benchmarks.embedded_lsa.train_variant) is trained in-process on the
in-force national articles; prints Recall@10 / MRR@10 alone, with RRF, and fused with a research
BM25 + expansion (score fusion: bm25/max + w * cosine over the union of candidates). Figures are
in benchmarks/RESEARCH.md.

    LAWKB_HOME=/tmp/lkhome .venv/bin/lawkb ingest --no-index
    .venv/bin/python -m benchmarks.research_dense --store /tmp/lkhome/corpora/default/store.sqlite \
        [--only ppmi-svd-sif-256-w8 lsa-tokens+bigrams-256] [--no-ablation] [--dense-alpha 0.5]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from benchmarks.embedded_lsa import train_variant
from benchmarks.expansion_tables import learn_table, use_table
from benchmarks.research_common import BM25, doc_text, folds, metrics, topk
from benchmarks.research_expansion import article_df, query_terms, setup
from kb.search.expansion import expand

CANDIDATES = 200
LEXICAL_ALPHA = 0.5  # best for this research BM25 (research_expansion.py)


def fused_rank(bm, dense, w, k=10):
    cand = np.union1d(topk(bm, CANDIDATES), topk(dense, CANDIDATES))
    b = bm[cand] / max(bm.max(), 1e-9)
    return cand[np.argsort(-(b + w * dense[cand]), kind="stable")][:k]


def rrf_rank(bm, dense, k=10, c=60):
    score = {}
    for ranking in (topk(bm, CANDIDATES), topk(dense, CANDIDATES)):
        for r, row in enumerate(ranking):
            score[row] = score.get(row, 0) + 1 / (c + r + 1)
    return np.array(sorted(score, key=lambda x: -score[x])[:k])


def evaluate(name, model, doc_vecs, bm25, docs, df, questions, q_tokens, weights=(0.0, 0.1, 0.2, 0.3, 0.5, 1.0)):
    rel = [r for _, r in questions]
    alone, rrf, fused = [], [], {w: [] for w in weights}
    order = []
    t_enc = 0.0
    for test in folds(len(questions)):
        train = np.setdiff1d(np.arange(len(questions)), test)
        table = learn_table([(query_terms(q_tokens[i]), [docs[r] for r in rel[i]]) for i in train], df, len(docs))
        use_table(table)
        texts = [questions[i][0] for i in test]
        t = time.perf_counter()
        qv = model.encode(texts, queries=True, token_lists=[q_tokens[i] for i in test])
        t_enc += time.perf_counter() - t
        dense_all = qv @ doc_vecs.T
        for row, i in enumerate(test):
            dense = dense_all[row]
            bm = bm25.scores(expand(query_terms(q_tokens[i]), table, alpha=LEXICAL_ALPHA))
            alone.append(topk(dense, 10))
            rrf.append(rrf_rank(bm, dense))
            for w in weights:
                fused[w].append(fused_rank(bm, dense, w))
            order.append(i)
    gold = [rel[i] for i in order]
    r, m = metrics(alone, gold)
    print(f"{name}: alone R@10 {r:.3f} MRR@10 {m:.3f}; query encode {1000 * t_enc / len(order):.2f} ms/q")
    r, m = metrics(rrf, gold)
    print(f"{name}: RRF with BM25+exp R@10 {r:.3f} MRR@10 {m:.3f}")
    for w in weights:
        r, m = metrics(fused[w], gold)
        print(f"{name}: fused w={w} R@10 {r:.3f} MRR@10 {m:.3f}")


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", default="/tmp/lkhome/corpora/default/store.sqlite")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--no-ablation", action="store_true")
    parser.add_argument("--dense-alpha", type=float, default=0.5, help="query expansion weight in dense queries")
    args = parser.parse_args(argv)
    clauses, questions, docs, q_tokens = setup(args.store)
    texts = [doc_text(c) for c in clauses]
    bm25 = BM25(docs)
    df = article_df(docs)
    candidates = {  # CANDIDATES
        "lsa-tokens-256": dict(method="lsa", bigrams=False, dim=256),
        "lsa-tokens+bigrams-256": dict(method="lsa", bigrams=True, dim=256),
        "lsa+ict-contrastive-3ep": dict(method="lsa", bigrams=True, dim=256, contrastive_epochs=3),
        "ppmi-svd-sif-256": dict(method="ppmi-sif", dim=256, window=4),
        "ppmi-svd-sif-256-w2": dict(method="ppmi-sif", dim=256, window=2),
        "ppmi-svd-sif-256-w8": dict(method="ppmi-sif", dim=256, window=8),
        "ppmi-svd-sif-384": dict(method="ppmi-sif", dim=384, window=4),
        "ppmi-svd-sif-256-w16": dict(method="ppmi-sif", dim=256, window=16),
        "ppmi-svd-sif-256-w8-a1e-4": dict(method="ppmi-sif", dim=256, window=8, sif_a=1e-4),
        "ppmi-svd-sif-256-w8-a1e-2": dict(method="ppmi-sif", dim=256, window=8, sif_a=1e-2),
        "ppmi-svd-sif-256-w8-mindf5": dict(method="ppmi-sif", dim=256, window=8, min_df=5),
    }
    for name, kw in candidates.items():
        if args.only and name not in args.only:
            continue
        t = time.perf_counter()
        model = train_variant(texts, token_lists=docs, **kw)
        model.query_alpha = args.dense_alpha
        doc_vecs = model.encode(texts, token_lists=docs)
        print(f"{name}: trained+encoded {len(texts)} articles in {time.perf_counter() - t:.0f}s, "
              f"{len(model.vocab)} features")
        evaluate(name, model, doc_vecs, bm25, docs, df, questions, q_tokens)
        if args.no_ablation:
            continue
        model.expand_queries = False
        evaluate(name + " (no query expansion)", model, doc_vecs, bm25, docs, df, questions, q_tokens, weights=(0.2,))


if __name__ == "__main__":
    main()
