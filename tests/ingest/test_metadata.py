from pathlib import Path

import pytest

from ingest.pipeline import read_document
from tests.ingest.helpers import docx_bytes

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "ke-hoach-48-KH-DDTLD-nghi-quyet-20-kinh-te-tap-the.txt",
            dict(doc_type="KẾ HOẠCH", number="48-KH/ĐĐTLD", date=None, issuer="Đảng đoàn Tổng Liên đoàn",
                 signer="Trần Thanh Hải", signer_title="T/M ĐẢNG ĐOÀN, PHÓ BÍ THƯ"),
        ),
        (
            "ke-hoach-24-KH-TU-hue-nghi-quyet-02-doi-moi-cong-doan.txt",
            dict(doc_type="KẾ HOẠCH", number="24-KH/TU", date="2021-11-15", place="Thừa Thiên Huế",
                 issuer="Ban Thường vụ Tỉnh ủy", signer="Phan Ngọc Thọ"),
        ),
        (
            "chuong-trinh-13-CTr-LDLD-lai-chau-cong-tac-2025.txt",
            dict(doc_type="CHƯƠNG TRÌNH", number="13/CTr-LĐLĐ", date="2025-02-27", place="Lai Châu",
                 title="Công tác công đoàn năm 2025", signer="Hoàng Thọ Trung"),
        ),
        (
            "chuong-trinh-hanh-dong-TLD-nghi-quyet-25-dan-van.txt",
            # No number, date, place or signature in this document: they stay None.
            dict(doc_type="CHƯƠNG TRÌNH HÀNH ĐỘNG", number=None, date=None, place=None, signer=None,
                 issuer="Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam"),
        ),
        (
            "ke-hoach-TLD-ket-luan-79-giai-cap-cong-nhan.txt",
            # Interleaved recipients/signature table; the issuer is the Confederation, not the
            # Politburo whose conclusion the plan implements.
            dict(doc_type="KẾ HOẠCH", number=None, issuer="Tổng Liên đoàn Lao động Việt Nam", signer="Đặng Ngọc Tùng"),
        ),
    ],
)
def test_seed_metadata(name, expected):
    meta = read_document(CORPUS / name).meta
    for field, value in expected.items():
        assert getattr(meta, field) == value, field


def test_recipients_are_collected():
    meta = read_document(CORPUS / "ke-hoach-48-KH-DDTLD-nghi-quyet-20-kinh-te-tap-the.txt").meta
    assert "Ban Kinh tế TW (b/c)" in meta.recipients and len(meta.recipients) == 12


def test_small_fixture_document():
    doc = read_document(DATA / "mini-ke-hoach.txt")
    assert (doc.meta.number, doc.meta.date, doc.meta.place, doc.meta.signer) == (
        "99-KH/TEST", "2024-03-05", "Hà Nội", "Nguyễn Văn An")
    assert doc.meta.title == "Thử nghiệm kiểm thử phần mềm hỏi đáp văn bản"


LAWS = Path(__file__).resolve().parents[3] / "shared" / "external" / "laws-docx"


@pytest.mark.skipif(not LAWS.exists(), reason="../shared/external/laws-docx not present")
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("45_2019_LD.docx", dict(doc_type="BỘ LUẬT", number="45/2019/QH14", issuer="Quốc hội",
                                 signer="Nguyễn Thị Kim Ngân", title="Lao động")),
        ("12_2022_ND-CP_m_479312.docx", dict(doc_type="NGHỊ ĐỊNH", number="12/2022/NĐ-CP", date="2022-01-17",
                                             place="Hà Nội", signer="Vũ Đức Đam")),
        ("41_2024_BHXH.docx", dict(doc_type="LUẬT", number="41/2024/QH15", signer="Trần Thanh Mẫn")),
    ],
)
def test_word_law_metadata_from_header_and_signature_tables(name, expected):
    meta = read_document(LAWS / name).meta
    for field, value in expected.items():
        assert getattr(meta, field) == value, field


@pytest.mark.skipif(not LAWS.exists(), reason="../shared/external/laws-docx not present")
def test_recipients_in_one_word_table_cell_are_split():
    meta = read_document(LAWS / "12_2022_ND-CP_m_479312.docx").meta
    assert meta.recipients[0] == "Ban Bí thư Trung ương Đảng" and len(meta.recipients) == 19


def _decision_with_header_table(soft_breaks: bool) -> bytes:
    """A decision whose header block is the usual two-column table, its cells written as several
    paragraphs or as one paragraph with line breaks."""
    left = ["LIÊN ĐOÀN LAO ĐỘNG HUYỆN ĐÔNG ANH", "CÔNG ĐOÀN CƠ SỞ XÃ VÂN HÀ", "Số: 07/QĐ-CĐCS"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Vân Hà, ngày 02 tháng 6 năm 2025"]

    def build(d):
        table = d.add_table(rows=1, cols=2)
        for cell, lines in zip(table.row_cells(0), (left, right), strict=True):
            if soft_breaks:
                cell.text = "\n".join(lines)
            else:
                cell.text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
        d.add_paragraph("QUYẾT ĐỊNH")
        d.add_paragraph("Về việc ban hành mức hỗ trợ đoàn viên năm 2025")
        d.add_paragraph("Căn cứ Điều lệ Công đoàn Việt Nam;")
        d.add_paragraph("Điều 1. Hỗ trợ đoàn viên sinh con 500.000 đồng.")

    return docx_bytes(build)


@pytest.mark.parametrize("soft_breaks", [False, True])
def test_number_and_date_from_a_word_header_table_with_lines_in_its_cells(soft_breaks):
    meta = read_document("qd.docx", data=_decision_with_header_table(soft_breaks)).meta
    assert (meta.doc_type, meta.number, meta.date, meta.place) == ("QUYẾT ĐỊNH", "07/QĐ-CĐCS", "2025-06-02", "Vân Hà")
    assert meta.short_name() == "Quyết định 07/QĐ-CĐCS"


def test_header_typed_without_diacritics():
    text = (
        "CONG DOAN CO SO TRUONG THPT NGUYEN DU\nSo: 03/QC-CD\nHa Noi, ngay 05 thang 9 nam 2025\n"
        "QUY CHE\nPHOI HOP GIUA HIEU TRUONG VA BAN CHAP HANH CONG DOAN\n"
        "Dieu 1. Muc dich phoi hop\nDam bao quyen, loi ich hop phap cua giao vien.\n"
    )
    meta = read_document("khong-dau.txt", data=text.encode()).meta
    assert (meta.doc_type, meta.number, meta.date, meta.place) == ("QUY CHẾ", "03/QC-CD", "2025-09-05", "Ha Noi")
    assert meta.title == "PHOI HOP GIUA HIEU TRUONG VA BAN CHAP HANH CONG DOAN"
    assert meta.short_name() == "Quy chế 03/QC-CD"
    # Only a whole line names the type, and "So" only with a symbol: these are ordinary sentences.
    plain = "DE AN TOAN CHO NGUOI LAO DONG\nSo 2 ben thong nhat nhu sau.\nDieu 1. Pham vi\nAp dung cho toan cong ty.\n"
    meta = read_document("x.txt", data=plain.encode()).meta
    assert (meta.doc_type, meta.number) == (None, None)
