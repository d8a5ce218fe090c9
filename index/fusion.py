"""Fusing the dense and lexical rankings: small pure functions, testable without any model.

Two methods, chosen between on the dev set (docs/BENCHMARKS.md):
- `rrf`: reciprocal rank fusion, Σ w / (k + rank). Uses ranks only, robust to score scales.
- `weighted`: convex combination of min-max normalised scores over the candidate set.
"""

from __future__ import annotations

from collections.abc import Mapping

FUSION_METHODS = ("rrf", "weighted")


def rrf(rankings: Mapping[str, list[int]], weights: Mapping[str, float] | None = None, k: int = 60) -> dict[int, float]:
    """{row: score} from several best-first row lists."""
    fused: dict[int, float] = {}
    for name, rows in rankings.items():
        w = 1.0 if weights is None else weights.get(name, 1.0)
        for rank, row in enumerate(rows, start=1):
            fused[row] = fused.get(row, 0.0) + w / (k + rank)
    return fused


def min_max(scores: Mapping[int, float]) -> dict[int, float]:
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    if hi - lo < 1e-12:
        return {row: 1.0 for row in scores}
    return {row: (s - lo) / (hi - lo) for row, s in scores.items()}


def weighted(scores: Mapping[str, Mapping[int, float]], weights: Mapping[str, float]) -> dict[int, float]:
    """Σ w · minmax(score); a row missing from one ranking gets 0 from it."""
    fused: dict[int, float] = {}
    for name, per_row in scores.items():
        w = weights.get(name, 0.0)
        for row, s in min_max(per_row).items():
            fused[row] = fused.get(row, 0.0) + w * s
    return fused


def fuse(
    method: str,
    dense: Mapping[int, float],
    lexical: Mapping[int, float],
    dense_weight: float = 0.5,
    rrf_k: int = 60,
) -> dict[int, float]:
    if method == "rrf":
        rankings = {
            "dense": sorted(dense, key=lambda r: -dense[r]),
            "lexical": sorted(lexical, key=lambda r: -lexical[r]),
        }
        return rrf(rankings, {"dense": dense_weight, "lexical": 1.0 - dense_weight}, k=rrf_k)
    if method == "weighted":
        return weighted({"dense": dense, "lexical": lexical}, {"dense": dense_weight, "lexical": 1.0 - dense_weight})
    raise ValueError(f"fusion method must be one of {', '.join(FUSION_METHODS)}, not {method!r}")
