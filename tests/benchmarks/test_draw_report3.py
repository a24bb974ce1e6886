"""Report set 3's draw (issue 14w): deterministic, outside every article set 1 and set 2 ask about, and the
replaced articles are exactly the drawn ones that only route to the section's sanctions."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from benchmarks import draw_report2, draw_report3
from ingest.lawsdb import default_laws_db

if not Path(default_laws_db()).exists():
    pytest.skip("laws.db is not installed", allow_module_level=True)


def asked(name: str) -> set[tuple[str, int]]:
    return {(law, art) for line in (draw_report3.QUESTIONS / name).read_text(encoding="utf-8").splitlines()
            if line.strip() for law, art in json.loads(line)["relevant"]}


def test_the_draw_is_deterministic_and_sized():
    a, b = draw_report3.draw(), draw_report3.draw()
    assert a == b
    assert {t: len(used) for t, (used, _) in a.items()} == draw_report3.COUNTS
    assert sum(draw_report3.COUNTS.values()) == 60
    assert draw_report3.final(a) == draw_report3.final(b)


def test_no_article_of_set_1_or_set_2_is_drawn():
    old = asked("bureau_staff.jsonl") | asked("bureau_staff_report2.jsonl")
    laws = {topic: law for topic, law, _, _, _ in draw_report3.TOPICS}
    for topic, (used, spares) in draw_report3.draw().items():
        assert not {(laws[topic], a) for a in used + spares} & old, topic


def test_set_2_draw_unchanged_by_the_parameters():
    default = draw_report2.draw()
    explicit = draw_report2.draw(seed=1201, topics=draw_report2.TOPICS, excluded=("bureau_staff.jsonl",))
    assert default == explicit
    assert default["行政许可法"][0] == [12, 28, 60, 61]  # as committed with set 2


def test_replaced_articles_are_exactly_the_routing_ones_drawn():
    con = sqlite3.connect(default_laws_db())
    laws = {topic: law for topic, law, _, _, _ in draw_report3.TOPICS}
    drawn = draw_report3.draw()
    for topic, (used, spares) in drawn.items():
        routing = set()
        for a in used + spares:
            text = "".join(r[0] for r in con.execute(
                "SELECT article_text FROM articles WHERE law_name = ? AND article_no_arabic = ? "
                "AND status = '现行有效'", (laws[topic], a)))
            if draw_report3.ROUTING in text and "罚款" not in text:
                routing.add(a)
        assert routing == draw_report3.REPLACED.get(topic, set()), topic
    final = draw_report3.final(drawn)
    assert all(len(final[t]) == n for t, n in draw_report3.COUNTS.items())
    assert not set(final["法典法律责任"]) & draw_report3.REPLACED["法典法律责任"]
