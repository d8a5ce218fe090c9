"""Read documents of several formats into plain, not-yet-normalized text.

Output convention (consumed by the normalization/structure parser):

* paragraphs are separated by a blank line; a single ``\\n`` inside a
  paragraph is a soft line break (Word ``<w:br/>``, HTML ``<br>``, a visual
  line of a PDF page);
* a paragraph that is entirely bold, or has a Heading/Title style (Word), or
  an ``<h1>``..``<h6>`` (HTML), is wrapped as ``**text**`` — a heading hint,
  the same convention as the Markdown-ish seed texts;
* a table row is one line with its cells joined by ``" | "``; the rows of a
  table are consecutive lines forming one block; a Word table before any
  paragraph of text (the header block) gives one such line per paragraph or
  line break of its cells, paired by rank ("Số: 07/QĐ-CĐCS | Hà Nội, ngày …");
* line endings are ``\\n``; Unicode normalization is left to the caller.

Failures raise :class:`LoadError` with a short Vietnamese ``reason`` that the
UI/CLI can show as is; recoverable problems become ``LoadedText.warnings``.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import docx.document
from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, PreformattedString, Tag
from charset_normalizer import from_bytes
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.styles.style import BaseStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from pypdf import PasswordType, PdfReader

from ingest.docx_numbering import DocxNumbering, format_number
from ingest.metadata import (
    ACCENTED_CAPITALS,
    DOC_TYPES,
    NAME_WORDS,
    RECIPIENTS_START,
    SIGNED_BRACKET,
    SIGNED_NOTE,
    is_signed_note,
)
from ingest.normalize import ITEM_START, SENTENCE_END, STAMP_START, in_capitals
from ingest.structure import match_marker
from ingest.tcvn3 import converted as from_tcvn3

MAX_BYTES = 50 * 1024 * 1024

_FORMAT_BY_SUFFIX = {
    ".txt": "txt",
    ".md": "md",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_FORMAT_BY_SUFFIX)

UNSUPPORTED = "định dạng không hỗ trợ"
TCVN3_CONVERTED = (
    "văn bản gõ bằng bảng mã TCVN3 (phông .VnTime), đã chuyển sang Unicode; hãy kiểm tra dấu tiếng Việt"
)
# What to do with a file Word opens but this reader does not (.doc, and a .doc renamed .docx).
SAVE_AS_DOCX = "hãy mở bằng Word và lưu lại thành .docx"
# Word 97-2003 (.doc) files are OLE compound files; renamed to .docx they are not a zip at all.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A .docx is a zip: refuse archives that inflate far beyond the upload limit
# (zip bombs) before python-docx decompresses them into memory.
_MAX_DOCX_INFLATION = 10

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),  # the 'utf-16' codec consumes the BOM
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 control bytes that text files do not contain (tab, LF, VT, FF, CR excluded).
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x7F}
_MAX_CONTROL_RATIO = 0.05


class LoadError(Exception):
    """A file that cannot be read. `reason` is a short Vietnamese message for the UI/CLI, e.g. 'tệp rỗng'."""

    def __init__(self, path: Path, reason: str, detail: str = "") -> None:
        self.path = Path(path)
        self.reason = reason
        self.detail = detail
        message = f"{self.path.name}: {reason}"
        super().__init__(f"{message} ({detail})" if detail else message)


@dataclass(frozen=True)
class LoadedText:
    text: str  # decoded text, NOT yet normalized (the caller NFC-normalizes)
    format: str  # "txt" | "md" | "docx" | "pdf" | "html"
    warnings: tuple[str, ...] = ()  # Vietnamese, shown to the user


def load_file(path: str | Path, max_bytes: int = MAX_BYTES) -> LoadedText:
    """Read the file at `path` and return its text.

    The format comes from the suffix. The size is checked with ``stat`` before
    anything is read, so an oversized file is refused without loading it.
    Raises :class:`LoadError` for anything that cannot be turned into text.
    """
    path = Path(path)
    _format_of(path)  # refuse unsupported types before touching the disk
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(path, size, max_bytes)
        with path.open("rb") as f:
            # Read one byte past the limit: the file may have grown since stat().
            data = f.read(max_bytes + 1)
    except FileNotFoundError as e:
        raise LoadError(path, "không tìm thấy tệp") from e
    except IsADirectoryError as e:
        raise LoadError(path, "đây là thư mục, không phải tệp") from e
    except OSError as e:
        raise LoadError(path, "không mở được tệp", e.strerror or str(e)) from e
    return _load(data, path, max_bytes)


def load_bytes(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> LoadedText:
    """Same as :func:`load_file` for in-memory content (e.g. an upload).

    `name` is the original file name; only its suffix matters (format choice)
    and it is used in error messages.
    """
    return _load(data, Path(name), max_bytes)


def _load(data: bytes, path: Path, max_bytes: int) -> LoadedText:
    fmt = _format_of(path)
    if len(data) > max_bytes:
        raise _too_large(path, len(data), max_bytes)
    if not data:
        raise LoadError(path, "tệp rỗng")
    if fmt == "txt":
        text, warnings = _decode_text(data, path)
        text = _pipe_tables(text)
    elif fmt == "md":
        markdown, warnings = _decode_text(data, path)
        text = _without_markup(markdown)
    elif fmt == "html":
        text, warnings = _html_to_text(data, path)
    elif fmt == "docx" and data.startswith(_OLE_MAGIC):
        # A password-protected .docx is an OLE file too, holding an "EncryptedPackage" stream.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise LoadError(path, "tệp Word có mật khẩu", "hãy mở bằng Word, bỏ mật khẩu rồi lưu lại")
        raise LoadError(path, "tệp Word cũ (.doc) mang đuôi .docx", SAVE_AS_DOCX)
    elif fmt == "docx":
        text, warnings = _docx_to_text(data, path, max_bytes)
    else:
        text, warnings = _pdf_to_text(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    unicode = from_tcvn3(text)
    if unicode is not None:
        text, warnings = unicode, [*warnings, TCVN3_CONVERTED]
    if fmt in ("txt", "md"):
        text = _text_columns(_without_page_chrome(text))
    if not text.strip():
        raise LoadError(path, "tệp không có nội dung chữ")
    return LoadedText(text=text, format=fmt, warnings=tuple(warnings))


def _joined_cells(row: re.Match[str]) -> str:
    """A Markdown table row (its text between the outer pipes) as a Word table's ("cell | cell")."""
    return " | ".join(c.strip() for c in row.group(1).split("|"))


