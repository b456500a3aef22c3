"""Small date helpers: Vietnamese date phrases, month and quarter ends."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
from functools import lru_cache

ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# "ngày 17 tháng 3 năm 2023" (day or month may be left blank in a draft); OCR may drop
# the tone marks ("ngay 14 thang 11 nam 2025").
LONG_DATE = re.compile(
    r"ng[àa]y\s{0,40}(\d{1,2})?\s{0,40}th[áa]ng\s{0,40}(\d{1,2})?\s{0,40}n[ăa]m\s{0,3}(\d{4})",
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


@lru_cache(maxsize=64)
def lunar_new_year(year: int) -> dt.date | None:
    """The first day of Tết Nguyên đán that falls in ``year``."""
    import holidays

    days = holidays.country_holidays("VN", years=year, language="en_US")
    return next((d for d, name in sorted(days.items()) if name == "Lunar New Year"), None)


_STEMS = ("canh", "tân", "nhâm", "quý", "giáp", "ất", "bính", "đinh", "mậu", "kỷ")
_BRANCHES = ("thân", "dậu", "tuất", "hợi", "tý", "sửu", "dần", "mão", "thìn", "tỵ", "ngọ", "mùi")
_BRANCH_ALIASES = {"mẹo": "mão", "tị": "tỵ", "tí": "tý"}
SEXAGENARY = re.compile(
    r"(?P<stem>" + "|".join(_STEMS) + r")\s(?P<branch>"
    + "|".join(_BRANCHES + tuple(_BRANCH_ALIASES)) + r")(?![\w])",
    re.IGNORECASE,
)


def sexagenary_year(stem: str, branch: str, near: int) -> int | None:
    """The year named "Bính Ngọ" (the 60-year cycle) nearest to ``near``."""
    branch = _BRANCH_ALIASES.get(branch.lower(), branch.lower())
    try:
        s, b = _STEMS.index(stem.lower()), _BRANCHES.index(branch)
    except ValueError:
        return None
    if s % 2 != b % 2:
        return None
    base = next(y for y in range(near - 30, near + 30) if y % 10 == s and y % 12 == b)
    return base
