"""Documents unlike the bundled ones: a law that opens with a one-line summary, a union charter, a
company's collective agreement, Word files with indented headings, a file with no title at all.

Every snippet here is invented for the test (plausible, not copied from any real document or from
corpus/). No model is needed: read_document + chunk_document only.
"""

from __future__ import annotations

import io

import docx
import pytest

from ingest.chunking import chunk_document
from ingest.document import (
    NAME_LIMIT,
    citation,
    distinct_names,
    indexed_text,
    shown_text,
    with_distinct_names,
)
from ingest.normalize import Line
from ingest.pipeline import read_document
from ingest.structure import match_article, match_marker, parse_structure
from tests.ingest.helpers import docx_bytes

SUMMARY_LAW = """Luật Nhà ở cho công nhân khu công nghiệp 2031 quy định về việc xây dựng, cho thuê và quản lý nhà ở cho công nhân.

Chương I
Những quy định chung

Điều 1. Phạm vi điều chỉnh
Luật này quy định về quy hoạch, xây dựng, cho thuê và quản lý nhà ở cho công nhân làm việc tại khu công nghiệp.

Điều 2: Đối tượng áp dụng
1. Công nhân có hợp đồng lao động từ 12 tháng trở lên.
2. Doanh nghiệp có sử dụng lao động tại khu công nghiệp.

Chương II
HỖ TRỢ TIỀN THUÊ NHÀ

Điều 26 Mức hỗ trợ tiền thuê nhà
1. Công nhân thuê nhà được hỗ trợ như sau:
a. Công nhân có thu nhập dưới mức lương tối thiểu vùng được hỗ trợ 50% tiền thuê;
b. Công nhân nuôi con dưới 6 tuổi được hỗ trợ thêm 10% tiền thuê;
c. Công nhân là người khuyết tật được hỗ trợ thêm 15% tiền thuê.
2. Mức hỗ trợ quy định tại khoản 1 Điều này được điều chỉnh 03 năm một lần.
"""

CHARTER = """ĐIỀU LỆ CÔNG ĐOÀN NGÀNH DỆT MAY
(Ban hành kèm theo Nghị quyết Đại hội đại biểu lần thứ V)

Chương I
QUY ĐỊNH CHUNG

Điều 1. Tên gọi và biểu tượng
Công đoàn ngành Dệt May là tổ chức chính trị - xã hội của người lao động trong ngành.

Chương IV
ĐOÀN VIÊN CÔNG ĐOÀN

Điều 26. Quyền và trách nhiệm của đoàn viên
1. Đoàn viên có các quyền sau đây:
a. Được thông tin, thảo luận, đề xuất và biểu quyết công việc của công đoàn;
b. Được ứng cử, đề cử, bầu cử cơ quan lãnh đạo công đoàn;
c. Được công đoàn hướng dẫn, tư vấn pháp luật lao động miễn phí.
2. Đoàn viên có trách nhiệm đóng đoàn phí theo quy định.
"""

AGREEMENT_POINTS = "\n".join(
    f"{letter}. {text}"
    for letter, text in [
        ("a", "Bản thân kết hôn: nghỉ 05 ngày, được công ty hỗ trợ thêm 1.000.000 đồng tiền mừng"),
        ("b", "Con đẻ, con nuôi kết hôn: nghỉ 02 ngày, được công đoàn cơ sở tặng quà trị giá 500.000 đồng"),
        ("c", "Anh, chị, em ruột kết hôn: nghỉ 01 ngày và phải báo trước cho quản lý trực tiếp"),
        ("d", "Cha đẻ, mẹ đẻ, cha nuôi, mẹ nuôi chết: nghỉ 04 ngày, công ty phúng viếng 2.000.000 đồng"),
        ("đ", "Cha mẹ đẻ, cha mẹ nuôi của vợ hoặc chồng chết: nghỉ 03 ngày, công ty phúng viếng 1.500.000 đồng"),
        ("e", "Vợ hoặc chồng, con đẻ, con nuôi chết: nghỉ 05 ngày, công ty phúng viếng 3.000.000 đồng"),
        ("g", "Ông bà nội, ông bà ngoại chết: nghỉ 01 ngày, công đoàn cơ sở thăm viếng theo quy chế chi tiêu"),
        ("h", "Nhà ở bị thiệt hại do thiên tai, hỏa hoạn: nghỉ 02 ngày để khắc phục, được xét hỗ trợ khó khăn"),
        ("i", "Người lao động hiến máu tình nguyện: nghỉ 01 ngày và được bồi dưỡng theo quy định của công ty"),
    ]
)

AGREEMENT = f"""CÔNG TY TNHH CƠ KHÍ HƯNG THỊNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
CÔNG ĐOÀN CƠ SỞ | Độc lập - Tự do - Hạnh phúc
THỎA ƯỚC LAO ĐỘNG TẬP THỂ
Giai đoạn 2031 - 2033
Căn cứ Bộ luật Lao động và kết quả thương lượng tập thể ngày 10 tháng 01 năm 2031, hai bên thỏa thuận như sau:

Điều 1: Đối tượng và phạm vi áp dụng
Thỏa ước này áp dụng cho người sử dụng lao động và toàn bộ người lao động của Công ty.

Điều 5: Thời giờ làm việc
1. Thời giờ làm việc bình thường không quá 08 giờ trong một ngày và 44 giờ trong một tuần.
2. Làm thêm giờ không quá 40 giờ trong một tháng và phải được người lao động đồng ý.

Điều 6: Nghỉ việc riêng
1. Người lao động được nghỉ việc riêng mà vẫn hưởng nguyên lương trong những trường hợp sau:
{AGREEMENT_POINTS}
2. Người lao động được nghỉ không hưởng lương 01 ngày khi anh, chị, em ruột chết.
- Phải thông báo cho quản lý trực tiếp trước khi nghỉ.
"""


def _doc(text: str, name: str):
    return read_document(name, data=text.encode("utf-8"))


def _paths_of(text: str, name: str, kind: str | None = None) -> dict[tuple[str, ...], str]:
    """Each chunk's text by its path (of that `kind` only, if given), for the document `text` read
    as a file called `name`."""
    return {c.path: c.text for c in chunk_document(_doc(text, name)) if kind is None or c.kind == kind}


def _last_and_ending(text: str, name: str, last: tuple[str, ...]) -> tuple[str, str]:
    """The text of the item at `last` and of the text's `› Phần kết`, each exactly one chunk."""
    chunks = chunk_document(_doc(text, name))
    (item,) = [c.text for c in chunks if c.path == last]
    (ending,) = [c.text for c in chunks if c.path == ("Phần kết",)]
    return item, ending


def _tree(text: str):
    return parse_structure([Line(t) for t in text.strip().split("\n")])


def _paths(root):
    return [p for p in _walk_paths(root, ())]


def _walk_paths(node, prefix):
    for child in node.children:
        yield (*prefix, child.label)
        yield from _walk_paths(child, (*prefix, child.label))


# --- names ---------------------------------------------------------------------------------------


def test_one_line_summary_names_the_document_and_every_citation():
    doc = _doc(SUMMARY_LAW, "luat-nha-o.txt")
    assert doc.meta.short_name() == "Luật Nhà ở cho công nhân khu công nghiệp 2031"
    assert doc.meta.doc_type == "LUẬT"
    chunks = chunk_document(doc)
    point = next(c for c in chunks if c.path[-1] == "Khoản 2" and "Điều 26" in c.path)
    assert citation(doc.meta, point) == (
        "Luật Nhà ở cho công nhân khu công nghiệp 2031 › Chương II › Điều 26 › Khoản 2"
    )
    assert all(citation(doc.meta, c).startswith("Luật Nhà ở cho công nhân") for c in chunks)


def test_title_line_with_its_number_gives_a_law_citation():
    text = "LUẬT BẢO VỆ NGƯỜI LAO ĐỘNG BIỂN số: 15/2031/QH16\nCăn cứ Hiến pháp;\nĐiều 1. Phạm vi\nLuật này quy định."
    doc = _doc(text, "x.txt")
    assert (doc.meta.doc_type, doc.meta.number) == ("LUẬT", "15/2031/QH16")
    assert doc.meta.short_name() == "Luật Bảo vệ người lao động biển 15/2031/QH16"


def test_charter_is_named_from_its_title_not_its_subtitle():
    doc = _doc(CHARTER, "dieu-le.txt")
    assert doc.meta.short_name() == "Điều lệ Công đoàn ngành dệt may"
    assert doc.meta.doc_type == "ĐIỀU LỆ"


def test_agreement_under_a_company_header_is_named_by_its_type():
    doc = _doc(AGREEMENT, "tuldtt.txt")
    assert doc.meta.doc_type == "THỎA ƯỚC LAO ĐỘNG TẬP THỂ"
    assert doc.meta.short_name().startswith("Thỏa ước lao động tập thể")
    assert "CÔNG TY" not in doc.meta.short_name()


def test_a_sector_agreement_is_named_by_its_whole_title_in_the_texts_own_spelling():
    text = (
        "CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP TỈNH THÁI BÌNH\nSố: 03/2031/TƯNDN\nThái Bình, ngày 02 tháng 3 năm 2031\n\n"
        "THỎA ƯỚC LAO ĐỘNG TẬP THỂ NHÓM DOANH NGHIỆP\nNGÀNH CƠ KHÍ CHẾ TẠO TỈNH THÁI BÌNH\n\n"
        "Căn cứ kết quả thương lượng tập thể nhóm doanh nghiệp ngành cơ khí chế tạo tỉnh Thái Bình,\n"
        "Điều 1. Phạm vi\nÁp dụng cho các doanh nghiệp cơ khí chế tạo là thành viên.\n"
    )
    meta = _doc(text, "tu-nhom.txt").meta
    # The sector and the province on the second line are part of the name; the number goes where
    # the name leaves it no room.
    assert meta.short_name() == "Thỏa ước lao động tập thể nhóm doanh nghiệp ngành cơ khí chế tạo tỉnh Thái Bình"


@pytest.mark.parametrize(
    ("title_line", "sentence", "name"),
    [
        # Known by what it regulates, read on as the text writes it.
        ("Thực hiện dân chủ tại nơi làm việc", "Quy chế này quy định việc thực hiện dân chủ tại nơi làm việc.",
         "Quy chế thực hiện dân chủ tại nơi làm việc 12/QC-CT"),
        # A body's name keeps its capital even where the text also writes "công đoàn cơ sở".
        ("Công đoàn Cảng Hải Phòng", "Đoàn viên công đoàn cơ sở thực hiện Điều lệ Công đoàn Cảng Hải Phòng.",
         "Quy chế Công đoàn Cảng Hải Phòng 12/QC-CT"),
        # A title read from capitals whose first words end at a comma.
        ("THĂM HỎI, TẶNG QUÀ ĐOÀN VIÊN", "Công đoàn cơ sở thăm hỏi đoàn viên ốm đau.",
         "Quy chế thăm hỏi, tặng quà đoàn viên 12/QC-CT"),
    ],
)
def test_a_regulation_is_named_by_its_title_as_the_text_spells_it(title_line, sentence, name):
    text = f"CÔNG TY CẢNG HẢI PHÒNG\nSố: 12/QC-CT\n\nQUY CHẾ\n{title_line}\n\nĐiều 1. Phạm vi\n{sentence}\n"
    assert _doc(text, "qc.txt").meta.short_name() == name


DECISION_WITH_REGULATION = """CÔNG ĐOÀN CÔNG TY CỔ PHẦN GẠCH MEN THÁI SƠN
Số: 09/QĐ-CĐ
Thái Sơn, ngày 03 tháng 02 năm 2031
QUYẾT ĐỊNH
Về việc ban hành Quy chế khen thưởng của Công đoàn Công ty
BAN CHẤP HÀNH CÔNG ĐOÀN CÔNG TY CỔ PHẦN GẠCH MEN THÁI SƠN
Căn cứ Điều lệ Công đoàn Việt Nam;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế khen thưởng của Công đoàn Công ty.
Điều 2. Quyết định có hiệu lực từ ngày ký.
Điều 3. Các tổ công đoàn chịu trách nhiệm thi hành Quyết định này.
Nơi nhận:
- Như Điều 3;
- Lưu VP.
TM. BAN CHẤP HÀNH
CHỦ TỊCH
Trần Văn Lộc
CÔNG ĐOÀN CÔNG TY | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
QUY CHẾ
Khen thưởng của Công đoàn Công ty Cổ phần Gạch men Thái Sơn
(Ban hành kèm theo Quyết định số 09/QĐ-CĐ ngày 03/02/2031)
MỤC LỤC
Chương I. QUY ĐỊNH CHUNG 1
Điều 1. Phạm vi 1
Điều 2. Mức thưởng 2
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi
Quy chế này quy định việc khen thưởng đoàn viên.
Điều 2. Mức thưởng
1. Đoàn viên xuất sắc được thưởng 500.000 đồng.
2. Tổ công đoàn xuất sắc được thưởng 1.000.000 đồng.
TM. BAN CHẤP HÀNH
CHỦ TỊCH
Trần Văn Lộc
"""


def test_a_regulation_issued_by_a_decision_is_cited_under_its_own_name():
    doc = _doc(DECISION_WITH_REGULATION, "qd-09.txt")
    assert doc.meta.short_name() == "Quyết định 09/QĐ-CĐ"
    # The title is the line under the type, not the deciding body's line in capitals after it.
    assert doc.meta.title == "Về việc ban hành Quy chế khen thưởng của Công đoàn Công ty"
    assert doc.meta.signer == "Trần Văn Lộc"
    chunks = chunk_document(doc)
    paths = [c.path for c in chunks]
    # The decision's own articles, then its closing, not glued to its Điều 3.
    assert ("Điều 3",) in paths and ("Chữ ký",) in paths
    (third,) = [c for c in chunks if c.path == ("Điều 3",)]
    assert "Nơi nhận" not in third.text and "Trần Văn Lộc" not in third.text
    # The regulation's articles, numbered from 1 again, say which text they belong to.
    regulation = "Quy chế khen thưởng"
    assert (regulation, "Chương I", "Điều 2", "Khoản 1") in paths
    assert (regulation, "Phần mở đầu") in paths
    (award,) = [c for c in chunks if c.path == (regulation, "Chương I", "Điều 2", "Khoản 2")]
    assert citation(doc.meta, award) == "Quyết định 09/QĐ-CĐ › Quy chế khen thưởng › Chương I › Điều 2 › Khoản 2"
    assert award.context[0].startswith("QUY CHẾ Khen thưởng")
    assert "Trần Văn Lộc" not in award.text  # its own signature is its own
    assert (regulation, "Chữ ký") in paths
    # Its header row opens its own header, and its table of contents lists its articles
    # without being them: one Điều 1, one Điều 2.
    (head,) = [c for c in chunks if c.path == (regulation, "Phần mở đầu")]
    assert head.text.startswith("CÔNG ĐOÀN CÔNG TY |") and "MỤC LỤC" in head.text
    assert [c.path for c in chunks].count((regulation, "Chương I", "Điều 1")) == 1


def test_a_table_of_contents_lists_the_articles_without_being_them():
    text = (
        "ĐIỀU LỆ\nHội Cựu công nhân tỉnh Bắc Giang\nMỤC LỤC\nChương I. QUY ĐỊNH CHUNG ...... 2\n"
        "Điều 1. Tên gọi ...... 2\nĐiều 2. Tôn chỉ ...... 3\nChương I\nQUY ĐỊNH CHUNG\n"
        "Điều 1. Tên gọi\nHội có tên là Hội Cựu công nhân tỉnh Bắc Giang.\nĐiều 2. Tôn chỉ\nHội đoàn kết hội viên.\n"
    )
    chunks = chunk_document(_doc(text, "dieu-le.txt"))
    assert [c.path for c in chunks if c.kind == "clause"] == [("Chương I", "Điều 1"), ("Chương I", "Điều 2")]
    (preamble,) = [c for c in chunks if c.kind == "preamble"]
    assert "Điều 2. Tôn chỉ ...... 3" in preamble.text


def test_a_letter_is_named_by_its_number_and_subject():
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC GIANG\nSố: 88/LĐLĐ-TC\nV/v báo cáo tài chính 6 tháng đầu năm 2031\n"
        "Bắc Giang, ngày 02 tháng 6 năm 2031\nKính gửi: Các công đoàn cơ sở trực thuộc.\n"
        "1. Lập báo cáo quyết toán theo mẫu.\n2. Gửi báo cáo trước ngày 15/7/2031.\n"
    )
    meta = _doc(text, "cv88.txt").meta
    assert (meta.short_name(), meta.title) == ("Công văn 88/LĐLĐ-TC", "Báo cáo tài chính 6 tháng đầu năm 2031")


def test_an_agreements_term_under_its_company_is_not_its_name():
    document = docx.Document()
    document.add_paragraph("THỎA ƯỚC LAO ĐỘNG TẬP THỂ")
    document.add_paragraph("CÔNG TY TNHH GỖ NAM PHONG")
    document.add_paragraph().add_run("Thời hạn 02 năm (2031 – 2032)").bold = True  # a bold line is a title line
    for text in ("Căn cứ Bộ luật Lao động;", "Điều 1: Phạm vi", "Áp dụng cho người lao động của Công ty TNHH Gỗ Nam Phong."):
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    meta = read_document("tu.docx", data=out.getvalue()).meta
    # The company as the text writes it, without the term under it.
    assert meta.short_name() == "Thỏa ước lao động tập thể Công ty TNHH Gỗ Nam Phong"


def test_a_markdown_file_is_read_by_its_headings_not_its_markup():
    text = (
        "# QUY ĐỊNH\n\n**Về giờ làm việc tại cơ quan Liên đoàn Lao động huyện**\n\n"
        "## Điều 1. Phạm vi\n\n- Áp dụng cho cán bộ cơ quan.\n- Áp dụng cho người lao động hợp đồng.\n\n"
        "## Điều 2. Giờ làm việc\n\nBuổi sáng từ **7 giờ 00** đến 11 giờ 30.\n\n"
        "> Lưu ý: ngày thứ Bảy trực theo lịch.\n"
    )
    doc = read_document("quy-dinh.md", data=text.encode())
    assert doc.meta.short_name() == "Quy định về giờ làm việc tại cơ quan Liên đoàn Lao động huyện"
    chunks = chunk_document(doc)
    assert [c.path for c in chunks if c.kind == "clause"] == [("Điều 1",), ("Điều 2",)]
    assert not any("#" in c.text or "**" in c.text or ">" in c.text for c in chunks)
    assert any("Lưu ý: ngày thứ Bảy" in c.text for c in chunks)


CONSOLIDATED_TEXT = """BỘ NỘI VỤ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 07/VBHN-BNV | Hà Nội, ngày 02 tháng 3 năm 2032
VĂN BẢN HỢP NHẤT
THÔNG TƯ
HƯỚNG DẪN CHẾ ĐỘ PHỤ CẤP CHO CÁN BỘ CÔNG ĐOÀN KHÔNG CHUYÊN TRÁCH
Thông tư số 04/2030/TT-BNV, có hiệu lực từ ngày 01 tháng 6 năm 2030, được sửa đổi, bổ sung bởi:
1. Thông tư số 02/2031/TT-BNV, có hiệu lực từ ngày 01 tháng 3 năm 2031;
2. Thông tư số 09/2031/TT-BNV, có hiệu lực từ ngày 01 tháng 9 năm 2031.
Căn cứ Luật Công đoàn;
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi
Thông tư này hướng dẫn chế độ phụ cấp cho cán bộ công đoàn không chuyên trách.[1]
Điều 2. Mức phụ cấp
Mức phụ cấp bằng 0,3 mức lương cơ sở.[2]
XÁC THỰC VĂN BẢN HỢP NHẤT
BỘ TRƯỞNG
Lê Văn Minh
[1] Điều này được sửa đổi theo khoản 1 Điều 1 Thông tư số 02/2031/TT-BNV.
[2] Điều này được sửa đổi theo khoản 2 Điều 1 Thông tư số 09/2031/TT-BNV.
"""


def test_a_consolidated_text_is_cited_as_one_with_its_notes_apart():
    doc = _doc(CONSOLIDATED_TEXT, "vbhn.txt")
    assert doc.meta.short_name() == "Văn bản hợp nhất 07/VBHN-BNV"
    assert doc.meta.title.startswith("Thông tư hướng dẫn chế độ phụ cấp")
    assert doc.meta.signer == "Lê Văn Minh"
    chunks = chunk_document(doc)
    # The acts it merges, numbered before Chương I, are its preamble, not clauses "1." and "2.".
    assert [c.path for c in chunks if c.kind == "clause" and c.path[0] != "Chú thích"] == [
        ("Chương I", "Điều 1"), ("Chương I", "Điều 2")]
    (last,) = [c for c in chunks if c.path == ("Chương I", "Điều 2")]
    assert "XÁC THỰC" not in last.text
    (notes,) = [c for c in chunks if c.path == ("Chú thích",)]
    assert notes.text.startswith("[1] Điều này") and "Lê Văn Minh" not in notes.text
    (signature,) = [c for c in chunks if c.kind == "signature"]
    assert "[1]" not in signature.text


def test_an_amending_acts_quoted_articles_stay_inside_the_clause_that_quotes_them():
    text = (
        "NGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều của Nghị định số 10/2030/NĐ-CP\n"
        "Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 10/2030/NĐ-CP\n"
        "1. Sửa đổi, bổ sung Điều 5 như sau:\n“Điều 5. Mức đóng\n1. Mức đóng bằng 2% quỹ tiền lương.\n"
        "2. Doanh nghiệp siêu nhỏ được giảm như sau:\na) Đóng 1% quỹ tiền lương;\nb) Đóng theo quý.”\n"
        "2. Bổ sung khoản 4 vào Điều 8 như sau:\n“4. Công đoàn cơ sở được giữ lại 75%.”\n"
        "3. Bãi bỏ Điều 12.\nĐiều 2. Hiệu lực thi hành\nNghị định này có hiệu lực từ ngày 01 tháng 5 năm 2031.\n"
    )
    chunks = chunk_document(_doc(text, "nd.txt"))
    # The decree's own khoản 1–3, each holding the wording it quotes: no second "Khoản 1" made
    # of the quoted article's, no "Điểm a" of the decree.
    assert [c.path for c in chunks if c.kind == "clause"] == [
        ("Điều 1", "Khoản 1"), ("Điều 1", "Khoản 2"), ("Điều 1", "Khoản 3"), ("Điều 2",)]
    (first,) = [c for c in chunks if c.path == ("Điều 1", "Khoản 1")]
    assert "b) Đóng theo quý.”" in first.text


def test_a_plans_closing_paragraph_is_not_part_of_its_last_item():
    text = (
        "KẾ HOẠCH\nTổ chức Tháng Công nhân năm 2031\nI. MỤC ĐÍCH\n1. Chăm lo đời sống công nhân.\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Các công đoàn cơ sở báo cáo kết quả trước ngày 30/6/2031.\n"
        "Trên đây là Kế hoạch tổ chức Tháng Công nhân năm 2031, đề nghị các đơn vị thực hiện.\n"
        "Trong quá trình thực hiện, nếu có vướng mắc, liên hệ Ban Tổ chức (đồng chí Lan, 0912 345 678).\n"
        "Nơi nhận:\n- Như trên;\n- Lưu VT.\nTM. BAN THƯỜNG VỤ\nCHỦ TỊCH\nNguyễn Văn An\n"
    )
    chunks = chunk_document(_doc(text, "kh.txt"))
    (last,) = [c for c in chunks if c.path == ("II. TỔ CHỨC THỰC HIỆN", "1.")]
    assert last.text.endswith("trước ngày 30/6/2031.")
    (ending,) = [c for c in chunks if c.path == ("Phần kết",)]
    assert ending.text.startswith("Trên đây là") and "0912 345 678" in ending.text and "Nơi nhận" not in ending.text
    # In a text of articles the same sentence is a clause of its last article.
    law = "QUY CHẾ\nChi tiêu nội bộ\nĐiều 1. Hiệu lực\nQuy chế có hiệu lực từ ngày ký.\nTrong quá trình thực hiện, nếu có vướng mắc, báo cáo Chủ tịch.\n"
    (article,) = [c for c in chunk_document(_doc(law, "qc.txt")) if c.kind == "clause"]
    assert article.path == ("Điều 1",) and article.text.endswith("báo cáo Chủ tịch.")


# A letter's recipients and signature, after its last item or closing.
_SIGNED = "Nơi nhận:\n- Như trên;\n- Lưu VT.\nTM. BAN THƯỜNG VỤ\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n"


def test_a_letters_deadline_named_for_all_its_requests_closes_it():
    text = (
        "CÔNG VĂN\nVề việc trả lương chậm\n1. Thanh toán đủ tiền lương tháng 9 cho 120 người lao động chậm nhất ngày 25/11/2031.\n"
        "2. Báo cáo kết quả thực hiện bằng văn bản gửi về Liên đoàn Lao động tỉnh trước ngày 28/11/2031.\n"
        "Quá thời hạn nêu trên, nếu Công ty không thực hiện, Liên đoàn Lao động tỉnh sẽ đề nghị thanh tra.\n" + _SIGNED
    )
    chunks = chunk_document(_doc(text, "cv.txt"))
    (last,) = [c for c in chunks if c.path == ("2.",)]
    assert last.text.endswith("trước ngày 28/11/2031.")
    (ending,) = [c for c in chunks if c.path == ("Phần kết",)]
    assert ending.text.startswith("Quá thời hạn nêu trên")
    # Also when the sentence opens with it.
    text = text.replace("Quá thời hạn nêu trên, nếu", "Thời hạn nêu trên là thời hạn cuối cùng; nếu")
    (ending,) = [c for c in chunk_document(_doc(text, "cv.txt")) if c.path == ("Phần kết",)]
    assert ending.text.startswith("Thời hạn nêu trên")


def test_a_paragraph_in_the_signing_bodys_voice_after_the_last_request_closes_the_letter():
    text = (
        "CÔNG VĂN\nVề việc áp dụng lương tối thiểu vùng\n1. Rà soát thang lương, bảng lương của doanh nghiệp trước ngày 15/8/2031.\n"
        "2. Báo cáo kết quả thực hiện theo mẫu gửi kèm về Liên đoàn Lao động huyện trước ngày 30/9/2031.\n"
        "Ban Thường vụ Liên đoàn Lao động huyện giao Ban Chính sách - Pháp luật theo dõi, đôn đốc và kiểm tra tại 12 doanh nghiệp.\n"
        + _SIGNED
    )
    chunks = chunk_document(_doc(text, "cv.txt"))
    (last,) = [c for c in chunks if c.path == ("2.",)]
    assert last.text.endswith("trước ngày 30/9/2031.")
    (ending,) = [c for c in chunks if c.path == ("Phần kết",)]
    assert ending.text.startswith("Ban Thường vụ Liên đoàn Lao động huyện giao")
    # Another body's sentence there is still the last request's ("Ban Chính sách" does not sign).
    other = text.replace("Ban Thường vụ Liên đoàn Lao động huyện giao Ban Chính sách - Pháp luật", "Ban Chính sách - Pháp luật")
    (last,) = [c for c in chunk_document(_doc(other, "cv.txt")) if c.path == ("2.",)]
    assert "kiểm tra tại 12 doanh nghiệp" in last.text


def test_what_a_letter_asks_of_several_items_and_its_request_for_a_reply_close_it():
    text = (
        "CÔNG VĂN\nVề việc hỗ trợ quà Tết\n1. Hỗ trợ 500.000 đồng/người cho 120 đoàn viên khó khăn nhất.\n"
        "2. Hỗ trợ 200 suất quà cho người lao động ở lại dịp Tết, mỗi suất 300.000 đồng.\n"
        "3. Chi trả tiền lương tháng 01/2031 cho người lao động chậm nhất ngày 20/01/2031.\n"
        "Kinh phí hỗ trợ tại mục 1 và mục 2 đề nghị chuyển vào tài khoản Công đoàn Công ty trước ngày 15/01/2031.\n"
        "Đề nghị Ban Giám đốc Công ty có ý kiến phản hồi bằng văn bản trước ngày 08/01/2031.\n" + _SIGNED
    )
    chunks = chunk_document(_doc(text, "cv.txt"))
    (last,) = [c for c in chunks if c.path == ("3.",)]
    assert last.text.endswith("chậm nhất ngày 20/01/2031.")
    (ending,) = [c for c in chunks if c.path == ("Phần kết",)]
    assert ending.text.startswith("Kinh phí hỗ trợ tại mục 1 và mục 2") and "phản hồi bằng văn bản" in ending.text
    # One item named is still that item's text ("… tại mục 3 …" goes on with the last one).
    one = text.replace("Kinh phí hỗ trợ tại mục 1 và mục 2 đề nghị", "Tiền lương tại mục 3 đề nghị").replace(
        "Đề nghị Ban Giám đốc Công ty có ý kiến phản hồi bằng văn bản trước ngày 08/01/2031.\n", ""
    )
    (last,) = [c for c in chunk_document(_doc(one, "cv.txt")) if c.path == ("3.",)]
    assert "Tiền lương tại mục 3" in last.text
    # However long the sentence before the items it names.
    late = text.replace(
        "Kinh phí hỗ trợ tại mục 1 và mục 2 đề nghị",
        "Theo tính toán sơ bộ của Ban Chấp hành Công đoàn cơ sở, tổng kinh phí thực hiện các đề nghị tại mục 1, mục 2 và mục 3 khoảng 1,28 tỷ đồng,",
    )
    (last,) = [c for c in chunk_document(_doc(late, "cv.txt")) if c.path == ("3.",)]
    assert last.text.endswith("chậm nhất ngày 20/01/2031.")


@pytest.mark.parametrize(
    "closing",
    [
        "Ban Chấp hành Công đoàn Công ty đề nghị các tổ trưởng công đoàn phổ biến thông báo này đến từng đoàn viên./.",
        "Đề nghị Ban Chấp hành Công đoàn cơ sở Công ty TNHH Giày da Hoàng Long phổ biến nội dung Công văn này đến đoàn viên.",
        "Công ty đề nghị Ban Chấp hành Công đoàn cơ sở thông báo nội dung Công văn này đến toàn thể người lao động.",
        "Trong quá trình sử dụng tài liệu, nếu có vướng mắc, đề nghị liên hệ Ban Tuyên giáo để được giải đáp.",
        "Mọi ý kiến góp ý về bữa ăn ca, người lao động gửi về phòng Hành chính - Nhân sự (máy lẻ 2105).",
        "Công đoàn các Khu công nghiệp tỉnh đề nghị các công đoàn cơ sở phối hợp thực hiện. Mọi thắc mắc xin liên hệ bà Lê Thị Minh Phương.",
        "Các công đoàn cơ sở tổ chức phổ biến tài liệu này đến đoàn viên và báo cáo kết quả trước ngày 30/6/2031.",
    ],
)
def test_a_call_to_pass_the_text_on_or_a_contact_after_the_last_item_closes_it(closing):
    text = (
        "THÔNG BÁO\nVề đăng ký Chuyến xe Công đoàn\n1. Thời gian đăng ký\nTừ ngày 02/01 đến hết ngày 10/01/2031.\n"
        "2. Liên hệ\n- Anh Phạm Minh Tuấn, Ủy viên Ban Chấp hành, điện thoại 0986 112 233.\n"
        f"{closing}\n" + _SIGNED
    )
    chunks = chunk_document(_doc(text, "tb.txt"))
    (ending,) = [c for c in chunks if c.path == ("Phần kết",)]
    assert ending.text.startswith(closing[:30])
    (last,) = [c for c in chunks if c.path == ("2.",)]
    assert closing[:30] not in last.text


@pytest.mark.parametrize(
    ("last", "after"),
    [
        # Another text's clauses named, not the letter's items.
        ("2. Chi trả trợ cấp thôi việc cho 35 người lao động chậm nhất ngày 30/12/2031.",
         "Mức trợ cấp quy định tại khoản 1 và khoản 2 Điều 46 Bộ luật Lao động được tính theo tiền lương bình quân."),
        # The committees of the units below the signing body.
        ("2. Tổ chức giải bóng đá nam cho công nhân các phân xưởng trong tháng 5/2031.",
         "Ban Chấp hành các công đoàn bộ phận đăng ký danh sách cầu thủ và nộp lệ phí trước ngày 20/4/2031."),
        # A contact under a heading about contacts.
        ("2. Thông tin liên hệ", "Người liên hệ: chị Nguyễn Thị Hoa, điện thoại 0912 345 678."),
        # "Đề nghị" as a noun.
        ("2. Tuyên truyền", "Công đoàn các bộ phận tiếp nhận đề nghị của đoàn viên, phổ biến Kế hoạch này đến từng tổ sản xuất."),
    ],
)
def test_what_only_looks_like_a_closing_stays_with_the_last_item(last, after):
    text = f"CÔNG VĂN\nVề việc thực hiện chế độ\n1. Rà soát danh sách người lao động trước ngày 15/12/2031.\n{last}\n{after}\n" + _SIGNED
    chunks = chunk_document(_doc(text, "cv.txt"))
    (item,) = [c for c in chunks if c.path == ("2.",)]
    assert after in item.text
    assert not [c for c in chunks if c.path == ("Phần kết",)]


def test_a_contact_after_a_last_item_that_is_a_sentence_closes_the_text():
    text = (
        "BÁO CÁO\nKết quả khắc phục\n1. Công ty đã trả đủ tiền lương làm thêm giờ cho 215 người lao động.\n"
        "2. Công ty kiến nghị Sở tổ chức tập huấn pháp luật lao động cho cán bộ nhân sự các doanh nghiệp.\n"
        "Người liên hệ: bà Trương Thị Ngọc Mai, Trưởng phòng Hành chính - Nhân sự, điện thoại 0274 3738 215.\n" + _SIGNED
    )
    (ending,) = [c for c in chunk_document(_doc(text, "bc.txt")) if c.path == ("Phần kết",)]
    assert ending.text.startswith("Người liên hệ: bà Trương Thị Ngọc Mai")


