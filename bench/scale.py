"""Scale benchmark for the dense (FAISS) index: exact flat vs HNSW vs IVF.

Run from the repository root::

    python -m bench.scale --sizes 100000 1000000 --out docs/bench-scale.json
    python -m bench.scale --quick          # 5k + 20k smoke run, a few seconds

Why synthetic vectors: the question this answers is "at which corpus size does
exact search stop being fast enough on one machine", which depends on the
number of vectors and on how clustered/anisotropic they are, not on the words.
Embedding 1M real chunks with multilingual-e5-small on 2 CPU cores would take
many hours, so we generate vectors that imitate e5's geometry instead
(``SyntheticE5``, profile "hier"):

* every vector shares a common mean direction (e5 embeddings are strongly
  anisotropic: two unrelated passages still have cosine ~0.7-0.8);
* a hierarchy on top of it: ~N/5000 topics, ~N/50 documents per corpus (each
  in one topic, ~50 chunks each, sizes vary), then per-chunk variation, giving
  cosine ~0.72 for random pairs, ~0.80 within a topic, ~0.89 within a document;
* centres are drawn with a decaying power-law spectrum in a random orthonormal
  basis (real sentence embeddings are far from isotropic), and most per-chunk
  variation lies in a low-dimensional subspace specific to each topic, so the
  local intrinsic dimensionality (LID, recorded per size) is in the range
  reported for real text embeddings rather than that of 384-d noise;
* everything is L2-normalised, and searched by inner product (= cosine), like
  the real store.

Synthetic data fixes latency and memory well (they depend on N, dim and index
parameters), but ANN *recall* depends on the data's fine structure. Profile
"global" (``--profile global``: no topics, all variation along one shared
~100-dim spectrum) is a harder case kept to show that sensitivity; measure
recall on real embeddings before trusting an efSearch/nprobe setting.

Queries: ``n_near`` (default 1,000) perturbations of random corpus vectors
(cosine ~0.93 to their source, so they have true near neighbours, like a user
question that matches a chunk) plus ``n_fresh`` (default 200) vectors from
new documents of existing topics (a question whose answer is not in the
corpus: no neighbour stands out, the hard case for approximate search). Recall is reported overall and per group.

What is measured, per corpus size N and per index configuration:

* build time (s): ``add`` (+ ``train`` for IVF) wall time;
* index memory: size of ``faiss.serialize_index`` (what the index costs on disk
  and, to within a few %, in RAM) and the process RSS delta across the build.
  Only the vector index is measured -- chunk texts and metadata are not part of
  this benchmark (they are the same for every index type);
* single-query latency p50/p95 (ms): queries issued one at a time with k=10,
  after a warm-up, which is how the retrieval tool queries the store. HNSW and
  IVF run a single query on one thread; FAISS splits a single query's flat
  scan across the OpenMP threads, so flat is also timed with 1 thread (extra
  row), which is the more robust setting on a shared machine;
* recall@10 against exact ``IndexFlatIP`` results (ties within 1e-6 in score
  count as hits, so float rounding between FAISS code paths is not reported
  as a miss).

The machine is shared (other jobs may be running on its 2 cores), so the load
average at start and end and the average system CPU use during the run are
recorded in the JSON; latencies from a loaded machine are pessimistic.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import math
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

try:  # psutil gives RSS portably; /proc fallback keeps the bench runnable without it.
    import psutil
except ImportError:  # pragma: no cover - depends on the environment
    psutil = None

DIM = 384  # multilingual-e5-small output size
K = 10
CHUNKS_PER_CLUSTER = 50

HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
# Used instead of 80 when a projected HNSW build exceeds the build budget: the
# brief caps one 1M build at ~25 min on this 2-core machine.
HNSW_EF_CONSTRUCTION_FALLBACK = 40
# 32/64/128 as specified; 256 added because recall at 1M on the harder profile
# was still < 0.9 at 128, and it costs only seconds to measure.
HNSW_EF_SEARCH = (32, 64, 128, 256)
HNSW_BUILD_BUDGET_S = 25 * 60
# Above this size an HNSW build is expensive enough that we predict its time
# (from a smaller build in the same run, or a 50k pilot) before committing.
HNSW_PROJECT_ABOVE = 300_000
HNSW_PILOT_N = 50_000

IVF_NPROBE = (8, 16, 32)
# faiss warns below 39 training points per centroid; 50 keeps k-means on 1M
# (nlist=4000 -> 200k points) to a couple of minutes on 2 cores.
IVF_TRAIN_POINTS_PER_LIST = 50
IVF_MIN_POINTS_PER_LIST = 39

WARMUP_QUERIES = 50
# Per-query search budget used to pick flat vs HNSW (index/ann_choice.py): the
# dense lookup is one step of a retrieval call that also embeds the query
# (~10-30 ms for e5-small on CPU) and may rerank, so ~25 ms keeps it a minority.
LATENCY_BUDGET_MS = 25.0
TIE_EPS = 1e-6

ROW_FIELDS = (
    "n",
    "index",
    "params",
    "build_s",
    "bytes",
    "rss_delta_mb",
    "p50_ms",
    "p95_ms",
    "recall_at_10",
)

Log = Callable[[str], None]


# --------------------------------------------------------------------------
# Synthetic e5-like vectors
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class SyntheticE5:
    """Generative model for e5-like unit vectors (see module docstring).

    chunk = normalise(mean_w * mu + topic_w * T[topic] + centre_w * C[doc] + noise_w * eps)

    * ``mu``: one direction shared by everything (e5's anisotropy);
    * ``T``: ~N/5000 topic centres, ``C``: ~N/50 "document" centres (each
      document belongs to one topic), all drawn with a decaying power-law
      spectrum in one random rotation;
    * ``eps``: per-chunk variation; a fraction ``local_frac`` of its energy lies
      in a ``local_dim``-dim subspace specific to the topic (different regions of
      a real embedding space vary along different directions), the rest in the
      global spectrum.

    Squared weights sum to 1, so random pairs have cos ~= mean_w**2, chunks of
    one topic ~= + topic_w**2, chunks of one document ~= + centre_w**2.

    Profiles (``PROFILES``): "hier" (default) is the hierarchical, locally
    low-dimensional model above; "global" drops topics and draws all noise in
    the one global spectrum, so every cluster varies along the same ~100
    directions -- a deliberately harder, higher-intrinsic-dimension case kept to
    show how sensitive ANN recall is to the data.
    """

    seed: int = 1234
    dim: int = DIM
    mean_w2: float = 0.72
    topic_w2: float = 0.08
    centre_w2: float = 0.09
    noise_w2: float = 0.11
    chunks_per_topic: int = 5_000
    local_dim: int = 32
    local_frac: float = 0.85
    # Power-law decay of per-axis std: alpha=0.35 gives participation ratio ~100
    # for the global spectrum; alpha=0.5 over 32 local dims gives ~12.
    spectrum_alpha: float = 0.35
    local_alpha: float = 0.5
    # Query perturbation norm: cos(query, source chunk) ~= 1/sqrt(1+0.4^2) = 0.93.
    query_noise: float = 0.4

    # ---- shared random structure (derived from the seed only) ----

    def _cache(self, key: str, make: Callable[[], Any]) -> Any:
        # frozen dataclass: memoise derived arrays in __dict__ on first use.
        val = self.__dict__.get(key)
        if val is None:
            val = make()
            object.__setattr__(self, key, val)
        return val

    @property
    def _basis(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        def make() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            rng = np.random.default_rng([self.seed, 0])
            rot, _ = np.linalg.qr(rng.standard_normal((self.dim, self.dim)))
            std = _power_spectrum(self.dim, self.spectrum_alpha)
            mean = rng.standard_normal(self.dim)
            mean /= np.linalg.norm(mean)
            return rot.astype(np.float32), std, mean.astype(np.float32)

        return self._cache("_basis_cache", make)

    def _global(self, rng: np.random.Generator, m: int) -> np.ndarray:
        """m draws from the anisotropic global distribution, E|v|^2 = 1."""
        rot, std, _ = self._basis
        return (rng.standard_normal((m, self.dim), dtype=np.float32) * std) @ rot.T

    def _topic_bases(self, n_topics: int, rng: np.random.Generator) -> np.ndarray:
        """(n_topics, dim, local_dim) orthonormal bases, scaled by the local spectrum."""
        std = _power_spectrum(self.local_dim, self.local_alpha)
        out = np.empty((n_topics, self.dim, self.local_dim), dtype=np.float32)
        for t in range(n_topics):
            q, _ = np.linalg.qr(rng.standard_normal((self.dim, self.local_dim)))
            out[t] = q * std
        return out

    def _noise(self, rng: np.random.Generator, topics: np.ndarray, bases: np.ndarray | None) -> np.ndarray:
        """Per-chunk variation for chunks of the given topics, E|v|^2 = 1."""
        eps = self._global(rng, len(topics))
        if bases is None or self.local_frac <= 0:
            return eps
        eps *= math.sqrt(1.0 - self.local_frac)
        local_w = math.sqrt(self.local_frac)
        for t in np.unique(topics):
            sel = np.flatnonzero(topics == t)
            z = rng.standard_normal((len(sel), self.local_dim), dtype=np.float32)
            eps[sel] += local_w * (z @ bases[t].T)
        return eps

    # ---- corpus and queries ----

    def _structure(self, n: int) -> dict[str, Any]:
        """Topic/document centres and topic bases for a corpus of n chunks."""
        rng = np.random.default_rng([self.seed, n, 1])
        n_docs = max(1, n // CHUNKS_PER_CLUSTER)
        n_topics = max(1, n // self.chunks_per_topic) if self.topic_w2 > 0 else 1
        return {
            "rng": rng,
            "topic_centres": _normalise(self._global(rng, n_topics)),
            "doc_centres": _normalise(self._global(rng, n_docs)),
            "doc_topic": rng.integers(0, n_topics, n_docs),
            "bases": self._topic_bases(n_topics, rng) if self.local_frac > 0 else None,
        }

    def _compose(
        self, rng: np.random.Generator, st: dict[str, Any], topics: np.ndarray, doc_centres: np.ndarray
    ) -> np.ndarray:
        mean = self._basis[2]
        out = math.sqrt(self.mean_w2) * mean + math.sqrt(self.centre_w2) * doc_centres
        if self.topic_w2 > 0:
            out += math.sqrt(self.topic_w2) * st["topic_centres"][topics]
        out += math.sqrt(self.noise_w2) * self._noise(rng, topics, st["bases"])
        return _normalise(out)

    def corpus_with_topics(self, n: int, block: int = 100_000) -> tuple[np.ndarray, np.ndarray]:
        """(n unit vectors float32 C-contiguous, topic id per chunk); block-wise to bound temporaries."""
        st = self._structure(n)
        rng = st["rng"]
        n_docs = len(st["doc_centres"])
        out = np.empty((n, self.dim), dtype=np.float32)
        topics = np.empty(n, dtype=np.int32)
        for start in range(0, n, block):
            stop = min(n, start + block)
            docs = rng.integers(0, n_docs, stop - start)  # document sizes vary (~Poisson(50))
            topics[start:stop] = st["doc_topic"][docs]
            out[start:stop] = self._compose(rng, st, topics[start:stop], st["doc_centres"][docs])
        return out, topics

    def corpus(self, n: int) -> np.ndarray:
        return self.corpus_with_topics(n)[0]

    def queries(
        self, corpus: np.ndarray, topics: np.ndarray, n_near: int, n_fresh: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """(queries, is_near): perturbed corpus vectors first, then fresh-document vectors.

        Near queries perturb a random chunk within its topic's local subspace,
        like a question paraphrasing a passage. Fresh queries come from new
        documents of existing topics: on-topic questions whose answer is not in
        the corpus (no neighbour stands out: the hard case for ANN).
        """
        st = self._structure(len(corpus))
        rng = np.random.default_rng([self.seed, len(corpus), 2])
        src = rng.integers(0, len(corpus), n_near)
        base = corpus[src]
        near = _normalise(base + self.query_noise * self._noise(rng, topics[src], st["bases"]))
        fresh_topics = rng.integers(0, len(st["topic_centres"]), n_fresh)
        fresh = self._compose(rng, st, fresh_topics, _normalise(self._global(rng, n_fresh)))
        q = np.ascontiguousarray(np.vstack([near, fresh]).astype(np.float32))
        is_near = np.zeros(len(q), dtype=bool)
        is_near[:n_near] = True
        return q, is_near


PROFILES: dict[str, dict[str, Any]] = {
    "hier": {},
    # First generator tried: same weights family, no topics, all-global noise.
    "global": {"mean_w2": 0.75, "topic_w2": 0.0, "centre_w2": 0.13, "noise_w2": 0.12, "local_frac": 0.0},
}


def make_generator(profile: str = "hier", seed: int = 1234) -> SyntheticE5:
    return SyntheticE5(seed=seed, **PROFILES[profile])


def _power_spectrum(d: int, alpha: float) -> np.ndarray:
    std = np.arange(1, d + 1, dtype=np.float64) ** (-alpha)
    std /= np.sqrt((std**2).sum())  # E|sample|^2 == 1
    return std.astype(np.float32)


def _normalise(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def cosine_stats(x: np.ndarray, pairs: int = 20_000, seed: int = 0) -> dict[str, float]:
    """Mean/std cosine of random pairs, to check the generator against real e5 (~0.7-0.8)."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, len(x), pairs)
    b = rng.integers(0, len(x), pairs)
    keep = a != b
    cos = np.einsum("ij,ij->i", x[a[keep]], x[b[keep]])
    return {"mean": float(cos.mean()), "std": float(cos.std())}


# --------------------------------------------------------------------------
# Measurement helpers
# --------------------------------------------------------------------------


def _rss_bytes() -> int:
    if psutil is not None:
        return int(psutil.Process().memory_info().rss)
    with open("/proc/self/status") as fh:  # Linux fallback
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def _release_memory() -> None:
    """Return freed heap to the OS so the next RSS delta is not hidden by reuse."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # non-glibc platforms: best effort only
        pass


def _serialized_bytes(index: faiss.Index) -> int:
    buf = faiss.serialize_index(index)
    size = int(buf.size)
    del buf
    return size


def single_query_search(
    index: faiss.Index, queries: np.ndarray, k: int = K, warmup: int = WARMUP_QUERIES
) -> tuple[np.ndarray, np.ndarray]:
    """Search queries one at a time (as the tool does); returns (ids, latencies_ms)."""
    for i in range(min(warmup, len(queries))):  # warm caches / page in the index
        index.search(queries[i : i + 1], k)
    ids = np.empty((len(queries), k), dtype=np.int64)
    lat = np.empty(len(queries), dtype=np.float64)
    for i in range(len(queries)):
        q = queries[i : i + 1]
        t0 = time.perf_counter()
        _, I = index.search(q, k)
        lat[i] = (time.perf_counter() - t0) * 1e3
        ids[i] = I[0]
    return ids, lat


def recall_at_k(
    ids: np.ndarray,
    gt_ids: np.ndarray,
    gt_scores: np.ndarray,
    corpus: np.ndarray,
    queries: np.ndarray,
) -> np.ndarray:
    """Per-query recall@k vs exact results, counting exact-score ties as hits."""
    k = gt_ids.shape[1]
    out = np.empty(len(ids), dtype=np.float64)
    for qi in range(len(ids)):
        found = ids[qi][ids[qi] >= 0]
        in_gt = np.isin(found, gt_ids[qi])
        if not in_gt.all():
            # A returned id outside the exact top-k is still correct if its
            # score equals the k-th exact score (ties / float rounding).
            scores = corpus[found[~in_gt]] @ queries[qi]
            ties = int((scores >= gt_scores[qi, k - 1] - TIE_EPS).sum())
        else:
            ties = 0
        out[qi] = min(k, int(in_gt.sum()) + ties) / k
    return out


def lid_mle(flat: faiss.Index, x: np.ndarray, k: int = 20, m: int = 1000, seed: int = 0) -> float:
    """Median Levina-Bickel MLE of local intrinsic dimensionality over m corpus points.

    LID is what makes ANN hard or easy (Aumueller & Ceccarello 2019), so it is
    recorded to compare this synthetic data with real embeddings.
    """
    rng = np.random.default_rng(seed)
    pts = x[rng.choice(len(x), min(m, len(x)), replace=False)]
    ip, _ = flat.search(pts, k + 1)
    d = np.sqrt(np.maximum(2.0 - 2.0 * ip[:, 1:].astype(np.float64), 1e-12))  # unit vectors: L2 from IP
    lid = -1.0 / np.mean(np.log(d[:, :-1] / d[:, -1:]), axis=1)
    return float(np.median(lid))


def _row(
    n: int,
    name: str,
    params: dict[str, Any],
    build_s: float,
    nbytes: int,
    rss_delta: int,
    lat: np.ndarray,
    rec: np.ndarray,
    is_near: np.ndarray,
) -> dict[str, Any]:
    return {
        "n": n,
        "index": name,
        "params": params,
        "build_s": round(build_s, 3),
        "bytes": nbytes,
        "rss_delta_mb": round(rss_delta / 2**20, 1),
        "p50_ms": round(float(np.percentile(lat, 50)), 3),
        "p95_ms": round(float(np.percentile(lat, 95)), 3),
        "recall_at_10": round(float(rec.mean()), 4),
        # Extra detail beyond the required fields.
        "p99_ms": round(float(np.percentile(lat, 99)), 3),
        "mean_ms": round(float(lat.mean()), 3),
        "recall_at_10_near": round(float(rec[is_near].mean()), 4) if is_near.any() else None,
        "recall_at_10_fresh": round(float(rec[~is_near].mean()), 4) if (~is_near).any() else None,
        "n_queries": len(lat),
        # Other jobs share this machine: the 1-minute load when this row finished.
        "loadavg_1m": round(os.getloadavg()[0], 2),
    }


# --------------------------------------------------------------------------
# Index builders
# --------------------------------------------------------------------------


def build_flat(x: np.ndarray) -> faiss.Index:
    index = faiss.IndexFlatIP(x.shape[1])
    index.add(x)
    return index


def build_hnsw(x: np.ndarray, ef_construction: int, log: Log, batch: int = 50_000) -> faiss.Index:
    index = faiss.IndexHNSWFlat(x.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = ef_construction
    t0 = time.perf_counter()
    # Batched add only to print progress/ETA; faiss parallelises within each batch.
    for start in range(0, len(x), batch):
        index.add(x[start : start + batch])
        done = min(len(x), start + batch)
        if len(x) > batch:
            el = time.perf_counter() - t0
            eta = el / done * (len(x) - done)
            log(f"    hnsw add {done:,}/{len(x):,}  {el:6.0f}s elapsed, ~{eta:5.0f}s left (linear ETA)")
    return index


def ivf_nlist(n: int) -> int:
    """nlist = 4*sqrt(N), capped so every list gets >= 39 training points."""
    return max(1, min(round(4 * math.sqrt(n)), n // IVF_MIN_POINTS_PER_LIST))


def build_ivf(x: np.ndarray, nlist: int, seed: int) -> faiss.Index:
    quantizer = faiss.IndexFlatIP(x.shape[1])
    index = faiss.IndexIVFFlat(quantizer, x.shape[1], nlist, faiss.METRIC_INNER_PRODUCT)
    # (faiss's Python wrapper keeps `quantizer` referenced by `index`, so it outlives this frame.)
    n_train = min(len(x), IVF_TRAIN_POINTS_PER_LIST * nlist)
    rng = np.random.default_rng(seed)
    sample = x[np.sort(rng.choice(len(x), n_train, replace=False))]
    index.train(sample)
    del sample
    index.add(x)
    return index


def projected_hnsw_build_s(n: int, ref_n: int, ref_s: float) -> float:
    """Extrapolate HNSW build time ~ N log N, with +20% for worse cache behaviour at scale."""
    return ref_s * (n / ref_n) * (math.log(n) / math.log(ref_n)) * 1.2


# --------------------------------------------------------------------------
# Benchmark driver
# --------------------------------------------------------------------------


def bench_size(
    n: int,
    gen: SyntheticE5,
    n_near: int,
    n_fresh: int,
    log: Log,
    hnsw_ref: dict[str, float] | None = None,
    hnsw_budget_s: float = HNSW_BUILD_BUDGET_S,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """All index configurations at one corpus size. Returns (rows, per-size info)."""
    info: dict[str, Any] = {"n": n}
    t0 = time.perf_counter()
    x, topics = gen.corpus_with_topics(n)
    q, is_near = gen.queries(x, topics, n_near, n_fresh)
    del topics
    info["gen_s"] = round(time.perf_counter() - t0, 1)
    info["cosine_random_pairs"] = cosine_stats(x)
    info["corpus_array_mb"] = round(x.nbytes / 2**20, 1)
    log(
        f"[n={n:,}] generated corpus in {info['gen_s']}s; random-pair cosine "
        f"{info['cosine_random_pairs']['mean']:.3f}±{info['cosine_random_pairs']['std']:.3f}"
    )
    rows: list[dict[str, Any]] = []

    # (a) exact flat: also the ground truth.
    _release_memory()
    rss0 = _rss_bytes()
    t0 = time.perf_counter()
    flat = build_flat(x)
    build_s = time.perf_counter() - t0
    rss_delta = _rss_bytes() - rss0
    nbytes = _serialized_bytes(flat)
    t0 = time.perf_counter()
    gt_scores, gt_ids = flat.search(q, K)  # batched (BLAS) path: independent of the timed path
    info["ground_truth_s"] = round(time.perf_counter() - t0, 1)
    info["lid_mle_k20"] = round(lid_mle(flat, x), 1)
    # How similar true neighbours are (real e5: related chunks ~0.85-0.9).
    info["near_query_top1_top10_cos"] = [round(float(gt_scores[is_near, j].mean()), 3) for j in (0, K - 1)]
    log(f"[n={n:,}] local intrinsic dimensionality (MLE, k=20) ~ {info['lid_mle_k20']}")
    ids, lat = single_query_search(flat, q)
    rec = recall_at_k(ids, gt_ids, gt_scores, x, q)
    rows.append(_row(n, "flat", {}, build_s, nbytes, rss_delta, lat, rec, is_near))
    log(f"[n={n:,}] flat: p95 {rows[-1]['p95_ms']} ms, recall {rows[-1]['recall_at_10']}")
    # Extra: the same scan on one OpenMP thread. FAISS splits even a single
    # query's flat scan across threads, and when other jobs hold the cores the
    # 2-thread scan waits on its slower half -- worth knowing on a shared box.
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        ids, lat = single_query_search(flat, q)
    finally:
        faiss.omp_set_num_threads(threads)
    rec = recall_at_k(ids, gt_ids, gt_scores, x, q)
    rows.append(_row(n, "flat", {"omp_threads": 1}, build_s, nbytes, rss_delta, lat, rec, is_near))
    log(f"[n={n:,}] flat (1 thread): p95 {rows[-1]['p95_ms']} ms")
    del flat, ids
    _release_memory()

    # (b) HNSW, built once, searched at several efSearch.
    efc = HNSW_EF_CONSTRUCTION
    if n > HNSW_PROJECT_ABOVE:
        if hnsw_ref and hnsw_ref.get("ef_construction") == HNSW_EF_CONSTRUCTION:
            ref_n, ref_s = int(hnsw_ref["n"]), float(hnsw_ref["build_s"])
            src = f"measured {ref_n:,} build in this run"
        else:
            log(f"[n={n:,}] hnsw pilot build on {HNSW_PILOT_N:,} vectors to project build time")
            t0 = time.perf_counter()
            pilot = build_hnsw(x[:HNSW_PILOT_N], HNSW_EF_CONSTRUCTION, log)
            ref_n, ref_s = HNSW_PILOT_N, time.perf_counter() - t0
            del pilot
            src = f"pilot {HNSW_PILOT_N:,} build"
        proj = projected_hnsw_build_s(n, ref_n, ref_s)
        info["hnsw_projected_build_s_efc80"] = round(proj, 0)
        info["hnsw_projection_source"] = src
        if proj > hnsw_budget_s:
            efc = HNSW_EF_CONSTRUCTION_FALLBACK
            log(
                f"[n={n:,}] projected efConstruction=80 build {proj:.0f}s > budget {hnsw_budget_s:.0f}s "
                f"({src}); using efConstruction={efc}"
            )
        else:
            log(f"[n={n:,}] projected efConstruction=80 build {proj:.0f}s ({src}): within budget")
    info["hnsw_ef_construction"] = efc
    _release_memory()
    rss0 = _rss_bytes()
    t0 = time.perf_counter()
    hnsw = build_hnsw(x, efc, log)
    build_s = time.perf_counter() - t0
    rss_delta = _rss_bytes() - rss0
    nbytes = _serialized_bytes(hnsw)
    log(f"[n={n:,}] hnsw built in {build_s:.1f}s (efConstruction={efc})")
    info["hnsw_build"] = {"n": n, "build_s": build_s, "ef_construction": efc}
    for ef in HNSW_EF_SEARCH:
        hnsw.hnsw.efSearch = ef
        ids, lat = single_query_search(hnsw, q)
        rec = recall_at_k(ids, gt_ids, gt_scores, x, q)
        params = {"M": HNSW_M, "efConstruction": efc, "efSearch": ef}
        rows.append(_row(n, "hnsw", params, build_s, nbytes, rss_delta, lat, rec, is_near))
        log(f"[n={n:,}] hnsw ef={ef}: p95 {rows[-1]['p95_ms']} ms, recall {rows[-1]['recall_at_10']}")
    del hnsw
    _release_memory()

    # (c) IVF-Flat, trained on a sample, searched at several nprobe.
    nlist = ivf_nlist(n)
    rss0 = _rss_bytes()
    t0 = time.perf_counter()
    ivf = build_ivf(x, nlist, gen.seed)
    build_s = time.perf_counter() - t0
    rss_delta = _rss_bytes() - rss0
    nbytes = _serialized_bytes(ivf)
    log(f"[n={n:,}] ivf nlist={nlist} built in {build_s:.1f}s")
    for nprobe in IVF_NPROBE:
        ivf.nprobe = nprobe
        ids, lat = single_query_search(ivf, q)
        rec = recall_at_k(ids, gt_ids, gt_scores, x, q)
        params = {"nlist": nlist, "nprobe": nprobe, "train_n": min(n, IVF_TRAIN_POINTS_PER_LIST * nlist)}
        rows.append(_row(n, "ivf", params, build_s, nbytes, rss_delta, lat, rec, is_near))
        log(f"[n={n:,}] ivf nprobe={nprobe}: p95 {rows[-1]['p95_ms']} ms, recall {rows[-1]['recall_at_10']}")
    del ivf, x, q
    _release_memory()
    return rows, info


def flat_crossover(rows: Sequence[dict[str, Any]], budget_ms: float, one_thread: bool = False) -> int | None:
    """N at which exact-flat p95 reaches budget_ms, assuming p95 linear in N (it is a scan)."""
    flat = sorted(
        (r for r in rows if r["index"] == "flat" and (r["params"].get("omp_threads") == 1) == one_thread),
        key=lambda r: r["n"],
    )
    if not flat:
        return None
    big = flat[-1]  # largest N: least dominated by fixed per-call overhead
    return int(big["n"] * budget_ms / big["p95_ms"])


def run_benchmark(
    sizes: Sequence[int],
    n_near: int = 1000,
    n_fresh: int = 200,
    seed: int = 1234,
    threads: int = 2,
    log: Log | None = None,
    hnsw_budget_s: float = HNSW_BUILD_BUDGET_S,
    profile: str = "hier",
) -> dict[str, Any]:
    """Run every configuration at every size; returns {"meta": ..., "rows": [...]}."""
    log = log or (lambda s: None)
    faiss.omp_set_num_threads(threads)
    gen = make_generator(profile, seed)
    if psutil is not None:
        psutil.cpu_percent(None)  # start the system-wide CPU-use window
    meta: dict[str, Any] = {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "loadavg_start": list(os.getloadavg()),
        "cpu_count": os.cpu_count(),
        "omp_threads": threads,
        "faiss_version": faiss.__version__,
        "numpy_version": np.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "total_ram_gb": round(psutil.virtual_memory().total / 2**30, 1) if psutil else None,
        "dim": DIM,
        "k": K,
        "seed": seed,
        "n_queries_near": n_near,
        "n_queries_fresh": n_fresh,
        "warmup_queries": WARMUP_QUERIES,
        "generator_profile": profile,
        "generator": {k: v for k, v in vars(gen).items() if not k.startswith("_")},
        "memory_note": "bytes = faiss.serialize_index size of the vector index only; "
        "rss_delta_mb = process RSS change across the build; chunk texts/metadata not included",
        "sizes": {},
    }
    rows: list[dict[str, Any]] = []
    hnsw_ref: dict[str, float] | None = None
    t_start = time.perf_counter()
    for n in sorted(sizes):
        t0 = time.perf_counter()
        size_rows, info = bench_size(n, gen, n_near, n_fresh, log, hnsw_ref, hnsw_budget_s)
        info["total_s"] = round(time.perf_counter() - t0, 1)
        info["loadavg_after"] = list(os.getloadavg())
        rows.extend(size_rows)
        if info["hnsw_build"]["ef_construction"] == HNSW_EF_CONSTRUCTION:
            hnsw_ref = info["hnsw_build"]
        meta["sizes"][str(n)] = info
        log(f"[n={n:,}] done in {info['total_s']}s, load {info['loadavg_after']}")
    meta["total_runtime_s"] = round(time.perf_counter() - t_start, 1)
    meta["loadavg_end"] = list(os.getloadavg())
    meta["system_cpu_percent_during_run"] = psutil.cpu_percent(None) if psutil else None
    meta["flat_p95_crossover_n"] = {
        f"{label}_{b:g}ms": flat_crossover(rows, b, one)
        for label, one in (("omp2", False), ("omp1", True))
        for b in (20, LATENCY_BUDGET_MS, 30, 50)
    }
    return {"meta": meta, "rows": rows}


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------


def _label(row: dict[str, Any]) -> str:
    p = row["params"]
    if row["index"] == "hnsw":
        return f"hnsw efS={p['efSearch']}"
    if row["index"] == "ivf":
        return f"ivf nprobe={p['nprobe']}"
    return "flat 1 thread" if row["params"].get("omp_threads") == 1 else "flat"


def markdown_table(rows: Sequence[dict[str, Any]]) -> str:
    head = (
        "| N | index | params | build s | index MB (serialized) | RSS Δ MB "
        "| p50 ms | p95 ms | recall@10 (near / fresh) | load 1m |"
    )
    lines = [head, "|---:|---|---|---:|---:|---:|---:|---:|---|---:|"]
    for r in rows:
        params = ", ".join(f"{k}={v}" for k, v in r["params"].items()) or "exact"
        if r["index"] == "flat" and r["params"]:
            params = "exact, " + params
        rec = f"{r['recall_at_10']:.3f}"
        if r.get("recall_at_10_near") is not None and r.get("recall_at_10_fresh") is not None:
            rec += f" ({r['recall_at_10_near']:.3f} / {r['recall_at_10_fresh']:.3f})"
        lines.append(
            f"| {r['n']:,} | {r['index']} | {params} | {r['build_s']:.1f} | {r['bytes'] / 2**20:,.0f} "
            f"| {r['rss_delta_mb']:,.0f} | {r['p50_ms']:.2f} | {r['p95_ms']:.2f} | {rec} "
            f"| {r.get('loadavg_1m', float('nan')):.1f} |"
        )
    return "\n".join(lines)


def plot(rows: Sequence[dict[str, Any]], path: Path, subtitle: str = "") -> None:
    """p95 latency vs N per configuration, log-log, each point annotated with recall@10."""
    import matplotlib

    matplotlib.use("Agg")  # headless machine
    import matplotlib.pyplot as plt

    series: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        series.setdefault(_label(r), []).append(r)
    fig, ax = plt.subplots(figsize=(9.5, 5.5))
    styles = {"flat": ("k", "o"), "hnsw": ("tab:blue", "s"), "ivf": ("tab:orange", "^")}
    shade = {0: 1.0, 1: 0.7, 2: 0.45}
    counters: dict[str, int] = {}
    for label, pts in series.items():
        pts = sorted(pts, key=lambda r: r["n"])
        kind = pts[0]["index"]
        i = counters.get(kind, 0)
        counters[kind] = i + 1
        colour, marker = styles.get(kind, ("gray", "x"))
        if label == "flat 1 thread":
            colour = "gray"
        ns = [p["n"] for p in pts]
        p95 = [p["p95_ms"] for p in pts]
        ax.plot(ns, p95, marker=marker, color=colour, alpha=shade.get(i, 0.4), label=label)
        for p in pts:
            ax.annotate(
                f"R={p['recall_at_10']:.3f}",
                (p["n"], p["p95_ms"]),
                textcoords="offset points",
                xytext=(6, -3 + 9 * (i - 1)),
                fontsize=7,
                color=colour,
            )
    ax.axhline(LATENCY_BUDGET_MS, color="red", ls=":", lw=1)
    ax.annotate(
        f"{LATENCY_BUDGET_MS:g} ms p95 budget",
        (max(r["n"] for r in rows), LATENCY_BUDGET_MS),
        textcoords="offset points",
        xytext=(-80, 3),
        fontsize=7,
        color="red",
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("corpus size N (384-dim vectors)")
    ax.set_ylabel("single-query p95 latency, k=10 (ms)")
    ax.set_title(
        "FAISS on 2 cores: p95 latency vs N (R = recall@10 vs exact)" + (f"\n{subtitle}" if subtitle else ""),
        fontsize=10,
    )
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _subtitle(meta: dict[str, Any]) -> str:
    lid = ", ".join(f"{int(n):,}: {v.get('lid_mle_k20')}" for n, v in meta.get("sizes", {}).items())
    return (
        f"synthetic e5-like data, profile {meta.get('generator_profile', '?')} (LID {lid}); "
        f"load avg {meta['loadavg_start'][0]:.1f} -> {meta['loadavg_end'][0]:.1f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=None,
        help="corpus sizes (default 100000 1000000; --quick: 5000 20000)",
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=None,
        help="JSON output (default docs/bench-scale.json; --quick: docs/bench-scale-quick.json)",
    )
    ap.add_argument("--plot", type=Path, default=None, help="PNG output (default: --out with .png)")
    ap.add_argument("--quick", action="store_true", help="small smoke run (5k, 20k)")
    ap.add_argument("--near-queries", type=int, default=1000)
    ap.add_argument("--fresh-queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--hnsw-budget-s", type=float, default=HNSW_BUILD_BUDGET_S)
    ap.add_argument(
        "--profile",
        choices=sorted(PROFILES),
        default="hier",
        help="synthetic data model: hier (default, realistic) or global (harder, high-LID)",
    )
    ap.add_argument(
        "--replot",
        action="store_true",
        help="do not benchmark: re-render the table and plot from an existing --out JSON",
    )
    args = ap.parse_args(argv)

    sizes = args.sizes or ([5_000, 20_000] if args.quick else [100_000, 1_000_000])
    # --quick must not overwrite the real results by default.
    out = args.out or Path("docs/bench-scale-quick.json" if args.quick else "docs/bench-scale.json")
    png = args.plot or out.with_suffix(".png")
    if args.replot:  # a 1M run takes ~half an hour; re-rendering should not
        data = json.loads(out.read_text())
        rows = data["rows"]
        plot(rows, png, _subtitle(data["meta"]))
        print(markdown_table(rows))
        print(f"wrote {png}")
        return 0

    t_wall = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - t_wall:7.1f}s] {msg}", flush=True)

    log(f"sizes={sizes} threads={args.threads} load={os.getloadavg()}")
    result = run_benchmark(
        sizes,
        args.near_queries,
        args.fresh_queries,
        args.seed,
        args.threads,
        log,
        args.hnsw_budget_s,
        args.profile,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    plot(result["rows"], png, _subtitle(result["meta"]))
    print()
    print(markdown_table(result["rows"]))
    print()
    m = result["meta"]
    print(
        f"total runtime {m['total_runtime_s']:.0f}s; load avg start {m['loadavg_start']} "
        f"end {m['loadavg_end']}; system CPU during run {m['system_cpu_percent_during_run']}%"
    )
    print(f"flat p95 crossover N (budget ms -> N): {m['flat_p95_crossover_n']}")
    print(f"wrote {out} and {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
