"""Changes to the organisation: dissolving a unit into its successor."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from dondoc.errors import DomainError
from dondoc.org.models import Unit, User


@transaction.atomic
def unit_dissolve(*, unit: Unit, successor: Unit, last_day: dt.date, by: User | None) -> int:
    """End ``unit`` on ``last_day`` and hand its open tasks, with their history, to ``successor``.

    The successor takes over what the unit led, supported and assigned (so the
    tasks it gave out can still be confirmed or returned). Returns how many
    tasks it led changed hands. Each moved task gets a timeline event naming
    both units.
    """
    from dondoc.tasks.events import record_event
    from dondoc.tasks.models import EventKind, Task

    if successor.pk == unit.pk or successor.is_within(unit):
        raise DomainError(_("Đơn vị kế thừa phải là một đơn vị khác, không trực thuộc đơn vị bị giải thể."))
    if successor.valid_to is not None and successor.valid_to <= last_day:
        raise DomainError(_("Đơn vị kế thừa đã hết hiệu lực."))
    unit.valid_to, unit.successor = last_day, successor
    unit.save()
    moved = 0
    for task in Task.objects.open().filter(lead_unit=unit).select_for_update():
        task.lead_unit = successor
        task.save(update_fields=["lead_unit", "updated_at"])
        record_event(
            task, EventKind.SUCCESSION, by=by,
            before={"lead_unit": unit}, after={"lead_unit": successor},
            note=_("Đơn vị %(old)s hết hiệu lực; nhiệm vụ chuyển sang %(new)s.")
            % {"old": unit.name, "new": successor.name},
        )
        moved += 1
    for task in Task.objects.open().filter(assigning_unit=unit).select_for_update():
        task.assigning_unit = successor
        task.save(update_fields=["assigning_unit", "updated_at"])
        record_event(
            task, EventKind.SUCCESSION, by=by,
            before={"assigning_unit": unit}, after={"assigning_unit": successor},
        )
    for task in Task.objects.open().filter(support_units=unit):
        task.support_units.remove(unit)
        task.support_units.add(successor)
        record_event(
            task, EventKind.SUCCESSION, by=by,
            before={"support_units": [unit]}, after={"support_units": [successor]},
        )
    return moved
