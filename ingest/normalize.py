"""Vietnamese text normalisation shared by ingestion, both indexes and the query side.

Three jobs:
- `normalize_text`: NFC, one tone-mark convention, tidy whitespace. Every text that is indexed or
  compared passes through it, so "hoà" and "hòa", NFD and NFC input, all meet as one string.
- `fold`: the diacritic-free, lowercase form that lexical search matches on, so a question typed
  on a phone without accents ("kinh phi cong doan") meets "kinh phí công đoàn".
- `clean_lines`: removes the noise of the received texts (incoming-document stamps, `PAGE 1`,
  lone `*`, page numbers) and re-joins sentences split across lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Old-style placement puts the tone on the second vowel of oa/oe/uy in an open syllable
# ("hoà", "thoả", "khoá", "thuỷ"); the sources mix both styles. We keep the tone on the first
# vowel ("hòa", "thỏa", "khóa", "thủy"), the form the seed documents use most.
_TONES = {
    "a": "àáảãạ",
    "e": "èéẻẽẹ",
    "y": "ỳýỷỹỵ",
}
_FIRST = {"o": "òóỏõọ", "u": "ùúủũụ", "O": "ÒÓỎÕỌ", "U": "ÙÚỦŨỤ"}


def _tone_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for case_first in (first, first.upper()):
            for case_second in (second, second.upper()):
                marked = _TONES[second] if case_second.islower() else _TONES[second].upper()
                for i, tone_char in enumerate(marked):
                    old = case_first + tone_char
                    new = _FIRST[case_first][i] + case_second
                    table[old] = new
    return table


_OLD_TO_NEW = _tone_table()
# Only in an open syllable (nothing after the pair) and not after "q", where "u" is part of the
# consonant "qu" and "quý" is already correct.
_OLD_STYLE = re.compile(r"(?<![qQ])(" + "|".join(map(re.escape, _OLD_TO_NEW)) + r")(?!\w)")

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200c\u200d\u2060\ufeff]")


def normalize_tone_marks(text: str) -> str:
    """Move old-style tone marks to the first vowel: hoà → hòa, thoả → thỏa, khoá → khóa, thuỷ → thủy."""
    return _OLD_STYLE.sub(lambda m: _OLD_TO_NEW[m.group(1)], text)


def normalize_text(text: str) -> str:
    """NFC, one tone-mark convention, no zero-width characters, single spaces within lines."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = normalize_tone_marks(text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def fold(text: str) -> str:
    """Lowercase, without diacritics, đ → d: the form unaccented questions are typed in."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d")


def has_diacritics(text: str) -> bool:
    return fold(text) != text.lower()


def has_vowel(word: str) -> bool:
    """Whether a word has a vowel: "LĐLĐ", "CĐCS", "TW" are abbreviations, kept in capitals."""
    return any(c in "aeiouy" for c in unicodedata.normalize("NFD", word.lower()))


# --- cleaning the received texts -------------------------------------------------------------

# An incoming-document stamp ("ĐẾN Số: 17&2 / Ngày: 17/11/21 / Chuyển:"); OCR reads ĐẾN as ĐỀN.
STAMP_START = re.compile(r"^(?:ĐẾN|ĐỀN|DEN|ĐEN)\b[\s:]*(?:Số|Ngày)\b", re.IGNORECASE)
_STAMP_FIELD = re.compile(r"^(?:Số|Ngày|Chuyển|Lưu hồ sơ số|Người nhận)\s*:", re.IGNORECASE)
_PAGE_LINE = re.compile(r"^(?:PAGE\s*\d*|Trang\s+\d+(?:\s*/\s*\d+)?|\d{1,3}|[*_\-–—=]+)$", re.IGNORECASE)
_MARKUP = re.compile(r"\*+")
SENTENCE_END = re.compile(r"[.;:!?…\"”)\]]$")
# A line that begins a list item must never be glued onto the line before it.
# ("a." too: collective agreements letter their points "a.", "b.", often without a closing ";".)
ITEM_START = re.compile(r"^(?:[-–•+]\s|[a-zđ][.)]\s|\(\d+\)|\d+(?:\.\d+)*[.)]\s)")


@dataclass(frozen=True)
class Line:
    """A cleaned paragraph. `bold` records `**…**` around the whole line (a heading hint)."""

    text: str
    bold: bool = False


def _strip_markup(raw: str) -> tuple[str, bool]:
    stripped = raw.strip()
    bold = len(stripped) > 4 and stripped.startswith("**") and stripped.endswith("**")
    # "1. **Heading**" is bold too: everything after the number is wrapped.
    if not bold:
        m = re.match(r"^(\S+\s+)\*\*(.+)\*\*$", stripped)
        bold = bool(m)
    text = _MARKUP.sub("", stripped)
    return _SPACES.sub(" ", text).strip(), bold


def in_capitals(text: str, least: int = 1) -> bool:
    """Whether `text` has at least `least` letters, all capitals ("CHƯƠNG II", "TM. BAN CHẤP HÀNH").
    Callers choose how many letters make a line in capitals rather than an initial or a number."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= least and all(c.isupper() for c in letters)


