"""Cut a `Document` into `Chunk`s along its own structure.

Rules, in order:
- one numbered clause, with its bullets and unnumbered paragraphs, per chunk;
- a clause that has numbered sub-clauses gives each its own chunk; its heading becomes their
  context, and its intro paragraph (if any) a chunk of its own — two numbered clauses are never
  glued together;
- a law's khoản (or an agreement's "2.3." under its Điều) keeps its điểm a), b), … in one chunk unless it is longer than
  `point_split_chars`: then the lead-in and each điểm get a chunk of their own, the lead-in
  sentence riding along as context so a point chunk reads on its own;
- likewise a clause that is a list of bullets longer than `point_split_chars` (a plan's list of
  targets or tasks) gives one chunk per bullet (a `+` sub-bullet stays with its `-` bullet): its
  lead-in (heading, intro paragraph) opens the first and rides along as context of the others, so
  each bullet reads on its own; each part is cited as the clause and its bullet
  (`› 1. › gạch đầu dòng thứ 3`, `Chunk.place`, shown but not indexed);
- a clause holding a numbered table longer than `point_split_chars` (a programme's tasks, "STT |
  Nội dung công việc | Đơn vị chủ trì | … | Thời gian hoàn thành") gives one chunk per row, cited
  "› STT 7", with the table's heading row as context; a table keyed by its first column instead (a
  salary scale's "Tổ trưởng | 7.300.000 | …") likewise, each row cited by its key;
- a part still longer than `max_chars` is packed at line boundaries, and a single paragraph still
  too long is split by langchain's RecursiveCharacterTextSplitter;
- the header and opening paragraphs form a "preamble" chunk; the closing block gives a
  "recipients" chunk (Nơi nhận) and a "signature" chunk.

`Chunk.text` is the clause as it stands in the source; `indexed_text` adds the document name and
the heading path, which is what the indexes see.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.document import (  # noqa: F401  (re-exported)
    CELLS,
    ENDING_LABEL,
    HEADER_LABEL,
    ROW_STAGES,
    TOTAL_ROW,
    Chunk,
    DocMeta,
    Document,
    indexed_text,
    table_cells,
)
from ingest.metadata import (
    ACCENTED_CAPITALS,
    ADOPTION,
    OPENING_WORDS,
    PERSON,
    RECIPIENTS_START,
    attached_name,
    find_attached,
    find_closing,
    is_capacity,
    is_signed_note,
)
from ingest.normalize import Line, fold, in_capitals
from ingest.structure import (
    LEGAL_STYLES,
    NUMBERED_CLAUSE_STYLES,
    Section,
    contents_lines,
    is_bullet,
    match_marker,
    opens_anew,
    parse_structure,
)

MAX_CHARS = 1200
# A khoản with its điểm, or a clause that is a list of bullets, longer than this is cut into one
# chunk per điểm / bullet (each carrying the lead-in as context); a shorter one stays whole, as a
# law is cited "Điều 105 › Khoản 2". Not fitted on any question set: two thirds of MAX_CHARS, which
# keeps the median Labour Code khoản with points (560 chars) whole and splits the longest third.
POINT_SPLIT_CHARS = 800
PREAMBLE_LABEL = "Phần mở đầu"
ADOPTION_LABEL = "Thông qua"
NOTES_LABEL = "Chú thích"
# The formulas that open an administrative text's closing paragraph, and how a citation names it.
_TEXTS = r"(?:Công văn|Công điện|văn bản|Kế hoạch|Chương trình|Chỉ thị|Nghị quyết|Kết luận|Thông báo|Hướng dẫn|Tài liệu|Thư kêu gọi|Lời kêu gọi|Thư ngỏ)"
# A copy's note closing the text ("(Trích từ Điều lệ Công đoàn Việt Nam; … sao gửi các tổ công đoàn …)"):
# only as its last line (a quotation's "(Trích Điều 3 …)" inside an item is the item's).
# So does an excerpt's end mark: "(Hết phần trích)", "(Hết)".
COPY_NOTE = re.compile(r"^[(\[](?=[^()\[\]]*\b(?:Trích từ|[Ss]ao (?:gửi|y|lục))\b|\s*[Hh]ết(?: phần trích)?\s*[)\]])[^()\[\]]*[)\]]\s*$")
# A copier's note after a text of articles, however many lines follow it: "Ghi chú: Văn bản này là
# bản trích …", "Ghi chú của người biên soạn: …" (over a table of its own), "Lưu ý: Nội dung trên chỉ
# mang tính tham khảo …" (a web page's footer), "Nguồn: Cổng thông tin điện tử Chính phủ". Not the last
# article's text; a note that speaks of the text itself ("Lưu ý: Nội dung này không áp dụng cho người
# lao động đang thử việc") is.
_EXCERPT_NOTE = re.compile(
    r"^(?:(?:Ghi chú|Lưu ý|Chú thích)\s+của\s+(?:người|ban)\s+(?:biên soạn|sưu tầm|trích lục|tổng hợp)\b"
    r"|(?:Ghi chú|Lưu ý|Chú thích|Nguồn)\s*:.*\b(?:trích|tham khảo|sao gửi|sao lục|văn bản gốc|[Cc]ông báo|[Cc]ổng thông tin|[Tt]rang thông tin)\b)"
)
_ENDING = re.compile(
    r"^(?:Trên đây là|Trong quá trình (?:tổ chức |triển khai )?(?:thực hiện|sử dụng|áp dụng)(?: [^,]{0,60})?, nếu có (?:khó khăn|vướng mắc)"
    # "Nhận được Công văn này, đề nghị …", "Chỉ thị này được phổ biến đến chi bộ.", "Mọi thông tin
    # chi tiết xin liên hệ đồng chí …": the formulas that close a letter or a directive.
    # "Mọi thắc mắc xin liên hệ …", "Đề nghị các tổ công đoàn phổ biến thông báo này đến …".
    rf"|Nhận được (?i:{_TEXTS}) này|{_TEXTS} này (?:được )?phổ biến (?:đến|tại)|Mọi (?:thông tin|chi tiết|vướng mắc|thắc mắc)[^.]{{0,80}}liên hệ"
    # (Whoever is asked, politely, about other questions: "Đoàn viên có thắc mắc khác xin liên hệ Văn
    # phòng Công đoàn …" after a leaflet's last answer; "… có thắc mắc về thời gian đóng … xin liên
    # hệ cơ quan Bảo hiểm xã hội" is that answer's.)
    r"|(?:Đoàn viên|Người lao động|Cán bộ|Quý vị|Bạn|Anh, chị|Các đơn vị)[^.]{0,30}\bcó (?:vướng mắc|thắc mắc|câu hỏi) khác[^.]{0,60}\bxin liên hệ"
    # ("Mọi ý kiến góp ý về bữa ăn ca, người lao động gửi về phòng Hành chính - Nhân sự (máy lẻ
    # 2105) …"; a request closing with the contact, "Công đoàn … đề nghị … Mọi thắc mắc xin liên hệ
    # bà …".)
    r"|Mọi ý kiến(?: góp ý| phản ánh)?[^.]{0,80}\b(?:gửi về|liên hệ)"
    # (As its last sentence, asked politely: an answer's "Mọi thắc mắc …, người lao động liên hệ …" is
    # the answer's.)
    r"|[^\n]{0,300}?[.!]\s+Mọi (?:thông tin|chi tiết|vướng mắc|thắc mắc|ý kiến)[^.]{0,80}xin liên hệ[^\n]*$"
    # "Các công đoàn cơ sở tổ chức phổ biến tài liệu này đến đoàn viên …": whoever passes it on.
    rf"|Các [^.,]{{0,80}}\s(?:tổ chức )?phổ biến (?:nội dung )?(?i:{_TEXTS}) này đến"
    # (Its subject first too: "Ban Chấp hành Công đoàn Công ty đề nghị các tổ trưởng … phổ biến thông
    # báo này đến …"; a leaflet's "… đề nghị các công đoàn cơ sở in, phát tài liệu này đến đoàn viên".)
    # (Not "đề nghị" as a noun: "tiếp nhận đề nghị của đoàn viên, phổ biến Kế hoạch này đến …".)
    rf"|(?:[^.,]{{0,80}}\s)?[Đđ]ề nghị (?!của\b)[^.]{{0,120}}?(?:phổ biến|thông báo|quán triệt|truyền đạt|phát) (?:nội dung |tinh thần )?(?i:{_TEXTS}) này đến"
    # "Đề nghị các tổ công đoàn, đại biểu được triệu tập thực hiện nghiêm túc thông báo này."
    rf"|Đề nghị [^.]{{0,80}}\b(?:nghiêm túc )?(?:thực hiện|triển khai)(?: thực hiện)?(?: nghiêm túc)? (?i:{_TEXTS}) này\b"
    # "Văn phòng Đảng ủy thông báo để các đơn vị … biết, thực hiện.", "Kinh phí thực hiện Chương
    # trình được bố trí từ …": a notice's closing formula, a plan's budget for the whole of it.
    # "Bảo hiểm xã hội tỉnh … trả lời để Công đoàn cơ sở … biết và hướng dẫn …": a reply's (not
    # "Giám đốc trả lời để người lao động biết: từ ngày …", "… trả lời để bạn biết như sau:").
    rf"|[^.]{{0,60}}\bthông báo để [^.]{{0,80}}\bbiết\b|Kinh phí thực hiện {_TEXTS}\b"
    r"|[^.]{0,60}\btrả lời để [^.:]{0,80}\bbiết(?=\s*(?:[.,;]|và\b|$))"
    # A petition's pledge: "Tôi xin cam đoan những nội dung trình bày trên là đúng sự thật …".
    r"|(?:Tôi|Chúng tôi) (?:xin )?cam đoan\b"
    # A report's or a letter's last words: "Công ty Cổ phần Xây dựng Hưng Phát trân trọng báo
    # cáo.", "Trân trọng cảm ơn!" (not "trân trọng đề nghị …", which asks something).
    r"|[^.]{0,100}\b[Tt]rân trọng báo cáo\W*$|Trân trọng(?: cảm ơn)?\W*$"
    # Minutes: "Hội nghị kết thúc lúc 16 giờ …", "Biên bản được lập thành 03 bản …".
    r"|(?:Hội nghị|Cuộc họp|Phiên họp|Biên bản|Buổi làm việc|Buổi đối thoại) kết thúc\b"
    r"|(?:Buổi|Cuộc|Phiên|Việc) [^\s.,;:]+(?: [^\s.,;:]+)? kết thúc (?:lúc|vào)\b|(?:(?:Biên bản|Bản cam kết|Văn bản|Bản thỏa thuận) (?:này )?|Phụ lục này )(?:đã )?[^.]{0,200}?\b(?:lập|làm) thành \d+ bản"
    # A resolution's call and its adoption: "Đại hội kêu gọi toàn thể đoàn viên …", "Nghị quyết
    # (này) đã được Đại hội biểu quyết thông qua với 100% …", "Nghị quyết được Chi bộ … thông qua
    # tại cuộc họp ngày 09/01/2026 …".
    r"|(?:Đại hội|Hội nghị) kêu gọi\b|Nghị quyết (?:(?:này|Đại hội|Hội nghị) )?(?:đã )?được [^.]{0,120}?\bthông qua\b)"
)
# A letter's request for what it asks ("Báo cáo gửi về LĐLĐ tỉnh (qua Ban Tổ chức) … trước ngày
# 25/6/2026.") closes it when it follows a last item that is a sentence of its own; under an item
# that is a heading ("4. Chế độ báo cáo:") it is that item's text.
_SENDING_ENDING = re.compile(
    r"^(?:Báo cáo|Văn bản|Hồ sơ|Danh sách|Đề xuất|Kết quả)[^.]{0,40}?\bgửi về\b"
    # So does asking for a reply to the letter ("Đề nghị Ban Giám đốc Công ty có ý kiến phản hồi
    # bằng văn bản gửi Công đoàn trước ngày 08/01/2027.").
    # ("Đề nghị Tổng Giám đốc xem xét và có văn bản trả lời Công đoàn cơ sở trước ngày 27/4/2026.")
    r"|Đề nghị [^.]{0,60}?\b(?:(?:có ý kiến )?(?:phản hồi|trả lời) bằng văn bản|có văn bản (?:phản hồi|trả lời))\b"
    # And a contact named after it ("Người liên hệ: bà Trương Thị Ngọc Mai, … điện thoại …"); under a
    # heading "3. Thông tin liên hệ" it is that item's text.
    r"|(?:Người|Cán bộ|Đầu mối) liên hệ\s*:|Cán bộ đầu mối(?: phối hợp| liên hệ)?\s*:"
)
# So does a paragraph that looks back on the items as a whole ("Quá các thời hạn nêu trên mà Công
# ty không thực hiện, …", "Sau thời hạn nêu tại mục 1, …"): what follows them, not the last one's text.
# The reference opens the paragraph and is to the items, plural ("Số tiền còn nợ nêu trên gồm cả
# tiền lãi" is more of the last item).
_BACK_REFERENCE = re.compile(
    r"^.{0,60}?\b(?:(?:các|những) (?:[^\s.,;:]+ ){1,2}?(?:nêu )?trên\b|nêu tại (?:các )?(?:mục|điểm|khoản) \d"
    # (After a long subject, what a letter asked of the items: "Ban Thường vụ Liên đoàn Lao động
    # huyện Nông Cống báo cáo kết quả thực hiện các yêu cầu trên …"; not "các giấy tờ trên".)
    r"|.{0,40}?\bcác (?:yêu cầu|nội dung|kiến nghị|đề nghị|nhiệm vụ) (?:nêu )?trên\b"
    # ("Kinh phí Công ty hỗ trợ tại mục 1 và mục 2 đề nghị chuyển …": several items named.)
    # (Not another text's: "… tại khoản 1 và khoản 2 Điều 46 Bộ luật Lao động …".)
    # (However long the sentence before them: "Theo tính toán sơ bộ của Ban Chấp hành …, tổng kinh
    # phí thực hiện các đề nghị tại mục 1, mục 2 và mục 3 khoảng 1,28 tỷ đồng".)
    r"|.{0,140}?\btại (?:các )?(?:mục|điểm|khoản) \d+(?:\s*(?:,|và)\s*(?:mục |điểm |khoản )?\d+)+(?!\s*(?:,\s*)?(?:của\s+)?(?:Điều|Chương|Phần|mục|Bộ luật|Luật|Nghị định|Thông tư|Quyết định|Công văn|Kế hoạch|Hướng dẫn|Thông báo"
    r"|Nội quy|Quy chế|Quy định|Thỏa ước|Điều lệ|văn bản|số)\b)"
    # ("Quá thời hạn nêu trên, nếu Công ty không thực hiện …": one deadline named for all items.)
    r"|(?i:thời hạn|nội dung|yêu cầu|đề nghị|kiến nghị) nêu trên\b)"
)
# So does a text's coming into force, likewise only after a last item that is a sentence (under a
# heading "VII. TỔ CHỨC THỰC HIỆN" it is that heading's text): "Hướng dẫn này có hiệu lực kể từ …".
# "Hướng dẫn này thay thế Hướng dẫn số 03/HD-LĐLĐ …" (which earlier text it replaces) too.
_IN_FORCE_ENDING = re.compile(rf"^{_TEXTS} này (?:có hiệu lực|thay thế)\b")
# Minutes only (a guidance's "3. Thông qua biên bản" / "Biên bản được thông qua trước khi …" is its
# item's text): "Biên bản đã được đọc lại cho những người dự họp nghe, …", "… được công bố lúc …".
_MINUTES_ENDING = re.compile(r"^Biên bản (?:này )?(?:đã )?được (?:đọc lại|thông qua|công bố)\b")
# The body a text is signed for ("TM. BAN THƯỜNG VỤ, CHỦ TỊCH" → "BAN THƯỜNG VỤ"): a paragraph in its
# voice after the last item ("Ban Thường vụ Liên đoàn Lao động quận giao Ban Chính sách …", "Hội đồng
# quản trị đề nghị toàn thể thành viên …") speaks of the items as a whole, not more of the last one.
_SIGNED_FOR = re.compile(r"^\s*(?:T/M|TM\.|T\.M\.)\s*([^,]+)")
# An article's heading line of at most this many words is a title ("Điều 16. Điều khoản thi
# hành"), a longer one a sentence of its own text ("Điều 5. Đại hội giao Ban Chấp hành …").
_TITLE_WORDS = 14


def _is_sentence(line: str) -> bool:
    """A heading line that is a sentence of its item's text, not its title (_TITLE_WORDS)."""
    return line.rstrip().endswith(".") and len(line.split()) > _TITLE_WORDS


