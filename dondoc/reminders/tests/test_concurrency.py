"""Two sweeps at once on PostgreSQL: every reminder is recorded once and every digest sent once."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection, connections

from dondoc.errors import DomainError
from dondoc.reminders.letters import LetterOptions, urging_letters_register
from dondoc.reminders.models import DigestClaim, Notification, ReminderClaim, ReminderRule, UrgingLetter
from dondoc.reminders.sweep import run_sweep
from dondoc.tasks.models import EventKind, TaskEvent
from dondoc.testing import build_org, make_task, make_unit, make_user

MON = dt.date(2026, 3, 9)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sweeps_at_once_neither_duplicate_nor_lose_a_reminder():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises them)")
    assert ReminderRule.objects.count() == 3
    org = build_org()
    heads = []
    for i in range(6):
        unit = make_unit(f"Sở Thử {i}", parent=org.committee)
        heads.append(make_user(f"head{i}", unit, "head", email=f"head{i}@x.vn"))
        for due in (MON, dt.date(2026, 3, 12), dt.date(2026, 3, 2)):
            for _ in range(5):
                make_task(org, lead=unit, due_on=due)
    mail.outbox.clear()
    barrier = threading.Barrier(2)
    errors = []

    def sweep():
        try:
            barrier.wait()
            run_sweep(today=MON)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert ReminderClaim.objects.count() == 6 * 15
    assert ReminderClaim.objects.filter(state="pending").count() == 0
    assert TaskEvent.objects.filter(kind=EventKind.REMINDED).count() == 6 * 15
    assert Notification.objects.filter(kind="reminder", recipient__in=heads).count() == 6 * 15
    assert sorted(m.to[0] for m in mail.outbox) == sorted(h.email for h in heads)
    assert DigestClaim.objects.filter(state="sent").count() == 6


def _at_once(*calls):
    """Run ``calls`` in threads released together; their results and exceptions."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_click_at_once_registers_one_letter_and_one_urging():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises them)")
    org = build_org()
    task = make_task(org, due_on=dt.date(2026, 3, 2))
    options = LetterOptions(today=MON, new_due=dt.date(2026, 3, 16), signer_name="Nguyễn Tường Duy")
    register = lambda: urging_letters_register(by=org.tracker, tasks=[task], options=options, token="click")  # noqa: E731
    results, errors = _at_once(register, register)
    assert errors == []
    assert results[0][0].pk == results[1][0].pk
    assert UrgingLetter.objects.count() == 1
    assert TaskEvent.objects.filter(kind=EventKind.URGED).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_typed_number_at_once_is_given_to_one_letter_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises them)")
    org = build_org()
    first, second = (make_task(org, due_on=dt.date(2026, 3, 2)) for _ in range(2))
    options = LetterOptions(today=MON, new_due=dt.date(2026, 3, 16), signer_name="Nguyễn Tường Duy",
                            number="12/UBND-VP")
    results, errors = _at_once(
        lambda: urging_letters_register(by=org.tracker, tasks=[first], options=options),
        lambda: urging_letters_register(by=org.tracker, tasks=[second], options=options),
    )
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], DomainError)
    assert list(UrgingLetter.objects.values_list("document__number", flat=True)) == ["12/UBND-VP"]
