"""Parse a document's numbering hierarchy into a tree of sections.

Two families of numbering:
- legal texts: Phần › Chương › Mục › Điều › khoản `1.` › điểm `a)`;
- plans and programmes: `I.` › `1.` › `1.1.` › `1.1.1.` › `(1)` › `a)`, with `-` / `+` bullets
  that stay inside the clause they belong to.

Plans do not use the styles in a fixed order (a programme may put `(1)` directly under `II.`,
another restarts `1.1.` under `2.`; Kế hoạch 48 numbers two sections `III.`), so the nesting is
decided by what is open: a style already open closes back to its level (a sibling), a new style
opens below the current section (a child). Legal styles have a fixed rank.

This is also where a clause's path label is made (`Section.label`): roman sections and legal
chapters carry their title ("III. TỔ CHỨC THỰC HIỆN", "Chương VII"), numbered clauses their
number ("4.", "Điều 105", "Khoản 1", "Điểm a").

Received documents vary the legal styles: "Điều 5:" or "Điều 5 - Title" or "Điều 5 Title" for
"Điều 5. Title", points lettered "a." for "a)", "CHƯƠNG I" with its title on the next line in title
case. A line "a. …" is a point only inside a sequence (an "a." followed by "b.", or the next
letter after an open point), so a sentence or an initial that happens to start with "a." stays text.
A text typed without diacritics has "Dieu 3.", "Chuong II", "Muc 1", "Phan I", "PHU LUC": the same
levels, cited with the accented word ("Điều 3").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.document import PRESENT_SECTION, shorten
from ingest.normalize import Line, fold, in_capitals

# Fixed ranks for legal styles; plan styles get their depth from what is open.
_LEGAL_RANK = {"appendix": 0, "part": 0, "chapter": 1, "mucluc": 2, "article": 3}
#: The levels of a text of articles (Phần, Chương, Mục, Điều): what a plan's sections are not.
LEGAL_STYLES = frozenset(_LEGAL_RANK) - {"appendix"}
_FIRST_NUMBER = re.compile(r"\s(?:1|I|thứ nhất|THỨ NHẤT)$")


def opens_anew(style: str, number: str) -> bool:
    """Whether a heading is the first of a text of articles: Phần thứ nhất, Chương I, Mục 1, Điều 1
    (or Phụ lục 1)."""
    return style in _LEGAL_RANK and bool(_FIRST_NUMBER.search(number))

_ROMAN = r"[IVXLC]{1,6}"


def _unaccented_tail(stops: str) -> str:
    """What may follow the number of a level word typed without diacritics: the end of the line,
    one of `stops` or a dash not opening a figure ("Muc 1 - 300.000 dong" is a level of
    allowance), or a capitalised title — never running lower-case
    text. One group per branch; the one that matched holds the title."""
    return rf"\b(?:\s*[{stops}](?!\s*\d)\s*(.*)|\s+[-–—](?!\s*\d)\s*(.*)|\s+(?=[A-Z])(.*)|\s*)$"


# Labels use the accented word whichever way the heading was typed: "Dieu 3" is cited "Điều 3".
_ACCENTED_WORD = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "dieu": "Điều"}

# The one "Điều N" heading pattern of the project (bench/ and eval/ use it through match_article):
# "Điều 105. Thời giờ…", "Điều 5: …", "Điều 5 - …", a bare "Điều 105", or "Điều 26 Quyền của
# công đoàn" (title on the same line, no punctuation). Not a wrapped cross-reference at the start
# of a line: "Điều 169 của Luật này." (lower case follows) or "Điều 35 Bộ luật này" (a law's name
# follows). Group 1 is the heading's number as written ("Điều 105"), group 2 the title.
_LAW_NAMES = r"(?:Bộ luật|Luật|Nghị định|Nghị quyết|Thông tư|Hiến pháp|Pháp lệnh|Quyết định|Điều lệ|Khoản|Điểm)\b"
# A line that only starts like a heading: "Điều 5 Quy chế này áp dụng …", "Điều 12 Thỏa ước nói
# trên …", "Điều 7 BLLĐ quy định …" (an abbreviation followed by running text).
_LOWER = "a-zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"
_SENTENCE = rf"(?:\S+\s+){{0,3}}(?:này|nói trên|trên đây)\b|[A-ZĐ]{{2,}}\s+[{_LOWER}]"


# After a part's, chapter's or section's number with no "." or ":": not a lower-case word ("của Bộ
# luật này"), a document's name that a reference follows ("Nghị định này là …", "Luật số 12"), or
# another level ("Mục 1 Chương XI của …"): a sentence that starts on a wrapped line. A title may be
# any words ("Chương II Khoản vay và lãi suất", "Mục 1 Luật áp dụng").
_NOT_A_SENTENCE = (
    rf"(?!\s*[{_LOWER}])(?!\s+{_LAW_NAMES}\s+(?:này|số|\d|[A-ZĐ]))"
    r"(?!\s+(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Điều|ĐIỀU)\s+(?:\d|[IVXLC]+\b))"
)
_HEADING_TAIL = rf"(?:[.:]\s*|{_NOT_A_SENTENCE}\s*)(.*)$"


def _article_heading(word: str, law_names: str, sentence: str) -> re.Pattern[str]:
    return re.compile(
        rf"^\s*({word}\s+\d+[a-zđ]?)"
        r"(?:\s*[.:]\s*(.*)|\s+[-–—]\s*(.*)|\s+(?!" + law_names + r")(?!" + sentence + r")(?=[A-ZĐÀÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ])(.*)|\s*)$"
    )


ARTICLE_HEADING = _article_heading("(?:Điều|ĐIỀU)", _LAW_NAMES, _SENTENCE)
# The same heading in a text typed without diacritics ("Dieu 3. Che do hop"), with the same
# exclusions spelt the same way ("Dieu 35 Bo luat Lao dong …", "Dieu 5 Quy che nay …").
ARTICLE_HEADING_UNACCENTED = _article_heading(
    "(?:Dieu|DIEU)",
    r"(?:Bo luat|Luat|Nghi dinh|Nghi quyet|Thong tu|Hien phap|Phap lenh|Quyet dinh|Dieu le|Khoan|Diem)\b",
    r"(?:\S+\s+){0,3}(?:nay|noi tren|tren day)\b|[A-Z]{2,}\s+[a-z]",
)


def match_article(text: str) -> tuple[str, str] | None:
    """("105", "Thời giờ làm việc bình thường") when the line is an article heading, else None."""
    m = ARTICLE_HEADING.match(text) or ARTICLE_HEADING_UNACCENTED.match(text)
    if not m:
        return None
    number = m.group(1).split()[-1]
    title = next((g for g in m.groups()[1:] if g is not None), "")
    return number, title.strip()


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # (Not a sentence that starts with one, on a wrapped line: "Chương XI của Bộ luật này.",
    # "Chương IV Nghị định này là …".)
    ("part", re.compile(rf"^((?:Phần|PHẦN) (?:thứ [^\W\d_]+|THỨ [^\W\d_]+|{_ROMAN}|\d+))\b{_HEADING_TAIL}")),
    ("chapter", re.compile(rf"^((?:Chương|CHƯƠNG) (?:{_ROMAN}|\d+))\b{_HEADING_TAIL}")),
    ("mucluc", re.compile(rf"^((?:Mục|MỤC) (?:\d+|{_ROMAN}))\b{_HEADING_TAIL}")),
    ("article", ARTICLE_HEADING),
    # An appendix closes the articles before it ("PHỤ LỤC" of Nghị định 293/2025).
    ("appendix", re.compile(r"^(PHỤ LỤC(?: [IVXLC]+| \d+)?)\b[.:]?\s*(.*)$")),
    # Also "Phụ lục II. SỐ NGÀY NGHỈ …": a numbered appendix whose title is in capitals (not "Phụ
    # lục II kèm theo Nghị định này quy định …", a sentence, nor "Phụ lục 1" alone, the end of a
    # wrapped "… theo mẫu tại" / "Phụ lục 1").
    ("appendix", re.compile(r"^(Phụ lục (?:[IVXLC]+|\d+))[.:]\s*(\S.*)$")),
    # The legal levels typed without diacritics. Without accents "Muc" is also mức (a level, "Muc 1
    # trieu dong", "Muc 2: 500.000 dong") and "Phan" a surname, hence the stricter tail; a Mục is
    # never introduced by ":".
    ("part", re.compile(rf"^((?:Phan|PHAN) (?:{_ROMAN}|\d+)){_unaccented_tail('.:')}")),
    ("chapter", re.compile(rf"^((?:Chuong|CHUONG) (?:{_ROMAN}|\d+)){_unaccented_tail('.:')}")),
    ("mucluc", re.compile(rf"^((?:Muc|MUC) (?:\d+|{_ROMAN})){_unaccented_tail('.')}")),
    ("article", ARTICLE_HEADING_UNACCENTED),
    ("appendix", re.compile(r"^(PHU LUC(?: [IVXLC]+| \d+)?)\b[.:]?\s*(.*)$")),
    ("roman", re.compile(rf"^({_ROMAN})[.)]\s*(.*)$")),
    # A dialogue's minutes: "Câu hỏi 3 (chị Bích, tổ cắt 1): …" with the answer under it; a
    # guidance's steps: "Bước 2. Lập đơn …" with what the step says under it.
    ("question", re.compile(r"^(Câu hỏi \d{1,2})(?=\s*[(:.])[.:]?\s*(.*)$")),
    # A leaflet's "Câu 3. Hỏi: Vào công đoàn thì hằng tháng tôi phải đóng bao nhiêu tiền?" / "Đáp: …".
    ("question", re.compile(r"^(Câu \d{1,3})[.:]\s+(Hỏi\s*:.*)$")),
    # Or its question alone, the answer on the next line ("Câu 3. Thời gian thử việc tối đa là bao
    # lâu?" / "Trả lời: …").
    ("question", re.compile(r"^(Câu \d{1,3})[.:]\s+(\S.*\?)$")),
    # A leaflet's questions without numbers ("Hỏi: Tôi mới vào làm …" / "Đáp: …"): numbered in
    # order under their heading (parse_structure), as a reader counts them.
    ("question", re.compile(r"^((?:Câu hỏi|Hỏi|HỎI))\s*:\s*(\S.*)$")),
    # A training programme's modules and topics the same way: "Mô-đun 4. Tài chính công đoàn cơ sở
    # (03 tiết)", "Chuyên đề 2: Kỹ năng thương lượng"; a scoring guide's criteria ("Tiêu chí 3: Điện,
    # nước (15 điểm)" over "3.1. …").
    ("step", re.compile(r"^((?:Bước|BƯỚC|Mô-đun|MÔ-ĐUN|Mô đun|MÔ ĐUN|Chuyên đề|CHUYÊN ĐỀ|Tiêu chí|TIÊU CHÍ) \d{1,2})[.:]\s*(.*)$")),
    # (Not a table's row numbered "2.1 | Đoàn phí nộp cấp trên | …": a cell follows, not a heading.)
    ("dec3", re.compile(r"^(\d{1,2}\.\d{1,2}\.\d{1,2})\.?\s+(?!\|)(.*)$")),
    ("dec2", re.compile(r"^(\d{1,2}\.\d{1,2})\.?\s+(?!\|)(.*)$")),
    ("arabic", re.compile(r"^(\d{1,3})[.)]\s+(.*)$")),
    ("paren", re.compile(r"^\((\d{1,2})\)\s*(.*)$")),
    ("letter", re.compile(r"^([a-zđ])\)\s+(.*)$")),
]
# Numbered clauses: a khoản "1.", or an agreement's "2.3." / "2.3.1." (inside an article, a khoản too).
NUMBERED_CLAUSE_STYLES = frozenset({"arabic", "dec2", "dec3"})
_BULLET = re.compile(r"^([-–•+*])\s+")
_LETTER_DOT = re.compile(r"^([a-zđ])\.\s+(\S.*)$")
# Points run a, b, c, d, đ, e, g, h, i, k, … (no f, j, w, z in Vietnamese); a text that uses the
# Latin order (e, f, g) or skips one letter still continues its sequence.
_POINT_ORDER = "abcdđeghiklmnopqrstuvxy"
_LATIN_ORDER = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class Section:
    """A node of the document tree. The root has style "root" and no heading."""

    style: str
    number: str  # "III", "4", "Điều 105", "1.1", "a"
    title: str  # heading text after the number ("TỔ CHỨC THỰC HIỆN", "Ban Tổ chức: Tham mưu …")
    heading: str  # the heading line as written ("4. Ban Tổ chức: …")
    line_index: int  # index of the heading line in the document's lines (-1 for the root)
    body: list[int] = field(default_factory=list)  # indices of lines before the first child
    title_lines: list[int] = field(default_factory=list)  # a title on the line(s) after the heading
    children: list[Section] = field(default_factory=list)
    label: str = ""
    in_article: bool = False

    @property
    def own_lines(self) -> list[int]:
        """The heading, its title line and its body: this section's text without its children."""
        return [self.line_index, *self.title_lines, *self.body]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def match_marker(text: str) -> tuple[str, str, str] | None:
    """(style, number, rest) when the line starts a numbered section, else None."""
    for style, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        if style == "article":
            number = " ".join(m.group(1).split())
            rest = next((g for g in m.groups()[1:] if g is not None), "").strip()
            return style, number, rest
        number, rest = m.group(1), next((g for g in m.groups()[1:] if g is not None), "").strip()
        if style == "roman" and not _plausible_roman(number, rest):
            continue
        if style in NUMBERED_CLAUSE_STYLES and not rest:
            continue
        if style == "appendix" and number.startswith("Phụ lục") and rest != rest.upper():
            continue  # "Phụ lục II. Mẫu báo cáo được sửa đổi …": its title is in capitals
        return style, number, rest
    return None


