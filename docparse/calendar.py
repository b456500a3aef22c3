"""The working-day calendar protocol and a small built-in fallback."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Protocol


class Calendar(Protocol):
    """Anything that can count Vietnamese working days."""

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date ``days`` working days after ``start`` (``start`` not counted)."""
        ...


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[dt.date]:
    import holidays

    return frozenset(holidays.country_holidays("VN", language="vi", years=year).keys())


class FallbackCalendar:
    """Weekends and the public holidays of the ``holidays`` package.

    It knows nothing of the Government's yearly swapped Saturdays; the web app
    passes its own calendar, which does.
    """

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in _holidays(day.year)

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        day = start
        remaining = days
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day
