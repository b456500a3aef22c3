"""Server-side time of the main screens with the demo data (median of 20 requests).

    .venv/bin/python bench/web.py              # SQLite file var/bench-web.sqlite3
    DATABASE_URL=postgres://… .venv/bin/python bench/web.py

Builds the demo province if it is missing (``dondoc demo``; without it, the test
organisation and a few hundred tasks), then times requests through Django's test
client, which runs the whole middleware and template stack but no network.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-web.sqlite3'}")
os.environ.setdefault("AXES_ENABLED", "false")
(ROOT / "var").mkdir(exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command, get_commands  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from dondoc.org.models import User  # noqa: E402
from dondoc.tasks.models import Task  # noqa: E402

REQUESTS = 20


def build_data() -> None:
    call_command("migrate", verbosity=0)
    if User.objects.filter(username="vanphong").exists():
        return
    if "demo" in get_commands():
        call_command("demo", verbosity=0)
        return
    import datetime as dt

    from dondoc.testing import build_org, make_task

    org = build_org()
    units = [org.finance, org.construction, org.commune, org.finance_budget]
    today = dt.date.today()
    for n in range(400):
        make_task(org, lead=units[n % 4], text=f"Nhiệm vụ thử số {n}",
                  due_on=today + dt.timedelta(days=(n % 90) - 30) if n % 7 else None)


def median_ms(client: Client, url: str) -> float:
    client.get(url)  # warm caches (templates, calendar)
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main() -> None:
    setup_test_environment()
    build_data()
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}; tasks: {Task.objects.count()}")
    for username in ("vanphong", "donvi"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        for name, url in (
            ("dashboard", reverse("web:home")),
            ("task list", reverse("web:task-list")),
            ("task list, search + overdue", reverse("web:task-list") + "?q=ubnd&timeliness=overdue"),
        ):
            print(f"{username:<10} {name:<30} median of {REQUESTS}: {median_ms(client, url):7.1f} ms")


if __name__ == "__main__":
    main()
