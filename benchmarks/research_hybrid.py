"""Research: expansion strength and dense fusion through the production search components.

5-fold cross-validation by question over ../shared/data/stard/train.jsonl: in each fold the
expansion table is learned on the 4 training folds (``learn_table`` over jieba precise tokens, as
shipped) and set on the loaded lexical index and embedded dense model; the 5th fold is scored
with ``LexicalIndex.query_scores`` (alpha swept), ``DenseIndex.scores`` and
``kb.search.hybrid.weighted`` fusion. Article-level Recall@10 / MRR@10 over in-force rows.

    LAWKB_HOME=/tmp/lkhome .venv/bin/lawkb ingest --no-index && LAWKB_HOME=/tmp/lkhome .venv/bin/lawkb index
    LAWKB_HOME=/tmp/lkhome .venv/bin/python -m benchmarks.research_hybrid [--alphas 0.3,1.2] [--weights 0.9]
"""

from __future__ import annotations

import argparse
import json
import pickle
import time

import numpy as np

from benchmarks.expansion_tables import learn_table, learn_table_ibm1, use_table
from benchmarks.research_common import CACHE, QUESTIONS, folds, metrics
from kb.search.tokenize import STOPWORDS, precise_tokens as tokenize

K = 10


def setup():
    from kb.corpus import Corpus
    from kb.search import SearchFilters
    from kb.search.dense import row_text
    from kb.search.searchers import bundle_for

    corpus = Corpus()
    bundle = bundle_for(corpus)
    mask = bundle.row_filter.mask(SearchFilters())
    keys = {}
    for row, clause in enumerate(bundle.clauses):
        if mask[row] and clause.article_suffix == 0:
            keys.setdefault((clause.law, clause.article), row)
    questions = []
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        rel = sorted({keys[(law, art)] for law, art in record["relevant"] if (law, art) in keys})
        if rel:
            questions.append((record["text"], rel))
    CACHE.mkdir(parents=True, exist_ok=True)
    cache = CACHE / f"row-tokens-{len(bundle.clauses)}.pkl"
    if cache.exists():
        row_tokens = pickle.loads(cache.read_bytes())
    else:
        row_tokens = {row: tokenize(row_text(bundle.clauses[row])) for row in np.flatnonzero(mask).tolist()}
        cache.write_bytes(pickle.dumps(row_tokens))
    return bundle, mask, questions, row_tokens


def main(argv=None):
    from kb.search.dense import DenseIndex
    from kb.search.encoders import EmbeddedEncoder
    from kb.search.hits import top_rows
    from kb.search.hybrid import weighted

    parser = argparse.ArgumentParser()
    parser.add_argument("--alphas", default="0.0,0.3,0.8,1.2,1.6")
    parser.add_argument("--weights", default="0.95,0.9,0.8,0.7,0.5")
    parser.add_argument("--fusion-alpha", type=float, default=1.2)
    parser.add_argument("--dense-alpha", type=float, default=None)
    parser.add_argument("--smoothing", type=float, default=0.0)
    parser.add_argument("--ibm1", action="store_true", help="IBM Model 1 table instead of PMI")
    parser.add_argument("--priors", default="", help="law-prior weights to try (log share of training answers)")
    args = parser.parse_args(argv)
    started = time.time()
    bundle, mask, questions, row_tokens = setup()
    lexical = bundle.lexical().index
    dense = bundle.dense_model()
    model = dense.encoder.model if isinstance(dense, DenseIndex) and isinstance(dense.encoder, EmbeddedEncoder) else None
    df: dict[str, int] = {}
    for toks in row_tokens.values():
        for t in set(toks):
            df[t] = df.get(t, 0) + 1
    q_words = [[t for t in tokenize(text) if t not in STOPWORDS] for text, _ in questions]
    rel = [r for _, r in questions]
    law_ids = {law: i for i, law in enumerate(sorted({c.law for c in bundle.clauses}))}
    row_law = np.array([law_ids[c.law] for c in bundle.clauses])
    priors = [float(p) for p in args.priors.split(",") if p]
    alphas = [float(a) for a in args.alphas.split(",")]
    weights = [float(w) for w in args.weights.split(",")]
    print(f"{len(questions)} questions, {int(mask.sum())} in-force rows, setup {time.time() - started:.0f}s")
    runs: dict[str, list] = {}
    order = []
    for test in folds(len(questions)):
        train = np.setdiff1d(np.arange(len(questions)), test)
        pairs = [(q_words[i], [row_tokens[r] for r in rel[i]]) for i in train]
        table = learn_table_ibm1(pairs, df, len(row_tokens)) if args.ibm1 else \
            learn_table(pairs, df, len(row_tokens), smoothing=args.smoothing)
        use_table(table)
        if model is not None:
            if args.dense_alpha is not None:
                model.query_alpha = args.dense_alpha
        counts = np.bincount([row_law[r] for i in train for r in rel[i]], minlength=len(law_ids))
        log_prior = np.log((counts + 0.5) / (counts.sum() + 0.5 * len(law_ids)))[row_law]
        for i in test:
            order.append(i)
            text = questions[i][0]
            lex_by_alpha = {}
            for alpha in sorted(set(alphas + [args.fusion_alpha])):
                lexical.alpha = alpha
                lex_by_alpha[alpha] = lexical.query_scores(text)
                if alpha in alphas:
                    runs.setdefault(f"lexical expansion alpha={alpha}", []).append(
                        top_rows(lex_by_alpha[alpha], mask, K))
            for beta in priors:
                boosted = np.where(lex_by_alpha[args.fusion_alpha] > 0,
                                   lex_by_alpha[args.fusion_alpha] + beta * (log_prior - log_prior.min()), 0)
                runs.setdefault(f"lexical alpha={args.fusion_alpha} + law prior {beta}", []).append(
                    top_rows(boosted, mask, K))
            if dense is None:
                continue
            dscores = dense.scores(text)
            runs.setdefault("dense (embedded, expanded queries)", []).append(top_rows(dscores, mask, K, positive=False))
            full = lex_by_alpha[args.fusion_alpha]
            lrows = top_rows(full, mask, 200)
            drows = top_rows(dscores, mask, 200, positive=False)
            for w in weights:
                rows, _ = weighted([(lrows, full[lrows], full), (drows, dscores[drows], dscores)], [w, 1 - w])
                runs.setdefault(f"fused weighted w_lex={w} (alpha={args.fusion_alpha})", []).append(rows[:K])
    gold = [rel[i] for i in order]
    for name, ranked in runs.items():
        r, m = metrics(ranked, gold)
        print(f"{name:50s} R@10 {r:.3f}  MRR@10 {m:.3f}")


if __name__ == "__main__":
    main()
