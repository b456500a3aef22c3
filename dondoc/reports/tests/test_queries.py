"""The statistics agree with a plain Python recount from the shared timeliness rule."""

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dondoc.reports.models import RankingPolicy
from dondoc.reports.queries import (
    CLASSES,
    DayNumber,
    Figures,
    Period,
    Scope,
    compute,
    monthly_trend,
    overdue_by_year,
    overdue_tasks,
    period_tasks,
    totals,
)
from dondoc.reports.tests.builders import bulk_tasks
from dondoc.tasks.models import Task
from dondoc.tasks.timeliness import Timeliness, classify, days_overdue
from dondoc.tasks.workflow import Status

pytestmark = pytest.mark.django_db
D = dt.date
START, END = D(2026, 1, 1), D(2026, 3, 31)
TZ = timezone.get_fixed_timezone(7 * 60)

CLASS_NAME = {cls: name for name, group in CLASSES.items() for cls in group}


def recount(tasks, period, *, within=None):
    """The figures by hand, one task at a time, from ``classify`` and ``days_overdue``."""
    fig = Figures()
    for t in tasks:
        local_day = timezone.localdate(t.created_at)
        if not (period.start <= local_day <= period.end) or t.status == Status.WITHDRAWN:
            continue
        if within is not None and not t.lead_unit.path.startswith(within.path):
            continue
        cls = classify(status=t.status, due_on=t.due_on, completed_on=t.completed_on, today=period.as_of)
        name = CLASS_NAME[cls]
        setattr(fig, name, getattr(fig, name) + 1)
        fig.assigned += 1
        if t.due_on is not None and t.due_on <= period.as_of:
            fig.came_due += 1
            fig.came_due_done += t.status == Status.DONE
        if cls == Timeliness.OVERDUE:
            late = days_overdue(due_on=t.due_on, completed_on=t.completed_on, today=period.as_of)
            fig.sum_days_overdue += late
            fig.max_days_overdue = max(fig.max_days_overdue or 0, late)
    return fig


day_offsets = st.integers(min_value=-70, max_value=110)
task_spec = st.tuples(
    st.integers(min_value=0, max_value=3),
    st.sampled_from(list(Status)),
    st.one_of(st.none(), day_offsets),
    st.one_of(st.none(), day_offsets),
    st.integers(min_value=-20, max_value=100),
    st.sampled_from([0, 30, 23 * 60 + 30]),  # minutes after local midnight: the day boundary matters
)


def to_specs(raw):
    specs = []
    for unit_ix, status, due, completed, created, minutes in raw:
        created_at = dt.datetime.combine(START + dt.timedelta(days=created), dt.time(), tzinfo=TZ)
        specs.append((
            unit_ix, status,
            None if due is None else START + dt.timedelta(days=due),
            None if completed is None else START + dt.timedelta(days=completed),
            created_at + dt.timedelta(minutes=minutes),
        ))
    return specs


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.lists(task_spec, max_size=14), today=st.sampled_from([D(2026, 2, 13), D(2026, 6, 1)]))
def test_sql_figures_equal_a_python_recount_from_the_timeliness_rule(org, raw, today):
    Task.objects.all().delete()
    bulk_tasks(org, to_specs(raw))
    tasks = list(Task.objects.select_related("lead_unit"))
    period = Period.of(START, END, today=today)
    policy = RankingPolicy.current()

    stats = compute(period, Scope(root=org.committee), policy)
    assert stats.totals == recount(tasks, period)
    assert totals(period, Scope(root=org.committee)) == recount(tasks, period)
    for row in stats.rows:
        assert row.figures == recount(tasks, period, within=row.unit) or row.unit == org.finance
    by_unit = {row.unit.pk: row.figures for row in stats.rows}
    if org.finance.pk in by_unit:
        direct = [t for t in tasks if t.lead_unit_id == org.finance.pk]
        assert by_unit[org.finance.pk] == recount(direct, period)

    finance = compute(period, Scope(root=org.committee, unit=org.finance), policy)
    assert finance.totals == recount(tasks, period, within=org.finance)
    rolled = compute(period, Scope(root=org.committee, rollup=True), policy)
    rolled_finance = [r for r in rolled.rows if r.unit == org.finance]
    if rolled_finance:
        assert rolled_finance[0].figures == recount(tasks, period, within=org.finance)
    assert {r.unit for r in rolled.rows} <= {org.finance, org.construction, org.commune}

    trend = monthly_trend(period, Scope(root=org.committee))
    assert sum(p.assigned for p in trend) == stats.totals.assigned
    assert sum(p.overdue for p in trend) == stats.totals.overdue
    assert sum(p.done for p in trend) == stats.totals.done


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.lists(task_spec, max_size=14))
def test_overdue_by_year_counts_every_overdue_task_assigned_up_to_the_end(org, raw):
    Task.objects.all().delete()
    bulk_tasks(org, [(u, s, d, c, cr - dt.timedelta(days=400)) for u, s, d, c, cr in to_specs(raw)])
    period = Period.of(START, END, today=D(2026, 6, 1))
    expected = Counter()
    longest = Counter()
    for t in Task.objects.all():
        if timezone.localdate(t.created_at) > END:
            continue
        if classify(status=t.status, due_on=t.due_on, completed_on=t.completed_on, today=period.as_of) == Timeliness.OVERDUE:
            year = timezone.localtime(t.created_at).year
            expected[year] += 1
            late = days_overdue(due_on=t.due_on, completed_on=None, today=period.as_of)
            longest[year] = max(longest[year], late)
    found = overdue_by_year(period, Scope(root=org.committee))
    assert {y.year: y.overdue for y in found} == dict(expected)
    assert {y.year: y.max_days_overdue for y in found} == dict(longest)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.lists(st.tuples(st.sampled_from(list(Status)), st.one_of(st.none(), st.integers(-400, 400)),
                              st.integers(-40, 1900), st.sampled_from([0, 1, 7 * 60, 23 * 60 + 59])), max_size=12),
       months=st.integers(min_value=1, max_value=61))
