"""Exports of the statistics: the Excel table offices file, the summary report and the
inspection report of one unit (Word, Nghị định 30 layout).

Every figure written comes from ``dondoc.reports.queries`` — the same numbers as the
screen and ``dondoc stats --format json``. Excel cells hold values, never formulas,
so any reader gets numbers.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from dondoc.officedocs import BodyEntry, OfficialLetter, Para, Table
from dondoc.org.models import Unit, UnitKind, User
from dondoc.reports.models import ExportKind, RankingPolicy
from dondoc.reports.queries import (
    Figures,
    Mark,
    Period,
    Scope,
    Statistics,
    aggregates,
    compute,
    open_tasks,
    overdue_by_year,
    overdue_tasks,
    percent,
    period_tasks,
)
from dondoc.tasks.models import Task
from dondoc.tasks.timeliness import Timeliness, classify, days_overdue
from dondoc.text import dmy

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations
    from openpyxl.worksheet.worksheet import Worksheet

    from dondoc.reports.queries import DaysOverdue

Progress = Callable[[int], None]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _noop(_: int) -> None:
    return None


def num(n: int | float | None) -> str:
    """Vietnamese number writing: 1.234 and 12,5."""
    if n is None:
        return "—"
    if isinstance(n, float):
        return f"{n:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{n:,}".replace(",", ".")


def period_label(period: Period) -> str:
    return _("từ ngày {start} đến ngày {end}").format(start=dmy(period.start), end=dmy(period.end))


def scope_label(scope: Scope) -> str:
    parts = []
    unit = scope.unit_or_root
    parts.append(unit.name if unit else str(settings.DONDOC_ORGANISATION_NAME))
    if scope.assigned_by_id:
        leader = User.objects.filter(pk=scope.assigned_by_id).first()
        if leader:
            parts.append(_("nhiệm vụ do {name} giao").format(name=leader.display_name))
    if scope.document_id:
        from dondoc.documents.models import Document

        doc = Document.objects.filter(pk=scope.document_id).first()
        if doc:
            parts.append(_("theo văn bản {doc}").format(doc=doc))
    if scope.priority_only:
        parts.append(_("nhiệm vụ trọng tâm"))
    return "; ".join(parts)


# --- Excel -----------------------------------------------------------------------------------

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
_BOLD = Font(name="Times New Roman", bold=True, size=12)
_NORMAL = Font(name="Times New Roman", size=12)

STATS_COLUMNS = 13  # STT … Số ngày quá hạn tối đa


def _title_rows(ws: Worksheet, lines: list[str], width: int) -> int:
    for row, text in enumerate(lines, start=1):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = Font(name="Times New Roman", bold=row == 1, italic=row > 1, size=14 if row == 1 else 12)
        cell.alignment = _CENTER
    return len(lines) + 2


def _figure_cells(fig: Figures) -> list[Any]:
    return [
        fig.assigned, fig.done_on_time, fig.done_late, fig.done_no_deadline,
        fig.within_deadline, fig.overdue, fig.open_no_deadline,
        fig.completion_rate, fig.on_time_rate, fig.max_days_overdue or 0,
    ]


def _write_stats_sheet(ws: Worksheet, stats: Statistics) -> None:
    top = _title_rows(ws, [
        _("BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ"),
        _("Nhiệm vụ giao {period}; số liệu tính đến ngày {as_of}").format(
            period=period_label(stats.period), as_of=dmy(stats.period.as_of)),
        scope_label(stats.scope),
    ], STATS_COLUMNS)
    head = [
        (1, 1, _("STT")), (2, 2, _("Đơn vị")), (3, 3, _("Tổng số")),
        (4, 6, _("Đã hoàn thành")), (7, 9, _("Chưa hoàn thành")),
        (10, 10, _("Tỷ lệ hoàn thành")), (11, 11, _("Tỷ lệ đúng hạn")),
        (12, 12, _("Số ngày quá hạn tối đa")), (13, 13, _("Xếp loại")),
    ]
    for first, last, text in head:
        if first == last:
            ws.merge_cells(start_row=top, start_column=first, end_row=top + 1, end_column=last)
        else:
            ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
        ws.cell(row=top, column=first, value=text)
    sub = [_("Đúng hạn"), _("Quá hạn"), _("Không có hạn"), _("Trong hạn"), _("Quá hạn"), _("Không có hạn")]
    for offset, text in enumerate(sub):
        ws.cell(row=top + 1, column=4 + offset, value=text)
    for row in ws.iter_rows(min_row=top, max_row=top + 1, max_col=STATS_COLUMNS):
        for cell in row:
            cell.font, cell.alignment, cell.border = _BOLD, _CENTER, _BOX
    marks = {Mark.PRAISE: _("Khen"), Mark.CRITICISE: _("Phê bình")}
    line = top + 2
    for stt, unit_row in enumerate(stats.rows, start=1):
        values = [stt, unit_row.ref.name, *_figure_cells(unit_row.figures), marks.get(unit_row.mark, "")]
        _write_row(ws, line, values, bold=False)
        line += 1
    _write_row(ws, line, ["", _("Tổng cộng"), *_figure_cells(stats.totals), ""], bold=True)
    widths = [6, 40, 10, 10, 10, 10, 10, 10, 10, 12, 12, 12, 10]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=top + 2, column=3)
    notes = line + 2
    ws.cell(row=notes, column=1, value=_(
        "Tỷ lệ hoàn thành = số nhiệm vụ đã hoàn thành / số nhiệm vụ đã đến hạn (có thời hạn đến ngày {as_of}); "
        "tỷ lệ đúng hạn = số hoàn thành đúng hạn / số đã hoàn thành có thời hạn."
    ).format(as_of=dmy(stats.period.as_of))).font = Font(name="Times New Roman", italic=True, size=11)


def _write_row(ws: Worksheet, line: int, values: list[Any], *, bold: bool) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=line, column=col, value=value)
        cell.border, cell.font = _BOX, _BOLD if bold else _NORMAL
        cell.alignment = _WRAP if col == 2 else _CENTER
        if col in (10, 11):
            cell.number_format = "0.0%"


OVERDUE_HEAD = ["STT", "Nội dung", "Đơn vị chủ trì", "Văn bản giao", "Ngày giao", "Thời hạn",
                "Số ngày quá hạn"]


def _write_overdue_sheet(ws: Worksheet, period: Period, tasks: Iterable[WithAnnotations[Task, DaysOverdue]], total: int,
                         progress: Progress) -> None:
    top = _title_rows(ws, [
        _("DANH SÁCH NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH"),
        _("Nhiệm vụ giao {period}; tính đến ngày {as_of}").format(
            period=period_label(period), as_of=dmy(period.as_of)),
    ], len(OVERDUE_HEAD))
    for col, text in enumerate(OVERDUE_HEAD, start=1):
        cell = ws.cell(row=top, column=col, value=_(text))
        cell.font, cell.alignment, cell.border = _BOLD, _CENTER, _BOX
    for stt, task in enumerate(tasks, start=1):
        values = [stt, task.text, task.lead_unit.name, str(task.document) if task.document_id else "",
                  dmy(timezone.localdate(task.created_at)), dmy(task.due_on), task.days_overdue]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=top + stt, column=col, value=value)
            cell.border, cell.font = _BOX, _NORMAL
            cell.alignment = _WRAP if col in (2, 3, 4) else _CENTER
        if total and stt % 500 == 0:
            progress(40 + int(55 * stt / total))
    for col, width in enumerate([6, 60, 30, 30, 12, 12, 10], start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def stats_xlsx(period: Period, scope: Scope, *, stats: Statistics | None = None,
               progress: Progress = _noop) -> bytes:
    stats = stats or compute(period, scope, RankingPolicy.current())
    progress(30)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Tổng hợp")
    _write_stats_sheet(ws, stats)
    overdue = overdue_tasks(period, scope)
    _write_overdue_sheet(wb.create_sheet(_("Nhiệm vụ quá hạn")), period, overdue.iterator(chunk_size=1000),
                         stats.totals.overdue, progress)
    out = io.BytesIO()
    wb.save(out)
    progress(100)
    return out.getvalue()


# --- Word: summary report -------------------------------------------------------------------


def figures_sentences(fig: Figures, as_of: dt.date) -> list[str]:
    """The figures written into the text, the way the office's reports put them."""
    lines = [
        _("Tổng số nhiệm vụ được giao: {assigned}; đã hoàn thành {done} (đúng hạn {on_time}, quá hạn {late}, "
          "không có hạn {done_free}); chưa hoàn thành {open} (trong hạn {within}, quá hạn {overdue}, "
          "không có hạn {open_free}).").format(
            assigned=num(fig.assigned), done=num(fig.done), on_time=num(fig.done_on_time),
            late=num(fig.done_late), done_free=num(fig.done_no_deadline), open=num(fig.not_done),
            within=num(fig.within_deadline), overdue=num(fig.overdue), open_free=num(fig.open_no_deadline)),
        _("Tỷ lệ hoàn thành: {rate} ({done}/{due} nhiệm vụ đã đến hạn tính đến ngày {as_of}); tỷ lệ hoàn thành "
          "đúng hạn: {on_time_rate} ({on_time}/{done_with_deadline} nhiệm vụ đã hoàn thành có thời hạn).").format(
            rate=percent(fig.completion_rate), done=num(fig.came_due_done), due=num(fig.came_due),
            as_of=dmy(as_of), on_time_rate=percent(fig.on_time_rate), on_time=num(fig.done_on_time),
            done_with_deadline=num(fig.done_on_time + fig.done_late)),
    ]
    if fig.overdue:
        lines.append(_("Số ngày quá hạn của các nhiệm vụ quá hạn chưa hoàn thành: lớn nhất {max} ngày, "
                       "bình quân {avg} ngày.").format(max=num(fig.max_days_overdue),
                                                        avg=num(fig.avg_days_overdue)))
    return lines


