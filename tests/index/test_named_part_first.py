"""The signature (or recipients) of the one document a question names comes first when the question
asks who signed it (whom it went to): index.search.Searcher._named_part_first. Two invented texts of
one union's congress (tests/data/election-rules/): election rules whose clauses speak of electing
and signing, and a plan signed by someone else; indexed once per session."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "data" / "election-rules"


@pytest.fixture(scope="session")
def congress_searcher(searcher_of):
    return searcher_of(DOCS, 2)


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


def test_a_question_about_what_the_rules_say_of_signing_is_not_about_their_signature(congress_searcher):
    first = congress_searcher.search("Ai ký biên bản kiểm phiếu?", top_k=3).hits[0]
    assert first.chunk.kind == "clause" and "biên bản kiểm phiếu" in first.chunk.text


def test_signed_in_a_question_about_content_does_not_put_the_signature_first(congress_searcher):
    question = "Within how many days must the ballot boxes be prepared after the election rules are signed?"
    first = congress_searcher.search(question, top_k=3).hits[0]
    assert first.chunk.kind != "signature"


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
