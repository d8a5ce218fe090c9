"""Which FAISS index type fits a corpus of a given size: exact `flat` or approximate `hnsw`.

The threshold comes from `python -m bench.scale`. Results are in docs/bench-scale.json and
docs/bench-scale.png; the harder-data variant is `--profile global`, in
docs/bench-scale-global.json. Setup: synthetic e5-like 384-dim unit vectors, single queries with
k=10, faiss-cpu 1.15.1, on the project's 2-core machine. Other jobs were running on that machine
during both runs (1-minute load average 3-9), so the latencies below are pessimistic.
"""

from __future__ import annotations

# Exact search below this many vectors, HNSW at or above it. See choose_index_type for why.
FLAT_MAX_VECTORS = 150_000


def choose_index_type(n_vectors: int) -> str:
    """Return "flat" below FLAT_MAX_VECTORS vectors, "hnsw" from there up.

    Why 150k. A flat search reads every vector, so its latency grows linearly with N. The two
    runs measured these numbers (single queries, k=10, 384 dims). "hier" is the default synthetic
    profile (docs/bench-scale.json, load 5-9). "global" is the harder profile
    (docs/bench-scale-global.json, load 3-6):

    =========  ======================  ======================  ===================================
    N          flat, 1 OpenMP thread   flat, 2 OpenMP threads  HNSW M=32 efC=80 efS=128
               p95 ms: hier / global   p95 ms: hier / global   p95 ms / recall@10: hier; global
    =========  ======================  ======================  ===================================
    100,000    14.9 / 10.6             86 / 32                 0.46 / 0.987; 0.81 / 0.981
    1,000,000  144 / 74                380 / 183               4.7 / 0.903; 1.1 / 0.863
    =========  ======================  ======================  ===================================

    The 1-thread scan costs 0.07-0.15 us per vector at p95, depending on how busy the machine
    is. Flat therefore reaches a p95 of 25 ms at 170k-340k vectors. 25 ms is the budget we allow
    the vector search next to ~10-30 ms of query embedding. 150k is the conservative end of that
    range (~22 ms when the machine is busiest).

    Below 150k, flat is the better choice even though HNSW was 13-30x faster at 100k:

    * it is exact;
    * it has no build time (HNSW took 21-41 s for 100k and 490-610 s for 1M on this machine);
    * it uses ~15% less memory (1,536 vs ~1,810 bytes per vector);
    * it stays exact under the store's ID-selector filters, where HNSW can lose recall when a
      filter rejects most rows.

    Above 150k, flat p95 heads for 75-380 ms at 1M, while HNSW stays at ~1-5 ms.

    Caveats for whoever tunes this:

    * FAISS splits even a single query's flat scan across OpenMP threads. On a busy 2-core
      machine the 2-thread scan waits for its slower half: p95 86 ms with 2 threads vs 15 ms
      with 1 at 100k. With 2 threads the 25 ms crossover falls to 65k-135k. Serving single
      queries with faiss.omp_set_num_threads(1) avoids that.
    * HNSW recall falls as N grows. At 1M, efSearch=128 gave recall@10 0.90 / 0.86 and
      efSearch=256 gave 0.96 / 0.93 (hier / global). Above ~500k vectors, use efSearch >= 256,
      and check recall on real embeddings.
    * The vectors are synthetic: random-pair cosine 0.72-0.75, local intrinsic dimensionality
      ~11 (hier) and ~27 (global). Latency and memory depend on N and dimension, not on the
      data. Recall does depend on the data.
    """
    return "flat" if n_vectors < FLAT_MAX_VECTORS else "hnsw"
