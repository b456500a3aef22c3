"""Who is told about what happens to a task.

``on_task_event`` is called for every TaskEvent: it tells the people who must
act next (the assigning side when a result or an extension request comes in,
the lead unit when a task arrives, is returned or its request is answered).
The actor is never notified of their own action.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, overload

from django.db.models import Q
from django.utils.translation import gettext as _

from dondoc.org.models import Role, User
from dondoc.reminders.models import Notification

if TYPE_CHECKING:
    from dondoc.tasks.models import Task, TaskEvent


def assigning_side(task: Task) -> Iterable[User]:
    unit = task.assigning_unit
    return User.objects.filter(is_active=True).filter(
        Q(unit=unit, role__in=[Role.LEADER, Role.HEAD, Role.TRACKER])
        | Q(unit__parent=unit, unit__kind="office", role=Role.TRACKER)
    )


def lead_side(task: Task) -> Iterable[User]:
    people = User.objects.filter(is_active=True, unit=task.lead_unit, role=Role.HEAD)
    if task.assignee_id:
        people = people | User.objects.filter(pk=task.assignee_id)
    return people.distinct()


_MESSAGES: dict[str, tuple[str, str]] = {
    "created": ("lead", "Đơn vị được giao nhiệm vụ mới: %(task)s"),
    "submit": ("assigner", "%(unit)s báo cáo hoàn thành, chờ xác nhận: %(task)s"),
    "confirm": ("lead", "Nhiệm vụ đã được xác nhận hoàn thành: %(task)s"),
    "return": ("lead", "Kết quả bị trả lại, đề nghị thực hiện tiếp: %(task)s"),
    "extension_requested": ("assigner", "%(unit)s đề nghị gia hạn: %(task)s"),
    "extension_approved": ("lead", "Đề nghị gia hạn được đồng ý: %(task)s"),
    "extension_refused": ("lead", "Đề nghị gia hạn không được đồng ý: %(task)s"),
    "due_changed": ("lead", "Thời hạn nhiệm vụ được điều chỉnh: %(task)s"),
    "withdraw": ("lead", "Nhiệm vụ đã được thu hồi: %(task)s"),
    "succession": ("lead", "Đơn vị tiếp nhận nhiệm vụ từ đơn vị cũ: %(task)s"),
    "urged": ("lead", "Nhiệm vụ được đôn đốc bằng văn bản: %(task)s"),
}


def notify(recipients: Iterable[User], *, message: str, kind: str, task: Task | None = None) -> int:
    rows = [Notification(recipient=u, task=task, kind=kind, message=message) for u in recipients]
    Notification.objects.bulk_create(rows)
    return len(rows)


def on_task_event(event: TaskEvent) -> None:
    rule = _MESSAGES.get(event.kind)
    if rule is None:
        return
    side, template = rule
    task = event.task
    people = assigning_side(task) if side == "assigner" else lead_side(task)
    recipients = [p for p in people if p.pk != event.actor_id]
    message = _(template) % {"task": task.short_text, "unit": task.lead_unit.name}
    notify(recipients, message=message, kind=event.kind, task=task)


@overload
def notification_mark_read(*, by: User, pk: int) -> Notification: ...
@overload
def notification_mark_read(*, by: User, pk: None = None) -> None: ...
def notification_mark_read(*, by: User, pk: int | None = None) -> Notification | None:
    """Mark one of ``by``'s notifications read (all of them when ``pk`` is None).

    Only the person's own rows are touched; another person's notification is
    not found (``Notification.DoesNotExist``).
    """
    from django.utils import timezone

    mine = Notification.objects.for_user(by)
    if pk is None:
        mine.unread().update(read_at=timezone.now())
        return None
    note = mine.get(pk=pk)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    return note
