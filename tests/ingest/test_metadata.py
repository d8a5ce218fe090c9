from pathlib import Path

import pytest

from ingest.chunking import chunk_document
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
    assert meta.title == "Phoi hop giua hieu truong va ban chap hanh cong doan"
    # A regulation is known by what it regulates, in the document's own spelling.
    assert meta.short_name() == "Quy chế phoi hop giua hieu truong va ban chap hanh cong doan 03/QC-CD"
    # Only a whole line names the type, and "So" only with a symbol: these are ordinary sentences.
    plain = "DE AN TOAN CHO NGUOI LAO DONG\nSo 2 ben thong nhat nhu sau.\nDieu 1. Pham vi\nAp dung cho toan cong ty.\n"
    meta = read_document("x.txt", data=plain.encode()).meta
    assert (meta.doc_type, meta.number) == (None, None)


# --- a header typed as lines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "issuer"),
    [
        # The body itself under its parent (Nghị định 30/2020/NĐ-CP's layout): the last one issues.
        ("ĐẢNG BỘ TỈNH QUẢNG TRỊ\nHUYỆN ỦY CAM LỘ\nSố: 14-KH/HU", "HUYỆN ỦY CAM LỘ"),
        ("LIÊN ĐOÀN LAO ĐỘNG TỈNH NGHỆ AN\nSố: 31/KH-LĐLĐ", "LIÊN ĐOÀN LAO ĐỘNG TỈNH NGHỆ AN"),
        # "… CÔNG TY" under the company's name is the company's union.
        ("CÔNG TY CỔ PHẦN GẠCH MEN SÔNG LAM\nCÔNG ĐOÀN CƠ SỞ CÔNG TY\nSố: 05/KH-CĐCS", "CÔNG ĐOÀN CƠ SỞ CÔNG TY CỔ PHẦN GẠCH MEN SÔNG LAM"),
        ("CONG DOAN CO SO XI NGHIEP IN TAN DAN\nSo: 02/KH-CD", "CONG DOAN CO SO XI NGHIEP IN TAN DAN"),
        # "SỐ:" in capitals is the number, not a "SỞ".
        ("CÔNG ĐOÀN NGÀNH Y TẾ TỈNH KHÁNH HÒA\nSỐ: 08/KH-CĐN", "CÔNG ĐOÀN NGÀNH Y TẾ TỈNH KHÁNH HÒA"),
        # A name cut at a line's end, a committee under its union, a unit under its parent.
        ("CÔNG ĐOÀN CƠ SỞ\nCÔNG TY TNHH AN PHÁT\nSố: 1/KH", "CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH AN PHÁT"),
        ("CÔNG ĐOÀN CƠ SỞ CÔNG TY CỔ PHẦN\nDỆT MAY AN PHÁT\nSố: 1/KH", "CÔNG ĐOÀN CƠ SỞ CÔNG TY CỔ PHẦN DỆT MAY AN PHÁT"),
        ("CÔNG ĐOÀN CƠ SỞ TRƯỜNG THPT LÊ LỢI\nBAN CHẤP HÀNH\nSố: 2/KH", "BAN CHẤP HÀNH CÔNG ĐOÀN CƠ SỞ TRƯỜNG THPT LÊ LỢI"),
        # (The unit keeps its parent's name, as a Word header's rows read.)
        ("UBND HUYỆN CAM LỘ\nPHÒNG LAO ĐỘNG - TB&XH\nSố: 3/KH", "PHÒNG LAO ĐỘNG - TB&XH UBND HUYỆN CAM LỘ"),
        ("LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC GIANG\nBAN TUYÊN GIÁO\nSố: 4/KH", "BAN TUYÊN GIÁO LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC GIANG"),
        # An association is a party of its own, not a unit of the union above it.
        ("CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP TỈNH CÀ MAU\nHIỆP HỘI THỦY SẢN CÀ MAU\nSố: 5/KH", "HIỆP HỘI THỦY SẢN CÀ MAU"),
        # No body above the number: none, rather than the motto or the title.
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 07/KH", None),
    ],
)
def test_issuer_of_a_header_typed_as_lines(header, issuer):
    text = f"{header}\nKẾ HOẠCH\nTổ chức hội thao công nhân năm 2026\nI. MỤC ĐÍCH\n1. Tạo sân chơi cho đoàn viên.\n"
    assert read_document("kh.txt", data=text.encode()).meta.issuer == issuer


def test_a_title_in_capitals_goes_on_over_the_lines_that_continue_it():
    text = (
        "CÔNG TY TNHH NHỰA HƯNG THỊNH\nSố: 03/QC\nQUY CHẾ PHỐI HỢP\nGIỮA GIÁM ĐỐC VÀ BAN CHẤP HÀNH\nCÔNG ĐOÀN CƠ SỞ\n"
        "Điều 1. Mục đích\nBảo đảm quyền lợi của người lao động.\n"
    )
    meta = read_document("qc.txt", data=text.encode()).meta
    assert meta.title == "Phối hợp giữa giám đốc và ban chấp hành công đoàn cơ sở"
    # A heading in capitals under a named charter is not its name.
    charter = "ĐIỀU LỆ HỘI CỰU CÔNG NHÂN XƯỞNG IN\nLỜI NÓI ĐẦU\nHội là tổ chức tự nguyện.\nĐiều 1. Tên gọi\nHội cựu công nhân.\n"
    assert read_document("dl.txt", data=charter.encode()).meta.title == "Hội cựu công nhân xưởng in"


# --- a closing block before the appendices ----------------------------------------------------------

APPENDIX_AFTER_SIGNATURE = """ỦY BAN NHÂN DÂN TỈNH HÀ NAM
Số: 12/2026/QĐ-UBND
QUYẾT ĐỊNH
Ban hành mức hỗ trợ công nhân thuê nhà
Điều 1. Mức hỗ trợ
Công nhân thuê nhà được hỗ trợ theo Phụ lục kèm theo Quyết định này.
Điều 2. Hiệu lực
Quyết định có hiệu lực từ ngày 01 tháng 3 năm 2026.
Nơi nhận:
- Bộ Xây dựng;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Nam
PHỤ LỤC
MỨC HỖ TRỢ THUÊ NHÀ
1. Công nhân độc thân: 300.000 đồng/tháng.
2. Công nhân có con nhỏ: 500.000 đồng/tháng.
"""


