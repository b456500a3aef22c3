"""Golden tests: every dev document parses to (nearly) its labelled JSON."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import docparse

GOLDEN = Path(__file__).parent / "golden"
SCORER = Path("/work/shared/eval/score.py")
NAMES = sorted(p.stem for p in GOLDEN.glob("*.txt"))


def _load_scorer():
    if not SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("dondoc_eval_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _predict(name: str) -> dict:
    text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    return docparse.to_schema(docparse.parse_text(text))


@pytest.mark.parametrize("name", NAMES)
def test_each_golden_document_keeps_its_fields_and_most_of_its_tasks(name: str) -> None:
    gold = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    pred = _predict(name)
    doc, want = pred["document"], gold["document"]
    assert doc["number"] == want["number"]
    assert doc["issued_on"] == want["issued_on"]
    assert doc["kind"] == want["kind"]
    assert len(pred["tasks"]) >= 0.8 * len(gold["tasks"])
    assert len(pred["tasks"]) <= 1.25 * len(gold["tasks"]) + 1
    gold_dues = sorted(t["due"] or "" for t in gold["tasks"])
    pred_dues = sorted(t["due"] or "" for t in pred["tasks"])
    common = sum(min(gold_dues.count(d), pred_dues.count(d)) for d in set(gold_dues))
    assert common >= 0.8 * len(gold_dues)


def test_the_dev_set_scores_stay_above_the_targets(tmp_path: Path) -> None:
    scorer = _load_scorer()
    if scorer is None:
        pytest.skip("score.py is not available")
    pred_file = tmp_path / "pred.jsonl"
    with pred_file.open("w", encoding="utf-8") as out:
        for name in NAMES:
            out.write(json.dumps({"source": f"{name}.txt", **_predict(name)},
                                 ensure_ascii=False) + "\n")
    result = scorer.score(GOLDEN, pred_file)
    assert result["task_f1"] >= 0.90
    assert result["lead_acc"] >= 0.85
    assert result["due_acc"] >= 0.95
    assert result["doc_acc_mean"] >= 0.90


def test_task_offsets_point_at_the_task_text_in_the_normalised_source() -> None:
    text = (GOLDEN / "d02_hacthanh_ward_monthly_meeting.txt").read_text(encoding="utf-8")
    parsed = docparse.parse_text(text)
    for task in parsed.tasks:
        span = " ".join(parsed.text[task.start:task.end].split())
        assert span.startswith(task.text[:30])
        assert span.rstrip(";").endswith(task.text[-20:])
