"""Timeliness: one definition used by every screen, report and reminder.

- done on time / done late: the completion date (the day the accepted
  submission was made) against the due date in force then; done without a
  deadline is its own class;
- open tasks (not done, not withdrawn), judged on ``today``: overdue when the
  due date has passed, due soon when it falls within the next N working days
  (N = DONDOC_DUE_SOON_WORKING_DAYS), within deadline otherwise, no deadline
  when there is none;
- withdrawn tasks are left out of every count.

``classify`` answers for one task in Python; ``timeliness_expression`` is the
same rule as a SQL expression for annotations and aggregates. A test walks
every case and checks that they agree.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from dondoc.calendar.service import add_working_days


class Timeliness(models.TextChoices):
    DONE_ON_TIME = "done_on_time", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành quá hạn")
    DONE_NO_DEADLINE = "done_no_deadline", _("Hoàn thành (không có hạn)")
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    WITHIN_DEADLINE = "within_deadline", _("Đang thực hiện trong hạn")
    OVERDUE = "overdue", _("Quá hạn")
    NO_DEADLINE = "no_deadline", _("Không có hạn")
    WITHDRAWN = "withdrawn", _("Đã thu hồi")


DONE_CLASSES = frozenset({Timeliness.DONE_ON_TIME, Timeliness.DONE_LATE, Timeliness.DONE_NO_DEADLINE})
OPEN_CLASSES = frozenset(
    {Timeliness.DUE_SOON, Timeliness.WITHIN_DEADLINE, Timeliness.OVERDUE, Timeliness.NO_DEADLINE}
)


def due_soon_limit(today: dt.date) -> dt.date:
    return add_working_days(today, settings.DONDOC_DUE_SOON_WORKING_DAYS)


def classify(
    *, status: str, due_on: dt.date | None, completed_on: dt.date | None, today: dt.date
) -> Timeliness:
    from dondoc.tasks.workflow import Status

    if status == Status.WITHDRAWN:
        return Timeliness.WITHDRAWN
    if status == Status.DONE:
        if due_on is None:
            return Timeliness.DONE_NO_DEADLINE
        finished = completed_on or today
        return Timeliness.DONE_ON_TIME if finished <= due_on else Timeliness.DONE_LATE
    if due_on is None:
        return Timeliness.NO_DEADLINE
    if due_on < today:
        return Timeliness.OVERDUE
    if due_on <= due_soon_limit(today):
        return Timeliness.DUE_SOON
    return Timeliness.WITHIN_DEADLINE


def timeliness_expression(today: dt.date) -> Case:
    """The SQL twin of ``classify``: a CASE over status, due_on and completed_on."""
    from dondoc.tasks.workflow import Status

    done = Q(status=Status.DONE)
    return Case(
        When(status=Status.WITHDRAWN, then=Value(Timeliness.WITHDRAWN.value)),
        When(done & Q(due_on__isnull=True), then=Value(Timeliness.DONE_NO_DEADLINE.value)),
        When(done & Q(completed_on__isnull=True, due_on__gte=today), then=Value(Timeliness.DONE_ON_TIME.value)),
        When(done & Q(completed_on__isnull=True), then=Value(Timeliness.DONE_LATE.value)),
        When(done & Q(completed_on__lte=F("due_on")), then=Value(Timeliness.DONE_ON_TIME.value)),
        When(done, then=Value(Timeliness.DONE_LATE.value)),
        When(due_on__isnull=True, then=Value(Timeliness.NO_DEADLINE.value)),
        When(due_on__lt=today, then=Value(Timeliness.OVERDUE.value)),
        When(due_on__lte=due_soon_limit(today), then=Value(Timeliness.DUE_SOON.value)),
        default=Value(Timeliness.WITHIN_DEADLINE.value),
        output_field=models.CharField(),
    )


def timeliness_filter(cls: str, today: dt.date) -> Q:
    """A plain filter selecting the tasks of one class (index-friendly, no annotation)."""
    from dondoc.tasks.workflow import Status

    done = Q(status=Status.DONE)
    open_ = ~Q(status__in=[Status.DONE, Status.WITHDRAWN])
    soon = due_soon_limit(today)
    return {
        Timeliness.WITHDRAWN: Q(status=Status.WITHDRAWN),
        Timeliness.DONE_NO_DEADLINE: done & Q(due_on__isnull=True),
        Timeliness.DONE_ON_TIME: done
        & (Q(completed_on__lte=F("due_on")) | Q(completed_on__isnull=True, due_on__gte=today)),
        Timeliness.DONE_LATE: done
        & (Q(completed_on__gt=F("due_on")) | Q(completed_on__isnull=True, due_on__lt=today)),
        Timeliness.NO_DEADLINE: open_ & Q(due_on__isnull=True),
        Timeliness.OVERDUE: open_ & Q(due_on__lt=today),
        Timeliness.DUE_SOON: open_ & Q(due_on__gte=today, due_on__lte=soon),
        Timeliness.WITHIN_DEADLINE: open_ & Q(due_on__gt=soon),
    }[Timeliness(cls)]


def days_overdue(*, due_on: dt.date | None, completed_on: dt.date | None, today: dt.date) -> int:
    """Calendar days past the due date (0 when not late)."""
    if due_on is None:
        return 0
    end = completed_on or today
    return max(0, (end - due_on).days)
