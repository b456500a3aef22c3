import datetime as dt

import pytest
from django.core import mail

from dondoc.reminders.models import DigestClaim, Notification, ReminderClaim, ReminderRule, Trigger
from dondoc.reminders.sweep import due_dates_for, run_sweep
from dondoc.tasks import services
from dondoc.tasks.models import EventKind, TaskEvent
from dondoc.testing import make_task

pytestmark = pytest.mark.django_db

MON = dt.date(2026, 3, 9)  # an ordinary Monday


@pytest.fixture
def people(org):
    for user, email in [(org.finance_head, "donvi@x.vn"), (org.finance_staff, "cv@x.vn"),
                        (org.tracker, "vp@x.vn"), (org.construction_head, "xd@x.vn")]:
        user.email = email
        user.save()
    return org


def rule(trigger):
    return ReminderRule.objects.get(trigger=trigger, priority_only=False)


def test_the_default_rules_exist():
    rows = {(r.trigger, r.working_days) for r in ReminderRule.objects.all()}
    assert rows == {("before", 3), ("on_due", 0), ("overdue", 5)}


def test_three_working_days_before_skips_the_weekend():
    # Due Monday 16/3/2026: three working days before is Wednesday 11/3.
    assert dt.date(2026, 3, 16) in due_dates_for(rule(Trigger.BEFORE_DUE), dt.date(2026, 3, 11))
    assert dt.date(2026, 3, 16) not in due_dates_for(rule(Trigger.BEFORE_DUE), dt.date(2026, 3, 13))


def test_a_deadline_right_after_tet_is_announced_before_tet():
    # Tết 2026: no work from 14/2 to 22/2; due Monday 23/2 → reminded Wednesday 11/2.
    before = rule(Trigger.BEFORE_DUE)
    assert dt.date(2026, 2, 23) in due_dates_for(before, dt.date(2026, 2, 11))
    assert all(dt.date(2026, 2, 23) not in due_dates_for(before, day)
               for day in (dt.date(2026, 2, 12), dt.date(2026, 2, 13), dt.date(2026, 2, 23)))


def test_a_deadline_on_a_sunday_is_due_on_the_friday_before():
    dates = due_dates_for(rule(Trigger.ON_DUE), dt.date(2026, 3, 13))
    assert dates == [dt.date(2026, 3, 13), dt.date(2026, 3, 14), dt.date(2026, 3, 15)]


def test_overdue_reminders_repeat_every_five_working_days_across_tet():
    overdue = rule(Trigger.OVERDUE)
    due = dt.date(2026, 2, 9)  # Monday before Tết
    # 5 working days after: 10, 11, 12, 13/2 and (Tết off) 23/2.
    assert due in due_dates_for(overdue, dt.date(2026, 2, 23), oldest_due=due)
    assert due not in due_dates_for(overdue, dt.date(2026, 2, 13), oldest_due=due)
    assert due in due_dates_for(overdue, dt.date(2026, 3, 2), oldest_due=due)


def test_the_sweep_reminds_the_head_and_the_assignee_in_one_digest(people):
    org = people
    a = make_task(org, due_on=dt.date(2026, 3, 12), assignee=org.finance_staff, text="Lập báo cáo A")
    b = make_task(org, due_on=MON, text="Lập báo cáo B")
    c = make_task(org, due_on=dt.date(2026, 3, 2), text="Lập báo cáo C")
    mail.outbox.clear()
    result = run_sweep(today=MON)
    assert result.recorded == 3
    by_person = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_person) == ["cv@x.vn", "donvi@x.vn", "vp@x.vn"]
    head_mail = by_person["donvi@x.vn"]
    body = head_mail.body
    assert body.index("QUÁ HẠN") < body.index("Lập báo cáo C") < body.index("ĐẾN HẠN HÔM NAY")
    assert body.index("Lập báo cáo B") < body.index("SẮP ĐẾN HẠN") < body.index("Lập báo cáo A")
    assert head_mail.alternatives[0][1] == "text/html"
    assert "Lập báo cáo C" in head_mail.alternatives[0][0]
    assert "Lập báo cáo A" in by_person["cv@x.vn"].body
    assert "Lập báo cáo B" not in by_person["cv@x.vn"].body
    # Only the overdue task reaches the office tracker.
    assert "Lập báo cáo C" in by_person["vp@x.vn"].body
    assert "Lập báo cáo A" not in by_person["vp@x.vn"].body
    for task in (a, b, c):
        assert TaskEvent.objects.filter(task=task, kind=EventKind.REMINDED, actor=None).count() == 1
    assert Notification.objects.filter(recipient=org.finance_head, kind="reminder").count() == 3


