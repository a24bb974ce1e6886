"""The level-rule harness (benchmarks/research_level_prior.py): places of the grouped and slot rules,
the metrics and the per-fold choice, on hand-made candidate lists."""

from __future__ import annotations

import numpy as np

from benchmarks import research_level_prior as harness

N1, N2, L1, L2, L3 = ("法", 1), ("法", 2), ("条例", 1), ("条例", 2), ("办法", 1)


def entry(asked=False):
    return {"keys": [L1, L2, N2, L3, N1], "lower": np.array([1, 1, 0, 1, 0], bool),
            "scores": np.array([0.9, 0.8, 0.7, 0.6, 0.5]), "national": [N1, N2], "asked": asked}


def test_places_of_the_grouped_rule():
    assert harness.places(entry(), ("group", 2, True)) == ([N1, N2], [L1, L2])      # national-only order first
    assert harness.places(entry(asked=True), ("group", 2, True)) == ([L1, L2, N2, L3, N1], [])  # all in the first 10
    assert harness.places(entry(asked=True), ("group", 2, False)) == ([N1, N2], [L1, L2])       # intent off
    assert harness.places(entry(), ("group", 0, True)) == ([N1, N2], [])


def test_places_of_the_slot_rule_and_metrics():
    first, group = harness.places(entry(), ("slots", 0.0, 1))
    assert first[:2] == [L1, N1] and group == []          # one slot; national places in national-only order
    assert harness.metrics([N1, N2], [L1, L2], {L2}) == (0.0, 0.25, 1.0)
    assert harness.metrics([N1, N2], [], {N2}) == (1.0, 0.5, 1.0)


def test_choose_takes_the_smallest_group_near_the_best():
    table = harness.Table.__new__(harness.Table)
    grid = harness.GRID
    recall = {n: min(1.0, 0.5 + 0.1 * n) for n in harness.GROUPS}     # flat from 5
    values = np.zeros((2, len(grid), 3))
    for j, setting in enumerate(grid):
        values[0, j] = (1.0, 1.0, 1.0)                                 # the STARD question keeps its answer
        values[1, j] = (0.0, 0.1, recall[setting[1]] if setting[0] == "group" else 0.0)
    table.values, table.national = values, np.array([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]])
    assert harness.choose(table, [0], [1], "group") == ("group", 5, True)
    values[0, grid.index(("group", 5, True)), 0] = 0.0                 # intent on pushes an answer out
    assert harness.choose(table, [0], [1], "group") == ("group", 5, False)
