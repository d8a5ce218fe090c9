"""The values that flow through ingestion: a `Document` (one source file, cleaned, with its
metadata) and the `Chunk`s cut from it along its own numbering.

Data flows one way: file → `Document` → `Chunk` → indexes. These types carry no behaviour
beyond small derived properties, so they serialise to JSON as plain dicts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Chunk kinds. Only "clause" and "preamble" are content; "recipients" (Nơi nhận) and
#: "signature" are kept searchable ("ai ký kế hoạch 48?") but ranked below content.
CONTENT_KINDS = frozenset({"clause", "preamble"})
CHUNK_KINDS = frozenset({"clause", "preamble", "recipients", "signature"})

PATH_SEPARATOR = " › "
_NAMED_TYPES = frozenset({"LUẬT", "BỘ LUẬT", "PHÁP LỆNH", "HIẾN PHÁP"})


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

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def type_label(self) -> str:
        """'KẾ HOẠCH' → 'Kế hoạch', 'CHƯƠNG TRÌNH HÀNH ĐỘNG' → 'Chương trình hành động'."""
        if not self.doc_type:
            return "Văn bản"
        return self.doc_type[:1] + self.doc_type[1:].lower()

    def short_name(self) -> str:
        """How an official names the document in a report: type + number, else type + title."""
        if self.number:
            if self.doc_type in _NAMED_TYPES and self.title and len(self.title) <= 60:
                # Laws are cited by name: "Bộ luật Lao động 45/2019/QH14".
                return f"{self.type_label()} {self.title} {self.number}"
            return f"{self.type_label()} {self.number}"
        if self.title:
            title = self.title if len(self.title) <= 90 else self.title[:87].rstrip() + "…"
            return f"{self.type_label()} {title}"
        return self.type_label()

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
    # Line indices (lines = text.split("\n")) where the body starts after the header, and where
    # the closing block (Nơi nhận, signature) starts.
    body_start: int = 0
    closing_start: int = 0

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


def citation(meta: DocMeta, chunk: Chunk) -> str:
    """The line an official pastes into a report: `Kế hoạch 48-KH/ĐĐTLD › III. TỔ CHỨC THỰC HIỆN › 4.`"""
    return PATH_SEPARATOR.join([meta.short_name(), *chunk.path])
