"""Which files an ingest reads and what it does with the documents of paths it cannot find
(QA session 13): each test failed before its fix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ingest.pipeline import collect_files
from tests.faults.conftest import plan

ROOT = Path(__file__).resolve().parents[2]


def _folder(tmp_path: Path, name: str, *numbers: int) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for n in numbers:
        (folder / f"k{n}.txt").write_text(plan(n, 1), encoding="utf-8")
    return folder


def test_a_file_named_and_inside_a_named_folder_is_one_file(tmp_path):
    docs = _folder(tmp_path, "docs", 1, 2)
    (tmp_path / "link").symlink_to(docs)
    files, skipped = collect_files([docs, docs / "k1.txt", tmp_path / "link", docs])
    assert files == [docs / "k1.txt", docs / "k2.txt"] and skipped == []


def test_word_lock_files_are_not_documents(tmp_path):
    docs = _folder(tmp_path, "docs", 1)
    lock = docs / "~$y_che.docx"  # what Word writes beside quy_che.docx while it is open
    lock.write_bytes(b"\x05admin" + b"\x00" * 40)
    files, skipped = collect_files([docs])
    assert files == [docs / "k1.txt"] and skipped == []
    files, skipped = collect_files([lock])
    assert files == [] and len(skipped) == 1 and "khóa tạm của Word" in skipped[0].reason


def test_a_doc_in_a_folder_is_told_to_be_saved_as_docx(tmp_path):
    docs = _folder(tmp_path, "docs", 1)
    (docs / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    (docs / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    _files, skipped = collect_files([docs])
    reasons = {Path(s.source).name: s.reason for s in skipped}
    assert "lưu lại thành .docx" in reasons["cu.doc"] and reasons["anh.png"] == "định dạng không hỗ trợ"


def test_a_doc_renamed_to_docx_is_told_to_be_saved_as_docx():
    from ingest.loaders import LoadError, load_bytes

    try:
        load_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "quy_che.docx")
    except LoadError as exc:
        assert ".doc" in exc.reason and "lưu lại thành .docx" in exc.detail
    else:
        raise AssertionError("an OLE file read as .docx")


def test_a_password_protected_docx_is_called_so():
    import pytest

    from ingest.loaders import LoadError, load_bytes

    encrypted = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64) + "EncryptedPackage".encode("utf-16-le") + bytes(64)
    with pytest.raises(LoadError) as caught:
        load_bytes(encrypted, "thoa_uoc.docx")
    assert "mật khẩu" in caught.value.reason and ".doc)" not in caught.value.reason


def test_pypdf_english_warnings_do_not_reach_the_terminal():
    code = (
        "from ingest.loaders import LoadError, load_bytes\n"
        "try:\n    load_bytes(b'\\x89PNG\\r\\n\\x1a\\n' + bytes(300), 'scan.pdf')\n"
        "except LoadError as exc:\n    print(exc.reason)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "tệp PDF bị hỏng hoặc không đọc được"
    assert out.stderr == ""


def test_the_length_limit_message_has_no_stray_period():
    from ingest.build import limit_error

    reason = limit_error(Path("dai.txt"), 12345, 0, 3000).reason
    assert "12.345 đoạn" in reason and "tối đa 3.000" in reason
    assert ". hoặc" not in reason and "(ví dụ theo chương), hoặc" in reason and reason.endswith(".")


def test_a_missing_path_removes_nothing(tmp_path, embedder):
    from ingest.build import update_index

    share, other = _folder(tmp_path, "share", 21, 22), _folder(tmp_path, "other", 23)
    index_dir = tmp_path / "index"
    update_index([share, other], index_dir, embedder)
    moved = tmp_path / "moved"
    share.rename(moved)  # an unmounted share, a moved folder

    report = update_index([share], index_dir, embedder)
    assert report.removed == [] and report.documents == 3 and not report.written
    (skip,) = report.skipped
    assert (
        skip.source == str(share)
        and "không tìm thấy" in skip.reason
        and "giữ nguyên 2 văn bản" in skip.reason
    )
    named = update_index([share / "k21.txt"], index_dir, embedder)
    assert named.removed == [] and "giữ nguyên 1 văn bản" in named.skipped[0].reason

    # --replace still drops what is not named, but not what a missing path held.
    replaced = update_index([share], index_dir, embedder, replace=True)
    assert replaced.removed == ["k23.txt"] and sorted(replaced.kept) == ["k21.txt", "k22.txt"]


def test_a_run_that_would_empty_the_index_writes_nothing_and_says_so(tmp_path, embedder):
    from ingest.build import update_index

    docs, empty = _folder(tmp_path, "docs", 24), _folder(tmp_path, "empty")
    index_dir = tmp_path / "index"
    update_index([docs], index_dir, embedder)
    report = update_index([empty], index_dir, embedder, replace=True)
    # Never "Bỏ: k24.txt" together with "không có thay đổi": nothing was written, nothing removed.
    assert not report.written and report.removed == [] and report.documents == 1
    assert report.not_removed == ["k24.txt"]


def test_the_same_file_twice_is_one_document(tmp_path, embedder):
    from ingest.build import update_index

    docs = _folder(tmp_path, "docs", 25, 26)
    report = update_index([docs, docs / "k25.txt"], tmp_path / "index", embedder)
    assert sorted(report.added) == ["k25.txt", "k26.txt"] and report.documents == 2


def test_an_index_inside_the_indexed_folder_is_not_read(tmp_path, embedder):
    from ingest.build import update_index

    inside, itself = _folder(tmp_path, "inside", 27), _folder(tmp_path, "itself", 28)
    for docs, index_dir in ((inside, inside / "chimuc"), (itself, itself)):
        update_index([docs], index_dir, embedder)
        again = update_index([docs], index_dir, embedder)
        assert again.skipped == [] and again.documents == 1 and again.unchanged == 1


def test_removing_the_last_document_keeps_it_and_its_upload(tmp_path, embedder):
    from index.store import load_index
    from ingest.library import ingest_uploads, remove_document

    index_dir, uploads = tmp_path / "index", tmp_path / "uploads"
    report, errors = ingest_uploads([("k29.txt", plan(29, 1).encode())], index_dir, uploads, embedder)
    assert report is not None and not errors
    (doc_id,) = report.added
    removal = remove_document(doc_id, load_index(index_dir), index_dir, uploads, embedder)
    # Nothing would be left, so nothing was removed: the index still answers from the upload.
    assert removal.not_removed == [doc_id] and removal.removed == []
    assert doc_id in load_index(index_dir).documents and len(list(uploads.iterdir())) == 1


def test_a_copy_of_a_held_document_is_not_indexed_twice(tmp_path, embedder):
    from ingest.build import SAME_CONTENT, update_index

    docs, copies = _folder(tmp_path, "docs", 30), tmp_path / "copies"
    copies.mkdir()
    (copies / "ban_sao.txt").write_bytes((docs / "k30.txt").read_bytes())
    (copies / "k31.txt").write_text(plan(31, 1), encoding="utf-8")
    index_dir = tmp_path / "index"
    update_index([docs], index_dir, embedder)

    report = update_index([copies], index_dir, embedder)
    assert report.added == ["k31.txt"] and report.documents == 2
    (skip,) = report.skipped
    assert skip.source == str(copies / "ban_sao.txt") and SAME_CONTENT in skip.reason and "k30.txt" in skip.reason
    # A copy made inside the indexed folder whose name sorts before its original's (review).
    (docs / "Ban sao k30.txt").write_bytes((docs / "k30.txt").read_bytes())
    again = update_index([docs], index_dir, embedder)
    assert again.added == [] and again.unchanged == 1 and [Path(s.source).name for s in again.skipped] == ["Ban sao k30.txt"]
    # Two copies named in one run: the second is the one skipped.
    both = update_index([docs / "k30.txt", copies / "ban_sao.txt"], tmp_path / "other", embedder)
    assert both.added == ["k30.txt"] and [s.source for s in both.skipped] == [str(copies / "ban_sao.txt")]


def test_a_moved_folder_keeps_its_documents_names_and_points_at_the_new_place(tmp_path, embedder):
    from index.store import load_index
    from ingest.build import update_index

    docs = _folder(tmp_path, "docs", 32, 33)
    index_dir = tmp_path / "index"
    update_index([docs], index_dir, embedder)
    moved = tmp_path / "archive" / "docs_2025"
    moved.parent.mkdir()
    docs.rename(moved)

    report = update_index([moved], index_dir, embedder)
    assert sorted(report.moved) == ["k32.txt", "k33.txt"] and report.added == [] and report.kept == []
    assert report.written and report.documents == 2 and report.embedded == 0
    held = load_index(index_dir).documents
    assert sorted(held) == ["k32.txt", "k33.txt"] and all(Path(d.source).parent == moved for d in held.values())
    again = update_index([moved], index_dir, embedder)
    assert again.unchanged == 2 and not again.written
    # A subfolder renamed inside the indexed folder is moved too, not "unchanged" while pointing at
    # a file that is gone (review of session 33).
    (moved / "sub").mkdir()
    (moved / "k33.txt").rename(moved / "sub" / "k33.txt")
    update_index([moved], index_dir, embedder)
    (moved / "sub").rename(moved / "sub_2025")
    inner = update_index([moved], index_dir, embedder)
    assert inner.moved == ["k33.txt"] and inner.unchanged == 1 and inner.written and inner.embedded == 0
    assert Path(load_index(index_dir).documents["k33.txt"].source) == moved / "sub_2025" / "k33.txt"
