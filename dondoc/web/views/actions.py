"""Task actions: each is a POST to its own URL that re-checks the right and calls one service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dondoc.errors import ActionForbidden, DomainError
from dondoc.http import AuthenticatedRequest
from dondoc.org.access import Action, get_task_for
from dondoc.tasks import services
from dondoc.tasks.models import ExtensionStatus, Task
from dondoc.web import forms
from dondoc.web.views.tasks import task_context

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Call = Callable[[Task, Any, dict[str, Any]], Any]


def _pending_extension(task: Task) -> Any:
    request = task.extension_requests.filter(status=ExtensionStatus.PENDING).first()
    if request is None:
        raise DomainError(_("Không có đề nghị gia hạn nào đang chờ ý kiến."))
    return request


@dataclass(frozen=True)
class Spec:
    action: Action
    form_key: str
    form_class: type[forms.forms.Form]
    call: Call
    done: StrOrPromise


SPECS: dict[str, Spec] = {
    "bao-cao-tien-do": Spec(
        Action.REPORT_PROGRESS, "progress", forms.ProgressForm,
        lambda t, u, d: services.task_report_progress(
            task=t, by=u, text=d["text"], percent=d["percent"], difficulties=d["difficulties"],
            proposals=d["proposals"], files=d["files"],
        ),
        gettext_lazy("Đã gửi báo cáo tiến độ."),
    ),
    "y-kien": Spec(
        Action.ADD_NOTE, "note", forms.NoteForm,
        lambda t, u, d: services.task_add_note(task=t, by=u, text=d["text"], files=d["files"]),
        gettext_lazy("Đã ghi ý kiến."),
    ),
    "bao-cao-hoan-thanh": Spec(
        Action.SUBMIT, "submit", forms.SubmitForm,
        lambda t, u, d: services.task_submit(task=t, by=u, result=d["result"], files=d["files"]),
        gettext_lazy("Đã báo cáo hoàn thành; chờ đơn vị giao xác nhận."),
    ),
    "xac-nhan": Spec(
        Action.CONFIRM, "confirm", forms.ConfirmForm,
        lambda t, u, d: services.task_confirm(task=t, by=u, note=d["note"]),
        gettext_lazy("Đã xác nhận hoàn thành nhiệm vụ."),
    ),
    "tra-lai": Spec(
        Action.RETURN, "return", forms.ReasonForm,
        lambda t, u, d: services.task_return(task=t, by=u, reason=d["reason"]),
        gettext_lazy("Đã trả lại kết quả cho đơn vị."),
    ),
    "de-nghi-gia-han": Spec(
        Action.REQUEST_EXTENSION, "extension", forms.ExtensionRequestForm,
        lambda t, u, d: services.task_request_extension(
            task=t, by=u, proposed_due=d["proposed_due"], reason=d["reason"]
        ),
        gettext_lazy("Đã gửi đề nghị gia hạn."),
    ),
    "tra-loi-gia-han": Spec(
        Action.DECIDE_EXTENSION, "decide", forms.ExtensionDecisionForm,
        lambda t, u, d: services.task_decide_extension(
            request=_pending_extension(t), by=u, approve=d["approve"], note=d["note"]
        ),
        gettext_lazy("Đã trả lời đề nghị gia hạn."),
    ),
    "doi-thoi-han": Spec(
        Action.CHANGE_DUE, "change_due", forms.ChangeDueForm,
        lambda t, u, d: services.task_change_due(task=t, by=u, due_on=d["due_on"], reason=d["reason"]),
        gettext_lazy("Đã điều chỉnh thời hạn."),
    ),
    "giao-tiep": Spec(
        Action.DELEGATE, "delegate", forms.DelegateForm,
        lambda t, u, d: services.task_delegate(
            task=t, by=u, text=d["text"], lead_unit=d["lead_unit"], assignee=d["assignee"],
            due_on=d["due_on"],
        ),
        gettext_lazy("Đã giao tiếp nhiệm vụ."),
    ),
    "tam-dung": Spec(
        Action.PAUSE, "pause", forms.ReasonForm,
        lambda t, u, d: services.task_pause(task=t, by=u, reason=d["reason"]),
        gettext_lazy("Đã tạm dừng nhiệm vụ."),
    ),
    "tiep-tuc": Spec(
        Action.RESUME, "resume", forms.ResumeForm,
        lambda t, u, d: services.task_resume(task=t, by=u, note=d["note"]),
        gettext_lazy("Nhiệm vụ được tiếp tục thực hiện."),
    ),
    "thu-hoi": Spec(
        Action.WITHDRAW, "withdraw", forms.ReasonForm,
        lambda t, u, d: services.task_withdraw(task=t, by=u, reason=d["reason"]),
        gettext_lazy("Đã thu hồi nhiệm vụ."),
    ),
}


@require_POST
@login_required
def task_action(request: AuthenticatedRequest, pk: int, name: str) -> HttpResponse:
    spec = SPECS.get(name)
    if spec is None:
        raise Http404(_("Không có thao tác này."))
    task = get_task_for(request.user, pk, action=spec.action)
    extra: dict[str, Any] = {"task": task} if spec.form_class is forms.DelegateForm else {}
    form = spec.form_class(request.POST, request.FILES, **extra)
    if form.is_valid():
        try:
            spec.call(task, request.user, form.cleaned_data)
        except ActionForbidden as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, str(spec.done))
            return redirect("web:task-detail", pk=task.pk)
    task = get_task_for(request.user, pk)
    context = task_context(request, task, **{spec.form_key: form})
    if spec.action.value not in context["actions"]:
        # The form is no longer offered (the task moved on): say why at the top instead.
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return render(request, "web/task_detail.html", context, status=400)
