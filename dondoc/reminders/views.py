"""The urging-letter wizard (select → options → preview → download or register) and the letters sent."""

from __future__ import annotations

import io
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dondoc.errors import ActionForbidden, DomainError
from dondoc.officedocs import PdfConversionError, docx_to_pdf
from dondoc.org.access import acting_unit, may_write_urging_letters
from dondoc.org.models import Role, Unit
from dondoc.reminders import letters
from dondoc.reminders.forms import LetterOptionsForm, TaskFilterForm
from dondoc.reminders.models import UrgingLetter
from dondoc.tasks.models import Task

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _office_only(request: HttpRequest) -> None:
    if not may_write_urging_letters(request.user):
        raise PermissionDenied(_("Chỉ Văn phòng và lãnh đạo Ủy ban mới được soạn văn bản đôn đốc."))


def _chosen_tasks(request: HttpRequest) -> list[Task]:
    try:
        ids = {int(v) for v in request.POST.getlist("task")}
    except ValueError:
        raise Http404(_("Nhiệm vụ không hợp lệ.")) from None
    tasks = list(letters.urgeable_tasks(request.user, today=timezone.localdate(), due_within=365)
                 .filter(pk__in=ids)) if ids else []
    found = {t.pk for t in tasks}
    missing = ids - found
    if missing:
        hidden = Task.objects.visible_to(request.user).filter(pk__in=missing).exists()
        if hidden:  # visible but not urgeable by this person (finished, or another committee's)
            raise PermissionDenied(_("Có nhiệm vụ anh/chị không được đôn đốc hoặc không còn cần đôn đốc."))
        raise Http404(_("Không tìm thấy nhiệm vụ hoặc anh/chị không có quyền xem."))
    return tasks


@login_required
def letter_wizard(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    if request.method == "POST":
        step = request.POST.get("step", "options")
        tasks = _chosen_tasks(request)
        if not tasks:
            messages.error(request, _("Vui lòng chọn ít nhất một nhiệm vụ cần đôn đốc."))
            return redirect("reminders:letter-wizard")
        if step == "options":
            form = LetterOptionsForm(initial=_initial(request))
            return _render_options(request, tasks, form)
        return _after_options(request, step, tasks)
    return _select(request)


def _initial(request: HttpRequest) -> dict:
    defaults = letters.default_options(request.user)
    return {"new_due": defaults.new_due, "signing": defaults.signing, "signer_name": defaults.signer_name,
            "grouping": letters.PER_UNIT, "explanation": True}


def _select(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = TaskFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    scope = data.get("scope") or "overdue"
    within = data.get("due_within") or 5
    pool = letters.urgeable_tasks(request.user, today=today, due_within=365)
    units = Unit.objects.filter(pk__in=pool.values("lead_unit")).order_by("path")
    tasks = letters.urgeable_tasks(
        request.user, today=today, overdue=scope in ("overdue", "both"),
        due_within=within if scope in ("soon", "both") else None,
    )
    if data.get("unit"):
        tasks = tasks.filter(lead_unit_id=data["unit"])
    rows = [(t, (today - t.due_on).days) for t in tasks[:500]]
    return render(request, "reminders/wizard_select.html", {
        "form": form, "units": units, "rows": rows, "scope": scope, "within": within,
        "unit_id": data.get("unit"), "today": today,
    })


def _render_options(request, tasks, form, status=200) -> HttpResponse:
    return render(request, "reminders/wizard_options.html", {"tasks": tasks, "form": form}, status=status)


def _after_options(request: HttpRequest, step: str, tasks: list[Task]) -> HttpResponse:
    form = LetterOptionsForm(request.POST)
    if not form.is_valid():
        return _render_options(request, tasks, form, status=400)
    data = form.cleaned_data
    options = letters.LetterOptions(
        today=timezone.localdate(), new_due=data["new_due"], explanation=data["explanation"],
        signing=data["signing"], signer_name=data["signer_name"].strip(), grouping=data["grouping"],
        number=data["number"].strip(),
    )
    try:
        if step == "register":
            return _register(request, tasks, options)
        drafts = letters.urging_letters_draft(by=request.user, tasks=tasks, options=options)
    except ActionForbidden as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _render_options(request, tasks, form, status=400)
    if options.number and len(drafts) == 1:
        drafts[0].letter.number = options.number
    if step in ("docx", "pdf"):
        return _download(request, drafts, step)
    return render(request, "reminders/wizard_preview.html", {"tasks": tasks, "form": form, "drafts": drafts})


def _download(request: HttpRequest, drafts, kind: str) -> HttpResponse:
    files = []
    for i, draft in enumerate(drafts, start=1):
        data = draft.letter.to_docx()
        if kind == "pdf":
            try:
                data = docx_to_pdf(data)
            except PdfConversionError as exc:
                messages.error(request, str(exc))
                return redirect("reminders:letter-wizard")
        files.append((f"du-thao-don-doc-{i}.{kind}", data))
    if len(files) == 1:
        name, data = files[0]
        content_type = DOCX_TYPE if kind == "docx" else "application/pdf"
        return FileResponse(io.BytesIO(data), as_attachment=True, filename=name, content_type=content_type)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=f"du-thao-don-doc-{kind}.zip")


def _register(request: HttpRequest, tasks, options) -> HttpResponse:
    registered = letters.urging_letters_register(by=request.user, tasks=tasks, options=options)
    numbers = ", ".join(letter.document.number for letter in registered)
    messages.success(request, _("Đã vào sổ văn bản đôn đốc số %s.") % numbers)
    return redirect("reminders:letters")


def _letters_for(user):
    qs = UrgingLetter.objects.select_related("document", "created_by").prefetch_related("items__task__lead_unit")
    if user.role == Role.ADMIN or user.is_superuser:
        return qs
    if may_write_urging_letters(user):
        return qs.filter(committee=acting_unit(user))
    if user.unit_id is None:
        return qs.none()
    return qs.filter(items__task__lead_unit=user.unit).distinct()


@login_required
def letter_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reminders/letter_list.html", {
        "letters": _letters_for(request.user)[:200],
        "may_draft": may_write_urging_letters(request.user),
    })


@login_required
def letter_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    letter = get_object_or_404(_letters_for(request.user), pk=pk)
    if kind not in ("docx", "pdf"):
        raise Http404(_("Văn bản không có tệp này."))
    if kind == "pdf" and not letter.pdf:
        problem = letters.attach_pdf(letter)  # made on first download: registering stays fast
        if problem:
            messages.error(request, problem)
            return redirect("reminders:letters")
    field = letter.docx if kind == "docx" else letter.pdf
    name = f"cong-van-{letter.document.number.replace('/', '-')}.{kind}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)