def test_a_signature_before_an_appendix_closes_the_text_and_the_appendix_stays_text():
    from ingest.chunking import chunk_document

    doc = read_document("qd.txt", data=APPENDIX_AFTER_SIGNATURE.encode())
    assert (doc.meta.signer, doc.meta.signer_title) == ("Trần Văn Nam", "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH, PHÓ CHỦ TỊCH")
    chunks = chunk_document(doc)
    (last,) = [c for c in chunks if c.path == ("Điều 2",)]
    assert "Nơi nhận" not in last.text and "Trần Văn Nam" not in last.text
    assert [c.kind for c in chunks if c.path in (("Nơi nhận",), ("Chữ ký",))] == ["recipients", "signature"]
    appendix = [c for c in chunks if c.path[:1] == ("Phụ lục",)]
    assert any("500.000 đồng" in c.text for c in appendix) and all(c.kind == "clause" for c in appendix)


def test_a_word_closing_table_gives_recipients_and_signature_apart():
    def build(d):
        d.add_paragraph("THÔNG TƯ")
        d.add_paragraph("Hướng dẫn chế độ bồi dưỡng ca đêm")
        d.add_paragraph("Điều 1. Mức bồi dưỡng")
        d.add_paragraph("Người làm ca đêm được bồi dưỡng 20.000 đồng mỗi ca.")
        table = d.add_table(rows=1, cols=2)
        left, right = table.row_cells(0)
        left.text = "Nơi nhận:"
        for line in ("- Các bộ, cơ quan ngang bộ;", "- Lưu: VT."):
            left.add_paragraph(line)
        right.text = "KT. BỘ TRƯỞNG"
        for line in ("THỨ TRƯỞNG", "(Đã ký)", "Lê Thị Thu"):
            right.add_paragraph(line)

    from ingest.chunking import chunk_document

    doc = read_document("tt.docx", data=docx_bytes(build))
    assert (doc.meta.signer, doc.meta.signer_title) == ("Lê Thị Thu", "KT. BỘ TRƯỞNG, THỨ TRƯỞNG")
    assert doc.meta.recipients == ("Các bộ, cơ quan ngang bộ", "Lưu: VT")
    by_kind = {c.kind: c.text for c in chunk_document(doc) if c.kind in ("recipients", "signature")}
    assert "Lê Thị Thu" in by_kind["signature"] and "THỨ TRƯỞNG" in by_kind["signature"]
    assert "BỘ TRƯỞNG" not in by_kind["recipients"] and "Đã ký" not in by_kind["recipients"]


def test_an_issuer_wrapped_onto_a_second_line_is_one_name():
    text = "BỘ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI\nSố: 09/2026/TT-BLĐTBXH\nTHÔNG TƯ\nHướng dẫn giờ làm thêm\nĐiều 1. Phạm vi\nÁp dụng với doanh nghiệp.\n"
    assert read_document("tt.txt", data=text.encode()).meta.issuer == "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"


def test_a_long_title_in_capitals_is_spelled_as_its_text_spells_it():
    text = (
        "ĐIỀU LỆ CÔNG ĐOÀN TỔNG CÔNG TY VẬN TẢI THỦY MIỀN NAM\n"
        "Chương I\nĐiều 1. Tên gọi\n"
        "Công đoàn Tổng Công ty Vận tải Thủy Miền Nam là tổ chức của người lao động trong Tổng Công ty.\n"
        "Điều 2. Đoàn viên\nNgười lao động của Công đoàn Tổng Công ty Vận tải Thủy Miền Nam có quyền gia nhập.\n"
    )
    meta = read_document("dl.docx.txt", data=text.encode()).meta
    assert meta.short_name() == "Điều lệ Công đoàn Tổng Công ty Vận tải Thủy Miền Nam"
    # A word the text never writes in ordinary case is lower case; initials keep their capitals.
    decree = "NGHỊ ĐỊNH\nQUY ĐỊNH CHẾ ĐỘ TRỢ CẤP CHO CÁN BỘ CĐCS KIÊM NHIỆM TẠI DOANH NGHIỆP\nĐiều 1. Phạm vi\nÁp dụng.\n"
    assert read_document("nd.txt", data=decree.encode()).meta.title == (
        "Quy định chế độ trợ cấp cho cán bộ CĐCS kiêm nhiệm tại doanh nghiệp"
    )


def test_a_letter_with_an_appendix_keeps_its_body():
    # "Kính gửi:" opens a letter, not its closing; the appendix has numbered rows.
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG QUẬN HẢI CHÂU\nSố: 45/LĐLĐ\nV/v đăng ký tham quan\n"
        "Kính gửi: Các công đoàn cơ sở trực thuộc\n"
        "Liên đoàn Lao động quận đề nghị các công đoàn cơ sở đăng ký danh sách đoàn viên tham quan.\n"
        "Hạn gửi danh sách trước ngày 15 tháng 5 năm 2026.\n"
        "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH\nVõ Thị Lan\n"
        "PHỤ LỤC\n1. Danh sách đợt một.\n2. Danh sách đợt hai.\n"
    )
    from ingest.chunking import chunk_document

    doc = read_document("cv.txt", data=text.encode())
    assert doc.closing_start >= doc.body_start
    chunks = chunk_document(doc)
    assert sum("Hạn gửi danh sách" in c.text for c in chunks) == 1
    assert not any("Hạn gửi" in r for r in doc.meta.recipients)


def test_a_capital_that_opens_a_list_item_is_not_a_words_spelling():
    text = (
        "QUY CHẾ\nTHI ĐUA KHEN THƯỞNG ĐOÀN VIÊN VÀ NGƯỜI LAO ĐỘNG TRONG CÔNG TY\n"
        "Điều 1. Nội dung\n- Khen thưởng đoàn viên xuất sắc mỗi quý.\n"
    )
    assert read_document("qc.txt", data=text.encode()).meta.title == (
        "Thi đua khen thưởng đoàn viên và người lao động trong công ty"
    )


def test_a_signature_cell_after_the_recipients_stays_the_signatures():
    def build(d):
        d.add_paragraph("QUYẾT ĐỊNH")
        d.add_paragraph("Về mức chi hỗ trợ đoàn viên")
        d.add_paragraph("Điều 1. Mức chi")
        d.add_paragraph("Hỗ trợ 500.000 đồng mỗi trường hợp.")
        table = d.add_table(rows=2, cols=2)
        (a, b), (c, e) = table.row_cells(0), table.row_cells(1)
        a.text, b.text = "Nơi nhận:", "TM. BAN CHẤP HÀNH"
        c.text = "- Như Điều 1;"
        c.add_paragraph("- Lưu: VT.")
        e.text = "CHỦ TỊCH"
        for line in ("(Ký tên, đóng dấu)", "ThS. Nguyễn Văn An"):
            e.add_paragraph(line)

    from ingest.chunking import chunk_document

    doc = read_document("qd.docx", data=docx_bytes(build))
    assert doc.meta.recipients == ("Như Điều 1", "Lưu: VT")
    by_kind = {c.kind: c.text for c in chunk_document(doc) if c.kind in ("recipients", "signature")}
    assert "Nguyễn Văn An" in by_kind["signature"] and "CHỦ TỊCH" in by_kind["signature"]
    assert "Nguyễn Văn An" not in by_kind["recipients"] and "TM." not in by_kind["recipients"]