def _plausible_roman(number: str, rest: str) -> bool:
    # "I. MỤC ĐÍCH" yes; a sentence that happens to begin with "V." or "C." hardly ever.
    return bool(rest) and re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", number) is not None


def is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text))


def _successors(letter: str, reach: int = 2) -> set[str]:
    """The letters that may follow `letter` in a list of points (one skipped letter tolerated)."""
    out: set[str] = set()
    for order in (_POINT_ORDER, _LATIN_ORDER):
        k = order.find(letter)
        if k >= 0:
            out.update(order[k + 1 : k + 1 + reach])
    return out


def dotted_points(lines: list[Line], start: int = 0, stop: int | None = None) -> set[int]:
    """Indices of the "a. …" lines that are points: members of a sequence a., b., c., … with no
    other numbered heading between two consecutive members."""
    stop = len(lines) if stop is None else stop
    accepted: set[int] = set()
    chain: list[tuple[int, str]] = []
    last_marker = -1  # the last line (in range) that starts any other numbered section

    def close() -> None:
        # Two lines make a sequence only as "a." then "b."; with a letter skipped it takes three.
        if len(chain) >= 3 or (len(chain) == 2 and chain[1][1] in _successors(chain[0][1], 1)):
            accepted.update(i for i, _ in chain)

    for i in range(start, stop):
        text = lines[i].text
        m = _LETTER_DOT.match(text)
        if m is None:
            if match_marker(text) is not None:
                last_marker = i
            continue
        letter = m.group(1)
        if chain and letter in _successors(chain[-1][1]) and last_marker < chain[-1][0]:
            chain.append((i, letter))
            continue
        close()
        chain = [(i, letter)] if letter == "a" else []
    close()
    return accepted


