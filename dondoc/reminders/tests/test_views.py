import datetime as dt
import re

import pytest
from django.test import Client
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


def drafting_token(client, tasks, **extra):
    """The one-time token the preview page carries to its "register" button."""
    page = client.post(WIZARD, options(tasks, "preview", **extra)).content.decode()
    return re.search(r'name="token" value="([0-9a-f]+)"', page).group(1)


def register(client, tasks, **extra):
    token = drafting_token(client, tasks, **extra)
    return client.post(WIZARD, options(tasks, "register", token=token, **extra))


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
    done = register(client, overdue)
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
    register(signed_in(client, org.tracker), overdue[:1])
    letter = UrgingLetter.objects.get()
    url = reverse("reminders:letter-file", args=[letter.pk, "docx"])
    assert signed_in(client, org.finance_head).get(url).status_code == 200
    assert signed_in(client, org.construction_head).get(url).status_code == 404


def test_a_double_click_on_register_issues_the_letters_once(client, org, overdue):
    signed_in(client, org.tracker)
    token = drafting_token(client, overdue)
    first = client.post(WIZARD, options(overdue, "register", token=token))
    second = client.post(WIZARD, options(overdue, "register", token=token), follow=True)
    assert first.status_code == 302 and second.redirect_chain[-1][0] == reverse("reminders:letters")
    assert "đã được vào sổ; không vào sổ lại" in second.content.decode()
    assert UrgingLetter.objects.count() == 2
    assert TaskEvent.objects.filter(kind=EventKind.URGED).count() == 2


def test_registering_needs_the_token_of_a_preview_of_this_session(client, org, overdue):
    signed_in(client, org.tracker)
    for token in ("", "deadbeef", "0" * 32):
        response = client.post(WIZARD, options(overdue, "register", token=token))
        assert response.status_code == 400 and "Trang soạn văn bản đã cũ" in response.content.decode()
    assert not UrgingLetter.objects.exists()
    other = Client()
    other.force_login(org.chairman)
    stolen = drafting_token(other, overdue)
    assert client.post(WIZARD, options(overdue, "register", token=stolen)).status_code == 400
    assert not UrgingLetter.objects.exists()


def test_the_refusal_page_carries_a_fresh_token_that_registers(client, org, overdue):
    signed_in(client, org.tracker)
    page = client.post(WIZARD, options(overdue, "register", token="stale")).content.decode()
    token = re.search(r'name="token" value="([0-9a-f]+)"', page).group(1)
    assert client.post(WIZARD, options(overdue, "register", token=token)).status_code == 302
    assert UrgingLetter.objects.count() == 2


def test_a_number_already_used_is_refused_before_and_at_registration(client, org, overdue):
    signed_in(client, org.tracker)
    assert register(client, overdue[:1], number="12/UBND-VP").status_code == 302
    preview = client.post(WIZARD, options(overdue[1:], "preview", number="12/UBND-VP"))
    assert preview.status_code == 400 and "Số văn bản 12/UBND-VP đã được dùng" in preview.content.decode()
    token = drafting_token(client, overdue[1:])
    response = client.post(WIZARD, options(overdue[1:], "register", token=token, number="12/UBND-VP"))
    assert response.status_code == 400 and "đã được dùng" in response.content.decode()
    assert UrgingLetter.objects.count() == 1


HUGE = "9" * 25


def test_extreme_input_in_the_wizard_is_an_error_never_a_crash(org, overdue):
    client = Client(raise_request_exception=False)
    client.force_login(org.tracker)
    extremes = ["01/01/0001", "31/12/9999", HUGE, "-" + HUGE, "-1", "zzz", str(10**20)]
    answers = [client.get(WIZARD, {name: value}) for name in ("unit", "scope", "due_within") for value in extremes]
    answers += [client.post(WIZARD, {"task": [value], "step": "options"}) for value in extremes]
    for step in ("options", "preview", "docx", "register"):
        for name in ("new_due", "grouping", "signing", "number", "token"):
            answers += [client.post(WIZARD, options(overdue, step, **{name: value})) for value in extremes]
    answers += [client.get(reverse("reminders:letter-file", args=[pk, "docx"])) for pk in (HUGE, str(10**20))]
    answers.append(client.get(reverse("reminders:letters"), {"page": str(10**20)}))
    assert [a.status_code for a in answers if a.status_code >= 500] == []
    assert not UrgingLetter.objects.exists()


def test_a_report_date_outside_the_calendar_is_refused_in_words(client, org, overdue):
    signed_in(client, org.tracker)
    response = client.post(WIZARD, options(overdue, "preview", new_due="31/12/9999"))
    assert response.status_code == 400
    assert "Ngày phải trong khoảng từ 01/01/1900 đến 31/12/2100." in response.content.decode()


def test_a_unit_id_too_large_is_ignored(client, org, overdue):
    response = signed_in(client, org.tracker).get(WIZARD, {"unit": HUGE})
    assert response.status_code == 200 and "Kiểm tra công trình" in response.content.decode()
