"""Item 2: a damaged index is reported in one line on query, and `python -m ingest` repairs it."""

from __future__ import annotations

import pytest

from tests.faults.conftest import run


def _live_build(index_dir):
    return index_dir / "builds" / (index_dir / "CURRENT").read_text().strip()


@pytest.fixture()
def built(tmp_path, folder):
    index_dir = tmp_path / "index"
    out = run("ingest", str(folder), "--index", str(index_dir), "--quiet")
    assert out.returncode == 0, out.stderr
    return folder, index_dir


def _damage(build, how):
    if how == "bad-json":
        (build / "manifest.json").write_text("{not json")
    elif how == "no-manifest":
        (build / "manifest.json").unlink()
    elif how == "truncated-vectors":
        data = (build / "vectors.npy").read_bytes()
        (build / "vectors.npy").write_bytes(data[: len(data) // 2])
    elif how == "flipped-chunks":
        text = (build / "chunks.jsonl").read_text(encoding="utf-8")
        (build / "chunks.jsonl").write_text(text.replace("Ban Tổ chức", "Ban Tổ chúc"), encoding="utf-8")


@pytest.mark.parametrize("how", ["bad-json", "no-manifest", "truncated-vectors", "flipped-chunks"])
def test_damaged_index_is_one_line_on_query_and_ingest_repairs_it(built, how):
    folder, index_dir = built
    _damage(_live_build(index_dir), how)

    query = run("index", "Ai chủ trì kết nạp đoàn viên?", "--index", str(index_dir))
    assert query.returncode != 0 and "Traceback" not in query.stderr
    assert query.stderr.count("\n") == 1 and "python -m ingest" in query.stderr, query.stderr
    assert "hỏng" in query.stderr

    repair = run("ingest", str(folder), "--index", str(index_dir), "--quiet")
    assert repair.returncode == 0 and "Traceback" not in repair.stderr, repair.stderr
    assert "Lỗi ghi chỉ mục" not in repair.stderr

    again = run("index", "Ai chủ trì kết nạp đoàn viên?", "--index", str(index_dir))
    assert again.returncode == 0, again.stderr
    assert "Ban Tổ chức" in again.stdout


def test_repair_keeps_documents_from_other_folders(tmp_path, folder):
    from tests.faults.conftest import plan

    other = tmp_path / "other"
    other.mkdir()
    (other / "b.txt").write_text(plan(14, 1), encoding="utf-8")
    index_dir = tmp_path / "index"
    assert run("ingest", str(folder), "--index", str(index_dir), "--quiet").returncode == 0
    assert run("ingest", str(other), "--index", str(index_dir), "--quiet").returncode == 0
    (_live_build(index_dir) / "vectors.npy").write_bytes(b"broken")
    repair = run("ingest", str(folder), "--index", str(index_dir), "--quiet")
    assert repair.returncode == 0, repair.stderr
    from index.store import load_index

    assert set(load_index(index_dir).documents) == {"mini.txt", "b.txt"}
