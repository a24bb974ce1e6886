"""The nested, cross-fitted question->law feature of benchmarks/research_law_model.py on toy data."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from benchmarks.cv_features import Question
from benchmarks.research_law_model import choose_setting, cross_fitted, gold_logp, train
from kb.search.rerank import FEATURES

TEXTS = {"复议": ("申请行政复议", "复议机关决定", "复议期限多久", "复议决定生效"),
         "诉讼": ("向法院起诉", "行政诉讼被告", "起诉期限多久", "法院判决生效")}


def toy():
    questions = []
    for law, texts in TEXTS.items():
        for fold, text in enumerate(texts):
            questions.append(Question("staff" if fold % 2 else "stard", f"{law}{fold}", text, {(law + "法", 1)}, fold))
    return questions


def test_training_weights_the_sets_alike_when_balanced():
    qs = toy() + [Question("stard", "x", "复议复议", {("复议法", 2)}, 0)]
    idx = np.arange(len(qs))
    plain, balanced = train(qs, idx, (0.1, 0.0, False)), train(qs, idx, (0.1, 0.0, True))
    assert plain.n_docs == len(qs) and abs(balanced.n_docs - len(qs)) < 1e-9
    assert balanced.log_prior[plain.laws.index("复议法")] < plain.log_prior[plain.laws.index("复议法")]


def test_the_law_model_learns_held_out_questions():
    qs = toy()
    folds = np.array([q.fold for q in qs])
    model = train(qs, np.flatnonzero(folds != 3), (0.1, 0.0, False))
    assert gold_logp(model, qs[3])[1] and gold_logp(model, qs[7])[1]
    assert choose_setting(qs, folds, np.ones(len(qs), bool)) is not None


def test_cross_fitting_never_scores_a_question_with_a_model_that_saw_it():
    qs = toy()
    folds = np.array([q.fold for q in qs])
    traits = SimpleNamespace(clauses=[SimpleNamespace(law="复议法"), SimpleNamespace(law="诉讼法")])
    lists = SimpleNamespace(x=[np.zeros((2, len(FEATURES) + 2)) for _ in qs], rows=[np.array([0, 1]) for _ in qs])
    pool, held = folds != 3, np.flatnonzero(folds == 3)
    models = cross_fitted(lists, traits, qs, folds, pool, (0.1, 0.0, False), held)
    assert sorted(k for k in models if k != "all") == [0, 1, 2]
    for f in (0, 1, 2):   # the model of fold f was trained without it
        assert models[f].n_docs == pool.sum() - (pool & (folds == f)).sum()
    assert models["all"].n_docs == pool.sum()
    col = len(FEATURES)
    i = next(i for i, q in enumerate(qs) if q.fold == 0)
    post, backoff = models[0].log_posterior(qs[i].text)
    expected = post.get("复议法", backoff) - np.logaddexp(post.get("复议法", backoff), post.get("诉讼法", backoff))
    assert lists.x[i][0, col] == max(expected, -30.0)
    assert all(lists.x[j].any() for j in held)
    assert not any(x[:, :col].any() for x in lists.x)   # only the law columns are written
