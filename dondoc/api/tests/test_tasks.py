import datetime as dt

import pytest
from rest_framework.test import APIClient

from dondoc.tasks.workflow import Status
from dondoc.testing import make_task

pytestmark = pytest.mark.django_db


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def task(org):
    return make_task(org, due_on=dt.date(2030, 3, 31), text="Giao Sở Tài chính tham mưu bố trí vốn")


def test_signed_out_requests_are_refused():
    assert APIClient().get("/api/tasks/").status_code == 403


def test_the_list_holds_only_visible_tasks(org, task):
    make_task(org, lead=org.construction, text="Giao Sở Xây dựng kiểm tra")
    data = client_for(org.finance_head).get("/api/tasks/").json()
    assert [row["id"] for row in data["results"]] == [task.pk]
    assert data["results"][0]["timeliness"] == "within_deadline"


def test_search_ignores_diacritics(org, task):
    data = client_for(org.tracker).get("/api/tasks/", {"q": "bo tri von"}).json()
    assert [row["id"] for row in data["results"]] == [task.pk]


def test_an_unseen_task_answers_404_and_a_forbidden_action_403(org, task):
    assert client_for(org.commune_head).get(f"/api/tasks/{task.pk}/").status_code == 404
    response = client_for(org.finance_staff).post(f"/api/tasks/{task.pk}/submit/", {"result": "Xong"})
    assert response.status_code == 403


def test_submit_then_confirm_through_the_api(org, task):
    response = client_for(org.finance_head).post(f"/api/tasks/{task.pk}/submit/", {"result": "Xong"})
    assert response.status_code == 200 and response.json()["status"] == Status.SUBMITTED
    response = client_for(org.tracker).post(f"/api/tasks/{task.pk}/confirm/", {})
    assert response.json()["status"] == Status.DONE
    events = client_for(org.tracker).get(f"/api/tasks/{task.pk}/events/").json()
    assert [e["kind"] for e in events] == ["created", "submit", "confirm"]


def test_a_domain_error_answers_400_with_the_clerks_message(org, task):
    response = client_for(org.finance_head).post(
        f"/api/tasks/{task.pk}/extension/", {"proposed_due": "01/01/2020", "reason": "Chậm"}
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Thời hạn đề nghị phải sau ngày hôm nay.", "field": "proposed_due"}


def test_a_wrong_date_format_answers_400(org, task):
    response = client_for(org.finance_head).post(
        f"/api/tasks/{task.pk}/extension/", {"proposed_due": "31/02/2031", "reason": "x"}
    )
    assert response.status_code == 400
    assert "proposed_due" in response.json()


def test_an_unknown_action_answers_404(org, task):
    assert client_for(org.tracker).post(f"/api/tasks/{task.pk}/teleport/", {}).status_code == 404


def test_the_timeline_does_not_name_hand_downs_a_supporting_unit_may_not_see(org):
    from dondoc.tasks import services

    task = make_task(org, due_on=dt.date(2030, 3, 31), support=(org.construction,))
    services.task_delegate(task=task, by=org.finance_head, text="Việc nội bộ của phòng",
                           lead_unit=org.finance_budget, due_on=dt.date(2030, 3, 1))
    events = client_for(org.construction_head).get(f"/api/tasks/{task.pk}/events/").json()
    delegated = next(e for e in events if e["kind"] == "delegated")
    assert delegated["after"]["child"] == "Nhiệm vụ nội bộ của đơn vị chủ trì"
    assert "Việc nội bộ" not in str(events)
    own = client_for(org.finance_head).get(f"/api/tasks/{task.pk}/events/").json()
    assert "Việc nội bộ" in str(own)
