"""Report set 2 (issue 14v): the two files parse, every gold article is in laws.db, and the questions'
articles are the ones benchmarks.draw_report2 draws."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

from benchmarks.draw_report2 import QUESTIONS, TOPICS, draw
from ingest.lawsdb import default_laws_db


def records(name: str) -> list[dict]:
    return [json.loads(line) for line in (QUESTIONS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


STAFF2 = records("bureau_staff_report2.jsonl")
OOS2 = records("out_of_scope_report2.jsonl")


def test_files_parse_with_the_planned_spread():
    assert len(STAFF2) == 90 and len(OOS2) == 30
    for rs in (STAFF2, OOS2):
        assert len({r["id"] for r in rs}) == len(rs) and len({r["text"] for r in rs}) == len(rs)
        assert all(r["fold"] == 4 and r["text"].strip() for r in rs)
    assert Counter(r["topic"] for r in STAFF2) == {topic: n for topic, _, _, _, n in TOPICS}
    assert all(r["relevant"] == [] for r in OOS2) and all(r["relevant"] for r in STAFF2)


def test_questions_are_new():
    old = {r["text"] for name in ("bureau_staff.jsonl", "out_of_scope.jsonl", "in_scope_near_miss.jsonl")
           for r in records(name)}
    assert not old & {r["text"] for r in STAFF2 + OOS2}


def test_every_gold_article_is_in_force_in_laws_db():
    con = sqlite3.connect(default_laws_db())
    for r in STAFF2:
        for law, article in r["relevant"]:
            row = con.execute("SELECT count(*) FROM articles WHERE law_name = ? AND article_no_arabic = ? "
                              "AND status = '现行有效'", (law, article)).fetchone()
            assert row[0] >= 1, (r["id"], law, article)


def test_the_first_gold_articles_are_the_drawn_ones():
    drawn = draw()
    laws = {topic: law for topic, law, _, _, _ in TOPICS}
    for topic, (used, spares) in drawn.items():
        firsts = sorted(r["relevant"][0][1] for r in STAFF2 if r["topic"] == topic)
        assert all(r["relevant"][0][0] == laws[topic] for r in STAFF2 if r["topic"] == topic)
        # the draw's articles, less the "适用本节规定" ones replaced by the spares in drawn order
        replaced = {1094, 1101, 1113, 1146, 1181, 1228} if topic == "法典法律责任" else set()
        kept = [a for a in used if a not in replaced]
        fill = [a for a in spares if a not in replaced][:len(used) - len(kept)]
        assert firsts == sorted(kept + fill), topic