def test_roles_named_under_a_plans_task_stay_the_tasks():
    text = (
        "KẾ HOẠCH\nTập huấn cán bộ công đoàn năm 2031\nII. NHIỆM VỤ\n"
        "1. Tổ chức tập huấn nghiệp vụ cho 120 cán bộ công đoàn cơ sở trong quý II/2031.\n"
        "Chủ trì: Ban Tổ chức Liên đoàn Lao động tỉnh.\n"
        "2. Tổ chức hội thi cán bộ công đoàn giỏi trong tháng 9/2031.\nChủ trì: Ban Chính sách - Pháp luật.\n"
    )
    chunks = _paths_of(text, "kh.txt", kind="clause")
    assert "Chủ trì: Ban Tổ chức" in chunks[("II. NHIỆM VỤ", "1.")]
    assert "Chủ trì: Ban Chính sách" in chunks[("II. NHIỆM VỤ", "2.")]


def test_which_text_a_guidance_replaces_stays_under_the_heading_it_is_the_text_of():
    text = (
        "HƯỚNG DẪN\nVề đại hội công đoàn cơ sở\nI. NỘI DUNG\n1. Đại hội tổ chức trong quý II/2031.\n"
        "II. HIỆU LỰC THI HÀNH\nHướng dẫn này có hiệu lực kể từ ngày ký.\n"
        "Hướng dẫn này thay thế Hướng dẫn số 02/HD-LĐLĐ ngày 10/3/2029.\n" + _SIGNED
    )
    chunks = chunk_document(_doc(text, "hd.txt"))
    (section,) = [c for c in chunks if c.path == ("II. HIỆU LỰC THI HÀNH",)]
    assert "thay thế Hướng dẫn số 02" in section.text
    assert not [c for c in chunks if c.path == ("Phần kết",)]
    # After a last item that is a sentence of its own, it closes the text (b79's guidance).
    text = text.replace("II. HIỆU LỰC THI HÀNH\nHướng dẫn này có hiệu lực kể từ ngày ký.\n", "")
    text = text.replace("1. Đại hội tổ chức trong quý II/2031.", "1. Đại hội công đoàn cơ sở tổ chức xong trong quý II/2031, báo cáo kết quả về Ban Tổ chức.")
    (ending,) = [c for c in chunk_document(_doc(text, "hd.txt")) if c.path == ("Phần kết",)]
    assert ending.text.startswith("Hướng dẫn này thay thế")


@pytest.mark.parametrize(
    ("kind", "closing"),
    [
        ("CÔNG VĂN", "Mọi thông tin chi tiết xin liên hệ đồng chí Lan, số điện thoại 0912 345 678.\n"
                     "Nhận được Công văn này, đề nghị các công đoàn cơ sở triển khai thực hiện./."),
        ("CHỈ THỊ", "Chỉ thị này được phổ biến đến chi bộ."),
        ("THÔNG BÁO", "Mọi thắc mắc xin liên hệ đồng chí Hoa, Ủy viên Ban Chấp hành, điện thoại 0987 654 321.\n"
                      "Đề nghị các tổ công đoàn phổ biến thông báo này đến từng đoàn viên./."),
        ("THÔNG BÁO", "Văn phòng Huyện ủy thông báo để các đơn vị, cá nhân liên quan biết, thực hiện."),
        ("THÔNG BÁO", "Đề nghị các tổ công đoàn, đại biểu được triệu tập thực hiện nghiêm túc thông báo này."),
        ("CHƯƠNG TRÌNH", "Kinh phí thực hiện Chương trình được bố trí từ nguồn tài chính công đoàn năm 2031./."),
        ("BIÊN BẢN", "Hội nghị kết thúc lúc 16 giờ 30 phút cùng ngày. Biên bản được lập thành 03 bản có giá trị như nhau."),
        ("BIÊN BẢN", "Biên bản kết thúc lúc 18 giờ 45 phút cùng ngày, đã được đọc lại cho các thành viên cùng nghe."),
        ("BIÊN BẢN", "Buổi chấm thi kết thúc lúc 17 giờ 00 cùng ngày."),
        ("NGHỊ QUYẾT", "Hội nghị kêu gọi toàn thể đoàn viên thi đua thực hiện thắng lợi Nghị quyết.\n"
                       "Nghị quyết này đã được Hội nghị biểu quyết thông qua với 15/15 ủy viên tán thành./."),
        ("NGHỊ QUYẾT", "Nghị quyết được Chi bộ Tổ Bảo trì thông qua tại cuộc họp ngày 05/01/2031."),
        ("NGHỊ QUYẾT", "Nghị quyết Hội nghị đã được thông qua với 100% đại biểu tán thành."),
        ("CÔNG VĂN", "Bảo hiểm xã hội tỉnh Nam Bình trả lời để Công đoàn cơ sở biết và hướng dẫn người lao động thực hiện."),
    ],
)
def test_a_letters_or_directives_closing_sentence_is_not_part_of_its_last_item(kind, closing):
    text = (
        f"{kind}\nVề phát triển đoàn viên năm 2031\n1. Các công đoàn cơ sở rà soát số đoàn viên.\n"
        f"2. Báo cáo kết quả trước ngày 30/6/2031.\n{closing}\nNơi nhận:\n- Như trên;\n- Lưu VT.\n"
        "TM. BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn An\n"
    )
    last, ending = _last_and_ending(text, "cv.txt", ("2.",))
    assert last == "2. Báo cáo kết quả trước ngày 30/6/2031."
    assert ending == closing


@pytest.mark.parametrize(
    "after",
    [
        "Quá các thời hạn nêu trên mà Công ty không thực hiện, Liên đoàn Lao động quận sẽ đề nghị thanh tra lao động xử lý theo quy định.\n",
        "Trường hợp Công ty không thực hiện các nội dung trên, Liên đoàn Lao động quận sẽ hỗ trợ người lao động khởi kiện tại Tòa án.\n",
    ],
)
def test_a_paragraph_looking_back_on_the_items_closes_a_letter_but_not_a_heading_item(after):
    items = (
        "CÔNG VĂN\nV/v đôn đốc trả lương cho người lao động\nKính gửi: Công ty TNHH Giày Thịnh Phát\n"
        "1. Trả đủ tiền lương tháng 11 cho 318 người lao động trước ngày 15/12/2031.\n"
        "2. Gửi văn bản báo cáo kết quả thực hiện các nội dung trên về Liên đoàn Lao động quận trước ngày 20/12/2031.\n"
    )
    tail = "Nơi nhận:\n- Như trên;\n- Lưu VT.\nTM. BAN THƯỜNG VỤ\nCHỦ TỊCH\nNguyễn Văn An\n"
    chunks = chunk_document(_doc(items + after + tail, "cv.txt"))
    (last,) = [c for c in chunks if c.path == ("2.",)]
    assert last.text.endswith("trước ngày 20/12/2031.")
    (ending,) = [c for c in chunks if c.path == ("Phần kết",)]
    assert ending.text == after.strip()
    # Under an item that is a heading the paragraph is that item's text.
    headed = items.replace("2. Gửi văn bản báo cáo kết quả thực hiện các nội dung trên về Liên đoàn Lao động quận trước ngày 20/12/2031.", "2. Chế độ báo cáo:")
    chunks = chunk_document(_doc(headed + after + tail, "cv.txt"))
    (last,) = [c for c in chunks if c.path == ("2.",)]
    assert after.strip() in last.text
    assert not any(c.path == ("Phần kết",) for c in chunks)


def test_no_title_at_all_falls_back_to_a_readable_file_name():
    # The kind opening the file's name is spelled as the kind is, a word the text uses as the text
    # writes it; one it never uses stays as typed.
    doc = _doc("1. Mục đích: quản lý chi tiêu tiết kiệm.\n2. Phạm vi: toàn cơ quan.", "quy_che-chi-tieu_noi-bo.txt")
    assert doc.meta.short_name() == "Quy chế chi tiêu noi bo"
    (first, *_) = [c for c in chunk_document(doc) if c.kind == "clause"]
    assert citation(doc.meta, first) == "Quy chế chi tiêu noi bo › 1."
    # An excerpt opening at a chapter: its words as running text writes them, not in capitals.
    excerpt = (
        "Chương III\nAN TOÀN KHI LÀM VIỆC TRÊN CAO\nĐiều 12. Điều kiện làm việc trên cao\n"
        "1. Người lao động chỉ được làm việc trên cao khi đã được huấn luyện an toàn lao động."
    )
    assert _doc(excerpt, "noi_quy_an_toan_trich.md").meta.short_name() == "Nội quy an toàn (trích)"
    assert _doc(excerpt, "quy-định làm việc.md").meta.short_name() == "quy định làm việc"
    # A text of articles whose file names a law is that law, as a question names it.
    code = (
        "Chương VI\nTIỀN LƯƠNG\nĐiều 90. Tiền lương\n1. Tiền lương là số tiền mà người sử dụng lao động trả cho "
        "người lao động.\nĐiều 94. Nguyên tắc trả lương\nNgười sử dụng lao động phải trả lương trực tiếp cho người lao động."
    )
    meta = _doc(code, "bo_luat_lao_dong_chuong_vi.txt").meta
    assert (meta.short_name(), meta.doc_type, meta.title) == ("Bộ luật Lao động (trích)", "BỘ LUẬT", "Lao động")
    # Not letters the text never spells, nor a text without articles.
    assert _doc(code, "luat_atvsld_trich.txt").meta.doc_type is None
    assert _doc(excerpt.replace("Điều 12.", "12."), "luat_an_toan.md").meta.doc_type is None


def test_a_list_the_opening_introduces_before_part_one_is_the_openings():
    # A petition's representatives, listed by the opening before "I.": cited under the opening
    # (with the legal basis after them), not as parts "› 1." and "› 2." beside I. and II.
    text = (
        "ĐƠN ĐỀ NGHỊ\nVề việc bố trí phòng vắt sữa\n\nKính gửi: Ban Giám đốc Công ty TNHH Giày Phước Long.\n\n"
        "Chúng tôi gồm 65 lao động nữ đang nuôi con nhỏ tại Xưởng May 1, cùng thống nhất cử hai người có tên dưới đây làm đại diện:\n"
        "1. Bà Lò Thị Sen, tổ trưởng Tổ 4, số điện thoại 0915 000 111.\n"
        "2. Bà Đinh Thị Vân, công nhân Tổ 2, số điện thoại 0915 000 222.\n"
        "Căn cứ Điều 80 Nghị định số 145/2020/NĐ-CP, chúng tôi kính đề nghị như sau:\n"
        "I. TÌNH HÌNH\n1. Xưởng chưa có phòng vắt sữa.\n2. Giờ nghỉ 60 phút chưa được bố trí.\n"
        "II. ĐỀ NGHỊ\n1. Bố trí phòng vắt sữa trước ngày 01/10/2031.\n"
    )
    paths = _paths_of(text, "don.txt")
    assert not any(p in paths for p in [("1.",), ("2.",)])
    assert "Bà Đinh Thị Vân" in paths[("Phần mở đầu",)] and "Căn cứ Điều 80" in paths[("Phần mở đầu",)]
    assert ("I. TÌNH HÌNH", "2.") in paths and ("II. ĐỀ NGHỊ", "1.") in paths
    # Items the opening does not introduce (it ends with a full stop) stay parts of their own.
    plain = text.replace("làm đại diện:", "làm đại diện.")
    assert ("2.",) in _paths_of(plain, "don.txt")


def test_an_opening_paragraph_that_runs_into_its_heading_is_the_opening_not_the_header():
    # A resolution's account of the meeting, several sentences whose last ends in "Hội nghị" over
    # "QUYẾT NGHỊ:": the opening, not lines of the header block (asked: how many attended?).
    head = (
        "CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH GỖ AN PHÚ\nSố: 02/NQ-HNNLĐ\nBình Dương, ngày 09 tháng 3 năm 2031\n\n"
        "NGHỊ QUYẾT\nHỘI NGHỊ NGƯỜI LAO ĐỘNG NĂM 2031\n\n"
    )
    opening = (
        "Ngày 09 tháng 3 năm 2031, tại nhà ăn ca số 2, Công ty TNHH Gỗ An Phú tổ chức Hội nghị người lao động năm 2031. "
        "Có 118/125 đại biểu được triệu tập có mặt. Sau khi nghe báo cáo và thảo luận, Hội nghị"
    )
    body = "\nQUYẾT NGHỊ:\nI. KẾT QUẢ\n1. Thu nhập bình quân tăng 6%.\nII. NHIỆM VỤ\n1. Tăng tiền ăn ca lên 30.000 đồng/suất.\n"
    paths = _paths_of(head + opening + body, "nq.txt")
    assert paths[("Phần mở đầu",)].startswith("Ngày 09 tháng 3 năm 2031") and "118/125" not in paths[("Tiêu đề",)]
    # Legal bases stay in the header block however long they run ("Căn cứ …; …. Căn cứ …").
    bases = "Căn cứ Bộ luật Lao động năm 2019; Nghị định số 145/2020/NĐ-CP ngày 14/12/2020. Căn cứ Quy chế dân chủ của Công ty,"
    assert ("Phần mở đầu",) not in _paths_of(head + bases + body, "nq.txt")
    # Nor an address line's abbreviations ("Q. Bình Tân, TP. Hồ Chí Minh"), however long (review).
    address = (
        "Địa chỉ: Lô 12, đường số 7, KCN Tân Tạo, P. Tân Tạo A, Q. Bình Tân, TP. Hồ Chí Minh - Điện thoại: 028 3750 1234 - "
        "Email: congdoan@anphu.vn - Mã số thuế: 0301234567"
    )
    assert ("Phần mở đầu",) not in _paths_of(address + "\n" + head + body, "nq.txt")


def test_a_letters_last_request_after_its_last_items_dashes_closes_the_letter():
    # "5. …" / "- …" / "- …" / "Đề nghị Giám đốc … trả lời bằng văn bản trước ngày …" / "Trân
    # trọng./.": the request and whom to contact close the letter, not the item's last point.
    text = (
        "CÔNG ĐOÀN CƠ SỞ CÔNG TY CP GẠCH MEN THANH TÂM\nSố: 08/CV-CĐCS\nV/v đề nghị giải quyết chế độ cho người lao động\n"
        "Kính gửi: Giám đốc Công ty Cổ phần Gạch men Thanh Tâm\n"
        "Ban Chấp hành Công đoàn cơ sở đề nghị Giám đốc Công ty quan tâm giải quyết các nội dung sau:\n"
        "1. Về tiền lương\nTrả đủ lương tháng 5/2031 cho người lao động trước ngày 10/6/2031.\n"
        "2. Hoạt động hỗ trợ của Công đoàn cơ sở trong tháng\n"
        "- Công đoàn cơ sở đã hỗ trợ 12 đoàn viên mỗi người 500.000 đồng.\n"
        "- Công đoàn cơ sở đã đề nghị Liên đoàn Lao động huyện hỗ trợ thêm.\n"
        "Đề nghị Giám đốc Công ty xem xét, trả lời bằng văn bản trước ngày 20/6/2031. Mọi trao đổi xin liên hệ "
        "đồng chí Lý Văn Sáng, điện thoại 0915 123 456.\n"
        "Trân trọng./.\nNơi nhận:\n- Như trên;\n- Lưu VP.\nTM. BAN CHẤP HÀNH\nCHỦ TỊCH\nĐinh Văn Hải\n"
    )
    paths = _paths_of(text, "cv.txt")
    assert paths[("Phần kết",)].startswith("Đề nghị Giám đốc Công ty xem xét") and "Lý Văn Sáng" not in paths[("2.",)]
    # Not when more text follows it: then it is the item's.
    more = text.replace("Trân trọng./.", "Công đoàn cơ sở sẽ tiếp tục theo dõi và báo cáo kết quả về Liên đoàn Lao động huyện.\nTrân trọng./.")
    assert "Lý Văn Sáng" in _paths_of(more, "cv.txt")[("2.",)]
    # Nor a paragraph that is the item's own content, not a request (review): "Kinh phí hỗ trợ được
    # chi từ quỹ xã hội …" after the item's dashes stays the item's.
    own = text.replace("Đề nghị Giám đốc Công ty xem xét, trả lời bằng văn bản trước ngày 20/6/2031. Mọi trao đổi xin liên hệ "
                       "đồng chí Lý Văn Sáng, điện thoại 0915 123 456.",
                       "Kinh phí hỗ trợ được chi từ quỹ xã hội của Công đoàn cơ sở, thanh toán bằng tiền mặt có danh sách ký nhận.")
    assert "quỹ xã hội" in _paths_of(own, "cv.txt")[("2.",)]


def test_a_signers_capacity_no_list_knows_opens_the_signatures_when_a_note_to_sign_follows():
    # A Word signature table's first cell: a capacity in capitals over "(Ký, ghi rõ họ tên)".
    text = (
        "BIÊN BẢN\nVề việc bàn giao thiết bị\nHôm nay, tại kho Công ty, chúng tôi tiến hành bàn giao như sau:\n"
        "1. Thiết bị bàn giao\nMáy hàn số 3 và máy cắt số 5.\n2. Kết thúc\nBiên bản lập xong lúc 10 giờ cùng ngày.\n"
        "NGƯỜI NHẬN THIẾT BỊ THAY GIA ĐÌNH\n(Ký, ghi rõ họ tên)\nHà Thị Nguyệt\nTRƯỞNG KHO\nLò Văn Phúc\n"
    )
    paths = _paths_of(text, "bb.txt")
    assert "Hà Thị Nguyệt" not in paths[("2.",)] and paths[("Chữ ký",)].startswith("NGƯỜI NHẬN THIẾT BỊ THAY GIA ĐÌNH")


def test_a_web_pages_title_line_and_a_note_with_the_date_in_figures_name_the_text_cleanly():
    # "BỘ LUẬT … 2031 - Luật số …/QH16 ngày 20/11/2031" (a legal portal's title line) and "(Trích Nghị
    # định số … ngày 21/11/2031 của Chính phủ quy định …)": the kind said again, the date and the
    # issuer are no part of the name (blinds 200 and 202).
    articles = "Điều 3. Mức đóng\nMức đóng bằng 2% quỹ tiền lương.\nĐiều 4. Thời hạn đóng\nĐóng hằng tháng.\n"
    portal = "Trang chủ » Văn bản pháp luật » Lao động\nBỘ LUẬT LAO ĐỘNG BIỂN 2031 - Luật số 77/2031/QH16 ngày 20/11/2031\n"
    assert _doc(portal + articles, "blld.txt").meta.short_name() == "Bộ luật Lao động biển 2031 77/2031/QH16"
    note = "(Trích Nghị định số 301/2031/NĐ-CP ngày 21/11/2031 của Chính phủ quy định chi tiết về tài chính công đoàn)"
    meta = _doc(articles + note, "nd_trich.txt").meta
    assert (meta.short_name(), meta.date, meta.issuer) == ("Nghị định 301/2031/NĐ-CP", "2031-11-21", "Chính phủ")


def test_an_excerpt_named_only_by_its_closing_note_takes_that_name():
    # No header, no title line, a copier's short file name: the note saying where the text is from
    # names it, with its number, date and the body that passed it.
    articles = (
        "Chương V\nNGHỈ DƯỠNG SỨC\nĐiều 41. Nghỉ dưỡng sức sau ốm đau\n"
        "1. Người lao động đã nghỉ hết thời gian hưởng chế độ ốm đau được nghỉ dưỡng sức từ 05 ngày đến 10 ngày.\n"
        "Điều 42. Mức hưởng\nMức hưởng một ngày bằng 30% mức lương cơ sở.\n"
    )
    note = (
        "(Trích Chương V Luật Bảo hiểm xã hội số 41/2031/QH16 được Quốc hội khóa XVI thông qua ngày 29 tháng 6 "
        "năm 2031; Công đoàn ngành Y tế sao gửi để tuyên truyền)"
    )
    meta = _doc(articles + note, "trich_lbhxh_ds.txt").meta
    assert (meta.short_name(), meta.number, meta.date, meta.issuer) == (
        "Luật Bảo hiểm xã hội 41/2031/QH16", "41/2031/QH16", "2031-06-29", "Quốc hội")
    assert citation(meta, chunk_document(_doc(articles + note, "trich_lbhxh_ds.txt"))[0]).startswith(
        "Luật Bảo hiểm xã hội 41/2031/QH16 › Chương V › Điều 41")
    # A note naming no text, or one in the middle of the text, names nothing: the file does.
    assert _doc(articles + "(Trích nội dung chính để tuyên truyền)", "trich_lbhxh_ds.txt").meta.short_name() != (
        "Luật Bảo hiểm xã hội 41/2031/QH16")
    middle = articles.replace("Điều 42.", note + "\nĐiều 42.") + "Điều 43. Thời hạn\nTrong 10 ngày.\nĐiều 44. Hồ sơ\nGồm giấy ra viện."
    assert _doc(middle, "trich_lbhxh_ds.txt").meta.number is None
    # What the copier adds after ";" is not part of the name; "Trích" as a verb and a summary's
    # "Nguồn: … tổng hợp từ Luật …" name nothing (review).
    short = "(Trích Luật Bảo hiểm xã hội số 41/2031/QH16; Công đoàn ngành Y tế sao gửi để tuyên truyền)"
    assert _doc(articles + short, "trich_lbhxh_ds.txt").meta.short_name() == "Luật Bảo hiểm xã hội 41/2031/QH16"
    for line in (
        "Trích nộp kinh phí công đoàn bằng 2% quỹ lương theo Điều 26 Luật Công đoàn số 12/2012/QH13.",
        "(Nguồn: Ban Tuyên giáo tổng hợp từ Luật Bảo hiểm xã hội số 41/2031/QH16)",
    ):
        assert _doc(articles + line, "trich_lbhxh_ds.txt").meta.number is None


@pytest.mark.parametrize(
    ("first_line", "name"),
    [
        ("Văn bản hợp nhất Luật An sinh cho lao động tự do năm 2032 được Quốc hội thông qua.",
         "Luật An sinh cho lao động tự do năm 2032"),
        ("Toàn văn Điều lệ Hội Cựu công nhân khóa II", "Điều lệ Hội Cựu công nhân khóa II"),
        ("BỘ LUẬT HÀNG HẢI", "Bộ luật Hàng hải"),
        ("NGHỊ ĐỊNH Quy định chi tiết về tiền lương tối thiểu của lao động giúp việc gia đình",
         "Nghị định Quy định chi tiết về tiền lương tối thiểu của lao động giúp việc gia đình"),
    ],
)
def test_name_from_a_first_line_that_is_not_a_header_block(first_line, name):
    doc = _doc(f"{first_line}\nChương I\nĐiều 1. Phạm vi\nVăn bản này quy định phạm vi.", "f.txt")
    assert doc.meta.short_name() == name


def test_long_names_are_cut_at_a_word_boundary():
    title = "Về việc tổ chức các hoạt động chào mừng kỷ niệm ngày thành lập Công đoàn Việt Nam và tôn vinh đoàn viên tiêu biểu"
    doc = _doc(f"KẾ HOẠCH\n{title}\nI. MỤC ĐÍCH\n1. Động viên đoàn viên.", "kh.txt")
    name = doc.meta.short_name()
    assert len(name) <= NAME_LIMIT and name.endswith("…")
    stem = name[:-1]
    # The part kept ends where a word of the title ends ("về việc" read on after the type).
    whole = f"Kế hoạch v{title[1:]}"
    assert whole.startswith(stem) and whole[len(stem)] == " "


def test_a_name_is_not_cut_between_the_syllables_of_a_phrase_it_just_opened():
    from ingest.document import shorten

    # "… được hỗ…" of "được hỗ trợ", "… của Bộ Chính…" of "của Bộ Chính trị": the phrase goes whole.
    assert shorten("Danh sách đoàn viên có hoàn cảnh đặc biệt khó khăn được hỗ trợ đợt II", 60) == (
        "Danh sách đoàn viên có hoàn cảnh đặc biệt khó khăn…"
    )
    assert shorten("Kế hoạch thực hiện Kết luận số 79-KL/TW ngày 25/12/2013 của Bộ Chính trị", 70).endswith("25/12/2013…")
    # A year or a number after it is whole already.
    assert shorten("Nội quy lớp bồi dưỡng chủ tịch công đoàn cơ sở mới bầu năm 2024 tại Hà Nội", 64).endswith("năm 2024…")


def test_documents_with_the_same_name_are_told_apart():
    one = _doc(AGREEMENT, "thoa-uoc-hung-thinh.txt")
    two = _doc(AGREEMENT.replace("HƯNG THỊNH", "PHÚ AN"), "thoa-uoc-phu-an.txt")
    law = _doc(SUMMARY_LAW, "luat.txt")
    names = distinct_names([one, two, law])
    assert len(set(names.values())) == 3
    assert names["luat.txt"] == law.meta.short_name()  # a unique name is left alone
    # Told apart by the company that signed each (the top-left cell of the header table).
    assert names["thoa-uoc-phu-an.txt"].endswith("(CÔNG TY TNHH CƠ KHÍ PHÚ AN)")
    same_issuer = [_doc(AGREEMENT, "tu-2031.txt"), _doc(AGREEMENT, "tu-2034.txt")]
    assert set(distinct_names(same_issuer).values()) == {
        f"{one.meta.short_name()} (tu 2031)", f"{one.meta.short_name()} (tu 2034)"}
    renamed = with_distinct_names([one, two])
    assert renamed["thoa-uoc-hung-thinh.txt"].meta.short_name() == names["thoa-uoc-hung-thinh.txt"]


def test_names_of_same_titled_files_stay_when_others_come_and_go():
    # Three copies of one title and number from different folders (ids "quy_che.txt (2)" …): a
    # citation pasted into a report must not change when one of them is removed.
    from dataclasses import replace

    docs = [replace(_doc(AGREEMENT, "tu.txt"), doc_id=i) for i in ("tu.txt", "tu.txt (2)", "tu-sua-doi.txt")]
    name = docs[0].meta.short_name()
    three = distinct_names(docs)
    assert three == {
        "tu.txt": f"{name} (tu)",
        "tu.txt (2)": f"{name} (tu (2))",
        "tu-sua-doi.txt": f"{name} (tu sua doi)",
    }
    assert distinct_names(docs[1:]) == {k: three[k] for k in ("tu.txt (2)", "tu-sua-doi.txt")}


def test_two_articles_26_of_different_documents_cite_differently():
    law = _doc(SUMMARY_LAW, "a.txt")
    charter = _doc(CHARTER, "b.txt")
    cites = set()
    for doc in (law, charter):
        chunk = next(c for c in chunk_document(doc) if "Điều 26" in c.path)
        cites.add(citation(doc.meta, chunk).split(" › Chương")[0])
    assert len(cites) == 2 and "Văn bản" not in cites


# --- structure -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Điều 5. Thời giờ làm việc", ("5", "Thời giờ làm việc")),
        ("Điều 5: Thời giờ làm việc", ("5", "Thời giờ làm việc")),
        ("Điều 5 - Thời giờ làm việc", ("5", "Thời giờ làm việc")),
        ("Điều 26 Quyền của đoàn viên", ("26", "Quyền của đoàn viên")),
        ("ĐIỀU 7. TIỀN LƯƠNG", ("7", "TIỀN LƯƠNG")),
        ("Điều 12", ("12", "")),
        ("Điều 10a. Điều khoản chuyển tiếp", ("10a", "Điều khoản chuyển tiếp")),
        ("Điều 169 của Luật này.", None),
        ("Điều 35 Bộ luật Lao động quy định như sau", None),
        ("Điều kiện làm việc an toàn", None),
    ],
)
def test_article_heading_styles(line, expected):
    assert match_article(line) == expected


def test_summary_law_structure_has_titled_chapters_and_lettered_points():
    doc = _doc(SUMMARY_LAW, "luat.txt")
    paths = {c.path for c in chunk_document(doc, point_split_chars=10_000)}
    assert ("Chương I", "Điều 1") in paths
    assert ("Chương I", "Điều 2", "Khoản 2") in paths
    assert ("Chương II", "Điều 26", "Khoản 1") in paths
    # "Những quy định chung" is the chapter's title, not a chunk of its own.
    assert not any(p == ("Chương I",) for p in paths)
    root = parse_structure([Line(t) for t in doc.text.split("\n")], doc.body_start, doc.closing_start)
    chapter = root.children[0]
    assert chapter.title == "Những quy định chung"
    khoan = root.children[1].children[0].children[0]
    assert [c.label for c in khoan.children] == ["Điểm a", "Điểm b", "Điểm c"]


def test_lettered_points_need_a_sequence():
    # A lone "a." line, or "a." … "c." without "b.", stays text of its clause.
    root = _tree("Điều 3. Giải thích\n1. Ký hiệu dùng trong văn bản:\na. là viết tắt của chữ ampe.\nc. là ký hiệu khác.")
    khoan = root.children[0].children[0]
    assert khoan.children == [] and len(khoan.body) == 2
    # Upper-case initials are never points.
    assert match_marker("A. Nguyễn Văn Bình, Chủ tịch công đoàn") is None


def test_vietnamese_letter_order_includes_d_stroke():
    root = _tree("Điều 4. Hành vi bị cấm\n" + "\n".join(f"{x}. hành vi {x};" for x in "abcdđeg"))
    assert [c.label for c in root.children[0].children] == [f"Điểm {x}" for x in "abcdđeg"]


def test_plan_with_lettered_points_and_bullets():
    root = _tree(
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n1.1. Nâng cao nhận thức.\na. Tuyên truyền rộng rãi;\n"
        "- qua mạng xã hội\nb. Tập huấn cán bộ.\nII. NHIỆM VỤ\n1. Phát triển đoàn viên."
    )
    paths = _paths(root)
    assert ("I. MỤC ĐÍCH, YÊU CẦU", "1.", "1.1.", "b.") in paths
    assert ("II. NHIỆM VỤ", "1.") in paths
    point_a = root.children[0].children[0].children[0].children[0]
    assert len(point_a.body) == 1  # the bullet stays in its point


def test_repeated_and_skipped_numbers_lose_no_text_and_do_not_nest():
    text = (
        "Điều 4. Tiền lương\n1. Trả lương đúng hạn.\n2. Trả lương bằng chuyển khoản.\n2. Trả lương làm thêm giờ.\n"
        "4. Thưởng cuối năm.\nĐiều 4. Tiền thưởng\n1. Thưởng Tết.\nĐiều 7. Bảo hiểm\nCông ty đóng đủ bảo hiểm."
    )
    doc = _doc(text, "tl.txt")
    chunks = chunk_document(doc)
    # Every line is in a chunk's text, or (an article heading over its khoản) in their context.
    body = "\n".join(c.text for c in chunks) + "\n".join(x for c in chunks for x in c.context)
    for line in text.split("\n"):
        assert line in body
    articles = [c for c in parse_structure([Line(t) for t in text.split("\n")]).children]
    assert [a.label for a in articles] == ["Điều 4", "Điều 4", "Điều 7"]
    assert [k.label for k in articles[0].children] == ["Khoản 1", "Khoản 2", "Khoản 2", "Khoản 4"]


def test_agreement_long_clause_is_split_at_its_points_with_the_lead_in():
    doc = _doc(AGREEMENT, "tu.txt")
    chunks = chunk_document(doc)
    assert any(c.path == ("Điều 5", "Khoản 1") for c in chunks)
    points = [c for c in chunks if c.path[:2] == ("Điều 6", "Khoản 1") and len(c.path) == 3]
    assert [c.path[-1] for c in points] == [f"Điểm {x}" for x in "abcdđeghi"]
    for chunk in points:
        assert any("trong những trường hợp sau:" in ctx for ctx in chunk.context)
        assert chunk.text.count("\n") == 0 and doc.text[chunk.start : chunk.end] == chunk.text
    death = next(c for c in points if c.path[-1] == "Điểm e")
    assert "Vợ hoặc chồng" in death.text and "kết hôn" not in death.text
    # The short khoản 2 keeps its bullet; the lead-in is a chunk of its own.
    assert any(c.path == ("Điều 6", "Khoản 2") and "- Phải thông báo" in c.text for c in chunks)
    assert any(c.path == ("Điều 6", "Khoản 1") and c.text.startswith("1. Người lao động") for c in chunks)


def test_short_khoan_keeps_its_points_in_one_chunk():
    doc = _doc(CHARTER, "dl.txt")
    (khoan,) = [c for c in chunk_document(doc) if c.path[-2:] == ("Điều 26", "Khoản 1")]
    assert "a. Được thông tin" in khoan.text and "c. Được công đoàn" in khoan.text


