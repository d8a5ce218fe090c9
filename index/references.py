"""Where a question that names a place in a document is resolved: "Điều 35 Bộ luật Lao động quy
định gì?", "khoản 2 Điều 113", "dieu 105 bo luat lao dong", "What does Article 139 of the Labour
Code say?", "Mục III Kế hoạch 48".

An official who names the article wants that article, not the passages that happen to share its
words: a search by meaning ranks "Điều 34" above "Điều 35" for the first question, and answers
"Điều 400 Bộ luật Lao động" (the Code has 220) with Điều 1. Here the question's reference is read,
the document it names (if any) is recognised among the index's documents, and the clauses the
reference designates are found by their place in the document (Chunk.path), so the search can put
them first and say plainly when the place does not exist.

No constant is fitted here: a reference either designates clauses or it does not.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

from ingest.document import CONSOLIDATED, Chunk, DocMeta
from ingest.normalize import fold, has_diacritics

# A level of a document's structure as a path element names it ("Điều 35", "Khoản 2", "Điểm a",
# "Chương IV", "Mục 3") and how a question may call it, folded (diacritics removed, lower case).
_LEVEL_WORDS = {
    "Điều": r"dieu|articles?|art\.",
    "Khoản": r"khoan|clause|paragraph",
    "Điểm": r"diem|point",
    "Chương": r"chuong|chapter",
    "Mục": r"muc|section|phan|part",  # "Phần"/"part" too: plans call their roman sections either
}
_NUMBER = r"(?P<number>\d{1,4}|[ivxlc]{1,6})(?![\w/-])"
# Joiners between the levels of one reference: "khoản 2 Điều 113", "khoản 2, Điều 113", "clause 2
# of article 113", "điểm a khoản 1 điều 5".
_JOIN = r"\s*(?:,|cua|thuoc|tai|of|in)?\s*"
# Lists of points and clauses are one reference each: "điểm a, b khoản 1", "khoản 1 và khoản 2
# Điều 35", "clauses 1 and 2 of Article 35".
_AND = r"\s*(?:,\s*(?:va|and)?|va|and)\s*"
_POINT = r"(?:dd|[a-z])(?![\w/-])"
_CLAUSE = r"\d{1,3}(?![\w/-]|\.\d)"


def _listed(words: str, item: str, name: str) -> str:
    """A level word, then one item or a list of them, the word repeated or not: "điểm a, b",
    "khoản 1 và khoản 2", "clauses 1, 2, and 3"; the items in group `name`."""
    return rf"(?:{words})s?\s+(?P<{name}>{item}(?:{_AND}(?:(?:{words})\s+)?{item})*)"


_REFERENCE = re.compile(
    rf"\b(?:{_listed(_LEVEL_WORDS['Điểm'], _POINT, 'point')}{_JOIN})?"
    rf"(?:{_listed(_LEVEL_WORDS['Khoản'], _CLAUSE, 'clause')}{_JOIN})?"
    rf"(?:{_LEVEL_WORDS['Điều']})\s*(?P<article>\d+)(?![\w/-])"
    rf"(?:\s*,?\s*{_listed(_LEVEL_WORDS['Khoản'], _CLAUSE, 'clause_after')})?"
)
# "khoản 1 và điểm a khoản 2 Điều 36": a clause listed before a reference that starts with a point.
_CLAUSE_BEFORE = re.compile(rf"\b(?:{_LEVEL_WORDS['Khoản']})\s+(?P<clause>{_CLAUSE}){_AND}$")
# A number followed by a unit is an amount, a duration or a score, not a place: "khoản 1.000.000
# đồng", "mức 1.5 lần", "Điều 35 và 36 tháng". (A grammar list: units of Vietnamese amounts.)
# ("năm 2019", "tháng 5" after a number are a date: "Điều 35 và 36 năm 2019" lists articles.)
_UNIT = r"(?!\s*(?:dong|trieu|nghin|ngan|ty|usd|%|lan|diem|gio|tuoi|(?:ngay|thang|nam)(?!\s*\d))\b)"
# "Điều 35 và 36", "Điều 35, 36 và Điều 37": the articles listed after one named alone.
_ARTICLES_AFTER = re.compile(
    rf"\s*(?:,|va|and)\s*(?:(?:dieu|articles?)\s*)?(?P<article>\d{{1,4}})(?![\w/-]|\.\d){_UNIT}"
)
# "khoản 3.3", "mục 2.1", "điểm 2.2": an agreement's or a plan's clause numbered with its parent
# ("3.3.").
_DOTTED = re.compile(
    r"\b(?P<word>khoan|clause|muc|section|diem|point)\s+(?P<number>\d{1,3}(?:\.\d{1,2})+)\.?(?![\w/-]|\.?\d)"
    # Not an amount or a score: "mục 3.5 triệu".
    + _UNIT
)
_ITEM_IN_SECTION = re.compile(r"\.(\d{1,2}(?:\.\d{1,2})?)(?![\w/-]|\.\d)")
_SECTION = re.compile(rf"\b(?P<word>{_LEVEL_WORDS['Chương']}|{_LEVEL_WORDS['Mục']})\s+{_NUMBER}")
_ROMAN = re.compile(r"^[ivxlc]+$")
# Outermost first; places joined by nothing but the joiners of one reference (_JOIN) are one
# inside the other.
_DEPTH = {"Phần": 0, "Chương": 1, "Mục": 2, "Điều": 3, "Khoản": 4, "STT": 4, "Điểm": 5}
# A task table's row as ingest.chunking cites it ("› STT 7"): "STT 7", "số thứ tự 7", folded.
_ROW = re.compile(r"\b(?:stt|so thu tu)\s*(?P<number>\d{1,3})(?![\w/-])")
_NESTED_GAP = re.compile(_JOIN)

# A document named in a question as typed (folded, case kept): a kind, then a number or a capitalised
# name ("Luật Đất đai", "Nghị định 15", "the Land Law", "Decree 15"). A question that names one the
# index does not hold ("Điều 5 Luật Đất đai" asked of labour laws) is about another document, not
# about this index's Điều 5.
_KINDS = (
    r"bo luat|luat|nghi dinh|thong tu|quyet dinh|nghi quyet|ke hoach|chuong trinh|dieu le|thoa uoc|quy che|"
    r"hien phap|phap lenh|huong dan|cong van|chi thi|ket luan"
)
# "điểm 3": an item numbered "3." in a letter or a plan, folded.
# Only beside a document or a section ("Công văn 57 điểm 3", "điểm 3 của Kế hoạch 48", "mục II
# điểm 4"): elsewhere "điểm 10" is a score.
# (The document by its number: "Hướng dẫn chấm điểm 10" is a score. Not before "trở lên" / "trở
# xuống", a score's, nor before "khoản" / "Điều", where "điểm 3 khoản 2" is a law's reference.)
_NOT_AN_ITEM = r"(?!\s+(?:tro\s+(?:len|xuong)\b|khoan\s+\d|dieu\s+\d|diem\b))"
_NUMBERED_POINT = re.compile(
    rf"(?:(?:{_KINDS})\s+(?:so\s+)?[\w/-]*\d[\w/-]*\s+|\bmuc\s+[ivxlc]+\s+)(?P<word>diem)\s+(?P<number>\d{{1,2}})(?![\w/.-])"
    rf"{_NOT_AN_ITEM}"
    rf"|\b(?P<word2>diem)\s+(?P<number2>\d{{1,2}})(?![\w/.-])(?=\s+(?:cua\s+|tai\s+)?(?:muc\s+[ivxlc]+\s+)?(?:{_KINDS})\b)"
)
# "luật" as the second syllable of a word after these (folded: kỷ luật, discipline; pháp luật, the
# law in general; dự luật, a bill): "kỷ luật lao động" names no Luật Lao động.
_LAW_COMPOUND_FIRST = ("phap", "ky", "du")
_OTHER_DOCUMENT = re.compile(
    rf"(?i:\b(?:{_KINDS}))\s+(?:\d|[A-Z])|\b[A-Z]\w*\s+(?:Law|Code|Decree|Circular|Charter)\b"
    # A code by its initials ("BLDS", "BLTTDS"), as typed in capitals.
    r"|\bBL[A-Z]{2,4}\b"
    r"|(?i:\b(?:law|decree|circular|decision|resolution))\s+(?:no\.?\s*)?\d"
    # A law named in lower case ("luật đất đai"), not "pháp luật", "kỷ luật", "dự luật", "luật này",
    # "luật định", "luật quy định", nor the question going on after "luật" with its comma stripped
    # ("Theo Điều 98 bộ luật, làm thêm giờ …", "… luật, đi làm …": no law's name opens so).
    r"|(?i:" + "".join(f"(?<!{w} )" for w in _LAW_COMPOUND_FIRST)
    + r"\b(?:bo luat|luat)\s+(?!nay\b|dinh\b|quy\b|so\b|la\b|thi\b|co\b|cho\b|ve\b|lam\b|di\b|noi\b|duoc\b|phai\b|moi\b)[a-z])"
)


def is_document_kind(text: str) -> bool:
    """Is this a kind of document ("nghị định", "Kế hoạch"), as a question may type it?"""
    return re.fullmatch(_KINDS, fold(text).lower()) is not None


# "Nghị định số 145", "Kế hoạch số 48": the "số" is not part of the name.
_SO = re.compile(rf"(?i)\b({_KINDS}|decree|plan|law|no)\s+(?:so|no\.?)\s+(?=\d)")
# English names of document kinds, for "Decree 145", "Plan 48".
_ENGLISH_KINDS = {
    "NGHỊ ĐỊNH": "decree",
    "THÔNG TƯ": "circular",
    "QUYẾT ĐỊNH": "decision",
    "NGHỊ QUYẾT": "resolution",
    "NGHỊ QUYẾT LIÊN TỊCH": "joint resolution",
    "THÔNG TƯ LIÊN TỊCH": "joint circular",
    "KẾ HOẠCH": "plan",
    "CHƯƠNG TRÌNH": "programme",
    "LUẬT": "law",
    "BỘ LUẬT": "code",
}
# Kinds a question may name by the kind alone when the index holds one document of it: a union
# has one charter, and "the agreement" is the one at hand ("Điều 9 Điều lệ", "khoản 3.2 thỏa ước").
# Not laws or decrees: "theo luật", "nghị định quy định" speak of the law in general.
_DEFINITE_KINDS = {
    ("ĐIỀU LỆ",): ("dieu le", "charter"),
    ("THỎA ƯỚC LAO ĐỘNG TẬP THỂ", "THỎA ƯỚC"): (
        "thoa uoc lao dong tap the",
        "thoa uoc",
        "collective agreement",
    ),
}
# Kinds that name the index's only document of that kind beside a place only ("Điều 3 quy chế",
# "Điều 7 nội quy"): alone, "quy chế dân chủ ở cơ sở", "đăng ký nội quy lao động" are everyday
# words of any text.
# (Not "quy định", "quyết định", "hướng dẫn", "thông báo", "báo cáo": verbs as often as kinds, "Điều 5
# quy định gì?".)
_PLACE_KINDS = {
    ("QUY CHẾ",): ("quy che",),
    ("NỘI QUY LAO ĐỘNG", "NỘI QUY"): ("noi quy lao dong", "noi quy"),
    # "Điều 4 bản ghi nhớ", "khoản 3 Điều 7 hợp đồng", "Điều 6 bộ quy tắc ứng xử": the index's only
    # memorandum, contract, agreement or code (_OF_A_LAW_TOO: not beside a law).
    ("BẢN GHI NHỚ",): ("ban ghi nho",),
    ("HỢP ĐỒNG",): ("hop dong",),
    ("THỎA THUẬN HỢP TÁC", "THỎA THUẬN", "BẢN THỎA THUẬN"): ("thoa thuan hop tac", "thoa thuan"),
    ("BỘ QUY TẮC ỨNG XỬ", "QUY TẮC ỨNG XỬ"): ("bo quy tac ung xu", "quy tac ung xu"),
    # "Điều 7 luật quy định gì", "khoản 2 Điều 35 bộ luật": the index's only law or code (a code
    # is a law too: with a law and a code, "luật" names neither).
    ("LUẬT", "BỘ LUẬT"): ("luat",),
    ("BỘ LUẬT",): ("bo luat",),
    # "Theo Điều 12 nghị định, …": the index's only decree (or circular) beside its law.
    ("NGHỊ ĐỊNH",): ("nghi dinh",),
    ("THÔNG TƯ",): ("thong tu",),
}
_VERB_KINDS = frozenset({"QUY ĐỊNH", "QUYẾT ĐỊNH", "HƯỚNG DẪN", "THÔNG BÁO", "BÁO CÁO"})
# Kinds that are also a law's words beside its article numbers ("Điều 20 hợp đồng lao động", "Điều
# 90 thỏa thuận tiền lương"): they name the only contract or agreement only where no law is loaded.
_OF_A_LAW_TOO = frozenset({"hop dong", "thoa thuan"})
_LAWS = ("LUẬT", "BỘ LUẬT", "NGHỊ ĐỊNH", "THÔNG TƯ", "PHÁP LỆNH")
# A law's (a decree's, a circular's) kind alone names the index's only one beside a place only, never
# for who signed it ("Ai ký luật?"), and a name after it is another's ("Điều 5 Luật Đất đai",
# "Điều 3 Nghị định 145/2020").
_LAW_KIND_FORMS = frozenset({"luat", "bo luat", "nghi dinh", "thong tu"})
_ENGLISH_FORMS = frozenset({"charter", "collective agreement"})
# Words after a kind that only point at a document or date it: no words of its title.
_POINTING = frozenset(
    {"nay", "do", "ay", "so", "nam", "thang", "ngay", "cua", "ve", "nao", "gi", "khong", "la", "ai", "ky", "duoc", "boi",
     "gui", "cho", "den", "va", "nguoi", "co", "da", "se", "thi", "o", "tai", "voi", "tren", "sau", "truoc", "moi", "nhung"}
)
# English has one word for the kinds of rules a body sets itself ("Who signed the election rules?"
# of a Quy chế, translated "quy định"): the index's only one of them, asked who signed, issued or
# received it.
_ENGLISH_RULES = (("QUY CHẾ", "QUY ĐỊNH", "NỘI QUY", "NỘI QUY LAO ĐỘNG"), ("regulation", "regulations", "rules"))
# ("Regulation" is also a decree's or circular's English name: with one loaded, only "rules" is.)
_ENGLISH_DECREES = ("NGHỊ ĐỊNH", "THÔNG TƯ", "LUẬT", "BỘ LUẬT", "PHÁP LỆNH")
# Kinds whose documents a question names by their whole name or number, not by its beginning.
_NAMED_IN_FULL = frozenset(
    {"LUẬT", "BỘ LUẬT", "NGHỊ ĐỊNH", "THÔNG TƯ", "THÔNG TƯ LIÊN TỊCH", "PHÁP LỆNH", "HIẾN PHÁP", "ĐIỀU LỆ", CONSOLIDATED}
)
# A place right before a name ("Điều 7 nội quy", "khoản 2 Điều 3 của quy chế") or right after it
# ("quy chế, Điều 3"), in the folded question with its punctuation as words.
_LEVEL = "|".join(_LEVEL_WORDS.values())
_PLACE_BEFORE = re.compile(
    rf"(?:{_LEVEL})\s+(?:\d{{1,4}}(?:\s*\.\s*\d{{1,3}})*|[ivxlc]{{1,6}}|[a-z])(?:\s+(?:cua|trong|tai|theo|of|in))?\s+$"
)
_PLACE_AFTER_NAME = re.compile(rf"^\s+(?:[,:]\s+)?(?:{_LEVEL})\s+(?:\d|[ivxlc]{{1,6}}\b)")


def _beside_a_place(text: str, start: int, end: int) -> bool:
    return bool(_PLACE_BEFORE.search(text, 0, start) or _PLACE_AFTER_NAME.match(text[end:]))


_LAW_WORD_COMPOUND = re.compile(rf"(?:^| )(?:{'|'.join(_LAW_COMPOUND_FIRST)}) $")
_ACCENTED_COMPOUND = re.compile(r"(?i)\b(?:k[ỷỉ]|pháp|dự)\s+luật")


def _law_word_compound(form: str, cased: str, text: str, start: int) -> bool:
    """Whether the "luật" at `start` is the second syllable of kỷ luật, pháp luật or dự luật: after
    "ky", "phap" or "du" (folded), typed in lower case ("Ai ký Luật Công đoàn?" names the law),
    and, where the question has diacritics, spelt so ("ký luật công đoàn" is signing it)."""
    if not _LAW_WORD_COMPOUND.search(text, 0, start) or not cased[start].islower():
        return False
    return not has_diacritics(form) or bool(_ACCENTED_COMPOUND.search(form))
_KIND_FORMS = frozenset(form for forms in _DEFINITE_KINDS.values() for form in forms)
# A place after a name ("thỏa ước Phú Thịnh Điều 5", "… Mục III"): a level word and its number,
# in the question as typed (folded, case kept: "Phan Thiết" is a name, "Mục III" a place).
_PLACE_AFTER = re.compile(rf"\b(?i:{_LEVEL})\s+(?:\d{{1,4}}|[IVXLC]{{1,6}})(?![\w/-])")
_ROMANS = {1: "i", 4: "iv", 5: "v", 9: "ix", 10: "x", 40: "xl", 50: "l", 90: "xc", 100: "c"}


@dataclass(frozen=True)
class Reference:
    """One place named by a question: levels outermost first, e.g. (("Điều", "113"), ("Khoản", "2"))."""

    levels: tuple[tuple[str, str], ...]

    @property
    def label(self) -> str:
        """How a note names it: "khoản 2 Điều 113"."""
        inner_first = reversed(self.levels)
        parts = [f"{level} {value}" for level, value in inner_first]
        return " ".join(p if i == len(parts) - 1 else p[:1].lower() + p[1:] for i, p in enumerate(parts))

    @property
    def vague(self) -> bool:
        """A place whose numbering documents write in different ways: an Arabic "Mục 2"/"Phần 2"
        (a law's section, a plan's item "2." under any heading) or a dotted "3.3"/"2.1" (an
        agreement's clause, a regulation's II.1). Finding none says nothing about the question."""
        return any(
            (level in ("Mục", "Phần") and value.isdigit()) or "." in value for level, value in self.levels
        )


@dataclass(frozen=True)
class Resolution:
    """What a question's references designate in an index.

    `rows` are the designated clauses (empty when the places do not exist); `documents` the
    documents the question names (none: every document was looked in); `references` what was
    read. A question without a reference, or one that names a document the index does not hold,
    has no Resolution (None)."""

    references: tuple[Reference, ...]
    documents: tuple[str, ...]
    rows: tuple[int, ...]
    missing: tuple[Reference, ...] = ()  # the references that designate nothing
    # The question says nothing but the places and documents (references.names_only_places).
    bare: bool = False

    @property
    def found(self) -> bool:
        return bool(self.rows)


def parse(question: str) -> tuple[Reference, ...]:
    """The places a question names ("Điều 35", "khoản 2 Điều 113", "Article 139", "Chương IV",
    "Mục III"), in the order asked; places named one inside the other ("Mục 1 Chương III") are one."""
    return tuple(Reference(levels) for _, _, levels in _places_named(question))


def _places_named(question: str) -> list[tuple[int, int, tuple[tuple[str, str], ...]]]:
    """`parse`, with where each place is named: (start, end, levels), positions in the question."""
    accented = has_diacritics(question)
    # Folding keeps every character's position in NFC text: a match in `text` points into the
    # question as typed, where "mục" and "mức" still differ.
    text = fold(question)
    found: list[tuple[int, int, tuple[tuple[str, str], ...]]] = []

    def taken(at: int) -> bool:
        return any(a <= at < b for a, b, _ in found)

    def typed_word(m: re.Match) -> str:
        return question[m.start("word") : m.end("word")].lower()

    for m in _REFERENCE.finditer(text):
        if taken(m.start()):
            continue  # already read as part of a list ("Điều 35 và Điều 36")
        article = m.group("article")
        clauses = re.findall(r"\d+", m.group("clause") or m.group("clause_after") or "")
        # Points belong to the clause right after them: "điểm a, b khoản 1" is two points of
        # khoản 1, "điểm a khoản 1 và khoản 2" point a of khoản 1 and the whole khoản 2.
        points = _point_letters(question, m) if clauses else []
        for i, clause in enumerate(clauses):
            for point in (points if i == 0 else []) or [None]:
                levels = (("Điều", article), ("Khoản", clause), *((("Điểm", point),) if point else ()))
                found.append((m.start(), m.end(), levels))
        if points:
            before = text[: m.start()]
            while listed := _CLAUSE_BEFORE.search(before):
                found.append(
                    (listed.start(), listed.end(), (("Điều", article), ("Khoản", listed.group("clause"))))
                )
                before = before[: listed.start()]
        if not clauses:
            found.append((m.start(), m.end(), (("Điều", article),)))
            # "Điều 35 và 36", "Điều 35, 36 và Điều 37": the articles listed after this one.
            for listed in _ARTICLES_AFTER.finditer(text, m.end()):
                if listed.start() != found[-1][1]:
                    break
                found.append((listed.start(), listed.end(), (("Điều", listed.group("article")),)))
    for m in _DOTTED.finditer(text):
        if taken(m.start()):
            continue
        if accented and typed_word(m) not in ("khoản", "mục", "điểm", "clause", "section", "point"):
            continue  # "mức", "khoán", "diễm": folding made them "muc", "khoan", "diem"
        if text[max(0, m.start() - 4) : m.start()] == "tai ":
            continue  # "tài khoản 1.2"
        found.append((m.start(), m.end(), (("Khoản", m.group("number")),)))
    for m in _SECTION.finditer(text):
        if taken(m.start()):
            continue
        word, value = m.group("word"), m.group("number")
        level = "Chương" if word in ("chuong", "chapter") else "Phần" if word in ("phan", "part") else "Mục"
        typed = question[m.start("number") : m.end("number")]
        if _ROMAN.match(value):
            # A Roman section is typed in capitals ("Phần VI"); "phần vi phạm", "mức vi phạm" and
            # "part I should …" are words.
            if not typed.isupper() or (value == "i" and word in ("part", "section")):
                continue
        elif level != "Chương" and not accented and word in ("muc", "phan"):
            continue  # unaccented "muc 2" may be "mức 2" (a level, a rate), "phan 2" "phân 2"
        elif level == "Chương" and not 1 <= int(value) <= 100:
            continue
        if word in ("muc", "phan") and accented and typed_word(m) not in ("mục", "phần"):
            continue  # "mức", "phân": folding made them "muc", "phan"
        levels: tuple[tuple[str, str], ...] = ((level, _canonical_number(level, value)),)
        end = m.end()
        # "mục III.3", "Mục II.1.2": a plan's item numbered inside its Roman section.
        if level == "Mục" and _ROMAN.match(value) and (item := _ITEM_IN_SECTION.match(text, end)):
            levels, end = (*levels, ("Khoản", item.group(1))), item.end()
        found.append((m.start(), end, levels))
    for m in _NUMBERED_POINT.finditer(text):
        # "Công văn 57 điểm 3", "mục II điểm 4": a letter's or a plan's numbered item "3." (a
        # law's điểm has a letter).
        word = "word" if m.group("word") else "word2"
        number = m.group("number") or m.group("number2")
        typed = question[m.start(word) : m.end(word)].lower()
        if not taken(m.start(word)) and not (accented and typed != "điểm"):
            found.append((m.start(word), m.end(), (("Khoản", str(int(number))),)))
    for m in _ROW.finditer(text):
        if not taken(m.start()):
            found.append((m.start(), m.end(), (("STT", str(int(m.group("number")))),)))
    found.sort(key=lambda f: f[:2])  # a list keeps its order
    merged: list[tuple[int, int, tuple[tuple[str, str], ...]]] = []
    for start, end, levels in found:
        if merged:
            p_start, p_end, p_levels = merged[-1]
            kinds = {level for level, _ in p_levels}
            if _NESTED_GAP.fullmatch(text[p_end:start]) and not kinds & {level for level, _ in levels}:
                merged[-1] = (p_start, end, tuple(sorted((*p_levels, *levels), key=lambda lv: _DEPTH[lv[0]])))
                continue
        merged.append((start, end, levels))
    return merged


# Words that join a place to its document and say nothing else ("Điều 5 của Nghị định 145",
# "Article 5 of the Decree"): _JOIN's, and the English article.
_JOINERS = frozenset({"cua", "thuoc", "tai", "of", "in", "the"})
# What only asks to read the place ("Điều 5 quy định gì?", "khoản 2 nói những gì", "nội dung Điều 7
# là gì", "Điều 5 quy định như thế nào"): with nothing else, the place is read in its order. Whole
# phrases of the folded question, so that a topic folded alike ("về thẻ", "dùng") is not one.
_ASKING_TO_READ = re.compile(
    r"\b(?:(?:quy dinh|noi|ghi)(?: nhung)? gi|(?:quy dinh|noi) (?:nhu )?the nao|noi dung(?: (?:la|gom))?(?: nhung)? gi"
    r"|noi dung|la gi)\b"
)


def names_only_places(
    question: str, names: DocumentNames, translated: str | None = None, title_words: frozenset[str] = frozenset()
) -> bool:
    """Whether a question is nothing but places and document names ("Điều 113 BLLĐ", "khoản 2
    Điều 5 Nghị định 145/2020"): it asks to read those places, not about something in them, so
    their clauses are shown in the document's order; so is one that only asks to read them
    ("Điều 113 quy định gì?"). Any other word ("Điều 113 quy định gì về nghỉ phép", "Điều 113
    nghỉ phép") makes it a question about their content. An English question names its
    document in English ("Article 35 of the Labor Code"): `translated`, the glossary's rendering
    of all its words (index.query), must then hold nothing but document names and the places'
    numbers ("Bộ luật Lao động 35"). `title_words`: the folded words of the title of a text a
    document issues, when the question names it by them ("Điều 2 quy chế chi tiêu nội bộ")."""
    spans = _places_named(question)
    if not spans:
        return False
    text = fold(question)  # same positions as the question (see parse)
    for start, end, _ in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    rest = _other_words(_ASKING_TO_READ.sub(" ", _SO.sub(r"\1 ", _words(text))), names)
    if all(word in _JOINERS or word in title_words for word in rest):
        return True
    numbers = {value for _, _, levels in spans for _, value in levels}
    return bool(translated) and all(
        word in _JOINERS or word in numbers for word in _other_words(_words(translated), names)
    )


def _other_words(words: str, names: DocumentNames) -> list[str]:
    """The folded `words` that are not a document's name or edition."""
    rest = " " + words + " "
    # A year after the name ("Bộ luật Lao động 2019", "năm 2019") is its edition.
    rest = re.sub(rf" (?:nam )?{_YEAR}", " ", rest)
    if names.pattern is not None:
        # A number's tail after its key ("nghị định 145" + "/2020/NĐ-CP") is part of the name.
        rest = re.sub(r" /[\w/-]*", " ", names.pattern.sub(" ", rest))
    return rest.split()


def _point_letters(question: str, m: re.Match) -> list[str]:
    """The points listed ("điểm a, b", "điểm a và điểm đ"): the single letters of the match, read
    as typed so that "đ" (or "dd" without diacritics), which folding made "d", stays "đ"."""
    if m.group("point") is None:
        return []
    letters = re.finditer(rf"(?<![\w/-]){_POINT}", m.string[m.start("point") : m.end("point")])
    typed = [question[m.start("point") + x.start() : m.start("point") + x.end()].lower() for x in letters]
    return ["đ" if t in ("đ", "dd") else t for t in typed]


# A title's closing note that it is an excerpt: "(trích)", "(Trích Chương XIV – Giải quyết …)".
_EXCERPT_NOTE = re.compile(r"\s*\((?:trích|trich)\b[^()]*\)\s*$", re.IGNORECASE)


def document_keys(meta: DocMeta) -> set[str]:
    """How a question may name a document, folded: its number ("45/2019/qh14"), its kind and
    short number ("nghi dinh 145", "decree 145", "ke hoach 48"), its name ("bo luat lao dong",
    "luat an toan ve sinh lao dong")."""
    keys: set[str] = set()
    kind = meta.doc_type or ""
    # An excerpt is named as the text it is taken from: "Bộ luật Lao động (Trích Chương XIV …)" is
    # "Bộ luật Lao động" to whoever asks "Điều 207 Bộ luật Lao động".
    bare = _EXCERPT_NOTE.sub("", meta.title or "")
    if bare and bare != meta.title:
        keys |= document_keys(replace(meta, title=bare, name=None))
    if kind == CONSOLIDATED and meta.title:
        # "Văn bản hợp nhất 22/VBHN-VPQH" of "Luật Công đoàn": named as the law it consolidates.
        inner = re.match(rf"(?:{_KINDS})(?=\s)", fold(meta.title).lower())
        if inner:
            inner_kind, inner_title = meta.title[: inner.end()].upper(), meta.title[inner.end() :].strip()
            keys |= document_keys(replace(meta, doc_type=inner_kind, title=inner_title, number=None, name=None))
    if meta.number:
        number = fold(meta.number)
        keys.add(number)
        short = re.match(r"\d+", number)
        if short and kind:
            keys.add(f"{_words(kind)} {short.group()}")
            if kind == "CHƯƠNG TRÌNH HÀNH ĐỘNG":
                keys.add(f"chuong trinh {short.group()}")  # "Chương trình 08" of the 08/CTr-LĐLĐ
            if kind.endswith(" LIÊN TỊCH"):
                keys.add(f"{_words(kind.removesuffix(' LIÊN TỊCH'))} {short.group()}")  # "Nghị quyết 02" of a joint one
            if kind in _ENGLISH_KINDS:
                keys.add(f"{_ENGLISH_KINDS[kind]} {short.group()}")
    if kind and meta.title and len(meta.title) <= 60:
        # Typed with the title's own commas or without them (questions are read with their
        # punctuation: DocumentNames.scan).
        for marks in (False, True):
            keys.add(_words(f"{kind} {meta.title}", marks=marks))
            if kind == "BỘ LUẬT":
                keys.add(_words(f"luật {meta.title}", marks=marks))  # "Luật Lao động" is how many call the Code
        keys |= initials_keys(meta)
    if meta.name:
        for marks in (False, True):
            name = _words(re.sub(r"\s\S*\d\S*$", "", meta.name), marks=marks)  # "Bộ luật Lao động 45/2019/QH14" → its words
            if len(name.split()) >= 3 and name != _words(kind):  # not "van ban hop nhat" alone
                keys.add(name)
    return {k for k in keys if k}


def initials_keys(meta: DocMeta) -> set[str]:
    """Laws are called by the initials of their title ("Luật BHXH", "Luật ATVSLĐ", "Luật HNGĐ")
    and a code by those of its whole name ("BLLĐ", "BLDS"): derived from the document's own name."""
    kind = meta.doc_type or ""
    if kind not in ("LUẬT", "BỘ LUẬT") or not meta.title or len(meta.title) > 60:
        return set()
    initials = "".join(w[0] for w in _words(meta.title).split() if not w[0].isdigit() and w != "va")
    if len(initials) < 2:
        return set()
    keys = {f"{_words(kind)} {initials}"}
    if kind == "BỘ LUẬT":
        keys.add(f"bl{initials}")
    return keys


_TITLE_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\b")


def _title_years(title: str) -> frozenset[int]:
    """The years a title names, and those inside a span it names ("2026 - 2030")."""
    named = {int(y) for y in re.findall(r"(?<![\d/])((?:19|20)\d\d)(?![\d/])", title)}
    for a, b in _TITLE_SPAN.findall(title):
        if int(a) <= int(b) <= int(a) + 20:
            named.update(range(int(a), int(b) + 1))
    return frozenset(named)


def document_year(meta: DocMeta) -> int | None:
    """The year of a document's edition: from its number ("45/2019/QH14"), else its date."""
    year = re.search(r"/((?:19|20)\d\d)/", meta.number or "")
    return int(year.group(1)) if year else meta.year


@dataclass(frozen=True)
class DocumentNames:
    """How questions may name the documents of one index (`document_keys`), matched all at once."""

    owners: dict[str, tuple[str, ...]]  # key → the documents it names
    years: dict[str, int | None]  # document → the year of its edition
    pattern: re.Pattern | None
    # Keys that are part of a name: a kind alone ("dieu le", see _DEFINITE_KINDS), a name without
    # its country ("dieu le cong doan"). They name nothing where they stand in another document's
    # name (_in_another_name) or beside a full name (DocumentNames.scan).
    partial: frozenset[str] = frozenset()
    # Initials keys that read as everyday words in lower case ("luat da" of Luật Điện ảnh is
    # "luật đã"): they name the document only as typed in capitals ("Luật ĐA").
    capitals_only: frozenset[str] = frozenset()
    # Each document's own words (title, issuer, name; folded): "thỏa ước Phú Thịnh" goes on with
    # words of the agreement's own company, so it names that agreement, not another.
    own_words: dict[str, frozenset[str]] = field(default_factory=dict)
    # Documents that are one series' editions of different years ("Kế hoạch tổ chức Tháng Công
    # nhân năm 2024" and "… năm 2025"): each series' documents and the years their titles name.
    series: tuple[tuple[dict[str, int], frozenset[str]], ...] = ()
    # Partial keys that name a document only in a question that names a place (_PLACE_KINDS) or
    # asks who signed, issued or received it; and those that name one only in the latter (the
    # beginning of a title whose kind is also a verb: "ai ký hướng dẫn chấm điểm thi đua?", not
    # "Điều 5 hướng dẫn chấm điểm thế nào?").
    place_only: frozenset[str] = frozenset()
    part_only: frozenset[str] = frozenset()
    # Each document's kind, folded ("thoa uoc lao dong tap the"): names_a_kind_besides.
    kinds: dict[str, str] = field(default_factory=dict)
    # The beginnings of the texts issued with a document (a decision's "Quy chế dân chủ ở cơ sở …"),
    # folded: its kind and two words of its title ("quy che dan chu"). Where the question says one,
    # a shorter key at the same place ("quy chế", the index's only regulation) names nothing.
    issued: frozenset[str] = frozenset()
    # A law's name cut at its first comma ("luật an toàn" of "Luật An toàn, vệ sinh lao động",
    # "luật thi đua" of "Luật Thi đua, khen thưởng"), as workers say it, with the word its title
    # goes on with: "luật an toàn vệ sinh thực phẩm" goes on as the title does and then not, so it
    # is another law's name (a capitalised word after it is another name too: _in_another_name).
    cut_names: dict[str, str] = field(default_factory=dict)
    # The issued texts' titles' pairs of words after the kind, by the kind's folded form: "Điều 12
    # quy chế dân chủ" names the decision's "Quy chế thực hiện dân chủ ở cơ sở" by two words of its
    # title too.
    issued_words: dict[str, frozenset[str]] = field(default_factory=dict)
    # Each document's name's first word after its kind, folded ("nhom" of "Thỏa ước lao động tập thể
    # nhóm doanh nghiệp …", "cong" of "… Công ty TNHH …"): how a worker tells one of two agreements
    # from the other in ordinary case ("thỏa ước nhóm", "thỏa ước công ty").
    heads: dict[str, str] = field(default_factory=dict)
    # The years each document's title names or spans ("… năm 2027", "giai đoạn 2026 - 2030"): a
    # plan's own years, whatever its date ("kế hoạch … năm 2027" of the plan dated November 2026).
    title_years: dict[str, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, metas: dict[str, DocMeta], issued_titles: Iterable[str] = ()) -> DocumentNames:
        owners: dict[str, list[str]] = {}
        shortened: dict[str, list[str]] = {}
        capitals_only: set[str] = set()
        full: set[str] = set()  # keys that are a name or number, not initials
        for doc_id, meta in metas.items():
            keys, initials = document_keys(meta), initials_keys(meta)
            capitals_only |= {k for k in initials if len(k.rsplit(" ", 1)[-1]) < 3}
            full |= keys - initials
            for key in keys:
                owners.setdefault(key, []).append(doc_id)
            # "Điều lệ Công đoàn" for "Điều lệ Công đoàn Việt Nam (khóa XIII)": the country and
            # what follows it are often left out. Both shortenings (with and without the
            # country); one that is the whole name already is a full key and stays one.
            for key in keys:
                if m := re.match(r"((\S+(?: \S+){2,}) viet nam)\b", key):
                    for short in m.group(1, 2):
                        shortened.setdefault(short, []).append(doc_id)
        of_type: dict[str, list[str]] = {}  # a kind → its documents
        for doc_id, meta in metas.items():
            if meta.doc_type:
                of_type.setdefault(meta.doc_type, []).append(doc_id)
        for kinds, forms in _DEFINITE_KINDS.items():
            of_kind = [d for kind in kinds for d in of_type.get(kind, [])]
            if len(of_kind) > 1:
                # Several: each is named by its kind and words of its own name (scan).
                for form in forms:
                    shortened.setdefault(form, []).extend(of_kind)
            if len(of_kind) != 1:
                continue
            # "thỏa ước số 01" for agreement 01/2025/TƯLĐTT: its kind alone, then its number.
            number = re.match(r"\d+", fold(metas[of_kind[0]].number or ""))
            for form in forms:
                shortened.setdefault(form, []).extend(of_kind)
                if number and form not in _ENGLISH_FORMS:
                    owners.setdefault(f"{form} {number.group()}", []).extend(of_kind)
        # "Kế hoạch Tết sum vầy", "nghị quyết đại hội": a kind and the first words of one
        # document's title (two syllables or more), when no other document's title begins so;
        # beside a place or asking who signed it only, as a regulation's kind alone: "xây dựng
        # chương trình hành động thực hiện Chỉ thị" speaks of a programme, not of the one whose
        # title begins "Thực hiện Chỉ thị …". Not a law's: "Luật An toàn vệ sinh thực phẩm"
        # begins as "Luật An toàn, vệ sinh lao động" does and is another law.
        beginnings: dict[str, set[str]] = {}
        for doc_id, meta in metas.items():
            if meta.doc_type and meta.title and meta.doc_type not in _NAMED_IN_FULL:
                words = _words(meta.title).split()
                for n in range(2, min(len(words), 8) + 1):
                    beginnings.setdefault(f"{_words(meta.doc_type)} {' '.join(words[:n])}", set()).add(doc_id)
        cut_names: dict[str, str] = {}
        for doc_id, meta in metas.items():
            # (Or at its first "và": "luật kỷ luật lao động" of "Luật Kỷ luật lao động và Trách
            # nhiệm vật chất".)
            if meta.doc_type in ("LUẬT", "BỘ LUẬT") and meta.title and re.search(r",|\svà\s", meta.title):
                head, tail = re.split(r",|\s+và\s+", meta.title, maxsplit=1)
                if len(_words(head).split()) >= 2 and _words(tail):
                    cut = f"{_words(meta.doc_type)} {_words(head)}"
                    shortened.setdefault(cut, []).append(doc_id)
                    cut_names[cut] = _words(tail).split()[0]
        place_only: set[str] = set()
        part_only: set[str] = set()
        for key, docs in beginnings.items():
            if len(docs) == 1 and key not in owners:
                shortened.setdefault(key, []).extend(docs)
                (part_only if metas[next(iter(docs))].doc_type in _VERB_KINDS else place_only).add(key)
        for kinds, forms in _PLACE_KINDS.items():
            of_kind = [d for kind in kinds for d in of_type.get(kind, [])]
            if len(of_kind) == 1:
                for form in forms:
                    if form in _OF_A_LAW_TOO and any(of_type.get(law) for law in _LAWS):
                        continue
                    shortened.setdefault(form, []).extend(of_kind)
                    place_only.add(form)
        # "Ai ký kế hoạch?", "kế hoạch gửi những ai?": the index's only document of a kind, by its
        # kind alone, when the question asks who signed, issued or received it.
        by_kind: dict[str, list[str]] = {}
        for kind, docs in of_type.items():
            if kind not in _NAMED_IN_FULL:
                by_kind.setdefault(_words(kind), []).extend(docs)
        rules = [d for kind in _ENGLISH_RULES[0] for d in of_type.get(kind, [])]
        if len(rules) == 1:
            decrees = any(of_type.get(kind) for kind in _ENGLISH_DECREES)
            for form in _ENGLISH_RULES[1]:
                if form == "rules" or not decrees:
                    by_kind[form] = rules
        for form, docs in by_kind.items():
            if len(docs) == 1 and form and form not in owners and form not in shortened:
                shortened[form] = list(docs)
                part_only.add(form)
        partial = {k for k in shortened if k not in owners}
        for key in partial:
            owners[key] = sorted(set(shortened[key]))
        # Longest first: at one position "bo luat lao dong" wins over "luat lao dong".
        keys = sorted(owners, key=len, reverse=True)
        pattern = re.compile(rf"(?<= )(?:{'|'.join(map(re.escape, keys))})(?=[ /])") if keys else None
        years = {doc_id: document_year(meta) for doc_id, meta in metas.items()}
        # A key that is also a full name or number of another document is not capitals-only.
        own_words = {
            doc_id: frozenset(_words(" ".join(x for x in (meta.title, meta.issuer, meta.name) if x)).split())
            for doc_id, meta in metas.items()
        }
        return cls(
            {k: tuple(v) for k, v in owners.items()},
            years,
            pattern,
            frozenset(partial),
            frozenset(capitals_only - full),
            own_words,
            _series(metas),
            frozenset(place_only - full),
            frozenset(part_only - full),
            {d: " ".join(re.findall(r"\w+", fold(meta.doc_type or ""))) for d, meta in metas.items()},
            frozenset(_issued_beginning(t) for t in issued_titles) - {""},
            {k: w for k, w in cut_names.items() if len(shortened[k]) == 1 and k not in full},
            _issued_title_words(issued_titles),
            {d: head for d, meta in metas.items() if (head := _name_head(meta))},
            {d: _title_years(meta.title) for d, meta in metas.items() if meta.title},
        )

    def _names_an_issued_text(self, form: str, after: str) -> bool:
        """Whether a kind alone ("quy che", the index's only regulation) goes on in the question with
        two words of the title of a text issued with another document under that kind ("quy che dan
        chu …": the decision's "Quy chế thực hiện dân chủ ở cơ sở"), which the only regulation's
        name lacks."""
        words = after.split()
        if len(words) < 2 or form not in self.issued_words:
            return False
        own = set().union(*(self.own_words.get(d, frozenset()) for d in self.owners.get(form, ())))
        return f"{words[0]} {words[1]}" in self.issued_words[form] and not {words[0], words[1]} <= own

    def _names_another_of_its_kind(self, key: str, after: str) -> bool:
        """Whether a kind alone that names the index's only document of that kind goes on in the
        question with two words of a title that is not that document's ("biên bản kiểm phiếu" of
        the committee's "Biên bản họp Ban Chấp hành …"): another text of that kind, not loaded.
        Years, numbers, and words that only point or ask ("này", "số", "do ai", "gửi cho") say
        nothing either way."""
        if key not in set(self.kinds.values()):
            return False
        words = re.findall(r"\w+", after)[:2]
        if len(words) < 2 or any(w in _POINTING or any(c.isdigit() for c in w) for w in words):
            return False  # "kế hoạch do ai ký", "biên bản được ai ký", "kế hoạch số 07", "kế hoạch gửi cho"
        own = set().union(*(self.own_words.get(d, frozenset()) for d in self.owners.get(key, ())))
        return not (set(words) & own)

    def other_years(self, question_forms: Sequence[str]) -> set[str]:
        """The editions a question's year rules out: where it speaks of a series in its titles'
        shared words and names the year of one or more of its documents ("Tháng Công nhân năm
        2025 tặng mấy suất quà?", "the 2025 workers' football tournament"), that series' documents
        of other years. A year that none of them, or all of them, name rules nothing out, and
        neither does a year without the series' words ("Doanh thu năm 2024 đạt bao nhiêu?": a
        year of the content, not of an edition)."""
        asked = {int(y) for form in question_forms for y in re.findall(rf"(?<![\w/.-]){_YEAR}", form)}
        if not asked:
            return set()
        spoken = set().union(*(_bigrams(_words(form)) for form in question_forms))
        out: set[str] = set()
        for editions, shared in self.series:
            hit = {d for d, year in editions.items() if year in asked}
            # (Two of the titles' shared pairs: "Tháng Công nhân", not "tổ chức" alone.)
            if hit and len(hit) < len(editions) and len(spoken & shared) >= 2:
                out |= set(editions) - hit
        return out

    def named_as_source(self, question_forms: Sequence[str], documents: frozenset[str]) -> bool:
        """Whether a form of the question names one of `documents` as where the answer is read:
        "Theo Bộ luật Lao động thì …", "… căn cứ Nghị định 37", "according to Decree 37"; not a
        document a question only mentions ("hội nghị quán triệt Nghị quyết 15 …")."""
        keys = [k for k, docs in self.owners.items() if documents & set(docs)]
        if not keys:
            return False
        pattern = re.compile(
            r"\b(?:theo|can cu|according to|under|per)\s+(?:(?:quy dinh|noi dung) (?:cua|tai)\s+)?(?:the\s+)?(?:"
            + "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
            + r")(?![\w/-])"
        )
        return any(pattern.search(_words(form)) for form in question_forms)

    def names_a_kind_besides(self, question_forms: Sequence[str], documents: Collection[str]) -> bool:
        """Whether a question says the kind of a document other than `documents`, even alone ("Theo
        điều lệ, … Luật … 2019 có quy định không?")."""
        asked = " | ".join(" ".join(re.findall(r"\w+", fold(form))) for form in question_forms)
        kinds = (kind for d, kind in self.kinds.items() if d not in documents and kind)
        return any(f" {kind} " in f" {asked} " for kind in kinds)

    def _own_words_of(self, key: str) -> frozenset[str]:
        return frozenset().union(*(self.own_words.get(d, frozenset()) for d in self.owners[key]))

    def scan(
        self, question_forms: Sequence[str], about_part: bool = False
    ) -> tuple[set[str], bool, dict[str, int], bool]:
        """(documents the question names, whether it names a document none of them is, the
        index's documents named with another year: {document: the year asked}, whether they are
        named by a name or number rather than by a kind or a title's beginning alone).

        A document is named when one of its keys appears in a form of the question (as typed
        first, then with diacritics restored, translated, abbreviations spelled out). A year right
        after the name that is not the document's ("Bộ luật Lao động 2012" of the 2019 Code) names
        another edition. The index's only charter or agreement is also named by its kind alone
        ("Điều lệ", "thỏa ước"), and a name by its words before "Việt Nam", unless they stand in
        another name ("Điều lệ Đảng", "Điều lệ Công đoàn Giáo dục", "the UN Charter").
        The index's only regulation or internal rules are named by their kind right beside a place or when the question
        asks who signed, issued or received it (`about_part`). Another document is named, in the question as typed, by a kind followed
        by a number or a capitalised name ("Luật Đất đai", "Nghị định 15"; not "pháp luật",
        "quyết định gì", "thỏa ước lao động")."""
        named: set[str] = set()
        by_part: set[str] = set()  # named by a partial key only: counts when nothing else is named
        own_named = False  # one of several agreements named by words of its own name: by name
        other = False
        editions: dict[str, int] = {}
        for i, form in enumerate(question_forms):
            # Punctuation stays, as words of its own: a name ends at it ("Theo Bộ luật Lao động,
            # năm 2024 …" does not name a 2024 edition).
            cased = " " + _SO.sub(r"\1 ", _words(form, keep_case=True, marks=True)) + " "
            text = cased.lower()
            rest = cased
            for m in self.pattern.finditer(text) if self.pattern else ():
                if m.group().startswith("luat ") and _law_word_compound(form, cased, text, m.start()):
                    continue  # "kỷ luật lao động", "pháp luật lao động": no law's name
                partial = m.group() in self.partial
                if partial and _in_another_name(form, m.group(), self._own_words_of(m.group())):
                    continue  # "Điều lệ Đảng", "thỏa ước số 02/2024", "the UN Charter"
                if m.group() in _LAW_KIND_FORMS and text.startswith(" nay ", m.end()):
                    continue  # "Điều 5 của luật này": which law, the question's context says
                if m.group() in self.place_only and not (
                    (about_part and m.group() not in _LAW_KIND_FORMS) or _beside_a_place(text, m.start(), m.end())
                ):
                    continue  # "quy chế dân chủ ở cơ sở", "Theo Điều 118, nội quy lao động phải có …"; not "Điều 3 quy chế", "Ai ký quy chế?"
                if m.group() in self.part_only and not about_part:
                    continue
                if m.group() in self.part_only and self._names_another_of_its_kind(m.group(), text[m.end() :]):
                    continue  # "Ai ký biên bản kiểm phiếu?" with only the committee's minutes loaded
                if m.group() in self.cut_names and text[m.end() :].startswith(f" {self.cut_names[m.group()]} "):
                    continue  # "luật an toàn vệ sinh thực phẩm" is another law
                if m.group() in self.capitals_only and not cased[m.start() : m.end()].rsplit(" ", 1)[-1].isupper():
                    continue  # "luật đã", not "Luật ĐA"
                if partial and (
                    any(len(t) > len(m.group()) and text.startswith(t + " ", m.start()) for t in self.issued)
                    or self._names_an_issued_text(m.group(), text[m.end() :])
                ):
                    continue  # "Điều 12 quy chế dân chủ" of a decision's regulation, not the other one
                year = re.match(rf"[ /](?:nam )?((?:19|20)\d\d)\b{_UNIT}", text[m.end() :])
                # (A year its title names or spans is its own too: "kế hoạch huấn luyện năm 2027" of
                # the plan for 2027 dated November 2026. Not after a kind and number: "Nghị định
                # 12/2024" is another decree than 12/2025, whatever its title says.)
                by_name = not any(ch.isdigit() for ch in m.group())
                fits = [
                    d
                    for d in self.owners[m.group()]
                    if not (
                        year
                        and self.years.get(d)
                        and int(year.group(1)) != self.years[d]
                        and not (by_name and int(year.group(1)) in self.title_years.get(d, frozenset()))
                    )
                ]
                if partial and len(fits) > 1 and m.group() in _KIND_FORMS:
                    # One of several agreements (charters), by words of its own name after its
                    # kind: "thỏa ước Phước Long"; by its kind alone, none of them.
                    words = _capitalised_after(cased[m.end() :])
                    if words:
                        fits = [d for d in fits if words <= self.own_words.get(d, frozenset())]
                    else:
                        # Or by the first word of its name after the kind, if that tells them apart
                        # ("thỏa ước nhóm"; "thỏa ước công ty" of two companies' names none).
                        head = text[m.end() :].split()[:1]
                        heads = [d for d in fits if head and self.heads.get(d) == head[0]]
                        fits = heads if len(heads) < len(fits) else []
                    if not fits:
                        continue
                    own_named = True
                if not fits:
                    other = True  # "thỏa ước 2023" of an index whose agreement is 2025's
                    # By its name, another edition; by kind and number ("Nghị định 145/2019"),
                    # another document (decrees are numbered anew each year).
                    if not any(ch.isdigit() for ch in m.group()):
                        for d in self.owners[m.group()]:
                            editions.setdefault(d, int(year.group(1)))  # type: ignore[union-attr]
                    continue
                own_named = own_named or m.group() in self.cut_names  # a name, if cut short
                (by_part if partial else named).update(fits)
                if m.group() not in _LAW_KIND_FORMS:  # ("Điều 5 Luật Đất đai": still another law's name)
                    rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end() :]
            if i == 0:
                other = other or bool(_OTHER_DOCUMENT.search(rest))
        # A full name wins over a kind alone ("Điều 5 Bộ luật Lao động nói gì về thỏa ước"), and
        # another document named beside a kind alone is what the question is about ("Điều 5 Luật
        # Việc làm có áp dụng cho thỏa ước không?").
        if named:
            return named, False, {}, True
        return (set(), True, editions, False) if other else (by_part, False, {}, own_named)


@dataclass(frozen=True)
class Places:
    """The rows of an index by the elements of their paths ("Điều 35", "Khoản 2", "3.2.", "III. …"),
    so a reference is resolved over the distinct elements, not over every chunk."""

    by_element: dict[str, frozenset[int]]
    by_last: dict[str, frozenset[int]]  # by the innermost element: the clause kept whole there
    by_document: dict[str, frozenset[int]]

    @classmethod
    def of(cls, chunks: Sequence[Chunk]) -> Places:
        by_element: dict[str, set[int]] = {}
        by_last: dict[str, set[int]] = {}
        by_document: dict[str, set[int]] = {}
        for row, chunk in enumerate(chunks):
            for element in chunk.path:
                by_element.setdefault(element, set()).add(row)
            if chunk.path:
                by_last.setdefault(chunk.path[-1], set()).add(row)
            by_document.setdefault(chunk.doc_id, set()).add(row)

        def freeze(d: dict[str, set[int]]) -> dict[str, frozenset[int]]:
            return {k: frozenset(v) for k, v in d.items()}

        return cls(freeze(by_element), freeze(by_last), freeze(by_document))

    def rows_at(
        self, ref: Reference, level: str, value: str, table: dict[str, frozenset[int]] | None = None
    ) -> set[int]:
        """Rows whose path (innermost element only, with `table` = by_last) is at this level."""
        table = self.by_element if table is None else table
        rows: set[int] = set()
        for element, found in table.items():
            if _element_is(element, level, value):
                rows |= found
        article = dict(ref.levels).get("Điều")
        if level == "Khoản" and article is not None:
            rows |= table.get(
                f"{article}.{value}.", frozenset()
            )  # an agreement's "3.2." for khoản 2 of Điều 3
        return rows


def resolve(
    references: Sequence[Reference],
    places: Places,
    named: set[str],
    allowed: set[int] | None = None,
) -> tuple[int, ...]:
    """Rows of the clauses the references designate, within the named documents (all when none is
    named) and the allowed rows (the filters), in document order.

    A place inside a clause that is one chunk ("điểm b" of a short khoản, "khoản 2" of a short
    article, both kept whole) designates that clause: the chunk whose path ends at the enclosing
    level."""
    scope: set[int] | None = None
    if named:
        scope = set().union(*(places.by_document.get(d, frozenset()) for d in named))
    if allowed is not None:
        scope = set(allowed) if scope is None else scope & allowed
    rows: set[int] = set()
    for ref in references:
        levels = ref.levels
        while levels:
            found = scope
            for level, value in levels:
                at = places.rows_at(ref, level, value)
                found = at if found is None else found & at
            if len(levels) < len(ref.levels):  # only a clause kept whole holds a deeper place
                found &= places.rows_at(ref, *levels[-1], table=places.by_last)
            if found or levels[-1][0] not in ("Điểm", "Khoản"):
                break
            levels = levels[:-1]
        rows |= found or set()
    return tuple(sorted(rows))


# --- helpers ------------------------------------------------------------------------------------


# A year or a span of years in a title: "năm 2024", "giai đoạn 2021 - 2025", "nhiệm kỳ 2023–2028".
_TITLE_YEARS = re.compile(r"(?<![\w/.-])((?:19|20)\d\d)(?:\s*[-–—]\s*((?:19|20)\d\d))?(?![\w/-])")


def _title_year(title: str) -> int | None:
    """The one year a title names ("… năm 2024"); None for none, several or a span ("nhiệm kỳ
    2023 - 2028": not an edition of a year)."""
    found = list(_TITLE_YEARS.finditer(title))
    if len(found) != 1:
        return None
    first, last = found[0].group(1), found[0].group(2)
    return None if last and int(last) > int(first) else int(first)


def _series(metas: dict[str, DocMeta]) -> tuple[tuple[dict[str, int], frozenset[str]], ...]:
    """Documents of one kind whose titles each name one year, different years, and share at least
    two word pairs (years left out), each with its year, and the pairs they share: a body's yearly
    plans ("Kế hoạch tổ chức các hoạt động Tháng Công nhân năm 2024", "Kế hoạch tổ chức Tháng Công
    nhân và Tháng hành động … năm 2025"), which differ in their numbers and dates rather than in
    what they are about (DocumentNames.other_years). Another plan of the kind with other words
    ("Tổ chức Hội nghị người lao động năm 2025") is not of the series; a title naming a span
    ("nhiệm kỳ 2023 - 2028") is not an edition of a year."""
    by_kind: dict[str, dict[str, tuple[int, frozenset[str]]]] = {}
    for doc_id, meta in metas.items():
        year = _title_year(meta.title or "")
        if year is not None:
            pairs = _bigrams(_words(_TITLE_YEARS.sub(" ", meta.title or "")))
            by_kind.setdefault(meta.doc_type or "", {})[doc_id] = (year, pairs)
    out = []
    for docs in by_kind.values():
        # Joined when two titles share two pairs or more; a series is what is joined together.
        series: list[set[str]] = []
        for a, b in itertools.combinations(sorted(docs), 2):
            if docs[a][0] != docs[b][0] and len(docs[a][1] & docs[b][1]) >= 2:
                joined = [s for s in series if a in s or b in s]
                merged = set().union({a, b}, *joined)
                series = [s for s in series if s not in joined] + [merged]
        for members in series:
            shared = frozenset(
                pair for a, b in itertools.combinations(sorted(members), 2) for pair in docs[a][1] & docs[b][1]
            )
            out.append(({d: docs[d][0] for d in members}, shared))
    return tuple(out)


def _bigrams(words: str) -> frozenset[str]:
    parts = words.split()
    return frozenset(f"{a} {b}" for a, b in itertools.pairwise(parts))


# The kinds a text issued with a document opens its title with: a citation names it by that title
# under the document ("Quyết định 15/QĐ-CĐ › Quy chế chi tiêu nội bộ › Điều 5").
ISSUED_TEXT = re.compile(
    r"(?:Quy chế|Quy định|Điều lệ|Nội quy|Hướng dẫn|Quy trình|Chương trình|Kế hoạch)\b", re.IGNORECASE
)


def issued_title(chunk: Chunk) -> str | None:
    """The title of the text issued with a document that `chunk` is part of (its path's first
    part, "Quy chế chi tiêu nội bộ"); None for a chunk of the document's own text."""
    return chunk.path[0] if len(chunk.path) >= 2 and ISSUED_TEXT.match(chunk.path[0]) else None


def _issued_title_words(titles: Iterable[str]) -> dict[str, frozenset[str]]:
    """The pairs of words of the issued texts' titles after their kind, by the kind folded: "Quy
    chế thực hiện dân chủ ở cơ sở" → {"quy che": {"thuc hien", "hien dan", "dan chu", "chu o", …}}.
    (Pairs: one folded word alone, "co" of "cơ sở", is also the question's "có".)"""
    out: dict[str, set[str]] = {}
    for title in titles:
        kind = ISSUED_TEXT.match(title)
        if kind is not None:
            words = _words(title).split()[len(kind.group().split()) :]
            out.setdefault(_words(kind.group()), set()).update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return {k: frozenset(v) for k, v in out.items()}


def _issued_beginning(title: str) -> str:
    """"Quy chế dân chủ ở cơ sở tại nơi làm việc" → "quy che dan chu": its kind and two words."""
    kind = ISSUED_TEXT.match(title)
    if kind is None:
        return ""
    words = _words(title).split()
    n = len(kind.group().split()) + 2
    return " ".join(words[:n]) if len(words) >= n else ""


def _words(text: str, keep_case: bool = False, marks: bool = False) -> str:
    """Folded words only: "Luật An toàn, vệ sinh lao động" → "luat an toan ve sinh lao dong";
    a document number keeps its slashes and hyphens; with `marks`, punctuation that ends a
    phrase is kept as a word of its own ("luat an toan , ve sinh …")."""
    pattern = r"[\w/-]+|[,;:?!()]" if marks else r"[\w/-]+"
    return " ".join(re.findall(pattern, _fold_cased(text) if keep_case else fold(text)))


def _fold_cased(text: str) -> str:
    """Diacritics removed, case and punctuation kept: "Điều lệ, Ban" → "Dieu le, Ban"."""
    return "".join(
        c
        for c in unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        if not unicodedata.combining(c)
    )


# A year standing alone ("2025", not "2025/TƯLĐTT"): an edition, not a document's number.
_YEAR = r"(?:19|20)\d\d(?![\w/-])"


def _name_head(meta: DocMeta) -> str | None:
    """The first word of a document's name after its kind, folded (see DocumentNames.heads)."""
    kind, name = _words(meta.doc_type or "").split(), _words(meta.short_name()).split()
    if not kind or name[: len(kind)] != kind or len(name) == len(kind):
        return None
    return name[len(kind)]


def _capitalised_after(text: str) -> set[str]:
    """The capitalised words (lower-cased) among the first five of `text`, up to punctuation, a
    number or a place ("Điều 5"): the name that goes on after a kind ("thỏa ước Phú Thịnh Điều 5
    …" → {"phu", "thinh"})."""
    place = _PLACE_AFTER.search(text)
    after = re.match(r"[\w\s-]*", text[: place.start()] if place else text).group().split()[:5]  # type: ignore[union-attr]
    if after and re.fullmatch(_YEAR, after[0]):
        after = after[1:]  # the edition's year, then perhaps a name ("thỏa ước 2025 Dệt May")
    words = itertools.takewhile(lambda word: not word[:1].isdigit(), after)
    return {w.lower() for w in words if w[:1].isupper()}


def _in_another_name(form: str, key: str, own: frozenset[str] = frozenset()) -> bool:
    """Whether a partial key (a kind alone, a name without its country) is part of another
    document's name where it stands in `form`: a capitalised word or a number right after it
    ("Điều lệ Đảng", "Điều lệ Công đoàn Giáo dục", "thỏa ước số 02/2024"; a year is not a number
    of another document: "thỏa ước 2025" is its edition, and names it when the document's own year
    is unknown), or, for an English
    kind, a capitalised word right before it ("the UN Charter"). Punctuation ends a name
    ("Điều lệ, Ban chấp hành …")."""
    text = _fold_cased(form)
    words = r"[^\w/-]+".join(map(re.escape, key.split()))
    for m in re.finditer(rf"(?i)(?<![\w/-]){words}(?![\w/-])", text):
        rest = text[m.end() :]
        if re.match(r" +(?:so|no\.?) +(?:[A-Z]|\d)", rest):
            return True  # "thỏa ước số 2025": after "số" any number is the document's number
        # A year right after it is the edition's (DocumentNames.scan checks it against the
        # document's own year where it has one), not another document's number; a capitalised
        # name after the year still is another document's ("thỏa ước 2025 Dệt May").
        # Unless the capitalised words are the document's own ("thỏa ước Phú Thịnh", "Điều lệ
        # Công đoàn" of Công đoàn Việt Nam's; not "Điều lệ Công đoàn Giáo dục").
        if re.match(rf" +(?:{_YEAR} +)?[A-Z]| +(?!{_YEAR})\d", rest) and not (own and _capitalised_after(rest) <= own):
            return True
        if key in _ENGLISH_FORMS and re.search(r"\S \b[A-Z][\w-]* +$", text[: m.start()]):
            return True
    return False


def _element_is(element: str, level: str, value: str) -> bool:
    if level in ("Mục", "Phần") and value.isdigit():
        # A law's "Mục 2", or a plan's or a note's item "2." ("mục 5 kế hoạch Tết": its "5. Kinh phí").
        return bool(re.match(rf"(?:(?:Mục|Phần)\s+)?0*{value.lstrip('0') or '0'}(?:\.?\s|\.$|$)", element))
    if level in ("Mục", "Phần") and _ROMAN.match(value.lower()):
        # A plan's top-level heading "III. TỔ CHỨC THỰC HIỆN", or "Mục III", "Phần III".
        return bool(re.match(rf"(?:(?:Mục|Phần)\s+)?{value}(?:\.|\s|$)", element))
    # Agreements often number "Điều 01.", "Điều 02.": "Điều 2" is that article.
    value = re.escape(value.lstrip("0") or "0") if value.isdigit() else re.escape(value)
    if level == "Khoản":
        # A law's "Khoản 2", or an agreement's or plan's numbered clause "2." or "3.3." in the article.
        return re.fullmatch(rf"Khoản 0*{value}|0*{value}\.", element) is not None
    return bool(re.match(rf"{level}\s+0*{value}(?![\w])", element))


def _canonical_number(level: str, value: str) -> str:
    """Chapters are numbered in Roman ("chương 4" → "IV"); Roman values in upper case."""
    if _ROMAN.match(value):
        return value.upper()
    if level == "Chương":
        return _to_roman(int(value)).upper()
    return value


def _to_roman(n: int) -> str:
    out = ""
    for value in sorted(_ROMANS, reverse=True):
        while n >= value:
            out += _ROMANS[value]
            n -= value
    return out
