"""Writing, checking and loading an index directory. Nothing here reads documents: the build
module (ingest/build.py) turns files into chunks and vectors and hands them to `write_build`.

Layout of an index directory:

    INDEX/CURRENT               name of the live build (replaced atomically)
    INDEX/builds/<name>/        manifest.json, documents.jsonl, chunks.jsonl, vectors.npy,
                                tokens.npz (each chunk's lexical tokens), restorer.sqlite
                                (diacritic restoration table), and the backend's files
                                (local: dense.faiss, lexical/)
    INDEX/cache/embeddings.sqlite   vectors already computed, by text + model + embedder backend
    INDEX/.lock                 held while a build writes

A build is written to a new folder and only then made live by replacing CURRENT, so an
interrupted build (Ctrl-C, crash, full disk) leaves the previous index answering as before.
The manifest records the format, model, tokenizer version, the sha256 of every query-side data
file (index/data/) and of every file of the build; loading refuses a mismatch or a damaged file
with one Vietnamese line (IndexMismatchError / IndexDamagedError).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shlex
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout

from index import calibration
from index.backends import Backend, BackendOptions, backend_class
from index.lexical import TOKENIZER_VERSION, TokenizerConfig, VietnameseTokenizer
from index.query import DiacriticRestorer
from ingest.document import Chunk, Document, with_distinct_names

log = logging.getLogger(__name__)

FORMAT_VERSION = 2
DATA_DIR = Path(__file__).parent / "data"
DATA_PATTERNS = ("*.tsv", "*.txt")
# Tables only the build reads: a change is followed by recalibrating at the next update
# (index.calibration.is_current), not by refusing the index.
BUILD_ONLY_DATA = frozenset({"offtopic_vi.txt"})
DEFAULT_BACKEND = "local"


class IndexMissingError(RuntimeError):
    """No index at the given place."""


class IndexMismatchError(RuntimeError):
    """An index built by another format version, model, tokenizer, data tables or backend.
    `reason` is what differs, without the advice (a rebuild in progress prints it alone)."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message


def rebuild_advice(directory: str | Path | None) -> str:
    """How to rebuild this index: with its own --index, so that the bundled corpus (the default
    of a bare `python -m ingest`) is not what gets rebuilt into a user's index."""
    target = f" --index {shlex.quote(str(directory))}" if directory is not None else ""
    return f"hãy chạy lại python -m ingest{target} để xây dựng lại từ các văn bản đã lập chỉ mục."


def _mismatch(reason: str, directory: str | Path | None, error: type[IndexMismatchError] | None = None) -> IndexMismatchError:
    return (error or IndexMismatchError)(f"{reason}: {rebuild_advice(directory)}", reason)


class IndexDamagedError(IndexMismatchError):
    """A manifest or data file of the live build is missing, unreadable or does not match its
    checksum. `python -m ingest` rebuilds from the documents."""


# --- locations and locking ------------------------------------------------------------------


def _current_build(directory: Path) -> Path | None:
    pointer = directory / "CURRENT"
    if not pointer.exists():
        return None
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    build = directory / "builds" / name
    return build if name and build.is_dir() else None


