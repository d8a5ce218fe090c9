"""An answer read at a glance, built from a SearchResult without any UI: the parts of one split
clause joined back into one clause, an honest match label per clause (from the search's own
answer_found and calibrated confidence), the sentence that answers, and a short extracted answer
(a number, a date, a name) where the clause states one.

Everything here is a rule over the clause text; none of it changes the ranking."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.search import Hit, SearchConfig, SearchResult
from index.store import IndexStore
from ingest.document import Chunk, Document, citation, shown_text
from ingest.normalize import fold

BEST = "Phù hợp nhất"
GOOD = "Phù hợp"
MAYBE = "Có thể liên quan"


@dataclass(frozen=True)
class Answer:
    """One clause of a result: every part of it (a long clause is indexed in parts), the hit that
    found it, and how well it matches."""

    hit: Hit  # the best-ranked hit among the clause's parts
    chunks: tuple[Chunk, ...]  # all parts of the clause, in document order
    label: str

    @property
    def document(self) -> Document:
        return self.hit.document

    @property
    def text(self) -> str:
        # A point is shown under the line that introduces it (ingest.document.shown_text).
        return "\n".join([shown_text(self.chunks[0]), *(c.text for c in self.chunks[1:])])

    @property
    def citation(self) -> str:
        # The part that answered ("› 1. › gạch đầu dòng thứ 7"), though the whole clause is shown.
        return citation(self.document.meta, self.hit.chunk)


def hit_confidence(hit: Hit, config: SearchConfig) -> float:
    """The cosine rule of the search's abstention (index/abstain.py), for this hit alone."""
    return (hit.dense or 0.0) + config.abstain.cosine_coverage_weight * hit.coverage


def label_for(
    rank: int,
    hit: Hit,
    result: SearchResult,
    config: SearchConfig,
    calibration: float | None = None,
    offtopic: float | None = None,
) -> str:
    """'Phù hợp nhất' only for the first clause of an answered question; 'Phù hợp' for a clause
    that alone passes the search's calibrated threshold; everything else 'Có thể liên quan'."""
    if not result.answer_found:
        return MAYBE
    if rank == 0:
        return BEST
    return GOOD if hit_confidence(hit, config) >= config.abstain.cosine_threshold(calibration, offtopic) else MAYBE


def _clause_parts(store: IndexStore, chunk: Chunk) -> tuple[Chunk, ...]:
    if chunk.parts <= 1:
        return (chunk,)
    parts = [
        c for c in store.doc_chunks(chunk.doc_id) if c.path == chunk.path and c.parts == chunk.parts
    ]
    return tuple(sorted(parts, key=lambda c: c.order)) or (chunk,)


def group_answers(result: SearchResult, store: IndexStore, config: SearchConfig) -> list[Answer]:
    """Hits in rank order, the parts of one split clause shown once (at the rank of its best part)."""
    answers: list[Answer] = []
    seen: set[tuple[str, tuple[str, ...]] | str] = set()
    # Lead-ins already shown above a point or khoản listed earlier ("1. Người lao động có các quyền
    # sau đây:"): the lead-in's own clause further down would show the same lines again.
    shown_leads: set[tuple[str, str]] = set()
    for hit in result.hits:
        chunk = hit.chunk
        key = (chunk.doc_id, chunk.path) if chunk.parts > 1 else chunk.chunk_id
        if key in seen or (chunk.doc_id, _flat(chunk.text)) in shown_leads:
            continue
        seen.add(key)
        if shown_text(chunk) != chunk.text:
            shown_leads.add((chunk.doc_id, _flat(chunk.context[-1])))
        label = label_for(len(answers), hit, result, config, store.calibration, store.offtopic)
        answers.append(Answer(hit, _clause_parts(store, chunk), label))
    return answers


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- the sentence that answers ------------------------------------------------------------------

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+|\n+")


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text).lower()) if len(w) > 1 or w.isdigit()}


_LABEL_ONLY = re.compile(r"^(?:[\dIVXLC]+(?:\.\d+)*\.|[a-zđ]\)|\(\d+\))$")


def split_sentences(text: str) -> list[str]:
    """Sentences and lines of a clause, in order, whitespace-trimmed, empty pieces dropped; a
    clause number ("5.", "2.5.", "III.") stays with the sentence it opens."""
    out: list[str] = []
    carry = ""
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if _LABEL_ONLY.match(piece):
            carry = f"{carry} {piece}".strip()
            continue
        out.append(f"{carry} {piece}".strip() if carry else piece)
        carry = ""
    if carry:
        out.append(carry)
    return out


def sentence_scores(text: str, question: str) -> list[int]:
    """Words each sentence of split_sentences(text) shares with the question."""
    q = _words(question)
    return [len(q & _words(s)) for s in split_sentences(text)]


def best_sentences(text: str, question: str) -> set[int]:
    """Indices (into split_sentences(text)) of the sentence(s) sharing the most words with the question."""
    q = _words(question)
    if not q:
        return set()
    scores = sentence_scores(text, question)
    top = max(scores, default=0)
    if top < 2 and len(q) > 2:  # one shared word is noise, not a match
        return set()
    return {i for i, s in enumerate(scores) if s == top and s > 0}


