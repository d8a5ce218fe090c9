"""Tests for ingest.loaders: every format, every encoding path, every refusal."""

from __future__ import annotations

import functools
import io
import random
import time
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from fpdf import FPDF

from ingest.loaders import MAX_BYTES, SUPPORTED_SUFFIXES, LoadedText, LoadError, load_bytes, load_file
from tests.ingest.helpers import docx_bytes

LAWS_DOCX = Path("/work/shared/external/laws-docx")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

VIET = "Điều 105. Thời giờ làm việc bình thường không quá 08 giờ trong 01 ngày; người lao động được nghỉ."
VIET_2 = "Khoản 2: Người sử dụng lao động có quyền quy định thời giờ làm việc theo ngày hoặc tuần (ưu tiên, đặc thù)."

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # the five Vietnamese tones


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def cp1258_bytes(text: str) -> bytes:
    """Encode like legacy Vietnamese software: precomposed letters where cp1258 has
    them ('ơ', 'â', 'đ', 'à'…), otherwise base letter + combining tone mark ('ờ' = 'ơ' + U+0300)."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = nfc("".join(c for c in parts if c not in _TONE_MARKS))
            tones = "".join(c for c in parts if c in _TONE_MARKS)
            out += (base + tones).encode("cp1258")
    return bytes(out)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def load_error(path_or_data: Path | bytes, name: str = "", **kwargs: int) -> LoadError:
    with pytest.raises(LoadError) as info:
        if isinstance(path_or_data, Path):
            load_file(path_or_data, **kwargs)
        else:
            load_bytes(path_or_data, name, **kwargs)
    return info.value


# --------------------------------------------------------------------------
# LoadError, refusals common to all formats


def test_load_error_str_and_fields() -> None:
    plain = LoadError(Path("/tmp/a/b.txt"), "tệp rỗng")
    assert str(plain) == "b.txt: tệp rỗng"
    assert (plain.path, plain.reason, plain.detail) == (Path("/tmp/a/b.txt"), "tệp rỗng", "")
    detailed = LoadError(Path("c.pdf"), "tệp quá lớn", "60.0 MB, tối đa 50.0 MB")
    assert str(detailed) == "c.pdf: tệp quá lớn (60.0 MB, tối đa 50.0 MB)"


def test_constants() -> None:
    assert sorted(SUPPORTED_SUFFIXES) == [".docx", ".htm", ".html", ".md", ".pdf", ".txt"]
    assert MAX_BYTES == 50 * 1024 * 1024


@pytest.mark.parametrize("name", ["bang.xlsx", "cu.doc", "khong_duoi"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    err = load_error(write(tmp_path, name, b"abc"))
    assert err.reason == "định dạng không hỗ trợ"
    assert ".docx" in err.detail and ".pdf" in err.detail


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    assert load_file(write(tmp_path, "A.TXT", b"xin chao")).format == "txt"


@pytest.mark.parametrize("name", ["a.txt", "a.docx", "a.pdf", "a.html"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    assert load_error(write(tmp_path, name, b"")).reason == "tệp rỗng"


def test_whitespace_only_file(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, "a.txt", " \r\n\t \n\u00a0".encode()))
    assert err.reason == "tệp không có nội dung chữ"


def test_missing_file(tmp_path: Path) -> None:
    assert load_error(tmp_path / "khong_co.txt").reason == "không tìm thấy tệp"


def test_size_limit(tmp_path: Path) -> None:
    data = ("Điều 1. " * 200).encode()
    err = load_error(write(tmp_path, "a.txt", data), max_bytes=1000)
    assert err.reason == "tệp quá lớn" and "MB" in err.detail
    assert load_error(data, "a.txt", max_bytes=1000).reason == "tệp quá lớn"
    assert load_bytes(data, "a.txt", max_bytes=len(data)).text.startswith("Điều 1.")


def test_oversized_file_refused_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "lon.pdf"
    with path.open("wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: takes no disk space
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("file was opened"))
    start = time.perf_counter()
    err = load_error(path)
    assert time.perf_counter() - start < 0.5
    assert err.reason == "tệp quá lớn"
    assert "51.0 MB" in err.detail and "50.0 MB" in err.detail


# --------------------------------------------------------------------------
# Plain text and encodings


def test_utf8_txt_and_md(tmp_path: Path) -> None:
    loaded = load_file(write(tmp_path, "a.txt", f"{VIET}\r\n\r\n{VIET_2}\r\n".encode()))
    assert loaded == LoadedText(text=f"{VIET}\n\n{VIET_2}\n", format="txt", warnings=())
    assert load_file(write(tmp_path, "a.md", b"# Ti\xc3\xaau \xc4\x91\xe1\xbb\x81")).format == "md"


def test_utf8_bom(tmp_path: Path) -> None:
    loaded = load_file(write(tmp_path, "a.txt", b"\xef\xbb\xbf" + VIET.encode()))
    assert loaded.text == VIET


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])  # "utf-16" writes a BOM
def test_utf16(tmp_path: Path, codec: str) -> None:
    text = f"{VIET}\n{VIET_2}\n"
    loaded = load_file(write(tmp_path, "a.txt", text.encode(codec)))
    assert loaded.text == text and loaded.warnings == ()


def test_cp1258(tmp_path: Path) -> None:
    data = cp1258_bytes(f"{VIET}\n{VIET_2}")
    assert data.decode("cp1258") != f"{VIET}\n{VIET_2}"  # the fixture really uses combining tones
    loaded = load_file(write(tmp_path, "a.txt", data))
    assert nfc(loaded.text) == f"{VIET}\n{VIET_2}"
    assert any("Windows-1258" in w for w in loaded.warnings)


def test_mostly_utf8_with_a_stray_byte_stays_utf8() -> None:
    data = VIET.encode() + b" \xff " + VIET_2.encode()
    loaded = load_bytes(data, "a.txt")
    assert loaded.text == f"{VIET} \ufffd {VIET_2}"
    assert loaded.warnings


def test_binary_renamed_txt() -> None:
    rng = random.Random(0)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(2000))
    assert load_error(png, "anh.txt").reason == "tệp nhị phân, không phải văn bản"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.bin", bytes(range(256)) * 4)
    assert load_error(archive.getvalue(), "nen.md").reason == "tệp nhị phân, không phải văn bản"


# --------------------------------------------------------------------------
# HTML

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>Tiêu đề trang</title>
<style>p {{ color: red }}</style><script>var bimat = "không được hiện";</script></head>
<body>
<header>Đầu trang web</header><nav><a href="/">Trang chủ</a></nav>
<h1>Chương I  QUY ĐỊNH CHUNG</h1>
<h2>Điều 1. <i>Phạm vi</i> điều chỉnh</h2>
<p>Luật này quy định <b>chính sách</b> việc làm.<br>Dòng sau thẻ br.</p>
<!-- ghi chú ẩn -->
<ul><li>a) Người lao động;</li><li>b) Người sử dụng lao động.</li></ul>
<div>Đoạn trong div<div>div lồng nhau</div></div>
<table><tr><th>Vùng</th><th>Mức lương</th></tr><tr><td>Vùng I</td><td>4.960.000</td></tr></table>
<script>document.write("mã độc")</script><noscript>bật JavaScript</noscript>
<footer>Chân trang</footer>
</body></html>"""


