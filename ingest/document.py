"""The values that flow through ingestion: a `Document` (one source file, cleaned, with its
metadata) and the `Chunk`s cut from it along its own numbering.

Data flows one way: file → `Document` → `Chunk` → indexes. These types carry no behaviour
beyond small derived properties, so they serialise to JSON as plain dicts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import PurePath
from typing import Any

from ingest.normalize import has_vowel

#: Chunk kinds. Only "clause" and "preamble" are content; "recipients" (Nơi nhận) and
#: "signature" are kept searchable ("ai ký kế hoạch 48?") but ranked below content.
CONTENT_KINDS = frozenset({"clause", "preamble"})
CHUNK_KINDS = frozenset({"clause", "preamble", "recipients", "signature"})

PATH_SEPARATOR = " › "
# The type line of a consolidated text, above the type of the text it consolidates.
CONSOLIDATED = "VĂN BẢN HỢP NHẤT"
LAW_TYPES = frozenset({"LUẬT", "BỘ LUẬT", "PHÁP LỆNH", "HIẾN PHÁP"})
# Documents known by what they are about rather than their registry number: a law by its name,
# a charter by its body, an agreement by its company ("Thỏa ước lao động tập thể Công ty TNHH May
# Phú Thịnh": a district union holds one per company, and "01/2025/TƯLĐTT" tells them nothing);
# a contract by its service, a code of conduct by its subject.
_NAMED_TYPES = LAW_TYPES | {"ĐIỀU LỆ", "QUY CHẾ", "NỘI QUY", "HỢP ĐỒNG", "BỘ QUY TẮC ỨNG XỬ", "QUY TẮC ỨNG XỬ"}
# One person's name (a petition's signer), not two signers' "A, B"; signing as the petitioner
# ("Người làm đơn", "Người khiếu nại"), not for a body ("TM. BAN CHẤP HÀNH").
_ONE_PERSON = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?: [A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}$")
_AS_PETITIONER = re.compile(r"^người\b", re.IGNORECASE)
# What an agreement's title starts with when it names the parties' body ("Công ty TNHH …").
_A_BODY = re.compile(
    r"(?:công ty|tổng công ty|doanh nghiệp|nhóm doanh nghiệp|ngành|hợp tác xã|tập đoàn|công đoàn|bệnh viện"
    r"|trường|ngân hàng|xí nghiệp|nhà máy|cơ quan|đơn vị|ctcp|cty|htx|tct)\b",
    re.IGNORECASE,
)
#: Longest document name in a citation or a list; a longer one is cut at a word boundary.
NAME_LIMIT = 90
# A title cut to fit beside the number keeps at least this many words, else the number alone names it.
_TITLE_WORDS_KEPT = 3
# Where a title goes on past its name in ordinary case ("Phối hợp giữa …", "… về …").
# "tại" before a body's name ("… tại Công ty …"), "cho" before whom it serves ("… cho người lao
# động"), not "Quỹ cho vay vốn", "tại nơi làm việc".
_BEFORE_GOING_ON = re.compile(
    r"\s(?:giữa|về|đối với|của)\s|\stại\s(?=[A-ZĐÀ-Ỹ]|các\s)|\scho\s(?=người\s|đoàn viên|công nhân|cán bộ|các\s|con\s|học sinh)"
)


def shorten(text: str, limit: int = NAME_LIMIT) -> str:
    """`text` if it fits, else cut at the last word boundary before `limit` with "…" — never
    inside a word ("… của Bộ Chính trị về đ…" was unreadable)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    # A term set off by a comma goes first: "… lần thứ V, nhiệm kỳ 2027 - 2032" reads "… lần thứ
    # V", not "… lần thứ V, nhiệm…", a compound cut in two.
    without_term = _TERM.sub("", text)
    if without_term != text and len(without_term) <= limit:
        return without_term
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut[: cut.rfind(" ")]
    # Nor between a compound's syllables right after a phrase opens ("… khó khăn được hỗ…" of
    # "được hỗ trợ"): the phrase goes whole, when what is left still says most of the name.
    words = cut.split()
    opener = max((k for k, w in enumerate(words) if w.lower() in _PHRASE_OPENERS), default=None)
    if (
        opener is not None
        and 0 < len(words) - opener - 1 <= 2
        # ("… năm 2024", "… số 12", "… Đại hội XIII": whole)
        and not (any(ch.isdigit() for ch in words[-1]) or re.fullmatch(r"[IVXLC]+\W*", words[-1]))
        and len(" ".join(words[:opener])) >= limit // 2
    ):
        cut = " ".join(words[:opener])
    return cut.rstrip(" ,;:-–(“\"") + "…"


