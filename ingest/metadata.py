"""What a document says about itself: type, number and symbol, date, place, issuing body, signer,
title, recipients — read from its header and its closing block. Nothing is guessed: a field the
document does not state stays None.

Also finds where the closing block ("Nơi nhận", "T/M BAN THƯỜNG VỤ", the signer's name) begins,
so that structure parsing stops before it and chunking can give it a kind of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ingest.document import CONSOLIDATED, LAW_TYPES, DocMeta, readable_file_name, shorten
from ingest.normalize import Line, fold, has_diacritics, in_capitals
from ingest.structure import match_marker, opens_anew

DOC_TYPES = (
    "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "CHƯƠNG TRÌNH",
    "KẾ HOẠCH",
    "NGHỊ QUYẾT LIÊN TỊCH",
    "NGHỊ QUYẾT",
    "KẾT LUẬN",
    "CHỈ THỊ",
    "QUYẾT ĐỊNH",
    "HƯỚNG DẪN",
    "THÔNG BÁO",
    "BÁO CÁO",
    "CÔNG VĂN",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "ĐIỀU LỆ",
    "BỘ LUẬT",
    "LUẬT",
    "NGHỊ ĐỊNH",
    "THÔNG TƯ LIÊN TỊCH",
    "THÔNG TƯ",
    "HIẾN PHÁP",
    "PHÁP LỆNH",
    "THỎA ƯỚC LAO ĐỘNG TẬP THỂ",
    "THỎA ƯỚC",
    "NỘI QUY LAO ĐỘNG",
    "NỘI QUY",
    "ĐỀ ÁN",
    "PHƯƠNG ÁN",
    "QUY TRÌNH",
    "TỜ TRÌNH",
    "BIÊN BẢN",
    # A contest's or competition's rules ("THỂ LỆ" / "Hội thi Thợ giỏi …").
    "THỂ LỆ",
    # A union's agreement with a school, a bank, a business ("THỎA THUẬN HỢP TÁC" over "Về việc
    # nhận trông giữ … con của đoàn viên"), a letter to the public ("THƯ NGỎ"), an invitation.
    "THỎA THUẬN HỢP TÁC",
    "THỎA THUẬN",
    "THƯ NGỎ",
    # A union's call for donations after a flood ("THƯ KÊU GỌI" / "Ủng hộ đoàn viên … bị thiệt
    # hại"), its thanks, congratulations and visits' letters.
    "THƯ KÊU GỌI",
    "LỜI KÊU GỌI",
    "THƯ CẢM ƠN",
    "THƯ CÁM ƠN",
    "THƯ CHÚC MỪNG",
    "THƯ CHÚC TẾT",
    "THƯ THĂM HỎI",
    "GIẤY MỜI",
    # A leaflet of questions and answers ("TÀI LIỆU HỎI - ĐÁP" under a department's header); not
    # "TÀI LIỆU" alone, which also heads a conference's papers and training notes.
    "TÀI LIỆU HỎI - ĐÁP",
    "TÀI LIỆU HỎI – ĐÁP",
    "TÀI LIỆU HỎI-ĐÁP",
    "TÀI LIỆU HỎI ĐÁP",
    # (The leaflet's kind alone, "HỎI ĐÁP" over "Quyền lợi của người thuê trọ".)
    "HỎI - ĐÁP",
    "HỎI – ĐÁP",
    "HỎI ĐÁP",
    # A company's code of conduct ("BỘ QUY TẮC ỨNG XỬ" / "Về phòng, chống quấy rối …").
    "BỘ QUY TẮC ỨNG XỬ",
    "QUY TẮC ỨNG XỬ",
    # The rest of the administrative kinds of Nghị định 30/2020/NĐ-CP, Điều 7 (a contract with a
    # caterer, a memorandum with a school, a power of attorney); not "DỰ ÁN" ("Ban Quản lý Dự án …")
    # nor "THƯ CÔNG" ("THƯ CÔNG ĐOÀN GỬI …"), other words' beginnings as often as kinds.
    "THÔNG CÁO",
    "HỢP ĐỒNG",
    "CÔNG ĐIỆN",
    "BẢN GHI NHỚ",
    "BẢN THỎA THUẬN",
    "GIẤY ỦY QUYỀN",
    "GIẤY GIỚI THIỆU",
    "GIẤY NGHỈ PHÉP",
    "PHIẾU GỬI",
    "PHIẾU CHUYỂN",
    "PHIẾU BÁO",
    # A worker's or a member's own letter to the union or the company.
    "ĐƠN KIẾN NGHỊ",
    "ĐƠN ĐỀ NGHỊ",
    "ĐƠN KHIẾU NẠI",
    "ĐƠN TỐ CÁO",
    "ĐƠN XIN",
    # A landlord's or an employer's pledge to the union.
    "BẢN CAM KẾT",
    # An agreement's or a contract's annex signed as a text of its own ("PHỤ LỤC SỐ 01" / "SỬA
    # ĐỔI, BỔ SUNG THỎA ƯỚC …"), a type only as the header's type line (a decree's appendices
    # after its signature stay appendices; an annex's label over a report is no type,
    # _annex_label_over).
    "PHỤ LỤC",
)
_TYPE_LINE = re.compile(r"^(" + "|".join(DOC_TYPES) + r")(?=$|\s)(.*)$")
# A type line typed without diacritics ("QUY CHE"), read only when it is the whole line: words
# like "DE AN", "LUAT" also start ordinary sentences once the accents are gone.
_UNACCENTED_TYPES = {fold(t).upper(): t for t in DOC_TYPES}

# "Số 48-KH/ĐĐTLD", "Số:13/CTr-LĐLĐ", "Bộ luật số: 45/2019/QH14", "Số: 145/2020/NĐ-CP"
_NUMBER = re.compile(r"^(?:(?:Bộ luật|Luật|Pháp lệnh|Nghị định)\s+)?(?:[Ss]ố|SỐ)(?:\s+hiệu)?\s*:?\s*([0-9][0-9A-Za-zĐđ/\-.\u00C0-\u1EF9]*[0-9A-Za-zĐđ\u00C0-\u1EF9])")
_INLINE_NUMBER = re.compile(r"\b[Ss]ố\s*:?\s*(\d[0-9A-Za-zĐđ/\-.\u00C0-\u1EF9]*/[0-9A-Za-zĐđ/\-.\u00C0-\u1EF9]*[0-9A-Za-zĐđ\u00C0-\u1EF9])")
# "NGHỊ ĐỊNH SỐ 74/2026/NĐ-CP QUY ĐỊNH …": in capitals, only right after the type (a title line's
# "… NGHỊ QUYẾT SỐ 20-NQ/TW …" is another document's).
_CAPS_NUMBER = re.compile(r"\s*SỐ\s*:?\s*(\d[0-9A-ZĐ/\-.\u00C0-\u1EF9]*/[0-9A-ZĐ/\-.\u00C0-\u1EF9]*[0-9A-ZĐ\u00C0-\u1EF9])")
# A number right after the type, without "số": "Thông tư 21/2026/TT-BNV quy định …" (a symbol after
# the slash: "Luật Công đoàn 2012" has none).
_NUMBER_AFTER_TYPE = re.compile(r"\s*(?=\d\S*/\S*[A-ZĐ])(\d[0-9A-Za-zĐđ\-.]*(?:/[0-9A-Za-zĐđ\-.]*)*[0-9A-Za-zĐđ])(?=[\s,;:]|\.?$|\.\s)")
# Headers typed without diacritics: "So: 03/QC-CD" — only with a symbol (a letter after "/"),
# since "So" is also an everyday word ("So 2/3 dai bieu …").
_NUMBER_UNACCENTED = re.compile(r"^(?:So|SO)\s*:?\s*(\d[0-9A-Za-zĐđ\-.]*/[0-9]*[A-Za-zĐđ][0-9A-Za-zĐđ/\-.]*[0-9A-Za-zĐđ])")


# An annex's ordinal on its type line ("PHỤ LỤC SỐ 01", "PHỤ LỤC II:").
_ANNEX_ORDINAL = re.compile(r"^(?:(?:SỐ|Số|số)\s*)?(?:\d+|[IVXLC]+)(?![\w/])[.:]?\s*")


def _number_after_type(rest: str) -> re.Match[str] | None:
    """The document's own number on its type line, in what follows the type ("LUẬT CÔNG ĐOÀN số:
    12/2012/QH13", "NGHỊ ĐỊNH SỐ 74/2026/NĐ-CP …", "Thông tư 21/2026/TT-BNV …"): group 1."""
    return _INLINE_NUMBER.search(rest) or _CAPS_NUMBER.match(rest) or _NUMBER_AFTER_TYPE.match(rest)


# "ngày 02 tháng 6 năm 2025", also typed "ngay 02 thang 6 nam 2025".
_DATE = re.compile(r"ng[àa]y\s+(\d{1,2})\s+th[áa]ng\s+(\d{1,2})\s+n[ăa]m\s+(\d{4})", re.IGNORECASE)
# The words that put a place's name after them in a title: "tỉnh Bình Dương", "thành phố Vinh".
_UNIT_WORDS = r"(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|thị trấn|xã|phường)"
# The same words as a header in capitals writes them before a place ("TỈNH NGHỆ AN", "HUYỆN …").
_PLACE_CAPS = r"(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)"
# Minutes open "Hôm nay, ngày … tháng …" or "Vào hồi 8 giờ, ngày …": a time, not a place.
_PLACE_DATE = re.compile(
    r"^(?!(?:h[ôo]m\s+nay|vào|hồi|lúc)\b)([^\d,]{2,40}),\s*ng[àa]y\s+\d{1,2}\s+th[áa]ng", re.IGNORECASE
)
# How a law, a charter or a resolution records its adoption, closing its text ("Luật này được Quốc
# hội … khóa XV, kỳ họp thứ 7 thông qua ngày 27 tháng 6 năm 2024.") or under its title
# ("(Đại hội XIII Công đoàn Việt Nam thông qua ngày 03/12/2023)"). The sentence is the document's
# date and part of its closing, not the last clause of its last article.
# Only with its date ("thông qua ngày"): "thông qua" is also "by way of" ("… thông qua bảng tin").
ADOPTION = re.compile(
    # ("Nghị quyết được Đại hội nhất trí thông qua vào hồi 11 giờ 30 phút ngày 18/7/2023.": a
    # congress's resolution, without "này" and with the hour.)
    r"^(?:(?:Bộ luật|Luật|Pháp lệnh|Nghị quyết|Bản Điều lệ|Điều lệ|Thỏa ước|Quy chế)\s+(?:này\s+)?(?:đã\s+)?được\s"
    r".{0,200}?\bthông\s+qua\s+(?:(?:vào\s+)?(?:hồi|lúc)\s[^.;]{0,40}?)?ngày\b|\(.{0,150}?\bthông\s+qua\s+ngày\b[^()]*\)\s*$)",
    re.IGNORECASE,
)
# The note under a title is read for the date only among a document's first lines.
_NOTE_LINES = 15
_PORTAL_DATE = re.compile(r"\bNgày ban hành\s*:\s*(\d{1,2})/(\d{1,2})/(\d{4})\b")
_CITES = re.compile(r"^(?:Căn cứ|Thực hiện|Thi hành|Theo|Về việc|V/v|Kính gửi)\b", re.IGNORECASE)
# A date in figures after "ngày": "ngày 09/10/2026", "ngày 27.6.2024".
_DAY_IN_FIGURES = r"ngày\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
_DAY_SLASHED = re.compile(_DAY_IN_FIGURES, re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"thông\s+qua\s+(?:(?:vào\s+)?(?:hồi|lúc)\s[^.;]{0,40}?)?" + _DAY_IN_FIGURES, re.IGNORECASE)

# The issuing body as the preamble names it: "… Ban Thường vụ Tỉnh ủy ban hành kế hoạch …".
_ISSUER = (
    r"((?:Đảng đoàn|Ban Thường vụ|Ban Chấp hành|Đoàn Chủ tịch|Tổng Liên đoàn|Bộ Chính trị|Ban Bí thư|"
    r"Chính phủ|Quốc hội|Ủy ban|Liên đoàn)[^,;:()]{0,80}?)\s+(?:(?:thống nhất|cùng)\s+)?(?:ban hành|xây dựng|triển khai)\s+"
)
_ISSUER_HEADERS = {
    "QUỐC HỘI": "Quốc hội",
    "CHÍNH PHỦ": "Chính phủ",
    "BỘ CHÍNH TRỊ": "Bộ Chính trị",
    "BAN BÍ THƯ": "Ban Bí thư",
    "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM": "Tổng Liên đoàn Lao động Việt Nam",
}