def _label(section: Section) -> str:
    style, number, title = section.style, section.number, section.title
    if style == "roman":
        return f"{number}. {title}".strip() if len(title) <= 120 else f"{number}."
    if style == "appendix":
        return " ".join(["Phụ lục", *number.split()[2:]])
    if style in {"part", "chapter", "mucluc", "article"}:
        word, _, rest = number.partition(" ")
        word = _ACCENTED_WORD.get(word.lower(), word)
        return f"{word[:1].upper()}{word[1:].lower()} {rest}"
    if section.in_article and style == "arabic":
        return f"Khoản {number}"
    if section.in_article and style == "letter":
        return f"Điểm {number}"
    if style == "paren":
        return f"({number})"
    if style == "question":
        return number
    if style == "intro":
        # "Từ những nội dung trên, Công đoàn cơ sở đề nghị Tổng Giám đốc" as a place in a citation.
        return shorten(number, _INTRO_LABEL)
    if style == "role":
        return number
    if style == "step":
        word, _, n = number.rpartition(" ")
        return f"{word[:1].upper()}{word[1:].lower()} {n}"
    if style == "letter":
        # As written: "a)" or "a."
        return section.heading[: len(number) + 1]
    return f"{number}."


# A table of contents: "MỤC LỤC", then headings ("Điều 4. Mức đóng đoàn phí 4", "…… 12").
_CONTENTS = "muc luc"
_PAGE_NUMBER = re.compile(r"(?:\s|\.{2,}|…)\d{1,3}$")