def test_a_word_row_of_signatures_keeps_each_capacity_apart_from_its_name():
    def build(d):
        d.add_paragraph("QUY CHẾ PHỐI HỢP")
        d.add_paragraph("Điều 1. Phạm vi")
        d.add_paragraph("Quy chế này quy định việc phối hợp giữa Ban Giám đốc và Công đoàn cơ sở.")
        table = d.add_table(rows=1, cols=2)
        left, right = table.row_cells(0)
        left.text, right.text = "TM. BAN CHẤP HÀNH CÔNG ĐOÀN CƠ SỞ", "TM. BAN GIÁM ĐỐC"
        for line in ("CHỦ TỊCH", "(Đã ký và đóng dấu)", "Nguyễn Thị Thu Hằng"):
            left.add_paragraph(line)
        for line in ("GIÁM ĐỐC", "(Đã ký)", "TS. Trần Quốc Khánh"):
            right.add_paragraph(line)

    from ingest.chunking import chunk_document

    doc = read_document("qc.docx", data=docx_bytes(build))
    assert doc.meta.signer == "Nguyễn Thị Thu Hằng, TS. Trần Quốc Khánh"
    assert doc.meta.signer_title == "TM. BAN CHẤP HÀNH CÔNG ĐOÀN CƠ SỞ, CHỦ TỊCH, TM. BAN GIÁM ĐỐC, GIÁM ĐỐC"
    (signature,) = [c.text for c in chunk_document(doc) if c.kind == "signature"]
    assert "CHỦ TỊCH\n(Đã ký và đóng dấu)\nNguyễn Thị Thu Hằng" in signature


_BODY = "\n\nI. NỘI DUNG\n1. Các công đoàn cơ sở thực hiện.\n"


@pytest.mark.parametrize(
    ("left", "issuer"),
    [
        # The body under its parent: the one below issues the text.
        (["LIÊN ĐOÀN LAO ĐỘNG TỈNH NAM BÌNH", "LIÊN ĐOÀN LAO ĐỘNG HUYỆN ĐÔNG SƠN"], "LIÊN ĐOÀN LAO ĐỘNG HUYỆN ĐÔNG SƠN"),
        (["ĐẢNG BỘ TỈNH NAM BÌNH", "HUYỆN ỦY ĐÔNG SƠN"], "HUYỆN ỦY ĐÔNG SƠN"),
        (["CÔNG ĐOÀN NGÀNH Y TẾ", "CĐCS BỆNH VIỆN ĐA KHOA", "KHU VỰC ĐÔNG SƠN"], "CĐCS BỆNH VIỆN ĐA KHOA KHU VỰC ĐÔNG SƠN"),
        (["LIÊN ĐOÀN LAO ĐỘNG HUYỆN ĐÔNG SƠN", "BAN CHẤP HÀNH CÔNG ĐOÀN", "CÔNG TY CỔ PHẦN MAY AN LẠC"],
         "BAN CHẤP HÀNH CÔNG ĐOÀN CÔNG TY CỔ PHẦN MAY AN LẠC"),
        # A unit of the body above keeps the body's name.
        (["LIÊN ĐOÀN LAO ĐỘNG TỈNH NAM BÌNH", "BAN TUYÊN GIÁO"], "BAN TUYÊN GIÁO LIÊN ĐOÀN LAO ĐỘNG TỈNH NAM BÌNH"),
        (["TỈNH ỦY NAM BÌNH", "BAN TỔ CHỨC"], "BAN TỔ CHỨC TỈNH ỦY NAM BÌNH"),
        (["LIÊN ĐOÀN LAO ĐỘNG TỈNH NAM BÌNH", "ĐẢNG ĐOÀN"], "ĐẢNG ĐOÀN LIÊN ĐOÀN LAO ĐỘNG TỈNH NAM BÌNH"),
        (["CÔNG TY CỔ PHẦN MAY AN LẠC", "BAN CHẤP HÀNH CÔNG ĐOÀN CƠ SỞ"],
         "BAN CHẤP HÀNH CÔNG ĐOÀN CƠ SỞ CÔNG TY CỔ PHẦN MAY AN LẠC"),
        (["CÔNG ĐOÀN VIÊN CHỨC TỈNH", "BCH CĐCS SỞ TƯ PHÁP"], "BCH CĐCS SỞ TƯ PHÁP"),
        (["UBND HUYỆN ĐÔNG SƠN", "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"],
         "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI UBND HUYỆN ĐÔNG SƠN"),
        (["CÔNG ĐOÀN GIÁO DỤC VIỆT NAM", "CÔNG ĐOÀN ĐẠI HỌC QUỐC GIA"], "CÔNG ĐOÀN ĐẠI HỌC QUỐC GIA"),
        # One name over two rows.
        (["TỔNG LIÊN ĐOÀN LAO ĐỘNG", "VIỆT NAM"], "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"),
        (["LIÊN ĐOÀN LAO ĐỘNG", "TỈNH NAM BÌNH"], "LIÊN ĐOÀN LAO ĐỘNG TỈNH NAM BÌNH"),
        (["CÔNG TY CỔ PHẦN THỦY SẢN", "AN LẠC"], "CÔNG TY CỔ PHẦN THỦY SẢN AN LẠC"),
        # A body of its own under its parent is no wrapped name.
        (["ĐẢNG BỘ XÃ AN LẠC", "CHI BỘ TRƯỜNG TIỂU HỌC"], "CHI BỘ TRƯỜNG TIỂU HỌC"),
        # A unit's name may end with its own small number; a number line or a term may not.
        (["ĐẢNG BỘ CÔNG TY CỔ PHẦN MAY AN LẠC", "CHI BỘ PHÂN XƯỞNG MAY 2"], "CHI BỘ PHÂN XƯỞNG MAY 2"),
        (["LIÊN ĐOÀN LAO ĐỘNG HUYỆN ĐÔNG SƠN", "NHIỆM KỲ 2025 - 2030"], "LIÊN ĐOÀN LAO ĐỘNG HUYỆN ĐÔNG SƠN"),
        (["CÔNG ĐOÀN CÔNG TY CP MAY AN LẠC", "SỐ 05"], "CÔNG ĐOÀN CÔNG TY CP MAY AN LẠC"),
        (["CÔNG ĐOÀN CÔNG TY CP MAY AN LẠC", "LẦN THỨ 2"], "CÔNG ĐOÀN CÔNG TY CP MAY AN LẠC"),
        # Both the parent's and the body's names wrapped by the cell's width.
        (["CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP", "VÀ CHẾ XUẤT TỈNH NAM BÌNH", "CÔNG ĐOÀN CƠ SỞ CÔNG TY CP", "THỦY SẢN AN LẠC"],
         "CÔNG ĐOÀN CƠ SỞ CÔNG TY CP THỦY SẢN AN LẠC"),
        # A congress's term is not the body's name.
        (["LIÊN ĐOÀN LAO ĐỘNG HUYỆN ĐÔNG SƠN", "CÔNG ĐOÀN CÔNG TY AN LẠC", "ĐẠI HỘI LẦN THỨ V, NHIỆM KỲ 2025 - 2030"],
         "CÔNG ĐOÀN CÔNG TY AN LẠC"),
    ],
)
def test_the_issuer_of_a_header_typed_in_columns_is_the_body_under_its_parent(left, issuer):
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""]
    rows = [f"{cell:<45}{right[i] if i < len(right) else ''}".rstrip() for i, cell in enumerate(left)]
    text = "\n".join([*rows, "Số: 12/KH-LĐLĐ                               Đông Sơn, ngày 02 tháng 3 năm 2031", "",
                      "KẾ HOẠCH", "Tổ chức Tháng Công nhân năm 2031"]) + _BODY
    assert read_document("kh.txt", data=text.encode("utf-8")).meta.issuer == issuer


