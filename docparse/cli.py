"""Command line: ``python -m docparse FILE... [--format jsonl|json|text]``.

``run`` is also what ``dondoc extract`` calls, with the real calendar.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from docparse.calendar import Calendar
from docparse.errors import ParseError
from docparse.readers import DEFAULT_MAX_BYTES

_KIND_NAMES = {
    "cong_van": "Công văn", "thong_bao": "Thông báo", "quyet_dinh": "Quyết định",
    "chi_thi": "Chỉ thị", "ke_hoach": "Kế hoạch", "bao_cao": "Báo cáo", "to_trinh": "Tờ trình",
    "giay_moi": "Giấy mời", "tin_bai": "Tin bài", "khac": "Văn bản khác",
}


def _vn_date(iso: str | None) -> str:
    if not iso:
        return "—"
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def _as_text(obj: dict[str, Any]) -> str:
    if "error" in obj:
        return f"== {obj['source']}\nLỖI: {obj['error']}\n"
    doc = obj["document"]
    lines = [f"== {obj['source']}"]
    lines.append(f"Loại: {_KIND_NAMES.get(doc['kind'] or '', '—')}   Số: {doc['number'] or '—'}"
                 f"   Ngày ban hành: {_vn_date(doc['issued_on'])}")
    lines.append(f"Cơ quan ban hành: {doc['issuer'] or '—'}   Nơi ban hành: {doc['place'] or '—'}")
    lines.append(f"Trích yếu: {doc['subject'] or '—'}")
    lines.append(f"Người ký: {doc['signer'] or '—'} ({doc['signer_title'] or '—'})")
    if doc["recipients"]:
        lines.append("Kính gửi: " + "; ".join(doc["recipients"]))
    if doc["references"]:
        lines.append("Văn bản dẫn chiếu: " + "; ".join(
            r["number"] + (f" ngày {_vn_date(r['date'])}" if r["date"] else "")
            for r in doc["references"]))
    lines.append(f"Nhiệm vụ: {len(obj['tasks'])}")
    for i, task in enumerate(obj["tasks"], 1):
        due = _vn_date(task["due"]) if task["due"] else ("thường xuyên" if task["recurring"]
                                                         else "không có hạn")
        lines.append(f"  {i}. Chủ trì: {', '.join(task['lead']) or '—'} | Hạn: {due}")
        if task["support"]:
            lines.append(f"     Phối hợp: {', '.join(task['support'])}")
        lines.append(f"     {task['text']}")
    return "\n".join(lines) + "\n"


def run(argv: list[str] | None = None, *, calendar: Calendar | None = None,
        stdout: TextIO | None = None) -> int:
    """Parse the files named in ``argv`` and print one result per file.

    Returns 0 when every file was read, 1 when any failed (its result then
    carries an ``error`` message), 2 for bad arguments.
    """
    import docparse

    out = stdout or sys.stdout
    parser = argparse.ArgumentParser(
        prog="docparse", description="Trích xuất thông tin và nhiệm vụ từ văn bản hành chính."
    )
    parser.add_argument("files", nargs="+", help="tệp .txt, .md, .docx, .pdf hoặc ảnh")
    parser.add_argument("--format", choices=("jsonl", "json", "text"), default="jsonl")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else 2
    results: list[dict[str, Any]] = []
    failed = False
    for path in args.files:
        try:
            try:
                with open(path, "rb") as handle:
                    data = handle.read(args.max_bytes + 1)
            except OSError as exc:
                raise ParseError(f"không mở được tệp ({exc.strerror}).", filename=path) from None
            parsed = docparse.parse_file(data, path, calendar=calendar, max_bytes=args.max_bytes)
            obj = {"source": path, **docparse.to_schema(parsed)}
        except ParseError as exc:
            failed = True
            obj = {"source": path, "error": str(exc)}
        results.append(obj)
        if args.format == "jsonl":
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        elif args.format == "text":
            out.write(_as_text(obj) + "\n")
    if args.format == "json":
        out.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    out.flush()
    return 1 if failed else 0