def test_html_structure(tmp_path: Path) -> None:
    loaded = load_file(write(tmp_path, "a.html", HTML_PAGE.format(charset="utf-8").encode()))
    assert loaded.format == "html"
    assert loaded.text.split("\n\n") == [
        "**Chương I QUY ĐỊNH CHUNG**",
        "**Điều 1. Phạm vi điều chỉnh**",
        "Luật này quy định chính sách việc làm.\nDòng sau thẻ br.",
        "a) Người lao động;",
        "b) Người sử dụng lao động.",
        "Đoạn trong div",
        "div lồng nhau",
        "Vùng | Mức lương",
        "Vùng I | 4.960.000",
    ]
    hidden = ["bimat", "mã độc", "color", "Trang chủ", "Đầu trang", "Chân trang", "JavaScript", "ghi chú"]
    assert [h for h in hidden if h in loaded.text] == []


# A company's internal rules saved from a web editor: the browser numbers the <ol> items, the
# text does not hold the numbers (written for this test).
HTML_ORDERED = """<html><body>
<h2>NỘI QUY LAO ĐỘNG</h2>
<h3>Điều 4. Thời giờ làm việc</h3>
<ol>
<li>Thời giờ làm việc bình thường không quá 08 giờ trong 01 ngày.</li>
<li>Người lao động được nghỉ giữa giờ như sau:
  <ol type="a"><li>Ca ngày: 60 phút;</li><li>Ca đêm: 45 phút.</li></ol></li>
<li value="5">Làm thêm giờ phải có sự đồng ý của người lao động.</li>
<li>Nghỉ hằng tuần vào ngày Chủ nhật.</li>
</ol>
<ol start="3" type="I"><li>Điều khoản thi hành</li></ol>
<ol reversed><li>ba</li><li>hai</li><li>một</li></ol>
<ol><li>1. Mục đã tự ghi số.</li></ol>
<h3>Điều 5. Nghỉ phép</h3>
<ol><li><p>Nghỉ hằng năm 12 ngày.</p></li><li></li><li><p></p><p>Nghỉ lễ theo quy định.</p></li></ol>
</body></html>"""


