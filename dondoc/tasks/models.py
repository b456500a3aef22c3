"""Tasks, their timeline, progress reports, submissions, extension requests and attachments."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dondoc.org.access import filter_visible
from dondoc.tasks.timeliness import Timeliness, classify, timeliness_expression, timeliness_filter
from dondoc.tasks.workflow import OPEN_STATUSES, Status
from dondoc.text import fold

if TYPE_CHECKING:
    from dondoc.org.models import User


class TaskQuerySet(models.QuerySet["Task"]):
    def visible_to(self, user: User) -> TaskQuerySet:
        return filter_visible(self, user)

    def with_related(self) -> TaskQuerySet:
        return self.select_related(
            "lead_unit", "assigning_unit", "assigned_by", "assignee", "document", "parent"
        ).prefetch_related("support_units")

    def open(self) -> TaskQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def with_timeliness(self, today: dt.date | None = None) -> TaskQuerySet:
        return self.annotate(timeliness=timeliness_expression(today or timezone.localdate()))

    def in_class(self, cls: str, today: dt.date | None = None) -> TaskQuerySet:
        return self.filter(timeliness_filter(cls, today or timezone.localdate()))

    def overdue(self, on: dt.date | None = None) -> TaskQuerySet:
        return self.in_class(Timeliness.OVERDUE, on)

    def search(self, query: str) -> TaskQuerySet:
        qs = self
        for word in fold(query).split():
            qs = qs.filter(search_fold__contains=word)
        return qs


class Task(models.Model):
    """One directive to one lead unit.

    A directive to several units becomes one task per lead unit sharing the
    source document. ``original_due_on`` keeps the first deadline; ``due_on``
    is the one in force (moved by approved extensions and recorded changes).
    """

    document = models.ForeignKey(
        "documents.Document", verbose_name=_("văn bản giao"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="tasks",
    )
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(_("nội dung nhiệm vụ"))
    assigning_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị giao"), on_delete=models.PROTECT,
        related_name="assigned_tasks",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lãnh đạo giao"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="tasks_assigned",
    )
    lead_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    support_units = models.ManyToManyField(
        "org.Unit", verbose_name=_("đơn vị phối hợp"), blank=True, related_name="supported_tasks"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="tasks_to_do",
    )
    due_on = models.DateField(_("thời hạn"), null=True, blank=True)
    original_due_on = models.DateField(_("thời hạn ban đầu"), null=True, blank=True)
    due_text = models.CharField(_("thời hạn theo văn bản"), max_length=255, blank=True)
    recurring = models.BooleanField(_("nhiệm vụ thường xuyên"), default=False)
    priority = models.BooleanField(_("nhiệm vụ trọng tâm"), default=False)
    parent = models.ForeignKey(
        "self", verbose_name=_("nhiệm vụ cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.ASSIGNED,
        editable=False,
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True, editable=False)
    search_fold = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["lead_unit", "status"]),
            models.Index(fields=["assigning_unit", "status"]),
            models.Index(fields=["created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=Status.DONE) | Q(completed_on__isnull=True),
                name="task_completed_only_when_done",
            )
        ]

    def __str__(self) -> str:
        return self.short_text

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_fold = fold(self.text)
        super().save(*args, **kwargs)

    @property
    def short_text(self) -> str:
        return self.text if len(self.text) <= 120 else self.text[:117].rstrip() + "…"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def timeliness_on(self, today: dt.date | None = None) -> Timeliness:
        return classify(
            status=self.status, due_on=self.due_on, completed_on=self.completed_on,
            today=today or timezone.localdate(),
        )

    @property
    def current_timeliness(self) -> Timeliness:
        return self.timeliness_on()

    @property
    def was_extended(self) -> bool:
        return self.original_due_on is not None and self.due_on != self.original_due_on


class EventKind(models.TextChoices):
    CREATED = "created", _("Giao nhiệm vụ")
    UPDATED = "updated", _("Sửa thông tin")
    START = "start", _("Bắt đầu thực hiện")
    PROGRESS = "progress", _("Báo cáo tiến độ")
    NOTE = "note", _("Ý kiến phối hợp")
    SUBMIT = "submit", _("Báo cáo hoàn thành")
    CONFIRM = "confirm", _("Xác nhận hoàn thành")
    RECORD_COMPLETION = "record_completion", _("Ghi nhận hoàn thành")
    RETURN = "return", _("Trả lại kết quả")
    EXTENSION_REQUESTED = "extension_requested", _("Đề nghị gia hạn")
    EXTENSION_APPROVED = "extension_approved", _("Đồng ý gia hạn")
    EXTENSION_REFUSED = "extension_refused", _("Không đồng ý gia hạn")
    DUE_CHANGED = "due_changed", _("Điều chỉnh thời hạn")
    DELEGATED = "delegated", _("Giao tiếp cho đơn vị, cá nhân")
    PAUSE = "pause", _("Tạm dừng")
    RESUME = "resume", _("Tiếp tục thực hiện")
    WITHDRAW = "withdraw", _("Thu hồi nhiệm vụ")
    SUCCESSION = "succession", _("Chuyển đơn vị kế thừa")
    REMINDED = "reminded", _("Nhắc hạn")
    URGED = "urged", _("Đôn đốc bằng văn bản")


class TaskEvent(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("lịch sử nhiệm vụ")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {timezone.localtime(self.at):%d/%m/%Y %H:%M}"


class ReportKind(models.TextChoices):
    PROGRESS = "progress", _("Báo cáo tiến độ")
    NOTE = "note", _("Ý kiến phối hợp")


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(max_length=8, choices=ReportKind.choices, default=ReportKind.PROGRESS)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", null=True, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("nội dung"))
    percent = models.PositiveSmallIntegerField(_("tỷ lệ hoàn thành (%)"), null=True, blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__lte=100), name="report_percent_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.created_at):%d/%m/%Y}"


class Verdict(models.TextChoices):
    PENDING = "pending", _("Chờ xác nhận")
    ACCEPTED = "accepted", _("Đã xác nhận")
    RETURNED = "returned", _("Trả lại")


class Submission(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="submissions")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    submitted_on = models.DateField()
    result = models.TextField(_("kết quả thực hiện"))
    verdict = models.CharField(max_length=8, choices=Verdict.choices, default=Verdict.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("báo cáo hoàn thành")
        verbose_name_plural = _("báo cáo hoàn thành")
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.submitted_on:%d/%m/%Y} — {self.get_verdict_display()}"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Chờ ý kiến")
    APPROVED = "approved", _("Đồng ý")
    REFUSED = "refused", _("Không đồng ý")


class ExtensionRequest(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extension_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    due_before = models.DateField(null=True, blank=True)
    proposed_due = models.DateField(_("thời hạn đề nghị"))
    reason = models.TextField(_("lý do"))
    status = models.CharField(max_length=8, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["task"], condition=Q(status="pending"), name="one_pending_extension_per_task"
            )
        ]

    def __str__(self) -> str:
        return f"Gia hạn đến {self.proposed_due:%d/%m/%Y} ({self.get_status_display()})"


class Attachment(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="attachments")
    report = models.ForeignKey(
        ProgressReport, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="attachments/%Y/%m/")
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
