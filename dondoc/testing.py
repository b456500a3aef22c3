"""Personas and small builders for tests (no JSON fixtures).

``build_org()`` makes one small province: its People's Committee, the office,
two departments (one with a sub-unit), a commune and an abolished district,
with one person per role that the tests talk about.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dondoc.org.models import Role, Unit, UnitKind, User
from dondoc.tasks import services
from dondoc.tasks.models import Task


@dataclass
class Org:
    committee: Unit
    office: Unit
    finance: Unit
    finance_budget: Unit
    construction: Unit
    commune: Unit
    old_district: Unit
    chairman: User
    tracker: User
    finance_head: User
    finance_staff: User
    budget_head: User
    construction_head: User
    commune_head: User
    admin: User
    outsider: User


def make_unit(name: str, kind: str = UnitKind.DEPARTMENT, parent: Unit | None = None, **extra: Any) -> Unit:
    return Unit.objects.create(name=name, kind=kind, parent=parent, **extra)


def make_user(username: str, unit: Unit | None, role: str, full_name: str = "", **extra: Any) -> User:
    return User.objects.create_user(
        username=username, password="demo12345", unit=unit, role=role,
        full_name=full_name or username, **extra,
    )


def build_org() -> Org:
    committee = make_unit("Ủy ban nhân dân tỉnh Thử Nghiệm", UnitKind.PEOPLES_COMMITTEE, short_name="UBND tỉnh")
    office = make_unit("Văn phòng Ủy ban nhân dân tỉnh", UnitKind.OFFICE, committee, short_name="VP")
    finance = make_unit("Sở Tài chính", UnitKind.DEPARTMENT, committee)
    budget = make_unit("Phòng Ngân sách", UnitKind.SUB_UNIT, finance)
    construction = make_unit("Sở Xây dựng", UnitKind.DEPARTMENT, committee)
    commune = make_unit("Ủy ban nhân dân xã Hòa Bình", UnitKind.COMMUNE, committee)
    old_district = make_unit(
        "Ủy ban nhân dân huyện Sơn Dương", UnitKind.DISTRICT, committee,
        valid_to=dt.date(2025, 6, 30), successor=commune,
    )
    other_committee = make_unit("Ủy ban nhân dân tỉnh Khác", UnitKind.PEOPLES_COMMITTEE)
    return Org(
        committee=committee, office=office, finance=finance, finance_budget=budget,
        construction=construction, commune=commune, old_district=old_district,
        chairman=make_user("lanhdao", committee, Role.LEADER, "Nguyễn Tường Duy"),
        tracker=make_user("vanphong", office, Role.TRACKER, "Lê Thị Thu"),
        finance_head=make_user("donvi", finance, Role.HEAD, "Phạm Văn Hùng"),
        finance_staff=make_user("chuyenvien", finance, Role.STAFF, "Đỗ Minh Anh"),
        budget_head=make_user("ngansach", budget, Role.HEAD, "Vũ Thị Lan"),
        construction_head=make_user("xaydung", construction, Role.HEAD, "Hoàng Đức Long"),
        commune_head=make_user("hoabinh", commune, Role.HEAD, "Trịnh Văn Bình"),
        admin=make_user("admin", None, Role.ADMIN, "Quản trị"),
        outsider=make_user("tinhkhac", other_committee, Role.LEADER, "Người Ngoài"),
    )


def make_task(org: Org, *, lead: Unit | None = None, due_on: dt.date | None = None,
              support: tuple[Unit, ...] = (), text: str = "Giao Sở Tài chính tham mưu kế hoạch.",
              **extra: Any) -> Task:
    return services.task_create(
        by=org.tracker, text=text, lead_unit=lead or org.finance, due_on=due_on,
        support_units=support, assigned_by=org.chairman, **extra,
    )
