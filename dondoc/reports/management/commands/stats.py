"""dondoc stats --from DATE --to DATE [--unit NAME] --format json|xlsx [--out FILE]

The statistics of the tasks assigned in the period, per lead unit, as JSON (stdout or
--out) or as the Excel table offices file (--out required). Rates are fractions 0–1,
null when their denominator is 0 (see dondoc.reports.queries).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dondoc.documents.resolution import find_unit
from dondoc.errors import DomainError
from dondoc.forms import parse_day
from dondoc.org.models import Unit
from dondoc.reports.exports import stats_xlsx
from dondoc.reports.models import RankingPolicy
from dondoc.reports.queries import Period, Scope, compute, sort_rows


class Command(BaseCommand):
    help = "Thống kê tình hình thực hiện nhiệm vụ theo đơn vị trong một kỳ (JSON hoặc Excel)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="dd/mm/yyyy hoặc yyyy-mm-dd")
        parser.add_argument("--to", dest="end", required=True, help="dd/mm/yyyy hoặc yyyy-mm-dd")
        parser.add_argument("--unit", help="tên đơn vị (gồm cả các đơn vị trực thuộc)")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--out", help="tệp kết quả (bắt buộc với xlsx)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            start, end = parse_day(options["start"]), parse_day(options["end"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if end < start:
            raise CommandError(_("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
        if options["format"] == "xlsx" and not options["out"]:
            raise CommandError(_("Xuất Excel cần --out TỆP."))
        try:
            unit = find_unit(options["unit"], queryset=Unit.objects.all()) if options["unit"] else None
        except DomainError as error:
            raise CommandError(error.message) from None
        period, scope = Period.of(start, end), Scope(unit=unit)
        stats = compute(period, scope, RankingPolicy.current())
        stats.rows = sort_rows(stats.rows, "rank")
        if options["format"] == "xlsx":
            Path(options["out"]).write_bytes(stats_xlsx(period, scope, stats=stats))
            self.stderr.write(_("Đã ghi {path}").format(path=options["out"]))
            return
        text = json.dumps(stats.as_json(), ensure_ascii=False, indent=2)
        if options["out"]:
            Path(options["out"]).write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)
