"""Choose the penalty table's link settings (kb/penalty/links.py) by leave-one-out over rows checked by hand.

    LAWKB_HOME=... python -m benchmarks.penalty_links [benchmarks/penalty_links.tsv] [--misses] [--quick]

``penalty_links.tsv`` lists table rows (law, article, 款, 项, row number) with the obligation
articles a reader accepts as the one the conduct breaks ("none": no article does, so no link is
right). The rows are those of the hand-check samples 1–13 (benchmarks/penalty_handcheck.md), each
judged against the statute text. Every row is linked with both floors at 0 under each combination of
the three match weights (PENALTY_LINK_NO_DUTY_WEIGHT, PENALTY_LINK_SUBJECT_BOOST, PENALTY_LINK_NEIGHBOUR_WEIGHT); a row counts
as right when its first link (or none, when its score is under the floor that applies to it) is
acceptable. For each row the weights and the floors (PENALTY_LINK_MIN_SCORE, _STRICT_MIN_SCORE, _WEAK_SCORE: a first link under it counts only when it binds the offender) are
chosen on all the other rows (settings within TIE = 1 row of the best tie: the one nearest the current settings is kept, so a change
needs more than one row; the rule before issue 17h, no tie band and ties to the neutral weights, is printed too) and the row is
scored with them: the held-out accuracy is printed, with the accuracy of the current settings, of the
neutral weights (the linker before issue 17d) and of the old single floor 0.08.
``--quick`` tries the current and the neutral weights only (faster; its first figure is then not held out).
"""

from __future__ import annotations

import argparse
import sys
import itertools
from dataclasses import dataclass, replace
from pathlib import Path

from kb.corpus import Corpus
from kb.penalty.links import LinkSettings
from kb.penalty.table import document_rows

GRID = (0.0, 0.04, 0.08, 0.12, 0.16, 0.2, 0.25, 0.3, 0.35, 0.4)
NO_DUTY = (1.0, 0.75, 0.5, 0.25)
BOOST = (0.0, 0.15, 0.3, 0.45, 0.6)
NEIGHBOUR = (1.0, 0.75, 0.5, 0.25)
NEUTRAL = (1.0, 0.0, 1.0)
TIE = 1        # settings within this many rows of the best count as tied: the one nearest neutral is chosen
DEFAULT = Path(__file__).with_name("penalty_links.tsv")


@dataclass
class Judged:
    key: tuple
    conduct: str
    first: str                  # first linked article number, or "none"
    score: float | None         # None: explicit or inherited from an explicit reference
    strict: bool
    acceptable: set[str]
    own: bool = False           # the first link binds the row's offender

    def right(self, floor: float, strict_floor: float, weak: float = 0.0) -> bool:
        kept = self.score is None or (self.score >= (strict_floor if self.strict else floor)
                                      and (self.own or self.score >= weak))
        return (self.first if kept else "none") in self.acceptable


def read_labels(path: Path) -> dict[tuple, set[str]]:
    labels = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            law, article, paragraph, item, number, acceptable = line.split("\t")[:6]
            labels[("中华人民共和国" + law, int(article), int(paragraph), int(item), int(number))] = set(acceptable.split(","))
    return labels


def judged_rows(corpus: Corpus, labels: dict[tuple, set[str]], weights: tuple = NEUTRAL) -> list[Judged]:
    store = corpus.store
    no_duty, boost, neighbour = weights
    unfloored = replace(LinkSettings.current(), min_score=0.0, strict_min_score=0.0, weak_score=0.0, no_duty_weight=no_duty,
                        subject_boost=boost, neighbour_weight=neighbour)
    found = []
    for title in sorted({key[0] for key in labels}):
        document = store.version_on(title)
        for row in document_rows(store, document, options=unfloored):
            key = (title, row.clause.article, row.paragraph, row.item or 0, row.number)
            if key in labels:
                ref = row.references[0] if row.references else None
                score = ref.score if ref is not None and ref.how != "explicit" else None
                found.append(Judged(key, row.conduct, str(ref.article) if ref else "none", score, row.strict_link,
                                    labels[key], row.link_binds_offender))
    return sorted(found, key=lambda judged: judged.key)


WEAK = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
PAIRS = [(floor, strict, weak) for floor in GRID for strict in GRID if strict >= floor for weak in WEAK if weak == 0 or weak > floor]