def test_running_the_sweep_twice_sends_nothing_more(people):
    make_task(people, due_on=MON)
    run_sweep(today=MON)
    sent = len(mail.outbox)
    second = run_sweep(today=MON)
    assert (second.claimed, second.recorded, second.digests_sent) == (0, 0, [])
    assert len(mail.outbox) == sent
    assert ReminderClaim.objects.count() == 1


def test_no_reminder_on_a_day_off(people):
    make_task(people, due_on=dt.date(2026, 3, 14))
    result = run_sweep(today=dt.date(2026, 3, 14))
    assert not result.working_day and result.claimed == 0 and mail.outbox == []


@pytest.mark.parametrize("finish", ["confirm", "pause", "withdraw", "submit"])
def test_finished_paused_withdrawn_or_submitted_tasks_get_no_reminder(people, finish):
    org = people
    task = make_task(org, due_on=MON)
    if finish in ("confirm", "submit"):
        services.task_submit(task=task, by=org.finance_head, result="Đã xong.")
        if finish == "confirm":
            services.task_confirm(task=task, by=org.tracker)
    elif finish == "pause":
        services.task_pause(task=task, by=org.tracker, reason="Chờ chủ trương.")
    else:
        services.task_withdraw(task=task, by=org.tracker, reason="Không còn phù hợp.")
    assert run_sweep(today=MON).recorded == 0
    assert not TaskEvent.objects.filter(task=task, kind=EventKind.REMINDED).exists()


def test_an_approved_extension_moves_the_reminders(people, monkeypatch):
    org = people
    task = make_task(org, due_on=dt.date(2026, 3, 12))
    monkeypatch.setattr("dondoc.tasks.services._today", lambda: dt.date(2026, 3, 5))
    request = services.task_request_extension(
        task=task, by=org.finance_head, proposed_due=dt.date(2026, 3, 20), reason="Chờ số liệu."
    )
    services.task_decide_extension(request=request, by=org.tracker, approve=True)
    assert run_sweep(today=MON).recorded == 0  # the old "3 days before" day
    assert run_sweep(today=dt.date(2026, 3, 17)).recorded == 1  # 3 working days before 20/3


def test_a_priority_rule_adds_reminders_for_priority_tasks_only(people):
    org = people
    ReminderRule.objects.create(name="Trọng tâm: trước 5 ngày", trigger=Trigger.BEFORE_DUE,
                                working_days=5, priority_only=True)
    due = dt.date(2026, 3, 16)  # 5 working days after Monday 9/3
    make_task(org, due_on=due, priority=True, text="Trọng tâm")
    make_task(org, due_on=due, text="Thường")
    run_sweep(today=MON)
    assert list(ReminderClaim.objects.values_list("task__text", flat=True)) == ["Trọng tâm"]


def test_a_sweep_killed_after_claiming_is_finished_by_the_next(people):
    make_task(people, due_on=MON)

    def crash(step):
        if step == "claimed":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_sweep(today=MON, on_step=crash)
    assert ReminderClaim.objects.get().state == "pending"
    assert mail.outbox == []
    run_sweep(today=MON)
    run_sweep(today=MON)
    assert TaskEvent.objects.filter(kind=EventKind.REMINDED).count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["donvi@x.vn"]


def test_a_sweep_killed_while_mailing_is_retried_after_the_lease(people, monkeypatch):
    make_task(people, due_on=MON)

    def killed(mail_message):
        raise KeyboardInterrupt

    monkeypatch.setattr("dondoc.reminders.sweep._deliver", killed)
    now = dt.datetime(2026, 3, 9, 1, 0, tzinfo=dt.UTC)
    with pytest.raises(KeyboardInterrupt):
        run_sweep(today=MON, now=now)
    monkeypatch.undo()
    run_sweep(today=MON, now=now + dt.timedelta(minutes=1))  # the lease still holds
    assert mail.outbox == []
    run_sweep(today=MON, now=now + dt.timedelta(minutes=11))
    run_sweep(today=MON, now=now + dt.timedelta(minutes=30))
    assert [m.to[0] for m in mail.outbox] == ["donvi@x.vn"]
    assert DigestClaim.objects.get().state == "sent"


def test_a_mail_server_error_is_retried_by_the_next_run(people, monkeypatch):
    make_task(people, due_on=MON)

    def refused(mail_message):
        raise OSError("Connection refused")

    monkeypatch.setattr("dondoc.reminders.sweep._deliver", refused)
    first = run_sweep(today=MON)
    assert first.digests_failed and DigestClaim.objects.get().state == "pending"
    monkeypatch.undo()
    run_sweep(today=MON)
    assert [m.to[0] for m in mail.outbox] == ["donvi@x.vn"]
