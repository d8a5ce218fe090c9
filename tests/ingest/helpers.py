"""Small builders shared by the ingest tests."""

from __future__ import annotations

import io

import docx


def docx_bytes(build) -> bytes:
    """A .docx made by python-docx: `build(document)` adds the content."""
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
