"""What a person sees of others' work: a lead unit's internal hand-downs stay with it, and the
directory, the unit pickers and the list's menus show only the person's own committee."""

import datetime as dt

import pytest
from django.urls import reverse

from dondoc.tasks import services
from dondoc.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def handed_down(org, task, today):
    """The finance task (construction supports it) handed down inside finance to its budget office."""
    return services.task_delegate(task=task, by=org.finance_head, text="Việc nội bộ của Phòng Ngân sách",
                                  lead_unit=org.finance_budget, due_on=today + dt.timedelta(days=10))


def test_a_supporting_unit_does_not_see_the_lead_units_internal_hand_downs(signed_in, org, task, handed_down):
    body = signed_in(org.construction_head).get(reverse("web:task-detail", args=[task.pk])).content.decode()
    assert "Việc nội bộ của Phòng Ngân sách" not in body
    assert reverse("web:task-detail", args=[handed_down.pk]) not in body
    assert "Nhiệm vụ nội bộ của đơn vị chủ trì" in body  # the timeline says a hand-down happened


def test_the_lead_unit_and_the_office_see_the_hand_downs(signed_in, org, task, handed_down):
    for person in (org.finance_head, org.tracker):
        body = signed_in(person).get(reverse("web:task-detail", args=[task.pk])).content.decode()
        assert "Việc nội bộ của Phòng Ngân sách" in body
        assert reverse("web:task-detail", args=[handed_down.pk]) in body


def test_the_directory_shows_only_the_persons_own_committee(signed_in, org):
    make_user("ngoai2", org.outsider.unit, "head", "Người Khác Tỉnh", phone="0900000001",
              email="khac@tinhkhac.vn")
    body = signed_in(org.finance_staff).get(reverse("web:directory")).content.decode()
    assert "Sở Xây dựng" in body and "Hoàng Đức Long" in body
    assert "Ủy ban nhân dân tỉnh Khác" not in body and "Người Ngoài" not in body
    found = signed_in(org.finance_staff).get(reverse("web:directory"), {"q": "khac"}).content.decode()
    assert "Người Khác Tỉnh" not in found and "khac@tinhkhac.vn" not in found and "0900000001" not in found


def test_an_administrator_sees_every_committee_in_the_directory(signed_in, org):
    body = signed_in(org.admin).get(reverse("web:directory")).content.decode()
    assert "Ủy ban nhân dân tỉnh Khác" in body and "Sở Xây dựng" in body


def test_the_unit_picker_offers_only_the_persons_own_committee(signed_in, org):
    client = signed_in(org.tracker)
    body = client.get(reverse("web:unit-search"), {"q": "uy ban tinh", "name": "lead_unit"}).content.decode()
    assert "Thử Nghiệm" in body and "tỉnh Khác" not in body
    other = org.outsider.unit
    assert client.get(reverse("web:unit-choice", args=[other.pk]), {"name": "lead_unit"}).status_code == 404
    assert client.get(reverse("web:unit-choice", args=[org.finance.pk]), {"name": "lead_unit"}).status_code == 200
    outsider = signed_in(org.outsider)
    assert "Sở Tài chính" not in outsider.get(reverse("web:unit-search"), {"q": "so tai chinh"}).content.decode()
    assert outsider.get(reverse("web:unit-choice", args=[org.finance.pk])).status_code == 404


@pytest.mark.parametrize("name", ["x' hx-post='/evil", "lead_unit\" hx-get=\"/x", "task", ""])
def test_the_picker_echoes_only_its_own_input_names(signed_in, org, name):
    client = signed_in(org.tracker)
    options = client.get(reverse("web:unit-search"), {"q": "tai chinh", "name": name}).content.decode()
    chip = client.get(reverse("web:unit-choice", args=[org.finance.pk]), {"name": name}).content.decode()
    assert "evil" not in options and "/x" not in options and "/x" not in chip
    assert "?name=support_units" in options and 'name="support_units"' in chip


def test_the_picker_keeps_the_lead_unit_name(signed_in, org):
    client = signed_in(org.tracker)
    options = client.get(reverse("web:unit-search"), {"q": "tai chinh", "name": "lead_unit"}).content.decode()
    chip = client.get(reverse("web:unit-choice", args=[org.finance.pk]), {"name": "lead_unit"}).content.decode()
    assert "?name=lead_unit" in options and 'name="lead_unit"' in chip and 'type="radio"' in chip


def test_the_task_lists_menus_name_only_the_persons_own_committee(signed_in, org):
    body = signed_in(org.finance_head).get(reverse("web:task-list")).content.decode()
    assert "Sở Xây dựng" in body and "Nguyễn Tường Duy" in body
    assert "Ủy ban nhân dân tỉnh Khác" not in body and "Người Ngoài" not in body
    refused = signed_in(org.finance_head).get(reverse("web:task-list"), {"lead_unit": org.outsider.unit.pk})
    assert "Đơn vị không hợp lệ." in refused.content.decode()
    refused = signed_in(org.finance_head).get(reverse("web:task-list"), {"assigned_by": org.outsider.pk})
    assert "Lãnh đạo giao không hợp lệ." in refused.content.decode()


def test_the_outsiders_list_offers_its_own_units_and_filters_by_them(signed_in, org, today):
    other = org.outsider.unit
    own = services.task_create(by=org.outsider, text="Việc của tỉnh khác", lead_unit=other,
                               due_on=today + dt.timedelta(days=3))
    body = signed_in(org.outsider).get(reverse("web:task-list"), {"lead_unit": other.pk}).content.decode()
    assert own.short_text in body and "Sở Tài chính" not in body
