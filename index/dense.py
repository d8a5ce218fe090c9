"""The dense side: a FAISS index of unit vectors searched by inner product (= cosine).

Row i of the FAISS index is chunk i of the store. Two index types: exact `flat` and approximate
`hnsw`; `auto` picks by corpus size (see `index.ann_choice`). Filters are applied inside the
search with an ID selector, so a filtered query still gets its k best allowed rows.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from index.ann_choice import choose_index_type

INDEX_TYPES = ("auto", "flat", "hnsw")
_HNSW_M = 32
_HNSW_EF_CONSTRUCTION = 80
# 256 not 128: at 1M synthetic vectors efSearch 128 gave recall@10 0.86-0.90, 256 gave 0.93-0.96
# for under 1 ms p50 (docs/bench-scale.json).
_HNSW_EF_SEARCH = 256


def resolve_index_type(requested: str, n_vectors: int) -> str:
    if requested not in INDEX_TYPES:
        raise ValueError(f"index type must be one of {', '.join(INDEX_TYPES)}, not {requested!r}")
    return choose_index_type(n_vectors) if requested == "auto" else requested


class DenseIndex:
    def __init__(self, dim: int, index_type: str = "flat") -> None:
        self.dim = dim
        self.index_type = index_type
        self._index = self._new()

    def _new(self) -> faiss.Index:
        if self.index_type == "hnsw":
            index = faiss.IndexHNSWFlat(self.dim, _HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = _HNSW_EF_CONSTRUCTION
            index.hnsw.efSearch = _HNSW_EF_SEARCH
            return index
        return faiss.IndexFlatIP(self.dim)

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def add(self, vectors: np.ndarray) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.size:
            if vectors.shape[1] != self.dim:
                raise ValueError(f"vectors have {vectors.shape[1]} dimensions, the index {self.dim}")
            self._index.add(vectors)

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, rows) of the k nearest rows, best first; rows limited to `allowed` ids if given."""
        if self.size == 0 or k <= 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        params = None
        if allowed is not None:
            if len(allowed) == 0:
                return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
            selector = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
            if self.index_type == "hnsw":
                params = faiss.SearchParametersHNSW(sel=selector, efSearch=max(_HNSW_EF_SEARCH, k))
            else:
                params = faiss.SearchParameters(sel=selector)
            k = min(k, len(allowed))
        k = min(k, self.size)
        scores, rows = self._index.search(q, k, params=params)
        keep = rows[0] >= 0
        return scores[0][keep], rows[0][keep]

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path, dim: int, index_type: str) -> DenseIndex:
        obj = cls.__new__(cls)
        obj.dim = dim
        obj.index_type = index_type
        obj._index = faiss.read_index(str(path))
        if obj._index.d != dim:
            raise ValueError(f"{path.name} has {obj._index.d} dimensions, manifest says {dim}")
        return obj
