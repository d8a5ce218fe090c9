"""Files an official takes away: answers as a Word document (each clause with its citation, ready
to paste into a report) and tables (the responsibility map) as an Excel workbook."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# XML 1.0 forbids most control characters; python-docx and openpyxl refuse them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _CONTROL.sub("", text)


def vietnamese_date(day: date) -> str:
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


@dataclass(frozen=True)
class ExportClause:
    citation: str
    text: str


@dataclass(frozen=True)
class ExportAnswer:
    question: str
    clauses: Sequence[ExportClause] = ()
    summary: str | None = None  # the short extracted answer, or why there is none
    note: str | None = None


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int = 20


def answers_docx(
    answers: Sequence[ExportAnswer], title: str = "Trích dẫn văn bản", day: date | None = None
) -> bytes:
    """A .docx: a heading per question, then each clause's text followed by its citation."""
    from docx import Document as WordDocument
    from docx.shared import Pt

    doc = WordDocument()
    doc.add_heading(_xml_safe(title), level=1)
    doc.add_paragraph(f"Xuất {vietnamese_date(day or date.today())}.")
    for answer in answers:
        doc.add_heading(_xml_safe(answer.question), level=2)
        if answer.summary:
            p = doc.add_paragraph()
            p.add_run("Trả lời ngắn: ").bold = True
            p.add_run(_xml_safe(answer.summary))
        if answer.note:
            doc.add_paragraph(_xml_safe(answer.note)).runs[0].italic = True
        for clause in answer.clauses:
            for line in _xml_safe(clause.text).splitlines():
                if line.strip():
                    doc.add_paragraph(line)
            cite = doc.add_paragraph()
            run = cite.add_run(f"(Nguồn: {_xml_safe(clause.citation)})")
            run.italic = True
            run.font.size = Pt(10)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def table_xlsx(rows: Sequence[dict], columns: Sequence[Column], sheet: str = "Bảng") -> bytes:
    """An .xlsx with one header row (bold, frozen, filterable) and one row per record."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([c.header for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        values = []
        for c in columns:
            value = row.get(c.key)
            values.append(_xml_safe(str(value)) if value is not None else "")
        ws.append(values)
    for i, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # document text, never a formula
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