def _unit_table_row(stt: Any, name: str, fig: Figures) -> list[Any]:
    return [stt, name, num(fig.assigned), num(fig.done_on_time), num(fig.done_late), num(fig.within_deadline),
            num(fig.overdue), num(fig.done_no_deadline + fig.open_no_deadline),
            percent(fig.completion_rate), percent(fig.on_time_rate)]


def unit_table(rows: list[list[Any]]) -> Table:
    """The table per unit of the summary report, the way the Government Office lays it out:
    "Đã hoàn thành" and "Chưa hoàn thành" over their columns; the last row (the total) in bold."""
    return Table(
        headers=[_("STT"), _("Đơn vị"), _("Tổng số"), _("Đúng hạn"), _("Quá hạn"), _("Trong hạn"), _("Quá hạn"),
                 _("Không có hạn"), _("Tỷ lệ hoàn thành"), _("Tỷ lệ đúng hạn")],
        groups=[("", 1), ("", 1), ("", 1), (_("Đã hoàn thành"), 2), (_("Chưa hoàn thành"), 2), ("", 1), ("", 1),
                ("", 1)],
        rows=rows, widths_mm=[11, 33, 13, 14, 13, 14, 13, 15, 19.5, 19.5], size=11,
        numeric_columns=range(2, 10), centered_columns=(0,), bold_rows=[len(rows) - 1] if rows else [],
    )


