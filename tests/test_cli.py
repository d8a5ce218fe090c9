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
    questions = "Ai chịu trách nhiệm phát triển đoàn viên trong các tổ chức kinh tế tập thể?\n???\n"
    out = run("index", "--jsonl", "--top-k", "3", "--index", str(corpus_index), stdin=questions)
    assert out.returncode == 0, out.stderr
    first, second = (json.loads(line) for line in out.stdout.strip().split("\n"))
    assert set(first) >= {"question", "answer_found", "results"} and first["answer_found"] is True
    top = first["results"][0]
    assert set(top) >= {"doc", "citation", "section", "text", "score"}
    assert "48-KH/ĐĐTLD" in top["citation"] and top["section"] == "III. TỔ CHỨC THỰC HIỆN › 4."
    assert top["text"].startswith("4. Ban Tổ chức")
    assert second["results"] == [] and "error" in second


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
