"""Item 3: an interrupted build keeps the vectors it computed; the next build embeds only the rest."""

from __future__ import annotations

import pytest

from ingest.build import update_index
from tests.faults.conftest import plan


class Counting:
    def __init__(self, inner, fail_after_batches: int | None = None):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.fail_after, self.batches, self.passages = fail_after_batches, 0, 0

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts, batch_size=16):
        if self.fail_after is not None and self.batches >= self.fail_after:
            raise KeyboardInterrupt  # as Ctrl-C / a kill would stop it
        self.batches += 1
        self.passages += len(texts)
        return self.inner.embed_passages(texts, batch_size)


def test_interrupted_build_resumes_where_it_stopped(tmp_path, embedder, monkeypatch):
    # Groups of 16 passages per embedder call (and cache commit), so a small document has several.
    monkeypatch.setattr("ingest.build.EMBED_GROUP", 16)
    src = tmp_path / "docs"
    src.mkdir()
    (src / "long.txt").write_text(plan(1, 40), encoding="utf-8")
    index_dir = tmp_path / "index"

    broken = Counting(embedder, fail_after_batches=2)
    with pytest.raises(KeyboardInterrupt):
        update_index([src], index_dir, broken)
    assert broken.passages == 32

    resumed = Counting(embedder)
    report = update_index([src], index_dir, resumed)
    assert report.written and report.chunks > 32
    assert resumed.passages == report.chunks - 32 == report.embedded
    assert report.reused == 32


def test_rebuild_and_reupload_reuse_vectors(tmp_path, embedder):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "a.txt").write_text(plan(2, 5), encoding="utf-8")
    index_dir = tmp_path / "index"
    first = update_index([src], index_dir, Counting(embedder))

    # A full rebuild (index removed, e.g. after damage) and the same text under another name (a
    # copy beside it would not be indexed twice: ingest.build, SAME_CONTENT).
    import shutil

    shutil.rmtree(index_dir / "builds")
    (index_dir / "CURRENT").unlink()
    (src / "a.txt").rename(src / "copy-of-a.txt")
    counting = Counting(embedder)
    again = update_index([src], index_dir, counting)
    assert again.documents == 1 and counting.passages == 0 and again.reused == first.chunks


def test_passages_reach_the_embedder_longest_first(tmp_path, embedder, monkeypatch):
    # Length-sorted groups: a batch is padded to its longest passage, so mixing a 40-token and a
    # 500-token passage in one batch wastes most of the work on padding.
    monkeypatch.setattr("ingest.build.EMBED_GROUP", 8)
    src = tmp_path / "docs"
    src.mkdir()
    (src / "a.txt").write_text(plan(3, 30), encoding="utf-8")
    seen: list[list[str]] = []

    class Recording(Counting):
        def embed_passages(self, texts, batch_size=16):
            seen.append(list(texts))
            return super().embed_passages(texts, batch_size)

    update_index([src], tmp_path / "index", Recording(embedder))
    lengths = [len(t) for group in seen for t in group]
    assert len(seen) > 2 and lengths == sorted(lengths, reverse=True)
