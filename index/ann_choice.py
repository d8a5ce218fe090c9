"""Which FAISS index type fits a corpus of a given size.

Exact `flat` search scans every vector: fine for the tens of thousands of chunks a union office
has, and exact. Above ~200k vectors an HNSW graph keeps query latency low at a small recall cost.
`python -m bench.scale` measures both on synthetic 100k and 1M corpora (docs/BENCHMARKS.md).
"""


def choose_index_type(n_vectors: int) -> str:
    return "flat" if n_vectors < 200_000 else "hnsw"
