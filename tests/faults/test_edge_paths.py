"""Paths a real user's folders contain: a symlink loop, a '#' in the index folder, three files of one name."""

from pathlib import Path

from index.query import DiacriticRestorer
from ingest.build import _doc_id_for
from ingest.pipeline import collect_files


def test_symlink_loop_is_skipped_not_fatal(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Điều 1. Phạm vi\nNội dung.", encoding="utf-8")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    files, skipped = collect_files([folder])
    assert [f.name for f in files] == ["a.txt"]
    assert [Path(s.source).name for s in skipped] == ["loop.txt"]


def test_restorer_table_in_a_folder_named_with_hash_and_percent(tmp_path):
    folder = tmp_path / "chỉ mục #1 100%20"
    folder.mkdir()
    DiacriticRestorer.from_texts(["phát triển đoàn viên công đoàn"]).save(folder / "restorer.sqlite")
    restorer = DiacriticRestorer.load(folder / "restorer.sqlite")
    assert "đoàn viên" in restorer.restore("phat trien doan vien")


def test_three_files_of_one_name_get_three_ids():
    taken: set[str] = set()
    ids = []
    for path in (Path("/x/a/docs/luat.docx"), Path("/x/b/docs/luat.docx"), Path("/x/c/docs/luat.docx")):
        ids.append(_doc_id_for(path, taken))
        taken.add(ids[-1])
    assert len(set(ids)) == 3 and ids[0] == "luat.docx"
