import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dondoc.forms import parse_day
from dondoc.text import dmy


def test_parse_day_reads_dd_mm_yyyy_and_iso_dates():
    assert parse_day(" 05/03/2026 ") == dt.date(2026, 3, 5)
    assert parse_day("2026-03-05") == dt.date(2026, 3, 5)


@pytest.mark.parametrize("text", ["31/02/2025", "abc", "05-03-2026"])
def test_parse_day_refuses_a_day_that_is_not_one_naming_it_in_vietnamese(text):
    with pytest.raises(ValidationError) as error:
        parse_day(text)
    assert f"“{text}”" in error.value.messages[0] and "Ngày không hợp lệ" in error.value.messages[0]


def test_parse_day_refuses_a_day_outside_the_calendar_range():
    with pytest.raises(ValidationError) as error:
        parse_day("01/01/1899")
    assert "01/01/1900" in error.value.messages[0] and "31/12/2100" in error.value.messages[0]


def test_dmy_writes_a_day_as_officials_do():
    assert dmy(dt.date(2026, 3, 5)) == "05/03/2026"
    assert dmy(None) == ""
