"""Document actions: start a reading, keep the clerk's review, register the document.

Each service takes the acting user as ``by``; bad input raises ``DomainError``
with a Vietnamese message (``field`` names the form field) and nothing is
half-saved.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dondoc.documents import importing, spreadsheet
from dondoc.documents.models import (
    Direction,
    Document,
    DocumentFile,
    DocumentKind,
    ExtractionRun,
    ExtractionRunFile,
    RunKind,
    RunStatus,
)
from dondoc.errors import ActionForbidden, DomainError
from dondoc.org.access import acting_unit, may_register_documents
from dondoc.org.models import Role, Unit, User
from dondoc.tasks.models import Task
from dondoc.tasks.services import task_add_note, task_create, task_record_completion
from dondoc.text import fold

ACCEPTED_EXTENSIONS = (".docx", ".pdf", ".txt", ".md", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
MAX_FILES = 10


def _require_registrar(by: User) -> None:
    if not may_register_documents(by):
        raise ActionForbidden(_("Chỉ Văn phòng, lãnh đạo và quản trị hệ thống mới được vào sổ văn bản."))


def _check_upload(upload: File) -> None:
    name = os.path.basename(upload.name or "")
    limit = settings.DONDOC_MAX_UPLOAD_BYTES
    if not upload.size:
        raise DomainError(_("Tệp “%s” rỗng, không có nội dung.") % name, field="files")
    if upload.size > limit:
        raise DomainError(
            _("Tệp “%(name)s” quá lớn (%(size).1f MB); giới hạn là %(limit).1f MB.")
            % {"name": name, "size": upload.size / 1048576, "limit": limit / 1048576},
            field="files",
        )
    if not name.lower().endswith(ACCEPTED_EXTENSIONS):
        raise DomainError(
            _("Không hỗ trợ loại tệp “%s”; chỉ nhận DOCX, PDF (kể cả bản quét), ảnh PNG, JPG, TIF và TXT.")
            % name,
            field="files",
        )


@transaction.atomic
def run_create(*, by: User, files: Sequence[File] = (), text: str = "") -> ExtractionRun:
    """Keep the uploaded files (or the pasted text) and queue them for reading.

    The reading starts in the background once this transaction commits; the
    worker picks up any run a crash left behind.
    """
    from dondoc.documents.jobs import start_in_background

    _require_registrar(by)
    text = (text or "").strip()
    if not files and not text:
        raise DomainError(_("Vui lòng chọn tệp văn bản hoặc dán nội dung văn bản."), field="files")
    if files and text:
        raise DomainError(_("Vui lòng chỉ tải tệp lên hoặc chỉ dán nội dung, không cả hai."), field="text")
    if len(files) > MAX_FILES:
        raise DomainError(_("Mỗi lần chỉ tải lên tối đa %d tệp.") % MAX_FILES, field="files")
    for upload in files:
        _check_upload(upload)
    names = [os.path.basename(f.name or "") for f in files]
    run = ExtractionRun.objects.create(
        created_by=by, filename=", ".join(names)[:255], text=text,
        progress_total=len(files) or 1,
    )
    saved: list[ExtractionRunFile] = []
    try:
        for position, (upload, name) in enumerate(zip(files, names, strict=True)):
            stored = ExtractionRunFile(run=run, name=name, size=upload.size, position=position)
            stored.file.save(name, upload, save=True)
            saved.append(stored)
    except Exception:
        for stored in saved:
            stored.file.delete(save=False)
        raise
    transaction.on_commit(lambda: start_in_background(run.pk))
    return run


@transaction.atomic
def run_save_proposal(*, run: ExtractionRun, by: User, result: dict[str, Any]) -> ExtractionRun:
    """Keep the clerk's edits of the proposal on the server, so a reload loses nothing."""
    if run.created_by_id != by.pk:
        raise ActionForbidden(_("Anh/chị không có quyền sửa lượt đọc văn bản này."))
    if run.status != RunStatus.DONE:
        raise DomainError(_("Văn bản chưa đọc xong hoặc đã được vào sổ."))
    run.result = result
    run.save(update_fields=["result", "updated_at"])
    return run


@dataclass(frozen=True)
class TaskSpec:
    """One proposed directive; several lead units give one task each."""

    text: str
    lead_units: Sequence[Unit]
    support_units: Sequence[Unit] = ()
    due_on: dt.date | None = None
    due_text: str = ""
    recurring: bool = False
    priority: bool = False
    source_span: tuple[int, int] | None = None


