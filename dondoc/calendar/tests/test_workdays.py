import datetime as dt

import pytest

from dondoc.calendar.models import CalendarOverride, DayKind
from dondoc.calendar.service import add_working_days, get_calendar
from dondoc.calendar.workdays import WorkingCalendar

D = dt.date
cal = WorkingCalendar()


@pytest.mark.parametrize(
    "day",
    [
        D(2024, 1, 1), D(2024, 2, 8), D(2024, 2, 9), D(2024, 2, 12), D(2024, 2, 13), D(2024, 2, 14),
        D(2024, 4, 18), D(2024, 4, 29), D(2024, 4, 30), D(2024, 5, 1), D(2024, 9, 2), D(2024, 9, 3),
        D(2025, 1, 1), D(2025, 1, 27), D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31),
        D(2025, 4, 7), D(2025, 4, 30), D(2025, 5, 1), D(2025, 5, 2), D(2025, 9, 1), D(2025, 9, 2),
        D(2026, 1, 1), D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20),
        D(2026, 4, 27), D(2026, 4, 30), D(2026, 5, 1), D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2),
    ],
)
def test_public_holidays_of_2024_to_2026_are_days_off(day):
    assert not cal.is_working_day(day)


def test_tet_2024_for_civil_servants_runs_from_8_to_14_february():
    days = [D(2024, 2, d) for d in range(7, 16)]
    assert [cal.is_working_day(d) for d in days] == [True] + [False] * 7 + [True]


def test_quoc_khanh_2024_has_its_adjacent_day_off():
    assert not cal.is_working_day(D(2024, 9, 2)) and not cal.is_working_day(D(2024, 9, 3))


@pytest.mark.parametrize("saturday", [D(2024, 5, 4), D(2025, 4, 26), D(2026, 8, 22)])
def test_saturdays_swapped_for_a_bridging_day_off_are_working_days(saturday):
    assert saturday.weekday() == 5
    assert cal.is_working_day(saturday)


def test_ordinary_weekends_are_days_off_and_weekdays_are_working_days():
    assert not cal.is_working_day(D(2025, 3, 8))  # Saturday
    assert not cal.is_working_day(D(2025, 3, 9))  # Sunday
    assert cal.is_working_day(D(2025, 3, 10))


def test_adding_working_days_does_not_count_the_starting_day():
    assert cal.add_working_days(D(2025, 3, 10), 1) == D(2025, 3, 11)
    assert cal.add_working_days(D(2025, 3, 14), 1) == D(2025, 3, 17)  # Friday → Monday


def test_ten_working_days_from_thursday_28_august_2025_end_on_monday_15_september():
    assert cal.add_working_days(D(2025, 8, 28), 10) == D(2025, 9, 15)


def test_adding_working_days_across_tet_2026_skips_the_whole_holiday():
    # Friday 13/2/2026; Tết days off 16–20/2 and the weekends around them
    assert cal.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert cal.add_working_days(D(2026, 2, 13), 5) == D(2026, 2, 27)


def test_negative_counts_go_backwards_over_days_off():
    assert cal.add_working_days(D(2026, 2, 23), -1) == D(2026, 2, 13)


def test_zero_working_days_moves_a_day_off_to_the_next_working_day():
    assert cal.add_working_days(D(2026, 2, 14), 0) == D(2026, 2, 23)
    assert cal.add_working_days(D(2026, 2, 23), 0) == D(2026, 2, 23)


def test_a_deadline_on_a_day_off_moves_to_the_next_working_day():
    assert cal.deadline(D(2025, 9, 2)) == D(2025, 9, 3)
    assert cal.deadline(D(2025, 9, 3)) == D(2025, 9, 3)


def test_working_days_between_counts_the_end_but_not_the_start():
    assert cal.working_days_between(D(2025, 8, 28), D(2025, 9, 15)) == 10
    assert cal.working_days_between(D(2025, 9, 15), D(2025, 8, 28)) == -10
    assert cal.working_days_between(D(2025, 3, 10), D(2025, 3, 10)) == 0


def test_holiday_names_are_in_vietnamese():
    assert cal.holiday_name(D(2025, 9, 2)) == "Quốc khánh"
    assert cal.holiday_name(D(2025, 9, 3)) is None


@pytest.mark.django_db
def test_an_extra_day_off_set_by_the_administrator_is_not_a_working_day():
    assert get_calendar().is_working_day(D(2027, 3, 3))
    CalendarOverride.objects.create(day=D(2027, 3, 3), kind=DayKind.DAY_OFF, note="Nghỉ bổ sung")
    assert not get_calendar().is_working_day(D(2027, 3, 3))
    assert add_working_days(D(2027, 3, 2), 1) == D(2027, 3, 4)


@pytest.mark.django_db
def test_a_make_up_saturday_set_by_the_administrator_is_a_working_day():
    saturday = D(2027, 1, 9)
    assert not get_calendar().is_working_day(saturday)
    CalendarOverride.objects.create(day=saturday, kind=DayKind.WORKING_DAY, note="Làm bù")
    assert get_calendar().is_working_day(saturday)
    assert get_calendar().working_days_between(D(2027, 1, 8), D(2027, 1, 11)) == 2


@pytest.mark.django_db
def test_removing_an_override_restores_the_statutory_day():
    override = CalendarOverride.objects.create(day=D(2027, 3, 3), kind=DayKind.DAY_OFF)
    assert not get_calendar().is_working_day(D(2027, 3, 3))
    override.delete()
    assert get_calendar().is_working_day(D(2027, 3, 3))
