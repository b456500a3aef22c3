"""Spreadsheet rows as proposed tasks: unit names resolved, dates read, problems named.

A run of kind ``spreadsheet`` keeps, in ``result``, one JSON row per task row
of the sheet. The clerk's fixes change these rows (``services.import_row_*``);
``services.import_confirm`` turns the kept ones into documents and tasks.

Rule for rows already done. The tracker's sheet is the record of what the
units reported: a row marked done ("Đã hoàn thành", a mark in an "Đã hoàn
thành" column, or a completion date) becomes a task that is submitted and
confirmed on its completion date through ``task_submit``/``task_confirm``, so
timeliness (đúng hạn / quá hạn) is computed as for any other task. A done row
without a completion date is a problem the clerk must fix: guessing the date
would falsify timeliness.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from dondoc.documents.models import DocumentKind
from dondoc.documents.resolution import Match, UnitResolver
from dondoc.documents.spreadsheet import (
    RawRow,
    cell_text,
    is_marked,
    parse_day,
    parse_due,
    read_rows,
    split_commas,
    split_document,
    split_names,
)
from dondoc.text import fold

LOW_CONFIDENCE = 0.9


class NameCache:
    """Resolve each distinct written name once per sheet (trackers repeat unit names)."""

    def __init__(self, resolver: UnitResolver) -> None:
        self.resolver = resolver
        self._seen: dict[str, list[Match]] = {}

    def resolve_cell(self, value: Any) -> list[Match]:
        found: list[Match] = []
        for name in split_names(value):
            if name not in self._seen:
                self._seen[name] = self._resolve(name)
            found.extend(self._seen[name])
        return found

    def _resolve(self, name: str) -> list[Match]:
        whole = self.resolver.resolve_one(name)
        if whole.resolved or "," not in name:
            return [whole]
        parts = [self.resolver.resolve_one(part) for part in split_commas(name)]
        return parts if any(p.resolved for p in parts) else [whole]


def _ids(matches: Iterable[dict[str, Any]], exclude: Iterable[int] = ()) -> list[int]:
    skip = set(exclude)
    ids: list[int] = []
    for match in matches:
        for unit in match["units"]:
            if unit["id"] not in ids and unit["id"] not in skip:
                ids.append(unit["id"])
    return ids


def _done(cells: dict[str, Any]) -> tuple[bool, dt.date | None]:
    """Whether the sheet says the task is done, and on which day."""
    done = False
    day: dt.date | None = None
    completed = cells.get("completed_on")
    if cell_text(completed):
        day, _error = parse_day(completed)
        done = day is not None
    mark = cells.get("done_mark")
    if cell_text(mark):
        marked_day, _error = parse_day(mark)
        if marked_day is not None or is_marked(mark) or "hoan thanh" in fold(cell_text(mark)):
            done = True
            day = day or marked_day
    if is_marked(cells.get("open_mark")):
        done = False
    status = fold(cell_text(cells.get("status")))
    if status:
        if "chua" in status or "dang" in status or "khong" in status:
            done = False
        elif "hoan thanh" in status:
            done = True
            if day is None:
                _number, date_text, _rest = split_document(cells.get("status"))
                day = parse_day(date_text)[0] if date_text else day
    return done, (day if done else None)


# A state word says nothing a note should keep; "Đang thực hiện, đạt 60%" does.
_PLAIN_STATES = ("da hoan thanh", "hoan thanh", "chua hoan thanh", "dang thuc hien", "chua thuc hien",
                 "dang trien khai", "chua trien khai", "x")


def _note(cells: dict[str, Any]) -> str:
    parts = [cell_text(cells.get("note"))]
    status = cell_text(cells.get("status"))
    if status and fold(status).strip(" .") not in _PLAIN_STATES:
        parts.append(status)
    return "; ".join(p for p in parts if p)


def build_row(raw: RawRow, names: NameCache) -> dict[str, Any]:
    """One sheet row as a proposed task (JSON-ready)."""
    cells = raw.cells
    lead = [m.as_json() for m in names.resolve_cell(cells.get("lead"))]
    support = [m.as_json() for m in names.resolve_cell(cells.get("support"))]
    lead_ids = _ids(lead)
    due = parse_due(cells.get("due"))
    number, doc_date, doc_text = split_document(cells.get("doc"))
    issued_cell = cells.get("issued_on") if cell_text(cells.get("issued_on")) else doc_date
    issued_on, issued_error = parse_day(issued_cell) if cell_text(issued_cell) else (None, "")
    done, completed_on = _done(cells)
    row = {
        "row": raw.number,
        "stt": cell_text(cells.get("stt")),
        "text": str(cells.get("text") or "").strip(),
        "lead": lead,
        "support": support,
        "lead_ids": lead_ids,
        "support_ids": _ids(support, exclude=lead_ids),
        "due": due.on.isoformat() if due.on else None,
        "due_input": f"{due.on:%d/%m/%Y}" if due.on else "",
        "due_text": due.text[:255],
        "due_error": due.error,
        "recurring": due.recurring,
        "doc_number": number[:64],
        "doc_text": doc_text,
        "doc_subject": cell_text(cells.get("subject")),
        "issued_on": issued_on.isoformat() if issued_on else None,
        "issued_error": issued_error,
        "leader": cell_text(cells.get("leader")),
        "priority": is_marked(cells.get("priority")) or _says_priority(cells.get("priority")),
        "note": _note(cells),
        "done": done,
        "completed_on": completed_on.isoformat() if completed_on else None,
        "dropped": False,
        "checked": False,
    }
    row["problems"] = row_problems(row)
    return row


def _says_priority(value: Any) -> bool:
    key = fold(cell_text(value))
    return bool(key) and not key.startswith("khong") and key not in ("0", "-", "false", "no")


def row_problems(row: dict[str, Any], *, today: dt.date | None = None) -> list[str]:
    """What keeps a row from becoming a task, in the clerk's words (without the row number)."""
    today = today or timezone.localdate()
    problems: list[str] = []
    if not (row.get("text") or "").strip():
        problems.append(_("thiếu nội dung nhiệm vụ"))
    if not row.get("checked"):
        for match in row.get("lead", []):
            if match.get("outside"):
                problems.append(_("đơn vị chủ trì “%s” không thuộc phạm vi được giao nhiệm vụ") % match["written"])
            elif not match["units"]:
                problems.append(_("không nhận ra đơn vị chủ trì “%s”") % match["written"])
        for match in row.get("support", []):
            if match.get("outside"):
                problems.append(_("đơn vị phối hợp “%s” không thuộc phạm vi được giao nhiệm vụ") % match["written"])
            elif not match["units"]:
                problems.append(_("không nhận ra đơn vị phối hợp “%s”") % match["written"])
    if not row.get("lead_ids") and (row.get("checked") or not row.get("lead")):
        problems.append(_("thiếu đơn vị chủ trì"))
    if row.get("due_error"):
        problems.append(row["due_error"])
    if row.get("issued_error"):
        problems.append(_("ngày giao “%s” không hợp lệ") % row["issued_error"])
    if row.get("done"):
        if not row.get("completed_on"):
            problems.append(_("đã hoàn thành nhưng thiếu ngày hoàn thành"))
        elif dt.date.fromisoformat(row["completed_on"]) > today:
            problems.append(_("ngày hoàn thành %s chưa đến") % f"{dt.date.fromisoformat(row['completed_on']):%d/%m/%Y}")
    return problems


