"""The hand-written interpretation in docs/bench-notes.md, with every number taken from the results.

The notes are prose, but a number typed into prose drifts as soon as the benchmark is re-run. So
the notes hold placeholders that name a value in the results JSON, and the report fills them in:

    {{devset/metrics/ours/all/MRR@10}}                 -> 0.839
    {{devset/metrics/ours/all/MRR@10 - devset/metrics/tutorial/all/MRR@10}}  -> +0.442
    {{devset/abstention/unanswerable_abstained|pct}}   -> 62.5 %
    {{speed/rows/0/chunks_per_s|1}}                    -> 5.3   (one decimal)
    {{laws/questions|int}}                             -> 84

A path is split at "/" (keys may contain spaces, ":" and "@"); a list is indexed by number. A
placeholder whose path is missing is an error: the report refuses to print a stale sentence.
"""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"\{\{(.+?)\}\}")


class NotesError(ValueError):
    """A placeholder names a value the results do not have."""


def lookup(results: dict, path: str) -> object:
    node: object = results
    for part in path.strip().split("/"):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.lstrip("-").isdigit() and -len(node) <= int(part) < len(node):
            node = node[int(part)]
        else:
            raise NotesError(f"bench-notes.md: no value at {path!r} (missing {part!r})")
    return node


def _number(results: dict, path: str) -> float:
    value = lookup(results, path)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise NotesError(f"bench-notes.md: {path!r} is {value!r}, not a number")
    return float(value)


def _format(value: float, style: str | None, signed: bool) -> str:
    sign = "+" if signed else ""
    if style == "pct":
        return f"{value * 100:{sign}.1f} %"
    if style == "int":
        return f"{round(value):{sign}d}"
    if style is not None and style.isdigit():
        return f"{value:{sign}.{int(style)}f}"
    if style == "x":
        return f"{value:.1f}×"
    return f"{value:{sign}.3f}"


def _render_one(results: dict, expression: str) -> str:
    body, _, style = expression.partition("|")
    style = style.strip() or None
    if " / " in body:  # ratio of two values, e.g. a speed-up
        a, b = body.split(" / ", 1)
        denominator = _number(results, b)
        if denominator == 0:
            raise NotesError(f"bench-notes.md: {b!r} is zero")
        return _format(_number(results, a) / denominator, style or "x", signed=False)
    if " - " in body:
        a, b = body.split(" - ", 1)
        return _format(_number(results, a) - _number(results, b), style, signed=True)
    value = lookup(results, body)
    if isinstance(value, str):
        return value
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise NotesError(f"bench-notes.md: {body.strip()!r} is {value!r}, not a number or text")
    if style is None and isinstance(value, int):
        style = "int"
    return _format(float(value), style, signed=False)


def render(template: str, results: dict) -> str:
    """The notes with every placeholder replaced; NotesError names the first one that cannot be."""
    return _PLACEHOLDER.sub(lambda m: _render_one(results, m.group(1)), template)
