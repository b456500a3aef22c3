import datetime as dt
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone

from dondoc.demo.organisation import DEMO_PASSWORD, PEOPLE
from dondoc.org.models import Role, Unit, UnitKind, User
from dondoc.tasks.models import ExtensionRequest, ExtensionStatus, Submission, Task, TaskEvent, Verdict
from dondoc.tasks.timeliness import Timeliness
from dondoc.tasks.workflow import Status


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = run_demo()
        yield output
        transaction.set_rollback(True)


def counts() -> dict[str, int]:
    return {
        "units": Unit.objects.count(), "users": User.objects.count(), "tasks": Task.objects.count(),
        "events": TaskEvent.objects.count(), "submissions": Submission.objects.count(),
    }


def test_the_demo_loads_on_an_empty_database(demo, db):
    assert "Đã nạp dữ liệu demo" in demo
    assert Task.objects.count() >= 40


def test_a_second_run_keeps_the_data_and_says_so(demo, db):
    before = counts()
    output = run_demo()
    assert "đã có sẵn" in output
    assert counts() == before


def test_every_demo_account_signs_in_with_the_demo_password(demo, db):
    for spec in PEOPLE:
        request = RequestFactory().post("/dang-nhap/")
        user = authenticate(request, username=spec.username, password=DEMO_PASSWORD)
        assert user is not None and user.username == spec.username


def test_the_named_accounts_have_their_roles(demo, db):
    people = {u.username: u for u in User.objects.select_related("unit")}
    assert people["admin"].is_superuser and people["admin"].role == Role.ADMIN
    assert people["lanhdao"].role == Role.LEADER and people["lanhdao"].unit.kind == UnitKind.PEOPLES_COMMITTEE
    assert people["phochutich"].role == Role.LEADER
    assert people["vanphong"].role == Role.TRACKER and people["vanphong"].unit.kind == UnitKind.OFFICE
    assert people["donvi"].role == Role.HEAD and people["donvi"].unit.name == "Sở Tài chính"
    assert people["chuyenvien"].role == Role.STAFF and people["chuyenvien"].unit == people["donvi"].unit
    heads = set(User.objects.filter(role=Role.HEAD).values_list("unit_id", flat=True))
    current = Unit.objects.current().exclude(kind=UnitKind.PEOPLES_COMMITTEE)
    assert set(current.values_list("pk", flat=True)) <= heads


def test_every_timeliness_class_is_on_show(demo, db):
    classes = set(Task.objects.with_timeliness().values_list("timeliness", flat=True))
    assert classes == set(Timeliness)


def test_the_former_district_has_ended_and_passed_its_open_tasks_on(demo, db):
    district = Unit.objects.get(name="Ủy ban nhân dân huyện Sơn Dương")
    assert district.kind == UnitKind.DISTRICT
    assert district.valid_to == dt.date(2025, 6, 30)
    assert district.successor.name == "Ủy ban nhân dân xã Sơn Dương"
    assert district.successor.valid_from == dt.date(2025, 7, 1)
    below = Unit.objects.subtree_of(district).exclude(pk=district.pk)
    assert below.count() >= 8
    for unit in below:
        assert unit.valid_to == dt.date(2025, 6, 30) and unit.successor and unit.successor.is_current
    assert not Task.objects.open().filter(lead_unit__valid_to__isnull=False).exists()
    assert TaskEvent.objects.filter(kind="succession").exists()
    merged = Unit.objects.get(name="Sở Tài nguyên và Môi trường")
    assert merged.valid_to == dt.date(2025, 2, 28) and merged.successor.short_name == "Sở NN&MT"


def test_the_workflow_is_shown_in_all_its_turns(demo, db):
    assert Submission.objects.filter(verdict=Verdict.RETURNED).exists()
    assert Task.objects.filter(status=Status.RETURNED).exists()
    assert set(ExtensionRequest.objects.values_list("status", flat=True)) >= {
        ExtensionStatus.PENDING, ExtensionStatus.APPROVED}
    assert Task.objects.filter(status=Status.PAUSED).exists()
    assert Task.objects.filter(status=Status.WITHDRAWN).exists()
    assert Task.objects.filter(parent__isnull=False, lead_unit__kind=UnitKind.SUB_UNIT).exists()
    assert Task.objects.filter(parent__isnull=False, assignee__username="chuyenvien").exists()
    assert TaskEvent.objects.filter(kind="progress").exclude(after__percent=None).exists()


def test_the_finance_department_has_work_to_show(demo, db):
    donvi, staff = User.objects.get(username="donvi"), User.objects.get(username="chuyenvien")
    assert Task.objects.visible_to(donvi).filter(lead_unit=donvi.unit).count() >= 5
    assert Task.objects.filter(assignee=staff).open().exists()


def test_history_is_dated_in_the_past_and_in_order(demo, db):
    now = timezone.now()
    assert not TaskEvent.objects.filter(at__gt=now).exists()
    assert TaskEvent.objects.filter(at__lt=now - dt.timedelta(days=365)).exists()
    for task in Task.objects.filter(status=Status.DONE).prefetch_related("events")[:10]:
        kinds = [e.kind for e in task.events.all()]
        assert kinds[0] == "created" and kinds[-1] == "confirm"


def test_reset_wipes_and_reloads(demo, db):
    before = counts()
    output = run_demo("--reset")
    assert "Đã xóa dữ liệu demo cũ" in output and "Đã nạp dữ liệu demo" in output
    assert counts()["tasks"] == before["tasks"]
    assert User.objects.filter(username="donvi").count() == 1


@pytest.mark.parametrize("args", [(), ("--reset",)])
def test_the_demo_is_refused_in_production(demo, db, settings, args):
    settings.DONDOC_ENV = "production"
    before = counts()
    with pytest.raises(CommandError, match="chính thức"):
        run_demo(*args)
    assert counts() == before


def test_list_prints_the_accounts(demo, db):
    output = run_demo("--list")
    assert "donvi" in output and "Phạm Văn Hùng" in output and "Sở Tài chính" in output
    assert DEMO_PASSWORD in output