def test_an_agreements_header_rows_are_its_parties_and_the_employer_is_named():
    text = (
        "CÔNG TY TNHH CƠ KHÍ AN LẠC                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "CÔNG ĐOÀN CƠ SỞ                               Độc lập - Tự do - Hạnh phúc\n"
        "Số: 01/2031/TƯLĐTT                            Đông Sơn, ngày 02 tháng 3 năm 2031\n\n"
        "THỎA ƯỚC LAO ĐỘNG TẬP THỂ\n\nĐiều 1. Thời hạn\nThỏa ước có thời hạn 03 năm.\n"
    )
    assert read_document("tu.txt", data=text.encode("utf-8")).meta.issuer == "CÔNG TY TNHH CƠ KHÍ AN LẠC"


@pytest.mark.parametrize(
    ("rows", "issuer"),
    [
        # The employer under its parent body: the row below is no party of the agreement.
        (["SỞ Y TẾ TỈNH NAM BÌNH", "BỆNH VIỆN ĐA KHOA TỈNH"], "BỆNH VIỆN ĐA KHOA TỈNH"),
        # The employer over the union, and an employers' association over the sector's union: parties.
        (["CÔNG TY CỔ PHẦN MAY AN LẠC", "CÔNG ĐOÀN CƠ SỞ CÔNG TY"], "CÔNG TY CỔ PHẦN MAY AN LẠC"),
        (["CÔNG ĐOÀN DỆT MAY VIỆT NAM", "HIỆP HỘI DỆT MAY VIỆT NAM"], "CÔNG ĐOÀN DỆT MAY VIỆT NAM"),
    ],
)
def test_an_agreements_employer_under_its_parent_issues_it(rows, issuer):
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    header = "\n".join(f"{cell:<45}{right[i]}" for i, cell in enumerate(rows))
    text = (
        header + "\nSố: 01/2031/TƯLĐTT                            Đông Sơn, ngày 02 tháng 3 năm 2031\n\n"
        "THỎA ƯỚC LAO ĐỘNG TẬP THỂ\n\nĐiều 1. Thời hạn\nThỏa ước có thời hạn 03 năm.\n"
    )
    assert read_document("tu.txt", data=text.encode("utf-8")).meta.issuer == issuer


def test_a_name_cut_before_its_country_and_a_cited_documents_date():
    text = (
        "HIỆP HỘI DA GIÀY VIỆT NAM - CÔNG ĐOÀN DA GIÀY VIỆT NAM\nSố: 02/2031/TƯLĐTT-DG\n"
        "THỎA ƯỚC LAO ĐỘNG TẬP THỂ NGÀNH DA GIÀY VIỆT\nNAM\nGiai đoạn 2031 - 2034\n"
        "Căn cứ Bộ luật Lao động số 45/2019/QH14 ngày 20 tháng 11 năm 2019;\n"
        "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1.1. Thỏa ước áp dụng tại các doanh nghiệp hội viên.\n"
    )
    meta = read_document("tu-nganh.txt", data=text.encode("utf-8")).meta
    assert meta.title is not None and meta.title.endswith("Việt Nam")
    assert meta.date != "2019-11-20"  # the Code's date, not the agreement's


def test_a_text_copied_from_a_legal_portal_keeps_its_number_and_date():
    text = (
        "Trang chủ > Văn bản pháp luật > Lao động - Tiền lương > Luật An sinh\n"
        "Số hiệu: 81/2031/QH15   Loại văn bản: Luật   Nơi ban hành: Quốc hội   Ngày ban hành: 16/06/2031\n\n"
        "LUẬT AN SINH CHO LAO ĐỘNG TỰ DO\n\nĐiều 1. Phạm vi\nLuật này quy định chế độ an sinh.\n"
    )
    meta = read_document("luat.txt", data=text.encode("utf-8")).meta
    assert meta.number == "81/2031/QH15" and meta.date == "2031-06-16"
    assert meta.short_name().endswith("81/2031/QH15")


def test_the_name_after_the_signed_note_is_the_signers_however_it_is_written():
    def build(document):
        for text in ("THỎA ƯỚC LAO ĐỘNG TẬP THỂ", "Điều 1. Thời hạn", "Thỏa ước có thời hạn 03 năm."):
            document.add_paragraph(text)
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "ĐẠI DIỆN TẬP THỂ NGƯỜI LAO ĐỘNG\nCHỦ TỊCH CÔNG ĐOÀN CƠ SỞ\n(đã ký và đóng dấu)\nNguyễn Thị Hằng"
        table.cell(0, 1).text = "ĐẠI DIỆN NGƯỜI SỬ DỤNG LAO ĐỘNG\nTỔNG GIÁM ĐỐC\n(đã ký và đóng dấu)\nPARK JI SUNG"

    meta = read_document("tu.docx", data=docx_bytes(build)).meta
    assert meta.signer == "Nguyễn Thị Hằng, PARK JI SUNG"
    assert "PARK" not in (meta.signer_title or "") and (meta.signer_title or "").endswith("TỔNG GIÁM ĐỐC")