# Capitals with a diacritic: "TM. ỦY BAN NHÂN DÂN" is a capacity as "TM. BAN CHẤP HÀNH" is.
ACCENTED_CAPITALS = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# "ĐẠI DIỆN NGƯỜI SỬ DỤNG LAO ĐỘNG" / "ĐẠI DIỆN TẬP THỂ NGƯỜI LAO ĐỘNG": the two parties signing an
# agreement (thỏa ước) or a contract.
_CAPACITY_PREFIX = re.compile(
    r"^(?:T/M|T/L|K/T|TM\.?|T\.M\.?|KT\.?|TL\.?|TUQ\.?|Q\.|ĐẠI DIỆN (?=BÊN|TẬP THỂ|NGƯỜI|CÔNG|BAN|DOANH NGHIỆP|"
    r"TỔ CHỨC|ĐƠN VỊ|HỢP TÁC XÃ|CHỦ|HIỆP HỘI|LIÊN ĐOÀN|NGHIỆP ĐOÀN|GIA ĐÌNH|LĐLĐ|CĐCS|ỦY BAN|UBND|SỞ|PHÒNG|BỆNH VIỆN))\s*[A-ZĐ" + ACCENTED_CAPITALS + "]"
)
_MINUTES_ROLES = (
    r"THƯ KÝ|CHỦ TRÌ|NGƯỜI (?:LẬP|GHI) BIÊN BẢN|NGƯỜI LẬP BIỂU|TRƯỞNG ĐOÀN|NGƯỜI SỬ DỤNG LAO ĐỘNG|(?:CÁC )?THÀNH VIÊN BAN KIỂM PHIẾU"
    # (Who led a team that counted, marked or checked: "TỔ TRƯỞNG TỔ BIỂU QUYẾT", "TRƯỞNG TỔ KIỂM PHIẾU".)
    # Whole lines only: "TỔ TRƯỞNG CÔNG ĐOÀN CÓ QUYỀN" is a heading.
    r"|(?:TỔ TRƯỞNG|TRƯỞNG TỔ)(?: TỔ [A-ZĐÀ-Ỹ \-–]+)?$"
    # (A labour contract's worker signs beside the employer: "NGƯỜI LAO ĐỘNG" / "(Ký, ghi rõ họ tên)";
    # not "NGƯỜI LAO ĐỘNG CẦN LƯU Ý".)
    r"|NGƯỜI LAO ĐỘNG$"
)
_MINUTES_ROLE = re.compile(rf"^(?:{_MINUTES_ROLES})\b")
_CAPACITY_TITLE = re.compile(
    # ("PHÓ TỔNG GIÁM ĐỐC"; a company's department heads sign for its director: "TRƯỞNG PHÒNG NHÂN SỰ".)
    r"^(?:PHÓ |THƯỜNG TRỰC |Q\. )?(?:TỔNG )?(?:CHỦ TỊCH|BÍ THƯ|TRƯỞNG BAN|BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|CHÁNH VĂN PHÒNG|GIÁM ĐỐC|"
    r"CHỦ NHIỆM|HIỆU TRƯỞNG|CỤC TRƯỞNG|VỤ TRƯỞNG|TRƯỞNG PHÒNG|TRƯỞNG KHOA|KẾ TOÁN TRƯỞNG|QUẢN ĐỐC|XÁC THỰC VĂN BẢN HỢP NHẤT"
    # Minutes are signed by who chaired, who took them down, who led an inspection, the employer.
    rf"|{_MINUTES_ROLES})"
    # (Its unit's name may hold a dash: "TRƯỞNG BAN CHÍNH SÁCH - PHÁP LUẬT".)
    r"(?: [A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ \-–]*)?$"
)
RECIPIENTS_START = re.compile(r"^(?:Nơi nhận|Đồng kính gửi|Kính gửi)\s*:?", re.IGNORECASE)
# A person's name; a foreign one's syllables may be joined ("Kim Dong-su", "Lee Jae-Myung",
# "Jean-Pierre Martin").
_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:-[A-ZĐÀ-Ỹa-zà-ỹđ][a-zà-ỹđ]+)?"
NAME_WORDS = rf"{_NAME_WORD}(?: {_NAME_WORD}){{1,4}}"
PERSON = re.compile(rf"^{NAME_WORDS}$")


@dataclass(frozen=True)
class Layout:
    """Where the parts of a document are, as line indices."""

    body_start: int  # first line after the header (type line, title)
    closing_start: int  # first line of the closing block, or len(lines)
    # The first line of the appendices that follow it ("PHỤ LỤC" after the signature), or None
    # when the closing runs to the end.
    closing_end: int | None = None


# A copy's note that a text was signed, in brackets: "(Đã ký)", "(Đã ký và đóng dấu)", a form's
# "(Ký, ghi rõ họ tên)".
SIGNED_BRACKET = r"\(\s*(?:[Đđ]ã\s+)?[Kk]ý\b[^)]*\)"
_SIGNED_NOTE_AT_END = re.compile(rf"\s*{SIGNED_BRACKET}$")
_SIGN_HERE = re.compile(SIGNED_BRACKET)


def split_trailing_name(text: str) -> tuple[str, str] | None:
    """"TM. CHÍNH PHỦ THỦ TƯỚNG Nguyễn Xuân Phúc" → ("TM. CHÍNH PHỦ THỦ TƯỚNG", "Nguyễn Xuân Phúc")."""
    words = text.split()
    n = 0
    while n < len(words) and words[-1 - n][:1].isupper() and words[-1 - n][1:].islower():
        n += 1
    # (A copy's note between them: "CHỦ TỊCH QUỐC HỘI (Đã ký) Nguyễn Thị Kim Ngân" on one line.)
    head = _SIGNED_NOTE_AT_END.sub("", " ".join(words[: len(words) - n]))
    if 2 <= n <= 5 and head and head == head.upper():
        return head, " ".join(words[len(words) - n :])
    return None


# What only the National Assembly passes (its header's issuer, or none written, is the Quốc hội).
_PASSED_BY_THE_ASSEMBLY = frozenset({"LUẬT", "BỘ LUẬT"})
# Who signs a petition, in whatever case: "Người làm đơn" over "(Ký và ghi rõ họ tên)".
_PETITIONER = re.compile(r"^(?i:người (?:làm|viết) đơn|người (?:đề nghị|kiến nghị|khiếu nại))$")


def is_capacity(text: str) -> bool:
    """"T/M BAN THƯỜNG VỤ", "CHỦ TỊCH", or one with the signer's name after it."""
    if _CAPACITY_PREFIX.match(text) or _CAPACITY_TITLE.match(text) or _PETITIONER.match(text):
        return True
    split = split_trailing_name(text)
    return split is not None and bool(_CAPACITY_PREFIX.match(split[0]) or _CAPACITY_TITLE.match(split[0]))


def _closing_pieces(text: str) -> list[str]:
    """A Word closing table row "Nơi nhận: - A; - B | TM. CHÍNH PHỦ … Tên" as separate lines."""
    pieces: list[str] = []
    for cell in text.split(" | "):
        cell = cell.strip()
        m = RECIPIENTS_START.match(cell)
        if m and cell[m.end() :].strip():
            pieces.append(cell[: m.end()])
            pieces.extend("- " + p.strip(" -;") for p in re.split(r";\s*-\s*|^\s*-\s*", cell[m.end() :]) if p.strip(" -;"))
        elif cell:
            pieces.append(cell)
    return pieces


# The note under a text issued with another: "(Ban hành kèm theo Quyết định số 15/QĐ-CĐ …)".
_ISSUED_WITH = re.compile(
    r"^\((?:(?:duoc )?ban hanh kem theo\b|kem theo (?:quyet dinh|nghi quyet|thong tu|nghi dinh|cong van|ke hoach"
    r"|chuong trinh|huong dan|thong bao|chi thi) so\b)"
)


def find_attached(lines: list[Line]) -> list[int]:
    """The first lines of the texts issued with the document, after its own numbered parts: a
    decision's "QUY CHẾ" / "Chi tiêu nội bộ …" / "(Ban hành kèm theo Quyết định số 15/QĐ-CĐ …)",
    with its own chapters and articles numbered from 1 again."""
    first = next((i for i, line in enumerate(lines) if match_marker(line.text)), None)
    if first is None:
        return []
    starts = []
    last = first  # the last numbered line read
    for i in range(first + 1, len(lines)):
        if match_marker(lines[i].text):
            last = i
        elif (
            _opens_attached(lines[i].text)
            and any(_ISSUED_WITH.match(fold(ln.text).lower()) for ln in lines[i + 1 : i + 4])
            # signed first, or numbered from the start again: a form's "BÁO CÁO" inside a text is not one
            and (first_closing_line(lines, last + 1, i) is not None or _starts_again(lines, i))
        ):
            # With its own header above the type line (the body and the motto, a table row; the
            # body alone, "CÔNG TY CỔ PHẦN MAY …" under the decision's signer).
            while i - 1 > first and (
                _MOTTO_ANYWHERE.search(lines[i - 1].text)
                or (in_capitals(lines[i - 1].text, 6) and _names_a_body(_left_cell(lines[i - 1])))
            ):
                i -= 1
            starts.append(i)
    return starts


# A decision's list ("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN" / "(Kèm theo Quyết định số
# 87/QĐ-LĐLĐ …)") or table ("BẢNG TỔNG HỢP KINH PHÍ HỖ TRỢ" / "(Kèm theo …)") is issued with it as a
# regulation is, though it is no document type of its own.
_ATTACHED_LIST = re.compile(r"^(DANH SÁCH|BẢNG)\b")


# A form sent with a letter: "Biểu mẫu số 01" over its title in capitals and "(Kèm theo Công văn số
# 87/LĐLĐ-ToC …)", after the letter's signature.
_ATTACHED_FORM = re.compile(r"^(?:Biểu mẫu|BIỂU MẪU|Mẫu|MẪU)(?: (?:số|SỐ))? \d+[\w./-]*$")


def _attached_type(text: str) -> str | None:
    """The type of a text issued with a document, read from its first line in capitals."""
    return _type_of(text) or ((m := _ATTACHED_LIST.match(text)) and m.group(1)) or None


def _opens_attached(text: str) -> bool:
    """Whether `text` can be the first line of a text issued with a document (its type in
    capitals, or a form's number)."""
    return bool(in_capitals(text, 4) and _attached_type(text)) or bool(_ATTACHED_FORM.match(text.strip()))


def _starts_again(lines: list[Line], start: int) -> bool:
    """Whether the first heading after `start` opens a text anew: Chương I, Phần thứ nhất, Điều 1."""
    heading = next((m for line in lines[start + 1 : start + 12] if (m := match_marker(line.text))), None)
    return heading is not None and opens_anew(heading[0], heading[1])


def attached_name(lines: list[Line], start: int, stop: int) -> tuple[str, int, list[int]]:
    """How citations name the text issued on lines[start:stop] ("Quy chế chi tiêu nội bộ của
    Công đoàn …"), its type line and the lines under it that make up its title."""
    start = next(i for i in range(start, stop) if _opens_attached(lines[i].text))
    form = _ATTACHED_FORM.match(lines[start].text.strip())
    doc_type = "" if form else _attached_type(lines[start].text) or ""
    rest = "" if form else lines[start].text[len(doc_type) :].strip()
    under = list(range(start + 1, min(start + 4, stop)))
    found = [] if rest else _title_lines([lines[i] for i in under])
    title_lines = [i for i in under if lines[i].text in found]
    title = " ".join([rest, *(lines[i].text for i in title_lines)]).strip()
    body = "\n".join(ln.text for ln in lines[start:stop])  # its own text only: linear in the document
    title = _reads_on(_tidy_title(title, body), body) if title else ""
    label = doc_type[:1] + doc_type[1:].lower() + (f" {title}" if title else "")
    if form:
        # By its number, as the letter refers to it ("theo Biểu mẫu số 01 kèm theo"); its title
        # stays in its opening.
        label = lines[start].text.strip()
    if len(label) > _ATTACHED_NAME_LIMIT and " của " in label:
        label = label[: label.index(" của ")]  # whose it is, the document's own name says
    return shorten(label, _ATTACHED_NAME_LIMIT), start, title_lines


# A citation names the document, then the text it issued: room for the latter's name.
_ATTACHED_NAME_LIMIT = 60