ARTICLE_OF_POINTS = """Điều 9: Hệ thống tổ chức
Hệ thống tổ chức công đoàn gồm 4 cấp:
a. Tổng Liên đoàn;
b. Liên đoàn lao động tỉnh, thành phố;
c. Công đoàn cấp trên trực tiếp cơ sở;
d. Công đoàn cơ sở.

Điều 10: Quyền của đoàn viên
Đoàn viên có các quyền sau đây:
a. Được thông tin, thảo luận, đề xuất và biểu quyết công việc của tổ chức công đoàn; được bầu, ứng cử vào cơ quan lãnh đạo công đoàn theo quy định của điều lệ.
b. Được yêu cầu công đoàn đại diện, bảo vệ quyền, lợi ích hợp pháp, chính đáng khi bị xâm phạm; được tư vấn pháp luật lao động và công đoàn miễn phí.
c. Được công đoàn hướng dẫn giúp đỡ tìm việc làm, học nghề; được thăm hỏi, giúp đỡ khi ốm đau, thai sản hoặc gặp hoàn cảnh khó khăn.
d. Được tham gia các hoạt động văn hóa, thể thao, du lịch do công đoàn tổ chức và được khen thưởng khi có thành tích trong hoạt động công đoàn.
đ. Được nghỉ sinh hoạt công đoàn khi nghỉ hưu hoặc ốm đau dài ngày, được công đoàn cơ sở nơi cư trú giúp đỡ khi gặp khó khăn.
e. Được giới thiệu sinh hoạt công đoàn khi chuyển nơi làm việc; được cấp thẻ đoàn viên công đoàn và hưởng các ưu đãi theo thỏa thuận của công đoàn với các đối tác.
"""


def test_an_article_made_of_points_is_one_clause_like_a_khoan():
    """Points right under an article are kept with their lead-in, as under a khoản: the answer to
    "which four levels?" is one result, not a lead-in and four points apart; a long one is split."""
    chunks = chunk_document(_doc(ARTICLE_OF_POINTS, "dl.txt"))
    (levels,) = [c for c in chunks if c.path[-1:] == ("Điều 9",)]
    assert "gồm 4 cấp:" in levels.text and "d. Công đoàn cơ sở." in levels.text
    rights = [c for c in chunks if c.path[:1] == ("Điều 10",)]
    assert [c.path[-1] for c in rights] == ["Điều 10", "Điểm a", "Điểm b", "Điểm c", "Điểm d", "Điểm đ", "Điểm e"]
    assert all(any("các quyền sau đây:" in x for x in c.context) for c in rights[1:])


def _docx_bytes(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_file_with_indented_headings_and_a_summary_line():
    data = _docx_bytes(
        [
            "Nội quy lao động của Xưởng may Bình Minh quy định trật tự, kỷ luật trong xưởng.",
            "\tCHƯƠNG I",
            "\tQUY ĐỊNH CHUNG",
            "    Điều 1:\tPhạm vi áp dụng",
            "Nội quy này áp dụng với mọi người lao động của xưởng.",
            "\t\tĐiều 2.  Thời giờ làm việc",
            "  1. Ca sáng từ 07 giờ 00 đến 11 giờ 30.",
            "  2. Ca chiều từ 13 giờ 00 đến 16 giờ 30.",
        ]
    )
    doc = read_document("noi-quy.docx", data=data)
    assert doc.meta.short_name() == "Nội quy lao động của Xưởng may Bình Minh"
    paths = [c.path for c in chunk_document(doc)]
    assert ("Chương I", "Điều 1") in paths and ("Chương I", "Điều 2", "Khoản 2") in paths


def test_sentences_that_start_like_an_article_are_not_headings():
    from ingest.structure import match_article

    for line in ("Điều 5 Quy chế này áp dụng cho mọi người lao động", "Điều 12 Thỏa ước nói trên có hiệu lực",
                 "Điều 7 BLLĐ quy định thời giờ làm việc"):
        assert match_article(line) is None, line
    assert match_article("Điều 4 Phạm vi áp dụng của Thỏa ước này") == ("4", "Phạm vi áp dụng của Thỏa ước này")
    assert match_article("Điều 9 BAN CHẤP HÀNH") == ("9", "BAN CHẤP HÀNH")


DECIMAL_AGREEMENT = """CÔNG TY CỔ PHẦN DỆT MAY AN PHÚ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
CÔNG ĐOÀN CƠ SỞ | Độc lập - Tự do - Hạnh phúc
THỎA ƯỚC LAO ĐỘNG TẬP THỂ
Điều 2 - Tiền lương và phụ cấp
2.1. Tiền lương được trả mỗi tháng một lần, chậm nhất vào ngày 07 của tháng sau.
2.2. Các khoản phụ cấp hằng tháng:
a. Phụ cấp chuyên cần: 350.000 đồng/tháng;
b. Phụ cấp đi lại: 250.000 đồng/tháng.
Điều 3 - Hiệu lực
3.1. Thỏa ước có hiệu lực 03 năm kể từ ngày ký.
ĐẠI DIỆN TẬP THỂ NGƯỜI LAO ĐỘNG | ĐẠI DIỆN NGƯỜI SỬ DỤNG LAO ĐỘNG
CHỦ TỊCH CÔNG ĐOÀN CƠ SỞ | TỔNG GIÁM ĐỐC
Lê Thị Hoa | Phạm Quốc Bảo
"""


def test_decimal_clauses_of_an_article_keep_their_points_and_lead_in():
    # "2.2." under "Điều 2" is a khoản numbered the agreement's way: a short one stays whole, so
    # a point is never shown without the sentence that says what it lists.
    chunks = chunk_document(_doc(DECIMAL_AGREEMENT, "an-phu.txt"))
    (allowances,) = [c for c in chunks if c.path == ("Điều 2", "2.2.")]
    assert allowances.text.startswith("2.2. Các khoản phụ cấp hằng tháng:") and "b. Phụ cấp đi lại" in allowances.text
    assert not any(len(c.path) > 2 and c.path[:2] == ("Điều 2", "2.2.") for c in chunks)


def test_a_two_party_signature_table_closes_the_last_clause():
    doc = _doc(DECIMAL_AGREEMENT, "an-phu.txt")
    chunks = chunk_document(doc)
    (last,) = [c for c in chunks if c.path == ("Điều 3", "3.1.")]
    assert "ĐẠI DIỆN" not in last.text
    (signature,) = [c for c in chunks if c.kind == "signature"]
    assert "Lê Thị Hoa" in signature.text and "Phạm Quốc Bảo" in signature.text
    assert doc.meta.signer == "Lê Thị Hoa, Phạm Quốc Bảo"


def test_decimal_sub_clauses_keep_a_chunk_each():
    # "2.1." over "2.1.1." … is a clause over numbered clauses, not a khoản over its points.
    text = "THỎA ƯỚC LAO ĐỘNG TẬP THỂ\nĐiều 2 - Tiền lương\n2.1. Các chế độ tiền lương:\n" + "\n".join(
        f"2.1.{i}. Chế độ thứ {i}: người lao động được hưởng khoản hỗ trợ {i}00.000 đồng mỗi tháng." for i in range(1, 9)
    )
    chunks = chunk_document(_doc(text, "sub.txt"))
    assert [c.path[-1] for c in chunks if c.path[:2] == ("Điều 2", "2.1.") and len(c.path) == 3] == [
        f"2.1.{i}." for i in range(1, 9)
    ]


def test_a_representatives_sentence_in_the_body_does_not_open_the_signature():
    text = DECIMAL_AGREEMENT.replace(
        "ĐẠI DIỆN TẬP THỂ NGƯỜI LAO ĐỘNG |",
        "ĐẠI DIỆN HAI BÊN CAM KẾT THỰC HIỆN ĐÚNG THỎA ƯỚC\nThỏa ước được lập thành 04 bản có giá trị như nhau.\n"
        "ĐẠI DIỆN TẬP THỂ NGƯỜI LAO ĐỘNG |",
    ).replace("CHỦ TỊCH CÔNG ĐOÀN CƠ SỞ | TỔNG GIÁM ĐỐC\nLê Thị Hoa | Phạm Quốc Bảo", "CHỦ TỊCH Lê Thị Hoa | TỔNG GIÁM ĐỐC Phạm Quốc Bảo")
    doc = _doc(text, "an-phu-2.txt")
    (signature,) = [c for c in chunk_document(doc) if c.kind == "signature"]
    assert "04 bản" not in signature.text and "CAM KẾT" not in signature.text
    assert doc.meta.signer == "Lê Thị Hoa, Phạm Quốc Bảo"  # capacity and name in one cell, both kept


ADOPTED_LAW = """QUỐC HỘI
Luật số: 77/2031/QH16
LUẬT
NHÀ Ở CÔNG NHÂN

Điều 1. Phạm vi điều chỉnh
Luật này quy định về nhà ở cho công nhân khu công nghiệp.

Điều 2. Hiệu lực thi hành
1. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2032.
2. Chính phủ quy định chi tiết Điều này.
Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XVI, kỳ họp thứ 3 thông qua ngày 15 tháng 11 năm 2031.
CHỦ TỊCH QUỐC HỘI
Nguyễn Văn An
"""


def test_a_laws_adoption_sentence_closes_it_and_dates_it():
    doc = _doc(ADOPTED_LAW, "nha-o.txt")
    assert doc.meta.date == "2031-11-15"
    chunks = chunk_document(doc)
    (last,) = [c for c in chunks if c.path[-2:] == ("Điều 2", "Khoản 2")]
    assert "thông qua" not in last.text
    (adoption,) = [c for c in chunks if "kỳ họp thứ 3 thông qua" in c.text]
    assert adoption.path == ("Thông qua",) and adoption.kind == "preamble"
    assert doc.meta.signer == "Nguyễn Văn An"


def test_a_congress_resolutions_call_and_adoption_close_it():
    text = (
        "NGHỊ QUYẾT\nĐẠI HỘI CÔNG ĐOÀN CÔNG TY AN HÒA LẦN THỨ IV\n\n"
        "Điều 1. Đại hội thông qua báo cáo của Ban Chấp hành khóa III.\n\n"
        "Điều 2. Đại hội giao Ban Chấp hành khóa IV xây dựng chương trình hành động trong 30 ngày.\n"
        "Đại hội kêu gọi toàn thể đoàn viên thi đua thực hiện thắng lợi Nghị quyết.\n"
        "Nghị quyết được Đại hội nhất trí thông qua vào hồi 11 giờ 30 phút ngày 18/7/2031.\n\n"
        "TM. ĐOÀN CHỦ TỊCH\nTrần Thị Mai\n"
    )
    doc = _doc(text, "nq.txt")
    assert doc.meta.date == "2031-07-18"
    chunks = chunk_document(doc)
    (last,) = [c for c in chunks if c.path == ("Điều 2",)]
    assert last.text.endswith("trong 30 ngày.")
    (call,) = [c for c in chunks if c.path == ("Phần kết",)]
    assert call.text.startswith("Đại hội kêu gọi")
    (adoption,) = [c for c in chunks if c.path == ("Thông qua",)]
    assert "11 giờ 30 phút" in adoption.text


def test_an_agreements_copies_close_it_unless_they_are_an_articles_only_text():
    head = "THỎA ƯỚC LAO ĐỘNG TẬP THỂ\n\nĐiều 1. Phạm vi\nÁp dụng cho người lao động.\n\n"
    copies = "Thỏa ước được lập thành 05 bản có giá trị như nhau."
    sign = "\n\nĐẠI DIỆN TẬP THỂ LAO ĐỘNG\nNguyễn Văn Bình\n"
    chunks = chunk_document(_doc(head + "Điều 2. Tổ chức thực hiện\n1. Công ty niêm yết thỏa ước.\n" + copies + sign, "tu.txt"))
    (clause,) = [c for c in chunks if c.path == ("Điều 2", "Khoản 1")]
    assert clause.text == "1. Công ty niêm yết thỏa ước."
    assert [c.text for c in chunks if c.path == ("Phần kết",)] == [copies]
    for title in ("Điều khoản thi hành", "Điều khoản thi hành."):
        chunks = chunk_document(_doc(head + f"Điều 2. {title}\n" + copies + sign, "tu.txt"))
        (article,) = [c for c in chunks if c.path == ("Điều 2",)]
        assert article.text.endswith(copies)
        assert not any(c.path == ("Phần kết",) for c in chunks)


def test_a_copys_note_after_the_last_clause_is_not_its_text():
    note = "(Trích từ Điều lệ Hội; Chi hội An Lạc sao gửi các tổ hội ngày 05/01/2031)"
    text = "ĐIỀU LỆ HỘI CỰU CÔNG NHÂN\n\nĐiều 1. Tên gọi\nHội Cựu công nhân.\n\nĐiều 2. Kỷ luật\n1. Khiển trách.\n2. Khai trừ.\n" + note
    chunks = chunk_document(_doc(text, "dl.txt"))
    (last,) = [c for c in chunks if c.path == ("Điều 2", "Khoản 2")]
    assert last.text == "2. Khai trừ."
    assert [c.text for c in chunks if c.path == ("Phần kết",)] == [note]


def test_an_excerpts_marks_of_left_out_text_are_no_clauses_text():
    text = (
        "LUẬT\nAN SINH CÔNG NHÂN\n(Trích Chương III)\nCăn cứ Hiến pháp;\n…………………\n"
        "Chương III\nTRỢ CẤP\nĐiều 42. Điều kiện\n1. Có hợp đồng lao động.\n2. Đã đóng đủ 6 tháng.\n......\n"
        "Luật này được Quốc hội thông qua ngày 10 tháng 11 năm 2031.\nCHỦ TỊCH QUỐC HỘI\nNguyễn Văn An\n"
    )
    chunks = chunk_document(_doc(text, "luat.txt"))
    assert not any("……" in c.text or "..." in c.text for c in chunks)
    (last,) = [c for c in chunks if c.path[-1:] == ("Khoản 2",)]
    assert last.text == "2. Đã đóng đủ 6 tháng."
    for mark in ("…", "(…)", "[...]", ". . . . ."):
        chunks = chunk_document(_doc(text.replace("......", mark), "luat.txt"))
        (last,) = [c for c in chunks if c.path[-1:] == ("Khoản 2",)]
        assert last.text == "2. Đã đóng đủ 6 tháng.", mark


def test_a_quotations_source_inside_an_item_is_the_items_text():
    text = (
        "HƯỚNG DẪN\nTuyên truyền Điều lệ\n\nI. MỤC ĐÍCH\n1. Nâng cao nhận thức.\n\nII. NỘI DUNG\n"
        "1. Đoàn viên có quyền được công đoàn đại diện, bảo vệ.\n(Trích Điều 3 Điều lệ Công đoàn)\n"
        "Các công đoàn cơ sở tổ chức tuyên truyền trước ngày 30/6/2031.\n"
    )
    chunks = chunk_document(_doc(text, "hd.txt"))
    (item,) = [c for c in chunks if c.path == ("II. NỘI DUNG", "1.")]
    assert item.text.endswith("trước ngày 30/6/2031.")
    assert not any(c.path == ("Phần kết",) for c in chunks)


def test_a_charters_adoption_note_dates_it():
    text = "ĐIỀU LỆ HỘI CỰU CÔNG NHÂN\n(Đại hội lần thứ II của Hội thông qua ngày 03/12/2031)\n\nĐiều 1. Tên gọi\nHội Cựu công nhân."
    doc = _doc(text, "dl.txt")
    assert doc.meta.date == "2031-12-03"
    # "… này được … thông qua" inside an article is not the document's adoption.
    clause = "Điều 3. Biểu quyết\nNghị quyết của Hội được thông qua khi quá nửa số hội viên tán thành."
    assert _doc(text + "\n\n" + clause, "dl.txt").meta.date == "2031-12-03"


def test_a_word_header_typed_in_two_columns_with_tabs_keeps_its_parts():
    data = _docx_bytes(
        [
            "CÔNG TY TNHH MAY AN BÌNH\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "CÔNG ĐOÀN CƠ SỞ\t\t\tĐộc lập – Tự do – Hạnh phúc",
            "Số: 02/2031/TƯLĐTT\tBình Dương, ngày 05 tháng 01 năm 2031",
            "THỎA ƯỚC LAO ĐỘNG TẬP THỂ",
            "CÔNG TY TNHH MAY AN BÌNH",
            "Điều 1:\tThời hạn",
            "Thỏa ước có thời hạn 02 năm.",
        ]
    )
    doc = read_document("tu.docx", data=data)
    assert (doc.meta.number, doc.meta.date, doc.meta.place) == ("02/2031/TƯLĐTT", "2031-01-05", "Bình Dương")
    assert doc.meta.title == "Công ty TNHH May An Bình"  # a company's name keeps its capitals and initials
    # An agreement is known by its company, not its registry number.
    assert doc.meta.name == "Thỏa ước lao động tập thể Công ty TNHH May An Bình 02/2031/TƯLĐTT"
    # A tab elsewhere is a space: "Điều 1:<tab>Thời hạn" is the heading "Điều 1: Thời hạn".
    assert any(c.path[-1:] == ("Điều 1",) for c in chunk_document(doc))


@pytest.mark.parametrize(
    "last",
    [
        # "thông qua" is also "by way of"; an adoption without its date, or followed by more body,
        # is a clause of the last article.
        "Quy chế này được phổ biến đến người lao động thông qua bảng tin của Công ty.\nPhòng Nhân sự chịu trách nhiệm.",
        "Thỏa ước này đã được tập thể người lao động biểu quyết thông qua với 85% số phiếu tán thành.",
        "Thỏa ước này được thông qua ngày 05 tháng 3 năm 2031.\nHai bên có trách nhiệm phổ biến đến người lao động.",
    ],
)
def test_a_sentence_that_only_mentions_adoption_stays_in_its_article(last):
    text = f"THỎA ƯỚC LAO ĐỘNG TẬP THỂ\n\nĐiều 1. Phạm vi\nÁp dụng cho người lao động.\n\nĐiều 2. Hiệu lực\n{last}\n\nĐẠI DIỆN TẬP THỂ LAO ĐỘNG\nNguyễn Văn Bình\n"
    chunks = chunk_document(_doc(text, "tu.txt"))
    (article,) = [c for c in chunks if c.path == ("Điều 2",)]
    assert article.text.endswith(last.split("\n")[-1])
    assert not any(c.path == ("Thông qua",) for c in chunks)


def test_a_date_cited_inside_an_article_does_not_date_the_document():
    text = "NGHỊ QUYẾT\nVỀ CÔNG TÁC CÔNG ĐOÀN\n\nĐiều 1. Căn cứ\n(Theo Nghị quyết số 5 được Đại hội thông qua ngày 10/10/2030)\n1. Nội dung."
    assert _doc(text, "nq.txt").meta.date is None


# A text file's header and signature typed in columns with spaces and tabs.
COLUMNED_AGREEMENT = (
    "CÔNG TY TNHH CƠ KHÍ BẮC SƠN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "CÔNG ĐOÀN CƠ SỞ                      Độc lập - Tự do - Hạnh phúc\n"
    "Số: 07/2031/TƯLĐTT             Thái Nguyên, ngày 09 tháng 4 năm 2031\n\n"
    "THỎA ƯỚC LAO ĐỘNG TẬP THỂ\n\n"
    "Điều 1. Tiền lương\nCông ty trả lương vào ngày 5 hằng tháng.\n\n"
    "Điều 2. Thưởng\nThưởng Tết ít nhất một tháng lương.\n\n"
    "ĐẠI DIỆN TẬP THỂ LAO ĐỘNG\t\tĐẠI DIỆN NGƯỜI SỬ DỤNG LAO ĐỘNG\n"
    "CHỦ TỊCH CÔNG ĐOÀN\t\tGIÁM ĐỐC\n"
    "(Đã ký)\t\t(Đã ký)\n"
    "Hoàng Thị Mai\t\tĐỗ Văn Khánh\n"
)


def test_a_text_files_columns_keep_the_parties_and_the_header_apart():
    doc = _doc(COLUMNED_AGREEMENT, "bac-son.txt")
    meta = doc.meta
    assert (meta.number, meta.date, meta.place) == ("07/2031/TƯLĐTT", "2031-04-09", "Thái Nguyên")
    assert meta.issuer == "CÔNG TY TNHH CƠ KHÍ BẮC SƠN"  # not run on into the motto
    assert meta.signer == "Hoàng Thị Mai, Đỗ Văn Khánh"  # two people, not one four-word name
    (last,) = [c for c in chunk_document(doc) if c.path == ("Điều 2",)]
    assert last.text.endswith("một tháng lương.")


def test_a_tab_inside_a_sentence_is_not_a_column():
    text = "NGHỊ QUYẾT\nHội nghị Ban Chấp hành\n\nĐiều 1.\tThống nhất tổ chức tham quan\tcho đoàn viên vào tháng 7.\n"
    (clause,) = [c for c in chunk_document(_doc(text, "nq.txt")) if c.path == ("Điều 1",)]
    assert "|" not in clause.text and "tham quan cho đoàn viên" in clause.text


@pytest.mark.parametrize(
    ("text", "date", "number"),
    [
        # Wide spaces in a clause or a legal basis among the first lines: body text, not a header.
        ("QUY ĐỊNH\nVề nâng lương\n\nĐiều 1. Hiệu lực\n1. Có hiệu lực từ   ngày 01 tháng 7 năm 2031.\n", None, None),
        (
            "QUY CHẾ\nChi tiêu nội bộ\n\nCăn cứ Nghị định số 145/2030/NĐ-CP quy định chi tiết một số điều của Bộ luật Lao động,"
            "   ban hành ngày 14 tháng 12 năm 2030;\n"
            "Điều 1. Phạm vi\nNội dung.\n",
            None,
            None,
        ),
        # An incoming-document stamp stays a stamp (removed), not the document's number.
        (
            "ĐẾN      Số: 1234      Ngày: 12/3/2031\nLIÊN ĐOÀN LAO ĐỘNG TỈNH LÂM ĐỒNG\nSố: 08/HD-LĐLĐ\nHƯỚNG DẪN\n"
            "Thăm hỏi đoàn viên\n\nĐiều 1. Đối tượng\nĐoàn viên.\n",
            None,
            "08/HD-LĐLĐ",
        ),
    ],
)
def test_wide_spaces_outside_a_header_or_signature_are_not_columns(text, date, number):
    meta = _doc(text, "x.txt").meta
    assert (meta.date, meta.number) == (date, number)


def test_columns_in_the_body_stay_one_line():
    text = "LUẬT CÔNG ĐOÀN\n\nCHƯƠNG I      QUY ĐỊNH CHUNG\n\nĐiều 1.   Phạm vi\nLuật này quy định về công đoàn.\n"
    chunks = chunk_document(_doc(text, "l.txt"))
    assert not any("|" in part for c in chunks for part in (*c.path, *c.context, c.text))
    title = "CÔNG ĐOÀN CƠ SỞ CÔNG TY AN BÌNH\nBÁO CÁO      Số: 12/BC-CĐ\nKết quả hoạt động năm 2030\n\nI. KẾT QUẢ\nTốt.\n"
    assert "|" not in (_doc(title, "bc.txt").meta.title or "")


def test_a_copys_signed_note_before_a_name_is_not_part_of_it():
    data = _docx_bytes(
        [
            "THỎA ƯỚC LAO ĐỘNG TẬP THỂ",
            "Điều 1. Thời hạn",
            "Thỏa ước có thời hạn 02 năm.",
            "ĐẠI DIỆN TẬP THỂ NGƯỜI LAO ĐỘNG",
            "(đã ký) Trịnh Thu Hằng",
            "ĐẠI DIỆN NGƯỜI SỬ DỤNG LAO ĐỘNG",
            "(đã ký và đóng dấu) Vũ Minh Tâm",
        ]
    )
    assert read_document("tu.docx", data=data).meta.signer == "Trịnh Thu Hằng, Vũ Minh Tâm"
    typed = COLUMNED_AGREEMENT.replace("(Đã ký)\t\t(Đã ký)\n", "(đã ký, đóng dấu)\t\t(Đã ký)\n")
    assert _doc(typed, "bac-son.txt").meta.signer == "Hoàng Thị Mai, Đỗ Văn Khánh"
    one_line = COLUMNED_AGREEMENT.replace("(Đã ký)\t\t(Đã ký)\nHoàng Thị Mai\t\tĐỗ Văn Khánh", "(đã ký, đóng dấu) Hoàng Thị Mai\t\tĐã ký: Đỗ Văn Khánh")
    assert _doc(one_line, "bac-son.txt").meta.signer == "Hoàng Thị Mai, Đỗ Văn Khánh"


def test_a_point_is_shown_under_the_line_that_introduces_it():
    from ingest.document import shown_text

    points = "\n".join(
        f"{letter}) Trường hợp {letter}: người lao động được hỗ trợ {i}00.000 đồng mỗi tháng trong thời gian "
        "điều trị bệnh hiểm nghèo tại cơ sở khám bệnh, chữa bệnh có thẩm quyền theo quy định của pháp luật;"
        for i, letter in enumerate("abcdefgh", start=1)
    )
    text = f"QUY CHẾ\nHỗ trợ đoàn viên\n\nĐiều 4. Mức hỗ trợ\n1. Mức hỗ trợ được quy định như sau:\n{points}\n2. Hỗ trợ một lần.\n"
    chunks = chunk_document(_doc(text, "qc.txt"))
    (point,) = [c for c in chunks if c.path[-1:] == ("d)",) or c.path[-1:] == ("Điểm d",)]
    assert point.text.startswith("d) Trường hợp d")
    assert shown_text(point) == "1. Mức hỗ trợ được quy định như sau:\n" + point.text
    (whole,) = [c for c in chunks if c.path == ("Điều 4", "Khoản 2")]
    assert shown_text(whole) == whole.text  # not a point: as it is


def test_a_clause_is_shown_under_the_articles_lead_in_that_introduces_it():
    from ingest.document import shown_text

    text = (
        "NỘI QUY LAO ĐỘNG\n\nĐiều 17. Hành vi bị xử lý kỷ luật khiển trách\n"
        "Người lao động vi phạm một trong các hành vi sau bị xử lý kỷ luật khiển trách:\n"
        "1. Đi muộn, về sớm không có lý do chính đáng từ 03 lần trở lên trong 01 tháng;\n"
        "2. Mang điện thoại di động vào khu vực sản xuất lần đầu.\n"
        "Điều 18. Thời giờ làm việc\n1. Ca ngày từ 07 giờ 30 đến 16 giờ 30.\n2. Ca đêm từ 19 giờ 30 đến 04 giờ 30.\n"
    )
    chunks = {c.path: c for c in chunk_document(_doc(text, "nq.txt"))}
    phone = chunks[("Điều 17", "Khoản 2")]
    shown = shown_text(phone)
    assert "khiển trách" not in phone.text and shown.index("khiển trách:") < shown.index("2. Mang điện thoại")
    # The article's heading and its lead-in on lines of their own, not run together.
    assert shown.splitlines()[:2] == ["Điều 17. Hành vi bị xử lý kỷ luật khiển trách", "Người lao động vi phạm một trong các hành vi sau bị xử lý kỷ luật khiển trách:"]
    shift = chunks[("Điều 18", "Khoản 2")]
    assert shown_text(shift) == shift.text  # an article's title introduces nothing


def test_a_sector_agreements_signature_cells_hold_capacity_note_and_name():
    document = docx.Document()
    for text in ("THỎA ƯỚC LAO ĐỘNG TẬP THỂ NGÀNH DA GIÀY", "Điều 1. Thời hạn", "Thỏa ước có thời hạn 03 năm."):
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ĐẠI DIỆN HIỆP HỘI DA GIÀY VIỆT NAM\nCHỦ TỊCH\n(Đã ký)\nVương Văn Sơn"
    table.cell(0, 1).text = "ĐẠI DIỆN CÔNG ĐOÀN DA GIÀY VIỆT NAM\nCHỦ TỊCH\n(Đã ký)\nLưu Thị Nga"
    out = io.BytesIO()
    document.save(out)
    meta = read_document("tu-nganh.docx", data=out.getvalue()).meta
    assert meta.signer == "Vương Văn Sơn, Lưu Thị Nga"
    assert "Đã ký" not in (meta.signer_title or "") and "HIỆP HỘI" in (meta.signer_title or "")


def test_a_signed_note_alone_in_a_column_keeps_the_columns_apart():
    text = COLUMNED_AGREEMENT.replace("CHỦ TỊCH CÔNG ĐOÀN\t\tGIÁM ĐỐC\n(Đã ký)\t\t(Đã ký)\n", "CHỦ TỊCH CÔNG ĐOÀN\t\tGIÁM ĐỐC\nCHỦ TỊCH\t\t(Đã ký)\n")
    (signature,) = [c for c in chunk_document(_doc(text, "bac-son.txt")) if c.kind == "signature"]
    assert "CHỦ TỊCH | (Đã ký)" in signature.text


@pytest.mark.parametrize("heading", ["LỜI NÓI ĐẦU", "Lời nói đầu:", "LOI NOI DAU"])
def test_a_charters_foreword_is_its_own_clause(heading):
    text = (
        "ĐIỀU LỆ HỘI CỰU CÔNG NHÂN\n(Đại hội lần thứ II của Hội thông qua ngày 03/12/2031)\n\n"
        f"{heading}\nHội Cựu công nhân là tổ chức xã hội của những người từng làm công nhân, thành lập năm 2020.\n"
        "Hội hoạt động theo Hiến pháp và pháp luật.\n\n"
        "Chương I\nHỘI VIÊN\n\nĐiều 1. Hội viên\nCông dân Việt Nam từng làm công nhân.\n"
    )
    chunks = chunk_document(_doc(text, "dl.txt"))
    (header,) = [c for c in chunks if c.kind == "preamble"]
    (foreword,) = [c for c in chunks if c.path in (("Lời nói đầu",),)]
    assert "thành lập năm 2020" in foreword.text and foreword.kind == "clause"
    assert "thành lập năm 2020" not in header.text and "ĐIỀU LỆ HỘI CỰU CÔNG NHÂN" in header.text


def _law_pdf(paragraphs: list[str]) -> bytes:
    """A law printed to PDF as a publisher would: justified, wrapped lines, a running header."""
    from fpdf import FPDF

    font = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"

    class Printed(FPDF):
        def header(self):
            self.set_font("dv", size=8)
            self.cell(0, 5, "Luật Nhà ở công nhân - Thư viện văn bản pháp luật", align="R")
            self.ln(8)

        def footer(self):
            self.set_y(-12)
            self.set_font("dv", size=8)
            self.cell(0, 5, str(self.page_no()), align="C")

    pdf = Printed()
    pdf.add_font("dv", "", font)
    pdf.set_auto_page_break(True, 15)
    pdf.add_page()
    pdf.set_font("dv", size=11)
    for text in paragraphs:
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(pdf.epw, 5.5, text, align="J")
    return bytes(pdf.output())


def test_a_pdf_law_reads_like_its_text():
    clause = (
        "{n}. Người lao động thuê nhà ở công nhân được hỗ trợ tiền thuê theo quy định của Chính phủ, trừ trường hợp "
        "quy định tại Mục 1 Chương XI của Bộ luật này; mức hỗ trợ cụ thể do Ủy ban nhân dân cấp tỉnh quyết định "
        "căn cứ điều kiện kinh tế - xã hội của địa phương và khả năng cân đối ngân sách hằng năm."
    )
    paragraphs = ["LUẬT", "NHÀ Ở CÔNG NHÂN", "Chương I: NHỮNG QUY ĐỊNH CHUNG VỀ NHÀ Ở CHO CÔNG NHÂN LÀM VIỆC TẠI KHU CÔNG NGHIỆP VÀ KHU CHẾ XUẤT"]
    for article in range(1, 9):
        if article == 5:
            paragraphs += ["Chương II", "HỖ TRỢ TIỀN THUÊ NHÀ Ở CHO CÔNG NHÂN, NGƯỜI LAO ĐỘNG LÀM VIỆC TẠI KHU CÔNG NGHIỆP, KHU CHẾ XUẤT VÀ KHU KINH TẾ"]
        paragraphs.append(f"Điều {article}. Hỗ trợ tiền thuê nhà ở cho công nhân làm việc tại khu công nghiệp, khu chế xuất")
        paragraphs += [clause.format(n=n) for n in range(1, 4)]
    text = "\n".join(paragraphs)
    from_text = chunk_document(_doc(text, "nha-o.txt"))
    pdf = read_document("nha-o.pdf", data=_law_pdf(paragraphs))
    from_pdf = chunk_document(pdf)
    assert "Thư viện văn bản" not in pdf.text  # the running header, on every page
    # The same clauses under the same headings: no "Chương XI" opened by a wrapped line, no
    # khoản cut at a line or a page break.
    assert [c.path for c in from_pdf] == [c.path for c in from_text]
    assert [" ".join(c.text.split()) for c in from_pdf] == [" ".join(c.text.split()) for c in from_text]
    assert from_pdf[-1].context == from_text[-1].context  # the chapter's title whole


@pytest.mark.parametrize("filler", range(40))
def test_a_pdf_line_wrapped_before_a_place_it_names_does_not_open_it(filler):
    # Wherever the line breaks, "… quy định tại" / "Mục 1 Chương XI của Bộ luật này" is one sentence.
    clause = (
        "1. Người lao động thuê nhà ở công nhân được hỗ trợ tiền thuê " + " ".join(["nhà"] * filler)
        + " trừ trường hợp quy định tại Mục 1 Chương XI của Bộ luật này; mức hỗ trợ do Ủy ban nhân dân cấp tỉnh quyết định."
    )
    paragraphs = ["LUẬT", "NHÀ Ở CÔNG NHÂN", "Chương I", "NHỮNG QUY ĐỊNH CHUNG", "Điều 1. Hỗ trợ tiền thuê", clause]
    paragraphs += ["2. Chính phủ quy định chi tiết Điều này.", "Điều 2. Hiệu lực", "Luật này có hiệu lực từ ngày 01 tháng 7 năm 2031."]
    from_pdf = chunk_document(read_document("l.pdf", data=_law_pdf(paragraphs)))
    from_text = chunk_document(_doc("\n".join(paragraphs), "l.txt"))
    assert [c.path for c in from_pdf] == [c.path for c in from_text]


@pytest.mark.parametrize("filler", range(3, 24, 3))
def test_a_pdf_decisions_authority_line_opens_anew_but_a_wrapped_name_in_capitals_goes_on(filler):
    # The subject, however long, does not run into "GIÁM ĐỐC CÔNG TY …" under it; a sentence
    # whose name in capitals wraps ("… của CÔNG TY CỔ PHẦN" / "DỆT MAY …") stays one line. (From
    # three words of filler: a page of a few short lines sets the full width too short, and any
    # line of it then reads as wrapping, before and after this rule.)
    subject = "Về việc hỗ trợ tiền gửi trẻ " + " ".join(["mầm non"] * filler) + " cho con người lao động quý II năm 2031"
    sentence = (
        "Quyết định này áp dụng đối với người lao động " + " ".join(["có con nhỏ"] * filler)
        + " đang làm việc tại CÔNG TY CỔ PHẦN DỆT MAY THÀNH CÔNG VIỆT NAM CHI NHÁNH BÌNH DƯƠNG SỐ HAI."
    )
    paragraphs = ["QUYẾT ĐỊNH", subject, "GIÁM ĐỐC CÔNG TY TNHH ĐIỆN TỬ AN BÌNH VINA", "Căn cứ Điều lệ Công ty;", "QUYẾT ĐỊNH:",
                  "Điều 1. Hỗ trợ tiền gửi trẻ cho 12 người lao động.", "Điều 2. Phạm vi áp dụng", sentence,
                  "Điều 3. Quyết định này có hiệu lực kể từ ngày ký."]
    lines = read_document("qd.pdf", data=_law_pdf(paragraphs)).text.split("\n")
    assert "GIÁM ĐỐC CÔNG TY TNHH ĐIỆN TỬ AN BÌNH VINA" in lines
    assert " ".join(subject.split()) in [" ".join(ln.split()) for ln in lines]
    assert " ".join(sentence.split()) in [" ".join(ln.split()) for ln in lines]

def test_a_pdfs_table_rows_and_signature_lines_stay_lines():
    rows = [f"{i} Tỉnh số {i} Sở Lao động - Thương binh và Xã hội {131 * i} cuộc kiểm tra an toàn lao động" for i in range(1, 7)]
    paragraphs = ["BÁO CÁO", "Kết quả kiểm tra năm 2030", "I. KẾT QUẢ", "Bảng 1. Số cuộc kiểm tra theo địa phương", *rows]
    paragraphs += ["Nhìn chung, các địa phương đã triển khai kế hoạch đúng tiến độ, bảo đảm chất lượng và hiệu quả. " * 3]
    paragraphs += ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]
    doc = read_document("bc.pdf", data=_law_pdf(paragraphs))
    lines = doc.text.split("\n")
    assert all(row in lines for row in rows) and paragraphs[-5].strip() in lines
    typed = _doc("\n".join(paragraphs), "bc.txt").meta  # a signature page's short lines are not "full"
    assert (doc.meta.signer, doc.meta.signer_title) == (typed.signer, typed.signer_title) == ("Nguyễn Văn An", typed.signer_title)


