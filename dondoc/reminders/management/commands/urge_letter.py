"""``dondoc urge-letter --lead-unit NAME [--overdue] [--due-within N] --out FILE.docx``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from dondoc.documents.resolution import find_unit
from dondoc.errors import DomainError
from dondoc.forms import parse_day
from dondoc.officedocs import PdfConversionError, docx_to_pdf
from dondoc.org.models import Role, Unit, UnitKind, User
from dondoc.reminders import letters


class Command(BaseCommand):
    help = (
        "Soạn văn bản đôn đốc (DOCX theo Nghị định 30/2020/NĐ-CP) các nhiệm vụ quá hạn hoặc sắp đến hạn "
        "của một hay nhiều đơn vị chủ trì, và vào sổ văn bản đi (trừ khi có --draft)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--lead-unit", action="append", required=True, metavar="NAME",
                            help="Tên hoặc tên viết tắt đơn vị chủ trì (không cần dấu); lặp lại cho nhiều đơn vị.")
        parser.add_argument("--overdue", action="store_true", help="Các nhiệm vụ quá hạn (mặc định).")
        parser.add_argument("--due-within", type=int, metavar="N",
                            help="Cả các nhiệm vụ đến hạn trong N ngày làm việc tới.")
        parser.add_argument("--out", required=True, help="Tệp DOCX cần ghi.")
        parser.add_argument("--pdf", action="store_true", help="Ghi thêm bản PDF (cần LibreOffice).")
        parser.add_argument("--as", dest="username", help="Tài khoản soạn (mặc định: chuyên viên Văn phòng đầu tiên).")
        parser.add_argument("--draft", action="store_true", help="Chỉ soạn dự thảo, không vào sổ.")
        parser.add_argument("--combined", action="store_true", help="Một văn bản chung cho các đơn vị.")
        parser.add_argument("--explain", action="store_true", help="Yêu cầu giải trình, kiểm điểm trách nhiệm.")
        parser.add_argument("--new-due", help="Hạn báo cáo (dd/mm/yyyy), mặc định sau 5 ngày làm việc.")
        parser.add_argument("--date", help="Ngày của văn bản (dd/mm/yyyy), mặc định hôm nay.")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            new_due, day = (parse_day(o[key]) if o[key] else None for key in ("new_due", "date"))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user = self._user(o["username"])
        today: dt.date = day or timezone.localdate()
        try:
            units = [find_unit(name, queryset=Unit.objects.current()) for name in o["lead_unit"]]
        except DomainError as error:
            raise CommandError(error.message) from None
        tasks = list(letters.urgeable_tasks(
            user, today=today, overdue=o["overdue"] or o["due_within"] is None,
            due_within=o["due_within"], lead_units=units,
        ))
        if not tasks:
            raise CommandError(_("Không có nhiệm vụ nào cần đôn đốc của đơn vị đã chọn."))
        options = letters.default_options(user, today)
        options.explanation = o["explain"]
        options.grouping = letters.COMBINED if o["combined"] else letters.PER_UNIT
        if new_due:
            options.new_due = new_due
        try:
            if o["draft"]:
                outputs = [(d.letter.to_docx(), _("dự thảo"), d.tasks) for d in
                           letters.urging_letters_draft(by=user, tasks=tasks, options=options)]
            else:
                registered = letters.urging_letters_register(by=user, tasks=tasks, options=options)
                outputs = [(u.docx.open("rb").read(), _("số %s") % u.document.number, list(u.tasks.all()))
                           for u in registered]
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        out = Path(o["out"])
        for i, (data, label, letter_tasks) in enumerate(outputs, start=1):
            path = out if len(outputs) == 1 else out.with_name(f"{out.stem}-{i}{out.suffix}")
            path.write_bytes(data)
            self.stdout.write(
                _("Đã ghi %(path)s (văn bản %(label)s, %(count)d nhiệm vụ).")
                % {"path": path, "label": label, "count": len(letter_tasks)}
            )
            if o["pdf"]:
                try:
                    path.with_suffix(".pdf").write_bytes(docx_to_pdf(data))
                    self.stdout.write(_("Đã ghi %s.") % path.with_suffix(".pdf"))
                except PdfConversionError as exc:
                    self.stderr.write(str(exc))

    def _user(self, username: str | None) -> User:
        if username:
            try:
                return User.objects.get(username=username, is_active=True)
            except User.DoesNotExist:
                raise CommandError(_("Không có tài khoản “%s”.") % username) from None
        user = (User.objects.filter(role=Role.TRACKER, is_active=True, unit__kind=UnitKind.OFFICE)
                .order_by("pk").first())
        if user is None:
            raise CommandError(_("Chưa có chuyên viên theo dõi nào của Văn phòng; dùng --as TÊN_TÀI_KHOẢN."))
        return user
