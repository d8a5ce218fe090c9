"""Item 4: ingesting into an existing index adds and keeps; --replace mirrors; a waiting ingest says so."""

from __future__ import annotations

import subprocess
import sys
import time

from filelock import FileLock

from tests.faults.conftest import ROOT, plan, run


def _docs(index_dir) -> set[str]:
    from index.store import read_manifest

    return set(read_manifest(index_dir)["documents"])


def test_second_folder_is_added_and_first_kept_unless_replace(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a.txt").write_text(plan(3, 2), encoding="utf-8")
    (second / "b.txt").write_text(plan(4, 2), encoding="utf-8")
    index_dir = tmp_path / "index"
    assert run("ingest", str(first), "--index", str(index_dir), "--quiet").returncode == 0

    added = run("ingest", str(second), "--index", str(index_dir), "--quiet")
    assert added.returncode == 0, added.stderr
    assert _docs(index_dir) == {"a.txt", "b.txt"}
    assert "mới 1" in added.stdout and "giữ lại 1" in added.stdout and "bỏ 0" in added.stdout

    replaced = run("ingest", str(second), "--index", str(index_dir), "--replace", "--quiet")
    assert replaced.returncode == 0, replaced.stderr
    assert _docs(index_dir) == {"b.txt"}
    assert "bỏ 1" in replaced.stdout and "Bỏ: a.txt" in replaced.stdout


def test_file_deleted_from_the_given_folder_is_removed(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "a.txt").write_text(plan(5, 2), encoding="utf-8")
    (src / "b.txt").write_text(plan(6, 2), encoding="utf-8")
    index_dir = tmp_path / "index"
    assert run("ingest", str(src), "--index", str(index_dir), "--quiet").returncode == 0
    (src / "b.txt").unlink()
    out = run("ingest", str(src), "--index", str(index_dir), "--quiet")
    assert out.returncode == 0 and _docs(index_dir) == {"a.txt"} and "Bỏ: b.txt" in out.stdout


def test_waiting_ingest_says_it_is_waiting(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "a.txt").write_text(plan(7, 2), encoding="utf-8")
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    lock = FileLock(index_dir / ".lock")
    lock.acquire()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ingest", str(src), "--index", str(index_dir), "--quiet"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stderr.readline()  # blocks until the waiting message (or exit)
        assert "chờ" in line, line
        time.sleep(0.2)
        assert proc.poll() is None  # still waiting for the lock
    finally:
        lock.release()
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert _docs(index_dir) == {"a.txt"}


def test_same_file_name_from_another_folder_does_not_replace(tmp_path, embedder):
    from ingest.build import update_index

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a.txt").write_text(plan(12, 1), encoding="utf-8")
    (second / "a.txt").write_text(plan(13, 1), encoding="utf-8")
    index_dir = tmp_path / "index"
    update_index([first], index_dir, embedder)
    report = update_index([second], index_dir, embedder)
    assert report.kept == ["a.txt"] and report.added == ["second/a.txt"] and not report.changed
