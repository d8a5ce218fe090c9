"""Shared fixtures. Embedding costs ~15 passages/s here, so the corpus index is built once per
session and shared (read-only) by every test that needs real retrieval."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
LAWS_DOCX = SHARED / "external" / "laws-docx"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def embedder():
    from index.embedder import make_embedder

    return make_embedder()


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory, embedder) -> Path:
    from ingest.build import update_index

    directory = tmp_path_factory.mktemp("corpus-index")
    report = update_index([CORPUS], directory, embedder)
    assert report.documents == 5 and not report.skipped
    return directory


@pytest.fixture(scope="session")
def searcher(corpus_index, embedder):
    from index.search import Searcher
    from index.store import load_index

    return Searcher(load_index(corpus_index, embedder.name), embedder)


@pytest.fixture(scope="session")
def searcher_of(tmp_path_factory, embedder):
    """A Searcher over an index of one folder of small test documents, built once per session."""
    from index.search import Searcher
    from index.store import load_index
    from ingest.build import update_index

    built: dict[Path, object] = {}

    def make(folder: Path, documents: int):
        if folder not in built:
            directory = tmp_path_factory.mktemp(f"{folder.name}-index")
            report = update_index([folder], directory, embedder)
            assert report.documents == documents and not report.skipped
            built[folder] = Searcher(load_index(directory, embedder.name), embedder)
        return built[folder]

    return make