# A letter's last courtesy: "Trân trọng./.", "Xin trân trọng cảm ơn!", "Kính trình./.".
_COURTESY = re.compile(r"^(?:Xin )?(?:[Tt]rân trọng(?: cảm ơn| kính chào)?|Kính trình|Kính chào)\W*$")
# A text of articles closes, after its last clause, with how many copies were made ("Thỏa ước được
# lập thành 05 bản …") or a congress's call ("Đại hội kêu gọi toàn thể …"): not that clause's text.
_ARTICLES_ENDING = re.compile(
    r"^(?:(?:Thỏa ước|Quy chế|Hợp đồng|Nghị quyết|Biên bản|Điều lệ|Bản thỏa thuận|Văn bản|Phụ lục)(?:\s+này)?\s+(?:được\s+)?"
    r"(?:lập|làm)\s+thành\s+\d+\s+bản|(?:Đại hội|Hội nghị)\s+kêu gọi"
    # "Điều lệ Công đoàn Việt Nam gồm 11 chương, 45 điều, có hiệu lực …": what the whole text is;
    # an excerpt's note by whoever copied it ("Ban Chính sách - Pháp luật … trích lục, tháng 8 năm 2026.").
    r"|(?:Điều lệ|Luật|Bộ luật|Nghị định|Quy chế|Quy định|Thỏa ước)\b[^.]{0,80}?\bgồm\s+\d+\s+chương"
    r"|[^.]{0,150}\b(?:trích lục|trích sao|sao lục)\b)",
    re.IGNORECASE,
)
# "[2] Điều này được sửa đổi theo …"; once they have begun, also "8 Điều này …" (the brackets lost).
_FOOTNOTE = re.compile(r"^\[\d{1,3}\]\s*\S")
_BARE_FOOTNOTE = re.compile(r"^\d{1,3}\s+[A-ZĐÀ-Ỹ]")
_SUB_BULLET = re.compile(r"^\+\s")
# An excerpt's mark where text was left out ("…………", "......", "…", "(…)", "[...]", ". . ."): no
# clause's text.
_ELLIPSIS = re.compile(r"[\[(]?\s*(?:…[.…\s]*|\.\s*\.\s*\.[.…\s]*)[\])]?")
# The heading of a charter's or a programme's foreword, folded, and how a citation names it.
_FOREWORDS = {"loi noi dau": "Lời nói đầu", "loi mo dau": "Lời mở đầu"}


