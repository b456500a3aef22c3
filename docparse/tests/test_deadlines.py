"""Every deadline form of the annotation guide."""

from __future__ import annotations

import datetime as dt

import pytest

from docparse.calendar import FallbackCalendar
from docparse.deadlines import find_deadline, is_recurring_text

CAL = FallbackCalendar()


def due(text: str, issued: dt.date | None = dt.date(2025, 8, 28)) -> dt.date | None:
    found = find_deadline(text, issued_on=issued, issue_year=issued.year if issued else 2025,
                          calendar=CAL)
    return found.due if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("báo cáo trước ngày 29/5/2024.", dt.date(2024, 5, 29)),
        ("chậm nhất ngày 29/5/2024", dt.date(2024, 5, 29)),
        ("gửi kết quả, hạn 29/5/2024.", dt.date(2024, 5, 29)),
        ("trước 10/5/2006.", dt.date(2006, 5, 10)),
        ("trước ngày 13.12.2007.", dt.date(2007, 12, 13)),
        ("thời hạn hoàn thành mới: 20/11/2025.", dt.date(2025, 11, 20)),
        ("trước ngày 05 tháng 6 năm 2003./.", dt.date(2003, 6, 5)),
    ],
)
def test_a_fixed_date_after_a_deadline_word_is_the_due_date(text, expected) -> None:
    assert due(text) == expected


def test_a_day_and_month_without_year_take_the_issue_year() -> None:
    assert due("báo cáo trước ngày 15/11.", dt.date(2025, 11, 3)) == dt.date(2025, 11, 15)


def test_a_month_gives_its_last_day() -> None:
    assert due("hoàn thành trong tháng 10/2023.") == dt.date(2023, 10, 31)
    assert due("báo cáo tại kỳ họp tháng 10/2023.") == dt.date(2023, 10, 31)
    assert due("báo cáo tại phiên họp thường kỳ UBND tỉnh tháng 2/2024") == dt.date(2024, 2, 29)
    assert due("Thời gian hoàn thành: tháng 8/2026.") == dt.date(2026, 8, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoàn thành trong quý I/2026", dt.date(2026, 3, 31)),
        ("Thời gian hoàn thành: quý II/2026.", dt.date(2026, 6, 30)),
        ("trong quý III năm 2024", dt.date(2024, 9, 30)),
        ("trong quý IV/2025", dt.date(2025, 12, 31)),
    ],
)
def test_a_quarter_gives_its_last_day(text, expected) -> None:
    assert due(text) == expected


def test_a_year_in_deadline_position_gives_the_31st_of_december() -> None:
    assert due("hoàn thành trong năm 2024.") == dt.date(2024, 12, 31)
    assert due("Thời gian hoàn thành: năm 2026.") == dt.date(2026, 12, 31)


def test_the_first_half_year_ends_on_the_30th_of_june() -> None:
    assert due("hoàn thành trong 6 tháng đầu năm 2026.") == dt.date(2026, 6, 30)


def test_years_that_name_a_law_a_plan_or_a_period_are_not_deadlines() -> None:
    assert due("theo quy định của Luật Đất đai năm 2024") is None
    assert due("những nhiệm vụ quá hạn chưa hoàn thành năm 2021, 2022 và năm 2023") is None
    assert due("đạt trên 80% từ tháng 11/2025") is None
    assert due("giai đoạn 2026 - 2030, kế hoạch vốn năm 2025") is None


def test_working_days_from_signing_skip_weekends_and_holidays() -> None:
    # Thursday 28/8/2025 + 10 working days; 1 and 2/9 are holidays.
    assert due("trong 10 ngày làm việc kể từ ngày ký", dt.date(2025, 8, 28)) == dt.date(2025, 9, 15)


def test_working_days_from_receipt_count_from_the_issue_date() -> None:
    text = "trong 05 ngày làm việc kể từ ngày nhận được văn bản này"
    assert due(text, dt.date(2025, 10, 13)) == dt.date(2025, 10, 20)


def test_working_days_across_tet_are_skipped() -> None:
    text = "trong 07 ngày làm việc kể từ ngày ký văn bản này"
    assert due(text, dt.date(2026, 2, 10)) == dt.date(2026, 2, 26)


def test_working_days_without_an_issue_date_cannot_be_fixed() -> None:
    found = find_deadline("trong 03 ngày làm việc kể từ ngày nhận được văn bản này",
                          issued_on=None, issue_year=2025, calendar=CAL)
    assert found is not None and found.due is None and found.text.startswith("trong 03")


def test_a_given_calendar_object_is_used_for_working_days() -> None:
    class EveryDayWorks:
        def add_working_days(self, start: dt.date, days: int) -> dt.date:
            return start + dt.timedelta(days=days)

    found = find_deadline("trong 3 ngày làm việc kể từ ngày ký", issued_on=dt.date(2025, 1, 1),
                          issue_year=2025, calendar=EveryDayWorks())
    assert found.due == dt.date(2025, 1, 4)


def test_a_standing_monthly_deadline_has_no_date_but_keeps_its_words() -> None:
    for text in ("báo cáo trước ngày 20 hằng tháng.", "chậm nhất là ngày 07 hàng tháng.",
                 "tại phiên họp thường kỳ UBND tỉnh hằng tháng."):
        found = find_deadline(text, issued_on=None, issue_year=2025, calendar=CAL)
        assert found.standing and found.due is None
        assert found.text in text


def test_an_old_deadline_is_not_the_new_one() -> None:
    text = "(hạn cũ ngày 15/8/2025), trình UBND tỉnh trước ngày 24/10/2025."
    assert due(text) == dt.date(2025, 10, 24)


def test_standing_duties_are_recurring_but_parenthesised_words_do_not_count() -> None:
    assert is_recurring_text("thường xuyên theo dõi, đôn đốc")
    assert is_recurring_text("định kỳ hằng quý báo cáo")
    assert not is_recurring_text("bổ sung chỉ số sản xuất (chỉ số hàng năm)")
