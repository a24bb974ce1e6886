"""Report set 3 (issue 14w): the two files parse, the texts are new, every gold article is in force in
laws.db, and each question's first gold article is one benchmarks.draw_report3 draws (after replacement)."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.draw_report3 import COUNTS, QUESTIONS, TOPICS, draw, final
from ingest.lawsdb import default_laws_db


def records(name: str) -> list[dict]:
    return [json.loads(line) for line in (QUESTIONS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


STAFF3 = records("bureau_staff_report3.jsonl")
OOS3 = records("out_of_scope_report3.jsonl")


def test_files_parse_with_the_planned_spread():
    assert len(STAFF3) == 60 and len(OOS3) == 40
    assert [r["id"] for r in STAFF3] == [f"rep3-{i:03d}" for i in range(1, 61)]
    assert [r["id"] for r in OOS3] == [f"oos3-{i:03d}" for i in range(1, 41)]
    for rs in (STAFF3, OOS3):
        assert len({r["text"] for r in rs}) == len(rs)
        assert all(r["fold"] == 4 and r["text"].strip() and r["topic"] for r in rs)
    assert Counter(r["topic"] for r in STAFF3) == COUNTS
    assert all(r["relevant"] == [] for r in OOS3) and all(r["relevant"] for r in STAFF3)
    assert len(set(r["topic"] for r in OOS3)) >= 10


def test_questions_are_new():
    old = {r["text"] for name in ("bureau_staff.jsonl", "out_of_scope.jsonl", "in_scope_near_miss.jsonl",
                                  "bureau_staff_report2.jsonl", "out_of_scope_report2.jsonl")
           for r in records(name)}
    assert not old & {r["text"] for r in STAFF3 + OOS3}


def test_questions_name_no_article_number():
    assert not any("第" in r["text"] and "条" in r["text"] for r in STAFF3)


@pytest.mark.skipif(not Path(default_laws_db()).exists(), reason="laws.db is not installed")
def test_every_gold_article_is_in_force_in_laws_db():
    con = sqlite3.connect(default_laws_db())
    for r in STAFF3:
        for law, article in r["relevant"]:
            row = con.execute("SELECT count(*) FROM articles WHERE law_name = ? AND article_no_arabic = ? "
                              "AND status = '现行有效'", (law, article)).fetchone()
            assert row[0] >= 1, (r["id"], law, article)


@pytest.mark.skipif(not Path(default_laws_db()).exists(), reason="laws.db is not installed")
def test_the_first_gold_articles_are_the_drawn_ones():
    laws = {topic: law for topic, law, _, _, _ in TOPICS}
    for topic, arts in final(draw()).items():
        rows = [r for r in STAFF3 if r["topic"] == topic]
        assert all(r["relevant"][0][0] == laws[topic] for r in rows)
        assert sorted(r["relevant"][0][1] for r in rows) == arts, topic
