"""Who does what by when: assignment records read from a plan's implementation clauses.

Plans and programmes end with a section ("TỔ CHỨC THỰC HIỆN") that hands the work out unit by
unit: "Ban Tổ chức: Tham mưu chỉ đạo, hướng dẫn …", "Các liên đoàn lao động tỉnh, thành phố …
Hằng năm báo cáo kết quả … trước ngày 30/11". `extract_assignments` turns those clauses into
`Assignment` records `{unit, role, task, deadline}` with the clause's citation. Outside such a
section only explicit hand-outs count ("Giao X …", "X chủ trì …"), because the body of a plan
describes what the movement should do, not who is charged with it.

How a clause is read (the labelling guide of eval/assignments_gold.jsonl, see eval/README.md):
- it is cut into segments at sentence ends, semicolons and lines; a segment's subject is the
  text before its first verb (or the unit after "giao"); a segment without a subject continues
  the previous one, or takes the unit named by the enclosing heading ("1. Tổng Liên đoàn Lao
  động Việt Nam:");
- "Chỉ đạo Văn phòng, các Ban … tham mưu …" (or "X chỉ đạo Y phối hợp …"): the director gets the
  direction ("thực hiện"), the units directed get their own verb's role and carry the clause on;
- role: the first role verb of the predicate before any other action verb (chủ trì / tham mưu /
  phối hợp), else "thực hiện"; a segment that also says "báo cáo" adds a "báo cáo" record; the
  named partners of a "chủ trì, phối hợp với …" get "phối hợp" records;
- deadline: dates and frequencies of the segment ("trước ngày 30/11", "hằng năm", "quý IV",
  "định kỳ 6 tháng", "năm 2021"); those in the comma-piece that says "báo cáo" belong to the
  report, the others to the main task (a lead whose task is the report, "chủ trì, … tổng hợp
  và báo cáo … hằng năm", takes the report's);
- unit names are written the way officials abbreviate them (Ban Tổ chức TLĐ, LĐLĐ tỉnh/thành
  phố, CĐ ngành TW) and a department named without its organisation ("Ban Tổ chức", "các ban")
  gets the issuing organisation's (TLĐ for a Tổng Liên đoàn plan, Tỉnh ủy for a Tỉnh ủy one).

Pure text functions: no files, no index. `index/tasks.py` runs them over a loaded index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace

from ingest.document import CELLS, ENDING_LABEL, Chunk, Document, citation, table_cells
from ingest.normalize import fold, has_vowel, normalize_text

ROLES = ("chủ trì", "tham mưu", "phối hợp", "thực hiện", "báo cáo")

# Headings of the sections that hand the work out.
# Headings of the sections that hand the work out: the heading is just that ("III. TỔ CHỨC THỰC
# HIỆN", "V. TỔ CHỨC THỰC HIỆN CHƯƠNG TRÌNH"), not a law chapter "… VÀ TỔ CHỨC THỰC HIỆN BẢO HIỂM".
_IMPLEMENTATION = re.compile(
    r"^(?:tổ chức thực hiện|tổ chức triển khai(?: thực hiện)?|trách nhiệm thực hiện|phân công (?:nhiệm vụ|thực hiện))"
    r"(?:\s+(?:kế hoạch|chương trình|nghị quyết|đề án)\b.*)?$",
    re.IGNORECASE,
)
_HEADING_LABEL = re.compile(r"^(?:(?:Phần|Chương|Mục|Điều)\s+[\w]+[.:]?|[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))\s*")

# Organisation names → the abbreviation officials write (index/data/abbreviations.tsv holds the
# same pairs; ingest/ does not read index/ files, so the few that name units are listed here).
# Longest first: "Tổng Liên đoàn Lao động Việt Nam" before "Liên đoàn Lao động".
_UNIT_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("Tổng Liên đoàn Lao động Việt Nam", "TLĐ"),
    ("Tổng Liên đoàn Lao động", "TLĐ"),
    ("Tổng LĐLĐ Việt Nam", "TLĐ"),
    ("Tổng LĐLĐ", "TLĐ"),
    ("Tổng Liên đoàn", "TLĐ"),
    ("TLD", "TLĐ"),
    ("Liên đoàn Lao động", "LĐLĐ"),
    ("công đoàn cơ sở", "CĐCS"),
    ("Công đoàn Viên chức", "CĐVC"),
    ("tổng công ty", "TCTy"),
    ("Tổng Cty", "TCTy"),
    ("công đoàn", "CĐ"),
    ("Trung ương", "TW"),
    ("TƯ", "TW"),
    ("Ủy ban Kiểm tra", "UBKT"),
    ("Ban Chấp hành", "BCH"),
    ("Ban Thường vụ", "BTV"),
    ("Đoàn Chủ tịch", "ĐCT"),
    ("Mặt trận Tổ quốc", "MTTQ"),
    ("Ủy ban nhân dân", "UBND"),
    ("Hội đồng nhân dân", "HĐND"),
    ("Thanh niên cộng sản", "TNCS"),
)
# An abbreviation on the left ("TƯ") matches only as written: in any case it is also "tư" of "tư vấn".
_ABBR_RES = [
    (re.compile(rf"(?<!\w){re.escape(long)}(?!\w)", 0 if long.isupper() else re.IGNORECASE), short)
    for long, short in _UNIT_ABBREVIATIONS
]

# What a unit name starts with (folded, after "các" is dropped and abbreviations applied).
_UNIT_HEADS = (
    "ban ", "các ban", "văn phòng", "ubkt", "bch", "btv", "đct", "thường trực", "tlđ", "lđlđ", "cđ ",
    "cđ", "cđcs", "cđvc", "đảng đoàn", "đảng ủy", "huyện ủy", "thị ủy", "thành ủy", "tỉnh ủy",
    "cơ quan báo chí", "trang thông tin", "bản tin", "tổ chức chính trị", "mttq", "ubnd", "hđnd",
    "đoàn tncs", "sở ", "bộ ", "ủy ban", "hội ",
    # The youth union's and the Party's bodies, a union's groups ("Huyện đoàn chỉ đạo …", "các tổ
    # công đoàn phổ biến …").
    "huyện đoàn", "tỉnh đoàn", "thành đoàn", "quận đoàn", "thị đoàn", "đoàn thanh niên", "chi đoàn",
    "tổ công đoàn", "tổ cđ", "chi bộ", "đảng bộ", "liên minh",
    # Bodies and posts a directive or a plan charges by name ("Cấp ủy các cấp đưa …", "Người đứng
    # đầu cấp ủy …", "Bộ phận Tổ chức - Kiểm tra chủ trì …", "Phó Chủ tịch UBND phường …").
    "cấp ủy", "người đứng đầu", "tổ chức đảng", "đoàn thể", "bộ phận", "tổ công tác", "phòng ", "trung tâm",
    "phó chủ tịch", "chủ tịch", "phó bí thư", "bí thư", "ủy viên", "cán bộ",
    # An employer's posts in an agreement or minutes ("Quản đốc Hồ Văn Lực", "Kế toán trưởng").
    "giám đốc", "phó giám đốc", "tổng giám đốc", "quản đốc", "kế toán trưởng", "trưởng phòng", "tổ trưởng",
)
_BARE_HEADS = frozenset({"Ban", "Sở", "Bộ", "Ngành", "CĐ"})
# Unnamed bodies are not units one could look up ("các cơ quan liên quan").
_GENERIC = re.compile(
    r"liên quan|chức năng|có thẩm quyền|^(?:các )?(?:đơn vị|cơ quan(?! báo chí)|ngành|cấp)\b"
    r"|^hội (?:nghị|thảo|thao|thi|diễn)\b",  # a meeting or an event, not a body
    re.IGNORECASE
)
# "các ban", "các Ban của Tổng Liên đoàn", "các ban liên quan": the issuer's departments as a group.
_DEPARTMENTS = re.compile(
    r"^(?:các\s+)?ban(?:\s+(?:của|tại cơ quan|thuộc|liên quan))?\s*(?P<rest>.*)$", re.IGNORECASE
)
# A department of the issuing organisation when named without one.
_DEPARTMENT = re.compile(r"^(?:Ban (?!cán sự)\w|Các ban\b|Văn phòng|UBKT|BCH|BTV|ĐCT|Thường trực|Cơ quan báo chí)")
_OWNER = re.compile(
    r"(?<!\w)(?:TLĐ|LĐLĐ|CĐ|Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|TW|tỉnh|huyện|Đảng đoàn|Huyện đoàn"
    r"|Tỉnh đoàn|Thành đoàn|Liên minh|hợp tác xã|MTTQ|UBND|HĐND|Chi bộ|CĐCS|[Cc]ông ty|[Bb]ệnh viện|Bộ)(?!\w)"
)
# Issuing bodies whose organisation owns the departments: "Đảng đoàn TLĐ" → "TLĐ".
_GOVERNING_BODY = re.compile(r"^(?:Đảng đoàn|BCH|BTV|ĐCT|Thường trực ĐCT|Thường trực|Văn phòng)\s+")

# Outside an implementation section only these hand work out.
_EXPLICIT = re.compile(r"(?<!\w)(?:giao|chủ trì)(?!\w)", re.IGNORECASE)
_ROLE_VERBS = ("chủ trì", "tham mưu", "phối hợp")
# Verbs that start a predicate: the subject ends before the first of them.
_ACTION_VERBS = (
    "chỉ đạo", "triển khai", "xây dựng", "tổ chức", "ban hành", "nghiên cứu", "rà soát", "thực hiện",
    "hướng dẫn", "quán triệt", "theo dõi", "đôn đốc", "cụ thể hóa", "tuyên truyền", "giám sát",
    "kiểm tra", "lựa chọn", "tổng hợp", "tổng kết", "sơ kết", "tham gia", "đề xuất", "tiếp nhận",
    "nâng cao", "đẩy mạnh", "phát huy", "bảo đảm", "đảm bảo", "báo cáo", "thành lập", "trình",
    "ủy thác", "bố trí", "phê duyệt", "cung cấp", "hỗ trợ", "quyết định",
    # Verbs that hand out work outside implementation sections too ("Chi bộ khu phố 3 nhận …",
    # "Ban Tuyên giáo - Nữ công biên soạn tài liệu …", "Ban cán sự đảng UBND tỉnh lãnh đạo …").
    "lãnh đạo", "biên soạn", "lập", "xét", "nhận", "trích", "cử", "ưu tiên", "chuẩn bị", "giới thiệu",
    "kết nạp", "làm việc", "phát hành", "tặng", "trao", "đăng ký", "phân công", "tiếp xúc", "khảo sát",
    "kiện toàn", "bồi dưỡng", "tập huấn", "cập nhật", "chăm lo", "chịu trách nhiệm", "làm đầu mối",
    "thông báo", "thẩm định", "chi trả", "tiếp tục", "xem xét", "giải quyết", "mời", "phân loại",
    "ra quyết định", "nộp", "góp ý", "lồng ghép", "tập trung", "quy định", "chịu", "đề nghị", "ghi nhận",
)
# What ends a subject said in the past or as going on ("CĐ phường đã giới thiệu …"): no duty.
_ASPECT = ("đã", "đang", "sẽ", "chưa", "phải", "được", "bị", "gồm", "khi", "nếu", "để")
# Verbs that end a unit's name too, but not a body named after its work ("Ban Chỉ đạo phổ biến,
# giáo dục pháp luật", "Ban Chỉ đạo cuộc vận động …"): "UBKT Huyện ủy đưa nội dung …", "Ủy ban MTTQ
# huyện vận động chủ doanh nghiệp …", "Văn phòng giúp Ban Thường vụ …".
_WEAK_VERBS = ("giúp", "đưa", "vận động", "gửi", "phổ biến")
_WEAK_VERB = r"(?<!chỉ đạo )(?<!Chỉ đạo )(?<!cuộc )(?:" + "|".join(map(re.escape, _WEAK_VERBS)) + ")"
_MODIFIERS = ("có trách nhiệm", "có nhiệm vụ", "có quyền", "chủ động", "tích cực", "nghiêm túc", "tăng cường", "cần", "thường xuyên", "tiếp tục", "căn cứ", "giao")
_PREDICATE = re.compile(
    r"(?<!\w)(?<!các )(?<!Ban )(?<!ban )(?<!công tác )(?<!việc )(?<!hoạt động )(?<!chương )("
    + "|".join(re.escape(v) for v in sorted((*_ROLE_VERBS, *_ACTION_VERBS, *_MODIFIERS, *_ASPECT), key=len, reverse=True))
    + f"|{_WEAK_VERB})"
    + r"(?!\w)|:"
)
_STARTS_WITH_VERB = re.compile(
    r"^(?:" + "|".join(re.escape(v) for v in (*_ROLE_VERBS, *_ACTION_VERBS, *_WEAK_VERBS, *_MODIFIERS, "tiếp tục")) + r")(?!\w)",
    re.IGNORECASE,
)
_ANY_VERB = re.compile(
    r"(?<!\w)(?<!các )(?<!Ban )(?<!ban )(?<!công tác )(?<!việc )(?<!hoạt động )(?<!chương )("
    + "|".join(re.escape(v) for v in sorted((*_ROLE_VERBS, *_ACTION_VERBS), key=len, reverse=True))
    + f"|{_WEAK_VERB})"
    + r"(?!\w)",
    re.IGNORECASE,
)
_REPORT = re.compile(r"(?<!\w)báo cáo(?!\w)", re.IGNORECASE)
_DIRECTS = re.compile(r"chỉ đạo\s+", re.IGNORECASE)
_REPORT_VERBS = frozenset({"báo cáo", "sơ kết", "tổng kết", "tổng hợp"})
# Leading adverbial pieces that are not the subject: "Căn cứ Kế hoạch …, kết hợp …, các LĐLĐ …".
_ADVERBIAL = re.compile(
    r"^(?:căn cứ|kết hợp|trên cơ sở|hằng (?:năm|quý|tháng)|hàng (?:năm|quý|tháng)|định kỳ|đồng thời|trong thời hạn"
    r"|trước ngày|chậm nhất|khi|sau khi)\b",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^(?:(?:[IVXLC]+|\d+(?:\.\d+)*)\.|\(\d+\)|[a-zđ]\)|[-+•*])\s*")
_PARTNERS = re.compile(r"phối hợp (?:chặt chẽ )?với (.+)", re.IGNORECASE)
# Lists inside one unit name that must not be split at their comma.
_PLACE_LISTS = re.compile(r"\b(tỉnh|huyện|thị xã), (thị xã, )?thành phố\b")


@dataclass(frozen=True)
class Assignment:
    """One unit's share of the work in one clause."""

    unit: str  # normalised, abbreviated: "Ban Tổ chức TLĐ"
    role: str  # one of ROLES
    task: str  # the sentence(s) of the clause that give the unit this work
    deadline: str | None  # "hằng năm; trước ngày 30/11", or None when the clause gives none
    doc: str  # the document's short name: "Kế hoạch 48-KH/ĐĐTLD"
    citation: str  # "Kế hoạch 48-KH/ĐĐTLD › III. TỔ CHỨC THỰC HIỆN › 4."
    doc_id: str
    chunk_id: str  # for "Xem trong văn bản"
    section: str  # "III. TỔ CHỨC THỰC HIỆN › 4."
    order: int  # the chunk's position in its document
    unit_full: str = ""  # the unit spelled out (filled in by index/tasks.py from the abbreviation table)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


