"""Documents as officials copy or type them: from a web page (.txt, .md; the page around it is not
the document), a Markdown header table with line breaks, a letter typed in columns, a body's letter
under its parent's name. Pages, documents and names written for this test."""

from pathlib import Path

import pytest

from ingest.chunking import chunk_document
from ingest.document import citation
from ingest.loaders import _without_page_chrome
from ingest.pipeline import read_document

CHARTER = """Trang chủ » Văn bản » Điều lệ - Quy chế
ĐIỀU LỆ CÔNG ĐOÀN NGÀNH DỆT MAY (trích)
Ngày đăng: 02/03/2025  |  Lượt xem: 1.204  |  In bài viết

CÔNG ĐOÀN NGÀNH DỆT MAY VIỆT NAM
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

ĐIỀU LỆ
CÔNG ĐOÀN NGÀNH DỆT MAY
(Đại hội lần thứ V thông qua ngày 12 tháng 01 năm 2025)

Chương I
ĐOÀN VIÊN

Điều 1. Đoàn viên
1. Người lao động trong ngành dệt may tự nguyện gia nhập thì được kết nạp.
2. Đoàn viên đóng đoàn phí hằng tháng.

Điều 2. Quyền của đoàn viên
Đoàn viên được công đoàn bảo vệ quyền, lợi ích hợp pháp.

TM. BAN CHẤP HÀNH
CHỦ TỊCH
Trần Văn Khải

Nguồn: Cổng thông tin Công đoàn ngành Dệt May
Chia sẻ:  Facebook  |  Zalo  |  Email
"""

PORTAL = """Trang chủ > Văn bản pháp luật > Lao động
Tải văn bản   In   Chia sẻ   Lưu văn bản
Số hiệu: 21/2026/QH15   Loại văn bản: Luật   Nơi ban hành: Quốc hội   Ngày ban hành: 10/06/2026

LUẬT AN TOÀN LAO ĐỘNG
(Trích)

Điều 1. Phạm vi
Luật này quy định về an toàn lao động; người lao động được chia sẻ thông tin về nguy cơ tai nạn.
Điều 2. Huấn luyện
Người lao động được huấn luyện an toàn hằng năm.

-----
Ghi chú: Nội dung trên chỉ mang tính chất tham khảo.
Bạn cần đăng nhập để xem toàn văn văn bản.
© Cổng pháp luật
"""