def test_the_monthly_trend_puts_every_task_in_its_local_month(org, raw, months):
    """Periods of 1 to 61 months; tasks just after and just before local midnight of the 1st."""
    start = D(2021, 11, 1)
    last_month = start.month - 1 + months - 1
    end = D(start.year + (last_month + 1) // 12, (last_month + 1) % 12 + 1, 1) - dt.timedelta(days=1)
    Task.objects.all().delete()
    bulk_tasks(org, [
        (0, status, None if due is None else start + dt.timedelta(days=due + created), None,
         dt.datetime.combine(start + dt.timedelta(days=created), dt.time(), tzinfo=TZ) + dt.timedelta(minutes=minutes))
        for status, due, created, minutes in raw
    ])
    period = Period.of(start, end, today=D(2026, 11, 20))
    expected = Counter()
    for t in Task.objects.all():
        day = timezone.localdate(t.created_at)
        if start <= day <= end and t.status != Status.WITHDRAWN:
            cls = classify(status=t.status, due_on=t.due_on, completed_on=t.completed_on, today=period.as_of)
            expected[(day.year, day.month, "assigned")] += 1
            expected[(day.year, day.month, "done")] += t.status == Status.DONE
            expected[(day.year, day.month, "overdue")] += cls == Timeliness.OVERDUE
    trend = monthly_trend(period, Scope(root=org.committee))
    assert len(trend) == months and (trend[0].year, trend[0].month) == (2021, 11)
    assert {(p.year, p.month, k): getattr(p, k) for p in trend for k in ("assigned", "done", "overdue")
            if getattr(p, k)} == {k: v for k, v in expected.items() if v}


def test_the_six_classes_add_up_to_the_tasks_assigned(org):
    specs = [(0, s, D(2026, 2, d), D(2026, 2, d + 2), dt.datetime(2026, 1, 5, tzinfo=TZ))
             for s in Status for d in (1, 10, 25)]
    bulk_tasks(org, specs)
    fig = compute(Period.of(START, END, today=D(2026, 2, 12)), Scope(), RankingPolicy.current()).totals
    assert fig.assigned == sum(getattr(fig, name) for name in CLASSES) == len(specs) - 3  # withdrawn out


def test_days_between_dates_is_the_same_integer_on_every_database(org):
    days = [D(1969, 12, 31), D(1970, 1, 1), D(2000, 2, 29), D(2024, 12, 31), D(2026, 3, 1)]
    bulk_tasks(org, [(0, Status.ASSIGNED, d, None, dt.datetime(2026, 1, 5, tzinfo=TZ)) for d in days])
    found = list(Task.objects.order_by("due_on").annotate(n=DayNumber("due_on")).values_list("due_on", "n"))
    assert found == [(d, (d - D(1970, 1, 1)).days) for d in days]


def test_overdue_tasks_carry_their_days_overdue(org):
    bulk_tasks(org, [
        (0, Status.IN_PROGRESS, D(2026, 2, 1), None, dt.datetime(2026, 1, 5, tzinfo=TZ)),
        (1, Status.ASSIGNED, D(2026, 1, 20), None, dt.datetime(2026, 1, 6, tzinfo=TZ)),
        (2, Status.DONE, D(2026, 1, 20), D(2026, 1, 25), dt.datetime(2026, 1, 6, tzinfo=TZ)),
    ])
    period = Period.of(START, END, today=D(2026, 2, 10))
    assert [t.days_overdue for t in overdue_tasks(period, Scope())] == [21, 9]
    fig = totals(period, Scope())
    assert (fig.overdue, fig.max_days_overdue, fig.avg_days_overdue) == (2, 21, 15.0)


def test_rates_state_their_denominators(org):
    created = dt.datetime(2026, 1, 5, tzinfo=TZ)
    bulk_tasks(org, [
        (0, Status.DONE, D(2026, 1, 20), D(2026, 1, 19), created),   # came due, done on time
        (0, Status.DONE, D(2026, 1, 20), D(2026, 1, 25), created),   # came due, done late
        (0, Status.IN_PROGRESS, D(2026, 1, 30), None, created),      # came due, overdue
        (0, Status.DONE, D(2026, 3, 30), D(2026, 1, 30), created),   # done early, not yet due
        (0, Status.ASSIGNED, None, None, created),                   # no deadline
    ])
    fig = totals(Period.of(START, END, today=D(2026, 2, 10)), Scope())
    assert (fig.came_due, fig.came_due_done) == (3, 2)
    assert fig.completion_rate == round(2 / 3, 4)
    assert fig.on_time_rate == round(2 / 3, 4)  # 2 on time (one early) of 3 done with a deadline


def test_an_empty_period_has_no_rates(org):
    fig = totals(Period.of(START, END, today=D(2026, 2, 10)), Scope())
    assert fig.assigned == 0 and fig.completion_rate is None and fig.on_time_rate is None
    assert fig.max_days_overdue is None


def test_the_policy_praises_and_criticises_by_its_thresholds():
    policy = RankingPolicy()
    good = Figures(assigned=10, done_on_time=9, done_late=1, came_due=10, came_due_done=10)
    poor = Figures(assigned=10, done_on_time=4, overdue=6, came_due=10, came_due_done=4)
    middling = Figures(assigned=10, done_on_time=5, done_late=2, overdue=3, came_due=10, came_due_done=7)
    assert [policy.mark_for(f) for f in (good, poor, middling, Figures())] == ["praise", "criticise", "", ""]


def test_the_policy_reads_in_plain_percentages():
    assert str(RankingPolicy()) == "Khen ≥ 90 % hoàn thành và ≥ 80 % đúng hạn; phê bình < 50 % hoàn thành"


def test_a_committee_scope_leaves_out_other_committees_and_filters_nothing_when_alone(org):
    from dondoc.org.models import Unit

    created = dt.datetime(2026, 1, 5, tzinfo=TZ)
    other = Unit.objects.get(name="Ủy ban nhân dân tỉnh Khác")
    bulk_tasks(org, [(0, Status.ASSIGNED, D(2026, 1, 20), None, created),
                     (other, Status.ASSIGNED, D(2026, 1, 20), None, created)])
    period = Period.of(START, END, today=D(2026, 2, 10))
    scope = Scope(root=org.committee)
    assert "org_unit" in str(period_tasks(period, scope).query)
    assert totals(period, scope).assigned == 1
    Task.objects.filter(lead_unit=other).delete()
    org.outsider.delete()
    other.delete()
    alone = Scope(root=org.committee)
    assert "org_unit" not in str(period_tasks(period, alone).query)  # every unit is under it: no filter
    assert totals(period, alone).assigned == 1


def test_an_empty_period_has_no_unit_rows_plain_or_rolled_up(org):
    period = Period.of(START, END, today=D(2026, 2, 10))
    for rollup in (False, True):
        stats = compute(period, Scope(root=org.committee, rollup=rollup), RankingPolicy.current())
        assert stats.rows == [] and stats.totals == Figures()
