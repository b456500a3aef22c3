"""Shared by the golden test modules: parse a labelled folder and compare with its gold JSON."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import docparse

# ../shared/eval/score.py beside the repository (as on the developers' machines and in CI).
SCORER = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "score.py"


def names(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.txt"))


def predict(folder: Path, name: str) -> dict[str, Any]:
    text = (folder / f"{name}.txt").read_text(encoding="utf-8")
    return docparse.to_schema(docparse.parse_text(text))


def gold(folder: Path, name: str) -> dict[str, Any]:
    return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))


def assert_most_tasks_and_deadlines_found(pred: dict[str, Any], want: dict[str, Any]) -> None:
    assert len(pred["tasks"]) >= 0.8 * len(want["tasks"])
    assert len(pred["tasks"]) <= 1.25 * len(want["tasks"]) + 1
    gold_dues = sorted(t["due"] or "" for t in want["tasks"])
    pred_dues = sorted(t["due"] or "" for t in pred["tasks"])
    common = sum(min(gold_dues.count(d), pred_dues.count(d)) for d in set(gold_dues))
    assert common >= 0.8 * len(gold_dues)


def load_scorer() -> ModuleType | None:
    if not SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("dondoc_eval_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(folder: Path, tmp_path: Path) -> dict[str, Any] | None:
    """score.py's figures for the whole folder, or None when score.py is not beside the repo."""
    scorer = load_scorer()
    if scorer is None:
        return None
    pred_file = tmp_path / "pred.jsonl"
    with pred_file.open("w", encoding="utf-8") as out:
        for name in names(folder):
            row = {"source": f"{name}.txt", **predict(folder, name)}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return scorer.score(folder, pred_file)
