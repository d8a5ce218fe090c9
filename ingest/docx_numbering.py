"""The labels of Word's automatic list numbering ("Điều 5.", "2.", "a)", bullets).

A paragraph numbered by Word holds only the text after its label: the label is computed by Word
from ``w:numPr`` (on the paragraph or its style) and ``word/numbering.xml``. python-docx reads
the definitions but computes no label, and the structure parser needs the label to see articles,
clauses and points, so :class:`DocxNumbering` replays Word's counters in document order.

The counter model is Word's: one set of counters per abstract definition, shared by every list
instance (``w:num``) that points to it; a ``w:startOverride`` restarts its level the first time
its instance is used; using a level counts it up and restarts the deeper levels (``w:lvlRestart``
may keep a deeper level running). Definitions that are missing or malformed give no label; a
reader never fails on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import docx.document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    restart: int | None  # w:lvlRestart: restart after a use of a level above this one-based level; 0 never
    legal: bool  # w:isLgl: every number of the label in decimal ("1.1" under a "Chương I")
    style: str | None  # w:pStyle: the paragraph style linked to this level


@dataclass(frozen=True)
class _Instance:
    """One ``w:num``: the abstract definition it counts with, its levels after overrides."""

    counters: str  # id of the abstract definition whose counters it shares
    levels: dict[int, _Level]
    restarts: tuple[int, ...]  # levels with a w:startOverride


def _val(element: BaseOxmlElement | None, child: str) -> str | None:
    if element is None:
        return None
    found = element.find(qn(child))
    return None if found is None else found.get(qn("w:val"))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _on(element: BaseOxmlElement, child: str) -> bool:
    found = element.find(qn(child))
    return found is not None and found.get(qn("w:val"), "true").lower() not in ("0", "false", "off")


def _level(lvl: BaseOxmlElement) -> _Level:
    start = _int(_val(lvl, "w:start"))
    return _Level(
        start=1 if start is None else start,
        fmt=_val(lvl, "w:numFmt") or "decimal",
        text=_val(lvl, "w:lvlText") or "",
        restart=_int(_val(lvl, "w:lvlRestart")),
        legal=_on(lvl, "w:isLgl"),
        style=_val(lvl, "w:pStyle"),
    )


def _levels(parent: BaseOxmlElement) -> dict[int, _Level]:
    levels = {}
    for lvl in parent.findall(qn("w:lvl")):
        ilvl = _int(lvl.get(qn("w:ilvl")))
        if ilvl is not None:
            levels[ilvl] = _level(lvl)
    return levels


def _letters(value: int) -> str:
    # Word's letter numbering: a … z, then aa … zz, then aaa …
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


def _roman(value: int) -> str:
    out = []
    for amount, digits in _ROMAN:
        count, value = divmod(value, amount)
        out.append(digits * count)
    return "".join(out)


def format_number(value: int, fmt: str) -> str:
    """One number as Word writes it in a list format; formats we do not render fall back to decimal."""
    if fmt in ("bullet", "none"):
        return ""
    if value >= 1:
        if fmt == "lowerLetter":
            return _letters(value)
        if fmt == "upperLetter":
            return _letters(value).upper()
        if fmt == "lowerRoman" and value < 4000:
            return _roman(value)
        if fmt == "upperRoman" and value < 4000:
            return _roman(value).upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "decimalEnclosedParen":
        return f"({value})"
    return str(value)


class DocxNumbering:
    """Labels of a document's numbered paragraphs; call :meth:`label` once per paragraph, in order.

    The numbering and styles parts are read once here, so a paragraph costs a few dict look-ups.
    """

    def __init__(self, document: docx.document.Document) -> None:
        self._styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # id → basedOn, numId, ilvl
        for style in document.styles.element.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id:
                ppr = style.find(qn("w:pPr"))
                numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
                self._styles[style_id] = (_val(style, "w:basedOn"), _val(numpr, "w:numId"), _val(numpr, "w:ilvl"))
        self._instances: dict[str, _Instance] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._used: set[str] = set()
        try:
            numbering = document.part.part_related_by(RT.NUMBERING).element
        except KeyError:
            return  # no numbering part: nothing is numbered
        abstracts = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
        nums = {n.get(qn("w:numId")): n for n in numbering.findall(qn("w:num"))}
        for num_id, num in nums.items():
            abstract_id = self._follow_style_link(_val(num, "w:abstractNumId"), abstracts, nums)
            if num_id is None or abstract_id not in abstracts:
                continue
            levels = _levels(abstracts[abstract_id])
            restarts = []
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")))
                if ilvl is None:
                    continue
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                start = _int(_val(override, "w:startOverride"))
                if start is not None and ilvl in levels:
                    levels[ilvl] = _with_start(levels[ilvl], start)
                    restarts.append(ilvl)
            self._instances[num_id] = _Instance(abstract_id, levels, tuple(restarts))

    def _follow_style_link(
        self,
        abstract_id: str | None,
        abstracts: dict[str | None, BaseOxmlElement],
        nums: dict[str | None, BaseOxmlElement],
    ) -> str | None:
        # An abstract definition with w:numStyleLink takes its levels from the list of a numbering
        # style: style → its numId → that list's abstract definition.
        seen = set()
        while abstract_id in abstracts and abstract_id not in seen:
            seen.add(abstract_id)
            link = _val(abstracts[abstract_id], "w:numStyleLink")
            if link is None:
                return abstract_id
            num = nums.get(self._style_numpr(link)[0])
            if num is None:
                return None
            abstract_id = _val(num, "w:abstractNumId")
        return None

    def _style_numpr(self, style_id: str | None) -> tuple[str | None, str | None]:
        seen = set()  # basedOn loops exist in the wild
        while style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            based_on, num_id, ilvl = self._styles[style_id]
            if num_id is not None:
                return num_id, ilvl
            style_id = based_on
        return None, None

    def label(self, p: BaseOxmlElement, style_id: str | None) -> str:
        """The label Word shows before paragraph ``p`` ("Điều 3.", "2.", "b)", "-" for a bullet), or ""."""
        numpr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        num_id, ilvl = _val(numpr, "w:numId"), _val(numpr, "w:ilvl")
        if num_id is None:
            num_id, style_ilvl = self._style_numpr(style_id)
            ilvl = ilvl if ilvl is not None else style_ilvl
        instance = self._instances.get(num_id) if num_id not in (None, "0") else None
        if instance is None:
            return ""
        level = _int(ilvl)
        if level is None:  # numbered through its style: the level linked to that style, else the first
            level = next((i for i, lvl in sorted(instance.levels.items()) if lvl.style == style_id), 0)
        if level not in instance.levels:
            return ""
        counters = self._counters.setdefault(instance.counters, {})
        if num_id not in self._used:
            self._used.add(num_id)
            for restart in instance.restarts:
                counters.pop(restart, None)
        counters[level] = counters[level] + 1 if level in counters else instance.levels[level].start
        for deeper in [d for d in counters if d > level]:
            restart = instance.levels[deeper].restart if deeper in instance.levels else None
            if restart is None or (restart != 0 and level < restart):
                del counters[deeper]
        return _render(instance.levels, level, counters)


def _with_start(level: _Level, start: int) -> _Level:
    return _Level(start, level.fmt, level.text, level.restart, level.legal, level.style)


def _render(levels: dict[int, _Level], level: int, counters: dict[int, int]) -> str:
    current = levels[level]
    if current.fmt == "bullet":
        return "-"  # whatever the glyph (often a Symbol-font private character), the parser knows "- "
    if current.fmt == "none":
        return ""

    def number(m: re.Match[str]) -> str:
        shown = int(m.group(1)) - 1
        if shown not in levels:
            return ""
        value = counters.get(shown, levels[shown].start)  # a level not used yet shows its start
        return format_number(value, "decimal" if current.legal else levels[shown].fmt)

    return _PLACEHOLDER.sub(number, current.text).strip()
