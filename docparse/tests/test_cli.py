"""The command line and the function behind it."""

from __future__ import annotations

import io
import json
from pathlib import Path

from docparse.cli import run

GOLDEN = Path(__file__).parent / "golden"


def test_jsonl_prints_one_object_per_file_in_order_with_the_source_as_given(tmp_path) -> None:
    files = [str(GOLDEN / "seed000_binhson_urge_letter.txt"), str(GOLDEN / "d08_quangtri_sand_mining_check.txt")]
    out = io.StringIO()
    assert run([*files, "--format", "jsonl"], stdout=out) == 0
    objs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [o["source"] for o in objs] == files
    assert objs[1]["document"]["number"] == "742/UBND-NC"


def test_a_failed_file_gives_an_error_object_and_exit_code_1(tmp_path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = io.StringIO()
    assert run([str(bad), "--format", "json"], stdout=out) == 1
    objs = json.loads(out.getvalue())
    assert objs[0]["source"] == str(bad) and "rỗng" in objs[0]["error"]


def test_text_format_is_a_readable_vietnamese_summary() -> None:
    out = io.StringIO()
    run([str(GOLDEN / "d08_quangtri_sand_mining_check.txt"), "--format", "text"], stdout=out)
    assert "Nhiệm vụ: 2" in out.getvalue() and "Hạn: 26/02/2026" in out.getvalue()


def test_the_calendar_given_to_run_counts_the_working_days() -> None:
    import datetime as dt

    class Plain:
        def add_working_days(self, start: dt.date, days: int) -> dt.date:
            return start + dt.timedelta(days=days)

    out = io.StringIO()
    run([str(GOLDEN / "d08_quangtri_sand_mining_check.txt")], calendar=Plain(), stdout=out)
    assert json.loads(out.getvalue())["tasks"][0]["due"] == "2026-02-17"