# Markdown's markup around text read line by line as a .txt is: "## Điều 1." is the heading
# "Điều 1.", "**…**", "*…*" and "> …" are the words, "* …" and "+ …" bullets. (Rendered as CommonMark, a
# file typed line by line would run its lines together into paragraphs.)
_MARKUP = (
    (re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$"), r"\1"),
    # A bullet whose item opens with its own number ("- 3.1. Về tiền ăn giữa ca: …") is that
    # numbered item: cited "3.", "3.1.", not five times "3.".
    # (Its number ends with a dot: "- 1.500.000 đồng …" and "- 10.5 triệu …" are bullets.)
    (re.compile(r"(?m)^([ \t]*)[-*+][ \t]+(?=\d{1,2}(?:\.\d{1,2})+\.[ \t])"), r"\1"),
    (re.compile(r"(?m)^([ \t]*)[*+][ \t]+"), r"\1- "),
    (re.compile(r"(?m)^[ \t]{0,3}(?:>[ \t]?)+"), ""),  # a quoted note ("> Lưu ý: …") is its words
    # (Emphasis opens on a word and closes after one: "(*)" note marks are not emphasis.)
    (re.compile(r"(?<!\w)(\*\*|__)(?=\w)(.+?)(?<=[\w.!?):])\1(?!\w)"), r"\2"),
    # A table: its separator row goes, its rows read as a Word table's ("cell | cell").
    (_TABLE_SEPARATOR := re.compile(r"(?m)^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?[ \t]*\n"), ""),
    (_TABLE_ROW := re.compile(r"(?m)^[ \t]*\|(.*?)\|?[ \t]*$"), _joined_cells),
    (re.compile(r"(?<![\w*])\*(?=\w)([^*\n]+?)(?<=[\w.!?):])\*(?![\w*])"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1"),
)


def _pipe_tables(text: str) -> str:
    """A .txt file's Markdown tables (_TABLE_BLOCK: rows between pipes, a separator row under the
    first) read as a Word table's rows ("1 | Đi trễ … | Khiển trách"), as a .md file's are; pipes
    without a separator row, or a single line, are left as typed."""

    def rows(m: re.Match[str]) -> str:
        block = m.group(0)
        if "\n" not in block.strip() or not _TABLE_SEPARATOR.search(block):
            return block
        return _TABLE_ROW.sub(_joined_cells, _TABLE_SEPARATOR.sub("", block))

    return _TABLE_BLOCK.sub(rows, text)


def _without_markup(text: str) -> str:
    text = _lists_under_numbered_headings(text)
    text = _TABLE_BLOCK.sub(_closing_table_by_columns, text)
    text = _BROKEN_ROW.sub(_rows_of_broken_cells, text)
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return _LINE_BREAK.sub("\n", text)


# A Markdown heading numbered "2." (or "2)"), and an ordered list item.
_NUMBERED_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+\**\d{1,3}[.)]\s")
_ANY_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]")
_ORDERED_ITEM = re.compile(r"^([ \t]{0,3})(\d{1,3})[.)][ \t]+(?=\S)")


def _lists_under_numbered_headings(text: str) -> str:
    """An ordered list under a numbered heading ("### 2. Các chỉ tiêu chủ yếu" / "1. Phấn đấu …",
    "2. …") is the heading's items, as Markdown's heading levels say; read as text its "1." would
    be the heading's sibling, and "II › 1." would cite both the heading "1. Mục tiêu chung" and the
    first target. Its items are numbered "(1)", "(2)", a style that nests under the heading."""
    out: list[str] = []
    under_number = False
    for line in text.split("\n"):
        if _ANY_HEADING.match(line):
            under_number = bool(_NUMBERED_HEADING.match(line))
        elif under_number and (m := _ORDERED_ITEM.match(line)):
            line = f"{m.group(1)}({m.group(2)}) {line[m.end():]}"
        out.append(line)
    return "\n".join(out)


# A Markdown table typed over several rows (one line each, no "<br>").
_TABLE_BLOCK = re.compile(r"(?m)(?:^[ \t]*\|.*\|[ \t]*\n?)+")
_SEPARATOR_ROW = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|?)+[ \t]*$")
# What a signature column holds: a copy's "(Đã ký)" or a form's "(Ký, ghi rõ họ tên)" as a whole
# cell, a signing capacity in capitals ("TM. BAN CHẤP HÀNH", "GIÁM ĐỐC"), the signer's name.
_SIGNATURE_NOTE = re.compile(rf"^{SIGNED_BRACKET}$|^[Đđ]ã ký$")
# (Its body may open with an accented capital: "TM. ỦY BAN KIỂM TRA".)
_CAPACITY_CELL = re.compile(rf"^(?:T/M|T/L|K/T|TM\.|T\.M\.|KT\.|TL\.|TUQ\.|Q\.)\s*[A-ZĐ{ACCENTED_CAPITALS}]")


def _signature_column(cells: list[str]) -> bool:
    """Cells that are one signature, top to bottom: capacities in capitals, the note, the name;
    and at least a capacity or a note (a column of names alone is a list of people)."""
    marked = any(_SIGNATURE_NOTE.match(c) or (_CAPACITY_CELL.match(c) and in_capitals(c, 4)) for c in cells)
    # (A petitioner signs with the end of the name over the full one: "Hùng" or "Thu Hà" over
    # "Lâm Thị Thu Hà".)
    signed = {k for k, c in enumerate(cells[:-1]) if len(c.split()) <= 2 and c[:1].isupper() and cells[k + 1].endswith(" " + c)}
    return marked and all(
        _SIGNATURE_NOTE.match(c) or in_capitals(c, 4) or _NAME_CELL.match(c) or k in signed for k, c in enumerate(cells)
    )


def _closing_table_by_columns(m: re.Match[str]) -> str:
    """A closing table typed in Markdown over several rows ("| Nơi nhận: | TM. BAN CHẤP HÀNH |",
    "| - Các ủy viên BCH; | (đã ký) |", …, or the signature alone in the right column) is read
    column after column, as a Word closing table is read cell after cell: row by row, the
    recipients would run on into the signer's capacity and name, and a right column alone would
    stay a table row glued to the last clause. It is one when every column but a first "Nơi
    nhận" one is a signature (_signature_column); any table of data is left as it is ("| Công ty
    … | 1.200 | Đã ký |", "| Họ và tên | Chức vụ | Ký tên |")."""
    block = m.group(0)
    rows = [
        [_MARKUP_FREE.sub("", c).strip() for c in line.strip().strip("|").split("|")]
        for line in block.splitlines()
        if line.strip() and not _SEPARATOR_ROW.match(line)
    ]
    width = max((len(r) for r in rows), default=0)
    if not rows or width > 3 or len(rows) > 15 or any("<br" in c.lower() for r in rows for c in r):
        return block
    columns = [[r[i] for r in rows if i < len(r) and r[i]] for i in range(width)]
    recipients = bool(columns[0]) and bool(_RECIPIENTS_CELL.match(columns[0][0]))
    signed = [col for col in columns[1 if recipients else 0 :] if col]
    if not signed or not all(_signature_column(col) for col in signed):
        return block
    return "\n".join(c for col in columns for c in col) + ("\n" if block.endswith("\n") else "")


