"""Every task action: a POST to its own URL, re-checked on the server, through one service."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dondoc.tasks import services
from dondoc.tasks.models import EventKind, ExtensionStatus, Task, Verdict
from dondoc.tasks.workflow import Status

pytestmark = pytest.mark.django_db


def act(client, task, slug, data=None, **extra):
    return client.post(reverse("web:task-action", args=[task.pk, slug]), data or {}, **extra)


def test_the_lead_head_reports_progress_with_a_file(signed_in, org, task):
    response = act(signed_in(org.finance_head), task, "bao-cao-tien-do", {
        "text": "Đã hoàn thành dự thảo.", "percent": "60", "difficulties": "Thiếu số liệu",
        "proposals": "Đề nghị Sở Xây dựng gửi số liệu", "files": SimpleUploadedFile("du-thao.pdf", b"%PDF-1.4"),
    })
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == Status.IN_PROGRESS
    report = task.reports.get()
    assert report.percent == 60 and report.difficulties == "Thiếu số liệu"
    assert task.attachments.get().name == "du-thao.pdf"


def test_a_percent_over_100_is_refused_next_to_the_field_and_keeps_the_text(signed_in, org, task):
    response = act(signed_in(org.finance_head), task, "bao-cao-tien-do", {"text": "Giữ lại", "percent": "150"})
    assert response.status_code == 400
    assert response.context["forms"]["progress"].errors["percent"] == ["Tỷ lệ hoàn thành phải từ 0 đến 100."]
    assert "Giữ lại" in response.content.decode()
    assert not task.reports.exists()


def test_a_supporting_unit_adds_a_note_but_cannot_submit(signed_in, org, task):
    client = signed_in(org.construction_head)
    assert act(client, task, "y-kien", {"text": "Sở Xây dựng đã gửi số liệu."}).status_code == 302
    assert task.events.filter(kind=EventKind.NOTE).exists()
    response = act(client, task, "bao-cao-hoan-thanh", {"result": "Xong"})
    assert response.status_code == 403
    assert "Chỉ thủ trưởng đơn vị chủ trì" in response.content.decode()
    task.refresh_from_db()
    assert task.status == Status.ASSIGNED


def test_submit_then_return_then_resubmit_then_confirm(signed_in, org, task):
    head, office = signed_in(org.finance_head), None
    assert act(head, task, "bao-cao-hoan-thanh", {
        "result": "Đã ban hành kế hoạch.", "files": SimpleUploadedFile("ke-hoach.docx", b"x"),
    }).status_code == 302
    office = signed_in(org.tracker)
    assert act(office, task, "tra-lai", {"reason": "Thiếu phụ lục."}).status_code == 302
    task.refresh_from_db()
    assert task.status == Status.RETURNED
    head = signed_in(org.finance_head)
    act(head, task, "bao-cao-hoan-thanh", {"result": "Đã bổ sung phụ lục."})
    office = signed_in(org.tracker)
    assert act(office, task, "xac-nhan", {"note": "Đạt yêu cầu."}).status_code == 302
    task.refresh_from_db()
    assert task.status == Status.DONE and task.current_timeliness == "done_on_time"
    assert [s.verdict for s in task.submissions.all()] == [Verdict.RETURNED, Verdict.ACCEPTED]
    body = office.get(reverse("web:task-detail", args=[task.pk])).content.decode()
    assert "Lý do:</strong> Thiếu phụ lục." in body and "ke-hoach.docx" in body


def test_returning_needs_a_reason(signed_in, org, task):
    services.task_submit(task=task, by=org.finance_head, result="Xong")
    response = act(signed_in(org.tracker), task, "tra-lai", {"reason": "  "})
    assert response.status_code == 400
    assert response.context["forms"]["return"].errors["reason"] == ["Vui lòng nhập lý do."]
    task.refresh_from_db()
    assert task.status == Status.SUBMITTED


def test_the_lead_unit_cannot_confirm_its_own_work(signed_in, org, task):
    services.task_submit(task=task, by=org.finance_head, result="Xong")
    assert act(signed_in(org.finance_head), task, "xac-nhan").status_code == 403
    task.refresh_from_db()
    assert task.status == Status.SUBMITTED


def test_confirming_a_task_not_yet_submitted_says_why(signed_in, org, task):
    response = act(signed_in(org.tracker), task, "xac-nhan")
    assert response.status_code == 400
    assert "Nhiệm vụ không có báo cáo hoàn thành nào đang chờ xác nhận." in response.content.decode()


def test_extension_request_and_approval(signed_in, org, task, today):
    new_due = (task.due_on + dt.timedelta(days=15)).strftime("%d/%m/%Y")
    assert act(signed_in(org.finance_head), task, "de-nghi-gia-han", {
        "proposed_due": new_due, "reason": "Chờ ý kiến Bộ Tài chính.",
    }).status_code == 302
    assert act(signed_in(org.tracker), task, "tra-loi-gia-han", {"approve": "1", "note": ""}).status_code == 302
    task.refresh_from_db()
    assert task.due_on.strftime("%d/%m/%Y") == new_due and task.was_extended
    assert task.extension_requests.get().status == ExtensionStatus.APPROVED


def test_an_extension_before_the_current_due_is_refused_next_to_the_field(signed_in, org, task, today):
    response = act(signed_in(org.finance_head), task, "de-nghi-gia-han", {
        "proposed_due": (task.due_on - dt.timedelta(days=1)).strftime("%d/%m/%Y"), "reason": "Lý do",
    })
    assert response.status_code == 400
    errors = response.context["forms"]["extension"].errors["proposed_due"]
    assert errors[0].startswith("Thời hạn đề nghị phải sau thời hạn hiện tại")
    assert not task.extension_requests.exists()


def test_refusing_an_extension_needs_a_reason(signed_in, org, task):
    services.task_request_extension(
        task=task, by=org.finance_head, proposed_due=task.due_on + dt.timedelta(days=5), reason="Chờ"
    )
    response = act(signed_in(org.tracker), task, "tra-loi-gia-han", {"approve": "0"})
    assert response.status_code == 400
    assert "Vui lòng nêu lý do không đồng ý gia hạn." in response.content.decode()
    assert act(signed_in(org.finance_head), task, "tra-loi-gia-han", {"approve": "1"}).status_code == 403


def test_the_office_changes_the_due_date_with_a_reason(signed_in, org, task):
    client = signed_in(org.tracker)
    response = act(client, task, "doi-thoi-han", {"due_on": "15/01/2031", "reason": ""})
    assert response.status_code == 400 and "Vui lòng nhập lý do điều chỉnh." in response.content.decode()
    assert act(client, task, "doi-thoi-han", {"due_on": "15/01/2031", "reason": "Theo chỉ đạo mới"}).status_code == 302
    task.refresh_from_db()
    assert task.due_on == dt.date(2031, 1, 15)
    body = client.get(reverse("web:task-detail", args=[task.pk])).content.decode()
    assert "→ <span class=\"after\">15/01/2031</span>" in body


def test_a_unit_cannot_change_the_due_date(signed_in, org, task):
    assert act(signed_in(org.finance_head), task, "doi-thoi-han", {"due_on": "15/01/2031", "reason": "x"}).status_code == 403


def test_the_head_passes_part_down_to_a_sub_unit_and_a_staff_member(signed_in, org, task):
    client = signed_in(org.finance_head)
    due = task.due_on.strftime("%d/%m/%Y")
    assert act(client, task, "giao-tiep", {"text": "Lập dự toán", "lead_unit": org.finance_budget.pk, "due_on": due}).status_code == 302
    assert act(client, task, "giao-tiep", {"text": "Tổng hợp", "assignee": org.finance_staff.pk, "due_on": due}).status_code == 302
    children = Task.objects.filter(parent=task).order_by("id")
    assert [(c.lead_unit, c.assignee) for c in children] == [(org.finance_budget, None), (org.finance, org.finance_staff)]


def test_delegating_past_the_parent_deadline_is_refused(signed_in, org, task):
    later = (task.due_on + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    response = act(signed_in(org.finance_head), task, "giao-tiep", {"text": "Việc con", "lead_unit": org.finance_budget.pk, "due_on": later})
    assert response.status_code == 400
    assert "không được muộn hơn thời hạn của nhiệm vụ cấp trên" in response.content.decode()
    assert not Task.objects.filter(parent=task).exists()


def test_staff_cannot_delegate(signed_in, org, task):
    assert act(signed_in(org.finance_staff), task, "giao-tiep", {"text": "x"}).status_code == 403


def test_pause_resume_and_withdraw(signed_in, org, task):
    client = signed_in(org.tracker)
    assert act(client, task, "tam-dung", {"reason": ""}).status_code == 400
    assert act(client, task, "tam-dung", {"reason": "Chờ chủ trương"}).status_code == 302
    task.refresh_from_db()
    assert task.status == Status.PAUSED
    assert act(client, task, "tiep-tuc", {}).status_code == 302
    assert act(client, task, "thu-hoi", {"reason": "Không còn phù hợp"}).status_code == 302
    task.refresh_from_db()
    assert task.status == Status.WITHDRAWN


def test_a_unit_cannot_withdraw(signed_in, org, task):
    assert act(signed_in(org.finance_head), task, "thu-hoi", {"reason": "x"}).status_code == 403


def test_an_action_on_an_invisible_task_answers_404(signed_in, org, task):
    assert act(signed_in(org.outsider), task, "bao-cao-tien-do", {"text": "x"}).status_code == 404
    assert act(signed_in(org.commune_head), task, "xac-nhan").status_code == 404


def test_an_unknown_action_answers_404_and_get_is_refused(signed_in, org, task):
    client = signed_in(org.tracker)
    assert act(client, task, "khong-co").status_code == 404
    assert client.get(reverse("web:task-action", args=[task.pk, "xac-nhan"])).status_code == 405


def test_events_kinds_reminded_and_urged_appear_on_the_timeline(signed_in, org, task):
    from dondoc.tasks.events import record_event

    record_event(task, EventKind.REMINDED, by=None, note="Nhắc hạn lần 1")
    record_event(task, EventKind.URGED, by=org.tracker, note="Công văn đôn đốc số 15")
    body = signed_in(org.finance_head).get(reverse("web:task-detail", args=[task.pk])).content.decode()
    assert "Nhắc hạn lần 1" in body and "Đôn đốc bằng văn bản" in body