# --- units -----------------------------------------------------------------------------------


# A unit at the head of an issuer's name, before its organisation ("BAN TỔ CHỨC TỈNH ỦY NGHỆ AN",
# "VĂN PHÒNG LIÊN ĐOÀN LAO ĐỘNG TỈNH …", ingest.metadata's unit under its parent).
_UNIT_OF = re.compile(
    r"^(?:BAN [^\W\d_]+(?: [^\W\d_]+)?|VĂN PHÒNG|ỦY BAN KIỂM TRA|UBKT|ĐẢNG ĐOÀN|BAN CHẤP HÀNH|BAN THƯỜNG VỤ)\s+"
    r"(?=(?:TỔNG LIÊN ĐOÀN|LIÊN ĐOÀN|CÔNG ĐOÀN|TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|QUẬN ỦY|ĐẢNG ỦY|ĐẢNG BỘ|CÔNG TY|UBND|ỦY BAN NHÂN DÂN)\b)"
)


def issuer_owner(issuer: str | None) -> str | None:
    """The organisation whose departments a document names bare: 'Đảng đoàn Tổng Liên đoàn' → 'TLĐ',
    'BAN TỔ CHỨC TỈNH ỦY NGHỆ AN' → its Tỉnh ủy's."""
    if not issuer:
        return None
    name = abbreviate(_UNIT_OF.sub("", issuer))
    while True:
        stripped = _GOVERNING_BODY.sub("", name)
        if stripped == name:
            return _name_case(name) or None
        name = stripped


