"""`python -m index "câu hỏi" [--top-k K] [--index DIR]` prints the best passages;
`python -m index --jsonl` reads one question per line on stdin and writes one JSON object per line:
{"question", "answer_found", "results": [{"doc", "citation", "section", "text", "score"}]}.

Errors (no index, empty question, model mismatch) print one line and exit non-zero.
"""

from __future__ import annotations

import argparse
import json
import sys

from index.config import Settings


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:  # `python -m index serve …`: the HTTP API (index/api.py)
        from index.api import main as serve

        return serve(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m index", description="Tìm điều khoản trả lời câu hỏi.")
    parser.add_argument("question", nargs="?", help="câu hỏi (bỏ trống khi dùng --jsonl)")
    parser.add_argument("--top-k", type=int, default=5)
    parser.add_argument("--index", help="thư mục chỉ mục (mặc định: data/index hoặc $HOIDAP_INDEX)")
    parser.add_argument("--model", help="mô hình nhúng (phải trùng mô hình đã lập chỉ mục)")
    parser.add_argument("--reranker", help="mô hình cross-encoder để xếp hạng lại (tùy chọn)")
    parser.add_argument("--jsonl", action="store_true", help="đọc câu hỏi từ stdin, mỗi dòng một câu; in JSON")
    args = parser.parse_args(argv)
    if args.top_k < 1:
        parser.error("--top-k phải ≥ 1")
    if not args.jsonl and args.question is None:
        parser.error("cần một câu hỏi, hoặc --jsonl")

    settings = Settings.from_env(index_dir=args.index, model=args.model, reranker=args.reranker)

    from index.embedder import EmbedderError
    from index.engine import open_searcher
    from index.query import QueryError
    from index.store import IndexMismatchError, IndexMissingError

    try:
        searcher = open_searcher(settings)
    except (IndexMissingError, IndexMismatchError, EmbedderError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2

    if args.jsonl:
        failures = 0
        for line in sys.stdin:
            question = line.rstrip("\n")
            if not question.strip():
                continue
            try:
                out = searcher.search(question, top_k=args.top_k).to_dict()
            except QueryError as exc:
                out = {"question": question, "answer_found": False, "results": [], "error": str(exc)}
                failures += 1
            print(json.dumps(out, ensure_ascii=False), flush=True)
        return 0

    try:
        result = searcher.search(args.question, top_k=args.top_k)
    except QueryError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    if result.analysis and result.analysis.shown_as:
        print(f"(Hiểu câu hỏi là: {result.analysis.shown_as})\n")
    if not result.answer_found:
        print("Không tìm thấy đoạn nào trong các văn bản trả lời trực tiếp câu hỏi này. Các đoạn gần nhất:\n")
    for rank, hit in enumerate(result.hits, start=1):
        print(f"{rank}. {hit.citation}  [điểm {hit.score:.4f}]")
        print(f"   Mục: {hit.chunk.section}")
        for text_line in hit.chunk.text.split("\n"):
            print(f"   {text_line}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