def contents_lines(lines: list[Line], start: int = 0, stop: int | None = None) -> set[int]:
    """The lines of a table of contents in lines[start:stop]: its title and the headings it lists,
    up to where the text repeats its first heading or, where it never does, while each ends with
    a page number. They are not sections: "Điều 4" listed there is not a second Điều 4."""
    stop = len(lines) if stop is None else stop
    out: set[int] = set()
    # (Its title may stand just before `start`, in the header: the first heading starts the body.)
    for i in range(max(0, start - 3), stop):
        if fold(lines[i].text).strip(" .:*").lower() != _CONTENTS:
            continue
        first = match_marker(lines[i + 1].text) if i + 1 < stop else None
        if first is None or first[0] not in _LEGAL_RANK:
            continue  # a list after "MỤC LỤC" that is not a table of contents ("1. Tờ trình …")
        j, paged = i + 2, bool(_PAGE_NUMBER.search(lines[i + 1].text))
        while j < stop:
            found = match_marker(lines[j].text)
            if found is not None and found[:2] == first[:2]:
                break  # the text itself begins
            if found is None and len(lines[j].text) > 120:
                break
            paged = paged and (found is None or bool(_PAGE_NUMBER.search(lines[j].text)))
            j += 1
        if j < stop or paged:
            out.update(range(i, j))
    return out


_OPENING_QUOTE = ("“", '"', "„")
_CLOSING_QUOTE = re.compile(r"[”\"][.;,]?$")
# A quotation longer than this is not one (an unclosed mark): its lines are read as they stand.
_QUOTE_LINES = 200