@contextmanager
def index_lock(directory: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Exclusive lock on the index directory for a build; `on_wait` is called once if another
    build holds it (then we wait for it)."""
    directory.mkdir(parents=True, exist_ok=True)
    lock = FileLock(directory / ".lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait is not None:
            on_wait()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


# --- integrity ------------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    """sha256 of a file, read in 1 MiB blocks (build files and cached weights are large)."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def data_pins() -> dict[str, str]:
    """sha256 of every table the query side reads (glossary, abbreviations, common words)."""
    return {
        p.name: file_sha256(p)
        for pattern in DATA_PATTERNS
        for p in sorted(DATA_DIR.glob(pattern))
        if p.name not in BUILD_ONLY_DATA
    }


def _file_sums(build: Path) -> dict[str, dict]:
    return {
        p.relative_to(build).as_posix(): {"sha256": file_sha256(p), "bytes": p.stat().st_size}
        for p in sorted(build.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }


def _damaged(directory: Path, what: str) -> IndexDamagedError:
    return _mismatch(f"Chỉ mục tại {directory} bị hỏng ({what})", directory, IndexDamagedError)  # type: ignore[return-value]


def read_manifest(directory: str | Path) -> dict:
    directory = Path(directory)
    build = _current_build(directory)
    if build is None:
        if (directory / "CURRENT").exists():
            raise _damaged(directory, "tệp CURRENT trỏ tới bản dựng không tồn tại")
        from index.config import DEFAULT_INDEX

        # Only the default index starts from the bundled corpus without paths (python -m ingest).
        is_default = directory.resolve() == DEFAULT_INDEX.resolve()
        command = "python -m ingest" if is_default else f"python -m ingest TỆP/THƯ MỤC --index {shlex.quote(str(directory))}"
        raise IndexMissingError(f"Chưa có chỉ mục tại {directory}. Hãy chạy: {command}")
    try:
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise _damaged(directory, "thiếu manifest.json") from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _damaged(directory, "không đọc được manifest.json") from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        if isinstance(manifest, dict) and manifest.get("format_version") not in (None, FORMAT_VERSION):
            return manifest  # an older format: check_compatible says so
        raise _damaged(directory, "manifest.json không hợp lệ")
    return manifest


def check_compatible(
    manifest: dict,
    model: str | None,
    backend: str | None = None,
    tokenizer: TokenizerConfig | None = None,
    directory: str | Path | None = None,
) -> None:
    """Raise IndexMismatchError (one Vietnamese line, with the command that rebuilds the index at
    `directory`) when this program cannot use the index."""
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise _mismatch(f"Chỉ mục có định dạng phiên bản {version}, chương trình này cần phiên bản {FORMAT_VERSION}", directory)
    try:
        built_with = manifest["model"]["name"]
        built_backend = manifest["backend"]["name"]
        pins = manifest["data_files"]
        tokenizer_version = manifest["tokenizer_version"]
    except (KeyError, TypeError) as exc:
        raise _mismatch(f"Chỉ mục bị hỏng (manifest.json thiếu {exc})", directory, IndexDamagedError) from exc
    if model is not None and built_with != model:
        reason = f"Chỉ mục được xây dựng bằng mô hình '{built_with}', còn mô hình đang cấu hình là '{model}'"
        raise IndexMismatchError(
            f"{reason}: vectơ của hai mô hình không so sánh được. Hãy dùng đúng mô hình đó hoặc {rebuild_advice(directory)}",
            reason,
        )
    if backend is not None and built_backend != backend:
        raise _mismatch(f"Chỉ mục được xây dựng cho kho '{built_backend}', còn HOIDAP_BACKEND là '{backend}'", directory)
    if tokenizer_version != TOKENIZER_VERSION or (tokenizer is not None and manifest.get("tokenizer") != asdict(tokenizer)):
        raise _mismatch("Cách tách từ đã thay đổi kể từ khi lập chỉ mục", directory)
    current = data_pins()
    if isinstance(pins, dict):
        pins = {k: v for k, v in pins.items() if k not in BUILD_ONLY_DATA}
    if pins != current:
        changed = sorted(set(pins) ^ set(current) | {k for k in pins if current.get(k) != pins[k]})
        raise _mismatch(f"Bảng dữ liệu {', '.join(changed)} đã thay đổi kể từ khi lập chỉ mục", directory)


# --- the loaded index -----------------------------------------------------------------------


@dataclass
class IndexStore:
    """A loaded index: read-only after loading, safe to share between app sessions."""

    directory: Path
    manifest: dict
    documents: dict[str, Document]
    chunks: list[Chunk]
    vectors: np.ndarray
    backend: Backend
    tokenizer: VietnameseTokenizer
    restorer: DiacriticRestorer
    _tokens: dict[str, np.ndarray] = field(repr=False, default_factory=dict)
    # The documents as stored, before display names were made distinct: what an update writes back.
    stored_documents: dict[str, Document] = field(repr=False, default_factory=dict)

    @property
    def model(self) -> str:
        return self.manifest["model"]["name"]

    @property
    def calibration(self) -> float | None:
        """What "no answer" is measured against on this index (index.calibration); None for an
        index built before it was recorded, with another recipe, or too small to calibrate."""
        return calibration.recorded(self.manifest)

    @property
    def offtopic(self) -> float | None:
        """How high questions these documents do not answer score on this index (index.calibration);
        None for an index built before it was recorded, too small to calibrate, or calibrated with
        another off-topic list."""
        return calibration.recorded_offtopic(self.manifest)

    def doc_chunks(self, doc_id: str) -> list[Chunk]:
        return [c for c in self.chunks if c.doc_id == doc_id]

    @cached_property
    def _vocab(self) -> list[str]:
        return self._tokens["vocab"].tolist()

    def token_document_frequencies(self) -> dict[str, int]:
        """How many chunks hold each lexical token (one bincount over tokens.npz, no set per chunk)."""
        df = np.bincount(self._tokens["indices"], minlength=len(self._vocab))
        return dict(zip(self._vocab, df.tolist(), strict=True))

    def chunk_tokens(self, row: int) -> set[str]:
        """The lexical tokens of chunk `row` (as indexed), from tokens.npz."""
        indptr, indices = self._tokens["indptr"], self._tokens["indices"]
        vocab = self._vocab
        return {vocab[i] for i in indices[indptr[row] : indptr[row + 1]]}


def load_index(
    directory: str | Path,
    model: str | None = None,
    backend: str | None = None,
    options: BackendOptions | None = None,
) -> IndexStore:
    """Load the live build. `model`/`backend`, when given, must be what the index was built with;
    `options` reach the backend (e.g. a server URI). Every file is checked against the manifest's
    checksums first."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    check_compatible(manifest, model, backend, directory=directory)
    build = _current_build(directory)
    assert build is not None
    for name, expected in manifest["files"].items():
        path = build / name
        try:
            ok = path.stat().st_size == expected["bytes"] and file_sha256(path) == expected["sha256"]
        except OSError:
            raise _damaged(directory, f"thiếu {name}") from None
        if not ok:
            raise _damaged(directory, f"{name} không khớp tổng kiểm")
    try:
        # Two documents that would be cited alike (two copies of a law, six summary-named
        # files) get their number, issuer, year or file name added, so lists and citations differ.
        stored_documents = {
            d.doc_id: d for d in (Document.from_dict(json.loads(line)) for line in _read_lines(build / "documents.jsonl"))
        }
        documents = with_distinct_names(stored_documents.values())
        chunks = [Chunk.from_dict(json.loads(line)) for line in _read_lines(build / "chunks.jsonl")]
        vectors = np.load(build / "vectors.npy", mmap_mode="r", allow_pickle=False)
        with np.load(build / "tokens.npz", allow_pickle=False) as npz:
            tokens = {k: npz[k] for k in ("vocab", "indptr", "indices")}
        info = manifest["backend"]
        stored = backend_class(info["name"]).load(build, manifest["model"]["dim"], info, options or BackendOptions())
        tokenizer = VietnameseTokenizer(TokenizerConfig(**manifest["tokenizer"]))
        restorer = DiacriticRestorer.load(build / "restorer.sqlite")
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, sqlite3.Error) as exc:
        raise _damaged(directory, f"{type(exc).__name__}") from exc
    if not (len(chunks) == len(vectors) == stored.size == len(tokens["indptr"]) - 1):
        raise _damaged(directory, f"{len(chunks)} đoạn, {len(vectors)} vectơ, {stored.size} dòng trong kho")
    return IndexStore(directory, manifest, documents, chunks, vectors, stored, tokenizer, restorer, tokens, stored_documents)


def recorded_sources(directory: str | Path) -> list[str]:
    """Source paths of the documents of the live build, read as far as its files allow (for
    rebuilding a damaged or outdated index without losing documents); [] if none is readable."""
    build = _current_build(Path(directory))
    if build is None:
        return []
    sources: list[str] = []
    try:
        for line in _read_lines(build / "documents.jsonl"):
            try:
                source = json.loads(line).get("source")
            except (ValueError, AttributeError):
                continue
            if isinstance(source, str):
                sources.append(source)
    except (OSError, UnicodeDecodeError):
        pass
    if not sources:
        try:
            manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
            sources = [d["source"] for d in manifest["documents"].values()]
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
            return []
    return sources


def _read_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


# --- writing a build ------------------------------------------------------------------------


@dataclass
class DocumentEntry:
    """One document ready to store: its chunks, their vectors and the text each was indexed as."""

    document: Document
    chunks: list[Chunk]
    vectors: np.ndarray
    texts: list[str]


@dataclass(frozen=True)
class BuildInfo:
    """What the manifest records about how the chunks were made and embedded."""

    model: str
    dim: int
    embedder_backend: str
    backend: str = DEFAULT_BACKEND
    dense_index: str = "auto"
    tokenizer: TokenizerConfig = field(default_factory=TokenizerConfig)
    pipeline: dict = field(default_factory=dict)  # parser version, chunker, max chars: set by the build module
    options: BackendOptions | None = None  # backend settings beyond dense_index (e.g. a server URI)
    calibration: dict | None = None  # index.calibration.calibrate(): what "no answer" is measured against


def write_build(directory: Path, entries: Sequence[DocumentEntry], info: BuildInfo) -> Path:
    """Write a new build and make it live atomically; returns the build folder. The caller
    holds `index_lock`."""
    builds = directory / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    live = _current_build(directory)
    previous_live = live.name if live is not None else None
    name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    tmp = builds / f".tmp-{name}"
    tmp.mkdir()
    try:
        entries = sorted(entries, key=lambda e: e.document.doc_id)
        tokenizer = VietnameseTokenizer(info.tokenizer)
        options = replace(info.options or BackendOptions(), dense_index=info.dense_index)
        backend = backend_class(info.backend).create(info.dim, options)
        chunks: list[Chunk] = []
        matrices: list[np.ndarray] = []
        token_lists: list[list[str]] = []
        for entry in entries:
            start = len(chunks)
            tokens = [tokenizer.tokens(t) for t in entry.texts]
            vectors = np.asarray(entry.vectors, dtype=np.float32).reshape(len(entry.chunks), info.dim)
            backend.add(entry.document.doc_id, range(start, start + len(entry.chunks)), vectors, tokens, entry.document.content_hash)
            chunks.extend(entry.chunks)
            matrices.append(vectors)
            token_lists.extend(tokens)
        matrix = np.vstack(matrices) if matrices else np.zeros((0, info.dim), np.float32)
        backend_info = backend.save(tmp, live)
        np.save(tmp / "vectors.npy", matrix)
        _save_tokens(tmp / "tokens.npz", token_lists)
        DiacriticRestorer.from_texts(c.text for c in chunks).save(tmp / "restorer.sqlite")
        _write_jsonl(tmp / "documents.jsonl", (e.document.to_dict() for e in entries))
        _write_jsonl(tmp / "chunks.jsonl", (c.to_dict() for c in chunks))
        manifest = {
            "format_version": FORMAT_VERSION,
            **info.pipeline,
            "tokenizer": asdict(info.tokenizer),
            "tokenizer_version": TOKENIZER_VERSION,
            "data_files": data_pins(),
            "model": {"name": info.model, "dim": info.dim, "embedder_backend": info.embedder_backend},
            "backend": {"name": backend.name, **backend_info},
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "documents": {
                e.document.doc_id: {
                    "source": e.document.source,
                    "content_hash": e.document.content_hash,
                    "chunks": len(e.chunks),
                }
                for e in entries
            },
            "counts": {"documents": len(entries), "chunks": len(chunks)},
            "abstain_calibration": info.calibration,
            "files": _file_sums(tmp),
        }
        _write_synced(tmp / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        final = builds / name
        os.replace(tmp, final)
        pointer_tmp = directory / f".CURRENT.{name}"
        _write_synced(pointer_tmp, name)
        os.replace(pointer_tmp, directory / "CURRENT")  # the moment the new build goes live
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    try:
        backend.publish(final)
    except Exception as exc:  # the new build is live and answers; what is left is unused rows
        log.warning("index %s: cleaning up after the previous build failed (%s); the next build retries", directory, exc)
    # The build that was live until now stays one more round: a reader that took the old CURRENT
    # a moment ago may still be loading it. Anything older goes.
    for stale in builds.iterdir():
        if stale.name not in (name, previous_live):
            shutil.rmtree(stale, ignore_errors=True)
    return final


def _save_tokens(path: Path, token_lists: list[list[str]]) -> None:
    vocab: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    for tokens in token_lists:
        ids = sorted({vocab.setdefault(t, len(vocab)) for t in tokens})
        indices.extend(ids)
        indptr.append(len(indices))
    np.savez(
        path,
        vocab=np.array(list(vocab), dtype=str) if vocab else np.zeros(0, dtype="<U1"),
        indptr=np.array(indptr, dtype=np.int64),
        indices=np.array(indices, dtype=np.int32),
    )


def _write_synced(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())


def _write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


# --- embedding cache ------------------------------------------------------------------------


class EmbeddingCache:
    """Vectors already computed, kept across builds in INDEX/cache/embeddings.sqlite and keyed by
    sha256(model, embedder backend, embedded text). Each batch is committed as it is embedded,
    so a killed ingest resumes where it stopped (SQLite transactions survive a kill mid-write)."""

    def __init__(self, directory: Path, model: str, embedder_backend: str, dim: int) -> None:
        self.prefix = f"{model}\0{embedder_backend}\0"
        self.dim = dim
        path = directory / "cache" / "embeddings.sqlite"
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open(path)
        except sqlite3.DatabaseError:
            # A damaged cache only costs re-embedding: start a new one.
            path.unlink(missing_ok=True)
            self._db = self._open(path)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        db.execute("SELECT count(*) FROM vectors").fetchone()
        return db

    def key(self, text: str) -> str:
        return hashlib.sha256((self.prefix + text).encode("utf-8")).hexdigest()

    def get_many(self, texts: Sequence[str]) -> list[np.ndarray | None]:
        out: list[np.ndarray | None] = []
        for text in texts:
            row = self._db.execute("SELECT vector FROM vectors WHERE key = ?", (self.key(text),)).fetchone()
            vector = None if row is None else np.frombuffer(row[0], dtype=np.float32)
            out.append(vector if vector is not None and vector.shape == (self.dim,) else None)
        return out

    def put_many(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                ((self.key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors, strict=True)),
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> EmbeddingCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = [
    "BuildInfo",
    "DocumentEntry",
    "EmbeddingCache",
    "IndexDamagedError",
    "IndexMismatchError",
    "IndexMissingError",
    "IndexStore",
    "check_compatible",
    "index_lock",
    "load_index",
    "read_manifest",
    "recorded_sources",
    "write_build",
]
