"""Read-only statistics on task execution: one computation for every screen, export and command.

Which tasks are counted ("the period")
    A statistic covers the period [start, end] (dates, both inclusive): the tasks
    *assigned* in it, i.e. whose ``created_at`` falls on a local
    (Asia/Ho_Chi_Minh) date between start and end. Withdrawn tasks are left out
    of every figure. The scope narrows that set further: a lead unit and its
    sub-units (``Unit.path`` prefix), one leader's assignments (``assigned_by``),
    one document, priority tasks only.

On which day they are judged (``as_of``)
    ``as_of = min(end, today)``. Open tasks are judged on that day by the shared
    rule (``dondoc.tasks.timeliness``): a report for a past period says how the
    tasks stood at its end, a report for the running period says how they stand
    today. The state itself (done or not, completion date, deadline in force) is
    the task's current one; dondoc does not replay history, so a task finished
    after ``end`` counts as done, on time or late by its own completion date.

The seven classes (they add up to ``assigned``)
    ``done_on_time``, ``done_late``, ``done_no_deadline`` (đã hoàn thành: đúng
    hạn / quá hạn / không có hạn), ``within_deadline`` (chưa hoàn thành, trong
    hạn — *including* the tasks due soon), ``overdue`` (chưa hoàn thành, quá
    hạn) and ``open_no_deadline`` (chưa hoàn thành, không có hạn). They are the
    timeliness classes of ``timeliness_filter`` — the rule is not re-implemented here.

The rates (fractions 0–1, ``None`` when the denominator is 0)
    ``completion_rate = came_due_done / came_due`` where ``came_due`` counts the
    tasks with a deadline on or before ``as_of`` (đến hạn — the Government
    Office's denominator: tasks whose deadline has come) and ``came_due_done``
    those of them that are done (on time or late). Tasks whose deadline has not
    come yet are neither a success nor a failure yet, so they stay out of both
    sides (counting an early finish only on top would let the rate pass 100 %);
    tasks without a deadline are out too (Hải Phòng: "so với nhiệm vụ có hạn").
    ``on_time_rate = done_on_time / (done_on_time + done_late)``: of the tasks
    done that had a deadline, the share done by it.

Days overdue
    For the tasks in the ``overdue`` class (open, deadline passed on ``as_of``):
    ``as_of - due_on`` in calendar days, as ``days_overdue`` says. The maximum and
    the average are over those tasks. ``DaysBetween`` computes the difference in
    SQL with the same integer result on SQLite and PostgreSQL.

Overdue by year of assignment
    The tasks of the scope assigned up to ``end`` (any earlier year included —
    the carried-over backlog, "nhiệm vụ quá hạn chưa hoàn thành năm 2021,
    2022…"), overdue on ``as_of``, counted by the local year of ``created_at``.

Trend
    For each month of the period: the tasks assigned that month, how many of
    them are done and how many are overdue on ``as_of``.

Every figure comes from one SQL aggregate (``Count(filter=…)``, ``Max``, ``Sum``)
grouped with ``.values()``; Python only adds up or ranks the aggregated rows.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cached_property, reduce
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    BooleanField,
    Count,
    Expression,
    F,
    Func,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import ExtractYear
from django.utils import timezone

from dondoc.org.models import Unit
from dondoc.tasks.models import Task
from dondoc.tasks.timeliness import Timeliness, timeliness_filter
from dondoc.tasks.workflow import OPEN_STATUSES, Status

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler, _AsSqlType
    from django_stubs_ext import WithAnnotations

EPOCH = dt.date(1970, 1, 1)

#: The seven classes, in the order of the reports, with the timeliness classes behind each.
CLASSES: dict[str, tuple[Timeliness, ...]] = {
    "done_on_time": (Timeliness.DONE_ON_TIME,),
    "done_late": (Timeliness.DONE_LATE,),
    "done_no_deadline": (Timeliness.DONE_NO_DEADLINE,),
    "within_deadline": (Timeliness.WITHIN_DEADLINE, Timeliness.DUE_SOON),
    "overdue": (Timeliness.OVERDUE,),
    "open_no_deadline": (Timeliness.NO_DEADLINE,),
}
COUNTED_CLASSES: tuple[Timeliness, ...] = tuple(c for group in CLASSES.values() for c in group)


class DayNumber(Func):
    """Days since 1970-01-01 of a date column, as an integer, on SQLite and PostgreSQL alike."""

    output_field = IntegerField()
    arity = 1

    def as_sqlite(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> _AsSqlType:
        return self.as_sql(
            compiler, connection, template="CAST(julianday(%(expressions)s) - 2440587.5 AS INTEGER)", **extra
        )

    def as_postgresql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> _AsSqlType:
        return self.as_sql(compiler, connection, template="(%(expressions)s - DATE '1970-01-01')", **extra)


def days_past(column: str, day: dt.date) -> Any:
    """``day - column`` in calendar days, as a SQL expression (the twin of ``days_overdue``)."""
    return Value((day - EPOCH).days, output_field=IntegerField()) - DayNumber(F(column))


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    as_of: dt.date

    @classmethod
    def of(cls, start: dt.date, end: dt.date, today: dt.date | None = None) -> Period:
        today = today or timezone.localdate()
        return cls(start=start, end=end, as_of=min(end, today))

    def created_range(self) -> tuple[dt.datetime, dt.datetime]:
        """The aware datetimes bounding the local days start…end (end exclusive)."""
        tz = timezone.get_current_timezone()
        first = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        after = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return first, after


@dataclass(frozen=True)
class Scope:
    """Which tasks: ``root`` bounds what the person may see (None: everything, for admins
    and the command line); ``unit`` narrows to one unit and its sub-units."""

    root: Unit | None = None
    unit: Unit | None = None
    assigned_by_id: int | None = None
    document_id: int | None = None
    priority_only: bool = False
    rollup: bool = False

    @property
    def unit_or_root(self) -> Unit | None:
        return self.unit or self.root

    @cached_property
    def covers_every_unit(self) -> bool:
        within = self.unit_or_root
        return within is None or _covers_every_unit(within)

    def condition(self) -> Q:
        q = Q()
        within = self.unit_or_root
        if within is not None and not self.covers_every_unit:
            q &= Q(lead_unit__in=Unit.objects.filter(path__startswith=within.path).values("pk"))
        if self.assigned_by_id:
            q &= Q(assigned_by_id=self.assigned_by_id)
        if self.document_id:
            q &= Q(document_id=self.document_id)
        if self.priority_only:
            q &= Q(priority=True)
        return q


def _covers_every_unit(unit: Unit) -> bool:
    """Whether every unit is ``unit`` or under it (the province's committee, where a single
    province is kept): then its scope filters nothing, and the aggregate queries skip the
    look-up of the unit of every task."""
    return unit.parent_id is None and not Unit.objects.exclude(path__startswith=unit.path).exists()


def scoped_tasks(scope: Scope) -> QuerySet[Task]:
    return Task.objects.filter(scope.condition()).order_by()


def period_tasks(period: Period, scope: Scope) -> QuerySet[Task]:
    """The tasks counted: assigned in the period, in the scope, not withdrawn."""
    first, after = period.created_range()
    return (
        scoped_tasks(scope)
        .filter(created_at__gte=first, created_at__lt=after)
        .exclude(status=Status.WITHDRAWN)
    )


def in_classes(classes: tuple[Timeliness, ...], as_of: dt.date) -> Q:
    return reduce(operator.or_, (timeliness_filter(cls, as_of) for cls in classes))


def aggregates(as_of: dt.date) -> dict[str, Any]:
    """The aggregate expressions behind ``Figures``, for ``.annotate()`` or ``.aggregate()``.

    Four of the six classes are counted by their ``timeliness_filter``; the other two follow
    by subtraction (``Figures.from_row``), because the classes split the tasks exactly:
    ``done_late = done - done_on_time - done_no_deadline`` and ``within_deadline = assigned -
    done - overdue - open_no_deadline``. Those two have the widest filters (an OR of ranges),
    so the hot query evaluates fewer, simpler conditions per task."""
    overdue = timeliness_filter(Timeliness.OVERDUE, as_of)
    came_due = Q(due_on__lte=as_of)
    done = Q(status=Status.DONE)
    return {
        "assigned": Count("pk"),
        "done": Count("pk", filter=done),
        "done_on_time": Count("pk", filter=timeliness_filter(Timeliness.DONE_ON_TIME, as_of)),
        "done_no_deadline": Count("pk", filter=timeliness_filter(Timeliness.DONE_NO_DEADLINE, as_of)),
        "overdue": Count("pk", filter=overdue),
        "open_no_deadline": Count("pk", filter=timeliness_filter(Timeliness.NO_DEADLINE, as_of)),
        "came_due": Count("pk", filter=came_due),
        "came_due_done": Count("pk", filter=came_due & done),
        "max_days_overdue": Max(days_past("due_on", as_of), filter=overdue),
        "sum_days_overdue": Sum(days_past("due_on", as_of), filter=overdue),
    }


def rate(numerator: int, denominator: int) -> float | None:
    return None if not denominator else round(numerator / denominator, 4)


@dataclass
class Figures:
    assigned: int = 0
    done_on_time: int = 0
    done_late: int = 0
    done_no_deadline: int = 0
    within_deadline: int = 0
    overdue: int = 0
    open_no_deadline: int = 0
    came_due: int = 0
    came_due_done: int = 0
    max_days_overdue: int | None = None
    sum_days_overdue: int = 0

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Figures:
        """The figures of one row of ``aggregates`` (the two derived classes filled in)."""
        values = {name: row.get(name) or 0 for name in _FIELDS}
        values["max_days_overdue"] = row.get("max_days_overdue")
        done = row.get("done") or 0
        values["done_late"] = done - values["done_on_time"] - values["done_no_deadline"]
        values["within_deadline"] = values["assigned"] - done - values["overdue"] - values["open_no_deadline"]
        return cls(**values)

    @classmethod
    def from_values(cls, values: tuple) -> Figures:
        """The figures of one row of ``aggregates`` read as a tuple, in the order of its keys."""
        (assigned, done, done_on_time, done_no_deadline, overdue, open_no_deadline, came_due,
         came_due_done, max_days_overdue, sum_days_overdue) = values
        return cls(assigned, done_on_time, done - done_on_time - done_no_deadline, done_no_deadline,
                   assigned - done - overdue - open_no_deadline, overdue, open_no_deadline, came_due,
                   came_due_done, max_days_overdue, sum_days_overdue or 0)

    @classmethod
    def total(cls, many: list[Figures]) -> Figures:
        """The column sums of aggregated rows (the maximum for ``max_days_overdue``)."""
        if not many:
            return cls()
        # One pass over the rows' values, summed column by column (thousands of rows per page).
        columns = list(zip(*map(_values_of, many), strict=True))
        values: dict[str, Any] = {name: sum(column) for name, column in zip(_FIELDS, columns, strict=True)
                                  if name != "max_days_overdue"}
        values["max_days_overdue"] = max(
            (m for m in columns[_FIELDS.index("max_days_overdue")] if m is not None), default=None)
        return cls(**values)

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late + self.done_no_deadline

    @property
    def not_done(self) -> int:
        return self.within_deadline + self.overdue + self.open_no_deadline

    # Computed once per row (ranking, marks, the table and the chart all read them); figures
    # are values: built from an aggregated row or a sum, never changed once their rates are read.
    # (A plain memo: functools.cached_property takes a lock on every read in Python 3.11.)
    @property
    def completion_rate(self) -> float | None:
        memo = self.__dict__
        if "_completion_rate" not in memo:
            memo["_completion_rate"] = rate(self.came_due_done, self.came_due)
        return memo["_completion_rate"]

    @property
    def on_time_rate(self) -> float | None:
        memo = self.__dict__
        if "_on_time_rate" not in memo:
            memo["_on_time_rate"] = rate(self.done_on_time, self.done_on_time + self.done_late)
        return memo["_on_time_rate"]

    @property
    def avg_days_overdue(self) -> float | None:
        return None if not self.overdue else round(self.sum_days_overdue / self.overdue, 1)

    def __add__(self, other: Figures) -> Figures:
        values: dict[str, Any] = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            if f.name == "max_days_overdue":
                values[f.name] = max((x for x in (a, b) if x is not None), default=None)
            else:
                values[f.name] = a + b
        return Figures(**values)

    def as_json(self) -> dict[str, Any]:
        return {
            "assigned": self.assigned,
            **{name: getattr(self, name) for name in CLASSES},
            "completion_rate": self.completion_rate,
            "on_time_rate": self.on_time_rate,
            "max_days_overdue": self.max_days_overdue,
            "avg_days_overdue": self.avg_days_overdue,
            "came_due": self.came_due,
            "came_due_done": self.came_due_done,
        }


_FIELDS = tuple(f.name for f in fields(Figures))
_COUNTS = tuple(name for name in _FIELDS if name != "max_days_overdue")
_values_of = operator.attrgetter(*_FIELDS)


class Mark:
    PRAISE = "praise"
    CRITICISE = "criticise"


class UnitRef(NamedTuple):
    """What a row needs of its unit — read as plain values for the thousands of rows ranked;
    ``UnitRow.unit`` builds the model instance only for the rows that are shown."""

    pk: int
    name: str
    name_fold: str
    path: str
    parent_id: int | None


_REF_FIELDS = ("pk", "name", "name_fold", "path", "parent_id")


def _refs(units: QuerySet[Unit]) -> list[tuple]:
    """(pk, name, name_fold, path, parent_id) of each unit, as plain tuples."""
    return _plain_rows(units.order_by().values_list(*_REF_FIELDS))


@dataclass
class UnitRow:
    ref: UnitRef
    figures: Figures
    rank: int = 0
    mark: str = ""
    rolled_up: bool = False

    @cached_property
    def unit(self) -> Unit:
        """The unit as a model instance (the fields of ``UnitRef`` loaded, the others deferred)."""
        ref = self.ref
        return Unit.from_db(Unit.objects.db, ["id", "name", "name_fold", "path", "parent_id"],
                            (ref.pk, ref.name, ref.name_fold, ref.path, ref.parent_id))

    def as_json(self) -> dict[str, Any]:
        return {"unit": self.ref.name, "unit_id": self.ref.pk, "rank": self.rank,
                "mark": self.mark, **self.figures.as_json()}


def totals(period: Period, scope: Scope) -> Figures:
    return Figures.from_row(period_tasks(period, scope).aggregate(**aggregates(period.as_of)))


def _units_of(scope: Scope, wanted: dict[int, Any]) -> dict[int, UnitRef]:
    """The units of the rows as plain values, read by the scope's path (no list of thousands of
    ids to send, no model instance for each)."""
    units = Unit.objects.all()
    within = scope.unit_or_root
    if not scope.covers_every_unit and within is not None:
        units = units.filter(path__startswith=within.path)
    found = {row[0]: UnitRef(*row) for row in _refs(units) if row[0] in wanted}
    missing = [pk for pk in wanted if pk not in found]
    if missing:  # a task led by a unit outside the path (moved since): read it by id
        found.update((row[0], UnitRef(*row)) for row in _refs(Unit.objects.filter(pk__in=missing)))
    return found


def _top_level_path(unit: UnitRef, root: Unit | None) -> str:
    """The path of the unit right under ``root`` on the way to ``unit`` (itself if it is the root)."""
    step = len(f"{0:06d}.")
    # Without a root (an administrator, the command line) the committees are the roots.
    depth = (root.path.count(".") if root else 1) + 1
    return unit.path[: depth * step] if len(unit.path) >= depth * step else unit.path


def _plain_rows(queryset: QuerySet) -> list[tuple]:
    """The rows of a ``.values()``/``.values_list()`` query as the database driver gives them, for
    columns the driver already gives as Python values (ids, text, counts, sums and maxima of
    integers — the same on SQLite and PostgreSQL): the ORM's per-value conversion (20,000 calls
    for 2,000 units) is skipped. Columns: the fields, then the annotations, in order."""
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # a condition that matches nothing (``pk__in=[]``): no query to send
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def unit_rows(period: Period, scope: Scope) -> list[UnitRow]:
    """Figures per lead unit (or per top-level unit under the scope's unit with ``rollup``),
    in no particular order; ``rank_rows`` ranks them."""
    grouped = period_tasks(period, scope).values("lead_unit").annotate(**aggregates(period.as_of))
    by_unit = {row[0]: Figures.from_values(row[1:]) for row in _plain_rows(grouped)}
    units = _units_of(scope, by_unit)
    if not scope.rollup:
        return [UnitRow(ref=units[pk], figures=fig) for pk, fig in by_unit.items()]
    parent = scope.unit_or_root
    tops: dict[str, list[Figures]] = {}
    for pk, fig in by_unit.items():
        key = _top_level_path(units[pk], parent)
        tops.setdefault(key, []).append(fig)
    top_units = {row[3]: UnitRef(*row) for row in _refs(Unit.objects.filter(path__in=list(tops)))}
    return [UnitRow(ref=top_units[path], figures=Figures.total(figs), rolled_up=True)
            for path, figs in tops.items()]


SORT_KEYS = ("rank", "unit", "assigned", "done_on_time", "done_late", "done_no_deadline",
             "within_deadline", "overdue", "open_no_deadline", "completion_rate", "on_time_rate",
             "max_days_overdue")


def _merit(row: UnitRow) -> tuple:
    f = row.figures
    return (
        -(f.completion_rate if f.completion_rate is not None else -1),
        -(f.on_time_rate if f.on_time_rate is not None else -1),
        f.overdue,
        -f.assigned,
        row.ref.name,
    )


def rank_rows(rows: list[UnitRow], policy: Any) -> list[UnitRow]:
    """Rank by completion rate, then on-time rate, then fewer overdue tasks; mark praise and
    criticism by ``policy`` (a ``RankingPolicy``). Returns the rows in rank order."""
    ordered = sorted(rows, key=_merit)
    mark_for = policy.marker()
    for position, row in enumerate(ordered, start=1):
        row.rank = position
        row.mark = mark_for(row.figures)
    return ordered


def sort_rows(rows: list[UnitRow], key: str, descending: bool = False) -> list[UnitRow]:
    if key not in SORT_KEYS or key == "rank":
        return sorted(rows, key=lambda r: r.rank, reverse=descending)
    if key == "unit":
        return sorted(rows, key=lambda r: r.ref.name_fold, reverse=descending)

    def value(row: UnitRow) -> tuple:
        v = getattr(row.figures, key)
        # Missing rates sort last whatever the direction.
        return (v is None, (-v if descending else v) if v is not None else 0, row.rank)

    return sorted(rows, key=value)


@dataclass
class MonthPoint:
    year: int
    month: int
    assigned: int
    done: int
    overdue: int

    @property
    def label(self) -> str:
        return f"{self.month:02d}/{self.year}"


def _months(period: Period) -> list[tuple[int, int, dt.datetime]]:
    """(year, month, aware start of the next local month) for each month of the period."""
    tz = timezone.get_current_timezone()
    months = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        after = (year + 1, 1) if month == 12 else (year, month + 1)
        months.append((year, month, dt.datetime(*after, 1, tzinfo=tz)))
        year, month = after
    return months


class MonthBit(Expression):
    """Bit ``bit`` of the month of ``created_at`` among the months ending at ``afters``, read as
    the path of a binary search over the month boundaries: ``bit0`` says whether it falls in the
    upper half of the months, ``bit1`` in the upper half of that half, and so on (month index =
    the bits read as a binary number).

    Why not one integer (a CASE over the boundaries)? PostgreSQL cannot tell that such a CASE
    takes at most 61 values: it estimates one group per task, and groups 200 000 rows by
    sorting them (on disk). A boolean it counts as two values, so six booleans make at most
    64 groups, which it hashes in each parallel worker. Same rows, same counts, several times
    cheaper; SQLite gives the same answer.

    The nested ``CASE WHEN column >= boundary THEN … ELSE … END`` is written here directly: built
    from ``Case``/``When``/``Q`` (127 comparisons for five years) Django spent ~15 ms compiling
    and hashing it on every page."""

    output_field = BooleanField()

    def __init__(self, column: str, afters: tuple[dt.datetime, ...], bit: int, depth: int) -> None:
        super().__init__(output_field=BooleanField())
        self.column: Any = F(column)
        # (not ``target``: Django reads that attribute of a grouped expression as a column's field)
        self.afters, self.bit, self.depth = afters, bit, depth

    def get_source_expressions(self) -> list[Any]:
        return [self.column]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.column,) = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        column_sql, column_params = compiler.compile(self.column)
        field = self.column.output_field
        bounds = [field.get_db_prep_value(after, connection) for after in self.afters]

        def bit(level: int, lo: int, size: int) -> tuple[str, list[Any]]:
            half = size // 2
            # In the months lo … lo+size-1: is the month index ≥ lo + half?
            if lo + half - 1 < len(bounds):
                upper, params = f"{column_sql} >= %s", [*column_params, bounds[lo + half - 1]]
            else:
                upper, params = "(1 = 0)", []
            if level == self.bit:
                return upper, params
            high, high_params = bit(level + 1, lo + half, half)
            low, low_params = bit(level + 1, lo, half)
            return f"CASE WHEN {upper} THEN {high} ELSE {low} END", params + high_params + low_params

        return bit(0, 0, 2 ** self.depth)


def _month_bits(afters: list[dt.datetime]) -> dict[str, Any]:
    """The month of ``created_at`` as booleans ``bit0`` … (see ``MonthBit``)."""
    depth = max(1, (len(afters) - 1).bit_length())
    return {f"bit{d}": MonthBit("created_at", tuple(afters), d, depth) for d in range(depth)}


def _month_index(row: dict[str, Any], depth: int) -> int:
    return sum(1 << (depth - 1 - d) for d in range(depth) if row[f"bit{d}"])


def monthly_trend(period: Period, scope: Scope) -> list[MonthPoint]:
    """Per month of assignment in the period: assigned, done, overdue on ``as_of`` (zero months kept).

    The month is found by comparing ``created_at`` with the local month boundaries, not by
    converting every row to local time (the same answer, several times cheaper); see
    ``_month_bits`` for how the comparisons are grouped."""
    months = _months(period)
    bits = _month_bits([after for _, _, after in months])
    rows = (
        period_tasks(period, scope)
        .values(**bits)
        .annotate(
            assigned=Count("pk"),
            done=Count("pk", filter=Q(status=Status.DONE)),
            overdue=Count("pk", filter=timeliness_filter(Timeliness.OVERDUE, period.as_of)),
        )
    )
    found = {_month_index(r, len(bits)): r for r in rows}
    return [
        MonthPoint(year, month, *(found.get(i, {}).get(k, 0) for k in ("assigned", "done", "overdue")))
        for i, (year, month, _) in enumerate(months)
    ]


@dataclass
class YearCount:
    year: int
    overdue: int
    max_days_overdue: int


def overdue_by_year(period: Period, scope: Scope) -> list[YearCount]:
    """Tasks of the scope assigned up to ``end`` (any year) and overdue on ``as_of``, by year assigned."""
    tz = timezone.get_current_timezone()
    _, after = period.created_range()
    rows = (
        scoped_tasks(scope)
        # ``status__in`` repeats what the overdue class implies, so the (status, due_on) index serves.
        .filter(timeliness_filter(Timeliness.OVERDUE, period.as_of), status__in=OPEN_STATUSES,
                created_at__lt=after)
        .values(year=ExtractYear("created_at", tzinfo=tz))
        .annotate(overdue=Count("pk"), max_days=Max(days_past("due_on", period.as_of)))
        .order_by("year")
    )
    return [YearCount(r["year"], r["overdue"], r["max_days"] or 0) for r in rows]


class DaysOverdue(TypedDict):
    """The annotation ``overdue_tasks`` adds to each task."""

    days_overdue: int


def overdue_tasks(period: Period, scope: Scope) -> QuerySet[WithAnnotations[Task, DaysOverdue]]:
    """The overdue tasks counted in the period, longest overdue first, with ``days_overdue``."""
    return (
        period_tasks(period, scope)
        .filter(timeliness_filter(Timeliness.OVERDUE, period.as_of))
        .annotate(days_overdue=days_past("due_on", period.as_of))
        .select_related("lead_unit", "document")
        .order_by("-days_overdue", "id")
    )


def open_tasks(period: Period, scope: Scope) -> QuerySet[Task]:
    """The unfinished tasks counted in the period (for the inspection report)."""
    return (
        period_tasks(period, scope)
        .exclude(status=Status.DONE)
        .select_related("lead_unit", "document")
        .order_by("due_on", "id")
    )


@dataclass
class Statistics:
    """Everything one statistics screen or export shows."""

    period: Period
    scope: Scope
    totals: Figures
    rows: list[UnitRow] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "as_of": self.period.as_of.isoformat(),
            "totals": self.totals.as_json(),
            "units": [row.as_json() for row in self.rows],
        }


def compute(period: Period, scope: Scope, policy: Any) -> Statistics:
    """Per-unit figures (one aggregate query), ranked; the totals add the unit rows up."""
    rows = rank_rows(unit_rows(period, scope), policy)
    total = Figures.total([r.figures for r in rows])
    return Statistics(period=period, scope=scope, totals=total, rows=rows)


def percent(value: float | Decimal | None) -> str:
    """A rate for people: "87,5 %" (Vietnamese decimal comma), "—" when there is none."""
    if value is None:
        return "—"
    return f"{float(value) * 100:.1f}".replace(".", ",") + " %"


__all__ = [
    "CLASSES", "DayNumber", "Figures", "Mark", "MonthPoint", "Period", "Scope", "Statistics",
    "UnitRef", "UnitRow", "compute", "days_past", "monthly_trend", "open_tasks", "overdue_by_year",
    "overdue_tasks", "percent", "period_tasks", "rank_rows", "sort_rows", "totals",
    "unit_rows",
]
