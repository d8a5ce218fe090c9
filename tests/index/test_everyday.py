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


def _searcher_over(texts: list[str]):
    """A searcher's everyday table as its index's documents would leave it (no model needed)."""
    from types import SimpleNamespace

    from index.search import Searcher

    s = object.__new__(Searcher)
    s.store = SimpleNamespace(chunks=[SimpleNamespace(text=t) for t in texts])
    s.everyday, s._everyday_here = TABLE, None
    return s


def test_a_pair_is_left_out_where_the_documents_use_the_everyday_words_themselves():
    # A company's agreement that says "tăng ca": the question's "tăng ca" is the document's word.
    agreement = _searcher_over(["Người lao động tăng ca được trả thêm 150% tiền lương.", "Bố mẹ của người lao động"])
    question = "Tăng ca ngày lễ được trả bao nhiêu? Nghỉ việc thì sao?"
    assert agreement._everyday_for_index().legal_terms(question) == ["chấm dứt hợp đồng lao động"]
    # A law that says "làm thêm giờ" only: the worker's "tăng ca" is bridged.
    code = _searcher_over(["Người lao động làm thêm giờ được trả lương.", "Chấm dứt hợp đồng lao động"])
    assert code._everyday_for_index().legal_terms(question) == ["làm thêm giờ", "chấm dứt hợp đồng lao động"]
    # The filtered table is made once per table, not per question.
    assert code._everyday_for_index() is code._everyday_for_index()


def test_other_words_written_alike_do_not_count():
    # "tăng cả về số lượng" is not "tăng ca"; "bốc" is not "bố".
    report = _searcher_over(["Đoàn viên tăng cả về số lượng và chất lượng.", "Kết quả bốc thăm."])
    assert report._everyday_for_index().legal_terms("Tăng ca thì sao? Bố mất thì sao?") == ["làm thêm giờ", "cha"]