def _starts_lower(text: str) -> bool:
    return bool(text) and text[0].islower() and not ITEM_START.match(text)


def clean_lines(text: str) -> list[Line]:
    """Turn normalised text into paragraphs without stamp/page noise, split sentences re-joined.

    Input should already be `normalize_text`-ed. Bold markers are stripped from the text but
    remembered on the line; a bold block spread over several lines ("**thực hiện …\\n…**") is
    joined into one bold line.
    """
    raw_lines = [ln for ln in text.split("\n")]
    kept: list[str] = []
    in_stamp = False
    for raw in raw_lines:
        line = raw.strip()
        if not line:
            in_stamp = False
            kept.append("")
            continue
        if STAMP_START.match(line):
            in_stamp = True
            continue
        if in_stamp and _STAMP_FIELD.match(line):
            continue
        in_stamp = False
        if _PAGE_LINE.match(_MARKUP.sub("", line).strip() or "*"):
            continue
        kept.append(line)

    # Group physical lines into paragraphs: blank lines separate, except inside a bold block
    # that has not closed yet.
    paragraphs: list[list[str]] = []
    current: list[str] = []
    open_bold = False
    for line in kept:
        if not line:
            if current and not open_bold:
                paragraphs.append(current)
                current = []
            continue
        if open_bold or not current:
            current.append(line)
        else:
            paragraphs.append(current)
            current = [line]
        if line.count("**") % 2 == 1:
            open_bold = not open_bold
    if current:
        paragraphs.append(current)

    lines: list[Line] = []
    for para in paragraphs:
        if len(para) > 1:
            # A stamp caught inside a title block: an all-caps line between two lowercase
            # continuation lines ("**thực hiện … / LIÊN ĐOÀN LAO ĐỘNG TỈNH … / về đổi mới …**").
            para = [
                ln
                for i, ln in enumerate(para)
                if not (
                    0 < i < len(para) - 1
                    and in_capitals(_MARKUP.sub("", ln), 6)
                    and _starts_lower(_MARKUP.sub("", para[i + 1]).strip())
                )
            ]
            joined = " ".join(para)
        else:
            joined = para[0]
        text_, bold = _strip_markup(joined)
        if text_:
            lines.append(Line(text_, bold))

    # Re-join a sentence split across paragraphs: the first part does not end a sentence and
    # the next starts in lowercase (and is not a list item).
    merged: list[Line] = []
    for line in lines:
        if (
            merged
            and _starts_lower(line.text)
            and not SENTENCE_END.search(merged[-1].text)
            and not in_capitals(merged[-1].text, 6)
        ):
            prev = merged[-1]
            merged[-1] = Line(prev.text + " " + line.text, prev.bold and line.bold)
        else:
            merged.append(line)
    return merged
