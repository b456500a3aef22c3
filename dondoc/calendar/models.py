from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    DAY_OFF = "off", _("Ngày nghỉ")
    WORKING_DAY = "work", _("Ngày làm việc (làm bù)")


class CalendarOverride(models.Model):
    """A day the Government announced differently from the statutory rules.

    Extra days off (a bridging day, a new holiday) and Saturdays worked to make
    up for them are announced each year; an administrator records them here.
    """

    day = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=4, choices=DayKind.choices)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("ngày điều chỉnh")
        verbose_name_plural = _("lịch nghỉ, làm bù điều chỉnh")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} — {self.get_kind_display()}"
