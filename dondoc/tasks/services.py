"""Task actions: one function per business action, each in one transaction.

Every service takes the acting user as ``by``, checks the right through
``org.access``, and records what changed on the task's timeline. Status moves
go through ``workflow.transition``. Bad input raises ``DomainError`` with a
message for the clerk; nothing is half-saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dondoc.errors import ActionForbidden, DomainError
from dondoc.org.access import Action, assigning_unit_for, is_admin, require
from dondoc.org.models import Unit, User
from dondoc.tasks.events import record_event
from dondoc.tasks.models import (
    Attachment,
    EventKind,
    ExtensionRequest,
    ExtensionStatus,
    ProgressReport,
    ReportKind,
    Submission,
    Task,
    Verdict,
)
from dondoc.tasks.workflow import Status, transition

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
# Statuses in which the lead unit is at work (not paused, not waiting, not finished).
_WORKING = frozenset({Status.ASSIGNED, Status.IN_PROGRESS, Status.RETURNED})


def _today() -> dt.date:
    return timezone.localdate()


def _require_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


def _check_child_due(parent: Task | None, due_on: dt.date | None) -> None:
    if parent is None or parent.due_on is None:
        return
    if due_on is None or due_on > parent.due_on:
        raise DomainError(
            _("Thời hạn của nhiệm vụ giao tiếp không được muộn hơn thời hạn của nhiệm vụ cấp trên (%s).")
            % f"{parent.due_on:%d/%m/%Y}",
            field="due_on",
        )


def _check_within(boundary: Unit, *, lead_unit: Unit, support_units: Sequence[Unit]) -> None:
    """Units may be given work only inside the assigning side's own organisation."""
    if not lead_unit.is_within(boundary):
        raise DomainError(
            _("Chỉ được giao nhiệm vụ cho đơn vị thuộc %s.") % boundary.name, field="lead_unit"
        )
    if any(not unit.is_within(boundary) for unit in support_units):
        raise DomainError(
            _("Đơn vị phối hợp phải thuộc %s.") % boundary.name, field="support_units"
        )