def test_html_ordered_lists_keep_the_numbers_the_browser_shows() -> None:
    text = load_bytes(HTML_ORDERED.encode(), "noi-quy.html").text
    blocks = text.split("\n\n")
    assert "1. Thời giờ làm việc bình thường không quá 08 giờ trong 01 ngày." in blocks
    assert "2. Người lao động được nghỉ giữa giờ như sau:" in blocks
    assert "a. Ca ngày: 60 phút;" in blocks and "b. Ca đêm: 45 phút." in blocks
    assert "5. Làm thêm giờ phải có sự đồng ý của người lao động." in blocks
    assert "6. Nghỉ hằng tuần vào ngày Chủ nhật." in blocks
    assert "III. Điều khoản thi hành" in blocks
    assert [b for b in blocks if b.endswith(("ba", "hai", "một"))] == ["3. ba", "2. hai", "1. một"]
    assert "1. Mục đã tự ghi số." in blocks  # not "1. 1. …"
    # Items whose text is in a <p> (web editors, Word's HTML); an empty item passes nothing on.
    after = blocks[blocks.index("**Điều 5. Nghỉ phép**") + 1 :]
    assert after[:2] == ["1. Nghỉ hằng năm 12 ngày.", "3. Nghỉ lễ theo quy định."]


def test_html_ordered_list_clauses_reach_the_clause_path() -> None:
    from ingest.chunking import chunk_document
    from ingest.pipeline import read_document

    doc = read_document("noi-quy.html", data=HTML_ORDERED.encode())
    paths = {c.path for c in chunk_document(doc)}
    assert any(p[-2:] == ("Điều 4", "Khoản 5") for p in paths), paths
    assert any(p[-2:] == ("Điều 5", "Khoản 3") for p in paths), paths


def test_html_meta_charset_cp1258(tmp_path: Path) -> None:
    page = HTML_PAGE.format(charset="windows-1258")
    loaded = load_file(write(tmp_path, "a.htm", cp1258_bytes(page)))
    assert loaded.format == "html"
    assert "**Điều 1. Phạm vi điều chỉnh**" in nfc(loaded.text)
    assert loaded.warnings == ()  # declared, not guessed


def test_html_without_charset_is_detected() -> None:
    page = "<p>" + VIET + "</p>"
    assert nfc(load_bytes(cp1258_bytes(page), "a.html").text) == VIET
    assert load_bytes(page.encode("utf-16"), "a.html").text == VIET


def test_html_without_text() -> None:
    err = load_error(b"<html><script>x = 1</script><p> </p></html>", "a.html")
    assert err.reason == "tệp không có nội dung chữ"


# --------------------------------------------------------------------------
# Word: generated documents


def test_docx_bold_headings_and_order() -> None:
    def build(d: docx.document.Document) -> None:
        d.add_paragraph().add_run("Chương I").bold = True
        p = d.add_paragraph()
        p.add_run("Điều 1. ").bold = True
        p.add_run(" ")  # a space-only run does not break "all bold"
        p.add_run("Phạm vi").bold = True
        d.add_heading("Mục 1 (style Heading)", level=2)
        p = d.add_paragraph("1. Khoản có ")
        p.add_run("một chữ đậm").bold = True
        p.add_run(" nên không phải tiêu đề.")
        strong = d.styles.add_style("Đậm", WD_STYLE_TYPE.PARAGRAPH)
        strong.font.bold = True
        d.add_paragraph("Đậm theo style", style=strong)
        d.add_paragraph("   ")  # empty paragraphs vanish
        p = d.add_paragraph("Nơi nhận:")
        p.add_run().add_break()
        p.add_run("- Như trên;")

    text = load_bytes(docx_bytes(build), "a.docx").text
    assert text.split("\n\n") == [
        "**Chương I**",
        "**Điều 1.  Phạm vi**",
        "**Mục 1 (style Heading)**",
        "1. Khoản có một chữ đậm nên không phải tiêu đề.",
        "**Đậm theo style**",
        "Nơi nhận:\n- Như trên;",  # a soft line break stays a single newline
    ]


