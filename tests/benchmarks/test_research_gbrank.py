"""The non-linear re-rankers of benchmarks/research_gbrank.py, on data that needs no index."""

from __future__ import annotations

import json

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from benchmarks.research_gbrank import TreeModel, boost, export, export_boost, with_pairs
from benchmarks.research_rerank import model_of
from kb.search.rerank import FEATURES
from tests.benchmarks.test_research_rerank import toy_lists


def interaction_lists(n_questions=300, n=10, seed=0):
    """toy_lists where what marks the right candidate depends on the question: with law_named on (every
    candidate) it holds the highest coverage, with it off the lowest, so no linear model can pick it."""
    lists = toy_lists(n_questions, n, seed)
    rng = np.random.default_rng(seed)
    c, named = FEATURES.index("coverage"), FEATURES.index("law_named")
    for j, (x, gold) in enumerate(zip(lists.x, lists.gold)):
        right = int(np.flatnonzero(gold)[0])
        x[:, c] = rng.uniform(0.3, 0.6, n)
        x[:, named] = j % 2
        x[right, c] = 0.9 if j % 2 else 0.1
    return lists


def test_tree_model_reproduces_the_fitted_classifier_and_survives_json():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2000, len(FEATURES)))
    y = (x[:, 0] * x[:, 3] + x[:, 5] > 0.3).astype(int)
    model = HistGradientBoostingClassifier(max_depth=3, max_leaf_nodes=8, max_iter=40, early_stopping=False,
                                           random_state=0).fit(x, y)
    tree = TreeModel(json.loads(json.dumps(export(model, 50))))
    probe = rng.normal(size=(60, len(FEATURES)))
    probe[3, 5] = np.nan                                    # a missing value goes where the fit sent it
    assert np.allclose(tree(probe), model.decision_function(probe), atol=1e-9)
    assert not np.allclose(tree(probe), tree(probe[::-1]))   # it reads the rows


def test_boost_learns_an_interaction_the_linear_start_misses_and_its_export_scores_alike():
    lists = interaction_lists()
    sets = np.array(["staff"] * len(lists.x))
    train, test = np.arange(200), np.arange(200, 300)
    (w, trees), staged = boost(lists, train, sets, 10, 0.01, 2, 0.3, 25, test)
    assert staged[0][:, 0].mean() < 0.7          # the linear model alone: one of the two decoys often wins
    assert staged[25][:, 0].mean() > staged[0][:, 0].mean() + 0.2
    model = TreeModel(json.loads(json.dumps(export_boost(w, trees, 10))))
    x = lists.x[250]
    expected = x @ w + sum(t.predict(x) - float(np.ravel(t._baseline_prediction)[0]) for t in trees)
    assert np.allclose(model(x), expected)
    # research_answers reads the entry through model_of and scores it in reranked
    top_n, scorer = model_of(export_boost(w, trees, 10))
    assert top_n == 10 and np.allclose(scorer(x), expected)


def test_pairs_append_the_products_after_the_features():
    lists = toy_lists(5, 4)
    paired = with_pairs(lists)
    assert paired.x[0].shape[1] > len(FEATURES) and lists.x[0].shape[1] == len(FEATURES)
    assert np.allclose(paired.x[0][:, :len(FEATURES)], lists.x[0])
