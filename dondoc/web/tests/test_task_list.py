"""The task list: filters in the query string, accent-free search, sorting, pagination."""

import datetime as dt

import pytest
from django.urls import reverse

from dondoc.tasks import services
from dondoc.testing import make_task

pytestmark = pytest.mark.django_db


def _texts(response):
    return [t.text for t in response.context["page"].object_list]


def test_search_ignores_diacritics(signed_in, org):
    make_task(org, text="Đôn đốc UBND các xã hoàn thành kê khai")
    make_task(org, text="Sở Tài chính lập dự toán")
    response = signed_in(org.tracker).get(reverse("web:task-list"), {"q": "ubnd cac xa"})
    assert _texts(response) == ["Đôn đốc UBND các xã hoàn thành kê khai"]


def test_filters_by_timeliness_unit_priority_and_due_range(signed_in, org, today):
    make_task(org, text="Quá hạn", due_on=today - dt.timedelta(days=1))
    make_task(org, text="Xây dựng", lead=org.construction, due_on=today + dt.timedelta(days=90), priority=True)
    make_task(org, text="Không hạn", due_on=None)
    client = signed_in(org.tracker)
    url = reverse("web:task-list")
    assert _texts(client.get(url, {"timeliness": "overdue"})) == ["Quá hạn"]
    assert _texts(client.get(url, {"lead_unit": org.construction.pk})) == ["Xây dựng"]
    assert _texts(client.get(url, {"priority": "1"})) == ["Xây dựng"]
    later = (today + dt.timedelta(days=80)).strftime("%d/%m/%Y")
    assert _texts(client.get(url, {"due_from": later})) == ["Xây dựng"]
    assert _texts(client.get(url, {"status": "assigned", "timeliness": "no_deadline"})) == ["Không hạn"]


def test_filters_by_assigning_leader_and_source_document(signed_in, org, today):
    from dondoc.documents.models import Document

    document = Document.objects.create(kind="thong_bao", number="12/TB-UBND", subject="Kết luận họp")
    make_task(org, text="Theo văn bản", document=document)
    services.task_create(by=org.tracker, text="Không ai giao", lead_unit=org.finance)
    client = signed_in(org.tracker)
    url = reverse("web:task-list")
    assert _texts(client.get(url, {"document": document.pk})) == ["Theo văn bản"]
    assert _texts(client.get(url, {"assigned_by": org.chairman.pk})) == ["Theo văn bản"]


def test_sorting_puts_tasks_without_deadline_last(signed_in, org, today):
    make_task(org, text="Không hạn", due_on=None)
    make_task(org, text="Xa", due_on=today + dt.timedelta(days=50))
    make_task(org, text="Gần", due_on=today + dt.timedelta(days=5))
    client = signed_in(org.tracker)
    assert _texts(client.get(reverse("web:task-list"))) == ["Gần", "Xa", "Không hạn"]
    assert _texts(client.get(reverse("web:task-list"), {"sort": "-due"})) == ["Xa", "Gần", "Không hạn"]


def test_a_unit_sees_only_its_own_tasks(signed_in, org):
    make_task(org, text="Của Tài chính")
    make_task(org, text="Của Xây dựng", lead=org.construction)
    assert _texts(signed_in(org.finance_staff).get(reverse("web:task-list"))) == ["Của Tài chính"]


def test_pagination_keeps_the_filters_in_the_links(signed_in, org):
    for n in range(30):
        make_task(org, text=f"Nhiệm vụ số {n}")
    response = signed_in(org.tracker).get(reverse("web:task-list"), {"q": "nhiem vu"})
    assert response.context["page"].paginator.count == 30
    assert "?q=nhiem+vu&amp;page=2" in response.content.decode()
    second = signed_in(org.tracker).get(reverse("web:task-list"), {"q": "nhiem vu", "page": 2})
    assert len(second.context["page"].object_list) == 5


def test_a_bad_date_filter_is_explained_next_to_the_field(signed_in, org):
    make_task(org)
    response = signed_in(org.tracker).get(reverse("web:task-list"), {"due_from": "31/02/2025"})
    assert "dd/mm/yyyy" in response.content.decode()
    assert response.context["page"].paginator.count == 0


def test_htmx_requests_get_only_the_results(signed_in, org):
    make_task(org)
    response = signed_in(org.tracker).get(reverse("web:task-list"), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Tìm thấy" in body


def test_the_list_takes_a_fixed_number_of_queries(signed_in, org, django_assert_max_num_queries):
    for n in range(20):
        make_task(org, text=f"Việc {n}", support=(org.construction,))
    client = signed_in(org.tracker)
    with django_assert_max_num_queries(12):
        client.get(reverse("web:task-list"))
