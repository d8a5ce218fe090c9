"""The BM25 side: Vietnamese-aware tokens and a bm25s index over them.

Tokens are diacritic-folded syllables ("kinh phi cong doan" meets "kinh phí công đoàn") plus
adjacent-syllable bigrams ("doan_vien", "tap_the"), so compounds such as "đoàn viên" and
"kinh tế tập thể" score as units rather than as common syllables. bm25s' own tokenizer is not
used: its `\\b\\w\\w+\\b` pattern drops one-letter syllables (ở, ý) and its stopwords are English.

Abbreviations (CĐCS, LĐLĐ, …) are expanded on both sides: a text that says "CĐCS" also gets the
tokens of "công đoàn cơ sở", and one that says "công đoàn cơ sở" gets the token "cdcs".
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import bm25s
import numpy as np

from index.abbreviations import Abbreviations, load_abbreviations
from ingest.normalize import fold, normalize_text

# Split clauses at punctuation so bigrams never cross a sentence or list boundary.
_CLAUSE_SPLIT = re.compile(r"[.;:!?…,()\[\]\"“”'‘’/|\n]+")
_SYLLABLE = re.compile(r"\w+")
# Question words carry no topic: dropped from queries as single tokens only. Documents keep every
# syllable, and query bigrams are still built across them, so a folded "bao"/"the" that was
# "bảo"/"thể" still matches through "bao_hiem"/"tap_the" (measured on the dev set: dropping the
# unigrams is +0.009 R@5 over keeping them; dropping them before building bigrams lost compounds).
_QUESTION_WORDS = frozenset(
    ["ai", "gi", "nao", "bao", "nhieu", "sao", "the", "thi", "la", "lam", "khong", "chua", "hay", "hoac", "nhi", "a", "vay", "ne"]
)

# Amounts written two ways meet: "5 triệu" and "5.000.000 đồng", "01/6" and "1/6", "05 ngày" and
# "5 ngày". A number grouped by thousands loses its dots (which would split it into clauses), one
# scaled by a word is written out, and a leading zero goes.
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d]|[.,]\d)")
# ("1,5 triệu", "1.5 triệu"; not "2 tỷ lệ", "30 triệu tập".)
_SCALED = re.compile(
    r"(?<![\d.,])(\d{1,6})(?:[,.](\d{1,3}))?[ \t]*(triệu|nghìn|ngàn|tỷ|tỉ)(?!\w)(?![ \t]*(?:lệ|tập)\b)", re.IGNORECASE
)
# Zeros each scale word adds; "tr" and "k" are how they are typed in a hurry (_SHORTHAND).
_SCALES = {"nghìn": 3, "ngàn": 3, "triệu": 6, "tỷ": 9, "tỉ": 9, "tr": 6, "k": 3}
_LEADING_ZERO = re.compile(r"(?<![\d.,])0(\d)(?![\d,])")
# How amounts are typed in a hurry: "5tr", "1tr5" (1,5 million), "500k" (thousand).
# ("1,5tr" and "1tr5" alike; not "12kV". A dot before three digits groups thousands: "1.500k" is
# left to the grouping rule below.)
_SHORTHAND = re.compile(r"(?<![\w.,])(\d{1,4})(?:[,.](\d{1,2}))?(tr|k)(\d{1,3})?(?!\w|[.,]\d)", re.IGNORECASE)
# A date written with dots, "01.06.2031", is the "01/06/2031" of the documents.
_DOTTED_DATE = re.compile(r"(?<![\w.,])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\w|[.,]\d)")


def _scaled(whole: str, fraction: str, scale_word: str) -> str | None:
    """whole,fraction times the scale written out ("1", "5", "triệu" → "1500000"); None when the
    fraction has more digits than the scale has zeros."""
    zeros = _SCALES[scale_word.lower()]
    return None if len(fraction) > zeros else str(int(whole + fraction.ljust(zeros, "0")))


def _written_out(m: re.Match[str]) -> str:
    return _scaled(m.group(1), m.group(2) or "", m.group(3)) or m.group(0)


def _shorthand(m: re.Match[str]) -> str:
    if m.group(2) and m.group(4):  # "1,5tr5"
        return m.group(0)
    return _scaled(m.group(1), m.group(2) or m.group(4) or "", m.group(3)) or m.group(0)


# A quarter in Roman numerals, "quý II/2026", is the "quý 2" a question types.
# (Typed in lower case too, "quy ii"; on one line: "… Trần Văn Quý" over "II. NỘI DUNG" is no quarter.)
_QUARTER = re.compile(r"(?<!\w)((?i:quý|quy)[ \t]+)((?i:IV|III|II|I))(?![\w])")
_ROMAN_QUARTERS = {"I": "1", "II": "2", "III": "3", "IV": "4"}


def canonical_numbers(text: str) -> str:
    text = _QUARTER.sub(lambda m: m.group(1) + _ROMAN_QUARTERS[m.group(2).upper()], text)
    text = _DOTTED_DATE.sub(r"\1/\2/\3", text)
    text = _SHORTHAND.sub(_shorthand, text)
    text = _GROUPED.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _SCALED.sub(_written_out, text)
    return _LEADING_ZERO.sub(r"\1", text)


SEGMENTERS = ("bigrams", "pyvi", "none")
# Bump when `VietnameseTokenizer` produces different tokens for the same text: the manifest pins
# it, so an index built with other tokens is rebuilt by ingest and refused by queries.
TOKENIZER_VERSION = 8


@dataclass(frozen=True)
class TokenizerConfig:
    segmenter: str = "bigrams"  # how compounds are represented: syllable bigrams, pyvi words, or not at all
    fold_diacritics: bool = True
    expand_abbreviations: bool = True

    def __post_init__(self) -> None:
        if self.segmenter not in SEGMENTERS:
            raise ValueError(f"segmenter must be one of {', '.join(SEGMENTERS)}, not {self.segmenter!r}")


@dataclass
class VietnameseTokenizer:
    config: TokenizerConfig = field(default_factory=TokenizerConfig)
    abbreviations: Abbreviations = field(default_factory=load_abbreviations)

    def _norm(self, text: str) -> str:
        return fold(text) if self.config.fold_diacritics else text.lower()

    def syllables(self, text: str) -> list[list[str]]:
        """Syllables per clause, folded (or lowercased when folding is off)."""
        text = canonical_numbers(normalize_text(text))
        if self.config.expand_abbreviations:
            text = self.abbreviations.expand(text)
        return [_SYLLABLE.findall(self._norm(part)) for part in _CLAUSE_SPLIT.split(text)]

    def tokens(self, text: str, query: bool = False) -> list[str]:
        out: list[str] = []
        for clause in self.syllables(text):
            out.extend(s for s in clause if not (query and s in _QUESTION_WORDS))
            if self.config.segmenter == "bigrams":
                out.extend(f"{a}_{b}" for a, b in itertools.pairwise(clause))
        if self.config.segmenter == "pyvi":
            out.extend(self._pyvi_compounds(text))
        return out

    def _pyvi_compounds(self, text: str) -> list[str]:
        # pyvi needs the accented text to find words; compounds come back joined by "_".
        from pyvi import ViTokenizer

        text = normalize_text(text)
        if self.config.expand_abbreviations:
            text = self.abbreviations.expand(text)
        words = ViTokenizer.tokenize(text).split()
        return [self._norm(w) for w in words if "_" in w]


class LexicalIndex:
    """bm25s over `VietnameseTokenizer` tokens; row i is chunk i of the store."""

    def __init__(self, tokenizer: VietnameseTokenizer | None = None, k1: float = 1.2, b: float = 0.75) -> None:
        self.tokenizer = tokenizer or VietnameseTokenizer()
        self.k1, self.b = k1, b
        self._bm25: bm25s.BM25 | None = None
        self.size = 0

    def build(self, texts: Iterable[str]) -> None:
        self.build_tokens(self.tokenizer.tokens(t) for t in texts)

    def build_tokens(self, token_lists: Iterable[list[str]]) -> None:
        """Index documents given as token lists (already produced by `VietnameseTokenizer`)."""
        corpus = [list(t) or [""] for t in token_lists]
        self._bm25 = bm25s.BM25(k1=self.k1, b=self.b)
        self._bm25.index(corpus, show_progress=False)
        self.size = len(corpus)

    def scores(self, query: str, mask: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every row for the query; rows outside `mask` score 0."""
        return self.scores_for_tokens(self.tokenizer.tokens(query, query=True), mask)

    def scores_for_tokens(self, tokens: list[str], mask: np.ndarray | None = None) -> np.ndarray:
        if self._bm25 is None or self.size == 0 or not tokens:
            return np.zeros(self.size, dtype=np.float32)
        scores = np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
        if mask is not None:
            scores = np.where(mask, scores, 0.0).astype(np.float32)
        return scores

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        assert self._bm25 is not None
        self._bm25.save(str(directory), show_progress=False)
        config = {"k1": self.k1, "b": self.b, "size": self.size, **asdict(self.tokenizer.config)}
        (directory / "tokenizer.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        config = json.loads((directory / "tokenizer.json").read_text(encoding="utf-8"))
        tok = VietnameseTokenizer(
            TokenizerConfig(config["segmenter"], config["fold_diacritics"], config["expand_abbreviations"])
        )
        index = cls(tok, k1=config["k1"], b=config["b"])
        index._bm25 = bm25s.BM25.load(str(directory), show_progress=False)
        index.size = config["size"]
        return index
