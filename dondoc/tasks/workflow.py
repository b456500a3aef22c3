"""The task workflow: a table of allowed transitions, and the only writer of ``Task.status``.

assigned → in progress → submitted (chờ xác nhận) → done, or returned (with a
reason; the unit goes on and resubmits). A task may be paused and resumed, or
withdrawn with a reason, until it is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.errors import DomainError
from dondoc.org.access import Action, require

if TYPE_CHECKING:
    from dondoc.org.models import User
    from dondoc.tasks.models import Task


class Status(models.TextChoices):
    ASSIGNED = "assigned", gettext_lazy("Mới giao")
    IN_PROGRESS = "in_progress", gettext_lazy("Đang thực hiện")
    SUBMITTED = "submitted", gettext_lazy("Chờ xác nhận")
    RETURNED = "returned", gettext_lazy("Bị trả lại")
    DONE = "done", gettext_lazy("Đã hoàn thành")
    PAUSED = "paused", gettext_lazy("Tạm dừng")
    WITHDRAWN = "withdrawn", gettext_lazy("Đã thu hồi")


OPEN_STATUSES = frozenset(
    {Status.ASSIGNED, Status.IN_PROGRESS, Status.SUBMITTED, Status.RETURNED, Status.PAUSED}
)


@dataclass(frozen=True)
class Rule:
    action: Action
    needs_reason: bool = False


_START = Rule(Action.START)
_SUBMIT = Rule(Action.SUBMIT)
_PAUSE = Rule(Action.PAUSE, needs_reason=True)
_WITHDRAW = Rule(Action.WITHDRAW, needs_reason=True)
# The assigning side records a completion it learnt of outside dondoc (bringing in
# an office's existing tracker); it must say how it knows.
_RECORD = Rule(Action.RECORD_COMPLETION, needs_reason=True)

TRANSITIONS: dict[str, dict[str, Rule]] = {
    Status.ASSIGNED: {
        Status.IN_PROGRESS: _START,
        Status.SUBMITTED: _SUBMIT,
        Status.DONE: _RECORD,
        Status.PAUSED: _PAUSE,
        Status.WITHDRAWN: _WITHDRAW,
    },
    Status.IN_PROGRESS: {
        Status.SUBMITTED: _SUBMIT,
        Status.DONE: _RECORD,
        Status.PAUSED: _PAUSE,
        Status.WITHDRAWN: _WITHDRAW,
    },
    Status.SUBMITTED: {
        Status.DONE: Rule(Action.CONFIRM),
        Status.RETURNED: Rule(Action.RETURN, needs_reason=True),
        Status.WITHDRAWN: _WITHDRAW,
    },
    Status.RETURNED: {
        Status.IN_PROGRESS: _START,
        Status.SUBMITTED: _SUBMIT,
        Status.DONE: _RECORD,
        Status.PAUSED: _PAUSE,
        Status.WITHDRAWN: _WITHDRAW,
    },
    Status.PAUSED: {
        Status.IN_PROGRESS: Rule(Action.RESUME),
        Status.WITHDRAWN: _WITHDRAW,
    },
    Status.DONE: {},
    Status.WITHDRAWN: {},
}


def allowed_targets(task: Task) -> dict[str, Rule]:
    return TRANSITIONS[task.status]


def transition(
    task: Task,
    to: str,
    *,
    by: User,
    note: str = "",
    changes: dict[str, Any] | None = None,
) -> Task:
    """Move ``task`` to status ``to`` on behalf of ``by``, or raise a DomainError.

    Locks the row, checks the table and the actor's right, applies ``changes``
    (other fields that move with the status), saves, and writes one TaskEvent
    with the before and after values. Returns the fresh row.
    """
    from dondoc.tasks.events import record_event
    from dondoc.tasks.models import Task

    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        rule = TRANSITIONS[locked.status].get(to)
        if rule is None:
            raise DomainError(
                _("Không thể chuyển nhiệm vụ từ trạng thái “%(old)s” sang “%(new)s”.")
                % {"old": locked.get_status_display(), "new": Status(to).label}
            )
        require(by, locked, rule.action)
        if rule.needs_reason and not note.strip():
            raise DomainError(_("Vui lòng nêu lý do."), field="reason")
        changes = dict(changes or {})
        before = {"status": locked.status, **{k: getattr(locked, k) for k in changes}}
        locked.status = to
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.save()
        record_event(
            locked, rule.action.value, by=by, before=before,
            after={"status": to, **changes}, note=note,
        )
    task.refresh_from_db()
    return locked
