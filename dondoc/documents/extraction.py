"""The only caller of docparse: read files, parse text, run the extract command.

Everything docparse-shaped stays here, so a change in its API is a change in
this one module. What leaves this module is plain JSON-ready data (the
SCHEMA.md object plus each task's ``start``/``end`` offsets into the text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from django.conf import settings

import docparse
from dondoc.calendar.service import get_calendar

OnPage = Callable[[int, int], None]


class ExtractionError(Exception):
    """A file or a text docparse cannot read; the message is for the clerk."""


def read_upload(data: bytes, filename: str, *, on_page: OnPage | None = None) -> str:
    """The text of one uploaded file; ``on_page(done, total)`` reports OCR progress."""
    try:
        return docparse.read_file(
            data, filename, max_bytes=settings.DONDOC_MAX_UPLOAD_BYTES, on_page=on_page
        )
    except docparse.ParseError as exc:
        raise ExtractionError(str(exc)) from exc


def parse(text: str) -> dict[str, Any]:
    """Parse a document's text with the organisation's working-day calendar.

    Returns ``{"text", "document", "tasks"}`` where ``document`` and each task are
    exactly the SCHEMA.md objects and each task also carries ``start``/``end``
    offsets into ``text`` (the normalised text the parser worked on).
    """
    try:
        parsed = docparse.parse_text(text, calendar=get_calendar())
    except docparse.ParseError as exc:
        raise ExtractionError(str(exc)) from exc
    schema = docparse.to_schema(parsed)
    tasks = []
    for as_json, task in zip(schema.get("tasks", []), parsed.tasks, strict=False):
        tasks.append({**as_json, "start": task.start, "end": task.end})
    return {"text": parsed.text, "document": schema.get("document", {}), "tasks": tasks}


def run_extract_command(argv: list[str], *, stdout: TextIO | None = None) -> int:
    """``dondoc extract FILE... [--format jsonl|json|text]`` (docparse's command line)."""
    from docparse import cli

    return cli.run(argv, calendar=get_calendar(), stdout=stdout)
