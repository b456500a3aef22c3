"""Template helpers: timeliness badges, dd/mm/yyyy dates, readable timeline changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from dondoc.reminders.models import Notification
from dondoc.tasks.timeliness import Timeliness, days_overdue
from dondoc.tasks.workflow import Status

register = template.Library()

_FIELD_LABELS = {
    "status": "Trạng thái",
    "due_on": "Thời hạn",
    "proposed_due": "Thời hạn đề nghị",
    "completed_on": "Ngày hoàn thành",
    "lead_unit": "Đơn vị chủ trì",
    "support_units": "Đơn vị phối hợp",
    "assignee": "Người thực hiện",
    "assigned_by": "Lãnh đạo giao",
    "parent": "Nhiệm vụ cấp trên",
    "child": "Nhiệm vụ giao tiếp",
    "percent": "Tỷ lệ hoàn thành",
    "text": "Nội dung",
    "priority": "Nhiệm vụ trọng tâm",
    "recurring": "Nhiệm vụ thường xuyên",
    "due_text": "Thời hạn theo văn bản",
}
# Internal references that mean nothing to a reader.
_HIDDEN_FIELDS = {"report", "submission"}


def _timeliness_of(task: Any) -> Timeliness:
    value = getattr(task, "timeliness", None)
    return Timeliness(value) if value else task.current_timeliness


@register.simple_tag
def timeliness_badge(task: Any) -> str:
    cls = _timeliness_of(task)
    return format_html('<span class="badge t-{}">{}</span>', cls.value, cls.label)


@register.simple_tag
def status_badge(task: Any) -> str:
    return format_html('<span class="status s-{}">{}</span>', task.status, task.get_status_display())


@register.filter
def overdue_days(task: Any) -> int:
    return days_overdue(due_on=task.due_on, completed_on=task.completed_on, today=timezone.localdate())


@register.simple_tag
def unread_notification_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.for_user(user).unread().count()


def _readable(field: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, dict):
        return str(value.get("label", value.get("id", "")))
    if isinstance(value, list):
        return ", ".join(_readable(field, v) for v in value)
    if field == "status":
        try:
            return str(Status(value).label)
        except ValueError:
            return str(value)
    if field == "percent":
        return f"{value}%"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return str(value)


@register.filter
def event_changes(event: Any) -> list[dict[str, Any]]:
    """The fields an event touched, each as label, before and after, in Vietnamese."""
    before, after = event.before or {}, event.after or {}
    rows: list[dict[str, Any]] = []
    for field in [*after, *(k for k in before if k not in after)]:
        if field in _HIDDEN_FIELDS:
            continue
        rows.append({
            "label": _(_FIELD_LABELS.get(field, field)),
            "before": _readable(field, before[field]) if field in before else "",
            "after": _readable(field, after.get(field)),
            "has_before": field in before,
        })
    return rows

