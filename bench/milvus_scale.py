"""Dense search at scale: Milvus Lite (HNSW) against FAISS (HNSW and exact), on the synthetic
e5-like vectors of bench/scale.py.

    python -m bench.milvus_scale --sizes 100000 [1000000] --out docs/bench-milvus-scale.json
    python -m bench.milvus_scale --sizes 5000 --queries 200      # smoke run
    python -m bench.milvus_scale --markdown docs/bench-milvus-scale.json > docs/bench-milvus-scale.md

The markdown section (folded into BENCHMARKS.md by bench/report.py) is generated from the JSON;
`--note TEXT` records what the run did not cover and why (e.g. a size not attempted).

Per size N: the same corpus and queries (bench/scale.py's "hier" profile: 1,000 near + 200 fresh
queries by default) go to
- FAISS IndexFlatIP: the exact ground truth;
- FAISS HNSW (M=32, efConstruction=80, efSearch=128: the index/dense.py settings at this size);
- Milvus Lite HNSW with the same M / efConstruction / ef, in a fresh database file.
Build time is insert + index build until the collection answers its first query. Latency is
single queries with k=10 after a warm-up, one at a time (as the searcher issues them), through
the pymilvus client for Milvus (so it includes the client round trip: that is what our backend
pays). Recall@10 is against the exact results, ties counted as hits (bench/scale.py's rule).
The load average is recorded: the machine is shared, so compare rows of one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.scale import (
    HNSW_EF_CONSTRUCTION,
    HNSW_M,
    K,
    build_flat,
    build_hnsw,
    make_generator,
    recall_at_k,
    single_query_search,
)

EF_SEARCH = 128
INSERT_BATCH = 5_000
WARMUP = 50


def _stats(n: int, name: str, build_s: float, lat: np.ndarray, rec: np.ndarray, is_near: np.ndarray) -> dict[str, Any]:
    return {
        "n": n,
        "index": name,
        "build_s": round(build_s, 1),
        "p50_ms": round(float(np.percentile(lat, 50)), 3),
        "p95_ms": round(float(np.percentile(lat, 95)), 3),
        "recall_at_10": round(float(rec.mean()), 4),
        "recall_at_10_near": round(float(rec[is_near].mean()), 4),
        "recall_at_10_fresh": round(float(rec[~is_near].mean()), 4) if (~is_near).any() else None,
        "n_queries": len(lat),
        "loadavg_1m": round(os.getloadavg()[0], 2),
    }


def milvus_hnsw(x: np.ndarray, q: np.ndarray, directory: Path, log=print) -> tuple[float, np.ndarray, np.ndarray]:
    """Build a Milvus Lite collection of x; returns (build seconds, ids (len(q), K), latencies ms)."""
    from pymilvus import DataType, MilvusClient

    client = MilvusClient(str(directory / "scale.db"))
    try:
        schema = client.create_schema(auto_id=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=x.shape[1])
        params = client.prepare_index_params()
        params.add_index(
            "dense", index_type="HNSW", metric_type="IP",
            params={"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION},
        )
        started = time.perf_counter()
        client.create_collection("scale", schema=schema, index_params=params)
        for start in range(0, len(x), INSERT_BATCH):
            stop = min(len(x), start + INSERT_BATCH)
            client.insert("scale", [{"id": i, "dense": x[i].tolist()} for i in range(start, stop)])
            if stop % 50_000 == 0 or stop == len(x):
                log(f"    milvus insert {stop:,}/{len(x):,}  {time.perf_counter() - started:.0f} s")
        client.flush("scale")
        client.load_collection("scale")
        search_params = {"metric_type": "IP", "params": {"ef": EF_SEARCH}}
        client.search("scale", data=[q[0].tolist()], anns_field="dense", limit=K, search_params=search_params)
        build_s = time.perf_counter() - started
        for i in range(min(WARMUP, len(q))):
            client.search("scale", data=[q[i].tolist()], anns_field="dense", limit=K, search_params=search_params)
        ids = np.full((len(q), K), -1, dtype=np.int64)
        lat = np.empty(len(q))
        for i in range(len(q)):
            t0 = time.perf_counter()
            hits = client.search("scale", data=[q[i].tolist()], anns_field="dense", limit=K, search_params=search_params)[0]
            lat[i] = (time.perf_counter() - t0) * 1e3
            found = [h["id"] for h in hits]
            ids[i, : len(found)] = found
        return build_s, ids, lat
    finally:
        client.close()


def bench_size(n: int, n_near: int, n_fresh: int, log=print) -> list[dict[str, Any]]:
    gen = make_generator("hier")
    x, topics = gen.corpus_with_topics(n)
    q, is_near = gen.queries(x, topics, n_near, n_fresh)
    del topics
    rows = []
    flat = build_flat(x)
    gt_scores, gt_ids = flat.search(q, K)
    del flat
    log(f"[n={n:,}] FAISS HNSW …")
    started = time.perf_counter()
    hnsw = build_hnsw(x, HNSW_EF_CONSTRUCTION, log)
    build_s = time.perf_counter() - started
    hnsw.hnsw.efSearch = EF_SEARCH
    ids, lat = single_query_search(hnsw, q)
    rows.append(_stats(n, "faiss-hnsw", build_s, lat, recall_at_k(ids, gt_ids, gt_scores, x, q), is_near))
    log(f"  {rows[-1]}")
    del hnsw
    log(f"[n={n:,}] Milvus Lite HNSW …")
    tmp = Path(tempfile.mkdtemp(prefix="milvus-scale-"))
    try:
        build_s, ids, lat = milvus_hnsw(x, q, tmp, log)
        rows.append(_stats(n, "milvus-lite-hnsw", build_s, lat, recall_at_k(ids, gt_ids, gt_scores, x, q), is_near))
        rows[-1]["db_mb"] = round(sum(f.stat().st_size for f in tmp.rglob("*") if f.is_file()) / 2**20, 1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log(f"  {rows[-1]}")
    return rows


def markdown(results: dict) -> str:
    lines = [
        "### Milvus Lite against FAISS at scale",
        "",
        f"`python -m bench.milvus_scale` ({results['date']}, milvus-lite {results['versions'].get('milvus_lite')}, "
        f"pymilvus {results['versions'].get('pymilvus')}, faiss {results['versions'].get('faiss')}): synthetic e5-like "
        f"384-d vectors (bench/scale.py, profile hier), {results['queries']} single queries, k=10, HNSW M={HNSW_M} "
        f"efConstruction={HNSW_EF_CONSTRUCTION} ef={EF_SEARCH} on both; recall@10 against exact search. "
        "Milvus latency goes through the pymilvus client (what the backend pays). Shared 2-core machine: "
        "load average per row.",
        "",
        "| N | index | build s | p50 ms | p95 ms | recall@10 | near / fresh | load 1m | on disk MB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results["rows"]:
        lines.append(
            f"| {r['n']:,} | {r['index']} | {r['build_s']} | {r['p50_ms']} | {r['p95_ms']} | {r['recall_at_10']} | "
            f"{r['recall_at_10_near']} / {r['recall_at_10_fresh']} | {r['loadavg_1m']} | {r.get('db_mb', '–')} |"
        )
    lines.append("")
    lines.extend(f"- {note}" for note in results.get("notes", []))
    lines.extend(f"- Not run: {note}" for note in results.get("not_run", []))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.milvus_scale")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--queries", type=int, default=1_000, help="near queries (plus 1/5 as many fresh)")
    parser.add_argument("--out", default=None)
    parser.add_argument("--md", default=None)
    parser.add_argument("--markdown", metavar="JSON", help="only print the markdown section of a results file")
    parser.add_argument("--note", action="append", default=[], help="with --markdown: add a note to the results file first")
    parser.add_argument("--not-run", action="append", default=[], help="with --markdown: record a size not run, and why")
    args = parser.parse_args(argv)
    if args.markdown:
        path = Path(args.markdown)
        results = json.loads(path.read_text(encoding="utf-8"))
        if args.note or args.not_run:
            results["notes"] = [*results.get("notes", []), *args.note]
            results["not_run"] = [*results.get("not_run", []), *args.not_run]
            path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(markdown(results), end="")
        return 0
    from importlib.metadata import version

    import faiss

    results: dict[str, Any] = {
        "benchmark": "milvus_scale",
        "date": time.strftime("%Y-%m-%d"),
        "queries": args.queries + args.queries // 5,
        "versions": {"milvus_lite": version("milvus-lite"), "pymilvus": version("pymilvus"), "faiss": faiss.__version__},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "loadavg_start": os.getloadavg()},
        "rows": [],
    }
    for n in args.sizes:
        results["rows"].extend(bench_size(n, args.queries, args.queries // 5))
        if args.out:  # keep what was measured even if a later size is stopped
            Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.md:
        Path(args.md).write_text(markdown(results), encoding="utf-8")
    print(markdown(results), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
