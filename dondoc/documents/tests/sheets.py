"""Task-tracker workbooks built in the tests with openpyxl (no binary fixtures)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

HEADER = ("STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Văn bản giao",
          "Ngày giao", "Lãnh đạo giao", "Trọng tâm", "Ghi chú", "Tình trạng", "Ngày hoàn thành")


def workbook_bytes(rows: Iterable[Sequence[Any]], *, header: Sequence[Any] | None = HEADER,
                   before: Iterable[Sequence[Any]] = (), merges: Iterable[str] = (), title: str = "Theo dõi") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for line in before:
        sheet.append(list(line))
    if header is not None:
        sheet.append(list(header))
    for line in rows:
        sheet.append(list(line))
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(data: bytes, name: str = "theo-doi.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def task_row(number: int, text: str, lead: str, **extra: Any) -> list[Any]:
    values = {"support": None, "due": None, "doc": None, "issued": None, "leader": None, "priority": None,
              "note": None, "status": None, "completed": None, **extra}
    return [number, text, lead, values["support"], values["due"], values["doc"], values["issued"],
            values["leader"], values["priority"], values["note"], values["status"], values["completed"]]
