"""The urging-letter wizard (select → options → preview → download or register) and the letters sent."""

from __future__ import annotations

import io
import secrets
import zipfile
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dondoc.errors import ActionForbidden, DomainError
from dondoc.forms import DB_INT_MAX, DB_INT_MIN
from dondoc.http import AuthenticatedRequest
from dondoc.officedocs import PdfConversionError, docx_to_pdf
from dondoc.org.access import may_write_urging_letters, visible_letters_filter
from dondoc.org.models import Unit, User
from dondoc.reminders import letters
from dondoc.reminders.forms import LetterOptionsForm, TaskFilterForm
from dondoc.reminders.models import UrgingLetter
from dondoc.tasks.models import Task

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Drafting tokens of this session: token → pks of the letters registered with it ([] until then).
TOKENS = "reminders.letter_tokens"
KEPT_TOKENS = 20


def _office_only(request: AuthenticatedRequest) -> None:
    if not may_write_urging_letters(request.user):
        raise PermissionDenied(_("Chỉ Văn phòng và lãnh đạo Ủy ban mới được soạn văn bản đôn đốc."))


def _chosen_tasks(request: AuthenticatedRequest) -> list[Task]:
    try:
        ids = {int(v) for v in request.POST.getlist("task")}
    except ValueError:
        raise Http404(_("Nhiệm vụ không hợp lệ.")) from None
    if any(not DB_INT_MIN <= pk <= DB_INT_MAX for pk in ids):
        raise Http404(_("Nhiệm vụ không hợp lệ."))
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
def letter_wizard(request: AuthenticatedRequest) -> HttpResponseBase:
    _office_only(request)
    if request.method == "POST":
        step = request.POST.get("step", "options")
        if step == "register" and (done := _registered_before(request)):
            return done
        tasks = _chosen_tasks(request)
        if not tasks:
            messages.error(request, _("Vui lòng chọn ít nhất một nhiệm vụ cần đôn đốc."))
            return redirect("reminders:letter-wizard")
        if step == "options":
            form = LetterOptionsForm(initial=_initial(request))
            return _render_options(request, tasks, form)
        return _after_options(request, step, tasks)
    return _select(request)


def _initial(request: AuthenticatedRequest) -> dict[str, Any]:
    defaults = letters.default_options(request.user)
    return {"new_due": defaults.new_due, "signing": defaults.signing, "signer_name": defaults.signer_name,
            "grouping": letters.PER_UNIT, "explanation": True, "token": _new_token(request)}


def _new_token(request: AuthenticatedRequest) -> str:
    """A one-time token for one drafting: the register step accepts it once."""
    tokens = dict(request.session.get(TOKENS, {}))
    token = secrets.token_hex(16)
    tokens[token] = []
    request.session[TOKENS] = dict(list(tokens.items())[-KEPT_TOKENS:])
    return token


def _with_fresh_token(request: AuthenticatedRequest, form: LetterOptionsForm) -> LetterOptionsForm:
    """``form`` carrying a token of this session that is still unused."""
    token = form.data.get("token", "")
    if request.session.get(TOKENS, {}).get(token) != []:
        data = QueryDict(mutable=True)
        data.update(form.data)
        data["token"] = _new_token(request)
        form.data = data
    return form


def _registered_before(request: AuthenticatedRequest) -> HttpResponse | None:
    """Registering again with a used token (a double click, a reloaded page) shows the letters
    registered the first time instead of issuing new ones."""
    token = request.POST.get("token", "")
    pks = request.session.get(TOKENS, {}).get(token) if token else None
    if not pks:
        return None
    numbers = ", ".join(
        UrgingLetter.objects.filter(pk__in=pks).order_by("pk").values_list("document__number", flat=True)
    )
    messages.info(request, _("Văn bản đôn đốc số %s đã được vào sổ; không vào sổ lại.") % numbers)
    return redirect("reminders:letters")


def _select(request: AuthenticatedRequest) -> HttpResponse:
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
    rows = [(t, (today - letters.urged_due(t)).days) for t in tasks[:500]]
    return render(request, "reminders/wizard_select.html", {
        "form": form, "units": units, "rows": rows, "scope": scope, "within": within,
        "unit_id": data.get("unit"), "today": today,
    })


def _render_options(
    request: AuthenticatedRequest, tasks: list[Task], form: LetterOptionsForm, status: int = 200
) -> HttpResponse:
    return render(request, "reminders/wizard_options.html", {"tasks": tasks, "form": form}, status=status)


def _after_options(request: AuthenticatedRequest, step: str, tasks: list[Task]) -> HttpResponseBase:
    form = _with_fresh_token(request, LetterOptionsForm(request.POST)) if step != "register" else (
        LetterOptionsForm(request.POST))
    if not form.is_valid():
        return _render_options(request, tasks, _with_fresh_token(request, form), status=400)
    data = form.cleaned_data
    options = letters.LetterOptions(
        today=timezone.localdate(), new_due=data["new_due"], explanation=data["explanation"],
        signing=data["signing"], signer_name=data["signer_name"].strip(), grouping=data["grouping"],
        number=data["number"].strip(),
    )
    try:
        if step == "register":
            return _register(request, tasks, options, data["token"])
        drafts = letters.urging_letters_draft(by=request.user, tasks=tasks, options=options)
    except ActionForbidden as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _render_options(request, tasks, _with_fresh_token(request, form), status=400)
    if step == "preview" and len(drafts) == 1 and (
            problem := letters.number_problem(drafts[0].committee, options.number, options.today.year)):
        form.add_error("number", problem)
        return _render_options(request, tasks, form, status=400)
    if options.number and len(drafts) == 1:
        drafts[0].letter.number = options.number
    if step in ("docx", "pdf"):
        return _download(request, drafts, step)
    return render(request, "reminders/wizard_preview.html", {"tasks": tasks, "form": form, "drafts": drafts})


def _download(request: AuthenticatedRequest, drafts: list[letters.LetterDraft], kind: str) -> HttpResponseBase:
    files: list[tuple[str, bytes]] = []
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


def _register(
    request: AuthenticatedRequest, tasks: list[Task], options: letters.LetterOptions, token: str
) -> HttpResponse:
    tokens = dict(request.session.get(TOKENS, {}))
    if tokens.get(token) != []:
        letters.urging_letters_draft(by=request.user, tasks=tasks, options=options)  # its errors first
        raise DomainError(_("Trang soạn văn bản đã cũ hoặc đã được dùng; vui lòng bấm “Xem trước văn bản” "
                            "rồi vào sổ lại."))
    registered = letters.urging_letters_register(by=request.user, tasks=tasks, options=options, token=token)
    tokens[token] = [letter.pk for letter in registered]
    request.session[TOKENS] = tokens
    numbers = ", ".join(letter.document.number for letter in registered)
    messages.success(request, _("Đã vào sổ văn bản đôn đốc số %s.") % numbers)
    return redirect("reminders:letters")


def _letters_for(user: User) -> QuerySet[UrgingLetter]:
    qs = UrgingLetter.objects.select_related("document", "created_by").prefetch_related("items__task__lead_unit")
    condition = visible_letters_filter(user)
    return qs if condition is None else qs.filter(condition).distinct()


@login_required
def letter_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "reminders/letter_list.html", {
        "letters": _letters_for(request.user)[:200],
        "may_draft": may_write_urging_letters(request.user),
    })


@login_required
def letter_file(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponseBase:
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
