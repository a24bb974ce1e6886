"""Error-analysis reports of the re-ranker research (``benchmarks/research_rerank.py --errors K`` and ``--misses``):
training cases whose right article is in the top 10 but not first, and where the held-out re-ranked rank 1 misses."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import numpy as np

from benchmarks.cv_features import K_FOLDS, reporting_only
from benchmarks.research_rerank import Lists, model_of
from kb.search.rerank import FEATURES


def errors(lists: Lists, questions, traits, sets, folds, k: int) -> None:
    """Training cases (staff folds 0-3, then STARD) with the right article in the top 10, not first."""
    shown = 0
    for wanted in ("staff", "stard"):
        for i, q in enumerate(questions):
            if shown >= k or sets[i] != wanted or reporting_only(q):
                continue
            gold = np.flatnonzero(lists.gold[i][:10])
            if not len(gold) or gold[0] == 0:
                continue
            shown += 1
            print(f"\n[{wanted} {q.id}] {q.text}   (right article at rank {gold[0] + 1})")
            for label, r in (("rank 1", 0), ("right ", gold[0])):
                row = int(lists.rows[i][r])
                clause = traits.clauses[row]
                x = dict(zip(FEATURES, np.round(lists.x[i][r], 2).tolist()))
                print(f"  {label}: {clause.law} 第{clause.article}条 [{' / '.join(clause.path)}] "
                      f"{clause.text[:90]}")
                print(f"          fused {x['fused']} lex {x['lex']} e5 {x['e5']} prior {x['prior']} "
                      f"coverage {x['coverage']} law_share {x['law_share']}")


CHAPTER = re.compile(r"^第[一二三四五六七八九十百零〇\d]+章")


def chapter(clause) -> tuple:
    """(law, the path down to its 章): one name in two 编/分编 differs; a law without 章: its path."""
    cut = next((i + 1 for i, part in enumerate(clause.path) if CHAPTER.match(part)), len(clause.path))
    return clause.law, tuple(clause.path[:cut])


def misses(args, questions, shared, traits, configs, counts, key_index, sets, folds, dev) -> int:
    """Where the held-out re-ranked rank 1 misses (staff folds 0-3, bureau52; each fold re-ranked by the
    model of --models fitted without it): the right article's rank, and for a miss at rank 2-10 whether
    rank 1 is another law, the same law or the same 章, and whether either is a home law."""
    models, home = json.loads(Path(args.models).read_text(encoding="utf-8")), shared["home"]
    tally: Counter = Counter()
    for k in range(K_FOLDS):
        lists = Lists(questions, shared, traits, configs[k], counts, key_index)
        top_n, w = model_of(models["folds"][k])
        for i in np.flatnonzero(dev & (folds == k) & np.isin(sets, ["staff", "bureau52"])).tolist():
            n = len(lists.x[i][:top_n])
            order = np.concatenate([np.argsort(-(lists.x[i][:top_n] @ w), kind="stable"),
                                    np.arange(n, len(lists.rows[i]))])
            gold = [j for j, key in enumerate(lists.keys[i][order].tolist()) if key in lists.relevant[i]]
            g = gold[0] if gold else len(order)
            where = "right" if g == 0 else "2-10" if g < 10 else f"11-{top_n}" if g < top_n else "beyond N"
            tally[(sets[i], where)] += 1
            if where != "2-10":
                continue
            top, right = (traits.clauses[int(lists.rows[i][order[j]])] for j in (0, g))
            kind = ("same 章" if chapter(top) == chapter(right) else "same law") if top.law == right.law else "other law"
            tally[(sets[i], where, kind, f"right home {right.law in home}", f"rank 1 home {top.law in home}")] += 1
            print(f"{sets[i]} {questions[i].id}\t{g + 1}\t{kind}\t{top.law} {top.article} {chapter(top)[1][-1:]}"
                  f" <- {right.law} {right.article} {chapter(right)[1][-1:]}\t{questions[i].text}")
    for key in sorted(tally, key=str):
        print(" / ".join(map(str, key)), tally[key])
    return 0
