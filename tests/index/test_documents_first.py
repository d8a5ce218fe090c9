"""A document the question names comes first, and a year it names rules out a series' other years
(index.search.Searcher._documents_first): two invented yearly plans of one federation
(tests/data/yearly-plans/), alike but for their numbers and dates, indexed once per session."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

PLANS = Path(__file__).resolve().parent.parent / "data" / "yearly-plans"


@pytest.fixture(scope="session")
def plans_searcher(searcher_of):
    return searcher_of(PLANS, 2)


def _first_document(searcher, question: str) -> str:
    hit = searcher.search(question, top_k=3).hits[0]
    return hit.document.meta.number or ""


# Each pair asks the same of both plans: whichever the search by meaning prefers, one of the two
# fails unless the number or year asked decides.
@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("Kế hoạch 08 tặng bao nhiêu suất quà?", "08-KH/LĐLĐ"),
        ("Kế hoạch 12 tặng bao nhiêu suất quà?", "12-KH/LĐLĐ"),
        ("Kế hoạch số 08-KH/LĐLĐ: hạn gửi danh sách tặng quà là ngày nào?", "08-KH/LĐLĐ"),
        ("Kế hoạch số 12-KH/LĐLĐ: hạn gửi danh sách tặng quà là ngày nào?", "12-KH/LĐLĐ"),
        ("Tháng Công nhân năm 2025 tặng mấy suất quà?", "08-KH/LĐLĐ"),
        ("Tháng Công nhân năm 2024 tặng mấy suất quà?", "12-KH/LĐLĐ"),
        ("thang cong nhan 2025 cong doan co so bao cao truoc ngay nao", "08-KH/LĐLĐ"),
        ("thang cong nhan 2024 cong doan co so bao cao truoc ngay nao", "12-KH/LĐLĐ"),
        ("Giải bóng đá Tháng Công nhân 2025 có bao nhiêu đội?", "08-KH/LĐLĐ"),
        ("Giải bóng đá Tháng Công nhân 2024 có bao nhiêu đội?", "12-KH/LĐLĐ"),
    ],
)
def test_the_document_or_year_asked_for_comes_first(plans_searcher, question, number):
    assert _first_document(plans_searcher, question) == number
    # All of its clauses the search found come before any of the other plan's.
    cands = plans_searcher.retrieve(question)
    ranked, _ = plans_searcher.rank(cands)
    numbers = [
        plans_searcher.store.documents[plans_searcher.store.chunks[r].doc_id].meta.number for r in ranked
    ]
    assert numbers == sorted(numbers, key=lambda n: n != number), numbers


def test_both_years_or_none_leave_the_order_to_the_search(plans_searcher):
    plain = plans_searcher.search("Giải bóng đá công nhân có bao nhiêu đội?", top_k=4)
    for question in (
        "Giải bóng đá công nhân năm 2024 và năm 2025 có bao nhiêu đội?",
        "Giải bóng đá công nhân đến năm 2030 có bao nhiêu đội?",
    ):
        other = plans_searcher.search(question, top_k=4)
        assert {h.document.doc_id for h in other.hits[:2]} == {h.document.doc_id for h in plain.hits[:2]}, (
            question
        )


def test_the_rule_can_be_switched_off_to_measure_it(plans_searcher):
    off = type(plans_searcher)(
        plans_searcher.store,
        plans_searcher.embedder,
        config=replace(plans_searcher.config, named_documents_first=False),
    )
    cands = off.retrieve("Kế hoạch 08 tặng bao nhiêu suất quà?")
    assert cands.named_documents  # the name is read either way; only the order is switched
    ranked_off, _ = off.rank(cands)
    ranked_on, _ = plans_searcher.rank(cands)
    assert sorted(ranked_off) == sorted(ranked_on)


def test_a_place_two_documents_have_is_said_to_be_in_both(plans_searcher):
    both = plans_searcher.search("Mục II quy định gì?", top_k=5)
    assert any(
        "có trong 2 văn bản" in note and "08-KH/LĐLĐ" in note and "12-KH/LĐLĐ" in note for note in both.notes
    )
    one = plans_searcher.search("Mục II Kế hoạch 08 quy định gì?", top_k=5)
    assert not any("có trong" in note for note in one.notes)


LAW_AND_AGREEMENT = Path(__file__).resolve().parent.parent / "data" / "law-and-agreement"


@pytest.mark.parametrize(
    ("question", "document", "article"),
    [
        # "thỏa ước" is the topic, not the company's agreement: the law answers.
        ("Thỏa ước lao động tập thể vô hiệu toàn bộ khi nào?", "luat-trich.txt", "Điều 86"),
        ("Theo Điều 86, thỏa ước lao động tập thể vô hiệu khi nào?", "luat-trich.txt", "Điều 86"),
        # The agreement named with a place it has.
        ("Điều 2 thỏa ước quy định gì?", "thoa-uoc-an-lac.txt", "Điều 2"),
    ],
)
def test_an_agreement_named_by_its_kind_alone_comes_first_only_for_its_own_places(
    searcher_of, question, document, article
):
    searcher = searcher_of(LAW_AND_AGREEMENT, 2)
    first = searcher.search(question, top_k=3).hits[0]
    assert first.document.doc_id == document and article in first.chunk.path, first.citation


# A decision and the regulation it issues (its Điều 1–3), beside a law with an Điều 2 of its own
# (tests/data/decision-and-law/, invented).
DECISION_AND_LAW = Path(__file__).resolve().parent.parent / "data" / "decision-and-law"


@pytest.fixture(scope="session")
def decision_searcher(searcher_of):
    return searcher_of(DECISION_AND_LAW, 2)


@pytest.mark.parametrize(
    "question",
    ["Điều 2 quy chế chi tiêu nội bộ", "dieu 2 quy che chi tieu noi bo quy dinh gi", "Điều 2 của quy chế"],
)
def test_a_regulation_issued_with_a_decision_is_named_by_its_title_or_kind(decision_searcher, question):
    result = decision_searcher.search(question, top_k=3)
    assert all(
        hit.chunk.path[0].startswith("Quy chế") and hit.chunk.path[2] == "Điều 2" for hit in result.hits
    )
    assert not result.notes  # no note asking which document was meant


# Named by the issued text's title alone, as by its title and "quy định gì" (blind 19).
@pytest.mark.parametrize("question", ["dieu 2 quy che chi tieu noi bo quy dinh gi", "Điều 2 quy chế chi tiêu nội bộ"])
def test_a_place_only_asked_to_be_read_comes_in_its_order(decision_searcher, question):
    result = decision_searcher.search(question, top_k=3)
    assert [hit.chunk.path[-1] for hit in result.hits] == ["Khoản 1", "Khoản 2", "Khoản 3"]


def test_a_verb_is_not_the_regulations_name(decision_searcher):
    # "Điều 2 quy định gì": what does Điều 2 say, in either document; the note says where it is.
    result = decision_searcher.search("Điều 2 quy định gì?", top_k=4)
    assert len({hit.chunk.doc_id for hit in result.hits}) == 2
    assert result.notes


# A law of 2024 and a charter, both with an Điều 3 (tests/data/law-and-charter/, invented).
LAW_AND_CHARTER = Path(__file__).resolve().parent.parent / "data" / "law-and-charter"


@pytest.fixture(scope="session")
def law_and_charter_searcher(searcher_of):
    return searcher_of(LAW_AND_CHARTER, 2)


# Both ask what the charter's Điều 3 answers better than the law: the law is named.
@pytest.mark.parametrize(
    "question",
    [
        "Điều 3 Luật Phúc lợi người lao động 2019: hội viên ốm đau được thăm hỏi không?",
        "luat phuc loi nguoi lao dong nam 2019 quy dinh hoi vien om dau duoc tham hoi the nao",
    ],
)
def test_another_edition_asked_gets_the_edition_held_first(law_and_charter_searcher, question):
    result = law_and_charter_searcher.search(question, top_k=3)
    assert result.notes and "2019" in result.notes[0]  # the edition asked is not loaded: said so
    assert all(hit.document.meta.number == "12/2024/QH15" for hit in result.hits)


def _with_parts(*paths: tuple[str, ...]):
    from types import SimpleNamespace

    from index.search import Searcher

    s = object.__new__(Searcher)
    s.store = SimpleNamespace(chunks=[SimpleNamespace(doc_id=f"d{i}", path=p) for i, p in enumerate(paths)])
    return s


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Điều 3 quy định về chế độ thăm hỏi", True),  # its kind and title words
        ("Điều 3 quy định về nguyên tắc gì?", False),  # the verb: what does Điều 3 say
        ("Điều 3 quy định gì?", False),
        ("Điều 3 hướng dẫn gì?", False),
    ],
)
def test_a_kind_that_is_a_verb_names_an_issued_text_only_with_its_title(question, named):
    from index.query import QueryAnalysis

    s = _with_parts(("Quy định Về chế độ thăm hỏi đoàn viên", "Điều 3"), ("Chương I", "Điều 3"))
    part = s._attached_part_named(QueryAnalysis(question, "vi"), [0, 1])
    assert (part == ("d0", "Quy định Về chế độ thăm hỏi đoàn viên")) is named


def test_another_edition_does_not_override_a_document_named_by_its_kind(law_and_charter_searcher):
    # The charter is named ("theo điều lệ"); the law's 2019 edition is asked about too.
    q = "Theo điều lệ, hội viên ốm đau được thăm hỏi không? Luật Phúc lợi người lao động 2019 có quy định không?"
    result = law_and_charter_searcher.search(q, top_k=3)
    assert any(hit.document.meta.doc_type == "ĐIỀU LỆ" for hit in result.hits)


def test_a_place_missing_from_an_excerpt_is_said_to_be_missing_from_the_excerpt():
    from types import SimpleNamespace

    from index.references import Resolution, parse
    from index.search import Searcher
    from ingest.document import DocMeta

    law = DocMeta(doc_type="LUẬT", number="52/2031/QH16", title="Bảo hiểm xã hội", name="Luật Bảo hiểm xã hội 52/2031/QH16")
    code = DocMeta(doc_type="BỘ LUẬT", number="45/2019/QH14", title="Lao động", name="Bộ luật Lao động 45/2019/QH14")
    s = object.__new__(Searcher)
    s.store = SimpleNamespace(
        documents={"law": SimpleNamespace(meta=law), "code": SimpleNamespace(meta=code)},
        chunks=[
            SimpleNamespace(doc_id="law", kind="preamble", path=("Phần mở đầu",), text="LUẬT\nBẢO HIỂM XÃ HỘI\n(Trích Chương III)"),
            SimpleNamespace(doc_id="code", kind="preamble", path=("Phần mở đầu",), text="BỘ LUẬT\nLAO ĐỘNG"),
            # A copy's closing note says so too; a guidance on "trích nộp" (paying in) does not.
            SimpleNamespace(doc_id="dl", kind="clause", path=("Phần kết",), text="(Trích từ Điều lệ; CĐCS sao gửi các tổ)"),
            SimpleNamespace(doc_id="hd", kind="preamble", path=("Phần mở đầu",), text="HƯỚNG DẪN\nTrích nộp kinh phí công đoàn"),
        ],
    )
    assert s._excerpts == {"law", "dl"}

    def note(doc: str, question: str) -> str:
        refs = parse(question)
        cands = SimpleNamespace(
            other_editions=(), other_document=False, analysis=SimpleNamespace(question=question),
            resolution=Resolution(refs, (doc,), (), refs, False),
        )
        return s._reference_notes(cands, None)[-1]

    assert note("law", "Điều 51 Luật Bảo hiểm xã hội") == (
        "Không tìm thấy Điều 51 trong Luật Bảo hiểm xã hội 52/2031/QH16 (bản đã nạp là bản trích)."
    )
    assert note("code", "Điều 400 Bộ luật Lao động") == "Không tìm thấy Điều 400 trong Bộ luật Lao động 45/2019/QH14."


# A district resolution and a ward plan that implements it and names it (tests/data/
# resolution-and-plan/, invented): plans quote the resolution they carry out.
RESOLUTION_AND_PLAN = Path(__file__).resolve().parent.parent / "data" / "resolution-and-plan"


@pytest.fixture(scope="session")
def resolution_searcher(searcher_of):
    return searcher_of(RESOLUTION_AND_PLAN, 2)


@pytest.mark.parametrize(
    ("question", "number", "place"),
    [
        # The resolution is what the conference is about; the plan holds the conference.
        ("Hội nghị quán triệt Nghị quyết 07 cho ban chấp hành công đoàn cơ sở tổ chức tháng mấy?", "04/KH-CĐP", "II"),
        ("hoi nghi quan triet nghi quyet 07 cho bch cong doan co so to chuc thang may", "04/KH-CĐP", "II"),
        # Read in the resolution: it comes first, as before.
        ("Theo Nghị quyết 07, các chi bộ phải quán triệt xong trước ngày nào?", "07-NQ/HU", "II"),
        ("Nghị quyết 07 đặt mục tiêu kết nạp bao nhiêu đảng viên đến năm 2030?", "07-NQ/HU", "I"),
    ],
)
def test_a_clause_that_names_the_document_asked_about_is_about_it_too(resolution_searcher, question, number, place):
    first = resolution_searcher.search(question, top_k=3).hits[0]
    assert first.document.meta.number == number and first.chunk.path[0].startswith(place), first.citation


def test_a_document_read_as_the_source_is_told_from_one_mentioned(resolution_searcher):
    names = resolution_searcher._document_names
    resolution = frozenset({"nghi-quyet-07.txt"})
    assert names.named_as_source(["theo nghi quyet 07 thi ai huong dan"], resolution)
    assert names.named_as_source(["According to Nghị quyết 07-NQ/HU, who guides the study?"], resolution)
    assert names.named_as_source(["Căn cứ Nghị quyết 07, …"], resolution)
    assert not names.named_as_source(["Hội nghị quán triệt Nghị quyết 07 tổ chức khi nào?"], resolution)
