"""Draw the articles of report set 3 (issue 14w, benchmarks/questions/bureau_staff_report3.jsonl).

The draw of report set 2 (benchmarks/draw_report2.draw, same pools, same order of topics) with
random.Random(1301), the per-topic counts scaled to 60 questions, and every article that bureau_staff.jsonl
OR bureau_staff_report2.jsonl lists in `relevant` left out of the pools. The first n drawn are used; an article
no staff member would ask about is replaced by the next spare in drawn order (REPLACED below, with the reason).
A question is then written from each article read in laws.db, before LawKB is run on it.

    python -m benchmarks.draw_report3
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.draw_report2 import QUESTIONS, TOPICS as TOPICS2, draw as draw_pools

SEED = 1301
COUNTS = {"法典法律责任": 23, "行政处罚法": 10, "行政强制法": 7, "行政复议法": 5, "行政诉讼法": 5,
          "民法典侵权": 6, "行政许可法": 2, "宪法": 2}
TOPICS = tuple((topic, law, first, last, COUNTS[topic]) for topic, law, first, last, _ in TOPICS2)
EXCLUDED = ("bureau_staff.jsonl", "bureau_staff_report2.jsonl")
# Articles no staff member would ask about, by topic: every drawn article and spare was read in laws.db, and
# the only such ones are the 法典's routing sentences "违反本法第X编…规定，适用本节规定予以行政处罚" (1094, 1158,
# 1193, 1228 drawn; 1113, 1085 spares), the same shape set 2 replaced. The 法典 articles that point to another law
# for the sanction (1197 核安全法, 1211 土地管理法…, 1213 生物安全法…, 1214 长江保护法…) are kept: they name the
# conduct and the deciding department, which is what a staff member asks.
ROUTING = "适用本节规定予以行政处罚"
REPLACED: dict[str, set[int]] = {"法典法律责任": {1085, 1094, 1113, 1158, 1193, 1228}}


def draw(db: Path | None = None) -> dict[str, tuple[list[int], list[int]]]:
    """topic -> (the n articles drawn, the spares in drawn order), before replacement."""
    return draw_pools(db, seed=SEED, topics=TOPICS, excluded=EXCLUDED)


def final(drawn: dict[str, tuple[list[int], list[int]]]) -> dict[str, list[int]]:
    """topic -> the articles the questions are written from: the drawn ones less REPLACED, filled up
    with the spares (less REPLACED) in drawn order."""
    out = {}
    for topic, (used, spares) in drawn.items():
        skip = REPLACED.get(topic, set())
        kept = [a for a in used if a not in skip]
        fill = [a for a in spares if a not in skip][:len(used) - len(kept)]
        if len(kept) + len(fill) < len(used):
            raise ValueError(f"{topic}: not enough spares")
        out[topic] = sorted(kept + fill)
    return out


__all__ = ["QUESTIONS", "TOPICS", "COUNTS", "EXCLUDED", "REPLACED", "draw", "final"]


if __name__ == "__main__":
    drawn = draw()
    for topic, (used, spares) in drawn.items():
        print(f"{topic}: {used} spares {spares}")
    for topic, arts in final(drawn).items():
        print(f"final {topic}: {arts}")
