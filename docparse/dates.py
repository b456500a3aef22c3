"""Small date helpers: Vietnamese date phrases, month and quarter ends."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re

ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# "ngày 17 tháng 3 năm 2023" (day or month may be left blank in a draft).
LONG_DATE = re.compile(
    r"ngày\s{0,40}(\d{1,2})?\s{0,40}tháng\s{0,40}(\d{1,2})?\s{0,40}năm\s{0,3}(\d{4})",
    re.IGNORECASE,
)
SHORT_DATE = re.compile(r"(?<![\d/.])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\2(\d{4})(?![\d/])")


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """A date, or None when the numbers do not form one."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> dt.date | None:
    return month_end(year, quarter * 3) if 1 <= quarter <= 4 else None


def parse_date_at(text: str, pos: int = 0) -> tuple[dt.date | None, int] | None:
    """Parse a date (d/m/yyyy or "ngày d tháng m năm y") starting at ``pos``."""
    m = SHORT_DATE.match(text, pos)
    if m:
        return make_date(int(m.group(4)), int(m.group(3)), int(m.group(1))), m.end()
    m = LONG_DATE.match(text, pos)
    if m and m.group(1) and m.group(2):
        return make_date(int(m.group(3)), int(m.group(2)), int(m.group(1))), m.end()
    return None
