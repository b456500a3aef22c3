"""Whatever is typed into the statistics' addresses — dates at the ends of the calendar, ids no
database column can hold, text — the answer is a page or a clear refusal, never a server error."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from dondoc.reports.tests.builders import sample_2025

pytestmark = pytest.mark.django_db

HUGE = "9" * 23
EXTREME_PERIODS = [
    {"start": "30/12/9999", "end": "31/12/9999"},
    {"start": "01/01/0001", "end": "02/01/0001"},
    {"start": "01/01/0001", "end": "31/12/0009"},
    {"start": "31/12/9999", "end": "01/01/0001"},
    {"start": "0001-01-01", "end": "9999-12-31"},
    {"start": "99/99/99999", "end": "-1"},
]
EXTREME_IDS = [HUGE, "-" + HUGE, "0", "-1", "1e30", "abc", "1.5", str(2**63), str(2**63 - 1)]
ID_PARAMS = ("unit", "lead_unit", "assigned_by", "document", "page")
PERIOD = {"start": "01/01/2025", "end": "30/06/2025"}


def extreme_queries():
    yield from EXTREME_PERIODS
    for name in ID_PARAMS:
        for value in EXTREME_IDS:
            yield {**PERIOD, name: value}
    yield {**PERIOD, "sort": HUGE, "desc": HUGE, "priority": HUGE, "rollup": HUGE, "kind": HUGE}


def refusing_client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize("who", ["chairman", "finance_head", "admin"])
def test_no_extreme_value_in_the_statistics_addresses_is_a_server_error(org, who):
    sample_2025(org)
    client = refusing_client(getattr(org, who))
    failures = []
    for params in extreme_queries():
        for method, url, data in (("get", reverse("reports:stats"), params),
                                  ("post", reverse("reports:export"), {**params, "kind": params.get("kind", "stats_xlsx")})):
            status = getattr(client, method)(url, data).status_code
            if status >= 500:
                failures.append((method, params, status))
    for pk in (HUGE, str(2**63), str(2**63 - 1), "0"):
        for name in ("reports:export-job", "reports:export-job-file"):
            status = client.get(reverse(name, args=[1]).replace("/1/", f"/{pk}/")).status_code
            if status >= 500:
                failures.append((name, pk, status))
    assert failures == []


def test_dates_outside_the_calendar_are_refused_in_vietnamese(client, org):
    client.force_login(org.chairman)
    response = client.get(reverse("reports:stats"), {"start": "30/12/9999", "end": "31/12/9999"})
    assert response.status_code == 400
    assert "Ngày phải trong khoảng từ 01/01/1900 đến 31/12/2100" in response.content.decode()
    response = client.post(reverse("reports:export"), {"start": "01/01/0001", "end": "31/12/0009", "kind": "stats_xlsx"})
    assert response.status_code == 400


def test_an_id_no_database_can_hold_is_refused_not_looked_up(client, org):
    client.force_login(org.chairman)
    for name in ("unit", "assigned_by", "document"):
        response = client.get(reverse("reports:stats"), {**PERIOD, name: HUGE})
        assert response.status_code == 400, name
        assert "Giá trị không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("dates", [("30/12/9999", "31/12/9999"), ("01/01/0001", "02/01/0001"),
                                   ("0001-01-01", "2025-01-01")])
def test_the_stats_command_refuses_dates_outside_the_calendar(org, dates):
    with pytest.raises(CommandError, match="Ngày phải trong khoảng từ 01/01/1900 đến 31/12/2100"):
        call_command("stats", "--from", dates[0], "--to", dates[1])
