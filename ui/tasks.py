"""The responsibility map ("Ai làm gì"): choose a unit, see its tasks across the documents with
deadlines and citations, jump to the clause, export the table to Excel. The records come from
index/tasks.py; this page only shows them."""

from __future__ import annotations

import streamlit as st

from index.export import Column, table_xlsx
from index.store import IndexStore
from index.tasks import Assignment, assignments, filter_by_unit, units
from ui.common import escape_text

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
READER_PAGE = "pages/thu_vien.py"
ROLE_NAMES = {
    "chủ trì": "Chủ trì",
    "phối hợp": "Phối hợp",
    "tham mưu": "Tham mưu",
    "thực hiện": "Thực hiện",
    "báo cáo": "Báo cáo",
}
COLUMNS = (
    Column("unit_full", "Đơn vị", 30),
    Column("role", "Vai trò", 12),
    Column("task", "Nhiệm vụ", 70),
    Column("deadline", "Thời hạn", 22),
    Column("citation", "Trích dẫn", 45),
)


def unit_option(unit: str, records: list[Assignment]) -> str:
    full = next((r.unit_full for r in records if r.unit == unit and r.unit_full), unit)
    return unit if full == unit else f"{unit} ({full})"


def open_in_reader(record: Assignment) -> None:
    previous = st.session_state.get("reader_focus") or {}
    st.session_state.reader_doc = record.doc_id
    st.session_state.reader_focus = {
        "doc_id": record.doc_id,
        "chunk_ids": [record.chunk_id],
        "question": record.task,
        "jump": previous.get("jump", 0) + 1,
    }


def export_rows(records: list[Assignment]) -> list[dict]:
    return [
        {**r.to_dict(), "unit_full": r.unit_full or r.unit, "role": ROLE_NAMES.get(r.role, r.role)} for r in records
    ]


@st.cache_data(show_spinner=False, max_entries=4)
def _assignments(index_dir: str, built_at: str, _store: IndexStore) -> list[Assignment]:
    # Read once per build of the index (the other arguments are the cache key): every click on
    # the page reruns it, and every clause of every document is read for its hand-outs.
    return assignments(_store)


def page(store: IndexStore) -> None:
    st.title("Ai làm gì")
    st.caption("Nhiệm vụ các văn bản giao cho từng đơn vị, kèm thời hạn và trích dẫn.")
    records = _assignments(str(store.directory), store.manifest.get("built_at", ""), store)
    if not records:
        st.info("Chưa tìm thấy nhiệm vụ được giao cho đơn vị nào trong các văn bản hiện có.")
        return
    names = units(records)
    c1, c2 = st.columns([1, 1])
    unit = c1.selectbox(
        "Chọn đơn vị", names, index=None, key="tasks_unit", placeholder=f"Tất cả {len(names)} đơn vị",
        format_func=lambda u: unit_option(u, records),
    )  # fmt: skip
    typed = c2.text_input("hoặc gõ tên đơn vị (có thể viết tắt, không dấu)", key="tasks_query")
    chosen = records
    if unit is not None:
        chosen = [r for r in chosen if r.unit == unit]
    if typed.strip():
        chosen = filter_by_unit(chosen, typed)
    docs = {r.doc_id for r in chosen}
    st.markdown(f"**{len(chosen)} nhiệm vụ** trong {len(docs)} văn bản")
    if chosen:
        label = unit or typed.strip() or "tat-ca"
        st.download_button(
            "Tải bảng Excel (.xlsx)", table_xlsx(export_rows(chosen), COLUMNS, sheet="Ai làm gì"),
            file_name=f"ai-lam-gi-{len(chosen)}-nhiem-vu.xlsx", mime=XLSX_MIME, key="tasks_xlsx",
            icon=":material/download:", help=f"Các nhiệm vụ đang hiển thị ({escape_text(label)})",
        )  # fmt: skip
    else:
        st.info("Không có nhiệm vụ nào của đơn vị khớp tên đã gõ.")
    for i, record in enumerate(chosen):
        with st.container(border=True):
            head = f"**{escape_text(record.unit_full or record.unit)}** · {escape_text(ROLE_NAMES.get(record.role, record.role))}"
            deadline = record.deadline or "không nêu thời hạn"
            st.markdown(f"{head} · Thời hạn: **{escape_text(deadline)}**", unsafe_allow_html=True)
            st.markdown(f'<div class="hoidap-passage">{escape_text(record.task)}</div>', unsafe_allow_html=True)
            st.code(record.citation, language=None, wrap_lines=True)
            if st.button("Xem trong văn bản", key=f"task_view_{i}", icon=":material/menu_book:"):
                open_in_reader(record)
                st.switch_page(READER_PAGE)
