"""Opening a ready-to-search engine from settings: the one place the CLI, the app and the
benchmarks get a `Searcher` from."""

from __future__ import annotations

from index.config import Settings
from index.embedder import Embedder, make_embedder
from index.rerank import make_reranker
from index.search import SearchConfig, Searcher
from index.store import check_compatible, load_index, read_manifest


def embedder_from(settings: Settings) -> Embedder:
    return make_embedder(settings.model, settings.allow_download, settings.embed_backend, settings.cache_dir)


def open_searcher(settings: Settings, config: SearchConfig | None = None) -> Searcher:
    # Check the manifest before loading a model: a mismatch is reported without the model cost.
    check_compatible(read_manifest(settings.index_dir), None, settings.backend, directory=settings.index_dir)
    embedder = embedder_from(settings)
    store = load_index(settings.index_dir, embedder.name, settings.backend, settings.backend_options())
    return Searcher(store, embedder, make_reranker(settings.reranker, settings.allow_download), config)
