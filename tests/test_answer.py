"""index/answer.py (answer read at a glance) and index/export.py (Word, Excel), on small texts
written for these tests (not the dev set's questions)."""

from __future__ import annotations

import io
from dataclasses import replace

from index.answer import BEST, GOOD, MAYBE, group_answers, label_for, short_answer, split_sentences
from index.export import Column, ExportAnswer, ExportClause, answers_docx, table_xlsx
from index.search import Hit, SearchConfig, SearchResult
from ingest.document import Chunk, DocMeta, Document

TARGETS = (
    "II. CHỈ TIÊU\n"
    "- 95% trở lên công nhân được tuyên truyền về pháp luật lao động.\n"
    "- Kết nạp mới 2.340 đoàn viên trong năm 2026.\n"
    "- Thành lập 15 công đoàn cơ sở theo Quyết định số 118-QĐ/TLĐ."
)


def test_short_answer_number_skips_years_numbering_and_document_numbers():
    assert short_answer(TARGETS, "Năm 2026 kết nạp mới bao nhiêu đoàn viên?") == "2.340 đoàn viên"
    assert short_answer(TARGETS, "Thành lập bao nhiêu công đoàn cơ sở?") == "15 công đoàn cơ sở"
    # A number in an unrelated sentence is not an answer.
    assert short_answer("- Thực hiện theo Quyết định số 217-QĐ/TW.", "Có bao nhiêu đoàn viên mới?") is None


def test_short_answer_date_prefers_a_day_over_a_frequency():
    text = "5. Công đoàn ngành trung ương định kỳ hằng năm gửi báo cáo sơ kết về Ban Tổ chức trước ngày 15/12."
    assert short_answer(text, "Công đoàn ngành gửi báo cáo sơ kết khi nào?") == "trước ngày 15/12"
    assert short_answer("Tổng kết việc thực hiện vào quý II năm 2027.", "Khi nào tổng kết việc thực hiện?") == (
        "vào quý II năm 2027"
    )


def test_short_answer_names_unit_and_signer():
    clause = "6. Ban Nữ công: Chủ trì hướng dẫn chăm lo cho lao động nữ tại khu công nghiệp."
    assert short_answer(clause, "Ban nào hướng dẫn chăm lo cho lao động nữ?") == "Ban Nữ công"
    given = "3. Giao Ban Tuyên giáo chủ trì biên soạn tài liệu tuyên truyền."
    assert short_answer(given, "Ai biên soạn tài liệu tuyên truyền?") == "Ban Tuyên giáo"
    signature = "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH\n(Đã ký)\nLê Thị Minh Châu"
    assert short_answer(signature, "Ai ký văn bản này?", "signature") == "Lê Thị Minh Châu"
    assert short_answer(clause, "Nội dung tuyên truyền gồm những gì?") is None


def test_split_sentences_keeps_clause_numbers_with_their_sentence():
    assert split_sentences("2.1. Mở đầu. Tiếp theo.\nIII. TỔ CHỨC") == ["2.1. Mở đầu.", "Tiếp theo.", "III. TỔ CHỨC"]


class _Store:
    def __init__(self, chunks, calibration=None, offtopic=None):
        self.chunks = chunks
        self.calibration = calibration
        self.offtopic = offtopic

    def doc_chunks(self, doc_id):
        return [c for c in self.chunks if c.doc_id == doc_id]


def _chunk(order, path, text, part=1, parts=1, place=""):
    return Chunk(f"d#{order}", "d", order, "clause", path, text, part=part, parts=parts, place=place)


def test_split_clause_shown_once_with_all_parts_and_honest_labels():
    doc = Document("d", "d.txt", "", "h", "txt", DocMeta(doc_type="KẾ HOẠCH", number="9-KH/X"))
    parts = [_chunk(i, ("II. CHỈ TIÊU",), f"phần {i}", part=i, parts=3) for i in (1, 2, 3)]
    other = _chunk(4, ("III.", "1."), "khác")
    far = _chunk(5, ("III.", "2."), "xa")
    store = _Store([*parts, other, far])
    cfg = SearchConfig()
    hits = [
        Hit(parts[1], doc, 1.0, 0.95, 1.0, 0.5),
        Hit(other, doc, 0.9, cfg.abstain.cosine_threshold(None) + 0.01, None, 0.0),
        Hit(parts[2], doc, 0.8, 0.9, None, 0.0),
        Hit(far, doc, 0.5, 0.70, None, 0.0),
    ]
    answers = group_answers(SearchResult("q", True, hits), store, cfg)
    assert [a.citation for a in answers] == [
        "Kế hoạch 9-KH/X › II. CHỈ TIÊU",
        "Kế hoạch 9-KH/X › III. › 1.",
        "Kế hoạch 9-KH/X › III. › 2.",
    ]
    assert answers[0].text == "phần 1\nphần 2\nphần 3"
    assert [a.label for a in answers] == [BEST, GOOD, MAYBE]
    # Parts cut at their bullets: the whole clause is shown, the bullet that answered is cited.
    bullets = [replace(p, place=f"gạch đầu dòng thứ {p.part}") for p in parts]
    (cited, *_) = group_answers(SearchResult("q", True, [Hit(bullets[1], doc, 1.0, 0.95, 1.0, 0.5)]), _Store([*bullets, other]), cfg)
    assert cited.citation == "Kế hoạch 9-KH/X › II. CHỈ TIÊU › gạch đầu dòng thứ 2" and cited.text == "phần 1\nphần 2\nphần 3"
    # On an index where questions score higher, the same cosine is no longer called a match (the
    # calibrated rule; the raw-cosine rule ignores the calibrations). Both calibrations are set to
    # the value whose threshold is 0.05 above the raw one, whatever shares the fitted rule uses.
    rule = cfg.abstain
    shares = rule.calibration_weight + rule.offtopic_weight
    moves = rule.rule == "calibrated" and shares > 0
    higher = (rule.cosine_threshold(None) + 0.05 - rule.min_margin) / shares if moves else 1.0
    strict = _Store([*parts, other, far], calibration=higher, offtopic=higher)
    labels = [a.label for a in group_answers(SearchResult("q", True, hits), strict, cfg)]
    assert labels == ([BEST, MAYBE, MAYBE] if moves else [BEST, GOOD, MAYBE])
    # The same with a rule that follows only the off-topic calibration (its share fitted > 0).
    offtopic_only = replace(cfg, abstain=replace(rule, rule="calibrated", calibration_weight=0.0, offtopic_weight=0.5))
    higher_offtopic = (offtopic_only.abstain.cosine_threshold(None) + 0.05 - rule.min_margin) / 0.5
    for store, expected in (
        (_Store([*parts, other, far], calibration=None, offtopic=higher_offtopic), [BEST, MAYBE, MAYBE]),
        (_Store([*parts, other, far], calibration=higher, offtopic=None), [BEST, GOOD, MAYBE]),  # no value: raw cosine
    ):
        assert [a.label for a in group_answers(SearchResult("q", True, hits), store, offtopic_only)] == expected
    # The search said the documents do not answer: no clause is called a match.
    unanswered = SearchResult("q", False, hits)
    assert {label_for(i, h, unanswered, cfg) for i, h in enumerate(hits)} == {MAYBE}


