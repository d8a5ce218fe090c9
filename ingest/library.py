"""The document library behind the app: adding uploaded files and removing documents.

Uploads are saved under a generated name (content hash + checked suffix), never under the path
the browser sent, then added to the index through the build module (ingest.build), with every
other document kept and the same limits as `python -m ingest`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from index.config import Settings
from index.embedder import Embedder
from index.store import IndexStore
from ingest.build import BuildReport, update_index
from ingest.loaders import MAX_BYTES, SUPPORTED_SUFFIXES


def _build_options(settings: Settings | None) -> dict:
    settings = settings or Settings.from_env()
    return {
        "backend": settings.backend,
        "index_type": settings.dense_index,
        "max_doc_chunks": settings.max_doc_chunks,
        "backend_options": settings.backend_options(),
    }


def safe_upload_name(name: str, data: bytes) -> str | None:
    """A generated file name for an upload (content hash + checked suffix); None if unsupported.
    The browser's name is used only for its suffix, never as a path."""
    suffix = Path(name.replace("\\", "/")).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return None
    return hashlib.sha256(data).hexdigest()[:24] + suffix


def ingest_uploads(
    files: Sequence[tuple[str, bytes]],
    index_dir: Path,
    upload_dir: Path,
    embedder: Embedder,
    progress: Callable[[int, int], None] | None = None,
    settings: Settings | None = None,
) -> tuple[BuildReport | None, list[str]]:
    """Save uploads under generated names and add them to the index (others kept).
    Returns the build report (None if nothing could be tried) and one Vietnamese error per
    file that was not indexed."""
    errors: list[str] = []
    saved: dict[str, str] = {}  # saved path → name shown to the user
    upload_dir.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        shown = Path(name.replace("\\", "/")).name or "tệp"
        if len(data) > MAX_BYTES:
            errors.append(
                f"{shown}: tệp quá lớn ({len(data) / 1e6:.1f} MB; tối đa {MAX_BYTES // (1024 * 1024)} MB)."
            )
            continue
        safe = safe_upload_name(shown, data)
        if safe is None:
            errors.append(
                f"{shown}: định dạng không hỗ trợ (chỉ nhận {', '.join(sorted(SUPPORTED_SUFFIXES))})."
            )
            continue
        if not data.strip():
            errors.append(f"{shown}: tệp rỗng.")
            continue
        path = upload_dir / safe
        if not path.exists():
            path.write_bytes(data)
        saved[str(path)] = shown
    if not saved:
        return None, errors
    report = update_index(list(saved), index_dir, embedder, progress=progress, **_build_options(settings))
    for skipped in report.skipped:
        shown = saved.get(skipped.source, Path(skipped.source).name)
        errors.append(f"{shown}: không lập chỉ mục được — {skipped.reason}.")
        if skipped.source in saved:
            Path(skipped.source).unlink(missing_ok=True)
    return report, errors


def remove_document(
    doc_id: str,
    store: IndexStore,
    index_dir: Path,
    upload_dir: Path,
    embedder: Embedder,
    settings: Settings | None = None,
) -> BuildReport:
    """Drop a document from the index; delete its saved upload if it was one. The index's last
    document is not removed (an index is never emptied: `report.not_removed`), nor its file."""
    source = store.documents[doc_id].source if doc_id in store.documents else None
    report = update_index([], index_dir, embedder, remove=[doc_id], **_build_options(settings))
    if source and doc_id in report.removed:
        path = Path(source).resolve()
        if path.parent == upload_dir.resolve() and path.is_file():
            path.unlink()
    return report