@pytest.mark.parametrize(
    ("header", "title_lines", "title"),
    [
        # Whose it is ("CỦA BAN THƯỜNG VỤ …"), then what about: the title is what about.
        ("HUYỆN ỦY ĐÔNG SƠN | ĐẢNG CỘNG SẢN VIỆT NAM\nSố 07-NQ/HU | Đông Sơn, ngày 12 tháng 5 năm 2031",
         "NGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ HUYỆN ỦY\nvề phát triển đảng viên trong công nhân lao động ở doanh nghiệp ngoài nhà nước",
         "Về phát triển đảng viên"),
        # The plenum that adopted it is not its name either.
        ("BAN CHẤP HÀNH TRUNG ƯƠNG | ĐẢNG CỘNG SẢN VIỆT NAM\nSố 44-NQ/TW | Hà Nội, ngày 02 tháng 4 năm 2031",
         "NGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ CHÍN BAN CHẤP HÀNH TRUNG ƯƠNG KHÓA XIV\nvề xây dựng giai cấp công nhân trong thời kỳ mới",
         "Về xây dựng giai cấp công nhân"),
        # A programme carrying out a resolution is named for that, not for the resolution's subject.
        ("LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ GIANG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 15/CTr-LĐLĐ | Hà Giang, ngày 10 tháng 6 năm 2031",
         "CHƯƠNG TRÌNH HÀNH ĐỘNG\ncủa Liên đoàn Lao động tỉnh thực hiện Nghị quyết số 44-NQ/TW của Ban Chấp hành "
         "Trung ương về xây dựng giai cấp công nhân trong thời kỳ mới",
         "Thực hiện Nghị quyết số 44-NQ/TW"),
    ],
)
def test_a_titles_whose_and_what_about_lines(header, title_lines, title):
    text = header.replace(" | ", "                     ") + f"\n\n{title_lines}\n\nI. MỤC TIÊU\n1. Đến năm 2035 kết nạp thêm đoàn viên.\n"
    found = read_document("vb.txt", data=text.encode("utf-8")).meta.title
    assert found is not None and found.startswith(title), found


def test_a_charter_copied_by_a_federation_is_the_congresss():
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG QUẬN TÂY HỒ\nTÀI LIỆU SINH HOẠT CÔNG ĐOÀN CƠ SỞ\n"
        "ĐIỀU LỆ CÔNG ĐOÀN VIỆT NAM\n(Trích - Đại hội XV Công đoàn Việt Nam thông qua ngày 05 tháng 12 năm 2033)\n\n"
        "Chương I\nĐOÀN VIÊN\nĐiều 1. Đối tượng\n1. Người lao động làm việc trong doanh nghiệp.\n"
    )
    meta = read_document("dl.txt", data=text.encode("utf-8")).meta
    assert meta.issuer == "Đại hội XV Công đoàn Việt Nam" and meta.date == "2033-12-05", meta
    # A company's charter, adopted by its shareholders' meeting, stays the company's.
    company = (
        "CÔNG TY CỔ PHẦN MAY AN PHÚ\nĐIỀU LỆ TỔ CHỨC VÀ HOẠT ĐỘNG\n(Đã được Đại hội đồng cổ đông thông qua ngày 10 tháng 4 năm 2031)\n\n"
        "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Tên công ty\n1. Tên công ty là Công ty Cổ phần May An Phú.\n"
    )
    assert read_document("dl2.txt", data=company.encode("utf-8")).meta.issuer == "CÔNG TY CỔ PHẦN MAY AN PHÚ"


def test_a_party_bodys_signature_by_order_is_read_after_the_recipients():
    text = (
        "ĐẢNG ỦY PHƯỜNG NAM SƠN\nSố 52-TB/ĐU\nNam Sơn, ngày 10 tháng 7 năm 2031\n\nTHÔNG BÁO\n"
        "Kết luận của Thường trực Đảng ủy phường\n\n1. Giao Văn phòng Đảng ủy theo dõi, đôn đốc.\n\n"
        "Nơi nhận:\n- Thường trực Đảng ủy,\n- Lưu Văn phòng Đảng ủy.\n\n"
        "T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n(đã ký)\nĐỗ Minh Tuấn\n"
    )
    doc = read_document("tb.txt", data=text.encode("utf-8"))
    assert doc.meta.signer == "Đỗ Minh Tuấn" and doc.meta.signer_title == "T/L BAN THƯỜNG VỤ, CHÁNH VĂN PHÒNG"
    recipients = next(c for c in chunk_document(doc) if c.kind == "recipients")
    assert "T/L" not in recipients.text


def test_a_foreign_signer_in_capitals_under_the_signed_note_is_read():
    text = (
        "CÔNG TY TNHH ĐIỆN TỬ AN LẠC VINA\nSố: 05/2031/QC-ALV\nĐông Sơn, ngày 02 tháng 01 năm 2031\n\n"
        "QUY CHẾ TIỀN LƯƠNG\n\nĐiều 1. Kỳ trả lương\nLương trả vào ngày 10 hằng tháng.\n\n"
        "Nơi nhận:\n- Công đoàn cơ sở;\n- Lưu: HCNS.\n\nTỔNG GIÁM ĐỐC\n(Đã ký và đóng dấu)\nKIM JAE-HOON\n"
    )
    meta = read_document("qc.txt", data=text.encode("utf-8")).meta
    assert meta.signer == "KIM JAE-HOON" and meta.signer_title == "TỔNG GIÁM ĐỐC"


def test_a_laws_closing_on_one_line_after_its_adoption_is_its_signature_not_a_clause():
    text = (
        "QUỐC HỘI\nLuật số: 45/2031/QH16\n\nBỘ LUẬT LAO ĐỘNG\n\nĐiều 142. Nghề, công việc ảnh hưởng xấu tới sinh sản\n"
        "1. Bộ trưởng ban hành danh mục nghề, công việc.\n2. Người sử dụng lao động phải cung cấp đầy đủ thông tin.\n"
        "…………………………………\n"
        "Bộ luật này đã được Quốc hội khóa XVI, kỳ họp thứ 8 thông qua ngày 20 tháng 11 năm 2031.\n"
        "CHỦ TỊCH QUỐC HỘI (Đã ký) Nguyễn Văn An\n"
    )
    doc = read_document("blld.txt", data=text.encode("utf-8"))
    assert (doc.meta.date, doc.meta.signer, doc.meta.signer_title) == ("2031-11-20", "Nguyễn Văn An", "CHỦ TỊCH QUỐC HỘI")
    last = [c for c in chunk_document(doc) if c.kind == "clause"][-1]
    assert "thông qua" not in last.text and "CHỦ TỊCH" not in last.text