@pytest.mark.parametrize(
    "heading",
    ["Chương II Khoản vay và lãi suất", "Mục 1 Luật áp dụng", "Chương IV UBND các cấp", "Chương V Thi hành Luật này"],
)
def test_a_heading_without_punctuation_may_start_with_any_words(heading):
    assert match_marker(heading)[0] in ("chapter", "mucluc")
    assert match_marker("Chương I. những quy định chung")[2] == "những quy định chung"


def test_a_sentence_starting_with_a_chapter_is_not_a_chapter():
    assert match_marker("Chương XI của Bộ luật này.") is None
    assert match_marker("Mục 1 của Chương này quy định …") is None
    assert match_marker("Chương IV Nghị định này là mức phạt đối với cá nhân") is None
    assert match_marker("Mục 1 Chương XI của Bộ luật này; mức hỗ trợ …") is None
    assert match_marker("Chương XI: NHỮNG QUY ĐỊNH RIÊNG")[:2] == ("chapter", "Chương XI")
    assert match_marker("Chương 2. Quyền và nghĩa vụ")[:2] == ("chapter", "Chương 2")


def test_a_capacity_that_starts_with_an_accented_capital_opens_the_signature():
    text = "BÁO CÁO\nKết quả kiểm tra năm 2030\n\nI. KẾT QUẢ\nNhìn chung tốt.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n"
    doc = _doc(text, "bc.txt")
    assert doc.meta.signer_title == "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH, PHÓ CHỦ TỊCH"
    (last,) = [c for c in chunk_document(doc) if c.path == ("I. KẾT QUẢ",)]
    assert "ỦY BAN" not in last.text


def test_a_pdf_letters_header_columns_are_read_apart():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dv", "", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    pdf.add_page()
    pdf.set_font("dv", size=11)
    # Two columns side by side, as a letter's header is printed.
    for left, right in [
        ("LIÊN ĐOÀN LAO ĐỘNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("TỈNH BẮC KẠN", "Độc lập - Tự do - Hạnh phúc"),
        ("Số: 41/LĐLĐ-TC", "Bắc Kạn, ngày 03 tháng 7 năm 2031"),
    ]:
        pdf.cell(80, 6, left)
        pdf.cell(0, 6, right, new_x="LMARGIN", new_y="NEXT")
    for text in ("V/v báo cáo quyết toán 6 tháng", "Kính gửi: Các công đoàn cơ sở.", "1. Gửi báo cáo trước ngày 20/7/2031."):
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    meta = read_document("cv.pdf", data=bytes(pdf.output())).meta
    assert (meta.short_name(), meta.issuer) == ("Công văn 41/LĐLĐ-TC", "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC KẠN")
    assert (meta.place, meta.date) == ("Bắc Kạn", "2031-07-03")


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        # A slogan quoted after a colon is not an amendment's quoted wording.
        (
            "KẾ HOẠCH\nTháng Công nhân năm 2031\nI. MỤC ĐÍCH\n1. Tuyên truyền chủ đề năm:\n“Công nhân đoàn kết” được treo tại cổng.\n"
            "II. NỘI DUNG\n1. Tổ chức hội thao.\n2. Treo khẩu hiệu “Vì đoàn viên”.\n",
            [("I. MỤC ĐÍCH", "1."), ("II. NỘI DUNG", "1."), ("II. NỘI DUNG", "2.")],
        ),
        # Nor are definitions in quotation marks.
        (
            "QUY CHẾ\nSinh hoạt công đoàn\nĐiều 1. Giải thích từ ngữ\nCác từ ngữ dưới đây được hiểu như sau:\n“Tổ công đoàn” là …;\n"
            "Điều 2. Sinh hoạt\n1. Mỗi quý một lần.\n2. Biên bản ghi “Đã thông qua”.\nĐiều 3. Hiệu lực\nCó hiệu lực từ ngày ký.\n",
            [("Điều 1",), ("Điều 2", "Khoản 1"), ("Điều 2", "Khoản 2"), ("Điều 3",)],
        ),
        # A form's title and its "(Kèm theo …)" inside a guidance are not an attached text.
        (
            "HƯỚNG DẪN\nBáo cáo năm 2031\nI. YÊU CẦU\n1. Báo cáo đúng hạn theo mẫu:\nBÁO CÁO TỔNG HỢP\n(Kèm theo biểu mẫu số 02)\n"
            "II. THỜI GIAN\n1. Trước ngày 15/12/2031.\nNơi nhận:\n- Lưu VT.\nTM. BAN THƯỜNG VỤ\nCHỦ TỊCH\nTrần Văn Bình\n",
            [("I. YÊU CẦU", "1."), ("II. THỜI GIAN", "1.")],
        ),
        # A guidance that quotes an article under its III. keeps its I. and II.
        (
            "HƯỚNG DẪN\nThu đoàn phí năm 2031\nI. ĐỐI TƯỢNG\n1. Đoàn viên đóng hằng tháng.\nII. MỨC ĐÓNG\n1. Bằng 1% tiền lương.\n"
            "III. TRÍCH DẪN ĐIỀU LỆ\nĐiều 33. Đoàn phí công đoàn\nĐoàn viên đóng đoàn phí.\n",
            [("I. ĐỐI TƯỢNG", "1."), ("II. MỨC ĐÓNG", "1."), ("III. TRÍCH DẪN ĐIỀU LỆ",), ("Điều 33",)],
        ),
        # A list after "MỤC LỤC" that is not a table of contents.
        (
            "QUY CHẾ\nVăn thư\nĐiều 1. Hồ sơ\nMỗi hồ sơ có trang đầu ghi:\nMỤC LỤC\n1. Tờ trình;\n2. Biên bản.\n"
            "Điều 2. Thời hạn lưu trữ\n1. Hồ sơ đại hội lưu vĩnh viễn.\n2. Hồ sơ tài chính lưu 10 năm.\n",
            [("Điều 1",), ("Điều 1", "Khoản 1"), ("Điều 1", "Khoản 2"), ("Điều 2", "Khoản 1"), ("Điều 2", "Khoản 2")],
        ),
    ],
)
def test_the_new_layouts_leave_ordinary_documents_alone(text, paths):
    chunks = chunk_document(_doc(text, "doc.txt"))
    assert [c.path for c in chunks if c.kind == "clause"] == paths


@pytest.mark.parametrize("under", ["Thời hạn: 03 năm", "Năm 2031 - 2034", "(Sửa đổi, bổ sung lần thứ hai)"])
def test_an_agreements_term_or_note_is_not_its_name(under):
    text = f"CÔNG TY TNHH MAY AN BÌNH\nSố: 01/2031/TƯLĐTT\nTHỎA ƯỚC LAO ĐỘNG TẬP THỂ\n{under}\nĐiều 1. Phạm vi\nÁp dụng cho Công ty.\n"
    assert _doc(text, "tu.txt").meta.short_name() == "Thỏa ước lao động tập thể 01/2031/TƯLĐTT"


def test_a_markdown_file_typed_line_by_line_reads_as_its_text_twin():
    text = "CÔNG ĐOÀN CƠ SỞ AN PHÁT\nSố: 03/QC-CĐCS\nQUY CHẾ\nChi tiêu nội bộ\nĐiều 1. Phạm vi\nÁp dụng cho Ban Chấp hành.\nĐiều 2. Mức chi\n1. Thăm hỏi: 500.000 đồng.\n2. Hiếu hỷ:\na) Đoàn viên: 1.000.000 đồng;\nb) Thân nhân: 500.000 đồng.\nNơi nhận:\n- Như trên;\n- Lưu VT.\nTM. BAN CHẤP HÀNH\nCHỦ TỊCH\nNguyễn Văn An\n"
    as_text = read_document("qc.txt", data=text.encode())
    as_markdown = read_document("qc.md", data=text.encode())
    assert as_markdown.meta == as_text.meta
    assert [c.path for c in chunk_document(as_markdown)] == [c.path for c in chunk_document(as_text)]


def test_an_attached_texts_signature_before_its_own_appendix():
    text = DECISION_WITH_REGULATION + "PHỤ LỤC\nMẫu giấy đề nghị khen thưởng\n1. Họ và tên.\n2. Thành tích.\n"
    chunks = chunk_document(_doc(text, "qd.txt"))
    regulation = "Quy chế khen thưởng"
    (award,) = [c for c in chunks if c.path == (regulation, "Chương I", "Điều 2", "Khoản 2")]
    assert "Trần Văn Lộc" not in award.text
    assert (regulation, "Chữ ký") in [c.path for c in chunks]
    assert (regulation, "Phụ lục", "1.") in [c.path for c in chunks]


def test_markdowns_emphasis_goes_and_note_marks_stay():
    from ingest.loaders import load_bytes

    text = "*Ghi chú:* mức chi (*) áp dụng cho đoàn viên (*); **Điều 1.** 2 * 3 * 4\n"
    assert load_bytes(text.encode(), "a.md").text.strip() == "Ghi chú: mức chi (*) áp dụng cho đoàn viên (*); Điều 1. 2 * 3 * 4"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # Content that happens to open like a closing formula stays where it is.
        ("KẾ HOẠCH\nTháng Công nhân\nI. NỘI DUNG\n1. Hội thao.\n2. Chế độ báo cáo\nTrong quá trình thực hiện, các tổ báo cáo "
         "trước ngày 25 hằng tháng.\n", ("I. NỘI DUNG", "2.")),
        ("BÁO CÁO\nKết quả năm 2031\nI. KẾT QUẢ\n1. Kết nạp 120 đoàn viên.\nII. KHÓ KHĂN, VƯỚNG MẮC\nTrong quá trình thực hiện, "
         "công đoàn gặp khó khăn sau:\n- Thiếu kinh phí.\nTrên đây là báo cáo năm 2031.\n", ("II. KHÓ KHĂN, VƯỚNG MẮC",)),
    ],
)
def test_a_closing_formula_inside_content_stays_in_it(text, kept):
    chunks = chunk_document(_doc(text, "kh.txt"))
    (chunk,) = [c for c in chunks if c.path == kept]
    assert "Trong quá trình thực hiện" in chunk.text


def test_a_decision_signed_once_after_the_regulation_it_issues():
    text = (
        "QUYẾT ĐỊNH\nVề việc ban hành Quy chế chi tiêu nội bộ\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế.\n"
        "Điều 2. Quyết định có hiệu lực từ ngày ký.\nQUY CHẾ\nChi tiêu nội bộ\n(Kèm theo Quyết định số 15/QĐ-CĐ ngày 02/01/2031)\n"
        "Điều 1. Phạm vi\nQuy chế áp dụng cho Ban Chấp hành.\nĐiều 2. Đối tượng\nÁp dụng cho đoàn viên.\n"
        "TM. BAN CHẤP HÀNH\nCHỦ TỊCH\nNguyễn Văn An\n"
    )
    paths = [c.path for c in chunk_document(_doc(text, "qd.txt"))]
    assert ("Điều 2",) in paths and ("Quy chế Chi tiêu nội bộ", "Điều 2") in paths
    assert paths.count(("Điều 1",)) == 1


def test_a_markdown_tables_rows_read_as_a_word_tables():
    text = ("| CÔNG ĐOÀN CƠ SỞ CÔNG TY AN PHÚ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
            "| Số: 12/QĐ-CĐ | An Phú, ngày 03 tháng 4 năm 2031 |\n\n# QUYẾT ĐỊNH\nVề việc ban hành quy chế\n"
            "Điều 1. Xem tệp mau_bao_cao__2031__.docx.\n")
    doc = read_document("qd.md", data=text.encode())
    assert (doc.meta.number, doc.meta.issuer) == ("12/QĐ-CĐ", "CÔNG ĐOÀN CƠ SỞ CÔNG TY AN PHÚ")
    assert "|---" not in doc.text and "mau_bao_cao__2031__.docx" in doc.text


@pytest.mark.parametrize(
    ("line", "split"),
    [
        ("LIÊN ĐOÀN LAO ĐỘNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "LIÊN ĐOÀN LAO ĐỘNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Số: 41/LĐLĐ Bắc Kạn, ngày 03 tháng 7 năm 2031", "Số: 41/LĐLĐ | Bắc Kạn, ngày 03 tháng 7 năm 2031"),
        # Not a header's two columns: a title, a sentence, a count.
        ("HIẾN PHÁP NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None),
        ("Phát huy truyền thống Độc lập - Tự do - Hạnh phúc", None),
        ("Số lượng đoàn viên tăng nhanh, ngày càng đông", None),
    ],
)
def test_a_pdf_header_line_is_split_only_where_a_column_begins(line, split):
    from ingest.loaders import _header_columns

    assert _header_columns(line) == (split or line)


def test_a_party_committee_under_its_party_is_not_its_place():
    # The committee under its party is the issuer (Nghị định 30/2020's layout), not a place to add.
    text = "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI | ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY GIA LÂM | Gia Lâm, ngày 03 tháng 3 năm 2031\nKẾ HOẠCH\nTổ chức hội nghị\nI. MỤC ĐÍCH\n1. Quán triệt.\n"
    assert _doc(text, "kh.txt").meta.issuer == "HUYỆN ỦY GIA LÂM"


_TASKS = [
    ("Tổ chức hội nghị quán triệt nghị quyết đến cán bộ công đoàn cơ sở", "Ban Tuyên giáo", "Văn phòng", "Tháng 3/2027"),
    ("Rà soát doanh nghiệp có từ 20 lao động trở lên chưa có công đoàn cơ sở", "Ban Tổ chức", "Thuế cơ sở", "Trước ngày 30/6/2027"),
    ("Vận động thành lập mới ít nhất 06 công đoàn cơ sở trong các khu công nghiệp", "Ban Tổ chức", "UBND các xã", "Hằng năm"),
    ("Tập huấn nghiệp vụ cho chủ tịch công đoàn cơ sở mới thành lập trong năm", "Ban Chính sách", "Trung tâm Chính trị", "Quý III"),
    ("Kiểm tra việc đóng kinh phí công đoàn của các doanh nghiệp trên địa bàn", "Ủy ban Kiểm tra", "Bảo hiểm xã hội", "Quý IV hằng năm"),
    ("Tổ chức đối thoại định kỳ tại doanh nghiệp có đông lao động nữ", "Ban Nữ công", "Công đoàn cơ sở", "Định kỳ 6 tháng"),
    ("Sơ kết hai năm thực hiện chương trình, báo cáo Ban Thường vụ Huyện ủy", "Văn phòng", "Các ban", "Tháng 9/2028"),
]


def _programme_with_a_task_table(first_heading: str) -> bytes:
    def build(document):
        for text in ("LIÊN ĐOÀN LAO ĐỘNG HUYỆN ĐÔNG SƠN", "Số: 11/CTr-LĐLĐ", "CHƯƠNG TRÌNH HÀNH ĐỘNG",
                     "Thực hiện Nghị quyết số 05-NQ/HU về phát triển đoàn viên", "I. MỤC TIÊU",
                     "1. Mỗi năm phát triển mới ít nhất 500 đoàn viên.", "II. NHIỆM VỤ CỤ THỂ",
                     "Ban Thường vụ phân công như sau:"):
            document.add_paragraph(text)
        table = document.add_table(rows=len(_TASKS) + 1, cols=5)
        for col, text in enumerate((first_heading, "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành")):
            table.cell(0, col).text = text
        for row, task in enumerate(_TASKS, start=1):
            for col, text in enumerate((str(row), *task)):
                table.cell(row, col).text = text
        for text in ("III. TỔ CHỨC THỰC HIỆN", "1. Văn phòng theo dõi, tổng hợp kết quả thực hiện."):
            document.add_paragraph(text)

    return docx_bytes(build)


@pytest.mark.parametrize(
    ("heading", "step"),
    [("STT", "STT 4"), ("TT", "TT 4"), ("Số thứ tự", "4."), ("Bước", "Bước 4"), ("Tháng", "Tháng 4"), ("Số", "4.")],
)
def test_a_task_tables_rows_are_clauses_under_its_heading_row(heading, step):
    from ingest.document import shown_text

    document = read_document("ctr-11.docx", data=_programme_with_a_task_table(heading))
    chunks = chunk_document(document)
    step = "STT 4" if step == "TT 4" else step
    (row,) = [c for c in chunks if c.path[-1:] == (step,)]
    assert row.path == ("II. NHIỆM VỤ CỤ THỂ", step)
    assert row.text.startswith("4 | Tập huấn nghiệp vụ") and "Quý III" in row.text and "Kiểm tra" not in row.text
    # Shown and indexed with the heading row, so a reader knows which cell is the lead unit.
    assert shown_text(row).splitlines()[0].endswith("Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành")
    assert "Đơn vị chủ trì" in indexed_text(row, document.meta)
    # A stage's row is indexed with its stage: "tháng 4" meets "Tháng 4", not a lone "4".
    assert (step in indexed_text(row, document.meta).splitlines()) == (" " in step and not step.startswith("STT"))
    rows = [c for c in chunks if c.path[0] == "II. NHIỆM VỤ CỤ THỂ" and len(c.path) == 2]
    assert len(rows) == len(_TASKS)
    # The lead-in keeps the section's citation; the next section is untouched.
    assert any(c.path == ("II. NHIỆM VỤ CỤ THỂ",) and "phân công như sau" in c.text for c in chunks)
    assert any(c.path == ("III. TỔ CHỨC THỰC HIỆN", "1.") for c in chunks)


def test_a_short_table_stays_with_its_clause():
    def build(document):
        for text in ("QUY CHẾ PHÚC LỢI", "Điều 1. Mức hỗ trợ", "Công đoàn hỗ trợ đoàn viên như sau:"):
            document.add_paragraph(text)
        table = document.add_table(rows=4, cols=3)
        for r, cells in enumerate((("STT", "Trường hợp", "Mức hỗ trợ"), ("1", "Kết hôn", "1.000.000 đồng"),
                                   ("2", "Sinh con", "500.000 đồng"), ("3", "Ốm đau", "300.000 đồng"))):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text

    chunks = chunk_document(read_document("qc.docx", data=docx_bytes(build)))
    (article,) = [c for c in chunks if c.path == ("Điều 1",)]
    assert "Sinh con" in article.text and "Ốm đau" in article.text


def test_a_closing_block_typed_in_two_columns_gives_recipients_then_signature():
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG HUYỆN ĐÔNG SƠN\nSố: 31/LĐLĐ-TC\nV/v báo cáo số liệu đoàn viên\n\n"
        "Kính gửi: Các công đoàn cơ sở trực thuộc.\n\n"
        "1. Các công đoàn cơ sở báo cáo số liệu đoàn viên trước ngày 15/10/2031.\n"
        "2. Văn phòng tổng hợp, báo cáo Thường trực.\n\n"
        "Nơi nhận:                                      TM. BAN THƯỜNG VỤ\n"
        "- Như trên;                                    CHỦ TỊCH\n"
        "- Thường trực;\n"
        "- Lưu: VT.                                     (Đã ký)\n"
        "\n"
        "                                               Lê Thị Thu\n"
    )
    document = read_document("cv-31.txt", data=text.encode("utf-8"))
    chunks = chunk_document(document)
    (recipients,) = [c for c in chunks if c.kind == "recipients"]
    (signature,) = [c for c in chunks if c.kind == "signature"]
    assert recipients.text.splitlines() == ["Nơi nhận:", "- Như trên;", "- Thường trực;", "- Lưu: VT."]
    assert signature.text.splitlines() == ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "(Đã ký)", "Lê Thị Thu"]
    assert document.meta.signer == "Lê Thị Thu" and "CHỦ TỊCH" in (document.meta.signer_title or "")


def test_a_task_tables_group_rows_head_the_rows_after_them():
    rows = ["STT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành",
            "I | CÔNG TÁC TUYÊN TRUYỀN"]
    rows += [f"{n} | Nhiệm vụ tuyên truyền số {n} tại các công đoàn cơ sở trực thuộc huyện, báo cáo kết quả về Văn phòng | Ban Tuyên giáo | Các CĐCS | Quý {n}"
             for n in (1, 2, 3)]
    rows += ["II | CÔNG TÁC TỔ CHỨC"]
    rows += [f"{n} | Nhiệm vụ tổ chức số {n} tại các công đoàn cơ sở trực thuộc huyện, báo cáo kết quả về Văn phòng | Ban Tổ chức | Văn phòng | Tháng {n}"
             for n in (4, 5, 6)]
    text = "CHƯƠNG TRÌNH\nCông tác năm 2031\nI. NHIỆM VỤ\n" + "\n".join(rows) + "\nII. TỔ CHỨC THỰC HIỆN\n1. Các ban thực hiện.\n"
    chunks = chunk_document(_doc(text, "ctr.txt"))
    by_step = {c.path[-1]: c for c in chunks if c.path[-1].startswith("STT")}
    assert sorted(by_step, key=lambda s: int(s.split()[1])) == [f"STT {n}" for n in range(1, 7)]
    assert "CÔNG TÁC TỔ CHỨC" not in by_step["STT 3"].text
    assert "I | CÔNG TÁC TUYÊN TRUYỀN" in by_step["STT 2"].context
    assert "II | CÔNG TÁC TỔ CHỨC" in by_step["STT 5"].context
    assert by_step["STT 5"].context[-1].startswith("STT | Nội dung công việc")


def test_a_list_numbered_afresh_under_each_group_names_the_group_in_its_citations():
    rows = ["STT | Họ và tên, tập thể | Đơn vị | Thành tích", "A | TẬP THỂ (03)"]
    rows += [f"{n} | Công đoàn cơ sở Xí nghiệp số {n} | Công đoàn ngành Giao thông | Giảm 40% số vụ tai nạn lao động so với năm trước, không để xảy ra cháy nổ, huấn luyện an toàn cho toàn bộ công nhân" for n in (1, 2, 3)]
    rows += ["B | CÁ NHÂN (03)"]
    rows += [f"{n} | Ông Trần Văn Hùng {n}, tổ trưởng | Xí nghiệp số {n} | Phát hiện và xử lý kịp thời nguy cơ cháy nổ tại kho vật tư, đề xuất sáng kiến làm lợi 120 triệu đồng cho đơn vị" for n in (1, 2, 3)]
    text = "BÁO CÁO\nTổng kết phong trào thi đua năm 2031\nI. KẾT QUẢ\n1. Khen thưởng\n" + "\n".join(rows) + "\nII. NHIỆM VỤ\n1. Duy trì phong trào.\n"
    chunks = chunk_document(_doc(text, "qd.txt"))
    cited = [c.path[-2:] for c in chunks if c.path[-1].startswith("STT")]
    assert len(cited) == len(set(cited)) == 6
    assert ("A. TẬP THỂ (03)", "STT 1") in cited and ("B. CÁ NHÂN (03)", "STT 1") in cited
    # Numbered straight through, the rows need no group in their citations.
    through = text.replace("\n1 | Ông", "\n4 | Ông").replace("\n2 | Ông", "\n5 | Ông").replace("\n3 | Ông", "\n6 | Ông")
    chunks = chunk_document(_doc(through, "qd.txt"))
    assert sorted(c.path[-1] for c in chunks if c.path[-1].startswith("STT")) == sorted(f"STT {n}" for n in range(1, 7))
    assert not any(c.path[-2:-1] == ("B. CÁ NHÂN (03)",) for c in chunks)


def test_a_task_rows_continuation_stays_with_it_and_the_total_row_after_the_rows():
    rows = ["STT | Nội dung công việc | Đơn vị chủ trì | Thời gian hoàn thành"]
    for n in (1, 2, 3, 4):
        rows.append(f"{n} | Nhiệm vụ số {n} tổ chức tuyên truyền tại các công đoàn cơ sở trực thuộc huyện, báo cáo kết quả | Ban Tuyên giáo | Quý {n}")
        rows.append(f" | Tiếp tục nhiệm vụ {n}: sơ kết | Văn phòng | Tháng 12")
    rows.append("Tổng cộng | 4 nhiệm vụ | |")
    text = "KẾ HOẠCH\nTuyên truyền năm 2031\nI. NHIỆM VỤ\n" + "\n".join(rows) + "\nII. TỔ CHỨC THỰC HIỆN\n1. Các ban thực hiện.\n"
    chunks = chunk_document(_doc(text, "kh.txt"))
    (row2,) = [c for c in chunks if c.path[-1:] == ("STT 2",)]
    assert "Tiếp tục nhiệm vụ 2" in row2.text and "Tiếp tục nhiệm vụ 1" not in row2.text
    assert not any("Tiếp tục" in line for line in row2.context)
    (row4,) = [c for c in chunks if c.path[-1:] == ("STT 4",)]
    assert "Tổng cộng" not in row4.text
    assert any("Tổng cộng" in c.text and c.path == ("I. NHIỆM VỤ", "Tổng cộng") for c in chunks)


def test_an_appendix_number_alone_with_its_title_in_capitals_below():
    text = ("NGHỊ ĐỊNH\nQuy định chi tiết về nghỉ hằng năm\nĐiều 1. Phạm vi\nNghị định này quy định chi tiết.\n"
            "Phụ lục II\nSỐ NGÀY NGHỈ HẰNG NĂM\n1. Nghề nặng nhọc: 14 ngày.\n2. Nghề đặc biệt nặng nhọc: 16 ngày.\n")
    chunks = chunk_document(_doc(text, "nd.txt"))
    assert [c.path for c in chunks if c.path and c.path[0] == "Phụ lục II"][-2:] == [("Phụ lục II", "1."), ("Phụ lục II", "2.")]
    assert not any(c.path and c.path[0] == "Điều 1" and "14 ngày" in c.text for c in chunks)


def test_a_markdown_list_under_a_numbered_heading_is_the_headings_items():
    text = (
        "# NGHỊ QUYẾT\n\n## II. MỤC TIÊU VÀ CHỈ TIÊU\n\n### 1. Mục tiêu chung\n\nXây dựng công đoàn vững mạnh.\n\n"
        "### 2. Các chỉ tiêu chủ yếu\n\n1. Phấn đấu 98% người lao động là đoàn viên.\n"
        "2. Thu nhập bình quân tăng 7% mỗi năm.\n\n## III. KẾT QUẢ BẦU CỬ\n\n"
        "1. Đại hội bầu Ban Chấp hành gồm 11 đồng chí.\n2. Ban Chấp hành bầu Ủy ban kiểm tra gồm 03 đồng chí.\n"
    )
    paths = [c.path for c in chunk_document(read_document("nq.md", data=text.encode())) if c.kind == "clause"]
    # Each place is one clause: the targets under "2.", not siblings of "1. Mục tiêu chung".
    assert len(paths) == len(set(paths)), paths
    assert [p[-2:] for p in paths if len(p) == 3 and p[1] == "2."] == [("2.", "(1)"), ("2.", "(2)")]
    # Under a roman heading a list is its khoản, as before.
    assert [p for p in paths if p[0].startswith("III")] == [("III. KẾT QUẢ BẦU CỬ", "1."), ("III. KẾT QUẢ BẦU CỬ", "2.")]


def test_a_long_table_keyed_by_its_first_column_is_read_row_by_row():
    positions = ["Công nhân sản xuất", "Nhân viên kiểm tra chất lượng", "Tổ phó chuyền", "Tổ trưởng chuyền",
                 "Kỹ thuật viên bảo trì", "Nhân viên văn phòng", "Kỹ sư sản xuất", "Phiên dịch tiếng Hàn",
                 "Nhân viên kho vận", "Nhân viên an toàn lao động", "Trưởng ca sản xuất", "Nhân viên nhân sự"]
    rows = [f"| {p} | {5 + i}.200.000 | {5 + i}.460.000 | {5 + i}.730.000 | {6 + i}.020.000 | {6 + i}.320.000 |"
            for i, p in enumerate(positions)]
    text = (
        "# QUY CHẾ TIỀN LƯƠNG\n\n## Điều 4. Bảng lương theo vị trí công việc\n\nĐơn vị tính: đồng/tháng\n\n"
        "| Vị trí công việc | Bậc 1 | Bậc 2 | Bậc 3 | Bậc 4 | Bậc 5 |\n|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n\n"
        "## Điều 5. Ngày trả lương\n\nLương trả vào ngày 10 hằng tháng.\n"
    )
    chunks = chunk_document(read_document("qc.md", data=text.encode()))
    row = next(c for c in chunks if c.path == ("Điều 4", "Tổ trưởng chuyền"))
    assert row.text.startswith("Tổ trưởng chuyền | 8.200.000") and "Bậc 1" in " ".join(row.context)
    assert sum(1 for c in chunks if c.path[:1] == ("Điều 4",) and len(c.path) == 2) == len(positions)


def test_a_sentence_after_the_last_point_closes_the_clause_not_the_point():
    points = "\n".join(
        f"{letter}) Công đoàn cơ sở có từ {i}00 đến dưới {i + 1}00 đoàn viên: bầu từ {2 * i + 1} đến {2 * i + 5} ủy viên "
        "ban chấp hành, trong đó có chủ tịch, phó chủ tịch và các ủy viên phụ trách công tác chuyên đề;"
        for i, letter in enumerate("abcde", start=1)
    ).rstrip(";") + "."
    text = (
        "HƯỚNG DẪN\nThi hành Điều lệ\n\nI. BAN CHẤP HÀNH\n1. Số lượng ủy viên ban chấp hành được xác định như sau:\n"
        f"{points}\nSố phó chủ tịch công đoàn cơ sở không quá 02 người.\n2. Ban chấp hành họp thường kỳ 03 tháng một lần.\n"
    )
    chunks = chunk_document(_doc(text, "hd.txt"))
    (tail,) = [c for c in chunks if "phó chủ tịch công đoàn cơ sở không quá" in c.text]
    assert tail.path[-1] == "1." and tail.text.startswith("Số phó chủ tịch"), tail.path
    (last,) = [c for c in chunks if c.path[-1] in ("e)", "Điểm e")]
    assert "không quá 02 người" not in last.text


