"""The Streamlit app (app.py): end-to-end through AppTest on a small index, plus its helpers."""

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


def _app():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
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


def test_canonical_question_shows_card_with_citation(app_env):
    at = _app()
    assert at.button(key="example_0").label == CANONICAL
    _ask(at, CANONICAL)
    page = _page_text(at)
    assert "Ban Tổ chức" in page
    assert any("48-KH/ĐĐTLD" in c for c in _citations(at))
    assert at.button(key="fb_up_1").label == "Hữu ích"
    assert at.button(key="fb_down_1").label == "Không hữu ích"
    assert NO_ANSWER_TEXT() not in page

    # Feedback is stored once, the question is not asked again on the rerun.
    at.button(key="fb_up_1").click().run()
    assert not at.exception, at.exception
    assert len(at.chat_message) == 2
    from index.feedback import export_csv

    rows = list(csv.DictReader(io.StringIO(export_csv(os.environ["HOIDAP_FEEDBACK"]))))
    assert [(r["question"], r["useful"]) for r in rows] == [(CANONICAL, "1")]
    assert "48-KH/ĐĐTLD" in rows[0]["results"]


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


def test_unanswerable_question_abstains(app_env):
    at = _app()
    _ask(at, "Thủ tục đăng ký kết hôn cần những giấy tờ gì?")
    assert NO_ANSWER_TEXT() in _page_text(at)


def test_example_button_and_overview(app_env):
    at = _app()
    sidebar = "\n".join(m.value for m in at.sidebar.markdown)
    assert "Văn bản: **2**" in sidebar
    at.button(key="example_0").click().run()
    assert not at.exception
    assert any("48-KH/ĐĐTLD" in c for c in _citations(at))


def test_view_in_document_opens_clause_highlighted(app_env):
    at = _app()
    _ask(at, CANONICAL)
    button = at.button(key="view_1_0")
    assert button.label == "Xem trong văn bản"
    button.click().run()
    assert not at.exception, at.exception

    # The viewer now shows the answer's document …
    assert at.sidebar.selectbox(key="viewer_doc").value == DOC_48
    sidebar = "\n".join(m.value for m in at.sidebar.markdown)
    assert "48-KH/ĐĐTLD" in sidebar
    # … with its whole outline, only the answer's clause open, its text highlighted.
    outline = at.sidebar.expander
    assert len(outline) > 10
    opened = [e for e in outline if e.proto.expanded]
    assert [e.label for e in opened] == ["III. TỔ CHỨC THỰC HIỆN › 4."]
    focus = [m.value for m in opened[0].markdown]
    assert len(focus) == 1 and 'class="hoidap-passage hoidap-focus"' in focus[0]
    assert '<mark class="hoidap-best">Ban Tổ chức&#58; Tham mưu chỉ đạo' in focus[0]
    assert "<script" not in focus[0]
    other = [m.value for e in outline if e not in opened for m in e.markdown]
    assert other and not any("<mark" in v for v in other)
    assert any("48-KH/ĐĐTLD" in t.value for t in at.toast)
    # The jump scrolls the viewer to the clause (a constant script, nothing interpolated).
    assert any("hoidap-focus" in h.value and "scrollIntoView" in h.value for h in at.sidebar.get("html"))
    # The conversation stays as it was: no question asked again.
    assert len(at.chat_message) == 2

    # Choosing another document by hand drops the highlight; "Bỏ đánh dấu" too.
    at.sidebar.selectbox(key="viewer_doc").set_value(DOC_LAI_CHAU).run()
    assert not at.exception, at.exception
    assert not any(e.proto.expanded for e in at.sidebar.expander)
    at.button(key="view_1_0").click().run()
    assert any(e.proto.expanded for e in at.sidebar.expander)
    at.sidebar.button(key="viewer_unfocus").click().run()
    assert not at.exception, at.exception
    assert at.sidebar.selectbox(key="viewer_doc").value == DOC_48
    assert not any(e.proto.expanded for e in at.sidebar.expander)


def NO_ANSWER_TEXT() -> str:
    import app

    return app.NO_ANSWER


def test_missing_index_message(tmp_path, monkeypatch):
    monkeypatch.setenv("HOIDAP_INDEX", str(tmp_path / "nothing"))
    at = _app()
    assert any("python -m ingest" in w.value for w in at.warning)


# --- helpers ------------------------------------------------------------------------------------


def test_feedback_round_trip(tmp_path):
    from index.feedback import export_csv, record_feedback

    db = tmp_path / "fb" / "feedback.sqlite"
    assert export_csv(db).strip() == "time,question,results,useful"
    record_feedback(db, CANONICAL, [{"citation": "Kế hoạch 48-KH/ĐĐTLD › III. › 4."}], True)
    record_feedback(db, "câu hỏi khác, có dấu phẩy", [], False)
    rows = list(csv.DictReader(io.StringIO(export_csv(db))))
    assert [r["question"] for r in rows] == [CANONICAL, "câu hỏi khác, có dấu phẩy"]
    assert [r["useful"] for r in rows] == ["1", "0"]
    assert json.loads(rows[0]["results"])[0]["citation"].startswith("Kế hoạch 48-KH/ĐĐTLD")
    assert rows[0]["time"]


def test_passage_rendering_escapes_html_and_markdown():
    import app

    text = "Mở đầu. <script>alert(1)</script> và **đậm** [link](javascript:x)\nBan Tổ chức chịu trách nhiệm phát triển đoàn viên."
    out = app.render_passage_html(text, "Ai chịu trách nhiệm phát triển đoàn viên?")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "**" not in out and "](" not in out
    assert "<mark>Ban Tổ chức chịu trách nhiệm phát triển đoàn viên.</mark>" in out
    assert out.count("<mark>") == 1
    assert "\n" not in out  # one HTML line: Markdown never sees the content


def test_safe_upload_name_ignores_browser_path():
    from index import library

    assert library.safe_upload_name("../../etc/passwd", b"x") is None
    name = library.safe_upload_name("C:\\Users\\a\\Quyết định.DOCX", b"abc")
    assert name is not None and name.endswith(".docx") and "/" not in name and "Quy" not in name


@pytest.mark.skipif(not DECREE.exists(), reason="external decree not available")
def test_upload_helper_adds_document_and_reports_bad_file(small_index, embedder, tmp_path):
    from index import library
    from index.search import Searcher
    from index.store import load_index

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