def _foreword_label(line: str) -> str | None:
    """How a citation names the foreword whose heading `line` is; None for any other line."""
    return _FOREWORDS.get(" ".join(fold(line).strip(" *:").lower().split()))


# Where one sentence of a paragraph ends and the next begins ("… dòng tiền. Hiệp hội đề xuất:"):
# not after a short title or abbreviation ("TP. Hồ Chí Minh", "TS. Nguyễn Văn Khánh", "Ô. Bình").
_SENTENCE_BREAK = re.compile(rf"(?<=[.!?])\s+(?=[A-ZĐ{ACCENTED_CAPITALS}])")
_ABBREVIATION = re.compile(r"(?:^|\s)[A-ZĐ" + ACCENTED_CAPITALS + r"][A-Za-zĐđ" + ACCENTED_CAPITALS + r"]{0,3}\.$")


def _last_sentence(paragraph: str) -> str:
    """The paragraph's last sentence; the whole paragraph where a break is only after an
    abbreviation."""
    starts = [m.end() for m in _SENTENCE_BREAK.finditer(paragraph) if not _ABBREVIATION.search(paragraph[: m.start()])]
    return paragraph[starts[-1] :] if starts else paragraph


def _group_label(row: str) -> str:
    """How a citation names a table's group row: "A | TẬP THỂ (06)" → "A. TẬP THỂ (06)"."""
    cells = [c for c in table_cells(row) if c]
    # (Not the group's subtotal cells: "A | Tập thể | 3 đơn vị | 4.500.000" → "A. Tập thể".)
    if len(cells) >= 2 and re.fullmatch(r"[A-ZĐ]|[IVXLC]+|\d+", cells[0]):
        return f"{cells[0]}. {cells[1]}"
    return cells[0] if cells else row.strip()


def _has_figures(row: str) -> bool:
    """Whether a group row carries cells beyond its number and label ("B | TỔNG CHI | 1.100.000.000")."""
    return len([c for c in table_cells(row) if c]) > 2


def _looks_back(line: str) -> bool:
    """A paragraph of prose that refers to the items above as a whole."""
    text = line.strip()
    return _is_prose(text) and bool(_BACK_REFERENCE.match(text))


def _voices(meta: DocMeta) -> tuple[str, ...]:
    """The names a text's issuing body speaks under, folded: its issuer, the body it is signed for."""
    signed_for = _SIGNED_FOR.match(meta.signer_title or "")
    names = [meta.issuer, signed_for and signed_for.group(1)]
    return tuple(" ".join(fold(n).lower().split()) for n in names if n and len(n.split()) >= 2)


def _in_voice(line: str, voices: tuple[str, ...]) -> bool:
    text = line.strip()
    if not _is_prose(text):
        return False
    opening = " ".join(fold(text).lower().split())
    # (Not the committees of the units below: "Ban Chấp hành các công đoàn bộ phận đăng ký …" under
    # "TM. BAN CHẤP HÀNH".)
    return any(opening.startswith(v + " ") and opening[len(v) + 1 :].split()[0] not in _OTHERS for v in voices)


_OTHERS = frozenset({"cac", "nhung", "moi", "tung"})
# The body's voice with its name left out: "Giao Văn phòng Ủy ban Kiểm tra theo dõi, đôn đốc việc
# thực hiện các kiến nghị trên; …" assigns a unit by name (a capital), as the body alone can; only
# where no item before has such a line of its own ("2. Đồng ý tổ chức Hội thao …" / "Giao Ban Tuyên
# giáo chủ trì …": each conclusion with its task).
_ASSIGNS = re.compile(rf"^Giao (?:cho )?[A-ZĐ{ACCENTED_CAPITALS}]")
# And the sender's thanks ("Công ty chân thành cảm ơn những đóng góp của người lao động …"); not in
# minutes, where a speaker's answer may open with thanks.
_THANKS = re.compile(r"^[^.]{0,80}\bchân thành cảm ơn\b")
# A request to the addressee ("Đề nghị Giám đốc Công ty xem xét, trả lời …", "Kính đề nghị …",
# "Rất mong …"): what a letter closes with, not a point of its last item.
_REQUEST = re.compile(r"^(?:(?:Kính|Xin|Rất|Trân trọng)\s+)?(?:đề nghị|mong)\b", re.IGNORECASE)