@pytest.mark.parametrize(
    ("kind", "title", "number", "name"),
    [
        # A regulation's title too long to go with its number keeps the number and its words
        # before what it goes on with ("… cho người lao động", "… tại Công ty …").
        # (Titles as document_name passes them: read on in the text's case.)
        ("QUY CHẾ", "khám sức khỏe định kỳ và khám phát hiện bệnh nghề nghiệp cho người lao động", "12/QC-MP",
         "Quy chế khám sức khỏe định kỳ và khám phát hiện bệnh nghề nghiệp 12/QC-MP"),
        ("QUY CHẾ", "bầu cử tại Đại hội Công đoàn Công ty Cổ phần Thực phẩm Sao Mai lần thứ IV, nhiệm kỳ 2027 - 2032",
         "02/QC-ĐH", "Quy chế bầu cử 02/QC-ĐH"),
        # With no such word, it is cut at a word, never losing the number.
        ("NỘI QUY", "lớp bồi dưỡng nghiệp vụ chủ tịch công đoàn cơ sở mới bầu năm 2031 (khóa I) tổ chức tập trung",
         "03/NQ-BTCLH", "Nội quy lớp bồi dưỡng nghiệp vụ chủ tịch công đoàn cơ sở mới bầu năm 2031… 03/NQ-BTCLH"),
        # An agreement is known by the body it binds, kept whole where the number does not fit.
        ("THỎA ƯỚC LAO ĐỘNG TẬP THỂ", "Công ty Cổ phần Chế biến Thủy sản Xuất khẩu Năm Căn Xanh",
         "01/2025/TƯLĐTT-NCX", "Thỏa ước lao động tập thể Công ty Cổ phần Chế biến Thủy sản Xuất khẩu Năm Căn Xanh"),
    ],
)
def test_a_long_titled_regulation_keeps_its_number(kind, title, number, name):
    from ingest.document import DocMeta

    assert DocMeta(doc_type=kind, title=title, number=number).header_name() == name


def test_an_excerpt_is_named_by_the_number_its_note_gives_and_its_end_mark_is_no_clause():
    text = (
        "NGHỊ ĐỊNH\nQuy định chi tiết một số điều của Bộ luật Lao động về thời giờ làm việc, thời giờ nghỉ ngơi\n"
        "(Trích Chương II Nghị định số 38/2031/NĐ-CP ngày 16 tháng 3 năm 2031 của Chính phủ)\n…………\n"
        "Chương II\nTHỜI GIỜ LÀM VIỆC\nĐiều 4. Thời giờ làm việc bình thường\n"
        "1. Thời giờ làm việc bình thường không quá 10 giờ trong 01 ngày.\n(Hết phần trích)\n"
    )
    doc = _doc(text, "nd.txt")
    assert (doc.meta.name, doc.meta.number, doc.meta.date, doc.meta.issuer) == (
        "Nghị định 38/2031/NĐ-CP", "38/2031/NĐ-CP", "2031-03-16", "Chính phủ"
    )
    (clause,) = [c for c in chunk_document(doc) if c.path[-1] in ("1.", "Khoản 1")]
    assert clause.text.endswith("trong 01 ngày.")
    # A note naming a text of another kind says nothing of this one's number.
    other = _doc(text.replace("Trích Chương II Nghị định số", "Trích Chương II Thông tư số"), "nd.txt")
    assert other.meta.number is None
    # A decree's provisions under a title of what they rule ("QUY ĐỊNH VỀ …") are that decree's.
    ruled = text.replace(
        "NGHỊ ĐỊNH\nQuy định chi tiết một số điều của Bộ luật Lao động về thời giờ làm việc, thời giờ nghỉ ngơi\n",
        "QUY ĐỊNH VỀ THỜI GIỜ LÀM VIỆC, THỜI GIỜ NGHỈ NGƠI\n",
    )
    doc = _doc(ruled, "nd.txt")
    assert (doc.meta.name, doc.meta.doc_type, doc.meta.issuer) == ("Nghị định 38/2031/NĐ-CP", "NGHỊ ĐỊNH", "Chính phủ")
    # Not a body's rules taken from a decision: those stay rules of their own.
    rules = ruled.replace("Nghị định số 38/2031/NĐ-CP", "Quyết định số 38/2031/QĐ-CĐ").replace("của Chính phủ", "")
    assert _doc(rules, "qd.txt").meta.doc_type == "QUY ĐỊNH"


def test_minutes_roles_after_the_list_of_those_present_are_units_of_their_own():
    text = (
        "BIÊN BẢN HỌP\nXem xét các trường hợp bệnh nghề nghiệp\nI. THÀNH PHẦN THAM DỰ\n"
        "1. Ông Phạm Đức Long, Phó Giám đốc - chủ trì cuộc họp;\n2. Khách mời: Bác sĩ Trịnh Văn Đông, Bệnh viện huyện.\n"
        "Vắng mặt: Ông Vương Khắc Toàn, Kế toán trưởng (đi công tác).\nThư ký cuộc họp: Bà Phan Thị Yến, chuyên viên.\n"
        "3. Đại diện Công đoàn: Bà Hoàng Thị Lan.\nII. NỘI DUNG\n1. Báo cáo kết quả khám.\n"
    )
    chunks = _paths_of(text, "bb.txt", kind="clause")
    assert chunks[("I. THÀNH PHẦN THAM DỰ", "2.")].endswith("Bệnh viện huyện.")
    assert chunks[("I. THÀNH PHẦN THAM DỰ", "Thư ký cuộc họp")].startswith("Thư ký cuộc họp: Bà Phan Thị Yến")
    assert ("I. THÀNH PHẦN THAM DỰ", "Vắng mặt") in chunks
    # The list goes on after them.
    assert ("I. THÀNH PHẦN THAM DỰ", "3.") in chunks
    # Under an item that introduces them they are its text.
    heading = text.replace("2. Khách mời: Bác sĩ Trịnh Văn Đông, Bệnh viện huyện.", "2. Những người khác:")
    chunks = _paths_of(heading, "bb.txt", kind="clause")
    assert "Thư ký cuộc họp: Bà Phan Thị Yến" in chunks[("I. THÀNH PHẦN THAM DỰ", "2.")]
    # A sentence after the last role's line is the section's text, not the secretary's.
    quorum = text.replace("3. Đại diện Công đoàn: Bà Hoàng Thị Lan.\n", "Số thành viên có mặt đủ điều kiện tiến hành cuộc họp.\n")
    chunks = _paths_of(quorum, "bb.txt", kind="clause")
    assert chunks[("I. THÀNH PHẦN THAM DỰ", "Thư ký cuộc họp")] == "Thư ký cuộc họp: Bà Phan Thị Yến, chuyên viên."
    assert chunks[("I. THÀNH PHẦN THAM DỰ",)].endswith("Số thành viên có mặt đủ điều kiện tiến hành cuộc họp.")
    # An absence is explained below its line, and a role after that is still a role (review).
    absent = text.replace("Vắng mặt: Ông Vương Khắc Toàn, Kế toán trưởng (đi công tác).\n",
                          "Vắng mặt: 01 đồng chí (có lý do).\nÔng Vương Khắc Toàn đi công tác tại Hà Nội.\n")
    chunks = _paths_of(absent, "bb.txt", kind="clause")
    assert chunks[("I. THÀNH PHẦN THAM DỰ", "Vắng mặt")].endswith("đi công tác tại Hà Nội.")
    assert ("I. THÀNH PHẦN THAM DỰ", "Thư ký cuộc họp") in chunks


def test_an_excerpt_titled_by_what_it_is_taken_from_is_named_by_its_number():
    text = (
        "Trích Nghị định số 135/2030/NĐ-CP ngày 18 tháng 11 năm 2030 của Chính phủ quy định về tuổi nghỉ hưu\n…………\n"
        "Chương II\nTUỔI NGHỈ HƯU\nĐiều 4. Tuổi nghỉ hưu trong điều kiện lao động bình thường\n"
        "1. Tuổi nghỉ hưu của người lao động được điều chỉnh theo lộ trình.\n"
    )
    meta = _doc(text, "trich_nghi_dinh.txt").meta
    assert (meta.name, meta.issuer, meta.date) == ("Nghị định 135/2030/NĐ-CP", "Chính phủ", "2030-11-18")


@pytest.mark.parametrize(
    ("note", "number", "date", "issuer"),
    [
        ("(Trích Nghị định số 145/2030/NĐ-CP ngày 14/12/2030 của Chính phủ quy định chi tiết một số điều của Bộ luật Lao động)",
         "145/2030/NĐ-CP", "2030-12-14", "Chính phủ"),
        ("(Trích Bộ luật Lao động số 45/2029/QH14 ngày 20 tháng 11 năm 2029)", "45/2029/QH14", "2029-11-20", None),
    ],
)
def test_an_excerpt_notes_date_in_figures_and_a_laws_name_before_its_number(note, number, date, issuer):
    kind = "BỘ LUẬT" if note.startswith("(Trích Bộ luật") else "NGHỊ ĐỊNH"
    text = f"{kind}\nLao động\n{note}\nChương II\nĐiều 4. Thời giờ làm việc\n1. Không quá 08 giờ trong 01 ngày.\n"
    meta = _doc(text, "trich.txt").meta
    assert (meta.number, meta.date, meta.issuer) == (number, date, issuer)


def test_a_name_in_capitals_goes_on_below_in_ordinary_case():
    text = (
        "ỦY BAN NHÂN DÂN XÃ AN LẠC | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 03/QCPH-UBND-CĐ | An Lạc, ngày 02 tháng 3 năm 2031\n"
        "QUY CHẾ PHỐI HỢP\ngiữa Ủy ban nhân dân xã An Lạc và Ban Chấp hành Công đoàn xã An Lạc,\nnhiệm kỳ 2030 - 2035\n"
        "Chương I. QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\nQuy chế này quy định việc phối hợp giữa hai bên.\n"
    )
    meta = _doc(text, "qc.txt").meta
    assert meta.title == "Phối hợp giữa Ủy ban nhân dân xã An Lạc và Ban Chấp hành Công đoàn xã An Lạc, nhiệm kỳ 2030 - 2035"
    # The name keeps the words before what the title goes on with.
    assert meta.short_name() == "Quy chế phối hợp 03/QCPH-UBND-CĐ"
    programme = (
        "LIÊN ĐOÀN LAO ĐỘNG HUYỆN AN LẠC | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 02/CTr-LĐLĐ | An Lạc, ngày 05 tháng 01 năm 2031\n"
        "CHƯƠNG TRÌNH CÔNG TÁC NĂM 2031\nvề phát triển đoàn viên trong khu vực\nkinh tế tập thể\n"
        "I. MỤC ĐÍCH\n1. Kết nạp 500 đoàn viên.\n"
    )
    assert _doc(programme, "ctr.txt").meta.title == "Công tác năm 2031 về phát triển đoàn viên trong khu vực kinh tế tập thể"


def test_a_directives_title_is_what_it_is_about_not_whose_it_is():
    text = (
        "HUYỆN ỦY AN LẠC | ĐẢNG CỘNG SẢN VIỆT NAM\nSố 08-CT/HU | An Lạc, ngày 10 tháng 4 năm 2031\nCHỈ THỊ\n"
        "của Ban Thường vụ Huyện ủy về tăng cường công tác công đoàn trong doanh nghiệp\n"
        "1. Các cấp ủy đưa chỉ tiêu phát triển đoàn viên vào nghị quyết hằng năm.\n"
    )
    meta = _doc(text, "ct.txt").meta
    assert meta.title == "Về tăng cường công tác công đoàn trong doanh nghiệp"
    assert meta.short_name() == "Chỉ thị 08-CT/HU"


def test_a_guidances_steps_are_units_of_their_own():
    text = (
        "HƯỚNG DẪN\nQuy trình gửi đơn đề nghị hỗ trợ năm 2031\nI. CÁC BƯỚC THỰC HIỆN\n"
        "Bước 1. Trao đổi với tổ trưởng công đoàn\nNgười lao động trao đổi trực tiếp trong 03 ngày.\n"
        "Bước 2. Lập đơn\nĐơn ghi rõ họ tên, bộ phận, nội dung đề nghị.\nII. THỜI HẠN\n1. Công đoàn trả lời trong 10 ngày.\n"
    )
    paths = _paths_of(text, "hd.md")
    assert paths[("I. CÁC BƯỚC THỰC HIỆN", "Bước 1")].endswith("trong 03 ngày.")
    assert paths[("I. CÁC BƯỚC THỰC HIỆN", "Bước 2")].startswith("Bước 2. Lập đơn")


def test_a_list_issued_with_a_decision_is_its_own_part_not_its_signature():
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG HUYỆN AN LẠC | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 90/QĐ-LĐLĐ | An Lạc, ngày 20 tháng 12 năm 2031\n"
        "QUYẾT ĐỊNH\nVề việc tặng Giấy khen\nĐiều 1. Tặng Giấy khen cho 02 tập thể có tên trong danh sách kèm theo.\n"
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nTM. BAN THƯỜNG VỤ\nCHỦ TỊCH\nTrần Văn Nam\n"
        "DANH SÁCH TẬP THỂ ĐƯỢC TẶNG GIẤY KHEN\n(Kèm theo Quyết định số 90/QĐ-LĐLĐ ngày 20/12/2031)\n"
        "1 Công đoàn cơ sở Công ty TNHH May An Lạc\n2 Công đoàn cơ sở Trường Tiểu học An Lạc\n"
    )
    doc = _doc(text, "qd.txt")
    chunks = chunk_document(doc)
    (signature,) = [c for c in chunks if c.kind == "signature"]
    assert "Công ty TNHH May An Lạc" not in signature.text and doc.meta.signer == "Trần Văn Nam"
    (listed,) = [c for c in chunks if "Công ty TNHH May An Lạc" in c.text]
    assert listed.kind == "clause" and [p.lower() for p in listed.path] == ["danh sách tập thể được tặng giấy khen"]
    # A table issued likewise ("BẢNG TỔNG HỢP …" / "(Kèm theo …)"): its total was read as the signature.
    table = text.split("DANH SÁCH")[0] + (
        "BẢNG TỔNG HỢP KINH PHÍ KHEN THƯỞNG\n(Kèm theo Quyết định số 90/QĐ-LĐLĐ ngày 20/12/2031)\n"
        "STT | Đơn vị | Số tiền (đồng)\n1 | Công đoàn cơ sở Công ty TNHH May An Lạc | 1.500.000\n| Cộng | 1.500.000\n"
    )
    chunks = chunk_document(_doc(table, "qd.txt"))
    (signature,) = [c for c in chunks if c.kind == "signature"]
    (total,) = [c for c in chunks if "| Cộng | 1.500.000" in c.text]
    assert "BẢNG" not in signature.text and total.kind == "clause"
    assert [p.lower() for p in total.path] == ["bảng tổng hợp kinh phí khen thưởng"]


def test_a_leaflets_unnumbered_questions_are_counted_under_their_heading():
    text = (
        "# CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH DỆT AN LẠC\n\n## TỜ GẤP HỎI – ĐÁP VỀ NGHỈ PHÉP\n\n### I. Nghỉ hằng năm\n\n"
        "**Hỏi:** Làm chưa đủ 12 tháng có được nghỉ phép không?\n\n**Đáp:** Có, theo tỷ lệ số tháng đã làm.\n\n"
        "**Hỏi:** Phép năm chưa nghỉ hết thì sao?\n\n**Đáp:** Được trả bằng tiền khi thôi việc.\n\n"
        "### II. Nghỉ việc riêng\n\n**Hỏi:** Kết hôn được nghỉ mấy ngày?\n\n**Đáp:** 03 ngày, hưởng nguyên lương.\n"
    )
    paths = _paths_of(text, "to_gap.md")
    assert paths[("I. Nghỉ hằng năm", "Câu hỏi 2")] == "Hỏi: Phép năm chưa nghỉ hết thì sao?\nĐáp: Được trả bằng tiền khi thôi việc."
    # Counted again under the next heading, as a reader finds them.
    assert paths[("II. Nghỉ việc riêng", "Câu hỏi 1")].endswith("03 ngày, hưởng nguyên lương.")


def test_a_markdown_table_pasted_into_a_text_file_is_cited_row_by_row():
    rows = "\n".join(
        f"| {n} | {act} | {penalty} |"
        for n, (act, penalty) in enumerate(
            [("Đi muộn, về sớm không có lý do chính đáng từ 04 lần trở lên trong một tháng", "Khiển trách"),
             ("Chấm công hộ người khác hoặc nhờ người khác chấm công hộ mình", "Kéo dài thời hạn nâng lương 03 tháng"),
             ("Hút thuốc lá trong kho nguyên liệu, kho thành phẩm và khu vực cấm lửa", "Kéo dài thời hạn nâng lương 06 tháng"),
             ("Trộm cắp tài sản của công ty hoặc của đồng nghiệp tại nơi làm việc", "Sa thải"),
             ("Tự ý bỏ việc 05 ngày cộng dồn trong 30 ngày không có lý do chính đáng", "Sa thải"),
             ("Uống rượu, bia trong giờ làm việc hoặc gây mất trật tự tại phân xưởng", "Kéo dài thời hạn nâng lương 06 tháng"),
             ("Không sử dụng phương tiện bảo vệ cá nhân đã được công ty cấp phát", "Khiển trách"),
             ("Sử dụng điện thoại di động tại chuyền sản xuất, đã được nhắc nhở vẫn tái diễn", "Khiển trách")],
            start=1,
        )
    )  # fmt: skip
    text = (
        "NỘI QUY LAO ĐỘNG\nCông ty TNHH Dệt An Lạc\nĐiều 1. Phạm vi áp dụng\nNội quy áp dụng với mọi người lao động.\n"
        "Điều 2. Hành vi vi phạm và hình thức xử lý\nHành vi vi phạm được xử lý theo bảng sau:\n\n"
        f"| STT | Hành vi vi phạm | Hình thức xử lý |\n|-----|-----|-----|\n{rows}\n\nĐiều 3. Hiệu lực\nNội quy có hiệu lực từ ngày ký.\n"
    )
    paths = _paths_of(text, "noi_quy.txt")
    assert paths[("Điều 2", "STT 4")] == "4 | Trộm cắp tài sản của công ty hoặc của đồng nghiệp tại nơi làm việc | Sa thải"
    assert not any("---" in t or t.startswith("|") for t in paths.values())
    # Pipes without a separator row are left as typed.
    assert "| a | b |" in _doc("GHI CHÚ\nMã | a | b |\n| a | b |\n", "ghi_chu.txt").text


LETTER = (
    "TỔNG LĐLĐ VIỆT NAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "LIÊN ĐOÀN LAO ĐỘNG TỈNH AN LẠC | Độc lập - Tự do - Hạnh phúc\n"
    "Số: 41/LĐLĐ-ToC | An Lạc, ngày 02 tháng 6 năm 2031\nV/v báo cáo số liệu đoàn viên 6 tháng đầu năm 2031\n"
    "Kính gửi: Các công đoàn cơ sở trực thuộc.\n"
    "Ban Thường vụ LĐLĐ tỉnh đề nghị các đơn vị thực hiện một số nội dung sau:\n"
    "1. Rà soát số liệu đoàn viên tính đến ngày 15/6/2031, bảo đảm khớp với dữ liệu trên phần mềm quản lý đoàn viên.\n"
    "2. Đề xuất danh sách đoàn viên có hoàn cảnh khó khăn về nhà ở đề nghị hỗ trợ, mỗi đơn vị không quá 03 trường hợp.\n"
    "Báo cáo gửi về LĐLĐ tỉnh (qua Ban Tổ chức) trước ngày 25/6/2031. Đơn vị gửi chậm bị trừ điểm thi đua.\n"
    "Nơi nhận:\n- Như trên;\n- Lưu: VT, ToC.\nTM. BAN THƯỜNG VỤ\nPHÓ CHỦ TỊCH\nLê Văn Tâm\n"
    "Biểu mẫu số 01\nSỐ LIỆU ĐOÀN VIÊN 6 THÁNG ĐẦU NĂM 2031\n(Kèm theo Công văn số 41/LĐLĐ-ToC ngày 02/6/2031)\n"
    "STT | Chỉ tiêu | Số liệu\n1 | Tổng số đoàn viên | \n2 | Đoàn viên kết nạp mới | \n3 | Công đoàn cơ sở thành lập mới | \n"
    "NGƯỜI LẬP BIỂU | TM. BAN CHẤP HÀNH\n"
)


def test_a_letters_request_for_the_report_closes_it_and_its_form_is_a_part_of_its_own():
    doc = _doc(LETTER, "cv.txt")
    chunks = chunk_document(doc)
    paths = {c.path: c for c in chunks}
    # Under the body below its parent in the header: the body that issues the letter.
    assert doc.meta.issuer == "LIÊN ĐOÀN LAO ĐỘNG TỈNH AN LẠC"
    # The request for the report applies to every item: not item 2's text.
    assert "Báo cáo gửi về" not in paths[("2.",)].text
    assert paths[("Phần kết",)].text.startswith("Báo cáo gửi về LĐLĐ tỉnh")
    # The form sent with it: cited by its number, not part of the signature or the signer's title.
    (signature,) = [c for c in chunks if c.kind == "signature"]
    assert "Biểu mẫu" not in signature.text and doc.meta.signer_title == "TM. BAN THƯỜNG VỤ, PHÓ CHỦ TỊCH"
    assert paths[("Biểu mẫu số 01", "Phần mở đầu")].text.startswith("Biểu mẫu số 01\nSỐ LIỆU ĐOÀN VIÊN")


def test_a_request_under_an_item_that_is_a_heading_stays_the_items():
    text = LETTER.replace(
        "2. Đề xuất danh sách đoàn viên có hoàn cảnh khó khăn về nhà ở đề nghị hỗ trợ, mỗi đơn vị không quá 03 trường hợp.\n",
        "2. Chế độ báo cáo:\n",
    )
    paths = _paths_of(text, "cv.txt")
    assert paths[("2.",)].startswith("2. Chế độ báo cáo:\nBáo cáo gửi về LĐLĐ tỉnh")


def test_a_party_header_typed_in_columns_with_its_star():
    text = (
        "ĐẢNG BỘ TỈNH AN LẠC                         ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "        TỈNH ỦY\n"
        "           *                             An Lạc, ngày 10 tháng 12 năm 2031\n"
        "     Số 15-CT/TU\n\n"
        "                                CHỈ THỊ\n"
        "     về tăng cường công tác công đoàn trong doanh nghiệp\n\n"
        "1. Các cấp ủy đưa chỉ tiêu phát triển đoàn viên vào nghị quyết hằng năm.\n"
    )
    meta = _doc(text, "ct.txt").meta
    assert (meta.place, meta.issuer, meta.number) == ("An Lạc", "TỈNH ỦY AN LẠC", "15-CT/TU")


def test_a_closing_typed_in_columns_with_a_recipient_wrapped_onto_the_next_line():
    text = (
        "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/HD-TLĐ | Hà Nội, ngày 20 tháng 02 năm 2031\nHƯỚNG DẪN\nThi hành Điều lệ Công đoàn\n"
        "1. Công đoàn cơ sở kết nạp đoàn viên theo Điều lệ.\n\n"
        "Nơi nhận:                                          TM. ĐOÀN CHỦ TỊCH\n"
        "- Các LĐLĐ tỉnh, thành phố;                            PHÓ CHỦ TỊCH\n"
        "- Các CĐ ngành TW và tương đương,                         (Đã ký)\n"
        "  CĐ TCT trực thuộc TLĐ;\n"
        "- Lưu: VT, Ban Tổ chức.                              Đỗ Văn Bình\n\n\n"
        "                    DANH SÁCH CÁC ĐƠN VỊ THỰC HIỆN THÍ ĐIỂM\n"
        "   (Kèm theo Quyết định số 12/QĐ-TLĐ ngày 20/02/2031)\n\n"
        "1 Công đoàn Khu công nghiệp An Lạc\n2 Công đoàn ngành Giáo dục\n"
    )
    doc = _doc(text, "hd.txt")
    assert doc.meta.signer == "Đỗ Văn Bình"
    assert "Các CĐ ngành TW và tương đương, CĐ TCT trực thuộc TLĐ" in doc.meta.recipients
    # What follows the signature, indented, is not taken for a recipient's wrapped line.
    assert not any("Kèm theo" in r for r in doc.meta.recipients)


def test_a_circular_copied_from_a_website_with_a_one_line_summary():
    text = (
        "Thông tư 07/2031/TT-BNV quy định thời giờ làm việc đối với người lao động làm công việc đặc biệt "
        "do Bộ Nội vụ ban hành ngày 09/10/2031.\n\n"
        "Căn cứ Bộ luật Lao động;\n\nĐiều 1. Phạm vi điều chỉnh\nThông tư này quy định thời giờ làm việc trên giàn khoan.\n"
        "Điều 2. Hiệu lực thi hành\nThông tư này có hiệu lực từ ngày 01/12/2031.\n\n"
        "Lược đồ | Văn bản gốc | Văn bản tiếng Anh | Tải về\n"
    )
    doc = _doc(text, "tt.txt")
    meta = doc.meta
    assert (meta.number, meta.issuer, meta.date) == ("07/2031/TT-BNV", "Bộ Nội vụ", "2031-10-09")
    assert meta.short_name() == "Thông tư 07/2031/TT-BNV"
    assert meta.title.startswith("Quy định thời giờ làm việc")
    # The page's row of buttons under the text is not the text's.
    assert "Lược đồ" not in doc.text


def test_a_texts_closing_statement_and_a_copiers_note_are_not_its_last_clause():
    charter = (
        "ĐIỀU LỆ CÔNG ĐOÀN VIỆT NAM\n(Trích)\nChương I\nĐOÀN VIÊN\nĐiều 1. Đoàn viên\n1. Người lao động được gia nhập công đoàn.\n"
        "2. Đoàn viên đóng đoàn phí hằng tháng.\n"
        "Điều lệ Công đoàn Việt Nam gồm 11 chương, 45 điều, có hiệu lực kể từ ngày Đại hội thông qua.\n"
    )
    paths = _paths_of(charter, "dl.txt")
    assert paths[("Chương I", "Điều 1", "Khoản 2")] == "2. Đoàn viên đóng đoàn phí hằng tháng."
    assert paths[("Phần kết",)].startswith("Điều lệ Công đoàn Việt Nam gồm 11 chương")
    law = (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH AN LẠC\nBAN CHÍNH SÁCH - PHÁP LUẬT\nBỘ LUẬT LAO ĐỘNG\n(Trích)\n"
        "Điều 139. Nghỉ thai sản\n1. Lao động nữ được nghỉ thai sản 06 tháng.\n"
        "Ban Chính sách - Pháp luật, Liên đoàn Lao động tỉnh An Lạc trích lục, tháng 8 năm 2031.\n"
    )
    doc = _doc(law, "bl.txt")
    paths = {c.path: c.text for c in chunk_document(doc)}
    assert paths[("Điều 139", "Khoản 1")] == "1. Lao động nữ được nghỉ thai sản 06 tháng."
    assert "trích lục" in paths[("Phần kết",)]
    # The body that copied it is no issuer of a code: only the National Assembly passes one.
    assert doc.meta.issuer == "Quốc hội"


def test_the_paragraph_closing_an_item_after_its_points_is_shown_under_the_items_heading():
    from ingest.document import shown_text

    text = (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH AN GIANG\nSố: 11/HD-LĐLĐ\nHƯỚNG DẪN\nTổ chức đại hội công đoàn cơ sở\n\n"
        "II. NỘI DUNG\n4. Số lượng ủy viên ban chấp hành\n"
        "a) Dưới 30 đoàn viên: bầu từ 01 đến 03 ủy viên; trường hợp chỉ bầu 01 người thì người đó là chủ tịch.\n"
        "b) Từ 30 đến dưới 200 đoàn viên: bầu từ 03 đến 07 ủy viên, tùy theo số tổ công đoàn của đơn vị.\n"
        "Công đoàn cơ sở có ban chấp hành từ 09 ủy viên trở lên được bầu ban thường vụ; số phó chủ tịch không quá 02 người.\n"
        "5. Điều kiện tiến hành đại hội\nĐại hội chỉ được tiến hành khi có trên 2/3 số đại biểu được triệu tập có mặt.\n"
    )
    chunks = chunk_document(read_document("hd.txt", data=text.encode("utf-8")))
    (tail,) = [c for c in chunks if c.path == ("II. NỘI DUNG", "4.") and "ban thường vụ" in c.text]
    assert shown_text(tail).splitlines()[0] == "4. Số lượng ủy viên ban chấp hành"
    (item5,) = [c for c in chunks if c.path == ("II. NỘI DUNG", "5.")]
    assert shown_text(item5) == item5.text  # an item whose text opens with its heading, as it is


def test_a_congress_row_under_a_grassroots_union_is_not_part_of_the_issuers_name():
    def build(document):
        table = document.add_table(rows=3, cols=2)
        rows = (("LĐLĐ HUYỆN PHÚ LÂM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                ("CÔNG ĐOÀN CƠ SỞ CÔNG TY CỔ PHẦN MAY TÂN PHÚ", "Độc lập - Tự do - Hạnh phúc"),
                ("ĐẠI HỘI LẦN THỨ V", "Phú Lâm, ngày 20 tháng 5 năm 2031"))
        for r, cells in enumerate(rows):
            for col, cell in enumerate(cells):
                table.cell(r, col).text = cell
        for line in ("QUY CHẾ BẦU CỬ", "tại Đại hội Công đoàn cơ sở Công ty Cổ phần May Tân Phú lần thứ V, nhiệm kỳ 2031 - 2036",
                     "Điều 1. Phạm vi", "Quy chế này quy định việc bầu cử tại đại hội."):
            document.add_paragraph(line)

    meta = read_document("qc.docx", data=docx_bytes(build)).meta
    assert meta.issuer == "CÔNG ĐOÀN CƠ SỞ CÔNG TY CỔ PHẦN MAY TÂN PHÚ"
    # Too long for a name with its term: the term goes, not half of "nhiệm kỳ".
    assert meta.short_name() == "Quy chế bầu cử tại Đại hội Công đoàn cơ sở Công ty Cổ phần May Tân Phú lần thứ V"


def test_the_rules_under_a_headers_issuer_and_motto_are_no_part_of_its_text():
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ LAM          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "                                         Độc lập - Tự do - Hạnh phúc\n"
        "      -----------                              ---------------\n"
        "Số: 140/LĐLĐ-TC                         Hà Lam, ngày 05 tháng 6 năm 2031\n"
        "V/v nộp báo cáo tài chính\n\nKính gửi: Các công đoàn ngành.\n\n"
        "Ban Thường vụ đề nghị các đơn vị thực hiện:\n1. Báo cáo trước ngày 20/6/2031.\n"
    )
    (preamble,) = [c for c in chunk_document(read_document("cv.txt", data=text.encode("utf-8"))) if c.kind == "preamble"]
    assert "---" not in preamble.text and "Độc lập - Tự do - Hạnh phúc" in preamble.text


def test_a_decree_whose_title_line_holds_its_number_in_capitals_is_named_by_it():
    text = (
        "NGHỊ ĐỊNH SỐ 91/2031/NĐ-CP QUY ĐỊNH CHI TIẾT VỀ HUẤN LUYỆN AN TOÀN LAO ĐỘNG\n(Trích Chương II)\n\n"
        "Chương II\nHUẤN LUYỆN\n\nĐiều 8. Nhóm đối tượng\n1. Nhóm 1: Người quản lý phụ trách an toàn.\n"
        "2. Nhóm 2: Người làm công tác an toàn chuyên trách.\n"
    )
    doc = read_document("nghi-dinh.txt", data=text.encode())
    assert (doc.meta.doc_type, doc.meta.number) == ("NGHỊ ĐỊNH", "91/2031/NĐ-CP")
    assert doc.meta.short_name() == "Nghị định 91/2031/NĐ-CP"


def test_a_procedure_is_a_kind_of_document():
    text = (
        "CÔNG TY CỔ PHẦN MAY BẮC HÀ\nSố: 04/QT-BH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hà Nam, ngày 02 tháng 3 năm 2031\n\nQUY TRÌNH\nChi trả chế độ ốm đau cho người lao động\n\n"
        "I. MỤC ĐÍCH\n1. Thống nhất trình tự tiếp nhận hồ sơ ốm đau.\nII. TRÁCH NHIỆM\n1. Phòng Nhân sự tiếp nhận hồ sơ.\n"
    )
    meta = read_document("quy-trinh.txt", data=text.encode()).meta
    assert (meta.doc_type, meta.number, meta.short_name()) == ("QUY TRÌNH", "04/QT-BH", "Quy trình 04/QT-BH")


MINUTES_CLOSING = """CÔNG TY CỔ PHẦN CƠ KHÍ AN LẠC
ĐOÀN ĐIỀU TRA TAI NẠN LAO ĐỘNG CẤP CƠ SỞ
Số: 05/BB-ĐT
Bắc Giang, ngày 12 tháng 4 năm 2031

BIÊN BẢN ĐIỀU TRA TAI NẠN LAO ĐỘNG

1. Diễn biến vụ tai nạn
Người lao động bị kẹt tay tại máy dập số 3.
2. Chi phí đối với người bị nạn
- Công ty chi trả chi phí điều trị 12.000.000 đồng.
- Công đoàn Công ty thăm hỏi 2.000.000 đồng.

Biên bản được công bố tại cuộc họp lúc 16 giờ ngày 12/4/2031 với sự có mặt của các thành viên Đoàn điều tra; được lập thành 05 bản có giá trị như nhau.

NGƯỜI SỬ DỤNG LAO ĐỘNG
GIÁM ĐỐC
(Ký, đóng dấu)
Trần Văn Minh

THƯ KÝ
(Ký, ghi rõ họ tên)
Lê Thị Hoa

ĐẠI DIỆN GIA ĐÌNH NGƯỜI BỊ NẠN
(Ký, ghi rõ họ tên)
Nguyễn Thị Lan (vợ người bị nạn)
"""


def test_minutes_close_with_how_many_copies_and_are_signed_by_every_party():
    doc = read_document("bien-ban.txt", data=MINUTES_CLOSING.encode())
    chunks = chunk_document(doc)
    by_section = {c.section: c for c in chunks}
    assert "Biên bản được công bố" in by_section["Phần kết"].text
    assert "Biên bản được công bố" not in by_section["2."].text
    assert by_section["Chữ ký"].text.startswith("NGƯỜI SỬ DỤNG LAO ĐỘNG")
    assert doc.meta.signer == "Trần Văn Minh, Lê Thị Hoa, Nguyễn Thị Lan"


