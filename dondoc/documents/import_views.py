"""Screens of "Nhập nhiệm vụ từ Excel": upload → progress (shared with documents) → review → confirm."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dondoc.documents import importing
from dondoc.documents.forms import ImportRowForm, ImportUploadForm
from dondoc.documents.models import Document, ExtractionRun, RunKind, RunStatus
from dondoc.documents.services import (
    import_request_confirm,
    import_row_update,
    import_rows_drop,
    import_run_create,
)
from dondoc.errors import DomainError
from dondoc.forms import chosen, ids
from dondoc.http import AuthenticatedRequest
from dondoc.org.access import assignable_units, get_run_for, require_register
from dondoc.org.models import Unit
from dondoc.text import fold

ROWS_PER_PAGE = 50
RECENT_IMPORTS = 10
SHOWN_PROBLEMS = 30
FILTERS = {"": None, "van-de": "problems", "da-bo": "dropped"}
# The row service's fields → the row form's.
_ROW_FIELDS = {"lead_units": "lead", "support_units": "support", "due_on": "due_on", "issued_on": "issued_on",
               "completed_on": "completed_on", "text": "text"}


def _import_run(request: AuthenticatedRequest, pk: int) -> ExtractionRun:
    run = get_run_for(request.user, pk)
    if run.kind != RunKind.SPREADSHEET:
        raise Http404(_("Không tìm thấy lượt nhập bảng theo dõi."))
    return run


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthenticatedRequest) -> HttpResponse:
    require_register(request.user)
    form = ImportUploadForm(request.POST, request.FILES) if request.method == "POST" else ImportUploadForm()
    if request.method == "POST" and form.is_valid():
        try:
            run = import_run_create(by=request.user, upload=form.cleaned_data["file"])
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("documents:run", pk=run.pk)
    runs = ExtractionRun.objects.filter(created_by=request.user, kind=RunKind.SPREADSHEET)[:RECENT_IMPORTS]
    status = 400 if request.method == "POST" else 200
    return render(request, "documents/import.html", {"form": form, "runs": runs}, status=status)


def _rows(run: ExtractionRun) -> list[dict[str, Any]]:
    return list((run.result or {}).get("rows", []))


def _review_context(request: AuthenticatedRequest, run: ExtractionRun) -> dict[str, Any]:
    rows = _rows(run)
    kept = [r for r in rows if not r.get("dropped")]
    with_problems = [r for r in kept if r.get("problems")]
    shown_filter = FILTERS.get(request.GET.get("loc", ""))
    if shown_filter == "problems":
        listed = with_problems
    elif shown_filter == "dropped":
        listed = [r for r in rows if r.get("dropped")]
    else:
        listed = rows
    page = Paginator(listed, ROWS_PER_PAGE).get_page(request.GET.get("trang"))
    unit_ids = {pk for r in page.object_list for pk in [*r.get("lead_ids", []), *r.get("support_ids", [])]}
    names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    for row in page.object_list:
        row["lead_names"] = [names.get(pk, "?") for pk in row.get("lead_ids", [])]
        row["support_names"] = [names.get(pk, "?") for pk in row.get("support_ids", [])]
    groups = importing.document_groups(kept)
    existing = _existing_numbers(request, groups)
    problems = [importing.describe(r, p) for r in with_problems for p in r["problems"]]
    return {
        "run": run, "page": page, "loc": request.GET.get("loc", ""),
        "counts": {"rows": len(rows), "kept": len(kept), "dropped": len(rows) - len(kept),
                   "problems": len(with_problems), "done": sum(1 for r in kept if r.get("done"))},
        "problems": problems[:SHOWN_PROBLEMS], "more_problems": max(len(problems) - SHOWN_PROBLEMS, 0),
        "groups": [{**g, "existing": existing.get(key)} for key, g in groups.items()],
        "created": (run.result or {}).get("created"),
        "confirm_error": (run.result or {}).get("confirm_error", ""),
    }


def _existing_numbers(request: AuthenticatedRequest, groups: dict[str, dict[str, Any]]) -> dict[str, Document]:
    """The documents already registered under the numbers the rows cite, by group key. Only the
    documents whose number is one of those (as written, or the same once folded) are loaded."""
    numbers = {g["number"] for g in groups.values() if g["number"]}
    if not numbers:
        return {}
    cited = Q(number__in=numbers)
    for number in numbers:
        cited |= Q(search_fold__contains=fold(number))
    found: dict[str, Document] = {}
    candidates = Document.objects.visible_to(request.user).exclude(number="").filter(cited)
    for document in candidates.only("pk", "number", "kind", "issued_on"):
        key = importing.document_key({"doc_number": document.number})
        if key in groups:
            found.setdefault(key, document)
    return found


@login_required
@require_http_methods(["GET", "POST"])
def import_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    run = _import_run(request, pk)
    if run.status not in (RunStatus.DONE, RunStatus.CONFIRMED):
        return redirect("documents:run", pk=run.pk)
    if request.method == "POST":
        return _review_post(request, run)
    return render(request, "documents/import_review.html", _review_context(request, run))


def _review_post(request: AuthenticatedRequest, run: ExtractionRun) -> HttpResponse:
    op = request.POST.get("op", "")
    back = reverse("documents:import-review", args=[run.pk])
    query = request.POST.get("back", "")
    try:
        if op == "confirm":
            import_request_confirm(run=run, by=request.user)
            return redirect("documents:run", pk=run.pk)
        action, _sep, number = op.partition("-")
        if action in ("drop", "keep") and number.isdigit():
            import_rows_drop(run=run, by=request.user, rows=[int(number)], dropped=action == "drop")
        elif op == "drop-problems":
            numbers = [r["row"] for r in _rows(run) if r.get("problems") and not r.get("dropped")]
            import_rows_drop(run=run, by=request.user, rows=numbers)
    except DomainError as exc:
        messages.error(request, exc.message)
        if op == "confirm":
            context = _review_context(request, ExtractionRun.objects.get(pk=run.pk))
            return render(request, "documents/import_review.html", context, status=400)
    return redirect(f"{back}?{query}" if query else back)


@login_required
@require_http_methods(["GET", "POST"])
def import_row(request: AuthenticatedRequest, pk: int, row: int) -> HttpResponse:
    run = _import_run(request, pk)
    if run.status != RunStatus.DONE:
        return redirect("documents:import-review", pk=run.pk)
    found = next((r for r in _rows(run) if r["row"] == row), None)
    if found is None:
        raise Http404(_("Không tìm thấy dòng %d trong bảng.") % row)
    if request.method == "POST":
        form = ImportRowForm(request.POST, prefix="form-0", user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                import_row_update(
                    run=run, by=request.user, row=row, text=data["text"], lead_units=list(data["lead"]),
                    support_units=data["support"], due_on=data["due_on"], due_text=data["due_text"],
                    recurring=data["recurring"], priority=data["priority"], doc_number=data["doc_number"],
                    doc_subject=data["doc_subject"], issued_on=data["issued_on"], done=data["done"],
                    completed_on=data["completed_on"],
                )
            except DomainError as exc:
                form.add_error(_ROW_FIELDS.get(exc.field or ""), exc.message)
            else:
                messages.success(request, _("Đã lưu dòng %d.") % row)
                back = reverse("documents:import-review", args=[run.pk])
                query = request.POST.get("back", "")
                return redirect(f"{back}?{query}#dong-{row}" if query else f"{back}#dong-{row}")
    else:
        form = ImportRowForm(initial=ImportRowForm.initial_from(found), prefix="form-0", user=request.user)
    picked = {name: ids(form[name].value()) for name in ("lead", "support")}
    units = {u.pk: u for u in chosen(assignable_units(request.user), picked["lead"] + picked["support"])}
    context = {
        "run": run, "row": found, "form": form, "back": request.GET.get("back", request.POST.get("back", "")),
        "lead_units": [units[pk] for pk in picked["lead"] if pk in units],
        "support_units": [units[pk] for pk in picked["support"] if pk in units],
        "problems": [importing.describe(found, p) for p in found.get("problems", [])],
    }
    return render(request, "documents/import_row.html", context, status=400 if form.errors else 200)
