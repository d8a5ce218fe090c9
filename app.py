"""Hỏi đáp văn bản Công đoàn — Streamlit interface.

    streamlit run app.py

Thin layer over `index/`: the engine searches, this file only shows results and passes user
actions (filters, uploads, removals, feedback) to it. Index location: $HOIDAP_INDEX (default
data/index); uploads are saved under $HOIDAP_UPLOADS (default data/uploads) and feedback in
$HOIDAP_FEEDBACK (default data/feedback.sqlite).
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from index.config import ROOT, Settings
from index.embedder import Embedder, EmbedderError, make_embedder
from index.feedback import export_csv, record_feedback
from index.query import QueryError
from index.rerank import make_reranker
from index.search import Filters, Hit, Searcher, SearchResult
from index.store import (
    IndexMismatchError,
    IndexMissingError,
    IndexStore,
    load_index,
    read_manifest,
)
from ingest.document import Chunk
from ingest.library import ingest_uploads, remove_document
from ingest.loaders import MAX_BYTES, SUPPORTED_SUFFIXES
from ingest.normalize import fold

EXAMPLE_QUESTIONS = (
    "Ai chịu trách nhiệm phát triển đoàn viên trong các tổ chức kinh tế tập thể?",
    "Chỉ tiêu phát triển đoàn viên năm 2025 là bao nhiêu?",
    "Ai ký kế hoạch 48?",
)
NO_ANSWER = "Các văn bản hiện có không trả lời trực tiếp câu hỏi này."
TOP_K = 5


def uploads_dir() -> Path:
    return Path(os.environ.get("HOIDAP_UPLOADS") or ROOT / "data" / "uploads")


def feedback_db() -> Path:
    return Path(os.environ.get("HOIDAP_FEEDBACK") or ROOT / "data" / "feedback.sqlite")


# --- pure helpers (unit-tested) ----------------------------------------------------------------

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+|\n+")
# Characters Markdown (or Streamlit's extensions: :colour[...], $math$) could interpret.
_MD_ENTITIES = {
    "*": "&#42;",
    "_": "&#95;",
    "`": "&#96;",
    "[": "&#91;",
    "]": "&#93;",
    "$": "&#36;",
    ":": "&#58;",
    "~": "&#126;",
    "#": "&#35;",
    "|": "&#124;",
    "\\": "&#92;",
}


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text).lower()) if len(w) > 1 or w.isdigit()}


def escape_text(text: str) -> str:
    """HTML-escape and neutralise Markdown syntax: safe inside st.markdown(unsafe_allow_html=True)."""
    out = html.escape(text, quote=True)
    return "".join(_MD_ENTITIES.get(c, c) for c in out)


def split_sentences(text: str) -> list[str]:
    """Sentences and lines of a clause, in order, whitespace-trimmed, empty pieces dropped."""
    return [p.strip() for p in _SENTENCE_END.split(text) if p and p.strip()]


def best_sentences(text: str, question: str) -> set[int]:
    """Indices (into split_sentences(text)) of the sentence(s) sharing the most words with the question."""
    q = _words(question)
    if not q:
        return set()
    scores = [len(q & _words(s)) for s in split_sentences(text)]
    top = max(scores, default=0)
    if top < 2 and len(q) > 2:  # one shared word is noise, not a match
        return set()
    return {i for i, s in enumerate(scores) if s == top and s > 0}


def render_passage_html(text: str, question: str = "", focus: bool = False) -> str:
    """The clause as safe HTML: everything escaped, best-matching sentence(s) in <mark>,
    one line per sentence/line of the source. One HTML line, so Markdown never parses it.
    With focus (the clause opened from a result in the document viewer) every sentence is
    marked, the best-matching one(s) more strongly, and the block carries class hoidap-focus."""
    marked = best_sentences(text, question)
    parts = []
    for i, sentence in enumerate(split_sentences(text)):
        safe = escape_text(sentence)
        if i in marked:
            parts.append(f'<mark class="hoidap-best">{safe}</mark>' if focus else f"<mark>{safe}</mark>")
        else:
            parts.append(f"<mark>{safe}</mark>" if focus else safe)
    css = "hoidap-passage hoidap-focus" if focus else "hoidap-passage"
    return f'<div class="{css}">' + "<br>".join(parts) + "</div>"


def outline_label(chunk: Chunk) -> str:
    """An outline entry: the clause's section path, with its part number when a long clause was
    split (several entries would otherwise read the same)."""
    label = (chunk.section or chunk.kind)[:120]
    return f"{label} (phần {chunk.part}/{chunk.parts})" if chunk.parts > 1 else label


def match_label(rank: int, hit: Hit, top_score: float, answer_found: bool) -> str:
    """Match strength in words, from the rank and the score relative to the best hit."""
    if not answer_found:
        return "Có thể liên quan"
    ratio = hit.score / top_score if top_score > 0 else 0.0
    if rank == 0 or ratio >= 0.9:
        return "Rất phù hợp"
    if ratio >= 0.7:
        return "Phù hợp"
    return "Có thể liên quan"


def neighbours(store: IndexStore, chunk: Chunk) -> tuple[Chunk | None, Chunk | None]:
    """The previous and next chunk of the same document, by order."""
    prev = nxt = None
    for c in store.doc_chunks(chunk.doc_id):
        if c.order == chunk.order - 1:
            prev = c
        elif c.order == chunk.order + 1:
            nxt = c
    return prev, nxt


def make_filters(
    doc_ids: Sequence[str], doc_types: Sequence[str], issuers: Sequence[str], years: Sequence[int]
) -> Filters:
    def opt(values: Sequence) -> frozenset | None:
        return frozenset(values) if values else None

    return Filters(doc_ids=opt(doc_ids), doc_types=opt(doc_types), issuers=opt(issuers), years=opt(years))


def results_for_feedback(result: SearchResult) -> list[dict]:
    return [{"citation": h.citation, "score": round(h.score, 4)} for h in result.hits]


# --- cached resources -------------------------------------------------------------------------


@st.cache_resource(show_spinner="Đang tải mô hình nhúng…")
def get_embedder(model: str, allow_download: bool) -> Embedder:
    return make_embedder(model, allow_download)


@st.cache_resource(show_spinner="Đang tải chỉ mục…")
def get_searcher(
    index_dir: str, built_at: str, model: str, allow_download: bool, reranker: str | None
) -> Searcher:
    # built_at is part of the key: a rebuilt index gets a fresh searcher.
    embedder = get_embedder(model, allow_download)
    store = load_index(index_dir, embedder.name)
    return Searcher(store, embedder, make_reranker(reranker, allow_download))


def open_app_searcher(settings: Settings) -> Searcher:
    manifest = read_manifest(settings.index_dir)
    return get_searcher(
        str(settings.index_dir),
        manifest.get("built_at", ""),
        settings.model,
        settings.allow_download,
        settings.reranker,
    )


# --- UI ---------------------------------------------------------------------------------------

CSS = """
<style>
.hoidap-passage { line-height: 1.6; }
.hoidap-passage mark { background: #fff3a8; color: inherit; padding: 1px 3px; border-radius: 3px;
  box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.hoidap-focus { border-left: 4px solid #e0a800; padding-left: 0.6rem; }
[data-testid="stSidebar"] [data-testid="stExpander"] { scroll-margin-top: 1.5rem; }
.hoidap-focus mark { background: #fff8cc; }
.hoidap-focus mark.hoidap-best { background: #ffe066; font-weight: 600; }
</style>
"""

# Scrolls the document viewer to the clause opened from a result (and opens the sidebar if it is
# collapsed). Constant code: nothing from documents or users is interpolated, only a counter.
SCROLL_TO_FOCUS_JS = """<div hidden data-jump="{jump}"></div><script>
(() => {{
  let tries = 0;
  const go = () => {{
    const sidebar = document.querySelector('[data-testid="stSidebar"]');
    if (sidebar && sidebar.getAttribute("aria-expanded") === "false") {{
      const open = document.querySelector('[data-testid="stExpandSidebarButton"]');
      if (open) open.click();
    }}
    const el = document.querySelector('[data-testid="stSidebar"] .hoidap-focus');
    if (!el) {{ if (tries++ < 50) setTimeout(go, 100); return; }}
    (el.closest('[data-testid="stExpander"]') || el).scrollIntoView({{block: "start", behavior: "smooth"}});
  }};
  setTimeout(go, 50);
}})();
</script>"""


def init_state() -> None:
    if "messages" not in st.session_state:
        st.session_state.messages = []  # {"role": "user"|"assistant", ...}
    if "pending" not in st.session_state:
        st.session_state.pending = None
    if "viewer_focus" not in st.session_state:
        st.session_state.viewer_focus = None  # {"doc_id", "chunk_id", "question", "jump"}


def open_in_viewer(doc_id: str, chunk_id: str, question: str, citation: str) -> None:
    """Button callback (runs before the rerun, so it may set the viewer's selectbox): show the
    document in the viewer with this clause expanded and highlighted."""
    previous = st.session_state.get("viewer_focus") or {}
    st.session_state.viewer_doc = doc_id
    st.session_state.viewer_focus = {
        "doc_id": doc_id,
        "chunk_id": chunk_id,
        "question": question,
        "jump": previous.get("jump", 0) + 1,
    }
    st.session_state.viewer_toast = f"Đang xem trong văn bản (thanh bên): {citation}"


def clear_viewer_focus() -> None:
    st.session_state.viewer_focus = None


def doc_label(store: IndexStore, doc_id: str) -> str:
    doc = store.documents.get(doc_id)
    return doc.meta.short_name() if doc else doc_id


def sidebar_filters(store: IndexStore) -> Filters:
    st.sidebar.header("Bộ lọc")
    docs = store.documents
    doc_ids = sorted(docs, key=lambda d: doc_label(store, d))
    chosen_docs = st.sidebar.multiselect(
        "Văn bản",
        doc_ids,
        format_func=lambda d: doc_label(store, d),
        key="filter_docs",
        placeholder="Tất cả văn bản",
    )
    types = sorted({d.meta.doc_type for d in docs.values() if d.meta.doc_type})
    chosen_types = st.sidebar.multiselect("Loại văn bản", types, key="filter_types", placeholder="Tất cả")
    issuers = sorted({d.meta.issuer for d in docs.values() if d.meta.issuer})
    chosen_issuers = st.sidebar.multiselect(
        "Cơ quan ban hành", issuers, key="filter_issuers", placeholder="Tất cả"
    )
    years = sorted({d.meta.year for d in docs.values() if d.meta.year}, reverse=True)
    chosen_years = st.sidebar.multiselect("Năm", years, key="filter_years", placeholder="Tất cả")
    return make_filters(chosen_docs, chosen_types, chosen_issuers, chosen_years)


def sidebar_overview(store: IndexStore) -> None:
    st.sidebar.header("Kho văn bản")
    counts = store.manifest.get("counts", {})
    st.sidebar.markdown(
        f"- Văn bản: **{counts.get('documents', len(store.documents))}**\n"
        f"- Đoạn: **{counts.get('chunks', len(store.chunks))}**\n"
        f"- Mô hình: `{store.model}`\n"
        f"- Cập nhật: {store.manifest.get('built_at', '?')}"
    )


def sidebar_viewer(store: IndexStore) -> None:
    st.sidebar.header("Xem văn bản")
    doc_ids = sorted(store.documents, key=lambda d: doc_label(store, d))
    if not doc_ids:
        return
    if st.session_state.get("viewer_doc") not in (None, *doc_ids):
        st.session_state.viewer_doc = None  # the document was removed from the index
    doc_id = st.sidebar.selectbox(
        "Chọn văn bản",
        doc_ids,
        format_func=lambda d: doc_label(store, d),
        key="viewer_doc",
        index=None,
        placeholder="Chọn một văn bản…",
        on_change=clear_viewer_focus,
    )
    if doc_id is None:
        return
    focus = st.session_state.get("viewer_focus")
    if focus and focus.get("doc_id") != doc_id:
        focus = None
    meta = store.documents[doc_id].meta
    rows = [
        ("Loại", meta.type_label()),
        ("Số", meta.number),
        ("Ngày", meta.date),
        ("Cơ quan ban hành", meta.issuer),
        ("Người ký", " — ".join(x for x in (meta.signer, meta.signer_title) if x) or None),
        ("Trích yếu", meta.title),
    ]
    st.sidebar.markdown(
        "\n".join(f"- **{k}:** {escape_text(v or '—')}" for k, v in rows), unsafe_allow_html=True
    )
    chunks = sorted(store.doc_chunks(doc_id), key=lambda c: c.order)
    focused = None
    if focus:
        focused = next((c for c in chunks if c.chunk_id == focus["chunk_id"]), None)
    if focused is not None:
        st.sidebar.markdown(
            f"Điều khoản đang xem: **{escape_text(outline_label(focused))}** (tô vàng bên dưới)",
            unsafe_allow_html=True,
        )
        st.sidebar.button("Bỏ đánh dấu", key="viewer_unfocus", on_click=clear_viewer_focus)
    st.sidebar.caption("Mục lục (bấm để xem nội dung)")
    for chunk in chunks:
        is_focus = focused is not None and chunk.chunk_id == focused.chunk_id
        # A fresh key per jump: the frontend then draws the expander anew, open.
        key = f"outline_{chunk.order}_focus_{focus['jump']}" if is_focus else f"outline_{chunk.order}"
        with st.sidebar.expander(outline_label(chunk), expanded=is_focus, key=key):
            if is_focus:
                st.markdown(
                    render_passage_html(chunk.text, focus.get("question", ""), focus=True),
                    unsafe_allow_html=True,
                )
            else:
                st.markdown(render_passage_html(chunk.text), unsafe_allow_html=True)
    if focused is not None:
        with st.sidebar:
            st.html(SCROLL_TO_FOCUS_JS.format(jump=int(focus["jump"])), unsafe_allow_javascript=True)


def sidebar_manage(settings: Settings, store: IndexStore | None) -> None:
    st.sidebar.header("Thêm / xoá văn bản")
    suffixes = sorted(s.lstrip(".") for s in SUPPORTED_SUFFIXES)
    files = st.sidebar.file_uploader(
        f"Tải lên văn bản ({', '.join(suffixes)}; tối đa {MAX_BYTES // (1024 * 1024)} MB)",
        type=suffixes,
        accept_multiple_files=True,
        max_upload_size=max(1, MAX_BYTES // (1024 * 1024)),
        key="uploader",
    )
    if files and st.sidebar.button("Thêm vào chỉ mục", key="upload_btn", type="primary"):
        embedder = get_embedder(settings.model, settings.allow_download)
        bar = st.sidebar.progress(0.0, text="Đang nhúng…")

        def progress(done: int, total: int) -> None:
            bar.progress(done / total if total else 1.0, text=f"Đang nhúng {done}/{total} đoạn")

        payload = []
        for f in files:
            if f.size > MAX_BYTES:
                st.sidebar.error(f"{f.name}: tệp quá lớn (tối đa {MAX_BYTES // (1024 * 1024)} MB).")
                continue
            payload.append((f.name, f.getvalue()))
        with st.sidebar.status("Đang lập chỉ mục…"):
            report, errors = ingest_uploads(payload, settings.index_dir, uploads_dir(), embedder, progress)
        bar.empty()
        for message in errors:
            st.sidebar.error(message)
        if report is not None and (report.added or report.changed):
            get_searcher.clear()
            st.sidebar.success(f"Đã thêm {len(report.added)} và cập nhật {len(report.changed)} văn bản.")
        elif report is not None and report.unchanged:
            st.sidebar.info("Văn bản đã có trong chỉ mục, không có gì thay đổi.")

    if store is not None and store.documents:
        doc_ids = sorted(store.documents, key=lambda d: doc_label(store, d))
        target = st.sidebar.selectbox(
            "Xoá văn bản khỏi chỉ mục",
            doc_ids,
            format_func=lambda d: doc_label(store, d),
            index=None,
            key="remove_doc",
            placeholder="Chọn văn bản cần xoá…",
        )
        if target is not None and st.sidebar.button("Xoá văn bản này", key="remove_btn"):
            embedder = get_embedder(settings.model, settings.allow_download)
            remove_document(target, store, settings.index_dir, uploads_dir(), embedder)
            get_searcher.clear()
            st.session_state.pop("remove_doc", None)
            st.rerun()


def sidebar_feedback_export() -> None:
    st.sidebar.header("Góp ý")
    st.sidebar.download_button(
        "Tải góp ý (CSV)",
        export_csv(feedback_db()).encode("utf-8-sig"),
        file_name="gop-y.csv",
        mime="text/csv",
        key="feedback_csv",
    )


def render_hit(
    store: IndexStore, hit: Hit, rank: int, top_score: float, result: SearchResult, msg_id: int
) -> None:
    with st.container(border=True):
        st.markdown(f"**{escape_text(hit.citation)}**", unsafe_allow_html=True)
        st.caption(match_label(rank, hit, top_score, result.answer_found))
        question = (
            result.analysis.shown_as if result.analysis and result.analysis.shown_as else result.question
        )
        st.markdown(render_passage_html(hit.chunk.text, question), unsafe_allow_html=True)
        st.code(hit.citation, language=None)
        st.button(
            "Xem trong văn bản",
            key=f"view_{msg_id}_{rank}",
            help="Mở toàn văn ở thanh bên, điều khoản này được mở sẵn và tô vàng",
            on_click=open_in_viewer,
            args=(hit.chunk.doc_id, hit.chunk.chunk_id, question, hit.citation),
        )
        with st.expander("Các điều khoản lân cận"):
            prev, nxt = neighbours(store, hit.chunk)
            if prev is None and nxt is None:
                st.caption("Không có điều khoản lân cận.")
            for label, chunk in (("Trước", prev), ("Sau", nxt)):
                if chunk is not None:
                    st.markdown(
                        f"**{label}: {escape_text(chunk.section or chunk.kind)}**", unsafe_allow_html=True
                    )
                    st.text(chunk.text)


def render_answer(store: IndexStore, message: dict, msg_id: int) -> None:
    if message.get("error"):
        st.warning(message["error"])
        return
    result: SearchResult = message["result"]
    if result.analysis and result.analysis.shown_as:
        st.markdown(
            f"Có phải bạn muốn hỏi: *{escape_text(result.analysis.shown_as)}*", unsafe_allow_html=True
        )
    for note in result.notes:
        st.info(note)
    if not result.answer_found:
        st.markdown(NO_ANSWER)
        if result.hits:
            st.subheader("Có thể liên quan")
    top = result.hits[0].score if result.hits else 0.0
    for rank, hit in enumerate(result.hits):
        render_hit(store, hit, rank, top, result, msg_id)
    if message.get("voted") is None:
        c1, c2, _ = st.columns([1, 1, 3])
        up = c1.button("Hữu ích", key=f"fb_up_{msg_id}")
        down = c2.button("Không hữu ích", key=f"fb_down_{msg_id}")
        if up or down:
            record_feedback(feedback_db(), result.question, results_for_feedback(result), bool(up))
            message["voted"] = bool(up)
            st.rerun()
    else:
        st.caption("Cảm ơn góp ý của bạn!")


def answer(searcher: Searcher, question: str, filters: Filters) -> dict:
    try:
        result = searcher.search(question, top_k=TOP_K, filters=filters)
    except QueryError as exc:
        return {"role": "assistant", "question": question, "error": str(exc)}
    return {"role": "assistant", "question": question, "result": result, "voted": None}


def main() -> None:
    st.set_page_config(page_title="Hỏi đáp văn bản Công đoàn", page_icon="📘", layout="wide")
    st.markdown(CSS, unsafe_allow_html=True)
    init_state()
    settings = Settings.from_env()
    st.title("Hỏi đáp văn bản Công đoàn")

    searcher: Searcher | None = None
    try:
        searcher = open_app_searcher(settings)
    except IndexMissingError:
        st.warning(
            f"Chưa có chỉ mục văn bản tại `{settings.index_dir}`. Hãy xây dựng chỉ mục bằng lệnh:\n\n"
            "```\npython -m ingest\n```\n\n(lập chỉ mục các văn bản trong thư mục corpus/), "
            "hoặc tải văn bản lên ở thanh bên."
        )
    except (IndexMismatchError, EmbedderError) as exc:
        st.error(str(exc))

    store = searcher.store if searcher is not None else None
    filters = Filters()
    if store is not None:
        filters = sidebar_filters(store)
        sidebar_overview(store)
        sidebar_viewer(store)
    sidebar_manage(settings, store)
    sidebar_feedback_export()
    if searcher is None or store is None:
        return

    toast = st.session_state.pop("viewer_toast", None)
    if toast:
        st.toast(toast)
    st.caption(
        "Hỏi bằng tiếng Việt (có hoặc không dấu) hoặc tiếng Anh; mỗi câu trả lời kèm trích dẫn điều khoản."
    )
    examples = st.empty()
    if not st.session_state.messages:
        with examples.container():
            st.markdown("**Câu hỏi mẫu:**")
            for i, q in enumerate(EXAMPLE_QUESTIONS):
                if st.button(q, key=f"example_{i}"):
                    st.session_state.pending = q

    for msg_id, message in enumerate(st.session_state.messages):
        with st.chat_message(message["role"]):
            if message["role"] == "user":
                st.text(message["content"])
            else:
                render_answer(store, message, msg_id)

    typed = st.chat_input("Nhập câu hỏi về văn bản…", key="chat_input")
    question = typed or st.session_state.pending
    st.session_state.pending = None
    if question:
        examples.empty()  # the examples are for an empty conversation
        st.session_state.messages.append({"role": "user", "content": question})
        with st.chat_message("user"):
            st.text(question)
        with st.spinner("Đang tìm…"):
            reply = answer(searcher, question, filters)
        st.session_state.messages.append(reply)
        with st.chat_message("assistant"):
            render_answer(store, reply, len(st.session_state.messages) - 1)


if __name__ == "__main__":
    main()
