"""`dondoc generate --units N --tasks M --seed S`: synthetic data at scale for benchmarks."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dondoc.demo.generator import generate, wipe_generated


class Command(BaseCommand):
    help = _("Sinh dữ liệu giả lập số lượng lớn (đơn vị, nhiệm vụ, lịch sử) để đo hiệu năng.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--units", type=int, default=200, help=_("Số đơn vị (mặc định 200)."))
        parser.add_argument("--tasks", type=int, default=10000, help=_("Số nhiệm vụ (mặc định 10.000)."))
        parser.add_argument("--seed", type=int, default=1, help=_("Hạt giống ngẫu nhiên (mặc định 1)."))
        parser.add_argument("--reset", action="store_true", help=_("Xóa dữ liệu đã sinh trước đó."))

    def handle(self, *args: Any, units: int, tasks: int, seed: int, reset: bool, **options: Any) -> None:
        if settings.DONDOC_ENV == "production":
            raise CommandError(_("Không sinh dữ liệu thử trên hệ thống chính thức (DONDOC_ENV=production)."))
        if units < 1 or tasks < 0:
            raise CommandError(_("Số đơn vị phải từ 1 trở lên và số nhiệm vụ không được âm."))
        started = time.perf_counter()
        if reset:
            counts = wipe_generated()
            self.stdout.write(
                _("Đã xóa dữ liệu sinh trước đó: %(units)d đơn vị, %(tasks)d nhiệm vụ (%(secs).1f giây).")
                % {**counts, "secs": time.perf_counter() - started}
            )
        try:
            counts = generate(units=units, tasks=tasks, seed=seed, report=self.stdout.write)
        except ValueError:
            raise CommandError(
                _("Đã có dữ liệu sinh với seed %d; dùng --reset để xóa trước khi sinh lại.") % seed
            ) from None
        self.stdout.write(
            _("Xong: %(units)d đơn vị, %(tasks)d nhiệm vụ, %(events)d sự kiện trong %(secs).1f giây.")
            % {**counts, "secs": time.perf_counter() - started}
        )
