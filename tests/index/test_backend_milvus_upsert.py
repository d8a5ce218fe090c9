"""Per-document upsert and delete by content hash on a live Milvus (Lite) collection: an unchanged
document is not written at all, a changed one replaces exactly its rows, a delete removes exactly
the rows of the version it names. Small synthetic vectors, no embedder."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pymilvus", reason="the milvus backend needs pymilvus + milvus-lite (requirements-milvus.txt)")

from index.backends import BackendOptions
from index.backends.milvus import MilvusBackend

DIM = 8
DOCS = {  # doc → (rows, tokens of each chunk)
    "a": ([0, 1], [["kinh", "phi"], ["doan", "vien"]]),
    "b": ([2, 3, 4], [["thai", "san"], ["ket", "nap"], ["nghi", "phep"]]),
    "c": ([5], [["bo", "phieu"]]),
}


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.normal(size=(n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.fixture
def live(tmp_path):
    """Three documents saved and loaded back: the collection a running process keeps live."""
    rng = np.random.default_rng(11)
    options = BackendOptions(uri=str(tmp_path / "milvus.db"))
    backend = MilvusBackend.create(DIM, options)
    vectors = {}
    for doc, (rows, tokens) in DOCS.items():
        vectors[doc] = _unit(rng, len(rows))
        backend.add(doc, rows, vectors[doc], tokens, f"hash-{doc}-1")
    build = tmp_path / "build"
    build.mkdir()
    info = backend.save(build)
    return MilvusBackend.load(build, DIM, info, options), vectors, rng


def _snapshot(backend: MilvusBackend) -> dict[int, tuple[str, str, tuple[float, ...]]]:
    """row → (doc, hash, vector) of everything stored (every stored key must number a row)."""
    res = backend._client.query(backend.collection, filter="key >= 0", output_fields=["key", "doc", "hash", "dense"])
    rows = backend._row_of()
    assert {int(r["key"]) for r in res} <= set(rows)
    return {rows[int(r["key"])]: (r["doc"], r["hash"], tuple(round(float(x), 5) for x in r["dense"])) for r in res}


class _Writes:
    """Counts the client's write calls."""

    def __init__(self, backend: MilvusBackend, monkeypatch) -> None:
        self.calls: list[str] = []
        client = backend._client
        for method in ("insert", "upsert", "delete"):
            original = getattr(client, method)

            def spy(*args, _name=method, _original=original, **kwargs):
                self.calls.append(_name)
                return _original(*args, **kwargs)

            monkeypatch.setattr(client, method, spy)


def test_unchanged_document_is_not_written(live, monkeypatch):
    backend, vectors, _ = live
    before = _snapshot(backend)
    writes = _Writes(backend, monkeypatch)
    for doc, (rows, tokens) in DOCS.items():
        backend.add(doc, rows, vectors[doc], tokens, f"hash-{doc}-1")
    assert writes.calls == []
    assert backend.size == 6 and _snapshot(backend) == before


def test_changed_document_replaces_exactly_its_rows(live):
    backend, _, rng = live
    before = _snapshot(backend)
    new = _unit(rng, 3)
    backend.add("b", [2, 3, 4], new, [["moi"], ["moi"], ["moi"]], "hash-b-2")
    after = _snapshot(backend)
    assert backend.size == 6 and set(after) == set(before)
    assert {r: v for r, v in after.items() if v[0] != "b"} == {r: v for r, v in before.items() if v[0] != "b"}
    assert {after[r][1] for r in (2, 3, 4)} == {"hash-b-2"}
    assert backend.versions("b") == {2: "hash-b-2", 3: "hash-b-2", 4: "hash-b-2"}
    scores, rows = backend.dense_search(new[1], 1)
    assert rows[0] == 3 and scores[0] == pytest.approx(1.0, abs=1e-4)
    lexical = backend.lexical_scores(["moi"])
    assert set(np.flatnonzero(lexical)) == {2, 3, 4}
    assert not backend.lexical_scores(["nghi", "phep"]).any()  # the old version's text is gone


def test_shorter_new_version_leaves_no_old_rows(live):
    backend, _, rng = live
    before = _snapshot(backend)
    backend.add("b", [2, 3], _unit(rng, 2), [["moi"], ["moi"]], "hash-b-2")
    after = _snapshot(backend)
    assert backend.size == 5 and set(after) == set(before) - {4}
    assert backend.versions("b") == {2: "hash-b-2", 3: "hash-b-2"}
    assert {r: v for r, v in after.items() if v[0] != "b"} == {r: v for r, v in before.items() if v[0] != "b"}


def test_delete_by_content_hash_removes_only_that_version(live):
    backend, _, _ = live
    before = _snapshot(backend)
    backend.delete("b", "hash-b-0")  # a version that is not stored
    backend.delete("a", "hash-b-1")  # another document's hash
    assert _snapshot(backend) == before
    backend.delete("b", "hash-b-1")
    after = _snapshot(backend)
    assert backend.size == 3 and after == {r: v for r, v in before.items() if v[0] != "b"}
    assert not backend.lexical_scores(["thai", "san"]).any()
    backend.delete("c")  # without a hash: every version of the document
    assert backend.size == 2 and set(_snapshot(backend)) == {0, 1}


def test_build_of_the_old_schema_is_refused(live, tmp_path):
    backend, _, _ = live
    with pytest.raises(ValueError, match="ingest"):
        MilvusBackend.load(tmp_path / "build", DIM, {"collection": backend.collection}, backend.options)


@pytest.mark.parametrize("dense_index", ["flat", "hnsw"])
def test_dense_index_type_follows_the_setting(tmp_path, dense_index):
    rng = np.random.default_rng(5)
    options = BackendOptions(dense_index=dense_index, uri=str(tmp_path / "milvus.db"))
    backend = MilvusBackend.create(DIM, options)
    vectors = _unit(rng, 20)
    backend.add("a", list(range(20)), vectors, [["x"]] * 20, "hash-a")
    build = tmp_path / "build"
    build.mkdir()
    info = backend.save(build)
    assert info["dense_index"] == dense_index
    described = backend._client.describe_index(backend.collection, "dense")
    assert described["index_type"] == dense_index.upper()
    loaded = MilvusBackend.load(build, DIM, info, options)
    _scores, rows = loaded.dense_search(vectors[7], 5)
    assert list(rows) == list(np.argsort(-(vectors @ vectors[7]))[:5])
