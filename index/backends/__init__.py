"""Where the chunks' vectors and lexical tokens live: one small interface, several backends.

In the spirit of txtai's `ann/`: a base class that says what the Searcher needs from storage,
one module per implementation, and a factory keyed by the `backend` setting (HOIDAP_BACKEND).
Every backend passes tests/index/test_backend_contract.py.

Rows: the store numbers chunks 0..N-1 in the order of its chunk list (documents sorted by id,
chunks in document order); a backend returns those row numbers from searches. Rows are given
to `add` by the store, never invented by the backend.

What stays outside a backend: embedding, tokenising (the backend receives our Vietnamese tokens,
already folded, with bigrams and abbreviations), query analysis, fusion, priors and abstention.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

# `BackendOptions.extra` key the build module sets to "1" when the live build may be updated in
# place by a backend that can (milvus); the local backend always writes its files anew.
UPDATE_LIVE = "update_live"


@dataclass(frozen=True)
class BackendOptions:
    """What a backend may need beyond the vectors: the FAISS index type for `local`, a server
    URI for a remote engine. `extra` carries backend-specific settings."""

    dense_index: str = "auto"
    uri: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


class Backend(ABC):
    """Dense + lexical storage of one index build.

    Lifecycle: `create(dim, options)` → `add(...)` per document (and `delete`) → `save(build)`;
    later `load(build, dim, options)` → `dense_search` / `lexical_scores`. `save` must write only
    inside the given build folder (or, for a server, switch atomically when the store makes the
    build live), so an interrupted build never damages the live one.
    """

    name: str = ""

    def __init__(self, dim: int, options: BackendOptions) -> None:
        self.dim = dim
        self.options = options

    @classmethod
    def create(cls, dim: int, options: BackendOptions | None = None) -> Backend:
        return cls(dim, options or BackendOptions())

    # --- writing -------------------------------------------------------------------------

    def _checked_vectors(self, doc_id: str, rows: Sequence[int], vectors: np.ndarray, tokens: Sequence[Sequence[str]]) -> np.ndarray:
        """`add`'s arguments checked for one row each: the vectors as a float32 (rows × dim) matrix."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(rows), self.dim)
        if len(tokens) != len(rows):
            raise ValueError(f"{doc_id}: {len(rows)} rows but {len(tokens)} token lists")
        return vectors

    @abstractmethod
    def add(
        self,
        doc_id: str,
        rows: Sequence[int],
        vectors: np.ndarray,
        tokens: Sequence[Sequence[str]],
        content_hash: str | None = None,
    ) -> None:
        """Add (or replace) one document's chunks: `rows[i]` gets unit vector `vectors[i]` and
        lexical tokens `tokens[i]`. `content_hash` is the document's (Document.content_hash); a
        backend that updates in place uses it to leave an unchanged document untouched."""

    @abstractmethod
    def delete(self, doc_id: str, content_hash: str | None = None) -> None:
        """Remove one document's chunks (no-op if absent); with `content_hash`, only the chunks
        of that version of the document."""

    @abstractmethod
    def save(self, build: Path, live: Path | None = None) -> dict:
        """Persist into the build folder; returns what the manifest records about the backend
        (e.g. the FAISS index type chosen). Files written here are checksummed by the store.
        `live` is the build folder answering now (None for a new index): a backend that updates
        shared storage in place reads what it needs of the live build from there, so only the
        store knows how builds are laid out."""

    def publish(self, build: Path) -> None:
        """Called once `build` is live (the store has moved CURRENT to it): the moment a backend
        that shares storage between builds may remove what only the previous build used. Until
        then an interrupted build must leave the live one answering as before. Local builds
        share nothing: nothing to do."""
        return None

    # --- reading -------------------------------------------------------------------------

    @classmethod
    @abstractmethod
    def load(cls, build: Path, dim: int, info: dict, options: BackendOptions | None = None) -> Backend:
        """Open what `save` wrote; `info` is what `save` returned (from the manifest)."""

    @property
    @abstractmethod
    def size(self) -> int:
        """Number of rows stored."""

    @abstractmethod
    def dense_search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(cosine scores, rows) of the k nearest rows, best first; only rows in `allowed`
        (an int64 array) when given."""

    @abstractmethod
    def lexical_scores(self, tokens: Sequence[str], allowed: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every row (float32 array of length `size`) for the query tokens;
        rows outside `allowed` score 0."""


# name → "module:Class", imported on first use so choosing a backend never loads the others'
# libraries. A new backend adds one line here and one entry in the contract test.
BACKENDS: dict[str, str] = {
    "local": "index.backends.local:LocalBackend",
    "milvus": "index.backends.milvus:MilvusBackend",
}


def backend_names() -> tuple[str, ...]:
    return tuple(BACKENDS)


def backend_class(name: str) -> type[Backend]:
    if name not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {name!r}")
    module, _, cls = BACKENDS[name].partition(":")
    return getattr(importlib.import_module(module), cls)
