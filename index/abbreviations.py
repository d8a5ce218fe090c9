"""Officials' abbreviations (CĐCS, LĐLĐ, CNVCLĐ, …) from `index/data/abbreviations.tsv`.

Used both ways: `expand` writes the expansion next to an abbreviation (and the abbreviation next
to a spelled-out expansion) so lexical search matches either form; `spell_out` replaces
abbreviations by their expansion for the dense side, whose model has never seen "CĐCS".
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from index.references import is_document_kind
from ingest.normalize import normalize_text

DATA = Path(__file__).parent / "data" / "abbreviations.tsv"
# Two-letter abbreviations (CĐ, KH, DN) are too ambiguous to add to every text that spells
# them out; they are still expanded where they appear.
_MIN_REVERSE_LEN = 3


@dataclass(frozen=True)
class Abbreviations:
    pairs: tuple[tuple[str, str], ...] = ()
    _abbr_re: re.Pattern[str] | None = field(default=None, compare=False)
    # Abbreviations (group 1, case kept) and expansions (group 2, any case) in one pattern, so
    # the text `expand` inserts is never matched again ("CĐCS (công đoàn cơ sở)", not "CĐCS
    # (công đoàn cơ sở (CĐCS))").
    _both_re: re.Pattern[str] | None = field(default=None, compare=False)
    # "NĐ145", "NQ20": a document's kind typed against its number (spelled out with a space).
    _glued_re: re.Pattern[str] | None = field(default=None, compare=False)

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, str]]) -> Abbreviations:
        pairs = [(normalize_text(a), normalize_text(e)) for a, e in pairs if a and e]
        if not pairs:
            return cls()
        by_len = sorted(pairs, key=lambda p: -len(p[0]))
        alternatives = "|".join(re.escape(a) for a, _ in by_len)
        abbr_re = re.compile(rf"(?<!\w)({alternatives})(?!\w)")
        # Only a document's kind is typed against a number ("NĐ145"); "TT10" is not "thường trực 10".
        kinds = "|".join(re.escape(a) for a, e in by_len if is_document_kind(e))
        glued_re = re.compile(rf"(?<!\w)({kinds})(?=\d)") if kinds else None
        reverse = sorted((p for p in pairs if len(p[0]) >= _MIN_REVERSE_LEN), key=lambda p: -len(p[1]))
        expansions = "|".join(re.escape(e) for _, e in reverse)
        both_re = re.compile(rf"(?<!\w)(?:({alternatives})|((?i:{expansions})))(?!\w)" if reverse else abbr_re.pattern)
        return cls(tuple(pairs), abbr_re, both_re, glued_re)

    @property
    def expansion_of(self) -> dict[str, str]:
        return dict(self.pairs)

    @property
    def abbreviation_of(self) -> dict[str, str]:
        return {e.lower(): a for a, e in self.pairs if len(a) >= _MIN_REVERSE_LEN}

    def expand(self, text: str) -> str:
        """'CĐCS' → 'CĐCS (công đoàn cơ sở)'; 'công đoàn cơ sở' → 'công đoàn cơ sở (CĐCS)'."""
        if self._abbr_re is None:
            return text
        expansion_of, abbreviation_of = self.expansion_of, self.abbreviation_of

        def added(m: re.Match) -> str:
            # (A case-insensitive match may not lower-case to the table's key: "İ".)
            other = expansion_of[m.group(1)] if m.group(1) else abbreviation_of.get(m.group(2).lower(), "")
            # A document's first mention often gives both already: "Ban Chấp hành (BCH)".
            given = re.escape(other)
            if (
                not other
                or re.match(rf"\s*\(\s*{given}\s*\)", m.string[m.end() :], re.IGNORECASE)
                or re.search(rf"{given}\s*\(\s*$", m.string[max(0, m.start() - len(other) - 8) : m.start()], re.IGNORECASE)
            ):
                return m.group(0)
            return f"{m.group(0)} ({other})"

        return self._both_re.sub(added, text)

    def spell_out(self, text: str) -> str:
        """'CĐCS' → 'công đoàn cơ sở' (for the embedding model)."""
        if self._abbr_re is None:
            return text
        expansion_of = self.expansion_of
        text = self._abbr_re.sub(lambda m: expansion_of[m.group(1)], text)
        if self._glued_re is not None:
            text = self._glued_re.sub(lambda m: expansion_of[m.group(1)] + " ", text)
        return text


@cache
def load_abbreviations(path: Path = DATA) -> Abbreviations:
    if not path.exists():
        return Abbreviations()
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return Abbreviations.from_pairs([(r["abbr"].strip(), r["expansion"].strip()) for r in rows])
