"""One walk through the application in a real browser (Debian chromium via Playwright).

vanphong registers the seed meeting-conclusion notice and confirms its tasks; donvi
reports progress and submits; vanphong returns it with a reason; donvi resubmits;
vanphong confirms; the dashboard counts it as done on time. A screenshot of each
main screen goes to screenshots/ (git-ignored).
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from dondoc.web.tests.conftest import CHROMIUM

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]

SEED = "seed002_sonduong_meeting_conclusion.txt"
SHOTS = Path(settings.BASE_DIR) / "screenshots"


def seed_file() -> Path:
    shipped = Path(settings.BASE_DIR) / "dondoc" / "demo" / "data" / SEED
    return shipped if shipped.exists() else Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "dev" / SEED


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def sign_in(page, base, username):
    page.goto(base + reverse("web:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", "demo12345")
    page.click("button[type=submit]")
    page.wait_for_url(base + reverse("web:home"))


def sign_out(page):
    page.click("details.account summary")
    page.click("text=Đăng xuất")
    page.wait_for_url(re.compile(r"/dang-nhap/"))


def open_action(page, slug):
    details = page.locator(f"#act-{slug}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def test_a_directive_goes_from_upload_to_confirmed_completion(live_server, page, org):
    from dondoc.tasks.models import Task
    from dondoc.tasks.workflow import Status

    base = live_server.url
    page.set_default_timeout(20_000)
    due = (timezone.localdate() + dt.timedelta(days=30)).strftime("%d/%m/%Y")

    # vanphong signs in and registers the notice
    page.goto(base + reverse("web:login"))
    shot(page, "01-dang-nhap")
    sign_in(page, base, "vanphong")
    page.goto(base + reverse("documents:register"))
    page.set_input_files("input[name=files]", str(seed_file()))
    page.click("button:has-text('Đọc văn bản')")
    page.wait_for_url(re.compile(r"/kiem-tra/"))

    # the review: keep the tasks whose lead unit was recognised, set the first one to donvi's unit
    cards = page.locator("article.task-card")
    for index in range(cards.count() - 1, 0, -1):
        card = page.locator(f"#task-{index}")
        if card.locator(".chosen input:checked").count() == 0:
            card.locator("button:has-text('Bỏ nhiệm vụ này')").click()
            page.wait_for_load_state()
    first = page.locator("#task-0")
    for box in first.locator(".units").first.locator(".chosen input").all():
        box.uncheck()
    first.locator("input[aria-label='Tìm đơn vị chủ trì']").fill("so tai chinh")
    first.locator(f"#lead-found-0 input[value='{org.finance.pk}']").check()
    first.locator("input[name='form-0-due_on']").fill(due)
    shot(page, "05-kiem-tra-van-ban")
    page.click("button[value=confirm]")
    page.wait_for_url(re.compile(r"/van-ban/\d+/"))
    task = Task.objects.get(lead_unit=org.finance, due_on=dt.datetime.strptime(due, "%d/%m/%Y").date())
    assert task.document is not None

    page.goto(base + reverse("web:home"))
    shot(page, "02-tong-quan-van-phong")
    sign_out(page)

    # donvi sees the task, reports progress and submits
    sign_in(page, base, "donvi")
    shot(page, "03-tong-quan-don-vi")
    page.goto(base + reverse("web:task-list"))
    shot(page, "04-danh-sach-nhiem-vu")
    page.goto(base + reverse("web:task-detail", args=[task.pk]))
    form = open_action(page, "bao-cao-tien-do")
    form.locator("textarea[name=text]").fill("Đã họp triển khai, đang dự thảo kế hoạch.")
    form.locator("input[name=percent]").fill("50")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=Đã gửi báo cáo tiến độ.")
    form = open_action(page, "bao-cao-hoan-thanh")
    form.locator("textarea[name=result]").fill("Đã ban hành kế hoạch thực hiện.")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=chờ đơn vị giao xác nhận")
    sign_out(page)

    # vanphong finds it in the notifications and returns it with a reason
    sign_in(page, base, "vanphong")
    page.goto(base + reverse("web:notifications"))
    shot(page, "07-thong-bao")
    page.locator(".note.unread a", has_text="chờ xác nhận").first.click()
    page.wait_for_url(base + reverse("web:task-detail", args=[task.pk]))
    form = open_action(page, "tra-lai")
    form.locator("textarea[name=reason]").fill("Thiếu phụ lục phân công cụ thể.")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=Đã trả lại kết quả cho đơn vị.")
    task.refresh_from_db()
    assert task.status == Status.RETURNED
    sign_out(page)

    # donvi resubmits
    sign_in(page, base, "donvi")
    assert page.locator("text=Kết quả bị trả lại").count() == 1
    page.goto(base + reverse("web:task-detail", args=[task.pk]))
    form = open_action(page, "bao-cao-hoan-thanh")
    form.locator("textarea[name=result]").fill("Đã bổ sung phụ lục phân công.")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=chờ đơn vị giao xác nhận")
    sign_out(page)

    # vanphong confirms; the dashboard counts it as done on time
    sign_in(page, base, "vanphong")
    page.goto(base + reverse("web:task-detail", args=[task.pk]))
    form = open_action(page, "xac-nhan")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=Đã xác nhận hoàn thành nhiệm vụ.")
    shot(page, "06-nhiem-vu")
    page.goto(base + reverse("web:home"))
    assert page.locator(".tile.t-done_on_time .tile-count").inner_text() == "1"
    shot(page, "02-tong-quan-van-phong")
    page.goto(base + reverse("web:directory"))
    shot(page, "08-to-chuc")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + reverse("web:home"))
    shot(page, "09-dien-thoai-tong-quan")
    task.refresh_from_db()
    assert task.status == Status.DONE and task.current_timeliness == "done_on_time"
