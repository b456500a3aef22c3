"""Which part of the organisation a person's directory, pickers and menus show: the units of
their own People's Committee (an administrator sees every committee)."""

from __future__ import annotations

from typing import Any

from dondoc.org.access import acting_unit
from dondoc.org.models import Role, Unit, UnitKind, UnitQuerySet, User


def sees_every_committee(user: Any) -> bool:
    return user.role == Role.ADMIN or user.is_superuser


def home_committee(user: Any) -> Unit | None:
    """The People's Committee the person works in: their acting unit's committee, or the
    nearest committee above it (a department, a commune or a sub-unit works in the province's
    organisation); the top of the tree when no committee is above."""
    unit = acting_unit(user)
    if unit is None:
        return None
    unit = unit.committee()
    if unit.kind == UnitKind.PEOPLES_COMMITTEE:
        return unit
    above = list(unit.ancestors().order_by("-path"))
    return next((u for u in above if u.kind == UnitKind.PEOPLES_COMMITTEE), above[-1] if above else unit)


def units_for(user: Any) -> UnitQuerySet:
    """Every unit (current or past) of the person's committee; all of them for an administrator."""
    if sees_every_committee(user):
        return Unit.objects.all()
    committee = home_committee(user)
    return Unit.objects.subtree_of(committee) if committee is not None else Unit.objects.none()


def people_for(user: Any) -> Any:
    """The active people of the person's committee (all of them for an administrator)."""
    people = User.objects.filter(is_active=True)
    if sees_every_committee(user):
        return people
    committee = home_committee(user)
    if committee is None:
        return people.filter(pk=user.pk)
    return people.filter(unit__path__startswith=committee.path)