def find_closing(lines: list[Line]) -> tuple[int, int | None]:
    """The closing block (signatures, recipients) as (first line, line after it): after the last
    numbered section, or before the appendices that follow a signature (a decree's "PHỤ LỤC"
    comes after "Nơi nhận" and "TM. CHÍNH PHỦ") or the texts it issues (find_attached);
    (len(lines), None) when there is none."""
    markers = [(i, m[0]) for i, line in enumerate(lines) if (m := match_marker(line.text))]
    attached = find_attached(lines)[:1]
    appendix = min(
        (i for i in (next((i for i, style in markers if style == "appendix"), None), *attached) if i is not None),
        default=None,
    )
    before = max((i for i, _ in markers if appendix is not None and i < appendix), default=None)
    # (Only after numbered parts: a letter's "Kính gửi:" is not its closing.)
    if appendix is not None and before is not None:
        start = first_closing_line(lines, before + 1, appendix)
        if start is not None:
            return start, appendix
        if appendix in attached:
            return appendix, appendix  # a decision signed once, after the text it issues
    start = first_closing_line(lines, markers[-1][0] + 1 if markers else 0, len(lines))
    return (len(lines), None) if start is None else (start, None)


def first_closing_line(lines: list[Line], start: int, stop: int) -> int | None:
    """The first line of a closing block between `start` and `stop`, if any."""
    for i in range(start, stop):
        if _opens_closing(lines[i].text):
            return i
        # A signer's capacity that no list knows, over the note to sign: "NGƯỜI BỊ NẠN HOẶC ĐẠI
        # DIỆN GIA ĐÌNH" / "(Ký, ghi rõ họ tên)" (a Word signature table's first cell).
        if i + 1 < stop and in_capitals(lines[i].text, 2) and _SIGN_HERE.fullmatch(lines[i + 1].text.strip()):
            return i
        # (Not the note under a title, "(… thông qua ngày …)", nor an article's only text: "Điều 7.
        # Hiệu lực thi hành" over "Nghị quyết này được Hội nghị … thông qua ngày … và có hiệu lực …".)
        if (
            ADOPTION.match(lines[i].text)
            and not lines[i].text.startswith("(")
            and not (i > 0 and (heading := match_marker(lines[i - 1].text)) and heading[0] == "article")
            and _closing_follows(lines[:stop], i + 1)
        ):
            return i
    return None


def _opens_closing(text: str, or_person: bool = False) -> bool:
    """A line of a closing block: recipients, a signer's capacity (or name) — also as a Word
    closing table's row, the parties side by side ("ĐẠI DIỆN … | ĐẠI DIỆN …")."""
    pieces = _closing_pieces(text)

    def opens(c: str) -> bool:
        return bool(RECIPIENTS_START.match(c) or is_capacity(c) or (or_person and PERSON.match(c)))

    if len(pieces) > 1 and not all(opens(c) for c in pieces):
        # A data table's heading row names roles ("STT | NỘI DUNG | CHỦ TRÌ | PHỐI HỢP"): only a
        # signer's capacity proper opens the closing there, not a minutes' role.
        return any(RECIPIENTS_START.match(c) or (is_capacity(c) and not _MINUTES_ROLE.match(c)) for c in pieces)
    return any(opens(c) for c in pieces)


def _closing_follows(lines: list[Line], start: int) -> bool:
    """Whether the text from `start` on is a closing block (signatures, recipients) or nothing: an
    adoption sentence ends a document's body; one followed by more body is a clause."""
    following = next((ln.text for ln in lines[start:] if ln.text.strip()), None)
    return following is None or _opens_closing(following, or_person=True)


def find_header_end(lines: list[Line]) -> int:
    """Index of the first line after the document-type line and its title lines."""
    limit = min(len(lines), 25)
    for i in range(limit):
        if (found := _type_of(lines[i].text)) and not _annex_label_over(found, lines, i):
            j = i + 1
            # The title is the next line (or a bold block); an upper-case continuation too
            # ("BỘ LUẬT" / "LAO ĐỘNG").
            while j < limit and j <= i + 3 and (
                _is_title_line(lines[j], first=j == i + 1) or _about_after_whose(lines[j - 1], lines[j])
            ):
                j += 1
            return j
        if match_marker(lines[i].text):
            return i
    return 0


def _annex_label_over(found: str, lines: list[Line], i: int) -> bool:
    """Whether type line i (of type `found`) is an annex's label over a text of another kind
    ("PHỤ LỤC 02" / "(Kèm theo Hướng dẫn số 05/HD-LĐLĐ …)" above a report's own header and "BÁO
    CÁO"): the form it fills, not what the text is."""
    return found == "PHỤ LỤC" and any((t := _type_of(ln.text)) and t != "PHỤ LỤC" for ln in lines[i + 1 : i + 15])


def _number(text: str) -> str | None:
    """"07/QĐ-CĐCS" from a header line "Số: 07/QĐ-CĐCS" (or "So: …" typed without diacritics)."""
    m = _NUMBER.match(text) or _NUMBER_UNACCENTED.match(text)
    return m.group(1).rstrip(".") if m else None


def _type_of(text: str) -> str | None:
    m = _TYPE_LINE.match(text)
    if not m:
        return _UNACCENTED_TYPES.get(text)
    rest = m.group(2).strip()
    # "KẾ HOẠCH" alone, or "CHƯƠNG TRÌNH Công tác công đoàn năm 2025"; not a sentence that
    # merely starts with "LUẬT" inside a paragraph.
    if rest and (len(rest) > 200 or rest.endswith((";", ","))):
        return None
    return m.group(1)


def _about_after_whose(above: Line, line: Line) -> bool:
    """"về tăng cường …" under "CỦA BAN THƯỜNG VỤ HUYỆN ỦY": what a Party resolution is about."""
    return _whose_then_about(above.text, line.text) and not (
        match_marker(line.text) or line.text.endswith(":") or len(line.text) > 400
    )


def _whose_then_about(whose: str, about: str) -> bool:
    """A line in capitals saying whose the document is, then one saying what it is about."""
    return bool(_WHOSE.match(whose) and in_capitals(whose, 2) and _ABOUT.match(about))


def _is_title_line(line: Line, first: bool) -> bool:
    """The summary line(s) under the type line: the first one unless it is clearly body text."""
    text = line.text
    if match_marker(text) or _number(text) or text.endswith(":") or len(text) > 400:
        return False
    if first:
        return not text.startswith(("Căn cứ", "Ngày ")) or line.bold
    return line.bold or in_capitals(text)


def _cells(lines: list[Line]) -> list[str]:
    """The header lines' texts, a Word table's cells apart ("QUỐC HỘI | CỘNG HÒA …")."""
    # (A Markdown row's empty first cell leaves a bar at the line's start: "| Đồng Nai, ngày …".)
    return [cell.strip(" -|") for ln in lines for cell in re.split(r" \| | -{3,} ", ln.text) if cell.strip(" -|")]


def extract_metadata(lines: list[Line], layout: Layout, file_name: str | None = None) -> DocMeta:
    header = lines[: max(layout.body_start, 1)]
    # Word headers are tables: "QUỐC HỘI | CỘNG HÒA …" rows, cells joined by " | ".
    head_text = _cells(lines[:30])

    doc_type = title = inline_number = None
    for i, line in enumerate(header):
        # A consolidated text says so above the type of the text it consolidates: it is cited as
        # itself ("Văn bản hợp nhất 12/VBHN-BLĐTBXH"), that type and name its title.
        found = CONSOLIDATED if line.text.strip() == CONSOLIDATED else _type_of(line.text)
        if found and not _annex_label_over(found, lines, i):
            doc_type = found
            rest = line.text[len(found) :].strip()
            # "LUẬT CÔNG ĐOÀN số: 12/2012/QH13" on one line: the number is not part of the name.
            # (Only on the type line: a title line's "Nghị quyết số 20-NQ/TW" is another document.)
            if found == "PHỤ LỤC":
                rest = _ANNEX_ORDINAL.sub("", rest)  # "PHỤ LỤC SỐ 01": which annex, not its name
            inline = _number_after_type(rest)
            if inline:
                inline_number = inline.group(1).rstrip(".")
                before, after = rest[: inline.start()], rest[inline.end() :]
                if _ONLY_A_DAY.match(after):
                    # A web page's title line: "BỘ LUẬT LAO ĐỘNG 2019 - Luật số 45/2019/QH14 ngày
                    # 20/11/2019": the kind said again and the date are no part of the name.
                    before, after = _KIND_BEFORE_NUMBER.sub("", before), ""
                rest = (before + " " + after).strip(" ,;-–")
            # A name on the type line itself ("ĐIỀU LỆ CÔNG ĐOÀN VIỆT NAM") is the title; the
            # lines under it are then a subtitle ("(Ban hành kèm theo …)"), not part of the name.
            title_lines = [rest] if rest else _title_lines(lines[i + 1 : layout.body_start])
            goes_on: list[str] = []
            if not rest and title_lines and (whose := _WHOSE_ABOUT.match(title_lines[0])):
                title_lines[0] = whose.group(1)
            if rest:
                # Unless the name goes on in capitals, opening with a word that cannot start one
                # ("QUY CHẾ HOẠT ĐỘNG" / "CỦA ỦY BAN KIỂM TRA CÔNG ĐOÀN …" / "MINH KHANG").
                below = lines[i + 1 : layout.body_start]
                for k, ln in enumerate(below):
                    if _CUT_COUNTRY.search(title_lines[-1]) and ln.text.startswith("NAM"):
                        title_lines.append(ln.text)  # "… NGÀNH DỆT MAY VIỆT" / "NAM", a PDF's wrap
                        continue
                    # (A level that needs what it covers, "… NHÓM DOANH NGHIỆP" / "CHẾ BIẾN THỦY
                    # SẢN TỈNH CÀ MAU", goes on whatever the next line opens with.)
                    opening = len(title_lines) == 1 and not (_NEEDS_WHAT.search(title_lines[-1]) and not _NOT_WHAT.search(ln.text))
                    if not _continues_title(ln.text, opening=opening):
                        # "QUY CHẾ PHỐI HỢP" / "giữa Ủy ban nhân dân phường … và …": the name
                        # goes on in ordinary case, wrapped over lines written alike.
                        if _GOES_ON_BELOW.match(ln.text) and not in_capitals(ln.text, 2):
                            goes_on = _title_lines(below[k:])
                        break
                    title_lines.append(ln.text)
            body = "\n".join(ln.text for ln in lines[layout.body_start : layout.closing_start])
            title = " ".join([_tidy_title(" ".join(t for t in title_lines if t), body), *goes_on]).strip() or None
            break

    number = next((n for n in map(_number, head_text) if n), None) or inline_number
    if doc_type is None and number:
        # An official letter states no type: its number and "V/v …" (its subject) make it one.
        # (Read on over the header's lines only: "Kính gửi", the date, the body's first line end it.)
        cells = _cells(header)
        at = next((k for k, t in enumerate(cells) if _SUBJECT.match(t)), None)
        subject = _subject(cells, at) if at is not None else None
        if subject is None:
            subject = next((m.group(1) for t in head_text if (m := _SUBJECT.match(t))), None)
        if subject:
            doc_type, title = "CÔNG VĂN", _tidy_title(subject)

    date = place = None
    for text in head_text:
        m = _DATE.search(text)
        # Not a clause that happens to be among the first lines of a short document ("1. Luật này
        # có hiệu lực từ ngày …").
        # Nor the date of a document the text cites ("Căn cứ Bộ luật Lao động … ngày 20 tháng 11
        # năm 2019", "Thực hiện Chỉ thị số 15-CT/HU ngày …"): an agreement may state none of its own.
        if m and re.search(r"ng[àa]y", text[:60], re.IGNORECASE) and not match_marker(text) and not _CITES.match(text):
            date = _iso_date(m)
            pm = _PLACE_DATE.match(text)
            place = _fix_place(pm.group(1).strip()) if pm else None
            break
    if title and place and place[:1].isupper() and not in_capitals(place, 1) and not in_capitals(title, 1):
        # A title in capitals the text never spells ("… NGÀNH CHẾ BIẾN GỖ TỈNH BÌNH DƯƠNG") still
        # names the place of issue as its date line writes it, after a unit's word ("tỉnh", not
        # the "vinh" of "vinh danh" in a text dated at Vinh).
        title = re.sub(rf"(?<!\w)({_UNIT_WORDS}\s+){re.escape(place)}(?!\w)", rf"\g<1>{place}", title, flags=re.IGNORECASE)

    if date is None:
        # A legal portal's record above a copied text: "Số hiệu: … Ngày ban hành: 16/06/2025 …".
        portal = next((m for t in head_text if (m := _PORTAL_DATE.search(t))), None)
        date = _iso_date(portal) if portal else None
    # The note under the title, before any numbered part (one inside an article cites another
    # document).
    first_part = next((i for i, ln in enumerate(lines) if match_marker(ln.text)), len(lines))
    note = lines[: min(_NOTE_LINES, first_part)]
    if date is None:
        # The note, else the sentence closing the text.
        # (Or the last article's only text: "Điều 7. Hiệu lực thi hành" / "Nghị quyết này được … thông qua ngày …".)
        last_text = lines[max(0, layout.closing_start - 1) : layout.closing_start]
        date = (
            _adoption_date(note)
            or _adoption_date(lines[layout.closing_start : layout.closing_end])
            or _adoption_date(last_text)
        )
    closing = lines[layout.closing_start : layout.closing_end]
    signer, signer_title, recipients = _read_closing(closing)
    issuer = _issuer(lines, layout, head_text, doc_type) or _signed_on_behalf_of(signer_title)
    if doc_type in _PASSED_BY_THE_ASSEMBLY and issuer and fold(issuer).upper() != "QUOC HOI":
        # Only the National Assembly passes a law or a code: a body named above an excerpt ("BAN
        # CHÍNH SÁCH - PHÁP LUẬT LĐLĐ TỈNH …") copied it.
        issuer = "Quốc hội"
    if doc_type == "ĐIỀU LỆ" and (congress := _adopted_by(note)):
        # A charter is the congress's: a federation named above an excerpt only copied it.
        issuer = congress
    meta = DocMeta(
        doc_type=doc_type,
        number=number,
        date=date,
        place=place,
        issuer=issuer,
        signer=signer,
        signer_title=signer_title,
        title=title,
        recipients=tuple(recipients),
    )
    name, meta = document_name(lines, meta, file_name)
    return replace(meta, name=name)


