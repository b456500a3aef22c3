"""The organisation's calendar: statutory days plus the overrides in the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dondoc.calendar.models import CalendarOverride, DayKind
from dondoc.calendar.workdays import WorkingCalendar

_cached: WorkingCalendar | None = None


def get_calendar() -> WorkingCalendar:
    """The calendar in force, read once and refreshed whenever an override changes."""
    global _cached
    if _cached is None:
        try:
            rows = list(CalendarOverride.objects.values_list("day", "kind"))
        except DatabaseError:  # the database is not migrated yet (e.g. `dondoc extract`)
            rows = []
        _cached = WorkingCalendar(
            extra_days_off=[day for day, kind in rows if kind == DayKind.DAY_OFF],
            extra_working_days=[day for day, kind in rows if kind == DayKind.WORKING_DAY],
        )
    return _cached


def reset_calendar_cache() -> None:
    global _cached
    _cached = None


@receiver([post_save, post_delete], sender=CalendarOverride)
def _override_changed(**kwargs: Any) -> None:
    reset_calendar_cache()


def add_working_days(start: dt.date, days: int) -> dt.date:
    return get_calendar().add_working_days(start, days)
