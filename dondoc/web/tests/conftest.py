import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from dondoc.testing import make_task

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def task(org, today):
    """A task of the finance department, due in a month, assigned by the office."""
    return make_task(org, due_on=today + dt.timedelta(days=30), support=(org.construction,))


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        return browser_type_launch_args
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
        ],
    }
