import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dondoc.errors import ActionForbidden, DomainError
from dondoc.tasks import services
from dondoc.tasks.models import Attachment, EventKind, ExtensionRequest, Submission, Task, TaskEvent
from dondoc.tasks.workflow import Status
from dondoc.testing import make_task

pytestmark = pytest.mark.django_db
D = dt.date
FAR = D(2030, 6, 30)


def kinds(task):
    return list(task.events.values_list("kind", flat=True))


def test_creating_a_task_records_who_assigned_it_and_keeps_the_original_deadline(org):
    task = make_task(org, due_on=FAR, support=(org.construction,))
    assert task.assigning_unit == org.committee
    assert task.original_due_on == FAR
    event = task.events.get()
    assert event.kind == EventKind.CREATED and event.actor == org.tracker
    assert event.after["lead_unit"]["label"] == "Sở Tài chính"


def test_a_unit_head_cannot_assign_tasks_for_the_committee(org):
    with pytest.raises(ActionForbidden):
        services.task_create(by=org.finance_head, text="x", lead_unit=org.construction,
                             assigning_unit=org.committee)
    assert not Task.objects.exists()


def test_a_task_for_a_dissolved_unit_goes_to_its_successor(org):
    task = make_task(org, lead=org.old_district)
    assert task.lead_unit == org.commune


def test_an_empty_task_text_is_refused(org):
    with pytest.raises(DomainError) as error:
        make_task(org, text="   ")
    assert error.value.field == "text"
    assert not Task.objects.exists()


def test_the_lead_unit_cannot_also_support(org):
    with pytest.raises(DomainError):
        make_task(org, support=(org.finance,))
    assert not Task.objects.exists()


def test_progress_moves_an_assigned_task_to_in_progress_and_keeps_the_report(org):
    task = make_task(org, due_on=FAR)
    upload = SimpleUploadedFile("tien-do.txt", "Đã họp".encode())
    report = services.task_report_progress(
        task=task, by=org.finance_staff, text="Đã họp với các phòng", percent=40,
        difficulties="Thiếu số liệu", proposals="Đề nghị gia hạn", files=[upload],
    )
    task.refresh_from_db()
    assert task.status == Status.IN_PROGRESS
    assert report.percent == 40 and report.unit == org.finance
    assert Attachment.objects.get().report == report
    assert kinds(task) == [EventKind.CREATED, EventKind.START, EventKind.PROGRESS]


def test_a_percentage_over_100_is_refused_and_nothing_is_saved(org):
    task = make_task(org)
    with pytest.raises(DomainError) as error:
        services.task_report_progress(task=task, by=org.finance_head, text="x", percent=140)
    assert error.value.field == "percent"
    task.refresh_from_db()
    assert task.status == Status.ASSIGNED and not task.reports.exists()


def test_a_supporting_unit_adds_notes_but_cannot_report_progress_or_submit(org):
    task = make_task(org, support=(org.construction,))
    services.task_add_note(task=task, by=org.construction_head, text="Sở Xây dựng đã cung cấp số liệu")
    with pytest.raises(ActionForbidden):
        services.task_report_progress(task=task, by=org.construction_head, text="x")
    with pytest.raises(ActionForbidden):
        services.task_submit(task=task, by=org.construction_head, result="Xong")
    task.refresh_from_db()
    assert task.status == Status.ASSIGNED and not Submission.objects.exists()


def test_submit_return_resubmit_confirm_keeps_every_step_on_the_timeline(org):
    task = make_task(org, due_on=FAR)
    services.task_submit(task=task, by=org.finance_head, result="Đã ban hành kế hoạch")
    services.task_return(task=task, by=org.tracker, reason="Chưa kèm kế hoạch")
    services.task_submit(task=task, by=org.finance_head, result="Gửi kèm kế hoạch số 12/KH-STC")
    services.task_confirm(task=task, by=org.tracker, note="Đạt yêu cầu")
    task.refresh_from_db()
    assert task.status == Status.DONE and task.completed_on == timezone.localdate()
    assert kinds(task) == ["created", "submit", "return", "submit", "confirm"]
    verdicts = list(task.submissions.values_list("verdict", "decision_note"))
    assert verdicts == [("returned", "Chưa kèm kế hoạch"), ("accepted", "Đạt yêu cầu")]


def test_returning_without_a_reason_is_refused(org):
    task = make_task(org)
    services.task_submit(task=task, by=org.finance_head, result="Xong")
    with pytest.raises(DomainError, match="lý do"):
        services.task_return(task=task, by=org.tracker, reason="")
    task.refresh_from_db()
    assert task.status == Status.SUBMITTED
    assert task.submissions.get().verdict == "pending"


def test_an_empty_result_is_refused(org):
    task = make_task(org)
    with pytest.raises(DomainError) as error:
        services.task_submit(task=task, by=org.finance_head, result=" ")
    assert error.value.field == "result"
    task.refresh_from_db()
    assert task.status == Status.ASSIGNED