def leave_one_out(by_weights: dict[tuple, list[Judged]], tie: int = TIE, anchor: tuple | None = None) -> tuple[int, int, dict[tuple, int]]:
    """(rows right held out, rows, {(weights, floors): times chosen}). For each row, among the settings within
    ``tie`` rows of the best on the other rows, the one nearest ``anchor`` (weights, floors: the current settings;
    without it the neutral weights and the smaller floors) is chosen — a change needs more than ``tie`` rows: with tie 0 a single
    held-out row can turn the choice between near-equal settings (issue 17f), with 1 it cannot turn it alone.
    Rows missing under some weights (none should be: weights change links, not rows) are left out of every count."""
    keys = set.intersection(*({row.key for row in rows} for rows in by_weights.values()))
    combos = sorted(by_weights, key=lambda weights: ((1 - weights[0]) + weights[1] + (1 - weights[2]), weights))   # nearest the neutral first
    table = {weights: [row for row in by_weights[weights] if row.key in keys] for weights in combos}
    right = {(weights, pair): [row.right(*pair) for row in table[weights]] for weights in combos for pair in PAIRS}
    totals = {choice: sum(flags) for choice, flags in right.items()}
    held, chosen = 0, {}
    rank = {weights: position for position, weights in enumerate(combos)}
    for index in range(len(keys)):
        others = {choice: totals[choice] - right[choice][index] for choice in right}
        top = max(others.values())
        tied = [choice for choice, total in others.items() if total >= top - tie]
        if anchor is not None:
            best = min(tied, key=lambda choice: (sum(abs(x - y) for x, y in zip(choice[0], anchor[0])),
                                                 sum(abs(x - y) for x, y in zip(choice[1], anchor[1])), -others[choice],
                                                 rank[choice[0]], choice[1]))
        else:
            best = min(tied, key=lambda choice: (rank[choice[0]], choice[1][0], choice[1][1], choice[1][2], -others[choice]))
        chosen[best] = chosen.get(best, 0) + 1
        held += right[best][index]
    return held, len(keys), chosen


def accuracy(rows: list[Judged], pair: tuple) -> int:
    return sum(row.right(*pair) for row in rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="?", default=str(DEFAULT))
    parser.add_argument("--misses", action="store_true", help="list the rows wrong under the current settings")
    parser.add_argument("--quick", action="store_true", help="only the current and the neutral weights: quicker, but the current weights were chosen on every row, so the first figure is not held out")
    args = parser.parse_args(argv)
    labels = read_labels(Path(args.labels))
    corpus = Corpus()
    current = LinkSettings.current()
    now_weights = (current.no_duty_weight, current.subject_boost, current.neighbour_weight)
    now = (current.min_score, current.strict_min_score, current.weak_score)
    grid = {NEUTRAL, now_weights} if args.quick else set(itertools.product(NO_DUTY, BOOST, NEIGHBOUR)) | {now_weights}
    by_weights = {weights: judged_rows(corpus, labels, weights) for weights in sorted(grid)}
    rows = by_weights[now_weights]
    print(f"{len(rows)} of {len(labels)} labelled rows found in the table")
    held, counted, chosen = leave_one_out(by_weights, anchor=(now_weights, now))
    print(f"leave-one-out (weights and floors chosen without the row): {held}/{counted} = {held / counted:.3f}; chosen: "
          + ", ".join(f"{'/'.join(f'{w:g}' for w in weights)} {'/'.join(f'{f:g}' for f in floors)} ×{n}"
                      for (weights, floors), n in sorted(chosen.items())))
    held0, _, chosen0 = leave_one_out(by_weights, tie=0)
    print(f"leave-one-out with no tie band (the rule before issue 17h): {held0}/{counted}; chosen: "
          + ", ".join(f"{'/'.join(f'{w:g}' for w in weights)} {'/'.join(f'{f:g}' for f in floors)} ×{n}"
                      for (weights, floors), n in sorted(chosen0.items())))
    neutral = by_weights[NEUTRAL]
    held_neutral, _, _ = leave_one_out({NEUTRAL: neutral})
    print(f"neutral weights 1/0 (before issue 17d), floors chosen without the row: {held_neutral}/{len(neutral)}")
    print(f"current settings {'/'.join(f'{w:g}' for w in now_weights)} {'/'.join(f'{f:g}' for f in now)} on all rows: "
          f"{accuracy(rows, now)}/{len(rows)}; neutral weights, one floor 0.08 (before issue 17b): "
          f"{accuracy(neutral, (0.08, 0.08, 0.0))}/{len(neutral)}")
    if args.misses:
        for row in rows:
            if not row.right(*now):
                law, article, paragraph, item, number = row.key
                print(f"  {law[7:]} {article}-{paragraph}-{item}-{number} {row.conduct[:40]} → {row.first} "
                      f"({'' if row.score is None else f'{row.score:.2f}'}{' strict' if row.strict else ''}); "
                      f"right: {','.join(sorted(row.acceptable))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
