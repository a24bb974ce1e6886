"""The question->law model of the re-ranker research (benchmarks/law_model.py, issue 14t) and its columns."""

import math

import numpy as np
import pytest

from benchmarks.law_model import LAW_LOGP_FLOOR, LawModel, law_columns, law_model_features, load, terms

EXAMPLES = [("复议决定书什么时候生效", ["行政复议法"]), ("申请行政复议的期限是多久", ["行政复议法"]),
            ("向法院提起行政诉讼的期限", ["行政诉讼法"]), ("行政诉讼的被告是谁", ["行政诉讼法", "行政复议法"]),
            ("罚款决定当场作出的条件", ["行政处罚法"])]


def test_terms_are_character_grams_and_words():
    got = terms("复议决定书生效？")
    assert "复" in got and "复议" in got and "书生" in got and "w:复议" in got
    assert "？" not in "".join(got)


def test_posterior_is_normalised_and_learns_the_law():
    model = LawModel.fit(EXAMPLES, alpha=0.3)
    post, backoff = model.log_posterior("复议决定什么时候生效")
    assert max(post, key=post.get) == "行政复议法"
    assert math.isclose(np.logaddexp.reduce(list(post.values()) + [backoff]), 0.0, abs_tol=1e-9)
    assert backoff < post["行政复议法"]


def test_a_shared_question_counts_half_for_each_law():
    model = LawModel.fit(EXAMPLES, alpha=0.3)
    docs = dict(zip(model.laws, np.exp(model.log_prior) * model.n_docs))
    assert math.isclose(docs["行政诉讼法"], 1.5) and math.isclose(docs["行政复议法"], 2.5)


def test_evidence_tempers_the_posterior():
    sure = LawModel.fit(EXAMPLES, alpha=0.3).log_posterior("申请行政复议的期限")[0]
    tempered = LawModel.fit(EXAMPLES, alpha=0.3, evidence=2.0).log_posterior("申请行政复议的期限")[0]
    assert max(tempered, key=tempered.get) == max(sure, key=sure.get)
    assert min(tempered.values()) > min(sure.values())


def test_written_model_reads_back_the_same(tmp_path):
    model = LawModel.fit(EXAMPLES, alpha=0.1, evidence=5.0)
    path = tmp_path / "law_model.tsv"
    model.write(path, ["test"])
    again = load(path)
    for query in ("复议决定书什么时候生效", "行政诉讼被告", "完全无关的问题"):
        a, b = model.log_posterior(query), again.log_posterior(query)
        assert a[0].keys() == b[0].keys() and math.isclose(a[1], b[1], rel_tol=1e-6)
        assert all(math.isclose(a[0][k], b[0][k], rel_tol=1e-5, abs_tol=1e-9) for k in a[0])


def test_missing_or_broken_file(tmp_path):
    assert load(tmp_path / "none.tsv") is None
    path = tmp_path / "bad.tsv"
    path.write_text("alpha\tx\nlaw\t0\t行政复议法\t2\nlaw\tbroken\nc\t复议\t0\t2\nc\t复议\t9\t1\n", encoding="utf-8")
    model = load(path)
    assert model.laws == ["行政复议法"] and model.alpha == 1.0   # bad alpha and unknown law id skipped


def test_features_renormalise_over_the_candidate_laws():
    post = {"A": math.log(0.6), "B": math.log(0.1), "C": -500.0}
    x = law_model_features(["B", "A", "D", "B", "C"], post, math.log(0.05))
    p = np.array([0.1, 0.6, 0.05])
    expected = np.log(p / (p.sum() + math.exp(-500.0)))
    assert np.allclose(x[[0, 1, 2], 0], expected[[0, 1, 2]])
    assert x[3, 0] == x[0, 0] and x[4, 0] == LAW_LOGP_FLOOR
    assert np.allclose(x[:, 1], np.log1p([1, 0, 2, 1, 3]))   # A first, then B, the unseen D, C



def test_law_columns_of_candidate_rows():
    from types import SimpleNamespace

    clauses = [SimpleNamespace(law=law) for law in ("行政诉讼法", "行政复议法", "未见过的法")]
    x = law_columns("申请行政复议的期限", [0, 1, 2, 1], clauses, LawModel.fit(EXAMPLES, alpha=0.3))
    assert x.shape == (4, 2) and x[1, 0] > x[0, 0] and x[1, 0] > x[2, 0]     # 行政复议法 first
    assert x[1, 1] == 0.0 and x[3].tolist() == x[1].tolist()
    assert sorted(x[:3, 1].tolist()) == pytest.approx(np.log1p([0, 1, 2]).tolist())
