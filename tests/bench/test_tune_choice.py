"""How bench.tune picks among near-tied "no answer" recipes (no index needed)."""

from bench.tune import FOLD_TIE, PRIOR_TIE, PRIORS, _recipe_name, _steadiest, priors_kept


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


def test_a_prior_that_gains_less_than_one_question_moving_one_rank_is_switched_off():
    losses = dict.fromkeys(PRIORS, 0.0)
    losses.update(kind_boost=0.0086, heading_boost=0.00004, per_article=PRIOR_TIE)
    kept = priors_kept(losses)
    assert kept["kind_boost"]
    assert not kept["heading_boost"]  # a near tie: measured +0.00004 once, -0.0009 the run before
    assert not kept["per_article"]
    assert not any(kept[name] for name in PRIORS if losses[name] == 0.0)


def test_an_everyday_pair_must_help_and_hurt_in_no_pool():
    from bench.everyday import MIN_GAIN, transfers

    # One pool is enough since a pair fires only where the documents do not use its everyday words
    # (index.search.Searcher._everyday_for_index).
    assert transfers([MIN_GAIN * 3])
    assert transfers([MIN_GAIN, 0.04])
    assert transfers([MIN_GAIN, 0.0])
    assert not transfers([MIN_GAIN * 3, 0.1, -0.25])  # hurts one pool
    assert not transfers([0.1, 0.1])  # helps two, but not by one question moving to the top


def test_the_final_fit_starts_from_the_constants_in_use(tmp_path, monkeypatch):
    import json

    import bench.tune as tune

    params = tmp_path / "search_params.json"
    params.write_text(json.dumps({"ranking": {"dense_weight": 0.7, "unknown": 1}}), encoding="utf-8")
    monkeypatch.setattr(tune, "PARAMS", params)
    start = tune.in_use()
    assert start["dense_weight"] == 0.7  # in use
    assert start.keys() == tune.BASELINE.keys()  # every constant, nothing else
    assert start["kind_boost"] == tune.BASELINE["kind_boost"]  # not in the file: the baseline's
    params.write_text("{", encoding="utf-8")
    assert tune.in_use() == tune.BASELINE  # unreadable: from the baseline


def test_recipe_names_tell_the_agreement_weights_apart():
    base = {"words": 16, "quantile": 0.5, "weight": 0.0, "target": 0.08, "typed": 0.1}
    assert _recipe_name(base) == _recipe_name({**base, "agree": 0.0, "disagree": 0.0})  # older results
    assert _recipe_name({**base, "agree": 0.02}) != _recipe_name({**base, "agree": 0.02, "disagree": 0.005})
    assert _recipe_name({**base, "agree": 0.02}).endswith("-a0.02-d0")
