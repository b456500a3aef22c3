import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dondoc.reminders.models import UrgingLetter
from dondoc.tasks.models import EventKind, TaskEvent
from dondoc.testing import make_task

pytestmark = pytest.mark.django_db

WIZARD = reverse("reminders:letter-wizard")


@pytest.fixture
def overdue(org):
    today = timezone.localdate()
    return [
        make_task(org, due_on=today - dt.timedelta(days=10), text="Báo cáo tình hình giải ngân."),
        make_task(org, lead=org.construction, due_on=today - dt.timedelta(days=3),
                  text="Kiểm tra công trình trường học."),
    ]


def signed_in(client, user):
    client.force_login(user)
    return client


def options(tasks, step, **extra):
    data = {"task": [t.pk for t in tasks], "step": step,
            "new_due": (timezone.localdate() + dt.timedelta(days=10)).strftime("%d/%m/%Y"),
            "explanation": "on", "grouping": "per_unit", "signing": "kt", "signer_name": "Nguyễn Tường Duy"}
    return {**data, **extra}


@pytest.mark.parametrize("persona,status", [
    ("tracker", 200), ("chairman", 200), ("finance_head", 403), ("finance_staff", 403), ("admin", 403),
])
def test_the_wizard_is_for_the_office_and_the_leaders(client, org, overdue, persona, status):
    assert signed_in(client, getattr(org, persona)).get(WIZARD).status_code == status


def test_the_office_selects_previews_and_registers(client, org, overdue):
    signed_in(client, org.tracker)
    page = client.get(WIZARD, {"unit": org.finance.pk, "scope": "overdue"}).content.decode()
    assert "Báo cáo tình hình giải ngân." in page and "Kiểm tra công trình" not in page
    step2 = client.post(WIZARD, {"task": [t.pk for t in overdue], "step": "options"})
    assert step2.status_code == 200 and "Hạn báo cáo mới" in step2.content.decode()
    preview = client.post(WIZARD, options(overdue, "preview")).content.decode()
    assert preview.count("Kính gửi:") == 2 and "V/v đôn đốc thực hiện nhiệm vụ quá hạn" in preview
    assert "1. Yêu cầu Sở Xây dựng" in preview
    download = client.post(WIZARD, options(overdue[:1], "docx"))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content)[:2] == b"PK"
    done = client.post(WIZARD, options(overdue, "register"))
    assert done.status_code == 302 and done["Location"] == reverse("reminders:letters")
    assert UrgingLetter.objects.count() == 2
    assert TaskEvent.objects.filter(kind=EventKind.URGED).count() == 2
    listing = client.get(reverse("reminders:letters")).content.decode()
    assert "01/UBND-VP" in listing and "02/UBND-VP" in listing


def test_a_bad_date_is_shown_and_nothing_is_saved(client, org, overdue):
    signed_in(client, org.tracker)
    response = client.post(WIZARD, options(overdue, "register", new_due="31/02/2026"))
    assert response.status_code == 400 and "Ngày không hợp lệ" in response.content.decode()
    past = client.post(WIZARD, options(overdue, "register", new_due="01/01/2020"))
    assert past.status_code == 400 and "Hạn báo cáo mới phải sau ngày hôm nay." in past.content.decode()
    assert not UrgingLetter.objects.exists()


def test_a_unit_head_cannot_post_to_the_wizard(client, org, overdue):
    response = signed_in(client, org.finance_head).post(WIZARD, options(overdue, "register"))
    assert response.status_code == 403 and not UrgingLetter.objects.exists()


def test_another_committees_task_is_not_found(client, org, overdue):
    response = signed_in(client, org.outsider).post(WIZARD, options(overdue, "preview"))
    assert response.status_code == 404


def test_the_lead_unit_downloads_its_letter_and_others_do_not(client, org, overdue):
    signed_in(client, org.tracker).post(WIZARD, options(overdue[:1], "register"))
    letter = UrgingLetter.objects.get()
    url = reverse("reminders:letter-file", args=[letter.pk, "docx"])
    assert signed_in(client, org.finance_head).get(url).status_code == 200
    assert signed_in(client, org.construction_head).get(url).status_code == 404
