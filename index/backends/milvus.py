"""`milvus`: the chunks' vectors and lexical tokens in Milvus, through pymilvus.

    HOIDAP_BACKEND=milvus                   this backend
    HOIDAP_MILVUS_URI=http://host:19530     a Milvus Standalone / Distributed server
                                            (default: Milvus Lite, the file INDEX/milvus.db)

One collection per index build, named `<prefix>_<random>`: rows (the store's chunk numbers) as
the primary key, the document id and content hash as scalar fields, the dense vector and a sparse
vector of BM25 weights. The dense index type is chosen as the local backend chooses it
(index/ann_choice.py, or the `dense_index` setting): exact FLAT below 150k chunks, HNSW with
index/dense.py's parameters above; inner product = cosine on unit vectors. (HNSW at ef 256 over
3,577 law chunks missed a question's second-nearest chunk; exact search does not.)

BM25 is over OUR tokens (folded syllables, bigrams, abbreviations from index/lexical.py) and gives
the local backend's scores: each chunk's sparse vector holds, per token, bm25s's Lucene weight
idf(t) · tf / (tf + k1 · (1 - b + b · len / avglen)), computed here from the build's corpus
statistics, and a query is the sparse vector of its token counts, so Milvus's inner product is
bm25s's score. (Milvus's own BM25 function over the same tokens normalised document length
differently: scores a few percent off bm25s's, enough to reorder close candidates on 2 of 38
law questions and 5 of 111 dev-set questions; docs/bench-backends.md.) Token → sparse dimension
is a 32-bit hash, so no vocabulary has to be kept in step with the collection. The statistics
(chunk count, mean length, document frequencies) are saved in the build folder; a document
upserted in place is weighted with them (a token they have not seen counts as in one chunk)
until the next full build recomputes them.

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
import math
import os
import re
import uuid
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.backends import Backend, BackendOptions
from index.dense import resolve_index_type

try:
    from pymilvus import DataType, MilvusClient
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
# BM25 as index/lexical.py's LexicalIndex builds it with bm25s (tests compare the scores).
BM25_K1 = 1.2
BM25_B = 0.75
STATS_FILE = "milvus_bm25.json"
INSERT_BATCH = 1_000
# What `load` can open: 2 = content hash field and our BM25 weights. Older builds need a rebuild.
SCHEMA_VERSION = 2
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_]")


def default_uri(index_dir: Path) -> str:
    return str(index_dir / LITE_FILE)


def _index_dir(build: Path) -> Path:
    # INDEX/builds/<name>/ (or INDEX/builds/.tmp-<name>/ while the store writes it).
    return build.parent.parent


def _digest(vectors: np.ndarray, tokens: Sequence[Sequence[str]]) -> str:
    """A content hash for a caller that gives none: the indexed tokens and vectors of the chunks."""
    digest = hashlib.sha256(np.ascontiguousarray(vectors, dtype=np.float32).tobytes())
    for chunk in tokens:
        digest.update(b"\1" + "\0".join(chunk).encode("utf-8"))
    return digest.hexdigest()


# Milvus sparse dimensions are uint32 below 2**32 - 1, and a stored sparse vector may not be empty:
# a chunk without tokens gets weight 1 on a dimension no token hashes to, so no query reaches it.
_EMPTY_DIM = 2**32 - 2


def _dim(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=4).digest(), "little") % _EMPTY_DIM


def _counts(tokens: Sequence[str]) -> dict[int, float]:
    out: dict[int, float] = {}
    for token, n in Counter(tokens).items():
        d = _dim(token)
        out[d] = out.get(d, 0.0) + float(n)
    return out


class _Bm25Stats:
    """Corpus statistics of one build, as bm25s counts them (an empty chunk is one empty token)."""

    def __init__(self, chunks: int = 0, total_len: int = 0, df: dict[str, int] | None = None) -> None:
        self.chunks, self.total_len, self.df = chunks, total_len, df or {}

    @classmethod
    def of(cls, token_lists: Sequence[Sequence[str]]) -> _Bm25Stats:
        df: Counter[str] = Counter()
        total = 0
        for tokens in token_lists:
            tokens = list(tokens) or [""]
            total += len(tokens)
            df.update(set(tokens))
        return cls(len(token_lists), total, dict(df))

    def weights(self, tokens: Sequence[str]) -> dict[int, float]:
        """The chunk's sparse vector: bm25s's Lucene BM25 weight of each of its tokens."""
        tokens = list(tokens) or [""]
        avg = self.total_len / self.chunks if self.chunks else float(len(tokens))
        norm = BM25_K1 * (1 - BM25_B + BM25_B * len(tokens) / avg)
        out: dict[int, float] = {}
        for token, tf in Counter(tokens).items():
            if not token:
                continue
            df = max(1, self.df.get(token, 0))
            idf = math.log(1 + (self.chunks - df + 0.5) / (df + 0.5))
            d = _dim(token)
            out[d] = out.get(d, 0.0) + idf * tf / (tf + norm)
        return out or {_EMPTY_DIM: 1.0}

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"chunks": self.chunks, "total_len": self.total_len, "df": self.df},
                                   ensure_ascii=False, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> _Bm25Stats:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(int(data["chunks"]), int(data["total_len"]), {str(k): int(v) for k, v in data["df"].items()})


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
        # doc → (rows, vectors, token lists, content hash), written by `save`.
        self._pending: dict[str, tuple[list[int], np.ndarray, list[list[str]], str]] = {}
        self._stats: _Bm25Stats | None = None
        self._build: Path | None = None

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

    def _schema(self, client: MilvusClient, dense_index: str):
        schema = client.create_schema(auto_id=False)
        schema.add_field("row", DataType.INT64, is_primary=True)
        schema.add_field("doc", DataType.VARCHAR, max_length=1024)
        schema.add_field("hash", DataType.VARCHAR, max_length=128)
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=self.dim)
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        params = client.prepare_index_params()
        if dense_index == "hnsw":
            params.add_index("dense", index_type="HNSW", metric_type="IP",
                             params={"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION})
        else:
            params.add_index("dense", index_type="FLAT", metric_type="IP")
        params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
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
        vectors = self._checked_vectors(doc_id, rows, vectors, tokens)
        rows = [int(r) for r in rows]
        tokens = [list(t) for t in tokens]
        content_hash = content_hash or _digest(vectors, tokens)
        if self.collection is None:
            self._pending[doc_id] = (rows, vectors, tokens, content_hash)
            return
        stored = self.versions(doc_id)
        if set(stored.values()) == {content_hash} and sorted(stored) == sorted(rows):
            return  # unchanged document: nothing is written
        client = self._client
        stats = self._build_stats()
        for start in range(0, len(rows), INSERT_BATCH):
            client.upsert(self.collection, self._records(stats, doc_id, content_hash, rows, vectors, tokens, start))
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
    def _records(
        stats: _Bm25Stats, doc_id: str, content_hash: str, rows: list[int], vectors: np.ndarray,
        tokens: list[list[str]], start: int,
    ) -> list[dict]:
        stop = start + INSERT_BATCH
        return [
            {"row": r, "doc": doc_id, "hash": content_hash, "dense": v.tolist(), "sparse": stats.weights(t)}
            for r, v, t in zip(rows[start:stop], vectors[start:stop], tokens[start:stop], strict=True)
        ]

    def _build_stats(self) -> _Bm25Stats:
        if self._stats is None:
            if self._build is None:
                raise RuntimeError("backend not saved or loaded yet")
            self._stats = _Bm25Stats.load(self._build / STATS_FILE)
        return self._stats

    def save(self, build: Path) -> dict:
        all_rows = sorted(r for rows, *_ in self._pending.values() for r in rows)
        if all_rows != list(range(len(all_rows))):
            raise ValueError("rows must number the chunks 0..N-1 without gaps")
        client = self._connect(build)
        name = f"{self.prefix}_{uuid.uuid4().hex[:12]}"
        chosen = resolve_index_type(self.options.dense_index, len(all_rows))
        schema, params = self._schema(client, chosen)
        client.create_collection(name, schema=schema, index_params=params)
        stats = _Bm25Stats.of([t for _, _, token_lists, _ in self._pending.values() for t in token_lists])
        try:
            for doc_id, (rows, vectors, token_lists, content_hash) in self._pending.items():
                for start in range(0, len(rows), INSERT_BATCH):
                    client.insert(name, self._records(stats, doc_id, content_hash, rows, vectors, token_lists, start))
            client.flush(name)
            client.load_collection(name)
        except BaseException:
            client.drop_collection(name)
            raise
        stats.save(build / STATS_FILE)
        self.collection, self._stats, self._build = name, stats, build
        self._size = len(all_rows)
        self._pending.clear()
        self._switch_alias(client, name)
        # What `load` needs. The URI is not recorded: the default follows the index folder and a
        # server's address is deployment configuration (HOIDAP_MILVUS_URI), not index content.
        return {"collection": name, "schema": SCHEMA_VERSION, "dense_index": chosen}

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
        backend.collection, backend._build = name, build
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
        query = _counts([t for t in tokens if t])
        if not query or self.size == 0 or (allowed is not None and len(allowed) == 0):
            return out
        hits = self._client.search(
            self.collection, data=[query], anns_field="sparse", limit=min(LEXICAL_LIMIT, self.size),
            filter=self._filter(allowed), search_params={"metric_type": "IP", "params": {"drop_ratio_search": 0.0}},
        )[0]
        for h in hits:
            row = int(h["row"])
            if 0 <= row < len(out):
                out[row] = float(h["distance"])
        return out
