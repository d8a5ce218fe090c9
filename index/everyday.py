"""Everyday words → the words the documents use ("tăng ca" → "làm thêm giờ", "bố mất" → "cha
chết"), from `index/data/everyday_vi.tsv`.

Officials and workers ask in their own words; laws and plans say it their way, and BM25 only
matches what is written. Each everyday phrase found in a Vietnamese question (as typed, or as
restored from plain letters) adds its legal wording to the lexical query; the dense query is
left alone (the model already relates many paraphrases, and every added variant costs an
embedding).

The table is not hand-picked for the test questions: `python -m bench.everyday --write` keeps
only the candidate pairs (bench/everyday_candidates.tsv) that improve retrieval of the tuning
pools' questions where they fire, and reports the held-out questions with and without it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ingest.normalize import normalize_text

DATA = Path(__file__).parent / "data" / "everyday_vi.tsv"


@dataclass(frozen=True)
class Everyday:
    pairs: tuple[tuple[str, str], ...] = ()
    _pattern: re.Pattern[str] | None = field(default=None, compare=False)

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, str]]) -> Everyday:
        pairs = [(normalize_text(a).lower(), normalize_text(b)) for a, b in pairs if a.strip() and b.strip()]
        if not pairs:
            return cls()
        longest_first = sorted({a for a, _ in pairs}, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(a) for a in longest_first) + r")(?!\w)")
        return cls(tuple(pairs), pattern)

    def legal_terms(self, text: str) -> list[str]:
        """The documents' wording for each everyday phrase in `text` (each once, in table order)."""
        if self._pattern is None:
            return []
        found = {m.group(1) for m in self._pattern.finditer(normalize_text(text).lower())}
        out: list[str] = []
        for everyday, legal in self.pairs:
            if everyday in found and legal not in out:
                out.append(legal)
        return out


def read_pairs(path: Path) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return [(r["everyday"], r["legal"]) for r in rows if r.get("everyday") and r.get("legal")]


@cache
def load_everyday(path: Path = DATA) -> Everyday:
    return Everyday.from_pairs(read_pairs(path))