def quoted_lines(lines: list[Line], start: int = 0, stop: int | None = None) -> set[int]:
    """The lines of text quoted after "… như sau:" (an amending act's new wording: "1. Sửa đổi
    Điều 5 như sau:" / "“Điều 5. …" / "1. …" / "a) …”"): what they number is the quoted
    article's, not the amending text's own khoản and điểm."""
    stop = len(lines) if stop is None else stop
    out: set[int] = set()
    i = max(start, 1)
    while i < stop:
        text = lines[i].text
        # (Only new wording that is itself numbered, "“Điều 5. …", "“4. …", "“b) …": not a
        # definition "“Đoàn viên” là …" or a slogan after a colon.)
        if text.startswith(_OPENING_QUOTE) and lines[i - 1].text.rstrip().endswith(":") and match_marker(text[1:].lstrip()):
            end = next((j for j in range(i, min(stop, i + _QUOTE_LINES)) if _CLOSING_QUOTE.search(lines[j].text.rstrip())), None)
            if end is not None:
                out.update(range(i, end + 1))
                i = end + 1
                continue
        i += 1
    return out


_APPENDIX_ALONE = re.compile(r"^\s*Phụ lục (?:[IVXLC]+|\d+)\s*$")


def _is_title_in_capitals(text: str) -> bool:
    return in_capitals(text, 4) and match_marker(text) is None


def parse_structure(lines: list[Line], start: int = 0, stop: int | None = None, minutes: bool = False) -> Section:
    """Build the section tree over lines[start:stop]; unnumbered lines join the open section.
    `minutes`: a record of a meeting, whose roles named on lines of their own are units."""
    stop = len(lines) if stop is None else stop
    root = Section(style="root", number="", title="", heading="", line_index=-1)
    stack: list[Section] = [root]
    points = dotted_points(lines, start, stop)
    # Neither a table of contents nor a quotation is a section of this text.
    not_sections = contents_lines(lines, start, stop) | quoted_lines(lines, start, stop)
    for i in range(start, stop):
        text = lines[i].text
        found = None if i in not_sections else match_marker(text)
        if found is None and i + 1 < stop and _APPENDIX_ALONE.match(text) and _is_title_in_capitals(lines[i + 1].text):
            # "Phụ lục II" on a line of its own, its title in capitals on the next (a decree's
            # layout); not the end of a wrapped "… theo mẫu tại" / "Phụ lục 1".
            found = ("appendix", text.strip(), "")
        if i in points and i not in not_sections:
            m = _LETTER_DOT.match(text)
            assert m is not None
            found = ("letter", m.group(1), m.group(2).strip())
        if found is None and _opens_a_new_list(lines, i, start, stop, points, stack):
            # "Trách nhiệm của Đoàn kiểm tra:" after the last member of the team, its points after
            # it: a list of its own beside the numbered items, not points of the last member.
            found = ("intro", text.strip().rstrip(":").strip(), "")
        heads = None if found is not None else _heads_a_new_list(lines, i, stop, stack)
        if heads is not None:
            # "Tài liệu gửi kèm" (a Markdown heading without a number) after "5. …." and over a list
            # numbered anew from "1.": that list's own heading, beside the list it follows, not
            # more of item 5.
            found = ("intro", text.strip().rstrip(":").strip(), "")
        if found is None and minutes and (role := _role_after_a_list(lines, i, stack)):
            # Minutes' "Thư ký cuộc họp: Bà Phan Thị Yến …" after the last of those present: who
            # took the minutes, not more of the last guest.
            found = ("role", role, "")
        if found is None and _beyond_an_introduced_list(lines, i, stop, stack):
            # "Nguồn kinh phí: Công đoàn cơ sở chi …" after the last of the costs "Tổng kinh phí
            # dự kiến: …, cụ thể:" lists: the list has ended, the heading's text goes on.
            stack.pop()
        if found is None and _after_a_role(lines, i, stack):
            # "Số ủy viên có mặt bảo đảm tỷ lệ …, hội nghị đủ điều kiện tiến hành." after "Thư ký hội
            # nghị: Bà …, ủy viên Ban Chấp hành.": the section's text again, not the secretary's.
            stack.pop()
        if found is None:
            # Body text belongs to the deepest open section: a paragraph after "3." stays in "3.".
            stack[-1].body.append(i)
            continue
        style, number, rest = found
        parent_index = _parent_index(stack, style) if heads is None else heads - 1
        if style == "role" and stack[-1].style not in (*NUMBERED_CLAUSE_STYLES, "role"):
            # (After the list of those present right under their heading: a role of that section.)
            parent_index = len(stack) - 1
        if _restarts_under(stack, style, number, lines):
            # "4. Kết luận …" / "… giao nhiệm vụ như sau:" / "1. Ban Cơ điện …": a list the item
            # introduces, numbered anew, is its own, not more items beside it.
            parent_index = len(stack) - 1
        elif (outer := _continues_outer(stack, style, number, rest)) is not None:
            # "5." after such an inner list's "1." … "9." goes on with the outer list (its "4.").
            parent_index = outer
        del stack[parent_index + 1 :]
        parent = stack[-1]
        if style == "question" and not number[-1].isdigit():
            number = f"Câu hỏi {1 + sum(c.style == 'question' for c in parent.children)}"
        section = Section(
            style=style,
            number=number,
            title=rest,
            heading=text,
            line_index=i,
            in_article=(style in NUMBERED_CLAUSE_STYLES or style == "letter") and any(s.style == "article" for s in stack),
        )
        section.label = _label(section)
        parent.children.append(section)
        stack.append(section)
    _absorb_heading_titles(root, lines)
    return root


