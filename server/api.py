"""HTTP API: `python -m index serve [--host H] [--port P] [--workers N] [--index DIR]`.

    POST   /search              {"question", "top_k"?, "filters"?} → one `--jsonl` line's object
    GET    /documents           the indexed documents and their metadata
    GET    /health              which build is live, how many documents and chunks
    POST   /documents           upload files (multipart "files"); admin only
    DELETE /documents/{doc}     remove a document; admin only
    GET    /docs                OpenAPI page

Admin endpoints need `Authorization: Bearer <HOIDAP_ADMIN_TOKEN>`; with the variable unset they
are disabled (403), so a server started without a token can never change the index.

Each process holds one searcher (the model is loaded once) and reopens the index when the live
build changes (the CURRENT pointer moves after `python -m ingest` or an upload in any process),
so several worker processes can share one index directory. Errors are JSON {"error": "..."} in
Vietnamese; a traceback never reaches a client.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Header, HTTPException, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from index.config import Settings
from index.embedder import Embedder, EmbedderError
from index.engine import embedder_from
from index.query import QueryError
from index.rerank import make_reranker
from index.search import Filters, Searcher
from index.store import IndexMismatchError, IndexMissingError, load_index, read_manifest
from ingest.library import ingest_uploads, remove_document

log = logging.getLogger("hoidap.api")

MAX_TOP_K = 50


# --- request / response models ----------------------------------------------------------------


class FiltersIn(BaseModel):
    doc_ids: list[str] | None = Field(None, description="chỉ tìm trong các văn bản này (mã văn bản)")
    doc_types: list[str] | None = Field(None, description='loại văn bản, ví dụ "KẾ HOẠCH"')
    issuers: list[str] | None = Field(None, description="cơ quan ban hành")
    years: list[int] | None = Field(None, description="năm ban hành")

    def to_filters(self) -> Filters:
        def opt(values: list | None) -> frozenset | None:
            return None if values is None else frozenset(values)

        return Filters(opt(self.doc_ids), opt(self.doc_types), opt(self.issuers), opt(self.years))


class SearchIn(BaseModel):
    question: str = Field(..., description="câu hỏi", examples=["Ai chịu trách nhiệm phát triển đoàn viên?"])
    top_k: int = Field(5, ge=1, le=MAX_TOP_K, description="số đoạn trả về")
    filters: FiltersIn | None = None


class HitOut(BaseModel):
    doc: str
    citation: str
    section: str
    text: str
    score: float
    kind: str | None = None
    dense: float | None = None
    lexical: float | None = None


class SearchOut(BaseModel):
    question: str
    answer_found: bool
    results: list[HitOut]
    interpreted_as: str | None = None
    # Said when the place the question names does not exist ("Không tìm thấy Điều 400 trong …").
    notes: list[str] | None = None


class ErrorOut(BaseModel):
    error: str


# --- the searcher one process holds -----------------------------------------------------------


def build_id(index_dir: Path) -> str | None:
    """The live build's name (None if there is none): cheap enough to read on every request."""
    try:
        return (index_dir / "CURRENT").read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


@dataclass
class _Loaded:
    build: str
    searcher: Searcher


