"""Load, detect and wipe the demo (what `dondoc demo` does)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from dondoc.demo.organisation import DEMO_CODE, PEOPLE, build_organisation
from dondoc.demo.scenario import Scenario
from dondoc.documents.models import Document
from dondoc.errors import DomainError
from dondoc.org.models import Unit, UnitQuerySet, User
from dondoc.reminders.models import Notification
from dondoc.tasks.models import Task


def demo_units() -> UnitQuerySet:
    return Unit.objects.filter(code__startswith=f"{DEMO_CODE}-")


def demo_present() -> bool:
    return demo_units().exists()


def demo_usernames() -> list[str]:
    return [spec.username for spec in PEOPLE]


@transaction.atomic
def load_demo(today: dt.date | None = None) -> Scenario:
    """Create the demo province, its people, documents and tasks (on an empty demo)."""
    taken = list(User.objects.filter(username__in=demo_usernames()).values_list("username", flat=True))
    if taken:
        raise DomainError(
            _("Không nạp được dữ liệu demo: đã có tài khoản trùng tên (%s).") % ", ".join(sorted(taken))
        )
    scenario = Scenario(build_organisation(), today=today)
    scenario.play()
    return scenario


@transaction.atomic
def wipe_demo() -> None:
    """Remove everything the demo created: its tasks, documents, people and units."""
    unit_ids = list(demo_units().values_list("pk", flat=True))
    users = User.objects.filter(username__in=demo_usernames())
    tasks = Task.objects.filter(
        Q(lead_unit__in=unit_ids) | Q(assigning_unit__in=unit_ids) | Q(created_by__in=users)
    )
    Notification.objects.filter(Q(recipient__in=users) | Q(task__in=tasks)).delete()
    # Children before parents (Task.parent protects its children).
    while True:
        leaves = list(tasks.filter(children__isnull=True).values_list("pk", flat=True))
        if not leaves:
            break
        Task.objects.filter(pk__in=leaves).delete()
    Document.objects.filter(
        Q(unit__in=unit_ids) | Q(issuer_unit__in=unit_ids) | Q(created_by__in=users)
    ).delete()
    users.delete()
    Unit.objects.filter(pk__in=unit_ids).update(successor=None)
    for unit in sorted(Unit.objects.filter(pk__in=unit_ids), key=lambda u: -u.depth):
        unit.delete()
