"""Registered documents (incoming directives and our own letters), their files and extraction runs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from dondoc.text import fold

if TYPE_CHECKING:
    from dondoc.org.models import User


class DocumentKind(models.TextChoices):
    CONG_VAN = "cong_van", _("Công văn")
    THONG_BAO = "thong_bao", _("Thông báo")
    QUYET_DINH = "quyet_dinh", _("Quyết định")
    CHI_THI = "chi_thi", _("Chỉ thị")
    KE_HOACH = "ke_hoach", _("Kế hoạch")
    BAO_CAO = "bao_cao", _("Báo cáo")
    TO_TRINH = "to_trinh", _("Tờ trình")
    GIAY_MOI = "giay_moi", _("Giấy mời")
    TIN_BAI = "tin_bai", _("Tin bài")
    KHAC = "khac", _("Khác")


class Direction(models.TextChoices):
    INCOMING = "in", _("Văn bản chỉ đạo (đến)")
    OUTGOING = "out", _("Văn bản đi")


class DocumentQuerySet(models.QuerySet["Document"]):
    def visible_to(self, user: User) -> DocumentQuerySet:
        """Documents with a task the person may see; all of their committee's for those who register."""
        from dondoc.org.access import visible_documents_filter

        condition = visible_documents_filter(user)
        if condition is None:
            return self
        return self.filter(condition).distinct()

    def with_task_count(self, user: User) -> DocumentQuerySet:
        """``task_count``: how many of each document's tasks the person may see (never the others,
        whose number would tell what they may not see)."""
        from dondoc.tasks.models import Task

        counted = (
            Task.objects.visible_to(user).filter(document=models.OuterRef("pk")).order_by()
            .values("document").annotate(n=models.Count("pk")).values("n")
        )
        return self.annotate(task_count=Coalesce(models.Subquery(counted), 0))

    def with_related(self) -> DocumentQuerySet:
        return self.select_related("unit", "created_by").prefetch_related("files")

    def search(self, query: str) -> DocumentQuerySet:
        words = fold(query).split()
        qs = self
        for word in words:
            qs = qs.filter(search_fold__contains=word)
        return qs


class Document(models.Model):
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=DocumentKind.choices)
    direction = models.CharField(
        _("chiều"), max_length=3, choices=Direction.choices, default=Direction.INCOMING
    )
    number = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    issuer_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị ban hành"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="issued_documents",
    )
    place = models.CharField(_("địa danh"), max_length=128, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    subject = models.TextField(_("trích yếu"), blank=True)
    signer = models.CharField(_("người ký"), max_length=128, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=128, blank=True)
    recipients = models.JSONField(_("nơi nhận / kính gửi"), default=list, blank=True)
    references = models.JSONField(
        _("văn bản được dẫn"), default=list, blank=True,
        help_text=_('Danh sách {"number": "...", "date": "YYYY-MM-DD"}'),
    )
    text = models.TextField(_("nội dung"), blank=True)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("đơn vị vào sổ"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="registered_documents",
        help_text=_("Đơn vị (Ủy ban) đã vào sổ văn bản và giao nhiệm vụ từ văn bản."),
    )
    search_fold = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("ngày nhập"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["number"])]

    def __str__(self) -> str:
        label = self.get_kind_display()
        number = f" số {self.number}" if self.number else ""
        date = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
        return f"{label}{number}{date}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_fold = fold(" ".join([self.number, self.issuer, self.subject, self.signer]))
        super().save(*args, **kwargs)



class DocumentFile(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("tệp"), upload_to="documents/%Y/%m/")
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"), default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp văn bản")
        verbose_name_plural = _("tệp văn bản")

    def __str__(self) -> str:
        return self.name


class RunStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang đọc")
    DONE = "done", _("Đã đọc xong")
    FAILED = "failed", _("Không đọc được")
    CONFIRMED = "confirmed", _("Đã xác nhận")


class RunKind(models.TextChoices):
    DOCUMENT = "document", _("Văn bản")
    SPREADSHEET = "spreadsheet", _("Bảng theo dõi Excel")


class ExtractionRun(models.Model):
    """One reading of an uploaded file: its progress, and the proposal for review.

    The run outlives the request that started it, so a clerk can leave the page
    while a scan is read and come back to the result.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="extraction_runs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Touched by every progress step: a running run that stops changing was orphaned by a crash.
    updated_at = models.DateTimeField(auto_now=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # A document is read into one proposal; a spreadsheet into rows of proposed tasks.
    kind = models.CharField(max_length=12, choices=RunKind.choices, default=RunKind.DOCUMENT)
    filename = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.PENDING)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="extraction_runs"
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lượt đọc văn bản")
        verbose_name_plural = _("lượt đọc văn bản")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename or 'văn bản dán'} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status not in (RunStatus.PENDING, RunStatus.RUNNING)

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0 if self.status in (RunStatus.PENDING, RunStatus.RUNNING) else 100
        return min(100, round(100 * self.progress_done / self.progress_total))


class ExtractionRunFile(models.Model):
    """One uploaded file of a run, kept until the document is registered (then copied)."""

    run = models.ForeignKey(ExtractionRun, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="extraction/%Y/%m/")
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["run", "position"]

    def __str__(self) -> str:
        return self.name