def test_docx_table_in_order_with_merged_cells() -> None:
    def build(d: docx.document.Document) -> None:
        d.add_paragraph("Trước bảng")
        table = d.add_table(rows=3, cols=3)
        table.cell(0, 0).merge(table.cell(0, 1)).text = "Gộp ngang"
        table.cell(0, 2).text = "C"
        table.cell(1, 0).merge(table.cell(2, 0)).text = "Gộp dọc"
        table.cell(1, 1).text = "x"
        table.cell(2, 1).text = "y"
        table.cell(2, 2).text = "z"
        d.add_paragraph("Sau bảng")

    text = load_bytes(docx_bytes(build), "a.docx").text
    assert text == "Trước bảng\n\nGộp ngang | C\nGộp dọc | x\ny | z\n\nSau bảng"


def test_docx_header_table_is_read_line_by_line() -> None:
    """The header block of an official document is a two-column table whose cells hold several
    paragraphs (or soft line breaks): each stays a line, beside the other cell's line of the same
    rank, so that "Số: …" opens a line as in a PDF. A data table in the body keeps one line per row."""

    def build(d: docx.document.Document) -> None:
        d.add_paragraph("")  # an empty paragraph above the header is no body text yet
        header = d.add_table(rows=1, cols=2)
        left = header.cell(0, 0)
        left.text = "LIÊN ĐOÀN LAO ĐỘNG HUYỆN ĐÔNG ANH"
        for text in ("CÔNG ĐOÀN CƠ SỞ XÃ VÂN HÀ", "-------", "Số: 07/QĐ-CĐCS"):
            left.add_paragraph(text)
        motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        header.cell(0, 1).text = f"{motto}\nVân Hà, ngày 02 tháng 6 năm 2025"  # soft line breaks
        d.add_paragraph("QUYẾT ĐỊNH")
        body = d.add_table(rows=1, cols=2)
        body.cell(0, 0).text = "Đoàn viên sinh con"
        body.cell(0, 1).text = "500.000 đồng"
        body.cell(0, 1).add_paragraph("mỗi lần")

    text = load_bytes(docx_bytes(build), "a.docx").text
    assert text.split("\n\n") == [
        "LIÊN ĐOÀN LAO ĐỘNG HUYỆN ĐÔNG ANH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "CÔNG ĐOÀN CƠ SỞ XÃ VÂN HÀ | Độc lập - Tự do - Hạnh phúc\n"
        "Số: 07/QĐ-CĐCS | Vân Hà, ngày 02 tháng 6 năm 2025",
        "QUYẾT ĐỊNH",
        "Đoàn viên sinh con | 500.000 đồng mỗi lần",
    ]


def test_a_data_table_opening_a_docx_keeps_one_line_per_row() -> None:
    """A plan or form that starts with its data table (three columns, no number, motto or date)
    is not a header block: its rows stay whole."""

    def build(d: docx.document.Document) -> None:
        table = d.add_table(rows=2, cols=3)
        for i, (task, when) in enumerate((("Tổ chức hội nghị", "Tháng 6"), ("Kiểm tra", "Thường xuyên"))):
            table.cell(i, 0).text = str(i + 1)
            table.cell(i, 1).text = task
            table.cell(i, 1).add_paragraph("Thành phần: BCH")
            table.cell(i, 2).text = when

    text = load_bytes(docx_bytes(build), "a.docx").text
    assert text.split("\n") == [
        "1 | Tổ chức hội nghị Thành phần: BCH | Tháng 6",
        "2 | Kiểm tra Thành phần: BCH | Thường xuyên",
    ]


