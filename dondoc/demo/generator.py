"""Synthetic data at scale for benchmarks (`dondoc generate`).

A province of N units and M tasks spread over the last five years, with their
timelines, inserted in bulk. Bulk inserts bypass the services on purpose (one
service call per event would take hours); what the services guarantee is kept
by construction: ``Unit.path`` as ``Unit._computed_path`` computes it,
``Task.search_fold`` through ``fold``, ``completed_on`` only on done tasks,
original and current due dates, and a timeline of 3–5 events per task.

Everything generated is marked: unit codes start with ``GEN-`` and usernames
with ``gen-``, so ``--reset`` removes exactly that. The same seed and the same
day give the same data.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from json import dumps
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from dondoc.org.models import PATH_STEP, Role, Unit, UnitKind, User
from dondoc.reminders.models import Notification
from dondoc.tasks.models import (
    Attachment,
    EventKind,
    ExtensionRequest,
    ProgressReport,
    Submission,
    Task,
    TaskEvent,
)
from dondoc.tasks.workflow import Status
from dondoc.text import fold

CODE_PREFIX = "GEN-"
USER_PREFIX = "gen-"
BATCH = 5000
YEARS = 5

DEPARTMENTS = (
    "Sở Tài chính", "Sở Nội vụ", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Giáo dục và Đào tạo",
    "Sở Y tế", "Sở Công Thương", "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ",
    "Sở Tư pháp", "Thanh tra tỉnh", "Sở Dân tộc và Tôn giáo", "Ban Quản lý các khu công nghiệp",
    "Ban Quản lý dự án đầu tư xây dựng", "Trung tâm Phục vụ hành chính công",
)
SUB_UNITS = (
    "Văn phòng Sở", "Phòng Kế hoạch - Tài chính", "Phòng Quản lý ngân sách", "Phòng Tổ chức cán bộ",
    "Phòng Quản lý đất đai", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Chi cục Kiểm lâm",
    "Phòng Thanh tra - Pháp chế", "Trung tâm Công nghệ thông tin",
)
PLACE_A = ("Tân", "Phú", "Bình", "An", "Hòa", "Long", "Minh", "Hưng", "Phước", "Thuận",
           "Đông", "Tây", "Nam", "Bắc", "Trung", "Sơn", "Hồng", "Thanh", "Quang", "Vĩnh")
PLACE_B = ("Lợi", "Thành", "Xuân", "Hải", "Lâm", "Thủy", "Tiến", "Phong", "Mỹ", "Lộc",
           "Khánh", "Điền", "Trào", "Yên", "Hà", "Giang", "Sơn", "Đức", "Nghĩa", "Thịnh")
VERBS = ("Rà soát", "Tham mưu", "Hoàn thiện hồ sơ", "Kiểm tra, xử lý", "Tổng hợp, báo cáo",
         "Xây dựng kế hoạch", "Đôn đốc", "Hướng dẫn", "Thẩm định", "Triển khai")
OBJECTS = ("giải ngân vốn đầu tư công", "sắp xếp trụ sở, nhà đất dôi dư", "cải cách hành chính",
           "chuyển đổi số", "giải phóng mặt bằng dự án", "vi phạm đất đai, trật tự xây dựng",
           "phòng chống thiên tai", "tiếp công dân, giải quyết khiếu nại", "xây dựng nông thôn mới",
           "thu ngân sách nhà nước", "cấp giấy chứng nhận quyền sử dụng đất", "an toàn thực phẩm",
           "chương trình mục tiêu quốc gia", "quản lý tài nguyên khoáng sản", "phát triển du lịch")
TAILS = ("theo ý kiến chỉ đạo của Chủ tịch UBND tỉnh", "báo cáo UBND tỉnh kết quả thực hiện",
         "trình UBND tỉnh xem xét, quyết định", "theo quy định", "trên địa bàn", "")


@dataclass
class GenOrg:
    committee: Unit
    leads: list[Unit] = field(default_factory=list)  # units that lead tasks
    head_of: dict[int, int] = field(default_factory=dict)  # unit id → head user id
    tracker_id: int = 0
    leader_id: int = 0


def _path(parent_path: str, pk: int) -> str:
    return f"{parent_path}{pk:0{PATH_STEP}d}."


def _parent(unit: Unit) -> Unit:
    assert unit.parent is not None  # a generated sub-unit always has its department
    return unit.parent


def _parent_path(unit: Unit) -> str:
    return _parent(unit).path


def _insert_units(rows: list[Unit], parent_path: Callable[[Unit], str]) -> list[Unit]:
    """Bulk insert, then set each path as ``Unit._computed_path`` would."""
    for unit in rows:
        unit.name_fold = fold(unit.name)
    created = Unit.objects.bulk_create(rows, batch_size=BATCH)
    for unit in created:
        unit.path = _path(parent_path(unit), unit.pk)
    Unit.objects.bulk_update(created, ["path"], batch_size=BATCH)
    return created


def _place(rng: random.Random, used: set[str]) -> str:
    name = f"{rng.choice(PLACE_A)} {rng.choice(PLACE_B)}"
    n, base = 1, name
    while name in used:
        n += 1
        name = f"{base} {n}"
    used.add(name)
    return name


def build_units(n: int, rng: random.Random, tag: str) -> tuple[GenOrg, list[Unit]]:
    """A committee, its office, departments, communes and wards, and sub-units of departments."""
    n = max(n, 3)
    committee = Unit(name=f"Ủy ban nhân dân tỉnh Mô Phỏng {tag}", short_name=f"UBND tỉnh MP{tag}",
                     kind=UnitKind.PEOPLES_COMMITTEE, code=f"{CODE_PREFIX}{tag}-0")
    committee.save()
    departments = max(1, round(n * 0.05))
    communes = max(0, min(n - 2 - departments, round(n * 0.6)))
    subs = n - 2 - departments - communes
    level1 = [Unit(name="Văn phòng Ủy ban nhân dân tỉnh", short_name="VP UBND tỉnh", kind=UnitKind.OFFICE,
                   parent=committee, code=f"{CODE_PREFIX}{tag}-office")]
    for i in range(departments):
        base = DEPARTMENTS[i % len(DEPARTMENTS)]
        name = base if i < len(DEPARTMENTS) else f"{base} (khu vực {i // len(DEPARTMENTS) + 1})"
        level1.append(Unit(name=name, kind=UnitKind.DEPARTMENT, parent=committee,
                           code=f"{CODE_PREFIX}{tag}-d{i}", sort_order=i))
    used: set[str] = set()
    reform = dt.date(2025, 7, 1)
    for i in range(communes):
        word = "phường" if rng.random() < 0.25 else "xã"
        level1.append(Unit(name=f"Ủy ban nhân dân {word} {_place(rng, used)}", kind=UnitKind.COMMUNE,
                           parent=committee, code=f"{CODE_PREFIX}{tag}-c{i}", valid_from=reform))
    level1 = _insert_units(level1, lambda u: committee.path)
    depts = [u for u in level1 if u.kind == UnitKind.DEPARTMENT]
    level2 = []
    for i in range(subs):
        parent = depts[i % len(depts)]
        level2.append(Unit(name=f"{SUB_UNITS[(i // len(depts)) % len(SUB_UNITS)]} ({parent.name})",
                           kind=UnitKind.SUB_UNIT, parent=parent, code=f"{CODE_PREFIX}{tag}-s{i}"))
    level2 = _insert_units(level2, _parent_path)
    org = GenOrg(committee=committee, leads=[u for u in level1 if u.kind != UnitKind.OFFICE] + level2)
    return org, [committee, *level1, *level2]


def build_people(org: GenOrg, units: list[Unit], tag: str) -> None:
    """A head for every unit, and a chairman and a tracker for the committee (no usable password)."""
    rows = [
        User(username=f"{USER_PREFIX}{tag}-{u.code.rsplit('-', 1)[1]}", full_name=f"Thủ trưởng {u.name}"[:150],
             unit=u, role=Role.HEAD, password="!", name_fold=fold(f"Thủ trưởng {u.name}"[:150]))
        for u in units
    ]
    office = next(u for u in units if u.kind == UnitKind.OFFICE)
    rows.append(User(username=f"{USER_PREFIX}{tag}-leader", full_name="Chủ tịch UBND tỉnh (mô phỏng)",
                     unit=org.committee, role=Role.LEADER, password="!"))
    rows.append(User(username=f"{USER_PREFIX}{tag}-tracker", full_name="Chuyên viên theo dõi (mô phỏng)",
                     unit=office, role=Role.TRACKER, password="!"))
    created = User.objects.bulk_create(rows, batch_size=BATCH)
    for user in created[:-2]:
        if user.unit_id is not None:  # always: a head of each unit
            org.head_of[user.unit_id] = user.pk
    org.leader_id, org.tracker_id = created[-2].pk, created[-1].pk


@dataclass
class Plan:
    """One generated task before insertion, and the timeline to write once it has an id."""

    task: Task
    support: list[int]
    events: list[tuple[str, dt.date, int | None, dict, dict, str]]


def _aware(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(7 + rng.randrange(10), rng.randrange(60)),
                               tzinfo=timezone.get_current_timezone())


_fold_text = lru_cache(maxsize=4096)(fold)  # a few hundred distinct texts, 200,000 tasks


def plan_task(org: GenOrg, rng: random.Random, today: dt.date) -> Plan:
    lead = rng.choice(org.leads)
    assigning = _parent(lead) if lead.kind == UnitKind.SUB_UNIT else org.committee
    created = today - dt.timedelta(days=rng.randrange(YEARS * 365))
    due = created + dt.timedelta(days=rng.randrange(5, 120)) if rng.random() < 0.85 else None
    head = org.head_of[lead.pk]
    assigner = org.tracker_id if assigning.pk == org.committee.pk else org.head_of[assigning.pk]
    text = " ".join(filter(None, (rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS)))) + "."
    events: list[tuple[str, dt.date, int | None, dict, dict, str]] = [
        (EventKind.CREATED, created, assigner, {}, {"lead_unit": {"id": lead.pk, "label": lead.name}}, "")
    ]
    age = (today - created).days
    horizon = due or created + dt.timedelta(days=60)
    finished = (horizon < today and rng.random() < 0.85) or (age > 400 and rng.random() < 0.93)
    status, completed = Status.ASSIGNED, None
    original_due = due
    step = created + dt.timedelta(days=1 + rng.randrange(5))
    if rng.random() < 0.02:
        status = Status.WITHDRAWN
        events.append((EventKind.WITHDRAW, min(step, today), assigner, {"status": "assigned"},
                       {"status": "withdrawn"}, "Thu hồi do trùng lặp nội dung."))
    elif finished:
        status = Status.DONE
        late = rng.random() < 0.25
        anchor = due or created + dt.timedelta(days=30)
        completed = anchor + dt.timedelta(days=rng.randrange(1, 40)) if late else \
            max(created + dt.timedelta(days=1), anchor - dt.timedelta(days=rng.randrange(0, 10)))
        completed = min(completed, today)
        events.append((EventKind.PROGRESS, min(step, completed), head, {}, {"percent": 50}, "Đang triển khai."))
        if rng.random() < 0.15:
            events.append((EventKind.SUBMIT, completed, head, {}, {"status": "submitted"}, "Đã hoàn thành."))
            events.append((EventKind.RETURN, completed, assigner, {}, {"status": "returned"}, "Bổ sung số liệu."))
        events.append((EventKind.SUBMIT, completed, head, {}, {"status": "submitted"}, "Đã hoàn thành."))
        events.append((EventKind.CONFIRM, min(completed + dt.timedelta(days=2), today), assigner,
                       {"status": "submitted"}, {"status": "done", "completed_on": completed.isoformat()}, ""))
    else:
        status = rng.choices(
            (Status.ASSIGNED, Status.IN_PROGRESS, Status.SUBMITTED, Status.RETURNED, Status.PAUSED),
            (20, 60, 10, 5, 5),
        )[0]
        if due is not None and rng.random() < 0.5:
            # re-date open tasks so every class is well filled today: overdue, due soon, within
            due = today + dt.timedelta(days=rng.choice((-30, -10, -3, 1, 2, 3, 10, 30, 60)))
            if original_due and due > original_due and rng.random() < 0.5:
                events.append((EventKind.EXTENSION_APPROVED, min(step, today), assigner,
                               {"due_on": original_due.isoformat()}, {"due_on": due.isoformat()}, ""))
            else:
                original_due = due
        if status == Status.ASSIGNED:
            events.append((EventKind.REMINDED, today - dt.timedelta(days=rng.randrange(1, 8)), None, {}, {},
                           "Nhắc đơn vị tiếp nhận, triển khai nhiệm vụ."))
        else:
            events.append((EventKind.START, min(step, today), head, {"status": "assigned"},
                           {"status": "in_progress"}, ""))
            events.append((EventKind.PROGRESS, min(step + dt.timedelta(days=7), today), head, {},
                           {"percent": rng.choice((20, 40, 60, 80))}, "Đang triển khai."))
        if status in (Status.SUBMITTED, Status.RETURNED):
            events.append((EventKind.SUBMIT, today - dt.timedelta(days=2), head, {}, {"status": "submitted"}, ""))
        if status == Status.RETURNED:
            events.append((EventKind.RETURN, today - dt.timedelta(days=1), assigner, {},
                           {"status": "returned"}, "Bổ sung số liệu."))
        if status == Status.PAUSED:
            events.append((EventKind.PAUSE, today, assigner, {}, {"status": "paused"}, "Tạm dừng chờ hướng dẫn."))
    task = Task(
        text=text, search_fold=_fold_text(text), assigning_unit_id=assigning.pk, assigned_by_id=org.leader_id,
        lead_unit_id=lead.pk, due_on=due, original_due_on=original_due, status=status,
        completed_on=completed, recurring=rng.random() < 0.08, priority=rng.random() < 0.15,
        created_by_id=assigner, created_at=_aware(created, rng),
    )
    events = [(kind, min(max(day, created), today), actor, before, after, note)
              for kind, day, actor, before, after, note in events]
    support = []
    if rng.random() < 0.25:
        support = list({u.pk for u in rng.sample(org.leads, k=min(2, len(org.leads)))} - {lead.pk})
    return Plan(task, support, events)


def _copy(model: type[models.Model], columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert plain rows: COPY on PostgreSQL (several times faster), bulk_create elsewhere."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        return
    model._default_manager.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in rows],
                              batch_size=BATCH)


def _insert(plans: list[Plan], rng: random.Random) -> int:
    tasks = Task.objects.bulk_create([p.task for p in plans], batch_size=BATCH)
    links: list[tuple[int, int]] = []
    events: list[tuple[Any, ...]] = []
    json = connection.vendor == "postgresql"  # COPY takes JSON as text
    for plan, task in zip(plans, tasks, strict=True):
        links.extend((task.pk, u) for u in plan.support)
        for kind, day, actor, before, after, note in plan.events:
            events.append((task.pk, kind, actor, _aware(day, rng),
                           dumps(before) if json else before, dumps(after) if json else after, note))
    _copy(Task.support_units.through, ("task_id", "unit_id"), links)
    _copy(TaskEvent, ("task_id", "kind", "actor_id", "at", "before", "after", "note"), events)
    return len(events)


def batches(total: int, size: int = BATCH) -> Iterator[int]:
    while total > 0:
        yield min(size, total)
        total -= size


def generate(
    *, units: int, tasks: int, seed: int, today: dt.date | None = None,
    report: Callable[[str], None] = lambda line: None,
) -> dict[str, int]:
    """Create ``units`` units and ``tasks`` tasks with their timelines; return the counts."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    tag = str(seed)
    if Unit.objects.filter(code__startswith=f"{CODE_PREFIX}{tag}-").exists():
        raise ValueError(tag)
    started = time.perf_counter()
    with transaction.atomic():
        org, all_units = build_units(units, rng, tag)
        build_people(org, all_units, tag)
    report(f"{len(all_units)} đơn vị, {len(all_units) + 2} người dùng ({time.perf_counter() - started:.1f} s)")
    done = events = 0
    for size in batches(tasks):
        with transaction.atomic():
            events += _insert([plan_task(org, rng, today) for _ in range(size)], rng)
        done += size
        report(f"{done}/{tasks} nhiệm vụ, {events} sự kiện ({time.perf_counter() - started:.1f} s)")
    return {"units": len(all_units), "tasks": done, "events": events}


def wipe_generated() -> dict[str, int]:
    """Remove every generated unit, person and task (and what hangs on those tasks)."""
    units = Unit.objects.filter(code__startswith=CODE_PREFIX)
    tasks = Task.objects.filter(lead_unit__in=units)
    counts = {"tasks": tasks.count()}
    with transaction.atomic():
        Notification.objects.filter(task__in=tasks).delete()
        Task.support_units.through.objects.filter(task__in=tasks).delete()
        for model in (TaskEvent, Attachment, ProgressReport, Submission, ExtensionRequest):
            model.objects.filter(task__in=tasks).delete()
        tasks.filter(parent__isnull=False).delete()
        tasks.delete()
        Task.objects.filter(assigning_unit__in=units).delete()
        User.objects.filter(username__startswith=USER_PREFIX).delete()
        counts["units"] = units.count()
        units.update(successor=None)
        for kind in (UnitKind.SUB_UNIT, None):
            qs = units.filter(kind=kind) if kind else units.exclude(kind=UnitKind.PEOPLES_COMMITTEE)
            qs.delete()
        units.delete()
    return counts
