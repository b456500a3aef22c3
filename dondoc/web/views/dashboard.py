"""Dashboards: the office and leaders see the whole picture; a unit sees its own work."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from dondoc.http import AuthenticatedRequest
from dondoc.org.access import acting_unit
from dondoc.org.models import Role
from dondoc.tasks.models import ExtensionRequest, ExtensionStatus, Task
from dondoc.tasks.timeliness import Timeliness, timeliness_filter
from dondoc.tasks.workflow import Status

# The order officials read the tiles in: what needs attention first.
TILE_ORDER = [
    Timeliness.OVERDUE, Timeliness.DUE_SOON, Timeliness.WITHIN_DEADLINE, Timeliness.NO_DEADLINE,
    Timeliness.DONE_ON_TIME, Timeliness.DONE_LATE, Timeliness.DONE_NO_DEADLINE,
]
OFFICE_ROLES = (Role.LEADER, Role.TRACKER, Role.ADMIN)


def timeliness_tiles(tasks: Any, **filters: Any) -> list[dict[str, Any]]:
    """Counts per timeliness class in one grouped query, each linking to the matching list."""
    rows = tasks.with_timeliness().order_by().values("timeliness").annotate(n=Count("id"))
    counts = {row["timeliness"]: row["n"] for row in rows}
    base = reverse("web:task-list")
    return [
        {
            "cls": cls.value, "label": cls.label, "count": counts.get(cls.value, 0),
            "url": f"{base}?{urlencode({**filters, 'timeliness': cls.value})}",
        }
        for cls in TILE_ORDER
    ]


def unit_rates(tasks: Any, today: dt.date) -> list[dict[str, Any]]:
    """Completion and on-time rates per lead unit, in one grouped query."""
    rows = (
        tasks.exclude(status=Status.WITHDRAWN).order_by("lead_unit__path")
        .values("lead_unit_id", "lead_unit__name", "lead_unit__path")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status=Status.DONE)),
            on_time=Count("id", filter=timeliness_filter(Timeliness.DONE_ON_TIME, today)),
        )
    )
    chart = []
    for row in rows:
        total, done = row["total"], row["done"]
        completion = round(100 * done / total) if total else 0
        on_time = round(100 * row["on_time"] / done) if done else 0
        chart.append({
            "unit_id": row["lead_unit_id"], "name": row["lead_unit__name"], "total": total,
            "done": done, "on_time_count": row["on_time"], "completion": completion,
            "on_time": on_time,
        })
    return chart


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    if request.user.role in OFFICE_ROLES or request.user.is_superuser:
        return office_dashboard(request)
    return unit_dashboard(request)


def office_dashboard(request: AuthenticatedRequest) -> HttpResponse:
    user, today = request.user, timezone.localdate()
    visible = Task.objects.visible_to(user)
    own = acting_unit(user)
    to_decide = visible if own is None or user.role == Role.ADMIN else visible.filter(assigning_unit=own)
    rates = unit_rates(visible, today)
    context = {
        "tiles": timeliness_tiles(visible),
        "overdue": visible.overdue(today).with_related().order_by("lead_unit__path", "due_on", "id")[:60],
        "waiting": to_decide.filter(status=Status.SUBMITTED).with_related().order_by("updated_at")[:30],
        "extensions": ExtensionRequest.objects.filter(status=ExtensionStatus.PENDING, task__in=to_decide)
        .select_related("task", "task__lead_unit", "requested_by").order_by("requested_at")[:30],
        "rates": rates,
    }
    return render(request, "web/dashboard_office.html", context)


def own_work(user: Any) -> Q:
    """A unit's own work: the tasks it leads, and those handed to this person."""
    return Q(lead_unit=user.unit_id) | Q(assignee=user) if user.unit_id else Q(assignee=user)


def unit_dashboard(request: AuthenticatedRequest) -> HttpResponse:
    user, today = request.user, timezone.localdate()
    visible = Task.objects.visible_to(user)
    mine = visible.filter(own_work(user))
    since = timezone.now() - dt.timedelta(days=30)
    context = {
        # The list's ``mine=1`` is the same ``own_work``: a tile opens exactly the tasks it counts.
        "tiles": timeliness_tiles(mine, mine=1),
        "overdue": mine.overdue(today).with_related().order_by("due_on", "id")[:30],
        "due_soon": mine.in_class(Timeliness.DUE_SOON, today).with_related().order_by("due_on", "id")[:30],
        "open": mine.open().exclude(status=Status.RETURNED).with_related().with_timeliness()
        .order_by("due_on", "id")[:30],
        "returned": mine.filter(status=Status.RETURNED).with_related().order_by("due_on", "id")[:30],
        "answers": ExtensionRequest.objects.filter(task__in=mine, decided_at__gte=since)
        .exclude(status=ExtensionStatus.PENDING)
        .select_related("task", "decided_by").order_by("-decided_at")[:20],
        "passed_down": visible.filter(assigning_unit=user.unit_id).with_related().with_timeliness()
        .order_by("due_on", "id")[:30] if user.unit_id else [],
    }
    return render(request, "web/dashboard_unit.html", context)
