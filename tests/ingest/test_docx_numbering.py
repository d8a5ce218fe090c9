"""Word files whose "Điều N." / "1." / "a)" labels come from Word's automatic list numbering.

The documents are built here with python-docx: the text of a numbered paragraph holds no label,
the label is defined in word/numbering.xml (w:abstractNum / w:num) and referenced from the
paragraph's or its style's w:numPr. Every snippet is invented for the test. No model is needed.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import docx.document
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from ingest.chunking import chunk_document
from ingest.document import citation
from ingest.docx_numbering import DocxNumbering, format_number
from ingest.loaders import load_bytes
from ingest.pipeline import read_document
from tests.ingest.helpers import docx_bytes

W = nsdecls("w")
LAWS_DOCX = Path("/work/shared/external/laws-docx")


def lvl(ilvl: int, text: str, fmt: str = "decimal", start: int = 1, extra: str = "") -> str:
    # Children in the schema's order: start, numFmt, lvlRestart, pStyle, isLgl, lvlText.
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


def add_abstract(d: docx.document.Document, abstract_id: int, *levels: str, extra: str = "") -> None:
    numbering = d.part.numbering_part.element
    abstract = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{extra}{"".join(levels)}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))  # abstract definitions come before the instances
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)


def add_num(d: docx.document.Document, num_id: int, abstract_id: int, overrides: str = "") -> None:
    d.part.numbering_part.element.append(
        parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>')
    )


def start_override(ilvl: int, start: int) -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'


def numbered(d: docx.document.Document, text: str, num_id: int | str, ilvl: int | str | None = 0,
             bold: bool = False, style: str | None = None) -> None:  # fmt: skip
    p = d.add_paragraph(style=style)
    p.add_run(text).bold = bold or None
    numpr = parse_xml(
        f"<w:numPr {W}>"
        + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "")
        + f'<w:numId w:val="{num_id}"/></w:numPr>'
    )
    p._p.get_or_add_pPr().append(numpr)


def blocks(data: bytes) -> list[str]:
    return load_bytes(data, "a.docx").text.split("\n\n")


# --------------------------------------------------------------------------
# A collective labour agreement numbered by Word


LEGAL = 90  # abstract: Điều %1. › %2. › %3)
POINTS = 91  # abstract: a one-level list of points, used twice


def agreement(d: docx.document.Document) -> None:
    add_abstract(d, LEGAL, lvl(0, "Điều %1."), lvl(1, "%2."), lvl(2, "%3)", "lowerLetter"))
    add_abstract(d, POINTS, lvl(0, "%1)", "lowerLetter"))
    add_abstract(d, 92, lvl(0, "", "bullet"))
    add_num(d, 90, LEGAL)
    add_num(d, 91, POINTS)
    add_num(d, 92, POINTS, start_override(0, 1))  # "Restart numbering" in Word: a new instance
    add_num(d, 93, 92)

    d.add_paragraph().add_run("THỎA ƯỚC LAO ĐỘNG TẬP THỂ").bold = True
    d.add_paragraph("Công ty Cổ phần Dệt may Sông Lam năm 2031")
    d.add_paragraph().add_run("Chương I").bold = True
    d.add_paragraph().add_run("QUY ĐỊNH CHUNG").bold = True
    numbered(d, "Phạm vi áp dụng", 90, 0, bold=True)
    d.add_paragraph("Thỏa ước này áp dụng cho mọi người lao động làm việc tại Công ty.")
    d.add_paragraph().add_run("Chương II").bold = True
    d.add_paragraph().add_run("TIỀN LƯƠNG VÀ PHỤ CẤP").bold = True
    numbered(d, "Tiền lương và phụ cấp", 90, 0, bold=True)
    numbered(d, "Công ty trả lương cho người lao động vào ngày 05 hằng tháng bằng chuyển khoản.", 90, 1)
    numbered(d, "Người lao động được hưởng các khoản phụ cấp sau đây:", 90, 1)
    numbered(d, "Phụ cấp nặng nhọc 300.000 đồng mỗi tháng cho công nhân xưởng nhuộm;", 90, 2)
    numbered(d, "Phụ cấp nhà trọ 500.000 đồng mỗi tháng cho người lao động thuê nhà;", 90, 2)
    numbered(d, "Phụ cấp con nhỏ 200.000 đồng mỗi tháng cho mỗi con dưới 6 tuổi.", 90, 2)
    numbered(d, "Thời giờ nghỉ ngơi", 90, 0, bold=True)
    numbered(d, "Người lao động được nghỉ thêm 01 ngày có hưởng lương khi kết hôn lần đầu.", 90, 1)
    numbered(d, "Người lao động được hỗ trợ khi ốm đau:", 90, 1)
    numbered(d, "Thăm hỏi 500.000 đồng khi nằm viện;", 91, 0)
    numbered(d, "Hỗ trợ tiền tàu xe khi điều trị ở tuyến trên.", 91, 0)
    numbered(d, "Người lao động có con nhỏ được hỗ trợ:", 90, 1)
    numbered(d, "Tiền gửi trẻ 300.000 đồng mỗi tháng;", 92, 0)
    numbered(d, "Quà Tết Thiếu nhi 01 tháng 6.", 92, 0)
    d.add_paragraph("Khi nghỉ, người lao động phải:")
    numbered(d, "báo trước cho tổ trưởng;", 93, 0)
    numbered(d, "bàn giao công việc đang làm.", 93, 0)


def test_agreement_labels_are_rendered_as_word_shows_them() -> None:
    assert blocks(docx_bytes(agreement)) == [
        "**THỎA ƯỚC LAO ĐỘNG TẬP THỂ**",
        "Công ty Cổ phần Dệt may Sông Lam năm 2031",
        "**Chương I**",
        "**QUY ĐỊNH CHUNG**",
        "**Điều 1. Phạm vi áp dụng**",  # the label sits inside the bold heading hint
        "Thỏa ước này áp dụng cho mọi người lao động làm việc tại Công ty.",
        "**Chương II**",
        "**TIỀN LƯƠNG VÀ PHỤ CẤP**",
        "**Điều 2. Tiền lương và phụ cấp**",
        "1. Công ty trả lương cho người lao động vào ngày 05 hằng tháng bằng chuyển khoản.",
        "2. Người lao động được hưởng các khoản phụ cấp sau đây:",
        "a) Phụ cấp nặng nhọc 300.000 đồng mỗi tháng cho công nhân xưởng nhuộm;",
        "b) Phụ cấp nhà trọ 500.000 đồng mỗi tháng cho người lao động thuê nhà;",
        "c) Phụ cấp con nhỏ 200.000 đồng mỗi tháng cho mỗi con dưới 6 tuổi.",
        "**Điều 3. Thời giờ nghỉ ngơi**",  # counting goes on across the chapter
        "1. Người lao động được nghỉ thêm 01 ngày có hưởng lương khi kết hôn lần đầu.",  # restarted by Điều 3
        "2. Người lao động được hỗ trợ khi ốm đau:",
        "a) Thăm hỏi 500.000 đồng khi nằm viện;",
        "b) Hỗ trợ tiền tàu xe khi điều trị ở tuyến trên.",
        "3. Người lao động có con nhỏ được hỗ trợ:",
        "a) Tiền gửi trẻ 300.000 đồng mỗi tháng;",  # the second instance restarts at its override
        "b) Quà Tết Thiếu nhi 01 tháng 6.",
        "Khi nghỉ, người lao động phải:",
        "- báo trước cho tổ trưởng;",
        "- bàn giao công việc đang làm.",
    ]


def test_agreement_chunks_cite_article_clause_and_point() -> None:
    doc = read_document("thoa-uoc.docx", data=docx_bytes(agreement))
    chunks = chunk_document(doc)
    assert [c.path for c in chunks if c.path[0].startswith("Chương")] == [
        ("Chương I", "Điều 1"),
        ("Chương II", "Điều 2", "Khoản 1"),
        ("Chương II", "Điều 2", "Khoản 2"),  # a short khoản keeps its points a), b), c)
        ("Chương II", "Điều 3", "Khoản 1"),
        ("Chương II", "Điều 3", "Khoản 2"),
        ("Chương II", "Điều 3", "Khoản 3"),
    ]
    khoan = next(c for c in chunks if c.path[1:] == ("Điều 2", "Khoản 2"))
    assert "a) Phụ cấp nặng nhọc" in khoan.text and "b) Phụ cấp nhà trọ" in khoan.text
    name = doc.meta.short_name()
    assert name.lower().startswith("thỏa ước lao động tập thể")
    assert all(citation(doc.meta, c).startswith(name) for c in chunks)
    cited = citation(doc.meta, next(c for c in chunks if "kết hôn lần đầu" in c.text))
    assert cited == f"{name} › Chương II › Điều 3 › Khoản 1"


def test_long_clause_is_split_at_its_numbered_points() -> None:
    long = " ".join(["Mức hỗ trợ được chi từ quỹ phúc lợi của Công ty theo quy chế chi tiêu nội bộ."] * 6)

    def build(d: docx.document.Document) -> None:
        add_abstract(d, LEGAL, lvl(0, "Điều %1."), lvl(1, "%2."), lvl(2, "%3)", "lowerLetter"))
        add_num(d, 90, LEGAL)
        d.add_paragraph().add_run("NỘI QUY LAO ĐỘNG").bold = True
        numbered(d, "Phúc lợi", 90, 0, bold=True)
        numbered(d, "Người lao động được hưởng các chế độ phúc lợi sau đây:", 90, 1)
        numbered(d, f"Hỗ trợ khi sinh con. {long}", 90, 2)
        numbered(d, f"Hỗ trợ khi có người thân qua đời. {long}", 90, 2)

    doc = read_document("noi-quy.docx", data=docx_bytes(build))
    point = next(c for c in chunk_document(doc) if "người thân qua đời" in c.text)
    assert point.path == ("Điều 1", "Khoản 1", "Điểm b")
    assert citation(doc.meta, point).startswith(doc.meta.short_name() + " › Điều 1 › Khoản 1 › Điểm b")


# --------------------------------------------------------------------------
# Numbering through styles, levels that keep counting, formats


def test_numbering_from_the_paragraph_style_and_its_base_styles() -> None:
    def build(d: docx.document.Document) -> None:
        add_abstract(
            d, 94,
            lvl(0, "Điều %1.", extra='<w:pStyle w:val="DieuTU"/>'),
            lvl(1, "%2.", extra='<w:pStyle w:val="KhoanTU"/>'),
        )  # fmt: skip
        add_num(d, 94, 94)
        dieu = d.styles.add_style("DieuTU", WD_STYLE_TYPE.PARAGRAPH)
        dieu.font.bold = True
        dieu.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:numId w:val="94"/></w:numPr>'))
        khoan = d.styles.add_style("KhoanTU", WD_STYLE_TYPE.PARAGRAPH)
        khoan.element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="1"/><w:numId w:val="94"/></w:numPr>')
        )
        khoan_nghieng = d.styles.add_style("KhoanNghieng", WD_STYLE_TYPE.PARAGRAPH)
        khoan_nghieng.base_style = khoan  # inherits the numbering of its base style
        khoan_nghieng.font.italic = True
        d.add_paragraph("Tổ chức công đoàn cơ sở", style=dieu)  # level from the lvl linked to the style
        d.add_paragraph("Công đoàn cơ sở do đoàn viên bầu ra.", style=khoan)
        d.add_paragraph("Nhiệm kỳ của công đoàn cơ sở là 05 năm.", style=khoan_nghieng)
        p = d.add_paragraph("Ghi chú không đánh số.", style=khoan)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:numId w:val="0"/></w:numPr>'))  # numId 0: off
        d.add_paragraph("Quyền của đoàn viên", style=dieu)
        d.add_paragraph("Đoàn viên được công đoàn bảo vệ khi bị xâm phạm quyền lợi.", style=khoan)

    data = docx_bytes(build)
    assert blocks(data) == [
        "**Điều 1. Tổ chức công đoàn cơ sở**",
        "1. Công đoàn cơ sở do đoàn viên bầu ra.",
        "2. Nhiệm kỳ của công đoàn cơ sở là 05 năm.",
        "Ghi chú không đánh số.",
        "**Điều 2. Quyền của đoàn viên**",
        "1. Đoàn viên được công đoàn bảo vệ khi bị xâm phạm quyền lợi.",
    ]
    chunks = chunk_document(read_document("dieu-le.docx", data=data))
    assert [c.path for c in chunks] == [("Điều 1", "Khoản 1"), ("Điều 1", "Khoản 2"), ("Điều 2", "Khoản 1")]


def test_template_list_styles_number_and_bullet() -> None:
    """python-docx's own template numbers "List Number" and bullets "List Bullet" through its styles."""

    def build(d: docx.document.Document) -> None:
        d.add_paragraph("Chuẩn bị hồ sơ", style="List Number")
        d.add_paragraph("Nộp hồ sơ", style="List Number")
        d.add_paragraph("Nộp tại bộ phận một cửa", style="List Bullet")

    assert blocks(docx_bytes(build)) == ["1. Chuẩn bị hồ sơ", "2. Nộp hồ sơ", "- Nộp tại bộ phận một cửa"]


