"""Understanding the question before searching: validation, language, diacritic restoration,
English → Vietnamese term translation, abbreviations.

- Unaccented Vietnamese ("ai chiu trach nhiem phat trien doan vien") is restored from the
  indexed corpus itself: folded syllable n-grams map to their most frequent accented form there.
  The restored question feeds the dense model (which is weak on unaccented text); lexical search
  works on folded tokens anyway. Words the user did accent are kept as typed.
- English questions are translated term by term with the bilingual glossary
  (`index/data/glossary_en_vi.tsv`); both the original and the translation are searched.
- Abbreviations are spelled out for the dense model.
"""

from __future__ import annotations

import csv
import math
import re
import sqlite3
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from index.abbreviations import load_abbreviations
from index.everyday import Everyday, load_everyday
from ingest.normalize import fold, has_diacritics, normalize_text

GLOSSARY = Path(__file__).parent / "data" / "glossary_en_vi.tsv"
COMMON_WORDS = Path(__file__).parent / "data" / "vi_common.txt"
MAX_QUESTION_CHARS = 1000
# How many times each line of vi_common.txt counts, against the corpus: questions say "bao nhiêu"
# where laws say "bảo hiểm". Fitted by `python -m bench.restore` (restoration accuracy on the
# tuning pools, each reported with the weight fitted on the others).
COMMON_WEIGHT = 300
# Pseudo-counts of the corpus-wide share behind a pair of forms never seen together
# (DiacriticRestorer.restore). Fitted by `python -m bench.restore` with COMMON_WEIGHT.
SMOOTHING = 10
_MAX_NGRAM = 4

_WORD = re.compile(r"\w+")
# Words that count in an English question ("ten minutes", "a few minutes"), read as "#" as a number is.
_COUNT_WORDS = frozenset(
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "ninety", "few", "several",
    }
)
# A glossary entry's words; "#" stands for any number ("# minutes").
_TERM_WORD = re.compile(r"#|\w+")
# A folded Vietnamese syllable: optional initial consonant, 1-3 vowels, optional final.
_VI_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?"
    r"[aeiouy]{1,3}(?:ch|ng|nh|c|m|n|p|t)?$"
)
_ENGLISH_STOPWORDS = frozenset(
    ["the", "a", "an", "is", "are", "was", "were", "be", "been", "of", "for", "in", "on", "at", "to", "and", "or", "who", "whom", "whose", "what", "which", "when", "where", "why", "how", "many", "much", "does", "do", "did", "should", "must", "can", "could", "would", "will", "shall", "may", "might", "according", "as", "by", "with", "from", "about", "into", "under", "over", "this", "that", "these", "those", "it", "its", "their", "there", "they", "them", "he", "she", "his", "her", "our", "we", "you", "your", "i", "me", "my", "any", "all", "each", "every", "some", "not", "no", "than", "then", "so", "if", "only", "also", "new", "get", "gets", "got", "have", "has", "had", "per", "according", "plan", "programme", "program", "document"]
)
_ENGLISH_HINTS = frozenset(
    ["the", "a", "an", "is", "are", "was", "be", "of", "for", "in", "on", "to", "and", "or", "who", "what", "which", "when", "where", "why", "how", "many", "much", "does", "do", "did", "should", "must", "can", "responsible", "about", "with", "by", "from"]
)


class QueryError(ValueError):
    """A question that cannot be searched; the message is for the user, in Vietnamese."""


def validate_question(question: str) -> str:
    """Normalised question, or QueryError with a specific, helpful message."""
    if question is None or not question.strip():
        raise QueryError("Câu hỏi trống: hãy nhập một câu hỏi, ví dụ «Ai chịu trách nhiệm phát triển đoàn viên?».")
    text = normalize_text(question).replace("\n", " ").strip()
    if len(text) > MAX_QUESTION_CHARS:
        raise QueryError(
            f"Câu hỏi quá dài ({len(text):,} ký tự; tối đa {MAX_QUESTION_CHARS:,}). "
            "Hãy hỏi ngắn gọn một ý hoặc tách thành nhiều câu hỏi.".replace(",", ".")
        )
    letters = [c for c in text if c.isalpha()]
    if not letters and not any(c.isdigit() for c in text):
        if any(unicodedata.category(c) == "So" for c in text):
            raise QueryError("Câu hỏi chỉ có biểu tượng cảm xúc: hãy nhập câu hỏi bằng chữ.")
        raise QueryError("Câu hỏi không có chữ nào để tìm (chỉ có dấu câu hoặc ký hiệu).")
    if len(letters) < 2:
        raise QueryError("Câu hỏi quá ngắn: hãy nhập ít nhất một từ có nghĩa.")
    foreign = [c for c in letters if not _latin(c)]
    if len(foreign) > len(letters) / 2:
        raise QueryError(
            "Câu hỏi viết bằng chữ viết khác (không phải chữ Latinh). "
            "Hệ thống trả lời câu hỏi tiếng Việt (có hoặc không dấu) hoặc tiếng Anh."
        )
    return text