def _read(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    return doc, chunk_document(doc)


def test_a_charter_copied_from_a_page_is_named_from_its_own_header(tmp_path):
    doc, chunks = _read(tmp_path, "dieu_le.txt", CHARTER)
    assert doc.meta.short_name() == "Điều lệ Công đoàn ngành dệt may"
    assert doc.meta.signer == "Trần Văn Khải"
    text = "\n".join(c.text for c in chunks)
    for chrome in ("Trang chủ", "Lượt xem", "Chia sẻ", "Nguồn:", "Zalo"):
        assert chrome not in text
    assert all(citation(doc.meta, c).startswith("Điều lệ Công đoàn ngành dệt may") for c in chunks)


def test_the_same_page_saved_as_markdown(tmp_path):
    doc, chunks = _read(tmp_path, "dieu_le.md", CHARTER)
    assert doc.meta.short_name() == "Điều lệ Công đoàn ngành dệt may"
    assert not any("Lượt xem" in c.text or "Facebook" in c.text for c in chunks)


def test_a_portal_record_without_a_header_keeps_the_record_and_the_text(tmp_path):
    doc, chunks = _read(tmp_path, "luat.txt", PORTAL)
    # The portal's record is where this copy's number and date are written: it stays.
    assert doc.meta.number == "21/2026/QH15"
    assert doc.meta.date == "2026-06-10"
    text = "\n".join(c.text for c in chunks)
    assert "Trang chủ" not in text and "Tải văn bản" not in text
    assert "tham khảo" not in text and "đăng nhập" not in text and "©" not in text
    # A sentence of the text that mentions sharing is the text's.
    assert "được chia sẻ thông tin về nguy cơ tai nạn" in text
    assert "huấn luyện an toàn hằng năm" in chunks[-1].text


LETTER_MD = """LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC SƠN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BAN THƯỜNG VỤ                                    Độc lập - Tự do - Hạnh phúc

Số: 57/LĐLĐ-TC                                Bắc Sơn, ngày 05 tháng 01 năm 2026
V/v tổ chức Tết sum vầy

Kính gửi: Các công đoàn cơ sở.

1. Mỗi công đoàn cơ sở tổ chức ít nhất một chương trình Tết sum vầy.

2. Báo cáo kết quả trước ngày 20/02/2026.

Nơi nhận:                                        TM. BAN THƯỜNG VỤ
- Như trên;                                      PHÓ CHỦ TỊCH
- Lưu: VT.
                                                 Lê Văn Tâm
"""


def test_a_markdown_letter_typed_in_columns_with_spaces(tmp_path):
    doc, chunks = _read(tmp_path, "cong_van.md", LETTER_MD)
    assert doc.meta.issuer and "CỘNG HÒA" not in doc.meta.issuer
    assert doc.meta.signer == "Lê Văn Tâm"
    signature = [c for c in chunks if c.kind == "signature"]
    assert signature and "PHÓ CHỦ TỊCH" in signature[0].text
    recipients = [c for c in chunks if c.kind == "recipients"]
    assert recipients and "PHÓ CHỦ TỊCH" not in recipients[0].text


def test_a_list_attached_after_a_signature_typed_in_columns_leaves_the_signature_its_own(tmp_path):
    # The members' list after the signature is numbered too: the closing block is still read in
    # its two columns, the capacity not put among the recipients.
    text = LETTER_MD + (
        "\n\n          DANH SÁCH BAN CHẤP HÀNH LÂM THỜI\n(Kèm theo Công văn số 57/LĐLĐ-TC)\n\n"
        "1. Ông Phạm Văn Hòa - Chủ tịch;\n2. Bà Lý Thị Mai - Phó Chủ tịch.\n"
    )
    doc, _ = _read(tmp_path, "cong_van.txt", text)
    assert doc.meta.signer_title == "TM. BAN THƯỜNG VỤ, PHÓ CHỦ TỊCH"
    assert all("PHÓ CHỦ TỊCH" not in r for r in doc.meta.recipients)


def test_a_forms_sign_here_lines_typed_in_columns_stay_apart(tmp_path):
    text = (
        "BIÊN BẢN\nHọp tổ công đoàn\n1. Thời gian: 8 giờ ngày 02/3/2026.\n2. Nội dung: bầu tổ trưởng.\n\n"
        "THƯ KÝ                              CHỦ TRÌ\n(Ký, ghi rõ họ tên)                 (Ký, ghi rõ họ tên)\n"
        "Lê Thị Hoa                          Trần Văn Nam\n"
    )
    _, chunks = _read(tmp_path, "bien_ban.txt", text)
    signature = next(c for c in chunks if c.kind == "signature")
    assert "(Ký, ghi rõ họ tên) | (Ký, ghi rõ họ tên)" in signature.text
    text = text.replace("(Ký, ghi rõ họ tên)", "(Chữ ký, họ tên)")
    _, chunks = _read(tmp_path, "bien_ban.txt", text)
    assert "(Chữ ký, họ tên) | (Chữ ký, họ tên)" in next(c for c in chunks if c.kind == "signature").text


@pytest.mark.parametrize(
    "text",
    [
        # A letter whose subject speaks of sharing, its motto typed after its left column.
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH AN GIANG\nSố: 412/LĐLĐ-TG\nV/v chia sẻ thông tin chương trình Tết\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n1. Các công đoàn cơ sở phổ biến.\n",
        # A resolution without a header block that names the Party in a sentence.
        "NGHỊ QUYẾT\nĐại hội Công đoàn cơ sở\nĐoàn viên chia sẻ khó khăn với nhau.\n"
        "Công đoàn hoạt động dưới sự lãnh đạo của Đảng Cộng sản Việt Nam.\n1. Phát triển đoàn viên.\n",
        # A guide's step, a report's own source line, a closing sentence about sharing.
        "HƯỚNG DẪN\nsử dụng ứng dụng\nBước 1: Tải về ứng dụng và đăng nhập bằng số điện thoại.\n",
        "BÁO CÁO\n1. Số đoàn viên tăng 5%.\nNguồn: Số liệu do phòng nhân sự Công ty cung cấp.\n",
        "LỜI KÊU GỌI\n1. Mỗi đoàn viên ủng hộ một ngày lương.\nChia sẻ khó khăn với đồng nghiệp là truyền thống của chúng ta.\n",
    ],
)
def test_a_documents_own_lines_are_never_the_pages(text):
    kept = _without_page_chrome(text)
    assert [line for line in text.split("\n") if line.strip()] == [line for line in kept.split("\n") if line.strip()]


PLAN_MD = """| LIÊN ĐOÀN LAO ĐỘNG HUYỆN TÂN AN<br>**CÔNG ĐOÀN CÔNG TY TNHH AN KHANG** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc** |
|---|---|
| Số: 03/KH-CĐCS | *Tân An, ngày 12 tháng 01 năm 2027* |

# KẾ HOẠCH

**Tổ chức Đại hội Công đoàn cơ sở lần thứ III**

## I. MỤC ĐÍCH

1. Đánh giá kết quả nhiệm kỳ.
"""


def test_a_markdown_header_table_with_line_breaks_reads_as_rows(tmp_path):
    doc, chunks = _read(tmp_path, "ke_hoach.md", PLAN_MD)
    assert "<br>" not in chunks[0].text
    assert doc.meta.issuer == "CÔNG ĐOÀN CÔNG TY TNHH AN KHANG"
    assert doc.meta.number == "03/KH-CĐCS" and doc.meta.date == "2027-01-12"


LETTER_IN_TABLES_MD = """| LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐÔNG AN<br>Số: 77/LĐLĐ-CSPL<br>*V/v rà soát nợ đóng bảo hiểm* | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc**<br>*Đông An, ngày 02 tháng 3 năm 2031* |
|---|---|

**Kính gửi:** Các công đoàn cơ sở.

**1. Rà soát**

1.1. Công đoàn cơ sở đối chiếu danh sách lao động với thông báo kết quả đóng.

| **Nơi nhận:**<br>- Như kính gửi;<br>- Lưu: VT. | **TM. BAN THƯỜNG VỤ**<br>**PHÓ CHỦ TỊCH**<br><br>*(đã ký)*<br><br>**Lê Văn Hòa** |
|---|---|
"""


def test_a_markdown_closing_table_with_line_breaks_reads_cell_after_cell(tmp_path):
    doc, chunks = _read(tmp_path, "cong_van.md", LETTER_IN_TABLES_MD)
    assert (doc.meta.signer, doc.meta.signer_title) == ("Lê Văn Hòa", "TM. BAN THƯỜNG VỤ, PHÓ CHỦ TỊCH")
    assert doc.meta.recipients == ("Như kính gửi", "Lưu: VT")
    assert doc.meta.title == "Rà soát nợ đóng bảo hiểm"  # no "|" left by the empty cell beside it
    (recipients,) = [c for c in chunks if c.kind == "recipients"]
    assert "Lê Văn Hòa" not in recipients.text and "PHÓ CHỦ TỊCH" not in recipients.text


def test_a_markdown_data_tables_row_with_line_breaks_keeps_its_columns(tmp_path):
    md = (
        "KẾ HOẠCH\n\nI. TỔ CHỨC THỰC HIỆN\n\n| STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |\n"
        "|---|---|---|---|---|\n| 1 | Thăm hỏi công nhân | | Văn phòng<br>Ban Nữ công | Tháng 5 |\n"
    )
    doc, _ = _read(tmp_path, "kh.md", md)
    assert "1 | Thăm hỏi công nhân | | Văn phòng | Tháng 5" in doc.text


LETTER_UNDER_VGCL = """TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM
LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐÔNG AN
Số: 31/LĐLĐ-CSPL
V/v bảo vệ quyền lợi người lao động

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Đông An, ngày 14 tháng 10 năm 2026

1. Các công đoàn cơ sở nắm tình hình.
"""


def test_the_body_under_the_vgcl_issues_its_letter(tmp_path):
    doc, _ = _read(tmp_path, "cong_van.txt", LETTER_UNDER_VGCL)
    assert doc.meta.issuer == "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐÔNG AN"


RULES_MD = """**CÔNG TY TNHH GIÀY DA AN THỊNH**

**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
**Độc lập - Tự do - Hạnh phúc**

*Tân Lập, ngày 02 tháng 01 năm 2031*

# NỘI QUY LAO ĐỘNG

### Điều 1. Thời giờ làm việc

1. Người lao động làm việc 08 giờ mỗi ngày tại Công ty TNHH Giày da An Thịnh.

### Điều 2. Hiệu lực

1. Nội quy có hiệu lực sau 15 ngày kể từ ngày đăng ký.

| | **GIÁM ĐỐC** |
|---|---|
| | *(Đã ký và đóng dấu)* |
| | **Trần Quốc Bảo** |
"""


def test_a_markdown_signature_typed_in_the_right_column_of_a_table_is_the_signature(tmp_path):
    doc, chunks = _read(tmp_path, "noi_quy.md", RULES_MD)
    assert (doc.meta.signer, doc.meta.signer_title) == ("Trần Quốc Bảo", "GIÁM ĐỐC")
    last = [c for c in chunks if c.kind == "clause"][-1]
    assert "Trần Quốc Bảo" not in last.text and "|" not in last.text
    # Rules with neither number nor title are known by the company that adopts them.
    assert doc.meta.name == "Nội quy lao động Công ty TNHH Giày da An Thịnh"


REGULATION_MD = """**BCH CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH AN KHANG**

# QUY CHẾ
## Làm việc của Ban Chấp hành

### Điều 1. Họp thường kỳ

1. Ban Chấp hành họp mỗi quý một lần.

| Nơi nhận: | TM. BAN CHẤP HÀNH |
|---|---|
| - Các ủy viên BCH; | CHỦ TỊCH |
| - Các tổ công đoàn; | |
| - Lưu: VP. | (đã ký) |
| | Lê Thị Hoa |
"""


def test_a_markdown_closing_table_typed_row_by_row_reads_column_after_column(tmp_path):
    doc, chunks = _read(tmp_path, "quy_che.md", REGULATION_MD)
    assert doc.meta.recipients == ("Các ủy viên BCH", "Các tổ công đoàn", "Lưu: VP")
    assert (doc.meta.signer, doc.meta.signer_title) == ("Lê Thị Hoa", "TM. BAN CHẤP HÀNH, CHỦ TỊCH")
    (recipients,) = [c for c in chunks if c.kind == "recipients"]
    assert "CHỦ TỊCH" not in recipients.text and "|" not in recipients.text
    assert any(c.kind == "signature" and "Lê Thị Hoa" in c.text for c in chunks)
    # Signed for a body whose name opens with an accented capital, with no note: likewise.
    inspection = REGULATION_MD.replace("TM. BAN CHẤP HÀNH", "TM. ỦY BAN KIỂM TRA").replace("| - Lưu: VP. | (đã ký) |", "| - Lưu: VP. | |")
    doc, chunks = _read(tmp_path, "quy_che_ubkt.md", inspection)
    assert doc.meta.recipients == ("Các ủy viên BCH", "Các tổ công đoàn", "Lưu: VP")
    assert any(c.kind == "signature" and "TM. ỦY BAN KIỂM TRA" in c.text for c in chunks)


@pytest.mark.parametrize(
    ("table", "row"),
    [
        (
            "| STT | Họ tên | Chức vụ |\n|---|---|---|\n| 1 | Nguyễn Văn An | CHỦ TỊCH |\n| 2 | Lê Thị Bình | PHÓ CHỦ TỊCH |\n",
            "1 | Nguyễn Văn An | CHỦ TỊCH",
        ),
        # A status column that says "Đã ký", an attendance list signed "(đã ký)": data, not a signature.
        (
            "| Doanh nghiệp | Số lao động | Tình trạng |\n|---|---|---|\n| Công ty TNHH Gỗ An Thịnh | 1.200 | Đã ký |\n"
            "| Công ty CP May Bình An | 800 | Đang thương lượng |\n",
            "Công ty TNHH Gỗ An Thịnh | 1.200 | Đã ký",
        ),
        (
            "| Họ và tên | Chức vụ | Ký tên |\n|---|---|---|\n| Nguyễn Văn An | Chủ tịch | (đã ký) |\n"
            "| Lê Thị Bình | Phó Chủ tịch | (đã ký) |\n",
            "Nguyễn Văn An | Chủ tịch | (đã ký)",
        ),
    ],
)
def test_a_markdown_table_of_data_stays_a_table(tmp_path, table, row):
    doc, _ = _read(tmp_path, "kh.md", "KẾ HOẠCH\n\nI. TỔ CHỨC THỰC HIỆN\n\n" + table)
    assert row in doc.text


LETTER_SUBJECT_WRAPPED = """LIÊN ĐOÀN LAO ĐỘNG HUYỆN TÂN LẬP
Số: 142/LĐLĐ-CSPL
V/v trả lời kiến nghị của CĐCS
Công ty TNHH Giày da An Thịnh

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Tân Lập, ngày 22 tháng 7 năm 2031

Kính gửi: Ban Chấp hành Công đoàn cơ sở Công ty TNHH Giày da An Thịnh.

1. Về làm thêm giờ: Công ty không được buộc người lao động ký cam kết làm thêm giờ.
"""


def test_a_letters_subject_wrapped_onto_the_next_line_is_read_whole(tmp_path):
    doc, _ = _read(tmp_path, "cong_van.txt", LETTER_SUBJECT_WRAPPED)
    assert doc.meta.title == "Trả lời kiến nghị của CĐCS Công ty TNHH Giày da An Thịnh"
    assert doc.meta.date == "2031-07-22"


@pytest.mark.parametrize(
    "after",
    [
        "Kính gởi: Các công đoàn cơ sở trực thuộc",
        "Kinh gui: Cac cong doan co so truc thuoc",
        "Gửi các công đoàn cơ sở trực thuộc",
        "Tân Lập, ngày 22/7/2031",
        "\nCăn cứ Kế hoạch số 12/KH-LĐLĐ ngày 05/01/2031",
    ],
)
def test_a_letters_subject_does_not_read_on_into_the_next_header_line(tmp_path, after):
    text = f"LIÊN ĐOÀN LAO ĐỘNG HUYỆN TÂN LẬP\nSố: 15/LĐLĐ\nV/v hướng dẫn tổ chức Tháng Công nhân\n{after}\n\n1. Tổ chức các hoạt động.\n"
    doc, _ = _read(tmp_path, "cong_van.txt", text)
    assert doc.meta.title == "Hướng dẫn tổ chức Tháng Công nhân"


def test_an_agreement_headed_by_its_union_is_named_by_the_company(tmp_path):
    text = (
        "CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH MAY AN BÌNH\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTHỎA ƯỚC LAO ĐỘNG TẬP THỂ\n\n"
        "Điều 1. Phạm vi\n1. Thỏa ước áp dụng tại Công ty TNHH May An Bình.\n"
    )
    doc, _ = _read(tmp_path, "thoa_uoc.txt", text)
    assert doc.meta.name == "Thỏa ước lao động tập thể Công ty TNHH May An Bình"


@pytest.mark.parametrize(
    "body", ["BẢO HIỂM XÃ HỘI TỈNH ĐÔNG AN", "THANH TRA SỞ NỘI VỤ ĐÔNG AN", "CHI CỤC THUẾ KHU VỰC II"]
)
def test_a_state_agencys_letter_is_issued_by_it(tmp_path, body):
    md = (
        f"| {body} | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
        "| **Số: 356/CV-QLT** | **Độc lập - Tự do - Hạnh phúc** |\n"
        "| V/v đôn đốc đóng bảo hiểm còn nợ | *Đông An, ngày 20 tháng 3 năm 2031* |\n\n"
        "**Kính gửi:** Công ty Cổ phần May An Bình.\n\n1. Công ty nộp số tiền còn nợ trước ngày 30/4/2031.\n"
    )
    doc, _ = _read(tmp_path, "cong_van.md", md)
    assert doc.meta.issuer == body


DECISION_WITH_REGULATION = """CÔNG TY CỔ PHẦN MAY AN BÌNH
Số: 18/QĐ-AB
Đông An, ngày 05 tháng 01 năm 2031
QUYẾT ĐỊNH
Về việc ban hành Quy chế trả lương
Điều 1. Ban hành kèm theo Quyết định này Quy chế trả lương của Công ty.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
GIÁM ĐỐC
(Đã ký)
Phạm Văn Khải
CÔNG TY CỔ PHẦN MAY AN BÌNH
QUY CHẾ
TRẢ LƯƠNG CHO NGƯỜI LAO ĐỘNG
(Ban hành kèm theo Quyết định số 18/QĐ-AB ngày 05 tháng 01 năm 2031 của Giám đốc Công ty)
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi
1. Quy chế này quy định việc trả lương trong Công ty.
"""


def test_the_body_heading_an_issued_text_is_not_the_decisions_signature(tmp_path):
    doc, chunks = _read(tmp_path, "quyet_dinh.txt", DECISION_WITH_REGULATION)
    (signature,) = [c for c in chunks if c.kind == "signature"]
    assert "Phạm Văn Khải" in signature.text and "CÔNG TY" not in signature.text
    assert doc.meta.signer == "Phạm Văn Khải"


def test_a_letters_subject_in_a_row_with_an_empty_cell_has_no_bar(tmp_path):
    letter = (
        "| CÔNG ĐOÀN CƠ SỞ CÔNG TY AN LẠC | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|:---:|:---:|\n"
        "| Số: 27/CV-CĐCS | *Đông Sơn, ngày 03 tháng 3 năm 2031* |\n"
        "| V/v đề xuất cải thiện điều kiện làm việc của lao động nữ | |\n\n"
        "**Kính gửi:** Ban Giám đốc Công ty.\n\n1. Bố trí phòng vắt sữa tại xưởng.\n"
    )
    doc, _chunks = _read(tmp_path, "cong_van.md", letter)
    assert doc.meta.title == "Đề xuất cải thiện điều kiện làm việc của lao động nữ"
