"""Reminder sweep over 200,000 tasks on PostgreSQL: time of one sweep and how many reminders it claimed.

    .venv/bin/python bench/remind.py [--date DD/MM/YYYY]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dondoc_bench_remind .venv/bin/python bench/remind.py

Uses its own database (default ``dondoc_bench_remind``). When it is missing it is
copied from ``dondoc_bench_stats`` (the statistics benchmark's 200,000 tasks) if
that exists and is idle, else created and filled with
``dondoc generate --units 2000 --tasks 200000 --seed 1``. Every generated person
gets an e-mail address so digests are built and sent (to Django's in-memory
backend). Before measuring, the reminders of the chosen day are deleted, so the
measured sweep does the whole day's work; then a second sweep (nothing to do) is
timed too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dondoc_bench_remind")
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

UNITS, TASKS, SEED = 2000, 200_000, 1
TEMPLATE_DB = "dondoc_bench_stats"


def ensure_database() -> None:
    import environ
    import psycopg

    cfg = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    if "postgresql" not in cfg["ENGINE"]:
        sys.exit("bench/remind.py measures PostgreSQL: set DATABASE_URL=postgres://…")
    admin = psycopg.connect(host=cfg["HOST"] or None, port=cfg["PORT"] or None, user=cfg["USER"] or None,
                            password=cfg["PASSWORD"] or None, dbname="postgres", autocommit=True)
    with admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone():
            return
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [TEMPLATE_DB]).fetchone():
            try:
                admin.execute(f'CREATE DATABASE "{cfg["NAME"]}" TEMPLATE "{TEMPLATE_DB}"')
                print(f"copied {TEMPLATE_DB} into {cfg['NAME']}", flush=True)
                return
            except psycopg.Error as exc:  # the template is in use: build our own
                print(f"could not copy {TEMPLATE_DB} ({exc.diag.message_primary}); generating", flush=True)
        admin.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", help="day to sweep (dd/mm/yyyy); default: the next working day from today")
    return parser.parse_args()


args = parse_args()
ensure_database()

import django  # noqa: E402

django.setup()

from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Value  # noqa: E402
from django.db.models.functions import Concat  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from dondoc.calendar.service import get_calendar  # noqa: E402
from dondoc.forms import parse_day  # noqa: E402
from dondoc.org.models import User  # noqa: E402
from dondoc.reminders.models import DigestClaim, Notification, ReminderClaim  # noqa: E402
from dondoc.reminders.sweep import REMINDABLE, run_sweep  # noqa: E402
from dondoc.tasks.models import EventKind, Task, TaskEvent  # noqa: E402


def build_data() -> None:
    call_command("migrate", verbosity=0)
    have = Task.objects.count()
    if have < TASKS:
        print(f"generating {UNITS} units and {TASKS} tasks (found {have}) …", flush=True)
        call_command("generate", units=UNITS, tasks=TASKS, seed=SEED, reset=bool(have), verbosity=0)
    User.objects.filter(email="").update(email=Concat("username", Value("@bench.dondoc.local")))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def forget(day: dt.date) -> None:
    """Remove the day's reminders so the measured sweep does the whole day's work again."""
    TaskEvent.objects.filter(kind=EventKind.REMINDED, after__day=day.isoformat()).delete()
    Notification.objects.filter(reminder__day=day).delete()
    ReminderClaim.objects.filter(day=day).delete()
    DigestClaim.objects.filter(day=day).delete()


def timed(day: dt.date):
    mail.outbox = []
    started = time.perf_counter()
    result = run_sweep(today=day)
    return result, time.perf_counter() - started


def main() -> None:
    setup_test_environment()  # the locmem mail backend keeps its outbox
    build_data()
    day = parse_day(args.date) if args.date else get_calendar().next_working_day(timezone.localdate())
    forget(day)
    total = Task.objects.count()
    open_tasks = Task.objects.filter(status__in=REMINDABLE, due_on__isnull=False).count()
    print(f"PostgreSQL {connection.pg_version}; {total} tasks, {open_tasks} open with a deadline; "
          f"sweep of {day:%d/%m/%Y}")
    result, seconds = timed(day)
    by_trigger = {}
    for trigger in ReminderClaim.objects.filter(day=day).values_list("trigger", flat=True):
        by_trigger[trigger] = by_trigger.get(trigger, 0) + 1
    print(f"  first sweep:  {seconds:7.2f} s   reminders claimed {result.claimed} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(by_trigger.items()))}), "
          f"recorded {result.recorded}, digests sent {len(result.digests_sent)}")
    again, seconds = timed(day)
    print(f"  second sweep: {seconds:7.2f} s   reminders claimed {again.claimed}, "
          f"recorded {again.recorded}, digests sent {len(again.digests_sent)} (idempotent)")


if __name__ == "__main__":
    main()
