"""The contract every storage backend keeps (index/backends). A new backend adds its name to
index.backends.BACKENDS and is tested here unchanged; `backend_options` gives it what it needs
(e.g. a Milvus Lite file inside tmp_path)."""

from __future__ import annotations

import numpy as np
import pytest

from index.backends import BackendOptions, backend_class, backend_names

DIM = 8


def backend_options(name: str, tmp_path) -> BackendOptions:
    if name == "milvus":
        pytest.importorskip("pymilvus", reason="the milvus backend needs pymilvus + milvus-lite (requirements-milvus.txt)")
        return BackendOptions(uri=str(tmp_path / "milvus.db"))
    return BackendOptions(dense_index="flat")


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.normal(size=(n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.fixture(params=backend_names())
def built(request, tmp_path):
    """Three documents added, one replaced and one deleted by its content hash, saved and loaded back."""
    name = request.param
    cls = backend_class(name)
    rng = np.random.default_rng(7)
    options = backend_options(name, tmp_path)
    backend = cls.create(DIM, options)
    vectors = _unit(rng, 6)
    tokens = [
        ["kinh", "phi", "cong", "doan", "kinh_phi", "cong_doan"],
        ["doan", "vien", "doan_vien"],
        ["thai", "san", "thai_san"],
        ["ket", "nap", "ket_nap"],
        ["bo", "phieu", "bo_phieu"],
        ["xoa", "bo"],
    ]
    backend.add("a", [0, 1], vectors[0:2], tokens[0:2], "hash-a")
    backend.add("gone", [4, 5], vectors[4:6], tokens[4:6], "hash-gone")
    backend.add("b", [2, 3], _unit(rng, 2), [["cu"], ["cu"]], "hash-b1")
    backend.add("b", [2, 3], vectors[2:4], tokens[2:4], "hash-b2")  # replaces the first version of "b"
    backend.delete("b", "hash-b1")  # a version no longer stored: nothing happens
    backend.delete("a", "hash-gone")  # another document's hash: nothing happens
    backend.delete("gone", "hash-gone")
    build = tmp_path / "build"
    build.mkdir()
    info = backend.save(build)
    loaded = cls.load(build, DIM, {"name": name, **info}, options)
    return loaded, vectors[:4], tokens[:4]


def test_size_counts_rows_after_replace_and_delete(built):
    backend, _, _ = built
    assert backend.size == 4


def test_dense_search_returns_rows_by_cosine(built):
    backend, vectors, _ = built
    scores, rows = backend.dense_search(vectors[2], 4)
    assert rows[0] == 2 and scores[0] == pytest.approx(1.0, abs=1e-4)
    assert list(scores) == sorted(scores, reverse=True)
    expected = np.argsort(-(vectors @ vectors[2]))
    assert list(rows) == list(expected)


def test_dense_search_respects_allowed_rows(built):
    backend, vectors, _ = built
    _scores, rows = backend.dense_search(vectors[2], 3, np.array([0, 3], dtype=np.int64))
    assert set(rows.tolist()) == {0, 3} and len(rows) == 2
    assert backend.dense_search(vectors[2], 3, np.array([], dtype=np.int64))[1].size == 0


def test_lexical_scores_over_our_tokens(built):
    backend, _, _ = built
    scores = backend.lexical_scores(["doan_vien", "doan"])
    assert scores.shape == (4,) and scores.dtype == np.float32
    assert scores.argmax() == 1 and scores[0] > 0 and scores[2] == 0 and scores[3] == 0
    assert not backend.lexical_scores(["bo_phieu"]).any()  # the deleted document is gone


def test_lexical_scores_respect_allowed_rows(built):
    backend, _, _ = built
    scores = backend.lexical_scores(["doan_vien", "doan"], np.array([0, 2], dtype=np.int64))
    assert scores[1] == 0 and scores[0] > 0


@pytest.mark.parametrize("query", [["doan_vien", "doan"], ["doan", "doan", "kinh"], ["thai_san", "ket", "nap", "vien"]])
def test_lexical_scores_are_bm25s_scores(built, query):
    """Every backend scores like index/lexical.py (bm25s), duplicated query tokens included: the
    fusion and the "no answer" rule read these values, so the same question must get the same
    numbers on every backend."""
    from index.lexical import LexicalIndex

    backend, _, tokens = built
    reference = LexicalIndex()
    reference.build_tokens(tokens)
    np.testing.assert_allclose(backend.lexical_scores(query), reference.scores_for_tokens(query), rtol=1e-5, atol=1e-6)


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="backend"):
        backend_class("nope")
