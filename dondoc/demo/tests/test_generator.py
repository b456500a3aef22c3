import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from dondoc.demo.generator import CODE_PREFIX, generate, wipe_generated
from dondoc.org.models import Role, Unit, UnitKind, User
from dondoc.tasks.models import Task, TaskEvent
from dondoc.tasks.timeliness import Timeliness
from dondoc.tasks.workflow import Status
from dondoc.text import fold

TODAY = dt.date(2026, 5, 14)


def snapshot() -> list[tuple]:
    """What was generated, without database ids."""
    tasks = Task.objects.filter(lead_unit__code__startswith=CODE_PREFIX).annotate(n=Count("events"))
    return sorted(
        tasks.values_list("lead_unit__code", "assigning_unit__code", "text", "status", "due_on",
                          "original_due_on", "completed_on", "created_at", "priority", "n")
    )


def test_it_builds_a_tree_with_paths_as_the_model_computes_them(db):
    generate(units=40, tasks=0, seed=1, today=TODAY)
    units = Unit.objects.filter(code__startswith=CODE_PREFIX).select_related("parent")
    assert units.count() == 40
    for unit in units:
        assert unit.path == unit._computed_path()
        assert unit.name_fold == fold(unit.name)
    kinds = set(units.values_list("kind", flat=True))
    assert {UnitKind.PEOPLES_COMMITTEE, UnitKind.OFFICE, UnitKind.DEPARTMENT, UnitKind.COMMUNE,
            UnitKind.SUB_UNIT} <= kinds
    committee = units.get(kind=UnitKind.PEOPLES_COMMITTEE)
    assert Unit.objects.subtree_of(committee).count() == 40
    for unit in units.exclude(kind=UnitKind.PEOPLES_COMMITTEE):
        assert User.objects.filter(unit=unit, role=Role.HEAD).count() == 1


def test_generated_tasks_are_consistent_and_have_their_timeline(db):
    counts = generate(units=30, tasks=600, seed=2, today=TODAY)
    tasks = Task.objects.filter(lead_unit__code__startswith=CODE_PREFIX)
    assert tasks.count() == 600 == counts["tasks"]
    assert TaskEvent.objects.filter(task__in=tasks).count() == counts["events"] >= 3 * 600
    assert not tasks.filter(status=Status.DONE, completed_on__isnull=True).exists()
    assert not tasks.exclude(status=Status.DONE).filter(completed_on__isnull=False).exists()
    for task in tasks.prefetch_related("events")[:200]:
        assert task.search_fold == fold(task.text)
        events = list(task.events.all())
        assert events[0].kind == "created" and len(events) >= 2
        assert all(task.created_at.date() <= e.at.date() <= TODAY for e in events)
        if task.status == Status.DONE:
            assert events[-1].kind == "confirm"
    classes = set(tasks.with_timeliness(TODAY).values_list("timeliness", flat=True))
    assert classes == set(Timeliness)
    assert tasks.filter(support_units__isnull=False).exists()


def test_the_same_seed_gives_the_same_data(db):
    generate(units=20, tasks=300, seed=5, today=TODAY)
    first = snapshot()
    wipe_generated()
    assert not Unit.objects.filter(code__startswith=CODE_PREFIX).exists()
    generate(units=20, tasks=300, seed=5, today=TODAY)
    assert snapshot() == first


def test_another_seed_gives_other_data(db):
    generate(units=20, tasks=100, seed=5, today=TODAY)
    first = [row[2:] for row in snapshot()]
    wipe_generated()
    generate(units=20, tasks=100, seed=6, today=TODAY)
    assert [row[2:] for row in snapshot()] != first


def test_the_command_refuses_a_second_set_with_the_same_seed_unless_reset(db):
    out = io.StringIO()
    call_command("generate", "--units", "10", "--tasks", "50", "--seed", "3", stdout=out)
    assert "Xong: 10 đơn vị, 50 nhiệm vụ" in out.getvalue()
    with pytest.raises(CommandError, match="--reset"):
        call_command("generate", "--units", "10", "--tasks", "50", "--seed", "3", stdout=io.StringIO())
    out = io.StringIO()
    call_command("generate", "--units", "10", "--tasks", "20", "--seed", "3", "--reset", stdout=out)
    assert "Đã xóa dữ liệu sinh trước đó: 10 đơn vị, 50 nhiệm vụ" in out.getvalue()
    assert Task.objects.count() == 20


def test_generating_is_refused_in_production(db, settings):
    from django.core.management import CommandError, call_command

    settings.DONDOC_ENV = "production"
    with pytest.raises(CommandError, match="chính thức"):
        call_command("generate", "--units", "3", "--tasks", "5", "--seed", "9")
    assert not Task.objects.exists()
