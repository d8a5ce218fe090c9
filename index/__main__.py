"""`python -m index "câu hỏi" [--top-k K] [--index DIR]` prints the best passages;
`python -m index --jsonl` reads one question per line on stdin (plain text, or a JSON object
{"question": …, "id"?: …}) and writes one JSON object per line:
{"question", "answer_found", "results": [{"doc", "citation", "section", "text", "score"}]} (+ "id"
when the input line gave one).

In --jsonl mode every non-blank input line gets exactly one output line, in order: the result,
or {"question", "answer_found": false, "results": [], "error": "<Vietnamese message>"} when the
line cannot be searched; undecodable bytes are replaced, blank lines are skipped and counted on
stderr, and the command exits 0 once the stream is read. Errors that stop the command (no index,
empty question, model mismatch) print one line "Lỗi: …" and exit non-zero; anything unexpected is
one line on screen and a traceback in the log file (Settings.log_file).
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import re
import sys
from collections.abc import Iterator

from index.config import Settings


def main(argv: list[str] | None = None) -> int:
    args_in = sys.argv[1:] if argv is None else argv
    if args_in[:1] == ["tasks"]:  # `python -m index tasks …`: the responsibility map (index/tasks_cli.py)
        from index.tasks_cli import main as tasks_main

        return tasks_main(args_in[1:])
    if args_in[:1] == ["serve"]:  # `python -m index serve …`: the HTTP API (server/api.py)
        from server.api import main as serve

        return serve(args_in[1:])
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

    try:
        settings = Settings.from_env(index_dir=args.index, model=args.model, reranker=args.reranker)
    except ValueError as exc:  # a bad HOIDAP_* value
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    try:
        status = _run(args, settings)
        sys.stdout.flush()  # a pipe buffers: a reader that has gone shows up here, not at exit
        return status
    except BrokenPipeError:
        # The reader stopped early (`… | head`): nothing more to say, and nothing to report. What
        # is still buffered goes nowhere instead of failing again when the interpreter exits.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except Exception as exc:  # the last guard: one line for the user, the traceback in the log
        from index.errors import report_unexpected

        print(f"Lỗi: {report_unexpected(settings.log_file, 'chạy lệnh tìm kiếm', exc)}", file=sys.stderr)
        return 3


def clean_text(text: str) -> str:
    """A question as valid Unicode: bytes that were not UTF-8 (kept by Python as lone
    surrogates in argv) become U+FFFD, so they can never reach the embedder."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").encode(
        "utf-8", "replace"
    ).decode("utf-8")


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from index.embedder import EmbedderError
    from index.engine import open_searcher
    from index.errors import report_unexpected
    from index.query import QueryError
    from index.store import IndexMismatchError, IndexMissingError

    try:
        searcher = open_searcher(settings)
    except (IndexMissingError, IndexMismatchError, EmbedderError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2

    if args.jsonl:
        blank = 0
        out_stream = sys.stdout
        # Bytes in, decoded per line with replacement: one bad byte never costs the stream. A
        # stream that opens with a UTF-16 byte order mark (what Windows PowerShell's `>` writes) is
        # read as UTF-16 instead of being searched as garbage.
        for raw in _question_lines(sys.stdin.buffer):
            question = raw.rstrip("\r\n").lstrip("\ufeff")
            if not question.strip():
                blank += 1
                continue
            question, echo, refused = _read_line(question)
            try:
                if refused:
                    raise QueryError(refused)
                out = searcher.search(clean_text(question), top_k=args.top_k).to_dict()
                # The question exactly as given, so a caller can join answers to its questions by text.
                out["question"] = question
            except QueryError as exc:
                out = {"question": question, "answer_found": False, "results": [], "error": str(exc)}
            except Exception as exc:
                message = report_unexpected(settings.log_file, "tìm câu trả lời cho dòng này", exc)
                out = {"question": question, "answer_found": False, "results": [], "error": message}
            out = {**echo, **out}
            # A JSON line can carry what UTF-8 cannot (a lone surrogate "\\ud800"): replaced, so
            # one line never stops the stream.
            out_stream.write((json.dumps(out, ensure_ascii=False) + "\n").encode("utf-8", "replace").decode("utf-8"))
            out_stream.flush()
        if blank:
            print(f"Bỏ qua {blank} dòng trống (không có câu hỏi).", file=sys.stderr)
        return 0

    question = clean_text(os.fsencode(args.question).decode("utf-8", "replace"))
    try:
        result = searcher.search(question, top_k=args.top_k)
    except QueryError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    if result.analysis and result.analysis.shown_as:
        print(f"(Hiểu câu hỏi là: {result.analysis.shown_as})\n")
    for note in result.notes:
        print(f"Lưu ý: {note}")
    if not result.answer_found:
        print("Không tìm thấy đoạn nào trong các văn bản trả lời trực tiếp câu hỏi này. Các đoạn gần nhất:\n")
    elif result.notes:
        print()
    for rank, hit in enumerate(result.hits, start=1):
        print(f"{rank}. {hit.citation}  [điểm {hit.score:.4f}]")
        print(f"   Mục: {hit.chunk.section}")
        for text_line in hit.chunk.text.split("\n"):
            print(f"   {text_line}")
        print()
    return 0


def _question_lines(stream) -> Iterator[str]:
    """The lines of a question stream as text: UTF-8 (a bad byte replaced, one line at a time), or
    UTF-16 when the stream starts with its byte order mark."""
    first = stream.readline()
    if first[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        text = (first + stream.read()).decode("utf-16", "replace")
        # Lines end at "\n" only, as in UTF-8 (str.splitlines would also split at U+2028).
        yield from (line for line in re.split(r"(?<=\n)", text) if line)
        return
    if first:
        yield first.decode("utf-8", "replace")
    for raw in stream:
        yield raw.decode("utf-8", "replace")


def _read_line(line: str) -> tuple[str, dict, str | None]:
    """The question of one --jsonl input line, what to echo with its answer, and why it cannot be
    searched (None if it can): a line that is a JSON object is read as {"question": "…", "id"?}
    (its "id" comes back with the answer); any other line is the question as typed."""
    if line.lstrip().startswith("{"):
        try:
            data = json.loads(line)
        except ValueError:
            return line, {}, None
        if isinstance(data, dict):
            echo = {"id": data["id"]} if "id" in data else {}
            if not isinstance(data.get("question"), str):
                return line, echo, 'Dòng JSON thiếu trường "question" (một chuỗi).'
            return data["question"].encode("utf-8", "replace").decode("utf-8"), echo, None
    return line, {}, None


if __name__ == "__main__":
    sys.exit(main())