def test_an_agreement_named_by_its_level_alone_is_named_by_its_company_too():
    text = (
        "CÔNG TY TNHH ĐIỆN TỬ AN LẠC VINA              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "CÔNG ĐOÀN CƠ SỞ CÔNG TY                       Độc lập - Tự do - Hạnh phúc\n"
        "Số: 01/2031/TƯLĐTT                            Đông Sơn, ngày 15 tháng 01 năm 2031\n\n"
        "THỎA ƯỚC LAO ĐỘNG TẬP THỂ DOANH NGHIỆP\nGiai đoạn 2031 – 2034\n\nĐiều 1. Thời hạn\nThỏa ước có thời hạn 03 năm.\n"
    )
    name = read_document("tu.txt", data=text.encode("utf-8")).meta.short_name()
    assert name.startswith("Thỏa ước lao động tập thể doanh nghiệp Công ty TNHH ") and name.endswith("An Lạc Vina 01/2031/TƯLĐTT"), name


def test_a_joint_resolution_is_named_as_one_and_issued_by_both():
    text = (
        "LIÊN MINH HỢP TÁC XÃ TỈNH NAM BÌNH — LIÊN ĐOÀN LAO ĐỘNG TỈNH NAM BÌNH\nSố: 02/NQLT-LMHTX-LĐLĐ\n"
        "Nam Bình, ngày 25 tháng 10 năm 2031\n\nNGHỊ QUYẾT LIÊN TỊCH\n"
        "Về phối hợp phát triển đoàn viên trong các hợp tác xã\n"
        "Ban Chấp hành Liên minh Hợp tác xã tỉnh và Ban Thường vụ Liên đoàn Lao động tỉnh thống nhất ban hành "
        "Nghị quyết liên tịch về phối hợp công tác như sau:\n"
        "Điều 1. Phạm vi\nNghị quyết liên tịch này quy định việc phối hợp giữa hai bên.\n"
    )
    meta = read_document("nqlt.txt", data=text.encode("utf-8")).meta
    assert meta.short_name() == "Nghị quyết liên tịch 02/NQLT-LMHTX-LĐLĐ"
    assert meta.issuer == "Ban Chấp hành Liên minh Hợp tác xã tỉnh và Ban Thường vụ Liên đoàn Lao động tỉnh"


def test_a_header_naming_the_parent_by_its_initials_gives_the_body_under_it():
    text = (
        "LĐLĐ TỈNH NAM BÌNH                            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "LIÊN ĐOÀN LAO ĐỘNG                            Độc lập - Tự do - Hạnh phúc\nHUYỆN TÂN PHÚ\n"
        "Số: 85/BC-LĐLĐ                                Tân Phú, ngày 20 tháng 11 năm 2031\n\nBÁO CÁO\n"
        "Sơ kết giữa kỳ\n\nI. KẾT QUẢ\n1. Kết nạp 1.200 đoàn viên.\n"
    )
    assert read_document("bc.txt", data=text.encode("utf-8")).meta.issuer == "LIÊN ĐOÀN LAO ĐỘNG HUYỆN TÂN PHÚ"


def test_a_companys_name_wrapped_onto_the_next_header_line_is_one_issuer():
    text = (
        "CÔNG TY CỔ PHẦN CHẾ BIẾN\nTHỰC PHẨM AN LỘC\nSố: 18/QĐ-AL\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "QUYẾT ĐỊNH\nVề việc ban hành Quy chế dân chủ ở cơ sở\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế.\n"
    )
    assert read_document("qd.txt", data=text.encode("utf-8")).meta.issuer == "CÔNG TY CỔ PHẦN CHẾ BIẾN THỰC PHẨM AN LỘC"


@pytest.mark.parametrize("opening", ["Hôm nay", "Hom nay", "Vào buổi sáng"])
def test_minutes_opening_with_a_time_give_the_date_and_no_place(opening):
    text = (
        "CÔNG TY CỔ PHẦN MAY AN PHÚ\nCÔNG ĐOÀN CƠ SỞ\nBIÊN BẢN\nHỌP BAN CHẤP HÀNH CÔNG ĐOÀN CƠ SỞ\n"
        f"{opening}, ngày 12 tháng 3 năm 2026, tại hội trường Công ty, Ban Chấp hành họp thường kỳ.\n"
        "I. THÀNH PHẦN\n1. Đồng chí Nguyễn Văn An - Chủ tịch, chủ trì.\n"
    )
    meta = read_document("bien-ban.txt", data=text.encode()).meta
    assert (meta.date, meta.place) == ("2026-03-12", None)


def test_an_agreements_level_reads_on_in_lower_case_and_its_place_as_the_date_line_spells_it():
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH DƯƠNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "HIỆP HỘI GỖ VÀ LÂM SẢN BÌNH DƯƠNG | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 01/2026/TƯNDN | Bình Dương, ngày 05 tháng 01 năm 2026\n"
        "THỎA ƯỚC LAO ĐỘNG TẬP THỂ NHÓM DOANH NGHIỆP\nNGÀNH CHẾ BIẾN GỖ TỈNH BÌNH DƯƠNG\n"
        "Điều 1. Phạm vi áp dụng\nThỏa ước này áp dụng cho 12 doanh nghiệp tham gia thương lượng tập thể.\n"
        "Điều 2. Bữa ăn giữa ca\nGiá trị bữa ăn giữa ca không thấp hơn 25.000 đồng/suất.\n"
    )
    meta = read_document("thoa-uoc-nhom.txt", data=text.encode()).meta
    assert meta.short_name() == "Thỏa ước lao động tập thể nhóm doanh nghiệp ngành chế biến gỗ tỉnh Bình Dương"
    # The level needs what it covers, however the line below opens.
    sector = text.replace("NGÀNH CHẾ BIẾN GỖ TỈNH BÌNH DƯƠNG", "CHẾ BIẾN GỖ TỈNH BÌNH DƯƠNG")
    meta = read_document("thoa-uoc-nhom.txt", data=sector.encode()).meta
    assert meta.short_name().startswith("Thỏa ước lao động tập thể nhóm doanh nghiệp chế biến gỗ tỉnh Bình Dương")