@dataclass
class Issuer:
    parent_name: str
    name: str
    signer_title: str

    @classmethod
    def for_root(cls, root: Unit | None) -> Issuer:
        if root is None:
            return cls("", str(settings.DONDOC_ORGANISATION_NAME), _("Chánh Văn phòng"))
        committee = root.acts_for()
        office = Unit.objects.filter(parent=committee, kind=UnitKind.OFFICE, valid_to__isnull=True).first()
        if office and committee.kind == UnitKind.PEOPLES_COMMITTEE:
            return cls(committee.name, _("Văn phòng"), _("Chánh Văn phòng"))
        return cls("", root.name, _("Thủ trưởng đơn vị"))


def heading(text: str) -> Para:
    """A section heading of a report ("I. KẾT QUẢ CHUNG")."""
    return Para(text, bold=True, indent=False)


def report_docx(*, issuer: Issuer, number: str, subject: str, body: list[BodyEntry], recipients: list[str],
                signer_title: str, today: dt.date | None) -> bytes:
    """A report ("BÁO CÁO" and its subject) in the Nghị định 30 layout, by ``dondoc.officedocs``."""
    return OfficialLetter(
        issuer_parent=issuer.parent_name, issuer=issuer.name, number=number, place="………",
        date=today or timezone.localdate(), kind_title=_("Báo cáo"), subject=subject,
        body_paragraphs=body, recipients=recipients, archive=_("Lưu: VT."),
        signer_role=signer_title.upper(), signer_title="", signer_name="",
    ).to_docx()