def test_markdown_bullets_that_open_with_their_own_number_are_those_numbered_items():
    text = (
        "# BIÊN BẢN\n## Hội nghị đối thoại định kỳ\n\n### II. NỘI DUNG\n\n**3. Trả lời của Công ty**\n\n"
        "- 3.1. Về tiền ăn giữa ca: Công ty đồng ý nâng lên 30.000 đồng/suất.\n"
        "- 3.2. Về nhà xưởng: Công ty lắp thêm 12 quạt hơi nước.\n"
        "- Các nội dung khác: chưa thống nhất.\n"
    )
    chunks = chunk_document(read_document("bien-ban.md", data=text.encode()))
    sections = [c.section for c in chunks]
    assert "II. NỘI DUNG › 3. › 3.1." in sections and "II. NỘI DUNG › 3. › 3.2." in sections


def test_a_letters_opening_paragraph_is_a_piece_apart_from_its_header_block():
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ NAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "LIÊN ĐOÀN LAO ĐỘNG HUYỆN KIM BẢNG | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 31/LĐLĐ-TC | Kim Bảng, ngày 02 tháng 4 năm 2031\n"
        "V/v đôn đốc nộp kinh phí công đoàn quý I năm 2031\n"
        "Kính gửi:\n- Ban Chấp hành các công đoàn cơ sở trực thuộc;\n- Giám đốc các doanh nghiệp trên địa bàn huyện.\n"
        "Qua theo dõi, đến hết ngày 31/3/2031 trên địa bàn huyện còn 17 doanh nghiệp chưa đóng kinh phí công đoàn "
        "quý I/2031 với tổng số tiền nợ 312.400.000 đồng.\n"
        "Ban Thường vụ Liên đoàn Lao động huyện đề nghị các đơn vị thực hiện một số nội dung sau:\n"
        "1. Các doanh nghiệp còn nợ đóng đủ số tiền trước ngày 20/4/2031.\n"
        "2. Công đoàn cơ sở nộp đoàn phí quý I về Liên đoàn Lao động huyện trước ngày 15/4/2031.\n"
    )
    doc = read_document("cong-van.txt", data=text.encode())
    header, opening = [c for c in chunk_document(doc) if c.kind == "preamble"]
    assert header.text.startswith("LIÊN ĐOÀN") and "Giám đốc các doanh nghiệp" in header.text
    assert opening.text.startswith("Qua theo dõi") and "312.400.000 đồng" not in header.text
    assert citation(doc.meta, opening) == "Công văn 31/LĐLĐ-TC › Phần mở đầu"
    # The header block is told apart from it.
    assert citation(doc.meta, header) == "Công văn 31/LĐLĐ-TC › Tiêu đề"


def test_minutes_read_back_to_the_meeting_close_the_text():
    text = MINUTES_CLOSING.replace(
        "Biên bản được công bố tại cuộc họp lúc 16 giờ ngày 12/4/2031 với sự có mặt của các thành viên Đoàn điều tra; "
        "được lập thành 05 bản có giá trị như nhau.",
        "Biên bản đã được đọc lại cho những người dự họp nghe, các thành viên nhất trí và ký tên. Biên bản lập thành 05 bản.",
    )
    by_section = {c.section: c for c in chunk_document(read_document("bien-ban.txt", data=text.encode()))}
    assert by_section["Phần kết"].text.startswith("Biên bản đã được đọc lại")


def test_a_tables_total_row_is_cited_by_its_label_under_the_heading_row():
    rows = "\n".join(
        f"| {n} | Nguyễn Thị Hoa {n} | Xưởng may {n} | Đơn thân nuôi con nhỏ dưới 06 tuổi, thuê nhà trọ | 2.000.000 |"
        for n in range(1, 9)
    )
    text = (
        "# QUYẾT ĐỊNH\n## Về việc hỗ trợ nữ đoàn viên năm 2031\n\n**Điều 1.** Hỗ trợ 8 nữ đoàn viên theo danh sách sau:\n\n"
        "| STT | Họ và tên | Bộ phận | Hoàn cảnh | Số tiền (đồng) |\n|---|---|---|---|---|\n"
        f"{rows}\n|  | Tổng cộng | 8 người |  | 16.000.000 |\n\n**Điều 2.** Quyết định có hiệu lực kể từ ngày ký.\n"
    )
    chunks = chunk_document(read_document("qd.md", data=text.encode()))
    total = next(c for c in chunks if c.path[-1] == "Tổng cộng")
    assert total.path == ("Điều 1", "Tổng cộng") and "16.000.000" in total.text
    assert shown_text(total).startswith("STT | Họ và tên")
    caps = text.replace("|  | Tổng cộng |", "|  | TỔNG CỘNG: |")
    total = next(c for c in chunk_document(read_document("qd.md", data=caps.encode())) if c.path[-1] == "Tổng cộng")
    assert shown_text(total).startswith("STT | Họ và tên")


def test_a_tables_heading_row_naming_roles_is_no_signature():
    text = (
        "KẾ HOẠCH\nTổ chức Tháng Công nhân năm 2031\nI. MỤC ĐÍCH\n1. Chăm lo cho đoàn viên.\n"
        "II. PHÂN CÔNG THỰC HIỆN\nSTT | NỘI DUNG | CHỦ TRÌ | PHỐI HỢP | THỜI GIAN\n"
        "1 | Lễ phát động | Ban Tuyên giáo | Văn phòng | Tháng 5\n2 | Thăm hỏi đoàn viên | Ban Nữ công | CĐCS | Tháng 5\n"
        "Nơi nhận:\n- Các CĐCS;\n- Lưu: VT.\nTM. BAN THƯỜNG VỤ\nCHỦ TỊCH\nNguyễn Văn An\n"
    )
    chunks = chunk_document(read_document("kh.txt", data=text.encode()))
    clause = next(c for c in chunks if c.path == ("II. PHÂN CÔNG THỰC HIỆN",))
    assert "Thăm hỏi đoàn viên" in clause.text
    assert not any("Lễ phát động" in c.text for c in chunks if c.kind == "signature")


def test_a_guidance_item_about_minutes_keeps_its_sentence():
    text = (
        "HƯỚNG DẪN\nTổ chức hội nghị người lao động\n1. Chuẩn bị hội nghị\nGửi giấy mời trước 05 ngày.\n"
        "2. Thông qua biên bản\nBiên bản được thông qua trước khi kết thúc hội nghị và gửi công đoàn cấp trên.\n"
    )
    chunks = chunk_document(read_document("hd.txt", data=text.encode()))
    assert any(c.path == ("2.",) and "Biên bản được thông qua" in c.text for c in chunks)
    assert not any(c.path == ("Phần kết",) for c in chunks)


def test_an_opening_of_title_and_legal_bases_only_is_one_piece():
    text = (
        "CÔNG ĐOÀN CƠ SỞ CÔNG TY MAY AN PHÚ\nSố: 07/QĐ-CĐCS\nHà Nam, ngày 02 tháng 3 năm 2031\nQUYẾT ĐỊNH\n"
        "Về việc hỗ trợ đoàn viên có hoàn cảnh khó khăn\n"
        "Căn cứ Điều lệ Công đoàn Việt Nam và Hướng dẫn thi hành Điều lệ Công đoàn Việt Nam hiện hành;\n"
        "Căn cứ Quy chế chi tiêu nội bộ của Công đoàn cơ sở Công ty May An Phú năm 2031;\n"
        "Điều 1. Hỗ trợ 12 đoàn viên, mỗi người 1.000.000 đồng.\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký.\n"
    )
    chunks = chunk_document(read_document("qd.txt", data=text.encode()))
    assert len([c for c in chunks if c.kind == "preamble"]) == 1


def test_a_list_issued_with_a_decision_has_no_piece_that_is_its_heading_row_alone():
    rows = "\n".join(
        f"{n} | Nguyễn Thị Hoa {n} | Xưởng may {n} | Đơn thân nuôi con nhỏ dưới 06 tuổi, thuê nhà trọ | 2.000.000 | "
        for n in range(1, 9)
    )
    text = (
        "CÔNG ĐOÀN CƠ SỞ CÔNG TY MAY AN PHÚ\nSố: 07/QĐ-CĐCS\nHà Nam, ngày 02 tháng 3 năm 2031\nQUYẾT ĐỊNH\n"
        "Về việc hỗ trợ nữ đoàn viên\nĐiều 1. Hỗ trợ 8 nữ đoàn viên theo danh sách kèm theo.\n"
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\nNơi nhận:\n- Như Điều 2;\n- Lưu: VP.\nTM. BAN CHẤP HÀNH\nCHỦ TỊCH\n"
        "Đỗ Thị Minh\nDANH SÁCH NỮ ĐOÀN VIÊN ĐƯỢC HỖ TRỢ\n(Kèm theo Quyết định số 07/QĐ-CĐCS ngày 02/3/2031)\n"
        f"STT | Họ và tên | Bộ phận | Hoàn cảnh | Số tiền (đồng) | Ký nhận\n{rows}\n | Tổng cộng | 8 người | | 16.000.000 | \n"
    )
    chunks = chunk_document(read_document("qd.txt", data=text.encode()))
    assert [c.path[-1] for c in chunks if c.path[-1].startswith("STT")] == [f"STT {n}" for n in range(1, 9)]
    assert not any(c.text.startswith("STT |") for c in chunks)


def test_a_leaflets_numbered_questions_are_its_units():
    text = (
        "TÀI LIỆU HỎI - ĐÁP\nVề Luật Công đoàn năm 2031\n\nI. VỀ VIỆC GIA NHẬP CÔNG ĐOÀN\n\n"
        "**Câu 1.** Hỏi: Công ty tôi chưa có công đoàn. Tôi có vào công đoàn được không?\n\n"
        "Đáp: Được. Anh, chị đăng ký qua Liên đoàn Lao động cấp huyện.\n\n"
        "**Câu 2.** Hỏi: Vào công đoàn thì hằng tháng tôi phải đóng bao nhiêu tiền?\n\n"
        "Đáp: Đoàn viên đóng đoàn phí bằng 1% tiền lương làm căn cứ đóng bảo hiểm xã hội.\n"
    )
    chunks = chunk_document(read_document("hoi-dap.md", data=text.encode()))
    by_section = {c.section: c.text for c in chunks}
    assert "Đáp: Đoàn viên đóng đoàn phí bằng 1%" in by_section["I. VỀ VIỆC GIA NHẬP CÔNG ĐOÀN › Câu 2"]
    assert "1%" not in by_section["I. VỀ VIỆC GIA NHẬP CÔNG ĐOÀN › Câu 1"]


def test_a_report_signed_by_who_drew_up_its_tables_opens_its_signature_there():
    text = (
        "CÔNG ĐOÀN CƠ SỞ CÔNG TY MAY AN PHÚ\nSố: 01/BC-CĐCS\nBÁO CÁO\nQuyết toán tài chính công đoàn năm 2031\n"
        "I. TÌNH HÌNH CHUNG\n1. Công đoàn cơ sở có 420 đoàn viên.\nNơi nhận:\n- LĐLĐ huyện;\n- Lưu: VT.\n"
        "NGƯỜI LẬP BIỂU\nKẾ TOÁN CÔNG ĐOÀN\n(Đã ký)\nLê Văn Dũng\nTM. BAN CHẤP HÀNH\nCHỦ TỊCH\n(Đã ký)\nNguyễn Thị Hằng\n"
    )
    doc = read_document("bao-cao.txt", data=text.encode())
    (signature,) = [c for c in chunk_document(doc) if c.kind == "signature"]
    assert signature.text.startswith("NGƯỜI LẬP BIỂU")
    assert doc.meta.signer == "Lê Văn Dũng, Nguyễn Thị Hằng"


def test_vote_counting_minutes_are_signed_by_the_committees_members_under_their_heading():
    text = (
        "BIÊN BẢN\nKiểm phiếu bầu Ban Chấp hành khóa V\nI. KẾT QUẢ\n1. Số phiếu phát ra 120, thu về 120.\n"
        "Nơi nhận:\n- Đoàn Chủ tịch Đại hội;\n- Lưu hồ sơ.\n"
        "CÁC THÀNH VIÊN BAN KIỂM PHIẾU\nLê Văn Dũng\nTrần Thị Mai\nTRƯỞNG BAN KIỂM PHIẾU\n(Đã ký)\nNguyễn Thị Hằng\n"
    )
    chunks = chunk_document(read_document("bien-ban.txt", data=text.encode()))
    (recipients,) = [c for c in chunks if c.kind == "recipients"]
    (signature,) = [c for c in chunks if c.kind == "signature"]
    assert "KIỂM PHIẾU" not in recipients.text
    assert signature.text.startswith("CÁC THÀNH VIÊN BAN KIỂM PHIẾU\nLê Văn Dũng")


@pytest.mark.parametrize(
    ("last_item", "closes"),
    [("2. Ban Tổ chức có trách nhiệm kiểm tra việc thực hiện Hướng dẫn và báo cáo kết quả.", True), ("V. TỔ CHỨC THỰC HIỆN", False)],
)
def test_a_guidance_coming_into_force_closes_it_after_a_last_item_that_is_a_sentence(last_item, closes):
    text = (
        "HƯỚNG DẪN\nThành lập công đoàn cơ sở\nI. ĐIỀU KIỆN\n1. Có từ 05 đoàn viên trở lên.\n"
        f"{last_item}\nHướng dẫn này có hiệu lực kể từ ngày ký và thay thế Hướng dẫn số 03/HD-LĐLĐ.\n"
    )
    chunks = chunk_document(read_document("hd.txt", data=text.encode()))
    assert any(c.path == ("Phần kết",) for c in chunks) == closes


def test_a_table_row_numbered_two_point_one_is_a_row_not_a_heading():
    rows = [
        "| 1 | Số dư năm trước chuyển sang, theo sổ quỹ và sổ tiền gửi ngân hàng | 142.630.000 | 142.630.000 |",
        "| 2 | Đoàn phí công đoàn thu của đoàn viên qua bảng lương hằng tháng | 580.000.000 | 598.200.000 |",
        "| 2.1 | Đoàn phí nộp Liên đoàn Lao động huyện (40%) | 232.000.000 | 239.280.000 |",
        "| 2.2 | Đoàn phí giữ lại tại cơ sở (60%) | 348.000.000 | 358.920.000 |",
        "| 3 | Kinh phí công đoàn được phân phối lại (75%) theo quý | 1.000.000.000 | 1.032.750.000 |",
        *(f"| {n} | Thu khác số {n}: doanh nghiệp hỗ trợ hoạt động Tháng Công nhân và giải thể thao | 80.000.000 | 80.000.000 |"
          for n in (4, 5, 6, 7)),
    ]
    text = (
        "# BÁO CÁO\n## Quyết toán tài chính công đoàn năm 2031\n\n### II. KẾT QUẢ THU\n\n"
        "| STT | Nội dung thu | Dự toán (đồng) | Thực hiện (đồng) |\n|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
    chunks = chunk_document(read_document("bao-cao.md", data=text.encode()))
    assert not any(c.path[-1] in ("2.1.", "2.2.") for c in chunks)
    (row3,) = [c for c in chunks if c.path[-1] == "STT 3"]
    assert "Kinh phí công đoàn được phân phối lại" in row3.text and "Đoàn phí giữ lại" not in row3.text


def test_a_training_programmes_modules_are_its_sections():
    text = (
        "# CHƯƠNG TRÌNH KHUNG\n\n## Bồi dưỡng nghiệp vụ công đoàn năm 2031\n\n## I. NỘI DUNG\n\n"
        "### Mô-đun 1. Tổ chức công đoàn cơ sở (04 tiết)\n\n- Chức năng, nhiệm vụ của công đoàn cơ sở.\n\n"
        "### MÔ-ĐUN 2. Tài chính công đoàn (03 tiết)\n\n- Thực hành lập dự toán của một công đoàn cơ sở có 150 đoàn viên.\n\n"
        "### Chuyên đề 3: Thương lượng tập thể\n\n- Kỹ năng chuẩn bị phương án thương lượng.\n"
    )
    chunks = chunk_document(read_document("ctk.md", data=text.encode()))
    by_place = {c.path[-1]: c.text for c in chunks if c.kind == "clause"}
    assert by_place["Mô-đun 2"].startswith("MÔ-ĐUN 2. Tài chính") and "150 đoàn viên" in by_place["Mô-đun 2"]
    assert "150 đoàn viên" not in by_place["Mô-đun 1"] and "Thương lượng" not in by_place["Mô-đun 2"]
    assert "phương án thương lượng" in by_place["Chuyên đề 3"]


def test_a_last_item_that_is_a_heading_keeps_the_closing_sentence_that_is_its_only_text():
    text = (
        "BIÊN BẢN\nHội nghị người lao động năm 2031\nII. DIỄN BIẾN HỘI NGHỊ\n1. Khai mạc\nĐồng chí Chủ tịch công đoàn khai mạc.\n"
        "2. Bế mạc\nHội nghị kết thúc lúc 11 giờ 20 phút cùng ngày.\nNơi nhận:\n- Lưu hồ sơ.\n"
    )
    chunks = chunk_document(_doc(text, "bb.txt"))
    (last,) = [c for c in chunks if c.path == ("II. DIỄN BIẾN HỘI NGHỊ", "2.")]
    assert last.text == "2. Bế mạc\nHội nghị kết thúc lúc 11 giờ 20 phút cùng ngày."
    assert not any(c.path == ("Phần kết",) for c in chunks)
    # The closing goes on after the heading's own line: it is still the closing.
    plan = (
        "KẾ HOẠCH\nTháng Công nhân năm 2031\nIII. TỔ CHỨC THỰC HIỆN\n1. Các công đoàn cơ sở báo cáo trước ngày 30/6/2031.\n"
        "2. Kinh phí\nKinh phí thực hiện Kế hoạch được bố trí từ nguồn tài chính công đoàn năm 2031.\n"
        "Trên đây là Kế hoạch tổ chức Tháng Công nhân năm 2031, đề nghị các công đoàn cơ sở triển khai thực hiện.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu VT.\n"
    )
    last, ending = _last_and_ending(plan, "kh.txt", ("III. TỔ CHỨC THỰC HIỆN", "2."))
    assert last.startswith("2. Kinh phí\nKinh phí thực hiện") and "Trên đây là" not in last
    assert ending.startswith("Trên đây là Kế hoạch")


@pytest.mark.parametrize(
    ("kind", "item", "after"),
    [
        # More of the last item, not a look back on the items.
        ("CÔNG VĂN", "2. Đóng đủ số tiền bảo hiểm xã hội còn nợ của 318 người lao động trước ngày 20/12/2031 theo quy định của pháp luật.",
         "Số tiền bảo hiểm xã hội còn nợ nêu trên gồm cả tiền lãi chậm đóng tính đến ngày 30/11/2031 theo thông báo của cơ quan bảo hiểm."),
        # An answer given, not a reply's closing formula.
        ("BIÊN BẢN", "2. Ý kiến trả lời của Giám đốc về các kiến nghị của người lao động tại hội nghị đối thoại định kỳ quý IV.",
         "Về tiền ăn giữa ca, Giám đốc trả lời để người lao động biết: từ ngày 01/01/2032 giá trị bữa ăn là 30.000 đồng/suất."),
    ],
)
def test_a_last_items_own_paragraph_is_not_taken_for_the_closing(kind, item, after):
    text = f"{kind}\nVề việc thực hiện chế độ cho người lao động\n1. Rà soát danh sách người lao động.\n{item}\n{after}\nNơi nhận:\n- Lưu VT.\n"
    chunks = chunk_document(_doc(text, "cv.txt"))
    (last,) = [c for c in chunks if c.path == ("2.",)]
    assert after in last.text
    assert not any(c.path == ("Phần kết",) for c in chunks)


def test_a_group_rows_subtotals_stay_out_of_its_rows_citations():
    rows = ["STT | Họ và tên, tập thể | Đơn vị | Số tiền", "A | Tập thể | 3 đơn vị | 4.500.000"]
    rows += [f"{n} | Công đoàn cơ sở Xí nghiệp số {n} | Công đoàn ngành Giao thông vận tải tỉnh Nam Bình | 1.500.000 đồng cho thành tích xuất sắc trong năm" for n in (1, 2, 3)]
    rows += ["B | Cá nhân | 3 người | 3.000.000"]
    rows += [f"{n} | Ông Trần Văn Hùng {n}, tổ trưởng tổ sản xuất | Xí nghiệp số {n} thuộc Công ty Cổ phần Vận tải Nam Bình | 1.000.000 đồng" for n in (1, 2, 3)]
    text = "BÁO CÁO\nKhen thưởng năm 2031\nI. KẾT QUẢ\n1. Khen thưởng\n" + "\n".join(rows) + "\nII. NHIỆM VỤ\n1. Duy trì phong trào.\n"
    chunks = chunk_document(_doc(text, "bc.txt"))
    assert {c.path[-2] for c in chunks if c.path[-1].startswith("STT")} == {"A. Tập thể", "B. Cá nhân"}
    # Each subtotal is some unit's text: the first group row's the lead-in's, a later one's its own.
    assert "A | Tập thể | 3 đơn vị | 4.500.000" in next(c.text for c in chunks if c.path == ("I. KẾT QUẢ", "1."))
    (later,) = [c for c in chunks if c.path == ("I. KẾT QUẢ", "1.", "B. Cá nhân")]
    assert later.text == "B | Cá nhân | 3 người | 3.000.000"
    # A group row with no figures of its own is only its rows' heading.
    bare = text.replace("B | Cá nhân | 3 người | 3.000.000", "B | Cá nhân")
    assert not [c for c in chunk_document(_doc(bare, "bc.txt")) if c.path == ("I. KẾT QUẢ", "1.", "B. Cá nhân")]


def test_a_role_line_named_for_any_kind_of_meeting_is_a_unit_of_its_own():
    text = (
        "BIÊN BẢN ĐỐI THOẠI\nVề phụ cấp làm đêm\nI. THÀNH PHẦN THAM DỰ\n"
        "1. Đại diện người sử dụng lao động: Ông Lê Văn Hùng, Phó Tổng Giám đốc.\n"
        "2. Đại diện Công đoàn cơ sở: Bà Trần Thị Hoa, Chủ tịch.\n"
        "Chủ trì buổi đối thoại: Ông Lê Văn Hùng.\nThư ký cuộc đối thoại: Bà Đinh Thị Phương, cán bộ Phòng Nhân sự.\n"
        "II. NỘI DUNG\n1. Công đoàn đề nghị tăng phụ cấp làm đêm lên 35%.\n"
    )
    chunks = _paths_of(text, "bb.txt", kind="clause")
    assert chunks[("I. THÀNH PHẦN THAM DỰ", "2.")].endswith("Chủ tịch.")
    assert chunks[("I. THÀNH PHẦN THAM DỰ", "Thư ký cuộc đối thoại")].startswith("Thư ký cuộc đối thoại: Bà Đinh Thị Phương")
    assert ("I. THÀNH PHẦN THAM DỰ", "Chủ trì buổi đối thoại") in chunks


@pytest.mark.parametrize(
    ("closing", "closes"),
    [
        ("Giao Văn phòng Ủy ban Kiểm tra theo dõi, đôn đốc việc thực hiện các kiến nghị trên; báo cáo trước ngày 25/10/2031.", True),
        ("Giao cho Ban Tài chính tổng hợp kết quả khắc phục của các đơn vị và báo cáo Thường trực trước ngày 30/10/2031.", True),
        # (Not a sentence about handing something over: "giao" is then no body's assignment.)
        ("giao nộp chứng từ gốc cho kế toán công đoàn cấp trên để lưu trữ theo quy định của Luật Kế toán hiện hành.", False),
    ],
)
def test_an_assignment_with_the_signing_bodys_name_left_out_closes_the_notice(closing, closes):
    text = (
        "THÔNG BÁO\nKết quả kiểm tra tài chính\n1. Kế toán mở sổ theo dõi tài sản cố định trước ngày 30/9/2031 theo đúng mẫu quy định.\n"
        "2. Công đoàn cơ sở báo cáo kết quả khắc phục bằng văn bản gửi Ủy ban Kiểm tra trước ngày 15/10/2031.\n"
        f"{closing}\n" + _SIGNED
    )
    chunks = chunk_document(_doc(text, "tb.txt"))
    (last,) = [c for c in chunks if c.path == ("2.",)]
    assert (closing in last.text) is not closes
    assert any(c.path == ("Phần kết",) and c.text.startswith(closing[:30]) for c in chunks) is closes


def test_a_leaflets_call_to_hand_it_out_closes_its_last_question():
    text = (
        "TÀI LIỆU HỎI ĐÁP\nVề học nghề miễn phí\nCâu 1. Ai được đăng ký học?\nTrả lời: Con của đoàn viên từ 16 đến 25 tuổi.\n"
        "Câu 2. Con gái tôi có được học nghề hàn không?\nTrả lời: Được. Chương trình không phân biệt giới tính khi tuyển sinh.\n"
        "Ban Tuyên giáo Liên đoàn Lao động tỉnh đề nghị các công đoàn cơ sở in, phát tài liệu này đến đoàn viên và niêm yết tại bảng tin.\n"
        + _SIGNED
    )
    last, ending = _last_and_ending(text, "hd.txt", ("Câu 2",))
    assert last.endswith("không phân biệt giới tính khi tuyển sinh.")
    assert ending.startswith("Ban Tuyên giáo Liên đoàn Lao động tỉnh đề nghị")


def test_two_signers_typed_in_columns_stay_apart_when_one_name_is_foreign():
    text = (
        "BIÊN BẢN LÀM VIỆC\nVề việc ngừng việc tập thể\n1. Công ty tăng phụ cấp chuyên cần lên 500.000 đồng từ tháng 11/2031.\n\n"
        "ĐẠI DIỆN NGƯỜI SỬ DỤNG LAO ĐỘNG          ĐẠI DIỆN TẬP THỂ NGƯỜI LAO ĐỘNG\n"
        "TỔNG GIÁM ĐỐC                             CHỦ TỊCH CĐCS\n"
        "(Đã ký)                                   (Đã ký)\n"
        "Kim Dong-su                               Nguyễn Thị Thu Hà\n"
    )
    doc = _doc(text, "bb.txt")
    assert doc.meta.signer == "Kim Dong-su, Nguyễn Thị Thu Hà"
    (signature,) = [c for c in chunk_document(doc) if c.kind == "signature"]
    assert "Kim Dong-su | Nguyễn Thị Thu Hà" in signature.text


def test_a_sub_item_is_shown_under_its_items_title():
    text = (
        "HƯỚNG DẪN\nChấm điểm thi đua\n3. Tiêu chí 3: Quản lý, sử dụng tài chính công đoàn (20 điểm)\n"
        "3.1. Nộp kinh phí công đoàn về công đoàn cấp trên đủ và đúng kỳ hạn: 8 điểm.\n"
        "3.2. Lập dự toán năm gửi công đoàn cấp trên trước ngày 28/02: 5 điểm.\n"
        "4. Tiêu chí 4: Công tác nữ công (10 điểm)\n"
    )
    (sub,) = [c for c in chunk_document(_doc(text, "hd.txt")) if c.path == ("3.", "3.2.")]
    assert shown_text(sub) == "3. Tiêu chí 3: Quản lý, sử dụng tài chính công đoàn (20 điểm)\n" + sub.text
    # A sentence too long for a title is not repeated over each sub-item.
    long_title = "3. " + "Đơn vị thực hiện đầy đủ, kịp thời các chế độ " * 3 + "(20 điểm)"
    (sub,) = [c for c in chunk_document(_doc(text.replace(text.split("\n")[2], long_title), "hd.txt")) if c.path == ("3.", "3.2.")]
    assert shown_text(sub) == sub.text


@pytest.mark.parametrize(
    ("head", "name"),
    [
        ("HỢP ĐỒNG CUNG CẤP SUẤT ĂN CÔNG NGHIỆP\nSố: 58/2031/HĐDV/MTT-MC", "Hợp đồng cung cấp suất ăn công nghiệp 58/2031/HĐDV/MTT-MC"),
        (
            "Số: 02/2031/QTUX-TP\nBỘ QUY TẮC ỨNG XỬ\nVề phòng, chống quấy rối tình dục tại nơi làm việc",
            "Bộ quy tắc ứng xử về phòng, chống quấy rối tình dục tại nơi làm việc 02/2031/QTUX-TP",
        ),
        ("Số: 15/GGT-CĐ\nGIẤY GIỚI THIỆU", "Giấy giới thiệu 15/GGT-CĐ"),
    ],
)
def test_contracts_codes_and_the_other_administrative_kinds_are_named_by_their_kind(head, name):
    text = f"CÔNG TY CỔ PHẦN GIÀY DA TÂN PHƯỚC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{head}\nĐiều 1. Phạm vi\nBên B cung cấp suất ăn công nghiệp cho người lao động của Công ty."
    assert _doc(text, "van_ban.txt").meta.short_name() == name


def test_the_chair_and_secretary_after_a_finished_list_of_those_present_are_their_own():
    text = (
        "BIÊN BẢN\nKiểm tra đột xuất bếp ăn\nI. THÀNH PHẦN\n1. Ban giám sát bữa ăn:\n- Ông Phạm Văn Lộc, Trưởng ban;\n"
        "- Bà Hồ Thị Bích Ngọc, đại diện người lao động.\n2. Đại diện đơn vị cung cấp suất ăn:\n"
        "- Ông Vũ Đức Thịnh, quản lý bếp thường trực.\nChủ trì: Ông Phạm Văn Lộc, Trưởng ban giám sát bữa ăn.\n"
        "Thư ký: Bà Hồ Thị Bích Ngọc.\nII. NỘI DUNG KIỂM TRA\n1. Kho lạnh đạt yêu cầu.\n"
    )
    chunks = _paths_of(text, "bb.txt", kind="clause")
    assert chunks[("I. THÀNH PHẦN", "2.")].endswith("quản lý bếp thường trực.")
    assert chunks[("I. THÀNH PHẦN", "Chủ trì")].startswith("Chủ trì: Ông Phạm Văn Lộc")
    assert ("I. THÀNH PHẦN", "Thư ký") in chunks
    # Right under an item that introduces them, they are its list.
    under = text.replace("2. Đại diện đơn vị cung cấp suất ăn:\n- Ông Vũ Đức Thịnh, quản lý bếp thường trực.\n", "2. Điều hành:\n")
    chunks = _paths_of(under, "bb.txt", kind="clause")
    assert "Chủ trì: Ông Phạm Văn Lộc" in chunks[("I. THÀNH PHẦN", "2.")]


def test_a_reports_last_words_after_its_last_section_are_its_closing():
    text = (
        "BÁO CÁO\nSự cố say nắng tại công trường\nI. DIỄN BIẾN\nLúc 13 giờ 20 ngày 12/6/2031, một công nhân bị ngất.\n"
        "II. KIẾN NGHỊ\nĐề nghị Sở Nội vụ tổ chức tập huấn phòng, chống sốc nhiệt cho các doanh nghiệp xây dựng.\n"
        "Công ty Cổ phần Xây dựng Hưng Phát trân trọng báo cáo./.\n" + _SIGNED
    )
    last, ending = _last_and_ending(text, "bc.txt", ("II. KIẾN NGHỊ",))
    assert last.endswith("các doanh nghiệp xây dựng.")
    assert ending.startswith("Công ty Cổ phần Xây dựng Hưng Phát trân trọng báo cáo")


def test_a_labelled_paragraph_after_an_introduced_list_goes_back_to_the_heading():
    text = (
        "KẾ HOẠCH\nTập huấn tổ trưởng\nIII. KINH PHÍ\nTổng kinh phí dự kiến: 41.280.000 đồng, cụ thể:\n"
        "1. Thù lao giảng viên: 04 lớp x 2.000.000 đồng/lớp = 8.000.000 đồng.\n"
        "2. Trang trí, âm thanh, chi khác: 7.400.000 đồng.\n"
        "Nguồn kinh phí: Công đoàn cơ sở chi 21.280.000 đồng; Công ty hỗ trợ 20.000.000 đồng.\n"
        "IV. TỔ CHỨC THỰC HIỆN\n1. Ban Nữ công chủ trì tổ chức các lớp.\n"
    )
    chunks = _paths_of(text, "kh.txt")
    assert chunks[("III. KINH PHÍ", "2.")].endswith("chi khác: 7.400.000 đồng.")
    assert "Nguồn kinh phí: Công đoàn cơ sở chi 21.280.000 đồng" in chunks[("III. KINH PHÍ",)]
    # A list nobody introduced goes on with its last item.
    plain = text.replace("Tổng kinh phí dự kiến: 41.280.000 đồng, cụ thể:\n", "")
    assert "Nguồn kinh phí" in _paths_of(plain, "kh.txt")[("III. KINH PHÍ", "2.")]


def test_a_list_numbered_anew_under_an_item_that_introduces_it_is_that_items():
    text = (
        "BIÊN BẢN\nHọp rút kinh nghiệm diễn tập\nIII. NỘI DUNG CUỘC HỌP\n1. Kết quả buổi diễn tập\nCó 612 người lao động tham gia.\n"
        "4. Kết luận và biện pháp khắc phục\nÔng Trần Minh Đức kết luận và giao nhiệm vụ như sau:\n"
        "1. Ban Cơ điện lắp bổ sung 02 chuông báo cháy trước ngày 15/5/2031.\n"
        "2. Phòng Hành chính thay mới 02 bình CO2 quá hạn trước ngày 10/5/2031.\n"
        "5. Kiến nghị\nĐề nghị Công ty bố trí kinh phí 20.000.000 đồng.\n"
    )
    chunks = _paths_of(text, "bb.txt")
    assert chunks[("III. NỘI DUNG CUỘC HỌP", "4.", "2.")].startswith("2. Phòng Hành chính thay mới 02 bình CO2")
    assert chunks[("III. NỘI DUNG CUỘC HỌP", "1.")].endswith("Có 612 người lao động tham gia.")
    # The outer list goes on after it.
    assert chunks[("III. NỘI DUNG CUỘC HỌP", "5.")].endswith("20.000.000 đồng.")
    # Without the lead-in the items are the list's own, numbered again.
    plain = text.replace("Ông Trần Minh Đức kết luận và giao nhiệm vụ như sau:\n", "Ông Trần Minh Đức kết luận.\n")
    assert ("III. NỘI DUNG CUỘC HỌP", "4.", "2.") not in _paths_of(plain, "bb.txt")


def test_the_body_under_a_parent_whose_place_wraps_onto_a_second_line_issues_the_text():
    header = (
        "CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "       TỈNH ĐỒNG NAI                        Độc lập - Tự do - Hạnh phúc\n"
        "  CÔNG ĐOÀN CÔNG TY TNHH\n"
        " ĐIỆN TỬ TÂN HƯNG VIỆT NAM              Đồng Nai, ngày 06 tháng 4 năm 2031\n"
        "     Số: 18/TB-CĐCS\n\nTHÔNG BÁO\nVề sử dụng thẻ đoàn viên\n1. Đoàn viên xuất trình thẻ khi mua hàng.\n"
    )
    assert _doc(header, "tb.txt").meta.issuer == "CÔNG ĐOÀN CÔNG TY TNHH ĐIỆN TỬ TÂN HƯNG VIỆT NAM"
    # The parent alone issues when nothing is typed under it.
    alone = header.replace("  CÔNG ĐOÀN CÔNG TY TNHH\n", "").replace(" ĐIỆN TỬ TÂN HƯNG VIỆT NAM  ", "                           ")
    assert _doc(alone, "tb.txt").meta.issuer == "CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP TỈNH ĐỒNG NAI"


def test_a_workers_petition_has_its_kind_its_pledge_and_its_signer():
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Ninh, ngày 20 tháng 4 năm 2031\n\n"
        "ĐƠN KIẾN NGHỊ\n(V/v chưa được thanh toán tiền lương thử việc)\n\n"
        "Kính gửi: Ban Chấp hành Công đoàn cơ sở Công ty Cổ phần Bao bì Tân Phước\n\n"
        "Ngày 02/3/2031, tôi ký Hợp đồng thử việc số 45/2031/HĐTV-TP với Công ty, thời gian thử việc 30 ngày.\n"
        "Tôi đề nghị Công đoàn đề nghị Công ty:\n1. Thanh toán đầy đủ tiền lương thử việc tháng 3/2031 là 7.380.000 đồng.\n"
        "2. Trả lại cho tôi bản chính bằng tốt nghiệp trung cấp.\n\n"
        "Tôi xin cam đoan những nội dung trình bày trên là đúng sự thật. Tôi mong nhận được trả lời trước ngày 30/4/2031.\n\n"
        "                                                        Người làm đơn\n"
        "                                                   (Ký và ghi rõ họ tên)\n\n"
        "                                                     Võ Thị Ngọc Hân\n"
    )
    doc = _doc(text, "don.txt")
    assert doc.meta.doc_type == "ĐƠN KIẾN NGHỊ" and doc.meta.signer == "Võ Thị Ngọc Hân"
    chunks = {c.path: c for c in chunk_document(doc)}
    assert chunks[("2.",)].text.endswith("bằng tốt nghiệp trung cấp.")
    assert chunks[("Phần kết",)].text.startswith("Tôi xin cam đoan")
    assert chunks[("Chữ ký",)].text.startswith("Người làm đơn")


