"""The same questions on every storage backend: does moving the index to Milvus change answers?

    python -m bench.backend_compare [--backends local milvus] [--workdir DIR] [--out docs/bench-backends.json]

Builds corpus/ once per backend (the embedding cache inside the first index folder is copied to
the others, so every backend indexes the same vectors and only storage and search differ), then
scores the dev set (eval/devset.jsonl, bench/devset.py's quote rule) with the product searcher.
Reports R@k / MRR@10 per backend, the largest MRR difference, and how many questions got a
different first correct rank. ALQAC and the Word laws are not run here (hours of embedding on
these machines); bench/alqac.py and bench/laws.py take the same `backend` once the store does.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.backend_compare")
    parser.add_argument("--backends", nargs="+", default=["local", "milvus"])
    parser.add_argument("--workdir", default=None, help="keep the indexes here (default: a temporary folder)")
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)

    from bench.devset import evaluate, load_devset
    from index.embedder import make_embedder
    from index.search import Searcher
    from index.store import load_index
    from ingest.build import update_index

    embedder = make_embedder()
    questions = load_devset()
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="bench-backends-"))
    results: dict = {
        "benchmark": "backend_compare",
        "date": time.strftime("%Y-%m-%d"),
        "questions": sum(q.answerable for q in questions),
        "loadavg_start": os.getloadavg(),
        "backends": {},
    }
    ranks: dict[str, dict] = {}
    first_cache: Path | None = None
    for backend in args.backends:
        directory = work / backend
        if first_cache is not None and not (directory / "cache").exists():
            shutil.copytree(first_cache, directory / "cache")
        started = time.perf_counter()
        report = update_index([ROOT / "corpus"], directory, embedder, backend=backend)
        build_s = time.perf_counter() - started
        first_cache = first_cache or directory / "cache"
        searcher = Searcher(load_index(directory, embedder.name, backend), embedder)
        started = time.perf_counter()
        table, ranks[backend] = evaluate(
            lambda q, s=searcher: [(h.document.doc_id, h.chunk.text) for h in s.search(q, top_k=10).hits], questions
        )
        results["backends"][backend] = {
            "metrics": table["all"],
            "build_s": round(build_s, 1),
            "embedded": report.embedded,
            "chunks": report.chunks,
            "search_s": round(time.perf_counter() - started, 1),
        }
        print(backend, json.dumps(results["backends"][backend]))
    names = list(ranks)
    if len(names) >= 2:
        base = names[0]
        for other in names[1:]:
            diff = [q for q in ranks[base] if ranks[base][q] != ranks[other][q]]
            mrr_gap = abs(results["backends"][base]["metrics"]["MRR@10"] - results["backends"][other]["metrics"]["MRR@10"])
            results[f"{base}_vs_{other}"] = {"mrr10_abs_diff": round(mrr_gap, 4), "questions_with_different_rank": len(diff),
                                             "different": {q: [ranks[base][q], ranks[other][q]] for q in diff}}
            print(f"{base} vs {other}: |ΔMRR@10| = {mrr_gap:.4f}, {len(diff)} questions ranked differently")
    results["loadavg_end"] = os.getloadavg()
    if args.out:
        Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
