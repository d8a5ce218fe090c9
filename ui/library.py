"""The document library: every indexed document (name, type, number, date, issuer, clauses), a
full-width reader with the clause opened from an answer highlighted, and — for administrators —
upload (with an honest time estimate) and deletion (with confirmation)."""

from __future__ import annotations

import time

import streamlit as st

from index.feedback import export_csv
from index.search import Searcher
from index.store import IndexStore
from ingest.library import ingest_uploads, remove_document
from ingest.loaders import MAX_BYTES, SUPPORTED_SUFFIXES
from ui.common import (
    admin_gate,
    doc_label,
    escape_text,
    forget_searcher,
    get_embedder,
    outline_label,
    render_passage_html,
    settings,
    vn_date,
)

# Scrolls the reader to the clause opened from an answer. Constant code: nothing from documents
# or users is interpolated, only a counter.
SCROLL_TO_FOCUS_JS = """<div hidden data-jump="{jump}"></div><script>
(() => {{
  let tries = 0;
  const go = () => {{
    const el = window.parent.document.querySelector('.hoidap-focus') || document.querySelector('.hoidap-focus');
    if (!el) {{ if (tries++ < 50) setTimeout(go, 100); return; }}
    (el.closest('[data-testid="stExpander"]') || el).scrollIntoView({{block: "start", behavior: "smooth"}});
  }};
  setTimeout(go, 50);
}})();
</script>"""


def library_rows(store: IndexStore) -> list[dict]:
    counts: dict[str, int] = {}
    for chunk in store.chunks:
        counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
    rows = []
    for doc_id in sorted(store.documents, key=lambda d: doc_label(store, d)):
        meta = store.documents[doc_id].meta
        rows.append(
            {
                "Tên": meta.short_name(),
                "Loại": meta.type_label(),
                "Số": meta.number or "—",
                "Ngày": vn_date(meta.date) or "—",
                "Cơ quan ban hành": meta.issuer or "—",
                "Số điều khoản": counts.get(doc_id, 0),
            }
        )
    return rows


def clear_focus() -> None:
    st.session_state.reader_focus = None


def reader(store: IndexStore) -> None:
    st.subheader("Đọc văn bản")
    doc_ids = sorted(store.documents, key=lambda d: doc_label(store, d))
    if not doc_ids:
        return
    if st.session_state.get("reader_doc") not in (None, *doc_ids):
        st.session_state.reader_doc = None  # the document was removed from the index
    doc_id = st.selectbox(
        "Chọn văn bản", doc_ids, format_func=lambda d: doc_label(store, d), key="reader_doc", index=None,
        placeholder="Chọn một văn bản…", on_change=clear_focus,
    )  # fmt: skip
    if doc_id is None:
        return
    focus = st.session_state.get("reader_focus")
    if focus and focus.get("doc_id") != doc_id:
        focus = None
    meta = store.documents[doc_id].meta
    rows = [
        ("Loại", meta.type_label()),
        ("Số", meta.number),
        ("Ngày", vn_date(meta.date)),
        ("Cơ quan ban hành", meta.issuer),
        ("Người ký", " — ".join(x for x in (meta.signer, meta.signer_title) if x) or None),
        ("Trích yếu", meta.title),
    ]
    st.markdown("\n".join(f"- **{k}:** {escape_text(v or '—')}" for k, v in rows), unsafe_allow_html=True)
    chunks = sorted(store.doc_chunks(doc_id), key=lambda c: c.order)
    focused = set(focus["chunk_ids"]) if focus else set()
    focused_chunks = [c for c in chunks if c.chunk_id in focused]
    if focused_chunks:
        c1, c2 = st.columns([4, 1])
        c1.markdown(
            f"Điều khoản đang xem: **{escape_text(focused_chunks[0].section or focused_chunks[0].kind)}** "
            "(tô vàng bên dưới)",
            unsafe_allow_html=True,
        )
        c2.button("Bỏ đánh dấu", key="reader_unfocus", on_click=clear_focus)
    st.caption("Mục lục (bấm để xem nội dung)")
    for chunk in chunks:
        is_focus = chunk.chunk_id in focused
        # A fresh key per jump: the frontend then draws the expander anew, open.
        key = f"outline_{chunk.order}_focus_{focus['jump']}" if is_focus else f"outline_{chunk.order}"
        with st.expander(outline_label(chunk), expanded=is_focus, key=key):
            if is_focus:
                st.markdown(render_passage_html(chunk.text, focus.get("question", ""), focus=True), unsafe_allow_html=True)
            else:
                st.markdown(render_passage_html(chunk.text), unsafe_allow_html=True)
    if focused_chunks:
        st.html(SCROLL_TO_FOCUS_JS.format(jump=int(focus["jump"])), unsafe_allow_javascript=True)


