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
from ingest.loaders import MAX_BYTES, SUPPORTED_SUFFIXES, LoadError, load_bytes, load_file
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
    layout = Layout(body_start=find_header_end(lines), closing_start=find_closing(lines))
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
    )


_OUTSIDE = "liên kết tượng trưng trỏ ra ngoài thư mục đã chọn: không đọc"


def _walk(root: Path) -> tuple[list[Path], list[Skipped]]:
    """Files under `root`, sorted, hidden ones left out. Symbolic links are never followed out
    of `root`: nothing outside what the user chose to index is read."""
    real_root = root.resolve()
    found: list[Path] = []
    skipped: list[Skipped] = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in list(dirs):
            link = Path(folder) / d
            if link.is_symlink():
                dirs.remove(d)  # inside links would duplicate files; outside ones leave the folder
                if not _resolves_inside(link, real_root):
                    skipped.append(Skipped(str(link), _OUTSIDE))
        for name in names:
            child = Path(folder) / name
            if name.startswith("."):
                continue
            if child.is_symlink() and not _resolves_inside(child, real_root):
                skipped.append(Skipped(str(child), _OUTSIDE))
            elif child.is_file():
                found.append(child)
    return sorted(found), skipped


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Expand folders (recursively, sorted) into supported files; report what cannot be used."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            children, outside = _walk(path)
            skipped.extend(outside)
            for child in children:
                if child.suffix.lower() in SUPPORTED_SUFFIXES:
                    files.append(child)
                else:
                    skipped.append(Skipped(str(child), "định dạng không hỗ trợ"))
        elif path.is_file():
            files.append(path)
        else:
            skipped.append(Skipped(str(path), "không tìm thấy tệp hoặc thư mục"))
    return files, skipped


def _resolves_inside(link: Path, root: Path) -> bool:
    """Whether a symbolic link leads to a place inside `root`; a dangling or looping link does not."""
    try:
        return link.resolve(strict=True).is_relative_to(root)
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop on Python 3.11
        return False
