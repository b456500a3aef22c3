"""The ranking policy an administrator sets, and background export jobs."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from dondoc.reports.queries import Figures

_PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def _pct(value: Decimal) -> str:
    """90.00 → "90", 82.50 → "82,5" (Vietnamese decimal comma)."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


class RankingPolicy(models.Model):
    """Thresholds for praise and criticism (Đà Nẵng: praise ≥ 90 % done and ≥ 80 % on time,
    criticise under 50 % done). One row; the first one is the policy in force."""

    praise_completion_min = models.DecimalField(
        _("khen: tỷ lệ hoàn thành từ (%)"), max_digits=5, decimal_places=2, default=Decimal(90),
        validators=_PERCENT,
    )
    praise_on_time_min = models.DecimalField(
        _("khen: tỷ lệ đúng hạn từ (%)"), max_digits=5, decimal_places=2, default=Decimal(80),
        validators=_PERCENT,
    )
    criticise_completion_below = models.DecimalField(
        _("phê bình: tỷ lệ hoàn thành dưới (%)"), max_digits=5, decimal_places=2, default=Decimal(50),
        validators=_PERCENT,
    )
    min_came_due = models.PositiveIntegerField(
        _("số nhiệm vụ đến hạn tối thiểu để xếp loại"), default=1,
        help_text=_("Đơn vị có ít nhiệm vụ đến hạn hơn số này không bị khen hay phê bình."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tiêu chí khen, phê bình")
        verbose_name_plural = _("tiêu chí khen, phê bình")

    def __str__(self) -> str:
        return str(_("Khen ≥ {a} % hoàn thành và ≥ {b} % đúng hạn; phê bình < {c} % hoàn thành")).format(
            a=_pct(self.praise_completion_min), b=_pct(self.praise_on_time_min),
            c=_pct(self.criticise_completion_below),
        )

    @classmethod
    def current(cls) -> RankingPolicy:
        return cls.objects.order_by("pk").first() or cls()

    def marker(self) -> Callable[[Figures], str]:
        """``mark_for`` with the thresholds worked out once, for marking thousands of rows."""
        from dondoc.reports.queries import Mark

        # Rates are rounded to 4 decimals, so comparing whole hundredths of a percent is exact
        # (for an integer n: n >= t ⟺ n >= ceil(t), n < t ⟺ n < ceil(t)).
        praise_completion = math.ceil(self.praise_completion_min * 100)
        praise_on_time = math.ceil(self.praise_on_time_min * 100)
        criticise_below = math.ceil(self.criticise_completion_below * 100)
        min_came_due = self.min_came_due

        def mark(figures: Figures) -> str:
            completion = figures.completion_rate
            if completion is None or figures.came_due < min_came_due:
                return ""
            pct = round(completion * 10000)
            on_time = figures.on_time_rate
            if pct >= praise_completion and on_time is not None and round(on_time * 10000) >= praise_on_time:
                return Mark.PRAISE
            if pct < criticise_below:
                return Mark.CRITICISE
            return ""

        return mark

    def mark_for(self, figures: Figures) -> str:
        return self.marker()(figures)


class ExportKind(models.TextChoices):
    STATS_XLSX = "stats_xlsx", _("Bảng thống kê (Excel)")
    SUMMARY_DOCX = "summary_docx", _("Báo cáo tình hình thực hiện nhiệm vụ (Word)")
    INSPECTION_DOCX = "inspection_docx", _("Báo cáo kiểm tra đơn vị (Word)")


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


class ExportJob(models.Model):
    """An export over a large scope, made in the background; the person comes back for the file."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại"), max_length=20, choices=ExportKind.choices)
    params = models.JSONField(default=dict)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)
    filename = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu xuất báo cáo")
        verbose_name_plural = _("yêu cầu xuất báo cáo")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)
