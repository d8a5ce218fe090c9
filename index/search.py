"""`Searcher.search()`: question in, ranked clauses with citations out, and whether the corpus
answers at all.

Steps: analyse the question (index.query) → dense candidates for each query variant (FAISS) and
lexical scores (BM25), both restricted by the filters inside the search → fusion
(index.fusion) → priors that encode how these documents are written → optional cross-encoder
reranking → abstention.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from index import abstain, ranges, references
from index.abbreviations import load_abbreviations
from index.abstain import AbstainModel
from index.embedder import Embedder
from index.everyday import Everyday, load_everyday
from index.fusion import fuse
from index.params import fitted_params
from index.query import DiacriticRestorer, QueryAnalysis, analyze, validate_question
from index.rerank import Reranker
from index.store import IndexMismatchError, IndexStore
from ingest.document import (
    CONTENT_KINDS,
    HEADER_LABEL,
    PRESENT_SECTION,
    Chunk,
    Document,
    citation,
    indexed_text,
    shown_text,
)
from ingest.normalize import fold, normalize_text


def _fitted(name: str, default: float) -> float:
    return float(fitted_params().get("ranking", {}).get(name, default))


def _fitted_str(name: str, default: str) -> str:
    return str(fitted_params().get("ranking", {}).get(name, default))


def _fitted_abstain() -> AbstainModel:
    data = fitted_params().get("abstain")
    return AbstainModel.from_dict(data) if data else AbstainModel()


@dataclass(frozen=True)
class SearchConfig:
    """Every constant of the ranking. Defaults come from index/data/search_params.json, written
    by `python -m bench.tune` (fitted on the tuning pools, reported leave-one-corpus-out); each
    prior can be switched off (boost 0, penalty 1) and is ablated there."""

    # "weighted" or "rrf" (index.fusion): chosen by bench.tune across corpora, like the weights.
    fusion: str = field(default_factory=lambda: _fitted_str("fusion", "weighted"))
    dense_weight: float = field(default_factory=lambda: _fitted("dense_weight", 0.5))
    rrf_k: int = field(default_factory=lambda: int(_fitted("rrf_k", 60)))
    candidates: int = 50
    # How a clause's cosines with the query variants (index.query.QueryAnalysis.dense_queries)
    # combine: "max", "mean" or "zmean" (Candidates.dense_scores). An English question's glossary
    # translation is a bag of Vietnamese terms that scores high on any clause sharing them; the
    # question as typed is a second, independent view. Separate for translated and
    # diacritic-restored questions.
    mix_translated: str = field(default_factory=lambda: _fitted_str("mix_translated", "max"))
    mix_restored: str = field(default_factory=lambda: _fitted_str("mix_restored", "max"))
    # Who-does-what questions are answered by the "TỔ CHỨC THỰC HIỆN" sections.
    responsibility_boost: float = field(default_factory=lambda: _fitted("responsibility_boost", 0.15))
    # "Ai ký …?", "gửi cho ai?", "ban hành ngày nào?" are answered by one kind of chunk.
    kind_boost: float = field(default_factory=lambda: _fitted("kind_boost", 0.5))
    # Nơi nhận / signature chunks only when the question is about them.
    closing_penalty: float = field(default_factory=lambda: _fitted("closing_penalty", 0.5))
    # Share of the question's content terms in the clause's own headings ("Điều 105. Thời giờ
    # làm việc bình thường"): the article a question names outranks its neighbours.
    heading_boost: float = field(default_factory=lambda: _fitted("heading_boost", 0.0))
    # Share (idf-weighted) of the question's content terms in the clause itself.
    coverage_boost: float = field(default_factory=lambda: _fitted("coverage_boost", 0.0))
    # Other clauses of the same article among the candidates reinforce each other.
    article_weight: float = field(default_factory=lambda: _fitted("article_weight", 0.0))
    # Definitions ("Giải thích từ ngữ") hold every term but rarely answer a question.
    definition_penalty: float = field(default_factory=lambda: _fitted("definition_penalty", 1.0))
    # At most this many clauses of one law article in a row before another article gets a place
    # (0 = no limit): three khoản of one neighbouring Điều otherwise push the article that answers
    # down (Searcher._spread_articles).
    per_article: int = field(default_factory=lambda: int(_fitted("per_article", 0)))
    # … unless the further clause of that article scores at least this many times the clause of
    # another article that would take its place (0 = never): a khoản far ahead of anything else
    # ("Mỗi tháng đóng đoàn phí bao nhiêu?" → the amount, 1.01 against 0.84) keeps its rank.
    sibling_lead: float = field(default_factory=lambda: _fitted("sibling_lead", 0.0))
    # A question asking for an amount ("bao nhiêu", "mấy ngày", "how many") is answered by a
    # clause that states one (a number that is not a reference, a document number or a year);
    # one asking for a percentage, by a clause that states a percentage.
    answer_type_boost: float = field(default_factory=lambda: _fitted("answer_type_boost", 0.0))
    # A question counting something ("công đoàn có 150 đoàn viên thì bầu mấy ủy viên?") is
    # answered by the clause whose range holds its number ("Từ 30 đến dưới 200 đoàn viên: …"),
    # not by its siblings with other ranges (index.ranges).
    range_boost: float = field(default_factory=lambda: _fitted("range_boost", 0.0))
    # Clauses of a document the question names ("Nghị định 145 quy định gì về …") gain this share
    # of the best score (index.references.DocumentNames).
    document_boost: float = field(default_factory=lambda: _fitted("document_boost", 0.0))
    # A rule, not a fitted prior: the clauses of a document the question names come first, those
    # of an edition its year rules out last (Searcher._documents_first); switchable to measure it.
    named_documents_first: bool = True
    # Likewise: the signature (the recipients) of the one document a question names comes first
    # when it asks who signed it (whom it was sent to) (Searcher._named_part_first).
    named_part_first: bool = True
    # Likewise: asked who chaired a meeting (who took its minutes), the minutes' line naming its
    # chair (secretary) comes first (Searcher._meeting_role_first).
    meeting_role_first: bool = True
    # Likewise: a question about content, not about who issued a text or when, is not answered by
    # a header block (motto, number, title, "Kính gửi"), which holds every word of the text's
    # subject; the best other row comes before it (Searcher._content_before_header).
    header_after_content: bool = True
    rerank_top: int = 20
    abstain: AbstainModel = field(default_factory=_fitted_abstain)


@dataclass(frozen=True)
class Filters:
    """Restrict a search to some documents; None means no restriction on that field."""

    doc_ids: frozenset[str] | None = None
    doc_types: frozenset[str] | None = None
    issuers: frozenset[str] | None = None
    years: frozenset[int] | None = None

    def allows(self, doc: Document) -> bool:
        meta = doc.meta
        return (
            (self.doc_ids is None or doc.doc_id in self.doc_ids)
            and (self.doc_types is None or meta.doc_type in self.doc_types)
            and (self.issuers is None or meta.issuer in self.issuers)
            and (self.years is None or meta.year in self.years)
        )

    @property
    def empty(self) -> bool:
        return all(v is None for v in (self.doc_ids, self.doc_types, self.issuers, self.years))


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    document: Document
    score: float
    dense: float | None
    lexical: float | None
    coverage: float

    @property
    def citation(self) -> str:
        return citation(self.document.meta, self.chunk)

    def to_dict(self) -> dict:
        return {
            "doc": self.document.doc_id,
            "citation": self.citation,
            "section": self.chunk.section,
            "text": shown_text(self.chunk),
            "score": round(self.score, 4),
            "kind": self.chunk.kind,
            "dense": None if self.dense is None else round(self.dense, 4),
            "lexical": None if self.lexical is None else round(self.lexical, 4),
        }


@dataclass
class SearchResult:
    question: str
    answer_found: bool
    hits: list[Hit]
    analysis: QueryAnalysis | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer_found": self.answer_found,
            "results": [h.to_dict() for h in self.hits],
            **({"interpreted_as": self.analysis.shown_as} if self.analysis and self.analysis.shown_as else {}),
            **({"notes": list(self.notes)} if self.notes else {}),
        }


_RESPONSIBILITY = re.compile(
    r"\b(ai|who|ban nao|co quan nao|don vi nao|cap nao|trach nhiem|chu tri|giao cho|phu trach|"
    r"responsible|in charge|tasked|which (?:body|board|department|agency|office))\b"
)
# "Ai được bầu làm chủ tịch?", "who was elected": a question about who is chosen, awarded or
# disciplined asks for a person, not for the body responsible ("Ai được giao …" still does).
_CHOSEN = re.compile(
    r"\bai (?:da |se )?(?:duoc|bi) (?!giao\b|phan cong\b)|\bwho (?:was|were|is|are|will be|gets?) "
    r"(?:elected|chosen|awarded|given|entitled|disciplined|dismissed)\b"
)
# ("Who signs off on expenses?" asks who approves them: an idiom, not a signature.)
# ("Ai đứng ra ký …", "ai đã ký …"; not "signs of" a crime, "signs off" a plan.)
_WHO_SIGNED = r"ai (?:dung ra |da |la nguoi )?ky|nguoi (?:dung ra )?ky"
_ABOUT_SIGNATURE = re.compile(
    rf"\b({_WHO_SIGNED}|ky ten|ky ban hanh|chu ky|signed|signs(?! of\b)|signer|signature)\b(?! off\b)"
)
# Who chaired a meeting or took its minutes, asked of a meeting ("Ai chủ trì cuộc họp …?", "who
# chaired the conference", "ai làm thư ký hội nghị"); the role as the minutes write it.
# Verbs of a task led ("chủ trì tổ chức hội nghị …", "chủ trì chuẩn bị …"): not a meeting chaired.
_TASK_VERB = r"(?:to chuc|chuan bi|phoi hop|thuc hien|xay dung|trien khai|theo doi|lap|soan|organi[sz]e|prepare)\b"
_MEETING = (
    r"(?:cuoc hop|hoi nghi|phien hop|buoi hop|dai hoi|(?:cuoc|buoi|phien) (?:lam viec|doi thoai|thuong luong|kiem tra|hoa giai)"
    r"|(?:meeting|conference|session|congress|negotiation|dialogue)s?)"
)
_ROLE = r"(chu tri|chu toa|thu ky|nguoi ghi bien ban|ghi bien ban|presided|chaired|took the minutes|secretary)"
# (The role right before the meeting: "ai chủ trì chuẩn bị hội trường cho hội nghị" asks who leads
# a task, as plans use "chủ trì"; "… do ai chủ trì?", "Người chủ trì cuộc họp … là ai?" ask too.)
_ASKS_MEETING_ROLE = re.compile(
    rf"\b(?:ai|nguoi nao|dong chi nao|who)\b(?: (?:da|la|lam|duoc|is|was|the))* {_ROLE} (?:(?:of|at|over) )?(?:the |cua )?"
    rf"(?:(?!{_TASK_VERB})\w+ ){{0,4}}?{_MEETING}\b"
    rf"|\b{_MEETING}\b.{{0,80}}\bdo ai {_ROLE}\b"
    rf"|^(?:nguoi )?{_ROLE} {_MEETING}\b.{{0,80}}\bla ai\b"
)
_MEETING_ROLES = {"chair": "chu tri|chu toa", "secretary": "thu ky|nguoi ghi bien ban|ghi bien ban"}
_ROLE_OF = {"presided": "chu tri", "chaired": "chu tri", "took the minutes": "thu ky", "secretary": "thu ky"}
# Whom a document was sent to. "Gửi cho / gửi đến / sent to" alone asks it only of a document the
# question names ("Kế hoạch 48 gửi đến đâu?"); otherwise it is asked of the text's content ("Which
# email address should the report be sent to?", "Báo cáo gửi đến đâu?") unless it asks who.
_ABOUT_RECIPIENTS = re.compile(
    r"\b(noi nhan|recipients?|gui (?:cho|den|toi|ve) (?:nhung )?(?:ai|don vi nao|co quan nao)|sent to whom"
    r"|(?:who|whom)\b.{0,60}\bsent to\b)"
)
_SENT = re.compile(r"\b(gui cho|gui den|gui toi|gui ve|sent to)\b")
# Who signed, asked outright: "signed" in "… after the support decision is signed?" speaks of
# the content, whose answer is not the signature however much the kind prior favours it.
_ASKS_SIGNER = re.compile(rf"\b(?:{_WHO_SIGNED}|chu ky|ky ten|who (?:\w+ ){{0,2}}sign(?:ed|s)?|signer|signatory|signature)\b")
# A question that reads its answer in the document it names, not about that document's parts.
_ACCORDING_TO = re.compile(r"\b(?:theo|can cu|according to|under)\b")
# Whom it was sent to, asked outright ("gửi cho những ai", "gửi đến đâu", "Where was Plan 21 sent?").
_ASKS_RECIPIENTS = re.compile(
    r"\b(?:noi nhan|recipients?|(?:gui|sent)(?: \w+){0,2} (?:dau|ai|nhung ai|don vi nao|co quan nao|whom)|(?:where|whom|who)\b.{0,60}\bsent)\b"
)
# How many of the best-ranked clauses are scanned for another document's name (_documents_first).
_CITING_LOOKED_AT = 30
_ABOUT_DATE = re.compile(r"\b(ngay nao|ngay bao nhieu|khi nao|bao gio|thoi gian nao|nam nao|when|what date|which date)\b")
# The words of a question that asks only when ("… ra ngày nào", "… có từ khi nào", "… là ngày bao nhiêu").
_DATE_ASKED = frozenset({"ngay", "nao", "khi", "bao", "gio", "nhieu", "nam", "thang", "thoi", "gian", "ra", "co", "tu", "la", "vao", "so"})
_ABOUT_ISSUE = re.compile(r"\b(ban hanh|ky|issued|dated|signed)\b")
# "Luật Công đoàn được thông qua ngày nào?": asked of a document the question names, its adoption
# (the header, or the sentence closing a law). Without a name, "Khi nào nghị quyết của công đoàn cơ
# sở được thông qua?" asks what the text says.
_ABOUT_ADOPTION = re.compile(r"\b(thong qua|adopted|passed)\b")
# Who issued the document: the header block names the issuing body ("ĐẢNG ĐOÀN TỔNG LIÊN ĐOÀN …").
_ABOUT_ISSUER = re.compile(
    r"\b(?:ai|co quan nao|don vi nao|cap nao|to chuc nao|who|which (?:body|agency|organi[sz]ation))\b"
    r"(?:\s+(?:da|has|had))?\s+(?:ban hanh|issued)\b|\bissuing (?:body|authority|agency)\b"
)
_IMPLEMENTATION = "to chuc thuc hien"
# English words the glossary leaves untranslated that only ask to read a place ("What does Article
# 37 say?").
_ENGLISH_ASKING_TO_READ = frozenset({"say", "says", "provide", "provides", "state", "states", "stipulate", "stipulates"})
# Of the kinds a text issued with a decision opens its title with (references.ISSUED_TEXT), those
# that are no verb, and words of a title that say nothing of it ("Quy định về việc …").
_NOUN_KINDS = frozenset({"quy che", "dieu le", "noi quy"})
_TITLE_FILLERS = frozenset({"ve", "viec", "cua", "cho", "cac", "va", "doi", "voi"})


def _title_words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", fold(text)) if w not in _TITLE_FILLERS]


_DEFINITIONS = "giai thich tu ngu"
# A header's note that the text is an excerpt: "(Trích Chương III, IV …)", "(trích)", "TRÍCH CHƯƠNG
# …"; not "Trích yếu: …", "Trích nộp kinh phí …", "TRÍCH LẬP QUỸ …".
_EXCERPT = re.compile(
    r"(?m)\(\s*[Tt]rích\b(?!\s+(?:yếu|nộp|lập))"
    r"|^TRÍCH\s+(?:CHƯƠNG|ĐIỀU|MỤC|PHẦN|LUẬT|BỘ LUẬT|NGHỊ|THÔNG TƯ|QUYẾT ĐỊNH|BIÊN BẢN|ĐIỀU LỆ|VĂN BẢN)\b"
)
# Asked of the folded question (+ its translation); "mấy" is matched with its accents, since
# folded "may" is also "máy" (machine).
_ASKS_AMOUNT = re.compile(
    r"\b(bao nhieu|bao lau|toi da|toi thieu|how (?:many|much|long|often)|what (?:percentage|share))\b"
)
# A question asking for the person who holds a role ("Ai làm trưởng tiểu ban trọng tài?", "Ai là thư
# ký cuộc họp?", "Chủ tịch công đoàn là ai?", "Who chairs the dialogue?"), not who must act ("ai chịu
# trách nhiệm", "ai chủ trì thực hiện": a unit), nor who signed (the signature, `wanted_kind`).
_ROLES = (
    r"(?:pho )?(?:chu tich|truong ban|truong tieu ban|truong doan|to truong|truong to|thu ky|giam doc|tong giam doc"
    r"|uy vien|ke toan|thu quy|hieu truong|bi thu|truong phong|chu nhiem)"
)
_ENGLISH_ROLES = r"(?:chair|chairman|chairwoman|chairperson|head|secretary|director|leader|president|treasurer|accountant|principal)"
# Only a name answers these ("Ai là tổ trưởng …?", "Trưởng ban … tên là gì?", "Who is the director
# of …?", "What is the name of the doctor …?"); "Ai làm tổ trưởng?" or "Who chairs the council?" may
# be answered by a role ("Chủ tịch Công đoàn cơ sở làm tổ trưởng"), so a first clause naming no one
# may still answer them (abstain_features' type_missing).
_NAME_ONLY = (
    rf"\bai (?:hien |dang )?(?:la |duoc bau (?:lam )?|duoc cu (?:lam )?){_ROLES}\b|\b{_ROLES}\b[^?,.]{{0,60}}\bten (?:la )?gi\b"
    rf"|\bwho (?:is|was|will be) (?:the|its|their) (?:\w+ ){{0,3}}{_ENGLISH_ROLES}\b"
    r"|\bwhat is the name of the (?:\w+ ){0,3}(?:doctor|lawyer|officer|person|man|woman|worker|member|official|"
    rf"{_ENGLISH_ROLES[3:-1]})\b"
)
_ASKS_NAME = re.compile(_NAME_ONLY)
_ASKS_PERSON = re.compile(
    rf"{_NAME_ONLY}|\bai (?:lam |giu chuc |dang giu chuc |dam nhiem )?{_ROLES}\b|\b{_ROLES}\b[^?,.]{{0,60}}\bla ai\b"
    r"|\bai chu tri (?:cuoc hop|hoi nghi|buoi|phien)"
    rf"|\bwho (?:chairs|chaired|heads|headed|leads|led|took the minutes)\b"
)
# A person named in a clause: a full name opening with a family name ("Nguyễn Thị Hoa", "Thư ký:
# Trần Văn An", "| Lê Thị Mai |"; three words or four), or any name after "ông", "bà", "đồng chí", a degree ("Bà Y Liên
# Niê"); not a title after them ("Đồng chí Phó Chủ tịch"), a place ("Bà Rịa", "Thừa Thiên Huế") or
# a body ("Phòng Kế Toán"). The family names are the language's, not fitted: the common ones.
# (ingest.metadata.ACCENTED_CAPITALS, restated: index takes only document types and normalisation from ingest.)
_CAPITAL = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_NAME_WORD = rf"[{_CAPITAL}][a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+"
_FAMILY_NAMES = (
    "Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đinh|Đoàn|Lương|Trương|Lâm|Mai|Trịnh|Đào|Cao"
    "|Hà|Tạ|Tô|Quách|Thái|Châu|Lại|Kiều|Hứa|Phùng|Tăng|Lưu|Chu|Vương|Thân|Triệu|Tôn|Nông|Giang|Đàm|Doãn|Bạch|Diệp|Lò|Từ"
    "|Ninh|Hàn|Cù|Tống|Kim|Vi|Quan|Mạc|Khúc|Lục|Âu|Thạch|Danh|La|Khổng|Nghiêm|Ngọ|Tiêu|Đồng|Lã|Mẫn"
)
_TITLE_WORDS = r"(?:Phó|Chủ|Tổng|Giám|Trưởng|Bí|Thư|Mẹ|Huyện|Rịa|Chánh|Kế|Ủy|Viện|Hội)\b"
_PERSON = re.compile(
    # (Three words or four: "Hà Nội", "Sơn La", "Đồng Nai" are places.)
    rf"(?<![\w])(?:{_FAMILY_NAMES})(?:\s+{_NAME_WORD}){{2,3}}(?![\w])"
    rf"|\b(?:[Ôô]ng|[Bb]à|[Aa]nh|[Cc]hị|[Đđ]ồng chí|Đ/c|ThS\.|TS\.|BS\.|KS\.)\s+(?!{_TITLE_WORDS}){_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}"
)
# Whom to contact ("Có thắc mắc thì liên hệ ai?", "… thì hỏi ai?", "Who should I call about …?", "the
# contact person"): a clause that gives a contact ("Mọi thắc mắc xin liên hệ đồng chí …", "Người liên
# hệ: …", "đầu mối", or a phone number or email) answers it, not the rule the question is about.
_ASKS_WHOM_TO_CONTACT = re.compile(
    r"\blien he (?:voi )?(?:ai|nguoi nao|bo phan nao|don vi nao|ban nao|phong nao|dau)\b"
    # (Folded, "đại hội ai" reads "dai hoi ai" and "thông báo ai" "thong bao ai": not asking whom to ask.)
    r"|(?<!dai )(?<!hoi )\b(?:hoi|goi cho|goi|phan anh voi) ai\b|\bnguoi lien he\b|\bdau moi\b|\bcontact (?:person|point)\b"
    r"|\bwho (?:should|do|can|must|to|will|would) (?:\w+ ){0,3}(?:contact|get in touch)\b"
    # ("Who can call an extraordinary meeting?" convenes one: a caller is someone asking.)
    r"|\bwho (?:should|do|can|must) (?:i|we|you|they|workers|members|employees|staff) (?:call|ask)\b"
    r"|\bwhom (?:\w+ ){0,4}(?:contact|call|ask)\b"
)
# ("mối liên hệ", "liên hệ bản thân" relate, not give a contact.)
_GIVES_CONTACT = re.compile(r"(?<!moi )\blien he\b(?! (?:ban than|voi thuc te))|\bdau moi\b")
_ASKS_PERCENT = re.compile(r"\b(phan tram|ty le|percent|percentage)\b")
# Numbers that state no amount: a clause's own number at the start of a line ("1.", "2.1.",
# "3)", "(4)"), references ("khoản 2 Điều 35"), document numbers ("45/2019/QH14", dates), years.
_NOT_AN_AMOUNT = re.compile(
    r"(?m)^\s*(?:\d+(?:\.\d+)*[.:)]|\(\d+\))(?=\s)"
    r"|\b(?:dieu|khoan|diem|chuong|muc|so|phan)\s+\d+[a-z]?\b|\d+(?:/[\w-]+)+|\b(?:19|20)\d\d\b"
)
# (A rate as a ratio too: "01 đại biểu trên 10 người lao động" answers "tỷ lệ bao nhiêu".)
_PERCENT = re.compile(r"\d\s*%|\bphan tram\b|\b\d+ (?:[a-z]+ ){1,4}tren (?:moi )?\d+\b")
# "Suất cơm ca bao nhiêu tiền?" asks for a sum ("25.000 đồng", "4,5 triệu"); "bao lâu thì được cấp
# lại?" for a length of time ("07 ngày làm việc", "03 tháng"), not any number.
_ASKS_MONEY = re.compile(r"\b(bao nhieu tien|bao nhieu dong|how much money|how much (?:is|are|does|do) \w+ (?:pay|paid|cost|get|give))\b")
_ASKS_DURATION = re.compile(
    r"\b(bao lau|(?<!ngay )may (?:ngay|thang|nam|tuan|gio)|how long|how many (?:days|months|years|weeks|hours))\b"
)
# A sum of money, or a share of a wage ("1% tiền lương", "30% mức lương").
_MONEY = re.compile(r"\d[\d.,]*\s*(?:dong|d|vnd|trieu|nghin|ngan|ty)\b|\d\s*%")
_DURATION = re.compile(r"\b\d+\s*(?:ngay|thang|nam|tuan|gio|phut)\b")
# "Bao lâu họp một lần?", "mấy lần một năm", "how often" ask how often ("hằng quý", "định kỳ 6 tháng",
# "02 lần/năm"), which no number need state; not "gấp mấy lần" (how many times as much: "200%").
_ASKS_FREQUENCY = re.compile(
    r"\b(?:(?<!gap )may lan|bao nhieu lan|(?:bao lau|may (?:ngay|tuan|thang|nam))(?: \w+){0,4} (?:mot|1) lan"
    r"|how often|how many times(?! (?:as|more|the))|how frequently)\b"
)
# A question asking for a phone, bank account or email number ("số điện thoại đường dây nóng là số
# nào", "số tài khoản của quỹ", "gọi số nào", "what is the hotline number"), not one that only speaks
# of them ("đường dây nóng hoạt động từ mấy giờ", "gửi qua thư điện tử trước ngày nào", "đăng nhập
# bằng tài khoản gì", "take into account", "phụ cấp điện thoại bao nhiêu"). (Not "có số" / "cơ sở"
# before "tài khoản": a translation's words side by side, "… công đoàn cơ sở | tài khoản".)
_ASKS_CONTACT = re.compile(
    r"\b(?:(?<!co )so tai khoan|tai khoan (?:ngan hang )?(?:so (?:nao|may|bao nhieu)|la so)"
    r"|(?<!co )so dien thoai|sdt|dien thoai lien he|so (?:duong day nong|hotline)|goi (?:den )?so nao"
    r"|(?:duong day nong|hotline)(?: \w+){0,6} (?:la )?(?:so (?:nao|may|gi|bao nhieu)|bao nhieu)"
    r"|dia chi (?:email|e-mail|thu dien tu)|(?:email|e-mail|thu dien tu) (?:nao|gi|la gi)"
    r"|account number|(?:which|what)\b[^?]{0,30}\bbank account|(?:phone|telephone|hotline|contact) number"
    r"|(?:which|what)(?: is the)? (?:\w+ ){0,3}hotline|email address|(?:which|what) email)\b"
)
# A clause states one with a run of at least eight digits ("0222.3868.247", "1900 6868", "(0251)
# 3868247", "1160 0000 2268") that is no sum ("88.000.000", "25 000 000"), range ("2023 - 2028",
# "10.000.000 - 20.000.000") or date ("01.10.2025"), or a short number called ("gọi số 114"), or an
# address with "@".
_DIGIT_RUN = re.compile(r"(?<![\d.,/])\+?\(?\d[\d .()-]{6,}\d(?![\d/])")
_SUM = re.compile(r"\d{1,3}(?:[., ]\d{3})+")
_NOT_A_NUMBER_CALLED = re.compile(r"\s[-–]\s|\d[-–](?:19|20)\d\d\b|^\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d$")
_CALLED = re.compile(r"\b(?:goi (?:ngay |den )?so|dien thoai|hotline|duong day nong|sdt)\D{0,25}\b\d{3,}")
_FREQUENCY = re.compile(
    r"\b(?:hang|moi) (?:ngay|tuan|thang|quy|nam)\b|\bdinh ky\b|\b\d+ lan\b|\b(?:mot|hai|ba|bon|nam|sau) lan\b"
    r"|\b(?:ngay|tuan|thang|quy|nam) (?:mot|1) lan\b|\blan ?/ ?(?:ngay|tuan|thang|quy|nam)\b"
)
# A question asking for a date ("áp dụng từ ngày nào", "báo cáo trước ngày nào", "what date", "when
# does it take effect"), and a clause stating one ("ngày 01 tháng 10 năm 2025", "ngày 30/11",
# "01/10/2025", "kể từ ngày ký"). Not "khi nào", "bao giờ", "when": they also ask in which case
# ("thỏa ước vô hiệu khi nào?"); not "ngày nào cũng" (every day).
_ASKS_DATE = re.compile(
    r"\b(?:(?:tu|truoc|den|vao) (?:ngay|thang) nao|ngay nao(?! cung)|(?:tu|den) khi nao|(?:what|which) date|by when|until when"
    r"|from when|(?:take|takes|took) effect|come into force|effective (?:from|date|on))\b"
)
_DATE = re.compile(
    r"\bngay \d{1,2}(?: thang |/)\d{1,2}\b|\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\b|\btu ngay (?:ky|ban hanh)\b"
    # A day of every month ("ngày 10 hằng tháng", "trước ngày 05 của tháng sau", "vào ngày 15").
    r"|\bngay \d{1,2} (?:hang|moi|cua) thang\b|\b(?:truoc|den|vao|tu|cham nhat) ngay \d{1,2}\b"
    # A month or a quarter of a year ("trong tháng 7/2026", "Quý II/2026", "quý 3 năm 2025").
    r"|\bthang \d{1,2}(?:/| nam )(?:19|20)\d\d\b|\bquy (?:i{1,3}|iv|[1-4])(?:/| nam )(?:19|20)\d\d\b"
    # A day of every week ("vào thứ Ba và thứ Năm hằng tuần", "sáng Chủ nhật").
    # (Not "lần thứ hai", "theo thứ tự", "thư từ", "hình chữ nhật".)
    r"|\b(?:(?:ngay|vao|cac|sang|chieu|toi|tu|den) )?(?<!lan )(?<!theo )(?<!so )(?<!hop )(?<!khoa )thu (?:hai|ba|nam|sau|bay|[2-7])\b"
    r"(?= (?:va|hang|cac|moi|den|tuan|dau|cuoi|,)|[,.;]|$)|\b(?:ngay|vao|cac|sang|chieu|toi|tu|den) thu tu\b|(?<!hinh )\bchu nhat\b"
)


# "ký" (to sign) and "kỳ" (a term: "nhiệm kỳ", "giữa kỳ", "định kỳ"; "kỷ luật", "kỹ năng") fold
# alike. Typed with diacritics, they tell themselves apart ("kí" is the older spelling of "ký");
# typed without, only the words around do: the restorer guesses "ky" wrong too often ("ngày kỷ
# thỏa ước") to be trusted with it, so the terms are known by their other syllable.
_NOT_SIGNING = re.compile(r"\b(?:kỳ|kì|kỷ|kỉ|kỹ|kĩ)\b")
_KI = re.compile(r"\bkí\b")
_FOLDED_TERMS = re.compile(
    r"\b(?:(nhiem|giua|dinh|hoc|cuoi|dau|moi|hang) ky|ky (luat|nang|thuat|niem|hop|thi|nghi|han))\b"
)


def _asked(analysis: QueryAnalysis) -> str:
    """The question folded, with "kỳ", "kỷ", "kỹ" no longer reading as "ký"."""
    typed = analysis.question.lower()
    if analysis.language == "vi-folded":
        asked = _FOLDED_TERMS.sub(lambda m: f"{m.group(1)} kyy" if m.group(1) else f"kyy {m.group(2)}", fold(typed))
    else:
        asked = _folded_accented(typed)
    return " ".join(filter(None, [asked, _folded_accented((analysis.translated or "").lower())]))


def _folded_accented(text: str) -> str:
    """Accented `text` folded, "kỳ" (and "kỷ", "kỹ") kept apart from "ký" ("kí" read as "ký")."""
    return fold(_KI.sub("ký", _NOT_SIGNING.sub("kyy", text)))


# A header's place and date line: "Hà Nội, ngày 02 tháng 4 năm 2026".
_PLACE_AND_DATE = re.compile(r"(?m)(?:^|\|\s*)[^\d,\n|]{2,40},\s*ng[àa]y\s+\d{1,2}\s+th[áa]ng\s+\d{1,2}\s+n[ăa]m\s+\d{4}")


def agrees(row: int, dense: dict[int, float], lexical: dict[int, float]) -> bool:
    """Whether `row` scores highest by cosine and by BM25 alike (tied for highest counts). A
    retriever that found nothing says nothing: an English question whose words the glossary could
    not translate is judged by its cosine alone."""
    return all(not scores or (row in scores and scores[row] >= max(scores.values())) for scores in (dense, lexical)) and bool(dense or lexical)


def _wanted_kind(analysis: QueryAnalysis, names_document: bool = False, names_only: bool = False) -> str | None:
    """The part of a document a question asks for: who signed it, whom it was sent to, who issued
    it or when (adopted when: only of a document it names; `names_only`: a question that is that
    name and a date asked, "Công văn 142 ngày nào?"); None for a question about its content."""
    q = _asked(analysis)
    if _ABOUT_SIGNATURE.search(q):
        return "signature"
    if _ABOUT_RECIPIENTS.search(q) or (names_document and _SENT.search(q)):
        return "recipients"
    issue = _ABOUT_ISSUE.search(q) or (names_document and _ABOUT_ADOPTION.search(q)) or names_only
    if (_ABOUT_DATE.search(q) and issue) or _ABOUT_ISSUER.search(q):
        return "preamble"
    return None


# What only a letter's header says: whom it is addressed to, its number, its subject, its legal bases.
_ABOUT_HEADER = re.compile(
    r"\b(?:kinh gui|so hieu|ky hieu|trich yeu|ve viec gi|v/v|addressed to|reference number|legal bas[ie]s)\b"
    # Its legal bases, asked for: "căn cứ (vào) văn bản nào", "dựa trên cơ sở pháp lý nào", "which laws
    # is it based on"; not "căn cứ quy định …, công nhân được gì" (according to) nor "cần cù".
    r"|\bcan cu (?:vao )?(?:nhung |cac )?(?:van ban |co so |quy dinh |luat |nghi dinh )?(?:nao|gi)\b"
    r"|\bdua (?:tren|vao) (?:co so phap ly|(?:nhung |cac )?van ban) nao\b|\bbased on (?:which|what)\b"
    r"|\b(?:which|what)\b[^?]{0,60}\bbased on\b(?!\s+(?:the|a|an|this|that|its|their|these|those)\b)"
)
# A list of recipients that defers to the header's addressee ("Nơi nhận: - Như trên;"), and that line.
# (Either may be any line of its piece: "Nơi nhận:" over "- Lưu VT;" over "– Như trên;".)
_AS_ABOVE = re.compile(r"^(?:noi nhan\s*:?\s*)?[-–+•]?\s*nhu (?:tren|kinh gui)\b", re.MULTILINE)
_ADDRESSED = re.compile(r"^(?:kinh gui|kinh goi)\b", re.MULTILINE)
# Texts that set rules in force from their date on, not about one year of their own.
_STANDING_RULES = ("LUẬT", "BỘ LUẬT", "NGHỊ ĐỊNH", "THÔNG TƯ", "ĐIỀU LỆ", "THỎA ƯỚC", "QUY CHẾ", "QUY ĐỊNH", "NỘI QUY", "HIẾN PHÁP", "THỂ LỆ")
# The kinds of number the abstention checks the first clause for (see abstain_features).
_SPECIFIC_ANSWERS = (1, 2, 3, 4, 5, 6, 7)


def _states_contact(run: str) -> bool:
    """Whether a run of digits is a phone or account number: eight digits or more, not a sum, a
    range or a date."""
    run = run.strip()
    return sum(c.isdigit() for c in run) >= 8 and not (_SUM.fullmatch(run) or _NOT_A_NUMBER_CALLED.search(run))


def _question_and_translation(analysis: QueryAnalysis) -> str:
    """The question as typed and its translation, folded: what the answer-type rules read."""
    return fold(" ".join(filter(None, [analysis.question, analysis.translated])))


def _asks_a_name(analysis: QueryAnalysis) -> bool:
    return bool(_ASKS_NAME.search(_question_and_translation(analysis)))


def _wanted_amount(analysis: QueryAnalysis, wanted_kind: str | None) -> int | None:
    """What kind of number a question asks for, as `Searcher._states_amount` indexes them: 0 any
    amount, 1 a percentage, 2 a date, 3 a sum of money, 4 a length of time, 5 how often, 6 a phone,
    account or email number, 7 a person's name (not a number, but as specific), 8 whom to contact;
    None for none."""
    q = _question_and_translation(analysis)
    typed = (analysis.restored or analysis.question).lower()
    if _ASKS_CONTACT.search(q):
        return 6
    if _ASKS_FREQUENCY.search(q):
        return 5
    # A document's own date ("ban hành ngày nào") is its header's: the kind prior's.
    if _ASKS_DATE.search(q):
        return 2 if wanted_kind is None else None
    if _ASKS_PERCENT.search(q):
        return 1
    if _ASKS_DURATION.search(q) and "bao nhieu" not in q:
        return 4  # (one that also asks "bao nhiêu" asks for more than a time)
    if _ASKS_MONEY.search(q):
        return 3
    if _ASKS_AMOUNT.search(q) or re.search(r"\bmấy\b", typed):
        return 0
    # (After the numbers: "Danh sách … gửi về trước ngày nào?" asks a date.)
    if _ASKS_WHOM_TO_CONTACT.search(q):
        return 8
    if wanted_kind is None and _ASKS_PERSON.search(q):
        return 7
    return None


@dataclass
class Candidates:
    """What retrieval found for one question, before any constant of the ranking is applied:
    the expensive part (embedding, FAISS, BM25), kept so `bench.tune` can re-rank it under many
    configurations. Everything here is independent of SearchConfig except `candidates`."""

    analysis: QueryAnalysis
    dense: dict[int, float]
    lexical: dict[int, float]
    query_tokens: set[str]  # content terms: syllables and syllable bigrams, folded
    dense_z: float  # best cosine vs the question's cosines with the index (index.abstain)
    dense_gap: float  # best cosine vs the ten best (index.abstain)
    dense_lift: float = 0.0  # best cosine minus the question's mean cosine with the index
    allowed: np.ndarray | None = None
    # Cosine of every dense candidate with each query variant, in dense_queries order, and the
    # (mean, sd) of that variant's cosines with the index (its z-sample).
    variant_dense: tuple[dict[int, float], ...] = ()
    variant_spread: tuple[tuple[float, float], ...] = ()
    # The place the question names ("Điều 35 Bộ luật Lao động"), if any (index.references).
    resolution: references.Resolution | None = None
    # The documents of the index the question names ("theo Nghị định 145", "Luật Việc làm").
    named_documents: frozenset[str] = frozenset()
    # Documents of the index the question names with another year than their edition's
    # ("Bộ luật Lao động 2012" with the 2019 Code loaded): (document, the year asked).
    other_editions: tuple[tuple[str, int], ...] = ()
    # The question names a document the index does not hold ("Điều 2 Thỏa ước 05/2024" with
    # another agreement loaded, "Điều 107 Luật Đất đai" of labour laws).
    other_document: bool = False
    # Documents of a series the question's year rules out ("… năm 2025" of the 2024 plan).
    other_years: frozenset[str] = frozenset()
    # The named documents whose clauses come first (Searcher._documents_first).
    first_documents: frozenset[str] = frozenset()
    # The question is a named document and a date asked, nothing else ("Công văn 142 ngày nào?"):
    # its header's date (Searcher._names_only).
    names_only: bool = False

    @cached_property
    def wanted_kind(self) -> str | None:
        """The part of a document the question asks for, given the documents it names
        (`_wanted_kind`): asked by the ranking's rules and the abstention alike, worked out once."""
        return _wanted_kind(self.analysis, bool(self.named_documents), self.names_only)

    def dense_scores(self, config: SearchConfig) -> dict[int, float]:
        """The dense score each candidate enters fusion with (SearchConfig.mix_*): the best
        variant's cosine, the mean of the variants' cosines, or the mean of their z-scores (each
        variant measured against its own cosines with the index: a cross-lingual cosine runs
        lower than a same-language one)."""
        mix = config.mix_translated if self.analysis.translated else config.mix_restored
        variants = self.variant_dense
        if mix == "max" or len(variants) < 2:
            return self.dense
        if mix == "zmean" and len(self.variant_spread) == len(variants):
            spread = self.variant_spread
            return {r: sum((v[r] - m) / s for v, (m, s) in zip(variants, spread, strict=True)) / len(variants) for r in self.dense}
        return {r: sum(v[r] for v in variants) / len(variants) for r in self.dense}


