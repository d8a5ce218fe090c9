"""Smoke test for bench/scale.py: the benchmark's core runs end to end on tiny data.

Not a timing test: latencies on a shared 2-core machine are noise at this size,
so only correctness properties are asserted (exact recall, HNSW recall, schema).
"""

from __future__ import annotations

import pytest

from bench import scale
from index.ann_choice import FLAT_MAX_VECTORS, choose_index_type


@pytest.fixture(scope="module")
def result() -> dict:
    return scale.run_benchmark([2_000], n_near=40, n_fresh=10, seed=7, threads=2)


def test_rows_have_all_fields(result: dict) -> None:
    rows = result["rows"]
    # flat (2 and 1 OpenMP threads) + one row per efSearch + one per nprobe
    assert len(rows) == 2 + len(scale.HNSW_EF_SEARCH) + len(scale.IVF_NPROBE)
    for row in rows:
        for field in scale.ROW_FIELDS:
            assert field in row, f"{field} missing from {row}"
        assert row["n"] == 2_000
        assert row["bytes"] > 2_000 * scale.DIM * 4 * 0.99  # at least the raw vectors
        assert 0.0 <= row["recall_at_10"] <= 1.0
        assert row["p50_ms"] <= row["p95_ms"]
    meta = result["meta"]
    assert len(meta["loadavg_start"]) == 3 and len(meta["loadavg_end"]) == 3


def test_exact_flat_recall_is_one(result: dict) -> None:
    flats = [r for r in result["rows"] if r["index"] == "flat"]
    assert len(flats) == 2
    for flat in flats:
        assert flat["recall_at_10"] == 1.0


def test_hnsw_recall_at_ef64(result: dict) -> None:
    (hnsw,) = [r for r in result["rows"] if r["index"] == "hnsw" and r["params"]["efSearch"] == 64]
    assert hnsw["recall_at_10"] >= 0.9


@pytest.mark.parametrize("profile", sorted(scale.PROFILES))
def test_generator_resembles_e5(profile: str) -> None:
    # Random pairs of real e5 vectors have cosine ~0.7-0.8; both profiles target that.
    gen = scale.make_generator(profile, seed=3)
    x = gen.corpus(1_000)
    assert x.shape == (1_000, scale.DIM)
    assert abs(float((x * x).sum(1).mean()) - 1.0) < 1e-4
    assert 0.65 < scale.cosine_stats(x)["mean"] < 0.85


def test_markdown_table_has_a_line_per_row(result: dict) -> None:
    table = scale.markdown_table(result["rows"])
    assert len(table.splitlines()) == 2 + len(result["rows"])


def test_choose_index_type() -> None:
    assert choose_index_type(1_000) == "flat"
    assert choose_index_type(10_000_000) == "hnsw"
    assert choose_index_type(FLAT_MAX_VECTORS - 1) == "flat"
    assert choose_index_type(FLAT_MAX_VECTORS) == "hnsw"
