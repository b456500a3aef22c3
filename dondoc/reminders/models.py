"""Notifications, reminder rules, reminder and digest claims, urging letters.

The claim tables make the reminder sweep idempotent (see ``dondoc.reminders.sweep``):
a ``ReminderClaim`` row is unique per (task, rule, day) and a ``DigestClaim`` row
per (person, day), so whatever runs twice finds the row already there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from dondoc.tasks.models import Task


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def for_user(self, user: Any) -> NotificationQuerySet:
        return self.filter(recipient=user)


class Notification(models.Model):
    """Something that asks a person to act (or tells them what happened to their task)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    task = models.ForeignKey(
        "tasks.Task", null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32)
    message = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set on the notifications a reminder sweep writes: the day's digest lists them.
    reminder = models.ForeignKey(
        "reminders.ReminderClaim", null=True, blank=True, on_delete=models.CASCADE,
        related_name="notifications",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.message


class Trigger(models.TextChoices):
    BEFORE_DUE = "before", _("Trước hạn")
    ON_DUE = "on_due", _("Đúng ngày đến hạn")
    OVERDUE = "overdue", _("Quá hạn (nhắc lại định kỳ)")


class ReminderRuleQuerySet(models.QuerySet["ReminderRule"]):
    def active(self) -> ReminderRuleQuerySet:
        return self.filter(active=True)


class ReminderRule(models.Model):
    """When a reminder is due, counted in working days from the task's current due date."""

    name = models.CharField(_("tên quy tắc"), max_length=128)
    trigger = models.CharField(_("thời điểm nhắc"), max_length=8, choices=Trigger.choices)
    working_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc"), default=0,
        help_text=_(
            "Trước hạn: nhắc trước hạn bao nhiêu ngày làm việc. Quá hạn: nhắc lại sau mỗi "
            "bao nhiêu ngày làm việc. Đúng ngày đến hạn: không dùng."
        ),
    )
    priority_only = models.BooleanField(
        _("chỉ áp dụng cho nhiệm vụ trọng tâm"), default=False,
        help_text=_("Quy tắc riêng cho nhiệm vụ trọng tâm, áp dụng thêm vào các quy tắc chung."),
    )
    inform_office = models.BooleanField(
        _("báo cho chuyên viên theo dõi của Văn phòng"), default=False,
        help_text=_("Ngoài thủ trưởng đơn vị chủ trì và người thực hiện."),
    )
    active = models.BooleanField(_("đang áp dụng"), default=True)

    objects = ReminderRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy tắc nhắc hạn")
        verbose_name_plural = _("quy tắc nhắc hạn")
        ordering = ["trigger", "working_days", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.trigger in (Trigger.BEFORE_DUE, Trigger.OVERDUE) and self.working_days < 1:
            raise ValidationError(
                {"working_days": _("Số ngày làm việc phải từ 1 trở lên với quy tắc này.")}
            )


class ClaimState(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    DONE = "done", _("Đã ghi nhận")


class ReminderClaim(models.Model):
    """One reminder of one task by one rule on one day; its uniqueness is the idempotency."""

    task = models.ForeignKey("tasks.Task", on_delete=models.CASCADE, related_name="reminder_claims")
    rule = models.ForeignKey(ReminderRule, on_delete=models.PROTECT, related_name="claims")
    day = models.DateField(_("ngày nhắc"))
    trigger = models.CharField(max_length=8, choices=Trigger.choices)
    due_on = models.DateField(_("thời hạn khi nhắc"))
    state = models.CharField(max_length=8, choices=ClaimState.choices, default=ClaimState.PENDING)
    token = models.CharField(max_length=32, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lượt nhắc hạn")
        verbose_name_plural = _("lượt nhắc hạn")
        constraints = [
            models.UniqueConstraint(fields=["task", "rule", "day"], name="one_reminder_per_task_rule_day")
        ]
        indexes = [models.Index(fields=["state", "day"]), models.Index(fields=["token"])]

    def __str__(self) -> str:
        return f"{self.get_trigger_display()} — {self.day:%d/%m/%Y}"


class DigestState(models.TextChoices):
    PENDING = "pending", _("Chưa gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không được")


class DigestClaim(models.Model):
    """The one e-mail digest a person gets for one day."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_digests"
    )
    day = models.DateField(_("ngày"))
    state = models.CharField(max_length=8, choices=DigestState.choices, default=DigestState.PENDING)
    token = models.CharField(max_length=32, blank=True, default="")
    locked_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    task_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("thư tổng hợp nhắc hạn")
        verbose_name_plural = _("thư tổng hợp nhắc hạn")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "day"], name="one_digest_per_person_day")
        ]
        indexes = [models.Index(fields=["state", "locked_until"])]

    def __str__(self) -> str:
        return f"{self.recipient} — {self.day:%d/%m/%Y} ({self.get_state_display()})"


class SigningForm(models.TextChoices):
    TM = "tm", _("TM. ỦY BAN NHÂN DÂN — CHỦ TỊCH")
    KT = "kt", _("KT. CHỦ TỊCH — PHÓ CHỦ TỊCH")
    TL = "tl", _("TL. CHỦ TỊCH — CHÁNH VĂN PHÒNG")
    CT = "ct", _("CHỦ TỊCH")


class UrgingLetter(models.Model):
    """A registered urging letter (văn bản đôn đốc): an outgoing document about some tasks."""

    document = models.OneToOneField(
        "documents.Document", verbose_name=_("văn bản"), on_delete=models.PROTECT,
        related_name="urging_letter",
    )
    committee = models.ForeignKey(
        "org.Unit", verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    tasks: models.ManyToManyField[Task, UrgingLetterTask] = models.ManyToManyField(
        "tasks.Task", through="UrgingLetterTask", related_name="urging_letters"
    )
    new_due = models.DateField(_("hạn báo cáo mới"))
    explanation_requested = models.BooleanField(_("yêu cầu giải trình"), default=False)
    signing = models.CharField(_("thể thức ký"), max_length=2, choices=SigningForm.choices)
    signer_name = models.CharField(_("người ký"), max_length=128)
    docx = models.FileField(_("tệp DOCX"), upload_to="urging/%Y/%m/")
    pdf = models.FileField(_("tệp PDF"), upload_to="urging/%Y/%m/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # "<wizard token>:<n>": the n-th letter registered with one drafting of the wizard, so that
    # registering again with the same token (a double click) finds it instead of issuing another.
    request_token = models.CharField(max_length=80, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("văn bản đôn đốc")
        verbose_name_plural = _("văn bản đôn đốc")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request_token"], condition=~models.Q(request_token=""),
                name="urgingletter_request_token_once",
            )
        ]

    def __str__(self) -> str:
        return str(self.document)


class UrgingLetterTask(models.Model):
    letter = models.ForeignKey(UrgingLetter, on_delete=models.CASCADE, related_name="items")
    task = models.ForeignKey("tasks.Task", on_delete=models.PROTECT, related_name="urgings")
    sequence = models.PositiveSmallIntegerField(_("lần đôn đốc"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["letter", "position"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "task"], name="one_item_per_letter_task"),
            models.UniqueConstraint(fields=["task", "sequence"], name="one_urging_sequence_per_task"),
        ]

    def __str__(self) -> str:
        return f"{self.task} — lần {self.sequence}"
