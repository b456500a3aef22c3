"""Test data builders for the statistics (test data only: status and completion date set
directly with bulk_create, not through the services)."""

import datetime as dt

from django.utils import timezone

from dondoc.tasks.models import Task
from dondoc.tasks.workflow import Status

TZ = timezone.get_fixed_timezone(7 * 60)
D = dt.date


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


def bulk_tasks(org, specs, units=None) -> list[Task]:
    """``specs``: (unit index or Unit, status, due_on, completed_on, created_at)."""
    units = units or [org.finance, org.finance_budget, org.construction, org.commune]
    rows = []
    for unit, status, due, completed, created in specs:
        rows.append(Task(
            text=f"Nhiệm vụ thử số {len(rows) + 1}", assigning_unit=org.committee,
            lead_unit=units[unit] if isinstance(unit, int) else unit, assigned_by=org.chairman,
            status=status, due_on=due, completed_on=completed if status == Status.DONE else None,
            created_at=created,
        ))
    return Task.objects.bulk_create(rows)


def sample_2025(org) -> list[Task]:
    """A small half-year for Sở Tài chính, Phòng Ngân sách and Sở Xây dựng (period 1/1–30/6/2025)."""
    c = at(D(2025, 2, 3))
    return bulk_tasks(org, [
        (0, Status.DONE, D(2025, 3, 1), D(2025, 2, 20), c),
        (0, Status.DONE, D(2025, 3, 1), D(2025, 3, 10), c),
        (0, Status.IN_PROGRESS, D(2025, 4, 1), None, c),
        (1, Status.ASSIGNED, D(2025, 5, 15), None, at(D(2025, 4, 2))),
        (1, Status.DONE, None, D(2025, 4, 20), at(D(2025, 4, 2))),
        (2, Status.SUBMITTED, D(2025, 12, 31), None, at(D(2025, 6, 1))),
        (2, Status.ASSIGNED, None, None, at(D(2025, 6, 1))),
        (2, Status.WITHDRAWN, D(2025, 3, 1), None, c),
        (2, Status.DONE, D(2025, 3, 1), D(2025, 2, 1), at(D(2024, 12, 1))),  # before the period
        (2, Status.PAUSED, D(2024, 12, 20), None, at(D(2024, 11, 1))),  # carried-over backlog
    ])
