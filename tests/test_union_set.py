"""The union question set (eval/union_questions.jsonl) stays true to its documents (eval/union/):
every answerable question's quote is in one clause of its gold article, once."""

from __future__ import annotations

import json
import unicodedata
from functools import cache

from ingest.chunking import chunk_document
from ingest.pipeline import read_document
from tests.conftest import ROOT

UNION = ROOT / "eval" / "union"


def _rows() -> list[dict]:
    text = (ROOT / "eval" / "union_questions.jsonl").read_text(encoding="utf-8")
    return [json.loads(x) for x in text.splitlines() if x.strip()]


@cache
def _chunks(name: str):
    return chunk_document(read_document(UNION / name))


def _nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_every_quote_is_in_one_clause_of_its_article():
    rows = _rows()
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["lang"] for r in rows} == {"vi", "vi-noaccent", "en"}
    for r in rows:
        if not r["answerable"]:
            assert r["doc"] is None and r["quote"] is None, r["id"]
            continue
        holding = [c for c in _chunks(r["doc"]) if _nfc(r["quote"]) in _nfc(c.text)]
        assert len(holding) == 1, (r["id"], [c.path for c in holding])
        assert r["article"] in holding[0].path, (r["id"], holding[0].path)


def test_the_user_documents_set_quotes_its_documents():
    """eval/user_docs_questions.jsonl (the held-out `user-docs` pool): every answerable question's
    quote is in a clause of its document."""
    folder = ROOT / "eval" / "user_docs"
    text = (ROOT / "eval" / "user_docs_questions.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(x) for x in text.splitlines() if x.strip()]
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["lang"] for r in rows} == {"vi", "vi-noaccent", "en"}
    chunks = {p.name: chunk_document(read_document(p)) for p in folder.iterdir()}
    for r in rows:
        if not r["answerable"]:
            assert r["doc"] is None and r["quote"] is None, r["id"]
            continue
        assert any(_nfc(r["quote"]) in _nfc(c.text) for c in chunks[r["doc"]]), r["id"]