# After these a unit's own name begins ("huyện Kim Thành", "Tỉnh ủy Nghệ An", "công ty May Việt").
_NAME_FOLLOWS = frozenset(
    {"tỉnh", "huyện", "quận", "phường", "xã", "thành phố", "thị xã", "thị trấn", "công ty", "bệnh viện", "trường"}
)
_PARTY_COMMITTEES = frozenset({"tỉnh", "huyện", "thành", "quận", "thị", "đảng"})


def _name_case(name: str) -> str:
    """An issuer read from a header in capitals as officials write it in a sentence: 'LĐLĐ TỈNH
    BÌNH SƠN' → 'LĐLĐ tỉnh Bình Sơn', 'ĐẢNG ỦY PHƯỜNG PHÚ THÁI' → 'Đảng ủy phường Phú Thái'.
    Abbreviations (no vowel: LĐLĐ, CĐCS, TW) keep their capitals; a name in mixed case is kept."""
    if name != name.upper():
        return name
    words = [w if not has_vowel(w) else w.lower() for w in name.split()]
    proper = False
    for k, word in enumerate(words):
        starts_kind = word in _NAME_FOLLOWS or {" ".join(words[k : k + 2]), " ".join(words[max(k - 1, 0) : k + 1])} & _NAME_FOLLOWS
        if proper and has_vowel(word) and not starts_kind:
            words[k] = word[:1].upper() + word[1:]
        pair = " ".join(words[k - 1 : k + 1]) if k else ""
        committee = k + 1 < len(words) and words[k + 1] == "ủy"  # "tỉnh" of "Tỉnh ủy"
        kind = (word in _NAME_FOLLOWS and not committee) or pair in _NAME_FOLLOWS
        proper = proper or kind or (word == "ủy" and k > 0 and words[k - 1] in _PARTY_COMMITTEES)
    if words:
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)



def abbreviate(text: str) -> str:
    text = normalize_text(text).strip()
    for pattern, short in _ABBR_RES:
        text = pattern.sub(short, text)
    return text


