"""The dashboard's figures are the statistics page's: one definition of a rate for every screen."""

import datetime as dt

from django.urls import reverse

from dondoc.reports.tests.builders import at, bulk_tasks
from dondoc.tasks.workflow import Status


def _year_so_far(org, today):
    days = dt.timedelta
    created = at(today)
    return bulk_tasks(org, [
        (org.finance, Status.DONE, today - days(5), today - days(10), created),  # on time
        (org.finance, Status.DONE, today - days(10), today - days(2), created),  # late
        (org.finance, Status.IN_PROGRESS, today - days(3), None, created),  # overdue
        (org.finance, Status.ASSIGNED, today + days(30), None, created),  # not due yet
        (org.construction, Status.DONE, None, today - days(1), created),  # no deadline
        (org.construction, Status.DONE, today - days(1), today - days(4), created),  # on time
        (org.construction, Status.WITHDRAWN, today - days(1), None, created),  # never counted
    ])


def test_the_dashboard_rates_of_a_unit_are_those_of_the_statistics_page(signed_in, org, today):
    _year_so_far(org, today)
    client = signed_in(org.tracker)
    dashboard = {item["row"].ref.pk: (item["completion"], item["on_time"])
                 for item in client.get(reverse("web:home")).context["rates"]["rows"]}
    stats = client.get(reverse("reports:stats"), {
        "start": dt.date(today.year, 1, 1).strftime("%d/%m/%Y"), "end": today.strftime("%d/%m/%Y")})
    page = {t["row"].ref.pk: (t["completion"], t["on_time"]) for t in stats.context["table"]}
    assert dashboard == page
    # Completion among the tasks that came due (2 of 3), on time among those done with a deadline.
    assert dashboard[org.finance.pk] == ("66,7 %", "50,0 %")
    assert dashboard[org.construction.pk] == ("100,0 %", "100,0 %")


def test_the_dashboard_shows_the_rates_as_the_statistics_page_writes_them(signed_in, org, today):
    _year_so_far(org, today)
    body = signed_in(org.chairman).get(reverse("web:home")).content.decode()
    assert "66,7 %" in body and "<svg" in body
    assert f"unit={org.finance.pk}" in body
