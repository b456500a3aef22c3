"""The task list, the task page, manual task entry and permission-checked downloads."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dondoc.documents.models import DocumentFile
from dondoc.errors import ActionForbidden, DomainError
from dondoc.http import AuthenticatedRequest
from dondoc.org.access import Action, acting_unit, available_actions, get_task_for, may_assign_tasks
from dondoc.reports.queries import Period, in_classes
from dondoc.tasks import services
from dondoc.tasks.events import events_seen_by
from dondoc.tasks.models import Attachment, EventKind, ExtensionStatus, ReportKind, Task
from dondoc.tasks.timeliness import Timeliness
from dondoc.tasks.workflow import Status
from dondoc.web import forms
from dondoc.web.views.dashboard import own_work

PAGE_SIZE = 25


# ---------------------------------------------------------------- list


def filtered_tasks(user: Any, data: dict[str, Any]) -> Any:
    """The visible tasks matching the filter form's ``data``.

    Timeliness is judged on ``as_of`` (today when blank), and "assigned from … to …" is the
    statistics' own definition (``reports.queries``), so a figure and its list always agree."""
    as_of = data.get("as_of") or timezone.localdate()
    tasks = Task.objects.visible_to(user).with_related().with_timeliness(as_of)
    if data.get("q"):
        tasks = tasks.search(data["q"])
    if data.get("timeliness"):
        tasks = tasks.filter(in_classes(tuple(data["timeliness"]), as_of))
    if data.get("mine"):
        tasks = tasks.filter(own_work(user))
    if data.get("exclude_withdrawn"):
        tasks = tasks.exclude(status=Status.WITHDRAWN)
    if data.get("lead_unit"):
        unit = data["lead_unit"]
        tasks = tasks.filter(lead_unit__path__startswith=unit.path) if data.get("subunits") else tasks.filter(
            lead_unit=unit)
    for name in ("status", "assigned_by"):
        if data.get(name):
            tasks = tasks.filter(**{name: data[name]})
    if data.get("document"):
        tasks = tasks.filter(document_id=data["document"])
    if data.get("created_from") or data.get("created_to"):
        tasks = tasks.filter(assigned_between(data.get("created_from"), data.get("created_to")))
    if data.get("due_from"):
        tasks = tasks.filter(due_on__gte=data["due_from"])
    if data.get("due_to"):
        tasks = tasks.filter(due_on__lte=data["due_to"])
    if data.get("priority") in ("0", "1"):
        tasks = tasks.filter(priority=data["priority"] == "1")
    field = forms.SORTS.get(data.get("sort") or "due", forms.SORTS["due"])[0]
    name = field.lstrip("-")
    order = F(name).desc(nulls_last=True) if field.startswith("-") else F(name).asc(nulls_last=True)
    return tasks.order_by(order, "id")


def assigned_between(start: dt.date | None, end: dt.date | None) -> Q:
    """Tasks assigned (``created_at``) on the local days ``start``…``end``, either end open,
    by the statistics' ``Period.created_range``."""
    condition = Q()
    if start:
        condition &= Q(created_at__gte=Period(start=start, end=start, as_of=start).created_range()[0])
    if end:
        condition &= Q(created_at__lt=Period(start=end, end=end, as_of=end).created_range()[1])
    return condition


@login_required
def task_list(request: AuthenticatedRequest) -> HttpResponse:
    form = forms.TaskFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    tasks = filtered_tasks(request.user, data) if form.is_valid() or not request.GET else Task.objects.none()
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "active_filters": filter_summary(data)}
    template = "web/_task_results.html" if request.htmx and not request.htmx.boosted else "web/task_list.html"
    return render(request, template, context)


def _range(start: dt.date | None, end: dt.date | None, both: str, since: str, until: str) -> str:
    day = lambda d: d.strftime("%d/%m/%Y")  # noqa: E731
    if start and end:
        return both % {"start": day(start), "end": day(end)}
    return since % day(start) if start else until % day(end)


def filter_summary(data: dict[str, Any]) -> list[str]:
    """The filters in force, in words, above the results: someone arriving from a figure of the
    statistics reads which tasks the figure counts."""
    said: list[str] = []
    if data.get("q"):
        said.append(_("Tìm: “%s”") % data["q"])
    if data.get("mine"):
        said.append(_("Việc của đơn vị tôi"))
    if data.get("created_from") or data.get("created_to"):
        said.append(_range(data.get("created_from"), data.get("created_to"), _("Giao từ ngày %(start)s đến ngày %(end)s"),
                           _("Giao từ ngày %s"), _("Giao đến ngày %s")))
    if data.get("lead_unit"):
        unit = data["lead_unit"].name
        said.append(_("%s và các đơn vị trực thuộc") % unit if data.get("subunits") else unit)
    if data.get("assigned_by"):
        said.append(_("Lãnh đạo giao: %s") % data["assigned_by"].display_name)
    if data.get("document"):
        said.append(_("Theo văn bản #%s") % data["document"])
    if data.get("priority") in ("0", "1"):
        said.append(_("Nhiệm vụ trọng tâm") if data["priority"] == "1" else _("Không phải nhiệm vụ trọng tâm"))
    if data.get("status"):
        said.append(_("Trạng thái: %s") % Status(data["status"]).label)
    if data.get("timeliness"):
        said.append(_("Tình trạng: %s") % ", ".join(str(Timeliness(c).label) for c in data["timeliness"]))
    if data.get("exclude_withdrawn"):
        said.append(_("Không tính nhiệm vụ đã thu hồi"))
    if data.get("due_from") or data.get("due_to"):
        said.append(_range(data.get("due_from"), data.get("due_to"), _("Hạn từ ngày %(start)s đến ngày %(end)s"),
                           _("Hạn từ ngày %s"), _("Hạn đến ngày %s")))
    # Said only when it is not today: the badges then tell how the tasks stood on that day.
    if data.get("as_of") and data["as_of"] != timezone.localdate():
        said.append(_("Tình trạng thời hạn tính đến ngày %s") % data["as_of"].strftime("%d/%m/%Y"))
    return said


