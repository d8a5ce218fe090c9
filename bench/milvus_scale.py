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

Where Milvus Lite 3.x spends its time (it is pure Python, its gRPC server a thread of this
process; milvus-lite 3.2.2 read and measured 2026-11-30):
- insert: the client packs each row into protobuf (~0.27 s per 5,000 rows of 384 floats) and the
  server unpacks every vector back into Python lists and validates each record (~1 s per 5,000):
  ~3,100-3,500 rows/s on a lightly loaded core up to 60k, with batches of 5,000 or 20,000 alike.
  Creating the collection without its index and indexing after the inserts was slower (20k rows:
  19.8 s against 9.0 s), so the index is declared at creation. The 415 rows/s of the first 100k
  run (nice 15 at load 5-6) was CPU share, not the batch format.
- index: each flushed segment (up to ~90k rows) gets its HNSW graph in a background thread; the
  collection answers before that, searching unindexed segments exactly. Build time here is until
  every segment has its graph (`first_answer_s` is when it first answered), and recall is measured
  after, so it is HNSW's recall.
- search: every call first walks all stored rows in Python (per-primary-key de-duplication across
  segments, milvus_lite/search/executor_indexed.py), so one single query costs O(N) before the
  graphs are searched. Recall is therefore measured with `--recall-batch` queries per call (the
  same per-segment HNSW search, the walk paid once per call), and single-query latency on the
  first `--latency-queries` queries, which at 1M would otherwise take hours.
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
RECALL_BATCH = 100


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
        "recall_queries": len(rec),
        "loadavg_1m": round(os.getloadavg()[0], 2),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def _wait_for_segment_indexes(db: Path, log, started: float, poll_s: float = 2.0) -> None:
    """Milvus Lite 3.x answers right after `load_collection`, searching segments whose HNSW is not
    built yet exactly, and builds those graphs in a background thread of this process. Build time
    and recall are measured once every stored segment has its graph; pymilvus does not expose
    this, so the segment files are compared with the index files (milvus-lite 3.2.2's layout:
    partitions/*/data/<seg>.parquet, partitions/*/indexes/<seg>.dense.hnsw.idx)."""
    last = None
    while True:
        segments = {f.stem for f in db.rglob("data/*.parquet")}
        indexed = {f.name.split(".")[0] for f in db.rglob("indexes/*.dense.hnsw.idx")}
        missing = segments - indexed
        if segments and not missing:
            return
        if len(missing) != last:
            log(f"    milvus segments indexed {len(segments & indexed)}/{len(segments)}  {time.perf_counter() - started:.0f} s")
            last = len(missing)
        time.sleep(poll_s)


