"""Draw the articles of report set 2 (issue 14v, benchmarks/questions/bureau_staff_report2.jsonl).

random.Random(1201) samples, topic after topic in the order below, n + 6 articles from each topic's pool:
the in-force articles of the law's current version between the given numbers (the first chapter,
总则/总纲, and the 附则 left out; for 生态环境法典 the two 法律责任 chapters 1052-1238), less the articles
bureau_staff.jsonl already asks about. The first n drawn are used; an article no staff member would ask
about (法典 1094/1101/1113/1146/1228, and the spare 1181: "违反本法第X编…规定，适用本节规定") is replaced by the next spare
in drawn order. A question is then written from each article read in laws.db, before LawKB is run on it.

    python -m benchmarks.draw_report2
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

from ingest.lawsdb import default_laws_db

SEED = 1201
SPARES = 6
TOPICS = (  # topic, law, first and last article of the pool, questions
    ("法典法律责任", "中华人民共和国生态环境法典", 1052, 1238, 35),
    ("行政处罚法", "中华人民共和国行政处罚法", 9, 83, 15),
    ("行政强制法", "中华人民共和国行政强制法", 9, 68, 10),
    ("行政复议法", "中华人民共和国行政复议法", 11, 86, 8),
    ("行政诉讼法", "中华人民共和国行政诉讼法", 12, 100, 7),
    ("民法典侵权", "中华人民共和国民法典", 1165, 1258, 8),
    ("行政许可法", "中华人民共和国行政许可法", 12, 80, 4),
    ("宪法", "中华人民共和国宪法", 33, 143, 3),
)
QUESTIONS = Path(__file__).resolve().parent / "questions"


def draw(db: Path | None = None, seed: int = SEED, topics: tuple = TOPICS,
         excluded: tuple[str, ...] = ("bureau_staff.jsonl",)) -> dict[str, tuple[list[int], list[int]]]:
    """topic -> (the n articles used, the spares in drawn order).

    `excluded` names question files under benchmarks/questions/: every article any of their questions lists
    in `relevant` is left out of the pools (report set 3 passes set 1's and set 2's files, with its own seed
    and counts; see benchmarks/draw_report3.py)."""
    asked = {(law, art) for name in excluded
             for line in (QUESTIONS / name).read_text(encoding="utf-8").splitlines() if line.strip()
             for law, art in json.loads(line)["relevant"]}
    con = sqlite3.connect(db or default_laws_db())
    rng = random.Random(seed)
    out = {}
    for topic, law, first, last, n in topics:
        law_id = con.execute("SELECT law_id FROM laws WHERE law_name = ? AND status = '现行有效' "
                             "ORDER BY version_date DESC LIMIT 1", (law,)).fetchone()[0]
        arts = sorted({r[0] for r in con.execute(
            "SELECT article_no_arabic FROM articles WHERE law_id = ? AND article_no_arabic BETWEEN ? AND ?",
            (law_id, first, last))})
        picks = rng.sample([a for a in arts if (law, a) not in asked], n + SPARES)
        out[topic] = (sorted(picks[:n]), picks[n:])
    return out


if __name__ == "__main__":
    for topic, (used, spares) in draw().items():
        print(f"{topic}: {used} spares {spares}")
