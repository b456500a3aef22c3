"""The statistics page, its exports and the background export jobs (thin: parse, check, query, render).

Who sees what: leaders, office trackers and admins the whole committee; a unit head
(and the staff) their own unit and its sub-units — ``org.access.acting_unit`` and
``may_see_unit`` decide, on the server; a unit outside is a 404.

Every figure links to the task list (URL name ``web:task-list``) with the query
parameters ``created_from``, ``created_to``, ``as_of`` (dd/mm/yyyy), ``timeliness``
(repeated for several classes: "within deadline" is
``within_deadline`` + ``due_soon``; the "assigned" figure carries none but
``exclude_withdrawn=1`` — every class but withdrawn), ``lead_unit`` (+ ``subunits=1``
for a unit with its sub-units; the scope's unit or the person's own unit is always
sent, since the list shows more than the statistics count), ``priority=1``,
``document``, ``assigned_by``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dondoc.documents.models import Document
from dondoc.http import AuthenticatedRequest
from dondoc.org.access import (
    get_document_for,
    may_see_person,
    may_see_unit,
    statistics_root,
)
from dondoc.org.models import Unit, User
from dondoc.reports import charts, tables
from dondoc.reports.exports import build_export
from dondoc.reports.forms import StatsForm
from dondoc.reports.jobs import SYNC_TASK_LIMIT, export_job_create
from dondoc.reports.models import ExportJob, ExportKind, RankingPolicy
from dondoc.reports.queries import (
    CLASSES,
    Figures,
    Mark,
    Period,
    Scope,
    Statistics,
    UnitRef,
    UnitRow,
    compute,
    monthly_trend,
    overdue_by_year,
    percent,
    period_tasks,
    sort_rows,
)
from dondoc.tasks.timeliness import Timeliness

ROWS_PER_PAGE = 50
CHART_ROWS = 30
#: The name under which the unit picker of the web interface sends the chosen unit.
PICKER_FIELD = "lead_unit"
PICKER_SEARCH = "q"


def _scope_from(user: User, data: dict[str, Any]) -> tuple[Scope, Document | None]:
    """The scope asked for, and its document: a unit or a document the person may not see is a 404
    (the page would otherwise name the document and count its tasks)."""
    root = statistics_root(user)
    unit = None
    if data.get("unit"):
        unit = Unit.objects.filter(pk=data["unit"]).first()
        if unit is None or not may_see_unit(user, unit):
            raise Http404(_("Không tìm thấy đơn vị hoặc anh/chị không có quyền xem."))
    if data.get("assigned_by") and not may_see_person(user, data["assigned_by"]):
        # The exports name the leader: someone of another committee is not shown, not even by name.
        raise Http404(_("Không tìm thấy người giao nhiệm vụ hoặc anh/chị không có quyền xem."))
    document = get_document_for(user, data["document"]) if data.get("document") else None
    scope = Scope(root=root, unit=unit, assigned_by_id=data.get("assigned_by"),
                  document_id=document.pk if document else None, priority_only=bool(data.get("priority")),
                  rollup=bool(data.get("rollup")))
    return scope, document


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass
class Cell:
    n: Any
    q: str
    href: str = ""


class Links:
    """Query strings for the task list behind each figure: the list counts what the figure counts.

    The list shows what the person may see, which is wider than the statistics' scope (tasks
    they support or assigned elsewhere), so the scope's unit — or the root of what the person's
    statistics cover — always goes along with ``subunits=1``."""

    def __init__(self, period: Period, scope: Scope) -> None:
        self.list_url = reverse("web:task-list")
        self.base: dict[str, Any] = {"created_from": _d(period.start), "created_to": _d(period.end),
                                     "as_of": _d(period.as_of)}
        if scope.unit_or_root:
            self.base.update(lead_unit=scope.unit_or_root.pk, subunits=1)
        if scope.assigned_by_id:
            self.base["assigned_by"] = scope.assigned_by_id
        if scope.document_id:
            self.base["document"] = scope.document_id
        if scope.priority_only:
            self.base["priority"] = 1

    def _params(self, unit: Unit | UnitRef | None, subunits: bool) -> dict[str, Any]:
        params = dict(self.base)
        if unit is not None:
            params["lead_unit"] = unit.pk
            params.pop("subunits", None)
            if subunits:
                params["subunits"] = 1
        return params

    def query(self, *, classes: tuple[str, ...] | None = None, unit: Unit | UnitRef | None = None,
              subunits: bool = False, **extra: Any) -> str:
        params = self._params(unit, subunits)
        if classes:
            params["timeliness"] = list(classes)
        else:
            # "Assigned" counts every class but withdrawn.
            params["exclude_withdrawn"] = 1
        params.update(extra)
        return urlencode(params, doseq=True)

    def cells(self, fig: Figures, unit: Unit | UnitRef | None = None, subunits: bool = False) -> list[Cell]:
        """The figures of one row with their links (the same strings as ``query``, encoded once
        per row rather than once per figure)."""
        head = urlencode(self._params(unit, subunits), doseq=True)
        link = f"{self.list_url}?{head}"
        return [Cell(fig.assigned, f"{head}&{_ALL_CLASSES}", f"{link}&{_ALL_CLASSES}")] + [
            Cell(getattr(fig, name), f"{head}&{query}", f"{link}&{query}") for name, query in _CLASS_QUERY.items()
        ]


_ALL_CLASSES = urlencode({"exclude_withdrawn": 1})
_CLASS_QUERY = {name: urlencode({"timeliness": [c.value for c in group]}, doseq=True)
                for name, group in CLASSES.items()}


def _row_covers_subunits(row: UnitRow, scope: Scope) -> bool:
    """A rolled-up row counts its unit's whole subtree — except the row of the unit the rollup
    is under (or of a committee, for an administrator), which holds only that unit's own tasks."""
    if not row.rolled_up:
        return False
    parent = scope.unit_or_root
    return row.ref.pk != parent.pk if parent is not None else row.ref.parent_id is not None