def _ending(lines: list[str], start: int, stop: int, minutes: bool = False, voices: tuple[str, ...] = ()) -> int:
    """Where a plan's, a guidance's or a letter's closing paragraph begins ("Trên đây là Kế hoạch
    …", "Trong quá trình thực hiện, nếu có vướng mắc …", "Nhận được Công văn này …"), after its
    last numbered item: not part of that item. In a text of articles such a sentence is a clause
    of its last article; only its copies or a congress's call close it (_ARTICLES_ENDING). `stop`
    when there is none."""
    markers = [(i, m[0]) for i in range(start, stop) if (m := match_marker(lines[i]))]
    if not markers:
        return stop
    last, style = markers[-1]
    body = [i for i in range(last + 1, stop) if lines[i].strip()]
    # (Not an article's only text: "Điều 16. Điều khoản thi hành" over "Thỏa ước được lập thành …";
    # an article whose line is a sentence, "Điều 5. Đại hội giao … hằng năm.", has its text.)
    titled = style == "article" and len(lines[last].split()) <= _TITLE_WORDS
    own = body[1 if titled else 0 :]
    # A copy's note as the text's last line closes it.
    if own and COPY_NOTE.match(lines[own[-1]].strip()):
        stop = own[-1]
    if not any(s in LEGAL_STYLES for _, s in markers):
        item_is_sentence = _is_sentence(lines[last])
        short_heading = not item_is_sentence and len(lines[last].split()) <= _TITLE_WORDS // 2
        assigned_before = any(_ASSIGNS.match(lines[k].strip()) for k in range(start, last))

        def closes(i: int) -> bool:
            return bool(
                _ENDING.match(lines[i])
                or (item_is_sentence and (_SENDING_ENDING.match(lines[i]) or _IN_FORCE_ENDING.match(lines[i])))
                # (Under a short heading, after the paragraph that is its text: "5. Đầu mối liên hệ" /
                # "Bà Trần Thị Mai Anh, …" / "Công ty TNHH Điện tử Minh Quang cam kết thực hiện …".)
                # (Only as the text's last words, "./.": "Ban Chấp hành Công đoàn Công ty … phân công mỗi
                # ủy viên …" under "2. Ban Chấp hành Công đoàn" is more of that item.)
                or (
                    short_heading
                    and not minutes
                    and len(body) > 1
                    and i == body[-1]
                    and lines[i].rstrip().endswith("./.")
                    and _in_voice(lines[i], voices)
                )
                # (Or, under a heading whose text is a list of dashes, the paragraph after the
                # list with nothing but the courtesy after it: "5. Hoạt động hỗ trợ …" / "- …" / "- …" /
                # "Đề nghị Giám đốc Công ty xem xét, trả lời bằng văn bản … Mọi trao đổi xin liên hệ …" /
                # "Trân trọng./." is the letter's closing request, not one more of the item's points.)
                or (
                    not item_is_sentence
                    and not minutes
                    and i in body[1:]
                    and all(is_bullet(lines[k].strip()) for k in body[: body.index(i)])
                    and _is_prose(lines[i].strip())
                    and bool(_REQUEST.match(lines[i].strip()))
                    and body.index(i) + 1 < len(body)
                    and all(_COURTESY.match(lines[k].strip()) for k in body[body.index(i) + 1 :])
                )
                # (Minutes' "Chủ trì tiếp thu các ý kiến nêu trên và kết luận: …" is their last item's.)
                or (
                    item_is_sentence
                    and not minutes
                    and (
                        _looks_back(lines[i])
                        or _in_voice(lines[i], voices)
                        or _THANKS.match(lines[i])
                        or (not assigned_before and _is_prose(lines[i].strip()) and _ASSIGNS.match(lines[i].strip()))
                    )
                )
                or (minutes and _MINUTES_ENDING.match(lines[i]))
            )

        found = next((i for i in range(last + 1, stop) if closes(i)), stop)
        # After a list of one-line items, each a finished phrase ("1. Thỏa ước … (01 bản chính)." …
        # "4. Giấy chứng nhận đăng ký doanh nghiệp … (01 bản sao có chứng thực)."), a paragraph of
        # prose is the text going on ("Một số nội dung có lợi hơn cho người lao động …", "Công ty cam
        # kết …"), not the last item's.
        # (Not in minutes: "Các ủy viên biểu quyết thông qua kết luận: 09/09 …" after the last
        # conclusion is the section's text, their closing is _MINUTES_ENDING's.)
        first = lines[body[0]].strip() if body else ""
        if (
            not minutes
            and body
            and body[0] < found
            and _after_a_list_of_lines(lines, markers)
            and _is_prose(first)
            and not is_bullet(first)
            and not _STILL_THE_ITEM.search(first)
        ):
            found = body[0]
        # A last item that is a short heading keeps the closing sentence right under it as its text
        # ("9. Bế mạc" over "Hội nghị kết thúc lúc 11 giờ 20 phút …", "2. Kinh phí" over "Kinh phí
        # thực hiện Kế hoạch …"): no heading is left without its text. The closing goes on after it.
        if found < stop and short_heading and body and found == body[0]:
            found = next((i for i in range(found + 1, stop) if closes(i)), stop)
        return found
    return next((i for i in own if i < stop and (_ARTICLES_ENDING.match(lines[i]) or _EXCERPT_NOTE.match(lines[i].strip()))), stop)


# A paragraph that goes on with an item: an exception to it or one that names items ("Riêng đoàn
# viên … thuộc đối tượng tại mục 1 …", "Tiền lương tại mục 3 đề nghị …").
_STILL_THE_ITEM = re.compile(r"^(?:Riêng|Trường hợp|Ngoài ra|Đối với|Nếu)\b|\b(?:mục|khoản|điểm|tiết)\s+(?:\d|[a-zđ]\b)")
# Fewest items a list of one-line items has before a paragraph after it is not its last item's.
_LINE_LIST = 3


def _after_a_list_of_lines(lines: list[str], markers: list[tuple[int, str]]) -> bool:
    """Whether the text's numbered items are one list the text introduces ("… hồ sơ gồm:"), its
    only numbering, of at least _LINE_LIST items, each one line ending in ".", ";" or ")" with the
    next item right after it. (Points under an item, a list inside a Q&A's answer or a plan's
    part are that item's: "Lưu ý: …", "Như vậy, …" after them go on with it.)"""
    if any(style != "arabic" for _, style in markers):
        return False
    run = [markers[-1][0]]
    for i, _style in reversed(markers[:-1]):
        if any(lines[k].strip() for k in range(i + 1, run[-1])):
            return False
        run.append(i)
    lead_in = next((lines[k] for k in range(run[-1] - 1, -1, -1) if lines[k].strip()), "")
    return (
        len(run) >= _LINE_LIST
        and lead_in.rstrip().endswith(":")
        and all(lines[i].rstrip()[-1:] in (".", ";", ")") for i in run)
    )


# A table's total row: its first cell with words, "Tổng cộng" (an empty number cell before it).
_TOTAL_CELL = re.compile(rf"^\s*\|?\s*(?:\|\s*)*({TOTAL_ROW})\s*:?\s*(?:\||$)", re.IGNORECASE)
# A line of an opening paragraph rather than of the header block: a sentence ("Thực hiện Hướng dẫn
# số 05/HD-LĐLĐ …, đến hết ngày 31/3/2026 còn 23 doanh nghiệp nợ …"), not a title, a table row of
# the header or a recipient.
_PROSE_CHARS = 80
# A full stop between two sentences of a paragraph ("… năm 2026. Có 135/150 đại biểu …").
# Lines of a header block, however long: a bullet, the recipients, the subject, the number, the legal bases.
_NOT_OPENING = ("-", "+", "•", "Kính gửi", "V/v", "Số", "Căn cứ")
# (A word of two letters at least, in lower case: "Q. Bình Tân, TP. Hồ Chí Minh" is an address.)
_FULL_STOP_INSIDE = re.compile(r"(\w{2,})\. (\w)")


def _opening_text(lines: list[str], indices: list[int]) -> int | None:
    """Where the opening paragraphs of a text's opening (`indices`: its header block and what comes
    before its first numbered part) begin: the first sentence that is not a legal basis ("Căn cứ
    …;" belongs to the header block) nor a recipient, `indices[0]` for a text with no header; None
    where there is none (a title, "Kính gửi", the legal bases only)."""
    # (However short, "Hôm nay, tại trụ sở …, chúng tôi gồm:" opens a pledge's or minutes' text,
    # "Thời gian: Bắt đầu lúc 8 giờ 30 …" or "Vào hồi 14 giờ …" a meeting's, "Tôi tên là: …" a
    # petition's.)
    # (Or a paragraph of several sentences whose last runs into the heading below it: "Ngày 06 tháng
    # 3 năm 2026, tại Hội trường …, Công đoàn cơ sở … tổ chức Hội nghị …. Có 135/150 đại biểu … có
    # mặt. … Hội nghị" / "QUYẾT NGHỊ:".)
    return next(
        (i for i in indices if lines[i].strip().startswith(OPENING_WORDS) or _is_prose(lines[i].strip()) or _has_sentences(lines[i].strip())),
        None,
    )


