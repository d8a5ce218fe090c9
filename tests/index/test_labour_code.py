"""Legal structure end to end on a real excerpt: Chương VII of the Labour Code 2019 (text edition
in ../shared), indexed on its own so the test stays small."""

from pathlib import Path

import pytest

LABOUR_CODE = Path(__file__).resolve().parents[3] / "shared" / "external" / "text" / "bo-luat-lao-dong-2019_45-2019-QH14.txt"


@pytest.fixture(scope="module")
def chapter_vii(tmp_path_factory, embedder):
    if not LABOUR_CODE.exists():
        pytest.skip("../shared/external/text not present")
    from index.search import Searcher
    from index.store import load_index
    from ingest.build import update_index

    text = LABOUR_CODE.read_text(encoding="utf-8")
    header = text[: text.index("Chương I:")]
    chapter = text[text.index("Chương VII:") : text.index("Chương VIII:")]
    folder = tmp_path_factory.mktemp("blld")
    (folder / "blld-chuong-vii.txt").write_text(header + chapter, encoding="utf-8")
    index_dir = folder / "index"
    update_index([folder / "blld-chuong-vii.txt"], index_dir, embedder)
    return Searcher(load_index(index_dir), embedder)


def test_paths_end_at_article_or_clause(chapter_vii):
    paths = [c.path for c in chapter_vii.store.chunks if c.kind == "clause"]
    assert paths and all(p[-1].startswith(("Điều", "Khoản", "Điểm")) for p in paths)
    assert ("Chương VII", "Mục 1", "Điều 105", "Khoản 1") in paths


def test_weekly_hours_question_returns_article_105_first(chapter_vii):
    result = chapter_vii.search("một tuần làm việc tối đa bao nhiêu giờ", top_k=3)
    assert "Điều 105" in result.hits[0].chunk.path
    assert result.hits[0].citation.startswith("Bộ luật Lao động 45/2019/QH14 › Chương VII")


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("How many days off do workers get for the Lunar New Year?", "Điều 112"),
        ("When does night work start and end?", "Điều 106"),
        ("How much extra annual leave do I get after five years with the same company?", "Điều 114"),
        # Everyday wording (the glossary's everyday entries), written before running them.
        ("Do I get paid time off for my wedding?", "Điều 115"),
        ("How long is my break on a night shift?", "Điều 109"),
        ("How many days of annual leave do I get?", "Điều 113"),
        # A death in the family, written before running them. They pass with the glossary before
        # the session-10 kin entries too (e5 reads the English, "died"/"dies" → chết was there).
        ("My father-in-law died. How many days of paid leave can I take?", "Điều 115"),
        ("Can I take a day off when my brother dies?", "Điều 115"),
    ],
)
def test_english_questions_find_the_article(chapter_vii, question, article):
    # Written for this test (not in eval/): English through the glossary and the typed question.
    # Among the first five (R@5): with the everyday glossary, "every weekend" → "ngày nghỉ hằng
    # tuần" puts the weekly rest day (Điều 111) first and the overtime limits (Điều 107) fifth.
    result = chapter_vii.search(question, top_k=5)
    assert any(article in h.chunk.path for h in result.hits), [h.chunk.path for h in result.hits]


def test_a_question_leaning_on_a_neighbouring_article_still_lists_the_answer(chapter_vii):
    # "every weekend" → the weekly rest day: Điều 111's khoản rank first. Until session 13 the
    # per-article spread held every further khoản of an article behind all other articles, and
    # Điều 107 (overtime limits) was fifth; it now only keeps two khoản of one article from
    # following each other (the old spread put the answering khoản of a short agreement 49th),
    # and Điều 107 is eighth: among the eight the app shows, not in the CLI's default five.
    result = chapter_vii.search("Can my boss make me work overtime every weekend without limit?", top_k=8)
    assert any("Điều 107" in h.chunk.path for h in result.hits), [h.chunk.path for h in result.hits]


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("Điều 113 Bộ luật Lao động quy định gì?", ("Điều 113",)),
        ("khoan 2 dieu 113 bo luat lao dong", ("Điều 113", "Khoản 2")),
        ("What does Article 112 of the Labour Code say?", ("Điều 112",)),
        ("Theo Điều 107, người lao động được làm thêm tối đa bao nhiêu giờ một năm?", ("Điều 107",)),
    ],
)
def test_a_named_article_comes_first_and_answers(chapter_vii, question, place):
    result = chapter_vii.search(question, top_k=5)
    assert result.answer_found
    assert all(p in result.hits[0].chunk.path for p in place), result.hits[0].chunk.path
    assert not result.notes


def test_an_article_the_document_lacks_is_not_found(chapter_vii):
    # The excerpt holds Chương VII only (Điều 105-115); the Code has no Điều 400 at all.
    for question in ("Điều 400 Bộ luật Lao động quy định gì?", "Điều 35 Bộ luật Lao động quy định gì?"):
        result = chapter_vii.search(question, top_k=3)
        assert not result.answer_found
        assert result.notes and "Bộ luật Lao động 45/2019/QH14" in result.notes[0]
        assert result.to_dict()["notes"] == result.notes


def test_an_article_of_another_document_is_not_taken_for_this_ones(chapter_vii):
    # Luật Đất đai is not indexed: its Điều 107 is not the Code's, so nothing is forced, and the
    # note says the document asked for is not among those loaded.
    question = "Điều 107 Luật Đất đai quy định gì?"
    assert chapter_vii.retrieve(question).resolution is None
    result = chapter_vii.search(question, top_k=3)
    assert result.notes == ["Văn bản mà câu hỏi nêu không có trong các văn bản đã nạp; kết quả dưới đây lấy từ các văn bản đã nạp."]
    # Without a place, a document named in passing adds no note.
    assert not chapter_vii.search("Luật Đất đai quy định gì về làm thêm giờ?", top_k=3).notes
    assert chapter_vii.retrieve("Điều 107 quy định gì?").resolution.rows  # naming no document: this one


def test_another_edition_of_a_held_document_is_noted(chapter_vii):
    # The index holds the 2019 Code; the 2012 edition's Điều 107 is another text, so it is not
    # forced first, and the answer says which edition the results come from.
    for question in ("Điều 107 Bộ luật Lao động 2012 quy định gì?", "BLLĐ năm 2012 quy định làm thêm giờ thế nào?"):
        result = chapter_vii.search(question, top_k=3)
        assert chapter_vii.retrieve(question).resolution is None
        assert len(result.notes) == 1
        assert "Bộ luật Lao động 45/2019/QH14" in result.notes[0] and "2012" in result.notes[0]
    assert not chapter_vii.search("Điều 107 Bộ luật Lao động 2019 quy định gì?", top_k=3).notes


@pytest.mark.parametrize(
    "question",
    [
        "Điều 113 BLLĐ",
        "dieu 113 bo luat lao dong",
        "Điều 113 và 114 Bộ luật Lao động",
        "Điều 113 Bộ luật Lao động quy định gì?",
        "What does Article 113 of the Labour Code say?",
    ],
)
def test_a_question_that_only_names_an_article_reads_it_in_order(chapter_vii, question):
    # Nothing but the place, or only asking to read it: its clauses in the document's order, not in
    # the search's.
    result = chapter_vii.search(question, top_k=8)
    paths = [h.chunk.path for h in result.hits if "Điều 113" in h.chunk.path]
    assert result.answer_found and len(paths) >= 3
    assert "Điều 113" in result.hits[0].chunk.path
    assert [p[-1] for p in paths[:3]] == ["Khoản 1", "Khoản 2", "Khoản 3"]
    # and the scores shown fall down the list as they do for any other question.
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)
