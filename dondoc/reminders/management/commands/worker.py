"""``dondoc worker``: the background loop — the reminder sweep and the queued jobs.

Every iteration runs the sweep when it is due (the claims make a repeat the
same day harmless, so running it each hour only catches what appeared since)
and the background jobs: uploaded documents waiting to be read and large
report exports. SIGTERM and SIGINT stop the loop after the current iteration.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from dondoc.documents.jobs import process_pending_runs
from dondoc.reminders.sweep import run_sweep, summary_lines
from dondoc.reports.jobs import process_pending_exports

log = logging.getLogger(__name__)

SWEEP_EVERY = 3600.0


BACKGROUND_JOBS: list[tuple[str, Callable[[], int]]] = [
    ("đọc văn bản tải lên", process_pending_runs),
    ("xuất báo cáo", process_pending_exports),
]


class Command(BaseCommand):
    help = "Chạy nền: nhắc hạn định kỳ (mặc định mỗi giờ), đọc văn bản đã tải lên và xuất báo cáo lớn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Chạy một lượt rồi dừng.")
        parser.add_argument(
            "--interval", type=float, default=15.0,
            help="Số giây giữa hai vòng lặp (đọc văn bản), mặc định 15.",
        )
        parser.add_argument(
            "--sweep-every", type=float, default=SWEEP_EVERY,
            help="Số giây tối thiểu giữa hai lượt nhắc hạn, mặc định 3600.",
        )

    def handle(self, *args: Any, once: bool, interval: float, sweep_every: float, **options: Any) -> None:
        stop = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            self.stdout.write("Nhận tín hiệu dừng, kết thúc sau vòng hiện tại.")
            stop.set()

        previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        last_sweep = float("-inf")
        try:
            while not stop.is_set():
                close_old_connections()
                if time.monotonic() - last_sweep >= sweep_every or once:
                    last_sweep = time.monotonic()
                    self._sweep()
                self._background_jobs()
                if once:
                    break
                stop.wait(interval)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            close_old_connections()
        self.stdout.write("Đã dừng.")

    def _sweep(self) -> None:
        try:
            result = run_sweep()
        except Exception:  # one bad sweep must not stop the worker; the next one retries
            log.exception("reminder sweep failed")
            self.stderr.write("Lượt nhắc hạn bị lỗi; sẽ chạy lại ở lượt sau.")
            return
        for line in summary_lines(result):
            self.stdout.write(line)

    def _background_jobs(self) -> None:
        for name, job in BACKGROUND_JOBS:
            try:
                job()
            except Exception:  # one failing job must not stop the worker; the next loop retries
                log.exception("background job %s failed", name)
                self.stderr.write(f"Công việc nền “{name}” bị lỗi; sẽ thử lại ở lượt sau.")
