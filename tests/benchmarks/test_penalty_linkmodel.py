"""The learned obligation-link chooser of issue 17y (benchmarks/penalty_linkfeatures.py, benchmarks/penalty_linkmodel.py):
each candidate feature on a linked example law, the "none" option, the conditional logit's fit and choice."""

from dataclasses import replace

import numpy as np
import pytest

from benchmarks.penalty_linkfeatures import (CANDIDATE, FEATURES, NONE, article_units, bigram_cover, bigrams, candidates,
                                             choose, design, in_parts, longest_common, none_features, pick_candidates,
                                             same_part)
from benchmarks.penalty_linkmodel import FEATURE_SETS, Labelled, columns, fit, pick, read_samples, right
from kb.penalty.links import LinkSettings, link_rows
from kb.penalty.rows import parse_clause
from tests.penalty.test_links import ARTICLES, LAW
from tests.corpus_builders import make_document

AT = {name: index for index, name in enumerate(CANDIDATE)}


@pytest.fixture(scope="module")
def traced():
    document, clauses = make_document(LAW, ARTICLES)
    clauses = [replace(clause, id=index) for index, clause in enumerate(clauses, 1)]
    rows = [row for clause in clauses for row in parse_clause(clause)]
    trace: dict = {}
    link_rows(rows, clauses, options=LinkSettings(0.12, 0.25, 0.9), trace=trace)
    return {(row.clause.article, row.paragraph, row.item or 0): row for row in rows}, trace


def test_bigrams_stay_inside_runs_of_chinese_characters():
    assert bigrams("排污许可，证") == {"排污", "污许", "许可"}
    assert bigrams("a") == set()


def test_bigram_cover_is_the_share_of_the_conducts_pairs_the_clause_holds():
    assert bigram_cover("取得排污许可证", "应当取得排污许可证") == 1.0
    assert bigram_cover("未取得排污许可证", "应当取得排污许可证") == pytest.approx(6 / 7)     # 未取 is not there
    assert bigram_cover("未取得排污许可证", "禁止倾倒垃圾") == 0.0
    assert 0 < bigram_cover("违反本法规定，擅自倾倒垃圾", "禁止倾倒建筑垃圾") < 1
    assert bigram_cover("", "任何文字") == 0.0


def test_longest_common_is_the_longest_shared_run_as_a_share_capped_at_one():
    assert longest_common("擅自倾倒垃圾", "禁止倾倒建筑垃圾") == pytest.approx(2 / 12)
    assert longest_common("未按照规定建立开采台账如实记录开采数量", "应当按照规定建立开采台账如实记录开采数量") == 1.0
    assert longest_common("甲", "乙") == 0.0


def test_in_parts_and_same_part_read_the_clause_path():
    path = ("第二编 污染防治", "第一分编 一般规定", "第二章 排污许可")
    assert in_parts(path, ["第二编", "第二章"])
    assert not in_parts(path, ["第三编"])
    assert not in_parts(path, [])
    assert same_part(path, ("第二编 污染防治", "第九章 法律责任"))
    assert not same_part(path, ("第三编 生态保护",)) and not same_part((), ())


def test_the_trace_holds_matched_rows_only_and_the_rules_choice(traced):
    rows, trace = traced
    matched = rows[(13, 1, 1)]                       # 未建立开采台账 → 第三条 by the match
    assert matched.id in trace and matched.references[0].how == "matched"
    assert trace[matched.id]["chosen"] == matched.references[0].clause_id
    assert rows[(7, 1, 1)].id not in trace           # 不履行本法第三条规定的台账义务: explicit
    assert rows[(13, 1, 2)].id not in trace          # a catch-all is not matched
    entry = trace[matched.id]
    assert len(entry["base"]) == len(entry["units"]) == len(entry["scores"]) == len(entry["own"])


def test_article_units_keep_one_unit_per_article_the_rules_best(traced):
    rows, trace = traced
    entry = trace[rows[(13, 1, 1)].id]
    best = article_units(entry)
    assert len(best) == len({clause.id for clause, _, _ in entry["units"]})
    ranked = entry["scores"] * entry["preference"]
    for clause_id, index in best.items():
        assert all(ranked[index] >= ranked[i] for i, (clause, _, _) in enumerate(entry["units"]) if clause.id == clause_id)