class Progress:
    """Embedding progress with a time estimate from the rate measured so far in this upload."""

    def __init__(self, bar) -> None:
        self.bar = bar
        self.started: float | None = None
        self.first_done = 0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self.started is None:
            self.started, self.first_done = now, done
        text = f"Đang nhúng {done}/{total} đoạn"
        measured = done - self.first_done
        elapsed = now - self.started
        if measured > 0 and elapsed > 0 and done < total:
            rate = measured / elapsed
            left = (total - done) / rate
            speed = f"{rate:.1f}".replace(".", ",")
            text += f" — còn khoảng {_duration(left)} (đo được {speed} đoạn/giây)"
        elif done < total:
            text += " — đang ước tính thời gian…"
        self.bar.progress(done / total if total else 1.0, text=text)


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} giây"
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} phút {secs} giây" if minutes < 10 and secs else f"{minutes} phút"


def _embedder(cfg, searcher):
    # The searcher's own model when there is one: never two copies in memory.
    return searcher.embedder if searcher is not None else get_embedder(cfg.model, cfg.allow_download, cfg)


def manage(searcher: Searcher | None) -> None:
    store = searcher.store if searcher is not None else None
    cfg = settings()
    st.subheader("Thêm / xoá văn bản")
    if not admin_gate(cfg):
        return
    suffixes = sorted(s.lstrip(".") for s in SUPPORTED_SUFFIXES)
    limit_mb = MAX_BYTES // (1024 * 1024)
    files = st.file_uploader(
        f"Tải lên văn bản ({', '.join(suffixes)}; tối đa {limit_mb} MB mỗi tệp)", type=suffixes,
        accept_multiple_files=True, max_upload_size=max(1, limit_mb), key="uploader",
    )  # fmt: skip
    if files and st.button("Thêm vào kho", key="upload_btn", type="primary"):
        embedder = _embedder(cfg, searcher)
        bar = st.progress(0.0, text="Đang đọc tệp…")
        payload = [(f.name, f.getvalue()) for f in files]
        started = time.monotonic()
        report, errors = ingest_uploads(
            payload, cfg.index_dir, cfg.uploads_dir, embedder, Progress(bar), settings=cfg
        )
        bar.empty()
        flash = {"errors": errors, "seconds": time.monotonic() - started}
        if report is not None and (report.added or report.changed):
            flash["ok"] = f"Đã thêm {len(report.added)} và cập nhật {len(report.changed)} văn bản"
        elif report is not None and report.unchanged:
            flash["info"] = "Văn bản đã có trong kho, không có gì thay đổi."
        st.session_state.library_flash = flash
        st.session_state.pop("uploader", None)
        forget_searcher()
        st.rerun()  # the counts in the sidebar and the table now include the new documents

    flash = st.session_state.pop("library_flash", None)
    if flash:
        for message in flash.get("errors", []):
            st.error(escape_text(message))
        if flash.get("ok"):
            st.success(f"{flash['ok']} trong {_duration(flash['seconds'])}.")
        if flash.get("info"):
            st.info(flash["info"])
        if flash.get("warning"):
            st.warning(flash["warning"])

    if store is not None and store.documents:
        doc_ids = sorted(store.documents, key=lambda d: doc_label(store, d))
        target = st.selectbox(
            "Xoá văn bản khỏi kho", doc_ids, format_func=lambda d: doc_label(store, d), index=None,
            key="remove_doc", placeholder="Chọn văn bản cần xoá…",
        )  # fmt: skip
        if target is not None and st.button("Xoá văn bản này…", key="remove_btn"):
            st.session_state.confirm_remove = target
        pending = st.session_state.get("confirm_remove")
        if pending is not None and pending == target:
            st.warning(
                f"Xoá «{escape_text(doc_label(store, pending))}» khỏi kho? Câu hỏi sau đó sẽ không tìm trong văn bản này nữa."
            )
            c1, c2, _ = st.columns([1, 1, 3])
            if c1.button("Xác nhận xoá", key="remove_confirm", type="primary"):
                embedder = _embedder(cfg, searcher)
                report = remove_document(pending, store, cfg.index_dir, cfg.uploads_dir, embedder, settings=cfg)
                forget_searcher()
                st.session_state.pop("confirm_remove", None)
                st.session_state.pop("remove_doc", None)
                # The last document stays: an index is never emptied (ingest.build).
                st.session_state.library_flash = (
                    {"warning": "Không xoá: đây là văn bản cuối cùng trong kho. Hãy tải văn bản khác lên trước rồi xoá văn bản này."}
                    if report.not_removed
                    else {"info": "Đã xoá văn bản khỏi kho."}
                )
                st.rerun()
            if c2.button("Huỷ", key="remove_cancel"):
                st.session_state.pop("confirm_remove", None)
                st.rerun()

    st.download_button(
        "Tải góp ý của người dùng (CSV)", export_csv(cfg.feedback_db).encode("utf-8-sig"),
        file_name="gop-y.csv", mime="text/csv", key="feedback_csv",
    )  # fmt: skip


def page(searcher: Searcher | None) -> None:
    store = searcher.store if searcher is not None else None
    st.title("Thư viện văn bản")
    if store is not None:
        rows = library_rows(store)
        if rows:
            st.table(rows)
        else:
            st.info("Kho chưa có văn bản nào.")
        reader(store)
    manage(searcher)
