import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from docx import Document as read_docx
from openpyxl import load_workbook

from dondoc.reports.exports import inspection_docx, stats_xlsx, summary_docx
from dondoc.reports.models import RankingPolicy
from dondoc.reports.queries import CLASSES, Period, Scope, compute, sort_rows
from dondoc.reports.tests.builders import D, sample_2025

pytestmark = pytest.mark.django_db
PERIOD = Period.of(D(2025, 1, 1), D(2025, 6, 30), today=D(2025, 12, 1))
COLUMNS = ["assigned", "done_on_time", "done_late", "done_no_deadline", "within_deadline", "overdue",
           "open_no_deadline", "completion_rate", "on_time_rate", "max_days_overdue"]


def cli_json(capsys):
    call_command("stats", "--from", "01/01/2025", "--to", "30/06/2025")
    return json.loads(capsys.readouterr().out)


def test_the_excel_table_holds_the_json_figures_as_values(org, capsys):
    sample_2025(org)
    data = cli_json(capsys)
    book = load_workbook(io.BytesIO(stats_xlsx(PERIOD, Scope())))
    table, overdue = book.worksheets
    rows = {r[1]: r for r in table.iter_rows(values_only=True) if r[1] and isinstance(r[2], int)}
    for unit in [*data["units"], {**data["totals"], "unit": "Tổng cộng"}]:
        found = rows[unit["unit"]]
        expected = [unit[c] if unit[c] is not None else (0 if c == "max_days_overdue" else None) for c in COLUMNS]
        assert list(found[2:12]) == expected
    assert not any(isinstance(c, str) and c.startswith("=") for r in table.iter_rows(values_only=True) for c in r)
    merged = {str(m) for m in table.merged_cells.ranges}
    assert "D5:F5" in merged and "G5:I5" in merged  # Đã hoàn thành / Chưa hoàn thành over their columns
    listed = [r for r in overdue.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert len(listed) == data["totals"]["overdue"]
    assert listed[0][5] == "01/04/2025" and listed[0][6] == 90


def test_the_summary_report_writes_the_figures_into_the_text_and_the_table(org, capsys):
    sample_2025(org)
    data = cli_json(capsys)
    doc = read_docx(io.BytesIO(summary_docx(PERIOD, Scope(root=org.committee), today=D(2025, 7, 3))))
    text = "\n".join(p.text for p in doc.paragraphs)
    t = data["totals"]
    assert "BÁO CÁO" in text
    assert (f"Tổng số nhiệm vụ được giao: {t['assigned']}; đã hoàn thành 3 (đúng hạn {t['done_on_time']}, "
            f"quá hạn {t['done_late']}, không có hạn {t['done_no_deadline']}); chưa hoàn thành 4 "
            f"(trong hạn {t['within_deadline']}, quá hạn {t['overdue']}, không có hạn {t['open_no_deadline']})") in text
    assert "Tỷ lệ hoàn thành: 50,0 % (2/4 nhiệm vụ đã đến hạn" in text
    assert "năm 2024: 1 nhiệm vụ" in text and "năm 2025: 2 nhiệm vụ" in text
    head_table, unit_table = doc.tables[0], doc.tables[1]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head_table.cell(0, 1).text
    total_cells = [c.text for c in unit_table.rows[-1].cells]
    assert total_cells[1] == "Tổng cộng" and total_cells[2] == str(t["assigned"])
    assert total_cells[6] == str(t["overdue"])
    # The office layout: "Đã hoàn thành" over "Đúng hạn" / "Quá hạn", "STT" over both header rows.
    assert unit_table.cell(0, 3).text == "Đã hoàn thành" and unit_table.cell(0, 4)._tc is unit_table.cell(0, 3)._tc
    assert [unit_table.cell(1, c).text for c in (3, 4)] == ["Đúng hạn", "Quá hạn"]
    assert unit_table.cell(0, 0).text == "STT" and unit_table.cell(1, 0).text == "STT"
    assert all(run.bold for run in unit_table.rows[-1].cells[1].paragraphs[0].runs)


def test_the_inspection_report_lists_the_unfinished_tasks_of_the_unit(org):
    sample_2025(org)
    scope = Scope(root=org.committee, unit=org.finance)
    doc = read_docx(io.BytesIO(inspection_docx(PERIOD, scope, today=D(2025, 7, 3))))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Kết quả kiểm tra tình hình thực hiện nhiệm vụ tại Sở Tài chính" in text
    assert "Sở Tài chính được giao thực hiện tổng số 5 nhiệm vụ." in text
    assert "Còn 2 nhiệm vụ quá hạn chưa hoàn thành" in text
    listed = doc.tables[1]
    assert len(listed.rows) == 1 + 2  # header + the two unfinished tasks
    assert [r.cells[4].text for r in listed.rows[1:]] == ["Quá hạn", "Quá hạn"]


def test_the_ranking_puts_the_best_completion_first(org):
    sample_2025(org)
    stats = compute(PERIOD, Scope(), RankingPolicy.current())
    ranked = sort_rows(stats.rows, "rank")
    assert [r.rank for r in ranked] == [1, 2, 3]
    rates = [r.figures.completion_rate for r in ranked if r.figures.completion_rate is not None]
    assert rates == sorted(rates, reverse=True)
    assert sum(r.figures.assigned for r in ranked) == sum(getattr(stats.totals, c) for c in CLASSES)
    assert dt.date(2025, 6, 30) == stats.period.as_of
