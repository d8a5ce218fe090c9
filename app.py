"""Hỏi đáp văn bản Công đoàn — the Streamlit app.

    streamlit run app.py

A UI over index/: one Settings object (index/config.py) and one cached engine (ui/common.py);
the pages only show results and pass user actions on. Pages, as in streamlit/llm-examples:
pages/hoi_dap.py (questions), pages/thu_vien.py (document library and reader, uploads),
pages/ai_lam_gi.py (who does what, by when).
"""

from __future__ import annotations

import streamlit as st

from ui.common import APP_TITLE, css, settings

PAGES = (
    ("pages/hoi_dap.py", "Hỏi đáp", ":material/forum:"),
    ("pages/thu_vien.py", "Thư viện văn bản", ":material/library_books:"),
    ("pages/ai_lam_gi.py", "Ai làm gì", ":material/assignment_ind:"),
)


def main() -> None:
    st.set_page_config(page_title=APP_TITLE, page_icon="📘", layout="wide")
    st.markdown(css(), unsafe_allow_html=True)
    pages = [st.Page(path, title=title, icon=icon, default=i == 0) for i, (path, title, icon) in enumerate(PAGES)]
    current = st.navigation(pages)
    try:
        current.run()
    except Exception as exc:  # the last guard: one Vietnamese line on the page, the traceback in the log
        from index.errors import report_unexpected
        from ui.common import escape_text

        try:
            log_file = settings().log_file
        except Exception:  # the settings themselves may be what failed (a bad HOIDAP_* value)
            from index.config import DEFAULT_LOG as log_file
        st.error(escape_text(report_unexpected(log_file, "hiển thị trang", exc)))


if __name__ == "__main__":
    main()