def test_docx_export_opens_and_holds_clauses_and_citations():
    from docx import Document as WordDocument

    data = answers_docx(
        [
            ExportAnswer(
                "Năm 2026 kết nạp bao nhiêu đoàn viên?",
                [ExportClause("Kế hoạch 9-KH/X › II. CHỈ TIÊU", TARGETS)],
                "2.340 đoàn viên",
            ),
            ExportAnswer("Câu hỏi khác\x07?", [], None, "Các văn bản hiện có không trả lời."),
        ]
    )
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(data)).paragraphs)
    assert "- Kết nạp mới 2.340 đoàn viên trong năm 2026." in text
    assert "(Nguồn: Kế hoạch 9-KH/X › II. CHỈ TIÊU)" in text
    assert "Trả lời ngắn: 2.340 đoàn viên" in text and "Câu hỏi khác?" in text


def test_xlsx_export_keeps_text_as_text():
    from openpyxl import load_workbook

    data = table_xlsx(
        [{"unit": "Ban Tổ chức", "task": "=HYPERLINK(\"x\")"}, {"unit": "CĐCS", "task": None}],
        [Column("unit", "Đơn vị"), Column("task", "Nhiệm vụ")],
    )
    ws = load_workbook(io.BytesIO(data)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["Đơn vị", "Nhiệm vụ"]
    assert rows[1] == ["Ban Tổ chức", '=HYPERLINK("x")'] and ws["B2"].data_type == "s"
    assert rows[2][0] == "CĐCS"


def test_a_point_is_shown_and_printed_under_its_lead_in():
    doc = Document("d", "d.txt", "", "h", "txt", DocMeta(doc_type="LUẬT", number="9/2031/QH16", title="Nhà ở"))
    lead = "1. Người lao động có các quyền sau đây:"
    point = Chunk("d#1", "d", 1, "clause", ("Điều 5", "Khoản 1", "Điểm d"), "d) Từ chối làm việc nguy hiểm;", context=("Điều 5. Quyền", lead))
    hit = Hit(point, doc, 1.0, 0.95, 1.0, 0.5)
    (answer,) = group_answers(SearchResult("q", True, [hit]), _Store([point]), SearchConfig())
    assert answer.text == f"{lead}\nd) Từ chối làm việc nguy hiểm;"
    assert hit.to_dict()["text"] == answer.text  # the CLI's JSON prints the same
    assert point.text == "d) Từ chối làm việc nguy hiểm;"  # what is indexed does not change


def test_a_lead_in_shown_above_an_earlier_clause_is_not_listed_again():
    doc = Document("d", "d.txt", "", "h", "txt", DocMeta(doc_type="LUẬT", number="9/2031/QH16", title="Nhà ở"))
    lead = "Điều 21. Phạm vi được hưởng\nNgười tham gia được quỹ chi trả các chi phí sau đây:"
    article = Chunk("d#0", "d", 0, "clause", ("Điều 21",), lead)
    khoan = Chunk("d#1", "d", 1, "clause", ("Điều 21", "Khoản 1"), "1. Khám bệnh, chữa bệnh;", context=(" ".join(lead.split()),))
    other = Chunk("d#2", "d", 2, "clause", ("Điều 22",), "Điều 22. Mức hưởng\nQuỹ chi trả 80% chi phí.")
    hits = [Hit(c, doc, 1.0 - k / 10, 0.9, 1.0, 0.5) for k, c in enumerate((khoan, other, article))]
    answers = group_answers(SearchResult("q", True, hits), _Store([article, khoan, other]), SearchConfig())
    assert [a.chunks[0].chunk_id for a in answers] == ["d#1", "d#2"]
    assert answers[0].text.startswith("Điều 21. Phạm vi")
    # Listed first, the lead-in stays: the khoản after it is shown under it as before.
    first = group_answers(SearchResult("q", True, [hits[2], hits[0]]), _Store([article, khoan, other]), SearchConfig())
    assert [a.chunks[0].chunk_id for a in first] == ["d#0", "d#1"]