# Question marks and the like say nothing about what is asked: "Ai ký kế hoạch 48?" and
# "Ai ký kế hoạch 48" must be the same search (same embedding, same verdict).
_PUNCTUATION = re.compile(r"[?!¿¡…;:\"“”«»]+|\.(?=\s|$)|,(?=\s|$)")


def canonical_question(text: str) -> str:
    """The question as searched: punctuation that does not belong to a word or number removed."""
    return re.sub(r"\s+", " ", _PUNCTUATION.sub(" ", text)).strip() or text


def _latin(char: str) -> bool:
    try:
        return "LATIN" in unicodedata.name(char)
    except ValueError:
        return False


def detect_language(text: str) -> str:
    """'vi' (accented), 'vi-folded' (no diacritics) or 'en'. An English question may hold a
    Vietnamese word or name with its marks ("How many days off do we get for Tết?", "What does
    Điều 5 say?"): a few accented words among English ones do not make it Vietnamese."""
    words = _WORD.findall(text.lower())
    accented = sum(1 for w in words if has_diacritics(w))
    if accented and (accented >= _ACCENTED_IN_ENGLISH * len(words) or not _english(w for w in words if not has_diacritics(w))):
        return "vi"
    if not words:
        return "vi-folded"
    return "en" if _english(words) else "vi-folded"


# The share of accented words below which an English question quotes them ("Tết", "Điều 5", "Thừa
# Thiên Huế"): every English question of the evaluation pools that has any is under it, and a
# Vietnamese question typed with its marks is over it however many English words it borrows.
_ACCENTED_IN_ENGLISH = 1 / 3


def _english(words: Iterable[str]) -> bool:
    """Whether words typed without marks read as English rather than Vietnamese: a share of them
    cannot be a Vietnamese syllable or are common English words."""
    words = list(words)
    if not words:
        return False
    non_vi = sum(1 for w in words if not w.isdigit() and not _VI_SYLLABLE.match(w))
    hints = sum(1 for w in words if w in _ENGLISH_HINTS and not _VI_SYLLABLE.match(w))
    return (non_vi + hints) / len(words) >= 0.4


# --- diacritic restoration --------------------------------------------------------------------


