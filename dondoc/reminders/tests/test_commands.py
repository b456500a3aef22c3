import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from dondoc.testing import make_task

pytestmark = pytest.mark.django_db


def test_remind_prints_what_it_sent_for_a_simulated_day(org):
    org.finance_head.email = "donvi@x.vn"
    org.finance_head.save()
    make_task(org, due_on=dt.date(2026, 3, 9))
    out = io.StringIO()
    call_command("remind", "--date", "09/03/2026", stdout=out)
    assert "nhận 1 lượt nhắc mới" in out.getvalue()
    assert "Đã gửi thư tổng hợp tới donvi@x.vn (1 nhiệm vụ)." in out.getvalue()
    again = io.StringIO()
    call_command("remind", "--date", "2026-03-09", stdout=again)
    assert "nhận 0 lượt nhắc mới" in again.getvalue() and "Đã gửi" not in again.getvalue()


def test_the_worker_runs_one_iteration_with_every_background_job(org, monkeypatch):
    from dondoc.reminders.management.commands import worker

    calls = []
    jobs = [("đọc văn bản", lambda: calls.append("runs")), ("xuất báo cáo", lambda: calls.append("exports"))]
    monkeypatch.setattr(worker, "BACKGROUND_JOBS", jobs)
    out = io.StringIO()
    call_command("worker", "--once", stdout=out)
    assert calls == ["runs", "exports"] and "Đã dừng." in out.getvalue()


def test_a_failing_background_job_does_not_stop_the_others(org, monkeypatch):
    from dondoc.reminders.management.commands import worker

    def broken():
        raise RuntimeError("đĩa đầy")

    calls = []
    monkeypatch.setattr(worker, "BACKGROUND_JOBS", [("hỏng", broken), ("tốt", lambda: calls.append(1))])
    err = io.StringIO()
    call_command("worker", "--once", stdout=io.StringIO(), stderr=err)
    assert calls == [1] and "“hỏng” bị lỗi" in err.getvalue()


def test_remind_refuses_a_bad_date_with_a_vietnamese_message():
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("remind", "--date", "31/02/2026")


def test_urge_letter_names_the_units_an_ambiguous_name_matches(org, tmp_path):
    with pytest.raises(CommandError, match=r"Có nhiều đơn vị khớp với “uy ban nhan dan”: .*Hòa Bình"):
        call_command("urge_letter", "--lead-unit", "uy ban nhan dan", "--out", str(tmp_path / "x.docx"))
