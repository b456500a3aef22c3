"""``dondoc remind [--date DD/MM/YYYY]``: send the reminders due on a day (default: today)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from dondoc.forms import parse_day
from dondoc.reminders.sweep import run_sweep, summary_lines


class Command(BaseCommand):
    help = (
        "Nhắc hạn: ghi nhận các lượt nhắc đến hạn trong ngày và gửi mỗi người một thư tổng hợp. "
        "Chạy lại nhiều lần không gửi trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", default=None,
            help="Ngày cần nhắc (dd/mm/yyyy hoặc yyyy-mm-dd), mặc định hôm nay.",
        )

    def handle(self, *args: Any, date: str | None, **options: Any) -> None:
        try:
            day = parse_day(date) if date is not None else None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        now = timezone.now()
        if day is not None:
            now = timezone.make_aware(dt.datetime.combine(day, dt.time(8, 0)))
        result = run_sweep(today=day, now=now)
        for line in summary_lines(result):
            self.stdout.write(line)