@pytest.mark.parametrize("place", ["Hoi An", "Luc Nam"])
def test_a_place_typed_without_diacritics_is_a_place_even_when_it_reads_as_a_time_word(place):
    text = f"CONG DOAN CO SO CONG TY MAY AN PHU\nSo: 05/KH-CD\n{place}, ngay 05 thang 01 nam 2026\nKE HOACH\nTo chuc Tet\n1. Muc dich\n"
    assert read_document("kh.txt", data=text.encode()).meta.place == place


def test_a_title_line_citing_another_documents_number_in_capitals_keeps_it():
    text = (
        "ĐẢNG ỦY KHỐI DOANH NGHIỆP\nHà Nội, ngày 05 tháng 01 năm 2026\n"
        "KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT SỐ 20-NQ/TW VỀ KINH TẾ TẬP THỂ\nI. MỤC ĐÍCH\n1. Quán triệt nghị quyết.\n"
    )
    meta = read_document("kh.txt", data=text.encode()).meta
    assert meta.number is None and "20-NQ/TW" in (meta.title or "")


def test_the_place_of_issue_recases_a_title_only_after_a_units_word():
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ VINH\nSố: 12/KH-LĐLĐ\nVinh, ngày 05 tháng 01 năm 2026\n"
        "KẾ HOẠCH\nTỔ CHỨC VINH DANH CÔNG NHÂN TIÊU BIỂU THÀNH PHỐ VINH NĂM 2026 NHÂN THÁNG CÔNG NHÂN\n"
        "I. MỤC ĐÍCH\n1. Tôn vinh công nhân.\n"
    )
    title = read_document("kh.txt", data=text.encode()).meta.title
    assert "vinh danh" in title and "thành phố Vinh" in title


def test_a_decree_without_a_header_is_the_governments_it_was_signed_for():
    body = (
        "NGHỊ ĐỊNH 401/2031/NĐ-CP QUY ĐỊNH VỀ NGHỈ HẰNG NĂM CỦA NGƯỜI LAO ĐỘNG\n"
        "Căn cứ Bộ luật Lao động;\nĐiều 1. Phạm vi điều chỉnh\nNghị định này quy định về nghỉ hằng năm.\n"
        "Điều 2. Hiệu lực\nNghị định này có hiệu lực từ ngày 01 tháng 7 năm 2031.\n"
        "Nơi nhận:\n- Các bộ, cơ quan ngang bộ;\n- Lưu: VT.\n"
    )
    for on_behalf in ("TM. CHÍNH PHỦ", "T.M. CHÍNH PHỦ"):
        signed = body + f"{on_behalf}\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nTrần Văn Bình\n"
        assert read_document("nd.txt", data=signed.encode("utf-8")).meta.issuer == "Chính phủ"
    # "TM. BAN THƯỜNG VỤ" names no body of its own: no issuer is made up from it.
    committee = body.replace("NGHỊ ĐỊNH 401/2031/NĐ-CP", "QUY ĐỊNH 401/QĐ-LĐLĐ") + "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH\nTrần Văn Bình\n"
    assert read_document("qd.txt", data=committee.encode("utf-8")).meta.issuer is None


def test_a_title_in_capitals_before_a_note_in_ordinary_case_is_tidied_apart_from_it():
    text = (
        "BỘ LUẬT LAO ĐỘNG (Trích Chương XIV – Giải quyết tranh chấp lao động)\n\n"
        "Điều 179. Tranh chấp lao động\n1. Tranh chấp lao động là tranh chấp về quyền và nghĩa vụ.\n"
    )
    meta = read_document("blld.txt", data=text.encode("utf-8")).meta
    assert meta.name == "Bộ luật Lao động (Trích Chương XIV – Giải quyết tranh chấp lao động)"


@pytest.mark.parametrize(
    ("type_line", "kind"),
    [("TÀI LIỆU HỎI - ĐÁP", "Tài liệu hỏi - đáp"), ("TÀI LIỆU HỎI ĐÁP", "Tài liệu hỏi đáp"), ("# TÀI LIỆU HỎI-ĐÁP", "Tài liệu hỏi-đáp")],
)
def test_a_question_and_answer_leaflet_is_named_as_one_not_after_the_department_that_wrote_it(type_line, kind):
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HẢI PHÒNG\nBAN CHÍNH SÁCH - PHÁP LUẬT\nSố: 21/TL-CSPL\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hải Phòng, ngày 03 tháng 4 năm 2026\n\n"
        f"{type_line}\nVề tiền lương làm thêm giờ\n\n"
        "Câu 1. Hỏi: Làm thêm vào ngày nghỉ hằng tuần được trả bao nhiêu?\n"
        "Đáp: Ít nhất bằng 200% tiền lương của ngày làm việc bình thường.\n"
    )
    meta = read_document("hoi-dap.md", data=text.encode()).meta
    assert meta.short_name() == f"{kind} 21/TL-CSPL"
    assert meta.title == "Về tiền lương làm thêm giờ"


@pytest.mark.parametrize(
    ("type_line", "name"),
    [
        ("THỎA THUẬN HỢP TÁC", "Thỏa thuận hợp tác 07/2026/TTHT-CĐ"),
        ("THƯ NGỎ", "Thư ngỏ 07/2026/TTHT-CĐ"),
        ("THỂ LỆ", "Thể lệ 07/2026/TTHT-CĐ"),
        ("GIẤY MỜI", "Giấy mời 07/2026/TTHT-CĐ"),
    ],
)
def test_a_unions_cooperation_agreement_and_open_letter_are_named_by_their_kind_and_number(type_line, name):
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 07/2026/TTHT-CĐ\n\n"
        f"{type_line}\nVề việc ưu đãi lãi suất vay cho đoàn viên\n\n"
        "Điều 1. Ngân hàng giảm 0,5% lãi suất cho vay tiêu dùng đối với đoàn viên.\n"
    )
    assert read_document("tt.txt", data=text.encode()).meta.short_name() == name


def test_a_plans_issuer_named_without_its_province_in_the_preamble_takes_the_headers():
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH LẠNG SƠN\nBAN THƯỜNG VỤ\nSố: 19/KH-LĐLĐ\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "KẾ HOẠCH\nTổ chức Tháng Công nhân năm 2026\n\n"
        "Ban Thường vụ Liên đoàn Lao động tỉnh xây dựng kế hoạch tổ chức Tháng Công nhân như sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Chăm lo đời sống đoàn viên.\n"
    )
    assert read_document("kh.md", data=text.encode()).meta.issuer == "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH LẠNG SƠN"