# Words that open a phrase of a name ("được hỗ trợ", "của Ban Chấp hành", "về việc …").
_PHRASE_OPENERS = frozenset(
    {"được", "của", "về", "cho", "tại", "theo", "trong", "và", "với", "đối", "để", "do", "từ"}
)


_TERM = re.compile(r",\s*(?:nhiệm kỳ|giai đoạn)\s+\d{4}\s*[-–]\s*\d{4}$", re.IGNORECASE)


@dataclass(frozen=True)
class DocMeta:
    """What a document says about itself. A field the document does not give is None."""

    doc_type: str | None = None  # "KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "BỘ LUẬT", …
    number: str | None = None  # "48-KH/ĐĐTLD", "13/CTr-LĐLĐ", "45/2019/QH14"
    date: str | None = None  # ISO yyyy-mm-dd
    place: str | None = None
    issuer: str | None = None
    signer: str | None = None
    signer_title: str | None = None  # "T/M ĐẢNG ĐOÀN, PHÓ BÍ THƯ"
    title: str | None = None  # the summary line under the document type
    recipients: tuple[str, ...] = ()
    # How citations and lists name the document: from the header block, else its first title-like
    # line, else its file name (ingest.metadata.document_name). None in indexes built before it.
    name: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def type_label(self) -> str:
        """'KẾ HOẠCH' → 'Kế hoạch', 'CHƯƠNG TRÌNH HÀNH ĐỘNG' → 'Chương trình hành động'."""
        if not self.doc_type:
            return "Văn bản"
        return self.doc_type[:1] + self.doc_type[1:].lower()

    def short_name(self) -> str:
        """The document's name in citations and lists (see `name`)."""
        return self.name or self.header_name() or "Văn bản"

    def header_name(self) -> str | None:
        """How an official names the document in a report: type + number, else type + title;
        None when the header block gives no document type."""
        if not self.doc_type:
            return None
        if self.number:
            # An agreement by the body it binds, not by a term or a note under its type line.
            named = self.doc_type in _NAMED_TYPES or (self.doc_type.startswith("THỎA ƯỚC") and bool(_A_BODY.match(self.title or "")))
            if named and self.title:
                # "Bộ luật Lao động 45/2019/QH14"; the number goes where the name leaves no room,
                # and a title too long to be a name gives way to it, or to its words before what
                # it goes on with ("Quy chế phối hợp" of "Phối hợp giữa Ủy ban nhân dân …").
                # The number is what a report cites a regulation by: a title too long for both is
                # cut at a word, not dropped for the number, nor the number for it.
                # An agreement is known by the body it binds, which a cut would lose.
                short = _BEFORE_GOING_ON.split(self.title, maxsplit=1)[0]
                agreement = self.doc_type.startswith("THỎA ƯỚC")
                for name in (
                    f"{self.type_label()} {self.title} {self.number}",
                    f"{self.type_label()} {short} {self.number}",
                    f"{self.type_label()} {self.title}" if agreement else "",
                ):
                    if name and len(name) <= NAME_LIMIT:
                        return name
                cut = shorten(f"{self.type_label()} {short}", NAME_LIMIT - len(self.number) - 1)
                if len(cut.split()) >= len(self.type_label().split()) + _TITLE_WORDS_KEPT:
                    return f"{cut} {self.number}"
            return f"{self.type_label()} {self.number}"
        if self.doc_type.startswith("ĐƠN") and (writer := self._petitioner()):
            # A petition is known by who wrote it: "Đơn đề nghị của Nguyễn Văn Hùng", not one of
            # several "Đơn đề nghị"; after what it asks, if short ("Đơn xin nghỉ việc của …").
            asks = self.title[:1].lower() + self.title[1:] if self.title and self.title[1:2].islower() else self.title
            named = f"{self.type_label()} {asks} của {writer}" if asks else ""
            return named if named and len(named) <= NAME_LIMIT else f"{self.type_label()} của {writer}"
        if self.title:
            return shorten(f"{self.type_label()} {self.title}")
        return self.type_label()

    def _petitioner(self) -> str | None:
        """Who signed as the petitioner: the one signer, or the one beside a body confirming the
        petition ("CHỦ TỊCH, NGƯỜI LÀM ĐƠN" / "Nguyễn Thị Mai, Trần Văn Lợi", one name per capacity)."""
        if not self.signer:
            return None
        names, capacities = self.signer.split(", "), (self.signer_title or "").split(", ")
        if len(names) == 1:
            pairs = [(names[0], self.signer_title or "")]
        else:
            pairs = list(zip(names, capacities, strict=True)) if len(names) == len(capacities) else []
        writers = [name for name, capacity in pairs if _ONE_PERSON.match(name) and _AS_PETITIONER.match(capacity)]
        return writers[0] if len(writers) == 1 else None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocMeta:
        data = dict(data)
        data["recipients"] = tuple(data.get("recipients") or ())
        return cls(**data)


