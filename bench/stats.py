"""Statistics page on 200,000 tasks over 2,000 units (PostgreSQL): server time, raw aggregate, ratio.

    .venv/bin/python bench/stats.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dondoc_bench_stats .venv/bin/python bench/stats.py

Creates the database if it is missing, migrates it and fills it once with
``dondoc generate --units 2000 --tasks 200000 --seed 1`` (tasks over five years),
then prints, for two periods (the last twelve months; the whole five years):

- the statistics page's server time, signed in as the generated leader (Django test
  client: middleware, queries, template; no network), median of 20;
- the raw per-unit aggregate query the page runs (cursor, same SQL), median of 20;
- their ratio. Targets: page ≤ 300 ms, ratio ≤ 2;
- and, for reference, the page's three aggregate queries together (units, trend, by year).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dondoc_bench_stats")
os.environ.setdefault("AXES_ENABLED", "false")

UNITS, TASKS, SEED, RUNS = 2000, 200_000, 1, 20


def ensure_database() -> None:
    import environ
    import psycopg

    cfg = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    if "postgresql" not in cfg["ENGINE"]:
        sys.exit("bench/stats.py measures PostgreSQL: set DATABASE_URL=postgres://…")
    admin = psycopg.connect(host=cfg["HOST"] or None, port=cfg["PORT"] or None, user=cfg["USER"] or None,
                            password=cfg["PASSWORD"] or None, dbname="postgres", autocommit=True)
    with admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone():
            admin.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


ensure_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from dondoc.org.access import acting_unit  # noqa: E402
from dondoc.org.models import Role, User  # noqa: E402
from dondoc.reports.queries import (  # noqa: E402
    Period,
    Scope,
    aggregates,
    monthly_trend,
    overdue_by_year,
    period_tasks,
    unit_rows,
)
from dondoc.tasks.models import Task  # noqa: E402


def build_data() -> None:
    call_command("migrate", verbosity=0)
    have = Task.objects.count()
    if have >= TASKS:
        return
    print(f"generating {UNITS} units and {TASKS} tasks (found {have}) …", flush=True)
    call_command("generate", units=UNITS, tasks=TASKS, seed=SEED, reset=bool(have), verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def median_ms(fn) -> float:
    fn()  # warm-up: connection, caches, plan
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(label: str, leader: User, start: dt.date, end: dt.date) -> tuple[float, float]:
    client = Client()
    client.force_login(leader)
    url = reverse("reports:stats")
    params = {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}

    def page() -> None:
        response = client.get(url, params)
        assert response.status_code == 200, response.status_code

    period = Period.of(start, end)
    scope = Scope(root=acting_unit(leader))
    sql, sql_params = (
        period_tasks(period, scope).values("lead_unit").annotate(**aggregates(period.as_of)).query.sql_with_params()
    )

    def raw() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, sql_params)
            cursor.fetchall()

    def all_aggregates() -> None:
        unit_rows(period, scope)
        monthly_trend(period, scope)
        overdue_by_year(period, scope)

    counted = period_tasks(period, scope).count()
    page_ms, raw_ms, all_ms = median_ms(page), median_ms(raw), median_ms(all_aggregates)
    print(f"{label}: {start:%d/%m/%Y}–{end:%d/%m/%Y}, {counted} tasks counted")
    print(f"  statistics page (server time, median of {RUNS}): {page_ms:7.1f} ms   target ≤ 300 ms")
    print(f"  raw per-unit aggregate query (median of {RUNS}):  {raw_ms:7.1f} ms")
    print(f"  ratio page / query:                              {page_ms / raw_ms:7.2f}     target ≤ 2")
    print(f"  the page's three aggregates (units, trend, by year) through the ORM: {all_ms:7.1f} ms;"
          f" page / them: {page_ms / all_ms:.2f}")
    return page_ms, raw_ms


def main() -> None:
    setup_test_environment()
    build_data()
    leader = User.objects.filter(role=Role.LEADER, username__startswith="gen-").order_by("pk").first()
    if leader is None:
        sys.exit("no generated leader found")
    today = timezone.localdate()
    print(f"PostgreSQL {connection.pg_version}; {Task.objects.count()} tasks; signed in as {leader.username}")
    measure("last twelve months", leader, today - dt.timedelta(days=365), today)
    measure("whole five years", leader, today.replace(year=today.year - 5), today)


if __name__ == "__main__":
    main()