class Searcher:
    def __init__(
        self,
        store: IndexStore,
        embedder: Embedder,
        reranker: Reranker | None = None,
        config: SearchConfig | None = None,
    ) -> None:
        if embedder.name != store.model:
            raise IndexMismatchError(
                f"Chỉ mục được xây dựng bằng mô hình '{store.model}', không phải '{embedder.name}'."
            )
        self.store = store
        self.embedder = embedder
        self.reranker = reranker
        self.config = config or SearchConfig()
        self._token_sets: dict[int, set[str]] = {}
        self._amounts: dict[int, tuple[bool, ...]] = {}
        self._ranges: dict[int, list[ranges.Range]] = {}
        self._named_in: dict[int, frozenset[str]] = {}
        # Everyday → legal wording for the lexical query (index.everyday); None = the shipped table.
        self.everyday: Everyday | None = None
        self._everyday_here: tuple[Everyday | None, Everyday] | None = None

    @property
    def restorer(self) -> DiacriticRestorer:
        return self.store.restorer  # built at index time, saved with the index

    def _chunk_tokens(self, row: int) -> set[str]:
        # Per row and on demand: a query touches ~100 candidates, and building every chunk's set
        # up front cost a one-question CLI most of its time on a large index.
        tokens = self._token_sets.get(row)
        if tokens is None:
            tokens = self._token_sets[row] = self.store.chunk_tokens(row)
        return tokens

    def _documents_named_in(self, row: int) -> frozenset[str]:
        """The index's documents a clause's text names. Per row and kept: rank() runs many times
        per question when constants are tuned, and the clauses are the same each time."""
        named = self._named_in.get(row)
        if named is None:
            named = self._named_in[row] = frozenset(self._document_names.scan([self.store.chunks[row].text])[0])
        return named

    @cached_property
    def _addressed_above(self) -> frozenset[int]:
        """The header pieces holding "Kính gửi: …" of the documents whose recipients open "Như
        trên" (as addressed above): to whom such a letter was sent, its header says."""
        chunks = self.store.chunks
        deferring = {c.doc_id for c in chunks if c.kind == "recipients" and _AS_ABOVE.search(fold(c.text).lower())}
        return frozenset(
            row
            for row, c in enumerate(chunks)
            if c.kind == "preamble" and c.doc_id in deferring and _ADDRESSED.search(fold(c.text).lower())
        )

    @cached_property
    def _issue_parts(self) -> frozenset[int]:
        """The pieces of each document's opening that say who issued it and when: where the header
        block and the opening paragraphs are two pieces (ingest.chunking), the one naming its
        issuer or holding its place and date line ("Kế hoạch 48" names its issuer only in "Đảng
        đoàn Tổng Liên đoàn triển khai Kế hoạch …"); every piece where none does."""
        pieces: dict[str, list[int]] = {}
        for row, chunk in enumerate(self.store.chunks):
            if chunk.kind == "preamble":
                pieces.setdefault(chunk.doc_id, []).append(row)
        out: set[int] = set()
        for doc_id, rows in pieces.items():
            issuer = fold(self.store.documents[doc_id].meta.issuer or "").lower()
            saying = [
                r
                for r in rows
                if (issuer and issuer in fold(self.store.chunks[r].text).lower()) or _PLACE_AND_DATE.search(self.store.chunks[r].text)
            ]
            out.update(saying or rows)
        return frozenset(out)

    @cached_property
    def _heading_tokens(self) -> list[set[str]]:
        """Tokens of each clause's innermost heading line ("Điều 105. Thời giờ làm việc …")."""
        tok = self.store.tokenizer
        return [set(tok.tokens(c.context[-1])) if c.context else set() for c in self.store.chunks]

    def _states_amount(self, row: int) -> tuple[bool, ...]:
        """Does clause `row` state an amount, a percentage, a date, a sum of money, a length of time,
        how often, a phone, account or email number, a person's name, a contact (answer_type_boost;
        `_wanted_amount`'s order).
        Per row and on demand, like the token sets: a query looks at its ~100 candidates, not the
        whole index."""
        known = self._amounts.get(row)
        if known is None:
            text = fold(self.store.chunks[row].text).lower()
            amounts = _NOT_AN_AMOUNT.sub(" ", text)
            contact = "@" in text or bool(_CALLED.search(text)) or any(_states_contact(run) for run in _DIGIT_RUN.findall(text))
            known = self._amounts[row] = (
                any(ch.isdigit() for ch in amounts),
                bool(_PERCENT.search(text)),
                bool(_DATE.search(text)),
                bool(_MONEY.search(amounts)),
                bool(_DURATION.search(amounts)),
                bool(_FREQUENCY.search(text)),
                contact,
                bool(_PERSON.search(self.store.chunks[row].text)),
                contact or bool(_GIVES_CONTACT.search(text)),
            )
        return known

    def _ranges_of(self, row: int) -> list[ranges.Range]:
        """The ranges clause `row` sets a count in (range_boost), on demand like `_states_amount`."""
        known = self._ranges.get(row)
        if known is None:
            known = self._ranges[row] = ranges.ranges(self.store.chunks[row].text)
        return known

    def _states(self, row: int, amount: int) -> bool:
        """Does clause `row` state the kind of number `_wanted_amount` returned?"""
        # A date in a preamble is the document's or a cited one's ("kèm theo Quyết định số 05
        # ngày 02/01/2025"), not a time a clause sets.
        # Likewise a name in a signature or a header is its signer's, not who holds the role asked.
        return (amount not in (2, 7) or self.store.chunks[row].kind == "clause") and self._states_amount(row)[amount]

    @cached_property
    def _is_definition(self) -> np.ndarray:
        return np.array([any(_DEFINITIONS in fold(h) for h in c.context) for c in self.store.chunks], dtype=bool)

    @cached_property
    def _article_key(self) -> list[tuple[str, str] | None]:
        """(document, "Điều N") of every clause of a law; None outside articles."""
        out: list[tuple[str, str] | None] = []
        for c in self.store.chunks:
            art = next((p for p in reversed(c.path) if p.startswith("Điều ")), None)
            out.append((c.doc_id, art) if art else None)
        return out

    @cached_property
    def _idf(self) -> dict[str, float]:
        return abstain.idf_from_frequencies(self.store.token_document_frequencies(), len(self.store.chunks))

    def _everyday_for_index(self) -> Everyday:
        """The shipped (or set) everyday table as it applies to this index (`everyday_here`),
        made once per table."""
        table = self.everyday if self.everyday is not None else load_everyday()
        if self._everyday_here is None or self._everyday_here[0] is not table:
            self._everyday_here = (table, self.everyday_here(table))
        return self._everyday_here[1]

    def everyday_here(self, table: Everyday) -> Everyday:
        """The pairs of `table` whose everyday phrase this index's documents do not use
        themselves: where an agreement says "Công ty" or "tăng ca", a question's "công ty" is its
        word, not a worker's for "người sử dụng lao động". Looked for as written (accented, whole
        words): "tăng cả" is not "tăng ca"."""
        if not table.pairs:
            return table
        written = self._written_text
        kept = [(a, b) for a, b in table.pairs if not re.search(rf"(?<!\w){re.escape(a)}(?!\w)", written)]
        return table if len(kept) == len(table.pairs) else Everyday.from_pairs(kept)

    @cached_property
    def _written_text(self) -> str:
        return "\n".join(normalize_text(c.text).lower() for c in self.store.chunks)

    @cached_property
    def _z_rows(self) -> np.ndarray:
        return abstain.sample_rows(len(self.store.chunks))

    def _indexed(self, row: int) -> str:
        chunk = self.store.chunks[row]
        return indexed_text(chunk, self.store.documents[chunk.doc_id].meta)

    def _allowed(self, filters: Filters | None) -> np.ndarray | None:
        if filters is None or filters.empty:
            return None
        ok = {d for d, doc in self.store.documents.items() if filters.allows(doc)}
        return np.array([i for i, c in enumerate(self.store.chunks) if c.doc_id in ok], dtype=np.int64)

    def search(self, question: str, top_k: int = 5, filters: Filters | None = None) -> SearchResult:
        """Raises QueryError (Vietnamese message) for a question that cannot be searched."""
        allowed = self._allowed(filters)
        if allowed is not None and len(allowed) == 0:
            analysis = analyze(question, restorer=self.restorer)
            return SearchResult(analysis.question, False, [], analysis, ["Không có văn bản nào khớp bộ lọc."])
        cands = self.retrieve(question, allowed)
        ranked, fused = self.rank(cands)
        # A named place stays first: the reranker orders passages by meaning, the place was asked for.
        if self.reranker is not None and ranked and not (cands.resolution and cands.resolution.found):
            head = ranked[: self.config.rerank_top]
            query = cands.analysis.shown_as or cands.analysis.question
            rerank_scores = self.reranker.score(query, [self._indexed(r) for r in head])
            order = sorted(range(len(head)), key=lambda i: -rerank_scores[i])
            ranked = [head[i] for i in order] + ranked[self.config.rerank_top :]
        # The scores shown fall down the list: where a named place is read in document order, the
        # articles take turns or a reranker reorders, a hit shows no more than the one above it.
        shown = list(itertools.accumulate((fused[r] for r in ranked[:top_k]), min))
        hits = [
            Hit(
                chunk=self.store.chunks[r],
                document=self.store.documents[self.store.chunks[r].doc_id],
                score=score,
                dense=cands.dense.get(r),
                lexical=cands.lexical.get(r),
                coverage=self._coverage(cands.query_tokens, r),
            )
            for r, score in zip(ranked[:top_k], shown, strict=True)
        ]
        found = bool(ranked) and self.config.abstain.decide(self.abstain_features(cands, ranked))
        # Echo the question as typed (punctuation included); only the search used the canonical form.
        return SearchResult(validate_question(question), found, hits, cands.analysis, self._reference_notes(cands, filters))

    # --- the three stages ---------------------------------------------------------------------

    def retrieve(self, question: str, allowed: np.ndarray | None = None) -> Candidates:
        """Dense candidates of every query variant and BM25 scores; no ranking constant used."""
        analysis = analyze(question, restorer=self.restorer, everyday=self._everyday_for_index())
        n = self.config.candidates
        dense: dict[int, float] = {}
        vectors = self.embedder.embed_queries(analysis.dense_queries)
        z = gap = lift = 0.0
        spread: list[tuple[float, float]] = []  # (mean, sd) of each variant's cosines with the index
        rows_for_z = self._z_rows if allowed is None else allowed[abstain.sample_rows(len(allowed))]
        for vector in vectors:
            scores, rows = self.store.backend.dense_search(vector, n, allowed)
            for sc, r in zip(scores, rows, strict=True):
                dense[int(r)] = max(dense.get(int(r), -1.0), float(sc))
            if len(scores):
                sample = self.store.vectors[rows_for_z] @ np.asarray(vector, dtype=np.float32).reshape(-1)
                spread.append((float(sample.mean()), float(sample.std()) or 1.0))
                z = max(z, abstain.dense_z(float(scores[0]), sample))
                gap = max(gap, abstain.dense_gap(np.asarray(scores, dtype=np.float32), sample))
                lift = max(lift, abstain.dense_lift(float(scores[0]), sample))
        rows = np.fromiter(dense, dtype=np.int64, count=len(dense))
        exact = self.store.vectors[rows] @ np.asarray(vectors, dtype=np.float32).T if len(rows) else np.zeros((0, len(vectors)))
        variant_dense = tuple(
            {int(r): float(exact[i, j]) for i, r in enumerate(rows)} for j in range(exact.shape[1])
        )
        about_part = _wanted_kind(analysis) is not None
        forms = self._name_forms(analysis)
        found, other, editions, by_name = self._document_names.scan(forms, about_part=about_part)
        named = frozenset(found)
        resolution = self._resolve_references(analysis, named, other, allowed)
        # Named by a kind alone ("thỏa ước lao động tập thể vô hiệu khi nào?" with one agreement
        # loaded beside the Code), a document comes first only for a part of it, or a place it
        # has ("Theo Điều 86, thỏa ước … vô hiệu khi nào?" is the Code's Điều 86, not the agreement).
        first = named if by_name or about_part or (resolution is not None and resolution.found) else frozenset()
        # Another edition of a document held ("Điều 11 Luật Công đoàn 2012" with the 2024 law
        # loaded): the note says so, and the edition held is the closest text, before the others.
        # Not when another document is named, even by its kind alone: which of the two the answer
        # is in, the search says.
        if not named and editions and not self._document_names.names_a_kind_besides(forms, editions):
            first = frozenset(editions)
        query_lexical = self.store.tokenizer.tokens(analysis.lexical_query, query=True)
        lex_all = self.store.backend.lexical_scores(query_lexical, allowed)
        top_lex = np.argsort(-lex_all)[:n]
        lexical = {int(r): float(lex_all[r]) for r in top_lex if lex_all[r] > 0}
        return Candidates(
            analysis,
            dense,
            lexical,
            self._content_tokens(analysis),
            z,
            gap,
            lift,
            allowed,
            variant_dense,
            tuple(spread),
            resolution,
            named,
            tuple(sorted(editions.items())),
            other,
            frozenset(self._document_names.other_years(forms)),
            first,
            bool(named) and self._names_only(analysis, named),
        )

    def _names_only(self, analysis: QueryAnalysis, named: frozenset[str]) -> bool:
        """Whether the question, beside asking for a date, only names these documents: every
        other word is a word of their names ("Công văn 142 ngày nào?", "Kế hoạch 48 ra ngày nào?";
        not "Kế hoạch 48 hoàn thành trước ngày nào?", which asks what the plan says)."""
        if analysis.language == "en" or not _ABOUT_DATE.search(_asked(analysis)):
            return False
        own = {w for d in named for key in self._document_names.own_words.get(d, ()) for w in re.findall(r"\w+", key)}
        words = set(re.findall(r"\w+", fold(analysis.question.lower())))
        return not (words - own - _DATE_ASKED)

    def rank(self, cands: Candidates, config: SearchConfig | None = None) -> tuple[list[int], dict[int, float]]:
        """Fusion, then the priors; best-first rows and their scores."""
        cfg = config or self.config
        fused = fuse(cfg.fusion, cands.dense_scores(cfg), cands.lexical, cfg.dense_weight, cfg.rrf_k)
        fused = self._priors(fused, cands, cfg)
        ranked = sorted(fused, key=lambda r: -fused[r])
        if cfg.per_article > 0:
            ranked = self._spread_articles(ranked, cfg.per_article, fused, cfg.sibling_lead)
        if cfg.header_after_content:
            ranked = self._content_before_header(ranked, cands)
        if cfg.named_documents_first:
            ranked = self._documents_first(ranked, cands)
        if cfg.named_part_first:
            ranked, fused = self._named_part_first(ranked, fused, cands)
        if cfg.meeting_role_first:
            ranked, fused = self._meeting_role_first(ranked, fused, cands)
        if cands.resolution is not None and cands.resolution.found:
            ranked, fused = self._named_first(ranked, fused, cands.resolution, cfg.per_article)
        return ranked, fused

    def _content_before_header(self, ranked: list[int], cands: Candidates) -> list[int]:
        """A header block ranked first for a question about content goes behind the first row
        of content ("How many days of annual leave does a construction worker get?" is not
        answered by "QUY ĐỊNH / Về làm việc trong thời tiết nắng nóng", nor by a signature)."""
        if not ranked or not self._is_header[ranked[0]] or cands.wanted_kind:
            return ranked
        # (Nor one for what only a header says, "kính gửi ai", "số hiệu", "về việc gì", "căn cứ văn
        # bản nào", or for the kind of number it holds, a petitioner's "Số điện thoại: 0387 215 649".)
        analysis = cands.analysis
        if _ABOUT_HEADER.search(_asked(analysis)):
            return ranked
        amount = _wanted_amount(analysis, None)
        # (`_states_amount`, not `_states`: a header's date is the document's own, what "ngày nào"
        # asks of it.)
        if amount in _SPECIFIC_ANSWERS and self._states_amount(ranked[0])[amount]:
            return ranked
        chunks = self.store.chunks
        first = next((k for k, r in enumerate(ranked) if not self._is_header[r] and chunks[r].kind in CONTENT_KINDS), None)
        if first is None:
            return ranked
        return [ranked[first], *ranked[:first], *ranked[first + 1 :]]

    @cached_property
    def _is_header(self) -> list[bool]:
        return [c.kind == "preamble" and c.path == (HEADER_LABEL,) for c in self.store.chunks]

    @staticmethod
    def _put_first(
        first: list[int], ranked: list[int], fused: dict[int, float]
    ) -> tuple[list[int], dict[int, float]]:
        """`first` in its order before the rest of `ranked`, each above every other row's score."""
        top = max(fused.values(), default=0.0)
        fused = dict(fused)
        for row in first:
            fused[row] = top + max(fused.get(row, 0.0), 0.0)
        chosen = set(first)
        return first + [r for r in ranked if r not in chosen], fused

    @staticmethod
    def _allowed_rows(rows: list[int], cands: Candidates) -> list[int]:
        """`rows` the question's filters leave in."""
        if cands.allowed is None:
            return rows
        kept = set(cands.allowed.tolist())
        return [r for r in rows if r in kept]

    @cached_property
    def _closing_parts(self) -> dict[tuple[str, str], list[int]]:
        """Each document's signature and recipients rows, by (document, kind)."""
        out: dict[tuple[str, str], list[int]] = {}
        for row, chunk in enumerate(self.store.chunks):
            if chunk.kind in ("signature", "recipients"):
                out.setdefault((chunk.doc_id, chunk.kind), []).append(row)
        return out

    def _named_part_first(
        self, ranked: list[int], fused: dict[int, float], cands: Candidates
    ) -> tuple[list[int], dict[int, float]]:
        """"Who signed the election rules?", "Ai đứng ra ký thỏa ước?": the question names one
        document and asks for its signature (or recipients), which is the answer whatever the
        clauses of the rules say about elections and signing; it comes first even when the
        search did not find it (its words are a title and a name)."""
        if len(cands.named_documents) != 1:
            return ranked, fused
        wanted = _wanted_kind(cands.analysis, True, cands.names_only)
        asked = _asked(cands.analysis)
        if wanted not in ("signature", "recipients") or not (_ASKS_SIGNER if wanted == "signature" else _ASKS_RECIPIENTS).search(asked):
            # (Asked outright: "Ký xong thỏa ước thì gửi về liên đoàn huyện trong mấy ngày?" names
            # the agreement and says "gửi về", and asks what it says.)
            return ranked, fused
        if _ACCORDING_TO.search(asked):
            return ranked, fused  # "Theo quy chế bầu cử, ai ký biên bản kiểm phiếu?" asks what it says
        (doc,) = cands.named_documents
        rows = self._closing_parts.get((doc, wanted), [])
        if wanted == "recipients":
            # Recipients "Như trên": the header's "Kính gửi: …" says to whom, then the list.
            rows = [*(r for r in sorted(self._addressed_above) if self.store.chunks[r].doc_id == doc), *rows]
        rows = self._allowed_rows(rows, cands)
        return self._put_first(rows, ranked, fused) if rows else (ranked, fused)

    @cached_property
    def _meeting_roles(self) -> dict[str, list[int]]:
        """The lines of minutes naming those present that name the meeting's chair or secretary, by
        role: "1. Chủ trì: đồng chí Võ Minh Tuấn …", "Thư ký cuộc họp: Bà …", "… - chủ trì cuộc họp;",
        "Ông … (chủ trì)". Not a conclusion's "Chủ trì: Phòng Kỹ thuật" (who leads a task)."""
        out: dict[str, list[int]] = {}
        for row, chunk in enumerate(self.store.chunks):
            if chunk.kind != "clause" or self.store.documents[chunk.doc_id].meta.doc_type != "BIÊN BẢN":
                continue
            if not (chunk.path and PRESENT_SECTION.search(fold(chunk.path[0]).lower())):
                continue
            text = fold(chunk.text).lower()
            for role, words in _MEETING_ROLES.items():
                if re.match(rf"(?:\d+\.\s*)?(?:{words})\b[^:\n]{{0,30}}:", text) or re.search(
                    rf"(?:[(\-–,;]\s*)(?:{words})(?: (?:cuoc hop|hoi nghi|phien hop))?\b", text
                ):
                    out.setdefault(role, []).append(row)
        return out

    def _meeting_role_first(
        self, ranked: list[int], fused: dict[int, float], cands: Candidates
    ) -> tuple[list[int], dict[int, float]]:
        """"Ai chủ trì cuộc họp xét duyệt hồ sơ ngày 17/11?": the minutes' line naming the chair
        answers, though the question's other words describe the whole meeting and find its
        report or its conclusions ("Chủ trì cuộc họp kết luận: …" over every conclusion) first.
        The meeting asked about is the minutes the search ranks first (a document the question
        names, if it names one); its line comes first, no other meeting's."""
        m = _ASKS_MEETING_ROLE.search(_asked(cands.analysis))
        if not m:
            return ranked, fused
        said = next(g for g in m.groups() if g)
        role = next(r for r, words in _MEETING_ROLES.items() if re.fullmatch(words, _ROLE_OF.get(said, said)))
        documents = self.store.documents
        minutes = next(
            (self.store.chunks[r].doc_id for r in ranked if documents[self.store.chunks[r].doc_id].meta.doc_type == "BIÊN BẢN"),
            None,
        )
        rows = self._allowed_rows([r for r in self._meeting_roles.get(role, []) if self.store.chunks[r].doc_id == minutes], cands)
        if not rows:
            return ranked, fused
        return self._put_first(sorted(rows, key=lambda r: -fused.get(r, 0.0)), ranked, fused)

    def _documents_first(self, ranked: list[int], cands: Candidates) -> list[int]:
        """The clauses of a document the question names come before the others, and those of an
        edition its year rules out after them, each in the order found: "Kế hoạch 09 tặng bao
        nhiêu suất quà?" with the plans 09 and 15 of two years loaded finds both plans' look-alike
        clauses, and nothing in their meaning tells the number asked for."""
        named, later = cands.first_documents, cands.other_years
        if not named and not later:
            return ranked
        chunks = self.store.chunks
        # Another document's clause that names it is about it too: "hội nghị quán triệt Nghị quyết
        # 15 tổ chức tháng mấy?" is answered by the ward's plan for that conference, not by the
        # resolution, whose clauses would otherwise all come first. Not where the question reads
        # the answer in it ("Theo Bộ luật Lao động thì …", with a letter quoting the Code loaded).
        # Looked for among the best clauses only.
        citing = {
            r for r in ranked[:_CITING_LOOKED_AT] if chunks[r].doc_id not in named and named & self._documents_named_in(r)
        }
        if citing and self._document_names.named_as_source(self._name_forms(cands.analysis), named):
            citing = set()

        def place(row: int) -> int:
            doc = chunks[row].doc_id
            return 0 if doc in named or row in citing else 2 if doc in later else 1

        return sorted(ranked, key=place)

    def _named_first(
        self, ranked: list[int], fused: dict[int, float], resolution: references.Resolution, per_article: int
    ) -> tuple[list[int], dict[int, float]]:
        """The clauses of the place the question names come first: those the search found in its
        order, then the rest of the place in document order; above every other clause's score.
        A question that is nothing but the place ("Điều 113 BLLĐ") reads it in document order:
        the search has nothing to order its clauses by."""
        named = set(resolution.rows)
        in_order = resolution.bare
        if in_order:
            first = sorted(named)
        else:
            first = sorted(named, key=lambda r: (r not in fused, -fused.get(r, 0.0), r))
        # Several documents' "Điều 113" take turns, so that each shows its first clauses.
        if per_article > 0 and (not in_order or len({self.store.chunks[r].doc_id for r in first}) > 1):
            first = self._spread_articles(first, per_article)
        return self._put_first(first, ranked, fused)

    @staticmethod
    def _name_forms(analysis: QueryAnalysis) -> list[str]:
        """The forms of a question a document's name is looked for in: as typed, with diacritics
        restored, translated, and each with abbreviations spelled out."""
        typed = [f for f in (analysis.question, analysis.restored, analysis.translated) if f]
        spelled = map(load_abbreviations().spell_out, typed)
        return typed + [s for s, f in zip(spelled, typed, strict=True) if s != f]

    def _resolve_references(
        self, analysis: QueryAnalysis, named: frozenset[str], other: bool, allowed: np.ndarray | None
    ) -> references.Resolution | None:
        """What the place the question names designates here; None when it names none, names a
        document this index does not hold, or one the filters leave out."""
        refs = references.parse(analysis.question)
        if not refs or other:
            return None
        per_ref = [references.resolve((ref,), self._places, set(named)) for ref in refs]
        rows = sorted({r for found in per_ref for r in found})
        if allowed is not None:
            kept = set(allowed.tolist())
            if rows and not kept & set(rows):
                return None  # the place exists, in documents the filters leave out
            rows = [r for r in rows if r in kept]
        # A place numbered in a way documents differ on ("Mục 2", "3.3") that designates nothing
        # says nothing: only the others can make the question unanswerable.
        missing = tuple(ref for ref, found in zip(refs, per_ref, strict=True) if not found and not ref.vague)
        if not rows and not missing:
            return None
        # "Điều 2 quy chế chi tiêu nội bộ": the regulation a decision issues, named by its title,
        # is where the place is, not the other documents' Điều 2.
        title_words: frozenset[str] = frozenset()
        if not named and len({self.store.chunks[r].doc_id for r in rows}) > 1:
            part = self._attached_part_named(analysis, rows)
            if part is not None:
                rows = [r for r in rows if (self.store.chunks[r].doc_id, self.store.chunks[r].path[0]) == part]
                named = frozenset({part[0]})
                title_words = frozenset(_title_words(part[1]))
        # Only a place that exists is read in order (_named_first).
        # "What does Article 37 of the Labour Code say?": the glossary leaves "say" untranslated,
        # and it only asks to read the place.
        asking = set(analysis.untranslated) <= _ENGLISH_ASKING_TO_READ
        english = analysis.translated if analysis.translated and asking else None
        bare = bool(rows) and references.names_only_places(analysis.question, self._document_names, english, title_words)
        return references.Resolution(refs, tuple(sorted(named)), tuple(rows), missing, bare)

    def _attached_part_named(self, analysis: QueryAnalysis, rows: list[int]) -> tuple[str, str] | None:
        """The one text issued with a document (its path's first part, "Quy chế chi tiêu nội bộ")
        among `rows` whose title's first words the question says (its kind and two more words, its
        kind alone when that is no verb); else None."""
        asked = " | ".join(" ".join(_title_words(f)) for f in self._name_forms(analysis))
        asked = f" {asked} "
        found = set()
        for r in rows:
            chunk = self.store.chunks[r]
            title = references.issued_title(chunk)
            if title is None:
                continue
            words = _title_words(title.rstrip("…"))[:4]
            # "Điều 2 quy chế" names the regulation; "Điều 3 quy định về nguyên tắc gì" asks what
            # Điều 3 says, whatever the "Quy định về …" issued with a decision is called.
            least = 2 if " ".join(words[:2]) in _NOUN_KINDS else 4
            if len(words) >= least and any(f" {' '.join(words[:n])} " in asked for n in range(least, len(words) + 1)):
                found.add((chunk.doc_id, title))
        return found.pop() if len(found) == 1 else None

    @cached_property
    def _places(self) -> references.Places:
        return references.Places.of(self.store.chunks)

    @cached_property
    def _document_names(self) -> references.DocumentNames:
        issued = {title.rstrip("…") for c in self.store.chunks if (title := references.issued_title(c))}
        return references.DocumentNames.of({d: doc.meta for d, doc in self.store.documents.items()}, issued)

    def _reference_notes(self, cands: Candidates, filters: Filters | None) -> list[str]:
        """Say so when a place the question names does not exist ("Điều 400 Bộ luật Lao động"),
        is in a document that is not loaded ("Điều 107 Luật Đất đai"), or when it names another edition of a document the index holds ("Bộ luật Lao động 2012"
        of an index with the 2019 Code: what follows is the closest text of the documents held)."""
        searched = "các văn bản đang chọn" if filters is not None and not filters.empty else "các văn bản đã nạp"
        notes = [
            f"Các văn bản đã nạp có {self.store.documents[d].meta.short_name()}, không có bản năm {year}; "
            f"kết quả dưới đây lấy từ {searched}."
            for d, year in cands.other_editions
        ]
        # A place in a document that is not loaded: the closest text of the others follows, not
        # that place. (Without a place, "theo Nghị quyết 20 …" is answered by the plans that carry
        # it out: no note.)
        if cands.other_document and not cands.other_editions and references.parse(cands.analysis.question):
            notes.append(f"Văn bản mà câu hỏi nêu không có trong {searched}; kết quả dưới đây lấy từ {searched}.")
        resolution = cands.resolution
        if resolution is not None and resolution.found and not resolution.documents:
            # "Điều 11" asked of an index where a regulation and an agreement both have one: say
            # whose they are, and how to ask for one.
            holders = sorted({self.store.chunks[r].doc_id for r in resolution.rows})
            if len(holders) > 1:
                places = ", ".join(ref.label for ref in resolution.references)
                names = "; ".join(self.store.documents[d].meta.short_name() for d in holders)
                notes.append(f"{places} có trong {len(holders)} văn bản ({names}); nêu tên văn bản để chỉ hỏi một văn bản.")
        if resolution is None or not resolution.missing:
            return notes
        places = ", ".join(ref.label for ref in resolution.missing)
        if resolution.documents:
            # Of an excerpt, what is not there may be in the full text: said so.
            where = "; ".join(
                self.store.documents[d].meta.short_name() + (" (bản đã nạp là bản trích)" if d in self._excerpts else "")
                for d in resolution.documents
            )
        else:
            where = searched
        return [*notes, f"Không tìm thấy {places} trong {where}."]

    @cached_property
    def _excerpts(self) -> frozenset[str]:
        """The documents loaded as an excerpt: their header says so ("(Trích Chương III …)",
        "Luật Công đoàn (trích)")."""
        # (Or its copy's closing note, a chunk of its own: "(Trích từ Điều lệ …; … sao gửi …)".)
        return frozenset(
            c.doc_id
            for c in self.store.chunks
            if len(c.path) == 1 and (c.kind == "preamble" or c.text.startswith("(")) and _EXCERPT.search(c.text)
        ) | frozenset(d for d, doc in self.store.documents.items() if _EXCERPT.search(doc.meta.name or ""))

    def _spread_articles(
        self, ranked: list[int], per_article: int, scores: dict[int, float] | None = None, lead: float = 0.0
    ) -> list[int]:
        """At most `per_article` clauses of one law article in a row: the next waits until a
        clause of another article has its place, then comes before anything ranked below it
        (nothing is dropped). Three khoản of a neighbouring Điều no longer fill the first places,
        and the first article's other khoản still come right after: holding them behind every
        other article put the answering khoản of a short agreement at rank 49. A clause scoring
        `lead` times the one of another article that would pass it (`scores`; lead 0: never) is
        not held back."""
        keys = self._article_key
        out: list[int] = []
        remaining = list(ranked)  # waiting clauses stay ahead of everything ranked below them
        last, run = None, 0
        while remaining:
            pick = 0
            row = remaining[0]
            if keys[row] is not None and keys[row] == last and run >= per_article:
                other = next((i for i, r in enumerate(remaining) if keys[r] is None or keys[r] != last), None)
                if other is not None and not self._leads(row, remaining[other], scores, lead):
                    pick = other
            row = remaining.pop(pick)
            key = keys[row]
            run = run + 1 if key is not None and key == last else 1
            last = key
            out.append(row)
        return out

    @staticmethod
    def _leads(row: int, other: int, scores: dict[int, float] | None, lead: float) -> bool:
        if not lead or scores is None or row not in scores or other not in scores:
            return False
        if scores[other] <= 0:
            return scores[row] > scores[other]
        return scores[row] >= lead * scores[other]

    def abstain_features(self, cands: Candidates, ranked: list[int], config: SearchConfig | None = None) -> dict[str, float]:
        cfg = config or self.config
        feats = abstain.coverage_features(
            cands.query_tokens,
            [self._chunk_tokens(r) for r in ranked[:3]],
            self._idf,
            len(self.store.chunks),
            cfg.abstain.full_cover_bigrams,
        )
        # A clause holding every translated term does not hold an English question whose other
        # words the glossary could not translate ("weather forecast … weekend" → only "ngày nghỉ
        # hằng tuần" was searched for): the scores decide.
        if cands.analysis.untranslated:
            feats["top1_full_cover"] = 0.0
        feats["dense_z"] = cands.dense_z
        feats["dense_gap"] = cands.dense_gap
        feats["dense_lift"] = cands.dense_lift
        feats["best_cosine"] = max(cands.dense.values(), default=0.0)
        # Both retrievers put the first clause first: answered questions' clauses mostly are, near-topic
        # questions the documents do not answer pull them apart (index.abstain, agreement_bonus).
        feats["agreement"] = float(bool(ranked) and agrees(ranked[0], cands.dense, cands.lexical))
        feats["calibration"] = self.store.calibration
        feats["offtopic"] = self.store.offtopic
        resolution = cands.resolution
        feats["reference"] = 0.0 if resolution is None else 1.0 if resolution.found else -1.0
        # "Ai ký Kế hoạch 48?": the question names a document of the index and a part of it (its
        # signature, recipients, header), and that part of that document comes first.
        first = self.store.chunks[ranked[0]] if ranked else None
        wanted_kind = cands.wanted_kind
        feats["named_part"] = float(first is not None and first.doc_id in cands.named_documents and first.kind == wanted_kind)
        # The question asks for a percentage, a date, a sum, a length of time, how often or a phone,
        # account or email number, and the first clause states none. (Not "any amount": "tối đa", "tối thiểu", "bao nhiêu" also ask
        # which or whether, and clauses answering them often hold no number.)
        amount = _wanted_amount(cands.analysis, wanted_kind)
        # Or it asks about a year the first clause, its headings and its document do not name
        # ("Năm 2024 … bao nhiêu đoàn viên mới?" answered with the 2025 target).
        years = abstain.asked_years(cands.analysis.restored or cands.analysis.question)
        feats["type_missing"] = float(
            first is not None
            and (
                (amount in _SPECIFIC_ANSWERS and (amount != 7 or _asks_a_name(cands.analysis)) and not self._states(ranked[0], amount))
                or (bool(years) and abstain.year_missing(years, self._dated_text(ranked[0]), self._in_force_since(ranked[0])))
            )
        )
        return feats

    def _in_force_since(self, row: int) -> int | None:
        """The year from which the rule clause `row` belongs to holds (a law, a code, a decree, a
        charter, an agreement, a regulation: its date's year, or always when it has none); None
        for a plan, a report, a letter: texts about their own year."""
        meta = self.store.documents[self.store.chunks[row].doc_id].meta
        if not (meta.doc_type or "").startswith(_STANDING_RULES):
            return None
        return meta.year or 0

    def _dated_text(self, row: int) -> str:
        """A clause with what dates it: its headings and its document's name, title and date."""
        chunk = self.store.chunks[row]
        meta = self.store.documents[chunk.doc_id].meta
        return " ".join(filter(None, [chunk.text, *chunk.context, *chunk.path, meta.name, meta.title, meta.number, meta.date]))

    def _priors(self, fused: dict[int, float], cands: Candidates, cfg: SearchConfig) -> dict[int, float]:
        if not fused:
            return fused
        analysis = cands.analysis
        top = max(fused.values())
        q = _question_and_translation(analysis)
        wanted_kind = cands.wanted_kind
        responsibility = wanted_kind is None and bool(_RESPONSIBILITY.search(q)) and not _CHOSEN.search(q)
        wanted_amount = _wanted_amount(analysis, wanted_kind) if cfg.answer_type_boost else None
        counted = ranges.counts(analysis.translated or analysis.restored or analysis.question) if cfg.range_boost else []
        qt = cands.query_tokens
        missing = abstain.unseen_idf(len(self.store.chunks))
        total_idf = sum(self._idf.get(t, missing) for t in qt) or 1.0
        out = {}
        for row, score in fused.items():
            chunk = self.store.chunks[row]
            if (chunk.kind == wanted_kind and (wanted_kind != "preamble" or row in self._issue_parts)) or (
                wanted_kind == "recipients" and row in self._addressed_above
            ):
                score += cfg.kind_boost * top
            elif chunk.kind not in CONTENT_KINDS:
                score *= cfg.closing_penalty
            if responsibility and any(_IMPLEMENTATION in fold(p) for p in chunk.path):
                score += cfg.responsibility_boost * top
            if qt and (cfg.heading_boost or cfg.coverage_boost):
                if cfg.heading_boost:
                    score += cfg.heading_boost * top * len(qt & self._heading_tokens[row]) / len(qt)
                if cfg.coverage_boost:
                    covered = sum(self._idf.get(t, missing) for t in qt & self._chunk_tokens(row))
                    score += cfg.coverage_boost * top * covered / total_idf
            if wanted_amount is not None and self._states(row, wanted_amount):
                score += cfg.answer_type_boost * top
            if counted and ranges.placed(counted, self._ranges_of(row)):
                score += cfg.range_boost * top
            if cfg.document_boost and chunk.doc_id in cands.named_documents:
                score += cfg.document_boost * top
            if cfg.definition_penalty != 1.0 and self._is_definition[row]:
                score *= cfg.definition_penalty
            out[row] = score
        if cfg.article_weight:
            out = self._reinforce_articles(out, cfg.article_weight)
        return out

    def _reinforce_articles(self, scores: dict[int, float], weight: float) -> dict[int, float]:
        """Each clause gains weight × (the best other clause of its article among the candidates):
        an article whose several khoản match outranks a neighbour with one lucky clause."""
        best: dict[tuple[str, str], list[float]] = {}
        for row, sc in scores.items():
            key = self._article_key[row]
            if key is not None:
                best.setdefault(key, []).append(sc)
        for group in best.values():
            group.sort(reverse=True)
        out = {}
        for row, sc in scores.items():
            key = self._article_key[row]
            group = best[key] if key is not None else []
            other = (group[1] if len(group) > 1 else 0.0) if group and group[0] == sc else (group[0] if group else 0.0)
            out[row] = sc + weight * other
        return out

    def _content_tokens(self, analysis: QueryAnalysis) -> set[str]:
        tok = self.store.tokenizer
        text = analysis.translated or analysis.restored or analysis.question
        return set(tok.tokens(text, query=True))

    def _coverage(self, query_tokens: set[str], row: int) -> float:
        bigrams = {t for t in query_tokens if "_" in t}
        if not bigrams:
            return 0.0
        return len(bigrams & self._chunk_tokens(row)) / len(bigrams)