# A table row whose cells hold line breaks ("LIÊN ĐOÀN LAO ĐỘNG HUYỆN<br>CÔNG ĐOÀN CÔNG TY … |
# CỘNG HÒA …<br>Độc lập …"), as a header table is typed in Markdown: one row per line, the cells'
# lines side by side, as a Word header table's rows are read.
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BROKEN_ROW = re.compile(r"(?m)^[ \t]*\|.*<br\s*/?>.*$", re.IGNORECASE)
_MARKUP_FREE = re.compile(r"[*_`]+")


def _rows_of_broken_cells(m: re.Match[str]) -> str:
    cells = [_LINE_BREAK.split(c) for c in m.group(0).strip().strip("|").split("|")]
    if _RECIPIENTS_CELL.match(_MARKUP_FREE.sub("", cells[0][0]).strip()):
        # The closing table ("**Nơi nhận:**<br>- …" | "**TM. BAN THƯỜNG VỤ**<br>…"): one cell after
        # the other, as a Word closing table is read; side by side, the recipients would run on
        # into the signer's capacity and name.
        return "\n".join(line.strip() for cell in cells for line in cell if line.strip())
    height = max(len(c) for c in cells)
    if not _HEADER_TABLE.search(m.group(0)):
        # A data table's row keeps its columns: an empty "chủ trì" cell stays one.
        return "\n".join("| " + " | ".join(c[i].strip() if i < len(c) else "" for c in cells) + " |" for i in range(height))
    # A header table's empty cell is left out, as a Word header table's is: no dangling "|".
    rows = (_join_cells(c[i] if i < len(c) else "" for c in cells) for i in range(height))
    return "\n".join(f"| {row} |" for row in rows if row)


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in _FORMAT_BY_SUFFIX:
        detail = "chỉ hỗ trợ " + ", ".join(sorted(SUPPORTED_SUFFIXES))
        if suffix == ".doc":
            detail += f"; {SAVE_AS_DOCX}"
        raise LoadError(path, UNSUPPORTED, detail)
    return _FORMAT_BY_SUFFIX[suffix]


def _too_large(path: Path, size: int, max_bytes: int) -> LoadError:
    mb = 1024 * 1024
    return LoadError(path, "tệp quá lớn", f"{size / mb:.1f} MB, tối đa {max_bytes / mb:.1f} MB")


# --------------------------------------------------------------------------
# Plain text (.txt, .md) and encoding detection


def _decode_text(data: bytes, path: Path, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode bytes of unknown encoding; returns (text, warnings).

    Order: BOM, strict UTF-8, UTF-16 by its NUL-byte pattern, the binary
    check, a `declared` charset (HTML meta), then Windows-1258 — the legacy
    Vietnamese code page, which yields base letters + combining tone marks
    (fine: the caller NFC-normalizes).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), []
            except UnicodeDecodeError as e:
                raise LoadError(path, "tệp văn bản bị lỗi mã hoá", f"{codec}: {e.reason}") from e
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    utf16 = _guess_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), []
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise LoadError(path, "tệp nhị phân, không phải văn bản")
    if declared:
        try:
            return data.decode(declared), []
        except (LookupError, UnicodeDecodeError):
            pass  # wrong or unknown label: fall back to detection
    # Mostly valid UTF-8 with a few broken bytes (bad copy/paste, truncation):
    # re-reading it all as cp1258 would garble every Vietnamese letter.
    lossy = data.decode("utf-8", errors="replace")
    broken = lossy.count("\ufffd")
    if sum(ch > "\x7f" for ch in lossy) - broken >= 10 * broken:
        return lossy, [f"có {broken} chỗ lỗi mã UTF-8, đã thay bằng ký tự �"]
    # TCVN3 bytes are read as Latin-1 and converted; as cp1258 some would turn into tone marks.
    unicode = from_tcvn3(data.decode("latin-1"))
    if unicode is not None:
        return unicode, [TCVN3_CONVERTED]
    try:
        return data.decode("cp1258"), ["tệp không phải UTF-8, đã đọc theo bảng mã Windows-1258"]
    except UnicodeDecodeError:
        pass
    # Last resort, for other legacy encodings; charset-normalizer is deterministic.
    best = from_bytes(data).best()
    if best is None:
        raise LoadError(path, "không nhận diện được bảng mã của tệp văn bản")
    return str(best), [f"không rõ bảng mã, đã đoán là {best.encoding}; hãy kiểm tra dấu tiếng Việt"]


