"""Everyday wording → the documents' wording (index.everyday), on invented tables and questions."""

from __future__ import annotations

from index.everyday import Everyday
from index.query import DiacriticRestorer, analyze

TABLE = Everyday.from_pairs(
    [("tăng ca", "làm thêm giờ"), ("nghỉ việc", "chấm dứt hợp đồng lao động"), ("xin nghỉ việc", "đơn phương chấm dứt"), ("bố", "cha")]
)


def test_phrases_match_whole_words_longest_first():
    assert TABLE.legal_terms("Tăng ca ngày lễ được trả bao nhiêu?") == ["làm thêm giờ"]
    # "xin nghỉ việc" is one phrase, not also "nghỉ việc".
    assert TABLE.legal_terms("Muốn xin nghỉ việc phải báo trước mấy ngày") == ["đơn phương chấm dứt"]
    # "bố" inside another word ("bốc") is not "bố".
    assert TABLE.legal_terms("Kết quả bốc thăm") == []
    assert TABLE.legal_terms("Bố mất được nghỉ mấy ngày") == ["cha"]


def test_legal_wording_goes_to_the_lexical_query_only():
    analysis = analyze("Tăng ca vào chủ nhật được trả thế nào?", everyday=TABLE)
    assert analysis.legal_terms == ("làm thêm giờ",)
    assert "làm thêm giờ" in analysis.lexical_query
    assert all("làm thêm giờ" not in q for q in analysis.dense_queries)
    # No table, no change.
    assert analyze("Tăng ca vào chủ nhật được trả thế nào?", everyday=Everyday()).legal_terms == ()


def test_a_question_typed_without_accents_is_matched_after_restoration():
    restorer = DiacriticRestorer.from_texts(["Người lao động tăng ca, làm thêm giờ vào ngày nghỉ."])
    analysis = analyze("tang ca ngay nghi duoc tra the nao", restorer=restorer, everyday=TABLE)
    assert analysis.legal_terms == ("làm thêm giờ",)


def test_english_questions_are_left_to_the_glossary():
    assert analyze("How much overtime pay on Sunday?", everyday=TABLE).legal_terms == ()
