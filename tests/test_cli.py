"""The command lines other tools depend on: exit codes, one-line errors, the JSONL shape."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=300
    )


def test_jsonl_answers_one_object_per_line(corpus_index):
    questions = "Ai chịu trách nhiệm phát triển đoàn viên trong các tổ chức kinh tế tập thể?\n???\nThoả  thuận hoà giải?\n"
    out = run("index", "--jsonl", "--top-k", "3", "--index", str(corpus_index), stdin=questions)
    assert out.returncode == 0, out.stderr
    first, second, third = (json.loads(line) for line in out.stdout.strip().split("\n"))
    # Each answer echoes its line exactly (old-style tone marks, double space), so callers can join by text.
    assert third["question"] == "Thoả  thuận hoà giải?"
    assert set(first) >= {"question", "answer_found", "results"} and first["answer_found"] is True
    top = first["results"][0]
    assert set(top) >= {"doc", "citation", "section", "text", "score"}
    assert "48-KH/ĐĐTLD" in top["citation"] and top["section"] == "III. TỔ CHỨC THỰC HIỆN › 4."
    assert top["text"].startswith("4. Ban Tổ chức")
    assert second["results"] == [] and "error" in second


def test_jsonl_reads_a_json_object_line_as_its_question(corpus_index):
    from index.__main__ import _read_line

    line = json.dumps({"id": "q7", "question": "Ai ký kế hoạch 48?"}, ensure_ascii=False) + "\n"
    odd = '{"id": "q8", "question": "a \\ud800 b"}\n{"id": "q9", "q": "x"}\n'
    out = run("index", "--jsonl", "--top-k", "3", "--index", str(corpus_index), stdin=line + odd)
    answer, surrogate, no_question = (json.loads(x) for x in out.stdout.strip().split("\n"))
    assert out.returncode == 0 and surrogate["id"] == "q8" and no_question["id"] == "q9" and "error" in no_question
    assert answer["id"] == "q7" and answer["question"] == "Ai ký kế hoạch 48?"
    assert answer["answer_found"] is True and answer["results"][0]["section"] == "Chữ ký"
    # Anything else is the question as typed, braces and all; an object without a string
    # "question" is refused with a reason, and what UTF-8 cannot carry is replaced.
    assert _read_line("{Tết} nghỉ mấy ngày") == ("{Tết} nghỉ mấy ngày", {}, None)
    assert _read_line('{"id": 3, "question": 5}')[1:] == ({"id": 3}, 'Dòng JSON thiếu trường "question" (một chuỗi).')
    assert "\ud800" not in _read_line('{"question": "a \\ud800 b"}')[0]


def test_errors_are_one_line_without_traceback(tmp_path, corpus_index):
    missing = run("index", "câu hỏi", "--index", str(tmp_path / "none"))
    empty = run("index", "", "--index", str(corpus_index))
    for out in (missing, empty):
        assert out.returncode != 0 and "Traceback" not in out.stderr
        assert out.stderr.startswith("Lỗi:") and out.stderr.count("\n") == 1


def test_ingest_with_nothing_indexable_exits_non_zero(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = run("ingest", str(bad), "--index", str(tmp_path / "idx"), "--quiet")
    assert out.returncode == 1 and "bad.txt: tệp rỗng" in out.stdout.replace("Bỏ qua " + str(bad), "bad.txt")


# --- issue 9 item 1: every input line gets an answer or a one-line error -----------------------


def test_jsonl_survives_invalid_utf8_symbols_emoji_and_blank_lines(corpus_index):
    stream = (
        "Ai ký kế hoạch 48?\n".encode()
        + b"c\xc3\xa2u h\xe1\xbb\x8fi \xff\xfe\n"  # "câu hỏi" followed by two bytes that are not UTF-8
        + b"\n???\n"
        + "😀😀\n\n".encode()
        + "Chỉ tiêu phát triển đoàn viên năm 2025 là bao nhiêu?\n".encode()
    )
    out = subprocess.run(
        [sys.executable, "-m", "index", "--jsonl", "--top-k", "2", "--index", str(corpus_index)],
        cwd=ROOT, input=stream, capture_output=True, timeout=300,
    )  # fmt: skip
    stderr = out.stderr.decode("utf-8", "replace")
    assert out.returncode == 0, stderr
    assert "Traceback" not in stderr
    lines = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
    assert len(lines) == 5  # 7 input lines, 2 blank
    assert [line["question"] for line in lines] == [
        "Ai ký kế hoạch 48?",
        "câu hỏi \ufffd\ufffd",
        "???",
        "😀😀",
        "Chỉ tiêu phát triển đoàn viên năm 2025 là bao nhiêu?",
    ]
    assert lines[0]["results"] and lines[1]["results"] and lines[4]["results"]
    assert "error" not in lines[1]
    for bad in lines[2:4]:
        assert bad["results"] == [] and bad["error"] and "\n" not in bad["error"]
    assert "2 dòng trống" in stderr


def test_one_shot_question_with_invalid_bytes_answers(corpus_index):
    out = subprocess.run(
        [sys.executable, "-m", "index", b"Ai k\xc3\xbd k\xe1\xba\xbf ho\xe1\xba\xa1ch 48 \xff", "--index", str(corpus_index)],
        cwd=ROOT, capture_output=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in out.stderr
    assert "48-KH/ĐĐTLD" in out.stdout.decode("utf-8")


class _Boom:
    """A searcher that fails unexpectedly on one question."""

    def search(self, question, top_k=5, filters=None):
        if "hỏng" in question:
            raise RuntimeError("simulated bug")
        from index.search import SearchResult

        return SearchResult(question, False, [])


def test_unexpected_error_is_one_line_and_a_log_entry(tmp_path, monkeypatch, capsys):
    import io

    import index.__main__ as cli
    import index.engine

    log = tmp_path / "logs" / "hoidap.log"
    monkeypatch.setenv("HOIDAP_LOG", str(log))
    monkeypatch.setattr(index.engine, "open_searcher", lambda settings: _Boom())
    stdin = io.TextIOWrapper(io.BytesIO("một\ncâu hỏng\nhai\n".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert cli.main(["--jsonl", "--index", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    lines = [json.loads(x) for x in captured.out.splitlines()]
    assert [x["question"] for x in lines] == ["một", "câu hỏng", "hai"]
    assert "error" in lines[1] and "nhật ký" in lines[1]["error"] and "error" not in lines[2]
    assert "simulated bug" in log.read_text() and "Traceback" in log.read_text()

    # A failure before any question is read: one line on stderr, non-zero exit, logged.
    def explode(settings):
        raise ValueError("manifest exploded")

    monkeypatch.setattr(index.engine, "open_searcher", explode)
    assert cli.main(["câu hỏi", "--index", str(tmp_path)]) != 0
    err = capsys.readouterr().err
    assert err.startswith("Lỗi:") and err.count("\n") == 1 and "Traceback" not in err
    assert "manifest exploded" in log.read_text()


# --- QA session 13: ingest's first run, its index folder, and a closed pipe ---------------------


def test_interrupted_first_build_says_no_index_was_written(tmp_path, monkeypatch, capsys):
    import ingest.__main__ as cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_run", interrupted)
    source = tmp_path / "a.txt"
    source.write_text("Điều 1. Nội dung.", encoding="utf-8")
    assert cli.main([str(source), "--index", str(tmp_path / "new"), "--quiet"]) == 130
    err = capsys.readouterr().err
    assert "chưa ghi chỉ mục nào" in err and "trước đó" not in err and "vectơ đã tính được giữ lại" in err


def test_no_path_fills_only_the_default_index_with_the_bundled_corpus(tmp_path, monkeypatch, capsys):
    import ingest.__main__ as cli
    import ingest.build

    monkeypatch.delenv("HOIDAP_INDEX", raising=False)
    built = []
    monkeypatch.setattr(ingest.build, "update_index", lambda *args, **kwargs: built.append(args))
    # An index given with --index that holds no documents yet (here: what an interrupted first
    # build leaves, its embedding cache) is an error asking for the files; nothing is written.
    index_dir = tmp_path / "r2"
    (index_dir / "cache").mkdir(parents=True)
    new_dir = tmp_path / "new"
    for directory in (index_dir, new_dir):
        assert cli.main(["--index", str(directory), "--quiet"]) == 2
        err = capsys.readouterr().err
        assert "chưa có văn bản nào" in err and "python -m ingest TỆP/THƯ MỤC --index" in err
    assert built == [] and not new_dir.exists() and not (index_dir / "CURRENT").exists()
    # The default index, new, still gets corpus/ (the quick start of the README).
    monkeypatch.setattr(cli, "DEFAULT_INDEX", new_dir)
    assert cli._default_paths(new_dir) == [str(cli.DEFAULT_CORPUS)]


def test_index_that_is_a_file_is_one_line_without_traceback(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Điều 1. Nội dung.", encoding="utf-8")
    a_file = tmp_path / "la_file"
    a_file.touch()
    for index_dir in (a_file, a_file / "sub"):
        out = run("ingest", str(doc), "--index", str(index_dir), "--quiet")
        assert out.returncode != 0 and "Traceback" not in out.stderr + out.stdout
        assert out.stderr.startswith("Lỗi: --index phải là một thư mục") and out.stderr.count("\n") == 1, out.stderr
        assert str(a_file) in out.stderr
    assert a_file.is_file() and a_file.stat().st_size == 0


def test_structure_report_into_a_closed_pipe_ends_quietly():
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written, as after `| head -1`
    try:
        out = subprocess.run(
            [sys.executable, "-m", "ingest.structure_report", str(ROOT / "tests" / "data" / "mini-ke-hoach.txt")],
            cwd=ROOT, stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert out.stderr == "" and out.returncode == 0


def test_a_too_long_question_message_has_no_stray_period():
    import pytest

    from index.query import QueryError, validate_question

    with pytest.raises(QueryError) as error:
        validate_question("công đoàn " * 500)
    assert ". hoặc" not in str(error.value) and "một ý hoặc tách" in str(error.value)


def test_jsonl_reads_questions_saved_in_utf16(corpus_index):
    # Windows PowerShell's `>` writes UTF-16 with a byte order mark.
    questions = "Ai ký kế hoạch 48?\nMục đích của kế hoạch 48?\n".encode("utf-16")
    out = subprocess.run(
        [sys.executable, "-m", "index", "--jsonl", "--top-k", "1", "--index", str(corpus_index)],
        cwd=ROOT, input=questions, capture_output=True, timeout=300,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr.decode()
    answers = [json.loads(line) for line in out.stdout.decode("utf-8").strip().split("\n")]
    assert [a["question"] for a in answers] == ["Ai ký kế hoạch 48?", "Mục đích của kế hoạch 48?"]
    assert all(a["results"] for a in answers)


def test_answers_into_a_closed_pipe_end_quietly(corpus_index):
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)  # `python -m index … | head -1` once head has gone
    try:
        out = subprocess.run(
            [sys.executable, "-m", "index", "--jsonl", "--index", str(corpus_index)],
            cwd=ROOT, input="Ai ký kế hoạch 48?\n", stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert out.stderr == "" and out.returncode == 0


def test_a_one_shot_question_prints_its_notes(corpus_index):
    out = run("index", "Điều 3 Kế hoạch 48", "--index", str(corpus_index))
    assert out.returncode == 0, out.stderr
    assert "Lưu ý: Không tìm thấy Điều 3" in out.stdout