def test_plan_levels_legal_numbers_restart_rules_and_tables() -> None:
    def build(d: docx.document.Document) -> None:
        add_abstract(
            d, 95,
            lvl(0, "%1.", "upperRoman"),
            lvl(1, "%1.%2.", extra='<w:isLgl/>'),  # "1.1." under "I.", not "I.1."
            lvl(2, "(%3)", extra='<w:lvlRestart w:val="0"/>'),  # never restarts: (1) (2) | (3)
            lvl(3, "%4.", "decimalZero"),
        )  # fmt: skip
        add_num(d, 95, 95)
        numbered(d, "MỤC ĐÍCH, YÊU CẦU", 95, 0)
        numbered(d, "Mục đích", 95, 1)
        numbered(d, "Nâng cao nhận thức của đoàn viên.", 95, 2)
        numbered(d, "Phát huy vai trò của công đoàn.", 95, 2)
        numbered(d, "NỘI DUNG", 95, 0)
        numbered(d, "Tuyên truyền", 95, 1)
        numbered(d, "Tổ chức hội nghị chuyên đề.", 95, 2)
        numbered(d, "", 95, 3)  # an empty list item counts in Word as it does here
        numbered(d, "Hội nghị cấp tổ.", 95, 3)
        table = d.add_table(rows=1, cols=2)
        cell = table.cell(0, 0)
        cell._tc.remove(cell.paragraphs[0]._p)
        numbered(cell, "Trong bảng", 95, 1)  # a list can run through a table
        table.cell(0, 1).text = "Ghi chú"
        numbered(d, "Sau bảng", 95, 1)

    assert blocks(docx_bytes(build)) == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1.1. Mục đích",
        "(1) Nâng cao nhận thức của đoàn viên.",
        "(2) Phát huy vai trò của công đoàn.",
        "II. NỘI DUNG",
        "2.1. Tuyên truyền",
        "(3) Tổ chức hội nghị chuyên đề.",
        "02. Hội nghị cấp tổ.",
        "2.2. Trong bảng | Ghi chú",
        "2.3. Sau bảng",
    ]


