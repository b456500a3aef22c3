import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dondoc.cli import main

DEV = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "dev"  # ../shared beside the repo
SEEDS = ["seed002_sonduong_meeting_conclusion.txt", "seed000_binhson_urge_letter.txt"]
SCHEMA_KEYS = {"source", "document", "tasks"}
DOCUMENT_KEYS = {"kind", "number", "issuer", "place", "issued_on", "subject", "signer", "signer_title",
                 "recipients", "references"}
TASK_KEYS = {"text", "lead", "support", "due", "due_text", "recurring"}

pytestmark = pytest.mark.django_db


def extract(capsys, *argv):
    status = main(["extract", *argv])
    return status, capsys.readouterr().out


@pytest.mark.skipif(not DEV.exists(), reason="the shared dev set is not on this machine")
def test_jsonl_prints_the_schema_object_per_file_in_order_with_the_path_as_given(capsys):
    paths = [str(DEV / name) for name in SEEDS]
    status, out = extract(capsys, *paths, "--format", "jsonl")
    objects = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert [o["source"] for o in objects] == paths
    for obj in objects:
        assert set(obj) == SCHEMA_KEYS
        assert set(obj["document"]) == DOCUMENT_KEYS
        assert all(set(task) == TASK_KEYS for task in obj["tasks"])
    assert objects[0]["document"]["number"] == "187/TB-UBND"


def test_a_corrupt_pdf_prints_an_error_object_the_others_go_on_and_the_status_is_1(capsys, tmp_path):
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    good = tmp_path / "cong-van.txt"
    good.write_text("ỦY BAN NHÂN DÂN TỈNH A\nSố: 12/UBND-KT\nGiao Sở Tài chính rà soát, báo cáo trước ngày 30/11/2026.\n")
    status, out = extract(capsys, str(bad), str(good))
    first, second = (json.loads(line) for line in out.splitlines())
    assert status == 1
    assert set(first) == {"source", "error"} and first["source"] == str(bad)
    assert "hong.pdf" in first["error"] and "PDF" in first["error"]
    assert second["source"] == str(good) and "document" in second


def test_a_missing_file_is_an_error_object_too(capsys, tmp_path):
    status, out = extract(capsys, str(tmp_path / "khong-co.txt"))
    assert status == 1 and "error" in json.loads(out)


def test_the_upload_limit_applies(capsys, tmp_path, settings):
    settings.DONDOC_MAX_UPLOAD_BYTES = 10
    big = tmp_path / "lon.txt"
    big.write_text("Giao Sở Tài chính rà soát toàn bộ.")
    status, out = extract(capsys, str(big))
    assert status == 1 and "quá lớn" in json.loads(out)["error"]


def test_text_format_is_a_summary_for_a_person(capsys, tmp_path):
    doc = tmp_path / "tb.txt"
    doc.write_text("ỦY BAN NHÂN DÂN TỈNH A\nSố: 12/TB-UBND\nTHÔNG BÁO\nGiao Sở Tài chính rà soát, báo cáo trước ngày 30/11/2026.\n")
    status, out = extract(capsys, str(doc), "--format", "text")
    assert status == 0 and "12/TB-UBND" in out and not out.lstrip().startswith("{")


def test_the_console_command_runs_without_a_migrated_database(tmp_path):
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    env = {**os.environ, "DONDOC_VAR_DIR": str(tmp_path / "var"), "DONDOC_ENV": "development"}
    env.pop("DATABASE_URL", None)
    env.pop("PYTEST_VERSION", None)
    (tmp_path / "var").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "dondoc", "extract", str(bad)], capture_output=True, text=True,
        env=env, timeout=60, check=False,
    )
    assert done.returncode == 1, done.stderr
    answer = json.loads(done.stdout)
    assert set(answer) == {"source", "error"} and answer["source"] == str(bad)