def canonical_unit(phrase: str, owner: str | None = None) -> str | None:
    """A unit phrase as officials write it, or None when it names no unit.

    'Các liên đoàn lao động tỉnh, thành phố' → 'LĐLĐ tỉnh/thành phố'; 'Ban Tổ chức' with owner
    'TLĐ' → 'Ban Tổ chức TLĐ'; 'các cơ quan liên quan' → None."""
    text = _PLACE_LISTS.sub(lambda m: f"{m.group(1)}/{m.group(2) or ''}thành phố".replace(", ", "/"), phrase)
    text = re.sub(r"\(.*?\)", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;:–-")
    text = re.sub(r"^giao\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+và tương đương\b", "", text)
    group = _DEPARTMENTS.match(text) if re.match(r"^các\s+ban\b", text, re.IGNORECASE) else None
    if group is not None:
        rest = abbreviate(group.group("rest"))
        # "các Ban LĐLĐ tỉnh": the organisation may take two words.
        owned = bool(rest) and all(_OWNER.fullmatch(word) for word in rest.split())
        if rest and not owned and not _GENERIC.search(rest) and not rest.startswith("cơ quan"):
            return None
        rest = rest if owned else ""
        return f"Các ban {rest or owner or ''}".strip()
    text = re.sub(r"^các\s+", "", text, flags=re.IGNORECASE)
    if not text or _GENERIC.search(text):
        return None
    text = re.sub(r"\s+(?:của|tại cơ quan|trong hệ thống)\s+", " ", text)
    text = abbreviate(text)
    text = re.sub(r"(?<=CĐ )Ngành\b", "ngành", text)
    text = re.sub(r"\bcác (?=(?:tỉnh|huyện|quận|thị xã|thành phố|xã)\b)", "", text)
    text = text[:1].upper() + text[1:]
    if not (text.lower() + " ").startswith(_UNIT_HEADS):
        return None
    if text in _BARE_HEADS:
        return None  # "các sở, ban, ngành": no body in particular
    if owner and _DEPARTMENT.match(text) and not _OWNER.search(text[3:]):
        text = f"{text} {owner}"
    elif owner and (stem := _PLACE_STEM.match(owner)) and (text == stem.group(1) or text.endswith(" " + stem.group(1))):
        # A paper of "LĐLĐ tỉnh Bình Lâm" writing "Ban Chính sách - Pháp luật LĐLĐ tỉnh" means its
        # own province: named in full, its units are the ones the owner's other papers name.
        text = f"{text} {owner[stem.end():]}"
    return text


# An owner's name up to the kind of place it serves: "LĐLĐ tỉnh" of "LĐLĐ tỉnh Bình Lâm".
_PLACE_STEM = re.compile(r"^(.*\b(?:tỉnh|huyện|quận|thị xã|thành phố|xã|phường))\s+(?=\S)")


def split_units(phrase: str, owner: str | None) -> list[str]:
    """'Ban Chấp hành và Đoàn Chủ tịch Tổng Liên đoàn' → ['BCH TLĐ', 'ĐCT TLĐ']."""
    phrase = re.sub(r"\s+và tương đương\b", "", phrase)
    # "Công đoàn cấp trên cơ sở (công đoàn các xã, phường, …)": the brackets say what the unit
    # covers; their commas do not list units of their own.
    phrase = re.sub(r"\s*\([^()]*\)", "", phrase)
    phrase = _PLACE_LISTS.sub(lambda m: f"{m.group(1)}/{m.group(2) or ''}thành phố".replace(", ", "/"), phrase)
    parts: list[str] = []
    after_semicolon = False
    for piece in re.split(r"(?<=;)|,", phrase):
        # "Sở Văn hóa, Thể thao và Du lịch": a capitalised piece naming no unit goes on with the
        # name before it (after a comma: a semicolon ends a name).
        head = re.split(r"\s+và\s+", piece.rstrip(";"))[0]
        goes_on = parts and not after_semicolon and head.strip()[:1].isupper() and canonical_unit(head, owner) is None
        after_semicolon = piece.rstrip().endswith(";")
        piece = piece.rstrip().rstrip(";")
        if goes_on:
            parts[-1] = f"{parts[-1]},{piece}"
            continue
        # "và" joins two units ("Văn phòng và các ban") or is part of one name ("Bộ Lao động -
        # Thương binh và Xã hội"): split only when what follows is a unit by itself.
        for i, part in enumerate(re.split(r"\s+và\s+", piece)):
            if i and parts and canonical_unit(part, owner) is None:
                if not _GENERIC.search(part):  # "… và các cơ quan liên quan" adds no unit
                    parts[-1] = f"{parts[-1]} và {part}"
            elif part.strip():
                parts.append(part)
    units: list[str] = []
    for part in parts:
        unit = canonical_unit(part, owner)
        if unit and unit not in units:
            units.append(unit)
    # "Ban Chấp hành và Đoàn Chủ tịch TLĐ": the organisation named last owns the bare ones too.
    last_owner = re.search(r"(TLĐ|Tỉnh ủy|LĐLĐ tỉnh)$", units[-1]) if units else None
    if last_owner:
        units = [
            f"{u} {last_owner.group(1)}" if _DEPARTMENT.match(u) and not _OWNER.search(u[3:]) else u for u in units
        ]
    return units


def _is_unit_list(phrase: str, owner: str | None) -> list[str]:
    """The units a heading names when it names nothing else ('1. Tổng Liên đoàn Lao động Việt Nam:')."""
    phrase = _LABEL.sub("", phrase).strip().rstrip(".:")
    if not phrase or len(phrase) > 200 or _ANY_VERB.search(phrase) or ":" in phrase:
        return []
    parts = [p for p in re.split(r",|;|\s+và\s+", _PLACE_LISTS.sub("x", phrase)) if p.strip()]
    units = split_units(phrase, owner)
    return units if units and len(units) >= len(parts) - 1 else []


# --- deadlines -------------------------------------------------------------------------------

_DEADLINE = re.compile(
    r"(?P<before>(?:trước|chậm nhất(?: là)?|hạn chót|hoàn thành trước)\s+(?:ngày\s+)?"
    r"\d{1,2}\s*(?:/|-|tháng\s+)\s*\d{1,2}(?:\s*(?:/|-|năm\s+)\s*\d{4})?)"
    # "trước ngày 25", "trước ngày 20 của tháng cuối quý": a day of every month or quarter.
    r"|(?P<day>(?:trước|chậm nhất(?: là)?)\s+ngày\s+\d{1,2}(?![\d/-]|\s*tháng\s+\d)(?:\s+(?:của\s+)?tháng\s+cuối\s+(?:quý|năm))?)"
    r"|(?P<within>(?:trong (?:thời hạn|vòng)|không quá)\s+\d+\s+(?:ngày|giờ|tháng)(?:\s+làm việc)?)"
    r"|(?P<period>định kỳ(?:\s+(?:(?:\d+|một|hai|ba|sáu)\s+tháng|mỗi\s+(?:quý|năm|tháng))(?:\s+một lần)?)?)"
    r"|(?P<every>h[ằà]ng\s+(?:năm|quý|tháng|tuần|ngày))"
    r"|(?P<each>mỗi\s+(?:năm|quý|tháng|tuần)(?:\s+một lần)?)"
    r"|(?P<quarter>quý\s+(?:IV|I{1,3}|[1-4])(?!\w)(?:\s*(?:/|năm)\s*\d{4})?)"
    r"|(?P<year>(?:trong|vào|đến|cuối|đầu)\s+(?:năm|tháng\s+\d{1,2}(?:/|\s+năm\s+))\s*\d{4})",
    re.IGNORECASE,
)


def parse_deadlines(text: str) -> list[str]:
    """Dates and frequencies in a sentence, normalised: 'Hàng năm … trước ngày 30/11' →
    ['hằng năm', 'trước ngày 30/11']. Dates of cited documents ('ngày 25/12/2013') are not deadlines."""
    found: list[str] = []
    text = normalize_text(text)
    for m in _DEADLINE.finditer(text):
        kind = m.lastgroup
        value = re.sub(r"\s+", " ", m.group(0).strip())
        if kind == "before":
            nums = re.findall(r"\d+", value)
            value = "trước ngày " + "/".join(nums)
            # "trước ngày 15/6 và 15/12": two dates.
            also = re.match(r"\s*(?:và|,)\s*(\d{1,2}/\d{1,2}(?:/\d{4})?)(?![\d/])", text[m.end() :])
            if also and value not in found:
                found.append(value)
                value = "trước ngày " + also.group(1)
        elif kind == "day":
            value = "trước " + re.sub(r"^(?:trước|chậm nhất(?: là)?)\s+", "", value, flags=re.IGNORECASE)
        elif kind == "every":
            value = "hằng " + value.split()[-1].lower()
        elif kind in ("period", "within", "each"):
            value = value[0].lower() + value[1:]
        elif kind == "quarter":
            value = "quý " + value.split(maxsplit=1)[1]
        elif kind == "year":
            value = value.split(maxsplit=1)[1].lower()
        if value not in found:
            found.append(value)
    return found


def _join_deadlines(items: Sequence[str]) -> str | None:
    return "; ".join(items) if items else None


# --- clauses ---------------------------------------------------------------------------------


@dataclass
class _Draft:
    unit: str
    role: str
    segments: list[str]
    deadlines: list[str]
    lead: str | None = None  # for partners: the unit whose task they help with


def _segments(text: str) -> list[str]:
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        label = _LABEL.match(line)
        line = line[label.end() :] if label else line
        if not line:
            continue
        # Sentence ends and semicolons, but not "v.v." or numbers like "20-NQ/TW.".
        pending = ""
        first = len(out)
        # (A semicolon stays with the piece before it: the task reads as the text does.)
        for piece in re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])|(?<=;)\s*", line):
            piece = _joined(pending, piece.strip()) if pending else piece.strip()
            pending = ""
            if not piece:
                continue
            if not _PREDICATE.search(piece.replace(":", "")) and split_units(piece, None):
                # A list of units cut by semicolons is one list: the subject when it opens the
                # sentence ("Các đảng đoàn, …; Ban Thường vụ …; các huyện ủy … tổ chức …"), else
                # the tail of the previous piece's list ("phối hợp với các huyện ủy …; các đảng ủy …").
                if len(out) == first or out[-1].endswith("."):
                    pending = piece
                elif not _PREDICATE.search(out[-1].replace(":", "")):
                    pending = _joined(out.pop(), piece)
                else:
                    out[-1] = _joined(out[-1], piece)
                continue
            out.append(piece)
        if pending:
            out.append(pending)
    return out


