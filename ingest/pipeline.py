"""From files to `Document`s and `Chunk`s: the ingestion pipeline in one place.

`read_document` turns one file (or uploaded bytes) into a `Document`; `collect_files` expands the
paths given on the command line; a broken file never stops the others — it is reported as a
`Skipped` with the loader's Vietnamese reason.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest.document import Document
from ingest.loaders import (
    MAX_BYTES,
    SAVE_AS_DOCX,
    SUPPORTED_SUFFIXES,
    UNSUPPORTED,
    LoadError,
    load_bytes,
    load_file,
)
from ingest.metadata import Layout, extract_metadata, find_closing, find_header_end
from ingest.normalize import clean_lines, normalize_text


@dataclass(frozen=True)
class Skipped:
    """A file that was not indexed, and why (Vietnamese, for the CLI summary and the UI)."""

    source: str
    reason: str


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing or oversized file raises the loader's LoadError unread."""
    if not path.is_file() or path.stat().st_size > MAX_BYTES:
        load_file(path)  # raises the loader's specific message without reading a huge file
    return path.read_bytes()


def read_document(path: str | Path, data: bytes | None = None, doc_id: str | None = None) -> Document:
    """Load, clean and describe one file. Raises LoadError for unreadable input.

    `data` lets the app pass uploaded bytes without writing them anywhere first; `doc_id`
    defaults to the file name, which is what incremental indexing keys on.
    """
    path = Path(path)
    if data is None:
        data = read_bytes(path)
    loaded = load_bytes(data, path.name)
    lines = clean_lines(normalize_text(loaded.text))
    if not lines:
        raise LoadError(path, "tệp không có nội dung chữ")
    closing_start, closing_end = find_closing(lines)
    layout = Layout(body_start=find_header_end(lines), closing_start=closing_start, closing_end=closing_end)
    meta = extract_metadata(lines, layout, file_name=path.name)
    return Document(
        doc_id=doc_id or path.name,
        source=str(path),
        text="\n".join(line.text for line in lines),
        content_hash=content_hash(data),
        format=loaded.format,
        meta=meta,
        warnings=tuple(loaded.warnings),
        body_start=layout.body_start,
        closing_start=layout.closing_start,
        closing_end=layout.closing_end,
    )


_OUTSIDE = "liên kết tượng trưng trỏ ra ngoài thư mục đã chọn: không đọc"
NOT_FOUND = "không tìm thấy tệp hoặc thư mục"
_LOCK_FILE = "tệp khóa tạm của Word (tạo ra khi văn bản đang mở), không phải văn bản"
# Formats Word opens and can save as .docx: the skip line says so instead of only "not supported".
_WORD_OPENS = frozenset({".doc", ".rtf", ".odt"})
# Word (and Excel, PowerPoint) write "~$name.docx" beside a document while it is open: a few
# bytes naming who opened it, never a document.
_LOCK_PREFIX = "~$"


def _unsupported(path: Path) -> str:
    if path.suffix.lower() in _WORD_OPENS:
        return f"{UNSUPPORTED} ({SAVE_AS_DOCX})"
    return UNSUPPORTED


def _walk(root: Path, skip: Path | None = None) -> tuple[list[Path], list[Skipped]]:
    """Files under `root`, sorted, hidden ones and Word lock files left out, and nothing of the
    folder `skip` (the index being built, which may sit inside the folder it indexes). Symbolic
    links are never followed out of `root`: nothing outside what the user chose to index is read."""
    real_root = root.resolve()
    found: list[Path] = []
    skipped: list[Skipped] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in list(dirs):
            sub = Path(folder) / d
            if sub.is_symlink():
                dirs.remove(d)  # inside links would duplicate files; outside ones leave the folder
                if not _resolves_inside(sub, real_root):
                    skipped.append(Skipped(str(sub), _OUTSIDE))
            elif _is_index(sub, skip):
                dirs.remove(d)
        # Documents kept in the index folder itself are read, its own files are not.
        own_folder = skip is not None and Path(folder).resolve() == skip.resolve()
        for name in names:
            child = Path(folder) / name
            if name.startswith((".", _LOCK_PREFIX)):
                continue
            if own_folder and child.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            if child.is_symlink() and not _resolves_inside(child, real_root):
                skipped.append(Skipped(str(child), _OUTSIDE))
            elif child.is_file():
                found.append(child)
    return sorted(found), skipped


# The index's own subfolders, pruned when the folder given to ingest is the index folder itself.
_INDEX_PARTS = frozenset({"builds", "cache"})


def _is_index(folder: Path, skip: Path | None) -> bool:
    """Whether `folder` (not a link) is the index folder `skip` or one of its own subfolders."""
    if skip is None:
        return False
    real, index = folder.resolve(), skip.resolve()
    return real == index or (real.parent == index and folder.name in _INDEX_PARTS)


def collect_files(paths: Iterable[str | Path], skip: Path | None = None) -> tuple[list[Path], list[Skipped]]:
    """Expand folders (recursively, sorted) into supported files; report what cannot be used.
    A file reached twice (named and inside a named folder, or through a link) is one file, the
    first way it was reached; `skip` is a folder never read (the index being built)."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()

    def first(path: Path) -> bool:
        real = path.resolve()
        if real in seen:
            return False
        seen.add(real)
        return True

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            children, outside = _walk(path, skip)
            skipped.extend(outside)
            for child in filter(first, children):
                if child.suffix.lower() in SUPPORTED_SUFFIXES:
                    files.append(child)
                else:
                    skipped.append(Skipped(str(child), _unsupported(child)))
        elif path.is_file():
            if not first(path):
                continue
            if path.name.startswith(_LOCK_PREFIX):
                skipped.append(Skipped(str(path), _LOCK_FILE))
            else:
                files.append(path)
        else:
            skipped.append(Skipped(str(path), NOT_FOUND))
    return files, skipped


def _resolves_inside(link: Path, root: Path) -> bool:
    """Whether a symbolic link leads to a place inside `root`; a dangling or looping link does not."""
    try:
        return link.resolve(strict=True).is_relative_to(root)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop on Python 3.11
        return False
