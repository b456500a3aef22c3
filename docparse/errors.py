"""The single error type of docparse."""

from __future__ import annotations


class ParseError(Exception):
    """Raised for any input docparse cannot read.

    The message is Vietnamese and meant for a clerk: it names the file and,
    where it applies, the page.
    """

    def __init__(self, message: str, *, filename: str | None = None, page: int | None = None):
        self.filename = filename
        self.page = page
        self.reason = message
        where = ""
        if filename:
            where = f'Tệp "{filename}"'
            if page is not None:
                where += f", trang {page}"
            where += ": "
        elif page is not None:
            where = f"Trang {page}: "
        super().__init__(where + message)
