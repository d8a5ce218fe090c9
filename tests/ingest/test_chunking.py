from pathlib import Path

from ingest.chunking import MAX_CHARS, chunk_document, indexed_text
from ingest.document import citation
from ingest.pipeline import read_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
KH48 = CORPUS / "ke-hoach-48-KH-DDTLD-nghi-quyet-20-kinh-te-tap-the.txt"


def test_canonical_clause_is_one_chunk_with_its_path():
    doc = read_document(KH48)
    chunks = chunk_document(doc)
    (clause,) = [c for c in chunks if c.text.startswith("4. Ban Tổ chức")]
    assert clause.text == "4. Ban Tổ chức: Tham mưu chỉ đạo, hướng dẫn công tác phát triển đoàn viên trong các tổ chức kinh tế tập thể."
    assert citation(doc.meta, clause) == "Kế hoạch 48-KH/ĐĐTLD › III. TỔ CHỨC THỰC HIỆN › 4."
    assert doc.text[clause.start : clause.end] == clause.text


def test_unnumbered_paragraph_stays_with_its_clause():
    chunks = chunk_document(read_document(KH48))
    (clause3,) = [c for c in chunks if c.text.startswith("3. Ban Tuyên giáo")]
    assert "Các cơ quan báo chí của Tổng Liên đoàn" in clause3.text


def test_no_chunk_glues_two_numbered_clauses_and_none_is_too_long():
    import re

    for path in CORPUS.glob("*.txt"):
        for chunk in chunk_document(read_document(path)):
            numbered = [ln for ln in chunk.text.split("\n") if re.match(r"^(\d+(\.\d+)*\.|[IVX]+\.|\(\d+\))\s", ln)]
            assert len(numbered) <= 1, (path.name, chunk.path, numbered)
            assert len(chunk.text) <= MAX_CHARS


def test_long_clause_splits_at_bullets_and_keeps_heading_as_context():
    chunks = chunk_document(read_document(KH48))
    parts = [c for c in chunks if c.path == ("III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "1.")]
    assert len(parts) > 1 and [c.part for c in parts] == list(range(1, len(parts) + 1))
    assert all(c.parts == len(parts) for c in parts)
    assert parts[1].text.startswith(("-", "+")) and parts[1].context[-1].startswith("1. Tuyên truyền")


def test_noise_never_becomes_a_chunk():
    for path in CORPUS.glob("*.txt"):
        for chunk in chunk_document(read_document(path)):
            assert "PAGE" not in chunk.text and "Chuyển:" not in chunk.text and "**" not in chunk.text


def test_closing_block_is_metadata_and_its_own_kinds():
    doc = read_document(KH48)
    chunks = chunk_document(doc)
    kinds = {c.kind for c in chunks}
    assert {"preamble", "clause", "recipients", "signature"} <= kinds
    (sig,) = [c for c in chunks if c.kind == "signature"]
    assert "Trần Thanh Hải" in sig.text
    assert all("Ban Kinh tế TW" not in c.text for c in chunks if c.kind == "clause")
    assert "Người ký" in indexed_text(sig, doc.meta)


def test_indexed_text_carries_document_and_heading_context():
    doc = read_document(CORPUS / "ke-hoach-24-KH-TU-hue-nghi-quyet-02-doi-moi-cong-doan.txt")
    chunk = next(c for c in chunk_document(doc) if c.path[-1] == "2.5.")
    text = indexed_text(chunk, doc.meta)
    assert text.startswith("Kế hoạch 24-KH/TU (Thừa Thiên Huế")
    assert "2. Các chỉ tiêu" in text and chunk.text not in chunk.context
