"""DOCX reader: paragraphs and tables in reading order.

``Document.paragraphs`` skips tables, and the header of an official letter is
a two-column table, so we walk ``iter_inner_content()`` and emit each table
cell's lines in turn (left column first).
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from docparse.errors import ParseError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docx.table import Table
    from docx.text.paragraph import Paragraph


def _content_lines(items: Iterator[Paragraph | Table], out: list[str]) -> None:
    from docx.table import Table

    for item in items:
        if isinstance(item, Table):
            _table_lines(item, out)
        else:
            out.append(item.text)


def _table_lines(table: Table, out: list[str]) -> None:
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            # Merged cells repeat once per grid column; read each only once.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            _content_lines(cell.iter_inner_content(), out)
            out.append("")
    out.append("")


def read_docx(data: bytes, filename: str) -> str:
    """Read a .docx file into lines."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        raise ParseError("tệp .docx bị hỏng (không mở được).", filename=filename) from None
    if "word/document.xml" not in names:
        raise ParseError("tệp không phải văn bản Word (.docx).", filename=filename)
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ParseError("tệp .docx bị hỏng (không mở được).", filename=filename) from exc
    lines: list[str] = []
    _content_lines(document.iter_inner_content(), lines)
    text = "\n".join(lines)
    if not text.strip():
        raise ParseError("văn bản Word không có nội dung chữ.", filename=filename)
    return text