def summary_docx(period: Period, scope: Scope, *, stats: Statistics | None = None,
                 progress: Progress = _noop, today: dt.date | None = None) -> bytes:
    """"Báo cáo tình hình thực hiện nhiệm vụ …": the figures in the text, the table per unit,
    the overdue backlog by year, the units praised and criticised."""
    stats = stats or compute(period, scope, RankingPolicy.current())
    progress(40)
    fig = stats.totals
    issuer = Issuer.for_root(scope.root)
    body: list[BodyEntry] = [
        _("Phạm vi: {scope}. Số liệu tính đến ngày {as_of}.").format(scope=scope_label(scope), as_of=dmy(period.as_of)),
        heading(_("I. KẾT QUẢ CHUNG")),
        *figures_sentences(fig, period.as_of),
        heading(_("II. KẾT QUẢ THEO ĐƠN VỊ")),
    ]
    rows = [_unit_table_row(i, r.ref.name, r.figures) for i, r in enumerate(stats.rows, start=1)]
    rows.append(_unit_table_row("", _("Tổng cộng"), fig))
    body.append(unit_table(rows))
    progress(70)
    body.append(heading(_("III. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH THEO NĂM GIAO")))
    years = overdue_by_year(period, scope)
    if years:
        body.append("; ".join(
            _("năm {year}: {n} nhiệm vụ (quá hạn lâu nhất {days} ngày)").format(
                year=y.year, n=num(y.overdue), days=num(y.max_days_overdue)) for y in years) + ".")
    else:
        body.append(_("Không có nhiệm vụ quá hạn chưa hoàn thành."))
    policy = RankingPolicy.current()
    praised = [r.ref.name for r in stats.rows if r.mark == Mark.PRAISE]
    criticised = [r.ref.name for r in stats.rows if r.mark == Mark.CRITICISE]
    body += [
        heading(_("IV. ĐÁNH GIÁ")),
        _("Tiêu chí: {policy}.").format(policy=policy),
        _("Đơn vị được đề nghị biểu dương ({n}): {names}.").format(
            n=len(praised), names=", ".join(praised) or _("không có")),
        _("Đơn vị bị đề nghị phê bình ({n}): {names}.").format(
            n=len(criticised), names=", ".join(criticised) or _("không có")),
    ]
    data = report_docx(
        issuer=issuer, number="      /BC-VP", body=body,
        subject=_("Tình hình thực hiện nhiệm vụ do lãnh đạo giao {period}").format(period=period_label(period)),
        recipients=[_("Lãnh đạo UBND"), _("Các cơ quan, đơn vị")], signer_title=issuer.signer_title, today=today)
    progress(100)
    return data


# --- Word: inspection of one unit -----------------------------------------------------------

STATE_LABELS = {
    Timeliness.OVERDUE: gettext_lazy("Quá hạn"),
    Timeliness.DUE_SOON: gettext_lazy("Sắp đến hạn"),
    Timeliness.WITHIN_DEADLINE: gettext_lazy("Trong hạn"),
    Timeliness.NO_DEADLINE: gettext_lazy("Không có hạn"),
}


def inspection_remarks(fig: Figures, policy: RankingPolicy) -> list[str]:
    mark = policy.mark_for(fig)
    remarks = []
    if mark == Mark.PRAISE:
        remarks.append(_("Đơn vị thực hiện tốt các nhiệm vụ được giao, đạt tiêu chí biểu dương ({policy}).")
                       .format(policy=policy))
    elif mark == Mark.CRITICISE:
        remarks.append(_("Tỷ lệ hoàn thành thấp, thuộc diện phê bình ({policy}); đề nghị thủ trưởng đơn vị "
                         "chấn chỉnh, có giải pháp khắc phục.").format(policy=policy))
    if fig.overdue:
        remarks.append(_("Còn {n} nhiệm vụ quá hạn chưa hoàn thành (quá hạn lâu nhất {days} ngày); đề nghị rà soát, "
                         "phân công cụ thể, gắn trách nhiệm từng cá nhân và báo cáo kết quả, đề xuất phương án "
                         "giải quyết.").format(n=num(fig.overdue), days=num(fig.max_days_overdue)))
    if fig.within_deadline:
        remarks.append(_("Đối với {n} nhiệm vụ đang trong hạn, đề nghị thường xuyên đôn đốc, kiểm tra để hoàn "
                         "thành đúng thời hạn.").format(n=num(fig.within_deadline)))
    remarks.append(_("Thường xuyên cập nhật tiến độ, kết quả thực hiện nhiệm vụ trên hệ thống; khi có khó khăn, "
                     "vướng mắc kịp thời báo cáo, đề xuất."))
    return remarks


