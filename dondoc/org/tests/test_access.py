"""The permission matrix: persona (role × relation to the task) × action → allowed or refused.

The expectations are written out here, cell by cell, rather than derived from
PERMISSIONS, so a change to the table shows up as a failing cell.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dondoc.org.access import Action, can, get_task_for
from dondoc.tasks import services
from dondoc.tasks.models import Task
from dondoc.testing import make_task

pytestmark = pytest.mark.django_db

PERSONAS = [
    "chairman",           # leader of the assigning committee
    "tracker",            # office tracker serving the assigning committee
    "finance_head",       # head of the lead unit
    "finance_staff",      # staff of the lead unit
    "construction_head",  # head of a supporting unit
    "budget_head",        # head of a sub-unit of the lead unit, not involved
    "commune_head",       # head of an unrelated unit
    "admin",              # system administrator
    "outsider",           # leader of another province
]

ASSIGNER_ACTIONS = {
    Action.CONFIRM, Action.RECORD_COMPLETION, Action.RETURN, Action.DECIDE_EXTENSION, Action.CHANGE_DUE, Action.EDIT,
    Action.PAUSE, Action.RESUME, Action.WITHDRAW, Action.URGE,
}

EXPECTED = {
    "chairman": {Action.VIEW, Action.ADD_NOTE} | ASSIGNER_ACTIONS,
    "tracker": {Action.VIEW, Action.ADD_NOTE} | ASSIGNER_ACTIONS,
    "finance_head": {Action.VIEW, Action.START, Action.REPORT_PROGRESS, Action.REQUEST_EXTENSION,
                     Action.SUBMIT, Action.DELEGATE},
    "finance_staff": {Action.VIEW, Action.START, Action.REPORT_PROGRESS},
    "construction_head": {Action.VIEW, Action.ADD_NOTE},
    "budget_head": set(),
    "commune_head": set(),
    "admin": {Action.VIEW},
    "outsider": set(),
}


@pytest.fixture
def task(org):
    return make_task(org, due_on=dt.date(2030, 1, 31), support=(org.construction,))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", list(Action))
def test_each_persona_may_take_exactly_the_expected_actions(org, task, persona, action):
    user = getattr(org, persona)
    assert can(user, task, action) == (action in EXPECTED[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_visibility_query_agrees_with_the_view_right(org, task, persona):
    user = getattr(org, persona)
    visible = Task.objects.visible_to(user).filter(pk=task.pk).exists()
    assert visible == (Action.VIEW in EXPECTED[persona])


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", [Action.VIEW, Action.SUBMIT, Action.CONFIRM])
def test_fetching_answers_404_when_unseen_and_403_when_not_allowed(org, task, persona, action):
    user = getattr(org, persona)
    allowed = EXPECTED[persona]
    if Action.VIEW not in allowed:
        with pytest.raises(Http404):
            get_task_for(user, task.pk, action=action)
    elif action not in allowed:
        with pytest.raises(PermissionDenied):
            get_task_for(user, task.pk, action=action)
    else:
        assert get_task_for(user, task.pk, action=action).pk == task.pk


def test_a_task_passed_down_is_confirmed_by_the_unit_that_passed_it(org, task):
    child = services.task_delegate(
        task=task, by=org.finance_head, text="Phòng Ngân sách rà soát số liệu",
        lead_unit=org.finance_budget, due_on=dt.date(2030, 1, 15),
    )
    assert can(org.finance_head, child, Action.CONFIRM)
    assert can(org.budget_head, child, Action.SUBMIT)
    assert not can(org.tracker, child, Action.CONFIRM)
    assert can(org.tracker, child, Action.VIEW)
    assert not can(org.budget_head, task, Action.VIEW)


def test_a_staff_member_given_a_task_may_submit_it(org, task):
    child = services.task_delegate(
        task=task, by=org.finance_head, text="Chuyên viên tổng hợp báo cáo",
        assignee=org.finance_staff, due_on=dt.date(2030, 1, 20),
    )
    assert can(org.finance_staff, child, Action.SUBMIT)
    assert Task.objects.visible_to(org.finance_staff).filter(pk=child.pk).exists()


def test_an_inactive_account_sees_nothing(org, task):
    org.tracker.is_active = False
    org.tracker.save()
    assert not can(org.tracker, task, Action.VIEW)
    assert not Task.objects.visible_to(org.tracker).exists()


def test_units_above_a_supporting_unit_see_the_task(org):
    task = make_task(org, support=(org.finance_budget,), lead=org.construction)
    assert can(org.finance_head, task, Action.VIEW)
    assert Task.objects.visible_to(org.finance_head).filter(pk=task.pk).exists()
    assert not can(org.finance_head, task, Action.ADD_NOTE)


def test_a_superuser_is_an_administrator_whatever_his_role(org):
    from dondoc.org.access import is_admin, may_assign_tasks

    org.finance_staff.is_superuser = True
    assert is_admin(org.finance_staff) and is_admin(org.admin)
    assert not is_admin(org.tracker)
    assert may_assign_tasks(org.tracker) and may_assign_tasks(org.chairman)
    assert not may_assign_tasks(org.admin) and not may_assign_tasks(org.finance_head)
