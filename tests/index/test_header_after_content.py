"""A header block does not answer a question about content (index.search.Searcher._content_before_header):
an invented company regulation whose header names its whole subject (tests/data/heat-rules/),
indexed once per session."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ingest.document import HEADER_LABEL

RULES = Path(__file__).resolve().parent.parent / "data" / "heat-rules"


@pytest.fixture(scope="session")
def rules_searcher(searcher_of):
    return searcher_of(RULES, 1)


def _first(searcher, question, config=None):
    ranked, _ = searcher.rank(searcher.retrieve(question), config)
    return searcher.store.chunks[ranked[0]]


def test_a_question_about_content_gets_content_before_the_header(rules_searcher):
    question = "Khi nào tổ chức hội thao công nhân?"
    # Without the rule the header block, which holds the subject's words, comes first.
    off = _first(rules_searcher, question, replace(rules_searcher.config, header_after_content=False))
    assert off.path == (HEADER_LABEL,)
    first = _first(rules_searcher, question)
    assert first.path != (HEADER_LABEL,) and first.kind in ("clause", "preamble")


def test_a_question_about_who_issued_the_text_keeps_the_header(rules_searcher):
    first = _first(rules_searcher, "Quy định về làm việc trong thời tiết nắng nóng do ai ban hành, ngày nào?")
    assert first.path == (HEADER_LABEL,)


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("Quy định làm việc ngoài trời trong thời tiết nắng nóng có số hiệu là gì?", True),
        ("Quy định về nắng nóng kính gửi những ai?", True),
        # Its legal bases are the header's too.
        ("Quy định về nắng nóng căn cứ vào văn bản nào?", True),
        ("Which laws is the heat regulation based on?", True),
        ("Quy định về nắng nóng dựa trên cơ sở pháp lý nào?", True),
        # "Căn cứ …" meaning "according to", and "cần cù" (hard-working), ask about content.
        ("Căn cứ quy định nắng nóng, công nhân xây dựng được hưởng chế độ gì?", False),
        ("Căn cứ vào đâu để dừng làm việc ngoài trời khi nắng nóng?", False),
        ("Công nhân cần cù làm việc ngoài trời khi nắng nóng được gì?", False),
        ("Based on the regulation on outdoor work in hot weather, what do construction workers get?", False),
        ("Khi nào tổ chức hội thao công nhân?", False),
    ],
)
def test_what_only_the_header_says_keeps_the_header_first(rules_searcher, question, kept):
    chunks = rules_searcher.store.chunks
    header = next(r for r, c in enumerate(chunks) if c.path == (HEADER_LABEL,))
    clause = next(r for r, c in enumerate(chunks) if c.kind == "clause")
    ranked = [header, clause]
    moved = rules_searcher._content_before_header(ranked, rules_searcher.retrieve(question))
    assert (moved == ranked) is kept
