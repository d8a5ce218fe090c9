"""Optional cross-encoder reranking of the fused candidates.

No multilingual cross-encoder ships on PyPI, so none is on by default and the search works
without one. Where a model exists (a local directory, or a hub name on a machine with Internet,
e.g. `BAAI/bge-reranker-v2-m3`), set `HOIDAP_RERANKER` or pass `--reranker`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from index.embedder import EmbedderError


class Reranker(Protocol):
    name: str

    def score(self, query: str, passages: list[str]) -> list[float]: ...


class CrossEncoderReranker:
    def __init__(self, model: str, allow_download: bool = False) -> None:
        try:
            from sentence_transformers import CrossEncoder
        except ImportError as exc:
            raise EmbedderError("Chưa cài sentence-transformers: pip install -r requirements.txt") from exc
        is_path = Path(model).expanduser().exists()
        try:
            self._model = CrossEncoder(
                str(Path(model).expanduser()) if is_path else model,
                device="cpu",
                local_files_only=not (allow_download or is_path),
            )
        except Exception as exc:
            raise EmbedderError(f"Không tải được mô hình xếp hạng lại '{model}': {type(exc).__name__}: {exc}") from exc
        self.name = model

    def score(self, query: str, passages: list[str]) -> list[float]:
        if not passages:
            return []
        return [float(s) for s in self._model.predict([(query, p) for p in passages], show_progress_bar=False)]


def make_reranker(model: str | None, allow_download: bool = False) -> Reranker | None:
    return CrossEncoderReranker(model, allow_download) if model else None
