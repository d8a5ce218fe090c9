"""Ingest on the milvus backend updates the live collection in place: index A + B, then add C and
change B → only B's new version and C are written, A's rows are not touched, B's old version is
deleted, and searches answer as a full build of A + B' + C does. `rebuild=True` writes anew."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

pytest.importorskip("pymilvus", reason="the milvus backend needs pymilvus + milvus-lite (requirements-milvus.txt)")

from index.backends.milvus import _client, default_uri
from index.search import Searcher
from index.store import load_index, read_manifest
from ingest.build import update_index

from ..conftest import DATA

B_OLD = (DATA / "hoi-thao.txt").read_text(encoding="utf-8")
B_NEW = B_OLD.replace("hội thao", "hội diễn văn nghệ").replace(
    "2. Văn phòng", "2. Ban Nữ công: Vận động nữ đoàn viên tham gia biểu diễn.\n\n3. Văn phòng"
)
# Not dev-set questions: about the three test documents.
QUESTIONS = [
    "Ai chủ trì tổ chức hội diễn văn nghệ?",
    "Ai chủ trì hướng dẫn công tác kết nạp đoàn viên mới?",
    "Ai tham mưu kiểm tra việc sử dụng kinh phí chăm lo?",
    "Ban Nữ công vận động ai tham gia biểu diễn?",
    "kinh phí hậu cần",
]


class _Writes:
    """Which documents' rows the Milvus client wrote, and how many keys it deleted."""

    def __init__(self, client, monkeypatch) -> None:
        self.docs: list[str] = []
        self.deleted = 0
        for method in ("insert", "upsert"):
            original = getattr(client, method)

            def spy(collection, data, *args, _original=original, **kwargs):
                self.docs.extend(r["doc"] for r in data)
                return _original(collection, data, *args, **kwargs)

            monkeypatch.setattr(client, method, spy)
        original_delete = client.delete

        def delete(collection, *args, ids=None, **kwargs):
            self.deleted += len(ids or [])
            return original_delete(collection, *args, ids=ids, **kwargs)

        monkeypatch.setattr(client, "delete", delete)


@pytest.fixture(scope="module")
def indexes(tmp_path_factory, embedder):
    """(in-place index after the update, full build of the same documents, the update's writes)."""
    root = tmp_path_factory.mktemp("milvus-in-place")
    docs = root / "docs"
    docs.mkdir()
    shutil.copy(DATA / "mini-ke-hoach.txt", docs / "mini-ke-hoach.txt")
    (docs / "hoi-thao.txt").write_text(B_OLD, encoding="utf-8")
    update_index([docs], root / "inplace", embedder, backend="milvus")
    first = read_manifest(root / "inplace")

    shutil.copy(DATA / "ke-hoach-thang-cong-nhan.txt", docs / "ke-hoach-thang-cong-nhan.txt")
    (docs / "hoi-thao.txt").write_text(B_NEW, encoding="utf-8")
    monkeypatch = pytest.MonkeyPatch()
    writes = _Writes(_client(default_uri(root / "inplace")), monkeypatch)
    try:
        report = update_index([docs], root / "inplace", embedder, backend="milvus")
    finally:
        monkeypatch.undo()
    assert report.added == ["ke-hoach-thang-cong-nhan.txt"] and report.changed == ["hoi-thao.txt"]

    shutil.copytree(root / "inplace" / "cache", root / "full" / "cache")  # same vectors, not the Lite file
    update_index([docs], root / "full", embedder, backend="milvus")
    return root, first, writes


def test_only_new_and_changed_documents_are_written(indexes):
    root, first, writes = indexes
    manifest = read_manifest(root / "inplace")
    chunks = {doc: entry["chunks"] for doc, entry in manifest["documents"].items()}
    backend = manifest["backend"]
    assert backend["in_place"] is True and backend["collection"] == first["backend"]["collection"]
    assert sorted(set(writes.docs)) == ["hoi-thao.txt", "ke-hoach-thang-cong-nhan.txt"]
    assert len(writes.docs) == backend["rows_written"] == chunks["hoi-thao.txt"] + chunks["ke-hoach-thang-cong-nhan.txt"]
    assert writes.deleted == backend["rows_deleted"] == first["documents"]["hoi-thao.txt"]["chunks"]
    full = read_manifest(root / "full")["backend"]
    assert full["in_place"] is False and full["rows_written"] == sum(chunks.values())