@pytest.mark.parametrize(
    "closing",
    [
        "Công ty chân thành cảm ơn những đóng góp của người lao động trong thời gian qua và mong nhận được sự chia sẻ.",
        # A request looking back on the items, its subject first and long.
        "Ban Thường vụ Liên đoàn Lao động huyện Nông Cống báo cáo kết quả thực hiện các yêu cầu trên bằng văn bản trước ngày 15/8/2031.",
    ],
)
def test_thanks_or_a_request_looking_back_after_the_last_item_close_the_text(closing):
    text = (
        "THÔNG BÁO\nVề cắt giảm lao động\n1. Công ty chi trả trợ cấp mất việc làm cho mỗi năm làm việc bằng 01 tháng tiền lương.\n"
        "2. Công ty tổ chức đối thoại với người lao động thuộc diện cắt giảm vào ngày 20/7/2031.\n"
        f"{closing}\n" + _SIGNED
    )
    last, ending = _last_and_ending(text, "tb.txt", ("2.",))
    assert last.endswith("vào ngày 20/7/2031.")
    assert ending.startswith(closing[:30])


def test_a_scoring_guides_criteria_are_headings_over_their_items():
    text = (
        "HƯỚNG DẪN\nChấm điểm nhà trọ an toàn\nII. TIÊU CHÍ VÀ THANG ĐIỂM\n"
        "Tiêu chí 1. Bảo đảm an toàn phòng cháy, chữa cháy (25 điểm)\n1.1. Có đủ bình chữa cháy còn hạn sử dụng: 8 điểm.\n"
        "1.2. Có lối thoát nạn thứ hai: 6 điểm.\nTiêu chí 2. Giá thuê và chi phí hợp lý (20 điểm)\n"
        "2.1. Thu tiền điện không quá 3.500 đồng/kWh: 10 điểm.\n"
    )
    chunks = {c.path: c for c in chunk_document(_doc(text, "hd.txt"))}
    item = chunks[("II. TIÊU CHÍ VÀ THANG ĐIỂM", "Tiêu chí 2", "2.1.")]
    assert shown_text(item).startswith("Tiêu chí 2. Giá thuê và chi phí hợp lý (20 điểm)\n2.1.")
    assert "Tiêu chí 2" not in chunks[("II. TIÊU CHÍ VÀ THANG ĐIỂM", "Tiêu chí 1", "1.2.")].text


def test_a_pledge_is_named_by_its_kind_and_number():
    text = "CÔNG ĐOÀN PHƯỜNG AN PHÚ\nSố: 21/CK-CĐP\nBẢN CAM KẾT\nThực hiện tiêu chí nhà trọ an toàn\n1. Giữ nguyên giá thuê phòng trong 24 tháng."
    assert _doc(text, "ck.txt").meta.short_name() == "Bản cam kết 21/CK-CĐP"


def test_a_law_named_by_its_first_line_was_passed_by_the_national_assembly():
    text = "Luật Việc làm số 74/2031/QH15\n(Trích Chương VI - Bảo hiểm thất nghiệp)\nĐiều 38. Đối tượng\nNgười lao động phải tham gia bảo hiểm thất nghiệp."
    meta = _doc(text, "luat.txt").meta
    assert (meta.short_name(), meta.issuer) == ("Luật Việc làm 74/2031/QH15", "Quốc hội")
    # A guidance named the same way keeps what its line says (nothing here).
    assert _doc(text.replace("Luật Việc làm số 74/2031/QH15", "Hướng dẫn số 12/HD-LĐLĐ về bảo hiểm thất nghiệp"), "hd.txt").meta.issuer is None


def test_an_agreements_short_opening_line_begins_its_opening_with_both_parties():
    text = (
        "CÔNG TY TNHH MAY HÒA BÌNH\nSố: 01/2031/TƯLĐTT\nTHỎA ƯỚC LAO ĐỘNG TẬP THỂ\n"
        "Căn cứ Bộ luật Lao động số 45/2019/QH14;\nHôm nay, tại Văn phòng Công ty, chúng tôi gồm:\n"
        "Đại diện người sử dụng lao động: Ông Trần Văn Bình - Giám đốc.\n"
        "Đại diện tập thể người lao động: Bà Nguyễn Thị Lan - Chủ tịch Công đoàn cơ sở Công ty, cùng thỏa thuận ký kết.\n"
        "Điều 1. Phạm vi\nThỏa ước áp dụng cho mọi người lao động của Công ty.\n"
    )
    chunks = _paths_of(text, "tu.txt")
    assert chunks[("Phần mở đầu",)].startswith("Hôm nay, tại Văn phòng Công ty, chúng tôi gồm:\nĐại diện người sử dụng lao động")
    assert "Ông Trần Văn Bình" not in chunks[("Tiêu đề",)]


def test_any_meetings_end_and_a_long_contact_sentence_close_the_text():
    minutes = (
        "BIÊN BẢN ĐỐI THOẠI\nVề thanh toán tiền phép\nI. THÀNH PHẦN\n1. Ông Lê Minh Tuấn, Kế toán trưởng.\nII. KẾT LUẬN\n"
        "1. Công ty thanh toán tiền phép chưa nghỉ năm 2031 cùng kỳ lương tháng 01/2032.\n"
        "Cuộc đối thoại kết thúc lúc 16 giờ 30 cùng ngày. Biên bản đã được đọc lại cho các thành viên tham dự.\n"
    )
    chunks = _paths_of(minutes, "bb.txt")
    assert chunks[("Phần kết",)].startswith("Cuộc đối thoại kết thúc lúc 16 giờ 30")
    leaflet = (
        "TÀI LIỆU HỎI ĐÁP\nVề nghỉ phép năm\nHỏi: Phép năm có được nghỉ nối liền với Tết không?\nĐáp: Được, nếu trưởng bộ phận đồng ý.\n"
        "Mọi thắc mắc về chế độ nghỉ hằng năm, đoàn viên và người lao động liên hệ Tổ tư vấn pháp luật của Công đoàn cơ sở.\n"
    )
    chunks = _paths_of(leaflet, "hd.txt")
    assert chunks[("Phần kết",)].startswith("Mọi thắc mắc về chế độ nghỉ hằng năm")


def test_a_vote_counts_roles_end_and_signers_side_by_side_after_the_recipients():
    text = (
        "BIÊN BẢN KIỂM PHIẾU\nBầu Ban Chấp hành khóa III\nII. THÀNH PHẦN\n1. Ban Kiểm phiếu gồm 05 thành viên:\n"
        "- Bà Trần Thị Mỹ Linh – Trưởng ban;\n- Ông Võ Minh Trí – Thành viên.\n"
        "Chủ trì kiểm phiếu: Bà Trần Thị Mỹ Linh, Trưởng Ban Kiểm phiếu.\nThư ký: Ông Võ Minh Trí.\n"
        "Người chứng kiến: Ông Nguyễn Văn Hậu, đại biểu do Đại hội cử.\nIII. KẾT QUẢ\n1. Số phiếu phát ra 112 phiếu; số phiếu thu vào 112 phiếu; số phiếu hợp lệ 109 phiếu.\n"
        "Việc kiểm phiếu kết thúc lúc 12 giờ 05 phút cùng ngày.\n"
        "Nơi nhận:\n- Đoàn Chủ tịch Đại hội;\n- Lưu hồ sơ Đại hội.\n\n"
        "        THƯ KÝ                                   TRƯỞNG BAN KIỂM PHIẾU\n"
        "      (Đã ký)                                           (Đã ký)\n"
        "    Võ Minh Trí                                    Trần Thị Mỹ Linh\n"
    )
    chunks = _paths_of(text, "bb.txt")
    assert chunks[("II. THÀNH PHẦN", "Chủ trì kiểm phiếu")].startswith("Chủ trì kiểm phiếu: Bà Trần Thị Mỹ Linh")
    assert ("II. THÀNH PHẦN", "Người chứng kiến") in chunks
    assert chunks[("Phần kết",)].startswith("Việc kiểm phiếu kết thúc")
    assert "THƯ KÝ" not in chunks[("Nơi nhận",)]
    assert chunks[("Chữ ký",)].startswith("THƯ KÝ | TRƯỞNG BAN KIỂM PHIẾU")


def test_what_only_looks_like_a_closing_after_this_sessions_rules_stays_with_its_item():
    # Each conclusion with its own task: the last "Giao …" is its item's, not the text's closing.
    notice = (
        "THÔNG BÁO\nKết luận của Thường trực\n"
        "1. Thống nhất tổ chức Hội nghị tổng kết công tác công đoàn năm 2030 vào ngày 25/3/2031 tại Hội trường huyện.\n"
        "Giao Ban Tổ chức chuẩn bị báo cáo tổng kết, trình Thường trực trước ngày 20/3/2031.\n"
        "2. Đồng ý chủ trương tổ chức Hội thao công nhân viên chức lao động năm 2031 nhân dịp ngày Quốc tế Lao động.\n"
        "Giao Ban Tuyên giáo chủ trì xây dựng kế hoạch, trình Thường trực trước ngày 30/3/2031.\n" + _SIGNED
    )
    assert "Giao Ban Tuyên giáo" in _paths_of(notice, "tb.txt")[("2.",)]
    # A speaker's answer in minutes may open with thanks.
    minutes = (
        "BIÊN BẢN ĐỐI THOẠI\nQuý II năm 2031\nII. NỘI DUNG\n"
        "1. Người lao động đề nghị Công ty tăng phụ cấp nhà trọ từ 300.000 đồng lên 500.000 đồng mỗi tháng cho công nhân.\n"
        "Ông Lê Văn Hùng chân thành cảm ơn ý kiến của người lao động và trả lời: Công ty đồng ý tăng lên 400.000 đồng/tháng.\n"
    )
    assert "400.000 đồng/tháng" in _paths_of(minutes, "bb.txt")[("II. NỘI DUNG", "1.")]
    # "các giấy tờ trên" far into the sentence is the last item's own condition.
    notice = (
        "THÔNG BÁO\nVề trợ cấp ốm đau\n1. Đoàn viên nằm viện từ 03 ngày trở lên được Công đoàn trợ cấp 500.000 đồng mỗi lần.\n"
        "2. Hồ sơ đề nghị trợ cấp gồm đơn đề nghị có xác nhận của tổ trưởng, giấy ra viện và bản sao hóa đơn viện phí.\n"
        "Đoàn viên nộp hồ sơ cho tổ trưởng công đoàn trong vòng 30 ngày kể từ ngày ra viện; trường hợp thiếu một trong các "
        "giấy tờ trên thì bổ sung trong 10 ngày.\n" + _SIGNED
    )
    assert "thiếu một trong các giấy tờ trên" in _paths_of(notice, "tb.txt")[("2.",)]


def test_an_items_own_details_and_a_tasks_leader_stay_with_the_item():
    plan = (
        "KẾ HOẠCH\nChào mừng ngày 1/5\nII. NỘI DUNG HOẠT ĐỘNG\nBan Chấp hành Công đoàn cơ sở tổ chức các hoạt động sau:\n"
        "1. Tổ chức Hội thao công nhân lao động với các môn bóng đá, kéo co, cầu lông.\nThời gian: Từ ngày 25/4 đến ngày 28/4/2031.\n"
        "2. Tổ chức gặp mặt, tặng quà cho 30 đoàn viên có hoàn cảnh khó khăn.\nThời gian: Ngày 30/4/2031.\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Ban Văn thể chủ trì tổ chức Hội thao.\n"
    )
    chunks = _paths_of(plan, "kh.txt")
    assert "Thời gian: Ngày 30/4/2031." in chunks[("II. NỘI DUNG HOẠT ĐỘNG", "2.")]
    assert "Thời gian" not in chunks[("II. NỘI DUNG HOẠT ĐỘNG",)]
    minutes = (
        "BIÊN BẢN HỌP\nBan Chấp hành tháng 4/2031\nI. THÀNH PHẦN\nCó mặt 9/9 ủy viên.\nII. NỘI DUNG CUỘC HỌP\n"
        "1. Thống nhất tổ chức Hội thao chào mừng ngày 1/5 như sau:\n- Thời gian: ngày 28/4/2031;\n- Địa điểm: sân Công ty.\n"
        "Chủ trì: Ban Văn thể; phối hợp: Đoàn Thanh niên.\n2. Thống nhất thăm hỏi 12 đoàn viên ốm đau.\n"
    )
    assert "Chủ trì: Ban Văn thể" in _paths_of(minutes, "bb.txt")[("II. NỘI DUNG CUỘC HỌP", "1.")]


def test_an_outer_item_that_is_a_title_goes_on_with_the_outer_list():
    minutes = (
        "BIÊN BẢN HỌP\nBan Chấp hành tháng 5/2031\nII. NỘI DUNG CUỘC HỌP\n1. Đánh giá kết quả tháng 4.\n2. Ý kiến của các ủy viên\n"
        "Các ủy viên nêu các ý kiến sau:\n1. Bà Trần Thị Lan đề nghị tăng mức thăm hỏi ốm đau.\n2. Ông Lê Văn Nam đề nghị tổ chức tham quan.\n"
        "3. Kết luận\nChủ tọa kết luận thống nhất các đề nghị trên.\n4. Bế mạc\n"
    )
    chunks = _paths_of(minutes, "bb.txt")
    assert ("II. NỘI DUNG CUỘC HỌP", "2.", "2.") in chunks
    assert ("II. NỘI DUNG CUỘC HỌP", "3.") in chunks and ("II. NỘI DUNG CUỘC HỌP", "4.") in chunks


@pytest.mark.parametrize(
    ("first_line", "doc_type"),
    [
        ("Ban Quản lý Dự án Đầu tư xây dựng huyện Nông Cống thông báo lịch nghỉ Tết Nguyên đán năm 2031 như sau:", None),
        ("Hợp đồng lao động có những loại nào?", None),
        ("THƯ CÔNG ĐOÀN GỬI NGƯỜI LAO ĐỘNG", None),
    ],
)
def test_words_that_begin_like_a_kind_do_not_make_one(first_line, doc_type):
    text = f"{first_line}\n1. Cán bộ, người lao động nghỉ Tết từ ngày 25/01/2031 đến hết ngày 02/02/2031."
    assert _doc(text, "x.txt").meta.doc_type == doc_type


def test_a_second_party_under_a_wrapped_parent_does_not_issue_the_text():
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "  TỈNH THANH HÓA                 Độc lập - Tự do - Hạnh phúc\n"
        "SỞ NỘI VỤ TỈNH THANH HÓA\n"
        "Số: 05/KHPH-LĐLĐ-SNV          Thanh Hóa, ngày 02 tháng 3 năm 2031\n\nKẾ HOẠCH\nPhối hợp kiểm tra\n1. Kiểm tra 20 doanh nghiệp.\n"
    )
    assert _doc(text, "kh.txt").meta.issuer == "LIÊN ĐOÀN LAO ĐỘNG TỈNH THANH HÓA"


@pytest.mark.parametrize("name", ["Kim Dong-Su", "Lee Jae-Myung", "Jean-Pierre Martin"])
def test_foreign_names_joined_by_a_hyphen_sign(name):
    text = (
        "BIÊN BẢN LÀM VIỆC\nVề tiền lương\n1. Công ty tăng lương 6% từ tháng 1/2031 cho toàn bộ người lao động.\n\n"
        "TỔNG GIÁM ĐỐC                             CHỦ TỊCH CĐCS\n"
        f"{name:<42}Nguyễn Thị Thu Hà\n"
    )
    assert _doc(text, "bb.txt").meta.signer == f"{name}, Nguyễn Thị Thu Hà"


DECISION_HEADER_ONLY = """CÔNG TY TNHH BAO BÌ AN LẠC
Số: 19/QĐ-AL
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Long An, ngày 04 tháng 5 năm 2027
QUYẾT ĐỊNH
Về việc hỗ trợ tiền gửi trẻ cho lao động nữ
GIÁM ĐỐC CÔNG TY TNHH BAO BÌ AN LẠC
Căn cứ Bộ luật Lao động năm 2019;
Căn cứ Thỏa ước lao động tập thể của Công ty;
QUYẾT ĐỊNH:
Điều 1. Hỗ trợ mỗi lao động nữ có con dưới 6 tuổi 300.000 đồng/tháng tiền gửi trẻ.
Điều 2. Phòng Kế toán chi trả cùng kỳ lương hằng tháng.
Điều 3. Quyết định có hiệu lực từ ngày ký.
"""

NOTE_WITHOUT_HEADER = """Trong tháng 4 năm 2027, các tổ công đoàn đã thăm hỏi 46 đoàn viên ốm đau và 12 gia đình có tang, tổng số tiền 23.500.000 đồng.
1. Tổ công đoàn Xưởng Cắt thăm 15 đoàn viên.
2. Tổ công đoàn Xưởng May thăm 31 đoàn viên.
"""


def test_a_header_block_alone_is_cited_as_the_header_and_prose_alone_as_the_opening():
    # Before session 31 a header with no opening paragraph under it was "Phần mở đầu", one with
    # such a paragraph "Tiêu đề" + "Phần mở đầu": the same lines cited two ways.
    paths = _paths_of(DECISION_HEADER_ONLY, "qd19.txt")
    assert ("Phần mở đầu",) not in paths
    assert paths[("Tiêu đề",)].startswith("CÔNG TY TNHH BAO BÌ AN LẠC") and "Căn cứ Bộ luật Lao động" in paths[("Tiêu đề",)]
    paths = _paths_of(NOTE_WITHOUT_HEADER, "ghi_chu.txt")
    assert paths[("Phần mở đầu",)].startswith("Trong tháng 4 năm 2027")


CALL_FOR_DONATIONS = """LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ TĨNH
BAN THƯỜNG VỤ
Số: 07/TKG-LĐLĐ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Tĩnh, ngày 12 tháng 9 năm 2027
THƯ KÊU GỌI
Ủng hộ đoàn viên, người lao động bị thiệt hại do bão số 5
Cơn bão số 5 đã làm 1.240 đoàn viên, người lao động trong tỉnh bị hư hỏng nhà cửa, tài sản; nhiều gia đình mất toàn bộ tài sản.
Ban Thường vụ Liên đoàn Lao động tỉnh kêu gọi:
1. Mỗi cán bộ công đoàn chuyên trách ủng hộ tối thiểu 01 ngày lương.
2. Tiền ủng hộ chuyển vào tài khoản số 3710201004123 của Liên đoàn Lao động tỉnh trước ngày 30/9/2027.
Nhận được Thư kêu gọi này, đề nghị các cấp công đoàn phổ biến rộng rãi đến đoàn viên, người lao động.
Nơi nhận:
- Các công đoàn cấp trên cơ sở;
- Lưu: VT.
TM. BAN THƯỜNG VỤ
CHỦ TỊCH
Lê Văn Hiếu
"""


def test_a_call_for_donations_is_named_by_its_kind_and_its_closing_formula_is_its_closing():
    doc = _doc(CALL_FOR_DONATIONS, "thu_keu_goi.txt")
    assert doc.meta.short_name() == "Thư kêu gọi 07/TKG-LĐLĐ"
    item, ending = _last_and_ending(CALL_FOR_DONATIONS, "thu_keu_goi.txt", ("2.",))
    assert item.endswith("trước ngày 30/9/2027.")
    assert ending.startswith("Nhận được Thư kêu gọi này")


def test_an_urgent_telegram_closes_with_its_own_formula():
    text = CALL_FOR_DONATIONS.replace("THƯ KÊU GỌI", "CÔNG ĐIỆN").replace("Nhận được Thư kêu gọi này", "Nhận được Công điện này")
    _, ending = _last_and_ending(text, "cong_dien.txt", ("2.",))
    assert ending.startswith("Nhận được Công điện này")


MEETING_WITH_A_HOSPITAL = """CÔNG TY TNHH GIÀY DA PHÚ AN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 21/BB-PA | Độc lập - Tự do - Hạnh phúc
Bình Dương, ngày 08 tháng 4 năm 2027
BIÊN BẢN LÀM VIỆC
Về việc thống nhất lịch khám sức khỏe định kỳ cho người lao động năm 2027
Thời gian: Bắt đầu lúc 14 giờ, ngày 08 tháng 4 năm 2027.
Địa điểm: Phòng họp tầng 3, Nhà điều hành Công ty TNHH Giày da Phú An, Khu công nghiệp Tân Uyên.
I. THÀNH PHẦN
1. Đại diện Công ty: Ông Lưu Văn Tài, Phó Giám đốc.
2. Đại diện Bệnh viện: Bà Trần Thị Hồng, Trưởng khoa Khám bệnh.
II. NỘI DUNG
1. Bệnh viện khám tại Công ty từ ngày 20/4 đến ngày 24/4/2027.
2. Giá khám 350.000 đồng/người.
"""


def test_a_meetings_time_line_opens_its_opening():
    paths = _paths_of(MEETING_WITH_A_HOSPITAL, "bien_ban_lam_viec.txt")
    assert paths[("Phần mở đầu",)].startswith("Thời gian: Bắt đầu lúc 14 giờ")
    assert "Thời gian" not in paths[("Tiêu đề",)]
    # Without a header, such lines are the text's opening, never its header block.
    headless = MEETING_WITH_A_HOSPITAL[MEETING_WITH_A_HOSPITAL.index("Thời gian:") :]
    assert _paths_of(headless, "bien_ban.txt")[("Phần mở đầu",)].startswith("Thời gian:")
    # Nor does the time line name the meeting: "BIÊN BẢN HỌP" over it stays "Họp".
    text = MEETING_WITH_A_HOSPITAL.replace("BIÊN BẢN LÀM VIỆC\nVề việc thống nhất lịch khám sức khỏe định kỳ cho người lao động năm 2027\n", "BIÊN BẢN HỌP\n")
    assert _doc(text, "bien_ban_hop.txt").meta.title == "Họp"


PETITION_MD = """**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
**Độc lập - Tự do - Hạnh phúc**

*Bình Dương, ngày 02 tháng 6 năm 2027*

# ĐƠN ĐỀ NGHỊ

**Kính gửi:** Ban Chấp hành Công đoàn cơ sở Công ty TNHH Gỗ Thuận Phát

Tôi tên là: **Lâm Thị Ngọc** - Sinh ngày: 14/3/1994

Nguyên là công nhân Tổ chà nhám số 2, làm việc tại Công ty từ tháng 8/2019, đoàn viên công đoàn từ năm 2020.

## I. Sự việc

1. Ngày 20/5/2027 tôi nhận quyết định chấm dứt hợp đồng lao động mà không được báo trước.
2. Công ty chưa trả tiền lương tháng 5/2027 là 7.200.000 đồng.

## II. Nội dung đề nghị

1. Đề nghị Công đoàn làm việc với Công ty để tôi được trả đủ tiền lương tháng 5/2027.
2. Đề nghị Công đoàn hướng dẫn tôi thủ tục hưởng trợ cấp thất nghiệp.

## Tài liệu gửi kèm

1. Bản sao Quyết định chấm dứt hợp đồng lao động;
2. Bảng lương tháng 4/2027.

Tôi xin cam đoan những nội dung trên là đúng sự thật.

| | **NGƯỜI LÀM ĐƠN** |
|---|---|
| | *(Ký và ghi rõ họ tên)* |
| | Ngọc |
| | **Lâm Thị Ngọc** |
"""


def test_a_markdown_petition_is_signed_and_named_by_its_writer():
    doc = _doc(PETITION_MD, "don_de_nghi.md")
    assert doc.meta.signer == "Lâm Thị Ngọc"
    assert doc.meta.short_name() == "Đơn đề nghị của Lâm Thị Ngọc"
    paths = _paths_of(PETITION_MD, "don_de_nghi.md")
    assert paths[("Chữ ký",)].endswith("Lâm Thị Ngọc")
    assert not any("|" in t for t in paths.values())
    # Who writes it opens the opening; the header ends at "Kính gửi".
    assert paths[("Phần mở đầu",)].startswith("Tôi tên là: Lâm Thị Ngọc")


def test_a_short_heading_over_a_list_numbered_anew_is_that_lists_heading():
    paths = _paths_of(PETITION_MD, "don_de_nghi.md")
    attached = [p for p in paths if "Tài liệu gửi kèm" in p]
    assert attached == [
        ("II. Nội dung đề nghị", "Tài liệu gửi kèm", "1."),
        ("II. Nội dung đề nghị", "Tài liệu gửi kèm", "2."),
    ]
    assert paths[("II. Nội dung đề nghị", "2.")].endswith("thủ tục hưởng trợ cấp thất nghiệp.")
    # A sentence between two lists is not such a heading: the second list stays the first's.
    text = PETITION_MD.replace("## Tài liệu gửi kèm", "Tôi gửi kèm theo đơn này các tài liệu sau.")
    assert not any("Tôi gửi kèm" in " ".join(p) for p in _paths_of(text, "don_de_nghi.md"))


THANKS_TO_SPONSORS = """CÔNG ĐOÀN CÔNG TY TNHH DỆT KIM HÒA AN
Số: 14/TCO-CĐCS
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hòa An, ngày 05 tháng 10 năm 2027
THƯ CẢM ƠN
Kính gửi: Các nhà tài trợ chương trình "Trăng rằm yêu thương" năm 2027
Chương trình Trung thu cho con đoàn viên năm 2027 đã nhận được tổng giá trị tài trợ 30.500.000 đồng, gồm:
1. Ngân hàng TMCP Sài Gòn - Chi nhánh Hòa An tài trợ 12.000.000 đồng tiền mặt và 80 ba lô học sinh.
2. Công ty TNHH Bao bì Tân Lộc, đối tác của Công ty, tài trợ 6.000.000 đồng tiền mặt cho các cháu khó khăn.
3. Bà Lý Thị Thanh, nguyên Phó Chủ tịch Công đoàn cơ sở, ủng hộ 2.500.000 đồng tiền mặt cho quỹ khen thưởng.
Toàn bộ tiền mặt tài trợ 20.500.000 đồng đã được dùng để mua quà cho 41 cháu là con người lao động chưa là đoàn viên và bổ sung quỹ khen thưởng học tập.
Trân trọng cảm ơn./.
TM. BAN CHẤP HÀNH
CHỦ TỊCH
Võ Minh Tâm
"""


def test_a_thank_you_letter_is_named_by_its_kind_and_its_sponsors_are_its_items():
    doc = _doc(THANKS_TO_SPONSORS, "thu_cam_on.txt")
    assert doc.meta.short_name() == "Thư cảm ơn 14/TCO-CĐCS"
    assert _doc(THANKS_TO_SPONSORS.replace("THƯ CẢM ƠN", "THƯ CÁM ƠN"), "thu_cam_on.txt").meta.doc_type == "THƯ CÁM ƠN"
    paths = _paths_of(THANKS_TO_SPONSORS, "thu_cam_on.txt")
    assert paths[("3.",)].startswith("3. Bà Lý Thị Thanh")


UNION_LETTER_ASKING_A_REPLY = """CÔNG ĐOÀN CÔNG TY TNHH ĐIỆN TỬ SEONGWON VINA
Số: 22/CV-CĐCS
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Giang, ngày 10 tháng 5 năm 2027
V/v đề nghị trả tiền làm thêm giờ còn thiếu
Kính gửi: Tổng Giám đốc Công ty TNHH Điện tử Seongwon Vina
Qua đối chiếu dữ liệu chấm công tháng 3 và tháng 4/2027, Công đoàn cơ sở phát hiện 215 người lao động chưa được trả đủ 1.930 giờ làm thêm. Công đoàn cơ sở đề nghị Công ty:
1. Trả bổ sung tiền làm thêm giờ còn thiếu cho người lao động trước ngày 25/5/2027.
2. Gửi Công đoàn cơ sở bản sao dữ liệu chấm công gốc của ba bộ phận trước ngày 20/5/2027.
Đề nghị Tổng Giám đốc xem xét và có văn bản trả lời Công đoàn cơ sở trước ngày 18/5/2027.
Nơi nhận:
- Như trên;
- Lưu: CĐCS.
TM. BAN CHẤP HÀNH
CHỦ TỊCH
Lê Quang Huy
"""


def test_asking_for_a_reply_in_writing_closes_a_letter_however_it_is_worded():
    item, ending = _last_and_ending(UNION_LETTER_ASKING_A_REPLY, "cong_van.txt", ("2.",))
    assert item.endswith("trước ngày 20/5/2027.")
    assert ending.startswith("Đề nghị Tổng Giám đốc xem xét và có văn bản trả lời")


def test_a_department_head_signing_for_the_director_is_a_capacity():
    text = UNION_LETTER_ASKING_A_REPLY.replace("TM. BAN CHẤP HÀNH\nCHỦ TỊCH", "TL. TỔNG GIÁM ĐỐC\nTRƯỞNG PHÒNG NHÂN SỰ")
    meta = _doc(text, "cong_van.txt").meta
    assert meta.signer == "Lê Quang Huy"
    assert meta.signer_title == "TL. TỔNG GIÁM ĐỐC, TRƯỞNG PHÒNG NHÂN SỰ"
    text = UNION_LETTER_ASKING_A_REPLY.replace("TM. BAN CHẤP HÀNH\nCHỦ TỊCH", "KT. TỔNG GIÁM ĐỐC\nPHÓ TỔNG GIÁM ĐỐC")
    assert _doc(text, "cong_van.txt").meta.signer_title == "KT. TỔNG GIÁM ĐỐC, PHÓ TỔNG GIÁM ĐỐC"


def test_a_petition_keeps_what_it_asks_and_a_body_signing_one_is_not_its_writer():
    leave = PETITION_MD.replace("# ĐƠN ĐỀ NGHỊ", "# ĐƠN XIN NGHỈ VIỆC")
    assert _doc(leave, "don_xin.md").meta.short_name() == "Đơn xin nghỉ việc của Lâm Thị Ngọc"
    # Signed for a body ("TM. BAN CHẤP HÀNH / CHỦ TỊCH"), not by a petitioner: not "… của <chairman>".
    union = PETITION_MD.replace("**NGƯỜI LÀM ĐƠN**", "**TM. BAN CHẤP HÀNH**")
    assert "của" not in _doc(union, "don.md").meta.short_name()
    # A given name signed over the full one, two words long: one signer.
    thu_ha = PETITION_MD.replace("| | Ngọc |", "| | Thị Ngọc |")
    assert _doc(thu_ha, "don.md").meta.signer == "Lâm Thị Ngọc"


