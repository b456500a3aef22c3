"""Units (a tree with validity dates and successors) and the people in them."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dondoc.text import fold

PATH_STEP = 6  # digits per level of Unit.path: "000001.000007."


class UnitKind(models.TextChoices):
    PEOPLES_COMMITTEE = "committee", _("Ủy ban nhân dân")
    OFFICE = "office", _("Văn phòng")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DISTRICT = "district", _("Cấp huyện (cũ)")
    DISTRICT_OFFICE = "district_office", _("Phòng, ban cấp huyện")
    COMMUNE = "commune", _("Xã, phường, thị trấn")
    SUB_UNIT = "sub_unit", _("Đơn vị trực thuộc")
    OTHER = "other", _("Khác")


class UnitQuerySet(models.QuerySet["Unit"]):
    def valid_on(self, day: dt.date) -> UnitQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def current(self) -> UnitQuerySet:
        return self.filter(valid_to__isnull=True)

    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        return self.filter(path__startswith=unit.path)


class Unit(models.Model):
    """An organisation unit: a People's Committee, its office, a department, a commune…

    ``path`` is a materialised path (the ids of the ancestors, fixed width), so
    "this unit and everything under it" is one indexed prefix filter.
    """

    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    aliases = models.JSONField(
        _("tên gọi khác"), default=list, blank=True,
        help_text=_("Các cách viết khác, tên cũ, dùng để nhận diện tên đơn vị trong văn bản."),
    )
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    code = models.CharField(_("mã"), max_length=32, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name=_("đơn vị kế thừa"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="predecessors",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    name_fold = models.CharField(max_length=255, editable=False, db_index=True, default="")
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_fold = fold(self.name)
        super().save(*args, **kwargs)
        expected = self._computed_path()
        if self.path != expected:
            old = self.path
            self.path = expected
            Unit.objects.filter(pk=self.pk).update(path=expected)
            if old:
                self._rewrite_descendant_paths(old, expected)

    @property
    def depth(self) -> int:
        return self.path.count(".")

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def _computed_path(self) -> str:
        own = f"{self.pk:0{PATH_STEP}d}."
        return (self.parent.path if self.parent is not None else "") + own

    def _rewrite_descendant_paths(self, old: str, new: str) -> None:
        for child in Unit.objects.filter(path__startswith=old).exclude(pk=self.pk):
            Unit.objects.filter(pk=child.pk).update(path=new + child.path[len(old):])

    def ancestors(self) -> UnitQuerySet:
        ids = [int(part) for part in self.path.split(".") if part]
        return Unit.objects.filter(pk__in=ids[:-1])

    def is_within(self, other: Unit) -> bool:
        """True when this unit is ``other`` or lies under it in the tree."""
        return self.path.startswith(other.path)

    def final_successor(self) -> Unit:
        """Follow successor links to the unit that carries this one's work today."""
        unit, seen = self, {self.pk}
        while unit.successor is not None and unit.successor_id not in seen:
            seen.add(unit.successor.pk)
            unit = unit.successor
        return unit

    def acts_for(self) -> Unit:
        """The unit on whose behalf this unit's people act.

        An office (Văn phòng) acts for the People's Committee above it; every other
        unit acts for itself (a department assigns work within the department). The
        People's Committee a unit belongs to is ``access.home_committee``.
        """
        if self.kind == UnitKind.OFFICE and self.parent is not None:
            return self.parent
        return self


class Role(models.TextChoices):
    LEADER = "leader", _("Lãnh đạo (Chủ tịch, Phó Chủ tịch)")
    TRACKER = "tracker", _("Chuyên viên theo dõi (Văn phòng)")
    HEAD = "head", _("Thủ trưởng đơn vị")
    STAFF = "staff", _("Chuyên viên")
    ADMIN = "admin", _("Quản trị hệ thống")


class UserQuerySet(models.QuerySet["User"]):
    def leaders(self, within: Unit | None = None) -> UserQuerySet:
        """The active leaders of ``within`` and the units under it (every committee's with None)."""
        found = self.filter(role=Role.LEADER, is_active=True)
        return found if within is None else found.filter(unit__path__startswith=within.path)


class UserManagerWithQueries(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    """Django's UserManager (create_user, natural keys) with ``UserQuerySet``'s methods."""


class User(AbstractUser):
    """A person who signs in: a member of one unit with one role."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    title = models.CharField(_("chức vụ"), max_length=150, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="members",
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices, default=Role.STAFF)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    name_fold = models.CharField(max_length=150, editable=False, default="", db_index=True)

    objects: ClassVar[UserManagerWithQueries] = UserManagerWithQueries()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["unit__path", "role", "full_name"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_fold = fold(self.full_name)
        if self.role == Role.ADMIN:
            self.is_staff = True
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.full_name or self.username