def _joined(before: str, after: str) -> str:
    """Two pieces of one sentence put back together: at the semicolon the text had, else a comma."""
    return f"{before} {after}" if before.endswith(";") else f"{before}, {after}"


def _subject(segment: str, owner: str | None) -> tuple[list[str], str, bool]:
    """(units, predicate, named after "giao") of a segment; no units when the segment has no
    subject of its own."""
    pieces = segment.split(", ")
    dropped = 0
    while dropped < len(pieces) - 1 and _ADVERBIAL.match(pieces[dropped]):
        dropped += 1
    rest = ", ".join(pieces[dropped:])
    # "Đề nghị Liên minh Hợp tác xã tỉnh chỉ đạo …": asked of the unit named, as "giao" hands out.
    asked = re.match(r"đề nghị\s+", rest, re.IGNORECASE)
    if asked:
        units, predicate, _given = _subject(rest[asked.end() :], owner)
        return units, predicate, bool(units)
    if _STARTS_WITH_VERB.match(rest) and not re.match(r"giao\s", rest, re.IGNORECASE):
        return [], rest, False
    match = _PREDICATE.search(rest)
    if match is None:
        return [], rest, False
    subject, predicate = rest[: match.start()], rest[match.start() :].lstrip(": ")
    by_giao = bool(match.group(1)) and match.group(1).lower() == "giao"
    if by_giao or re.match(r"giao\s", rest, re.IGNORECASE):
        after = rest[match.end() :] if by_giao else rest[5:]
        inner = _PREDICATE.search(after)
        if inner is None:
            return [], rest, False
        subject, predicate = after[: inner.start()], after[inner.start() :].lstrip(": ")
        subject = re.split(r"\s+là\s+", subject, maxsplit=1)[0]  # "Giao Ban Tổ chức là đầu mối giúp …"
        return split_units(subject, owner), predicate, True
    # "Ban Tổ chức Huyện ủy là cơ quan thường trực, giúp …": what the unit is, not its name; "hai
    # bên cùng vận động …": together.
    subject = re.split(r"\s+là\s+", subject, maxsplit=1)[0]
    subject = re.sub(r"\s+(?:cùng|và)\s*$", "", subject)
    units = split_units(subject, owner) if subject.strip() else []
    return units, predicate, False