@dataclass
class Document:
    """One source file after loading, cleaning and metadata extraction."""

    doc_id: str  # stable: the file name
    source: str  # the path it was read from
    text: str  # the cleaned text, one paragraph per line; chunk offsets point into it
    content_hash: str  # sha256 of the raw bytes: what incremental indexing compares
    format: str
    meta: DocMeta = field(default_factory=DocMeta)
    warnings: tuple[str, ...] = ()
    # Line indices (lines = text.split("\n")) where the body starts after the header, where the
    # closing block (Nơi nhận, signature) starts, and where it ends when appendices follow it
    # (None: at the end of the text).
    body_start: int = 0
    closing_start: int = 0
    closing_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["meta"]["recipients"] = list(self.meta.recipients)
        data["warnings"] = list(self.warnings)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        data = dict(data)
        data["meta"] = DocMeta.from_dict(data["meta"])
        data["warnings"] = tuple(data.get("warnings") or ())
        return cls(**data)


@dataclass(frozen=True)
class Chunk:
    """A passage: one numbered clause (or a part of a long one), with where it stands."""

    chunk_id: str  # f"{doc_id}#{order}"
    doc_id: str
    order: int  # position in the document; neighbours are order ± 1
    kind: str  # one of CHUNK_KINDS
    path: tuple[str, ...]  # ("III. TỔ CHỨC THỰC HIỆN", "4.")
    text: str  # the clause as it stands in the source (what the user sees)
    context: tuple[str, ...] = ()  # full heading lines of the enclosing sections, outermost first
    start: int = 0  # character offsets of `text` in Document.text
    end: int = 0
    part: int = 1  # a long clause split at bullet boundaries: part i of parts
    parts: int = 1
    # Which of its clause's bullets a part holds ("gạch đầu dòng thứ 3"): the last step of its
    # citation, so two bullets are never cited alike (the pieces of one long bullet share it);
    # not indexed, not part of `path`.
    place: str = ""

    @property
    def section(self) -> str:
        return PATH_SEPARATOR.join(self.path)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = list(self.path)
        data["context"] = list(self.context)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        data = dict(data)
        data["path"] = tuple(data["path"])
        data["context"] = tuple(data.get("context") or ())
        return cls(**data)


def distinct_names(documents: Iterable[Document]) -> dict[str, str]:
    """doc_id → a name no other document in `documents` has.

    Documents that would share a name ("Thỏa ước lao động tập thể" of two companies) get, in
    order of preference, their number, their issuing body, their year, or their file name in
    brackets; the first of these that tells the whole group apart is used (file names always do,
    ids being unique), else a counter is added.
    """
    documents = list(documents)
    names = {d.doc_id: d.meta.short_name() for d in documents}
    groups: dict[str, list[Document]] = {}
    for d in documents:
        groups.setdefault(names[d.doc_id], []).append(d)
    for name, group in groups.items():
        if len(group) < 2:
            continue
        candidates = (
            [d.meta.number if d.meta.number and d.meta.number not in name else None for d in group],
            [shorten(d.meta.issuer, 60) if d.meta.issuer else None for d in group],
            [str(d.meta.year) if d.meta.year else None for d in group],
            [_file_label(d.doc_id) for d in group],
        )
        for suffixes in candidates:
            if all(suffixes) and len(set(suffixes)) == len(group):
                for d, suffix in zip(group, suffixes, strict=True):
                    names[d.doc_id] = f"{name} ({suffix})"
                break
        else:
            for k, d in enumerate(sorted(group, key=lambda d: d.doc_id), start=1):
                names[d.doc_id] = f"{name} ({k})"
    return names


def with_distinct_names(documents: Iterable[Document]) -> dict[str, Document]:
    """The documents (by doc_id) with `meta.name` set to `distinct_names`: what lists and
    citations should show when several documents are loaded together."""
    documents = list(documents)
    names = distinct_names(documents)
    return {d.doc_id: replace(d, meta=replace(d.meta, name=names[d.doc_id])) for d in documents}


def _file_label(doc_id: str) -> str:
    """A document's file name as a reader sees it, with the counter its id got when a file of the
    same name came from another folder ("quy_che.txt (2)" → "quy che (2)"): ids are unique, so
    these tell any group apart, and they do not change when other documents come and go."""
    m = re.fullmatch(r"(.*?)( \(\d+\))?", doc_id)
    return readable_file_name(m.group(1)) + (m.group(2) or "")


