import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in live_server tests
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@pytest.fixture
def org(db):
    from dondoc.testing import build_org

    return build_org()


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    from dondoc.calendar.service import reset_calendar_cache

    reset_calendar_cache()
    yield
    reset_calendar_cache()
