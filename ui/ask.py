"""The question page: a chat whose answers read at a glance — the short answer and the best
clause first (its answering sentence highlighted, one citation), the other clauses folded below;
feedback with a comment; clear the conversation; export to Word."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from index.answer import Answer, group_answers, short_answer
from index.export import ExportAnswer, ExportClause, answers_docx
from index.feedback import record_feedback
from index.query import QueryError
from index.search import Filters, Searcher, SearchResult
from index.store import IndexStore
from ui.common import doc_label, escape_text, render_passage_html, settings, type_label

EXAMPLE_QUESTIONS = (
    "Ai chịu trách nhiệm phát triển đoàn viên trong các tổ chức kinh tế tập thể?",
    "Chỉ tiêu phát triển đoàn viên năm 2025 là bao nhiêu?",
    "Các liên đoàn lao động tỉnh báo cáo kết quả thực hiện kế hoạch trước ngày nào?",
)
NO_ANSWER = "Các văn bản hiện có không trả lời trực tiếp câu hỏi này."
TOP_K = 8
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
READER_PAGE = "pages/thu_vien.py"


def make_filters(
    doc_ids: Sequence[str], doc_types: Sequence[str], issuers: Sequence[str], years: Sequence[int]
) -> Filters:
    def opt(values: Sequence) -> frozenset | None:
        return frozenset(values) if values else None

    return Filters(doc_ids=opt(doc_ids), doc_types=opt(doc_types), issuers=opt(issuers), years=opt(years))


def shown_question(result: SearchResult) -> str:
    return result.analysis.shown_as if result.analysis and result.analysis.shown_as else result.question


def answer(searcher: Searcher, question: str, filters: Filters) -> dict:
    try:
        result = searcher.search(question, top_k=TOP_K, filters=filters)
    except QueryError as exc:
        return {"role": "assistant", "question": question, "error": str(exc)}
    answers = group_answers(result, searcher.store, searcher.config)
    short = None
    if result.answer_found and answers:
        short = short_answer(answers[0].text, shown_question(result), answers[0].chunks[0].kind)
    return {
        "role": "assistant",
        "question": question,
        "result": result,
        "answers": answers,
        "short": short,
        "voted": None,
    }


def export_items(messages: list[dict], picks: Mapping | None = None) -> list[ExportAnswer]:
    """The conversation as export records: every clause shown, or (given the session's
    "pick_<message>_<clause>" checkboxes) only the ticked ones."""
    chosen_only = picks is not None
    items = []
    for msg_id, message in enumerate(messages):
        if message.get("role") != "assistant" or "answers" not in message:
            continue
        answers: list[Answer] = message["answers"]
        picked = [
            a for i, a in enumerate(answers) if picks is None or picks.get(f"pick_{msg_id}_{i}")
        ]
        if chosen_only and not picked:
            continue
        note = None if message["result"].answer_found else NO_ANSWER
        clauses = [ExportClause(a.citation, a.text) for a in picked]
        items.append(ExportAnswer(message["question"], clauses, message.get("short"), note))
    return items


# --- drawing ------------------------------------------------------------------------------------


def sidebar_filters(store: IndexStore) -> Filters:
    st.sidebar.subheader("Tìm trong")
    docs = store.documents
    doc_ids = sorted(docs, key=lambda d: doc_label(store, d))
    chosen_docs = st.sidebar.multiselect(
        "Văn bản", doc_ids, format_func=lambda d: doc_label(store, d), key="filter_docs",
        placeholder="Tất cả văn bản", select_all=False,
    )  # fmt: skip
    types = sorted({d.meta.doc_type for d in docs.values() if d.meta.doc_type})
    chosen_types = st.sidebar.multiselect(
        "Loại văn bản", types, format_func=type_label, key="filter_types", placeholder="Tất cả",
        select_all=False,
    )  # fmt: skip
    issuers = sorted({d.meta.issuer for d in docs.values() if d.meta.issuer})
    chosen_issuers = st.sidebar.multiselect(
        "Cơ quan ban hành", issuers, key="filter_issuers", placeholder="Tất cả", select_all=False
    )
    years = sorted({d.meta.year for d in docs.values() if d.meta.year}, reverse=True)
    chosen_years = st.sidebar.multiselect("Năm", years, key="filter_years", placeholder="Tất cả", select_all=False)
    return make_filters(chosen_docs, chosen_types, chosen_issuers, chosen_years)


def sidebar_conversation() -> None:
    messages = st.session_state.messages
    st.sidebar.subheader("Hội thoại")
    if st.sidebar.button("Xoá hội thoại", key="clear_chat", disabled=not messages, icon=":material/delete_sweep:"):
        st.session_state.messages = []
        for key in [k for k in st.session_state if str(k).startswith(("pick_", "fb_comment_"))]:
            del st.session_state[key]
        st.rerun()
    scope = st.sidebar.radio(
        "Xuất ra Word", ["Các điều khoản đã chọn", "Toàn bộ hội thoại"], key="export_scope",
        help="Mỗi điều khoản kèm trích dẫn, dán thẳng vào báo cáo.",
    )  # fmt: skip
    items = export_items(messages, st.session_state if scope == "Các điều khoản đã chọn" else None)
    st.sidebar.download_button(
        "Tải tệp Word (.docx)", answers_docx(items, title="Trích dẫn văn bản — Hỏi đáp") if items else b"",
        file_name="hoi-dap-van-ban.docx", mime=DOCX_MIME, key="export_docx", disabled=not items,
        icon=":material/download:",
    )  # fmt: skip
    if not items:
        st.sidebar.caption(
            "Đánh dấu «Chọn để xuất» ở các điều khoản muốn đưa vào báo cáo."
            if messages
            else "Chưa có câu trả lời nào để xuất."
        )


def open_in_reader(answer_: Answer, question: str) -> None:
    previous = st.session_state.get("reader_focus") or {}
    st.session_state.reader_doc = answer_.document.doc_id
    st.session_state.reader_focus = {
        "doc_id": answer_.document.doc_id,
        "chunk_ids": [c.chunk_id for c in answer_.chunks],
        "question": question,
        "jump": previous.get("jump", 0) + 1,
    }


def render_clause(answer_: Answer, question: str, msg_id: int, i: int) -> None:
    with st.container(border=True):
        st.markdown(f'<span class="hoidap-label">{escape_text(answer_.label)}</span>', unsafe_allow_html=True)
        st.code(answer_.citation, language=None, wrap_lines=True)
        st.markdown(render_passage_html(answer_.text, question), unsafe_allow_html=True)
        c1, c2 = st.columns([1, 1])
        if c1.button("Xem trong văn bản", key=f"view_{msg_id}_{i}", icon=":material/menu_book:"):
            open_in_reader(answer_, question)
            st.switch_page(READER_PAGE)
        c2.checkbox("Chọn để xuất Word", key=f"pick_{msg_id}_{i}")


def render_feedback(message: dict, msg_id: int) -> None:
    if message.get("voted") is not None:
        st.caption("Cảm ơn góp ý của bạn!")
        return
    popover = st.popover("Góp ý về câu trả lời", icon=":material/rate_review:", key=f"fb_pop_{msg_id}")
    with popover, st.form(f"fb_form_{msg_id}", border=False):
        verdict = st.radio(
            "Câu trả lời này", ["Hữu ích", "Không hữu ích"], key=f"fb_verdict_{msg_id}", horizontal=True
        )
        comment = st.text_area("Nhận xét (không bắt buộc)", key=f"fb_comment_{msg_id}", max_chars=2000)
        sent = st.form_submit_button("Gửi góp ý")
    if sent:
        result: SearchResult = message["result"]
        shown = [{"citation": a.citation, "label": a.label} for a in message["answers"]]
        record_feedback(settings().feedback_db, result.question, shown, verdict == "Hữu ích", comment or "")
        message["voted"] = verdict == "Hữu ích"
        st.rerun()


def render_answer(message: dict, msg_id: int) -> None:
    if message.get("error"):
        st.warning(escape_text(message["error"]))
        return
    result: SearchResult = message["result"]
    answers: list[Answer] = message["answers"]
    question = shown_question(result)
    if result.analysis and result.analysis.shown_as:
        st.markdown(f"Có phải bạn muốn hỏi: *{escape_text(result.analysis.shown_as)}*", unsafe_allow_html=True)
    for note in result.notes:
        st.info(escape_text(note))
    if not answers:
        st.markdown(NO_ANSWER)
        return
    if result.answer_found:
        if message.get("short"):
            st.markdown(
                f'<div class="hoidap-short">{escape_text(message["short"])}</div>', unsafe_allow_html=True
            )
    else:
        st.markdown(f"{NO_ANSWER} Đoạn gần nhất:")
    render_clause(answers[0], question, msg_id, 0)
    if len(answers) > 1:
        with st.expander(f"Các điều khoản khác ({len(answers) - 1})"):
            for i, other in enumerate(answers[1:], start=1):
                render_clause(other, question, msg_id, i)
    render_feedback(message, msg_id)


def page(searcher: Searcher) -> None:
    store = searcher.store
    if "messages" not in st.session_state:
        st.session_state.messages = []
    filters = sidebar_filters(store)
    sidebar_conversation()

    st.title("Hỏi đáp văn bản")
    st.caption(
        "Hỏi bằng tiếng Việt (có hoặc không dấu) hoặc tiếng Anh; mỗi câu trả lời kèm trích dẫn điều khoản."
    )
    pending = None
    examples = st.empty()
    if not st.session_state.messages:
        with examples.container():
            st.markdown("**Câu hỏi mẫu:**")
            for i, q in enumerate(EXAMPLE_QUESTIONS):
                if st.button(q, key=f"example_{i}"):
                    pending = q

    for msg_id, message in enumerate(st.session_state.messages):
        with st.chat_message(message["role"]):
            if message["role"] == "user":
                st.text(message["content"])
            else:
                render_answer(message, msg_id)

    typed = st.chat_input("Nhập câu hỏi về văn bản…", key="chat_input")
    question = typed or pending
    if question:
        examples.empty()  # the examples are for an empty conversation
        st.session_state.messages.append({"role": "user", "content": question})
        with st.chat_message("user"):
            st.text(question)
        with st.spinner("Đang tìm…"):
            reply = answer(searcher, question, filters)
        st.session_state.messages.append(reply)
        st.rerun()  # drawn once, by the loop above, with its widgets keyed by position