def test_pick_candidates_puts_the_rules_order_first_then_the_raw_best_of_the_rest(traced):
    rows, trace = traced
    entry = trace[rows[(13, 1, 1)].id]
    picked = pick_candidates(entry, top=1, extra=1)
    assert entry["units"][picked[0]][0].id == entry["chosen"]
    assert len(picked) == 2 and entry["units"][picked[1]][0].id != entry["chosen"]


def test_candidate_features_mark_the_rules_choice_the_top_and_the_offenders_duty(traced):
    rows, trace = traced
    row = rows[(13, 1, 1)]
    picked, matrix = candidates(trace[row.id], row)
    assert matrix.shape == (len(picked), len(CANDIDATE))
    first = matrix[0]
    assert first[AT["rules_choice"]] == 1 and first[AT["top"]] == 1 and first[AT["inverse_rank"]] == 1
    assert first[AT["share_of_best"]] == 1 and first[AT["gap_to_best"]] == 0
    assert first[AT["raw"]] == pytest.approx(np.sqrt(first[AT["cosine"]] * first[AT["coverage"]]))
    assert (matrix[1:, AT["rules_choice"]] == 0).all() and (matrix[1:, AT["inverse_rank"]] < 1).all()
    assert first[AT["bigram_cover"]] > 0.5          # 开采台账 is in 第三条


def test_none_features_describe_the_best_candidate_and_the_row(traced):
    rows, trace = traced
    row = rows[(13, 1, 1)]
    picked, matrix = candidates(trace[row.id], row)
    values = dict(zip(NONE, none_features(trace[row.id], row, picked, matrix)))
    assert values["none"] == 1 and values["none_item"] == 1 and values["none_rules"] == 0
    assert values["none_best_score"] == matrix[0][AT["score"]] and values["none_official"] == 0


def test_design_puts_the_none_option_last_in_its_own_columns(traced):
    rows, trace = traced
    row = rows[(13, 1, 1)]
    picked, options = design(trace[row.id], row)
    assert options.shape == (len(picked) + 1, len(FEATURES))
    assert (options[-1, :len(CANDIDATE)] == 0).all() and (options[:-1, len(CANDIDATE):] == 0).all()


def test_choose_takes_the_highest_utility_and_scaling_matters():
    options = np.array([[1.0, 0.0], [0.0, 1.0]])
    index, probability = choose(options, np.array([2.0, 1.0]), np.zeros(2), np.ones(2))
    assert index == 0 and probability[0] > probability[1] and probability.sum() == pytest.approx(1)
    assert choose(options, np.array([2.0, 1.0]), np.zeros(2), np.array([4.0, 1.0]))[0] == 1


def _toy(sample, good, bad):
    options = np.zeros((3, len(FEATURES)))
    options[0, 0], options[1, 0] = good, bad
    options[2, len(CANDIDATE)] = 1.0
    return Labelled(("法", sample, 1, 0, 0), sample, "", {"1"}, "2", options, ["1", "2", "none"])


def test_fit_learns_which_feature_marks_the_right_option():
    rows = [_toy(sample, 1.0 + 0.1 * sample, 0.2) for sample in range(1, 6)] + [_toy(9, 0.9, 0.1)]
    weights, scale = fit(rows, 0.01)
    assert weights[0] > 0
    assert pick(rows[-1], weights, scale) == "1" and right(rows, weights, scale) == len(rows)
    assert pick(replace(rows[-1], options=None), weights, scale) == "2"      # undecided rows keep the rules' link
    masked, _ = fit(rows, 0.01, columns("no-rules-choice") * 0)
    assert not masked.any()


def test_feature_sets_leave_out_what_they_name():
    kept = columns("no-rules-choice")
    assert kept[FEATURES.index("rules_choice")] == 0 and kept[FEATURES.index("cosine")] == 1
    assert columns("all").all() and set(FEATURE_SETS) >= {"all", "no-rules-choice"}


def test_read_samples_keeps_the_sample_of_each_row(tmp_path):
    path = tmp_path / "links.tsv"
    path.write_text("# header\n水法\t69\t1\t1\t0\t48,none\t3\t未经批准擅自取水\n", encoding="utf-8")
    assert read_samples(path) == {("中华人民共和国水法", 69, 1, 1, 0): ({"48", "none"}, 3)}
