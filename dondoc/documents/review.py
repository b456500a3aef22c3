"""The clerk's edits of a proposal (kept as JSON on the run): split, merge, drop, add,
and the document text cut into highlighted spans for the review screen."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_SENTENCE_END = re.compile(r"[.;:!?](?=\s)")
_BLANK_LINE = re.compile(r"\n\s*\n")


def empty_task() -> dict[str, Any]:
    return {
        "text": "", "start": None, "end": None, "lead": [], "support": [], "lead_ids": [],
        "support_ids": [], "due": None, "due_text": "", "recurring": False, "priority": False,
    }


def _split_point(text: str, at: int | None) -> int | None:
    """Where to cut: the position asked for, else a blank line the clerk typed,
    else the sentence end nearest the middle."""
    if at is not None:
        return at if 0 < at < len(text) else None
    blank = _BLANK_LINE.search(text)
    if blank:
        return blank.start()
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if 0 < m.end() < len(text.rstrip())]
    if not ends:
        return None
    middle = len(text) / 2
    return min(ends, key=lambda pos: abs(pos - middle))


def _locate(piece: str, source: str, start: int, end: int) -> int | None:
    """Where ``piece`` begins in ``source[start:end]`` (line breaks may differ)."""
    words = piece.split()[:4]
    if not words:
        return None
    found = re.compile(r"\s+".join(re.escape(w) for w in words)).search(source, start, end)
    return found.start() if found else None


def split_task(tasks: list[dict[str, Any]], index: int, *, source: str, at: int | None = None) -> bool:
    """Cut task ``index`` in two; both halves keep its units and deadline."""
    task = tasks[index]
    text = task.get("text") or ""
    cut = _split_point(text, at)
    if cut is None:
        return False
    first_text, second_text = " ".join(text[:cut].split()), " ".join(text[cut:].split())
    if not first_text or not second_text:
        return False
    start, end = task.get("start"), task.get("end")
    first = {**task, "text": first_text}
    second = {**task, "text": second_text}
    if isinstance(start, int) and isinstance(end, int):
        middle = _locate(second_text, source, start, end)
        if middle is None or middle <= start:
            middle = start + round((end - start) * cut / max(len(text), 1))
        first["start"], first["end"] = start, middle
        second["start"], second["end"] = middle, end
    tasks[index:index + 1] = [first, second]
    return True


def merge_tasks(tasks: list[dict[str, Any]], index: int) -> bool:
    """Join task ``index`` with the next one: texts, units; the first deadline that is set."""
    if not 0 <= index < len(tasks) - 1:
        return False
    first, second = tasks[index], tasks[index + 1]
    starts = [t["start"] for t in (first, second) if t.get("start") is not None]
    ends = [t["end"] for t in (first, second) if t.get("end") is not None]
    merged = {
        **first,
        "text": " ".join(filter(None, [first.get("text", "").strip(), second.get("text", "").strip()])),
        "start": min(starts) if starts else None,
        "end": max(ends) if ends else None,
        "lead": [*first.get("lead", []), *second.get("lead", [])],
        "support": [*first.get("support", []), *second.get("support", [])],
        "lead_ids": _union(first.get("lead_ids", []), second.get("lead_ids", [])),
        "due": first.get("due") or second.get("due"),
        "due_input": first.get("due_input") or second.get("due_input") or "",
        "due_text": first.get("due_text") or second.get("due_text") or "",
        "recurring": bool(first.get("recurring") or second.get("recurring")),
        "priority": bool(first.get("priority") or second.get("priority")),
    }
    merged["support_ids"] = [
        pk for pk in _union(first.get("support_ids", []), second.get("support_ids", []))
        if pk not in merged["lead_ids"]
    ]
    tasks[index:index + 2] = [merged]
    return True


def drop_task(tasks: list[dict[str, Any]], index: int) -> bool:
    if not 0 <= index < len(tasks):
        return False
    del tasks[index]
    return True


def _union(a: list[int], b: list[int]) -> list[int]:
    return [*a, *[x for x in b if x not in a]]


@dataclass(frozen=True)
class Segment:
    text: str
    task: int | None = None


def highlight(text: str, tasks: list[dict[str, Any]]) -> list[Segment]:
    """The document text cut at the tasks' offsets (overlaps go to the earlier task)."""
    spans = sorted(
        (t["start"], t["end"], i) for i, t in enumerate(tasks)
        if isinstance(t.get("start"), int) and isinstance(t.get("end"), int)
        and 0 <= t["start"] < t["end"] <= len(text)
    )
    segments: list[Segment] = []
    position = 0
    for start, end, index in spans:
        start = max(start, position)
        if start >= end:
            continue
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], index))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments
