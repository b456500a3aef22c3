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
from dondoc.org.access import acting_unit, is_admin, sees_the_whole_committee
from dondoc.reports.charts import rate_bars
from dondoc.reports.models import RankingPolicy
from dondoc.reports.queries import Period, Scope, compute, percent
from dondoc.tasks.models import ExtensionRequest, ExtensionStatus, Task
from dondoc.tasks.timeliness import Timeliness
from dondoc.tasks.workflow import Status

# The order officials read the tiles in: what needs attention first.
TILE_ORDER = [
    Timeliness.OVERDUE, Timeliness.DUE_SOON, Timeliness.WITHIN_DEADLINE, Timeliness.NO_DEADLINE,
    Timeliness.DONE_ON_TIME, Timeliness.DONE_LATE, Timeliness.DONE_NO_DEADLINE,
]
#: The units the dashboard's chart draws (the best-ranked first); the statistics page has them all.
CHART_ROWS = 30


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


def unit_rates(user: Any, today: dt.date) -> dict[str, Any]:
    """Completion and on-time rates per lead unit since 1 January, computed by the statistics'
    own ``dondoc.reports.queries`` (one definition of a rate for every screen)."""
    period = Period.of(dt.date(today.year, 1, 1), today, today)
    stats = compute(period, Scope(root=acting_unit(user)), RankingPolicy.current())
    rows = stats.rows[:CHART_ROWS]
    return {
        "period": period,
        "rows": [{"row": r, "completion": percent(r.figures.completion_rate),
                  "on_time": percent(r.figures.on_time_rate)} for r in rows],
        "chart": rate_bars(rows) if rows else "",
        "more": len(stats.rows) > len(rows),
        "stats_query": urlencode({"start": period.start.strftime("%d/%m/%Y"),
                                  "end": period.end.strftime("%d/%m/%Y")}),
    }


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    if sees_the_whole_committee(request.user):
        return office_dashboard(request)
    return unit_dashboard(request)


def office_dashboard(request: AuthenticatedRequest) -> HttpResponse:
    user, today = request.user, timezone.localdate()
    visible = Task.objects.visible_to(user)
    own = acting_unit(user)
    to_decide = visible if own is None or is_admin(user) else visible.filter(assigning_unit=own)
    context = {
        "tiles": timeliness_tiles(visible),
        "overdue": visible.overdue(today).with_related().order_by("lead_unit__path", "due_on", "id")[:60],
        "waiting": to_decide.filter(status=Status.SUBMITTED).with_related().order_by("updated_at")[:30],
        "extensions": ExtensionRequest.objects.filter(status=ExtensionStatus.PENDING, task__in=to_decide)
        .select_related("task", "task__lead_unit", "requested_by").order_by("requested_at")[:30],
        "rates": unit_rates(user, today),
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
