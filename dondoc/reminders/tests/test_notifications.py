import pytest

from dondoc.reminders.models import Notification
from dondoc.reminders.notifications import notification_mark_read
from dondoc.tasks import services
from dondoc.testing import make_task

pytestmark = pytest.mark.django_db


def test_a_new_task_tells_the_head_of_the_lead_unit_but_not_the_person_who_assigned_it(org):
    make_task(org)
    assert Notification.objects.filter(recipient=org.finance_head, kind="created").count() == 1
    assert not Notification.objects.filter(recipient=org.tracker).exists()


def test_a_submission_tells_the_assigning_side(org):
    task = make_task(org)
    services.task_submit(task=task, by=org.finance_head, result="Xong")
    told = set(Notification.objects.filter(kind="submit").values_list("recipient__username", flat=True))
    assert told == {"lanhdao", "vanphong"}


def test_marking_read_touches_only_the_persons_own_notifications(org):
    make_task(org)
    note = Notification.objects.get(recipient=org.finance_head)
    with pytest.raises(Notification.DoesNotExist):
        notification_mark_read(by=org.tracker, pk=note.pk)
    assert notification_mark_read(by=org.finance_head, pk=note.pk).read_at is not None


def test_marking_all_read_leaves_nothing_unread(org):
    make_task(org)
    make_task(org, text="Giao Sở Tài chính lập dự toán")
    notification_mark_read(by=org.finance_head)
    assert not Notification.objects.for_user(org.finance_head).unread().exists()
