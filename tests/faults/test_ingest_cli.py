"""Item 1 (ingest side): no traceback from `python -m ingest`; an unexpected error is one
Vietnamese line plus a log entry."""

from __future__ import annotations

from tests.faults.conftest import run


def test_unexpected_error_is_one_line_and_logged(tmp_path, folder):
    index_dir = tmp_path / "index"
    out = run("ingest", str(folder), "--index", str(index_dir), "--quiet", env={"HOIDAP_DENSE_INDEX": "bogus"})
    assert out.returncode != 0 and "Traceback" not in out.stderr + out.stdout
    assert out.stderr.startswith("Lỗi") and out.stderr.count("\n") == 1, out.stderr


def test_error_inside_the_build_goes_to_the_log(tmp_path, folder):
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    (index_dir / "builds").write_text("not a folder")  # the build cannot create its folder
    out = run("ingest", str(folder), "--index", str(index_dir), "--quiet")
    assert out.returncode != 0 and "Traceback" not in out.stderr + out.stdout
    assert out.stderr.startswith("Lỗi") and out.stderr.count("\n") == 1, out.stderr
    assert "Traceback" in (index_dir / "ingest.log").read_text(encoding="utf-8")
