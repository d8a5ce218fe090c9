"""How bench.tune picks among near-tied "no answer" recipes (no index needed)."""

from bench.tune import FOLD_TIE, _recipe_name, _steadiest


def test_worst_folds_within_the_tie_are_decided_by_the_mean():
    folds = {
        "a": [0.660, 0.80, 0.90],  # best worst fold by a hair
        "b": [0.660 - FOLD_TIE / 2, 0.85, 0.95],  # tied on the worst fold, better mean
        "c": [0.50, 0.99, 0.99],  # best mean, but one fold fails
    }
    assert _steadiest(list(folds), folds.get) == "b"


def test_a_clearly_better_worst_fold_wins_over_the_mean():
    folds = {"a": [0.70, 0.71, 0.72], "b": [0.70 - 2 * FOLD_TIE, 0.95, 0.95]}
    assert _steadiest(list(folds), folds.get) == "a"


def test_recipe_names_tell_the_coverage_weight_apart():
    base = {"words": 8, "quantile": 0.5, "weight": 0.75, "target": 0.03}
    assert _recipe_name({**base, "coverage": 0.025}) != _recipe_name({**base, "coverage": 0.05})
    assert _recipe_name(base) == _recipe_name({**base, "coverage": 0.05})  # older results: 0.05