def _has_sentences(text: str) -> bool:
    return (
        len(text) >= 2 * _PROSE_CHARS
        and CELLS not in text
        and not in_capitals(text)
        and not text.startswith(_NOT_OPENING)
        and any(m.group(1).islower() and m.group(2).isupper() for m in _FULL_STOP_INSIDE.finditer(text))
    )


def _is_prose(text: str) -> bool:
    return (
        len(text) >= _PROSE_CHARS
        and text.endswith((".", ":", ";"))
        and CELLS not in text
        and not in_capitals(text)
        and not text.startswith(_NOT_OPENING)
    )


def chunk_document(doc: Document, max_chars: int = MAX_CHARS, point_split_chars: int = POINT_SPLIT_CHARS) -> list[Chunk]:
    lines = doc.text.split("\n")
    all_lines = [Line(t) for t in lines]
    offsets = _line_offsets(lines)
    minutes = doc.meta.doc_type == "BIÊN BẢN"
    ending = _ending(lines, doc.body_start, doc.closing_start, minutes=minutes, voices=_voices(doc.meta))
    root = parse_structure(all_lines, start=doc.body_start, stop=ending, minutes=minutes)
    builder = _Builder(doc, lines, offsets, max_chars, point_split_chars)

    preamble = list(range(0, doc.body_start)) + root.body
    # In a text of articles, what comes before its first Phần, Chương or Điều is its preamble,
    # numbered or not: a consolidated text's list of the acts it merges, the parties of an
    # agreement ("1. Bên A …"), never clauses of their own.
    legal = [k for k, child in enumerate(root.children) if child.style in LEGAL_STYLES]
    # (Only before its first Chương I / Phần thứ nhất / Điều 1, after numbered lines that are not
    # a plan's parts: a guidance quoting "Điều 33." under its III. keeps its I. and II.)
    if (
        legal
        and legal[0] > 0
        and opens_anew(root.children[legal[0]].style, root.children[legal[0]].number)
        and all(child.style in NUMBERED_CLAUSE_STYLES for child in root.children[: legal[0]])
    ):
        for child in root.children[: legal[0]]:
            preamble += sorted(i for node in child.walk() for i in node.own_lines)
        root.children = root.children[legal[0] :]
    # Likewise a numbered list that the opening paragraph introduces before a text's first Roman
    # part: "… cùng thống nhất cử hai người có tên dưới đây làm đại diện:" / "1. Bà …" / "2. Ông …" /
    # "I. TÌNH HÌNH THỰC TẾ" lists who writes, in the opening, not the text's parts beside I. and II.
    romans = [k for k, child in enumerate(root.children) if child.style == "roman"]
    if (
        romans
        and romans[0] > 0
        and root.children[romans[0]].number == "I"
        and all(child.style in NUMBERED_CLAUSE_STYLES for child in root.children[: romans[0]])
        and preamble
        and lines[preamble[-1]].rstrip().endswith(":")
    ):
        for child in root.children[: romans[0]]:
            preamble += sorted(i for node in child.walk() for i in node.own_lines)
        root.children = root.children[romans[0] :]
    foreword = next(((k, label) for k, i in enumerate(preamble) if (label := _foreword_label(lines[i]))), None)
    if foreword is None:
        # The header block and the opening paragraphs under it are two pieces: "đến hết ngày 31/3
        # còn 23 doanh nghiệp nợ 486.700.000 đồng" is not found under a page of header lines.
        opening = _opening_text(lines, preamble)
        # A text with no header ("Hôm nay, … chúng tôi gồm:" / "1. …", "Công đoàn cơ sở báo cáo …
        # như sau:") opens with its opening; header lines only (a title, "Kính gửi", the legal
        # bases) are the header block, cited as the header of a text with an opening paragraph is.
        if opening is None or opening == preamble[0]:
            first = lines[preamble[0]].strip() if preamble else ""
            headed = opening is None and bool(doc.meta.doc_type or doc.meta.number or in_capitals(first, 2))
            builder.emit(preamble, path=(HEADER_LABEL if headed else PREAMBLE_LABEL,), context=(), kind="preamble")
        else:
            builder.emit([i for i in preamble if i < opening], path=(HEADER_LABEL,), context=(), kind="preamble")
            builder.emit([i for i in preamble if i >= opening], path=(PREAMBLE_LABEL,), context=(), kind="preamble")
    else:
        # A charter's "LỜI NÓI ĐẦU" is text of the document (what the organisation is, its
        # founding), not its header: its own clause, cited by its own name.
        start, label = foreword
        builder.emit(preamble[:start], path=(HEADER_LABEL,), context=(), kind="preamble")
        builder.emit(preamble[start:], path=(label,), context=(), kind="clause")
    for child in root.children:
        builder.section(child, ancestors=())
    # (A courtesy alone, "Trân trọng./.", says nothing a question could ask: no unit of its own.)
    closing_text = [lines[i].strip() for i in range(ending, doc.closing_start) if lines[i].strip()]
    if not all(_COURTESY.match(t) for t in closing_text):
        builder.emit(list(range(ending, doc.closing_start)), path=(ENDING_LABEL,), context=(), kind="clause")
    end = len(lines) if doc.closing_end is None else doc.closing_end
    builder.closing(range(doc.closing_start, end))
    # Appendices signed with the text before them ("PHỤ LỤC" after "TM. CHÍNH PHỦ"), and the texts
    # a decision issues ("QUY CHẾ … (Ban hành kèm theo Quyết định …)"): each of those cited under
    # its own name, its articles numbered anew ("Quyết định 15/QĐ-CĐ › Quy chế chi tiêu … › Điều 5").
    attached = [i for i in find_attached(all_lines) if i >= end]
    bounds = sorted({end, *attached, len(lines)})
    for start, stop in itertools.pairwise(bounds):
        if start in attached:
            label, type_line, title_lines = attached_name(all_lines, start, stop)
            head = Section("attached", "", "", lines[type_line], type_line, title_lines=title_lines, label=label)
            contents = contents_lines(all_lines, start, stop)
            first = next((i for i in range(start, stop) if match_marker(lines[i]) and i not in contents), stop)
            if first == stop:
                # A list issued with the document ("DANH SÁCH …" / "(Kèm theo Quyết định …)"), no
                # numbered parts: after its title and note, its lines are its text, cited by its name.
                head_end = max([type_line, *title_lines]) + 1
                while head_end < stop and lines[head_end].lstrip().startswith("("):
                    head_end += 1
                builder.emit(list(range(start, head_end)), path=(label, PREAMBLE_LABEL), context=(), kind="preamble")
                builder.emit(list(range(head_end, stop)), path=(label,), context=(), kind="clause")
                continue
            builder.emit(list(range(start, first)), path=(label, PREAMBLE_LABEL), context=(), kind="preamble")
            # Its own signature, and any appendix after it, as the document's own are found.
            closing, appendix = find_closing(all_lines[first:stop])
            closing, appendix = first + closing, stop if appendix is None else first + appendix
            for child in parse_structure(all_lines, start=first, stop=closing).children:
                builder.section(child, ancestors=(head,))
            builder.closing(range(closing, appendix), prefix=(label,))
            for child in parse_structure(all_lines, start=appendix, stop=stop).children:
                builder.section(child, ancestors=(head,))
            continue
        for child in parse_structure(all_lines, start=start, stop=stop).children:
            builder.section(child, ancestors=())
    return builder.chunks


