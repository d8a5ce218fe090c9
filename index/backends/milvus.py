"""`milvus`: the chunks' vectors and lexical tokens in Milvus, through pymilvus.

    HOIDAP_BACKEND=milvus                   this backend
    HOIDAP_MILVUS_URI=http://host:19530     a Milvus Standalone / Distributed server
                                            (default: Milvus Lite, the file INDEX/milvus.db)

One collection holds the chunks; its primary key is a stable 63-bit key per chunk (a digest of
the document id, the document's content hash and the chunk's position in the document), so a
chunk keeps its key when other documents come and go. The store numbers chunks 0..N-1 (rows); a
build saves its row → key array (`milvus_keys.npy`) and the backend maps keys back to rows. Scalar
fields: the document id and content hash. The dense index type is chosen as the local backend
chooses it (index/ann_choice.py, or the `dense_index` setting): exact FLAT below 150k chunks, HNSW
with index/dense.py's parameters above; inner product = cosine on unit vectors. (HNSW at ef 256
over 3,577 law chunks missed a question's second-nearest chunk; exact search does not.)

BM25 is over OUR tokens (folded syllables, bigrams, abbreviations from index/lexical.py) and gives
the local backend's scores, bm25s's Lucene BM25 Σ_t count_q(t) · idf(t) · tf / (tf + k1 · (1 - b +
b · len / avglen)). A chunk's sparse vector holds, per token, the length-normalised tf part; the
query is the sparse vector of its token counts times idf(t), computed from the build's corpus
statistics (`milvus_bm25.json`), so Milvus's inner product is bm25s's score. Keeping idf on the
query side keeps the stored rows of a document valid when OTHER documents change. (Milvus's own
BM25 function over the same tokens normalised document length differently: scores a few percent
off bm25s's, enough to reorder close candidates on 2 of 38 law questions and 5 of 111 dev-set
questions; docs/bench-backends.md.) Token → sparse dimension is a 32-bit hash, so no vocabulary
has to be kept in step with the collection (two tokens of one query and one chunk sharing a
dimension would mix their idf: at 32 bits, negligible).

Two ways a build is written:
- full (a fresh index, `python -m ingest --rebuild`, a changed dense index type, or a live build
  this code cannot update): a new collection `<prefix>_<random>`, its name recorded in the
  build's manifest (what `load` opens), and the alias `<prefix>` moved to it with `alter_alias`
  for other readers of the server; collections of older builds are dropped then. A build
  interrupted before the store moves its CURRENT pointer leaves the previous collection answering.
- in place (the build module asks for it with `extra["update_live"]` when the live index is
  reused, as `python -m ingest` and the app's/API's uploads and removals do): the live build's
  collection is kept; only chunks whose key it does not hold are upserted (new and changed
  documents); the keys the new build does not number (removed documents, old versions) are
  deleted in `publish`, after the store has moved CURRENT to the new build. An unchanged
  document is not written. Readers of the previous build skip the new rows (keys they do not
  know), so an in-place build interrupted before CURRENT moves leaves the previous build whole;
  its extra rows are deleted by the next build that goes live.
  Lexical weights: idf is exact after an in-place build (query side, from the new build's
  statistics); the length normalisation keeps the mean chunk length the collection was first
  written with (`avglen_written`) until a full build. That is the one difference from a full
  rebuild: each BM25 term is off by a factor between 1 and avglen_written / avglen, so every
  lexical score is within `lexical_drift` = |avglen_written / avglen - 1| (recorded in the
  manifest) of a full build's; dense scores are equal. A large corpus barely moves its mean on
  one upload; `--rebuild` resets it.

Filters are scalar expressions on the primary key (`key in [...]`), evaluated inside Milvus's
search, so a filtered search returns the k best allowed rows rather than k rows filtered after.

`add`/`delete` on a loaded backend write in place too (a process that keeps one collection
live): `add` of a document whose keys are all stored writes nothing; `delete(doc, hash)` removes
exactly that version's rows. (The hash alone would not do: two copies of one file under two
names share it.)

Milvus Lite opens its file in one process at a time: with Lite, run one API worker
(`--workers 1`) and do not ingest while the API runs; a server has neither limit.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shlex
import uuid
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.backends import UPDATE_LIVE, Backend, BackendOptions
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
MAX_LIMIT = 16_384
# BM25 as index/lexical.py's LexicalIndex builds it with bm25s (tests compare the scores).
BM25_K1 = 1.2
BM25_B = 0.75
STATS_FILE = "milvus_bm25.json"
KEYS_FILE = "milvus_keys.npy"
INSERT_BATCH = 1_000
# Keys per delete call / per filter expression.
KEY_BATCH = 10_000
# What `load` can open: 3 = stable chunk keys, idf on the query side. Older builds need a rebuild.
SCHEMA_VERSION = 3
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


def chunk_key(doc_id: str, content_hash: str, position: int) -> int:
    """The primary key of a document version's chunk: the same in every build that holds it."""
    raw = hashlib.blake2b(f"{doc_id}\0{content_hash}\0{position}".encode(), digest_size=8).digest()
    return int.from_bytes(raw, "little") >> 1  # Milvus INT64: non-negative, 63 bits