def inspection_docx(period: Period, scope: Scope, *, progress: Progress = _noop,
                    today: dt.date | None = None) -> bytes:
    """The inspection of one unit (``scope.unit``) over a period, as the Bắc Giang office did at
    Yên Thế: its tasks, how many done / on time / overdue, the unfinished ones, remarks."""
    unit = scope.unit
    if unit is None:
        raise ValueError("inspection needs a unit")
    policy = RankingPolicy.current()
    fig = Figures.from_row(period_tasks(period, scope).aggregate(**aggregates(period.as_of)))
    progress(30)
    body: list[BodyEntry] = [
        _("Nội dung kiểm tra: tình hình thực hiện các nhiệm vụ được giao {period} (số liệu tính đến ngày "
          "{as_of}).").format(period=period_label(period), as_of=dmy(period.as_of)),
        heading(_("I. KẾT QUẢ THỰC HIỆN")),
        _("{unit} được giao thực hiện tổng số {n} nhiệm vụ.").format(unit=unit.name, n=num(fig.assigned)),
        *figures_sentences(fig, period.as_of),
        heading(_("II. CÁC NHIỆM VỤ CHƯA HOÀN THÀNH")),
    ]
    pending = list(open_tasks(period, scope))
    progress(60)
    if pending:
        rows = []
        for stt, task in enumerate(pending, start=1):
            cls = classify(status=task.status, due_on=task.due_on, completed_on=task.completed_on,
                           today=period.as_of)
            late = days_overdue(due_on=task.due_on, completed_on=None, today=period.as_of) if (
                cls == Timeliness.OVERDUE) else ""
            rows.append([stt, task.text, str(task.document) if task.document_id else "", dmy(task.due_on),
                         str(STATE_LABELS.get(cls, cls.label)), late])
        body.append(Table(
            headers=[_("STT"), _("Nội dung nhiệm vụ"), _("Văn bản giao"), _("Thời hạn"), _("Tình trạng"),
                     _("Số ngày quá hạn")],
            rows=rows, widths_mm=[11, 60, 31, 23, 20, 20], size=11, numeric_columns=(5,),
            centered_columns=(0, 3, 4)))
    else:
        body.append(_("Đơn vị đã hoàn thành tất cả các nhiệm vụ được giao trong kỳ."))
    body.append(heading(_("III. NHẬN XÉT, KIẾN NGHỊ")))
    body += [Para("- " + remark, indent=True) for remark in inspection_remarks(fig, policy)]
    data = report_docx(
        issuer=Issuer.for_root(scope.root), number="      /BC-ĐKT", body=body,
        subject=_("Kết quả kiểm tra tình hình thực hiện nhiệm vụ tại {unit}").format(unit=unit.name),
        recipients=[unit.name, _("Lãnh đạo UBND")], signer_title=_("Trưởng đoàn kiểm tra"), today=today)
    progress(100)
    return data


# --- one entry point for the views, the command and the background jobs ---------------------


def build_export(kind: str, period: Period, scope: Scope, *, progress: Progress = _noop) -> tuple[str, str, bytes]:
    """(file name, content type, bytes) of the export ``kind``."""
    stamp = f"{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if kind == ExportKind.STATS_XLSX:
        return f"thong-ke-nhiem-vu-{stamp}.xlsx", XLSX_TYPE, stats_xlsx(period, scope, progress=progress)
    if kind == ExportKind.SUMMARY_DOCX:
        return f"bao-cao-tinh-hinh-thuc-hien-nhiem-vu-{stamp}.docx", DOCX_TYPE, summary_docx(
            period, scope, progress=progress)
    if kind == ExportKind.INSPECTION_DOCX:
        return f"bao-cao-kiem-tra-{scope.unit.pk if scope.unit else 0}-{stamp}.docx", DOCX_TYPE, inspection_docx(
            period, scope, progress=progress)
    raise ValueError(kind)