def _guess_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NULs sit on one byte parity, as in BOM-less UTF-16.

    Vietnamese text is mostly ASCII letters and spaces, whose high byte is 0;
    letters like 'ạ' (U+1EA1) have none, hence the modest 30 % threshold.
    """
    if len(data) < 2 or len(data) % 2:
        return None
    sample = data[:4096]
    half = len(sample) / 2
    even_nuls = sample[0::2].count(0) / half
    odd_nuls = sample[1::2].count(0) / half
    if odd_nuls >= 0.3 and even_nuls <= 0.02:
        return "utf-16-le"
    if even_nuls >= 0.3 and odd_nuls <= 0.02:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if 0 in sample:
        return True
    controls = sum(b in _CONTROL_BYTES for b in sample)
    return controls / len(sample) > _MAX_CONTROL_RATIO


# --------------------------------------------------------------------------
# HTML

_HTML_DROP = ("script", "style", "nav", "header", "footer", "noscript", "template", "head", "svg", "iframe")
_HTML_BLOCKS = frozenset(
    {
        "[document]", "html", "body", "main", "section", "article", "aside", "div", "p", "blockquote",
        "address", "center", "form", "fieldset", "figure", "figcaption", "hr",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr",
    }
)  # fmt: skip
_HTML_HEADINGS = frozenset(f"h{i}" for i in range(1, 7))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def _html_to_text(data: bytes, path: Path) -> tuple[str, list[str]]:
    match = _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii").lower() if match else None
    markup, warnings = _decode_text(data, path, declared)
    soup = BeautifulSoup(markup, "lxml")
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()

    blocks: list[str] = []  # finished paragraphs
    line: list[str] = []  # inline text of the paragraph being built

    # The number of the list item being read, until its first paragraph takes it: an item often
    # wraps its text in <p>, which is a block of its own.
    label: list[str] = []

    def flush() -> None:
        text = "\n".join(_SPACES.sub(" ", part).strip() for part in "".join(line).split("\n"))
        text = re.sub(r"\n{2,}", "\n", text).strip()
        if text:
            if label:
                text = f"{label.pop()} {text}"
            blocks.append(text)
        line.clear()

    ordered: dict[int, str] = {}  # id(<li>) → the number the browser shows ("3.", "b.")
    # Iterative walk: deeply nested markup must not hit the recursion limit.
    # None marks the end of a block element.
    stack: list[PageElement | None] = [soup]
    while stack:
        node = stack.pop()
        if node is None:
            flush()
            continue
        if node is _END_OF_ITEM:
            label.clear()  # an item with no text does not pass its number on
            continue
        if not isinstance(node, Tag):
            # Skips comments, doctype, CDATA, processing instructions.
            if isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
                line.append(_SPACES.sub(" ", str(node)))
            continue
        name = node.name
        if name == "br":
            line.append("\n")
        elif name in _HTML_HEADINGS:
            flush()
            heading = _SPACES.sub(" ", node.get_text(" ")).strip()
            if heading:
                blocks.append(f"**{heading}**")
        elif name == "pre":  # keep its line breaks
            flush()
            pre = "\n".join(ln.strip() for ln in node.get_text().splitlines() if ln.strip())
            if pre:
                blocks.append(pre)
        elif name == "tr":
            flush()
            row = _join_cells(c.get_text(" ") for c in node.find_all(("td", "th"), recursive=False))
            if row:
                blocks.append(row)
        elif name in _HTML_BLOCKS:
            flush()
            if name == "ol":
                ordered.update(_ordered_list_labels(node))
            number = ordered.get(id(node)) if name == "li" else None
            if number and not _LIST_LABEL.match(node.get_text(" ").strip()):
                label[:] = [number]
                stack.append(_END_OF_ITEM)
            stack.append(None)  # flush after the children
            stack.extend(reversed(node.contents))
        else:  # inline element
            stack.extend(reversed(node.contents))
    flush()
    return "\n\n".join(blocks), warnings


_END_OF_ITEM = object()  # walk marker: the list item whose number is pending has ended
# A list item that already writes its own number ("1.", "a)", "Điều 3.") keeps it as is.
_LIST_LABEL = re.compile(r"^(?:Điều\s+)?(?:\d+|[a-zđA-ZĐ]|[IVXLCivxlc]+)[.)]\s", re.IGNORECASE)
_OL_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def _ordered_list_labels(ol: Tag) -> dict[int, str]:
    """The numbers a browser shows before the items of an <ol> (start, type, reversed and an
    item's own value honoured), so numbered clauses keep their numbers as text."""
    items = ol.find_all("li", recursive=False)
    fmt = _OL_FORMATS.get(str(ol.get("type", "1")).strip(), "decimal")
    step = -1 if ol.has_attr("reversed") else 1
    start = _html_int(ol.get("start"))
    value = start if start is not None else (len(items) if step < 0 else 1)
    labels: dict[int, str] = {}
    for li in items:
        own = _html_int(li.get("value"))
        if own is not None:
            value = own
        labels[id(li)] = f"{format_number(value, fmt)}."
        value += step
    return labels


def _html_int(value: object) -> int | None:
    try:
        return int(str(value).strip()) if value is not None else None
    except ValueError:
        return None


def _join_cells(cells: Iterable[str]) -> str:
    """One table row as 'a | b | c': skip empty cells and a merged cell's repeats."""
    out: list[str] = []
    for cell in cells:
        text = _SPACES.sub(" ", cell).strip()
        if text and (not out or out[-1] != text):
            out.append(text)
    return " | ".join(out)


# --------------------------------------------------------------------------
# Word (.docx)


def _docx_to_text(data: bytes, path: Path, max_bytes: int) -> tuple[str, list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            inflated = sum(info.file_size for info in zf.infolist())
        if inflated > _MAX_DOCX_INFLATION * max_bytes:
            raise _too_large(path, inflated, _MAX_DOCX_INFLATION * max_bytes)
        document = docx.Document(io.BytesIO(data))
    except LoadError:
        raise
    except Exception as e:  # BadZipFile, KeyError (missing part), XMLSyntaxError, ValueError...
        raise LoadError(path, "tệp Word bị hỏng hoặc không đọc được", f"{type(e).__name__}: {e}") from e

    styles = _DocxStyles(document)
    numbering = DocxNumbering(document)
    blocks: list[str] = []
    # Tables before the first paragraph of text are the header block (issuer and "Số: …" beside
    # the national motto and the date): metadata reads it line by line, as in a PDF.
    in_header = True
    paragraphs = 0  # with text so far: a header typed with tabs is among the first few
    for element in _docx_blocks(document.element.body):
        if element.tag == qn("w:p"):
            text = _docx_paragraph(Paragraph(element, document), styles, numbering, paragraphs < _TABBED_HEADER_LINES)
            paragraphs += bool(text)
            in_header = in_header and not text
        else:
            table = Table(element, document)
            text = _docx_table(table, styles, numbering, header=in_header and _looks_like_header(table))
        if text:
            blocks.append(text)
    warnings = []
    # e.g. 145/2020/NĐ-CP attaches its appendix forms as an embedded .docx.
    embedded = len(document.element.body.xpath(".//w:object"))
    if embedded:
        warnings.append(
            f"có {embedded} đối tượng nhúng (tệp/bảng tính đính kèm), nội dung của chúng không được đọc"
        )
    return "\n\n".join(blocks), warnings


def _docx_blocks(parent: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """Paragraphs and tables in document order, including those inside content
    controls (python-docx's .paragraphs/.tables split the two and skip those)."""
    for child in parent.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            yield from _docx_blocks(child)


# Every run of a paragraph, also those python-docx's Paragraph.runs misses
# (inside hyperlinks, tracked insertions, smart tags, fields, content
# controls), but not deleted text nor text boxes anchored in the paragraph.
_RUNS_XPATH = ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:txbxContent)]"


def _docx_runs(p: BaseOxmlElement, parent: Paragraph | Table) -> list[Run]:
    return [Run(r, parent) for r in p.xpath(_RUNS_XPATH)]


class _DocxStyles:
    """Bold/heading flags of a document's styles, looked up by style id.

    python-docx's ``paragraph.style``/``run.style`` scan the whole styles part
    in Python on every call: seconds on a large styles.xml (145/2020/NĐ-CP).
    """

    def __init__(self, document: docx.document.Document) -> None:
        kinds = (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER)  # numbering styles have no font
        self._by_id = {s.style_id: s for s in document.styles if s.type in kinds}
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.default_paragraph = default.style_id if default is not None else None

    def _chain(self, style_id: str | None) -> Iterable[BaseStyle]:
        seen: set[str] = set()  # basedOn loops exist in the wild
        while style_id and style_id in self._by_id and style_id not in seen:
            seen.add(style_id)
            style = self._by_id[style_id]
            yield style
            style_id = style.element.basedOn_val

    def is_heading(self, style_id: str | None) -> bool:
        return any((s.name or "").lower().startswith(("heading", "title")) for s in self._chain(style_id))

    def bold(self, style_id: str | None) -> bool | None:
        return next((s.font.bold for s in self._chain(style_id) if s.font.bold is not None), None)

    def run_is_bold(self, run: Run, paragraph_style_id: str | None) -> bool:
        # Direct formatting wins, then the run's character style, then the paragraph's style.
        for bold in (run.bold, self.bold(run._r.style), self.bold(paragraph_style_id)):
            if bold is not None:
                return bold
        return False


def _docx_paragraph(paragraph: Paragraph, styles: _DocxStyles, numbering: DocxNumbering, header: bool = False) -> str:
    runs = _docx_runs(paragraph._p, paragraph)
    style_id = paragraph._p.style or styles.default_paragraph
    # Counted even when the paragraph turns out empty: Word numbers empty list items too.
    label = numbering.label(paragraph._p, style_id)
    raw = "".join(run.text for run in runs).split("\n")
    lines = [(_tabbed_header(line) if header else line).replace("\t", " ").strip() for line in raw]
    text = "\n".join(line for line in lines if line)
    if not text:
        return ""
    if label:
        text = f"{label} {text}"
    if styles.is_heading(style_id):
        return f"**{text}**"
    inked = [run for run in runs if run.text.strip()]
    if inked and all(styles.run_is_bold(run, style_id) for run in inked):
        return f"**{text}**"
    return text


# What a header block's table holds: the number, the motto, "ngày … tháng … năm".
_HEADER_TABLE = re.compile(
    r"\bS[ốo]\s*:|CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐẢNG CỘNG SẢN VIỆT NAM|ng[àa]y\s+\S+\s+th[áa]ng", re.IGNORECASE
)
_TAB_RUN = re.compile(r"\s*\t[\t ]*")
# A header block typed with tabs is within a document's first paragraphs (issuer, motto, number and
# date, each up to two lines): only there is a tab a column.
_TABBED_HEADER_LINES = 8


def _tabbed_header(line: str) -> str:
    """A header line typed as two columns with tabs ("CÔNG TY TNHH …<tab><tab>CỘNG HÒA XÃ HỘI …",
    "Số: 02/2025/TƯLĐTT<tab>Bình Dương, ngày …") as the row of a header table ("left | right"),
    so the issuer, the number and the place-date stay apart; other lines are left to the caller,
    which makes their tabs spaces."""
    parts = [p.strip() for p in _TAB_RUN.split(line) if p.strip()]
    if len(parts) == 2 and any(_HEADER_TABLE.search(p) for p in parts):
        return " | ".join(parts)
    return line


# Columns of a plain-text file: a tab, or a run of three spaces or more.
_COLUMN_GAP = re.compile(r"\t[\t ]*| {3,}")
def _columns(line: str) -> list[str]:
    """The columns of a plain-text line (_COLUMN_GAP), empty ones and a Party header's star under
    its body ("*") left out."""
    return [p.strip() for p in _COLUMN_GAP.split(line.strip()) if p.strip() and p.strip() != "*"]


# A signature block's cell: a capacity in capitals ("ĐẠI DIỆN NGƯỜI SỬ DỤNG LAO ĐỘNG", "GIÁM ĐỐC"),
# a person's name (after a copy's "(đã ký)"), or that note alone.
_NAME_CELL = re.compile(rf"^{SIGNED_NOTE}?{NAME_WORDS}$")
_TYPE_CELL = re.compile(r"^(?:" + "|".join(DOC_TYPES) + r")\b")


def _text_columns(text: str) -> str:
    """A plain-text header or signature block typed in two or three columns with tabs or spaces
    ("CÔNG TY …      CỘNG HÒA XÃ HỘI …", "CHỦ TỊCH CÔNG ĐOÀN      GIÁM ĐỐC", "Nguyễn Thị Lan
    Trần Văn Minh") as rows of a Word table ("left | right"): otherwise the cleaning joins the
    columns into one line and the two parties' names into one "name". Only there: a header line is
    among the first few, before any numbered part, and has a header cell (number, motto, date) but
    is not the type line ("BÁO CÁO      Số: 12/BC-CĐ"), a legal basis or an incoming stamp; a
    signature line comes after the last numbered part and is made of capacities and names. Wide
    spaces elsewhere (justified text, a plan's table) stay spaces."""
    lines = text.split("\n")
    numbered = [i for i, line in enumerate(lines) if match_marker(line.strip())]
    first = numbered[0] if numbered else len(lines)
    # The body ends at its recipients ("Nơi nhận:"): a list attached after the signature ("DANH
    # SÁCH BAN CHẤP HÀNH …" / "1. Ông …") is numbered too, and does not move the signature.
    closing = next((i for i in range(first, len(lines)) if RECIPIENTS_START.match(lines[i].strip())), len(lines))
    last = max((i for i in numbered if i < closing), default=-1)
    typed = 0  # non-empty lines so far
    for i, line in enumerate(lines):
        typed += bool(line.strip())
        parts = _columns(line)
        if not 2 <= len(parts) <= 3:
            continue
        header = (
            i < first
            and typed <= _TABBED_HEADER_LINES
            and any(_HEADER_TABLE.search(p) for p in parts)
            and not (_TYPE_CELL.match(parts[0]) or STAMP_START.match(line.strip()) or parts[0].startswith("Căn cứ"))
        )
        if header or (i > last and all(_is_signature_cell(p) for p in parts)):
            lines[i] = " | ".join(parts)
    return "\n".join(_closing_columns(lines, last))


# What a web page puts around a text copied from it. Above the text: the path to the page ("Trang
# chủ » Văn bản » …"), its counters ("Ngày đăng: … | Lượt xem: 3.218"), a row of its buttons or tabs
# ("Tải văn bản   In   Chia sẻ   Lưu văn bản") and its login notice. Each is a whole line no
# document has: a subject "V/v chia sẻ …" or a step "Tải về ứng dụng …" is not one.
_PAGE_PATH = re.compile(r"^\s*Trang chủ\s*[>»/|]|\S\s+[»>]\s+\S.*\s[»>]\s+\S")
_PAGE_COUNTERS = re.compile(r"\b(?:Ngày đăng|Lượt xem|Lượt tải|Cập nhật lúc)\s*:", re.IGNORECASE)
_PAGE_LOGIN = re.compile(r"\bBạn (?:chưa|cần|phải) đăng nhập", re.IGNORECASE)
_PAGE_BUTTON = (
    r"Tải văn bản|Tải về|In bài viết|In văn bản|In|Chia sẻ|Lưu văn bản|Tóm tắt|Nội dung|VB gốc|Văn bản gốc|Tiếng Anh"
    r"|Hiệu lực|VB liên quan|Văn bản liên quan|Văn bản tiếng Anh|VB tiếng Anh|Lược đồ|Facebook|Zalo|Email|Bình luận"
)
_PAGE_BUTTONS = re.compile(rf"^[\s|/•·-]*(?:(?:{_PAGE_BUTTON})[\s|/•·:-]*){{2,}}$", re.IGNORECASE)
# Below the text, the page's footer: sharing links, related pages, copyright, a disclaimer, a login
# notice (any of these marks the run as the page's), with a source line and separators beside
# them. A closing sentence about sharing, a report's own "Nguồn: …" line stay.
_PAGE_FOOTER = re.compile(
    r"^(?:©|Bản quyền|Copyright|Bài viết liên quan|Tin liên quan|Văn bản liên quan|Bạn (?:chưa|cần|phải) đăng nhập"
    r"|Chia sẻ\s*(?::|qua\b))|mang tính chất tham khảo|(?:Facebook|Zalo|Email)\s*\|",
    re.IGNORECASE,
)
_PAGE_FOOTER_BESIDE = re.compile(r"^(?:Nguồn\s*:|In văn bản|In bài viết|Tải về|[-_=*]{3,}$)", re.IGNORECASE)
# The national motto that opens a document's own header block (in capitals: "… của Đảng Cộng sản
# Việt Nam" in a sentence is not it).
_MOTTO_LINE = re.compile(r"CỘNG H[ÒO]A XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM")
_PAGE_HEAD_LINES = 30  # non-empty lines in which a copied page's own lines come before the document


def _is_page_line(line: str) -> bool:
    return bool(
        _PAGE_PATH.search(line) or _PAGE_COUNTERS.search(line) or _PAGE_LOGIN.search(line) or _PAGE_BUTTONS.match(line)
    )


def _without_page_chrome(text: str) -> str:
    """A document copied from a web page without the page around it. Above the text: every line
    up to the page's last such line when the document's own header block (its motto) follows
    within the first lines, since the page's title, tabs and record ("Số hiệu: … Người ký: …")
    repeat what the header says (else only the page's own lines go: a portal's record is then the
    one place the number and date are written). Below it: the trailing run of the page's footer.
    Lines of the text itself stay."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    head = filled[:_PAGE_HEAD_LINES]
    motto = next((i for i in head if _MOTTO_LINE.search(lines[i])), None)
    chrome = [i for i in head if (motto is None or i < motto) and _is_page_line(lines[i].strip())]
    if chrome and motto is not None:
        # The header's issuer is typed on the line(s) above the motto, after the page's last line.
        lines = lines[chrome[-1] + 1 :]
    elif chrome:
        dropped = set(chrome)
        lines = [line for i, line in enumerate(lines) if i not in dropped]
    # The trailing run of blank lines, footer lines and lines beside them goes, if it holds a
    # footer line; the text's own lines above it stay.
    end, footer = len(lines), False
    while end:
        last = lines[end - 1].strip()
        # (A row of the page's buttons, "Lược đồ | Văn bản gốc | Tải về", is its footer too.)
        page_line = bool(last) and bool(_PAGE_FOOTER.search(last) or _PAGE_BUTTONS.match(last))
        if last and not page_line and not _PAGE_FOOTER_BESIDE.match(last):
            break
        end -= 1
        footer = footer or page_line
    return "\n".join(lines[:end]) + "\n" if footer else "\n".join(lines)


# A recipients list's item typed in the left column ("- Các ban;", "+ Lưu: VT", "Lưu: VT, TC.").
_RECIPIENT_ITEM = re.compile(r"^(?:[-+•*]|Lưu\b)")


def _closing_columns(lines: list[str], last: int) -> list[str]:
    """A closing block typed in two columns, the recipients on the left and the signature on the
    right ("Nơi nhận:        TM. BAN THƯỜNG VỤ", "- Các ban;        PHÓ CHỦ TỊCH", then the name
    alone far to the right), as the recipients' lines and then the signature's: read line by line,
    the signer's capacity went into the recipients list and the signature kept only the name."""
    for i in range(last + 1, len(lines)):
        parts = _columns(lines[i])
        if len(parts) == 2 and RECIPIENTS_START.match(parts[0]) and _is_signature_cell(parts[1]):
            break
    else:
        return lines
    left: list[str] = []
    right: list[str] = []
    end = i
    while end < len(lines):
        line = lines[end]
        parts = _columns(line)
        if not parts:
            end += 1
            continue
        if len(parts) == 2 and _is_signature_cell(parts[1]):
            left.append(parts[0])
            right.append(parts[1])
        elif len(parts) == 1 and re.match(r"[ \t]{3,}", line) and _is_signature_cell(parts[0]):
            right.append(parts[0])  # the right column alone: the note, the name
        elif len(parts) == 1 and (_RECIPIENT_ITEM.match(parts[0]) or end == i):
            left.append(parts[0])
        elif (
            len(parts) == 1
            and left
            and line[:1] in " \t"
            and lines[end - 1].strip()
            and not left[-1].endswith((";", ".", ":"))
            and not _is_signature_cell(parts[0])
        ):
            # A recipient wrapped onto an indented line ("- Các CĐ ngành TW và tương đương," /
            # "  CĐ TCT trực thuộc TLĐ;").
            left[-1] = f"{left[-1]} {parts[0]}"
        else:
            break
        end += 1
    return [*lines[:i], *left, *right, *lines[end:]]


def _is_signature_cell(cell: str) -> bool:
    return (
        in_capitals(cell, 4)
        or bool(_NAME_CELL.match(cell))
        or is_signed_note(cell)
        or bool(_SIGN_HERE.match(cell))
    )


# A form's line under a capacity telling the signer what to do: "(Ký, ghi rõ họ tên)", "(Ký tên,
# đóng dấu)".
_SIGN_HERE = re.compile(r"^\(\s*(?:chữ\s+)?(?:ký|kí)\b[^()]*\)$", re.IGNORECASE)


def _looks_like_header(table: Table) -> bool:
    """A table at the top that is a header block (at most two columns, with the number, the motto
    or the date), not a plan or form that starts with its data table."""
    rows = table._tbl.tr_lst
    if not rows or max(len(tr.tc_lst) for tr in rows) > 2:
        return False
    return bool(_HEADER_TABLE.search(" ".join(tc.xpath("string(.)") for tr in rows for tc in tr.tc_lst)))


def _docx_table(table: Table, styles: _DocxStyles, numbering: DocxNumbering, header: bool = False) -> str:
    """A table's rows, one line each with the cell texts joined by " | ".

    A `header` table is read line by line instead: a cell's paragraphs (and soft line breaks)
    stay apart, side by side with the other cells' lines of the same rank ("CÔNG ĐOÀN CƠ SỞ … |
    Độc lập - Tự do - Hạnh phúc", "Số: 07/QĐ-CĐCS | Vân Hà, ngày …"), so that "Số:" opens a line
    instead of ending a run-on issuer cell.
    """
    rows: list[str] = []
    # A vertically merged cell repeats on every row it spans; only the first ("restart") holds
    # the text.
    table_cells = [
        [_docx_cell_texts(tc, table, styles, numbering) for tc in tr.tc_lst if tc.vMerge in (None, "restart")]
        for tr in table._tbl.tr_lst
    ]
    # The closing table ("Nơi nhận: …" | "TM. CHÍNH PHỦ …", in one row or several).
    closing = any(cells and _RECIPIENTS_CELL.match(next((t for t in cells[0] if t.strip()), "")) for cells in table_cells)
    for cells in table_cells:
        if header:
            columns = [[ln for text in cell for ln in _header_lines(text)] for cell in cells]
            depth = max((len(column) for column in columns), default=0)
            for k in range(depth):
                row = _join_cells(column[k] if k < len(column) else "" for column in columns)
                if row:
                    rows.append(row)
        elif closing or _signatures(cells):
            # One cell after the other, a paragraph per line, as a text file types it; joined, the
            # recipients' list would run on into the signer's capacity and name, and a capacity
            # into its name ("… CÔNG ĐOÀN CƠ SỞ CHỦ TỊCH (Đã ký) Nguyễn Thị Thu Hằng").
            rows.extend(ln for cell in cells for text in cell for ln in _header_lines(text))
        elif len(cells) >= 3:
            # A data table's row keeps its columns: a checklist's "x" under "Có" or under "Không",
            # a task table's empty "phối hợp" cell, two cells alike ("x | x") are not one.
            texts = [_SPACES.sub(" ", " ".join(cell)).strip() for cell in cells]
            while texts and not texts[-1]:
                texts.pop()
            if any(texts):
                rows.append(" | ".join(texts))
        else:
            row = _join_cells(" ".join(cell) for cell in cells)
            if row:
                rows.append(row)
    return "\n".join(rows)


_RECIPIENTS_CELL = re.compile(r"^\s*Nơi nhận\b", re.IGNORECASE)
_SIGNED_LINE = re.compile(rf"^(?:{SIGNED_NOTE}|{SIGNED_BRACKET})")
_NAME_LINE = re.compile(rf"^{NAME_WORDS}$")


def _signatures(cells: list[list[str]]) -> bool:
    """Whether a table row holds two signatures or more: cells of several paragraphs, each with
    the note that it was signed ("(Đã ký)", "(Ký, ghi rõ họ tên)") or ending in a person's name
    under a capacity in capitals."""

    def signed(cell: list[str]) -> bool:
        lines = [ln for text in cell for ln in _header_lines(text)]
        return len(lines) >= 2 and (
            any(_SIGNED_LINE.match(ln) for ln in lines) or (in_capitals(lines[0]) and bool(_NAME_LINE.match(lines[-1])))
        )

    return len(cells) >= 2 and sum(signed(cell) for cell in cells) >= 2


def _docx_cell_texts(
    tc: BaseOxmlElement, table: Table, styles: _DocxStyles, numbering: DocxNumbering
) -> list[str]:
    """The text of every paragraph of a cell, including those of nested tables, with its list label."""
    texts = []
    for p in tc.xpath(".//w:p[not(ancestor::w:txbxContent)]"):
        label = numbering.label(p, p.style or styles.default_paragraph)
        text = "".join(run.text for run in _docx_runs(p, table))
        texts.append(f"{label} {text}" if label and text.strip() else text)
    return texts


# The rule drawn under the issuer and the motto ("-------", "_____").
_RULE_LINE = re.compile(r"[-–—_=.*\s]*")


def _header_lines(text: str) -> list[str]:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if not _RULE_LINE.fullmatch(line)]  # also drops empty lines


