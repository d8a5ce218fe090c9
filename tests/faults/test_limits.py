"""Item 5: symlinks are not followed out of the folder; an over-long document is refused with
what to do, in the CLI and through the app's upload path."""

from __future__ import annotations

from index.config import Settings
from ingest.library import ingest_uploads
from ingest.pipeline import collect_files
from tests.faults.conftest import plan, run


def test_symlink_out_of_the_folder_is_skipped(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "real.txt").write_text(plan(8, 1), encoding="utf-8")
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("mật khẩu bí mật", encoding="utf-8")
    (src / "passwd.txt").symlink_to(secret)
    (src / "linked-dir").symlink_to(secret.parent, target_is_directory=True)
    files, skipped = collect_files([src])
    assert [f.name for f in files] == ["real.txt"]
    reasons = {s.source.rsplit("/", 1)[-1]: s.reason for s in skipped}
    assert set(reasons) == {"passwd.txt", "linked-dir"}
    assert all("liên kết" in r for r in reasons.values())


def test_too_long_document_is_refused_with_advice_in_cli(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "long.txt").write_text(plan(9, 12), encoding="utf-8")
    (src / "short.txt").write_text(plan(10, 1), encoding="utf-8")
    out = run("ingest", str(src), "--index", str(tmp_path / "index"), "--quiet", env={"HOIDAP_MAX_DOC_CHUNKS": "5"})
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stdout.splitlines() if "long.txt" in x and x.startswith("Bỏ qua"))
    assert "quá dài" in line and "tách" in line and "HOIDAP_MAX_DOC_CHUNKS" in line


def test_too_long_upload_is_refused_with_the_same_message(tmp_path, embedder):
    settings = Settings(index_dir=tmp_path / "index", max_doc_chunks=5)
    report, errors = ingest_uploads(
        [("dai.txt", plan(11, 12).encode())], settings.index_dir, tmp_path / "uploads", embedder, settings=settings
    )
    assert report is not None and report.documents == 0
    assert len(errors) == 1 and errors[0].startswith("dai.txt:") and "quá dài" in errors[0] and "tách" in errors[0]