# Milvus sparse dimensions are uint32 below 2**32 - 1, and a stored sparse vector may not be empty:
# a chunk without tokens gets weight 1 on a dimension no token hashes to, so no query reaches it.
_EMPTY_DIM = 2**32 - 2


def _dim(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=4).digest(), "little") % _EMPTY_DIM


class _Bm25Stats:
    """Corpus statistics of one build, as bm25s counts them (an empty chunk is one empty token),
    and the mean chunk length the collection's stored weights were normalised with."""

    def __init__(
        self, chunks: int = 0, total_len: int = 0, df: dict[str, int] | None = None, avglen_written: float | None = None,
    ) -> None:
        self.chunks, self.total_len, self.df = chunks, total_len, df or {}
        self.avglen_written = avglen_written if avglen_written is not None else self.avglen

    @property
    def avglen(self) -> float:
        return self.total_len / self.chunks if self.chunks else 1.0

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
        """The chunk's sparse vector: bm25s's length-normalised tf part of each of its tokens."""
        tokens = list(tokens) or [""]
        norm = BM25_K1 * (1 - BM25_B + BM25_B * len(tokens) / self.avglen_written)
        out: dict[int, float] = {}
        for token, tf in Counter(tokens).items():
            if not token:
                continue
            d = _dim(token)
            out[d] = out.get(d, 0.0) + tf / (tf + norm)
        return out or {_EMPTY_DIM: 1.0}

    def query(self, tokens: Sequence[str]) -> dict[int, float]:
        """The query's sparse vector: each token's count times its idf in this build."""
        out: dict[int, float] = {}
        for token, n in Counter(t for t in tokens if t).items():
            # A token no chunk held when the statistics were counted scores nothing in a full build
            # (no stored vector has its dimension); in a chunk added in place since, it counts as
            # in one chunk.
            df = max(1, self.df.get(token, 0))
            idf = math.log(1 + (self.chunks - df + 0.5) / (df + 0.5))
            d = _dim(token)
            out[d] = out.get(d, 0.0) + n * idf
        return out

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"chunks": self.chunks, "total_len": self.total_len, "df": self.df,
                                    "avglen_written": self.avglen_written},
                                   ensure_ascii=False, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> _Bm25Stats:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(int(data["chunks"]), int(data["total_len"]), {str(k): int(v) for k, v in data["df"].items()},
                   float(data["avglen_written"]))


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
        # doc → (rows, vectors, token lists, content hash), written by `save`.
        self._pending: dict[str, tuple[list[int], np.ndarray, list[list[str]], str]] = {}
        # (collection, keys) an in-place save left for `publish` to delete.
        self._unpublished: tuple[str, set[int]] | None = None
        self._stats: _Bm25Stats | None = None
        self._build: Path | None = None
        self._keys = np.zeros(0, dtype=np.int64)  # row → key (-1: no chunk)
        self._rows: dict[int, int] | None = None  # key → row, built when first needed

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
        schema.add_field("key", DataType.INT64, is_primary=True)
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

    # --- rows and keys -------------------------------------------------------------------

    def _set_keys(self, rows: Sequence[int], keys: Sequence[int]) -> None:
        if rows and max(rows) >= len(self._keys):
            grown = np.full(max(rows) + 1, -1, dtype=np.int64)
            grown[: len(self._keys)] = self._keys
            self._keys = grown
        self._keys[list(rows)] = list(keys)
        self._rows = None

    def _drop_keys(self, keys: set[int]) -> None:
        if keys:
            self._keys[np.isin(self._keys, list(keys))] = -1
            self._rows = None

    def _row_of(self) -> dict[int, int]:
        if self._rows is None:
            valid = np.flatnonzero(self._keys >= 0)
            self._rows = dict(zip(self._keys[valid].tolist(), valid.tolist(), strict=True))
        return self._rows

    @staticmethod
    def _stored(client: MilvusClient, collection: str, expr: str) -> dict[int, str]:
        """key → content hash of the stored chunks matching `expr` (all of them for ""). One query
        returns at most 16384 rows, so the key space is read in ranges that each hold fewer."""
        where = f" and ({expr})" if expr else ""
        total = int(client.query(collection, filter=expr, output_fields=["count(*)"])[0]["count(*)"])
        parts = max(1, math.ceil(2 * total / MAX_LIMIT))
        step = 2**63 // parts
        ranges = [(i * step, (i + 1) * step if i < parts - 1 else None) for i in range(parts)]
        out: dict[int, str] = {}
        while ranges:
            lo, hi = ranges.pop()
            bound = f"key >= {lo}" + (f" and key < {hi}" if hi is not None else "")
            res = client.query(collection, filter=bound + where, output_fields=["key", "hash"], limit=MAX_LIMIT)
            if len(res) >= MAX_LIMIT:  # too many in this range: read its halves
                mid = lo + ((hi if hi is not None else 2**63) - lo) // 2
                ranges += [(lo, mid), (mid, hi)]
                continue
            out.update((int(r["key"]), str(r["hash"])) for r in res)
        return out

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
        client = self._client
        keys = [chunk_key(doc_id, content_hash, i) for i in range(len(rows))]
        stored = self._stored(client, self.collection, f"doc == {_quoted(doc_id)}")
        missing = [i for i, k in enumerate(keys) if k not in stored]
        stats = self._build_stats()
        for start in range(0, len(missing), INSERT_BATCH):
            client.upsert(self.collection, self._records(stats, doc_id, content_hash, keys, vectors, tokens,
                                                         missing[start : start + INSERT_BATCH]))
        stale = set(stored) - set(keys)  # older versions of the document
        self._delete_keys(client, self.collection, stale)
        self._drop_keys(stale)
        self._set_keys(rows, keys)

    def delete(self, doc_id: str, content_hash: str | None = None) -> None:
        if self.collection is None:
            pending = self._pending.get(doc_id)
            if pending is not None and content_hash in (None, pending[3]):
                del self._pending[doc_id]
            return
        expr = f"doc == {_quoted(doc_id)}"
        if content_hash is not None:
            expr += f" and hash == {_quoted(content_hash)}"
        gone = set(self._stored(self._client, self.collection, expr))
        self._delete_keys(self._client, self.collection, gone)
        self._drop_keys(gone)

    @staticmethod
    def _delete_keys(client: MilvusClient, collection: str, keys: set[int]) -> None:
        ordered = sorted(keys)
        for start in range(0, len(ordered), KEY_BATCH):
            client.delete(collection, ids=ordered[start : start + KEY_BATCH])

    def versions(self, doc_id: str) -> dict[int, str]:
        """row → content hash of the rows stored for one document (of a saved or loaded build)."""
        rows = self._row_of()
        stored = self._stored(self._client, self.collection, f"doc == {_quoted(doc_id)}")
        return {rows[k]: h for k, h in stored.items() if k in rows}

    @staticmethod
    def _records(
        stats: _Bm25Stats, doc_id: str, content_hash: str, keys: Sequence[int], vectors: np.ndarray,
        tokens: list[list[str]], positions: Sequence[int],
    ) -> list[dict]:
        return [
            {"key": keys[i], "doc": doc_id, "hash": content_hash, "dense": vectors[i].tolist(),
             "sparse": stats.weights(tokens[i])}
            for i in positions
        ]

    def _build_stats(self) -> _Bm25Stats:
        if self._stats is None:
            if self._build is None:
                raise RuntimeError("backend not saved or loaded yet")
            self._stats = _Bm25Stats.load(self._build / STATS_FILE)
        return self._stats

    def _live(self, client: MilvusClient, live: Path | None, dense_index: str) -> tuple[str, _Bm25Stats] | None:
        """The live build's collection and statistics, if this build may update it in place."""
        if self.options.extra.get(UPDATE_LIVE) != "1" or live is None:
            return None
        try:
            info = json.loads((live / "manifest.json").read_text(encoding="utf-8"))["backend"]
            if (info.get("name"), info.get("schema"), info.get("dense_index")) != (self.name, SCHEMA_VERSION, dense_index):
                return None
            name = str(info["collection"])
            if not name.startswith(self.prefix + "_") or not client.has_collection(name):
                return None
            return name, _Bm25Stats.load(live / STATS_FILE)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, build: Path, live: Path | None = None) -> dict:
        all_rows = sorted(r for rows, *_ in self._pending.values() for r in rows)
        if all_rows != list(range(len(all_rows))):
            raise ValueError("rows must number the chunks 0..N-1 without gaps")
        client = self._connect(build)
        chosen = resolve_index_type(self.options.dense_index, len(all_rows))
        stats = _Bm25Stats.of([t for _, _, token_lists, _ in self._pending.values() for t in token_lists])
        keys = {doc_id: [chunk_key(doc_id, h, i) for i in range(len(rows))]
                for doc_id, (rows, _, _, h) in self._pending.items()}
        in_place = self._live(client, live, chosen)
        if in_place is not None:
            name, written_with = in_place
            stats.avglen_written = written_with.avglen_written
            stored = set(self._stored(client, name, ""))
            written = 0
            for doc_id, (_rows, vectors, token_lists, content_hash) in self._pending.items():
                missing = [i for i, k in enumerate(keys[doc_id]) if k not in stored]
                written += len(missing)
                for start in range(0, len(missing), INSERT_BATCH):
                    client.upsert(name, self._records(stats, doc_id, content_hash, keys[doc_id], vectors, token_lists,
                                                      missing[start : start + INSERT_BATCH]))
            # Rows only the live build uses are deleted in `publish`, once this build is live:
            # an interrupted build must leave the live one whole. Until then they are rows the
            # new build's key map does not know (searches skip them); a build that never went
            # live leaves its rows to the next one, which finds them unlisted and deletes them.
            stale = stored - {k for ks in keys.values() for k in ks}
            self._unpublished = (name, stale)
            client.flush(name)
            # Every stored BM25 term is off a full build's by a factor between 1 and
            # avglen_written / avglen (the length normalisation), so this bounds the relative
            # error of every lexical score.
            drift = abs(stats.avglen_written / stats.avglen - 1) if stats.chunks else 0.0
            extra = {"in_place": True, "rows_written": written, "rows_deleted": len(stale),
                     "lexical_drift": round(drift, 6)}
        else:
            name = f"{self.prefix}_{uuid.uuid4().hex[:12]}"
            schema, params = self._schema(client, chosen)
            client.create_collection(name, schema=schema, index_params=params)
            try:
                for doc_id, (rows, vectors, token_lists, content_hash) in self._pending.items():
                    for start in range(0, len(rows), INSERT_BATCH):
                        client.insert(name, self._records(stats, doc_id, content_hash, keys[doc_id], vectors,
                                                          token_lists, range(start, min(len(rows), start + INSERT_BATCH))))
                client.flush(name)
                client.load_collection(name)
            except BaseException:
                client.drop_collection(name)
                raise
            extra = {"in_place": False, "rows_written": len(all_rows), "rows_deleted": 0, "lexical_drift": 0.0}
        stats.save(build / STATS_FILE)
        self._keys = np.full(len(all_rows), -1, dtype=np.int64)
        for doc_id, (rows, *_rest) in self._pending.items():
            self._set_keys(rows, keys[doc_id])
        np.save(build / KEYS_FILE, self._keys)
        self.collection, self._stats, self._build = name, stats, build
        self._pending.clear()
        if in_place is None:
            self._switch_alias(client, name)
        # What `load` needs. The URI is not recorded: the default follows the index folder and a
        # server's address is deployment configuration (HOIDAP_MILVUS_URI), not index content.
        return {"collection": name, "schema": SCHEMA_VERSION, "dense_index": chosen, **extra}

    def publish(self, build: Path) -> None:
        if self._unpublished is None:
            return
        name, stale = self._unpublished
        client = self._connect(build)
        self._delete_keys(client, name, stale)
        client.flush(name)
        self._unpublished = None

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
        index = shlex.quote(str(build.parent.parent))  # <index>/builds/<build>
        if info.get("schema") != SCHEMA_VERSION:
            raise ValueError(f"Tập Milvus '{name}' theo lược đồ cũ: hãy chạy lại python -m ingest --rebuild --index {index}.")
        if not client.has_collection(name):
            raise ValueError(
                f"Milvus ({backend._uri}) không có tập '{name}' của bản chỉ mục này: hãy chạy lại python -m ingest --index {index}."
            )
        client.load_collection(name)
        backend.collection, backend._build = name, build
        backend._keys = np.load(build / KEYS_FILE, allow_pickle=False)
        return backend

    @property
    def size(self) -> int:
        """Rows this build numbers (a collection updated in place by a newer build may hold others)."""
        if self.collection is None:
            return sum(len(p[0]) for p in self._pending.values())
        return int((self._keys >= 0).sum())

    def _filter(self, allowed: np.ndarray | None) -> str:
        if allowed is None:
            return ""
        rows = np.asarray(allowed, dtype=np.int64).ravel()
        rows = rows[(rows >= 0) & (rows < len(self._keys))]
        keys = self._keys[rows]
        return f"key in {json.dumps(keys[keys >= 0].tolist())}"

    def dense_search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        if (allowed is not None and len(allowed) == 0) or self.size == 0:
            return np.zeros(0, np.float32), np.zeros(0, np.int64)
        k = min(k, self.size, MAX_LIMIT)
        hits = self._client.search(
            self.collection, data=[np.asarray(query, dtype=np.float32).ravel().tolist()], anns_field="dense",
            limit=k, filter=self._filter(allowed),
            search_params={"metric_type": "IP", "params": {"ef": max(HNSW_EF_SEARCH, k)}},
        )[0]
        rows = self._row_of()
        found = [(float(h["distance"]), rows[int(h["key"])]) for h in hits if int(h["key"]) in rows]
        return np.array([f[0] for f in found], dtype=np.float32), np.array([f[1] for f in found], dtype=np.int64)

    def lexical_scores(self, tokens: Sequence[str], allowed: np.ndarray | None = None) -> np.ndarray:
        out = np.zeros(self.size, dtype=np.float32)
        if self.size == 0 or (allowed is not None and len(allowed) == 0):
            return out
        query = self._build_stats().query(tokens)
        if not query:
            return out
        hits = self._client.search(
            self.collection, data=[query], anns_field="sparse", limit=min(LEXICAL_LIMIT, self.size),
            filter=self._filter(allowed), search_params={"metric_type": "IP", "params": {"drop_ratio_search": 0.0}},
        )[0]
        rows = self._row_of()
        for h in hits:
            row = rows.get(int(h["key"]))
            if row is not None and row < len(out):
                out[row] = float(h["distance"])
        return out