# --------------------------------------------------------------------------
# PDF


# pypdf logs what it repairs in a malformed PDF ("invalid pdf header", "EOF marker not found") in
# English; with no handler configured Python prints that on the user's terminal. The Vietnamese
# skip line or warning already says what matters, so pypdf's log goes nowhere.
_PYPDF_LOG = logging.getLogger("pypdf")
_PYPDF_LOG.addHandler(logging.NullHandler())
_PYPDF_LOG.propagate = False

_PDF_SPACES = re.compile(r"[ \t\u00a0]{2,}")


def _pdf_to_text(data: bytes, path: Path) -> tuple[str, list[str]]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many official PDFs only carry an owner password (printing/copy
            # restrictions) and open with an empty user password.
            try:
                opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
            except Exception as e:  # unsupported algorithm
                raise LoadError(path, "PDF được bảo vệ bằng mật khẩu", f"{type(e).__name__}: {e}") from e
            if not opened:
                raise LoadError(path, "PDF được bảo vệ bằng mật khẩu")
        pages = list(reader.pages)
    except LoadError:
        raise
    except Exception as e:  # pypdf raises many types on malformed input
        raise LoadError(path, "tệp PDF bị hỏng hoặc không đọc được", f"{type(e).__name__}: {e}") from e

    texts: list[str] = []
    warnings: list[str] = []
    last_row = 0  # a table going on over a page break numbers on
    for number, page in enumerate(pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as e:  # one broken page should not lose the others
            warnings.append(f"trang {number} không đọc được ({type(e).__name__}), đã bỏ qua")
            continue
        if text.strip():
            # Justified lines are spread with word spacing, which pypdf turns
            # into runs of spaces ("Điều  105.  Thời  giờ"): collapse them.
            lines = (_PDF_SPACES.sub(" ", line).strip() for line in text.split("\n"))
            kept, last_row = _row_numbers_kept([line for line in lines if line], last_row)
            texts.append(kept)
        else:
            warnings.append(f"trang {number} không có lớp chữ (cần OCR), đã bỏ qua")
    if not texts:
        if not pages:
            raise LoadError(path, "tệp PDF bị hỏng hoặc không đọc được", "không có trang nào")
        raise LoadError(path, "PDF không có lớp chữ (bản quét) — cần OCR trước khi đưa vào")
    texts[0][:_HEADER_LINES] = [_header_columns(line) for line in texts[0][:_HEADER_LINES]]
    return _pdf_paragraphs(_without_running_lines(texts)), warnings


# A page's first and last lines, where a lone number is the page's.
_PAGE_EDGE = 2


def _row_numbers_kept(lines: list[str], last: int = 0) -> tuple[list[str], int]:
    """A lone number inside a page that goes on from the row above ("1 Ốm đau thông thường …" /
    "2" / "Bệnh dài ngày, sau 180 ngày …") is that table row's, not the page's: joined to the row's
    text, it is not dropped with the page numbers. Not a number that does not follow the last
    row's (a cell's value, "20"), nor one before a heading ("Điều 6. …") or another lone number."""
    out: list[str] = []
    # `last`: the number of the last table row seen (on an earlier page too); returned with the lines.
    k = 0
    while k < len(lines):
        line = lines[k]
        lead = re.match(r"(\d{1,3})\s", line)
        if lead:
            last = int(lead.group(1))
        if (
            _PAGE_EDGE <= k < len(lines) - _PAGE_EDGE
            and re.fullmatch(r"\d{1,3}", line)
            and int(line) == last + 1
            and not re.fullmatch(r"\d{1,3}", lines[k + 1])
            and not match_marker(lines[k + 1])
        ):
            out.append(f"{line} {lines[k + 1]}")
            last = int(line)
            k += 2
            continue
        out.append(line)
        k += 1
    return out, last


# A header's two columns come out of a PDF as one line ("LIÊN ĐOÀN LAO ĐỘNG CỘNG HÒA XÃ HỘI CHỦ
# NGHĨA VIỆT NAM", "Số: 215/LĐLĐ-TC Hưng Yên, ngày 10 tháng 6 năm 2025"): split where the right
# column's motto or place and date begin, as a Word header table's row is read ("left | right").
_HEADER_LINES = 12
# (The motto ends the line, after a body's name in capitals: not "HIẾN PHÁP NƯỚC CỘNG HÒA …", not a
# sentence; the number has a colon and a digit: not "Số lượng …, ngày càng …".)
_RIGHT_COLUMN = re.compile(
    r"^(?P<left>.*\S)\s+(?P<right>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM"
    r"|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc)[\s-]*$"
)
_NUMBER_THEN_DATE = re.compile(r"^(?P<left>(?:Số|SỐ)\s*:\s*\S*\d\S*)\s+(?P<right>[^\d\s][^,]{1,40},\s*ngày\b.*)$")


def _header_columns(line: str) -> str:
    if " | " in line:
        return line
    m = _RIGHT_COLUMN.match(line)
    # (A body's name in capitals on the left: "… NƯỚC" is the title "HIẾN PHÁP NƯỚC CỘNG HÒA …".)
    beside_a_body = m is not None and m.group("left").isupper() and not m.group("left").endswith("NƯỚC")
    m = m if beside_a_body else _NUMBER_THEN_DATE.match(line)
    return f"{m.group('left')} | {m.group('right')}" if m else line


# A line at the top or bottom of at least this share of the pages (and of three pages) is the
# publisher's running header or footer ("Bộ luật Lao động 2019 - Thư viện văn bản"), not text.
_RUNNING_SHARE = 0.3
# A line at least this share of the document's full line length wraps on to the next: the
# paragraph continues. Not fitted: a justified or ragged line ends within the last word or two.
_FULL_LINE = 0.8
_DIGITS = re.compile(r"\d+")


def _without_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """The pages without a header or footer repeated on many of them (page numbers aside)."""
    if len(pages) < 2:
        return pages
    edges: dict[str, int] = {}
    for lines in pages:
        for line in {*lines[:2], *lines[-2:]}:
            # Text that recurs ("2. Chính phủ quy định chi tiết Điều này.") is no running line.
            if match_marker(line) or _PDF_ITEM.match(line) or SENTENCE_END.search(line):
                continue
            key = _DIGITS.sub("#", line)
            edges[key] = edges.get(key, 0) + 1
    # A short document: on every page but one (the first often has its own header).
    least = max(2, len(pages) - 1) if len(pages) <= 4 else max(3, _RUNNING_SHARE * len(pages))
    running = {k for k, n in edges.items() if n >= least}
    return [[ln for i, ln in enumerate(lines) if not ((i < 2 or i >= len(lines) - 2) and _DIGITS.sub("#", ln) in running)] for lines in pages]


def _pdf_paragraphs(pages: list[list[str]]) -> str:
    """A PDF's lines as paragraphs. A line that fills the page's width wraps on to the next when
    it does not end a sentence, or when the next starts in lower case ("… vệ sinh lao động;" /
    "nghỉ theo chế độ …"), also across a page break. A line that starts a numbered part, a list
    item or a table row starts anew, unless the line before stops mid-sentence on a lower-case
    word ("… quy định tại" / "Mục 1 Chương XI của Bộ luật này"): otherwise a wrapped "Chương XI …"
    or "Điều 5 …" would open a chapter or an article. A heading's title in capitals goes on over
    the lines it wraps to, on the heading's own line when that is long ("Chương V: ĐỐI THOẠI …,
    THỎA ƯỚC" / "LAO ĐỘNG TẬP THỂ") or on the next after a bare heading ("Mục 3" / "THỜI GIỜ … CÓ
    TÍNH" / "CHẤT ĐẶC BIỆT"); a bold heading is narrower than the page's text."""
    # The width of a full line, over the whole document: a page of a few short lines (a signature)
    # would otherwise count them as full.
    lengths = sorted(len(ln) for lines in pages for ln in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))] if len(lengths) > 3 else 10**6
    out: list[str] = []
    full = False  # the line before fills the width
    title = False  # the line before is a heading in capitals or its title (or a bare heading)
    for page, lines in enumerate(pages):
        for i, line in enumerate(lines):
            heading = match_marker(line)
            capitals = in_capitals(line, 3)
            before = match_marker(out[-1]) if out else None  # the line before is a heading
            if heading is not None or _PDF_ITEM.match(line):
                continues = (
                    heading is not None
                    and heading[0] in _TITLED
                    and full
                    and before is None
                    and out[-1][-1:].islower()  # it stops mid-sentence ("… quy định tại")
                )
            else:
                goes_on = title and capitals and (before is None or not before[2] or len(out[-1]) >= _LONG_TITLE * width)
                continues = bool(out) and (goes_on or (full and _wraps(out[-1], before, line, width)))
            if " | " in line or (out and " | " in out[-1]):
                continues = False  # a header's row (_header_columns) stands alone
            if continues:
                if title and capitals and before is not None and not before[2]:
                    out.append(line)  # a bare heading takes its title as its own next line, as in Word
                else:
                    out[-1] = f"{out[-1]} {line}"
            else:
                if page and i == 0:
                    out.append("")  # a page break is a paragraph break unless a line wraps across it
                out.append(line)
            if heading is not None and not continues:
                title = heading[0] in _TITLED and (not heading[2] or in_capitals(heading[2], 3))
            else:
                title = title and capitals and continues and len(line) >= _LONG_TITLE * width
            full = len(line) >= _FULL_LINE * width
    return "\n".join(out)


