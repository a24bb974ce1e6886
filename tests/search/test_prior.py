"""The article prior (kb.search.prior) and its boost in hybrid search."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest

from kb.search.prior import PRIOR_PATH, load_prior, row_prior, scaled


def test_load_prior_skips_comments_and_malformed_lines(tmp_path):
    path = tmp_path / "prior.tsv"
    path.write_text("# comment\n中华人民共和国民法典\t990\t18\n坏行\n民法典\tx\t3\n"
                    "行政处罚法\t33\t0\n中华人民共和国劳动合同法\t7\t14\n", encoding="utf-8")
    assert load_prior(path) == {("中华人民共和国民法典", 990): 18,
                                ("中华人民共和国劳动合同法", 7): 14}
    assert load_prior(tmp_path / "missing.tsv") == {}


def test_row_prior_is_log_scaled_and_zero_for_unnamed_articles():
    table = {("甲法", 1): 15, ("甲法", 2): 1}
    clauses = [SimpleNamespace(law="甲法", article=1), SimpleNamespace(law="甲法", article=2),
               SimpleNamespace(law="乙法", article=1)]  # row_prior reads a clause's law and article
    values = row_prior(clauses, table)
    assert values.tolist() == pytest.approx([1.0, math.log(2) / math.log(16), 0.0])
    assert scaled({}) == {}


def test_shipped_prior_names_articles_of_the_national_laws():
    table = load_prior(PRIOR_PATH)
    assert len(table) > 500 and max(table.values()) > 5
    assert all(law.startswith("中华人民共和国") or "法" in law or "条例" in law for law, _ in table)


def test_hybrid_prior_boost_lifts_a_named_article(small_corpus, monkeypatch):
    from kb.search.filters import SearchFilters
    from kb.search.index_build import build_indexes
    from kb.search.searchers import bundle_for

    build_indexes(small_corpus)
    bundle = bundle_for(small_corpus)
    mask = bundle.row_filter.mask(SearchFilters(include_repealed=True))
    hybrid = bundle.hybrid()
    query = "行政处罚 听证 罚款"
    hybrid.params = {**hybrid.params, "prior_boost": 0.0}
    rows = hybrid.candidates(query, mask, 50)[0].tolist()
    assert len(rows) >= 3
    last = bundle.clauses[rows[-1]]
    prior = np.zeros(len(bundle.clauses))
    prior[[r for r, c in enumerate(bundle.clauses) if (c.law, c.article) == (last.law, last.article)]] = 1.0
    monkeypatch.setattr(type(bundle), "article_prior", property(lambda self: prior))
    assert hybrid.candidates(query, mask, 50)[0].tolist() == rows  # no boost: no change
    hybrid.params["prior_boost"] = 5.0
    assert hybrid.candidates(query, mask, 50)[0].tolist()[0] == rows[-1]