@pytest.mark.parametrize(
    ("left", "issuer"),
    [
        (["TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", "LIÊN ĐOÀN LAO ĐỘNG TỈNH LẠNG SƠN", "BAN THƯỜNG VỤ"],
         "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG TỈNH LẠNG SƠN"),
        # A temporary body under its parent, its name ending with its year.
        (["LIÊN ĐOÀN LAO ĐỘNG TỈNH LẠNG SƠN", "BAN TỔ CHỨC HỘI THAO CNVCLĐ TỈNH NĂM 2026"],
         "BAN TỔ CHỨC HỘI THAO CNVCLĐ TỈNH NĂM 2026"),
        # A union's congress under the union above it, its name wrapped, its term left out.
        (["CÔNG ĐOÀN CÁC KCN TỈNH LẠNG SƠN", "ĐẠI HỘI CÔNG ĐOÀN CÔNG TY CỔ PHẦN", "DỆT HÒA AN LẦN THỨ V, NHIỆM KỲ 2026 – 2031"],
         "ĐẠI HỘI CÔNG ĐOÀN CÔNG TY CỔ PHẦN DỆT HÒA AN LẦN THỨ V"),
        # A congress of no body named is no issuer.
        (["LIÊN ĐOÀN LAO ĐỘNG TỈNH LẠNG SƠN", "ĐẠI HỘI LẦN THỨ V, NHIỆM KỲ 2026 - 2031"], "LIÊN ĐOÀN LAO ĐỘNG TỈNH LẠNG SƠN"),
    ],
)
def test_a_body_under_its_parent_in_a_word_header_issues(left, issuer):
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Lạng Sơn, ngày 05 tháng 01 năm 2026"]
    rows = [*zip(left, right[: len(left)], strict=True), ("Số: 02/QĐ-LĐLĐ", "")]

    def build(document):
        table = document.add_table(rows=len(rows), cols=2)
        for row, (left, right) in zip(table.rows, rows, strict=True):
            row.cells[0].text, row.cells[1].text = left, right
        for text in ("QUYẾT ĐỊNH", "Về việc ban hành Quy chế chi tiêu nội bộ", "Điều 1. Ban hành kèm theo Quyết định này Quy chế."):
            document.add_paragraph(text)

    assert read_document("qd.docx", data=docx_bytes(build)).meta.issuer == issuer


def test_a_congress_under_the_union_above_it_in_a_typed_header_issues():
    text = (
        "CÔNG ĐOÀN CÁC KCN TỈNH LẠNG SƠN\nĐẠI HỘI CÔNG ĐOÀN CÔNG TY CỔ PHẦN\nDỆT HÒA AN LẦN THỨ V\nSố: 04/NQ-ĐH\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "NGHỊ QUYẾT\nĐại hội Công đoàn Công ty Cổ phần Dệt Hòa An lần thứ V\n\n"
        "I. MỤC TIÊU\n1. Phát triển 300 đoàn viên mới.\n"
    )
    assert read_document("nq.txt", data=text.encode()).meta.issuer == "ĐẠI HỘI CÔNG ĐOÀN CÔNG TY CỔ PHẦN DỆT HÒA AN LẦN THỨ V"
    # Its term is no part of its name.
    termed = text.replace("DỆT HÒA AN LẦN THỨ V\n", "DỆT HÒA AN LẦN THỨ V, NHIỆM KỲ 2026 - 2031\n")
    assert read_document("nq.txt", data=termed.encode()).meta.issuer == "ĐẠI HỘI CÔNG ĐOÀN CÔNG TY CỔ PHẦN DỆT HÒA AN LẦN THỨ V"


def test_a_department_under_its_body_in_a_header_typed_as_lines_keeps_the_bodys_name():
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐỒNG NAI\nBAN CHÍNH SÁCH - PHÁP LUẬT\n\nSố: 08/TL-CSPL\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "TÀI LIỆU HỎI - ĐÁP\nVề bảo hiểm thất nghiệp\n\n"
        "Câu 1. Ai phải đóng bảo hiểm thất nghiệp?\nTrả lời: Người lao động có hợp đồng từ đủ 01 tháng.\n\n"
        "Nơi nhận:\n- Các CĐCS;\n- Lưu: VT.\n\nTRƯỞNG BAN CHÍNH SÁCH - PHÁP LUẬT\n\nLê Quang Vinh\n"
    )
    meta = read_document("hd.md", data=text.encode()).meta
    assert meta.issuer == "BAN CHÍNH SÁCH - PHÁP LUẬT LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐỒNG NAI"
    assert (meta.signer, meta.signer_title) == ("Lê Quang Vinh", "TRƯỞNG BAN CHÍNH SÁCH - PHÁP LUẬT")


def test_a_markdown_header_rows_empty_cell_leaves_no_bar_in_the_place():
    text = (
        "| LIÊN ĐOÀN LAO ĐỘNG TỈNH TÂY NINH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
        "| **Số: 11/HD-LĐLĐ** | **Độc lập - Tự do - Hạnh phúc** |\n| | *Tây Ninh, ngày 02 tháng 3 năm 2027* |\n\n"
        "**HƯỚNG DẪN**\n\n**Hỗ trợ đoàn viên mất việc làm**\n\n## I. MỤC ĐÍCH\n\n1. Kịp thời hỗ trợ đoàn viên.\n"
    )
    meta = read_document("huong_dan.md", data=text.encode("utf-8")).meta
    assert meta.place == "Tây Ninh" and meta.date == "2027-03-02"


def test_a_committee_issuing_its_own_rules_is_named_with_the_union_it_belongs_to():
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HẢI PHÒNG\nCÔNG ĐOÀN CÔNG TY CỔ PHẦN CƠ KHÍ AN DƯƠNG\nỦY BAN KIỂM TRA\n"
        "Số: 04/QC-UBKT\nHải Phòng, ngày 10 tháng 01 năm 2027\nQUY CHẾ HOẠT ĐỘNG\nCỦA ỦY BAN KIỂM TRA CÔNG ĐOÀN CƠ SỞ\n"
        "Ủy ban Kiểm tra Công đoàn cơ sở ban hành Quy chế hoạt động như sau:\n"
        "Điều 1. Phạm vi\nQuy chế này quy định hoạt động của Ủy ban Kiểm tra.\n"
    )
    meta = read_document("quy_che.txt", data=text.encode("utf-8")).meta
    assert meta.issuer == "ỦY BAN KIỂM TRA CÔNG ĐOÀN CÔNG TY CỔ PHẦN CƠ KHÍ AN DƯƠNG"