# A line that goes on with the item above rather than opening a list of its own: "Cụ thể như sau:",
# "Trong đó:", "Gồm:" (what the last item's points are).
_GOES_ON = re.compile(r"^(?:Cụ thể|Trong đó|Bao gồm|Gồm|Như sau|Theo đó)\b", re.IGNORECASE)
# How much of a line that opens points of its own a citation shows.
_INTRO_LABEL = 80


def _own_text_ends(section: Section, lines: list[Line]) -> str:
    """The last character of a section's own text (its heading, title lines and body)."""
    own = [k for k in section.own_lines if k >= 0 and lines[k].text.strip()]
    return lines[own[-1]].text.rstrip()[-1:] if own else ""


def _opens_a_new_list(lines: list[Line], i: int, start: int, stop: int, points: set[int], stack: list[Section]) -> bool:
    """Whether unnumbered line `i` introduces points of its own after a finished list: a short
    line ending with ":" ("Trách nhiệm của Công đoàn Công ty:"), point a) next, while the open
    item is a finished member of a list its parent introduced ("Điều 2. Thành lập Đoàn kiểm tra
    gồm các đồng chí có tên sau:" / "4. Đồng chí … - Thành viên kiêm thư ký."), or a point under
    such a line. Not a khoản's own "Trường hợp … thì:" (its parent introduces no list)."""
    text = lines[i].text.strip()
    if not text.endswith(":") or len(text) > 150 or is_bullet(text) or i + 1 >= stop or _GOES_ON.match(text):
        return False
    following = lines[i + 1].text
    opens_points = (i + 1 in points and following.startswith("a.")) or following.startswith("a)")
    if not opens_points or len(stack) < 2:
        return False
    item, parent = stack[-1], stack[-2]
    if parent.style == "intro" and item.style == "letter":
        return True
    introduced = _own_text_ends(parent, lines)
    if parent.style == "root" and not introduced and start > 0:
        # A letter's items introduced by its opening ("… vì những lý do sau:"), above the body.
        introduced = lines[start - 1].text.rstrip()[-1:]
    return (
        item.style in NUMBERED_CLAUSE_STYLES
        and not item.children
        and _own_text_ends(item, lines) in (".", ";")
        and introduced == ":"
    )


# The most words of a heading line over a list numbered anew ("Tài liệu gửi kèm", "Hồ sơ kèm theo").
_LIST_HEADING_WORDS = 8


def _heads_a_new_list(lines: list[Line], i: int, stop: int, stack: list[Section]) -> int | None:
    """Where in the open stack the list sits that unnumbered line `i` follows, when `i` is a short
    heading (a capital first, no sentence's mark but a colon: "Tài liệu gửi kèm:") between that
    list's finished last item (or the last point under it) and a list numbered anew from "1." in
    the same style; None otherwise. ("Cụ thể như sau:" goes on with the item above.)"""
    text = lines[i].text.strip()
    if not text or not text[0].isupper() or text[-1] in ".;,!?)" or len(text.split()) > _LIST_HEADING_WORDS:
        return None
    if is_bullet(text) or _GOES_ON.match(text):
        return None
    following = next((k for k in range(i + 1, stop) if lines[k].text.strip()), None)
    found = match_marker(lines[following].text) if following is not None else None
    if found is None or found[1].rstrip(".)") != "1":
        return None
    listed = next((k for k in range(len(stack) - 1, 0, -1) if stack[k].style == found[0]), None)
    if listed is None or stack[listed].style not in NUMBERED_CLAUSE_STYLES or stack[listed].number.rstrip(".)") == "1":
        return None
    last = stack[-1]
    if last.body or last.children or _own_text_ends(last, lines) not in (".", ";"):
        return None
    return listed


# A meeting's role named on a line of its own ("Thư ký cuộc họp: …", "Vắng mặt: …", "Chủ trì: …"), in
# minutes only: in a plan, "Chủ trì: Ban Tổ chức" under a task is who leads that task.
_ROLE_LINE = re.compile(
    r"^(Vắng mặt|Có mặt|(?:Thư ký|Chủ trì|Chủ tọa)(?: (?:cuộc|buổi|phiên) \w+(?: \w+)?| hội nghị| đại hội| kiểm phiếu)?"
    r"|Người ghi biên bản|Người chứng kiến|Đại diện cấp trên(?: dự)?|Khách mời)\s*:\s*\S"
)


