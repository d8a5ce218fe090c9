"""The signature (or recipients) of the one document a question names comes first when the question
asks who signed it (whom it went to): index.search.Searcher._named_part_first; and the line of
minutes naming a meeting's chair or secretary when asked who chaired it or took its minutes
(_meeting_role_first). Four invented texts of one company's union (tests/data/election-rules/):
election rules whose clauses speak of electing and signing, a plan signed by someone else, the
committee's minutes whose conclusions open "Chủ trì cuộc họp kết luận", and a dialogue's minutes
with chairs of their own and a task's "Chủ trì:" in a conclusion; indexed once per session."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "data" / "election-rules"


@pytest.fixture(scope="session")
def congress_searcher(searcher_of):
    return searcher_of(DOCS, 4)


@pytest.mark.parametrize(
    ("question", "kind", "number"),
    [
        ("Who signed the election rules of the congress?", "signature", "03/QC-ĐH"),
        ("Ai đứng ra ký quy chế bầu cử?", "signature", "03/QC-ĐH"),
        ("ai ky quy che bau cu dai hoi", "signature", "03/QC-ĐH"),
        ("Who signed the plan for the congress?", "signature", "21/KH-CĐCS"),
        ("Quy chế bầu cử gửi cho những ai?", "recipients", "03/QC-ĐH"),
    ],
)
def test_the_named_documents_part_comes_first_and_answers(congress_searcher, question, kind, number):
    result = congress_searcher.search(question, top_k=3)
    first = result.hits[0]
    assert (first.chunk.kind, first.document.meta.number) == (kind, number)
    assert result.answer_found


def test_a_question_reading_its_answer_in_the_named_document_is_left_to_the_search(congress_searcher):
    # "Theo quy chế …, ai ký biên bản kiểm phiếu?" asks what the rules say (Điều 3: the head of the
    # ballot committee), not who signed them: the rule leaves the order as the search made it.
    off = type(congress_searcher)(
        congress_searcher.store, congress_searcher.embedder, config=replace(congress_searcher.config, named_part_first=False)
    )
    cands = congress_searcher.retrieve("Theo quy chế bầu cử, ai ký biên bản kiểm phiếu?")
    assert cands.named_documents
    assert congress_searcher.rank(cands)[0] == off.rank(cands)[0]


def test_signed_in_a_question_about_content_does_not_put_the_signature_first(congress_searcher):
    question = "Within how many days must the ballot boxes be prepared after the election rules are signed?"
    first = congress_searcher.search(question, top_k=3).hits[0]
    assert first.chunk.kind != "signature"


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("Ai chủ trì cuộc họp Ban Chấp hành chuẩn bị đại hội ngày 20/02?", "1. Ông Trần Minh Đức"),
        ("Who chaired the executive committee meeting on preparing the congress?", "1. Ông Trần Minh Đức"),
        ("ai lam thu ky cuoc hop ban chap hanh", "Thư ký cuộc họp: Bà Đỗ Thu Trang"),
        ("Cuộc họp Ban Chấp hành chuẩn bị đại hội do ai chủ trì?", "1. Ông Trần Minh Đức"),
        # The other meeting's own chair and secretary, not the committee's.
        ("Ai chủ trì hội nghị đối thoại quý II tại nơi làm việc?", "Chủ trì hội nghị: Ông Phạm Văn Long"),
        ("Who took the minutes of the workplace dialogue conference?", "Thư ký hội nghị: Bà Lê Thị Mai"),
    ],
)
def test_the_line_naming_a_meetings_chair_or_secretary_comes_first(congress_searcher, question, start):
    first = congress_searcher.search(question, top_k=3).hits[0]
    assert first.chunk.text.startswith(start)


@pytest.mark.parametrize(
    "question", ["Ai chuẩn bị hòm phiếu và hội trường?", "Ai chủ trì chuẩn bị hội trường cho đại hội?"]
)
def test_a_question_about_who_leads_a_task_is_not_about_the_meetings_chair(congress_searcher, question):
    first = congress_searcher.search(question, top_k=3).hits[0]
    assert "hội trường" in first.chunk.text and "Chủ trì" not in first.chunk.text


@pytest.mark.parametrize("question", ["Kế hoạch do ai ký?", "ke hoach duoc ai ky", "Ai là người ký kế hoạch và giữ chức vụ gì?"])
def test_the_only_plan_is_named_by_its_kind_whatever_the_question_asks_next(congress_searcher, question):
    first = congress_searcher.search(question, top_k=3).hits[0]
    assert (first.chunk.kind, first.document.meta.number) == ("signature", "21/KH-CĐCS")


def test_the_rule_can_be_switched_off_to_measure_it(congress_searcher):
    off = type(congress_searcher)(
        congress_searcher.store, congress_searcher.embedder, config=replace(congress_searcher.config, named_part_first=False)
    )
    cands = off.retrieve("Who signed the election rules of the congress?")
    assert cands.named_documents
    ranked_on, _ = congress_searcher.rank(cands)
    ranked_off, _ = off.rank(cands)
    assert congress_searcher.store.chunks[ranked_on[0]].kind == "signature"
    assert set(ranked_on) >= set(ranked_off)


LETTERS = Path(__file__).resolve().parent.parent / "data" / "letters"


@pytest.mark.parametrize(
    "question",
    ["Công văn 21/CĐCS-QM gửi cho cơ quan nào?", "cong van 21 gui cho ai", "Who was letter 21/CĐCS-QM sent to?"],
)
def test_recipients_as_above_put_the_headers_addressee_first(searcher_of, question):
    # "Nơi nhận: - Như trên;": whom the letter went to, its header's "Kính gửi: …" says.
    result = searcher_of(LETTERS, 2).search(question, top_k=3)
    first = result.hits[0]
    assert first.document.meta.number == "21/CĐCS-QM"
    assert "Kính gửi: Bảo hiểm xã hội thị xã Quế Võ" in first.chunk.text
    assert result.hits[1].chunk.kind == "recipients"


@pytest.mark.parametrize("line", ["- Như trên;", "– Như trên;", "- Như kính gửi;", "- Lưu: VP CĐCS;\n- Như trên;"])
def test_recipients_as_above_however_typed(line):
    from index.search import _AS_ABOVE
    from ingest.normalize import fold

    assert _AS_ABOVE.search(fold(f"Nơi nhận:\n{line}"))


def test_recipients_that_name_their_addressees_stay_first(searcher_of):
    first = searcher_of(LETTERS, 2).search("Thông báo 22/TB-CĐCS gửi cho ai?", top_k=3).hits[0]
    assert first.chunk.kind == "recipients" and first.document.meta.number == "22/TB-CĐCS"
