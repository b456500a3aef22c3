"""Vietnamese working days for civil servants.

Statutory holidays (Bộ luật Lao động 2019, Điều 112: Tết Dương lịch, Tết Âm
lịch, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh with its adjacent day) and the
compensatory and swapped days come from the maintained ``holidays`` package.
The Saturdays worked in exchange for a swapped day off are named there ("thay
cho ngày 04/05/2024") but not marked as working days, so they are read from
those names. Overrides an administrator records win over both.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

import holidays

SATURDAY = 5
_SWAPPED_FOR = re.compile(r"thay cho ngày (\d{2})/(\d{2})/(\d{4})")


@lru_cache(maxsize=64)
def _statutory_year(year: int) -> tuple[dict[dt.date, str], frozenset[dt.date]]:
    days = holidays.country_holidays("VN", language="vi", years=year)
    days_off = dict(days.items())
    make_up = set()
    for name in days_off.values():
        match = _SWAPPED_FOR.search(name)
        if match:
            day, month, yr = (int(g) for g in match.groups())
            make_up.add(dt.date(yr, month, day))
    return days_off, frozenset(make_up)


class WorkingCalendar:
    """Answers which days are working days, with a year's overrides applied."""

    def __init__(
        self,
        extra_days_off: Iterable[dt.date] = (),
        extra_working_days: Iterable[dt.date] = (),
    ) -> None:
        self.extra_days_off = frozenset(extra_days_off)
        self.extra_working_days = frozenset(extra_working_days)

    def holiday_name(self, day: dt.date) -> str | None:
        days_off, _ = _statutory_year(day.year)
        return days_off.get(day)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off:
            return False
        days_off, make_up = _statutory_year(day.year)
        if day in make_up:
            return True
        return day.weekday() < SATURDAY and day not in days_off

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first one after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The day ``days`` working days after ``start`` (``start`` is not counted).

        With ``days`` = 0 the answer is ``start`` moved to a working day.
        Negative counts go backwards (for reminders before a deadline).
        """
        if days == 0:
            return self.next_working_day(start)
        step = dt.timedelta(days=1 if days > 0 else -1)
        remaining, day = abs(days), start
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def deadline(self, printed: dt.date) -> dt.date:
        """A deadline that falls on a day off moves to the next working day (Bộ luật Dân sự)."""
        return self.next_working_day(printed)
