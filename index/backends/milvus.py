"""`milvus`: the chunks' vectors and lexical tokens in Milvus, through pymilvus.

    HOIDAP_BACKEND=milvus                   this backend
    HOIDAP_MILVUS_URI=http://host:19530     a Milvus Standalone / Distributed server
                                            (default: Milvus Lite, the file INDEX/milvus.db)

One collection per index build, named `<prefix>_<random>`: rows (the store's chunk numbers) as
the primary key, the document id as a scalar field, the dense vector under an HNSW index (inner
product = cosine on unit vectors) and a sparse vector filled by Milvus's BM25 function. BM25 runs
over OUR tokens (folded syllables, bigrams, abbreviations from index/lexical.py), not Milvus's
word splitting: the tokens are joined by spaces into a text field whose analyzer is the
`standard` tokenizer, which splits only at the spaces for these tokens (they are \\w+ runs,
underscores included) and lowercases, a no-op on folded tokens. Milvus Lite has no `whitespace`
tokenizer, so `standard` is the one that works on Lite and on a server alike.

Builds switch atomically: a build writes a new collection, its name is recorded in the build's
manifest (what `load` opens), and the alias `<prefix>` is moved to it with `alter_alias` for
other readers of the server; collections of older builds are dropped then. A build interrupted
before the store moves its CURRENT pointer leaves the previous collection answering.

Filters are scalar expressions on the primary key (`row in [...]`), evaluated inside Milvus's
search, so a filtered search returns the k best allowed rows rather than k rows filtered after.

Per-document upsert and delete by content hash: every row carries its document's content hash
(`hash`, a scalar field; Document.content_hash, or a digest of the indexed chunks when the caller
gives none). On a loaded collection `add` writes in place: a document whose hash and rows are
unchanged is not touched at all; a changed one is upserted on its rows and the rows of its old
version that the new one does not overwrite are deleted by `doc == "<id>" and hash in [...]`.
`delete(doc, hash)` removes exactly that version's rows. (The hash alone would not do: two
copies of one file under two names share it.) The store still writes every build into a fresh
collection, so ingest switches atomically; in-place writes are for a process that keeps one
collection live, and must give rows the store's chunk list agrees with.

Milvus Lite opens its file in one process at a time: with Lite, run one API worker
(`--workers 1`) and do not ingest while the API runs; a server has neither limit.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.backends import Backend, BackendOptions

try:
    from pymilvus import DataType, Function, FunctionType, MilvusClient
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "HOIDAP_BACKEND=milvus cần gói pymilvus và milvus-lite: pip install -r requirements-milvus.txt"
    ) from exc

LITE_FILE = "milvus.db"
DEFAULT_PREFIX = "hoidap"
# HNSW as index/dense.py builds it for FAISS: same graph degree and construction effort.
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 256
# Milvus caps one search's limit at 16384. Rows past the top LEXICAL_LIMIT score 0; the searcher
# only reads the top `candidates` (50) lexical scores.
LEXICAL_LIMIT = 1024
MAX_TEXT = 65_535  # VARCHAR limit of the analysed field
INSERT_BATCH = 1_000
# What `load` can open: 2 added the `hash` field. An older build is reported as needing a rebuild.
SCHEMA_VERSION = 2
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_]")


def default_uri(index_dir: Path) -> str:
    return str(index_dir / LITE_FILE)


def _index_dir(build: Path) -> Path:
    # INDEX/builds/<name>/ (or INDEX/builds/.tmp-<name>/ while the store writes it).
    return build.parent.parent


def _joined(tokens: Sequence[str]) -> str:
    text = " ".join(t for t in tokens if t)
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT].rsplit(" ", 1)[0]
    return text


def _digest(vectors: np.ndarray, texts: Sequence[str]) -> str:
    """A content hash for a caller that gives none: the indexed text and vectors of the chunks."""
    digest = hashlib.sha256(np.ascontiguousarray(vectors, dtype=np.float32).tobytes())
    for text in texts:
        digest.update(b"\0" + text.encode("utf-8"))
    return digest.hexdigest()


def _quoted(value: str) -> str:
    # A JSON string literal is a valid Milvus string literal (same escapes).
    return json.dumps(value, ensure_ascii=False)


_CLIENTS: dict[str, MilvusClient] = {}


def _client(uri: str) -> MilvusClient:
    """One client per URI per process: Milvus Lite opens its file once per process."""
    client = _CLIENTS.get(uri)
    if client is None:
        if "://" not in uri:  # a Milvus Lite file
            Path(uri).parent.mkdir(parents=True, exist_ok=True)
        client = MilvusClient(uri)
        _CLIENTS[uri] = client
    return client


class MilvusBackend(Backend):
    name = "milvus"

    def __init__(self, dim: int, options: BackendOptions) -> None:
        super().__init__(dim, options)
        self.prefix = _SAFE_NAME.sub("_", options.extra.get("milvus_prefix", DEFAULT_PREFIX))
        self._uri: str | None = options.uri or os.environ.get("HOIDAP_MILVUS_URI") or None
        self._client_: MilvusClient | None = None
        self.collection: str | None = None
        self._size = 0
        # doc → (rows, vectors, indexed texts, content hash), written by `save`.
        self._pending: dict[str, tuple[list[int], np.ndarray, list[str], str]] = {}

    # --- connection ----------------------------------------------------------------------

    def _connect(self, build: Path) -> MilvusClient:
        if self._client_ is None:
            if self._uri is None:
                self._uri = default_uri(_index_dir(build))
            self._client_ = _client(self._uri)
        return self._client_

    @property
    def _client(self) -> MilvusClient:
        if self._client_ is None or self.collection is None:
            raise RuntimeError("backend not saved or loaded yet")
        return self._client_

    def _schema(self, client: MilvusClient):
        schema = client.create_schema(auto_id=False)
        schema.add_field("row", DataType.INT64, is_primary=True)
        schema.add_field("doc", DataType.VARCHAR, max_length=1024)
        schema.add_field("hash", DataType.VARCHAR, max_length=128)
        schema.add_field(
            "tokens", DataType.VARCHAR, max_length=MAX_TEXT, enable_analyzer=True,
            analyzer_params={"tokenizer": "standard"},
        )
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=self.dim)
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(
            Function(name="bm25", function_type=FunctionType.BM25, input_field_names=["tokens"], output_field_names=["sparse"])
        )
        params = client.prepare_index_params()
        params.add_index("dense", index_type="HNSW", metric_type="IP",
                         params={"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION})
        params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                         params={"bm25_k1": 1.2, "bm25_b": 0.75})
        return schema, params

    # --- writing -------------------------------------------------------------------------

    def add(
        self,
        doc_id: str,
        rows: Sequence[int],
        vectors: np.ndarray,
        tokens: Sequence[Sequence[str]],
        content_hash: str | None = None,
    ) -> None:
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(rows), self.dim)
        if len(tokens) != len(rows):
            raise ValueError(f"{doc_id}: {len(rows)} rows but {len(tokens)} token lists")
        rows = [int(r) for r in rows]
        texts = [_joined(t) for t in tokens]
        content_hash = content_hash or _digest(vectors, texts)
        if self.collection is None:
            self._pending[doc_id] = (rows, vectors, texts, content_hash)
            return
        stored = self.versions(doc_id)
        if set(stored.values()) == {content_hash} and sorted(stored) == sorted(rows):
            return  # unchanged document: nothing is written
        client = self._client
        for start in range(0, len(rows), INSERT_BATCH):
            client.upsert(self.collection, self._records(doc_id, content_hash, rows, vectors, texts, start))
        # Rows of older versions that the new one did not overwrite (it has fewer chunks).
        stale = sorted({h for r, h in stored.items() if r not in set(rows)})
        if stale:
            client.delete(
                self.collection,
                filter=f"doc == {_quoted(doc_id)} and hash in {json.dumps(stale)} and row not in {json.dumps(rows)}",
            )
        self._size = self._count()

    def delete(self, doc_id: str, content_hash: str | None = None) -> None:
        if self.collection is None:
            pending = self._pending.get(doc_id)
            if pending is not None and content_hash in (None, pending[3]):
                del self._pending[doc_id]
            return
        hashes = [content_hash] if content_hash is not None else sorted(set(self.versions(doc_id).values()))
        if not hashes:
            return
        self._client.delete(self.collection, filter=f"doc == {_quoted(doc_id)} and hash in {json.dumps(hashes)}")
        self._size = self._count()

    def versions(self, doc_id: str) -> dict[int, str]:
        """row → content hash of the rows stored for one document (of a saved or loaded build)."""
        res = self._client.query(self.collection, filter=f"doc == {_quoted(doc_id)}", output_fields=["row", "hash"])
        return {int(r["row"]): str(r["hash"]) for r in res}

    @staticmethod
    def _records(doc_id: str, content_hash: str, rows: list[int], vectors: np.ndarray, texts: list[str], start: int) -> list[dict]:
        stop = start + INSERT_BATCH
        return [
            {"row": r, "doc": doc_id, "hash": content_hash, "tokens": t, "dense": v.tolist()}
            for r, v, t in zip(rows[start:stop], vectors[start:stop], texts[start:stop], strict=True)
        ]

    def save(self, build: Path) -> dict:
        all_rows = sorted(r for rows, *_ in self._pending.values() for r in rows)
        if all_rows != list(range(len(all_rows))):
            raise ValueError("rows must number the chunks 0..N-1 without gaps")
        client = self._connect(build)
        name = f"{self.prefix}_{uuid.uuid4().hex[:12]}"
        schema, params = self._schema(client)
        client.create_collection(name, schema=schema, index_params=params)
        try:
            for doc_id, (rows, vectors, texts, content_hash) in self._pending.items():
                for start in range(0, len(rows), INSERT_BATCH):
                    client.insert(name, self._records(doc_id, content_hash, rows, vectors, texts, start))
            client.flush(name)
            client.load_collection(name)
        except BaseException:
            client.drop_collection(name)
            raise
        self.collection = name
        self._size = len(all_rows)
        self._pending.clear()
        self._switch_alias(client, name)
        # What `load` needs. The URI is not recorded: the default follows the index folder and a
        # server's address is deployment configuration (HOIDAP_MILVUS_URI), not index content.
        return {"collection": name, "schema": SCHEMA_VERSION}

    def _switch_alias(self, client: MilvusClient, name: str) -> None:
        """Point the alias `<prefix>` at the new collection; drop the collections of builds older
        than the one it replaces. The replaced one stays: until the store moves CURRENT (and
        running searchers reopen) it is still the live build."""
        previous = None
        for collection in client.list_collections():
            if self.prefix in client.list_aliases(collection).get("aliases", []):
                previous = collection
        if previous is None:
            client.create_alias(name, self.prefix)
        else:
            client.alter_alias(name, self.prefix)
        for collection in client.list_collections():
            if collection.startswith(self.prefix + "_") and collection not in (name, previous):
                client.drop_collection(collection)

    # --- reading -------------------------------------------------------------------------

    @classmethod
    def load(cls, build: Path, dim: int, info: dict, options: BackendOptions | None = None) -> MilvusBackend:
        backend = cls(dim, options or BackendOptions())
        client = backend._connect(build)
        name = info["collection"]
        if info.get("schema") != SCHEMA_VERSION:
            raise ValueError(f"Tập Milvus '{name}' theo lược đồ cũ (không có mã băm nội dung): hãy chạy lại python -m ingest.")
        if not client.has_collection(name):
            raise ValueError(f"Milvus ({backend._uri}) không có tập '{name}' của bản chỉ mục này: hãy chạy lại python -m ingest.")
        client.load_collection(name)
        backend.collection = name
        backend._size = backend._count()
        return backend

    def _count(self) -> int:
        res = self._client.query(self.collection, filter="", output_fields=["count(*)"])
        return int(res[0]["count(*)"])

    @property
    def size(self) -> int:
        if self.collection is None:
            return sum(len(p[0]) for p in self._pending.values())
        return self._size

    @staticmethod
    def _filter(allowed: np.ndarray | None) -> str:
        if allowed is None:
            return ""
        return f"row in {json.dumps([int(r) for r in np.asarray(allowed).ravel()])}"

    def dense_search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        if (allowed is not None and len(allowed) == 0) or self.size == 0:
            return np.zeros(0, np.float32), np.zeros(0, np.int64)
        k = min(k, self.size, 16_384)
        hits = self._client.search(
            self.collection, data=[np.asarray(query, dtype=np.float32).ravel().tolist()], anns_field="dense",
            limit=k, filter=self._filter(allowed),
            search_params={"metric_type": "IP", "params": {"ef": max(HNSW_EF_SEARCH, k)}},
        )[0]
        scores = np.array([h["distance"] for h in hits], dtype=np.float32)
        rows = np.array([h["row"] for h in hits], dtype=np.int64)
        return scores, rows

    def lexical_scores(self, tokens: Sequence[str], allowed: np.ndarray | None = None) -> np.ndarray:
        out = np.zeros(self.size, dtype=np.float32)
        text = _joined(tokens)
        if not text or self.size == 0 or (allowed is not None and len(allowed) == 0):
            return out
        hits = self._client.search(
            self.collection, data=[text], anns_field="sparse", limit=min(LEXICAL_LIMIT, self.size),
            filter=self._filter(allowed), search_params={"metric_type": "BM25"},
        )[0]
        for h in hits:
            # Milvus Lite reports BM25 as a negative distance, a server as a positive score.
            row = int(h["row"])
            if 0 <= row < len(out):
                out[row] = abs(float(h["distance"]))
        return out
