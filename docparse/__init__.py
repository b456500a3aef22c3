"""docparse: Vietnamese official documents -> document fields and tasks.

Pure library (no Django). Typical use::

    text = docparse.read_file(data, "cv123.pdf")
    parsed = docparse.parse_text(text, calendar=my_calendar)
    obj = docparse.to_schema(parsed)

or ``docparse.parse_file(data, filename)`` for both steps.
"""

from __future__ import annotations

from docparse.calendar import Calendar, FallbackCalendar
from docparse.errors import ParseError
from docparse.model import DocumentFields, ParsedDocument, Reference, Task
from docparse.parser import parse_text
from docparse.readers import DEFAULT_MAX_BYTES, OnPage, read_file
from docparse.schema import to_schema

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Calendar",
    "DocumentFields",
    "FallbackCalendar",
    "ParseError",
    "ParsedDocument",
    "Reference",
    "Task",
    "parse_file",
    "parse_text",
    "read_file",
    "to_schema",
]


def parse_file(
    data: bytes,
    filename: str,
    *,
    calendar: Calendar | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_page: OnPage | None = None,
) -> ParsedDocument:
    """Read a file (see :func:`read_file`) and parse its text (see :func:`parse_text`)."""
    text = read_file(data, filename, max_bytes=max_bytes, on_page=on_page)
    try:
        return parse_text(text, calendar=calendar)
    except RecursionError as exc:  # defensive: the parser itself does not recurse
        raise ParseError("văn bản quá phức tạp để phân tích.", filename=filename) from exc
