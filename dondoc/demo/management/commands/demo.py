"""`dondoc demo`: load the demo province once; `--reset` reloads it, `--list` shows the accounts."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dondoc.demo.loader import demo_present, demo_usernames, load_demo, wipe_demo
from dondoc.demo.organisation import DEMO_PASSWORD
from dondoc.errors import DomainError
from dondoc.org.models import User


class Command(BaseCommand):
    help = _("Nạp dữ liệu demo (một lần; lần chạy sau giữ nguyên dữ liệu).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help=_("Xóa dữ liệu demo và nạp lại."))
        parser.add_argument("--list", dest="show_list", action="store_true", help=_("Liệt kê các tài khoản demo."))

    def handle(self, *args: Any, reset: bool = False, show_list: bool = False, **options: Any) -> None:
        if settings.DONDOC_ENV == "production":
            # The demo's accounts share a published password; they have no place on a real system.
            raise CommandError(_("Không nạp dữ liệu demo trên hệ thống chính thức (DONDOC_ENV=production)."))
        if reset:
            wipe_demo()
            self.stdout.write(_("Đã xóa dữ liệu demo cũ."))
        if not show_list or reset:
            self._load()
        if show_list:
            self._list()

    def _load(self) -> None:
        if demo_present():
            self.stdout.write(_("Dữ liệu demo đã có sẵn, giữ nguyên (dùng --reset để nạp lại)."))
            return
        started = time.perf_counter()
        try:
            scenario = load_demo()
        except DomainError as error:
            raise CommandError(str(error)) from error
        tasks = sum(d.tasks.count() for d in scenario.documents.values())
        self.stdout.write(
            _("Đã nạp dữ liệu demo: %(units)d đơn vị, %(people)d tài khoản, %(docs)d văn bản, "
              "%(tasks)d nhiệm vụ (%(secs).1f giây). Mật khẩu: %(password)s")
            % {"units": len(scenario.org.units), "people": len(scenario.org.people),
               "docs": len(scenario.documents), "tasks": tasks,
               "secs": time.perf_counter() - started, "password": DEMO_PASSWORD}
        )

    def _list(self) -> None:
        people = User.objects.filter(username__in=demo_usernames()).select_related("unit")
        if not people:
            self.stdout.write(_("Chưa có dữ liệu demo (chạy: dondoc demo)."))
            return
        self.stdout.write(f"{_('Tài khoản'):<16} {_('Họ và tên'):<24} {_('Vai trò'):<34} {_('Đơn vị')}")
        for user in people.order_by("unit__path", "role", "username"):
            unit = user.unit.name if user.unit else "—"
            self.stdout.write(f"{user.username:<16} {user.full_name:<24} {user.get_role_display():<34} {unit}")
        self.stdout.write(_("Mật khẩu chung: %s") % DEMO_PASSWORD)
