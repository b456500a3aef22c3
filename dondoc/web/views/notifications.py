"""In-application notifications: the list, and marking them read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dondoc.http import AuthenticatedRequest
from dondoc.reminders.models import Notification
from dondoc.reminders.notifications import notification_mark_read

PAGE_SIZE = 30


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    mine = Notification.objects.for_user(request.user).select_related("task")
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/notifications.html", {"page": page})


@require_POST
@login_required
def notification_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        note = notification_mark_read(by=request.user, pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    if request.htmx:
        return render(request, "web/_notification_row.html", {"note": note, "oob_counter": True})
    return redirect("web:notifications")


@login_required
def notification_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Follow a notification to its task, marking it read on the way."""
    try:
        note = notification_mark_read(by=request.user, pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    if note.task_id:
        return redirect("web:task-detail", pk=note.task_id)
    return redirect("web:notifications")


@require_POST
@login_required
def notification_read_all(request: AuthenticatedRequest) -> HttpResponse:
    notification_mark_read(by=request.user)
    return redirect("web:notifications")