def test_untouched_document_keeps_its_rows(indexes, embedder):
    """A's chunks keep their keys although C, sorted before A, shifted A's row numbers."""
    root, _first, _writes = indexes
    store = load_index(root / "inplace", embedder.name, "milvus")
    rows = [r for r, c in enumerate(store.chunks) if c.doc_id == "mini-ke-hoach.txt"]
    assert rows[0] > 0  # shifted by the documents sorted before it
    versions = store.backend.versions("mini-ke-hoach.txt")
    assert sorted(versions) == rows
    assert set(versions.values()) == {store.manifest["documents"]["mini-ke-hoach.txt"]["content_hash"]}
    assert store.backend.size == len(store.chunks)
    stored = store.backend._stored(store.backend._client, store.backend.collection, "")
    assert len(stored) == len(store.chunks)  # B's old version is gone


def test_in_place_answers_like_a_full_build(indexes, embedder):
    root, _first, _writes = indexes
    inplace = Searcher(load_index(root / "inplace", embedder.name, "milvus"), embedder)
    full = Searcher(load_index(root / "full", embedder.name, "milvus"), embedder)
    assert [c.chunk_id for c in inplace.store.chunks] == [c.chunk_id for c in full.store.chunks]
    worst = 0.0
    for question in QUESTIONS:
        got, want = inplace.search(question, top_k=5), full.search(question, top_k=5)
        assert [h.chunk.chunk_id for h in got.hits] == [h.chunk.chunk_id for h in want.hits], question
        assert got.answer_found == want.answer_found
        for a, b in zip(got.hits, want.hits, strict=True):
            if a.dense is not None and b.dense is not None:
                assert a.dense == pytest.approx(b.dense, abs=1e-4)
        tokens = inplace.store.tokenizer.tokens(question)
        ours, theirs = inplace.store.backend.lexical_scores(tokens), full.store.backend.lexical_scores(tokens)
        assert np.array_equal(ours > 0, theirs > 0)
        worst = max(worst, float(np.max(np.abs(ours - theirs) / np.maximum(theirs, 1e-9))))
    # idf is exact (query side); only the length normalisation keeps the first build's mean chunk
    # length, which bounds every lexical score's relative error (the manifest records the bound).
    drift = inplace.store.manifest["backend"]["lexical_drift"]
    assert 0 < worst <= drift + 1e-5, (worst, drift)


def test_rebuild_writes_a_new_collection(indexes, embedder):
    root, _first, _writes = indexes
    before = read_manifest(root / "inplace")["backend"]["collection"]
    report = update_index([root / "docs"], root / "inplace", embedder, backend="milvus", rebuild=True)
    assert report.written
    backend = read_manifest(root / "inplace")["backend"]
    assert backend["in_place"] is False and backend["collection"] != before


def test_interrupted_update_leaves_the_live_index_whole(tmp_path, embedder, monkeypatch):
    from index.backends.milvus import MilvusBackend

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(DATA / "mini-ke-hoach.txt", docs / "mini-ke-hoach.txt")
    (docs / "hoi-thao.txt").write_text(B_OLD, encoding="utf-8")
    index_dir = tmp_path / "index"
    update_index([docs], index_dir, embedder, backend="milvus")

    def stored_rows() -> int:
        store = load_index(index_dir)
        return len(MilvusBackend._stored(store.backend._client, store.backend.collection, ""))

    def hoi_thao_answers() -> bool:
        hits = Searcher(load_index(index_dir), embedder).search("Ai chủ trì tổ chức hội thao?", top_k=3).hits
        return any(h.document.doc_id == "hoi-thao.txt" for h in hits)

    live_rows = read_manifest(index_dir)["counts"]["chunks"]
    assert stored_rows() == live_rows and hoi_thao_answers()

    # The update stops after the backend has written the new version's rows, before the build
    # goes live (here: while the restorer table is built).
    (docs / "hoi-thao.txt").write_text(B_NEW, encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr("index.store.DiacriticRestorer.from_texts", interrupted)
        with pytest.raises(KeyboardInterrupt):
            update_index([docs], index_dir, embedder, backend="milvus")
    assert read_manifest(index_dir)["counts"]["chunks"] == live_rows
    assert hoi_thao_answers()  # the old version's rows are still there

    # The next update goes live and removes what only the old build used, leftovers included.
    update_index([docs], index_dir, embedder, backend="milvus")
    assert stored_rows() == read_manifest(index_dir)["counts"]["chunks"]