def milvus_hnsw(
    x: np.ndarray, q: np.ndarray, directory: Path, log=print, n_latency: int | None = None,
    recall_batch: int = RECALL_BATCH,
) -> tuple[float, float, float, np.ndarray, np.ndarray]:
    """Build a Milvus Lite collection of x; returns (build seconds, insert seconds, seconds until
    the first answer, ids (len(q), K) from batched searches, single-query latencies ms of the
    first n_latency queries)."""
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
        insert_s = time.perf_counter() - started
        client.flush("scale")
        log(f"    milvus flushed  {time.perf_counter() - started:.0f} s")
        client.load_collection("scale")
        search_params = {"metric_type": "IP", "params": {"ef": EF_SEARCH}}
        client.search("scale", data=[q[0].tolist()], anns_field="dense", limit=K, search_params=search_params)
        answering_s = time.perf_counter() - started
        log(f"    milvus answering  {answering_s:.0f} s")
        _wait_for_segment_indexes(directory / "scale.db", log, started)
        client.search("scale", data=[q[0].tolist()], anns_field="dense", limit=K, search_params=search_params)
        build_s = time.perf_counter() - started
        log(f"    milvus every segment indexed  {build_s:.0f} s")
        ids = np.full((len(q), K), -1, dtype=np.int64)
        for start in range(0, len(q), recall_batch):
            batch = q[start : start + recall_batch]
            res = client.search("scale", data=batch.tolist(), anns_field="dense", limit=K, search_params=search_params)
            for i, hits in enumerate(res):
                found = [h["id"] for h in hits]
                ids[start + i, : len(found)] = found
        log(f"    milvus recall searches done  {time.perf_counter() - started:.0f} s")
        n_latency = len(q) if n_latency is None else min(n_latency, len(q))
        for i in range(min(WARMUP, max(5, n_latency // 10), len(q))):
            client.search("scale", data=[q[i].tolist()], anns_field="dense", limit=K, search_params=search_params)
        lat = np.empty(n_latency)
        for i in range(n_latency):
            t0 = time.perf_counter()
            client.search("scale", data=[q[i].tolist()], anns_field="dense", limit=K, search_params=search_params)
            lat[i] = (time.perf_counter() - t0) * 1e3
            if (i + 1) % 25 == 0:
                log(f"    milvus single queries {i + 1}/{n_latency}  p50 so far {np.median(lat[: i + 1]):.0f} ms")
        return build_s, insert_s, answering_s, ids, lat
    finally:
        client.close()


def bench_size(
    n: int, n_near: int, n_fresh: int, log=print, n_latency: int | None = None, recall_batch: int = RECALL_BATCH,
    indexes: tuple[str, ...] = ("faiss", "milvus"),
) -> list[dict[str, Any]]:
    gen = make_generator("hier")
    x, topics = gen.corpus_with_topics(n)
    q, is_near = gen.queries(x, topics, n_near, n_fresh)
    del topics
    rows = []
    flat = build_flat(x)
    gt_scores, gt_ids = flat.search(q, K)
    del flat
    if "faiss" in indexes:
        log(f"[n={n:,}] FAISS HNSW …")
        started = time.perf_counter()
        hnsw = build_hnsw(x, HNSW_EF_CONSTRUCTION, log)
        build_s = time.perf_counter() - started
        hnsw.hnsw.efSearch = EF_SEARCH
        ids, lat = single_query_search(hnsw, q)
        rows.append(_stats(n, "faiss-hnsw", build_s, lat, recall_at_k(ids, gt_ids, gt_scores, x, q), is_near))
        log(f"  {rows[-1]}")
        del hnsw
    if "milvus" not in indexes:
        return rows
    log(f"[n={n:,}] Milvus Lite HNSW …")
    tmp = Path(tempfile.mkdtemp(prefix="milvus-scale-"))
    try:
        build_s, insert_s, answering_s, ids, lat = milvus_hnsw(x, q, tmp, log, n_latency, recall_batch)
        rows.append(_stats(n, "milvus-lite-hnsw", build_s, lat, recall_at_k(ids, gt_ids, gt_scores, x, q), is_near))
        rows[-1]["insert_s"] = round(insert_s, 1)
        rows[-1]["first_answer_s"] = round(answering_s, 1)
        rows[-1]["inserts_per_s"] = round(n / insert_s)
        rows[-1]["recall_queries"] = len(q)
        rows[-1]["recall_batch"] = recall_batch
        rows[-1]["db_mb"] = round(sum(f.stat().st_size for f in tmp.rglob("*") if f.is_file()) / 2**20, 1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log(f"  {rows[-1]}")
    return rows


def markdown(results: dict) -> str:
    lines = [
        "### Milvus Lite against FAISS at scale",
        "",
        f"`python -m bench.milvus_scale` (milvus-lite {results['versions'].get('milvus_lite')}, "
        f"pymilvus {results['versions'].get('pymilvus')}, faiss {results['versions'].get('faiss')}): synthetic e5-like "
        f"384-d vectors (bench/scale.py, profile hier), {results['queries']} queries, k=10, HNSW M={HNSW_M} "
        f"efConstruction={HNSW_EF_CONSTRUCTION} ef={EF_SEARCH} on both; recall@10 against exact search. "
        "Milvus latency goes through the pymilvus client (what the backend pays). Shared 2-core machine: "
        "load average per row; each row says when it was measured (rows of one size come from one run).",
        "",
        "| N | index | measured | build s (inserts/s) | single queries timed | p50 ms | p95 ms | recall@10 "
        "(queries) | near / fresh | load 1m | on disk MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results["rows"]:
        build = f"{r['build_s']}" + (f" ({r['inserts_per_s']:,}/s)" if r.get("inserts_per_s") else "")
        lines.append(
            f"| {r['n']:,} | {r['index']} | {r.get('date', results['date'])} | {build} | {r['n_queries']} | "
            f"{r['p50_ms']} | {r['p95_ms']} | {r['recall_at_10']} ({r.get('recall_queries', r['n_queries'])}) | "
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
    parser.add_argument("--latency-queries", type=int, default=None,
                        help="time only the first N queries one at a time on Milvus (recall still uses all)")
    parser.add_argument("--recall-batch", type=int, default=RECALL_BATCH, help="queries per Milvus call for recall")
    parser.add_argument("--indexes", nargs="+", choices=["faiss", "milvus"], default=["faiss", "milvus"])
    parser.add_argument("--merge", action="store_true",
                        help="keep the rows already in --out except those (size, index) measured now")
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
    if args.merge and args.out and Path(args.out).exists():
        old = json.loads(Path(args.out).read_text(encoding="utf-8"))
        for row in old["rows"]:
            row.setdefault("date", old["date"])
        measured = {(n, name) for n in args.sizes for name in args.indexes}
        results["rows"] = [r for r in old["rows"] if (r["n"], r["index"].split("-")[0]) not in measured]
        results["notes"], results["not_run"] = old.get("notes", []), old.get("not_run", [])
        results["earlier_runs"] = [*old.get("earlier_runs", []), {"date": old["date"], "machine": old["machine"]}]
    for n in args.sizes:
        results["rows"].extend(bench_size(n, args.queries, args.queries // 5, n_latency=args.latency_queries,
                                          recall_batch=args.recall_batch, indexes=tuple(args.indexes)))
        results["rows"].sort(key=lambda r: (r["n"], r["index"]))  # docs/bench-notes.md names rows by position
        if args.out:  # keep what was measured even if a later size is stopped
            Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.md:
        Path(args.md).write_text(markdown(results), encoding="utf-8")
    print(markdown(results), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