def test_lists_of_one_definition_share_their_counters() -> None:
    """Two list instances of one abstract definition count on together unless one restarts."""

    def build(d: docx.document.Document) -> None:
        add_abstract(d, 80, lvl(0, "%1."))
        add_num(d, 80, 80)
        add_num(d, 81, 80)
        add_num(d, 82, 80, start_override(0, 5))
        numbered(d, "Khoản một", 80)
        numbered(d, "Khoản hai", 80)
        d.add_paragraph("Đoạn xen giữa.")
        numbered(d, "Khoản ba", 81)
        numbered(d, "Bắt đầu lại từ năm", 82)
        numbered(d, "Tiếp theo", 82)
        numbered(d, "Danh sách cũ đếm tiếp", 80)

    assert blocks(docx_bytes(build)) == [
        "1. Khoản một", "2. Khoản hai", "Đoạn xen giữa.", "3. Khoản ba",
        "5. Bắt đầu lại từ năm", "6. Tiếp theo", "7. Danh sách cũ đếm tiếp",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (4, "decimal", "4"), (7, "decimalZero", "07"), (12, "decimalZero", "12"),
        (2, "lowerLetter", "b"), (26, "lowerLetter", "z"), (27, "lowerLetter", "aa"), (54, "upperLetter", "BBB"),
        (14, "lowerRoman", "xiv"), (1999, "upperRoman", "MCMXCIX"),
        (3, "ordinal", "3"), (3, "vietnameseCounting", "3"), (0, "lowerLetter", "0"), (5, "none", ""),
    ],
)  # fmt: skip
def test_number_formats_follow_word(value: int, fmt: str, shown: str) -> None:
    assert format_number(value, fmt) == shown


