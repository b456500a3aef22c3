"""Manual task entry by the office or a leader, without a document."""

import pytest
from django.urls import reverse

from dondoc.tasks.models import Task

pytestmark = pytest.mark.django_db


def test_the_office_assigns_a_task_by_hand(signed_in, org):
    response = signed_in(org.tracker).post(reverse("web:task-create"), {
        "text": "Rà soát thủ tục hành chính", "lead_unit": org.finance.pk,
        "support_units": [org.construction.pk, org.commune.pk], "due_on": "31/12/2030",
        "priority": "on", "assigned_by": org.chairman.pk,
    })
    task = Task.objects.get()
    assert response["Location"] == reverse("web:task-detail", args=[task.pk])
    assert task.lead_unit == org.finance and task.due_on.isoformat() == "2030-12-31"
    assert set(task.support_units.all()) == {org.construction, org.commune}
    assert task.priority and task.assigned_by == org.chairman and task.assigning_unit == org.committee


def test_bad_input_keeps_what_was_typed_and_saves_nothing(signed_in, org):
    response = signed_in(org.tracker).post(reverse("web:task-create"), {
        "text": "Nội dung giữ lại", "lead_unit": org.finance.pk, "support_units": [org.finance.pk],
        "due_on": "32/13/2030",
    })
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ngày không hợp lệ; vui lòng nhập theo dạng dd/mm/yyyy." in body
    assert "Nội dung giữ lại" in body and 'value="32/13/2030"' in body
    assert f'name="lead_unit" value="{org.finance.pk}" checked' in body
    assert not Task.objects.exists()


def test_the_lead_unit_cannot_also_support(signed_in, org):
    response = signed_in(org.tracker).post(reverse("web:task-create"), {
        "text": "Việc", "lead_unit": org.finance.pk, "support_units": [org.finance.pk],
    })
    assert response.context["form"].errors["support_units"] == ["Đơn vị chủ trì không đồng thời là đơn vị phối hợp."]
    assert not Task.objects.exists()


def test_missing_fields_are_named_in_vietnamese(signed_in, org):
    response = signed_in(org.chairman).post(reverse("web:task-create"), {"text": " "})
    errors = response.context["form"].errors
    assert errors["lead_unit"] == ["Vui lòng chọn đơn vị chủ trì."]
    assert errors["text"] == ["Vui lòng nhập nội dung nhiệm vụ."]


def test_a_unit_of_another_province_cannot_be_chosen(signed_in, org):
    from dondoc.org.models import Unit

    foreign = Unit.objects.get(name="Ủy ban nhân dân tỉnh Khác")
    response = signed_in(org.tracker).post(reverse("web:task-create"), {"text": "Việc", "lead_unit": foreign.pk})
    assert "lead_unit" in response.context["form"].errors
    assert not Task.objects.exists()


def test_staff_may_not_assign_tasks(signed_in, org):
    response = signed_in(org.finance_staff).post(reverse("web:task-create"), {"text": "Việc", "lead_unit": org.finance.pk})
    assert response.status_code == 403
    assert not Task.objects.exists()
