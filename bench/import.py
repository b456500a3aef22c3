"""Importing a 5,000-row task tracker: rows per second for reading and for confirming.

    .venv/bin/python bench/import.py [--rows 5000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dondoc_bench_import .venv/bin/python bench/import.py

Uses a fresh database each time: a temporary SQLite file by default, or the
PostgreSQL database named in DATABASE_URL (dropped and created again). The
demo province's units and people are loaded (``build_organisation``); the
sheet is built with openpyxl: unit names as trackers write them (abbreviations,
several lead units in a cell, collectives now and then), deadlines in every
form, one "Văn bản giao" per 25 rows, a note on one row in ten and one row in
eight already done. Reading = checking the upload + reading and resolving
every row (what the worker does); confirming = ``import_confirm`` in its one
transaction (documents, tasks, notes, submissions and confirmations).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
_TMP = tempfile.mkdtemp(prefix="dondoc-bench-import-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_TMP}/bench.sqlite3")
os.environ.setdefault("MEDIA_ROOT", f"{_TMP}/media")

LEADS = ["Sở Tài chính", "Sở TN&MT", "Sở Xây dựng", "Sở GD&ĐT", "Sở Y tế", "Công an tỉnh",
         "Sở Tài chính; Sở Xây dựng", "UBND các xã, phường", "Sở Nội vụ", "Sở KH&CN"]
DUES = ["30/06/2025", "Quý III/2025", "Tháng 9/2025", "Thường xuyên", dt.datetime(2025, 12, 31), "Năm 2025"]


def fresh_database() -> None:
    import environ

    cfg = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    if "postgresql" not in cfg["ENGINE"]:
        return
    import psycopg

    admin = psycopg.connect(host=cfg["HOST"] or None, port=cfg["PORT"] or None, user=cfg["USER"] or None,
                            password=cfg["PASSWORD"] or None, dbname="postgres", autocommit=True)
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{cfg["NAME"]}"')
        admin.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


def sheet(rows: int, known_units: list[str]) -> bytes:
    from openpyxl import Workbook

    rng = random.Random(1)
    leads = [name for name in LEADS if name.split(";")[0].split(",")[0] in known_units or "các" in name] or LEADS
    book = Workbook()
    ws = book.active
    ws.append(["BẢNG THEO DÕI NHIỆM VỤ NĂM 2025"])
    ws.append(["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Văn bản giao",
               "Ghi chú", "Tình trạng", "Ngày hoàn thành"])
    for n in range(1, rows + 1):
        done = n % 8 == 0
        ws.append([
            n, f"Nhiệm vụ số {n}: triển khai, rà soát và báo cáo kết quả thực hiện theo chỉ đạo",
            rng.choice(leads), "Sở Tài chính" if n % 3 == 0 else None, rng.choice(DUES),
            f"Công văn số {n // 25 + 1}/UBND-KT ngày 02/01/2025", "Đang chờ hồ sơ" if n % 10 == 0 else None,
            "Đã hoàn thành" if done else "Đang thực hiện", dt.datetime(2025, 5, 20) if done else None,
        ])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    fresh_database()

    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from dondoc.demo.organisation import build_organisation
    from dondoc.documents.models import ExtractionRun, RunStatus
    from dondoc.documents.services import import_confirm, import_run_create
    from dondoc.org.models import Role, Unit
    from dondoc.tasks.models import Task

    org = build_organisation()
    tracker = next(p for p in org.people.values() if p.role == Role.TRACKER)
    data = sheet(args.rows, list(Unit.objects.values_list("name", flat=True)))
    settings.DONDOC_EXTRACT_INLINE = True  # read in this process, right after the upload commits
    settings.DONDOC_MAX_UPLOAD_BYTES = max(settings.DONDOC_MAX_UPLOAD_BYTES, len(data) + 1)
    print(f"database: {connection.vendor}; sheet: {args.rows} rows, {len(data) / 1024:.0f} KB; "
          f"{Unit.objects.count()} units", flush=True)

    started = time.perf_counter()
    run = import_run_create(by=tracker, upload=SimpleUploadedFile("theo-doi.xlsx", data))
    run.refresh_from_db()
    reading = time.perf_counter() - started
    assert run.status == RunStatus.DONE, run.error
    rows = run.result["rows"]
    problems = sum(1 for r in rows if r["problems"])
    print(f"read:    {len(rows)} rows in {reading:.2f} s = {len(rows) / reading:,.0f} rows/s "
          f"({problems} rows with problems)", flush=True)

    if problems:  # the benchmark confirms what is clean; the clerk would fix or drop the rest
        from dondoc.documents.services import import_rows_drop

        import_rows_drop(run=run, by=tracker, rows=[r["row"] for r in rows if r["problems"]])
    run = ExtractionRun.objects.get(pk=run.pk)
    started = time.perf_counter()
    summary = import_confirm(run=run, by=tracker)
    confirming = time.perf_counter() - started
    print(f"confirm: {summary['rows']} rows → {summary['tasks']} tasks ({summary['done']} done), "
          f"{summary['documents_new']} documents in {confirming:.2f} s = {summary['rows'] / confirming:,.0f} rows/s, "
          f"{summary['tasks'] / confirming:,.0f} tasks/s", flush=True)
    assert Task.objects.count() == summary["tasks"]


if __name__ == "__main__":
    main()