# --------------------------------------------------------------------------
# Broken or missing definitions


def test_broken_definitions_give_no_label_and_never_fail() -> None:
    def build(d: docx.document.Document) -> None:
        add_abstract(d, 96, lvl(0, "%1."), '<w:lvl w:ilvl="x"><w:start w:val="y"/></w:lvl>', lvl(2, "%9%3)"))
        add_abstract(d, 97, extra='<w:numStyleLink w:val="KhongCo"/>')
        add_num(d, 96, 96)
        add_num(d, 97, 97)  # links to a numbering style that does not exist
        add_num(d, 98, 404)  # an abstract definition that does not exist
        numbered(d, "Khoản đúng", 96, 0)
        numbered(d, "Cấp không định nghĩa", 96, 5)
        numbered(d, "Cấp không đọc được", 96, "x")  # treated as numbered through the style: level 0
        numbered(d, "Mã danh sách lạ", 12345, 0)
        numbered(d, "Mã không phải số", "abc", 0)
        numbered(d, "Liên kết style hỏng", 97, 0)
        numbered(d, "Định nghĩa thiếu", 98, 0)
        numbered(d, "Cấp 3 tham chiếu cấp thiếu", 96, 2)

    assert blocks(docx_bytes(build)) == [
        "1. Khoản đúng",
        "Cấp không định nghĩa",
        "2. Cấp không đọc được",
        "Mã danh sách lạ",
        "Mã không phải số",
        "Liên kết style hỏng",
        "Định nghĩa thiếu",
        "1) Cấp 3 tham chiếu cấp thiếu",  # %9 is undefined and shows nothing
    ]