def test_the_lead_unit_cannot_confirm_its_own_result(org):
    task = make_task(org)
    services.task_submit(task=task, by=org.finance_head, result="Xong")
    with pytest.raises(ActionForbidden):
        services.task_confirm(task=task, by=org.finance_head)
    task.refresh_from_db()
    assert task.status == Status.SUBMITTED


def test_an_approved_extension_moves_the_deadline_and_keeps_the_original(org):
    today = timezone.localdate()
    task = make_task(org, due_on=today + dt.timedelta(days=5))
    request = services.task_request_extension(
        task=task, by=org.finance_head, proposed_due=today + dt.timedelta(days=30),
        reason="Chờ ý kiến các bộ",
    )
    services.task_decide_extension(request=request, by=org.chairman, approve=True)
    task.refresh_from_db()
    assert task.due_on == today + dt.timedelta(days=30)
    assert task.original_due_on == today + dt.timedelta(days=5)
    assert task.was_extended
    approved = task.events.get(kind=EventKind.EXTENSION_APPROVED)
    assert approved.before["due_on"] == (today + dt.timedelta(days=5)).isoformat()


def test_an_extension_to_a_past_date_is_refused_and_nothing_is_recorded(org):
    task = make_task(org, due_on=D(2020, 1, 10))
    with pytest.raises(DomainError) as error:
        services.task_request_extension(task=task, by=org.finance_head, proposed_due=D(2020, 2, 1),
                                        reason="Chậm")
    assert error.value.field == "proposed_due"
    assert not ExtensionRequest.objects.exists()
    assert kinds(task) == [EventKind.CREATED]


def test_an_extension_earlier_than_the_current_deadline_is_refused(org):
    task = make_task(org, due_on=FAR)
    with pytest.raises(DomainError, match="sau thời hạn hiện tại"):
        services.task_request_extension(task=task, by=org.finance_head, proposed_due=D(2030, 1, 1),
                                        reason="x")


def test_only_one_extension_request_waits_at_a_time(org):
    task = make_task(org, due_on=FAR)
    services.task_request_extension(task=task, by=org.finance_head, proposed_due=D(2030, 9, 1), reason="a")
    with pytest.raises(DomainError, match="đang chờ"):
        services.task_request_extension(task=task, by=org.finance_head, proposed_due=D(2030, 10, 1), reason="b")


def test_a_refusal_needs_a_reason_and_leaves_the_deadline(org):
    task = make_task(org, due_on=FAR)
    request = services.task_request_extension(task=task, by=org.finance_head, proposed_due=D(2030, 9, 1), reason="a")
    with pytest.raises(DomainError):
        services.task_decide_extension(request=request, by=org.tracker, approve=False, note="")
    services.task_decide_extension(request=request, by=org.tracker, approve=False, note="Đã đủ thời gian")
    task.refresh_from_db()
    assert task.due_on == FAR
    request.refresh_from_db()
    assert request.status == "refused"
    with pytest.raises(DomainError, match="đã được trả lời"):
        services.task_decide_extension(request=request, by=org.tracker, approve=True)


def test_a_child_task_may_not_be_due_after_its_parent(org):
    task = make_task(org, due_on=D(2030, 1, 31))
    with pytest.raises(DomainError) as error:
        services.task_delegate(task=task, by=org.finance_head, text="Phần việc",
                               lead_unit=org.finance_budget, due_on=D(2030, 2, 15))
    assert error.value.field == "due_on"
    assert task.children.count() == 0
    assert kinds(task) == [EventKind.CREATED]


def test_a_task_may_be_passed_down_only_within_the_lead_unit(org):
    task = make_task(org, due_on=FAR)
    with pytest.raises(DomainError):
        services.task_delegate(task=task, by=org.finance_head, text="x", lead_unit=org.construction, due_on=FAR)
    with pytest.raises(DomainError):
        services.task_delegate(task=task, by=org.finance_head, text="x", assignee=org.construction_head, due_on=FAR)


def test_passing_down_records_the_child_on_both_timelines(org):
    task = make_task(org, due_on=FAR)
    child = services.task_delegate(task=task, by=org.finance_head, text="Rà soát số liệu",
                                   lead_unit=org.finance_budget, due_on=D(2030, 5, 1))
    assert child.parent == task and child.assigning_unit == org.finance
    assert task.events.filter(kind=EventKind.DELEGATED).exists()
    assert child.events.filter(kind=EventKind.CREATED).exists()


def test_changing_the_due_date_needs_a_reason_and_is_recorded(org):
    task = make_task(org, due_on=FAR)
    with pytest.raises(DomainError):
        services.task_change_due(task=task, by=org.tracker, due_on=D(2030, 7, 31), reason="")
    services.task_change_due(task=task, by=org.tracker, due_on=D(2030, 7, 31), reason="Theo chỉ đạo mới")
    event = task.events.get(kind=EventKind.DUE_CHANGED)
    assert event.before == {"due_on": "2030-06-30"} and event.after == {"due_on": "2030-07-31"}
    assert event.note == "Theo chỉ đạo mới"


