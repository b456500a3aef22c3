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
from django.utils.translation import gettext as _

from dondoc.documents.models import (
    Direction,
    Document,
    DocumentFile,
    DocumentKind,
    ExtractionRun,
    ExtractionRunFile,
    RunStatus,
)
from dondoc.errors import ActionForbidden, DomainError
from dondoc.org.access import acting_unit, may_register_documents
from dondoc.org.models import Role, Unit, User
from dondoc.tasks.models import Task
from dondoc.tasks.services import task_create
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
                if exc.field and not exc.field.startswith("tasks."):
                    field = f"tasks.{index}.{exc.field}"
                else:
                    field = exc.field
                raise type(exc)(_("Nhiệm vụ %d: ") % (index + 1) + exc.message, field=field) from exc
    return created


def _drop_run_files(run_id: int) -> None:
    """The document keeps its own copies; the reading's uploads are no longer needed."""
    for stored in ExtractionRunFile.objects.filter(run_id=run_id):
        stored.file.delete(save=False)
        stored.delete()