def describe(row: dict[str, Any], problem: str) -> str:
    """"Dòng 14: không nhận ra đơn vị chủ trì “Phòng KT-HT”"."""
    return _("Dòng %(row)d: %(problem)s") % {"row": row["row"], "problem": problem}


def read_sheet(data: bytes, filename: str, *, resolver: UnitResolver,
               on_rows: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Read every task row of the tracker into the run's JSON result."""
    names = NameCache(resolver)
    rows = [build_row(raw, names) for raw in read_rows(data, filename, on_rows=on_rows)]
    return {"text": "", "rows": rows}


# -- documents the rows cite ----------------------------------------------------------------------

def document_key(row: dict[str, Any]) -> str:
    """Rows citing the same document share this key (its number, else its written text)."""
    if row.get("doc_number"):
        return "so:" + fold(row["doc_number"]).replace(" ", "")
    text = fold(row.get("doc_text") or "")
    return "vb:" + text if text else ""


_KIND_WORDS = (
    ("ke hoach", DocumentKind.KE_HOACH), ("chi thi", DocumentKind.CHI_THI),
    ("quyet dinh", DocumentKind.QUYET_DINH), ("thong bao", DocumentKind.THONG_BAO),
    ("cong van", DocumentKind.CONG_VAN), ("bao cao", DocumentKind.BAO_CAO),
)
_KIND_SYMBOLS = {"kh": DocumentKind.KE_HOACH, "ct": DocumentKind.CHI_THI, "qd": DocumentKind.QUYET_DINH,
                 "tb": DocumentKind.THONG_BAO, "bc": DocumentKind.BAO_CAO, "tt": DocumentKind.TO_TRINH}


def guess_kind(number: str, text: str) -> str:
    """The kind a tracker's "Văn bản giao" cell names: its first words, else its number's symbol."""
    key = fold(text)
    for words, kind in _KIND_WORDS:
        if key.startswith(words):
            return kind
    if "/" in number:
        symbol = fold(number.split("/", 1)[1]).split("-")[0]
        return _KIND_SYMBOLS.get(symbol, DocumentKind.CONG_VAN)
    return DocumentKind.KHAC


def document_groups(rows: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The documents the kept rows cite, in order of first mention, with their rows."""
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = document_key(row)
        if not key:
            continue
        group = groups.setdefault(key, {
            "key": key, "number": row.get("doc_number") or "", "text": row.get("doc_text") or "",
            "subject": row.get("doc_subject") or "", "issued_on": row.get("issued_on"), "rows": [],
        })
        group["rows"].append(row["row"])
        group["issued_on"] = group["issued_on"] or row.get("issued_on")
        group["subject"] = group["subject"] or row.get("doc_subject") or ""
    return groups
