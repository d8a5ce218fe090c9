"""Building, updating and loading an index directory.

Layout of an index directory:

    INDEX/CURRENT               name of the live build (replaced atomically)
    INDEX/builds/<name>/        manifest.json, documents.jsonl, chunks.jsonl, vectors.npy,
                                dense.faiss, lexical/
    INDEX/.lock                 held while a build writes

A build is written to a new folder and only then made live by replacing CURRENT, so an
interrupted build (Ctrl-C, crash, full disk) leaves the previous index answering as before.
Updates are incremental: a document whose content hash, parser version and model are unchanged
keeps its chunks and vectors; only new or changed documents are embedded; removed ones are
dropped. The manifest records the format version and model; loading refuses a mismatch.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from index.dense import DenseIndex, resolve_index_type
from index.embedder import Embedder
from index.lexical import LexicalIndex, TokenizerConfig, VietnameseTokenizer
from ingest.chunking import CHUNKERS, MAX_CHARS, indexed_text
from ingest.document import Chunk, Document
from ingest.loaders import LoadError
from ingest.pipeline import Skipped, collect_files, content_hash, read_bytes, read_document

FORMAT_VERSION = 1
# Bump when parsing or chunking changes what a document turns into: every document re-parses.
PARSER_VERSION = 3

Progress = Callable[[int, int], None]


class IndexMissingError(RuntimeError):
    """No index at the given place."""


class IndexMismatchError(RuntimeError):
    """An index built by another format version or another embedding model."""


@dataclass
class BuildReport:
    index_dir: Path
    documents: int = 0
    chunks: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    embedded: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    rebuilt_because: str | None = None
    seconds: float = 0.0
    written: bool = False


@dataclass
class IndexStore:
    """A loaded index: read-only after loading, safe to share between app sessions."""

    directory: Path
    manifest: dict
    documents: dict[str, Document]
    chunks: list[Chunk]
    vectors: np.ndarray
    dense: DenseIndex
    lexical: LexicalIndex

    @property
    def model(self) -> str:
        return self.manifest["model"]["name"]

    def doc_chunks(self, doc_id: str) -> list[Chunk]:
        return [c for c in self.chunks if c.doc_id == doc_id]


# --- locations ------------------------------------------------------------------------------


def _current_build(directory: Path) -> Path | None:
    pointer = directory / "CURRENT"
    if not pointer.exists():
        return None
    build = directory / "builds" / pointer.read_text(encoding="utf-8").strip()
    return build if build.is_dir() else None


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- loading --------------------------------------------------------------------------------


def read_manifest(directory: str | Path) -> dict:
    directory = Path(directory)
    build = _current_build(directory)
    if build is None:
        raise IndexMissingError(
            f"Chưa có chỉ mục tại {directory}. Hãy chạy: python -m ingest [TỆP/THƯ MỤC] --index {directory}"
        )
    return json.loads((build / "manifest.json").read_text(encoding="utf-8"))


def check_compatible(manifest: dict, model: str | None) -> None:
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise IndexMismatchError(
            f"Chỉ mục có định dạng phiên bản {version}, chương trình này cần phiên bản {FORMAT_VERSION}: "
            "hãy chạy lại python -m ingest để xây dựng lại."
        )
    built_with = manifest["model"]["name"]
    if model is not None and built_with != model:
        raise IndexMismatchError(
            f"Chỉ mục được xây dựng bằng mô hình '{built_with}', còn mô hình đang cấu hình là '{model}': "
            "vectơ của hai mô hình không so sánh được. Hãy dùng đúng mô hình đó hoặc chạy lại python -m ingest."
        )


def load_index(directory: str | Path, model: str | None = None) -> IndexStore:
    """Load the live build. `model`, when given, must be the model the index was built with."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    check_compatible(manifest, model)
    build = _current_build(directory)
    assert build is not None
    documents = {
        d.doc_id: d for d in (Document.from_dict(json.loads(line)) for line in _read_lines(build / "documents.jsonl"))
    }
    chunks = [Chunk.from_dict(json.loads(line)) for line in _read_lines(build / "chunks.jsonl")]
    vectors = np.load(build / "vectors.npy")
    dim = manifest["model"]["dim"]
    dense = DenseIndex.load(build / "dense.faiss", dim, manifest["dense_index"])
    lexical = LexicalIndex.load(build / "lexical")
    if not (len(chunks) == len(vectors) == dense.size == lexical.size):
        raise IndexMismatchError(
            f"Chỉ mục tại {directory} không nhất quán ({len(chunks)} đoạn, {len(vectors)} vectơ, "
            f"{dense.size} dòng FAISS): hãy chạy lại python -m ingest."
        )
    return IndexStore(directory, manifest, documents, chunks, vectors, dense, lexical)