def _leaders(root: Unit | None) -> QuerySet[User]:
    return User.objects.leaders(within=root).order_by("full_name")


def _statistics_context(request: AuthenticatedRequest, form: StatsForm) -> dict[str, Any]:
    data = form.cleaned_data
    period = Period.of(data["start"], data["end"])
    scope, document = _scope_from(request.user, data)
    policy = RankingPolicy.current()
    stats = compute(period, scope, policy)
    sort_key, desc = data.get("sort") or "rank", bool(data.get("desc"))
    rows = sort_rows(stats.rows, sort_key, desc)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(data.get("page") or 1)
    links = Links(period, scope)
    # Only the rows of the page are drawn: links, percentages and drill-down for 50 rows, not 2,000.
    drill = _with(request, unit=None, page=None, rollup=None)
    table = [
        {"row": r, "cells": links.cells(r.figures, r.ref, subunits=_row_covers_subunits(r, scope)),
         "completion": percent(r.figures.completion_rate), "on_time": percent(r.figures.on_time_rate),
         "drill": f"{drill}&unit={r.ref.pk}" if len(drill) > 1 else f"?unit={r.ref.pk}"}
        for r in page.object_list
    ]
    trend = monthly_trend(period, scope)
    years = overdue_by_year(period, scope)
    return {
        "form": form, "stats": stats, "period": period, "scope": scope, "policy": policy,
        "totals": stats.totals, "total_cells": links.cells(stats.totals, scope.unit, subunits=True),
        "completion": percent(stats.totals.completion_rate), "on_time": percent(stats.totals.on_time_rate),
        "table": table, "table_rows": tables.unit_rows_html(table), "page": page, "sort_key": sort_key, "desc": desc,
        "sort_links": {k: _with(request, sort=k, desc="1" if (k == sort_key and not desc) else None, page=None)
                       for k in ("rank", "unit", "assigned", *CLASSES, "completion_rate", "on_time_rate",
                                 "max_days_overdue")},
        "page_links": {"prev": _with(request, page=page.previous_page_number()) if page.has_previous() else "",
                       "next": _with(request, page=page.next_page_number()) if page.has_next() else ""},
        "years": [{"year": y, "href": f"{links.list_url}?" + links.query(
                       classes=(Timeliness.OVERDUE.value,), created_from=f"01/01/{y.year}",
                       created_to=_d(min(period.end, _year_end(y.year))))}
                  for y in years],
        "trend": trend,
        "rate_chart": charts.rate_bars([t["row"] for t in table][:CHART_ROWS]),
        "trend_chart": charts.trend_lines(trend),
        "chosen_units": [scope.unit] if scope.unit else [],
        "leaders": _leaders(scope.root),
        "document": document,
        "marks": {"praise": Mark.PRAISE, "criticise": Mark.CRITICISE},
        "query": request.GET.urlencode(),
    }


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _with(request: AuthenticatedRequest, **changes: Any) -> str:
    params = request.GET.copy()
    params.pop(PICKER_SEARCH, None)  # what was typed into the picker's search box is no filter
    if "unit" in changes:  # the unit picker's own field says the same as ``unit``
        params.pop(PICKER_FIELD, None)
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None:
            params[key] = str(value)
    return "?" + params.urlencode()


