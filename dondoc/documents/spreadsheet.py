"""Reading the task trackers offices keep in Excel: header detection, cell values, dates.

Pure reading: bytes in, plain JSON-ready rows out (no database). The header row
is found among the first rows by its Vietnamese column names, compared folded
(case, diacritics, spacing and line breaks ignored); a second header row under
merged cells ("Tình trạng" over "Đã hoàn thành | Chưa hoàn thành") is read as
sub-columns.

Deadlines are read by a small parser of their own: docparse offers no public
deadline function, and its ``parse_text`` finds no task in a one-line cell.
It knows real Excel dates, "dd/mm/yyyy" (also with "-" or "."), "mm/yyyy",
"Tháng 6/2025", "Quý II/2025", "6 tháng đầu năm 2025", "cuối năm 2025",
"Năm 2025" and recurring phrases ("Thường xuyên", "Hằng tháng" …).
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException

from dondoc.forms import MAX_DATE, MIN_DATE
from dondoc.text import dmy, fold

HEADER_SCAN_ROWS = 10
PROGRESS_EVERY = 200
ACCEPTED_EXTENSION = ".xlsx"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls, and every password-protected workbook

# Column → the folded header names that mean it (the first word sequence of the header cell).
COLUMNS: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "so tt", "so thu tu", "tt"),
    "text": ("noi dung nhiem vu", "noi dung cong viec", "ten nhiem vu", "noi dung", "nhiem vu",
             "cong viec", "ten cong viec"),
    "lead": ("don vi chu tri", "co quan chu tri", "don vi thuc hien", "co quan thuc hien", "chu tri",
             "don vi chiu trach nhiem"),
    "support": ("don vi phoi hop", "co quan phoi hop", "phoi hop"),
    "completed_on": ("ngay hoan thanh", "thoi diem hoan thanh"),
    "due": ("thoi han hoan thanh", "thoi han", "thoi gian hoan thanh", "han hoan thanh", "han xu ly"),
    "doc": ("van ban giao", "so ky hieu van ban", "so ky hieu", "so van ban", "van ban chi dao",
            "can cu giao"),
    "subject": ("trich yeu",),
    "issued_on": ("ngay giao", "ngay ban hanh", "ngay van ban"),
    "leader": ("lanh dao giao", "nguoi giao", "lanh dao chi dao", "lanh dao phu trach"),
    "priority": ("trong tam", "uu tien", "nhiem vu trong tam"),
    "note": ("ghi chu",),
    "done_mark": ("da hoan thanh",),
    "open_mark": ("chua hoan thanh", "dang thuc hien"),
    "status": ("tinh trang", "ket qua", "tinh hinh thuc hien", "ket qua thuc hien", "trang thai"),
}

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_PAREN = re.compile(r"\([^)]*\)")
_ROMAN = re.compile(r"^(?=[ivxlc]+$)m*(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")


class SpreadsheetError(Exception):
    """A file that is not a readable task tracker; the message is for the clerk."""


def header_key(value: Any) -> str:
    """"Nội dung\\n(nhiệm vụ)" → "noi dung nhiem vu": folded words only."""
    text = fold(str(value or ""))
    return " ".join(_NOT_WORD.sub(" ", text).split())


def column_of(value: Any) -> str | None:
    """The column a header cell names, or None."""
    key = header_key(value)
    if not key:
        return None
    bare = header_key(_PAREN.sub(" ", fold(str(value))))
    for candidate in (key, bare):
        for field, names in COLUMNS.items():
            if candidate in names:
                return field
    # Longer headers ("Nội dung công việc cụ thể", "Thời hạn (ngày/tháng/năm)") start with a name.
    best: tuple[int, str] | None = None
    for field, names in COLUMNS.items():
        for name in names:
            starts = bare.startswith(name + " ") or key.startswith(name + " ")
            if len(name) > 3 and starts and (best is None or len(name) > best[0]):
                best = (len(name), field)
    return best[1] if best else None


@dataclass(frozen=True)
class Header:
    """Where the data starts and which column (0-based) holds what."""

    row: int  # 1-based number of the last header row
    columns: dict[str, int]


def detect_header(rows: list[tuple[Any, ...]]) -> Header | None:
    """The best header among the first rows: one row, or two where the second names sub-columns."""
    best: tuple[int, Header] | None = None
    for index, top in enumerate(rows[:HEADER_SCAN_ROWS]):
        spans: list[tuple[int, tuple[Any, ...] | None]] = [(index, None)]
        if index + 1 < len(rows):
            spans.append((index, rows[index + 1]))
        for _start, sub in spans:
            columns: dict[str, int] = {}
            width = max(len(top), len(sub) if sub else 0)
            for col in range(width):
                below = column_of(sub[col]) if sub is not None and col < len(sub) else None
                above = column_of(top[col]) if col < len(top) else None
                field = below or above
                if field and field not in columns:
                    columns[field] = col
            if "text" not in columns or len(columns) < 2:
                continue
            # A second row only counts when it names something the first does not.
            header = Header(row=index + 1 + (1 if sub is not None else 0), columns=columns)
            score = len(columns) * 2 - (1 if sub is not None else 0)
            if best is None or score > best[0]:
                best = (score, header)
    return best[1] if best else None


# -- cell values ---------------------------------------------------------------------------------

def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):  # a datetime too
        return dmy(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


@dataclass(frozen=True)
class Due:
    on: dt.date | None = None
    text: str = ""
    recurring: bool = False
    error: str = ""


_RECURRING = ("thuong xuyen", "hang ngay", "hang tuan", "hang thang", "hang quy", "hang nam",
              "dinh ky", "lien tuc")
_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})(?!\d)")
_MY = re.compile(r"(?<![\d/])(\d{1,2})\s*[/\-]\s*(\d{4})(?!\d)")
_MONTH = re.compile(r"thang\s+(\d{1,2})\s*(?:/|-|nam)\s*(\d{4})")
_QUARTER = re.compile(r"quy\s+(iv|iii|ii|i|[1-4])\s*(?:/|-|nam)\s*(\d{4})")
_HALF = re.compile(r"6\s+thang\s+(dau|cuoi)\s+nam\s+(\d{4})")
_YEAR_END = re.compile(r"(?:cuoi\s+)?nam\s+(\d{4})|^(\d{4})$")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _year(value: str) -> int:
    """"25" is 2025; "0025" is the year 25 (refused later as out of range)."""
    year = int(value)
    return year + 2000 if len(value.strip()) <= 2 else year


def _month_end(year: int, month: int) -> dt.date | None:
    if not 1 <= month <= 12 or not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_due(value: Any) -> Due:
    """A deadline cell: a date, a period (its last day), a recurring phrase, or an error.

    A date outside MIN_DATE…MAX_DATE (01/01/0001, 31/12/9999) is an error: the
    working-day calendar and the reports know no such years."""
    due = _read_due(value)
    if due.on is not None and not MIN_DATE <= due.on <= MAX_DATE:
        written = cell_text(value) or due.text
        return Due(text=written, error=_("thời hạn “%s” không hợp lệ") % written)
    return due


def _read_due(value: Any) -> Due:
    if value is None or value == "":
        return Due()
    if isinstance(value, dt.datetime):
        return Due(on=value.date(), text=dmy(value))
    if isinstance(value, dt.date):
        return Due(on=value, text=dmy(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            day = from_excel(value)
            return Due(on=day.date() if isinstance(day, dt.datetime) else day, text=cell_text(value))
        return Due(text=cell_text(value), error=_("thời hạn “%s” không hợp lệ") % cell_text(value))
    written = cell_text(value)
    key = fold(written)
    if not key.strip():
        return Due()
    if any(word in key for word in _RECURRING):
        return Due(text=written, recurring=True)
    found = _DMY.search(key)
    if found:
        day, month, year = int(found.group(1)), int(found.group(2)), _year(found.group(3))
        try:
            return Due(on=dt.date(year, month, day), text=written)
        except ValueError:
            return Due(text=written, error=_("thời hạn “%s” không hợp lệ") % written)
    for pattern, make in (
        (_QUARTER, lambda m: _month_end(_year(m.group(2)), 3 * _QUARTERS[m.group(1)])),
        (_MONTH, lambda m: _month_end(_year(m.group(2)), int(m.group(1)))),
        (_HALF, lambda m: _month_end(_year(m.group(2)), 6 if m.group(1) == "dau" else 12)),
        (_MY, lambda m: _month_end(_year(m.group(2)), int(m.group(1)))),
        (_YEAR_END, lambda m: _month_end(_year(m.group(1) or m.group(2)), 12)),
    ):
        found = pattern.search(key)
        if found:
            day = make(found)
            if day is None:
                return Due(text=written, error=_("thời hạn “%s” không hợp lệ") % written)
            return Due(on=day, text=written)
    return Due(text=written, error=_("không hiểu thời hạn “%s”") % written)


def parse_day(value: Any) -> tuple[dt.date | None, str]:
    """A plain date cell (date of issue, of completion): (date, error)."""
    due = parse_due(value)
    if due.error or due.recurring:
        return None, cell_text(value)
    return due.on, ""


_TRUE = {"x", "co", "1", "true", "yes", "v", "✓", "✔", "trong tam", "uu tien", "dat"}


def is_marked(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    key = fold(cell_text(value))
    return key in _TRUE


def split_names(value: Any) -> list[str]:
    """Unit names of a cell: one per line or per ";"; commas split too unless the name
    is a collective ("UBND các xã, thị trấn") — the resolver decides that later."""
    text = str(value or "")
    parts: list[str] = []
    for line in re.split(r"[\n;]+", text):
        line = re.sub(r"^\s*[-+•*]\s*", "", line).strip(" ,.")
        if line:
            parts.append(" ".join(line.split()))
    return parts


def split_commas(name: str) -> list[str]:
    return [p.strip() for p in name.split(",") if p.strip()]


_DOC_NUMBER = re.compile(r"(?:s[oố]\s*:?\s*)?(\d+[\w.\-]*/[\w/.\-&]+)", re.IGNORECASE)
_DOC_DATE = re.compile(r"ng[aà]y\s*(\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4})", re.IGNORECASE)


def split_document(value: Any) -> tuple[str, str, str]:
    """"Công văn số 123/UBND-KT ngày 12/3/2025 về việc …" → (number, date text, the rest)."""
    text = cell_text(value)
    number = date = ""
    found = _DOC_NUMBER.search(text)
    if found:
        number = found.group(1).rstrip(".,;")
    when = _DOC_DATE.search(text)
    if when:
        date = when.group(1)
    return number, date, text


# -- reading -------------------------------------------------------------------------------------

OnRows = Callable[[int, int], None]


def check_file(data: bytes, filename: str, *, max_bytes: int) -> None:
    """Refuse what cannot be a readable .xlsx before anything is kept."""
    name = filename.lower()
    if name.endswith(".xls"):
        raise SpreadsheetError(_("Tệp “%s” là Excel 97–2003 (.xls), chưa được hỗ trợ. Vui lòng mở tệp bằng "
                                 "Excel hoặc LibreOffice và lưu lại dưới dạng .xlsx.") % filename)
    if name.endswith(".csv"):
        raise SpreadsheetError(_("Tệp “%s” là CSV, chưa được hỗ trợ. Vui lòng lưu bảng dưới dạng Excel (.xlsx).")
                               % filename)
    if not name.endswith(ACCEPTED_EXTENSION):
        raise SpreadsheetError(_("Không hỗ trợ loại tệp “%s”; chỉ nhận bảng tính Excel (.xlsx).") % filename)
    if not data:
        raise SpreadsheetError(_("Tệp “%s” rỗng, không có nội dung.") % filename)
    if len(data) > max_bytes:
        raise SpreadsheetError(
            _("Tệp “%(name)s” quá lớn (%(size).1f MB); giới hạn là %(limit).1f MB.")
            % {"name": filename, "size": len(data) / 1048576, "limit": max_bytes / 1048576}
        )
    if data.startswith(OLE_MAGIC):
        raise SpreadsheetError(_("Tệp “%s” có mật khẩu hoặc được mã hóa nên không đọc được. Vui lòng bỏ mật "
                                 "khẩu rồi lưu lại dưới dạng .xlsx.") % filename)
    if not data.startswith(ZIP_MAGIC):
        raise SpreadsheetError(_("Tệp “%s” không phải bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng.") % filename)


@dataclass
class Sheet:
    name: str
    header: Header
    total: int  # data rows (an estimate from the sheet's dimension when the file gives one)


def _open(data: bytes, filename: str) -> Any:
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as exc:
        raise SpreadsheetError(
            _("Tệp “%s” không phải bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng.") % filename
        ) from exc


def _find_sheet(workbook: Any, filename: str) -> tuple[Any, Header]:
    for worksheet in workbook.worksheets:
        top = [tuple(row) for row in worksheet.iter_rows(max_row=HEADER_SCAN_ROWS + 1, values_only=True)]
        header = detect_header(top)
        if header is not None:
            return worksheet, header
    raise SpreadsheetError(
        _("Không tìm thấy dòng tiêu đề trong tệp “%s”. Bảng cần có cột “Nội dung nhiệm vụ” và ít nhất một cột "
          "khác như “Đơn vị chủ trì”, “Thời hạn” trong 10 dòng đầu.") % filename
    )


def inspect(data: bytes, filename: str) -> Sheet:
    """Open the workbook and find the task sheet and its header (cheap: the first rows only)."""
    workbook = _open(data, filename)
    try:
        worksheet, header = _find_sheet(workbook, filename)
        last = worksheet.max_row or 0
        return Sheet(name=worksheet.title, header=header, total=max(last - header.row, 0))
    except SpreadsheetError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged part of the archive
        raise SpreadsheetError(
            _("Tệp “%s” không phải bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng.") % filename
        ) from exc
    finally:
        workbook.close()


@dataclass(frozen=True)
class RawRow:
    number: int  # the row number in Excel
    cells: dict[str, Any]


def _is_section(cells: dict[str, Any]) -> bool:
    """"I. LĨNH VỰC KINH TẾ", "A", numbering rows "(1) (2) (3)": not tasks."""
    stt = fold(cell_text(cells.get("stt"))).strip(" .")
    text = cell_text(cells.get("text"))
    if _NUMBERING.match(text.strip()):
        return True
    has_unit = bool(cell_text(cells.get("lead")))
    return bool(not has_unit and stt and (_ROMAN.match(stt) or (len(stt) == 1 and stt.isalpha())))


def read_rows(data: bytes, filename: str, *, on_rows: OnRows | None = None) -> Iterator[RawRow]:
    """The data rows under the header, one ``RawRow`` per row with a task text."""
    workbook = _open(data, filename)
    try:
        worksheet, header = _find_sheet(workbook, filename)
        total = max((worksheet.max_row or 0) - header.row, 1)
        columns = header.columns
        done = 0
        for number, values in enumerate(
            worksheet.iter_rows(min_row=header.row + 1, values_only=True), start=header.row + 1
        ):
            done += 1
            if on_rows is not None and done % PROGRESS_EVERY == 0:
                on_rows(done, max(total, done))
            cells = {field: values[col] if col < len(values) else None for field, col in columns.items()}
            if not any(cell_text(v) for v in cells.values()) or _is_section(cells):
                continue
            yield RawRow(number=number, cells=cells)
        if on_rows is not None:
            on_rows(done, done)
    except SpreadsheetError:
        raise
    except Exception as exc:
        raise SpreadsheetError(
            _("Tệp “%s” không phải bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng.") % filename
        ) from exc
    finally:
        workbook.close()