class SearcherHolder:
    """One model and one open index per process; the index is reopened when its build changes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._embedder: Embedder | None = None
        self._loaded: _Loaded | None = None
        self._lock = threading.Lock()
        # One search at a time per process: the model already uses every core for one query, and
        # scaling is by worker processes (--workers), which share the index directory.
        self.search_lock = threading.Lock()

    @property
    def index_dir(self) -> Path:
        return self.settings.index_dir

    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = embedder_from(self.settings)
            return self._embedder

    def get(self) -> Searcher:
        """The searcher for the live build. Raises IndexMissingError / IndexMismatchError."""
        current = build_id(self.index_dir)
        loaded = self._loaded
        if loaded is not None and loaded.build == current:
            return loaded.searcher
        embedder = self.embedder()
        with self._lock:
            if self._loaded is not None and self._loaded.build == build_id(self.index_dir):
                return self._loaded.searcher
            read_manifest(self.index_dir)  # a clear "no index here" before anything else
            build = build_id(self.index_dir) or ""
            store = load_index(self.index_dir, embedder.name, self.settings.backend, self.settings.backend_options())
            reranker = make_reranker(self.settings.reranker, self.settings.allow_download)
            searcher = Searcher(store, embedder, reranker)
            self._loaded = _Loaded(build, searcher)
            log.info("index %s loaded: %d documents, %d chunks", build, len(store.documents), len(store.chunks))
            return searcher


# --- the application --------------------------------------------------------------------------


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


_ADMIN_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "thiếu mã quản trị"},
    403: {"model": ErrorOut, "description": "mã quản trị sai, hoặc chức năng quản trị đang tắt"},
}


def create_app(
    settings: Settings | None = None,
    admin_token: str | None = None,
    upload_dir: Path | None = None,
) -> FastAPI:
    """`admin_token`/`upload_dir` default to $HOIDAP_ADMIN_TOKEN / $HOIDAP_UPLOADS."""
    settings = settings or Settings.from_env()
    token = admin_token if admin_token is not None else settings.admin_token or ""
    # Same location as the Streamlit app's, so documents uploaded through either are one library.
    uploads = upload_dir or settings.uploads_dir
    holder = SearcherHolder(settings)
    app = FastAPI(
        title="Hỏi đáp văn bản",
        description="Tìm điều khoản trả lời câu hỏi trong các văn bản Công đoàn, Đảng và pháp luật đã lập chỉ mục.",
        version="1",
    )
    app.state.holder = holder

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "nội dung"
            problems.append(f"{where}: {err.get('msg', 'không hợp lệ')}")
        return _error(422, "Yêu cầu không hợp lệ — " + "; ".join(problems))

    @app.exception_handler(IndexMissingError)
    async def _missing(request: Request, exc: IndexMissingError) -> JSONResponse:
        return _error(503, str(exc))

    @app.exception_handler(IndexMismatchError)
    async def _mismatch(request: Request, exc: IndexMismatchError) -> JSONResponse:
        return _error(503, str(exc))

    @app.exception_handler(EmbedderError)
    async def _embedder(request: Request, exc: EmbedderError) -> JSONResponse:
        return _error(503, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return _error(500, "Lỗi nội bộ của máy chủ; chi tiết đã được ghi vào nhật ký máy chủ.")

    def require_admin(authorization: Annotated[str | None, Header()] = None) -> None:
        if not token:
            raise HTTPException(
                403, "Chức năng quản trị đang tắt: máy chủ chưa đặt biến môi trường HOIDAP_ADMIN_TOKEN."
            )
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise HTTPException(
                401, "Thiếu mã quản trị: cần tiêu đề Authorization: Bearer <mã>.", {"WWW-Authenticate": "Bearer"}
            )
        if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
            raise HTTPException(403, "Mã quản trị không đúng.")

    @app.post("/search", response_model=SearchOut, response_model_exclude_none=True,
              responses={422: {"model": ErrorOut}, 503: {"model": ErrorOut}})
    def search(body: SearchIn) -> dict:
        """Các đoạn trả lời câu hỏi, cùng dạng với một dòng của `python -m index --jsonl`."""
        searcher = holder.get()
        filters = body.filters.to_filters() if body.filters else None
        try:
            with holder.search_lock:
                return searcher.search(body.question, top_k=body.top_k, filters=filters).to_dict()
        except QueryError as exc:
            raise HTTPException(422, str(exc)) from exc

    @app.get("/documents")
    def documents() -> dict:
        """Các văn bản đã lập chỉ mục."""
        store = holder.get().store
        counts: dict[str, int] = {}
        for chunk in store.chunks:
            counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
        out = []
        for doc_id in sorted(store.documents):
            meta = store.documents[doc_id].meta
            out.append({
                "doc": doc_id,
                "doc_type": meta.doc_type,
                "number": meta.number,
                "date": meta.date,
                "issuer": meta.issuer,
                "title": meta.title,
                "chunks": counts.get(doc_id, 0),
            })
        return {"documents": out}

    @app.get("/health")
    def health() -> JSONResponse:
        """Tình trạng máy chủ và chỉ mục đang dùng."""
        try:
            manifest = read_manifest(holder.index_dir)
        except (IndexMissingError, OSError, ValueError) as exc:
            return JSONResponse({"status": "no_index", "error": str(exc)}, status_code=503)
        return JSONResponse({
            "status": "ok",
            "build": build_id(holder.index_dir),
            "built_at": manifest.get("built_at"),
            "model": manifest.get("model", {}).get("name"),
            "documents": manifest.get("counts", {}).get("documents"),
            "chunks": manifest.get("counts", {}).get("chunks"),
            "admin": bool(token),
        })

    @app.post("/documents", dependencies=[Depends(require_admin)], responses=_ADMIN_RESPONSES)
    async def upload(files: Annotated[list[UploadFile], File(description="các tệp văn bản")]) -> JSONResponse:
        """Thêm (hoặc thay) văn bản vào chỉ mục; các văn bản khác giữ nguyên. Cần mã quản trị."""
        payload = [(f.filename or "tệp", await f.read()) for f in files]
        embedder = holder.embedder()

        def work() -> tuple:
            return ingest_uploads(payload, holder.index_dir, uploads, embedder, settings=holder.settings)

        from starlette.concurrency import run_in_threadpool

        report, errors = await run_in_threadpool(work)
        body = {
            "added": report.added if report else [],
            "changed": report.changed if report else [],
            "documents": report.documents if report else None,
            "errors": errors,
        }
        indexed = bool(report and (report.added or report.changed or report.unchanged))
        return JSONResponse(body, status_code=200 if indexed else 400)

    @app.delete("/documents/{doc:path}", dependencies=[Depends(require_admin)],
                responses={**_ADMIN_RESPONSES, 404: {"model": ErrorOut}})
    def delete(doc: str) -> dict:
        """Xóa một văn bản khỏi chỉ mục. Cần mã quản trị."""
        searcher = holder.get()
        if doc not in searcher.store.documents:
            raise HTTPException(404, f"Không có văn bản '{doc}' trong chỉ mục.")
        report = remove_document(doc, searcher.store, holder.index_dir, uploads, holder.embedder(), settings=holder.settings)
        return {"removed": report.removed, "documents": report.documents}

    return app


def app_factory() -> FastAPI:
    """For `uvicorn --factory server.api:app_factory` (several workers): settings from the environment."""
    return create_app()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index serve", description="Chạy API HTTP hỏi đáp văn bản.")
    parser.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1, help="số tiến trình phục vụ (dùng chung một chỉ mục)")
    parser.add_argument("--index", help="thư mục chỉ mục (mặc định: data/index hoặc $HOIDAP_INDEX)")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers phải ≥ 1")
    try:
        settings = Settings.from_env(index_dir=args.index)
    except ValueError as exc:
        parser.error(str(exc))
    uri = settings.milvus_uri or ""
    if settings.backend == "milvus" and "://" not in uri and args.workers > 1:
        parser.error(
            "Milvus Lite (tệp cục bộ) chỉ mở được trong một tiến trình: dùng --workers 1, "
            "hoặc đặt HOIDAP_MILVUS_URI tới một máy chủ Milvus."
        )
    import uvicorn

    if args.index:
        # Worker processes read their settings from the environment.
        os.environ["HOIDAP_INDEX"] = str(Path(args.index).resolve())
    uvicorn.run(
        "server.api:app_factory",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="info",
    )
    return 0
