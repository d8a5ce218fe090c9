"""The same questions on every storage backend: does moving the index to Milvus change answers?

    python -m bench.backend_compare [--pools devset laws alqac] [--backends local milvus]
                                    [--workdir DIR] [--out docs/bench-backends.json] [--md docs/bench-backends.md]
    python -m bench.backend_compare --markdown docs/bench-backends.json   (only print the section)

Per pool (bench/pools.py: `devset` = corpus/ with eval/devset.jsonl scored by quote;
`laws` = the Word laws of LAWS_FILES with eval/laws_questions.jsonl and `alqac` = ALQAC's
declared law with its questions, both scored by article), the pool's documents are indexed once
per backend, then every answerable question goes through the product searcher on each. All
embedding goes through the benchmark cache (bench/cache.py, DEFAULT_CACHE), so every backend
indexes the same vectors and only storage and search differ; the JSON records how many passages
the cache missed (0 = nothing was re-embedded). Reports R@k / MRR@10 per backend, the MRR
difference, and the questions whose first correct rank differs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POOLS = ("devset", "laws", "alqac")


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _scorer(pool: str):
    """(answerable question count, score(searcher) → (metrics, first correct rank per question))."""
    if pool == "devset":
        from bench.devset import evaluate, load_devset

        questions = load_devset()

        def score(searcher):
            table, ranks = evaluate(
                lambda q: [(h.document.doc_id, h.chunk.text) for h in searcher.search(q, top_k=10).hits], questions
            )
            return table["all"], ranks

        return sum(q.answerable for q in questions), score

    from bench import pools
    from bench.common import ArticleQuestion, evaluate_articles, ours_runner

    questions = [ArticleQuestion(q.id, q.question, q.gold, (q.slice,)) for q in pools.questions(pool) if q.answerable]

    def score(searcher):
        # Depth 50 as bench/laws.py and bench/alqac.py run our system; MRR@10 reads the first 10 articles.
        result = evaluate_articles({"ours": ours_runner(searcher)}, questions)
        return result["metrics"]["ours"]["all"], result["ranks"]["ours"]

    return len(questions), score


def _sources(pool: str) -> list[Path]:
    from bench import pools

    return [ROOT / "corpus"] if pool == "devset" else pools.sources(pool)


def run_pool(pool: str, backends: list[str], embedder, work: Path, log=print) -> dict:
    from index.search import Searcher
    from index.store import load_index
    from ingest.build import update_index

    n_questions, score = _scorer(pool)
    out: dict = {"questions": n_questions, "backends": {}}
    ranks: dict[str, dict] = {}
    for backend in backends:
        directory = work / pool / backend
        misses = embedder.misses
        started = time.perf_counter()
        report = update_index(_sources(pool), directory, embedder, backend=backend)
        build_s = time.perf_counter() - started
        searcher = Searcher(load_index(directory, embedder.name, backend), embedder)
        started = time.perf_counter()
        metrics, ranks[backend] = score(searcher)
        out["backends"][backend] = {
            "metrics": metrics,
            "build_s": round(build_s, 1),
            "documents": report.documents,
            "chunks": report.chunks,
            "cache_misses": embedder.misses - misses,
            "search_s": round(time.perf_counter() - started, 1),
        }
        log(f"{pool} {backend} {json.dumps(out['backends'][backend], ensure_ascii=False)}")
    base, *others = backends
    for other in others:
        diff = {q: [ranks[base][q], ranks[other][q]] for q in ranks[base] if ranks[base][q] != ranks[other][q]}
        gap = abs(out["backends"][base]["metrics"]["MRR@10"] - out["backends"][other]["metrics"]["MRR@10"])
        out[f"{other}_vs_{base}"] = {"mrr10_abs_diff": round(gap, 4), "questions_with_different_rank": len(diff), "different": diff}
        log(f"{pool}: {other} vs {base}: |ΔMRR@10| = {gap:.4f}, {len(diff)} questions ranked differently")
    return out


POOL_LABEL = {
    "devset": "dev set (corpus/, quote rule)",
    "laws": "Word laws of bench/pools.py LAWS_FILES (article rule)",
    "alqac": "ALQAC pool of bench/pools.py (article rule)",
}


def markdown(results: dict) -> str:
    """The section folded into BENCHMARKS.md (bench/report.py), from the results JSON alone."""
    pools = results.get("pools") or ["devset"]
    lines = [
        "### Storage backends on the same questions",
        "",
        f"`python -m bench.backend_compare --pools {' '.join(pools)}` ({results['date']}, engine commit "
        f"`{results.get('commit', '?')}`): each pool's documents indexed once per backend from the same cached vectors "
        "(cache misses = texts the model embedded during that backend's build and search, query variants included), every answerable question through "
        "the product searcher. All three are tuning pools of bench/tune.py, so the absolute numbers are in-sample; what "
        "this measures is the difference between backends. Milvus is Milvus Lite (HNSW, ef 256; BM25 = bm25s's weights of our tokens in a sparse vector, scored by Milvus's inner product). "
        f"Load average {results['loadavg_start'][0]:.1f} at the start, {results['loadavg_end'][0]:.1f} at the end on 2 "
        "shared cores, so the times say nothing about speed.",
        "",
        "| pool | questions | backend | chunks | R@1 | R@5 | R@10 | MRR@10 | cache misses | search s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    summary = []
    for pool in pools:
        section = results if pool == "devset" else results[pool]
        for name, row in section["backends"].items():
            m = row["metrics"]
            lines.append(
                f"| {POOL_LABEL.get(pool, pool)} | {section['questions']} | {name} | {row['chunks']} | {m['R@1']:.3f} | "
                f"{m['R@5']:.3f} | {m['R@10']:.3f} | {m['MRR@10']:.4f} | {row.get('cache_misses', '–')} | {row['search_s']} |"
            )
        for key, cmp in section.items():
            if "_vs_" in key and isinstance(cmp, dict):
                summary.append(
                    f"- {pool}: |ΔMRR@10| {cmp['mrr10_abs_diff']:.4f}; first correct rank differs on "
                    f"{cmp['questions_with_different_rank']} of {section['questions']} questions"
                    + (f" ({', '.join(f'{q}: {a} vs {b}' for q, (a, b) in cmp['different'].items())})" if cmp["different"] else "")
                )
    for earlier in results.get("earlier_runs", []):
        summary.append(
            f"\nEarlier, {earlier['what']}: "
            + "; ".join(
                f"{pool} MRR@10 local {row['local_MRR@10']:.4f} / milvus {row['milvus_MRR@10']:.4f}, "
                f"{row['questions_with_different_rank']} of {row['questions']} questions ranked differently"
                for pool, row in earlier["pools"].items()
            )
            + f". {earlier['fix']}"
        )
    return "\n".join([*lines, "", *summary]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.backend_compare")
    parser.add_argument("--pools", nargs="+", choices=POOLS, default=["devset", "laws"])
    parser.add_argument("--backends", nargs="+", default=["local", "milvus"])
    parser.add_argument("--workdir", default=None, help="keep the indexes here (default: a temporary folder)")
    parser.add_argument("--out", default=None)
    parser.add_argument("--md", default=None)
    parser.add_argument("--markdown", metavar="JSON", help="only print the markdown section of a results file")
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown(json.loads(Path(args.markdown).read_text(encoding="utf-8"))), end="")
        return 0

    from bench.cache import DEFAULT_CACHE, CachedEmbedder
    from index.embedder import make_embedder

    embedder = CachedEmbedder(make_embedder(), DEFAULT_CACHE)
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="bench-backends-"))
    # The dev set's entry stays at the top level (`backends`, `milvus_vs_local`): the notes'
    # placeholders (docs/bench-notes.md) name it there. Other pools get their own key.
    results: dict = {
        "benchmark": "backend_compare",
        "date": time.strftime("%Y-%m-%d"),
        "commit": _commit(),
        "pools": args.pools,
        "loadavg_start": os.getloadavg(),
    }
    for pool in args.pools:
        section = run_pool(pool, args.backends, embedder, work)
        if pool == "devset":
            results.update(section)
        else:
            results[pool] = section
        results["loadavg_end"] = os.getloadavg()
        if args.out:  # keep what was measured if a later pool is stopped
            Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.md:
        Path(args.md).write_text(markdown(results), encoding="utf-8")
    print(markdown(results), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
