"""Screens of the documents app: register (upload → progress → review → confirm), list, detail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dondoc.documents import review
from dondoc.documents.forms import (
    MAX_TASKS,
    DocumentFieldsForm,
    TaskForm,
    TaskFormSet,
    UploadForm,
)
from dondoc.documents.models import Document, DocumentFile, ExtractionRun, RunKind, RunStatus
from dondoc.documents.resolution import units_matching
from dondoc.documents.services import TaskSpec, document_register, run_create, run_save_proposal
from dondoc.errors import DomainError
from dondoc.forms import chosen, ids
from dondoc.http import AuthenticatedRequest
from dondoc.org.access import assignable_units, get_document_for, get_run_for, require_register
from dondoc.org.models import Unit, User
from dondoc.tasks.models import Task

if TYPE_CHECKING:
    from django.forms import BaseFormSet

    TaskForms = BaseFormSet[TaskForm]

RECENT_RUNS = 10
UNIT_RESULTS = 15
_TASK_FIELDS = {"lead_units": "lead", "lead_unit": "lead", "support_units": "support", "due_on": "due_on",
                "text": "text"}


# -- upload ---------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def register(request: AuthenticatedRequest) -> HttpResponse:
    require_register(request.user)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        try:
            run = run_create(by=request.user, files=form.cleaned_data["files"], text=form.cleaned_data["text"])
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("documents:run", pk=run.pk)
    runs = ExtractionRun.objects.filter(created_by=request.user, kind=RunKind.DOCUMENT).select_related("document")[
        :RECENT_RUNS
    ]
    status = 400 if request.method == "POST" else 200
    return render(request, "documents/register.html", {"form": form, "runs": runs}, status=status)


# -- progress -------------------------------------------------------------------------------------

@login_required
@require_GET
def run_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    run = get_run_for(request.user, pk)
    target = None
    if run.kind == RunKind.SPREADSHEET:
        if run.status in (RunStatus.DONE, RunStatus.CONFIRMED):
            target = reverse("documents:import-review", args=[run.pk])
    elif run.status == RunStatus.DONE:
        target = reverse("documents:review", args=[run.pk])
    elif run.status == RunStatus.CONFIRMED and run.document_id:
        target = reverse("documents:detail", args=[run.document_id])
    if target is not None:
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)
    template = "documents/_run_progress.html" if request.htmx else "documents/run.html"
    return render(request, template, {"run": run})


# -- review ---------------------------------------------------------------------------------------

def _state(run: ExtractionRun) -> dict[str, Any]:
    state = dict(run.result or {})
    state.setdefault("document", {})
    state.setdefault("tasks", [])
    return state


def _int(value: Any) -> int | None:
    """The integer typed, when it is one a database column can hold."""
    found = ids(value)
    return found[0] if found else None


def _text(value: Any) -> str:
    """What was typed, as text a database can keep (PostgreSQL refuses NUL characters)."""
    return str(value or "").replace("\x00", "")


def _posted_state(state: dict[str, Any], doc_form: DocumentFieldsForm, formset: TaskForms) -> dict[str, Any]:
    """What the clerk typed, valid or not, merged with what only the server knows (the matches)."""
    previous = state["tasks"] if len(state["tasks"]) == len(formset.forms) else []
    tasks = []
    for index, form in enumerate(formset.forms):
        known = previous[index] if previous else review.empty_task()
        tasks.append({
            **known,
            "text": _text(form["text"].value()),
            "start": _int(form["start"].value()),
            "end": _int(form["end"].value()),
            "lead_ids": ids(form["lead"].value()),
            "support_ids": ids(form["support"].value()),
            "due_input": _text(form["due_on"].value()).strip(),
            "due_text": _text(form["due_text"].value()),
            "recurring": bool(form["recurring"].value()),
            "priority": bool(form["priority"].value()),
        })
    fields = {name: _text(doc_form[name].value()) for name in doc_form.fields}
    return {**state, "fields": fields, "tasks": tasks}


def _apply(op: str, state: dict[str, Any], formset: TaskForms, source: str) -> str:
    """Apply one edit button; returns the anchor to show afterwards."""
    action, _sep, number = op.partition("-")
    index = _int(number)
    tasks = state["tasks"]
    if action == "add":
        if len(tasks) >= MAX_TASKS:
            return f"task-{len(tasks) - 1}"
        tasks.append(review.empty_task())
        return f"task-{len(tasks) - 1}"
    if index is None or not 0 <= index < len(tasks):
        return ""
    if action == "drop":
        review.drop_task(tasks, index)
        return f"task-{max(index - 1, 0)}"
    if action == "merge":
        review.merge_tasks(tasks, index)
    elif action == "split":
        at = _int(formset.forms[index]["split_at"].value()) if index < len(formset.forms) else None
        review.split_task(tasks, index, source=source, at=at)
    return f"task-{index}"


def _review_context(
    run: ExtractionRun, state: dict[str, Any], doc_form: DocumentFieldsForm, formset: TaskForms, user: User
) -> dict[str, Any]:
    """The review screen; the units shown in the pickers are those the person may assign to
    (a crafted id names no other committee's unit)."""
    chosen_ids = [pk for form in formset.forms for name in ("lead", "support") for pk in ids(form[name].value())]
    units = {u.pk: u for u in chosen(assignable_units(user), chosen_ids)}
    cards = []
    for index, form in enumerate(formset.forms):
        info = state["tasks"][index] if index < len(state["tasks"]) else review.empty_task()
        cards.append({
            "index": index, "form": form, "info": info,
            "lead_units": [units[pk] for pk in ids(form["lead"].value()) if pk in units],
            "support_units": [units[pk] for pk in ids(form["support"].value()) if pk in units],
        })
    return {
        "run": run, "doc_form": doc_form, "formset": formset, "cards": cards,
        "segments": review.highlight(run.text, state["tasks"]),
    }


def _forms_from_state(state: dict[str, Any], user: User) -> tuple[DocumentFieldsForm, TaskForms]:
    fields = state.get("fields") or DocumentFieldsForm.initial_from(state["document"])
    doc_form = DocumentFieldsForm(initial=fields)
    formset = TaskFormSet(initial=[TaskForm.initial_from(t) for t in state["tasks"]], form_kwargs={"user": user})
    return doc_form, formset


def _show_error(exc: DomainError, doc_form: DocumentFieldsForm, formset: TaskForms) -> None:
    field = exc.field or ""
    if field.startswith("tasks."):
        _prefix, number, name = [*field.split("."), "", ""][:3]
        index = _int(number)
        if index is not None and index < len(formset.forms):
            form = formset.forms[index]
            target = _TASK_FIELDS.get(name)
            form.add_error(target if target in form.fields else None, exc.message)
            return
    doc_form.add_error(field if field in doc_form.fields else None, exc.message)


@login_required
@require_http_methods(["GET", "POST"])
def review_run(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    run = get_run_for(request.user, pk)
    if run.kind == RunKind.SPREADSHEET:
        return redirect("documents:import-review", pk=run.pk)
    if run.status == RunStatus.CONFIRMED and run.document_id:
        return redirect("documents:detail", pk=run.document_id)
    if run.status != RunStatus.DONE:
        return redirect("documents:run", pk=run.pk)
    state = _state(run)
    if request.method == "GET":
        doc_form, formset = _forms_from_state(state, request.user)
        return render(request, "documents/review.html", _review_context(run, state, doc_form, formset, request.user))

    doc_form = DocumentFieldsForm(request.POST)
    formset = TaskFormSet(request.POST, form_kwargs={"user": request.user})
    if not formset.is_bound or not formset.management_form.is_valid():
        return redirect("documents:review", pk=run.pk)
    op = request.POST.get("op", "save")
    state = _posted_state(state, doc_form, formset)
    anchor = _apply(op, state, formset, run.text) if op != "confirm" else ""
    try:
        run_save_proposal(run=run, by=request.user, result=state)
    except DomainError as exc:  # confirmed meanwhile, e.g. from another tab
        messages.error(request, exc.message)
        return redirect("documents:run", pk=run.pk)
    if op != "confirm":
        url = reverse("documents:review", args=[run.pk])
        return redirect(f"{url}#{anchor}" if anchor else url)
    if doc_form.is_valid() and formset.is_valid():
        try:
            document = document_register(
                by=request.user, **doc_form.cleaned_data, text=run.text, run=run,
                tasks=[_spec(cd) for cd in formset.cleaned_data],
            )
        except DomainError as exc:
            _show_error(exc, doc_form, formset)
        else:
            messages.success(request, _("Đã vào sổ văn bản và giao %d nhiệm vụ.") % document.tasks.count())
            return redirect("documents:detail", pk=document.pk)
    context = _review_context(run, state, doc_form, formset, request.user)
    return render(request, "documents/review.html", context, status=400)


def _spec(cleaned: dict[str, Any]) -> TaskSpec:
    start, end = cleaned.get("start"), cleaned.get("end")
    return TaskSpec(
        text=cleaned["text"], lead_units=list(cleaned["lead"]), support_units=list(cleaned["support"]),
        due_on=cleaned.get("due_on"), due_text=cleaned.get("due_text") or "",
        recurring=cleaned.get("recurring", False), priority=cleaned.get("priority", False),
        source_span=(start, end) if start is not None and end is not None else None,
    )


# -- unit picker ----------------------------------------------------------------------------------

@login_required
@require_GET
def unit_search(request: AuthenticatedRequest) -> HttpResponse:
    """Units the person may assign to whose folded name holds every word typed (abbreviations
    written out)."""
    require_register(request.user)
    query = _text(request.GET.get("q")).strip()
    field = request.GET.get("field", "")
    if not (field.startswith("form-") and field.rsplit("-", 1)[-1] in ("lead", "support")):
        field = ""
    units: list[Unit] = []
    if query:
        found = units_matching(query, queryset=assignable_units(request.user))
        units = list(found.order_by("path")[:UNIT_RESULTS])
    if request.htmx or field:
        return render(request, "documents/_unit_results.html", {"units": units, "field": field, "query": query})
    return JsonResponse({"results": [{"id": u.pk, "name": u.name} for u in units]})


# -- documents ------------------------------------------------------------------------------------

@login_required
@require_GET
def document_list(request: AuthenticatedRequest) -> HttpResponse:
    query = _text(request.GET.get("q")).strip()
    documents = Document.objects.visible_to(request.user).with_task_count(request.user)
    if query:
        documents = documents.search(query)
    page = Paginator(documents.order_by("-issued_on", "-id"), 25).get_page(request.GET.get("page"))
    return render(request, "documents/list.html", {"page": page, "query": query})


@login_required
@require_GET
def document_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    document = get_document_for(request.user, pk)
    tasks = Task.objects.visible_to(request.user).with_related().filter(document=document).order_by("id")
    return render(request, "documents/detail.html", {"document": document, "tasks": tasks})


@login_required
@require_GET
def document_file(request: AuthenticatedRequest, pk: int) -> FileResponse:
    stored = get_object_or_404(DocumentFile, pk=pk)
    get_document_for(request.user, stored.document_id)
    try:
        handle = stored.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("Không tìm thấy tệp.")) from None
    return FileResponse(handle, as_attachment=True, filename=stored.name)

