"""Reading uploaded documents outside the request.

A run is read by a thread started when the upload commits, and — should the
web process die before it finishes — by the worker (``dondoc worker`` calls
``process_pending_runs()`` on every loop). Each reading claims its run with one
conditional UPDATE, so the thread and the worker never read the same run twice
at once; a running run whose progress has not moved for ``STALE_AFTER`` is
taken to be orphaned and read again, at most ``MAX_ATTEMPTS`` times.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dondoc.documents.extraction import ExtractionError, parse, read_upload
from dondoc.documents.importing import read_sheet
from dondoc.documents.models import ExtractionRun, RunKind, RunStatus
from dondoc.documents.resolution import UnitResolver
from dondoc.documents.spreadsheet import SpreadsheetError
from dondoc.errors import DomainError
from dondoc.org.access import acting_unit

log = logging.getLogger(__name__)

STALE_AFTER = dt.timedelta(minutes=2)
MAX_ATTEMPTS = 3
BATCH = 20


def _claimable() -> Q:
    stale = timezone.now() - STALE_AFTER
    return Q(status=RunStatus.PENDING) | Q(status=RunStatus.RUNNING, updated_at__lt=stale)


def process_pending_runs() -> int:
    """Read the runs left pending or orphaned; returns how many this call read."""
    ids = list(
        ExtractionRun.objects.filter(_claimable()).order_by("created_at").values_list("pk", flat=True)[:BATCH]
    )
    return sum(1 for pk in ids if process_run(pk))


def start_in_background(run_id: int) -> None:
    """Read the run in a daemon thread (called from ``transaction.on_commit``).

    ``DONDOC_EXTRACT_INLINE`` reads it at once instead, as does an in-memory
    SQLite database (browser tests), which a second thread cannot see.
    """
    name = str(connection.settings_dict.get("NAME") or "")
    in_memory = connection.vendor == "sqlite" and (name == ":memory:" or "mode=memory" in name)
    if getattr(settings, "DONDOC_EXTRACT_INLINE", False) or in_memory:
        process_run(run_id)
        return
    threading.Thread(target=_read_in_thread, args=(run_id,), name=f"extract-{run_id}", daemon=True).start()


def _read_in_thread(run_id: int) -> None:
    close_old_connections()
    try:
        process_run(run_id)
    except Exception:  # the worker will pick the run up again
        log.exception("Reading extraction run %s failed", run_id)
    finally:
        connection.close()


def _claim(run_id: int) -> bool:
    return bool(
        ExtractionRun.objects.filter(_claimable(), pk=run_id).update(
            status=RunStatus.RUNNING, attempts=F("attempts") + 1, updated_at=timezone.now()
        )
    )


def process_run(run_id: int) -> bool:
    """Claim and read one run; False when someone else has it or it is finished."""
    if not _claim(run_id):
        return False
    run = ExtractionRun.objects.select_related("created_by__unit__parent").get(pk=run_id)
    if run.kind == RunKind.SPREADSHEET and (run.result or {}).get("confirming"):
        _confirm_import(run)
        return True
    if run.attempts > MAX_ATTEMPTS:
        _fail(run, _("Đã thử đọc văn bản nhiều lần nhưng không thành công. Vui lòng tải lên lại."))
        return True
    try:
        if run.kind == RunKind.SPREADSHEET:
            result = _read_spreadsheet(run)
        else:
            result = _propose(run, parse(_read_text(run)))
    except (ExtractionError, SpreadsheetError) as exc:
        _fail(run, str(exc))
        return True
    except Exception:
        log.exception("Unexpected failure reading extraction run %s", run_id)
        _fail(run, _("Có lỗi không mong muốn khi đọc văn bản. Vui lòng thử lại hoặc dán nội dung văn bản."))
        return True
    ExtractionRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE, text=result.pop("text"), result=result, error="",
        progress_done=F("progress_total"), finished_at=timezone.now(), updated_at=timezone.now(),
    )
    return True


def _confirm_import(run: ExtractionRun) -> None:
    """Create the documents and tasks of a checked sheet (one transaction); a refusal or a
    failure sends the clerk back to the review with the reason, and nothing is created."""
    from dondoc.documents.services import import_confirm

    if run.attempts > MAX_ATTEMPTS:
        message = _("Đã thử nhập nhiều lần nhưng không thành công. Vui lòng thử lại.")
    else:
        try:
            import_confirm(run=run, by=run.created_by)
            return
        except DomainError as exc:
            message = exc.message
        except Exception:
            log.exception("Unexpected failure confirming import run %s", run.pk)
            message = _("Có lỗi không mong muốn khi nhập nhiệm vụ; không có gì được lưu. Vui lòng thử lại.")
    result = {k: v for k, v in (run.result or {}).items() if k != "confirming"}
    # A second claimer of a long confirmation waits for the first and must not undo its result.
    ExtractionRun.objects.filter(pk=run.pk).exclude(status=RunStatus.CONFIRMED).update(
        status=RunStatus.DONE, result={**result, "confirm_error": message}, updated_at=timezone.now()
    )


def _fail(run: ExtractionRun, message: str) -> None:
    ExtractionRun.objects.filter(pk=run.pk).update(
        status=RunStatus.FAILED, error=message, finished_at=timezone.now(), updated_at=timezone.now()
    )
    # Nothing half-made is kept: the uploaded copies of a failed reading go.
    for stored in run.files.all():
        stored.file.delete(save=False)
    run.files.all().delete()


def _progress(run: ExtractionRun, done: int, total: int) -> None:
    ExtractionRun.objects.filter(pk=run.pk).update(
        progress_done=done, progress_total=max(total, done), updated_at=timezone.now()
    )


def _read_text(run: ExtractionRun) -> str:
    files = list(run.files.all())
    if not files:
        _progress(run, 0, 1)
        return run.text
    texts: list[str] = []
    pages_before = 0
    for index, stored in enumerate(files):
        remaining = len(files) - index - 1
        seen = {"total": 1}

        def on_page(done: int, total: int, *, _before: int = pages_before, _rest: int = remaining,
                    _seen: dict[str, int] = seen) -> None:
            _seen["total"] = max(total, 1)
            _progress(run, _before + done, _before + total + _rest)

        _progress(run, pages_before, pages_before + 1 + remaining)
        with stored.file.open("rb") as handle:
            data = handle.read()
        texts.append(read_upload(data, stored.name, on_page=on_page))
        pages_before += seen["total"]
    _progress(run, pages_before, pages_before)
    return "\n\n".join(text.strip("\n") for text in texts)


def _read_spreadsheet(run: ExtractionRun) -> dict[str, Any]:
    """The rows of an uploaded task tracker as proposed tasks; progress counts rows."""
    stored = run.files.first()
    if stored is None:
        raise SpreadsheetError(_("Không còn tệp bảng tính của lượt nhập này. Vui lòng tải lên lại."))
    with stored.file.open("rb") as handle:
        data = handle.read()
    resolver = UnitResolver(assigning_unit=acting_unit(run.created_by), own_units_only=True)
    return read_sheet(data, stored.name, resolver=resolver,
                      on_rows=lambda done, total: _progress(run, done, total))


def _propose(run: ExtractionRun, parsed: dict[str, Any]) -> dict[str, Any]:
    """The parser's proposal with every unit name resolved, ready for the review form."""
    document = parsed["document"]
    resolver = UnitResolver(assigning_unit=acting_unit(run.created_by), issuer=document.get("issuer"),
                            own_units_only=True)
    tasks = []
    for task in parsed["tasks"]:
        lead = [m.as_json() for m in resolver.resolve(task.get("lead") or [])]
        support = [m.as_json() for m in resolver.resolve(task.get("support") or [])]
        lead_ids = _unique(u["id"] for m in lead for u in m["units"])
        support_ids = [pk for pk in _unique(u["id"] for m in support for u in m["units"]) if pk not in lead_ids]
        tasks.append({
            "text": task.get("text") or "",
            "start": task.get("start"),
            "end": task.get("end"),
            "lead": lead,
            "support": support,
            "lead_ids": lead_ids,
            "support_ids": support_ids,
            "due": task.get("due"),
            "due_text": task.get("due_text") or "",
            "recurring": bool(task.get("recurring")),
            "priority": False,
        })
    return {"text": parsed["text"], "document": document, "tasks": tasks}


def _unique(values: Iterable[int]) -> list[int]:
    seen: list[int] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen
