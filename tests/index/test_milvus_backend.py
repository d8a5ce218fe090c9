"""The milvus backend end to end on Milvus Lite: built by the real ingest path, searched by the
real Searcher, same answers as the local backend; rebuilds switch the alias and drop old builds.
(The backend contract itself is tests/index/test_backend_contract.py.)"""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("pymilvus", reason="the milvus backend needs pymilvus + milvus-lite (requirements-milvus.txt)")

from index.search import Filters, Searcher
from index.store import load_index, read_manifest
from ingest.build import update_index

from ..conftest import DATA

# Not a dev-set question: about the test document's own implementation section.
QUESTION = "Ai chủ trì hướng dẫn công tác kết nạp đoàn viên mới?"

SECOND = (DATA / "hoi-thao.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def twin_indexes(tmp_path_factory, embedder):
    """The same two documents indexed on milvus and on local (same vectors via the cache)."""
    root = tmp_path_factory.mktemp("milvus-e2e")
    docs = root / "docs"
    docs.mkdir()
    shutil.copy(DATA / "mini-ke-hoach.txt", docs / "mini-ke-hoach.txt")
    (docs / "hoi-thao.txt").write_text(SECOND, encoding="utf-8")
    update_index([docs], root / "milvus", embedder, backend="milvus")
    shutil.copytree(root / "milvus" / "cache", root / "local" / "cache")
    update_index([docs], root / "local", embedder, backend="local")
    return root


def _searcher(directory, backend, embedder):
    return Searcher(load_index(directory, embedder.name, backend), embedder)


def test_milvus_answers_like_local(twin_indexes, embedder):
    milvus = _searcher(twin_indexes / "milvus", "milvus", embedder)
    local = _searcher(twin_indexes / "local", "local", embedder)
    for question in (QUESTION, "Ai chủ trì tổ chức hội thao?"):
        got, want = milvus.search(question, top_k=3), local.search(question, top_k=3)
        assert [h.citation for h in got.hits][:1] == [h.citation for h in want.hits][:1]
        assert got.answer_found == want.answer_found
        for a, b in zip(got.hits, want.hits, strict=True):
            if a.chunk.chunk_id == b.chunk.chunk_id and a.dense is not None and b.dense is not None:
                assert a.dense == pytest.approx(b.dense, abs=1e-3)
    assert "Ban Tổ chức" in milvus.search(QUESTION, top_k=1).hits[0].chunk.text


def test_filters_are_applied_inside_milvus(twin_indexes, embedder):
    milvus = _searcher(twin_indexes / "milvus", "milvus", embedder)
    only = Filters(doc_ids=frozenset({"hoi-thao.txt"}))
    hits = milvus.search(QUESTION, top_k=5, filters=only).hits
    assert hits and {h.document.doc_id for h in hits} == {"hoi-thao.txt"}


def test_rebuilds_switch_the_alias_and_keep_one_previous_collection(twin_indexes, embedder, tmp_path):
    from index.backends.milvus import DEFAULT_PREFIX, _client, default_uri

    directory = tmp_path / "index"
    shutil.copytree(twin_indexes / "milvus" / "cache", directory / "cache")  # vectors, not the Lite file
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(DATA / "mini-ke-hoach.txt", docs / "mini-ke-hoach.txt")
    update_index([docs], directory, embedder, backend="milvus")
    names = [read_manifest(directory)["backend"]["collection"]]
    for text in (SECOND, SECOND.replace("hội thao", "hội diễn")):
        (docs / "extra.txt").write_text(text, encoding="utf-8")
        update_index([docs], directory, embedder, backend="milvus", rebuild=True)  # else updated in place
        names.append(read_manifest(directory)["backend"]["collection"])
    assert len(set(names)) == 3
    client = _client(default_uri(directory))
    ours = sorted(c for c in client.list_collections() if c.startswith(DEFAULT_PREFIX + "_"))
    assert ours == sorted(names[1:])  # the live one and the one it replaced; older ones dropped
    assert client.describe_alias(DEFAULT_PREFIX)["collection_name"] == names[-1]
    searcher = _searcher(directory, "milvus", embedder)
    assert {d for d in searcher.store.documents} == {"mini-ke-hoach.txt", "extra.txt"}
    assert searcher.search("Ai chủ trì tổ chức hội diễn?", top_k=1).hits[0].document.doc_id == "extra.txt"


def test_ingest_stores_each_documents_content_hash_on_its_rows(twin_indexes, embedder):
    store = load_index(twin_indexes / "milvus", embedder.name, "milvus")
    for doc_id, recorded in store.manifest["documents"].items():
        versions = store.backend.versions(doc_id)
        assert set(versions.values()) == {recorded["content_hash"]}
        assert sorted(versions) == [row for row, c in enumerate(store.chunks) if c.doc_id == doc_id]
