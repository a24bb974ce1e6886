"""Hybrid fusion research (not part of the product): RRF vs weighted score fusion, honestly.

5-fold cross-validation by question on the STARD dev questions (``../shared/data/stard/train.jsonl``,
never copied into the repo) over the index of a corpus (built with `lawkb index`), searching the
laws in force. In each fold the colloquial->legal expansion table (kb.search.expansion) is learned
from the 4 training folds only and used by both the lexical and the dense component; the fusion
setting is chosen on the training folds; the figures reported are on the held-out fold.

    LAWKB_HOME=/tmp/lkhome .venv/bin/lawkb ingest && LAWKB_HOME=/tmp/lkhome .venv/bin/lawkb index
    LAWKB_HOME=/tmp/lkhome .venv/bin/python -m benchmarks.research_fusion
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

QUESTIONS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "stard" / "train.jsonl"


ALPHAS = [0.0, 0.3, 0.6]
PRF = [(3, 20, 0.3), (5, 20, 0.3), (5, 30, 0.5), (10, 30, 0.3), (5, 10, 0.2)]
LEXICAL_ONLY = False


def configs():
    base = {"alpha": ALPHAS[-1], "dense_scope": "all"}
    out = [(f"lexical alpha={a}", {**base, "alpha": a, "method": "weighted", "weight_lexical": 1.0}) for a in ALPHAS]
    for gamma in (0.2, 0.4, 0.7):
        out.append((f"lexical law_boost={gamma}", {**base, "method": "weighted", "weight_lexical": 1.0, "law": gamma}))
        for w in (0.6, 0.7, 0.8, 0.9):
            out.append((f"rerank w={w} law_boost={gamma}", {**base, "method": "weighted", "weight_lexical": w,
                                                            "dense_scope": "candidates", "law": gamma}))
            out.append((f"weighted w={w} law_boost={gamma}", {**base, "method": "weighted", "weight_lexical": w,
                                                              "law": gamma}))
    if LEXICAL_ONLY:
        return [o for o in out if o[1]["weight_lexical"] == 1.0]
    out.append(("dense", {**base, "method": "weighted", "weight_lexical": 0.0}))
    for w in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
        out.append((f"weighted w={w}", {**base, "method": "weighted", "weight_lexical": w}))
        out.append((f"rerank w={w}", {**base, "method": "weighted", "weight_lexical": w, "dense_scope": "candidates"}))
    for w in (0.6, 0.8, 0.9):
        for k in (10, 60):
            out.append((f"rrf w={w} k={k}", {**base, "method": "rrf", "weight_lexical": w, "rrf_k": k}))
    return out


def question_scores(rows, keys, relevant):
    ranked = []
    for row in rows.tolist():
        if keys[row] not in ranked:
            ranked.append(keys[row])
        if len(ranked) >= 100:
            break
    top = ranked[:10]
    rr = next((1 / (i + 1) for i, k in enumerate(top) if k in relevant), 0.0)
    return (len(set(top) & relevant) / len(relevant), rr, len(set(ranked[:100]) & relevant) / len(relevant))


def fuse(lexical: tuple, dense: tuple | None, params: dict):
    """The two-component fusion measured here: (rows, scores, full-or-None) of lexical and dense."""
    from kb.search.hybrid import rrf, weighted

    if dense is None or len(dense[0]) == 0:
        return lexical[0], lexical[1]
    w = float(params["weight_lexical"])
    if params["method"] == "rrf":
        return rrf([lexical[0], dense[0]], [w, 1 - w], params.get("rrf_k", 60))
    return weighted([lexical, dense], [w, 1 - w])


def main(argv=None) -> int:
    from kb.corpus import Corpus
    from kb.search.tokenize import STOPWORDS, precise_tokens as tokenize
    from benchmarks.expansion_tables import learn_table, use_table
    from benchmarks.research_common import question_folds as folds
    from kb.search.hits import top_rows
    from kb.search.hybrid import law_boost
    from kb.search.searchers import bundle_for

    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--no-expansion", action="store_true")
    parser.add_argument("--alphas", default="0,0.3,0.6", help="expansion weights to try in the lexical component")
    parser.add_argument("--lexical-only", action="store_true")
    parser.add_argument("--thesaurus", type=float, default=None, help="thesaurus weight (default: the index's)")
    args = parser.parse_args(argv)
    global LEXICAL_ONLY
    ALPHAS[:] = [float(a) for a in args.alphas.split(",")]
    LEXICAL_ONLY = args.lexical_only

    corpus = Corpus()
    bundle = bundle_for(corpus)
    lexical = bundle.lexical().index
    dense = None if args.lexical_only else bundle.dense_model()
    if args.thesaurus is not None:
        lexical.thesaurus_weight = args.thesaurus
    mask = bundle.row_filter.mask(None)
    keys = [(c.law, c.article) for c in bundle.clauses]
    in_force_rows = np.flatnonzero(mask)
    questions = []
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        questions.append((record["text"], {(law, int(art)) for law, art in record["relevant"]}))
    # article tokens for learning tables: jieba precise tokens of the in-force rows (as kb.search.expansion)
    started = time.perf_counter()
    row_of = {}
    for row in in_force_rows.tolist():
        row_of.setdefault(keys[row], row)
    from kb.search.dense import row_text

    token_cache: dict[int, list[str]] = {}

    def row_tokens(row):
        if row not in token_cache:
            token_cache[row] = tokenize(row_text(bundle.clauses[row]))
        return token_cache[row]

    article_df: dict[str, int] = {}
    for row in in_force_rows.tolist():
        for t in set(row_tokens(row)):
            article_df[t] = article_df.get(t, 0) + 1
    q_tokens = [[t for t in tokenize(text) if t not in STOPWORDS] for text, _ in questions]
    print(f"setup {time.perf_counter() - started:.0f} s", file=sys.stderr)

    cfgs = configs()
    n = len(questions)
    # per fold, per question, per config: (R@10, MRR@10, R@100)
    results = np.zeros((args.folds, n, len(cfgs), 3))
    parts = folds(n, args.folds, seed=0)
    for f, test in enumerate(parts):
        train = sorted(set(range(n)) - set(test))
        if args.no_expansion:
            table = {}
        else:
            pairs = [(q_tokens[i], [row_tokens(row_of[k]) for k in questions[i][1] if k in row_of]) for i in train]
            table = learn_table(pairs, article_df, len(in_force_rows), min_count=2)
        use_table(table)
        for i, (text, relevant) in enumerate(questions):
            lex_by_alpha = {}
            lexical.prf_docs = 0
            for alpha in ALPHAS:
                lexical.alpha = alpha
                lex_full = lexical.query_scores(text)
                lex_rows = top_rows(lex_full, mask, args.candidates)
                lex_by_alpha[alpha] = (lex_rows, lex_full[lex_rows], lex_full)
            den = None
            if dense is not None:
                full = dense.scores(text)
                rows = top_rows(full, mask, args.candidates, positive=False)
                den = (rows, full[rows], full)
            for c, (_, params) in enumerate(cfgs):
                if den is None and params["weight_lexical"] < 1:
                    continue
                lex = lex_by_alpha[params.get("prf", params["alpha"])]
                this_dense = den
                if den is not None and params["dense_scope"] == "candidates":
                    this_dense = (lex[0], den[2][lex[0]], None)
                rows, fused = fuse(lex, this_dense, params)
                if params.get("law"):
                    rows, _ = law_boost(rows, fused, bundle.row_filter.row_doc, params["law"])
                results[f, i, c] = question_scores(rows, keys, relevant)
        print(f"fold {f + 1}/{args.folds} done ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    held = np.array([results[f, i] for f, test in enumerate(parts) for i in test])  # (n, cfg, 3)
    report = {"questions": n, "folds": args.folds, "expansion": not args.no_expansion, "held_out": {}}
    for c, (name, _) in enumerate(cfgs):
        r = held[:, c].mean(axis=0)
        report["held_out"][name] = {"recall@10": round(r[0], 4), "mrr@10": round(r[1], 4), "recall@100": round(r[2], 4)}
    chosen, picked = [], []
    for f, test in enumerate(parts):
        train = sorted(set(range(n)) - set(test))
        train_means = results[f, train].mean(axis=0)
        best = int(np.argmax(train_means[:, 0] + train_means[:, 1]))
        chosen.append(cfgs[best][0])
        picked.append(results[f, test, best])
    picked = np.concatenate(picked).mean(axis=0)
    report["cv_selected"] = {"recall@10": round(picked[0], 4), "mrr@10": round(picked[1], 4),
                             "recall@100": round(picked[2], 4), "chosen": chosen}
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