def test_docx_runs_outside_plain_paragraph_children() -> None:
    """Text in hyperlinks, tracked insertions and content controls is kept; tracked deletions are not."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

    def build(d: docx.document.Document) -> None:
        body = d.element.body
        body.append(parse_xml(
            f'<w:p {w} {r}><w:r><w:t xml:space="preserve">Xem </w:t></w:r>'
            '<w:hyperlink r:id="rId99"><w:r><w:t>Điều 5</w:t></w:r></w:hyperlink>'
            '<w:del w:id="1" w:author="a"><w:r><w:delText> đã xoá</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="a"><w:r><w:t xml:space="preserve"> mới thêm</w:t></w:r></w:ins></w:p>'
        ))  # fmt: skip
        body.append(parse_xml(
            f'<w:sdt {w}><w:sdtPr/><w:sdtContent><w:p><w:r><w:rPr><w:b/></w:rPr>'
            '<w:t>Trong content control</w:t></w:r></w:p></w:sdtContent></w:sdt>'
        ))  # fmt: skip

    text = load_bytes(docx_bytes(build), "a.docx").text
    assert text == "Xem Điều 5 mới thêm\n\n**Trong content control**"


def test_corrupt_docx() -> None:
    reason = "tệp Word bị hỏng hoặc không đọc được"
    assert load_error(b"this is not a zip file at all", "a.docx").reason == reason
    good = docx_bytes(lambda d: d.add_paragraph("x"))
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            dst.writestr(item, b"<w:document><unclosed" if item.filename == "word/document.xml" else body)
    assert load_error(broken.getvalue(), "a.docx").reason == reason
    assert load_error(good[: len(good) // 2], "a.docx").reason == reason


# --------------------------------------------------------------------------
# Word: the real law files


@functools.cache  # several tests read the same law
def real_docx(name: str) -> LoadedText:
    path = LAWS_DOCX / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    return load_file(path)


@pytest.mark.parametrize(
    "name",
    [
        "12_2022_ND-CP_m_479312.docx",
        "145_2020_ND-CP_m_459400.docx",
        "293_2025_ND-CP_m_665866.docx",
        "41_2024_BHXH.docx",
        "45_2019_LD.docx",
        "74_2025_VL.docx",
        "84_2015_ATVSLD.docx",
    ],
)
def test_real_docx_loads(name: str) -> None:
    loaded = real_docx(name)
    assert loaded.format == "docx"
    # 145/2020 ends with its appendix forms embedded as an OLE .docx, which is not read.
    embedded = ("có 1 đối tượng nhúng (tệp/bảng tính đính kèm), nội dung của chúng không được đọc",)
    assert loaded.warnings == (embedded if name.startswith("145_") else ())
    assert len(loaded.text) > 5000
    assert "**Điều 1. " in loaded.text  # article headings are literal text in bold runs
    # The header block (issuer | national motto) is a layout table, first in the body.
    assert loaded.text.startswith(("QUỐC HỘI", "CHÍNH PHỦ"))
    assert " | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in loaded.text.split("\n")[0]


def test_real_docx_labour_code() -> None:
    text = real_docx("45_2019_LD.docx").text
    assert "**Điều 105. Thời giờ làm việc bình thường**" in text
    assert "1. Thời giờ làm việc bình thường không quá 08 giờ trong 01 ngày" in text
    assert text.index("**Chương I**") < text.index("**Điều 1. Phạm vi điều chỉnh**") < text.index("Điều 105")
    assert "**BỘ LUẬT\nLAO ĐỘNG**" in text  # title with a manual line break
    assert "\n\na) " in text  # points are their own paragraphs


def test_real_docx_tables_keep_their_place() -> None:
    wages = real_docx("293_2025_ND-CP_m_665866.docx").text
    assert "Vùng I | 5.310.000 | 25.500" in wages
    assert wages.index("Điều 3. Mức lương tối thiểu") < wages.index("Vùng I | ") < wages.index("Điều 4.")
    overtime = real_docx("145_2020_ND-CP_m_459400.docx").text
    formula = overtime.index("Tiền lương làm thêm giờ | = |")
    assert overtime.index("**Điều 55. ") < formula < overtime.index("**Điều 56. ")


# --------------------------------------------------------------------------
# PDF


def pdf_bytes(pages: list[str | None], **encryption: str) -> bytes:
    """A PDF with DejaVu-embedded text; None makes an image-only page (a filled rectangle)."""
    pdf = FPDF()
    pdf.add_font("dejavu", fname=str(DEJAVU))
    pdf.set_font("dejavu", size=12)
    if encryption:
        pdf.set_encryption(**encryption)
    for page in pages:
        pdf.add_page()
        if page is None:
            pdf.rect(20, 20, 120, 80, style="F")
        else:
            pdf.multi_cell(0, 8, page)
    return bytes(pdf.output())


def test_pdf_vietnamese_round_trip(tmp_path: Path) -> None:
    loaded = load_file(write(tmp_path, "a.pdf", pdf_bytes([VIET, VIET_2])))
    assert loaded.format == "pdf" and loaded.warnings == ()
    page_1, page_2 = loaded.text.split("\n\n")
    # multi_cell wraps long lines: a PDF keeps its visual line breaks.
    assert page_1.replace("\n", " ") == VIET and page_2.replace("\n", " ") == VIET_2
    assert nfc(loaded.text) == loaded.text  # pypdf gives precomposed letters for DejaVu text


def test_pdf_image_page_warns() -> None:
    loaded = load_bytes(pdf_bytes([None, VIET]), "a.pdf")
    assert loaded.text.replace("\n", " ") == VIET
    assert loaded.warnings == ("trang 1 không có lớp chữ (cần OCR), đã bỏ qua",)


def test_pdf_scanned_only() -> None:
    err = load_error(pdf_bytes([None, None]), "a.pdf")
    assert err.reason == "PDF không có lớp chữ (bản quét) — cần OCR trước khi đưa vào"


def test_pdf_corrupt() -> None:
    good = pdf_bytes([VIET])
    reason = "tệp PDF bị hỏng hoặc không đọc được"
    assert load_error(good[: len(good) // 2], "a.pdf").reason == reason
    rng = random.Random(1)
    garbage = b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(3000))
    assert load_error(garbage, "a.pdf").reason == reason


def test_pdf_passwords() -> None:
    # An owner password only restricts printing/copying: it opens with an empty password.
    assert load_bytes(pdf_bytes([VIET], owner_password="chu"), "a.pdf").text.replace("\n", " ") == VIET
    locked = pdf_bytes([VIET], owner_password="chu", user_password="khach")
    assert load_error(locked, "a.pdf").reason == "PDF được bảo vệ bằng mật khẩu"


def test_a_data_tables_rows_keep_their_columns():
    def build(document):
        document.add_paragraph("Bảng kiểm tra")
        table = document.add_table(rows=4, cols=4)
        for r, cells in enumerate((("STT", "Nội dung", "Có", "Không"), ("1", "Có thỏa ước", "x", ""),
                                   ("2", "Có quy chế dân chủ", "", "x"), ("3", "Đóng kinh phí", "x", "x"))):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text

    text = load_bytes(docx_bytes(build), "bk.docx").text
    assert "1 | Có thỏa ước | x" in text.splitlines()
    assert "2 | Có quy chế dân chủ |  | x" in text.splitlines()
    assert "3 | Đóng kinh phí | x | x" in text.splitlines()


def test_a_lone_number_inside_a_pdf_page_is_a_rows_not_the_pages():
    from ingest.loaders import _row_numbers_kept

    page = ["TT 09/2026", "Điều 15. Tỷ lệ hưởng", "STT Trường hợp Tỷ lệ", "1 Ốm đau thông thường 75%",
            "2", "Bệnh dài ngày 65%", "3", "Thai sản 100%", "Ghi chú: …", "7"]
    kept, last = _row_numbers_kept(page)
    assert "2 Bệnh dài ngày 65%" in kept and last == 3 and "3 Thai sản 100%" in kept
    assert kept[-1] == "7"  # the page's number, at its foot, is left to be dropped
    # The table goes on over the page break: its next row is numbered on.
    next_page, _ = _row_numbers_kept(["TT 09/2026", "Bảng 1 (tiếp)", "4", "Dưỡng sức 30%", "Điều 16.", "8"], last)
    assert "4 Dưỡng sức 30%" in next_page


def test_a_lone_number_that_does_not_follow_the_rows_is_not_joined():
    from ingest.loaders import _row_numbers_kept

    page = ["Nghị định 12", "Điều 5. Mức phạt", "1 Từ 01 đến 10 người", "5", "2", "Từ 11 đến 50 người", "10",
            "20", "Điều 6. Hiệu lực thi hành", "Nghị định này có hiệu lực từ ngày ký.", "Trang 2"]
    kept, _ = _row_numbers_kept(page)
    assert "2 Từ 11 đến 50 người" in kept
    assert "Điều 6. Hiệu lực thi hành" in kept and "5" in kept and "20" in kept
