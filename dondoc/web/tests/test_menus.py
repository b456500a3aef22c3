"""Menus and buttons offer only what the server allows: no link ends in a 403."""

import re

import pytest
from django.urls import reverse

GUARDED = ("web:task-create", "documents:register", "reminders:letter-wizard")


def _guarded_links(body):
    hrefs = set(re.findall(r'href="([^"]+)"', body))
    return {name for name in GUARDED if reverse(name) in hrefs}


@pytest.mark.parametrize("page", ["web:home", "web:task-list"])
def test_the_administrator_sees_no_link_he_would_get_a_403_for(signed_in, org, page):
    client = signed_in(org.admin)
    shown = _guarded_links(client.get(reverse(page)).content.decode())
    for name in GUARDED:
        status = client.get(reverse(name)).status_code
        assert name not in shown or status != 403, f"{name} is shown but answers 403"
    assert "web:task-create" not in shown
    assert client.get(reverse("web:task-create")).status_code == 403


def test_the_office_sees_the_links_to_register_and_assign(signed_in, org):
    shown = _guarded_links(signed_in(org.tracker).get(reverse("web:home")).content.decode())
    assert shown == set(GUARDED)


def test_a_unit_head_sees_none_of_the_office_links(signed_in, org):
    shown = _guarded_links(signed_in(org.finance_head).get(reverse("web:task-list")).content.decode())
    assert shown == set()
