"""A row punished by reference states no amount of its own: the table says so instead of 无罚款 (sample 37 #4)."""

from __future__ import annotations

from dataclasses import replace

from kb.penalty.present import base_fine_label
from kb.penalty.rows import parse_clause
from tests.corpus_builders import make_document
from tests.penalty.laws_db import whole_law


def _records(title, article):
    path, text = whole_law(title)[article]
    _, [clause] = make_document(title, ["|".join(path) + "|" + text])
    return [row.to_record() for row in parse_clause(replace(clause, id=1))]


def test_a_penalty_by_the_sellers_provisions_is_no_row_without_a_fine():
    """产品质量法第六十二条: 按照…货值金额，依照本法对销售者的处罚规定处罚."""
    [row] = _records("中华人民共和国产品质量法", 62)
    assert base_fine_label(row) == "按所引规定处罚（“依照本法对销售者的处罚规定处罚”；本款未写明罚款数额）"


def test_a_public_order_penalty_names_its_source():
    rows = _records("中华人民共和国邮政法", 77)
    assert any(base_fine_label(r).startswith("按所引规定处罚（“给予治安管理处罚”") for r in rows)


def test_a_row_with_neither_fine_nor_reference_still_says_no_fine():
    row = {"sanctions": [{"condition": None, "measures": ["责令改正"], "fines": [], "text": "责令改正"}]}
    assert base_fine_label(row) == "无罚款"
    stated = {"sanctions": [{"condition": None, "measures": ["依法处罚（依照其他规定）", "罚款"], "text": "依法予以处罚",
                             "fines": [{"status": "parsed", "label": "一万元以上十万元以下"}]}]}
    assert base_fine_label(stated) == "处一万元以上十万元以下罚款"