# A numbered item's line of at most this many words that ends without a sentence's mark is a title
# ("3. Kết luận", "4. Bế mạc"), not one more task in a list.
_ITEM_TITLE_WORDS = 10
# A paragraph that opens with its own short label: "Nguồn kinh phí: …", "Lưu ý: …".
_LABELLED = re.compile(r"^[A-ZĐÀ-Ỹ][^:.;()]{2,40}:\s+\S")


def _beyond_an_introduced_list(lines: list[Line], i: int, stop: int, stack: list[Section]) -> bool:
    """Whether unnumbered line `i`, a labelled paragraph, follows the finished last member of a
    list its parent's text introduced and names that text's subject ("III. KINH PHÍ" / "Tổng kinh
    phí dự kiến: …, cụ thể:" / "1. …;" … "6. … 7.400.000 đồng." / "Nguồn kinh phí: …"): it is the
    parent's text again, not more of the last member. An item's own details ("2. Gặp mặt …" /
    "Thời gian: Ngày 30/4." / "Địa điểm: …") name something else, and a sibling after the line
    shows the list goes on. Not in a text of articles, whose khoản go on as their article writes
    them."""
    text = lines[i].text.strip()
    label = _LABELLED.match(text)
    if len(stack) < 3 or not label or _ROLE_LINE.match(text):
        return False
    item, parent = stack[-1], stack[-2]
    if item.style not in NUMBERED_CLAUSE_STYLES or item.children or item.body or item.in_article:
        return False
    if _own_text_ends(item, lines) != "." or _own_text_ends(parent, lines) != ":":
        return False
    following = next((m for k in range(i + 1, stop) if (m := match_marker(lines[k].text))), None)
    if following is not None and following[0] == item.style:
        return False
    subject = {w for k in parent.own_lines if k >= 0 for w in fold(lines[k].text).lower().split() if len(w) > 1}
    return any(w in subject for w in fold(text[: text.index(":")]).lower().split() if len(w) > 1)


def _after_a_role(lines: list[Line], i: int, stack: list[Section]) -> bool:
    """Whether unnumbered line `i` is a sentence of its own after a role's finished line: one that
    opens with a capital and is neither a bullet nor another label."""
    text = lines[i].text.strip()
    if not (
        len(stack) >= 2
        and stack[-1].style == "role"
        # (An absence is explained on the line below: "Vắng mặt: 02 đồng chí (có lý do)." / "Đồng
        # chí Lê Văn Cường đi công tác, …".)
        and stack[-1].number not in ("Vắng mặt", "Có mặt")
        and _own_text_ends(stack[-1], lines) == "."
        and text[:1].isupper()
        and not is_bullet(text)
        and not _LABELLED.match(text)
    ):
        return False
    # Only after the last role: a role's line after it would no longer be read as one.
    for k in range(i + 1, min(len(lines), i + 12)):
        if match_marker(lines[k].text):
            break
        if _ROLE_LINE.match(lines[k].text.strip()):
            return False
    return True


# The heading of those present itself ("II. THÀNH PHẦN THAM DỰ", "I. Có mặt"), not any heading naming
# them ("IV. Ý KIẾN CỦA CÁC ĐẠI BIỂU DỰ HỌP").
_PRESENT_HEADING = re.compile(r"(?:thanh phan|nhung nguoi (?:tham du|co mat)|nguoi tham du|tham du|co mat)\b")


def _role_after_a_list(lines: list[Line], i: int, stack: list[Section]) -> str | None:
    """The role unnumbered line `i` names when it follows a finished item of a list (one whose
    text ends a sentence, with no points): "Thư ký cuộc họp" of "Thư ký cuộc họp: Bà …" after
    "8. Khách mời: …."; None otherwise (under "1. Thành phần:" such lines are its text)."""
    m = _ROLE_LINE.match(lines[i].text.strip())
    if not m or len(stack) < 2:
        return None
    item = stack[-1]
    # Right under the heading of those present, after their list: "II. THÀNH PHẦN THAM DỰ" / "- Ban
    # Chấp hành … có mặt 08 ủy viên; …" / "- Khách mời: …." / "Thư ký cuộc họp: bà …".
    if (
        item.style not in (*NUMBERED_CLAUSE_STYLES, "role", "root")
        and not item.children
        and _PRESENT_HEADING.match(fold(item.title).lower())
        and any(is_bullet(lines[k].text.strip()) for k in item.body)
        and _own_text_ends(item, lines) in (".", ";")
    ):
        return m.group(1)
    # (Or after another role's line: "Vắng mặt: …." then "Thư ký cuộc họp: …".)
    if item.style not in (*NUMBERED_CLAUSE_STYLES, "role") or item.children or _own_text_ends(item, lines) not in (".", ";"):
        return None
    # The item introduces them, unless what it introduced is a list that has ended ("2. Đại diện
    # đơn vị cung cấp:" / "- Ông Vũ Đức Thịnh, quản lý bếp." / "Chủ trì: Ông …").
    # Only among those present ("II. THÀNH PHẦN"): after a task's bullets, "Chủ trì: Ban Văn thể"
    # says who leads that task.
    introduces = item.line_index >= 0 and lines[item.line_index].text.rstrip().endswith(":")
    listed = any(is_bullet(lines[k].text.strip()) for k in item.body)
    if introduces and not (listed and PRESENT_SECTION.search(fold(stack[-2].heading).lower())):
        return None
    return m.group(1)



