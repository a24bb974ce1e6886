"""A learned obligation-link chooser (issue 17y), measured on held-out hand-check samples.

    LAWKB_HOME=... python -m benchmarks.penalty_linkmodel [benchmarks/penalty_links.tsv] [--diff 20] [--cache rows.pkl]

Every labelled row of ``penalty_links.tsv`` is linked by ``kb.penalty.links`` with the current settings and a trace;
a row the rules matched (not an explicit, inherited or unlinked-by-rule row) gets its candidate articles' features and
a "none" option (``kb.penalty.linkfeatures``). A conditional logit (softmax over the options, L2 penalty; the
likelihood of a row is the probability of its acceptable options) picks the first link. Figures, all held out:

(a) leave-one-SAMPLE-out: fitted on the other 15 samples, the held-out sample's rows scored, per sample and in total,
    against the rules' first links on the same rows;
(b) forward chaining for samples 13–16: fitted on samples < k only, scored on sample k.

The feature set (``FEATURE_SETS``) and the L2 weight are chosen inside the training samples only (leave-one-sample-out over them). Rows the model does not
decide keep the rules' first link in both columns (so the columns differ only on matched rows).
"""

from __future__ import annotations

import argparse
import pickle
import random
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

import numpy as np
from scipy.optimize import minimize

from kb.corpus import Corpus
from benchmarks.penalty_linkfeatures import FEATURES, design
from kb.penalty.links import LinkSettings
from kb.penalty.table import document_rows

DEFAULT = Path(__file__).with_name("penalty_links.tsv")
L2_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
# feature sets tried (chosen inside the training samples with the L2): the features left out of each
FEATURE_SETS = {"all": (), "no-rules-choice": ("rules_choice", "none_rules")}


def columns(name: str, sets: dict = FEATURE_SETS, features: tuple = FEATURES) -> np.ndarray:
    return np.array([0.0 if feature in sets[name] else 1.0 for feature in features])


@dataclass
class Labelled:
    key: tuple
    sample: int
    conduct: str
    acceptable: set[str]
    rules: str                              # the rules' first link (article number) or "none"
    options: np.ndarray | None = None       # the model's option matrix (None: the rules decide the row)
    labels: list[str] = field(default_factory=list)     # the options' article numbers, "none" last

    def targets(self) -> np.ndarray:
        return np.array([label in self.acceptable for label in self.labels], dtype=float)


def read_samples(path: Path) -> dict[tuple, tuple[set[str], int]]:
    labels = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            law, article, paragraph, item, number, acceptable, sample = line.split("\t")[:7]
            labels[("中华人民共和国" + law, int(article), int(paragraph), int(item), int(number))] = (set(acceptable.split(",")), int(sample))
    return labels


def traced_rows(corpus: Corpus, labels: dict) -> Iterator[tuple[Labelled, object, dict | None]]:
    """(labelled row without options, the penalty row, its trace entry or None when the rules did not match it)."""
    store = corpus.store
    for title in sorted({key[0] for key in labels}):
        trace: dict = {}
        document = store.version_on(title)
        for row in document_rows(store, document, options=LinkSettings.current(), trace=trace):
            key = (title, row.clause.article, row.paragraph, row.item or 0, row.number)
            if key not in labels:
                continue
            acceptable, sample = labels[key]
            first = str(row.references[0].article) if row.references else "none"
            yield Labelled(key, sample, row.conduct, acceptable, first), row, trace.get(row.id)


def collect(corpus: Corpus, labels: dict) -> list[Labelled]:
    found = []
    for item, row, entry in traced_rows(corpus, labels):
        if entry is not None:
            picked, item.options = design(entry, row)
            item.labels = [str(entry["units"][i][0].article) for i in picked] + ["none"]
        found.append(item)
    return sorted(found, key=lambda item: (item.sample, item.key))


