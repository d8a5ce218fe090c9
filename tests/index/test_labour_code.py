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
        ("Can my boss make me work overtime every weekend without limit?", "Điều 107"),
        ("When does night work start and end?", "Điều 106"),
        ("How much extra annual leave do I get after five years with the same company?", "Điều 114"),
    ],
)
def test_english_questions_find_the_article(chapter_vii, question, article):
    # Written for this test (not in eval/): English through the glossary and the typed question.
    result = chapter_vii.search(question, top_k=3)
    assert any(article in h.chunk.path for h in result.hits), [h.chunk.path for h in result.hits]
