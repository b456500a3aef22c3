"""The reminder sweep (``dondoc remind``): what is due today, claimed once, told once.

A sweep for day T runs three steps. Each is safe to run twice, from two
workers at once, or again after a crash at any point.

1. **Claim the reminders** (only on a working day). For every active rule the
   due dates it fires for on T are computed in Python from the calendar
   (weekends, Tết, overrides): "N working days before" fires on the N-th
   working day before the last working day on or before the due date; "on the
   due date" on that working day; "overdue every N" on each working day T such
   that the working days after the due date up to T are a multiple of N. One
   query per rule selects the open tasks (assigned, in progress, returned —
   never submitted, paused, done or withdrawn) with ``due_on IN (dates)``; the
   rows ``ReminderClaim(task, rule, day=T)`` are bulk-inserted with
   ``ON CONFLICT DO NOTHING`` in their own transaction. The unique constraint
   (task, rule, day) makes a second insert a no-op, so two workers claim each
   reminder once between them. Because the dates come from the task's current
   ``due_on``, an approved extension moves the reminders with it.

2. **Record them.** One transaction takes every claim still ``pending``
   (whichever run inserted it) — ``SELECT … FOR UPDATE SKIP LOCKED``, then an
   UPDATE that stamps a fresh token and sets ``done`` — then — for the rows carrying that token — writes
   the task's ``reminded`` TaskEvent, the in-app notifications of each
   recipient (heads of the lead unit, the assignee, and for rules that say so
   the trackers of the assigning committee's office) and the ``DigestClaim``
   rows (person, day), again insert-or-ignore. A crash inside rolls the whole
   step back, leaving the claims ``pending`` for the next run; a concurrent
   run skips the rows this one has locked (PostgreSQL) or waits for the write
   lock (SQLite) and then finds nothing pending. Events and notifications are
   therefore written exactly once.

3. **Send the digests.** E-mail cannot join a database transaction, so a
   digest is leased rather than locked: a short transaction selects pending
   digests ``FOR UPDATE SKIP LOCKED`` and runs ``UPDATE … SET token,
   locked_until = now + LEASE, attempts = attempts + 1 WHERE state = 'pending'
   AND (locked_until IS NULL OR locked_until < now)``, which gives each pending
   digest to exactly one worker. The worker builds the one
   mail of that person and day (overdue, due today, due soon), sends it, and
   marks it ``sent`` (only if its token still holds). A send that fails with an
   error releases the lease at once (retried by the next run, up to
   ``MAX_ATTEMPTS``, then ``failed``); a worker killed outright leaves the
   lease, which expires after ``LEASE`` and the next run sends the digest.
   The one window left is a kill between the mail server accepting the mail and
   the ``sent`` UPDATE; that mail would be sent again after the lease — we
   prefer a rare duplicate to a lost reminder.

A reminder recorded after a person's digest for the day was sent (a task
created later that day) stays in the application's notifications only; the
digest is one mail per person per day.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.calendar.service import get_calendar
from dondoc.org.models import Role, UnitKind, User
from dondoc.reminders.models import (
    ClaimState,
    DigestClaim,
    DigestState,
    Notification,
    ReminderClaim,
    ReminderRule,
    Trigger,
)
from dondoc.tasks.events import record_event
from dondoc.tasks.models import EventKind, Task
from dondoc.tasks.workflow import Status

log = logging.getLogger(__name__)

REMINDABLE = (Status.ASSIGNED, Status.IN_PROGRESS, Status.RETURNED)
LEASE = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 5
DIGEST_BATCH = 50
CHUNK = 5000
NOTIFICATION_KIND = "reminder"


@dataclass
class SweepResult:
    day: dt.date
    working_day: bool = True
    claimed: int = 0
    recorded: int = 0
    digests_sent: list[tuple[str, int]] = field(default_factory=list)
    digests_failed: list[tuple[str, str]] = field(default_factory=list)


# --- 1. which due dates a rule fires for today -------------------------------------------


def _span(day: dt.date) -> list[dt.date]:
    """``day`` and the days off right after it (their last working day on or before is ``day``)."""
    cal = get_calendar()
    days = [day]
    nxt = day + dt.timedelta(days=1)
    while not cal.is_working_day(nxt):
        days.append(nxt)
        nxt += dt.timedelta(days=1)
    return days


def due_dates_for(rule: ReminderRule, today: dt.date, *, oldest_due: dt.date | None = None) -> list[dt.date]:
    """The due dates for which ``rule`` fires on ``today`` (a working day)."""
    cal = get_calendar()
    if rule.trigger == Trigger.ON_DUE:
        return _span(today)
    if rule.trigger == Trigger.BEFORE_DUE:
        return _span(cal.add_working_days(today, rule.working_days))
    if oldest_due is None or rule.working_days < 1:
        return []
    dates: list[dt.date] = []
    anchor = today
    while True:
        anchor = cal.add_working_days(anchor, -rule.working_days)
        span = _span(anchor)
        if span[-1] < oldest_due:
            return dates
        dates.extend(span)


def claim_reminders(today: dt.date) -> int:
    """Step 1: insert the (task, rule, today) claims; returns how many rows this run inserted."""
    open_tasks = Task.objects.filter(status__in=REMINDABLE, due_on__isnull=False)
    rules = list(ReminderRule.objects.active())
    oldest = None
    if any(r.trigger == Trigger.OVERDUE for r in rules):
        oldest = open_tasks.filter(due_on__lt=today).aggregate(m=Min("due_on"))["m"]
    rows: list[ReminderClaim] = []
    for rule in rules:
        dates = due_dates_for(rule, today, oldest_due=oldest)
        if not dates:
            continue
        candidates = open_tasks.filter(due_on__in=dates)
        if rule.priority_only:
            candidates = candidates.filter(priority=True)
        rows.extend(
            ReminderClaim(task_id=pk, rule=rule, day=today, trigger=rule.trigger, due_on=due_on)
            for pk, due_on in candidates.values_list("pk", "due_on").iterator(chunk_size=5000)
            if due_on is not None  # always: open_tasks have a deadline
        )
    if not rows:
        return 0
    # One order for every worker: concurrent inserts of the same keys then wait, never deadlock.
    rows.sort(key=lambda r: (r.rule_id, r.task_id))
    with transaction.atomic():
        before = ReminderClaim.objects.filter(day=today).count()
        ReminderClaim.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
        return ReminderClaim.objects.filter(day=today).count() - before


# --- 2. events, notifications, digest claims --------------------------------------------


def _describe(claim: ReminderClaim) -> str:
    cal = get_calendar()
    due = f"{claim.due_on:%d/%m/%Y}"
    if claim.trigger == Trigger.OVERDUE:
        late = cal.working_days_between(claim.due_on, claim.day)
        return _("Nhiệm vụ đã quá hạn %(n)d ngày làm việc (hạn %(due)s)") % {"n": late, "due": due}
    if claim.trigger == Trigger.ON_DUE:
        return _("Nhiệm vụ đến hạn hôm nay (hạn %(due)s)") % {"due": due}
    left = cal.working_days_between(claim.day, claim.due_on)
    return _("Nhiệm vụ còn %(n)d ngày làm việc đến hạn (hạn %(due)s)") % {"n": left, "due": due}


def _recipients(claims: list[ReminderClaim]) -> dict[int, set[int]]:
    """The people told about each claim, read with three queries for the whole batch."""
    active = User.objects.filter(is_active=True)
    heads: dict[int, set[int]] = defaultdict(set)
    lead_ids = {c.task.lead_unit_id for c in claims}
    for pk, unit_id in active.filter(role=Role.HEAD, unit_id__in=lead_ids).values_list("pk", "unit_id"):
        heads[unit_id].add(pk)
    assignees = set(
        active.filter(pk__in={c.task.assignee_id for c in claims if c.task.assignee_id})
        .values_list("pk", flat=True)
    )
    trackers: dict[int, set[int]] = defaultdict(set)
    committees = {c.task.assigning_unit_id for c in claims if c.rule.inform_office}
    if committees:
        rows = active.filter(
            role=Role.TRACKER, unit__kind=UnitKind.OFFICE, unit__parent_id__in=committees
        ).values_list("pk", "unit__parent_id")
        for pk, committee_id in rows:
            if committee_id is not None:  # always: the office's parent is one of ``committees``
                trackers[committee_id].add(pk)
    found: dict[int, set[int]] = {}
    for c in claims:
        people = set(heads[c.task.lead_unit_id])
        assignee = c.task.assignee_id
        if assignee is not None and assignee in assignees:
            people.add(assignee)
        if c.rule.inform_office:
            people |= trackers[c.task.assigning_unit_id]
        found[c.pk] = people
    return found


def record_pending_reminders(now: dt.datetime) -> int:
    """Step 2: turn every pending claim into its event, notifications and digest claims."""
    token = uuid.uuid4().hex
    with transaction.atomic():
        # Rows another worker is recording are skipped, not waited for (no deadlock, no double).
        ids = list(
            ReminderClaim.objects.select_for_update(skip_locked=True)
            .filter(state=ClaimState.PENDING).order_by("pk").values_list("pk", flat=True)
        )
        if not ids:
            return 0
        taken = 0
        for start in range(0, len(ids), CHUNK):
            taken += ReminderClaim.objects.filter(
                pk__in=ids[start:start + CHUNK], state=ClaimState.PENDING
            ).update(state=ClaimState.DONE, token=token, recorded_at=now)
        claims = list(
            ReminderClaim.objects.filter(token=token).select_related("task", "rule").order_by("pk")
        )
        people = _recipients(claims)
        notifications: list[Notification] = []
        for claim in claims:
            message = _describe(claim)
            notifications.extend(
                Notification(
                    recipient_id=pk, task_id=claim.task_id, kind=NOTIFICATION_KIND,
                    message=f"{message}: {claim.task.short_text}", reminder=claim, created_at=now,
                )
                for pk in sorted(people[claim.pk])
            )
            record_event(
                claim.task, EventKind.REMINDED, by=None,
                after={"rule": claim.rule.name, "due_on": claim.due_on, "day": claim.day,
                       "recipients": len(people[claim.pk])},
                note=message,
            )
        Notification.objects.bulk_create(notifications, batch_size=2000)
        with_mail = set(
            User.objects.filter(pk__in={n.recipient_id for n in notifications})
            .exclude(email="").values_list("pk", flat=True)
        )
        digests = {
            (n.recipient_id, n.reminder.day) for n in notifications
            if n.recipient_id in with_mail and n.reminder is not None
        }
        DigestClaim.objects.bulk_create(
            [DigestClaim(recipient_id=pk, day=day) for pk, day in sorted(digests)],
            ignore_conflicts=True, batch_size=2000,
        )
    return taken


# --- 3. the digests ---------------------------------------------------------------------

GROUPS = (
    (Trigger.OVERDUE, gettext_lazy("Nhiệm vụ quá hạn")),
    (Trigger.ON_DUE, gettext_lazy("Nhiệm vụ đến hạn hôm nay")),
    (Trigger.BEFORE_DUE, gettext_lazy("Nhiệm vụ sắp đến hạn")),
)
_SEVERITY: dict[str, int] = {Trigger.OVERDUE: 0, Trigger.ON_DUE: 1, Trigger.BEFORE_DUE: 2}


@dataclass
class DigestItem:
    task: Task
    trigger: str
    message: str
    url: str


def _digest_items_for(keys: list[tuple[int, dt.date]]) -> dict[tuple[int, dt.date], list[DigestItem]]:
    """Digest lines of many (person, day) pairs with one query."""
    base = settings.DONDOC_BASE_URL.rstrip("/")
    wanted = set(keys)
    rows = (
        Notification.objects.filter(
            recipient_id__in={k[0] for k in keys}, reminder__day__in={k[1] for k in keys}
        )
        .select_related("reminder", "task", "task__lead_unit")
        .order_by("task__due_on", "task_id")
    )
    best: dict[tuple[int, dt.date], dict[int, DigestItem]] = defaultdict(dict)
    for note in rows:
        reminder, task = note.reminder, note.task
        if reminder is None or task is None:  # never: the query asks for reminders' notifications
            continue
        key = (note.recipient_id, reminder.day)
        if key not in wanted:
            continue
        trigger = reminder.trigger
        current = best[key].get(task.pk)
        if current is None or _SEVERITY[trigger] < _SEVERITY[current.trigger]:
            url = base + reverse("web:task-detail", args=[task.pk])
            best[key][task.pk] = DigestItem(task, trigger, _describe(reminder), url)
    return {key: list(items.values()) for key, items in best.items()}


def build_digest(recipient: User, day: dt.date, items: list[DigestItem]) -> EmailMultiAlternatives:
    groups = [
        (label, [i for i in items if i.trigger == trigger]) for trigger, label in GROUPS
    ]
    groups = [(label, rows) for label, rows in groups if rows]
    counts = ", ".join(f"{len(rows)} {str(label).lower()}" for label, rows in groups)
    subject = _("[dondoc] Nhắc hạn ngày %(day)s: %(counts)s") % {"day": f"{day:%d/%m/%Y}", "counts": counts}
    context = {"recipient": recipient, "day": day, "groups": groups, "total": len(items)}
    text = render_to_string("reminders/email/digest.txt", context)
    html = render_to_string("reminders/email/digest.html", context)
    mail = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    mail.attach_alternative(html, "text/html")
    return mail


def _deliver(mail: EmailMultiAlternatives) -> None:
    mail.send(fail_silently=False)


def _lease_free(now: dt.datetime) -> Q:
    return Q(state=DigestState.PENDING) & (Q(locked_until__isnull=True) | Q(locked_until__lt=now))


def send_pending_digests(now: dt.datetime, result: SweepResult) -> None:
    """Step 3: lease pending digests a batch at a time and send each."""
    tried: set[int] = set()
    while True:
        token = uuid.uuid4().hex
        with transaction.atomic():
            ids = list(
                DigestClaim.objects.select_for_update(skip_locked=True)
                .filter(_lease_free(now)).exclude(pk__in=tried)
                .order_by("pk").values_list("pk", flat=True)[:DIGEST_BATCH]
            )
            if not ids:
                return
            tried.update(ids)
            DigestClaim.objects.filter(_lease_free(now), pk__in=ids).update(
                token=token, locked_until=now + LEASE, attempts=F("attempts") + 1
            )
        claims = list(DigestClaim.objects.filter(token=token).select_related("recipient"))
        items = _digest_items_for([(c.recipient_id, c.day) for c in claims])
        for claim in claims:
            _send_one(claim, token, items.get((claim.recipient_id, claim.day), []), result)


def _send_one(claim: DigestClaim, token: str, items: list[DigestItem], result: SweepResult) -> None:
    mine = DigestClaim.objects.filter(pk=claim.pk, token=token, state=DigestState.PENDING)
    if not items:
        mine.update(state=DigestState.SENT, sent_at=timezone.now(), task_count=0)
        return
    try:
        _deliver(build_digest(claim.recipient, claim.day, items))
    except Exception as exc:  # the mail server refused: retry later, give up after MAX_ATTEMPTS
        log.warning("digest %s not sent: %s", claim.pk, exc)
        final = claim.attempts >= MAX_ATTEMPTS
        mine.update(
            state=DigestState.FAILED if final else DigestState.PENDING,
            locked_until=None, error=str(exc)[:1000],
        )
        result.digests_failed.append((claim.recipient.email, str(exc)))
        return
    mine.update(state=DigestState.SENT, sent_at=timezone.now(), task_count=len(items), error="")
    result.digests_sent.append((claim.recipient.email, len(items)))


# --- the sweep ------------------------------------------------------------------------------


def run_sweep(
    *, today: dt.date | None = None, now: dt.datetime | None = None,
    on_step: Callable[[str], None] | None = None,
) -> SweepResult:
    """Claim, record and send the reminders of ``today`` (default: today in Vietnam)."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    result = SweepResult(day=today, working_day=get_calendar().is_working_day(today))
    if result.working_day:
        result.claimed = claim_reminders(today)
    if on_step:
        on_step("claimed")
    result.recorded = record_pending_reminders(now)
    if on_step:
        on_step("recorded")
    send_pending_digests(now, result)
    return result


def summary_lines(result: SweepResult) -> Iterable[str]:
    day = f"{result.day:%d/%m/%Y}"
    if not result.working_day:
        yield _("Ngày %s không phải ngày làm việc: không có lượt nhắc mới.") % day
    yield _("Ngày %(day)s: nhận %(claimed)d lượt nhắc mới, ghi nhận %(recorded)d lượt nhắc.") % {
        "day": day, "claimed": result.claimed, "recorded": result.recorded,
    }
    for email, count in result.digests_sent:
        yield _("Đã gửi thư tổng hợp tới %(email)s (%(n)d nhiệm vụ).") % {"email": email, "n": count}
    for email, error in result.digests_failed:
        yield _("Chưa gửi được thư tới %(email)s: %(error)s") % {"email": email, "error": error}