def _wraps(previous: str, heading: tuple[str, str, str] | None, line: str, width: int) -> bool:
    """Whether `line` continues `previous` (a line that fills the width; `heading`: its match_marker)."""
    if line[:1].islower():
        return True
    if _PDF_ROW.match(previous):
        return False  # a table's row ends where it ends ("6 Tỉnh Long An … 786" / "Nhìn chung, …")
    if in_capitals(line, 6) and not in_capitals((previous.split() or [""])[-1], 1):
        # A line in capitals under one that ends in ordinary case opens anew: the signing authority
        # under a decision's subject ("Về việc hỗ trợ … quý II năm 2026" / "GIÁM ĐỐC CÔNG TY TNHH
        # …"). (A name in capitals wrapped mid-sentence goes on: "… của CÔNG TY CỔ PHẦN DỆT MAY" /
        # "THÀNH CÔNG VIỆT NAM".)
        return False
    if heading is None or heading[0] not in _TITLED:
        return not SENTENCE_END.search(previous)
    # A heading is followed by its text ("Điều 31. Nhận lại …" / "Trong thời hạn …"), unless the
    # line is the last word or two of it ("… làm việc tại Việt" / "Nam").
    return len(line) < 0.25 * width


# The levels whose title is a heading in capitals (not a khoản "1." or a point).
_TITLED = frozenset({"part", "chapter", "mucluc", "article", "roman"})


# A table's row that starts with its number ("1 Thành phố Hà Nội …").
_PDF_ROW = re.compile(rf"^\d+\s+[A-ZĐ{ACCENTED_CAPITALS}]")
# A list item (as the cleaning knows them, or bulleted "*"), or such a row.
_PDF_ITEM = re.compile(rf"{ITEM_START.pattern}|^\*\s|{_PDF_ROW.pattern}")
# A title in capitals goes on after a line at least this share of the width: a short heading
# ("II. KẾT QUẢ") is not continued by a table's header row in capitals.
_LONG_TITLE = 0.6