def readable_file_name(file_name: str) -> str:
    """"luat_cong-doan_2012.docx" → "luat cong doan 2012": what a file's name says, to a reader."""
    stem = PurePath(file_name).stem
    return " ".join(stem.replace("_", " ").replace("-", " ").split()) or file_name


def citation(meta: DocMeta, chunk: Chunk) -> str:
    """The line an official pastes into a report: `Kế hoạch 48-KH/ĐĐTLD › III. TỔ CHỨC THỰC HIỆN › 4.`"""
    return PATH_SEPARATOR.join([meta.short_name(), *chunk.path, *([chunk.place] if chunk.place else [])])


# The longest item heading shown again over the item's later pieces (a title, not a sentence).
_TITLE_CHARS = 100
# The last step of a point's path: "Điểm a" (laws), "b)", "c." (other documents).
_POINT_STEP = re.compile(r"^(?:Điểm [a-zđ]\d*|[a-zđ]\d*[).])$")
_NUMBERED_STEP = re.compile(r"^(?:Khoản \d+[a-zđ]?|\d{1,3}\.|\(\d{1,2}\))$")
_SUB_STEP = re.compile(r"^(\d{1,3})\.\d{1,2}\.?$")


# The section of minutes that lists those present ("II. THÀNH PHẦN THAM DỰ", "Thành phần tham dự"),
# folded: its role lines are units (ingest.structure) and the chair's line is read there (index.search).
PRESENT_SECTION = re.compile(r"\b(?:thanh phan|tham du|co mat|du hop)\b")
# How a citation names a text's header block (motto, issuer, number, date, title, "Kính gửi") when
# opening paragraphs follow it (ingest.chunking): two pieces a reader must tell apart, the
# paragraphs keeping "Phần mở đầu".
HEADER_LABEL = "Tiêu đề"
# How a citation names a text's closing paragraph ("Trên đây là …", "Nhận được Công văn này, …"),
# which ingest.chunking cuts off its last item.
ENDING_LABEL = "Phần kết"
# A timetable's rows are named by the stage its numbering column's heading names ("Bước 7", "Tháng 05").
ROW_STAGES = r"Bước|Đợt|Giai đoạn|Tuần|Buổi|Phiên|Tháng|Quý"
# A table's total row, cited by its own label ("› Tổng cộng").
TOTAL_ROW = "Tổng cộng|Cộng|Tổng số|Tổng"
# A table's row (ingest.chunking: "STT 7", "Bước 7", or "7." with its heading row as context) and
# how the loaders join its cells.
_STAGE_STEP = re.compile(rf"^(?:{ROW_STAGES}) \d{{1,3}}$")
_TABLE_ROW_STEP = re.compile(rf"^(?:STT \d{{1,3}}|(?:{ROW_STAGES}) \d{{1,3}}|\d{{1,3}}\.|{TOTAL_ROW})$")
CELLS = " | "


def table_cells(line: str) -> list[str]:
    """A table row's cells, an empty one too ("1 | Họp | | Quý I": the text's spaces collapsed)."""
    return [c.strip() for c in re.split(r" ?\| ?", line.strip())]


def shown_text(chunk: Chunk) -> str:
    """What a reader is shown of a clause: its text, and for a point ("Khoản 1 › Điểm d") the
    line that introduces the points first ("1. Người lao động có các quyền sau đây:"). A point
    does not repeat it, and "d) Từ chối làm việc nếu …" or "b) Nghỉ thai sản;" alone does not
    say what it is a case of. A table's row ("STT 7") comes under the table's heading row, which
    says which cell is the lead unit and which the deadline."""
    if chunk.path and chunk.context and _TABLE_ROW_STEP.match(chunk.path[-1]) and CELLS in chunk.context[-1]:
        return f"{chunk.context[-1]}\n{chunk.text}"  # a table's row under its heading row
    if not (chunk.path and chunk.context):
        return chunk.text
    lead = chunk.context[-1]
    # Likewise a numbered clause under an article whose lead-in introduces it ("Điều 17. Hành vi bị
    # xử lý kỷ luật khiển trách – Người lao động vi phạm một trong các hành vi sau bị xử lý kỷ luật
    # khiển trách:" / "3. Mang điện thoại … lần đầu;"): the penalty is in the lead-in only.
    introduced = _NUMBERED_STEP.match(chunk.path[-1]) and lead.rstrip().endswith(":")
    # And a later piece of an item cited by the item itself under its heading: the paragraph
    # closing it after its points ("4. Số lượng ủy viên ban chấp hành" / "a) …" … "d) …" / "Công
    # đoàn cơ sở có ban chấp hành từ 09 ủy viên trở lên …"), or the rest of a long one. It says what
    # it is about only under that heading, if the heading is a title (a long first sentence is not
    # repeated over every piece).
    goes_on = _NUMBERED_STEP.match(chunk.path[-1]) and lead.startswith(chunk.path[-1] + " ") and len(lead) <= _TITLE_CHARS
    # And a sub-item under its item's title: "3. Tiêu chí 3: Quản lý, sử dụng tài chính công đoàn
    # (20 điểm)" over "3.1. Nộp kinh phí … đúng kỳ hạn: 8 điểm." says what 3.1 is a part of.
    # (Or "Tiêu chí 3: …" over "3.1.".)
    sub = _SUB_STEP.match(chunk.path[-1])
    item = chunk.path[-2] if len(chunk.path) >= 2 else ""
    titled = (
        sub
        and (item == sub.group(1) + "." or item.endswith(" " + sub.group(1)))
        and any(lead.startswith(item + mark) for mark in (" ", ":", "."))
    )
    if not (_POINT_STEP.match(chunk.path[-1]) or introduced or goes_on or (titled and len(lead) <= _TITLE_CHARS)):
        return chunk.text
    return chunk.text if chunk.text.startswith(lead) else f"{lead}\n{chunk.text}"


