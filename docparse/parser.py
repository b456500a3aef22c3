"""parse_text: normalised text -> ParsedDocument."""

from __future__ import annotations

from docparse.calendar import Calendar, FallbackCalendar
from docparse.header import parse_header
from docparse.model import ParsedDocument
from docparse.normalize import normalize_text
from docparse.tasks import extract_tasks

_FALLBACK = FallbackCalendar()


def parse_text(text: str, *, calendar: Calendar | None = None) -> ParsedDocument:
    """Parse the text of one document.

    ``calendar`` counts working days for "trong N ngày làm việc" deadlines;
    without one, weekends and the public holidays of the ``holidays`` package
    are skipped. Task offsets point into ``ParsedDocument.text`` (the
    normalised text).
    """
    normalized = normalize_text(text)
    header = parse_header(normalized)
    bodies = [(header.body_start, header.body_end)]
    if header.attached is not None:
        bodies.append(header.attached)  # a Quy chế issued with a decision assigns duties too
    tasks = tuple(
        task
        for start, end in bodies
        for task in extract_tasks(
            normalized,
            start,
            end,
            recipients=header.fields.recipients,
            issued_on=header.fields.issued_on,
            issue_year=header.issue_year,
            calendar=calendar or _FALLBACK,
        )
    )
    return ParsedDocument(text=normalized, document=header.fields, tasks=tasks)