# The subject line of an official letter: "V/v báo cáo quyết toán …" (về việc).
_SUBJECT = re.compile(r"^V/[vV]\s*[:.]?\s*(\S.*)$")
# What ends a subject wrapped over the header's lines: the motto, the date, the number, "Kính gửi".
_NOT_SUBJECT = re.compile(
    r"cong hoa|doc lap|ngay\s+\S+\s+thang|ngay\s+\d|^so\s*:|^kinh g[uo]i|^g[uo]i\b|^dong kinh gui|^can cu|^thuc hien"
)


def _subject(head_text: list[str], at: int) -> str:
    """A letter's subject, with the line its cell's width wrapped it onto ("V/v trả lời kiến nghị
    của CĐCS" / "Công ty TNHH Giày da Hòa Thắng"): a short line that is no header line of its own."""
    subject = _SUBJECT.match(head_text[at]).group(1).strip()
    for text in head_text[at + 1 : at + 3]:
        if (
            subject.endswith((".", ":", ";"))
            or len(text) > 80
            or text.endswith((".", ":"))
            or in_capitals(text, 4)
            or _NOT_SUBJECT.search(fold(text).lower())
            or _number(text)
            or match_marker(text)
        ):
            break
        subject = f"{subject} {text}"
    return subject


def _title_lines(lines: list[Line]) -> list[str]:
    """The lines under a type line that name the document: one line or a run of lines written
    alike, wrapped. A line in capitals under a title in ordinary case ("Về việc ban hành Quy chế …"
    / "BAN CHẤP HÀNH CÔNG ĐOÀN …", the body that decides), a line in ordinary case under one in
    capitals ("CÔNG TY TNHH MAY MẶC PHÚ THỊNH" / "Thời hạn 03 năm") or a note in brackets is not."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if line.text.startswith("(") or match_marker(line.text):
            break  # a note ("(Ban hành kèm theo …)", "(Sửa đổi lần hai)") or the text's first heading
        if out and in_capitals(line.text, 2) != in_capitals(out[0], 2):
            # A Party resolution's "NGHỊ QUYẾT" / "CỦA BAN THƯỜNG VỤ HUYỆN ỦY" / "về tăng cường …":
            # the line in capitals says whose it is, the one below what it is about.
            if _whose_then_about(out[0], line.text):
                return _title_lines(lines[i:])
            break
        out.append(line.text)
    return out


# Whose the document is ("CỦA BAN THƯỜNG VỤ HUYỆN ỦY"), or the plenum that adopted a Party
# resolution ("HỘI NGHỊ LẦN THỨ MƯỜI BA BAN CHẤP HÀNH TRUNG ƯƠNG KHÓA XIII"): neither is its name.
_WHOSE = re.compile(r"^(?:CỦA|HỘI NGHỊ)\s")
# A name in capitals on the type line goes on below in ordinary case with one of these.
_GOES_ON_BELOW = re.compile(r"^(?:giữa|về|đối với|tại|trong|cho|của)\s")
# The words that open a text's opening however short it is: a meeting's time or date, who writes
# a petition, an invitation's call (ingest.chunking._opening_text).
OPENING_WORDS = ("Hôm nay", "Thời gian:", "Vào hồi", "Vào lúc", "Tôi tên là", "Tên tôi là", "Trân trọng kính mời")


# "CHỈ THỊ" / "của Ban Thường vụ Tỉnh ủy về tăng cường …": whose, then what about; the title is
# what about. A programme "của Tổng Liên đoàn … thực hiện Nghị quyết số 31-NQ/TW … về …" is about
# carrying out that resolution: its "về …" names the resolution's subject, shared with it.
_WHOSE_ABOUT = re.compile(r"^[Cc]ủa\s+[^,;]{3,120}?\s((?:về|thực hiện)\s.+)$")
_ABOUT = re.compile(r"^[Vv]ề\s")


# Words that go on with a name rather than start one: "… CỦA ỦY BAN KIỂM TRA", "… GIỮA BAN GIÁM
# ĐỐC VÀ …", "… NHIỆM KỲ 2025 – 2030", and the sector, place or term that narrows it ("THỎA ƯỚC
# … NHÓM DOANH NGHIỆP" / "NGÀNH CHẾ BIẾN THỦY SẢN TỈNH CÀ MAU", "… KHÓA XIII").
_TITLE_GOES_ON = re.compile(
    r"^(?:CỦA|VỀ|GIỮA|ĐỐI VỚI|TẠI|TRONG|CHO|VÀ|NHIỆM KỲ|GIAI ĐOẠN|NĂM|NGÀNH|TỈNH|THÀNH PHỐ|QUẬN|HUYỆN"
    r"|KHÓA|LẦN THỨ)\b"
)


# A type line ending on a level that needs what it covers: "THỎA ƯỚC … NHÓM DOANH NGHIỆP", "… NGÀNH".
_NEEDS_WHAT = re.compile(r"\b(?:NHÓM DOANH NGHIỆP|(?<!LIÊN )NGÀNH)$")
# Not what it covers: a place and month under the title, a draft's mark.
_NOT_WHAT = re.compile(r"\b(?:THÁNG|NĂM)\s+\d|^DỰ THẢO\b")
# A country's name cut at a line's end ("… DỆT MAY VIỆT" / "NAM").
_CUT_COUNTRY = re.compile(r"\bVIỆT$")


def _continues_title(text: str, opening: bool) -> bool:
    """A line in capitals under a type line that names the document ("QUY CHẾ PHỐI HỢP"), going on
    with its name: the first such line opens with _TITLE_GOES_ON, the next ones are its wraps."""
    return (
        in_capitals(text, 2)
        and not text.startswith("(")
        and not _MOTTO.match(text)
        and not _number(text)
        and not match_marker(text)
        and (not opening or bool(_TITLE_GOES_ON.match(text)))
    )


def _adoption_date(lines: list[Line]) -> str | None:
    """The date a document records its adoption on (ADOPTION), for one whose header gives none."""
    for line in lines:
        if ADOPTION.match(line.text):
            m = _DATE.search(line.text) or _NUMERIC_DATE.search(line.text)
            if m and 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12:
                return _iso_date(m)
    return None


# The national congress named in a charter's adoption note: "(Đại hội XIII Công đoàn Việt Nam
# thông qua …)", "Đại hội đại biểu toàn quốc …". (A company's "Đại hội đồng cổ đông" is the
# company's own body: its charter stays the company's.)
_CONGRESS = re.compile(r"\b(Đại hội(?! đồng)\b[^,;()]{0,80}?)\s+(?:đã\s+)?(?:nhất trí\s+)?thông\s+qua\b")
_NATIONAL = re.compile(r"\b(?:Việt Nam|toàn quốc)\b")


def _adopted_by(lines: list[Line]) -> str | None:
    """The national congress that adopted a document, from its adoption note (ADOPTION)."""
    for line in lines:
        if ADOPTION.match(line.text) and (m := _CONGRESS.search(line.text)) and _NATIONAL.search(m.group(1)):
            return m.group(1)
    return None


def _iso_date(m: re.Match) -> str:
    """"2024-06-27" from a match of day, month and year (_DATE, _NUMERIC_DATE)."""
    day, month, year = (int(g) for g in m.groups()[:3])  # (a match may go on: "… của Chính phủ")
    return f"{year:04d}-{month:02d}-{day:02d}"


# Proper names that stay capitalised when an upper-case title is lowered.
_PROPER = {"việt nam": "Việt Nam", "hà nội": "Hà Nội", "thành phố hồ chí minh": "Thành phố Hồ Chí Minh"}


def _tidy_title(title: str, text: str = "") -> str:
    title = title.strip(" *|")  # (and an empty Markdown cell's bar: "V/v … |")
    # A title in capitals before a note in ordinary case ("LAO ĐỘNG (Trích Chương XIV – Giải quyết
    # tranh chấp lao động)"): the capitals are tidied as a title of their own.
    head, bracket, note = title.partition(" (")
    if bracket and head.isupper() and not note.isupper():
        return f"{_tidy_title(head, text)} ({note}"
    if title.isupper() and text and (spelled := _spelled_in(title, text)):
        return spelled[:1].upper() + spelled[1:]  # the text writes it out: "Công ty TNHH May mặc Phú Thịnh"
    if title.isupper() and len(title) > 40 and text:
        return _as_spelled(title, text)
    if title.isupper() and len(title) <= 40:
        words = title.split()
        prefix = _named_body_prefix(words)
        if prefix and len(words) > prefix:
            # "CÔNG TY TNHH MAY AN BÌNH" is a name: "Công ty TNHH May An Bình".
            head = " ".join(words[:prefix]).lower()
            return " ".join([head[:1].upper() + head[1:], *map(_name_word, words[prefix:])])
        # "LAO ĐỘNG" under "BỘ LUẬT": keep the case of a name.
        title = " ".join(w if _is_acronym(w) else w.lower() for w in words)
        title = title[:1].upper() + title[1:]
        for lower, proper in _PROPER.items():
            title = re.sub(rf"\b{lower}\b", proper, title)
    return title[:1].upper() + title[1:] if title else title


# The longest run of a title's words looked up in its text at once, how many different spellings
# of one are enough to pick the usual one, and how many places of it are looked at (the cost
# stays linear in a long text).
_SPELLED_RUN = 8
_SPELLINGS = 5
_OCCURRENCES = 200


def _as_spelled(title: str, text: str) -> str:
    """A long title in capitals ("QUY CHẾ … CỦA ỦY BAN KIỂM TRA CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH ĐIỆN
    TỬ MINH KHANG") spelled as the document's own text spells its words: each run of two or more
    of them found there in ordinary case takes that case ("Ủy ban Kiểm tra Công đoàn cơ sở Công ty
    TNHH Điện tử Minh Khang"); a word found in no such run is lower case, initials and Roman
    numerals kept. The text knows its proper names; a rule about capitals would not."""
    words = title.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + _SPELLED_RUN), i + 1, -1):
            spelled = _spelled_in(" ".join(words[i:j]), text)
            if spelled:
                out.extend(spelled.split())
                i = j
                break
        else:
            word = words[i]
            if _is_acronym(word) or re.search(r"[\d/]", word) or re.fullmatch(r"[IVXLC]+\W*", word):
                out.append(word)  # "CĐCS", "25-NQ/TW", "XIII"
            elif not _TITLE_GOES_ON.match(" ".join(words[i:])) and _in_a_name(out):
                out.append(_name_word(word))  # a company's name the text never spells: "Công ty Gạch Men"
            else:
                out.append(word.lower())
            i += 1
    spelled = " ".join(out)
    for lower, proper in _PROPER.items():
        spelled = re.sub(rf"\b{lower}\b", proper, spelled)
    return spelled[:1].upper() + spelled[1:]


def _in_a_name(before: list[str]) -> bool:
    """Whether the next word goes on with a company's or a body's name: after "công ty" (initials
    such as "TNHH" between them) or after a word of the name already capitalised."""
    words = [w for w in before if not _is_acronym(w)]
    if any(fold(" ".join(words[-n:])) in _NAMED_BODIES for n in (2, 3)):
        return True
    return len(words) > 1 and words[-1][:1].isupper() and words[-1] != words[-1].upper()


def _spelled_in(phrase: str, text: str) -> str | None:
    """How `text` most often writes `phrase` (as whole words, not in capitals, not opening a
    sentence, a line or a list item): "lao động" in a law that also says "Bộ luật Lao động"."""
    seen: dict[str, int] = {}
    for n, m in enumerate(re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE)):
        if n >= _OCCURRENCES or len(seen) >= _SPELLINGS:
            break
        found = m.group(0)
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[max(line_start, m.start() - 12) : m.start()].strip()
        if found != found.upper() and not _OPENS.search(before) and (before or m.start() - line_start > 12):
            seen[found] = seen.get(found, 0) + 1
    return max(seen, key=lambda k: (seen[k], k.islower())) if seen else None


# What comes right before a word that opens a sentence or a list item: its capital is not its
# spelling. (A word at the start of its line opens it too.)
_OPENS = re.compile(r"(?:[.:;!?]|^[-+•*]|^[a-zđ]\)|^\d+[.)]|^[IVXLC]+\.)$")


# A title starting with these words names a company or a body: each word keeps a capital.
_NAMED_BODIES = {"cong ty", "tong cong ty", "ngan hang", "tap doan", "hop tac xa", "benh vien"}
_VOWELS = set("aeiouy")


def _named_body_prefix(words: list[str]) -> int:
    """How many of `words` name a kind of body ("Công ty", "Tổng công ty"); 0 when they do not."""
    return next((n for n in (3, 2) if fold(" ".join(words[:n])).lower() in _NAMED_BODIES), 0)


def _is_acronym(word: str) -> bool:
    """"TNHH", "CĐCS", "MTV": capitals without a vowel are initials, kept as they are."""
    letters = fold(word).lower()
    return word.isupper() and letters.isalpha() and not (set(letters) & _VOWELS)


def _name_word(word: str) -> str:
    return word if _is_acronym(word) else word.capitalize()


# Known OCR slips in place names of the received texts.
_PLACE_FIXES = {"Hué": "Huế"}


def _fix_place(place: str) -> str:
    for wrong, right in _PLACE_FIXES.items():
        place = re.sub(rf"\b{wrong}\b", right, place)
    return place


def _issuer(lines: list[Line], layout: Layout, head_text: list[str], doc_type: str | None) -> str | None:
    for text in head_text:
        if text in _ISSUER_HEADERS:
            # "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM" over "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐÔNG HẢI" (or "CÔNG ĐOÀN
            # TỔNG CÔNG TY …"): the body with its own name below its parent issues, as below.
            below = _left_cell_below(lines, text)
            if not (below and _names_a_body(below) and below.isupper() and _OWN_NAME.search(below)):
                return _ISSUER_HEADERS[text]
            break
    # A Word header table's top-left cell is the issuing body ("CÔNG TY TNHH CƠ KHÍ …").
    first = _left_cell(lines[0]) if lines and " | " in lines[0].text else ""
    if _ORG_HEADER.match(first) and first.isupper() and len(first) <= 120:
        # Its place on the next row's left cell, where a PDF's header columns came out as rows
        # ("LIÊN ĐOÀN LAO ĐỘNG | CỘNG HÒA …" / "TỈNH HƯNG YÊN | Độc lập …").
        below = _left_cell(lines[1]) if len(lines) > 1 and " | " in lines[1].text else ""
        start = 1
        if _PLACE_WRAP.match(below) and below.isupper():
            # (The body under it still issues: "CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP" / "TỈNH ĐỒNG NAI" /
            # "CÔNG ĐOÀN CÔNG TY TNHH" / "ĐIỆN TỬ TÂN HƯNG VIỆT NAM".)
            first, start = f"{first} {below}", 2
        # Or the body itself under its parent, as a typed header has it ("LIÊN ĐOÀN LAO ĐỘNG TỈNH
        # HÀ BẮC" / "LIÊN ĐOÀN LAO ĐỘNG HUYỆN SÔNG LAM", "ĐẢNG BỘ TỈNH …" / "HUYỆN ỦY …"), its
        # name going on over the rows below ("CĐCS BỆNH VIỆN ĐA KHOA" / "KHU VỰC BỒNG SƠN").
        congress = _congress_rows([_left_cell(line) for line in lines[start:_ISSUER_LINES]])
        if congress:
            return congress
        cells = []
        for line in lines[start:_ISSUER_LINES]:
            cell = _left_cell(line)
            if not (cell and cell.isupper() and len(cell) <= 120) or _NUMBER_OR_YEAR.search(_NAMED_YEAR.sub("", cell)) or _type_of(cell) or _MEETING.match(cell):
                break  # the number, the date, a congress ("ĐẠI HỘI LẦN THỨ V, NHIỆM KỲ 2025 - 2030")
            cells.append(cell)
        if start == 2 and not (cells and _UNDER_A_UNION.match(cells[0]) and not _COMMITTEE.fullmatch(cells[0])):
            # (A second party, "SỞ NỘI VỤ TỈNH …" or "BAN CHẤP HÀNH" / "CÔNG ĐOÀN PHƯỜNG …" of a joint
            # text, is not under it.)
            return first
        # A name the cell's width wrapped goes on in the row below ("CÔNG ĐOÀN CÁC KHU CHẾ XUẤT" /
        # "VÀ CÔNG NGHIỆP CẦN THƠ", "CÔNG TY CỔ PHẦN THỦY SẢN" / "PHÚ AN KHANG"): a row that names no
        # body of its own, and is no place ("TỈNH HƯNG YÊN", below) or congress, is the name above's
        # ("TỔNG LIÊN ĐOÀN LAO ĐỘNG" / "VIỆT NAM").
        while cells and (_WRAPS.match(cells[0]) or _WRAPPED.search(first) or _rest_of_a_name(cells[0])):
            first = f"{first} {cells.pop(0)}"
        # (An agreement's header rows are its two parties, the employer first: not one body.)
        # But a row below that is no party of its own (not a union, not an employers' association)
        # is the employer under its parent: "SỞ Y TẾ TỈNH …" / "BỆNH VIỆN ĐA KHOA TỈNH".
        two_parties = (doc_type or "").startswith("THỎA ƯỚC") and bool(cells and _AGREEMENT_PARTY.match(cells[0]))
        if cells and not two_parties and _names_a_body(cells[0]) and in_capitals(cells[0], 6):
            body = _of_the_above(cells[0], first)
            for cell in cells[1:]:
                # A committee row under the body ("LIÊN ĐOÀN LAO ĐỘNG TỈNH NGHỆ AN" / "BAN THƯỜNG
                # VỤ") is that body's committee; any other row goes on with its name.
                body = f"{cell} {body}" if _COMMITTEE.fullmatch(cell) else f"{body} {cell}"
            return _under(body, first)
        return first
    if not doc_type:
        return _issuer_line(lines)
    # Only the body that issues *this* document: "… Ban Thường vụ Tỉnh ủy ban hành kế hoạch …",
    # not "Bộ Chính trị ban hành Kết luận 79" which the plan implements.
    own = re.compile(_ISSUER + "(?i:" + re.escape(doc_type.lower()) + ")")
    preamble = " ".join(ln.text for ln in lines[layout.body_start : layout.body_start + 4])
    m = own.search(preamble)
    if m:
        found = m.group(1).strip()
        # "Ban Thường vụ Liên đoàn Lao động tỉnh xây dựng Kế hoạch": the header says which province.
        if _BARE_PLACE.search(found):
            header = _issuer_line(lines)
            if header and _PLACE_NAMED.search(header):
                return header
        # "Ủy ban Kiểm tra (Công đoàn cơ sở) ban hành Quy chế": whose committee, the header says
        # ("CÔNG ĐOÀN CÔNG TY …" / "ỦY BAN KIỂM TRA").
        upper = found.upper()
        committee = _COMMITTEE.match(upper)
        if committee and not _OWN_NAME.search(upper):
            header = _issuer_line(lines)
            if header and header.startswith(committee.group(0) + " ") and _OWN_NAME.search(header):
                return header
        return found
    return _issuer_line(lines)


# A body named without its place ("… Liên đoàn Lao động tỉnh"), and one named with it.
_BARE_PLACE = re.compile(r"\b" + _UNIT_WORDS + r"$", re.IGNORECASE)
_PLACE_NAMED = re.compile(rf"\b{_PLACE_CAPS}\s+\w")


def _signed_on_behalf_of(signer_title: str | None) -> str | None:
    """The body a text without a header was signed for, where the signature names one of the
    bodies a header would ("TM. CHÍNH PHỦ" / "KT. THỦ TƯỚNG": the Government's decree); "TM. BAN
    THƯỜNG VỤ" names no body of its own."""
    first = (signer_title or "").split(",")[0].strip()
    m = re.match(r"^(?:TM|T/M|T\.M)\.?\s+(.+)$", first)
    return _ISSUER_HEADERS.get(m.group(1).strip()) if m else None


def _congress_rows(cells: list[str]) -> str | None:
    """A body's congress in the header's rows under the body above it ("ĐẠI HỘI CÔNG ĐOÀN CÔNG TY CP"
    / "THỰC PHẨM SAO MAI LẦN THỨ IV"), with its name's wrapped rest; None when the first row is no
    congress of a named body."""
    if not cells or not _BODYS_CONGRESS.match(cells[0]) or not in_capitals(cells[0], 6):
        return None
    name = cells[0]
    for cell in cells[1:3]:
        if not (cell.isupper() and len(cell) <= 120) or _type_of(cell) or _number(cell) or _DATE.search(cell) or _MOTTO.match(cell):
            break
        if not (_WRAPPED.search(name) or _WRAPS.match(cell) or _rest_of_a_name(cell) or _ORDINAL_END.search(cell)):
            break
        name = f"{name} {cell}"
    # (Its term is no part of its name: "…, NHIỆM KỲ 2027 – 2032".)
    return _TERM_AFTER.sub("", name)


_TERM_AFTER = re.compile(r",?\s*NHIỆM KỲ\b.*$")


# A congress's ordinal closing its name's last row ("… SAO MAI LẦN THỨ IV", "… KHÓA XII").
_ORDINAL_END = re.compile(r"\b(?:LẦN THỨ [IVXLC\d]+|KHÓA [IVXLC\d]+)(?:,?\s*NHIỆM KỲ\b.*)?$")


def _left_cell(line: Line) -> str:
    """A header line's left column ("LIÊN ĐOÀN LAO ĐỘNG TỈNH …" of "… | CỘNG HÒA …"), or the line."""
    return line.text.split(" | ")[0].strip(" -")


def _left_cell_below(lines: list[Line], text: str) -> str | None:
    """The left column's next line under the header line whose left column is `text`."""
    cells = [c for c in map(_left_cell, lines[:_ISSUER_LINES]) if c]
    return next((cells[i + 1] for i, c in enumerate(cells[:-1]) if c == text), None)


# A body under a union's provincial or industrial-park union: a union of its own or a grassroots
# one ("CÔNG ĐOÀN CÔNG TY TNHH …", "CĐCS …", "NGHIỆP ĐOÀN …").
_UNDER_A_UNION = re.compile(r"^(?:CÔNG ĐOÀN|CĐCS|CĐ\b|NGHIỆP ĐOÀN|LIÊN ĐOÀN LAO ĐỘNG|LĐLĐ)")
_COMMITTEE = re.compile(r"(?:BAN CHẤP HÀNH|BAN THƯỜNG VỤ|BCH|UBKT|ỦY BAN KIỂM TRA)")
# A header row that is the number, a date, a term or a session ("SỐ: 12/QĐ", "SỐ 05", "NHIỆM KỲ
# 2025 - 2030", "LẦN THỨ 2"), not a unit whose name ends with its own small number ("CHI BỘ PHÂN
# XƯỞNG MAY 2", "XÍ NGHIỆP SỐ 3").
_NUMBER_OR_YEAR = re.compile(r"\d{3,}|\d\s*[/.-]\s*\d|\d\s*[/-]|^SỐ\b|\bLẦN THỨ\b")
# A year that ends a temporary body's name ("BAN TỔ CHỨC HỘI THAO CNVCLĐ TỈNH NĂM 2026"): no number row.
_NAMED_YEAR = re.compile(r"\s+NĂM\s+\d{4}$")
# A header row that is an agreement's other party: the workers' union or an employers' association.
_AGREEMENT_PARTY = re.compile(r"^(?:BAN CHẤP HÀNH|BCH|CÔNG ĐOÀN|CĐCS|HIỆP HỘI|ĐẠI DIỆN)\b")
# The header lines an issuer is looked for in: a typed header is a handful of lines.
_ISSUER_LINES = 6


def _rest_of_a_name(line: str) -> bool:
    """A line that goes on with the name above it, wrapped: short, and naming no body, place or
    meeting of its own ("PHÚ AN KHANG", "THỰC PHẨM TÂN HƯNG LỘC")."""
    return (
        len(line.split()) <= _WRAP_WORDS
        and not _names_a_body(line)
        and not _PLACE_WRAP.match(line)
        and not _MEETING.match(line)
    )


def _goes_on_below(name: str, line: str) -> bool:
    """A company's name wrapped onto the next line of a typed header ("CÔNG TY CỔ PHẦN CHẾ BIẾN" /
    "THỰC PHẨM TÂN HƯNG LỘC")."""
    return name.startswith("CÔNG TY") and _rest_of_a_name(line)


def _issuer_line(lines: list[Line]) -> str | None:
    """The issuing body of a header typed as lines ("CÔNG ĐOÀN NGÀNH Y TẾ TỈNH KHÁNH HOÀ" /
    "Số: 08/HD-CĐN" / "HƯỚNG DẪN"): the last body named in capitals above the number and the type
    line. A body's parent comes first and the body itself under it (Nghị định 30/2020/NĐ-CP's
    layout: "ĐẢNG BỘ TỈNH …" / "HUYỆN ỦY …"), so the last one is the issuer. Also typed without
    diacritics ("CONG DOAN CO SO …")."""
    found = None
    for line in lines[:_ISSUER_LINES]:
        text = line.text.strip(" -*")
        if _type_of(text) or _number(text) or match_marker(text):
            break
        if not (
            in_capitals(text, 2)
            and len(text) <= 120
            and " | " not in text
            and not _MOTTO.match(text)
            and not _DATE.search(text)
        ):
            continue
        if found and (_WRAPPED.search(found) or _WRAPS.match(text) or _goes_on_below(found, text)):
            # One name on two lines: "BỘ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI", "CÔNG ĐOÀN CƠ SỞ" /
            # "CÔNG TY TNHH AN PHÁT", "CÔNG TY CỔ PHẦN CHẾ BIẾN" / "THỰC PHẨM TÂN HƯNG LỘC".
            found = f"{found} {text}"
        elif (_names_a_body(text) or (found and _BODYS_CONGRESS.match(text))) and in_capitals(text, 6):
            # "CÔNG TY CỔ PHẦN DỆT MAY HÒA BÌNH" / "CÔNG ĐOÀN CƠ SỞ CÔNG TY": the union of the
            # company named above it; "… TRƯỜNG THPT LÊ LỢI" / "BAN CHẤP HÀNH": its committee;
            # "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐỒNG NAI" / "BAN CHÍNH SÁCH - PHÁP LUẬT": its department,
            # which keeps the body's name (a Word header's rows read the same way, _issuer).
            body = _of_the_above(text, found) if found else text
            # (Not an association: a party of its own, beside the union in an agreement's header.)
            unit = not text.startswith("HIỆP HỘI")
            found = _under(body, found) if found and unit and _OWN_NAME.search(found) else body
    # (A congress's term is no part of its name, as in a Word header: _congress_rows.)
    return _TERM_AFTER.sub("", found) if found and _BODYS_CONGRESS.match(found) else found


# A header line that names a body: _ORG_HEADER, a unit under one, or (typed without diacritics) its
# folded form; "SỐ: 08/HD" is a number, not "SỞ".
_UNIT = re.compile(
    r"^(?:PHÒNG|ĐẢNG ỦY|CĐCS|BCH|HỘI|HIỆP HỘI|NGHIỆP ĐOÀN|VĂN PHÒNG|TRUNG TÂM|BAN|ỦY BAN|CHI BỘ|CHI ĐOÀN|CHI HỘI"
    r"|ĐOÀN (?:THANH NIÊN|KIỂM TRA|GIÁM SÁT|CHỦ TỊCH)|TỔ (?:CÔNG TÁC|GIÚP VIỆC|CÔNG ĐOÀN)|TIỂU BAN|KHỐI THI ĐUA"
    r"|CỤM THI ĐUA|MẶT TRẬN)\b"
)
# A name cut at the end of a line ("CÔNG ĐOÀN CƠ SỞ", "… THƯƠNG BINH VÀ", "… -"), or going on
# from the line above ("VÀ XÃ HỘI", "- TB&XH").
_PLACE_WRAP = re.compile(rf"^{_PLACE_CAPS}\b(?!\s+(?:ỦY|ĐOÀN)\b)")
_WRAPPED = re.compile(r"(?:\b(?:CƠ SỞ|CÔNG ĐOÀN|VÀ|CÔNG TY|CỔ PHẦN|CP|TNHH)|[-&–])$")
_WRAPS = re.compile(r"^(?:VÀ\b|[-&–])")
_MEETING = re.compile(r"^(?:ĐẠI HỘI|HỘI NGHỊ|KỲ HỌP)\b")
# A body's congress issues its own texts (its rules, minutes, resolution) under the body above it:
# "CÔNG ĐOÀN CÁC KCN TỈNH ĐỒNG NAI" / "ĐẠI HỘI CÔNG ĐOÀN CÔNG TY CP THỰC PHẨM SAO MAI LẦN THỨ IV".
_BODYS_CONGRESS = re.compile(r"^ĐẠI HỘI (?:ĐẠI BIỂU )?(?:CÔNG ĐOÀN|CĐCS|ĐẢNG BỘ|CHI BỘ|THÀNH VIÊN|XÃ VIÊN|HỘI)\b")
# The rest of a name wrapped onto the next row is short ("PHÚ AN KHANG", "VÀ CÔNG NGHIỆP CẦN THƠ").
_WRAP_WORDS = 5
# What makes a body's name its own rather than a unit's of the body above it: a place, a company, a
# school or hospital, a sector, a ministry ("LIÊN ĐOÀN LAO ĐỘNG HUYỆN SÔNG LAM", "HUYỆN ỦY …",
# "CĐCS BỆNH VIỆN …", "SỞ LAO ĐỘNG …"; not "BAN TỔ CHỨC", "ĐẢNG ĐOÀN", "BAN CHẤP HÀNH CÔNG ĐOÀN CƠ SỞ").
_OWN_NAME = re.compile(
    r"\b(?:TỈNH|HUYỆN|THÀNH PHỐ|QUẬN|THỊ XÃ|XÃ(?! HỘI)|PHƯỜNG|THỊ TRẤN|CÔNG TY|TẬP ĐOÀN|BỆNH VIỆN|TRƯỜNG|NGÀNH"
    r"|VIỆT NAM|KHU|KHỐI|CỤM|HỢP TÁC XÃ|NGÂN HÀNG|VIỆN|TRUNG TÂM|CƠ QUAN|ĐẠI HỌC|HỌC VIỆN|QUỐC GIA)\b"
    r"|(?<!CƠ )\bSỞ\b|(?<!ĐẢNG )\bBỘ\b"
    r"|^(?:HUYỆN|QUẬN|THỊ|THÀNH|TỈNH) ỦY\b"
)


def _names_a_body(text: str) -> bool:
    if not has_diacritics(text):
        return bool(_ORG_FOLDED.match(fold(text)))
    return bool(_ORG_HEADER.match(text) or _UNIT.match(text))


_BARE_PARTY_COMMITTEE = re.compile(r"(TỈNH|THÀNH|HUYỆN|QUẬN|THỊ) ỦY")
_PARTY_ORGANISATION = re.compile(r"^ĐẢNG BỘ (TỈNH|THÀNH|HUYỆN|QUẬN|THỊ)(?: PHỐ| XÃ)? (\S.*)$")


def _under(body: str, parent: str) -> str:
    """A unit of the body above ("BAN TUYÊN GIÁO", "VĂN PHÒNG", "ĐẢNG ĐOÀN", "BAN CHẤP HÀNH CÔNG
    ĐOÀN CƠ SỞ" under a company) is that body's: its name keeps the parent's. A body with a name of
    its own (a place, a company: _OWN_NAME) does not."""
    return body if _OWN_NAME.search(body) or body.endswith(parent) else f"{body} {parent}"


def _of_the_above(body: str, parent: str) -> str:
    """`body` completed with `parent`'s name when it ends with the words `parent` opens with, or
    is only a committee ("BAN CHẤP HÀNH" under "CÔNG ĐOÀN CƠ SỞ …")."""
    if _COMMITTEE.fullmatch(body):
        return f"{body} {parent}"
    # A Party committee under its Party organisation: "TỈNH ỦY" under "ĐẢNG BỘ TỈNH BÌNH LÂM" is
    # the Tỉnh ủy of Bình Lâm.
    bare = _BARE_PARTY_COMMITTEE.fullmatch(body)
    place = _PARTY_ORGANISATION.match(parent)
    if bare and place and place.group(1) == bare.group(1):
        return f"{body} {place.group(2)}"
    words, above = body.split(), parent.split()
    for n in (3, 2, 1):
        if len(words) > n and words[-n:] == above[:n]:
            return " ".join(words[:-n] + above)
    return body


# A copy's note that the original was signed: "(đã ký, đóng dấu)" anywhere, "Đã ký: " before a name.
_SIGNED_INSIDE = re.compile(r"\(\s*[Đđ]ã ký[^)]*\)")
SIGNED_NOTE = rf"(?:{_SIGNED_INSIDE.pattern}\s*|[Đđ]ã ký\s*:?\s*)"
_SIGNED = re.compile("^" + SIGNED_NOTE)
_SIGNED_ALONE = re.compile(SIGNED_NOTE)


def is_signed_note(text: str) -> bool:
    """A copy's "(Đã ký)" (or "Đã ký:") on its own, between a signer's capacity and name."""
    return bool(_SIGNED_ALONE.fullmatch(text.strip()))


# The name under a signed note: a foreign one in capitals, or a name with a rank or degrees before
# it ("TS. Phạm Quang Huy", "BS.CKII Lê Thị Thu Hà", "Thượng tá Phạm Quốc Khánh"); not "Bản sao y
# bản chính", nor another capacity ("Chủ tọa").
_SIGNED_NAME = re.compile(
    rf"^(?:[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ\-]+(?: [A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ\-]+)+"
    rf"|(?:\S*\.\S*\s+){{0,2}}(?:(?:Thượng|Đại|Trung|Thiếu) (?:tá|úy|tướng)\s+)?{NAME_WORDS})$"
)


def _add_signer(signers: str | None, name: str) -> str:
    """Both parties of an agreement sign: every name once, in order. A name signed by its end over
    the full one ("Thu Hà" / "Lâm Thị Thu Hà") is that one name."""
    if signers is None:
        return name
    names = signers.split(", ")
    if name in names:
        return signers
    if names[-1] != name and name.endswith(" " + names[-1]):
        return ", ".join([*names[:-1], name])
    return f"{signers}, {name}"


_BRACKET_AFTER_NAME = re.compile(r"\s*\([^()]{1,60}\)$")


def _closing_by_column(closing: list[Line]) -> list[str | None]:
    """The closing's pieces, a table of signatures read one column after the other: each column is
    one signature ("XÁC NHẬN CỦA CÔNG ĐOÀN | NGƯỜI LÀM ĐƠN" over "CHỦ TỊCH | (Đã ký)" over "Nguyễn
    Thị Mai | Trần Văn Lợi"), so a capacity meets its own name, not the next column's. None marks
    where one column ends and the next begins."""
    pieces: list[str | None] = []
    closing = [line for line in closing if line.text.strip(" |")]  # a table's empty row
    i = 0
    while i < len(closing):
        width = len(closing[i].text.split(" | "))
        j = i
        while j < len(closing) and width > 1 and len(closing[j].text.split(" | ")) == width:
            j += 1
            # A row of names ends a band of signatures; another band may stand under it.
            if all(PERSON.match(_SIGNED.sub("", cell).strip()) for cell in closing[j - 1].text.split(" | ")):
                break
        if j - i < 2:
            pieces.extend(_closing_pieces(closing[i].text))
            i += 1
            continue
        rows = [closing[k].text.split(" | ") for k in range(i, j)]
        for column in range(width):
            for row in rows:
                pieces.extend(_closing_pieces(row[column]))
            pieces.append(None)
        i = j
    return pieces


def _read_closing(closing: list[Line]) -> tuple[str | None, str | None, list[str]]:
    """Signer, signing capacity and recipients from the closing block, in any interleaving."""
    capacity: list[str] = []
    recipients: list[str] = []
    signer = None
    signing = False  # after a capacity: a line that is not a recipient's is the signature's
    noted = False  # the line before was the note that it was signed, alone
    for piece in _closing_by_column(closing):
        if piece is None:  # the next column: another signature, not a recipient
            signing, noted = True, False
            continue
        # "CHỦ TỊCH (Đã ký) Lê Thị Minh Ngọc" in one Word cell: capacity and name.
        text = " ".join(_SIGNED_INSIDE.sub(" ", piece).split())
        after_note, noted = noted, not text
        if not text:
            continue
        # The line under the note ("(Đã ký và đóng dấu)") is the name, however it is written: a
        # foreign name in capitals ("KIM JAE-HOON"), a rank or degree before it ("TS. Phạm Quang
        # Huy", "Thượng tá Phạm Quốc Khánh"), as a capacity would not follow the note.
        if after_note and signing and 2 <= len(text.split()) <= 5 and not is_capacity(text) and _SIGNED_NAME.match(text):
            signer = _add_signer(signer, text)
            continue
        # What follows the note that it was signed is the name, however it is written ("TỔNG
        # GIÁM ĐỐC (đã ký và đóng dấu) LEE JAE HOON": a foreign name in capitals).
        note = _SIGNED_INSIDE.search(piece)
        after = " ".join(piece[note.end() :].split()) if note else ""
        before = " ".join(piece[: note.start()].split()) if note else ""
        if after and 2 <= len(after.split()) <= 5 and not split_trailing_name(text) and is_capacity(before):
            signing = True
            capacity.append(before)
            signer = _add_signer(signer, after)
            continue
        if RECIPIENTS_START.match(text):
            signing = False
            continue
        if is_capacity(text):
            signing = True
            # A Word signature cell can hold capacity and name on one line:
            # "TM. CHÍNH PHỦ THỦ TƯỚNG Nguyễn Xuân Phúc".
            split = split_trailing_name(text)
            if split:
                capacity.append(split[0])
                signer = _add_signer(signer, split[1])
            else:
                capacity.append(text)
        elif text.startswith(("-", "+", "•")) or (
            recipients and not signing and text[:1].isupper() and text.endswith((";", "."))
        ):
            recipients.append(text.lstrip("-+• ").rstrip(";,."))
            signing = False
        elif PERSON.match(name := _BRACKET_AFTER_NAME.sub("", _SIGNED.sub("", text))):
            signer = _add_signer(signer, name)  # (and "Nguyễn Thị Mai (vợ người bị nạn)": her name)
        elif recipients and not signing and not text.isupper():
            # A recipient wrapped onto a second line ("CĐ TCTy trực thuộc TLĐ;").
            recipients[-1] = f"{recipients[-1]} {text.rstrip(';,.')}"
    return signer, (", ".join(capacity) or None), recipients


# --- the document's name -------------------------------------------------------------------------

# Header lines that never name a document: the national motto, the Party's name, dates, numbers,
# the legal bases and the opening of the text.
_MOTTO_WORDS = r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA|ĐỘC LẬP\s*[-–]\s*TỰ DO|ĐẢNG CỘNG SẢN VIỆT NAM"
_MOTTO = re.compile(rf"^(?:{_MOTTO_WORDS})", re.IGNORECASE)
# The motto in a header row or line ("TỔNG LIÊN ĐOÀN … | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM …").
_MOTTO_ANYWHERE = re.compile(_MOTTO_WORDS, re.IGNORECASE)
_NOT_A_NAME = re.compile(r"^(?:Căn cứ|Số\b|Ngày\b|Hôm nay|Kính gửi|Nơi nhận|Thực hiện\b|Theo\b|Để\b)", re.IGNORECASE)
_TYPE_ANY_CASE = re.compile(r"^(" + "|".join(DOC_TYPES) + r")(?=$|[\s:,.])", re.IGNORECASE)
_TYPE_INSIDE = re.compile(r"\s(" + "|".join(t[:1] + t[1:].lower() for t in DOC_TYPES) + r")\s+(?:số\s+)?[A-ZĐ\d]")
# An issuing body's block above the title ("CÔNG TY CỔ PHẦN …", "CÔNG ĐOÀN CƠ SỞ …").
_ORG_HEADER = re.compile(
    r"^(?:CÔNG TY|TẬP ĐOÀN|TỔNG CÔNG TY|TỔNG LIÊN ĐOÀN|TỔNG LĐLĐ|LIÊN ĐOÀN|LĐLĐ|CÔNG ĐOÀN|BAN CHẤP HÀNH|ĐẢNG ĐOÀN|ĐẢNG BỘ|"
    r"TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|ỦY BAN|UBND|BỘ|SỞ|QUỐC HỘI|CHÍNH PHỦ|TRƯỜNG|BỆNH VIỆN|BẢO HIỂM XÃ HỘI|THANH TRA|"
    r"CHI CỤC|CỤC|BAN QUẢN LÝ|TÒA ÁN|VIỆN KIỂM SÁT|KHO BẠC)\b"
)
_ORG_FOLDED = re.compile(fold(_ORG_HEADER.pattern))  # also typed without diacritics
# Where a one-line summary stops naming the document and starts saying what it does:
# "Luật Công đoàn 2012 | quy định về quyền, trách nhiệm của công đoàn…".
_COVERS = re.compile(r":\s+(?=\w)")
_PREDICATE = re.compile(
    r"\s(?:quy định|hướng dẫn|ban hành|được|là|gồm|có hiệu lực|nhằm|áp dụng|điều chỉnh|thay thế|sửa đổi)\b"
)


def document_name(lines: list[Line], meta: DocMeta, file_name: str | None = None) -> tuple[str | None, DocMeta]:
    """The name citations and lists use, and `meta` completed with what a title line states.

    From the header block when it gives the document's type ("Bộ luật Lao động 45/2019/QH14",
    "Kế hoạch 48-KH/ĐĐTLD"); else from the first title-like line before the structure starts
    ("LUẬT CÔNG ĐOÀN số: 12/2012/QH13", "Luật Công đoàn 2012 quy định về …" → "Luật Công đoàn
    2012", "THỎA ƯỚC LAO ĐỘNG TẬP THỂ"); else from the file name, made readable.
    """
    body = "\n".join(ln.text for ln in lines)
    company = _UNION_SIDE.sub("", (meta.issuer or "").upper())
    if (meta.doc_type or "").startswith("THỎA ƯỚC") and _COMPANY.match(company) and _AGREEMENT_LEVEL.match(meta.title or ""):
        # "THỎA ƯỚC LAO ĐỘNG TẬP THỂ DOANH NGHIỆP": the kind's level says which kind, not whose it
        # is; the company heading it does ("… doanh nghiệp Công ty TNHH Điện tử Hanseong Vina").
        meta = replace(meta, title=f"{meta.title.lower()} {_tidy_title(company, body)}")
    if meta.doc_type and meta.doc_type.startswith(_OWN_RULES) and _COMPANY.match(company) and not (meta.title or meta.number):
        # A company's rules or agreement with neither number nor title is known by the company
        # (its union's header names it too): "Nội quy lao động Công ty TNHH Giày da Hòa Thắng",
        # not one "Nội quy lao động" of many.
        meta = replace(meta, title=_tidy_title(company, body))
    if meta.doc_type and not meta.number:
        meta = _excerpt_of(lines, meta)
    header = meta.header_name()
    if header:
        if meta.title and meta.doc_type not in _NAMES_A_BODY_OR_LAW:
            # The title opened its own line; after the type it reads on as the text writes it:
            # "Quy chế thực hiện dân chủ …", "Thỏa ước lao động tập thể ngành dệt may", but
            # "Thỏa ước … Công ty TNHH May Phú Thịnh". A law's name and a charter's body keep their
            # capital ("Luật Bảo hiểm xã hội", "Điều lệ Công đoàn ngành dệt may").
            header = replace(meta, title=_reads_on(meta.title, body)).header_name() or header
        return header, meta
    texts = _opening_texts(lines)
    # The first line may name the document after a few words: "Văn bản hợp nhất Luật Công đoàn
    # năm 2012", "Toàn văn Điều lệ Công đoàn Việt Nam khóa XIII".
    inner = _TYPE_INSIDE.search(texts[0]) if texts else None
    # (A question is no name: "Hợp đồng lao động có những loại nào?" opens a Q&A note.)
    candidates = [(t, None if t.rstrip().endswith("?") else _TYPE_ANY_CASE.match(t)) for t in texts]
    if inner and not candidates[0][1]:
        candidates.insert(0, (texts[0][inner.start(1) :], _TYPE_ANY_CASE.match(texts[0][inner.start(1) :])))
    for text, m in candidates:
        if m and _names_by_type(text, m.end()):
            return _named_by_line(text, m, meta, body)
    for text in texts:
        if in_capitals(text, 6) and len(text.split()) >= 2 and not _ORG_HEADER.match(text):
            return shorten(_tidy_title(text, body)), meta
    named = _source_note(lines)
    if named:
        return _named_by_line(*named, meta, body)
    if file_name:
        spelled = _file_name_as_spelled(file_name, body)
        law = _law_named_by_file(spelled, body)
        if law:
            # "bo_luat_lao_dong_chuong_vi.txt", articles with no title line: the Code, as a question
            # names it ("Điều 97 Bộ luật Lao động"), an excerpt of it.
            kind, title, excerpt = law
            meta = replace(meta, doc_type=kind, title=title)
            return shorten(f"{kind[:1]}{kind[1:].lower()} {title}" + (" (trích)" if excerpt else "")), meta
        return shorten(spelled), meta
    return None, meta


# A copied excerpt's closing note on where it is from, in brackets: "(Trích Chương III Bộ luật Lao
# động số 45/2019/QH14 được Quốc hội … thông qua …; … sao gửi …)". Only the places of the text may
# stand between "Trích" and its kind ("Trích nộp kinh phí … theo Luật …" is a sentence, "Nguồn: …
# tổng hợp từ Luật …" a summary's source).
_SOURCE_NOTE = re.compile(
    r"^\(\s*Trích(?:\s+(?:một số điều của|các|từ|đến|và|Chương|Mục|Phần|Điều|khoản|điểm|[IVXLC]+|\d+[a-zđ]?)\b[,.]?)*\s+(?=\S)"
)
# The note is among the text's last lines (a bracketed line or two of a copier's may follow it).
_NOTE_TAIL = 3


def _source_note(lines: list[Line]) -> tuple[str, re.Match[str]] | None:
    """The text's own name in an excerpt's closing note, with the kind's match: the name that note
    gives a text with no header and no title line (better than its file's name, which a copier
    shortens: "trich_blld_hop_dong_lao_dong.docx")."""
    for line in lines[-_NOTE_TAIL:]:
        note = _SOURCE_NOTE.match(line.text)
        if not note:
            continue
        # (What the copier adds after ";" is not the text's name: "…; Công đoàn ngành Y tế sao gửi …".)
        text = line.text[note.end() :].split(";")[0].rstrip(" ).")
        m = _TYPE_ANY_CASE.match(text)
        if m and _names_by_type(text, m.end()):
            return text, m
    return None

_ONLY_A_DAY = re.compile(r"^\s*ngày\s+\d{1,2}(?:[/.-]\d{1,2}[/.-]|\s+tháng\s+\d{1,2}\s+năm\s+)\d{4}\s*$", re.IGNORECASE)
_SLASHED_DAY = re.compile(r"^(\s*ngày\s+)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
# The kind said again before the number a web page's title gives it ("… 2019 - Luật số …").
_KIND_BEFORE_NUMBER = re.compile(r"\s*[-–]\s*(?:" + "|".join(t[:1] + t[1:].lower() for t in DOC_TYPES) + r")\s*$")

def _named_by_line(text: str, m: re.Match[str], meta: DocMeta, body: str) -> tuple[str, DocMeta]:
    """The name a line naming the document by its kind gives ("Luật Công đoàn 2012 quy định về …"
    → "Luật Công đoàn 2012"), and `meta` completed with the number, date and issuer it states."""
    doc_type = m.group(1).upper()
    rest = text[m.end() :]
    number = None
    inline = _number_after_type(rest)
    if inline:
        number = inline.group(1).rstrip(".")
        # (The date in figures, "ngày 21/11/2013", read as the date in words is.)
        after = _SLASHED_DAY.sub(r"\1\2 tháng \3 năm \4", rest[inline.end() :])
        rest = rest[: inline.start()] + " " + after
    # "Trích Nghị định số 135/2020/NĐ-CP ngày 18 tháng 11 năm 2020 của Chính phủ quy định về …":
    # its date and issuer after the number, no part of a title.
    dated = _DATED_BY.match(rest) if number else None
    if dated:
        rest = rest[dated.end() :]
    elif number and (day := _DATE.search(rest, inline.start() if inline else 0)):
        # A web page's title line: "BỘ LUẬT LAO ĐỘNG 2019 - Luật số 45/2019/QH14 ngày 20/11/2019".
        dated_on, rest = day, rest[: day.start()]
        rest = _KIND_BEFORE_NUMBER.sub("", rest)
        meta = replace(meta, date=meta.date or _iso_date(dated_on))
    # "Trích Điều lệ Công đoàn Việt Nam (khóa XIII): các quy định về đoàn viên …": what a colon
    # introduces is what the excerpt covers, not the name.
    covers = _COVERS.search(rest)
    if covers and rest[: covers.start()].strip() and rest[covers.end()].islower():
        # (Only after the kind's name: "Thông báo: lịch nghỉ Tết …" is named by what follows.)
        rest = rest[: covers.start()]
    predicate = _PREDICATE.search(rest)
    said = rest[predicate.start() :] if predicate else ""
    if predicate:
        rest = rest[: predicate.start()]
    rest = " ".join(rest.split()).strip(" ,:;.-–")
    title = (_tidy_title(rest, body) if rest.isupper() else rest) or None
    # "Thông tư 21/2026/TT-BNV quy định thời giờ … do Bộ Nội vụ ban hành ngày 09/10/2026.": a
    # numbered text's summary says what it is about, who issued it and when.
    issued = _ISSUED_BY.search(said) if number and not title else None
    about = said[: issued.start()].strip(" ,") if issued else ""
    issued_on = (_DAY_SLASHED.search(issued.group(0)) or _DATE.search(issued.group(0))) if issued else None
    meta = replace(
        meta,
        doc_type=meta.doc_type or doc_type,
        title=meta.title or title or (about[:1].upper() + about[1:] or None),
        number=meta.number or number,
        # (Only the National Assembly passes a law or a code: "Luật Việc làm số 74/2025/QH15".)
        issuer=meta.issuer
        or (issued.group(1) if issued else dated.group(4) if dated else "Quốc hội" if doc_type in _PASSED_BY_THE_ASSEMBLY else None),
        date=meta.date or (_iso_date(issued_on) if issued_on else _iso_date(dated) if dated else None),
    )
    label = doc_type[:1] + doc_type[1:].lower()
    return shorten(" ".join(x for x in (label, title, number) if x)), meta


# What a file's name may say after a law's name: where the excerpt is taken from.
_EXCERPT_WORDS = re.compile(r"^\(?(?:trích|chương|mục|phần|điều)\b", re.IGNORECASE)
_HAS_ARTICLES = re.compile(r"^Điều \d+[a-zđ]?[.:]", re.MULTILINE)


def _law_named_by_file(spelled: str, text: str) -> tuple[str, str, bool] | None:
    """(kind, name, whether an excerpt) of a text of articles whose file's name, spelled as the
    text spells it, opens with a law's kind and goes on with words the text uses ("Bộ luật lao
    động chương VI" → "BỘ LUẬT", "Lao động", an excerpt); None for any other."""
    kind = next((k for k in sorted(LAW_TYPES, key=len, reverse=True) if spelled.lower().startswith(k.lower() + " ")), None)
    if not kind or not _HAS_ARTICLES.search(text):
        return None
    words = spelled.split()[len(kind.split()) :]
    cut = next((k for k, w in enumerate(words) if _EXCERPT_WORDS.match(w)), len(words))
    name = words[:cut]
    # (Only words the text spells, one of them at least with its diacritics: "Luật atvsld" keeps its
    # file's letters, no law's name.)
    text_words = set(fold(text).split())
    if not any(has_diacritics(w) for w in name) or not all(has_diacritics(w) or fold(w) in text_words for w in name):
        return None
    title = " ".join(name)
    return kind, title[:1].upper() + title[1:], cut < len(words)


# The longest run of a file name's words looked up at once in the text ("an toan lao dong").
_FILE_NAME_SPAN = 6


def _file_name_as_spelled(file_name: str, text: str) -> str:
    """A file's name with its words as the document's own text spells them: an excerpt that opens
    at "Chương III" with no title ("noi_quy_an_toan_trich.md") is "Nội quy an toàn (trích)", not
    "noi quy an toan trich", which no report can quote. A kind opening the name is spelled as the
    kind is; a word the text never uses stays as typed."""
    words = readable_file_name(file_name).split()
    folded = fold(text)
    if len(folded) != len(text) or any(has_diacritics(w) for w in words):
        return " ".join(words)
    spelled: list[str] = []
    i = 0
    kind = max((t for t in DOC_TYPES if fold(t).split() == [w.lower() for w in words[: len(t.split())]]), key=len, default=None)
    if kind:
        spelled.append(kind[:1] + kind[1:].lower())
        i = len(kind.split())
    while i < len(words):
        # (Two words at least: a lone syllable is too many words at once, "hop" is "họp" or "hợp".)
        for n in range(min(_FILE_NAME_SPAN, len(words) - i), 1, -1):
            phrase = " ".join(words[i : i + n]).lower()
            seen = Counter(
                text[m.start() : m.end()]
                for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded)
            )
            if seen:
                # As written in running text, not in capitals, and lowercase over a capital that
                # opens a sentence.
                best = max(seen, key=lambda k: (k != k.upper(), seen[k], k.islower()))
                spelled.append(best if best != best.upper() else best.lower())
                i += n
                break
        else:
            # (What marks an excerpt, the text never saying it of itself.)
            excerpt = words[i].lower() == fold("trích")
            spelled.append(("(trích)" if i == len(words) - 1 else "trích") if excerpt else words[i])
            i += 1
    return " ".join(spelled)


# The body that issued a text cited by number and date ("… ngày 16 tháng 3 năm 2026 của Chính phủ"),
# up to what the text goes on to say it does ("quy định …", "hướng dẫn …").
_ISSUING_BODY = r"(Thủ tướng Chính phủ|Chính phủ|Quốc hội|Ủy ban Thường vụ Quốc hội|Tổng Liên đoàn Lao động Việt Nam|Bộ [^,;()]{2,40}?)"
_SAYS = r"(?:quy định|hướng dẫn|về|ban hành|sửa đổi)\b"


def _excerpt_of(lines: list[Line], meta: DocMeta) -> DocMeta:
    """An excerpt with no header names what it is taken from in a note under its title: "(Trích
    Chương II và Chương III Nghị định số 38/2026/NĐ-CP ngày 16 tháng 3 năm 2026 của Chính phủ)"
    gives its number, date and issuer, when the note names a text of its own kind."""
    for line in lines[:8]:
        m = _EXCERPT_NOTE.match(line.text.strip())
        # (Or a decree's or a circular's provisions under a title of what they rule, "QUY ĐỊNH VỀ HÒA
        # GIẢI VIÊN LAO ĐỘNG" over "(Trích Nghị định số 52/2026/NĐ-CP …)": that decree, cited so.)
        of_a_law = bool(m) and meta.doc_type == "QUY ĐỊNH" and m.group(1).upper() in _RULED_BY
        if m and (m.group(1).upper() == meta.doc_type or of_a_law):
            date = _DATE.search(m.group(3) or "") or _DAY_SLASHED.search(m.group(3) or "")
            return replace(
                meta,
                doc_type=m.group(1).upper(),
                number=m.group(2).rstrip("."),
                date=meta.date or (_iso_date(date) if date else None),
                issuer=meta.issuer or (m.group(4).strip() if m.group(4) else None),
            )
        if match_marker(line.text):
            break
    return meta


# (Texts named by their number: a law's name sits between its kind and number, not read here.)
_RULED_BY = frozenset({"NGHỊ ĐỊNH", "THÔNG TƯ"})
_EXCERPT_NOTE = re.compile(
    r"^\(\s*Trích\b[^()]{0,120}?\b(Bộ luật|Luật|Pháp lệnh|Nghị định|Thông tư|Nghị quyết|Quyết định|Điều lệ|Quy chế|Nội quy|Quy định)"
    # (A law's name between its kind and its number: "Bộ luật Lao động số 45/2019/QH14".)
    r"(?:\s+[^()]{2,60}?)?\s+số\s*:?\s*(\d[0-9A-Za-zĐđ/\-.\u00C0-\u1EF9]*/[0-9A-Za-zĐđ/\-.\u00C0-\u1EF9]*[0-9A-Za-zĐđ\u00C0-\u1EF9])"
    r"((?:\s+ngày\s+[^()]{0,40}?\d{4}))?"
    rf"(?:\s+của\s+{_ISSUING_BODY}(?=\s+{_SAYS}|\s*\)))?[^()]*\)$",
    re.IGNORECASE,
)


_DATED_BY = re.compile(
    r"^\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
    rf"(?:\s+của\s+{_ISSUING_BODY}(?=\s+{_SAYS}|\s*[,;]|\s*$))?"
)
_ISSUED_BY = re.compile(r"\s+do\s+((?:Bộ|Chính phủ|Thủ tướng|Quốc hội|Ủy ban|Tổng Liên đoàn|Ban)\b[^,.]{0,60}?)\s+ban hành\b[^.]*")
_NAMES_A_BODY_OR_LAW = LAW_TYPES | {"ĐIỀU LỆ"}
_OWN_RULES = ("NỘI QUY", "THỎA ƯỚC")
# An agreement's level alone after its kind, as the Labour Code names them (Điều 75).
_AGREEMENT_LEVEL = re.compile(r"^(?:doanh nghiệp|ngành)$", re.IGNORECASE)
_COMPANY = re.compile(r"(?:CÔNG TY|TỔNG CÔNG TY|TẬP ĐOÀN|NHÀ MÁY|XÍ NGHIỆP|DOANH NGHIỆP|HỢP TÁC XÃ)\b")
_UNION_SIDE = re.compile(r"^(?:BAN CHẤP HÀNH |BCH )?(?:CÔNG ĐOÀN CƠ SỞ|CÔNG ĐOÀN|CĐCS) (?=" + _COMPANY.pattern + ")")


# The level an agreement binds, opening its title: a common noun before the name it goes on with.
_LEVEL_OPENING = re.compile(r"(?:Ngành|Nhóm doanh nghiệp)\s+\S", re.IGNORECASE)


def _reads_on(title: str, text: str) -> str:
    """`title` with its first letter as `text` writes its first words inside a sentence (the
    longest run of up to three of them it writes there at all); unchanged when it never does."""
    words = title.split()
    if not words or _is_acronym(words[0]):
        return title
    if _LEVEL_OPENING.match(title):
        # An agreement's level: "… ngành Dệt May Việt Nam", "… nhóm doanh nghiệp …" ("Doanh nghiệp
        # tư nhân …" is a company's name).
        return title[:1].lower() + title[1:]
    if _named_body_prefix(words) or (words[1:2] and words[1][:1].isupper()):
        return title  # a company's or body's name: "Công ty Cổ phần …", "Ủy ban Kiểm tra …"
    if words[0] == "Về":
        return "v" + title[1:]  # "Về việc …", "Về giờ làm việc …": a preposition never opens a name
    # (The phrase stops at its first comma: "Thăm hỏi, trợ cấp …" is looked for as "thăm hỏi".)
    cut = next((k + 1 for k, w in enumerate(words) if w[-1] in ",;:"), len(words))
    words = [w.rstrip(",;:") for w in words[:cut]]
    for n in (3, 2):
        spelled = _spelled_in(" ".join(words[:n]), text) if len(words) >= n else None
        if spelled:
            return spelled[:1] + title[1:]
    return title


def _opening_texts(lines: list[Line], limit: int = 15) -> list[str]:
    """The lines (and Word table cells) before the document's structure starts."""
    texts: list[str] = []
    for line in lines[:limit]:
        if match_marker(line.text):
            break
        for cell in re.split(r" \| | -{3,} ", line.text):
            cell = cell.strip(" -*")
            if cell and len(cell) <= 300 and not _MOTTO.match(cell) and not _NOT_A_NAME.match(cell):
                texts.append(cell)
    return texts


def _names_by_type(text: str, end: int) -> bool:
    """"LUẬT CÔNG ĐOÀN", "Luật Công đoàn 2012 …", "Nội quy lao động của Xưởng …", "Điều lệ"
    alone: yes. "Luật sư tư vấn …" (a one-word type followed by a lower-case word) and "Kế hoạch
    này …" are sentences, not names."""
    rest = text[end:].lstrip(" :")
    if not rest or text[:end].isupper():
        return True
    if re.match(r"(?:này|đó|trên|nói trên)\b", rest):
        return False
    multiword = " " in text[:end].strip()
    return multiword or rest[:1].isupper() or rest[:1].isdigit() or rest.lower().startswith("số")