# ---------------------------------------------------------------- task page


def timeline(task: Task, reports: list[Any], attachments: list[Attachment], user: Any) -> list[Any]:
    """The task's events as ``user`` may read them, each with the report or submission it
    produced and their files."""
    by_report: defaultdict[int, list[Attachment]] = defaultdict(list)
    by_submission: defaultdict[int, list[Attachment]] = defaultdict(list)
    for item in attachments:
        if item.report_id:
            by_report[item.report_id].append(item)
        elif item.submission_id:
            by_submission[item.submission_id].append(item)
    reports_by_pk = {r.pk: r for r in reports}
    submissions = list(task.submissions.select_related("decided_by").all())
    events = events_seen_by(task, user)
    submit_events = [e for e in events if e.kind == EventKind.SUBMIT]
    # What the template shows beside each event: plain attributes, not fields of TaskEvent.
    for event in events:
        report_id = (event.after or {}).get("report")
        vars(event).update(
            report=reports_by_pk.get(report_id) if report_id else None, submission=None,
            files=by_report.get(report_id, []) if report_id else [],
        )
    for event, submission in zip(submit_events, submissions, strict=False):
        vars(event).update(submission=submission, files=by_submission.get(submission.pk, []))
    return events


def task_context(request: AuthenticatedRequest, task: Task, **bound: Any) -> dict[str, Any]:
    actions = available_actions(request.user, task)
    blank = {
        "progress": forms.ProgressForm(), "note": forms.NoteForm(), "submit": forms.SubmitForm(),
        "confirm": forms.ConfirmForm(), "return": forms.ReasonForm(), "pause": forms.ReasonForm(),
        "withdraw": forms.ReasonForm(), "resume": forms.ResumeForm(),
        "extension": forms.ExtensionRequestForm(), "decide": forms.ExtensionDecisionForm(),
        "change_due": forms.ChangeDueForm(initial={"due_on": task.due_on}),
    }
    if Action.DELEGATE in actions or "delegate" in bound:
        blank["delegate"] = forms.DelegateForm(task=task, initial={"due_on": task.due_on})
    blank.update(bound)
    document = task.document
    excerpt = None
    if document is not None and document.text and task.source_start is not None and task.source_end:
        excerpt = document.text[task.source_start:task.source_end]
    reports = list(task.reports.select_related("author", "unit").all())
    attachments = list(task.attachments.select_related("uploaded_by").all())
    return {
        "task": task, "actions": actions, "forms": blank, "open_form": next(iter(bound), None),
        "events": timeline(task, reports, attachments, request.user),
        "pending_extension": next(
            (r for r in task.extension_requests.all() if r.status == ExtensionStatus.PENDING), None
        ),
        # Only the hand-downs this viewer may see: a supporting unit does not see the lead
        # unit's internal delegation.
        "children": Task.objects.visible_to(request.user).filter(parent=task).with_related()
        .with_timeliness().order_by("due_on", "id"),
        "attachments": attachments,
        "last_percent": next(
            (r.percent for r in reversed(reports) if r.kind == ReportKind.PROGRESS and r.percent is not None),
            None,
        ),
        "document": document, "excerpt": excerpt,
        "document_files": list(document.files.all()) if document is not None else [],
    }


@login_required
def task_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    task = get_task_for(request.user, pk)
    return render(request, "web/task_detail.html", task_context(request, task))


# ---------------------------------------------------------------- downloads


@login_required
def attachment_download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(Attachment, pk=pk)
    get_task_for(request.user, attachment.task_id)
    return _file_response(attachment.file, attachment.name)


@login_required
def document_file_download(request: AuthenticatedRequest, pk: int, file_pk: int) -> FileResponse:
    task = get_task_for(request.user, pk)
    stored = get_object_or_404(DocumentFile, pk=file_pk, document_id=task.document_id or -1)
    return _file_response(stored.file, stored.name)


def _file_response(field: Any, name: str) -> FileResponse:
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404(_("Tệp không còn trên máy chủ.")) from None
    return FileResponse(handle, as_attachment=True, filename=name)


# ---------------------------------------------------------------- manual entry


@login_required
def task_create(request: AuthenticatedRequest) -> HttpResponse:
    if not may_assign_tasks(request.user):
        raise PermissionDenied(_("Chỉ lãnh đạo và Văn phòng mới được giao nhiệm vụ."))
    committee = acting_unit(request.user)
    form = forms.TaskCreateForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.task_create(
                by=request.user, text=data["text"], lead_unit=data["lead_unit"],
                support_units=list(data["support_units"]), due_on=data["due_on"],
                due_text=data["due_text"], priority=data["priority"], recurring=data["recurring"],
                assigned_by=data["assigned_by"],
            )
        except ActionForbidden as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Đã giao nhiệm vụ cho %s.") % task.lead_unit.name)
            return redirect("web:task-detail", pk=task.pk)
    context = {
        "form": form, "today": timezone.localdate(),
        "lead_selected": form.selected("lead_unit"), "support_selected": form.selected("support_units"),
    }
    return render(request, "web/task_create.html", context)

