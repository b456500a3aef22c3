"""Every screen renders for the roles that use it, in Vietnamese, without N+1 queries."""

import datetime as dt

import pytest
from django.urls import reverse

from dondoc.reminders.models import Notification
from dondoc.tasks import services
from dondoc.testing import make_task

pytestmark = pytest.mark.django_db


def test_signing_in_lands_each_role_on_its_dashboard(client, org):
    response = client.post(reverse("web:login"), {"username": "vanphong", "password": "demo12345"})
    assert response.status_code == 302 and response["Location"] == reverse("web:home")
    page = client.get(reverse("web:home"))
    assert "Tổng quan nhiệm vụ" in page.content.decode()
    client.post(reverse("web:logout"))
    client.post(reverse("web:login"), {"username": "donvi", "password": "demo12345"})
    page = client.get(reverse("web:home")).content.decode()
    assert "Nhiệm vụ của Sở Tài chính" in page


def test_a_wrong_password_is_answered_in_vietnamese_and_keeps_the_username(client, org):
    response = client.post(reverse("web:login"), {"username": "vanphong", "password": "sai"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="vanphong"' in body
    assert "Đăng nhập" in body


def test_an_anonymous_visitor_is_sent_to_sign_in(client, org):
    response = client.get(reverse("web:task-list"))
    assert response.status_code == 302 and reverse("web:login") in response["Location"]


def test_sign_out_ends_the_session(signed_in, org):
    client = signed_in(org.tracker)
    client.post(reverse("web:logout"))
    assert client.get(reverse("web:home")).status_code == 302


def test_a_person_changes_their_password(signed_in, org):
    client = signed_in(org.finance_staff)
    assert "Đổi mật khẩu" in client.get(reverse("web:password-change")).content.decode()
    response = client.post(reverse("web:password-change"), {
        "old_password": "demo12345", "new_password1": "Mat-khau-moi-2025", "new_password2": "Mat-khau-moi-2025",
    })
    assert response.status_code == 302
    org.finance_staff.refresh_from_db()
    assert org.finance_staff.check_password("Mat-khau-moi-2025")


def test_the_office_dashboard_counts_each_class_in_one_query(signed_in, org, today, django_assert_max_num_queries):
    make_task(org, due_on=today - dt.timedelta(days=3), text="Việc đã quá hạn của Sở Tài chính")
    make_task(org, due_on=today + dt.timedelta(days=60), lead=org.construction)
    make_task(org, due_on=None, lead=org.commune)
    client = signed_in(org.tracker)
    # The rates per unit come from the statistics' queries (policy, scope, figures, units).
    with django_assert_max_num_queries(15):
        response = client.get(reverse("web:home"))
    tiles = {t["cls"]: t["count"] for t in response.context["tiles"]}
    assert tiles["overdue"] == 1 and tiles["within_deadline"] == 1 and tiles["no_deadline"] == 1
    body = response.content.decode()
    assert "quá 3 ngày" in body and "Việc đã quá hạn của Sở Tài chính" in body
    assert "?timeliness=overdue" in body
    assert "<svg" in body and "Sở Xây dựng" in body


def test_the_office_dashboard_lists_waiting_submissions_and_extension_requests(signed_in, org, task, today):
    services.task_submit(task=task, by=org.finance_head, result="Đã trình kế hoạch.")
    other = make_task(org, due_on=today + dt.timedelta(days=10), lead=org.construction, text="Rà soát quy hoạch xây dựng")
    services.task_request_extension(
        task=other, by=org.construction_head, proposed_due=today + dt.timedelta(days=40), reason="Chờ số liệu."
    )
    response = signed_in(org.chairman).get(reverse("web:home"))
    assert list(response.context["waiting"]) == [task]
    assert [r.task for r in response.context["extensions"]] == [other]
    assert "Chờ số liệu." in response.content.decode()


def test_the_unit_dashboard_shows_returned_work_and_answers(signed_in, org, task, today):
    late = make_task(org, due_on=today - dt.timedelta(days=2), text="Báo cáo quyết toán")
    services.task_submit(task=task, by=org.finance_head, result="Xong.")
    services.task_return(task=task, by=org.tracker, reason="Thiếu phụ lục số liệu.")
    request = services.task_request_extension(
        task=late, by=org.finance_head, proposed_due=today + dt.timedelta(days=20), reason="Chờ Kho bạc."
    )
    services.task_decide_extension(request=request, by=org.tracker, approve=False, note="Không có căn cứ.")
    response = signed_in(org.finance_head).get(reverse("web:home"))
    assert list(response.context["returned"]) == [task]
    assert list(response.context["overdue"]) == [late]
    body = response.content.decode()
    assert "Kết quả bị trả lại" in body and "Không có căn cứ." in body


def test_the_unit_dashboard_lists_the_work_it_passed_down(signed_in, org, task):
    services.task_delegate(task=task, by=org.finance_head, text="Phòng Ngân sách lập dự toán", lead_unit=org.finance_budget,
                           due_on=task.due_on)
    response = signed_in(org.finance_head).get(reverse("web:home"))
    assert [t.text for t in response.context["passed_down"]] == ["Phòng Ngân sách lập dự toán"]


def test_the_task_page_shows_the_task_its_timeline_and_only_allowed_actions(signed_in, org, task):
    services.task_report_progress(task=task, by=org.finance_head, text="Đã họp tổ công tác.", percent=40)
    body = signed_in(org.finance_head).get(reverse("web:task-detail", args=[task.pk])).content.decode()
    assert "Sở Tài chính" in body and "Sở Xây dựng" in body
    assert "Đã họp tổ công tác." in body and "40%" in body
    assert "Trạng thái: <span class=\"before\">Mới giao</span> → <span class=\"after\">Đang thực hiện</span>" in body
    assert reverse("web:task-action", args=[task.pk, "bao-cao-hoan-thanh"]) in body
    assert reverse("web:task-action", args=[task.pk, "xac-nhan"]) not in body
    office = signed_in(org.tracker).get(reverse("web:task-detail", args=[task.pk])).content.decode()
    assert reverse("web:task-action", args=[task.pk, "bao-cao-hoan-thanh"]) not in office
    assert reverse("web:task-action", args=[task.pk, "doi-thoi-han"]) in office


def test_a_supporting_unit_may_only_add_a_note(signed_in, org, task):
    body = signed_in(org.construction_head).get(reverse("web:task-detail", args=[task.pk])).content.decode()
    assert reverse("web:task-action", args=[task.pk, "y-kien"]) in body
    for slug in ("bao-cao-tien-do", "bao-cao-hoan-thanh", "xac-nhan", "thu-hoi", "giao-tiep"):
        assert reverse("web:task-action", args=[task.pk, slug]) not in body


def test_a_task_page_takes_a_bounded_number_of_queries(signed_in, org, task, django_assert_max_num_queries):
    for n in range(5):
        services.task_report_progress(task=task, by=org.finance_head, text=f"Lần {n}", percent=n * 10)
    client = signed_in(org.tracker)
    with django_assert_max_num_queries(30):
        client.get(reverse("web:task-detail", args=[task.pk]))


def test_an_invisible_task_answers_404_in_vietnamese(signed_in, org, task):
    response = signed_in(org.outsider).get(reverse("web:task-detail", args=[task.pk]))
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_the_manual_entry_form_is_forbidden_to_a_unit(signed_in, org):
    response = signed_in(org.finance_head).get(reverse("web:task-create"))
    assert response.status_code == 403
    assert "Không được phép" in response.content.decode()


def test_notifications_show_in_the_header_and_can_be_read(signed_in, org, task):
    client = signed_in(org.finance_head)
    assert Notification.objects.for_user(org.finance_head).unread().count() == 1
    body = client.get(reverse("web:home")).content.decode()
    assert 'id="unread-count" class="count">1<' in body
    page = client.get(reverse("web:notifications")).content.decode()
    assert "Đơn vị được giao nhiệm vụ mới" in page
    note = Notification.objects.for_user(org.finance_head).get()
    response = client.post(reverse("web:notification-read", args=[note.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'hx-swap-oob="true">0<' in response.content.decode()
    note.refresh_from_db()
    assert note.read_at is not None


def test_marking_all_read_touches_only_my_notifications(signed_in, org, task):
    client = signed_in(org.finance_head)
    make_task(org, lead=org.construction)
    client.post(reverse("web:notifications-read-all"))
    assert not Notification.objects.for_user(org.finance_head).unread().exists()
    assert Notification.objects.for_user(org.construction_head).unread().exists()


def test_opening_a_notification_marks_it_read_and_goes_to_the_task(signed_in, org, task):
    client = signed_in(org.finance_head)
    note = Notification.objects.for_user(org.finance_head).get()
    response = client.get(reverse("web:notification-open", args=[note.pk]))
    assert response["Location"] == reverse("web:task-detail", args=[task.pk])
    note.refresh_from_db()
    assert note.read_at is not None


def test_someone_elses_notification_cannot_be_marked(signed_in, org, task):
    note = Notification.objects.for_user(org.finance_head).get()
    response = signed_in(org.construction_head).post(reverse("web:notification-read", args=[note.pk]))
    assert response.status_code == 404


def test_the_directory_shows_the_tree_with_former_units_and_successors(signed_in, org):
    body = signed_in(org.finance_staff).get(reverse("web:directory")).content.decode()
    assert body.index("Sở Tài chính") < body.index("Phòng Ngân sách")
    assert "Hết hiệu lực từ 30/06/2025" in body
    assert "đơn vị kế thừa: <strong>Ủy ban nhân dân xã Hòa Bình</strong>" in body
    assert "Phạm Văn Hùng" in body


def test_the_directory_search_ignores_diacritics(signed_in, org):
    response = signed_in(org.finance_staff).get(reverse("web:directory"), {"q": "nguyen tuong duy"})
    assert [p.full_name for p in response.context["people"]] == ["Nguyễn Tường Duy"]
    response = signed_in(org.finance_staff).get(reverse("web:directory"), {"q": "so tai chinh"})
    assert [u.name for u in response.context["units"]] == ["Sở Tài chính"]


def test_the_unit_picker_finds_current_units_without_diacritics(signed_in, org):
    client = signed_in(org.tracker)
    body = client.get(reverse("web:unit-search"), {"q": "hoa binh", "name": "lead_unit"}).content.decode()
    assert "Ủy ban nhân dân xã Hòa Bình" in body
    assert "Sơn Dương" not in client.get(reverse("web:unit-search"), {"q": "son duong"}).content.decode()
    chip = client.get(reverse("web:unit-choice", args=[org.finance.pk]), {"name": "support_units"}).content.decode()
    assert f'type="checkbox" name="support_units" value="{org.finance.pk}" checked' in chip


def test_an_attachment_downloads_only_for_those_who_see_the_task(signed_in, org, task):
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.task_report_progress(
        task=task, by=org.finance_head, text="Kèm dự thảo.",
        files=[SimpleUploadedFile("du-thao.txt", "Dự thảo kế hoạch".encode())],
    )
    attachment = task.attachments.get()
    client = signed_in(org.tracker)
    response = client.get(reverse("web:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "Dự thảo kế hoạch"
    assert "du-thao.txt" in response["Content-Disposition"]
    assert signed_in(org.outsider).get(reverse("web:attachment", args=[attachment.pk])).status_code == 404