def _save_attachments(
    task: Task, files: Iterable[UploadedFile], *, by: User,
    report: ProgressReport | None = None, submission: Submission | None = None,
) -> list[Attachment]:
    saved = []
    for upload in files:
        size = upload.size or 0
        name = upload.name or "tep-dinh-kem"
        if size > MAX_ATTACHMENT_BYTES:
            raise DomainError(
                _("Tệp “%(name)s” quá lớn (tối đa %(limit)d MB).")
                % {"name": name, "limit": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
                field="files",
            )
        saved.append(
            Attachment.objects.create(
                task=task, report=report, submission=submission, file=upload,
                name=name, size=size, uploaded_by=by,
            )
        )
    return saved


@transaction.atomic
def task_create(
    *,
    by: User,
    text: str,
    lead_unit: Unit,
    assigning_unit: Unit | None = None,
    support_units: Sequence[Unit] = (),
    due_on: dt.date | None = None,
    due_text: str = "",
    recurring: bool = False,
    priority: bool = False,
    document: Any = None,
    assigned_by: User | None = None,
    assignee: User | None = None,
    source_span: tuple[int, int] | None = None,
    created_at: dt.datetime | None = None,
) -> Task:
    """Register a task assigned by ``assigning_unit`` (by default, the one ``by`` acts for)."""
    own = assigning_unit_for(by)
    if assigning_unit is None:
        assigning_unit = own
    if assigning_unit is None or own is None or (
        not is_admin(by) and not assigning_unit.is_within(own)
    ):
        raise ActionForbidden(_("Anh/chị không có quyền giao nhiệm vụ thay cho đơn vị này."))
    text = _require_text(text, "text", _("Vui lòng nhập nội dung nhiệm vụ."))
    if not lead_unit.is_current:
        lead_unit = lead_unit.final_successor()
    if not is_admin(by):
        _check_within(own.acts_for(), lead_unit=lead_unit, support_units=support_units)
    if lead_unit.pk in {u.pk for u in support_units}:
        raise DomainError(_("Đơn vị chủ trì không đồng thời là đơn vị phối hợp."), field="support_units")
    task = Task.objects.create(
        document=document, text=text, assigning_unit=assigning_unit, assigned_by=assigned_by,
        lead_unit=lead_unit, assignee=assignee, due_on=due_on, original_due_on=due_on,
        due_text=due_text, recurring=recurring, priority=priority, created_by=by,
        source_start=source_span[0] if source_span else None,
        source_end=source_span[1] if source_span else None,
        created_at=created_at or timezone.now(),
    )
    task.support_units.set(support_units)
    record_event(
        task, EventKind.CREATED, by=by,
        after={"lead_unit": lead_unit, "due_on": due_on, "support_units": list(support_units)},
    )
    return task


@transaction.atomic
def task_delegate(
    *,
    task: Task,
    by: User,
    text: str,
    lead_unit: Unit | None = None,
    assignee: User | None = None,
    due_on: dt.date | None = None,
) -> Task:
    """Pass part of ``task`` down to a sub-unit or a staff member of the lead unit."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    require(by, task, Action.DELEGATE)
    if task.status not in _WORKING:
        raise DomainError(_("Nhiệm vụ không còn ở trạng thái thực hiện, không thể giao tiếp."))
    if lead_unit is None and assignee is None:
        raise DomainError(_("Vui lòng chọn đơn vị hoặc cán bộ được giao."), field="lead_unit")
    if lead_unit is None:
        lead_unit = task.lead_unit
    if not lead_unit.is_within(task.lead_unit):
        raise DomainError(_("Chỉ được giao tiếp cho đơn vị trực thuộc."), field="lead_unit")
    if assignee is not None and assignee.unit_id != lead_unit.pk:
        raise DomainError(_("Cán bộ được giao phải thuộc đơn vị thực hiện."), field="assignee")
    _check_child_due(task, due_on)
    text = _require_text(text, "text", _("Vui lòng nhập nội dung nhiệm vụ."))
    child = Task.objects.create(
        document=task.document, parent=task, text=text, assigning_unit=task.lead_unit,
        assigned_by=by, lead_unit=lead_unit, assignee=assignee, due_on=due_on,
        original_due_on=due_on, priority=task.priority, created_by=by,
    )
    record_event(child, EventKind.CREATED, by=by, after={"parent": task, "lead_unit": lead_unit})
    record_event(
        task, EventKind.DELEGATED, by=by,
        after={"child": child, "lead_unit": lead_unit, "assignee": assignee, "due_on": due_on},
    )
    return child


@transaction.atomic
def task_start(*, task: Task, by: User) -> Task:
    return transition(task, Status.IN_PROGRESS, by=by)


@transaction.atomic
def task_report_progress(
    *,
    task: Task,
    by: User,
    text: str,
    percent: int | None = None,
    difficulties: str = "",
    proposals: str = "",
    files: Iterable[UploadedFile] = (),
) -> ProgressReport:
    """The lead unit reports how far it is; an assigned or returned task moves to in progress."""
    require(by, task, Action.REPORT_PROGRESS)
    if not task.is_open or task.status == Status.PAUSED:
        raise DomainError(_("Nhiệm vụ không còn ở trạng thái thực hiện."))
    text = _require_text(text, "text", _("Vui lòng nhập nội dung báo cáo."))
    if percent is not None and not 0 <= percent <= 100:
        raise DomainError(_("Tỷ lệ hoàn thành phải từ 0 đến 100."), field="percent")
    if task.status in (Status.ASSIGNED, Status.RETURNED):
        transition(task, Status.IN_PROGRESS, by=by)
    report = ProgressReport.objects.create(
        task=task, kind=ReportKind.PROGRESS, author=by, unit=by.unit, text=text,
        percent=percent, difficulties=difficulties.strip(), proposals=proposals.strip(),
    )
    _save_attachments(task, files, by=by, report=report)
    record_event(
        task, EventKind.PROGRESS, by=by,
        after={"report": report.pk, "percent": percent}, note=text,
    )
    return report


@transaction.atomic
def task_add_note(*, task: Task, by: User, text: str, files: Iterable[UploadedFile] = ()) -> ProgressReport:
    """A supporting unit (or the assigning side) adds its view to the timeline."""
    require(by, task, Action.ADD_NOTE)
    if not task.is_open:
        raise DomainError(_("Nhiệm vụ đã kết thúc, không thể thêm ý kiến."))
    text = _require_text(text, "text", _("Vui lòng nhập nội dung ý kiến."))
    report = ProgressReport.objects.create(
        task=task, kind=ReportKind.NOTE, author=by, unit=by.unit, text=text
    )
    _save_attachments(task, files, by=by, report=report)
    record_event(task, EventKind.NOTE, by=by, after={"report": report.pk}, note=text)
    return report


@transaction.atomic
def task_submit(
    *, task: Task, by: User, result: str, files: Iterable[UploadedFile] = (),
    submitted_on: dt.date | None = None,
) -> Submission:
    """The lead unit says the task is done and gives its result, for the assigning side to confirm."""
    result = _require_text(result, "result", _("Vui lòng nêu kết quả thực hiện."))
    transition(task, Status.SUBMITTED, by=by, note=result)
    submission = Submission.objects.create(
        task=task, submitted_by=by, submitted_on=submitted_on or _today(), result=result
    )
    _save_attachments(task, files, by=by, submission=submission)
    return submission


def _pending_submission(task: Task) -> Submission:
    submission = task.submissions.filter(verdict=Verdict.PENDING).order_by("-submitted_at").first()
    if submission is None:
        raise DomainError(_("Nhiệm vụ không có báo cáo hoàn thành nào đang chờ xác nhận."))
    return submission


@transaction.atomic
def task_confirm(*, task: Task, by: User, note: str = "") -> Task:
    """Accept the pending submission: the task is done as of the day it was submitted."""
    require(by, task, Action.CONFIRM)
    submission = _pending_submission(task)
    task = transition(
        task, Status.DONE, by=by, note=note, changes={"completed_on": submission.submitted_on}
    )
    submission.verdict = Verdict.ACCEPTED
    submission.decided_by, submission.decided_at = by, timezone.now()
    submission.decision_note = note
    submission.save()
    return task


@transaction.atomic
def task_record_completion(*, task: Task, by: User, completed_on: dt.date, note: str) -> Task:
    """The assigning side records that a task was done on ``completed_on``, outside dondoc.

    For bringing in an office's existing tracker: the completion date drives
    timeliness as a confirmed submission's would, and the note (required) says
    where the information comes from.
    """
    if completed_on > _today():
        raise DomainError(_("Ngày hoàn thành không được sau ngày hôm nay."), field="completed_on")
    return transition(task, Status.DONE, by=by, note=note, changes={"completed_on": completed_on})


@transaction.atomic
def task_return(*, task: Task, by: User, reason: str) -> Task:
    """Send the pending submission back with a reason; the unit goes on and resubmits."""
    require(by, task, Action.RETURN)
    submission = _pending_submission(task)
    task = transition(task, Status.RETURNED, by=by, note=reason)
    submission.verdict = Verdict.RETURNED
    submission.decided_by, submission.decided_at = by, timezone.now()
    submission.decision_note = reason.strip()
    submission.save()
    return task


@transaction.atomic
def task_request_extension(
    *, task: Task, by: User, proposed_due: dt.date, reason: str
) -> ExtensionRequest:
    require(by, task, Action.REQUEST_EXTENSION)
    if not task.is_open:
        raise DomainError(_("Nhiệm vụ đã kết thúc, không thể đề nghị gia hạn."))
    reason = _require_text(reason, "reason", _("Vui lòng nêu lý do đề nghị gia hạn."))
    if proposed_due <= _today():
        raise DomainError(_("Thời hạn đề nghị phải sau ngày hôm nay."), field="proposed_due")
    if task.due_on and proposed_due <= task.due_on:
        raise DomainError(
            _("Thời hạn đề nghị phải sau thời hạn hiện tại (%s).") % f"{task.due_on:%d/%m/%Y}",
            field="proposed_due",
        )
    if task.parent_id:
        _check_child_due(task.parent, proposed_due)
    if task.extension_requests.filter(status=ExtensionStatus.PENDING).exists():
        raise DomainError(_("Nhiệm vụ đã có một đề nghị gia hạn đang chờ ý kiến."))
    request = ExtensionRequest.objects.create(
        task=task, requested_by=by, due_before=task.due_on, proposed_due=proposed_due, reason=reason
    )
    record_event(
        task, EventKind.EXTENSION_REQUESTED, by=by,
        before={"due_on": task.due_on}, after={"proposed_due": proposed_due}, note=reason,
    )
    return request


@transaction.atomic
def task_decide_extension(
    *, request: ExtensionRequest, by: User, approve: bool, note: str = ""
) -> ExtensionRequest:
    """Approve (the due date moves, the original stays) or refuse an extension request."""
    request = ExtensionRequest.objects.select_for_update().select_related("task").get(pk=request.pk)
    task = Task.objects.select_for_update().get(pk=request.task_id)
    require(by, task, Action.DECIDE_EXTENSION)
    if request.status != ExtensionStatus.PENDING:
        raise DomainError(_("Đề nghị gia hạn này đã được trả lời."))
    if not approve and not note.strip():
        raise DomainError(_("Vui lòng nêu lý do không đồng ý gia hạn."), field="note")
    request.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    request.decided_by, request.decided_at, request.decision_note = by, timezone.now(), note.strip()
    request.save()
    if approve:
        before = task.due_on
        task.due_on = request.proposed_due
        if task.original_due_on is None:
            task.original_due_on = before
        task.save(update_fields=["due_on", "original_due_on", "updated_at"])
        record_event(
            task, EventKind.EXTENSION_APPROVED, by=by,
            before={"due_on": before}, after={"due_on": task.due_on}, note=note,
        )
    else:
        record_event(task, EventKind.EXTENSION_REFUSED, by=by, note=note)
    return request


@transaction.atomic
def task_change_due(*, task: Task, by: User, due_on: dt.date | None, reason: str) -> Task:
    """The assigning side sets a new deadline; the change and its reason are recorded."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    require(by, task, Action.CHANGE_DUE)
    if not task.is_open:
        raise DomainError(_("Không thể đổi thời hạn của nhiệm vụ đã kết thúc."))
    reason = _require_text(reason, "reason", _("Vui lòng nêu lý do điều chỉnh thời hạn."))
    if task.parent_id:
        _check_child_due(task.parent, due_on)
    late_children = task.children.filter(due_on__gt=due_on) if due_on else task.children.none()
    if late_children.exists():
        raise DomainError(
            _("Có nhiệm vụ giao tiếp với thời hạn muộn hơn thời hạn mới; hãy điều chỉnh các nhiệm vụ đó trước."),
            field="due_on",
        )
    before = task.due_on
    task.due_on = due_on
    if task.original_due_on is None:
        task.original_due_on = before
    task.save(update_fields=["due_on", "original_due_on", "updated_at"])
    record_event(
        task, EventKind.DUE_CHANGED, by=by, before={"due_on": before}, after={"due_on": due_on},
        note=reason,
    )
    return task


_EDITABLE = ("text", "lead_unit", "priority", "recurring", "due_text", "assigned_by")


@transaction.atomic
def task_update(*, task: Task, by: User, support_units: Sequence[Unit] | None = None, **fields: Any) -> Task:
    """Correct a task's details (not its status or deadline); each change is recorded."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    require(by, task, Action.EDIT)
    unknown = set(fields) - set(_EDITABLE)
    if unknown:
        raise DomainError(_("Không thể sửa các trường: %s") % ", ".join(sorted(unknown)))
    if "text" in fields:
        fields["text"] = _require_text(fields["text"], "text", _("Vui lòng nhập nội dung nhiệm vụ."))
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name, value in fields.items():
        if getattr(task, name) != value:
            before[name], after[name] = getattr(task, name), value
            setattr(task, name, value)
    if support_units is not None:
        old = list(task.support_units.all())
        if {u.pk for u in old} != {u.pk for u in support_units}:
            before["support_units"], after["support_units"] = old, list(support_units)
            task.support_units.set(support_units)
    lead = after.get("lead_unit", task.lead_unit)
    if not is_admin(by):
        _check_within(
            task.assigning_unit.acts_for(), lead_unit=lead,
            support_units=support_units if support_units is not None else [],
        )
    if support_units is not None and lead.pk in {u.pk for u in support_units}:
        raise DomainError(_("Đơn vị chủ trì không đồng thời là đơn vị phối hợp."), field="support_units")
    if after:
        task.save()
        record_event(task, EventKind.UPDATED, by=by, before=before, after=after)
    return task


@transaction.atomic
def task_withdraw(*, task: Task, by: User, reason: str) -> Task:
    return transition(task, Status.WITHDRAWN, by=by, note=reason)


@transaction.atomic
def task_pause(*, task: Task, by: User, reason: str) -> Task:
    return transition(task, Status.PAUSED, by=by, note=reason)


@transaction.atomic
def task_resume(*, task: Task, by: User, note: str = "") -> Task:
    return transition(task, Status.IN_PROGRESS, by=by, note=note)
