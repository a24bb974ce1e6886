"""Choose the penalty table's link floors (kb/penalty/links.py) by leave-one-out over rows checked by hand.

    LAWKB_HOME=... python -m benchmarks.penalty_links [benchmarks/penalty_links.tsv] [--misses]

``penalty_links.tsv`` lists table rows (law, article, 款, 项, row number) with the obligation
articles a reader accepts as the one the conduct breaks ("none": no article does, so no link is
right). The rows are those of the hand-check samples 1–6 (benchmarks/penalty_handcheck.md), each
judged against the statute text. Every row is linked with both floors at 0; a row counts as right
when its first link (or none, when its score is under the floor that applies to it) is acceptable.
For each row the pair (PENALTY_LINK_MIN_SCORE, PENALTY_LINK_STRICT_MIN_SCORE) is chosen on all the
other rows (ties: the smaller floors) and the row is scored with it: the held-out accuracy is
printed, with the accuracy of the current settings and of the old single floor 0.08.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from kb.corpus import Corpus
from kb.penalty.links import LinkSettings
from kb.penalty.table import document_rows

GRID = (0.0, 0.04, 0.08, 0.12, 0.16, 0.2, 0.25, 0.3, 0.35, 0.4)
DEFAULT = Path(__file__).with_name("penalty_links.tsv")


@dataclass
class Judged:
    key: tuple
    conduct: str
    first: str                  # first linked article number, or "none"
    score: float | None         # None: explicit or inherited from an explicit reference
    strict: bool
    acceptable: set[str]

    def right(self, floor: float, strict_floor: float) -> bool:
        kept = self.score is None or self.score >= (strict_floor if self.strict else floor)
        return (self.first if kept else "none") in self.acceptable


def read_labels(path: Path) -> dict[tuple, set[str]]:
    labels = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            law, article, paragraph, item, number, acceptable = line.split("\t")[:6]
            labels[("中华人民共和国" + law, int(article), int(paragraph), int(item), int(number))] = set(acceptable.split(","))
    return labels


def judged_rows(corpus: Corpus, labels: dict[tuple, set[str]]) -> list[Judged]:
    store = corpus.store
    unfloored = LinkSettings(0.0, 0.0, LinkSettings.current().alternative)
    found = []
    for title in sorted({key[0] for key in labels}):
        document = store.version_on(title)
        for row in document_rows(store, document, options=unfloored):
            key = (title, row.clause.article, row.paragraph, row.item or 0, row.number)
            if key in labels:
                ref = row.references[0] if row.references else None
                score = ref.score if ref is not None and ref.how != "explicit" else None
                found.append(Judged(key, row.conduct, str(ref.article) if ref else "none", score, row.strict_link,
                                    labels[key]))
    return found


def accuracy(rows: list[Judged], pair: tuple[float, float], skip: int | None = None) -> int:
    return sum(row.right(*pair) for index, row in enumerate(rows) if index != skip)


def leave_one_out(rows: list[Judged]) -> tuple[int, dict[tuple, int]]:
    pairs = [(floor, strict) for floor in GRID for strict in GRID if strict >= floor]
    held, chosen = 0, {}
    for index, row in enumerate(rows):
        best = max(pairs, key=lambda pair: (accuracy(rows, pair, skip=index), -pair[0], -pair[1]))
        chosen[best] = chosen.get(best, 0) + 1
        held += row.right(*best)
    return held, chosen


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="?", default=str(DEFAULT))
    parser.add_argument("--misses", action="store_true", help="list the rows wrong under the current settings")
    args = parser.parse_args(argv)
    labels = read_labels(Path(args.labels))
    rows = judged_rows(Corpus(), labels)
    current = LinkSettings.current()
    now = (current.min_score, current.strict_min_score)
    print(f"{len(rows)} of {len(labels)} labelled rows found in the table")
    held, chosen = leave_one_out(rows)
    print(f"leave-one-out (floors chosen without the row): {held}/{len(rows)} = {held / len(rows):.3f}; "
          f"floors chosen: {', '.join(f'{a:g}/{b:g} ×{n}' for (a, b), n in sorted(chosen.items()))}")
    print(f"current settings {now[0]:g}/{now[1]:g} on all rows: {accuracy(rows, now)}/{len(rows)}; "
          f"one floor 0.08 (before): {accuracy(rows, (0.08, 0.08))}/{len(rows)}")
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
