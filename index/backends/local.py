"""`local` (default): FAISS for the vectors and bm25s for the lexical scores, as files in the
build folder. Neither library updates in place cheaply (bm25s not at all), so `add`/`delete`
collect rows in memory and `save` builds both indexes at once; vectors stay in the store, so a
rebuild never re-embeds."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.backends import Backend, BackendOptions
from index.dense import DenseIndex, resolve_index_type
from index.lexical import LexicalIndex


class LocalBackend(Backend):
    name = "local"

    def __init__(self, dim: int, options: BackendOptions) -> None:
        super().__init__(dim, options)
        self._pending: dict[str, tuple[list[int], np.ndarray, list[list[str]]]] = {}
        self._hashes: dict[str, str | None] = {}
        self._dense: DenseIndex | None = None
        self._lexical: LexicalIndex | None = None

    def add(
        self,
        doc_id: str,
        rows: Sequence[int],
        vectors: np.ndarray,
        tokens: Sequence[Sequence[str]],
        content_hash: str | None = None,
    ) -> None:
        vectors = self._checked_vectors(doc_id, rows, vectors, tokens)
        self._pending[doc_id] = (list(rows), vectors, [list(t) for t in tokens])
        self._hashes[doc_id] = content_hash

    def delete(self, doc_id: str, content_hash: str | None = None) -> None:
        if content_hash is None or self._hashes.get(doc_id) == content_hash:
            self._pending.pop(doc_id, None)
            self._hashes.pop(doc_id, None)

    def _rows(self) -> tuple[np.ndarray, list[list[str]]]:
        order: list[tuple[int, np.ndarray, list[str]]] = []
        for rows, vectors, tokens in self._pending.values():
            order.extend(zip(rows, vectors, tokens, strict=True))
        order.sort(key=lambda r: r[0])
        if [r[0] for r in order] != list(range(len(order))):
            raise ValueError("rows must number the chunks 0..N-1 without gaps")
        matrix = np.vstack([r[1] for r in order]) if order else np.zeros((0, self.dim), np.float32)
        return matrix, [r[2] for r in order]

    def save(self, build: Path, live: Path | None = None) -> dict:
        del live  # every local build is written whole
        matrix, tokens = self._rows()
        chosen = resolve_index_type(self.options.dense_index, len(matrix))
        self._dense = DenseIndex(self.dim, chosen)
        self._dense.add(matrix)
        self._dense.save(build / "dense.faiss")
        self._lexical = LexicalIndex()
        self._lexical.build_tokens(tokens)
        self._lexical.save(build / "lexical")
        return {"dense_index": chosen}

    @classmethod
    def load(cls, build: Path, dim: int, info: dict, options: BackendOptions | None = None) -> LocalBackend:
        backend = cls(dim, options or BackendOptions())
        backend._dense = DenseIndex.load(build / "dense.faiss", dim, info["dense_index"])
        backend._lexical = LexicalIndex.load(build / "lexical")
        if backend._dense.size != backend._lexical.size:
            raise ValueError(f"dense.faiss has {backend._dense.size} rows, lexical/ {backend._lexical.size}")
        return backend

    @property
    def size(self) -> int:
        if self._dense is None:
            return sum(len(p[0]) for p in self._pending.values())
        return self._dense.size

    @property
    def dense(self) -> DenseIndex:
        if self._dense is None:
            raise RuntimeError("backend not saved or loaded yet")
        return self._dense

    def dense_search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        return self.dense.search(query, k, allowed)

    def lexical_scores(self, tokens: Sequence[str], allowed: np.ndarray | None = None) -> np.ndarray:
        if self._lexical is None:
            raise RuntimeError("backend not saved or loaded yet")
        mask = None
        if allowed is not None:
            mask = np.zeros(self._lexical.size, dtype=bool)
            mask[np.asarray(allowed, dtype=np.int64)] = True
        return self._lexical.scores_for_tokens(list(tokens), mask)