def test_numbering_style_link_is_followed() -> None:
    def build(d: docx.document.Document) -> None:
        style = d.styles.add_style("DanhSachDieu", WD_STYLE_TYPE.PARAGRAPH)  # type is cosmetic here
        style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:numId w:val="70"/></w:numPr>'))
        add_abstract(d, 70, lvl(0, "Điều %1."), extra='<w:styleLink w:val="DanhSachDieu"/>')
        add_abstract(d, 71, extra='<w:numStyleLink w:val="DanhSachDieu"/>')
        add_num(d, 70, 70)
        add_num(d, 71, 71)
        numbered(d, "Phạm vi", 71, 0)
        numbered(d, "Đối tượng", 71, 0)

    assert blocks(docx_bytes(build)) == ["Điều 1. Phạm vi", "Điều 2. Đối tượng"]


def test_a_word_file_without_a_numbering_part() -> None:
    def build(d: docx.document.Document) -> None:
        numbered(d, "Không có numbering.xml", 1, 0)
        d.add_paragraph("Đoạn thường")

    source = docx_bytes(build)
    stripped = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(stripped, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "word/numbering.xml":
                continue
            if item.filename == "word/_rels/document.xml.rels":
                body = _rels_without_numbering(body)
            dst.writestr(item, body)
    document = docx.Document(stripped)
    assert DocxNumbering(document).label(document.paragraphs[0]._p, None) == ""
    with zipfile.ZipFile(stripped) as zf:
        assert "word/numbering.xml" not in zf.namelist()
    assert blocks(stripped.getvalue()) == ["Không có numbering.xml", "Đoạn thường"]
    assert blocks(source)[0] == "- Không có numbering.xml"  # the template's list 1 is a bullet list


def _rels_without_numbering(rels: bytes) -> bytes:
    root = etree.fromstring(rels)
    for rel in list(root):
        if rel.get("Type", "").endswith("/numbering"):
            root.remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------
# The real Word laws use no list numbering: they read exactly as without it


@pytest.mark.parametrize("name", sorted(p.name for p in LAWS_DOCX.glob("*.docx")) if LAWS_DOCX.exists() else [])
def test_real_laws_are_unchanged_by_numbering(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.ingest.test_loaders import real_docx  # cached: the loader tests read the same files

    with_numbering = real_docx(name).text
    monkeypatch.setattr(DocxNumbering, "label", lambda self, p, style_id: "")
    without = load_bytes((LAWS_DOCX / name).read_bytes(), name).text
    assert with_numbering == without
