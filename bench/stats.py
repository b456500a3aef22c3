"""Statistics page on 200,000 tasks over 2,000 units (PostgreSQL): server time, raw aggregate, ratio.

    .venv/bin/python bench/stats.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dondoc_bench_stats .venv/bin/python bench/stats.py

Creates the database if it is missing, migrates it and fills it once with
``dondoc generate --units 2000 --tasks 200000 --seed 1`` (tasks over five years),
then prints, for two periods (the last twelve months; the whole five years):

- the statistics page's server time, signed in as the generated leader (Django test
  client: middleware, session, queries, ranking, template, SVG charts; no network), median of 20;
- "the raw aggregate": the aggregate SQL the page's figures come from — every statement the
  page sends to the tasks table, captured from one page request (the per-unit table, the
  monthly trend, the overdue backlog by year), run back to back through a bare cursor with
  the rows fetched and nothing built from them, median of 20 — and each statement alone;
- their ratio (what the page adds to the SQL it cannot avoid). Targets: page ≤ 300 ms,
  ratio ≤ 2. For reference, also page ÷ the per-unit statement alone.

The page and the raw aggregate are timed in turns (page, raw, page, raw …), so that a change
of load on a shared machine weighs on both alike; the load average is printed for each period,
and so is the page's CPU time in this process (what Python costs, whatever the load).
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
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from dondoc.org.access import acting_unit  # noqa: E402
from dondoc.org.models import Role, User  # noqa: E402
from dondoc.reports.queries import Period, Scope, period_tasks  # noqa: E402
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


def paired_medians(page, raw) -> tuple[float, float, float]:
    """Medians of the page's and the raw aggregate's times, taken in turns (page, raw, page, raw …)
    so that both see the same load on a shared machine, and the median CPU time the page takes
    in this process (Python and the driver; PostgreSQL's own work is not in it)."""
    page(), raw()  # warm-up: connection, caches, plans
    page_times, raw_times, cpu_times = [], [], []
    for _ in range(RUNS):
        started, cpu = time.perf_counter(), time.process_time()
        page()
        page_times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu) * 1000)
        started = time.perf_counter()
        raw()
        raw_times.append((time.perf_counter() - started) * 1000)
    return statistics.median(page_times), statistics.median(raw_times), statistics.median(cpu_times)


def captured_task_queries(client: Client, url: str, params: dict[str, str]) -> list[str]:
    """The SQL (parameters inlined by the driver) of every statement one page request sends to
    the tasks table."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return [q["sql"] for q in ctx.captured_queries if 'FROM "tasks_task"' in q["sql"]]


def label_of(sql: str) -> str:
    if '"lead_unit"' in sql.split(" FROM ")[0]:
        return "per-unit table"
    if "bit0" in sql:
        return "monthly trend"
    if '"year"' in sql:
        return "overdue by year"
    return sql[:40]


def measure(label: str, leader: User, start: dt.date, end: dt.date) -> tuple[float, float]:
    client = Client()
    client.force_login(leader)
    url = reverse("reports:stats")
    params = {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}

    def page() -> None:
        response = client.get(url, params)
        assert response.status_code == 200, response.status_code

    statements = captured_task_queries(client, url, params)

    def run(sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            cursor.fetchall()

    def raw() -> None:
        for sql in statements:
            run(sql)

    counted = period_tasks(Period.of(start, end), Scope(root=acting_unit(leader))).count()
    load_before = os.getloadavg()[0]
    page_ms, raw_ms, cpu_ms = paired_medians(page, raw)
    each = [(label_of(sql), median_ms(lambda sql=sql: run(sql))) for sql in statements]
    unit_ms = next((ms for name, ms in each if name == "per-unit table"), float("nan"))
    print(f"{label}: {start:%d/%m/%Y}–{end:%d/%m/%Y}, {counted} tasks counted"
          f" (load average {load_before:.1f} → {os.getloadavg()[0]:.1f} while measuring)")
    print(f"  statistics page (server time, median of {RUNS}):      {page_ms:7.1f} ms   target ≤ 300 ms")
    print(f"  raw aggregate = the page's {len(statements)} statements on the tasks table, bare cursor:"
          f" {raw_ms:7.1f} ms")
    for name, ms in each:
        print(f"      {name:<20s} {ms:7.1f} ms")
    print(f"  page − raw aggregate (Python, template, other rows):  {page_ms - raw_ms:7.1f} ms")
    print(f"  page's CPU time in this process (Python + driver):   {cpu_ms:7.1f} ms   (load-independent-ish)")
    print(f"  ratio page / raw aggregate:                          {page_ms / raw_ms:7.2f}     target ≤ 2")
    print(f"  (page / the per-unit statement alone:                {page_ms / unit_ms:7.2f})")
    return page_ms, raw_ms


def main() -> None:
    setup_test_environment()
    build_data()
    leader = User.objects.filter(role=Role.LEADER, username__startswith="gen-").order_by("pk").first()
    if leader is None:
        sys.exit("no generated leader found")
    today = timezone.localdate()
    load = os.getloadavg()[0]
    print(f"PostgreSQL {connection.pg_version}; {Task.objects.count()} tasks; signed in as {leader.username};"
          f" load average {load:.1f} on {os.cpu_count()} cores")
    measure("last twelve months", leader, today - dt.timedelta(days=365), today)
    measure("whole five years", leader, today.replace(year=today.year - 5), today)


if __name__ == "__main__":
    main()