def _directed(predicate: str, owner: str | None) -> tuple[list[str], str] | None:
    """'chỉ đạo Văn phòng, các Ban LĐLĐ tỉnh … tham mưu …' → (the units directed, their own
    predicate); None unless "chỉ đạo" is followed by nothing but units before the next verb."""
    m = _DIRECTS.match(predicate)
    if m is None:
        return None
    rest = predicate[m.end() :]
    verb = _PREDICATE.search(rest)
    if verb is None:
        return None
    units = _is_unit_list(rest[: verb.start()], owner)
    return (units, rest[verb.start() :].lstrip(": ")) if units else None


def _role(predicate: str) -> str | None:
    """The role verb that comes before any other action, or None ('thực hiện' by default)."""
    first = _ANY_VERB.search(predicate)
    if first and first.group(1).lower() in _ROLE_VERBS:
        return first.group(1).lower()
    return None


def _report_family(text: str) -> bool:
    """Only verbs that belong to reporting ('định kỳ hàng năm sơ kết', 'tổng hợp'), or none."""
    return all(m.group(1).lower() in _REPORT_VERBS for m in _ANY_VERB.finditer(text))


def _reports_only(predicate: str) -> bool:
    """'Hằng năm báo cáo kết quả …', 'định kỳ sơ kết, báo cáo …': the segment is the report."""
    first = _REPORT.search(predicate)
    return first is not None and _report_family(predicate[: first.start()])


def _leads_a_report(predicate: str) -> bool:
    """'chủ trì, phối hợp với … tổng hợp và báo cáo …': only role verbs and reporting before the report."""
    first = _REPORT.search(predicate)
    if first is None:
        return False
    verbs = {m.group(1).lower() for m in _ANY_VERB.finditer(predicate[: first.start()])}
    return verbs <= {*_ROLE_VERBS, *_REPORT_VERBS}


def _split_report(segment: str) -> tuple[list[str], list[str]]:
    """Deadlines of the main task, and of the report: those of the comma-pieces that say
    'báo cáo' and of the reporting pieces just before them ('định kỳ sơ kết, báo cáo …')."""
    pieces = re.split(r",\s*", segment)
    in_report = [bool(_REPORT.search(p)) for p in pieces]
    for i in range(len(pieces) - 1, 0, -1):
        if in_report[i] and not in_report[i - 1] and _report_family(pieces[i - 1]):
            in_report[i - 1] = True
    main: list[str] = []
    report: list[str] = []
    for piece, is_report in zip(pieces, in_report, strict=True):
        target = report if is_report else main
        for d in parse_deadlines(piece):
            if d not in target:
                target.append(d)
    return main, report


def _partners(predicate: str, owner: str | None) -> list[str]:
    m = _PARTNERS.search(predicate)
    if not m:
        return []
    span = m.group(1)
    stop = _PREDICATE.search(span)
    span = span[: stop.start()] if stop else span
    span = re.split(r"\(|:", span)[0]
    return split_units(span, owner)


def _heading_units(chunk: Chunk, owner: str | None) -> list[str]:
    for line in reversed(chunk.context):
        units = _is_unit_list(line, owner)
        if units:
            return units
        if is_implementation_heading(line):
            break
    return []


def is_implementation_heading(heading: str) -> bool:
    return bool(_IMPLEMENTATION.match(_HEADING_LABEL.sub("", heading.strip()).rstrip(" .:")))


def in_implementation_section(chunk: Chunk) -> bool:
    return any(is_implementation_heading(part) for part in (*chunk.context, *chunk.path))


# A task table's columns by their heading (folded): who leads, who joins, who carries it out,
# what, by when ("STT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành").
_COLUMN_ROLES = (("chu tri", "chủ trì"), ("phoi hop", "phối hợp"), ("thuc hien", "thực hiện"), ("trach nhiem", "thực hiện"))
_TASK_COLUMN = re.compile(r"\b(?:noi dung|nhiem vu|cong viec|hoat dong|viec (?:phai|can) lam)\b")
_WHEN_COLUMN = re.compile(r"\b(?:thoi gian|thoi han|tien do|hoan thanh)\b")
_UNIT_COLUMN = re.compile(r"\b(?:don vi|co quan|bo phan|nguoi)\b")


def _table_row(chunk: Chunk, doc: Document, owner: str | None) -> list[Assignment] | None:
    """The assignments of a task table's row (ingest.chunking cuts a numbered table into rows,
    its heading row as the row's context): each unit in a "chủ trì" / "phối hợp" / "thực hiện"
    column, the "nội dung" cell its task, the "thời gian" cell its deadline. None for a chunk
    that is not such a row."""
    if not (chunk.context and CELLS in chunk.context[-1] and CELLS in chunk.text):
        return None
    return _row_assignments(chunk.context[-1], chunk.text.split("\n")[0], chunk, doc, owner)


def _table_in_text(chunk: Chunk, doc: Document, owner: str | None) -> tuple[list[Assignment], str] | None:
    """A task table kept whole in its clause (not numbered, so not cut into rows: "Thời gian |
    Nội dung | Đơn vị thực hiện"): each row's assignments, and the clause's text without the
    table; None when the clause holds no such table."""
    lines = chunk.text.split("\n")
    head = next((i for i, line in enumerate(lines) if CELLS in line), None)
    if head is None:
        return None
    rows = [i for i in range(head + 1, len(lines)) if CELLS in lines[i]]
    found = [a for i in rows for a in _row_assignments(lines[head], lines[i], chunk, doc, owner) or []]
    if not found:
        return None
    table = {head, *rows}
    return found, "\n".join(line for i, line in enumerate(lines) if i not in table)


