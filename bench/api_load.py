"""Load test of the HTTP API: N concurrent clients POST /search for S seconds against a server this
script starts on 127.0.0.1 (and only there), with one and with two uvicorn worker processes
sharing one index directory.

    python -m bench.api_load [--index DIR] [--clients 50] [--seconds 60] [--max-requests 20000]
                             [--workers 1 2] [--out docs/api-load.json] [--md docs/api-load.md]
    python -m bench.api_load --markdown docs/api-load.json     # only print the BENCHMARKS section

Bounded: each run stops at the deadline or after --max-requests requests, whichever comes first,
each request times out after 60 s, and the server is stopped at the end. Questions are the dev
set's (eval/devset.jsonl), cycled: the API's speed, not its accuracy, is measured here. Without
--index the corpus/ index is built first (through the bench embedding cache). The machine's load
average is recorded before and after each run: these machines are shared, so absolute numbers
vary with what else is running; compare the runs of one file with each other.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anything else: this script loads only the machine it runs on
REQUEST_TIMEOUT = 60.0
STARTUP_TIMEOUT = 600.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _questions() -> list[str]:
    from bench.devset import load_devset

    return [q.question for q in load_devset()]


def build_corpus_index(directory: Path, cache: Path | None) -> None:
    from bench.cache import DEFAULT_CACHE, CachedEmbedder
    from index.embedder import make_embedder
    from ingest.build import update_index

    update_index([ROOT / "corpus"], directory, CachedEmbedder(make_embedder(), cache or DEFAULT_CACHE))


class Server:
    """`python -m index serve` on 127.0.0.1, started and stopped by this script."""

    def __init__(self, index_dir: Path, workers: int) -> None:
        self.port = _free_port()
        self.url = f"http://{HOST}:{self.port}"
        env = {k: v for k, v in os.environ.items() if k != "HOIDAP_ADMIN_TOKEN"}  # read-only server
        # Kept open for the server's lifetime and closed in stop(); left on disk for a post-mortem.
        self.log = tempfile.NamedTemporaryFile("w+", prefix="api-load-", suffix=".log", delete=False)  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "index", "serve", "--host", HOST, "--port", str(self.port),
             "--workers", str(workers), "--index", str(index_dir)],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )

    def wait_ready(self) -> float:
        import httpx

        started = time.perf_counter()
        while time.perf_counter() - started < STARTUP_TIMEOUT:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited ({self.proc.returncode}); log: {self.log.name}")
            try:
                if httpx.get(self.url + "/health", timeout=5).status_code == 200:
                    return time.perf_counter() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"server not ready after {STARTUP_TIMEOUT:.0f} s; log: {self.log.name}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)  # the process group this script started
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


async def _load(url: str, questions: list[str], clients: int, seconds: float, max_requests: int, top_k: int) -> dict:
    import httpx

    latencies: list[float] = []
    errors: dict[str, int] = {}
    issued = 0
    deadline = time.perf_counter() + seconds

    async def client(worker: int, http: httpx.AsyncClient) -> None:
        nonlocal issued
        i = worker
        while time.perf_counter() < deadline and issued < max_requests:
            issued += 1
            question = questions[i % len(questions)]
            i += clients
            started = time.perf_counter()
            try:
                response = await http.post(url + "/search", json={"question": question, "top_k": top_k})
                if response.status_code == 200:
                    latencies.append(time.perf_counter() - started)
                else:
                    key = f"HTTP {response.status_code}"
                    errors[key] = errors.get(key, 0) + 1
            except httpx.HTTPError as exc:
                key = type(exc).__name__
                errors[key] = errors.get(key, 0) + 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT, limits=limits) as http:
        await asyncio.gather(*(client(w, http) for w in range(clients)))
    wall = time.perf_counter() - started
    lat = np.array(latencies) * 1000
    return {
        "requests": len(latencies) + sum(errors.values()),
        "ok": len(latencies),
        "errors": errors,
        "seconds": round(wall, 1),
        "throughput_rps": round(len(latencies) / wall, 2),
        "latency_ms": {
            name: (round(float(np.percentile(lat, q)), 1) if len(lat) else None)
            for name, q in (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100))
        },
    }


def run(index_dir: Path, workers: int, clients: int, seconds: float, max_requests: int, top_k: int, log=print) -> dict:
    import httpx

    questions = _questions()
    server = Server(index_dir, workers)
    try:
        ready = server.wait_ready()
        # Warm-up outside the measurement: every worker loads the model and the index on its first
        # search (which worker gets a request is the kernel's choice, so send several).
        for q in questions[: 4 * workers]:
            httpx.post(server.url + "/search", json={"question": q, "top_k": top_k}, timeout=STARTUP_TIMEOUT)
        load_before = os.getloadavg()
        log(f"  workers={workers}: ready in {ready:.0f} s; {clients} clients for {seconds:.0f} s …")
        result = asyncio.run(_load(server.url, questions, clients, seconds, max_requests, top_k))
        load_after = os.getloadavg()
    finally:
        server.stop()
    result.update(
        workers=workers, clients=clients, top_k=top_k, startup_seconds=round(ready, 1),
        loadavg_before=[round(x, 2) for x in load_before], loadavg_after=[round(x, 2) for x in load_after],
    )
    log(f"    {result['ok']} ok, errors {result['errors']}, {result['throughput_rps']} req/s, "
        f"p50 {result['latency_ms']['p50']} ms, p95 {result['latency_ms']['p95']} ms, load {result['loadavg_after']}")
    return result


def markdown(results: dict) -> str:
    lines = [
        "### HTTP API under load",
        "",
        f"`python -m bench.api_load` ({results['date']}): {results['runs'][0]['clients']} concurrent clients "
        f"POST /search (top_k {results['runs'][0]['top_k']}, the dev set's {results['questions']} questions cycled) "
        f"for {results['seconds']:.0f} s against `python -m index serve` on 127.0.0.1, over the corpus/ index "
        f"({results['index']['documents']} documents, {results['index']['chunks']} chunks). "
        f"Machine: {results['machine']['cpus']} CPUs, shared with other work while measured (load averages below: "
        "above the CPU count means other processes competed for the cores), so compare the rows with each other, "
        "not with another machine.",
        "",
        "| workers | requests ok | errors | req/s | p50 ms | p95 ms | p99 ms | load avg (1 min) before → after |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results["runs"]:
        errors = ", ".join(f"{k}: {v}" for k, v in r["errors"].items()) or "0"
        lat = r["latency_ms"]
        lines.append(
            f"| {r['workers']} | {r['ok']} | {errors} | {r['throughput_rps']} | {lat['p50']} | {lat['p95']} | "
            f"{lat['p99']} | {r['loadavg_before'][0]} → {r['loadavg_after'][0]} |"
        )
    lines += [
        "",
        "Each worker process holds its own model and index (loaded once, reopened when the live build "
        "changes) and answers one search at a time; the workers share one index directory. Latency "
        "includes queueing: with 50 clients and a few searches per second, most of a request's time is "
        "waiting for its turn.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.api_load")
    parser.add_argument("--index", help="an existing index directory (default: build corpus/ in a temporary one)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--top-k", type=int, default=5)
    parser.add_argument("--cache", default=None, help="embedding cache for building the index (SQLite; default: the benchmarks' cache)")
    parser.add_argument("--out", default=None, help="write JSON results here")
    parser.add_argument("--md", default=None, help="write the markdown section here")
    parser.add_argument("--markdown", metavar="JSON", help="only print the markdown section of a results file")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown(json.loads(Path(args.markdown).read_text(encoding="utf-8"))), end="")
        return 0
    if not (1 <= args.clients <= 200 and 0 < args.seconds <= 600 and 1 <= args.max_requests <= 100_000):
        parser.error("bounds: 1-200 clients, at most 600 s, at most 100000 requests")

    from index.store import read_manifest

    with tempfile.TemporaryDirectory(prefix="api-load-") as tmp:
        index_dir = Path(args.index) if args.index else Path(tmp) / "index"
        if not args.index:
            print("building the corpus/ index …")
            build_corpus_index(index_dir, Path(args.cache) if args.cache else None)
        manifest = read_manifest(index_dir)
        results: dict = {
            "benchmark": "api_load",
            "date": time.strftime("%Y-%m-%d"),
            "seconds": args.seconds,
            "max_requests": args.max_requests,
            "questions": len(_questions()),
            "index": {"documents": manifest["counts"]["documents"], "chunks": manifest["counts"]["chunks"],
                      "model": manifest["model"]["name"]},
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
            "runs": [],
        }
        for workers in args.workers:
            results["runs"].append(
                run(index_dir, workers, args.clients, args.seconds, args.max_requests, args.top_k)
            )
    if args.out:
        Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.md:
        Path(args.md).write_text(markdown(results), encoding="utf-8")
    print(markdown(results), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
