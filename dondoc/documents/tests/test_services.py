import datetime as dt

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from dondoc.documents import services
from dondoc.documents.models import Document, DocumentFile, ExtractionRun, RunStatus
from dondoc.documents.services import TaskSpec, document_register
from dondoc.errors import ActionForbidden, DomainError
from dondoc.tasks.models import Task
from dondoc.tasks.services import task_create as real_task_create


def register(org, by=None, **extra):
    values = {
        "by": by or org.tracker, "kind": "thong_bao", "number": "5/TB-UBND", "signer": "nguyen tuong duy",
        "text": "Giao Sở Tài chính rà soát. Giao Sở Xây dựng kiểm tra.",
        "tasks": [TaskSpec(text="Giao Sở Tài chính rà soát.", lead_units=[org.finance], source_span=(0, 26)),
                  TaskSpec(text="Giao Sở Xây dựng kiểm tra.", lead_units=[org.construction, org.commune],
                           support_units=[org.finance, org.construction], due_on=dt.date(2026, 12, 1))],
        "files": [SimpleUploadedFile("tb.txt", b"noi dung")],
    }
    return document_register(**{**values, **extra})


def stored_files():
    root = settings.MEDIA_ROOT / "documents"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_document_is_registered_with_its_files_and_one_task_per_lead_unit(org):
    document = register(org)
    tasks = list(document.tasks.order_by("id"))
    assert [t.lead_unit for t in tasks] == [org.finance, org.construction, org.commune]
    assert list(tasks[1].support_units.all()) == [org.finance]  # a lead is never its own support
    assert sorted(u.pk for u in tasks[2].support_units.all()) == sorted([org.finance.pk, org.construction.pk])
    assert {t.assigned_by for t in tasks} == {org.chairman}  # the signer's name, folded
    assert (tasks[0].source_start, tasks[0].source_end) == (0, 26)
    assert document.unit == org.committee and document.created_by == org.tracker
    assert DocumentFile.objects.get().file.read() == b"noi dung"


def test_a_failing_task_in_the_middle_leaves_nothing_behind(org, monkeypatch):
    calls = []

    def failing_second(**kwargs):
        calls.append(kwargs["lead_unit"])
        if len(calls) == 2:
            raise DomainError("Đơn vị không nhận nhiệm vụ.", field="lead_unit")
        return real_task_create(**kwargs)

    monkeypatch.setattr(services, "task_create", failing_second)
    with pytest.raises(DomainError) as raised:
        register(org)
    assert raised.value.field == "tasks.1.lead_unit" and raised.value.message.startswith("Nhiệm vụ 2:")
    assert (Document.objects.count(), Task.objects.count(), DocumentFile.objects.count()) == (0, 0, 0)
    assert stored_files() == []


def test_a_task_without_a_lead_unit_is_refused_before_anything_is_written(org):
    with pytest.raises(DomainError) as raised:
        register(org, tasks=[TaskSpec(text="Giao rà soát.", lead_units=[])])
    assert raised.value.field == "tasks.0.lead_units"
    assert Document.objects.count() == 0


def test_only_those_who_may_register_can(org):
    with pytest.raises(ActionForbidden):
        register(org, by=org.finance_head)
    assert Document.objects.count() == 0


def test_a_reading_is_registered_once(org):
    run = ExtractionRun.objects.create(created_by=org.tracker, status=RunStatus.DONE, text="x", result={})
    register(org, run=run, tasks=[])
    run.refresh_from_db()
    assert run.status == RunStatus.CONFIRMED and run.document is not None
    with pytest.raises(DomainError):
        register(org, run=run, tasks=[])
    assert Document.objects.count() == 1


def test_a_document_without_tasks_can_be_registered(org):
    document = register(org, tasks=[], signer="")
    assert document.tasks.count() == 0


def test_an_unknown_kind_is_refused(org):
    with pytest.raises(DomainError) as raised:
        register(org, kind="thu_tay")
    assert raised.value.field == "kind"
