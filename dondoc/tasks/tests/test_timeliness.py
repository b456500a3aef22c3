"""One definition of timeliness, in Python and in SQL, agreeing on every case."""

import datetime as dt
import itertools

import pytest
from django.db.models import Count

from dondoc.tasks.models import Task
from dondoc.tasks.timeliness import Timeliness, classify, days_overdue, timeliness_filter
from dondoc.tasks.workflow import Status
from dondoc.testing import make_task

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 10)  # a Tuesday; three working days later is Friday 13/3
D = dt.date


@pytest.mark.parametrize(
    ("status", "due", "completed", "expected"),
    [
        (Status.DONE, D(2026, 3, 5), D(2026, 3, 5), Timeliness.DONE_ON_TIME),
        (Status.DONE, D(2026, 3, 5), D(2026, 3, 1), Timeliness.DONE_ON_TIME),
        (Status.DONE, D(2026, 3, 5), D(2026, 3, 6), Timeliness.DONE_LATE),
        (Status.DONE, None, D(2026, 3, 6), Timeliness.DONE_NO_DEADLINE),
        (Status.IN_PROGRESS, D(2026, 3, 9), None, Timeliness.OVERDUE),
        (Status.IN_PROGRESS, TODAY, None, Timeliness.DUE_SOON),
        (Status.ASSIGNED, D(2026, 3, 13), None, Timeliness.DUE_SOON),
        (Status.ASSIGNED, D(2026, 3, 16), None, Timeliness.WITHIN_DEADLINE),
        (Status.SUBMITTED, D(2026, 3, 1), None, Timeliness.OVERDUE),
        (Status.PAUSED, None, None, Timeliness.NO_DEADLINE),
        (Status.WITHDRAWN, D(2026, 3, 1), None, Timeliness.WITHDRAWN),
    ],
)
def test_classify_names_the_class_of_a_task(status, due, completed, expected):
    assert classify(status=status, due_on=due, completed_on=completed, today=TODAY) == expected


def test_due_soon_counts_working_days_not_calendar_days():
    friday = D(2026, 3, 13)
    # From Friday, three working days reach Wednesday 18/3, over the weekend.
    assert classify(status=Status.ASSIGNED, due_on=D(2026, 3, 18), completed_on=None, today=friday) == Timeliness.DUE_SOON
    assert classify(status=Status.ASSIGNED, due_on=D(2026, 3, 19), completed_on=None, today=friday) == Timeliness.WITHIN_DEADLINE


def test_days_overdue_counts_calendar_days_past_the_deadline():
    assert days_overdue(due_on=D(2026, 3, 1), completed_on=None, today=TODAY) == 9
    assert days_overdue(due_on=D(2026, 3, 1), completed_on=D(2026, 3, 3), today=TODAY) == 2
    assert days_overdue(due_on=D(2026, 3, 20), completed_on=None, today=TODAY) == 0
    assert days_overdue(due_on=None, completed_on=None, today=TODAY) == 0


DUE_CHOICES = [None, D(2026, 3, 1), D(2026, 3, 9), TODAY, D(2026, 3, 13), D(2026, 3, 16), D(2026, 4, 30)]
COMPLETED_CHOICES = [None, D(2026, 2, 28), D(2026, 3, 9), D(2026, 3, 10)]


@pytest.mark.django_db
def test_the_sql_annotation_and_filters_agree_with_classify_on_every_case(org):
    template = make_task(org)
    rows = []
    for status, due, completed in itertools.product(Status, DUE_CHOICES, COMPLETED_CHOICES):
        if completed is not None and status != Status.DONE:
            continue
        rows.append(
            Task(text=f"{status} {due} {completed}", status=status, due_on=due, completed_on=completed,
                 assigning_unit=template.assigning_unit, lead_unit=template.lead_unit)
        )
    Task.objects.bulk_create(rows)
    tasks = Task.objects.exclude(pk=template.pk).with_timeliness(TODAY)
    for task in tasks:
        expected = classify(status=task.status, due_on=task.due_on, completed_on=task.completed_on, today=TODAY)
        assert task.timeliness == expected, task.text
    by_annotation = dict(
        tasks.values("timeliness").annotate(n=Count("id")).values_list("timeliness", "n")
    )
    for cls in Timeliness:
        by_filter = Task.objects.exclude(pk=template.pk).filter(timeliness_filter(cls, TODAY)).count()
        assert by_filter == by_annotation.get(cls.value, 0), cls


@pytest.mark.django_db
def test_a_task_confirmed_after_its_deadline_is_on_time_when_it_was_submitted_in_time(org):
    from dondoc.tasks import services

    task = make_task(org, due_on=D(2026, 3, 5))
    services.task_submit(task=task, by=org.finance_head, result="Xong", submitted_on=D(2026, 3, 5))
    services.task_confirm(task=task, by=org.tracker)
    task.refresh_from_db()
    assert task.completed_on == D(2026, 3, 5)
    assert task.timeliness_on(TODAY) == Timeliness.DONE_ON_TIME