def _row_assignments(heading: str, row: str, chunk: Chunk, doc: Document, owner: str | None) -> list[Assignment] | None:
    """One task table row's assignments under its heading row; None when the heading is no task
    table's (no task column, no unit column) or the row does not fit it."""
    heads = [fold(h).lower() for h in table_cells(heading)]
    cells = table_cells(row)
    if len(cells) > len(heads):
        return None
    cells += [""] * (len(heads) - len(cells))  # a Word row's empty last cells are not written
    # ("Thời gian thực hiện" is when, not who; "Đơn vị thực hiện nhiệm vụ" is who, not what.)
    roles = {
        i: None
        if _WHEN_COLUMN.search(h) and not _UNIT_COLUMN.search(h)
        else next((role for key, role in _COLUMN_ROLES if key in h), None)
        for i, h in enumerate(heads)
    }
    task = next((cells[i] for i, h in enumerate(heads) if _TASK_COLUMN.search(h) and not _UNIT_COLUMN.search(h)), "")
    when = next((cells[i] for i, h in enumerate(heads) if _WHEN_COLUMN.search(h) and roles[i] is None), "")
    if not task or not any(roles.values()):
        return None
    out: list[Assignment] = []
    for i, role in roles.items():
        if role is None or (_TASK_COLUMN.search(heads[i]) and not _UNIT_COLUMN.search(heads[i])):
            continue
        for unit in split_units(cells[i], owner):
            out.append(_record(doc, chunk, unit, role, task, when or None))
    return out


def _record(doc: Document, chunk: Chunk, unit: str, role: str, task: str, deadline: str | None) -> Assignment:
    meta = doc.meta
    return Assignment(
        unit=unit,
        role=role,
        task=task,
        deadline=deadline,
        doc=meta.short_name(),
        citation=citation(meta, chunk),
        doc_id=doc.doc_id,
        chunk_id=chunk.chunk_id,
        section=chunk.section,
        order=chunk.order,
    )


def extract_chunk(
    chunk: Chunk,
    doc: Document,
    owner: str | None = None,
    names: dict[str, str] | None = None,
    addressees: Sequence[str] = (),
) -> list[Assignment]:
    """The assignments one clause makes; `names`: the short names the document gives bodies (aliases);
    `addressees`: the units a letter's requests are addressed to (_addressees)."""
    if chunk.kind != "clause":
        return []
    owner = owner if owner is not None else issuer_owner(doc.meta.issuer)
    row = _table_row(chunk, doc, owner)
    if row is not None:
        return row
    table = _table_in_text(chunk, doc, owner)
    if table is not None:
        rows, rest = table
        return extract_chunk(replace(chunk, text=rest), doc, owner, names, addressees) + rows
    implementation = in_implementation_section(chunk)
    # A letter's numbered request, or its closing that sets a deadline ("Báo cáo gửi về … trước ngày
    # 25/6/2026"), is asked of the bodies it is addressed to.
    request = False
    if addressees and len(chunk.path) == 1:
        request = bool(parse_deadlines(chunk.text)) if chunk.path[0] == ENDING_LABEL else bool(_LETTER_ITEM.match(chunk.path[0]))
    implementation = implementation or request
    # Outside an implementation section a clause hands out work explicitly ("Giao …", "… chủ
    # trì"), or names a unit that must act ("3. Đảng đoàn LĐLĐ tỉnh chủ trì tham mưu …", "Công
    # đoàn phường có trách nhiệm …"); a report's past results ("Ban Tổ chức đã phối hợp …") do not.
    if not implementation and not _EXPLICIT.search(chunk.text) and _is_report(doc):
        return []
    drafts: dict[tuple[str, str], _Draft] = {}
    order: list[tuple[str, str]] = []

    def add(unit: str, role: str, segment: str, deadlines: Sequence[str], lead: str | None = None) -> None:
        key = (unit, role)
        if key not in drafts:
            drafts[key] = _Draft(unit, role, [], [], lead)
            order.append(key)
        draft = drafts[key]
        if segment not in draft.segments:
            draft.segments.append(segment)
        draft.deadlines.extend(d for d in deadlines if d not in draft.deadlines)

    heading = _heading_units(chunk, owner) if implementation else []
    if request and not heading:
        heading = list(addressees)
    current: list[str] = heading
    current_role = "thực hiện"
    lines = chunk.text.split("\n")
    segments = _segments(chunk.text)
    if lines and implementation:
        title = _is_unit_list(lines[0], owner)
        if title:
            # "1. Liên đoàn Lao động tỉnh" on a line of its own names the unit of what follows.
            current = heading = title
            segments = _segments("\n".join(lines[1:]))
    for segment in segments:
        if re.fullmatch(r"[A-ZĐÀ-Ỹ0-9 .,:–-]+", _LABEL.sub("", segment)):
            continue  # a heading line in capitals
        if request and _COURTESY.match(segment):
            continue  # "Trân trọng thông báo.", "Trong quá trình thực hiện, nếu có vướng mắc …": no task
        units, predicate, given = _subject(_expand(segment, names) if names else segment, owner)
        role = _role(predicate)
        if not implementation and not (units and (given or role == "chủ trì" or _charges(predicate, doc))):
            continue
        directed = _directed(predicate, owner) if implementation else None
        if directed is not None:
            # "Chỉ đạo Văn phòng, các Ban … tham mưu …": the director's share is the direction;
            # the units it directs are charged with the rest and carry the clause from here on.
            for unit in units or current:
                add(unit, role or ("thực hiện" if units else current_role), segment, _split_report(segment)[0])
            units, predicate = directed
            role = _role(predicate)
        reports = bool(_REPORT.search(predicate))
        if units:
            current = units
            current_role = role or "thực hiện"
            main_role: str | None = current_role
        elif not current:
            continue
        elif role:
            current_role = main_role = role
        elif reports and _reports_only(predicate):
            main_role = None  # "Hằng năm báo cáo kết quả …" continues the unit with a report only
        else:
            main_role = current_role
        main_deadlines, report_deadlines = _split_report(segment)
        if reports and main_role is None:
            report_deadlines = main_deadlines + [d for d in report_deadlines if d not in main_deadlines]
        elif reports and main_role in _ROLE_VERBS and not main_deadlines and _leads_a_report(predicate):
            main_deadlines = report_deadlines  # "chủ trì, … tổng hợp và báo cáo … hằng năm": the task is the report
        for unit in current:
            if main_role:
                add(unit, main_role, segment, main_deadlines)
            if reports:
                add(unit, "báo cáo", segment, report_deadlines)
        if main_role == "chủ trì":
            for partner in _partners(predicate, owner):
                if partner not in current:
                    add(partner, "phối hợp", segment, [], lead=current[0])
    records: list[Assignment] = []
    if request and chunk.path[0] == ENDING_LABEL:
        # A letter's closing asks for what has a deadline; its other sentences warn or thank.
        order = [key for key in order if drafts[key].deadlines]
    for key in order:
        draft = drafts[key]
        deadlines = draft.deadlines
        if draft.lead is not None and (draft.lead, "chủ trì") in drafts:
            deadlines = drafts[(draft.lead, "chủ trì")].deadlines
        records.append(
            _record(doc, chunk, draft.unit, draft.role, " ".join(draft.segments), _join_deadlines(deadlines))
        )
    return records


