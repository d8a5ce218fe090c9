"""The responsibility map ("Ai làm gì") over a loaded index: who does what by when, across all
indexed documents.

    records = assignments(store)                 # every Assignment, in document order
    mine = filter_by_unit(records, "ban to chuc")  # accents, case and abbreviations do not matter
    units(records)                               # the distinct unit names, for a picker

Extraction runs at query time over the chunks already in the index (a few hundred clauses take
milliseconds), so an index built before this feature answers too and nothing is stored twice.
The text analysis lives in `index/assignments.py`; this module adds the abbreviation table
(spelled-out unit names) and the unit filter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from index.abbreviations import load_abbreviations
from index.assignments import Assignment, abbreviate, extract_assignments
from index.store import IndexStore
from ingest.document import Chunk, Document
from ingest.normalize import fold, normalize_text

__all__ = ["Assignment", "assignments", "assignments_from", "filter_by_unit", "spell_out_unit", "units"]


def spell_out_unit(unit: str) -> str:
    """'LĐLĐ tỉnh/thành phố' → 'Liên đoàn Lao động tỉnh/thành phố' (from index/data/abbreviations.tsv)."""
    full = load_abbreviations().spell_out(unit)
    return full[:1].upper() + full[1:]


def assignments_from(documents: Iterable[Document], chunks: Sequence[Chunk]) -> list[Assignment]:
    """Assignments of the given documents, each with its unit spelled out in `unit_full`."""
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_doc.setdefault(chunk.doc_id, []).append(chunk)
    out: list[Assignment] = []
    for doc in documents:
        for record in extract_assignments(doc, by_doc.get(doc.doc_id, [])):
            out.append(replace(record, unit_full=spell_out_unit(record.unit)))
    return out


def assignments(store: IndexStore) -> list[Assignment]:
    """Every assignment in the indexed documents, document by document in reading order."""
    return assignments_from(store.documents.values(), store.chunks)


def _key(text: str) -> str:
    return re.sub(r"[^\w/]+", " ", fold(normalize_text(text))).strip()


def unit_matches(unit: str, unit_full: str, query: str) -> bool:
    """Does a unit answer to what the user typed? 'ban to chuc', 'Ban Tổ chức Tổng Liên đoàn',
    'LĐLĐ', 'lien doan lao dong tinh' all find their units; every word typed must be there, whole
    and in its order ('ban to chuc tinh' finds "Ban Tổ chức LĐLĐ tỉnh"). Words scattered over
    another name do not: "Huyện đoàn" is not "Liên đoàn Lao động huyện"."""
    query = query.strip()
    if not query:
        return True
    names = {_key(unit), _key(unit_full), _key(abbreviate(unit_full))}
    forms = {_key(query), _key(abbreviate(query))}
    for form in forms:
        words = re.split(r"[\s/]+", form)
        for name in names:
            tokens = iter(re.split(r"[\s/]+", name))
            if words and all(w in tokens for w in words):  # consumes the iterator: in order
                return True
    return False


def filter_by_unit(records: Iterable[Assignment], text: str) -> list[Assignment]:
    """The records whose unit matches `text` (accents, case and abbreviations ignored)."""
    return [r for r in records if unit_matches(r.unit, r.unit_full or r.unit, text)]


def units(records: Iterable[Assignment]) -> list[str]:
    """Distinct unit names, most assigned first (ties alphabetical), for a unit picker."""
    counts: dict[str, int] = {}
    for r in records:
        counts[r.unit] = counts.get(r.unit, 0) + 1
    return sorted(counts, key=lambda u: (-counts[u], fold(u)))
