"""Exports over a large scope run in the background: the page records an ``ExportJob`` and
the worker calls ``process_pending_exports()``; the person comes back to the job page."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dondoc.org.models import Unit, User
from dondoc.reports.exports import build_export
from dondoc.reports.models import ExportJob, ExportStatus
from dondoc.reports.queries import Period, Scope

log = logging.getLogger(__name__)

#: Exports whose scope holds more tasks than this go to the background.
SYNC_TASK_LIMIT = 3000


def scope_params(period: Period, scope: Scope) -> dict[str, Any]:
    return {
        "from": period.start.isoformat(), "to": period.end.isoformat(),
        "root": scope.root.pk if scope.root else None, "unit": scope.unit.pk if scope.unit else None,
        "assigned_by": scope.assigned_by_id, "document": scope.document_id,
        "priority": scope.priority_only, "rollup": scope.rollup,
    }


def scope_from_params(params: dict[str, Any]) -> tuple[Period, Scope]:
    units = Unit.objects.in_bulk([pk for pk in (params.get("root"), params.get("unit")) if pk])
    period = Period.of(dt.date.fromisoformat(params["from"]), dt.date.fromisoformat(params["to"]))
    scope = Scope(
        root=units.get(params.get("root")), unit=units.get(params.get("unit")),
        assigned_by_id=params.get("assigned_by"), document_id=params.get("document"),
        priority_only=bool(params.get("priority")), rollup=bool(params.get("rollup")),
    )
    return period, scope


def export_job_create(*, by: User, kind: str, period: Period, scope: Scope) -> ExportJob:
    """Queue an export; permission to see the scope was checked by the caller (the view)."""
    return ExportJob.objects.create(created_by=by, kind=kind, params=scope_params(period, scope))


def _claim_next() -> ExportJob | None:
    with transaction.atomic():
        job = (
            ExportJob.objects.select_for_update(skip_locked=True)
            .filter(status=ExportStatus.PENDING).order_by("created_at", "pk").first()
        )
        if job is None:
            return None
        job.status = ExportStatus.RUNNING
        job.save(update_fields=["status"])
        return job


def run_export_job(job: ExportJob) -> None:
    def progress(value: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(progress=min(99, value))

    try:
        period, scope = scope_from_params(job.params)
        name, _type, content = build_export(job.kind, period, scope, progress=progress)
    except Exception as error:  # a broken export is reported on its page, the worker goes on
        log.exception("export job %s failed", job.pk)
        job.status, job.error = ExportStatus.FAILED, str(error)
    else:
        job.file.save(name, ContentFile(content), save=False)
        job.filename, job.status, job.progress = name, ExportStatus.DONE, 100
    job.finished_at = timezone.now()
    job.save()


def process_pending_exports(limit: int | None = None) -> int:
    """Make the pending exports, oldest first; returns how many were processed. Safe to run
    from several workers: each job is claimed once (row lock, skip locked)."""
    done = 0
    while limit is None or done < limit:
        job = _claim_next()
        if job is None:
            break
        run_export_job(job)
        done += 1
    return done