def _signer_leader(signer: str, unit: Unit | None) -> User | None:
    """The leader who signed, when a leader of that name works for the registering committee."""
    if not signer.strip():
        return None
    leaders = User.objects.filter(role=Role.LEADER, is_active=True, name_fold=fold(signer))
    if unit is not None:
        leaders = leaders.filter(unit__path__startswith=unit.path)
    return leaders.order_by("pk").first()


def _check_tasks(tasks: Sequence[TaskSpec], text_length: int) -> None:
    for index, spec in enumerate(tasks):
        where = _("Nhiệm vụ %d: ") % (index + 1)
        if not (spec.text or "").strip():
            raise DomainError(where + _("vui lòng nhập nội dung nhiệm vụ."), field=f"tasks.{index}.text")
        if not spec.lead_units:
            raise DomainError(where + _("vui lòng chọn đơn vị chủ trì."), field=f"tasks.{index}.lead_units")
        if spec.source_span is not None:
            start, end = spec.source_span
            if not 0 <= start <= end <= text_length:
                raise DomainError(where + _("vị trí trong văn bản không hợp lệ."), field=f"tasks.{index}.text")


def _file_copies(files: Iterable[File], run: ExtractionRun | None) -> list[tuple[str, File]]:
    copies = [(os.path.basename(f.name or ""), f) for f in files]
    if not copies and run is not None:
        copies = [(stored.name, stored.file) for stored in run.files.all()]
    return copies


@transaction.atomic
def document_register(
    *,
    by: User,
    kind: str,
    number: str = "",
    issuer: str = "",
    place: str = "",
    issued_on: dt.date | None = None,
    subject: str = "",
    signer: str = "",
    signer_title: str = "",
    recipients: Sequence[str] = (),
    references: Sequence[dict[str, Any]] = (),
    text: str = "",
    direction: str = Direction.INCOMING,
    tasks: Sequence[TaskSpec] = (),
    files: Sequence[File] = (),
    run: ExtractionRun | None = None,
) -> Document:
    """Register a document with copies of its files and create all its tasks, in one transaction.

    Each task goes through ``tasks.services.task_create`` (assigned by the
    registering person's committee; ``assigned_by`` is the signer when a leader
    of that name exists). A directive to several lead units becomes one task per
    lead unit sharing the source span. With ``run``, the reading is marked
    confirmed and, when no ``files`` are given, the run's files are copied.
    """
    _require_registrar(by)
    if kind not in DocumentKind.values:
        raise DomainError(_("Vui lòng chọn loại văn bản."), field="kind")
    if direction not in Direction.values:
        raise DomainError(_("Chiều văn bản không hợp lệ."), field="direction")
    if run is not None:
        run = ExtractionRun.objects.select_for_update().get(pk=run.pk)
        if run.created_by_id != by.pk:
            raise ActionForbidden(_("Anh/chị không có quyền vào sổ lượt đọc văn bản này."))
        if run.status == RunStatus.CONFIRMED:
            raise DomainError(_("Văn bản này đã được vào sổ."))
        if run.status != RunStatus.DONE:
            raise DomainError(_("Văn bản chưa đọc xong."))
    _check_tasks(tasks, len(text))
    unit = acting_unit(by)
    stored: list[DocumentFile] = []
    try:
        document = Document.objects.create(
            kind=kind, direction=direction, number=number.strip(), issuer=issuer.strip(),
            place=place.strip(), issued_on=issued_on, subject=subject.strip(), signer=signer.strip(),
            signer_title=signer_title.strip(), recipients=[r.strip() for r in recipients if r.strip()],
            references=list(references), text=text, unit=unit, created_by=by,
        )
        for name, source in _file_copies(files, run):
            copy = DocumentFile(document=document, name=name, size=source.size or 0)
            with source.open("rb") as handle:
                copy.file.save(name, ContentFile(handle.read()), save=True)
            stored.append(copy)
        _create_tasks(document, tasks, by=by, assigned_by=_signer_leader(signer, unit))
        if run is not None:
            run.status = RunStatus.CONFIRMED
            run.document = document
            run.save(update_fields=["status", "document", "updated_at"])
            transaction.on_commit(lambda: _drop_run_files(run.pk))
    except Exception:
        for copy in stored:
            copy.file.delete(save=False)
        raise
    return document


def _create_tasks(document: Document, tasks: Sequence[TaskSpec], *, by: User, assigned_by: User | None) -> list[Task]:
    created = []
    for index, spec in enumerate(tasks):
        leads = list({u.pk: u for u in spec.lead_units}.values())
        for lead in leads:
            support = [u for u in {u.pk: u for u in spec.support_units}.values() if u.pk != lead.pk]
            try:
                created.append(task_create(
                    by=by, text=spec.text, lead_unit=lead, support_units=support,
                    due_on=spec.due_on, due_text=spec.due_text[:255], recurring=spec.recurring,
                    priority=spec.priority, document=document, assigned_by=assigned_by,
                    source_span=spec.source_span,
                ))
            except DomainError as exc:
                field: str | None = exc.field
                if exc.field and not exc.field.startswith("tasks."):
                    field = f"tasks.{index}.{exc.field}"
                raise type(exc)(_("Nhiệm vụ %d: ") % (index + 1) + exc.message, field=field) from exc
    return created


def _drop_run_files(run_id: int) -> None:
    """The document keeps its own copies; the reading's uploads are no longer needed."""
    for stored in ExtractionRunFile.objects.filter(run_id=run_id):
        stored.file.delete(save=False)
        stored.delete()


# -- importing a task tracker (Excel) -------------------------------------------------------------

@transaction.atomic
def import_run_create(*, by: User, upload: File) -> ExtractionRun:
    """Check an uploaded .xlsx tracker and queue it for reading in the background.

    The type, the size, the archive and the header row are checked here, so a
    wrong, corrupt or password-protected file is refused at once and nothing is kept.
    """
    from dondoc.documents.jobs import start_in_background

    _require_registrar(by)
    if upload is None:
        raise DomainError(_("Vui lòng chọn tệp Excel (.xlsx)."), field="file")
    name = os.path.basename(upload.name or "")
    limit = settings.DONDOC_MAX_UPLOAD_BYTES
    if (upload.size or 0) > limit:
        raise DomainError(
            _("Tệp “%(name)s” quá lớn (%(size).1f MB); giới hạn là %(limit).1f MB.")
            % {"name": name, "size": upload.size / 1048576, "limit": limit / 1048576},
            field="file",
        )
    upload.seek(0)
    data = upload.read()
    try:
        spreadsheet.check_file(data, name, max_bytes=limit)
        sheet = spreadsheet.inspect(data, name)
    except spreadsheet.SpreadsheetError as exc:
        raise DomainError(str(exc), field="file") from exc
    run = ExtractionRun.objects.create(
        created_by=by, kind=RunKind.SPREADSHEET, filename=name[:255], progress_total=max(sheet.total, 1),
    )
    stored = ExtractionRunFile(run=run, name=name, size=len(data))
    stored.file.save(name, ContentFile(data), save=True)
    transaction.on_commit(lambda: start_in_background(run.pk))
    return run


def _locked_import(run: ExtractionRun, by: User, *, confirming: bool = False) -> ExtractionRun:
    run = ExtractionRun.objects.select_for_update().get(pk=run.pk)
    if run.created_by_id != by.pk or run.kind != RunKind.SPREADSHEET:
        raise ActionForbidden(_("Anh/chị không có quyền sửa lượt nhập này."))
    if run.status == RunStatus.CONFIRMED:
        raise DomainError(_("Bảng này đã được nhập xong."))
    if (run.result or {}).get("confirming") and not confirming:
        raise DomainError(_("Bảng đang được nhập; vui lòng chờ."))
    if run.status != RunStatus.DONE and not (confirming and run.status == RunStatus.RUNNING):
        raise DomainError(_("Bảng chưa đọc xong."))
    return run


def _sheet(run: ExtractionRun) -> dict[str, Any]:
    """What reading the sheet found; every run past ``_locked_import`` has been read."""
    if run.result is None:
        raise DomainError(_("Bảng chưa đọc xong."))
    return run.result


def _check_importable(run: ExtractionRun) -> list[dict[str, Any]]:
    rows = [row for row in _sheet(run)["rows"] if not row.get("dropped")]
    if not rows:
        raise DomainError(_("Không còn dòng nào để nhập."))
    problems = [importing.describe(row, p) for row in rows for p in importing.row_problems(row)]
    if problems:
        raise DomainError(
            _("Còn %(count)d vấn đề cần sửa (hoặc bỏ dòng) trước khi nhập; đầu tiên là “%(first)s”.")
            % {"count": len(problems), "first": problems[0]}
        )
    return rows