# --- a short extracted answer -------------------------------------------------------------------

_ASKS_SIGNER = re.compile(r"\b(ai ky|nguoi ky|ky boi ai|who signed|signer)\b")
_ASKS_NUMBER = re.compile(r"\b(bao nhieu|may|ty le|how many|how much|what percentage)\b")
_ASKS_DATE = re.compile(
    r"\b(ngay nao|khi nao|bao gio|thoi han|han chot|truoc ngay|thang nao|nam nao|luc nao|"
    r"when|deadline|by when|what date)\b"
)
_ASKS_WHO = re.compile(r"\b(ai|ban nao|co quan nao|don vi nao|to chuc nao|cap nao|who|which)\b")

_NUMBER = re.compile(
    r"(?<![\w/.,-])(\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?\s?%|\d+(?:,\d+)?)(?![\w/-])"
    r"((?:\s+(?:trở lên|trở xuống))?(?:\s+[^\W\d]+){0,6})"
)
_PREP = r"(?:(?:trước|sau|từ|đến|trong|vào|chậm nhất)\s+)?"
# Most specific first: a day beats a quarter, a quarter beats "hằng năm".
_DATES = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        _PREP + r"(?:ngày\s+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?",
        _PREP + r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?",
        _PREP + r"quý\s+[IV]+(?:/\d{4}|\s+năm\s+\d{4})?",
        _PREP + r"(?:tháng|năm)\s+\d{1,4}(?:/\d{4})?",
        r"định kỳ\s+\d+\s+tháng(?:\s+và\s+hằng\s+năm)?|(?:hằng|hàng)\s+(?:năm|quý|tháng)",
    )
)
# "4. Ban Tổ chức: Tham mưu …" — the unit named before the colon of a numbered clause.
_LEADING_UNIT = re.compile(r"^\s*(?:[\dIVXLC]+(?:\.\d+)*[.)]\s*|[-+•]\s*)?([^\W\d][^:;.\n]{2,90}?)\s*:")
_GIVEN_TO = re.compile(r"\b[Gg]iao\s+(.{3,90}?)\s+(?:chủ trì|thực hiện|phối hợp|tham mưu|theo dõi)")
_YEAR = re.compile(r"^(19|20)\d\d$")


def _is_person_name(line: str) -> bool:
    """'Trần Thanh Hải': two to six capitalised words, no digits, not an all-caps title line."""
    words = line.split()
    return 2 <= len(words) <= 6 and all(w.isalpha() and w[0].isupper() and w[1:].islower() for w in words)


def _ranked_sentences(text: str, question: str) -> list[str]:
    """Sentences that share at least two words with the question (one when it has only two),
    most shared first: a number or date elsewhere in the clause answers something else."""
    sentences = split_sentences(text)
    scores = sentence_scores(text, question)
    need = 2 if len(_words(question)) > 2 else 1
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    return [sentences[i] for i in order if scores[i] >= need]


def _number_in(sentence: str, question: str) -> str | None:
    asked = set(re.findall(r"\d+", question))
    for m in _NUMBER.finditer(sentence):
        number = m.group(1)
        digits = re.sub(r"\D", "", number)
        if number in asked or digits in asked or (_YEAR.match(digits) and "%" not in number):
            continue
        if m.start() == 0 and sentence[m.end(1) : m.end(1) + 1] in {".", ")"}:
            continue  # the clause's own numbering, "2. …"
        # The counted noun, as far as the question names it: "1.810 đoàn viên", not "… trong năm".
        asked_words = _words(question)
        tail = re.split(r"[,;:()]", m.group(2))[0].split()
        kept = []
        for word in tail:
            if fold(word).lower() not in asked_words and fold(word).lower() not in {"tro", "len", "xuong"}:
                break
            kept.append(word)
        return " ".join([number, *kept])
    return None


def short_answer(text: str, question: str, kind: str = "") -> str | None:
    """A name, number or date that answers the question, taken from the clause; None when the
    question asks for none of these or the clause states none."""
    q = fold(question).lower()
    if kind == "signature" or _ASKS_SIGNER.search(q):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        names = [line for line in lines if _is_person_name(line)]
        return names[-1] if names else None
    sentences = _ranked_sentences(text, question)
    if _ASKS_NUMBER.search(q):
        for sentence in sentences:
            found = _number_in(sentence, question)
            if found:
                return found
        return None
    if _ASKS_DATE.search(q):
        for sentence in sentences:
            for pattern in _DATES:
                m = pattern.search(sentence)
                if m:
                    return m.group(0).strip()
        return None
    if _ASKS_WHO.search(q):
        m = _LEADING_UNIT.match(text)
        if m and m.group(1)[0].isupper():
            return m.group(1).strip()
        for sentence in sentences:
            m = _GIVEN_TO.search(sentence)
            if m:
                return m.group(1).strip()
    return None