def test_a_table_of_signatures_is_read_column_by_column():
    # A body confirming the petition signs beside its writer: each capacity meets its own name,
    # and the petition is still known by its writer.
    confirmed = PETITION_MD.replace(
        """| | **NGƯỜI LÀM ĐƠN** |
|---|---|
| | *(Ký và ghi rõ họ tên)* |
| | Ngọc |
| | **Lâm Thị Ngọc** |""",
        """| XÁC NHẬN CỦA CÔNG ĐOÀN CƠ SỞ | **NGƯỜI LÀM ĐƠN** |
|---|---|
| Đã nhận đơn ngày 12/6/2027. | *(Ký và ghi rõ họ tên)* |
| CHỦ TỊCH | (Đã ký) |
| Nguyễn Thị Mai | **Lâm Thị Ngọc** |""",
    )
    meta = _doc(confirmed, "don.md").meta
    assert meta.signer == "Nguyễn Thị Mai, Lâm Thị Ngọc"
    assert meta.signer_title == "CHỦ TỊCH, NGƯỜI LÀM ĐƠN"
    assert meta.short_name() == "Đơn đề nghị của Lâm Thị Ngọc"
    # Both sign as petitioners: no one writer names it.
    both = confirmed.replace("| CHỦ TỊCH | (Đã ký) |", "| NGƯỜI LÀM ĐƠN | (Đã ký) |")
    assert "của" not in _doc(both, "don.md").meta.short_name()
    # Typed columns in two bands: a row of names ends the first band, and a capacity in capitals
    # after the next column's note is not taken for a name.
    minutes = (
        "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ ĐÀ NẴNG\nĐà Nẵng, ngày 20 tháng 6 năm 2027\n"
        "BIÊN BẢN HỌP BAN GIÁM KHẢO\nHội thi tay nghề năm 2027\n"
        "1. Ban Giám khảo chấm 12 bài thi.\n2. Thí sinh Trần Văn An đạt giải Nhất.\n"
        "Biên bản kết thúc lúc 18 giờ cùng ngày, các thành viên nhất trí ký tên.\n\n"
        "      THƯ KÝ                    TRƯỞNG BAN GIÁM KHẢO\n"
        "   (Đã ký)                          (Đã ký)\n"
        "Ngô Thị Kim Oanh               Nguyễn Hữu Phước\n"
        "  CÁC GIÁM KHẢO                         GIÁM SÁT\n"
        "    (Đã ký)                             (Đã ký)\n"
        "Phan Văn Lợi                            Lê Thị Thu Hà\n"
    )
    meta = _doc(minutes, "bb.txt").meta
    assert meta.signer == "Ngô Thị Kim Oanh, Nguyễn Hữu Phước, Phan Văn Lợi, Lê Thị Thu Hà"


def test_an_article_whose_line_is_a_sentence_over_its_khoan_is_shown_as_a_clause():
    text = (
        "QUYẾT ĐỊNH\nVề việc phê duyệt danh sách\n"
        "Điều 1. Phê duyệt danh sách đợt 1 gồm 20 đoàn viên đủ điều kiện được giới thiệu mua nhà ở xã hội tại Dự án Hòa Phong.\n"
        "1. Tổng số hồ sơ tiếp nhận đợt 1 là 31 hồ sơ.\n2. Số căn hộ còn lại là 100 căn.\n"
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\n"
    )
    paths = _paths_of(text, "qd.txt")
    assert paths[("Điều 1",)].startswith("Điều 1. Phê duyệt danh sách đợt 1 gồm 20 đoàn viên")
    assert paths[("Điều 1", "Khoản 1")] == "1. Tổng số hồ sơ tiếp nhận đợt 1 là 31 hồ sơ."
    # A title, however long, is its khoản's context only.
    titled = text.replace(
        "Điều 1. Phê duyệt danh sách đợt 1 gồm 20 đoàn viên đủ điều kiện được giới thiệu mua nhà ở xã hội tại Dự án Hòa Phong.",
        "Điều 1. Danh sách đợt 1 đoàn viên đủ điều kiện được giới thiệu mua nhà ở xã hội tại Dự án Hòa Phong",
    )
    assert ("Điều 1",) not in _paths_of(titled, "qd.txt")


def test_a_team_leader_and_a_federations_representative_sign_minutes():
    text = (
        "CÔNG ĐOÀN CÔNG TY TNHH ĐIỆN TỬ MINH QUANG\nBIÊN BẢN\nLấy ý kiến người lao động về dự thảo Thỏa ước\n"
        "I. KẾT QUẢ\n1. Tán thành: 1.087 người.\n2. Không tán thành: 149 người.\n"
        "Biên bản kết thúc lúc 17 giờ 15 phút, đã được đọc lại và nhất trí thông qua.\n\n"
        "THƯ KÝ                                      TỔ TRƯỞNG TỔ BIỂU QUYẾT\n"
        "(Đã ký)                                     (Đã ký)\n"
        "Vũ Thị Lan                                  Nguyễn Thị Thu Hà\n\n"
        "ĐẠI DIỆN NGƯỜI SỬ DỤNG LAO ĐỘNG              ĐẠI DIỆN LĐLĐ HUYỆN VĂN LÂM\n"
        "(Đã ký)                                     (Đã ký)\n"
        "Hoàng Minh Tuấn                             Bùi Văn Hưng\n"
    )
    doc = _doc(text, "bb.txt")
    assert doc.meta.signer == "Vũ Thị Lan, Nguyễn Thị Thu Hà, Hoàng Minh Tuấn, Bùi Văn Hưng"
    paths = _paths_of(text, "bb.txt")
    assert "Vũ Thị Lan" in paths[("Chữ ký",)]
    assert not any("Vũ Thị Lan" in t for p, t in paths.items() if p != ("Chữ ký",))


def test_a_list_heading_with_a_colon_or_after_a_last_items_points_heads_the_new_list():
    text = PETITION_MD.replace("## Tài liệu gửi kèm", "Tài liệu gửi kèm:")
    assert ("II. Nội dung đề nghị", "Tài liệu gửi kèm", "1.") in _paths_of(text, "don.md")
    text = PETITION_MD.replace(
        "2. Đề nghị Công đoàn hướng dẫn tôi thủ tục hưởng trợ cấp thất nghiệp.",
        "2. Đề nghị Công đoàn hướng dẫn tôi:\na) Thủ tục hưởng trợ cấp thất nghiệp;\nb) Thủ tục rút bảo hiểm xã hội một lần.",
    )
    paths = _paths_of(text, "don.md")
    assert ("II. Nội dung đề nghị", "Tài liệu gửi kèm", "2.") in paths
    assert paths[("II. Nội dung đề nghị", "1.")].startswith("1. Đề nghị Công đoàn làm việc")
    # "Cụ thể như sau:" goes on with the item above.
    text = PETITION_MD.replace("## Tài liệu gửi kèm", "Cụ thể như sau:")
    assert not any("Cụ thể" in " ".join(p) for p in _paths_of(text, "don.md"))


def test_closing_formulas_are_read_in_either_case_and_an_invitations_call_opens_it():
    text = CALL_FOR_DONATIONS.replace("Nhận được Thư kêu gọi này", "Nhận được thư kêu gọi này")
    _, ending = _last_and_ending(text, "thu_keu_goi.txt", ("2.",))
    assert ending.startswith("Nhận được thư kêu gọi này")
    invitation = (
        "CÔNG ĐOÀN CÔNG TY TNHH MAY AN PHÚ\nSố: 09/GM-CĐCS\nGIẤY MỜI\nKính gửi: Các đồng chí Tổ trưởng công đoàn\n"
        "Trân trọng kính mời các đồng chí dự họp.\n1. Thời gian: 14 giờ ngày 12/6/2027.\n2. Địa điểm: Hội trường Công ty.\n"
    )
    paths = _paths_of(invitation, "giay_moi.txt")
    assert paths[("Phần mở đầu",)].startswith("Trân trọng kính mời") and "Trân trọng" not in paths[("Tiêu đề",)]


def test_a_courtesy_alone_is_no_unit_and_a_copies_sentence_closes_a_commitment():
    text = UNION_LETTER_ASKING_A_REPLY.replace(
        "Đề nghị Tổng Giám đốc xem xét và có văn bản trả lời Công đoàn cơ sở trước ngày 18/5/2027.", "Trân trọng./."
    )
    assert ("Phần kết",) not in _paths_of(text, "cong_van.txt")
    pledge = (
        "CHI HỘI CHỦ NHÀ TRỌ XÃ AN BÌNH\nSố: 02/CK-CHNT\nBẢN CAM KẾT\nVề giá thuê phòng trọ năm 2027\n"
        "1. Giữ nguyên giá thuê phòng đến hết ngày 31/12/2027.\n2. Thu tiền điện theo giá bán lẻ của ngành điện.\n"
        "Bản cam kết này có hiệu lực kể từ ngày ký, được lập thành 04 bản, mỗi bên giữ 01 bản.\n"
    )
    item, ending = _last_and_ending(pledge, "cam_ket.txt", ("2.",))
    assert item.endswith("ngành điện.") and ending.startswith("Bản cam kết này có hiệu lực")


def test_a_leaflet_headed_hoi_dap_alone_is_named_by_its_kind_and_number():
    leaflet = "CÔNG ĐOÀN KCN QUANG CHÂU\nSố: 14/TL-CĐKCN\nHỎI ĐÁP\nQuyền lợi của người thuê trọ\nCâu hỏi 1: Tiền cọc tối đa bao nhiêu?\nTrả lời: Không quá 01 tháng tiền thuê.\n"
    assert _doc(leaflet, "hoi_dap.txt").meta.short_name() == "Hỏi đáp 14/TL-CĐKCN"


def test_review_mends_of_the_signature_closing_and_naming_rules():
    # A heading in capitals at the end of the body is no capacity, however it opens.
    for heading in ("NGƯỜI LAO ĐỘNG CẦN LƯU Ý", "TỔ TRƯỞNG CÔNG ĐOÀN CÓ QUYỀN"):
        text = f"HƯỚNG DẪN\nVề chế độ ốm đau\n1. Mức hưởng bằng 75% tiền lương.\n{heading}\nNộp hồ sơ trong 45 ngày kể từ ngày trở lại làm việc.\n"
        assert _doc(text, "hd.txt").meta.signer_title is None
    # Under a signed note: a copy's mark or another capacity is no name.
    closing = "KẾ HOẠCH\nVề hội thao\n1. Tổ chức hội thao ngày 12/6/2031.\nTM. BAN CHẤP HÀNH\nCHỦ TỊCH\n(Đã ký)\nBản sao y bản chính\n"
    assert _doc(closing, "kh.txt").meta.signer is None
    # An answer in minutes that ends on a contact is the answer's, not the closing.
    minutes = (
        "BIÊN BẢN ĐỐI THOẠI\nVề nghỉ mát\n1. Ý kiến người lao động về nghỉ mát năm 2031.\n2. Trả lời của Ban Giám đốc:\n"
        "Về nghỉ mát: Công ty tổ chức nghỉ mát tại Sầm Sơn từ ngày 12/6/2031. Mọi thắc mắc về lịch nghỉ mát, người lao động liên hệ phòng Hành chính.\n"
    )
    (item,) = [c for c in chunk_document(_doc(minutes, "bb.txt")) if c.path == ("2.",)]
    assert "Mọi thắc mắc" in item.text
    # Items of another text named are no look back on this one's.
    letter = (
        "CÔNG VĂN\nVề hỗ trợ đoàn viên\n1. Hỗ trợ 500.000 đồng/người.\n2. Hỗ trợ quà Tết cho 200 đoàn viên.\n"
        "3. Hỗ trợ đoàn viên ốm đau dài ngày theo quy định hiện hành của Công đoàn cơ sở.\n"
        "Riêng đoàn viên có hoàn cảnh đặc biệt khó khăn, nếu thuộc đối tượng tại mục 1 và mục 2 Hướng dẫn số 12/HD-TLĐ thì được hỗ trợ thêm 1.000.000 đồng.\n"
    )
    (last,) = [c for c in chunk_document(_doc(letter, "cv.txt")) if c.path == ("3.",)]
    assert "Hướng dẫn số 12/HD-TLĐ" in last.text
    # A law's excerpt under a title of what it rules keeps that title (its name sits in the note).
    law = (
        "QUY ĐỊNH VỀ THỜI GIỜ LÀM VIỆC, THỜI GIỜ NGHỈ NGƠI\n(Trích Bộ luật Lao động số 45/2019/QH14 ngày 20 tháng 11 năm 2019 của Quốc hội)\n"
        "Điều 105. Thời giờ làm việc bình thường\n1. Thời giờ làm việc bình thường không quá 08 giờ trong 01 ngày.\n"
    )
    assert not _doc(law, "bl.txt").meta.short_name().startswith("Bộ luật Về")
    # A place and month under "… LIÊN NGÀNH" are no part of its name.
    joint = "SỐ: 05/QC-LN\nQUY CHẾ PHỐI HỢP LIÊN NGÀNH\nBẮC NINH, THÁNG 6 NĂM 2031\nĐiều 1. Phạm vi\nQuy chế này quy định việc phối hợp.\n"
    assert "tháng 6" not in _doc(joint, "qc.txt").meta.short_name().lower()
    # A lone syllable of a file's name is not re-spelt ("hop": "họp" or "hợp").
    text = "1. Cuộc họp bàn về hợp đồng lao động và việc ký hợp đồng phù hợp với quy định.\n2. Tổ công đoàn thống nhất."
    assert "hợp" not in _doc(text, "bien_ban_hop_to_cong_doan.txt").meta.short_name()


def test_an_adoption_sentence_that_is_an_articles_only_text_stays_its_text():
    text = (
        "NGHỊ QUYẾT\nHội nghị người lao động năm 2031\nĐiều 1. Mục tiêu\nThu nhập bình quân tăng 8%.\n"
        "Điều 2. Hiệu lực thi hành\nNghị quyết này được Hội nghị người lao động Công ty thông qua ngày 24 tháng 01 năm 2031 "
        "với 144/146 đại biểu tán thành và có hiệu lực kể từ ngày ký.\nNơi nhận:\n- Lưu VT.\n"
    )
    doc = _doc(text, "nq.txt")
    paths = _paths_of(text, "nq.txt")
    assert "thông qua ngày 24 tháng 01 năm 2031" in paths[("Điều 2",)]
    assert ("Thông qua",) not in paths
    assert doc.meta.date == "2031-01-24"  # still the date it records its adoption on
    # After the last article's own text, it closes the text as before.
    after = text.replace("Điều 2. Hiệu lực thi hành\n", "Điều 2. Hiệu lực thi hành\nNghị quyết có hiệu lực kể từ ngày ký.\n")
    assert ("Thông qua",) in _paths_of(after.replace(" và có hiệu lực kể từ ngày ký", ""), "nq.txt")


def test_an_agreements_annex_signed_as_a_text_of_its_own_is_named_by_its_kind_and_number():
    annex = (
        "CÔNG TY TNHH NHỰA HOÀNG LONG\nSố: 02/2027/PL-TƯ\nBắc Ninh, ngày 04 tháng 3 năm 2027\nPHỤ LỤC SỐ 02\n"
        "SỬA ĐỔI, BỔ SUNG THỎA ƯỚC LAO ĐỘNG TẬP THỂ CÔNG TY TNHH NHỰA HOÀNG LONG\n"
        "Căn cứ Thỏa ước lao động tập thể số 01/2026/TƯ ký ngày 10 tháng 1 năm 2026;\n"
        "Hai bên thống nhất sửa đổi Thỏa ước như sau:\n"
        "Điều 1. Sửa đổi tiền ăn giữa ca\n1. Tiền ăn giữa ca tăng từ 28.000 đồng lên 32.000 đồng một suất.\n"
        "2. Mức mới áp dụng từ ngày 01 tháng 4 năm 2027.\n"
        "Điều 2. Hiệu lực\nPhụ lục này có hiệu lực kể từ ngày ký.\n"
    )
    document = _doc(annex, "phu_luc.txt")
    assert document.meta.short_name() == "Phụ lục 02/2027/PL-TƯ"
    assert document.meta.title.startswith("Sửa đổi, bổ sung Thỏa ước lao động tập thể")
    paths = _paths_of(annex, "phu_luc.txt")
    # Its articles are its own, not an appendix's: no "› Phụ lục" above them.
    assert ("Điều 1", "Khoản 1") in paths and not any("Phụ lục" in p[0] for p in paths)
    # A decree's appendix after its articles stays an appendix.
    decree = annex.replace("PHỤ LỤC SỐ 02\n", "NGHỊ ĐỊNH\n") + "PHỤ LỤC\nDANH MỤC NGHỀ NẶNG NHỌC\n1. Nghề đúc nhựa.\n"
    assert any(p[0].startswith("Phụ lục") for p in _paths_of(decree, "nghi_dinh.txt"))


def test_an_annexs_copies_and_a_letters_last_paragraph_in_its_senders_voice_close_the_text():
    annex = (
        "CÔNG TY TNHH NHỰA HOÀNG LONG\nSố: 02/2027/PL-TƯ\nPHỤ LỤC SỐ 02\nSỬA ĐỔI, BỔ SUNG THỎA ƯỚC LAO ĐỘNG TẬP THỂ\n"
        "Điều 1. Tiền ăn giữa ca\n1. Tiền ăn giữa ca tăng lên 32.000 đồng một suất.\n"
        "Điều 2. Hiệu lực\n1. Phụ lục có hiệu lực từ ngày 01/4/2027.\n"
        "Phụ lục này được lập thành 04 bản có giá trị pháp lý như nhau, mỗi bên giữ 02 bản.\n"
    )
    item, ending = _last_and_ending(annex, "phu_luc.txt", ("Điều 2", "Khoản 1"))
    assert item.endswith("01/4/2027.") and ending.startswith("Phụ lục này được lập thành 04 bản")
    letter = (
        "CÔNG TY TNHH NHỰA HOÀNG LONG\nSố: 41/CV-HL\nV/v gửi Phụ lục thỏa ước\nKính gửi: Sở Nội vụ tỉnh Bắc Ninh\n"
        "1. Hồ sơ gửi kèm\n- 01 bản Phụ lục số 02/2027/PL-TƯ.\n"
        "2. Đầu mối liên hệ\nBà Lê Thị Hoa, Trưởng phòng Nhân sự; điện thoại 0222 3617 999.\n"
        "Công ty TNHH Nhựa Hoàng Long cam kết thực hiện đầy đủ Thỏa ước và Phụ lục đã ký kết. Công ty kính đề nghị Sở tiếp nhận./.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nTrần Văn Long\n"
    )
    item, ending = _last_and_ending(letter, "cong_van.txt", ("2.",))
    assert item.endswith("0222 3617 999.") and ending.startswith("Công ty TNHH Nhựa Hoàng Long cam kết")
    # A paragraph in another's voice under that heading is still its text; so is one in the
    # sender's voice that is not the text's last words, and an annex the item names (review).
    other = letter.replace("Công ty TNHH Nhựa Hoàng Long cam kết", "Bà Hoa sẽ cam kết")
    assert ("Phần kết",) not in _paths_of(other, "cong_van.txt")
    assert ("Phần kết",) not in _paths_of(letter.replace("Sở tiếp nhận./.", "Sở tiếp nhận."), "cong_van.txt")
    named = letter.replace("Công ty TNHH Nhựa Hoàng Long cam kết thực hiện đầy đủ Thỏa ước và Phụ lục đã ký kết. Công ty kính đề nghị Sở tiếp nhận./.",
                           "Phụ lục 01 có xác nhận của tổ trưởng, lập thành 02 bản.")
    assert ("Phần kết",) not in _paths_of(named, "cong_van.txt")
    coordinator = letter.replace("Công ty TNHH Nhựa Hoàng Long cam kết thực hiện đầy đủ Thỏa ước và Phụ lục đã ký kết. Công ty kính đề nghị Sở tiếp nhận./.",
                                 "Người phối hợp: đồng chí Lê Văn Bình, Trưởng ban Văn thể.")
    assert ("Phần kết",) not in _paths_of(coordinator.replace("2. Đầu mối liên hệ\n", "2. Phân công: Văn phòng chuẩn bị.\n"), "cong_van.txt")


def test_a_summary_lines_colon_ends_the_name_before_what_the_excerpt_covers():
    rules = (
        "Trích Nội quy lao động Công ty TNHH Giày Thái Bình: các quy định về kỷ luật lao động và trách nhiệm vật chất.\n\n"
        "Chương IV\nKỶ LUẬT LAO ĐỘNG\n"
        "Điều 20. Hình thức kỷ luật\nNgười lao động vi phạm bị xử lý theo một trong các hình thức khiển trách, kéo dài thời hạn nâng lương, cách chức, sa thải.\n"
    )
    assert _doc(rules, "noi_quy.txt").meta.short_name() == "Nội quy lao động Công ty TNHH Giày Thái Bình"
    law = "Trích Luật Việc làm số 74/2025/QH15: các quy định về bảo hiểm thất nghiệp.\n\nĐiều 31. Đối tượng\nNgười lao động làm việc theo hợp đồng lao động từ đủ 01 tháng trở lên.\n"
    assert _doc(law, "vl.txt").meta.short_name() == "Luật Việc làm 74/2025/QH15"


@pytest.mark.parametrize(
    "note",
    [
        ["Ghi chú: Văn bản này là bản trích Chương III Luật Việc làm số 74/2025/QH15, do Công đoàn cơ sở sao gửi các tổ công đoàn."],
        ["[Trích từ Luật Việc làm số 74/2025/QH15, đăng trên Cổng thông tin điện tử của Liên đoàn Lao động tỉnh.]"],
        ["----------", "Lưu ý: Nội dung trên chỉ mang tính tham khảo, người đọc đối chiếu với văn bản gốc.", "Bài viết liên quan: Thủ tục hưởng trợ cấp thất nghiệp"],
        ["Ghi chú của người biên soạn: Mức hưởng tối đa theo từng năm như sau:", "| Năm | Mức tối đa |", "| 2026 | 5 lần |"],
    ],
)
def test_a_copiers_note_after_an_excerpts_last_article_is_not_its_text(note):
    text = (
        "Trích Luật Việc làm số 74/2025/QH15\n\n"
        "Điều 38. Mức hưởng trợ cấp thất nghiệp\n"
        "1. Mức hưởng trợ cấp thất nghiệp hằng tháng bằng 60% mức bình quân tiền lương tháng đóng bảo hiểm thất nghiệp của 06 tháng gần nhất.\n"
        "2. Thời gian hưởng trợ cấp thất nghiệp được tính theo số tháng đóng bảo hiểm thất nghiệp.\n\n"
        + "\n".join(note)
        + "\n"
    )
    paths = _paths_of(text, "vl.txt")
    assert paths[("Điều 38", "Khoản 2")].endswith("số tháng đóng bảo hiểm thất nghiệp.")
    assert not any(note[-1] in t for p, t in paths.items() if p[:1] == ("Điều 38",))


def test_a_role_line_after_the_list_of_those_present_under_its_heading_is_a_role_of_that_section():
    minutes = (
        "CÔNG ĐOÀN CƠ SỞ CÔNG TY CỔ PHẦN CƠ KHÍ HÀ TRUNG\n"
        "BIÊN BẢN\nHọp Ban Chấp hành mở rộng quý III năm 2026\n"
        "I. THÀNH PHẦN THAM DỰ\n"
        "- Ban Chấp hành có 07 ủy viên, có mặt 06 ủy viên; vắng ông Phạm Văn Lực (đi công tác).\n"
        "- Khách mời: bà Đinh Thị Hằng, Trưởng phòng Nhân sự Công ty.\n"
        "Chủ trì cuộc họp: ông Lê Văn Toàn, Chủ tịch Công đoàn cơ sở.\n"
        "Thư ký cuộc họp: bà Ngô Thị Thủy, Ủy viên Ban Chấp hành.\n"
        "II. NỘI DUNG CUỘC HỌP\n"
        "1. Đánh giá kết quả quý III: phát triển mới 42 đoàn viên.\n"
    )
    paths = _paths_of(minutes, "bien_ban.txt")
    assert paths[("I. THÀNH PHẦN THAM DỰ", "Thư ký cuộc họp")] == "Thư ký cuộc họp: bà Ngô Thị Thủy, Ủy viên Ban Chấp hành."
    assert paths[("I. THÀNH PHẦN THAM DỰ", "Chủ trì cuộc họp")].startswith("Chủ trì cuộc họp: ông Lê Văn Toàn")
    assert "Thư ký" not in paths[("I. THÀNH PHẦN THAM DỰ",)]


def test_prose_after_a_list_of_one_line_items_is_the_texts_ending_not_the_last_items():
    letter = (
        "CÔNG TY CỔ PHẦN BAO BÌ HƯNG THỊNH\nSố: 42/CV-HT\nV/v gửi hồ sơ đề nghị hỗ trợ đào tạo lại lao động\n"
        "Kính gửi: Trung tâm Dịch vụ việc làm tỉnh Hải Dương.\n"
        "Công ty trân trọng gửi Trung tâm hồ sơ đề nghị hỗ trợ đào tạo, bồi dưỡng cho 35 người lao động, hồ sơ gồm:\n"
        "1. Văn bản đề nghị hỗ trợ của Công ty (01 bản chính).\n"
        "2. Phương án đào tạo, bồi dưỡng nâng cao trình độ kỹ năng nghề (01 bản chính).\n"
        "3. Danh sách người lao động tham gia đào tạo (01 bản chính).\n"
        "Công ty cam kết sử dụng kinh phí hỗ trợ đúng mục đích và duy trì việc làm cho người lao động ít nhất 12 tháng sau đào tạo.\n"
        "Trân trọng./.\n"
    )
    paths = _paths_of(letter, "cong_van.txt")
    assert paths[("3.",)] == "3. Danh sách người lao động tham gia đào tạo (01 bản chính)."
    assert paths[("Phần kết",)].startswith("Công ty cam kết sử dụng kinh phí")


def test_a_polite_contact_after_the_last_answer_and_a_text_posted_somewhere_close_it():
    leaflet = (
        "HỎI - ĐÁP\nVề chế độ thai sản\n"
        "Câu hỏi 1: Sinh con thì được nghỉ bao lâu?\nTrả lời: Lao động nữ sinh con được nghỉ 06 tháng.\n"
        "Câu hỏi 2: Chồng có được nghỉ khi vợ sinh con không?\nTrả lời: Có, được nghỉ từ 05 đến 14 ngày làm việc tùy trường hợp.\n"
        "Người lao động có thắc mắc khác xin liên hệ Văn phòng Công đoàn cơ sở, điện thoại nội bộ 108.\n"
    )
    paths = _paths_of(leaflet, "hoi_dap.txt")
    assert "Văn phòng Công đoàn" not in paths[("Câu hỏi 2",)] and "Văn phòng Công đoàn" in paths[("Phần kết",)]
    guide = (
        "HƯỚNG DẪN\nThủ tục hưởng trợ cấp thai sản\nI. HỒ SƠ\n1. Giấy khai sinh của con (bản sao).\nII. LIÊN HỆ\n"
        "- Thủ tục: chị Lê Thị Hoa, Phòng Nhân sự, điện thoại nội bộ 212.\n"
        "Hướng dẫn này được phổ biến tại các buổi giao ca và niêm yết tại bảng tin các xưởng.\n"
    )
    paths = _paths_of(guide, "hd.txt")
    assert "bảng tin" not in paths[("II. LIÊN HỆ",)] and paths[("Phần kết",)].startswith("Hướng dẫn này được phổ biến tại")


def test_review_mends_of_the_copiers_note_the_list_ending_the_role_and_the_colon_rules():
    # A list inside a Q&A's answer, and points under an item: what follows them is that answer's or item's.
    leaflet = (
        "HỎI - ĐÁP PHÁP LUẬT\nVề chế độ nghỉ hằng năm\n"
        "Câu hỏi 1: Người lao động làm đủ 12 tháng được nghỉ hằng năm bao nhiêu ngày?\nTrả lời: Người làm việc trong điều kiện bình thường được nghỉ 12 ngày làm việc.\n"
        "Câu hỏi 2: Tôi có được thanh toán tiền những ngày nghỉ hằng năm chưa nghỉ không?\n"
        "Trả lời: Người lao động được thanh toán tiền lương cho những ngày chưa nghỉ trong các trường hợp sau:\n"
        "1. Do thôi việc, bị mất việc làm mà chưa nghỉ hết số ngày nghỉ hằng năm;\n2. Do người sử dụng lao động không bố trí cho người lao động nghỉ;\n"
        "3. Người lao động không có nhu cầu nghỉ và được người sử dụng lao động đồng ý.\n"
        "Như vậy, chị chưa nghỉ hết số ngày nghỉ hằng năm khi chấm dứt hợp đồng thì Công ty phải thanh toán tiền lương cho những ngày đó.\n"
    )
    assert ("Phần kết",) not in _paths_of(leaflet, "hoi_dap.txt")
    notice = (
        "THÔNG BÁO\nVề việc xét hỗ trợ đoàn viên có hoàn cảnh khó khăn năm 2026\n"
        "Ban Chấp hành Công đoàn cơ sở thông báo đến các tổ công đoàn về việc xét hỗ trợ như sau:\n"
        "1. Đối tượng: đoàn viên có thời gian sinh hoạt công đoàn từ 12 tháng trở lên.\n2. Mức hỗ trợ: 2.000.000 đồng/đoàn viên.\n"
        "3. Hồ sơ đề nghị gồm:\na) Đơn đề nghị hỗ trợ có xác nhận của tổ trưởng công đoàn;\nb) Bản sao sổ hộ nghèo;\nc) Giấy tờ chứng minh bệnh hiểm nghèo (nếu có).\n"
        "Lưu ý: hồ sơ nộp về Văn phòng Công đoàn cơ sở trước ngày 20/11/2026; hồ sơ nộp sau thời hạn này được xét vào đợt sau.\n"
    )
    assert ("Phần kết",) not in _paths_of(notice, "thong_bao.txt")
    # An agreement's own note on its last article is that article's; a copier's source line is not.
    agreement = (
        "THỎA ƯỚC LAO ĐỘNG TẬP THỂ\nCông ty TNHH Cơ khí Tân Phát\nĐiều 9. Tiền ăn giữa ca\n1. Mức tiền ăn giữa ca là 30.000 đồng/người/bữa.\n"
        "2. Người lao động làm thêm giờ từ 02 giờ trở lên sau ca được hỗ trợ thêm một bữa ăn phụ.\n"
        "Lưu ý: Nội dung này không áp dụng cho người lao động đang trong thời gian thử việc.\n"
    )
    assert "thời gian thử việc" in _paths_of(agreement, "tu.txt")[("Điều 9", "Khoản 2")]
    law = "Trích Luật Việc làm số 74/2025/QH15\n\nĐiều 38. Mức hưởng\n1. Mức hưởng bằng 60% tiền lương.\n2. Thời gian hưởng tính theo số tháng đóng.\nNguồn: Cổng thông tin điện tử Chính phủ (chinhphu.vn).\n"
    assert _paths_of(law, "vl.txt")[("Phần kết",)].startswith("Nguồn:")
    # A chair's answer under a heading of opinions is no role line.
    minutes = (
        "BIÊN BẢN\nHọp Ban Chấp hành mở rộng quý III năm 2026\nI. THÀNH PHẦN\nBan Chấp hành có 07 ủy viên, có mặt 07 ủy viên.\n"
        "II. Ý KIẾN CỦA CÁC ĐẠI BIỂU DỰ HỌP\n- Đồng chí Phạm Văn Lực đề nghị tăng mức hỗ trợ đoàn viên ốm đau;\n- Đồng chí Trần Thị Hoa đề nghị tổ chức tham quan.\n"
        "Chủ trì: tiếp thu ý kiến của các đại biểu, giao Ban Thường vụ xây dựng phương án trình kỳ họp tới.\n"
    )
    assert "Chủ trì: tiếp thu" in _paths_of(minutes, "bb.txt")[("II. Ý KIẾN CỦA CÁC ĐẠI BIỂU DỰ HỌP",)]
    # An answer's own referral is the answer's.
    qa = (
        "HỎI - ĐÁP\nVề bảo hiểm xã hội\nCâu hỏi 1: Làm sao để tôi biết Công ty đã đóng bảo hiểm xã hội đầy đủ?\n"
        "Trả lời: Người lao động có thể tra cứu quá trình đóng trên ứng dụng VssID.\n"
        "Người lao động có thắc mắc về thời gian đóng chưa được ghi nhận xin liên hệ cơ quan Bảo hiểm xã hội cấp huyện.\n"
    )
    assert "cơ quan Bảo hiểm xã hội cấp huyện" in _paths_of(qa, "hd.txt")[("Câu hỏi 1",)]
    # A colon right after the kind is no end of a name.
    plan = "Thông báo: lịch nghỉ Tết Nguyên đán Bính Ngọ năm 2026\nI. THỜI GIAN NGHỈ\nTừ ngày 14/02/2026 đến hết ngày 22/02/2026.\n"
    assert _doc(plan, "tb.txt").meta.short_name() == "Thông báo lịch nghỉ Tết Nguyên đán Bính Ngọ năm 2026"
