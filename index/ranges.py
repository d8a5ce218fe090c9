"""Where a number in a question is placed in a clause's range: "khoảng 400 đoàn viên" falls in
"Công đoàn cơ sở có dưới 500 đoàn viên: triệu tập không quá 80 đại biểu", not in "Từ 500 đến
dưới 1.000 đoàn viên", and "làm được 7 năm" in "từ đủ 05 năm đến dưới 10 năm".

Lexically every row of such a list looks alike to the question (the same nouns, other numbers),
so the row whose range holds the question's number is what answers it. Texts are compared
folded (no diacritics, lower case) with their numbers written one way
(index.lexical.canonical_numbers: "1.000" → "1000"), and a number meets a range only over the
same counted thing: the syllable after it ("đoàn viên", "năm", "người").

    counts("Công đoàn có 150 đoàn viên thì bầu mấy ủy viên?")   → [(150, "doan")]
    ranges("b) Từ 30 đến dưới 200 đoàn viên: bầu từ 03 đến 07 ủy viên.")
        → [(30, 200, False, "doan"), (3, 7, True, "uy")]
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from index.lexical import canonical_numbers
from ingest.normalize import fold

# A number standing alone (not a date's, a document's or a decimal's part), with the syllable it
# counts.
_NUMBER = r"(?<![\w/.,-])(\d{1,7})(?![\w/-]|[.,]\d)"
_NOUN = r"\s+([a-z]+)"
# What a number counts in a question: "150 đoàn viên", "khoảng 400 người".
_COUNT = re.compile(_NUMBER + _NOUN)
# Words before a number that make it a reference, a year or a time of day, not a count; as typed
# with diacritics ("số 15", "năm 2026", but "cơ sở 150", "tổng số 150", "nam 50 tuổi" count), and
# folded for a question typed without them.
_NOT_A_COUNT = re.compile(
    r"\b(?:điều|khoản|điểm|mục|chương|(?<!tổng )số|năm|tháng|ngày|quý|lần thứ|khóa|khoá|nhiệm kỳ|bước|stt|tt|lúc)\s*$"
)
_NOT_A_COUNT_FOLDED = re.compile(r"\b(?:dieu|khoan|diem|muc|chuong|(?<!tong )so|nam|thang|ngay|quy|lan thu|khoa|nhiem ky|buoc|stt|tt|luc)\s*$")
# Ranges in a clause. "từ (đủ) X (noun) đến (dưới|hết) Y noun", "trên X đến Y noun", "dưới X
# noun", "trên/hơn X noun", "không dưới X noun", "(từ) (đủ) X noun trở lên/xuống", "X - Y noun".
_BETWEEN = re.compile(
    r"\b(tu|tren|hon)\s+(?:du\s+)?" + _NUMBER + r"(?:\s+([a-z]+))?(?:\s+[a-z]+)?\s+(?:den|toi)\s+(duoi\s+|het\s+|)(?:du\s+)?"
    + _NUMBER + _NOUN
)
_DASHED = re.compile(r"(?<![\w/.,-])(\d{1,7})\s*[-–]\s*(\d{1,7})(?![\w/-]|[.,]\d)" + _NOUN)
_AT_LEAST = re.compile(r"\bkhong\s+(?:duoi|it hon)\s+" + _NUMBER + _NOUN)
_BELOW = re.compile(r"(?<!khong )\b(?:duoi|it hon)\s+" + _NUMBER + _NOUN)
_ABOVE = re.compile(r"\b(?:tren|hon|nhieu hon)\s+" + _NUMBER + _NOUN)
_AND_UP = re.compile(r"(?:\btu\s+)?(?:\bdu\s+)?" + _NUMBER + _NOUN + r"(?:\s+[a-z]+){0,3}?\s+tro\s+(len|xuong)\b")


@dataclass(frozen=True)
class Range:
    low: float
    high: float
    closed: bool  # whether `high` itself is in the range ("đến 3.000" is, "đến dưới 1.000" is not)
    noun: str  # the counted syllable, folded

    def holds(self, value: float) -> bool:
        return self.low <= value and (value < self.high or (self.closed and value == self.high))


def _folded(text: str) -> str:
    return fold(canonical_numbers(text)).lower()


def counts(question: str) -> list[tuple[int, str]]:
    """The numbers a question counts something with, and what they count (its first syllable).
    (A Vietnamese question's: an English one's translation is a bag of terms, its numbers apart.)"""
    typed = canonical_numbers(question).lower()
    text = fold(typed)  # NFC folds letter for letter: its positions are the typed text's
    if text == typed or len(text) != len(typed):
        typed, before = text, _NOT_A_COUNT_FOLDED
    else:
        before = _NOT_A_COUNT
    return [(int(m.group(1)), m.group(2)) for m in _COUNT.finditer(text) if not before.search(typed[: m.start()])]


def ranges(text: str) -> list[Range]:
    """The ranges a clause sets a count in, with what they count."""
    text = _folded(text)
    out: list[Range] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], low: float, high: float, closed: bool, noun: str) -> None:
        if any(m.start() < end and start < m.end() for start, end in taken):
            return  # part of a range already read ("từ 30 đến dưới 200" holds "dưới 200")
        taken.append(m.span())
        out.append(Range(low, high, closed, noun))

    for m in _BETWEEN.finditer(text):
        noun = m.group(6)
        low, high = int(m.group(2)), int(m.group(5))
        if low < high and (m.group(3) in (None, noun)):
            # ("trên 03 tháng đến 12 tháng": above the lower bound, not at it.)
            add(m, low + (1e-9 if m.group(1) != "tu" else 0), high, not m.group(4).startswith("duoi"), noun)
    for m in _DASHED.finditer(text):
        low, high = int(m.group(1)), int(m.group(2))
        if low < high:
            add(m, low, high, True, m.group(3))
    for m in _AND_UP.finditer(text):
        value = int(m.group(1))
        if m.group(3) == "len":
            add(m, value, math.inf, True, m.group(2))
        else:
            add(m, 0, value, True, m.group(2))
    for m in _AT_LEAST.finditer(text):
        add(m, int(m.group(1)), math.inf, True, m.group(2))
    for m in _BELOW.finditer(text):
        add(m, 0, int(m.group(1)), False, m.group(2))
    for m in _ABOVE.finditer(text):
        add(m, int(m.group(1)) + 1e-9, math.inf, True, m.group(2))
    return out


def placed(question_counts: list[tuple[int, str]], clause_ranges: list[Range]) -> bool:
    """Does one of the clause's ranges hold one of the question's counts of the same thing?"""
    return any(r.noun == noun and r.holds(value) for value, noun in question_counts for r in clause_ranges)
