import datetime as dt

import pytest

from dondoc.errors import DomainError
from dondoc.org.models import Unit, UnitKind
from dondoc.org.services import unit_dissolve
from dondoc.tasks import services
from dondoc.tasks.models import EventKind
from dondoc.testing import make_task

pytestmark = pytest.mark.django_db


def test_dissolving_a_unit_hands_its_open_tasks_to_the_successor_with_their_history(org):
    ward = Unit.objects.create(name="Ủy ban nhân dân phường Minh Xuân", kind=UnitKind.COMMUNE, parent=org.committee)
    open_task = make_task(org, lead=org.construction)
    services.task_report_progress(task=open_task, by=org.construction_head, text="Đang làm")
    done_task = make_task(org, lead=org.construction)
    services.task_submit(task=done_task, by=org.construction_head, result="Xong")
    services.task_confirm(task=done_task, by=org.tracker)

    moved = unit_dissolve(unit=org.construction, successor=ward, last_day=dt.date(2025, 6, 30), by=org.admin)

    assert moved == 1
    open_task.refresh_from_db()
    done_task.refresh_from_db()
    assert open_task.lead_unit == ward
    assert done_task.lead_unit == org.construction
    assert open_task.reports.count() == 1
    event = open_task.events.get(kind=EventKind.SUCCESSION)
    assert event.before["lead_unit"]["label"] == "Sở Xây dựng"
    org.construction.refresh_from_db()
    assert org.construction.valid_to == dt.date(2025, 6, 30) and org.construction.successor == ward


def test_supporting_roles_pass_to_the_successor_too(org):
    task = make_task(org, support=(org.construction,))
    unit_dissolve(unit=org.construction, successor=org.commune, last_day=dt.date(2025, 6, 30), by=None)
    assert list(task.support_units.all()) == [org.commune]


def test_a_unit_cannot_succeed_itself_or_a_unit_under_it(org):
    with pytest.raises(DomainError):
        unit_dissolve(unit=org.finance, successor=org.finance_budget, last_day=dt.date(2025, 6, 30), by=None)


def test_the_final_successor_follows_a_chain_of_mergers(org):
    ward = Unit.objects.create(name="Phường Mới", kind=UnitKind.COMMUNE, parent=org.committee)
    unit_dissolve(unit=org.commune, successor=ward, last_day=dt.date(2026, 1, 1), by=None)
    org.old_district.refresh_from_db()
    assert org.old_district.final_successor() == ward


def test_moving_a_unit_rewrites_the_paths_below_it(org):
    org.finance.parent = org.construction
    org.finance.save()
    org.finance_budget.refresh_from_db()
    assert org.finance_budget.path.startswith(org.construction.path)
    assert org.finance_budget.is_within(org.construction)
    assert [u.name for u in org.finance_budget.ancestors()] == [
        org.committee.name, org.construction.name, org.finance.name,
    ]


def test_tasks_the_dissolved_unit_assigned_pass_to_the_successor_so_they_can_still_be_confirmed(org):
    from dondoc.org.access import Action, can
    from dondoc.org.models import Role
    from dondoc.testing import make_user

    district = Unit.objects.create(name="Ủy ban nhân dân huyện Yên Sơn", kind=UnitKind.DISTRICT, parent=org.committee)
    village = Unit.objects.create(name="Ủy ban nhân dân xã Kim Phú", kind=UnitKind.COMMUNE, parent=district)
    district_chair = make_user("chutichhuyen", district, Role.LEADER)
    task = services.task_create(by=district_chair, text="Giao xã Kim Phú rà soát", lead_unit=village)
    unit_dissolve(unit=district, successor=org.commune, last_day=dt.date(2025, 6, 30), by=None)
    task.refresh_from_db()
    assert task.assigning_unit == org.commune
    assert can(org.commune_head, task, Action.CONFIRM)
    assert task.events.filter(kind=EventKind.SUCCESSION).exists()
