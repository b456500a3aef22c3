"""The task's timeline: every change is kept as a TaskEvent (who, when, before, after)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import Model

if TYPE_CHECKING:
    from dondoc.org.models import User
    from dondoc.tasks.models import Task, TaskEvent


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value, readable on the timeline."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Model):
        return {"id": value.pk, "label": str(value)}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def record_event(
    task: Task,
    kind: str,
    *,
    by: User | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> TaskEvent:
    from dondoc.reminders.notifications import on_task_event
    from dondoc.tasks.models import TaskEvent

    event = TaskEvent.objects.create(
        task=task,
        kind=kind,
        actor=by,
        before={k: _plain(v) for k, v in (before or {}).items()},
        after={k: _plain(v) for k, v in (after or {}).items()},
        note=note,
    )
    on_task_event(event)
    return event


def events_seen_by(task: Task, user: User) -> list[TaskEvent]:
    """The task's timeline as ``user`` may read it.

    A hand-down (giao tiếp) to a sub-unit or person the viewer may not see is
    named only as internal work of the lead unit.
    """
    from django.utils.translation import gettext as _

    from dondoc.tasks.models import EventKind, Task

    events = list(task.events.select_related("actor"))
    delegations = [e for e in events if e.kind == EventKind.DELEGATED and "child" in (e.after or {})]
    if delegations:
        visible = set(Task.objects.visible_to(user).filter(parent=task).values_list("pk", flat=True))
        for event in delegations:
            child = event.after["child"]
            if not (isinstance(child, dict) and child.get("id") in visible):
                shown = {k: v for k, v in event.after.items() if k not in ("child", "assignee")}
                event.after = {**shown, "child": _("Nhiệm vụ nội bộ của đơn vị chủ trì")}
    return events