def _read_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def _load_previous(directory: Path, model: str, chunker: str, tokenizer: TokenizerConfig) -> tuple[IndexStore | None, str | None]:
    """The live index if it can be reused for an incremental update, else why not."""
    try:
        manifest = read_manifest(directory)
    except IndexMissingError:
        return None, None
    try:
        check_compatible(manifest, model)
        if (
            manifest.get("parser_version") != PARSER_VERSION
            or manifest.get("max_chars") != MAX_CHARS
            or manifest.get("chunker", "structure") != chunker
        ):
            return None, "cách tách đoạn đã thay đổi"
        if manifest.get("tokenizer") != asdict(tokenizer):
            return None, "cách tách từ của chỉ mục từ khóa đã thay đổi"
        return load_index(directory, model), None
    except (IndexMismatchError, OSError, ValueError, KeyError) as exc:
        return None, str(exc)


# --- building -------------------------------------------------------------------------------


@dataclass
class _Entry:
    document: Document
    chunks: list[Chunk]
    vectors: np.ndarray | None  # None until embedded


def _doc_id_for(path: Path, taken: set[str]) -> str:
    doc_id = path.name
    if doc_id in taken:
        doc_id = f"{path.parent.name}/{path.name}"
    return doc_id


def update_index(
    sources: Sequence[str | Path],
    directory: str | Path,
    embedder: Embedder,
    *,
    keep_others: bool = False,
    remove: Sequence[str] = (),
    index_type: str = "auto",
    progress: Progress | None = None,
    chunker: str = "structure",
    tokenizer: TokenizerConfig | None = None,
) -> BuildReport:
    """Make the index at `directory` reflect `sources`.

    By default the index holds exactly the documents found in `sources` (documents no longer
    there are dropped). With `keep_others=True` (uploads in the app) the given files are added
    or replaced and every other document stays; `remove` drops documents by id. `chunker` and
    `tokenizer` exist for the benchmark ablations; the defaults are what the product uses.
    """
    if chunker not in CHUNKERS:
        raise ValueError(f"chunker must be one of {', '.join(CHUNKERS)}, not {chunker!r}")
    tokenizer = tokenizer or TokenizerConfig()
    started = time.perf_counter()
    directory = Path(directory)
    report = BuildReport(index_dir=directory)
    with _locked(directory):
        previous, reason = _load_previous(directory, embedder.name, chunker, tokenizer)
        report.rebuilt_because = reason
        old: dict[str, _Entry] = {}
        if previous is not None:
            for doc_id, doc in previous.documents.items():
                rows = [i for i, c in enumerate(previous.chunks) if c.doc_id == doc_id]
                old[doc_id] = _Entry(doc, [previous.chunks[i] for i in rows], previous.vectors[rows])

        files, skipped = collect_files(sources)
        report.skipped.extend(skipped)
        entries: dict[str, _Entry] = {k: v for k, v in old.items() if keep_others and k not in remove}
        seen: set[str] = set()
        for path in files:
            doc_id = _doc_id_for(path, seen)
            seen.add(doc_id)
            try:
                data = read_bytes(path)
                prior = old.get(doc_id)
                if prior is not None and prior.document.content_hash == content_hash(data):
                    entries[doc_id] = prior
                    report.unchanged += 1
                    continue
                document = read_document(path, data=data, doc_id=doc_id)
                chunks = CHUNKERS[chunker](document)
                if not chunks:
                    raise LoadError(path, "không tìm thấy đoạn văn bản nào để lập chỉ mục")
            except LoadError as exc:
                report.skipped.append(Skipped(str(path), exc.reason + (f" ({exc.detail})" if exc.detail else "")))
                if doc_id in old and not keep_others:
                    # A file that used to index and is now broken keeps its previous version: the
                    # index never loses a document because of a bad update.
                    entries[doc_id] = old[doc_id]
                continue
            entries[doc_id] = _Entry(document, chunks, None)
            (report.changed if doc_id in old else report.added).append(doc_id)

        report.removed = sorted(set(old) - set(entries))
        report.documents = len(entries)
        report.chunks = sum(len(e.chunks) for e in entries.values())
        if previous is not None and not report.added and not report.changed and not report.removed:
            report.seconds = time.perf_counter() - started
            return report
        if not entries:
            report.seconds = time.perf_counter() - started
            return report

        _embed_missing(entries, embedder, report, progress)
        _write_build(directory, entries, embedder, index_type, chunker, tokenizer)
        report.written = True
    report.seconds = time.perf_counter() - started
    return report


