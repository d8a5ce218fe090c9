"""Optional cross-encoder reranking of the fused candidates.

No multilingual cross-encoder ships on PyPI, so none is on by default and the search works
without one. Where a model exists (a local directory, or a hub name on a machine with Internet,
e.g. `BAAI/bge-reranker-v2-m3`), set `HOIDAP_RERANKER` or pass `--reranker`.
"""

from __future__ import annotations

from typing import Protocol

from index.embedder import load_sentence_transformers


class Reranker(Protocol):
    name: str

    def score(self, query: str, passages: list[str]) -> list[float]: ...


class CrossEncoderReranker:
    def __init__(self, model: str, allow_download: bool = False) -> None:
        self._model = load_sentence_transformers("CrossEncoder", model, allow_download)
        self.name = model

    def score(self, query: str, passages: list[str]) -> list[float]:
        if not passages:
            return []
        return [float(s) for s in self._model.predict([(query, p) for p in passages], show_progress_bar=False)]


def make_reranker(model: str | None, allow_download: bool = False) -> Reranker | None:
    return CrossEncoderReranker(model, allow_download) if model else None
