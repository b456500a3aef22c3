"""In-application notifications: the list, and marking them read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dondoc.reminders.models import Notification

PAGE_SIZE = 30


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.for_user(request.user).select_related("task")
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/notifications.html", {"page": page})


@require_POST
@login_required
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    # Marking read touches nothing but the person's own notification row.
    note = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    if request.htmx:
        return render(request, "web/_notification_row.html", {"note": note, "oob_counter": True})
    return redirect("web:notifications")


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification to its task, marking it read on the way."""
    note = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    if note.read_at is None:
        Notification.objects.filter(pk=note.pk).update(read_at=timezone.now())
    if note.task_id:
        return redirect("web:task-detail", pk=note.task_id)
    return redirect("web:notifications")


@require_POST
@login_required
def notification_read_all(request: HttpRequest) -> HttpResponse:
    Notification.objects.for_user(request.user).unread().update(read_at=timezone.now())
    return redirect("web:notifications")