@transaction.atomic
def import_request_confirm(*, run: ExtractionRun, by: User) -> ExtractionRun:
    """Queue the confirmation of a checked sheet: ``import_confirm`` runs in the background
    (a thread once this commits, else the worker), since thousands of tasks take minutes."""
    from dondoc.documents.jobs import start_in_background

    _require_registrar(by)
    run = _locked_import(run, by)
    rows = _check_importable(run)
    result = {k: v for k, v in _sheet(run).items() if k != "confirm_error"}
    run.result = {**result, "confirming": True}
    run.status = RunStatus.PENDING
    run.attempts = 0
    run.progress_done, run.progress_total = 0, len(rows)
    run.error = ""
    run.save()
    transaction.on_commit(lambda: start_in_background(run.pk))
    return run


def _row_of(run: ExtractionRun, number: int) -> dict[str, Any]:
    for row in _sheet(run)["rows"]:
        if row["row"] == number:
            return row
    raise DomainError(_("Không tìm thấy dòng %d trong bảng.") % number)


@transaction.atomic
def import_rows_drop(*, run: ExtractionRun, by: User, rows: Sequence[int], dropped: bool = True) -> ExtractionRun:
    """Leave rows out of the import (or take them back)."""
    run = _locked_import(run, by)
    for number in rows:
        _row_of(run, number)["dropped"] = dropped
    run.save(update_fields=["result", "updated_at"])
    return run


@transaction.atomic
def import_row_update(
    *, run: ExtractionRun, by: User, row: int, text: str, lead_units: Sequence[Unit],
    support_units: Sequence[Unit] = (), due_on: dt.date | None = None, due_text: str = "",
    recurring: bool = False, priority: bool = False, doc_number: str = "", doc_subject: str = "",
    issued_on: dt.date | None = None, done: bool = False, completed_on: dt.date | None = None,
) -> dict[str, Any]:
    """The clerk's fix of one row: the units chosen replace the names written in the sheet
    (current units of the clerk's own committee only)."""
    run = _locked_import(run, by)
    _check_assignable(by, lead_units, field="lead_units")
    _check_assignable(by, support_units, field="support_units")
    found = _row_of(run, row)
    lead_ids = list(dict.fromkeys(u.pk for u in lead_units))
    found.update({
        "text": (text or "").strip(),
        "lead_ids": lead_ids,
        "support_ids": [pk for pk in dict.fromkeys(u.pk for u in support_units) if pk not in lead_ids],
        "due": due_on.isoformat() if due_on else None,
        "due_input": f"{due_on:%d/%m/%Y}" if due_on else "",
        "due_text": (due_text or "").strip()[:255],
        "due_error": "",
        "recurring": recurring,
        "priority": priority,
        "doc_number": (doc_number or "").strip()[:64],
        "doc_subject": (doc_subject or "").strip(),
        "issued_on": issued_on.isoformat() if issued_on else None,
        "issued_error": "",
        "done": done,
        "completed_on": completed_on.isoformat() if done and completed_on else None,
        "checked": True,
        "dropped": False,
    })
    if doc_number.strip():
        found["doc_text"] = found.get("doc_text") or doc_number.strip()
    found["problems"] = importing.row_problems(found)
    run.save(update_fields=["result", "updated_at"])
    return found


def _check_assignable(by: User, units: Sequence[Unit], *, field: str) -> None:
    own = acting_unit(by)
    committee = own.acts_for() if own is not None else None
    for unit in units:
        if committee is None or not unit.is_current or not unit.is_within(committee):
            raise DomainError(
                _("Đơn vị “%s” không thuộc phạm vi anh/chị được giao nhiệm vụ.") % unit.name, field=field
            )


def _existing_documents(by: User, keys: set[str]) -> dict[str, Document]:
    """Documents already registered (and visible to the clerk) whose number a row cites."""
    if not keys:
        return {}
    found: dict[str, Document] = {}
    for document in Document.objects.visible_to(by).exclude(number="").order_by("-id"):
        key = importing.document_key({"doc_number": document.number})
        if key in keys:
            found[key] = document
    return found