def chunk_fixed(doc: Document, size: int = 500, overlap: int = 50) -> list[Chunk]:
    """The tutorial recipe's chunks (fixed size, no structure) — for the benchmark ablation only."""
    splitter = RecursiveCharacterTextSplitter(chunk_size=size, chunk_overlap=overlap)
    chunks: list[Chunk] = []
    pos = 0
    for order, piece in enumerate(splitter.split_text(doc.text)):
        start = max(0, doc.text.find(piece[:80], max(0, pos - overlap - 10)))
        pos = start + len(piece)
        chunks.append(
            Chunk(f"{doc.doc_id}#{order}", doc.doc_id, order, "clause", (f"đoạn {order + 1}",), piece, (), start, pos)
        )
    return chunks


CHUNKERS = {"structure": chunk_document, "fixed": chunk_fixed}


def _line_offsets(lines: list[str]) -> list[int]:
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    return offsets


class _Builder:
    def __init__(self, doc: Document, lines: list[str], offsets: list[int], max_chars: int, point_split_chars: int) -> None:
        self.doc = doc
        self.lines = lines
        self.offsets = offsets
        self.max_chars = max_chars
        self.point_split_chars = point_split_chars
        self.chunks: list[Chunk] = []
        self._splitter = RecursiveCharacterTextSplitter(
            chunk_size=max_chars,
            chunk_overlap=max_chars // 10,
            separators=["\n", ". ", "; ", ", ", " ", ""],
            # A sentence's full stop stays with it, not at the head of the next piece.
            keep_separator="end",
        )

    def section(self, node: Section, ancestors: tuple[Section, ...]) -> None:
        path = (*tuple(a.label for a in ancestors), node.label)
        context = tuple(self._lead(a) for a in ancestors)
        own = node.own_lines
        keeps_points = node.style == "arabic" or all(c.style == "letter" for c in node.children)
        # An article whose body is a list of points ("Hệ thống tổ chức gồm 4 cấp: a) … b) …") is
        # one clause too: its points are kept with their lead-in as a khoản's are.
        points_of_article = node.style == "article" and len(node.children) >= 2 and all(c.style == "letter" for c in node.children)
        # A line that opens points of its own beside a numbered list ("Trách nhiệm của Đoàn kiểm
        # tra:", ingest.structure) keeps them as a khoản does.
        own_list = node.style == "intro" and keeps_points
        if (node.in_article and node.style in NUMBERED_CLAUSE_STYLES and keeps_points) or points_of_article or own_list:
            # A khoản keeps its điểm a), b), … : the path ends at Điều / Khoản — unless it is long.
            # Agreements and regulations number their khoản "2.3." under "Điều 2": the same, while
            # a "2.1." over numbered "2.1.1." … gives each its own chunk (never two glued).
            whole = sorted(i for n in node.walk() for i in n.own_lines)
            points = [c for c in node.children if c.style == "letter"]
            if len(points) < 2 or self._size(whole) <= self.point_split_chars:
                self.emit(whole, path, context, "clause", heading=node.heading)
                return
            # (An article's heading alone is not a clause: its points carry it as their context.)
            if not points_of_article or node.body:
                self.emit(own, path, context, "clause", heading=node.heading)
            self._children(node, ancestors, path, context)
            return
        if node.style in {"part", "chapter", "mucluc", "appendix"} and not node.body:
            for child in node.children:
                self.section(child, (*ancestors, node))
            return
        if node.children:
            # (So does an article whose line is a sentence of its own text, "Điều 1. Phê duyệt danh
            # sách đợt 1 gồm 20 đoàn viên … (có danh sách kèm theo)." over its khoản: only a title
            # or a lead-in ending in ":" is its children's context alone.)
            if node.body or self._says_more_than_a_title(node):
                self.emit(own, path, context, "clause")
            self._children(node, ancestors, path, context)
        else:
            self.emit(own, path, context, "clause", heading=node.heading)

    def _says_more_than_a_title(self, node: Section) -> bool:
        return node.style == "article" and _is_sentence(self._heading(node))

    def _children(self, node: Section, ancestors: tuple[Section, ...], path: tuple[str, ...], context: tuple[str, ...]) -> None:
        last, tail = self._tail_of_points(node)
        for child in node.children:
            self.section(last if child is node.children[-1] else child, (*ancestors, node))
        if tail:
            # The clause's own closing sentence, cited as the clause, under its heading: not under
            # the sentence that introduced the points ("Đề nghị bổ sung các tiêu chí … theo thứ
            # tự:"), or it is shown as one more of them.
            self.emit(tail, path, (*context, self._heading(node)), "clause")

    def _tail_of_points(self, node: Section) -> tuple[Section, list[int]]:
        """The last point, and the sentence after it that closes the khoản rather than the point
        ("d) Công đoàn cơ sở có từ 1.000 đoàn viên trở lên: bầu từ 15 đến 21 ủy viên." / "Số phó
        chủ tịch công đoàn cơ sở không quá 02 người."): a line opening with a capital after a
        line of the point that ends its sentence, not a bullet of the point."""
        last = node.children[-1]
        if last.style != "letter" or last.children:
            return last, []
        body = last.body
        for k in range(len(body)):
            above = self.lines[body[k - 1]] if k else " ".join(self.lines[i] for i in (last.line_index, *last.title_lines))
            line = self.lines[body[k]].strip()
            if above.rstrip().endswith(".") and line[:1].isupper() and not is_bullet(line):
                return replace(last, body=body[:k]), body[k:]
        return last, []

    def _size(self, indices: list[int]) -> int:
        return sum(len(self.lines[i]) + 1 for i in indices)

    def _heading(self, node: Section) -> str:
        return " ".join(p for p in (self.lines[i] for i in (node.line_index, *node.title_lines)) if p)

    def _lead(self, node: Section) -> str:
        """A section as its children's context: the heading, and a short body that introduces
        them ("Người lao động có các quyền sau đây:")."""
        parts = [self._heading(node)]
        body = [self.lines[i] for i in node.body if self.lines[i].strip()]
        if body and body[-1].rstrip().endswith(":"):
            # A bullet that opens the list ("- Hồ sơ gồm:") introduces it alone; the bullets before
            # it are its siblings ("- Trong thời hạn 15 ngày …, gửi 02 bộ hồ sơ"), not every point's
            # context, or a question about the deadline finds it under each of the points.
            if len(body) > 1 and is_bullet(body[-1].strip()):
                body = body[-1:]
            # Of a paragraph that explains before it introduces ("Ông Khánh cho biết đơn hàng xuất
            # khẩu giảm khoảng 18%, …. Hiệp hội đề xuất:"), the sentence that introduces the list.
            last_sentence = _last_sentence(body[-1].strip())
            if last_sentence != body[-1].strip():
                body = [last_sentence]
            if sum(len(b) + 1 for b in body) <= self.max_chars // 4:
                parts.extend(body)
        # The heading and the sentence introducing the children on lines of their own: run together,
        # "2. Điều kiện để được hiến máu Người hiến máu phải …" reads as one broken sentence.
        return "\n".join(p for p in parts if p)

    def emit(
        self,
        indices: list[int],
        path: tuple[str, ...],
        context: tuple[str, ...],
        kind: str,
        heading: str = "",
    ) -> None:
        indices = [i for i in indices if self.lines[i].strip() and not _ELLIPSIS.fullmatch(self.lines[i].strip())]
        if not indices:
            return
        if kind == "clause" and self._table_rows(indices, path, context):
            return
        first = len(self.chunks)
        parts = self._bullet_parts(indices, context) if kind == "clause" else None
        if parts is None:
            later = context + ((heading,) if heading else ())
            parts = [(group, later if n else context, "") for n, group in enumerate(self._pack(indices))]
        for group, part_context, place in parts:
            text = "\n".join(self.lines[i] for i in group)
            if kind == "preamble":
                text = _without_rules(text)
            pieces = [text] if len(text) <= self.max_chars else _merge_slivers(self._splitter.split_text(text))
            for piece in pieces:
                self._add(kind, path, piece, part_context, group, place)
        added = self.chunks[first:]
        if len(added) > 1:
            self.chunks[first:] = [_with_part(c, j, len(added)) for j, c in enumerate(added, start=1)]

    def _table_rows(self, indices: list[int], path: tuple[str, ...], context: tuple[str, ...]) -> bool:
        """A clause holding a numbered table longer than point_split_chars (a programme's tasks:
        "STT | Nội dung công việc | Đơn vị chủ trì | … | Thời gian hoàn thành") as one chunk per
        row, cited by its number ("› STT 7"), the table's heading row riding along as context so a
        row says which cell is the lead unit and which the deadline; the lines before the table
        (with the heading row) and after it keep the clause's citation. Emitted here; False when
        the clause holds no such table (emit goes on as for any clause)."""
        if self._size(indices) <= self.point_split_chars:
            return False
        table = _numbered_table([self.lines[i] for i in indices])
        keyed = table is None
        if keyed:
            table = _keyed_table([self.lines[i] for i in indices])
        if table is None:
            return False
        head, rows, end = table
        label = "" if keyed else _row_label(self.lines[indices[head]])
        first_row = rows[0][1][0]
        # The lead-in, the heading row and any group row before the first numbered row (not the
        # heading row alone: every row shows it).
        if first_row > head + 1 or head > 0:
            self.emit(indices[:first_row], path, context, "clause")
        header = self.lines[indices[head]].strip()
        # What every row is read under: the clause's context and the table's lead-in.
        before = self._short(indices[:head]) if head else ""
        table_context = (*context, *((before,) if before else ()))
        # A list numbered afresh under each group ("A | TẬP THỂ (06)": 1-6, "B | CÁ NHÂN (09)": 1-9)
        # names the group in each row's citation, or two rows would be cited alike.
        numbers = [number for number, _, _ in rows]
        restarts = len(set(numbers)) < len(numbers)
        shown_group = None
        for number, at, group in rows:
            # A group row after the first rows that carries its own figures ("B | TỔNG CHI |
            # 1.100.000.000 | 426.250.000 | 38,8"): a unit of its own, or its subtotal would be only
            # a label in its rows' citations. (The first group row is in the lead-in's chunk.)
            if group is not None and group != shown_group and group > first_row and _has_figures(self.lines[indices[group]]):
                self._add("clause", (*path, _group_label(self.lines[indices[group]])), self.lines[indices[group]].strip(),
                          (*table_context, header), [indices[group]])
            shown_group = group
            # The group row ("II | CÔNG TÁC TỔ CHỨC") before the heading row: shown_text shows the
            # context's last line as the row's heading.
            groups = (self.lines[indices[group]].strip(),) if group is not None else ()
            row_context = (*table_context, *groups, header)
            lines = [indices[i] for i in at]
            text = "\n".join(self.lines[i] for i in lines)
            place = number if keyed else f"{label} {number}" if label else f"{number}."
            within = (_group_label(groups[0]),) if restarts and groups else ()
            self._add("clause", (*path, *within, place), text, row_context, lines)
        # Group rows between the rows are their rows' context; the total row is cited by its label
        # under the heading row ("› Tổng cộng": "| Tổng cộng | | 12 người | 19.000.000"), and what
        # follows the table keeps the clause's citation.
        rest = [indices[i] for i in range(end, len(indices))]
        total = _TOTAL_CELL.match(self.lines[rest[0]]) if rest else None
        if total:
            self._add("clause", (*path, total.group(1).capitalize()), self.lines[rest[0]], (*table_context, header), rest[:1])
            rest = rest[1:]
        if rest:
            self.emit(rest, path, context, "clause")
        return True

    def _bullet_parts(self, indices: list[int], context: tuple[str, ...]) -> list[tuple[list[int], tuple[str, ...], str]] | None:
        """A clause that is a list of two or more bullets, longer than point_split_chars, as one
        part per bullet (its `+` sub-bullets and any paragraph after it included), each with its
        context and which bullet it is (`bullet_place`); None for any other clause.

        The lead-in (the lines before the first bullet: heading, intro paragraph) opens the first
        part when short, else is a part of its own, and is the context of every later part. A
        bullet still longer than max_chars is packed at its `+` lines, the bullet's first line
        riding along as context too."""
        if self._size(indices) <= self.point_split_chars:
            return None
        starts = [k for k, i in enumerate(indices) if is_bullet(self.lines[i]) and not _SUB_BULLET.match(self.lines[i])]
        if len(starts) < 2:
            return None
        lead = indices[: starts[0]]
        bullets = [indices[a:b] for a, b in zip(starts, [*starts[1:], len(indices)], strict=True)]
        # A label line between bullets ("Quý II/2026:", "Đối với công đoàn cơ sở:") heads the
        # bullets after it, not the one above it: it moves down and is their context.
        labels: list[str | None] = [None] * len(bullets)
        if len(lead) > 1 and self._is_label(lead[-1]):
            labels[0] = self.lines[lead[-1]].strip()
            bullets[0] = [lead.pop(), *bullets[0]]
        for k in range(1, len(bullets)):
            above = bullets[k - 1]
            if len(above) > 1 and self._is_label(above[-1]):
                labels[k] = self.lines[above[-1]].strip()
                bullets[k] = [above.pop(), *bullets[k]]
            else:
                labels[k] = labels[k - 1]
        lead_context = context + ((self._short(lead),) if lead else ())
        parts: list[tuple[list[int], tuple[str, ...], str]] = []
        if lead and self._size(lead) > self.max_chars // 4:
            parts.append((lead, context, ""))
        elif lead:
            bullets[0] = lead + bullets[0]
        counted: dict[bool, int] = {}
        for bullet, label in zip(bullets, labels, strict=True):
            # (A label's own first bullet holds the label; the later ones carry it as context.)
            bullet_context = lead_context + ((label,) if label and self.lines[bullet[0]].strip() != label else ())
            opener = self.lines[next(i for i in bullet if is_bullet(self.lines[i]))].strip()
            # Dashes and dots are counted apart: "•" lines under a dash are not the dashes' sequence.
            dash = opener[:1] in "-–"
            counted[dash] = counted.get(dash, 0) + 1
            place = bullet_place(dash, counted[dash])
            if self._size(bullet) <= self.max_chars:
                parts.append((bullet, bullet_context, place))
                continue
            inner = bullet_context + ((opener,) if len(opener) <= self.max_chars // 4 else ())
            for n, group in enumerate(self._pack(bullet, keep_sub_bullets=False)):
                parts.append((group, inner if n else bullet_context, place))
        parts[0] = (parts[0][0], context, parts[0][2])
        return parts

    def _is_label(self, i: int) -> bool:
        """Whether line i is a short label that opens what follows ("Quý III/2026:"), not a bullet."""
        line = self.lines[i].strip()
        return line.endswith(":") and not is_bullet(line) and len(line) <= self.max_chars // 4

    def _short(self, indices: list[int]) -> str:
        """Lines as context: all of them when short, else the first (the heading)."""
        text = " ".join(self.lines[i].strip() for i in indices)
        return text if len(text) <= self.max_chars // 4 else self.lines[indices[0]].strip()

    def _pack(self, indices: list[int], keep_sub_bullets: bool = True) -> list[list[int]]:
        """Group lines so each group fits max_chars; a `+` line stays with the line above it
        (unless keep_sub_bullets is false: when packing one bullet's own `+` lines)."""
        units: list[list[int]] = []
        for i in indices:
            if keep_sub_bullets and units and _SUB_BULLET.match(self.lines[i]):
                units[-1].append(i)
            else:
                units.append([i])
        groups: list[list[int]] = []
        size = 0
        for unit in units:
            unit_size = sum(len(self.lines[i]) + 1 for i in unit)
            if groups and size + unit_size <= self.max_chars:
                groups[-1].extend(unit)
                size += unit_size
            else:
                groups.append(list(unit))
                size = unit_size
        return groups

    def _add(
        self, kind: str, path: tuple[str, ...], text: str, context: tuple[str, ...], group: list[int], place: str = ""
    ) -> None:
        start = self.offsets[group[0]]
        found = self.doc.text.find(text[:80], start)
        if found >= 0:
            start = found
        order = len(self.chunks)
        self.chunks.append(
            Chunk(
                chunk_id=f"{self.doc.doc_id}#{order}",
                doc_id=self.doc.doc_id,
                order=order,
                kind=kind,
                path=path,
                text=text,
                context=context,
                start=start,
                end=min(len(self.doc.text), start + len(text)),
                place=place,
            )
        )

    def closing(self, indices: range, prefix: tuple[str, ...] = ()) -> None:
        recipients: list[int] = []
        signature: list[int] = []
        adoption: list[int] = []
        notes: list[int] = []
        in_recipients = False
        for i in indices:
            text = self.lines[i].strip()
            if not text:
                continue
            if _FOOTNOTE.match(text) or (notes and _BARE_FOOTNOTE.match(text)):
                # A consolidated text's notes on where each change comes from, after its signature.
                notes.append(i)
            elif ADOPTION.match(text) and not recipients:
                adoption.append(i)
            elif _signs(text) or all(_signs(c.strip()) for c in text.split(" | ") if c.strip()):
                # The signer's capacity ends a recipients list: what follows is the signature's
                # (also two signers' typed side by side, "THƯ KÝ | TRƯỞNG BAN KIỂM PHIẾU").
                signature.append(i)
                in_recipients = False
            elif RECIPIENTS_START.match(text) or in_recipients or text.startswith("-"):
                in_recipients = True
                recipients.append(i)
            else:
                signature.append(i)
        if adoption:
            # When and by whom the document was adopted: what its header says of other documents.
            self.emit(adoption, (*prefix, ADOPTION_LABEL), (), "preamble")
        if recipients:
            self.emit(recipients, (*prefix, "Nơi nhận"), (), "recipients")
        if signature:
            self.emit(signature, (*prefix, "Chữ ký"), (), "signature")
        if notes:
            self.emit(notes, (*prefix, NOTES_LABEL), (), "clause")


def _signs(text: str) -> bool:
    """A signature block's line: a capacity, a name, the note that it was signed."""
    return bool(is_capacity(text) or PERSON.match(text) or is_signed_note(text))


# A numbering column headed by the stage its rows are ("Bước", "Đợt", "Giai đoạn"): the row's
# name. (Not "Số", "Mục", "Thứ tự": a document's number, a part of a law, nothing.)
ROW_WORD = re.compile(ROW_STAGES)
# How a table's heading row names its numbering column ("STT", "TT", "Số TT").
_ROW_NUMBER_HEADING = re.compile(r"(?i)^(?:S\.?\s*|S[ốo]\s+)?T\.?\s*T\.?$")


# A group row's number: "I", "II", "A", "B" ("I | CÔNG TÁC TUYÊN TRUYỀN").
_GROUP_NUMBER = re.compile(r"(?:[IVXLC]+|[A-ZĐ])\.?")
# A table's closing row: "Tổng cộng", "Cộng".
_TOTAL_ROW = re.compile(r"(?i)^(?:tổng cộng|tổng số|cộng|tổng)\b")


def _numbered_table(lines: list[str]) -> tuple[int, list[tuple[str, list[int], int | None]], int] | None:
    """The first table among `lines` with a heading row and at least three numbered rows ("7 | …"):
    (its heading row's index; each row's number, its lines (the numbered line and the unnumbered
    lines that go on with it: a wrapped or merged cell's second line, an empty STT) and its group
    row's index; the index after its last row). A group row ("I | CÔNG TÁC TUYÊN TRUYỀN") heads
    the rows after it; a total row ("Tổng cộng") and what follows it stay after the rows."""
    for head, line in enumerate(lines):
        cells = table_cells(line)
        if len(cells) < 3 or re.match(r"\d", cells[0]):
            continue
        rows: list[tuple[str, list[int], int | None]] = []
        group: int | None = None
        end = head + 1
        last_row_end = head + 1
        while end < len(lines) and "|" in lines[end]:
            cells = table_cells(lines[end])
            first = cells[0].rstrip(".")
            if re.fullmatch(r"\d{1,3}", first):
                rows.append((first, [end], group))
                last_row_end = end + 1
            elif _TOTAL_ROW.match(first) or (not first and len(cells) > 1 and _TOTAL_ROW.match(cells[1])):
                break
            elif _GROUP_NUMBER.fullmatch(first):
                group = end
            elif rows and rows[-1][1][-1] == end - 1:
                rows[-1][1].append(end)  # goes on with the row above
                last_row_end = end + 1
            else:
                group = end  # an unnumbered heading of its own ("Công tác tuyên truyền")
            end += 1
        if len(rows) >= 3:
            return head, rows, last_row_end
    return None


def _keyed_table(lines: list[str]) -> tuple[int, list[tuple[str, list[int], int | None]], int] | None:
    """A table without a numbering column whose rows are keyed by their first cell (a salary
    scale: "Vị trí công việc | Bậc 1 | Bậc 2 | …" / "Tổ trưởng (Group leader) | 7.300.000 | …"),
    in the shape _numbered_table gives, each row's number being its key: a heading row whose
    first cell is a word, then at least three rows as wide with a key of their own."""
    for head, line in enumerate(lines):
        cells = table_cells(line)
        if len(cells) < 2 or not re.match(r"[^\W\d_]", cells[0]):
            continue
        rows: list[tuple[str, list[int], int | None]] = []
        end = head + 1
        while end < len(lines) and "|" in lines[end]:
            row = table_cells(lines[end])
            if len(row) != len(cells) or not row[0] or _TOTAL_ROW.match(row[0]) or len(row[0]) > _KEY_CHARS:
                break
            rows.append((row[0], [end], None))
            end += 1
        if len(rows) >= 3 and len({key for key, _, _ in rows}) == len(rows):
            return head, rows, end
        return None  # only the clause's first table, as _numbered_table
    return None


# The longest first cell that keys a row (a position, a level, a kind of support).
_KEY_CHARS = 60


def _row_label(header: str) -> str:
    """How a row is cited: by its table's numbering column ("STT 7"), or by the word heading it
    ("Bước | Nội dung | Thời gian" → "Bước 7": a timetable's step, not "7."), else by its number
    alone."""
    first = table_cells(header)[0].strip()
    if _ROW_NUMBER_HEADING.match(first):
        return "STT"
    return first if ROW_WORD.fullmatch(first) else ""


# The rules drawn under a header's issuer and motto, typed or kept in a cell beside them
# ("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM ------- | CỘNG HÒA …", "-----o0o-----"): no words of the text.
_RULE_MARK = re.compile(r"(?<!\S)[-–—_=*]{3,}(?:[oO][0oO][oO][-–—_=*]{3,})?(?!\S)")


def _without_rules(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        if _RULE_MARK.search(line):
            cells = [" ".join(_RULE_MARK.sub("", cell).split()) for cell in line.split(CELLS)]
            line = CELLS.join(cell for cell in cells if cell)
            if not line:
                continue
        lines.append(line)
    return "\n".join(lines)


def _merge_slivers(pieces: list[str], minimum: int = 40) -> list[str]:
    """Glue a piece too short to stand alone ("2." before one very long sentence) to the next."""
    out: list[str] = []
    carry = ""
    for piece in pieces:
        piece = f"{carry} {piece}".strip() if carry else piece
        if len(piece) < minimum:
            carry = piece
        else:
            out.append(piece)
            carry = ""
    if carry:
        if out:
            out[-1] = f"{out[-1]} {carry}"
        else:
            out.append(carry)
    return out


def bullet_place(dash: bool, number: int) -> str:
    """How a report cites the n-th bullet of a clause: "gạch đầu dòng thứ 3" for a dash, "ý thứ
    3" for a dot or a star."""
    return f"{'gạch đầu dòng' if dash else 'ý'} thứ {number}"


def _with_part(chunk: Chunk, part: int, parts: int) -> Chunk:
    data = chunk.to_dict()
    data.update(part=part, parts=parts)
    return Chunk.from_dict(data)
