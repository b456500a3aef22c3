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

import json
from pathlib import Path

import pytest

import docparse
from docparse.tests.test_golden import _load_scorer

HELDOUT = Path(__file__).parent / "heldout"
NAMES = sorted(p.stem for p in HELDOUT.glob("*.txt"))


def _predict(name: str) -> dict:
    text = (HELDOUT / f"{name}.txt").read_text(encoding="utf-8")
    return docparse.to_schema(docparse.parse_text(text))


@pytest.mark.parametrize("name", NAMES)
def test_each_heldout_document_keeps_its_fields_and_tasks(name: str) -> None:
    gold = json.loads((HELDOUT / f"{name}.json").read_text(encoding="utf-8"))
    pred = _predict(name)
    doc, want = pred["document"], gold["document"]
    for key in ("kind", "number", "issued_on", "place", "signer"):
        assert doc[key] == want[key], key
    assert len(pred["tasks"]) >= 0.8 * len(gold["tasks"])
    assert len(pred["tasks"]) <= 1.25 * len(gold["tasks"]) + 1
    gold_dues = sorted(t["due"] or "" for t in gold["tasks"])
    pred_dues = sorted(t["due"] or "" for t in pred["tasks"])
    common = sum(min(gold_dues.count(d), pred_dues.count(d)) for d in set(gold_dues))
    assert common >= 0.8 * len(gold_dues)


def test_the_heldout_set_scores_stay_above_the_targets(tmp_path: Path) -> None:
    scorer = _load_scorer()
    if scorer is None:
        pytest.skip("score.py is not available")
    pred_file = tmp_path / "pred.jsonl"
    with pred_file.open("w", encoding="utf-8") as out:
        for name in NAMES:
            out.write(json.dumps({"source": f"{name}.txt", **_predict(name)},
                                 ensure_ascii=False) + "\n")
    result = scorer.score(HELDOUT, pred_file)
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