def _embed_missing(entries: dict[str, _Entry], embedder: Embedder, report: BuildReport, progress: Progress | None) -> None:
    pending = [(e, c) for e in entries.values() if e.vectors is None for c in e.chunks]
    total = len(pending)
    done = 0
    batch = 16
    by_entry: dict[str, list[np.ndarray]] = {}
    for start in range(0, total, batch):
        part = pending[start : start + batch]
        vectors = embedder.embed_passages([indexed_text(c, e.document.meta) for e, c in part], batch_size=batch)
        for (entry, _chunk), vector in zip(part, vectors, strict=True):
            by_entry.setdefault(entry.document.doc_id, []).append(vector)
        done += len(part)
        if progress:
            progress(done, total)
    for doc_id, vectors in by_entry.items():
        entries[doc_id].vectors = np.vstack(vectors).astype(np.float32)
    report.embedded = total


def _write_build(
    directory: Path,
    entries: dict[str, _Entry],
    embedder: Embedder,
    index_type: str,
    chunker: str,
    tokenizer: TokenizerConfig,
) -> None:
    builds = directory / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    tmp = builds / f".tmp-{name}"
    tmp.mkdir()
    try:
        documents: list[Document] = []
        chunks: list[Chunk] = []
        vectors: list[np.ndarray] = []
        for doc_id in sorted(entries):
            entry = entries[doc_id]
            documents.append(entry.document)
            # Chunk ids/orders are per document; rows are global and equal list positions.
            chunks.extend(entry.chunks)
            assert entry.vectors is not None
            vectors.append(entry.vectors)
        matrix = np.vstack(vectors).astype(np.float32) if vectors else np.zeros((0, embedder.dim), np.float32)
        chosen = resolve_index_type(index_type, len(matrix))
        dense = DenseIndex(embedder.dim, chosen)
        dense.add(matrix)
        dense.save(tmp / "dense.faiss")
        lexical = LexicalIndex(VietnameseTokenizer(tokenizer))
        lexical.build(indexed_text(c, entries[c.doc_id].document.meta) for c in chunks)
        lexical.save(tmp / "lexical")
        np.save(tmp / "vectors.npy", matrix)
        _write_jsonl(tmp / "documents.jsonl", (d.to_dict() for d in documents))
        _write_jsonl(tmp / "chunks.jsonl", (c.to_dict() for c in chunks))
        manifest = {
            "format_version": FORMAT_VERSION,
            "parser_version": PARSER_VERSION,
            "max_chars": MAX_CHARS,
            "chunker": chunker,
            "tokenizer": asdict(tokenizer),
            "model": {"name": embedder.name, "dim": embedder.dim},
            "dense_index": chosen,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "documents": {
                d.doc_id: {"source": d.source, "content_hash": d.content_hash, "chunks": len(entries[d.doc_id].chunks)}
                for d in documents
            },
            "counts": {"documents": len(documents), "chunks": len(chunks)},
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        final = builds / name
        os.replace(tmp, final)
        pointer_tmp = directory / f".CURRENT.{name}"
        pointer_tmp.write_text(name, encoding="utf-8")
        with pointer_tmp.open("rb") as f:
            os.fsync(f.fileno())
        os.replace(pointer_tmp, directory / "CURRENT")  # the moment the new build goes live
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    for stale in builds.iterdir():
        if stale.name != name:
            shutil.rmtree(stale, ignore_errors=True)


def _write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