def indexed_text(chunk: Chunk, meta: DocMeta) -> str:
    """What the indexes see: who issued which document where, the enclosing headings, the clause.

    Every chunk carries the document's identity (number, place, issuer), so "kế hoạch của Huế về
    …" finds the clause itself rather than only the header that names Huế.
    """
    head = meta.short_name()
    # An issuer read from a header in capitals ("CÔNG TY CỔ PHẦN CƠ KHÍ ĐÔNG ANH") in sentence
    # case, as a heading is (_for_embedding): inside the line it would stay in capitals. One the
    # name or title already says ("CÔNG TY TNHH MINH AN" of "Quy chế phúc lợi … Công ty Minh An")
    # would only dilute the clause.
    issuer = meta.issuer if meta.issuer and not _said_by(meta.issuer, (head, meta.title or "")) else None
    about = ", ".join(x for x in (meta.place, issuer and _for_embedding(issuer)) if x)
    if about:
        head = f"{head} ({about})"
    if meta.title and meta.title not in head:
        head = f"{head}: {meta.title}"
    parts = [head, *chunk.context]
    if chunk.path and _STAGE_STEP.match(chunk.path[-1]):
        # A timetable's row by its stage ("Tháng 05"): its cell alone says "05", and "tháng 5"
        # would meet the heading row's "Tháng" only apart from it.
        parts.append(chunk.path[-1])
    if chunk.kind == "signature":
        parts.append("Người ký văn bản, chữ ký, chức vụ người ký")
    elif chunk.kind == "recipients":
        parts.append("Nơi nhận văn bản")
    elif chunk.kind == "preamble":
        parts.append("Số hiệu, ngày ban hành, căn cứ ban hành văn bản")
    parts.append(chunk.text)
    return "\n".join(_for_embedding(line) for p in parts if p for line in p.split("\n"))


_WORD = re.compile(r"[^\W\d_]+")


def _said_by(name: str, texts: tuple[str, ...]) -> bool:
    """Whether every word of `name` but its initials ("TNHH") is among the words of `texts`."""
    said = {w.lower() for t in texts for w in _WORD.findall(t)}
    words = [w.lower() for w in _WORD.findall(name) if has_vowel(w)]
    return bool(words) and all(w in said for w in words)


_ROMAN = re.compile(r"[IVXLC]+")


def _for_embedding(line: str) -> str:
    """A heading in capitals ("III. CÁC CHỈ TIÊU CHỦ YẾU") in sentence case. The embedder's
    tokenizer cuts capitalised Vietnamese into ~1.5x as many pieces (16 vs 11 here) and matches
    it worse to a question typed in lower case; the lexical index folds case anyway. Roman
    numerals and abbreviations without a vowel (LĐLĐ, CĐCS, TW) keep their capitals."""
    words = _WORD.findall(line)
    if sum(map(len, words)) < 4 or line != line.upper() or not any(has_vowel(w) for w in words):
        return line
    first = True

    def lower(m: re.Match) -> str:
        nonlocal first
        word = m.group(0)
        if _ROMAN.fullmatch(word) or not has_vowel(word):
            return word
        word = word.lower()
        if first:
            first = False
            word = word[:1].upper() + word[1:]
        return word

    return _WORD.sub(lower, line)

