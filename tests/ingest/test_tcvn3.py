"""Documents typed with the .VnTime fonts (TCVN3) are read as Vietnamese, with a warning.

The TCVN3 snippets are written as such files show in a Unicode viewer (as Latin-1), by hand, not
produced with index code; the expected Unicode is typed separately.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ingest.chunking import chunk_document
from ingest.document import citation
from ingest.loaders import TCVN3_CONVERTED, load_bytes
from ingest.pipeline import read_document
from ingest.tcvn3 import looks_like_tcvn3, to_unicode
from tests.ingest.helpers import docx_bytes

LAW_TCVN3 = """QUèC HéI
Sè: 12/2012/QH13
CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM
§éc lËp - Tù do - H¹nh phóc

LUËT
C¤NG §OµN

Ch\u00ad¬ng I
NH÷NG QUY §ÞNH CHUNG

§iÒu 1. VÞ trÝ, vai trß cña C«ng ®oµn
C«ng ®oµn lµ tæ chøc chÝnh trÞ - x· héi réng lín cña giai cÊp c«ng nh©n vµ cña ng\u00adêi lao ®éng.

§iÒu 2. Quy\u00aden c«ng ®oµn
1. Ng\u00adêi lao ®éng lµ ng\u00adêi ViÖt Nam lµm viÖc trong c¬ quan, tæ chøc, doanh nghiÖp cã quyÒn thµnh lËp, gia nhËp vµ ho¹t ®éng c«ng ®oµn.
2. Tr×nh tù, thñ tôc gia nhËp C«ng ®oµn do §iÒu lÖ C«ng ®oµn ViÖt Nam quy ®Þnh.
"""

LAW_UNICODE_LINES = [
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Chương I",
    "NHỮNG QUY ĐỊNH CHUNG",
    "Điều 1. Vị trí, vai trò của Công đoàn",
    "1. Người lao động là người Việt Nam làm việc trong cơ quan, tổ chức, doanh nghiệp có quyền thành lập, "
    "gia nhập và hoạt động công đoàn.",
]


def test_a_tcvn3_text_reads_as_vietnamese() -> None:
    assert looks_like_tcvn3(LAW_TCVN3)
    converted = to_unicode(LAW_TCVN3).split("\n")
    for line in LAW_UNICODE_LINES:
        assert line in converted
    # A number line is not a capitals line: "Số" keeps its case.
    assert "Số: 12/2012/QH13" in converted


def test_unicode_vietnamese_is_never_taken_for_tcvn3() -> None:
    # More signature codes than the minimum, among far more letters only Unicode Vietnamese has.
    text = "\n".join(LAW_UNICODE_LINES) * 5 + "\nGiá trị © 2024 ® § « » µ ¶ · ¹" * 3
    assert not looks_like_tcvn3(text)
    assert not looks_like_tcvn3("Hà Nội, ngày 20 tháng 6 năm 2012. Ông Phạm Văn Đồng, bà Trần Thị Mỹ Ánh.")


def test_other_texts_with_the_same_codes_are_not_tcvn3() -> None:
    # French quotes and cedillas; Vietnamese typed without accents, bulleted with "·".
    assert not looks_like_tcvn3("La liberté syndicale « est garantie » ; le français reçoit l'ouvrière. " * 10)
    assert not looks_like_tcvn3("Dieu 1. Pham vi\n· Nguoi lao dong lam viec theo hop dong\n" * 20)


def test_a_long_windows_1258_file_is_not_read_as_tcvn3() -> None:
    # Windows-1258 writes the tilde ("những", "đã", "cũng") and "Đ" with bytes that read as Þ, Ð.
    from tests.ingest.test_loaders import cp1258_bytes

    text = "Điều 1. Những quy định chung\nĐoàn viên đã đóng đoàn phí cũng được hưởng những quyền lợi như nhau.\n" * 15
    loaded = load_bytes(cp1258_bytes(text), "dieu-le.txt")
    assert TCVN3_CONVERTED not in loaded.warnings
    assert "Đoàn viên đã đóng đoàn phí cũng được hưởng" in unicodedata.normalize("NFC", loaded.text)


def test_a_unicode_line_inside_a_tcvn3_document_is_left_alone() -> None:
    mixed = LAW_TCVN3 + "Ghi chú: văn bản được chuyển mã ngày 01/01/2024.\n"
    assert "Ghi chú: văn bản được chuyển mã ngày 01/01/2024." in to_unicode(mixed).split("\n")


def test_tcvn3_txt_bytes_are_converted_with_a_warning(tmp_path: Path) -> None:
    # Saved by an old editor: one byte per letter, not UTF-8 (cp1258 would turn some into tone marks).
    path = tmp_path / "luat-cong-doan.txt"
    path.write_bytes(LAW_TCVN3.encode("latin-1"))
    document = read_document(path)
    assert TCVN3_CONVERTED in document.warnings
    assert "12/2012/QH13" in document.meta.short_name()
    chunks = chunk_document(document)
    first = next(c for c in chunks if "Điều 2" in c.path and c.path[-1] == "Khoản 2")
    assert "Điều lệ Công đoàn Việt Nam quy định" in first.text
    assert "Chương I" in citation(document.meta, first)


def test_tcvn3_in_a_word_file_is_converted() -> None:
    def build(document) -> None:
        for paragraph in LAW_TCVN3.split("\n"):
            run = document.add_paragraph().add_run(paragraph)
            run.font.name = ".VnTime"

    loaded = load_bytes(docx_bytes(build), "luat.docx")
    assert TCVN3_CONVERTED in loaded.warnings
    assert "Điều 1. Vị trí, vai trò của Công đoàn" in loaded.text
