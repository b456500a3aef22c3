"""Every number on the statistics page opens exactly the tasks behind it.

The statistics page links each figure (the totals, every cell of every unit row, the overdue
backlog by year) to the task list; the list must count what the figure counts — whoever looks,
whatever the period, scope, rollup or filter."""

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from dondoc.documents.models import Document
from dondoc.org.models import Role
from dondoc.tasks.models import Task
from dondoc.tasks.workflow import Status
from dondoc.testing import make_unit, make_user

pytestmark = pytest.mark.django_db

TZ = timezone.get_fixed_timezone(7 * 60)
D = dt.date
HALF_YEAR = {"start": "01/01/2025", "end": "30/06/2025"}


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


class _Links(HTMLParser):
    """(href, text) of the anchors that point at the task list with a query."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix, self.found, self._href = prefix, [], None

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith(self.prefix):
            self._href, self._text = href, ""

    def handle_data(self, data):
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.found.append((self._href, self._text.strip()))
            self._href = None


def figure_links(body: str) -> list[tuple[str, int]]:
    parser = _Links(reverse("web:task-list") + "?")
    parser.feed(body)
    return [(href, int(text)) for href, text in parser.found]


def build(org):
    """Tasks of every class in and around the first half of 2025, and a few of the running month,
    for several units (sub-units, an abolished district, the committee itself, another province),
    with leaders, a document, priority, support units and withdrawn tasks."""
    vice = make_user("phochutich", org.committee, Role.LEADER, "Trần Văn Phó")
    document = Document.objects.create(kind="thong_bao", number="5/TB-UBND", subject="Kết luận giao ban")
    elsewhere = make_unit("Sở Y tế tỉnh Khác", parent=org.outsider.unit)
    units = [org.finance, org.finance_budget, org.construction, org.commune, org.old_district, org.committee]
    created = [at(D(2025, 2, 3)), at(D(2025, 1, 1), 0, 10), at(D(2025, 6, 30), 23, 50),
               at(D(2024, 12, 31), 23, 30), at(D(2025, 7, 1), 0, 5), at(D(2024, 11, 1))]
    kinds = [  # (status, due_on, completed_on): every class on 30/06/2025
        (Status.DONE, D(2025, 3, 1), D(2025, 2, 20)), (Status.DONE, D(2025, 3, 1), D(2025, 3, 10)),
        (Status.DONE, None, D(2025, 4, 20)), (Status.IN_PROGRESS, D(2025, 4, 1), None),
        (Status.ASSIGNED, D(2025, 7, 2), None), (Status.SUBMITTED, D(2025, 12, 31), None),
        (Status.ASSIGNED, None, None), (Status.WITHDRAWN, D(2025, 3, 1), None),
        (Status.PAUSED, D(2025, 5, 1), None), (Status.RETURNED, D(2025, 6, 30), None),
    ]
    today = timezone.localdate()
    recent = [(Status.ASSIGNED, today + dt.timedelta(days=1), None), (Status.IN_PROGRESS, today - dt.timedelta(days=2), None),
              (Status.DONE, today, today - dt.timedelta(days=1)), (Status.WITHDRAWN, today, None)]
    rows = []
    for n, (status, due, done) in enumerate(kinds * 3):
        rows.append(Task(
            text=f"Nhiệm vụ {n}", assigning_unit=org.committee, lead_unit=units[n % len(units)],
            assigned_by=(org.chairman, vice, None)[n % 3], status=status, due_on=due, completed_on=done,
            created_at=created[n % len(created)], priority=n % 4 == 1, document=document if n % 5 == 0 else None,
        ))
    for n, (status, due, done) in enumerate(recent * 2):
        rows.append(Task(
            text=f"Việc mới {n}", assigning_unit=org.committee, lead_unit=units[n % 3], assigned_by=org.chairman,
            status=status, due_on=due, completed_on=done, created_at=timezone.now() - dt.timedelta(days=n),
        ))
    rows.append(Task(text="Của tỉnh khác", assigning_unit=org.outsider.unit, lead_unit=elsewhere,
                     status=Status.ASSIGNED, due_on=D(2025, 3, 1), created_at=at(D(2025, 2, 3))))
    tasks = Task.objects.bulk_create(rows)
    # Seen by Sở Tài chính as a supporting unit, but not counted in its statistics.
    for task in tasks:
        if task.lead_unit_id == org.construction.pk:
            task.support_units.add(org.finance)
    return vice, document


def running_period() -> dict[str, str]:
    today = timezone.localdate()
    return {"start": (today - dt.timedelta(days=40)).strftime("%d/%m/%Y"),
            "end": (today + dt.timedelta(days=10)).strftime("%d/%m/%Y")}


def scenarios(org, vice, document):
    return [
        (org.chairman, HALF_YEAR),
        (org.chairman, {**HALF_YEAR, "rollup": "1"}),
        (org.chairman, {**HALF_YEAR, "assigned_by": vice.pk, "priority": "1"}),
        (org.chairman, {**HALF_YEAR, "document": document.pk}),
        (org.chairman, running_period()),
        (org.tracker, {**HALF_YEAR, "unit": org.finance.pk, "rollup": "1"}),
        (org.finance_head, HALF_YEAR),
        (org.finance_head, {**HALF_YEAR, "rollup": "1"}),
        (org.finance_staff, running_period()),
        (org.admin, HALF_YEAR),
        (org.admin, {**HALF_YEAR, "rollup": "1"}),
    ]


def test_every_figure_on_the_statistics_page_opens_a_list_of_that_many_tasks(client, org):
    vice, document = build(org)
    checked: dict[tuple[str, str], int] = {}
    for user, params in scenarios(org, vice, document):
        client.force_login(user)
        stats = client.get(reverse("reports:stats"), params)
        assert stats.status_code == 200
        links = figure_links(stats.content.decode())
        # The totals (7 figures) and at least one unit row (7 more).
        assert len(links) >= 14, (user, params)
        for href, shown in links:
            if (user.username, href) in checked:
                assert checked[user.username, href] == shown
                continue
            # The results fragment: the same view and filters, without drawing the filter panel.
            listed = client.get(href, headers={"HX-Request": "true"})
            assert listed.context["form"].is_valid(), (href, listed.context["form"].errors)
            assert listed.context["page"].paginator.count == shown, (user.username, params, href)
            checked[user.username, href] = shown
    assert len(checked) > 200 and sum(bool(n) for n in checked.values()) > 100


def test_the_assigned_figure_leaves_withdrawn_tasks_out(signed_in, org):
    build(org)
    url = reverse("web:task-list")
    client = signed_in(org.admin)
    scope = {"created_from": "01/01/2025", "created_to": "30/06/2025", "lead_unit": org.finance.pk, "subunits": "1"}
    everything = client.get(url, scope).context["page"].paginator.count
    counted = client.get(url, {**scope, "exclude_withdrawn": "1"}).context["page"].paginator.count
    assert everything - counted == 1


def test_the_period_is_read_in_local_days(signed_in, org):
    build(org)
    client = signed_in(org.admin)
    url = reverse("web:task-list")
    first_day = client.get(url, {"created_from": "01/01/2025", "created_to": "01/01/2025"})
    last_day = client.get(url, {"created_from": "30/06/2025", "created_to": "30/06/2025"})
    assert {t.created_at.astimezone(TZ).date() for t in first_day.context["page"].object_list} == {D(2025, 1, 1)}
    assert {t.created_at.astimezone(TZ).date() for t in last_day.context["page"].object_list} == {D(2025, 6, 30)}


def test_timeliness_is_judged_on_the_day_asked_and_shown_so(signed_in, org):
    build(org)
    client = signed_in(org.admin)
    response = client.get(reverse("web:task-list"), {"timeliness": "due_soon", "as_of": "30/06/2025"})
    assert {t.due_on for t in response.context["page"].object_list} == {D(2025, 6, 30), D(2025, 7, 2)}
    assert "Tình trạng thời hạn tính đến ngày 30/06/2025" in response.context["active_filters"]
    assert "Sắp đến hạn" in response.content.decode()


def test_the_filter_panel_keeps_every_statistics_filter(signed_in, org):
    response = signed_in(org.tracker).get(reverse("web:task-list"), {
        "created_from": "01/01/2025", "created_to": "30/06/2025", "as_of": "30/06/2025",
        "lead_unit": org.finance.pk, "subunits": "1", "exclude_withdrawn": "1",
        "timeliness": ["within_deadline", "due_soon"],
    })
    assert response.context["active_filters"] == [
        "Giao từ ngày 01/01/2025 đến ngày 30/06/2025", "Sở Tài chính và các đơn vị trực thuộc",
        "Tình trạng: Đang thực hiện trong hạn, Sắp đến hạn", "Không tính nhiệm vụ đã thu hồi",
        "Tình trạng thời hạn tính đến ngày 30/06/2025",
    ]
    body = response.content.decode()
    for text in ("Giao từ ngày", "Tình trạng tính đến ngày", "Gồm cả các đơn vị trực thuộc",
                 "Không tính nhiệm vụ đã thu hồi", 'value="01/01/2025"', 'value="30/06/2025"'):
        assert text in body
    assert body.count("checked") == 4


def test_a_period_that_ends_before_it_starts_is_explained(signed_in, org):
    response = signed_in(org.tracker).get(reverse("web:task-list"),
                                          {"created_from": "30/06/2025", "created_to": "01/01/2025"})
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert response.context["page"].paginator.count == 0


def test_the_list_filtered_like_the_statistics_takes_a_fixed_number_of_queries(
        signed_in, org, django_assert_max_num_queries):
    build(org)
    client = signed_in(org.chairman)
    with django_assert_max_num_queries(12):
        client.get(reverse("web:task-list"), {
            "created_from": "01/01/2025", "created_to": "30/06/2025", "as_of": "30/06/2025",
            "lead_unit": org.committee.pk, "subunits": "1", "exclude_withdrawn": "1",
        })


def test_every_tile_of_the_dashboards_opens_a_list_of_that_many_tasks(client, org):
    build(org)
    budget_staff = make_user("nganSach2", org.finance_budget, Role.STAFF, "Lý Thị Hoa")
    handed = Task.objects.filter(lead_unit=org.finance).first()
    Task.objects.filter(pk=handed.pk).update(assignee=budget_staff)  # test data, as a delegation leaves it
    for user in (org.chairman, org.tracker, org.admin, org.finance_head, org.finance_staff, budget_staff,
                 org.commune_head):
        client.force_login(user)
        tiles = client.get(reverse("web:home")).context["tiles"]
        assert sum(t["count"] for t in tiles) > 0, user.username
        for tile in tiles:
            listed = client.get(tile["url"], headers={"HX-Request": "true"})
            assert listed.context["page"].paginator.count == tile["count"], (user.username, tile["url"])