def _leader_named(written: str, leaders: Sequence[User]) -> User | None:
    key = fold(written)
    if not key:
        return None
    named = [leader for leader in leaders if leader.name_fold and leader.name_fold in key]
    return named[0] if len(named) == 1 else None


@transaction.atomic
def import_confirm(*, run: ExtractionRun, by: User) -> dict[str, int]:
    """Create the documents and tasks of every kept row, all in one transaction.

    Rows citing the same document go under one ``Document`` (an already registered
    one with that number, else a new one). Each lead unit of a row gets its task
    through ``task_create``; a row's note is added with ``task_add_note``; a row
    done in the sheet is recorded done on its completion date with
    ``task_record_completion`` (the assigning side's record; nobody is made the
    assignee). Any problem left, or any failure, and nothing is created.
    """
    _require_registrar(by)
    run = _locked_import(run, by, confirming=True)
    rows = _check_importable(run)
    unit_ids = {pk for row in rows for pk in [*row["lead_ids"], *row["support_ids"]]}
    units = Unit.objects.select_related("successor").in_bulk(unit_ids)
    committee = acting_unit(by)
    leaders = list(User.objects.filter(role=Role.LEADER, is_active=True, unit__path__startswith=committee.path)) \
        if committee is not None else []
    groups = importing.document_groups(rows)
    documents = _existing_documents(by, set(groups))
    matched = len(documents)
    for key, group in groups.items():
        if key in documents:
            continue
        documents[key] = document_register(
            by=by, kind=importing.guess_kind(group["number"], group["text"]), number=group["number"],
            issued_on=dt.date.fromisoformat(group["issued_on"]) if group["issued_on"] else None,
            subject=group["subject"] or group["text"],
        )
    created = done = 0
    for row in rows:
        try:
            created_here, done_here = _import_row(row, by=by, units=units, leaders=leaders,
                                                  document=documents.get(importing.document_key(row)),
                                                  filename=run.filename)
        except DomainError as exc:
            raise type(exc)(importing.describe(row, exc.message), field=exc.field) from exc
        except Unit.DoesNotExist:
            raise DomainError(importing.describe(row, _("đơn vị đã chọn không còn trong hệ thống"))) from None
        created += created_here
        done += done_here
    summary = {"tasks": created, "done": done, "rows": len(rows),
               "documents_new": len(groups) - matched, "documents_matched": matched}
    run.status = RunStatus.CONFIRMED
    result = {k: v for k, v in _sheet(run).items() if k not in ("confirming", "confirm_error")}
    run.result = {**result, "created": {**summary, "document_ids": [d.pk for d in documents.values()]}}
    run.document = next(iter(documents.values()), None)
    run.progress_done = run.progress_total = len(rows)
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "result", "document", "progress_done", "progress_total", "finished_at",
                            "updated_at"])
    transaction.on_commit(lambda: _drop_run_files(run.pk))
    return summary


def _import_row(row: dict[str, Any], *, by: User, units: dict[int, Unit], leaders: Sequence[User],
                document: Document | None, filename: str) -> tuple[int, int]:
    def unit(pk: int) -> Unit:
        if pk not in units:
            raise Unit.DoesNotExist
        return units[pk]

    completed_on = dt.date.fromisoformat(row["completed_on"]) if row.get("done") else None
    due_on = dt.date.fromisoformat(row["due"]) if row.get("due") else None
    leader = _leader_named(row.get("leader") or "", leaders)
    created = done = 0
    for lead_id in row["lead_ids"]:
        task = task_create(
            by=by, text=row["text"], lead_unit=unit(lead_id),
            support_units=[unit(pk) for pk in row["support_ids"] if pk != lead_id],
            due_on=due_on, due_text=(row.get("due_text") or "")[:255], recurring=bool(row.get("recurring")),
            priority=bool(row.get("priority")), document=document, assigned_by=leader,
        )
        if row.get("note"):
            task_add_note(task=task, by=by, text=_("Ghi chú trong bảng theo dõi: %s") % row["note"])
        if completed_on is not None:
            # The assigning side records what its own tracker says; nobody in the unit is made to submit.
            note = _("Ghi nhận hoàn thành theo bảng theo dõi “%(file)s”, dòng %(row)d.") % {
                "file": filename, "row": row["row"]}
            task_record_completion(task=task, by=by, completed_on=completed_on, note=note)
            done += 1
        created += 1
    return created, done
