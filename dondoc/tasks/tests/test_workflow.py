"""The workflow table, walked cell by cell."""

import datetime as dt

import pytest

from dondoc.errors import ActionForbidden, DomainError
from dondoc.tasks import services
from dondoc.tasks.models import TaskEvent
from dondoc.tasks.workflow import TRANSITIONS, Status, transition
from dondoc.testing import make_task

pytestmark = pytest.mark.django_db
DUE = dt.date(2030, 6, 30)


def task_in(org, status):
    """A task brought to ``status`` the way users would bring it there."""
    task = make_task(org, due_on=DUE)
    head, tracker = org.finance_head, org.tracker
    steps = {
        Status.ASSIGNED: [],
        Status.IN_PROGRESS: [lambda: services.task_start(task=task, by=head)],
        Status.SUBMITTED: [lambda: services.task_submit(task=task, by=head, result="Đã xong")],
        Status.RETURNED: [
            lambda: services.task_submit(task=task, by=head, result="Đã xong"),
            lambda: services.task_return(task=task, by=tracker, reason="Chưa đủ hồ sơ"),
        ],
        Status.DONE: [
            lambda: services.task_submit(task=task, by=head, result="Đã xong"),
            lambda: services.task_confirm(task=task, by=tracker),
        ],
        Status.PAUSED: [lambda: services.task_pause(task=task, by=tracker, reason="Chờ chủ trương")],
        Status.WITHDRAWN: [lambda: services.task_withdraw(task=task, by=tracker, reason="Không còn phù hợp")],
    }[status]
    for step in steps:
        step()
    task.refresh_from_db()
    assert task.status == status
    return task


def actor_for(org, rule):
    from dondoc.org.access import PERMISSIONS, Relation

    who = PERMISSIONS[rule.action]
    return org.tracker if Relation.ASSIGNER in who else org.finance_head


ALL_PAIRS = [(a, b) for a in Status for b in Status if a != b]


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_every_cell_of_the_table_is_allowed_or_refused_as_written(org, source, target):
    task = task_in(org, source)
    rule = TRANSITIONS[source].get(target)
    events_before = TaskEvent.objects.filter(task=task).count()
    if rule is None:
        with pytest.raises(DomainError, match="Không thể chuyển"):
            transition(task, target, by=org.tracker, note="lý do")
        task.refresh_from_db()
        assert task.status == source
        assert TaskEvent.objects.filter(task=task).count() == events_before
    else:
        transition(task, target, by=actor_for(org, rule), note="lý do")
        task.refresh_from_db()
        assert task.status == target
        event = TaskEvent.objects.filter(task=task).latest("id")
        assert event.before["status"] == source and event.after["status"] == target


@pytest.mark.parametrize(
    ("source", "target"), [(a, b) for a, row in TRANSITIONS.items() for b in row]
)
def test_every_allowed_transition_is_refused_to_the_wrong_side(org, source, target):
    task = task_in(org, source)
    rule = TRANSITIONS[source][target]
    wrong = org.finance_head if actor_for(org, rule) == org.tracker else org.tracker
    with pytest.raises(ActionForbidden):
        transition(task, target, by=wrong, note="lý do")
    task.refresh_from_db()
    assert task.status == source


@pytest.mark.parametrize(
    ("source", "target"),
    [(a, b) for a, row in TRANSITIONS.items() for b, rule in row.items() if rule.needs_reason],
)
def test_transitions_that_need_a_reason_refuse_an_empty_one(org, source, target):
    task = task_in(org, source)
    with pytest.raises(DomainError, match="lý do"):
        transition(task, target, by=actor_for(org, TRANSITIONS[source][target]), note="  ")
    task.refresh_from_db()
    assert task.status == source


def test_done_and_withdrawn_are_final():
    assert TRANSITIONS[Status.DONE] == {} and TRANSITIONS[Status.WITHDRAWN] == {}


def test_every_status_has_a_row_in_the_table():
    assert set(TRANSITIONS) == set(Status)