def _bound_form(request: AuthenticatedRequest) -> StatsForm:
    data = request.GET.copy() if request.method == "GET" else request.POST.copy()
    if PICKER_FIELD in data:
        # The filter's unit picker (web's, shared with the task forms) sends the chosen unit as
        # ``lead_unit``; links and exports send ``unit``. The picker, when present, decides.
        data["unit"] = data.pop(PICKER_FIELD)[-1]
    for key, value in StatsForm.defaults().items():
        if not data.get(key):
            data[key] = value
    return StatsForm(data)


@login_required
@require_GET
def stats(request: AuthenticatedRequest) -> HttpResponse:
    statistics_root(request.user)
    form = _bound_form(request)
    if not form.is_valid():
        return render(request, "reports/stats.html", {"form": form, "invalid": True}, status=400)
    return render(request, "reports/stats.html", _statistics_context(request, form))


@login_required
@require_POST
def export(request: AuthenticatedRequest) -> HttpResponse:
    """Small exports come back at once; large ones become a background job."""
    form = _bound_form(request)
    if not form.is_valid() or not form.cleaned_data.get("kind"):
        return render(request, "reports/stats.html", {"form": form, "invalid": True}, status=400)
    data = form.cleaned_data
    period, (scope, _document) = Period.of(data["start"], data["end"]), _scope_from(request.user, data)
    kind = data["kind"]
    if kind == ExportKind.INSPECTION_DOCX and scope.unit is None:
        form.add_error("unit", _("Báo cáo kiểm tra cần chọn một đơn vị."))
        return render(request, "reports/stats.html", {"form": form, "invalid": True}, status=400)
    if period_tasks(period, scope).count() > SYNC_TASK_LIMIT:
        job = export_job_create(by=request.user, kind=kind, period=period, scope=scope)
        return redirect("reports:export-job", pk=job.pk)
    name, content_type, content = build_export(kind, period, scope)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def export_job(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ExportJob, pk=pk, created_by=request.user)
    return render(request, "reports/export_job.html", {"job": job})


@login_required
@require_GET
def export_job_file(request: AuthenticatedRequest, pk: int) -> FileResponse:
    job = get_object_or_404(ExportJob, pk=pk, created_by=request.user)
    if not job.file:
        raise Http404(_("Tệp chưa sẵn sàng."))
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)


__all__ = ["Statistics", "export", "export_job", "export_job_file", "stats"]