def fit(rows: list[Labelled], l2: float, columns: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(weights, scale) of the conditional logit on the rows having an acceptable option."""
    usable = [row for row in rows if row.options is not None and row.targets().any()]
    stacked = np.vstack([row.options for row in usable])
    scale = stacked.std(axis=0)
    scale[scale < 1e-9] = 1.0
    wide = stacked.shape[1]
    mask = np.ones(wide) if columns is None else columns
    width = max(len(row.labels) for row in usable)
    options = np.zeros((len(usable), width, wide))
    target = np.zeros((len(usable), width))
    valid = np.zeros((len(usable), width), dtype=bool)
    for index, row in enumerate(usable):
        options[index, :len(row.labels)] = row.options / scale * mask
        target[index, :len(row.labels)] = row.targets()
        valid[index, :len(row.labels)] = True
    count = len(usable)
    flat = options.reshape(-1, wide)

    def loss(w):
        u = np.where(valid, (flat @ w).reshape(valid.shape), -np.inf)
        u = u - u.max(axis=1, keepdims=True)
        p = np.exp(u)
        p = p / p.sum(axis=1, keepdims=True)
        good = (p * target).sum(axis=1)
        q = p * target / good[:, None]
        value = -np.log(good).sum() + l2 * count * (w @ w) / 2
        grad = -flat.T @ (q - p).ravel() + l2 * count * w
        return value, grad

    result = minimize(loss, np.zeros(wide), jac=True, method="BFGS", options={"gtol": 1e-4})
    return result.x * mask, scale


def pick(row: Labelled, weights: np.ndarray, scale: np.ndarray) -> str:
    if row.options is None:
        return row.rules
    return row.labels[int(np.argmax((row.options / scale) @ weights))]


def right(rows: list[Labelled], weights, scale) -> int:
    return sum(pick(row, weights, scale) in row.acceptable for row in rows)


def choose(rows: list[Labelled], sets: dict = FEATURE_SETS, features: tuple = FEATURES) -> tuple[str, float]:
    """The feature set and L2 weight with the most rows right over leave-one-sample-out within ``rows`` (ties: the
    first set listed, the larger L2)."""
    samples = sorted({row.sample for row in rows})
    totals = {}
    for name in sets:
        for l2 in L2_GRID:
            totals[(name, l2)] = sum(right([r for r in rows if r.sample == s], *fit([r for r in rows if r.sample != s], l2, columns(name, sets, features)))
                                     for s in samples)
    top = max(totals.values())
    tied = [choice for choice, total in totals.items() if total == top]
    return min(tied, key=lambda choice: (list(sets).index(choice[0]), -choice[1]))


def held_out(train: list[Labelled], test: list[Labelled], sets: dict = FEATURE_SETS,
             features: tuple = FEATURES) -> tuple[int, int, str, float]:
    """(model right, rules right, feature set, L2) on ``test``, the model fitted on ``train`` only."""
    name, l2 = choose(train, sets, features)
    weights, scale = fit(train, l2, columns(name, sets, features))
    return right(test, weights, scale), sum(row.rules in row.acceptable for row in test), name, l2


def whole_table_diff(corpus: Corpus, rows: list[Labelled], shown: int) -> None:
    """Every matched row of the table in force today, first link by the rules and by the model without the rules' choice
    (feature set and L2 chosen by leave-one-sample-out over all the samples, fitted on all of them)."""
    name, l2 = choose(rows, {name: dropped for name, dropped in FEATURE_SETS.items() if "rules_choice" in dropped})
    weights, scale = fit(rows, l2, columns(name))
    store, changed, matched = corpus.store, [], 0
    for document in store.documents():
        if not store.in_force_on(document, date.today().isoformat()):
            continue
        trace: dict = {}
        for row in document_rows(store, document, options=LinkSettings.current(), trace=trace):
            if row.id not in trace:
                continue
            matched += 1
            picked, options = design(trace[row.id], row)
            labels = [str(trace[row.id]["units"][i][0].article) for i in picked] + ["none"]
            model = labels[int(np.argmax((options / scale) @ weights))]
            rules = str(row.references[0].article) if row.references else "none"
            if model != rules:
                changed.append((row.clause.law, row.clause.article, row.paragraph, row.item or 0, row.conduct, rules, model))
    print(f"whole table ({name}, L2 {l2:g}): {len(changed)} of {matched} matched rows change their first link")
    for law, article, paragraph, item, conduct, rules, model in random.Random(17).sample(changed, min(shown, len(changed))):
        print(f"  {law} {article}-{paragraph}-{item} {conduct[:50]}: rules {rules}, model {model}")


def report(rows: list[Labelled], samples: list[int], title: str, sets: dict = FEATURE_SETS,
           features: tuple = FEATURES) -> None:
    """Print the held-out tables (a) and (b)."""
    print(f"== {title}")
    print("(a) leave-one-sample-out: sample, rows, model right, rules right, feature set and L2 chosen on the other samples")
    model_total = rules_total = 0
    for sample in samples:
        test = [row for row in rows if row.sample == sample]
        model, rules, name, l2 = held_out([row for row in rows if row.sample != sample], test, sets, features)
        model_total, rules_total = model_total + model, rules_total + rules
        print(f"  {sample}\t{len(test)}\t{model}\t{rules}\t{name} {l2:g}", flush=True)
    print(f"  total\t{len(rows)}\t{model_total}\t{rules_total}")
    print("(b) forward chaining: fitted on samples < k, scored on sample k")
    model_total = rules_total = 0
    for sample in [sample for sample in samples if sample >= 13]:
        test = [row for row in rows if row.sample == sample]
        model, rules, name, l2 = held_out([row for row in rows if row.sample < sample], test, sets, features)
        model_total, rules_total = model_total + model, rules_total + rules
        print(f"  {sample}\t{len(test)}\t{model}\t{rules}\t{name} {l2:g}", flush=True)
    print(f"  13-{samples[-1]}\t\t{model_total}\t{rules_total}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="?", default=str(DEFAULT))
    parser.add_argument("--cache", help="also pickle the collected rows to this file (for further analysis)")
    parser.add_argument("--diff", type=int, default=0, metavar="N",
                        help="fit the model without the rules' choice on every sample, link the whole table with it and "
                             "print how many first links change, and N changed rows drawn at random (seed 17)")
    args = parser.parse_args(argv)
    rows = collect(Corpus(), read_samples(Path(args.labels)))
    if args.cache:
        pickle.dump(rows, open(args.cache, "wb"))
    samples = sorted({row.sample for row in rows})
    decided = sum(row.options is not None for row in rows)
    reachable = sum(row.options is not None and row.targets().any() for row in rows)
    print(f"{len(rows)} labelled rows found; {decided} matched (the model decides them), {reachable} of those with an "
          f"acceptable option among the candidates")
    report(rows, samples, "feature set and L2 chosen inside the training samples")
    for name, dropped in FEATURE_SETS.items():     # each feature set alone (the L2 still chosen inside the training samples)
        report(rows, samples, f"feature set {name} only", {name: dropped})
    if args.diff:
        whole_table_diff(Corpus(), rows, args.diff)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