def _absorb_heading_titles(root: Section, lines: list[Line]) -> None:
    """"Chương VII" / "THỜI GIỜ LÀM VIỆC…" on the next line: that line is the title, not body.

    An upper-case or bold line always is; a title-case one ("Những quy định chung") when it is
    short, ends without a sentence's punctuation and is all the heading's own text before its
    children — a paragraph under a bare "Điều 5" is body, a chapter's name is not.
    """
    for node in root.walk():
        if node.style not in {"part", "chapter", "mucluc", "appendix", "article"} or node.title or not node.body:
            continue
        line = lines[node.body[0]]
        first = line.text
        upper = in_capitals(first)
        title_like = (
            len(first) <= 160
            and first[:1].isupper()
            and not first.rstrip().endswith((".", ";", ":", ","))
            and ((len(node.body) == 1 and bool(node.children)) or node.style == "article")
        )
        if upper or line.bold or title_like:
            node.title = first
            node.heading = f"{node.heading} {first}"
            node.title_lines = node.body[:1]
            node.body = node.body[1:]


def _restarts_under(stack: list[Section], style: str, number: str, lines: list[Line]) -> bool:
    """Whether item `number` opens a list numbered anew under the open item of its own style,
    whose text introduces it (ends with ":") and which has no items yet."""
    item = stack[-1]
    return (
        style in NUMBERED_CLAUSE_STYLES
        and number == "1"
        and item.style == style
        and item.number != "1"
        and not item.children
        and _own_text_ends(item, lines) == ":"
    )


def _continues_outer(stack: list[Section], style: str, number: str, rest: str) -> int | None:
    """Where item `number` attaches when it goes on with an outer list of its style rather than
    the inner list open inside it ("5." after "4." › "1." … "9."): the outer item's parent. Where
    it would go on with both ("3." after "2." › "1.", "2."), a title goes on with the outer list
    ("3. Kết luận"), a sentence with the inner one."""
    if style not in NUMBERED_CLAUSE_STYLES or not number.isdigit():
        return None
    same = [k for k, s in enumerate(stack) if s.style == style]
    if len(same) < 2:
        return None
    inner, outer = stack[same[-1]], stack[same[-2]]
    if not (inner.number.isdigit() and outer.number.isdigit()) or int(number) != int(outer.number) + 1:
        return None
    goes_on_inner = int(number) == int(inner.number) + 1
    title = not rest.rstrip().endswith((".", ";", ":")) and len(rest.split()) <= _ITEM_TITLE_WORDS
    return same[-2] - 1 if not goes_on_inner or title else None


def _parent_index(stack: list[Section], style: str) -> int:
    """Where in the open stack a new section of `style` attaches (index of its parent)."""
    if style == "role":
        # Beside the list it follows (the last item's, or the role's named before it, parent).
        return len(stack) - 2
    if stack[-1].style == "role":
        # A role's line has no items: what follows is the list's ("3. Khách mời" after "Vắng mặt: …").
        return _parent_index(stack[:-1], style)
    if style == "intro":
        # Beside the list it follows (or the list an earlier such line opened): its items' parent.
        opened = [k for k, s in enumerate(stack) if s.style == "intro"]
        return opened[-1] - 1 if opened else len(stack) - 2
    if style in _LEGAL_RANK:
        rank = _LEGAL_RANK[style]
        for i in range(len(stack) - 1, 0, -1):
            other = stack[i].style
            if other in _LEGAL_RANK and _LEGAL_RANK[other] < rank:
                return i
        return 0
    for i in range(len(stack) - 1, 0, -1):
        if stack[i].style == style:
            return i - 1
    if style == "roman":
        # A roman section never nests inside an arabic clause: it closes everything but legal
        # chapters ("Chương I" › "I." is rare but legal ranks stay open).
        for i in range(len(stack) - 1, 0, -1):
            if stack[i].style in _LEGAL_RANK:
                return i
        return 0
    return len(stack) - 1