def test_a_parent_deadline_cannot_move_before_its_childrens(org):
    task = make_task(org, due_on=FAR)
    services.task_delegate(task=task, by=org.finance_head, text="x", lead_unit=org.finance_budget,
                           due_on=D(2030, 6, 1))
    with pytest.raises(DomainError):
        services.task_change_due(task=task, by=org.tracker, due_on=D(2030, 5, 1), reason="Rút ngắn")
    task.refresh_from_db()
    assert task.due_on == FAR


def test_editing_records_before_and_after_for_each_changed_field(org):
    task = make_task(org, due_on=FAR)
    services.task_update(task=task, by=org.tracker, text="Nội dung mới", priority=True,
                         support_units=[org.construction])
    event = task.events.get(kind=EventKind.UPDATED)
    assert event.before["priority"] is False and event.after["priority"] is True
    assert event.after["text"] == "Nội dung mới"
    assert [u["label"] for u in event.after["support_units"]] == ["Sở Xây dựng"]


def test_a_failure_inside_an_action_leaves_nothing_half_saved(org, monkeypatch):
    task = make_task(org, due_on=FAR)
    events_before = TaskEvent.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Submission.objects, "create", broken)
    with pytest.raises(RuntimeError):
        services.task_submit(task=task, by=org.finance_head, result="Xong")
    task.refresh_from_db()
    assert task.status == Status.ASSIGNED
    assert TaskEvent.objects.count() == events_before


def test_withdrawn_tasks_take_no_more_actions(org):
    task = make_task(org)
    services.task_withdraw(task=task, by=org.chairman, reason="Không còn phù hợp")
    with pytest.raises(DomainError):
        services.task_report_progress(task=task, by=org.finance_head, text="x")
    with pytest.raises(DomainError):
        services.task_submit(task=task, by=org.finance_head, result="x")


def test_a_committee_cannot_give_work_to_another_provinces_units(org):
    foreign = org.outsider.unit
    with pytest.raises(DomainError) as error:
        make_task(org, lead=foreign)
    assert error.value.field == "lead_unit"
    with pytest.raises(DomainError) as error:
        make_task(org, support=(foreign,))
    assert error.value.field == "support_units"
    assert not Task.objects.exists()


def test_editing_cannot_move_a_task_to_another_provinces_unit(org):
    task = make_task(org)
    with pytest.raises(DomainError):
        services.task_update(task=task, by=org.tracker, lead_unit=org.outsider.unit)
    task.refresh_from_db()
    assert task.lead_unit == org.finance


@pytest.mark.parametrize("close", ["withdraw", "confirm"])
def test_a_finished_or_withdrawn_task_can_be_neither_passed_down_nor_annotated(org, close):
    task = make_task(org, due_on=FAR, support=(org.construction,))
    if close == "withdraw":
        services.task_withdraw(task=task, by=org.tracker, reason="Không còn phù hợp")
    else:
        services.task_submit(task=task, by=org.finance_head, result="Xong")
        services.task_confirm(task=task, by=org.tracker)
    events = task.events.count()
    with pytest.raises(DomainError):
        services.task_delegate(task=task, by=org.finance_head, text="x", lead_unit=org.finance_budget, due_on=FAR)
    with pytest.raises(DomainError):
        services.task_add_note(task=task, by=org.construction_head, text="Ý kiến muộn")
    assert task.children.count() == 0 and task.events.count() == events


def test_the_assigning_side_records_a_completion_learnt_outside_dondoc(org):
    task = make_task(org, due_on=D(2025, 3, 31))
    services.task_record_completion(task=task, by=org.tracker, completed_on=D(2025, 3, 20),
                                    note="Theo bảng theo dõi của Văn phòng năm 2025")
    task.refresh_from_db()
    assert task.status == Status.DONE and task.completed_on == D(2025, 3, 20)
    event = task.events.latest("id")
    assert event.kind == "record_completion" and "bảng theo dõi" in event.note


def test_recording_a_completion_needs_the_assigning_side_a_note_and_a_past_date(org):
    task = make_task(org)
    with pytest.raises(ActionForbidden):
        services.task_record_completion(task=task, by=org.finance_head, completed_on=D(2025, 1, 1), note="x")
    with pytest.raises(DomainError):
        services.task_record_completion(task=task, by=org.tracker, completed_on=D(2025, 1, 1), note="")
    with pytest.raises(DomainError):
        services.task_record_completion(task=task, by=org.tracker, completed_on=D(2099, 1, 1), note="x")
    task.refresh_from_db()
    assert task.status == Status.ASSIGNED
