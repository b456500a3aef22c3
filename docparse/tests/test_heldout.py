"""Held-out golden tests: documents written apart from the dev set, in layouts it lacks.

Task tables (tab- and pipe-separated rows), pipe-separated and interleaved
two-column headers, title lines run into the body, "+" sub-items, "Điều N"
clauses, OCR noise in dates and deadline words, a news article and a report; tables
whose cells wrap onto following lines, group rows, page numbers inside a task, one
paragraph assigning three units, statements of fact and run-together words.
The k* documents are a blind set written before the parser's code was read: ministry,
Tổng cục and Cục letters, notices of conclusions at inspections, commune and ward plans,
a decision whose duties are in the attached Quy chế, a space-aligned overdue-task table,
clock-time, same-day, same-week and Tết deadlines, NFD text, OCR noise and page numbers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import docparse
from docparse.tests.goldens import assert_most_tasks_and_deadlines_found, gold, names, predict, score

HELDOUT = Path(__file__).parent / "heldout"
NAMES = names(HELDOUT)


@pytest.mark.parametrize("name", NAMES)
def test_each_heldout_document_keeps_its_fields_and_tasks(name: str) -> None:
    want, pred = gold(HELDOUT, name), predict(HELDOUT, name)
    for key in ("kind", "number", "issued_on", "place", "signer"):
        assert pred["document"][key] == want["document"][key], key
    assert_most_tasks_and_deadlines_found(pred, want)


def test_the_heldout_set_scores_stay_above_the_targets(tmp_path: Path) -> None:
    result = score(HELDOUT, tmp_path)
    if result is None:
        pytest.skip("../shared/eval/score.py is not beside the repository")
    assert result["task_f1"] >= 0.95
    assert result["lead_acc"] >= 0.95
    assert result["due_acc"] >= 0.95
    assert result["doc_acc_mean"] >= 0.95


def test_a_task_table_row_gives_its_columns() -> None:
    parsed = docparse.to_schema(docparse.parse_text(
        (HELDOUT / "h05_xuanthoi_commune_plan_pipe_table.txt").read_text(encoding="utf-8")))
    row = parsed["tasks"][1]
    assert row["text"] == "Tổ chức ra quân thu gom, xử lý rác tại các điểm nóng"
    assert row["lead"] == ["Ban Chỉ huy Quân sự xã"]
    assert row["support"] == ["Đoàn Thanh niên xã", "Hội Cựu chiến binh xã"]
    assert row["due"] == "2025-10-31"
