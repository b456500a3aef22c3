import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from dondoc.reports.queries import CLASSES
from dondoc.reports.tests.builders import sample_2025

pytestmark = pytest.mark.django_db
FIGURES = {"assigned", *CLASSES, "completion_rate", "on_time_rate", "max_days_overdue"}


def run_json(capsys, *args):
    call_command("stats", *args)
    return json.loads(capsys.readouterr().out)


def test_the_json_has_the_agreed_shape_and_figures(org, capsys):
    sample_2025(org)
    data = run_json(capsys, "--from", "01/01/2025", "--to", "2025-06-30", "--format", "json")
    assert set(data) == {"from", "to", "as_of", "totals", "units"}
    assert (data["from"], data["to"], data["as_of"]) == ("2025-01-01", "2025-06-30", "2025-06-30")
    assert set(data["totals"]) >= FIGURES
    assert {row["unit"] for row in data["units"]} == {"Sở Tài chính", "Phòng Ngân sách", "Sở Xây dựng"}
    for row in [*data["units"], data["totals"]]:
        assert set(row) >= FIGURES
        assert sum(row[name] for name in CLASSES) == row["assigned"]
    t = data["totals"]
    assert (t["assigned"], t["done_on_time"], t["done_late"], t["done_no_deadline"]) == (7, 1, 1, 1)
    assert (t["within_deadline"], t["overdue"], t["open_no_deadline"]) == (1, 2, 1)
    assert t["completion_rate"] == 0.5  # 2 done of the 4 that came due by 30/06/2025
    assert t["on_time_rate"] == 0.5
    assert t["max_days_overdue"] == 90  # due 01/04/2025, judged on 30/06/2025


def test_unit_restricts_to_the_unit_and_its_sub_units_ignoring_diacritics(org, capsys):
    sample_2025(org)
    data = run_json(capsys, "--from", "01/01/2025", "--to", "30/06/2025", "--unit", "so tai chinh")
    assert {row["unit"] for row in data["units"]} == {"Sở Tài chính", "Phòng Ngân sách"}
    assert data["totals"]["assigned"] == 5


def test_xlsx_needs_an_output_file_and_writes_the_same_figures(org, capsys, tmp_path):
    sample_2025(org)
    with pytest.raises(CommandError):
        call_command("stats", "--from", "01/01/2025", "--to", "30/06/2025", "--format", "xlsx")
    out = tmp_path / "tk.xlsx"
    call_command("stats", "--from", "01/01/2025", "--to", "30/06/2025", "--format", "xlsx", "--out", str(out))
    data = run_json(capsys, "--from", "01/01/2025", "--to", "30/06/2025")
    sheet = load_workbook(out).worksheets[0]
    totals_row = next(r for r in sheet.iter_rows(values_only=True) if r[1] == "Tổng cộng")
    assert totals_row[2] == data["totals"]["assigned"]


@pytest.mark.parametrize("args", [
    ["--from", "31/02/2025", "--to", "30/06/2025"],
    ["--from", "01/07/2025", "--to", "30/06/2025"],
    ["--from", "01/01/2025", "--to", "30/06/2025", "--unit", "Sở Không Có"],
])
def test_bad_input_gets_a_clear_vietnamese_error(org, args):
    with pytest.raises(CommandError, match=r"Ngày|đơn vị"):
        call_command("stats", *args)