# What a unit is said to have done or to be doing, or to be entitled to: no duty.
# ("được giao" hands out work; "được" otherwise says what the unit may or receives.)
_NOT_A_DUTY = re.compile(r"^(?:đã|đang|vừa|chưa|có quyền|được(?! giao)|bị|gồm|khi|nếu|để|thông báo để)\b", re.IGNORECASE)


def _is_report(doc: Document) -> bool:
    return (doc.meta.doc_type or "").upper().startswith("BÁO CÁO")


def _charges(predicate: str, doc: Document) -> bool:
    """Whether a sentence whose subject is a unit charges it with work, outside an implementation
    section: not in a report (its sentences tell what was done), not said in the past or as a
    right."""
    return not _is_report(doc) and not _NOT_A_DUTY.match(predicate)


# "… giữa Liên minh Hợp tác xã tỉnh (sau đây gọi là Liên minh) và …": the short name a text gives a body.
_ALIAS = re.compile(r"\(sau đây gọi (?:tắt )?là [“\"]?([^()“”\"]{2,40}?)[”\"]?\)")


def aliases(text: str) -> dict[str, str]:
    """The short names a text defines for bodies, each with the full name it stands for: the
    words before the bracket from the last place the short name's words begin ("Liên minh Hợp tác
    xã tỉnh (sau đây gọi là Liên minh)" → {"Liên minh": "Liên minh Hợp tác xã tỉnh"})."""
    out: dict[str, str] = {}
    for m in _ALIAS.finditer(text):
        short = m.group(1).strip()
        before = text[max(0, m.start() - 200) : m.start()].rstrip()
        at = before.rfind(short)
        full = before[at:] if at >= 0 else ""
        if full and full != short and "\n" not in full and len(full) <= 120:
            out[short] = full
    return out


def _expand(segment: str, names: dict[str, str]) -> str:
    """A segment with each short name written out, where it does not already go on as the full
    name and is not part of a longer one ("Tổng Liên đoàn")."""
    for short, full in names.items():
        segment = _expand_one(segment, short, full)
    # A text between two bodies it names so calls both "hai bên" when they act ("Hằng năm, hai
    # bên tổ chức …"; not "những vấn đề hai bên chưa thống nhất").
    if len(names) == 2:
        both = " và ".join(names.values())
        segment = re.sub(
            r"(?<!\w)[Hh]ai bên(?!\w)",
            lambda m: both if _PREDICATE.match(re.sub(r"^\s*(?:cùng\s+)?", "", m.string[m.end() :])) else m.group(0),
            segment,
        )
    return segment


def _expand_one(segment: str, short: str, full: str) -> str:
    out: list[str] = []
    last = 0
    rest = full[len(short) :]
    for m in re.finditer(rf"(?<!\w){re.escape(short)}(?!\w)", segment):
        before = segment[: m.start()]
        # Part of a longer name ("Tổng Liên đoàn", "Liên đoàn Lao động cấp huyện"), or already
        # the full name.
        after = segment[m.end() :]
        if re.search(r"[A-ZĐÀ-Ỹ][^\W\d_]*\s+$", before) or re.match(r"\s+[A-ZĐÀ-Ỹ]", after) or after.startswith(rest):
            continue
        out.append(segment[last : m.start()] + full)
        last = m.end()
    out.append(segment[last:])
    return "".join(out)


def extract_assignments(doc: Document, chunks: Sequence[Chunk]) -> list[Assignment]:
    """Every assignment a document makes, in reading order."""
    owner = issuer_owner(doc.meta.issuer)
    names = aliases(doc.text)
    own = sorted((c for c in chunks if c.doc_id == doc.doc_id), key=lambda c: c.order)
    addressees = _addressees(doc, own, owner)
    out: list[Assignment] = []
    for chunk in own:
        out.extend(extract_chunk(chunk, doc, owner, names, addressees))
    return out


# A letter's numbered request ("1.", "2.") at the top of its text.
_LETTER_ITEM = re.compile(r"^\d{1,2}\.$")
_ADDRESSED = re.compile(r"^\s*Kính gửi\s*:?\s*(.*)$")
_BULLET = re.compile(r"^\s*[-–+•]\s*")


# A letter's lead-in that asks its addressees ("… đề nghị các đơn vị thực hiện một số nội dung
# sau:"), not one that answers another's request ("Thực hiện đề nghị của Sở Tài chính, …").
_ASKS = re.compile(r"\bde nghi\b(?! cua\b)")
# A letter's sentences of courtesy or of help, not requests.
_COURTESY = re.compile(r"(?:Trân trọng|Xin (?:trân trọng )?cảm ơn|Trong quá trình (?:tổ chức |triển khai )?thực hiện)\b")


def _addressees(doc: Document, chunks: Sequence[Chunk], owner: str | None) -> list[str]:
    """The units a letter asks what its numbered items say: its "Kính gửi:" block ("- Các công
    đoàn ngành;" / "- Công đoàn các Khu công nghiệp tỉnh;"), when the lead-in closing its opening
    makes a request ("… đề nghị các đơn vị thực hiện một số nội dung sau:"); none for a letter that
    informs or any other document."""
    if (doc.meta.doc_type or "") != "CÔNG VĂN":
        return []
    # (Its header and its opening paragraphs may be two pieces of the opening.)
    lines = [line for c in chunks if c.kind == "preamble" for line in c.text.split("\n") if line.strip()]
    if not lines or not lines[-1].rstrip().endswith(":") or not _ASKS.search(fold(lines[-1]).lower()):
        return []
    for i, line in enumerate(lines):
        m = _ADDRESSED.match(line)
        if m is None:
            continue
        block = [m.group(1)] if m.group(1).strip() else []
        for below in lines[i + 1 :]:
            if not _BULLET.match(below):
                break
            block.append(_BULLET.sub("", below))
        units: list[str] = []
        for item in block:
            for unit in split_units(item.strip(" ;.,"), owner):
                if unit not in units:
                    units.append(unit)
        return units
    return []