@dataclass
class DiacriticRestorer:
    """Most frequent accented form of each folded syllable n-gram in a corpus."""

    table: dict[tuple[str, ...], Counter[tuple[str, ...]]] = field(default_factory=lambda: defaultdict(Counter))
    # Words counted (every syllable once): a form's share of the corpus, what a pair of forms never
    # seen together falls back on. 0 for a table saved before it was kept (the older rule).
    total: int = 0
    smoothing: float = SMOOTHING

    @classmethod
    def from_texts(
        cls,
        texts: Iterable[str],
        common: Path | None = COMMON_WORDS,
        common_weight: int = COMMON_WEIGHT,
        vocabulary: Path | None = GLOSSARY,
        smoothing: float = SMOOTHING,
    ) -> DiacriticRestorer:
        """Learn from `texts` (the indexed corpus) plus a short list of everyday question words
        ("bao nhiêu", "phần trăm") that plans and laws rarely contain; the corpus wins ties. The
        Vietnamese side of the glossary (`vocabulary`, once per row) adds the terms of labour and
        union texts a small corpus may lack: "đình công" where an agreement only says "định"."""
        restorer = cls(smoothing=smoothing)
        if common is not None and common.exists():
            # Counted like corpus text (every sub-phrase too): "bao nhiêu" must also make "nhiêu"
            # a known form of "nhieu", or the bigram model never considers it.
            lines = [x for x in common.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
            texts = [*(lines * common_weight), *texts]
        if vocabulary is not None and vocabulary.exists():
            rows = vocabulary.read_text(encoding="utf-8").splitlines()[1:]
            texts = [*(row.split("\t")[1] for row in rows if row.count("\t") >= 1), *texts]
        for text in texts:
            for clause in re.split(r"[.;:!?,()\n]+", normalize_text(text).lower()):
                words = _WORD.findall(clause)
                folded = [fold(w) for w in words]
                restorer.total += len(words)
                for n in range(1, _MAX_NGRAM + 1):
                    for i in range(len(words) - n + 1):
                        restorer.table[tuple(folded[i : i + n])][tuple(words[i : i + n])] += 1
        return restorer

    # Saved with the index (SQLite: one row per folded n-gram) and read per lookup, so a query
    # process does not rebuild the table from every chunk or load it whole.
    def save(self, path: Path) -> None:
        with closing(sqlite3.connect(path)) as db:
            db.execute("CREATE TABLE restorer (folded TEXT PRIMARY KEY, forms TEXT NOT NULL)")
            db.executemany(
                "INSERT INTO restorer VALUES (?, ?)",
                (
                    (" ".join(key), "\t".join(f"{' '.join(form)}\x1f{n}" for form, n in forms.most_common()))
                    for key, forms in self.table.items()
                ),
            )
            db.execute("CREATE TABLE restorer_total (words INTEGER NOT NULL)")
            db.execute("INSERT INTO restorer_total VALUES (?)", (self.total,))
            db.commit()

    @classmethod
    def load(cls, path: Path) -> DiacriticRestorer:
        table = _SavedTable(path)
        return cls(table=table, total=table.total())  # type: ignore[arg-type]

    def restore(self, text: str) -> str:
        """Accent the unaccented words of `text`; words typed with accents stay as they are.

        The most likely accented sentence under a bigram model of the corpus (Viterbi): each
        word's forms are scored by how often that form follows the previous word's form, backed
        off to how often the form stands for its folded syllable. A word-by-word or greedy
        longest-phrase choice goes wrong where the corpus is dominated by another reading:
        "nghi phep nam" came out "nghị phép nam" (Nghị định, "cho phép nam …") instead of
        "nghỉ phép năm".

        A pair of forms never seen together falls back on the form's share of the corpus, weighed
        against how often the previous form was seen (`smoothing` pseudo-counts, Dirichlet style):
        with the share of its folded syllable instead, a rare previous form ("cổ", seen only in
        "Công ty Cổ phần") let any word follow it, and "công ty co trach nhiem" came out "cổ"."""
        pieces = re.split(r"(\w+)", text)
        words = pieces[1::2]
        if not words:
            return text
        lattice = [self._forms(w) for w in words]
        # best[i][form] = (log-probability of the best path ending in form, previous form)
        best: list[dict[str, tuple[float, str | None]]] = [
            {f: (math.log(p), None) for f, (p, _n) in lattice[0].items()}
        ]
        for i in range(1, len(words)):
            pairs = self.table.get((fold(words[i - 1]), fold(words[i]))) or Counter()
            column: dict[str, tuple[float, str | None]] = {}
            for form, (p_form, n_form) in lattice[i].items():
                # What an unseen pair falls back on, and its weight; a table saved before the
                # total was kept: the form's share of its syllable, one pseudo-count.
                if self.total:
                    backoff, weight = self.smoothing * (max(n_form, 1) / self.total), self.smoothing
                else:
                    backoff, weight = p_form, 1
                options = []
                for prev, (score, _back) in best[i - 1].items():
                    n_prev = lattice[i - 1][prev][1]
                    p = (pairs.get((prev, form), 0) + backoff) / (n_prev + weight)
                    options.append((score + math.log(p), prev))
                column[form] = max(options)
            best.append(column)
        form = max(best[-1], key=lambda f: best[-1][f][0])
        out = [form]
        for i in range(len(words) - 1, 0, -1):
            form = best[i][form][1]
            out.append(form)
        out.reverse()
        pieces[1::2] = [w if has_diacritics(w) else _match_case(w, f) for w, f in zip(words, out, strict=True)]
        return "".join(pieces)

    def _forms(self, word: str) -> dict[str, tuple[float, int]]:
        """Candidate forms of one word: {form: (share among the forms of its folded syllable,
        corpus count)}. A word typed with accents, or unknown to the corpus, is its own form."""
        lower = word.lower()
        if has_diacritics(word):
            return {lower: (1.0, 1)}
        counts = self.table.get((fold(lower),))
        if not counts:
            return {lower: (1.0, 1)}
        total = sum(counts.values())
        return {form[0]: (n / total, n) for form, n in counts.items()}


class _SavedTable:
    """Read-only view of a saved restorer table with the `.get` the restorer uses."""

    def __init__(self, path: Path) -> None:
        # as_uri() escapes "#", "?" and "%" in the folder name, which would otherwise end the URI.
        self._db = sqlite3.connect(
            Path(path).resolve().as_uri() + "?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()

    def total(self) -> int:
        with self._lock:
            try:
                row = self._db.execute("SELECT words FROM restorer_total").fetchone()
            except sqlite3.OperationalError:  # saved before the total was kept
                return 0
        return int(row[0]) if row else 0

    def get(self, key: tuple[str, ...]) -> Counter[tuple[str, ...]] | None:
        with self._lock:
            row = self._db.execute("SELECT forms FROM restorer WHERE folded = ?", (" ".join(key),)).fetchone()
        if row is None:
            return None
        forms = row[0].split("\t")
        out: Counter[tuple[str, ...]] = Counter()
        for i, item in enumerate(forms):
            form, _sep, n = item.partition("\x1f")
            # Tables saved before counts were kept: descending ranks keep the order.
            out[tuple(form.split(" "))] = int(n) if n else len(forms) - i
        return out


def _match_case(original: str, restored: str) -> str:
    if original.isupper() and len(original) > 1:
        return restored.upper()
    if original[:1].isupper():
        return restored[:1].upper() + restored[1:]
    return restored


# --- English → Vietnamese ---------------------------------------------------------------------


@dataclass(frozen=True)
class Glossary:
    terms: dict[tuple[str, ...], str]
    longest: int

    def translate(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """Vietnamese terms for the English terms found (longest match first), and the pairs used."""
        translated, found, _ = self.translate_with_rest(text)
        return translated, found

    def translate_with_rest(self, text: str) -> tuple[str, list[tuple[str, str]], list[str]]:
        """Like `translate`, plus the words no term covered (names such as "Lai Chau", numbers)."""
        raw = _WORD.findall(text)
        words = [w.lower() for w in raw]
        found: list[tuple[str, str]] = []
        rest: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                key = tuple(words[i : i + n])
                # "# minutes" is an entry for any count of minutes ("30 minutes" → phút), so
                # "minutes" alone can be a meeting's (biên bản).
                counted = tuple("#" if w.isdigit() or w in _COUNT_WORDS else w for w in key)
                vi = self.terms.get(key) or (counted != key and self.terms.get(counted)) or next(
                    (v for base in _base_forms(key[-1]) if (v := self.terms.get((*key[:-1], base)))), None
                )
                if vi:
                    found.append((" ".join(key), vi))
                    i += n
                    break
            else:
                if words[i] not in _ENGLISH_STOPWORDS:
                    rest.append(raw[i])
                i += 1
        return " ".join(vi for _, vi in found), found, rest


def _base_forms(word: str) -> list[str]:
    """What an inflected English word may be listed as, most likely first: "holidays" → "holiday",
    "disciplined" → "discipline", "working" → "work", "paid" stays (irregular forms are entries of
    their own). Tried only when the word as typed is not a term."""
    forms = []
    if word.endswith("ies") or word.endswith("ied"):
        forms.append(word[:-3] + "y")
    if word.endswith("s") and not word.endswith("ss"):
        forms += [word[:-1], word[:-2]] if word.endswith("es") else [word[:-1]]
    if word.endswith("ed"):
        forms += [word[:-1], word[:-2]]
    if word.endswith("ing") and len(word) > 5:
        forms += [word[:-3], word[:-3] + "e"]
    return [f for f in forms if len(f) > 2]


@cache
def load_glossary(path: Path = GLOSSARY) -> Glossary:
    terms: dict[tuple[str, ...], str] = {}
    if path.exists():
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                en, vi = row["en"].strip().lower(), normalize_text(row["vi"].strip())
                if en and vi:
                    terms[tuple(_TERM_WORD.findall(en))] = vi
    return Glossary(terms, max((len(k) for k in terms), default=1))


# --- the analysed query -----------------------------------------------------------------------


@dataclass(frozen=True)
class QueryAnalysis:
    question: str  # as validated (normalised)
    language: str  # "vi" | "vi-folded" | "en"
    restored: str | None = None  # accented form of an unaccented question
    translated: str | None = None  # Vietnamese terms of an English question
    glossary_terms: tuple[tuple[str, str], ...] = ()
    legal_terms: tuple[str, ...] = ()  # the documents' wording of everyday phrases (index.everyday)
    # English words of the question the glossary has no term for ("weather", "forecast"): what
    # the Vietnamese terms searched for do not say.
    untranslated: tuple[str, ...] = ()

    @property
    def dense_queries(self) -> list[str]:
        """Texts to embed: the best Vietnamese form first, then the question as typed."""
        abbreviations = load_abbreviations()
        variants = [self.restored or self.translated, self.question]
        out: list[str] = []
        for v in variants:
            if v:
                v = abbreviations.spell_out(v)
                if v not in out:
                    out.append(v)
        return out

    @property
    def lexical_query(self) -> str:
        parts = [self.question]
        if self.translated:
            parts.append(self.translated)
        parts.extend(self.legal_terms)
        return " ".join(parts)

    @property
    def shown_as(self) -> str | None:
        """What the UI offers as "Có phải bạn muốn hỏi: …" (None when nothing was changed)."""
        return self.restored or self.translated


def _mostly_unaccented(text: str) -> bool:
    # In accented Vietnamese most syllables carry a mark; the few that do not ("bao", "ai", "la")
    # are right as typed and must not be "restored" into "bảo", "ải", "là".
    words = [w for w in _WORD.findall(text) if not w.isdigit()]
    accented = sum(1 for w in words if has_diacritics(w))
    return bool(words) and accented < 0.5 * len(words)


def _passes_through(word: str) -> bool:
    """A word of an English question no glossary term covered that is kept: a number, a Vietnamese
    word typed with its marks ("Tết", "Huế"), or a name (capitalised, shaped like a Vietnamese
    syllable: "Lai", "Chau", "Hue")."""
    return word.isdigit() or has_diacritics(word) or (word[:1].isupper() and bool(_VI_SYLLABLE.match(word.lower())))


def analyze(
    question: str,
    restorer: DiacriticRestorer | None = None,
    glossary: Glossary | None = None,
    everyday: Everyday | None = None,
) -> QueryAnalysis:
    text = canonical_question(validate_question(question))
    language = detect_language(text)
    if language == "en":
        glossary = glossary or load_glossary()
        translated, pairs, rest = glossary.translate_with_rest(text)
        # Names and numbers pass through: "Lai Chau" → "Lai Châu", "2025" stays. Only capitalised
        # words count as names: a lower-case leftover is an English word the glossary lacks
        # ("keep", "sit", "young" have Vietnamese syllable shapes), and "restored" into Vietnamese
        # it adds a wrong term to the search.
        # The question's first word is capitalised as a sentence start, not as a name.
        first = next(iter(_WORD.findall(text)), None)
        names = [w for i, w in enumerate(rest) if _passes_through(w) and not (i == 0 and w == first)]
        if names:
            tail = " ".join(names)
            translated = " ".join(filter(None, [translated, restorer.restore(tail) if restorer else tail]))
        words = tuple(w for w in rest if w.islower() and not w.isdigit())
        return QueryAnalysis(text, language, translated=translated or None, glossary_terms=tuple(pairs), untranslated=words)
    everyday = everyday if everyday is not None else load_everyday()
    if restorer is not None and _mostly_unaccented(text):
        restored = restorer.restore(text)
        if restored != text:
            return QueryAnalysis(text, language, restored=restored, legal_terms=tuple(everyday.legal_terms(restored)))
    return QueryAnalysis(text, language, legal_terms=tuple(everyday.legal_terms(text)))
