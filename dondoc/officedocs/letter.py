"""Official documents in the Nghị định 30/2020/NĐ-CP layout, as DOCX (python-docx).

The layout (Phụ lục I of the decree): A4; margins top and bottom 20 mm, left
30 mm, right 15 mm; Times New Roman (also for East Asian text, so Word and
LibreOffice never substitute it). A two-column header table: the parent body
(not bold) and the issuing body (bold capitals) over "Số: …" and, for a công
văn, "V/v …"; the national title (bold), the motto (bold, a rule under it) and
the italic "Place, ngày dd tháng mm năm yyyy". Then the kind and title (for
documents other than a công văn), "Kính gửi:", the body (justified, first-line
indent), and a two-column footer: "Nơi nhận:" beside the signature block.

Body entries are strings (justified paragraphs; ``**…**`` marks bold words),
``Para`` for other alignments, or ``Table`` for a grid of figures.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import _Row
    from docx.text.run import Run

FONT = "Times New Roman"
BODY_PT = 14
PAGE = {"width": 210, "height": 297, "top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE["width"] - PAGE["left"] - PAGE["right"]
HEADER_WIDTHS_MM = (62, TEXT_WIDTH_MM - 62)
FOOTER_WIDTHS_MM = (80, TEXT_WIDTH_MM - 80)
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def date_line(place: str, day: dt.date | None) -> str:
    """"Hà Nội, ngày 05 tháng 02 năm 2026": day below 10 and months 1–2 get a leading zero."""
    if day is None:
        return f"{place}, ngày      tháng      năm      "
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass(frozen=True)
class Para:
    """A paragraph with its own look (the default string entry is a justified body paragraph)."""

    text: str
    align: str = "justify"
    bold: bool = False
    italic: bool = False
    indent: bool = True
    size: float | None = None


@dataclass(frozen=True)
class Table:
    """A grid in the body: a bold header row, then the rows; widths in millimetres.

    ``groups`` puts a second header row above ``headers``: ``(text, span)`` pairs covering
    the columns from left to right; a group with empty text and span 1 joins its column's
    header over both rows (e.g. "STT", "Đơn vị", then "Đã hoàn thành" over "Đúng hạn" and
    "Quá hạn"). ``bold_rows`` are indexes into ``rows`` written in bold (a total line).
    """

    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    widths_mm: Sequence[float] | None = None
    size: float = 12
    numeric_columns: Sequence[int] = ()
    groups: Sequence[tuple[str, int]] = ()
    bold_rows: Sequence[int] = ()
    centered_columns: Sequence[int] = ()

    def __post_init__(self) -> None:
        if self.groups and sum(span for _, span in self.groups) != len(self.headers):
            raise ValueError("the header groups must cover every column exactly once")


BodyEntry = str | Para | Table


@dataclass
class OfficialLetter:
    """One official document; ``to_docx()`` returns the file's bytes.

    ``kind_title`` None makes a công văn ("V/v <subject>" under the number);
    otherwise the kind ("BÁO CÁO", "THÔNG BÁO" …) and the subject are centred
    above the body. The signature block reads ``signer_prefix signer_role``
    (e.g. "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"), then ``signer_title``
    ("PHÓ CHỦ TỊCH"), room for the signature, and ``signer_name``.
    """

    issuer: str
    number: str
    place: str
    date: dt.date | None
    subject: str
    signer_name: str
    issuer_parent: str = ""
    kind_title: str | None = None
    salutation_to: Sequence[str] = ()
    body_paragraphs: Sequence[BodyEntry] = ()
    recipients: Sequence[str] = ()
    archive: str = "Lưu: VT, VP."
    signer_prefix: str = ""
    signer_role: str = "CHỦ TỊCH"
    signer_title: str = ""
    font_size: float = BODY_PT

    def to_docx(self) -> bytes:
        document = new_document(self.font_size)
        self._header(document)
        if self.kind_title:
            self._title(document, self.kind_title)
        if self.salutation_to:
            self._salutation(document)
        for entry in self.body_paragraphs:
            add_body_entry(document, entry, self.font_size)
        self._footer(document)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    @property
    def number_line(self) -> str:
        return f"Số: {self.number}"

    @property
    def date_line(self) -> str:
        return date_line(self.place, self.date)

    def plain_body(self) -> list[str | Table]:
        """The body as plain text paragraphs (bold markers removed) and tables, for previews."""
        out: list[str | Table] = []
        for entry in self.body_paragraphs:
            if isinstance(entry, Table):
                out.append(entry)
            else:
                out.append(_BOLD.sub(r"\1", entry if isinstance(entry, str) else entry.text))
        return out

    def to_text(self) -> str:
        """The document as plain text, in reading order (for registering and searching)."""
        lines = [self.issuer_parent.upper(), self.issuer.upper(), self.number_line]
        if self.kind_title is None:
            lines.append(f"V/v {self.subject}")
        lines += [NATIONAL_TITLE, MOTTO, self.date_line, ""]
        if self.kind_title:
            lines += [self.kind_title.upper(), self.subject, ""]
        names = [s.strip().rstrip(";.") for s in self.salutation_to if s.strip()]
        if len(names) == 1:
            lines += [f"Kính gửi: {names[0]}.", ""]
        elif names:
            lines += ["Kính gửi:", *[f"- {n};" for n in names[:-1]], f"- {names[-1]}.", ""]
        for entry in self.plain_body():
            if isinstance(entry, Table):
                lines += [" | ".join(map(str, row)) for row in [entry.headers, *entry.rows]]
            else:
                lines.append(entry)
            lines.append("")
        lines += ["Nơi nhận:", *self.recipient_lines(), "", *self.signature_lines(), "", self.signer_name]
        return "\n".join(line for line in lines if line is not None).strip() + "\n"

    def signature_lines(self) -> list[str]:
        first = " ".join(p for p in (self.signer_prefix.strip(), self.signer_role.strip()) if p)
        return [line.upper() for line in (first, self.signer_title.strip()) if line]

    def recipient_lines(self) -> list[str]:
        lines = [f"- {r.strip().rstrip(';.')};" for r in self.recipients if r.strip()]
        return [*lines, f"- {self.archive}"]

    # --- parts ---------------------------------------------------------------------------

    def _header(self, document: DocxDocument) -> None:
        table = layout_table(document, 2, 2, HEADER_WIDTHS_MM)
        left, right = table.cell(0, 0), table.cell(0, 1)
        first = True
        if self.issuer_parent:
            cell_paragraph(left, self.issuer_parent.upper(), size=13, first=first)
            first = False
        cell_paragraph(left, self.issuer.upper(), size=13, bold=True, first=first)
        rule(left, width_mm=22)
        cell_paragraph(right, NATIONAL_TITLE, size=12.5, bold=True, first=True)
        cell_paragraph(right, MOTTO, size=13.5, bold=True)
        rule(right, width_mm=55)
        number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
        cell_paragraph(number_cell, self.number_line, size=13, first=True)
        if self.kind_title is None:
            cell_paragraph(number_cell, f"V/v {self.subject}", size=12)
        cell_paragraph(date_cell, self.date_line, size=13.5, italic=True, first=True)

    def _title(self, document: DocxDocument, title: str) -> None:
        p = spaced(document.add_paragraph(), before=12, after=0, align="center")
        set_font(p.add_run(title.upper()), size=self.font_size, bold=True)
        p = spaced(document.add_paragraph(), before=0, after=0, align="center")
        set_font(p.add_run(self.subject), size=self.font_size, bold=True)
        rule_paragraph(document, width_mm=40)

    def _salutation(self, document: DocxDocument) -> None:
        names = [s.strip().rstrip(";.") for s in self.salutation_to if s.strip()]
        if len(names) == 1:
            p = spaced(document.add_paragraph(), before=12, after=12, align="center")
            set_font(p.add_run(f"Kính gửi: {names[0]}."), size=self.font_size)
            return
        p = spaced(document.add_paragraph(), before=12, after=0, align="left")
        p.paragraph_format.left_indent = Mm(25)
        set_font(p.add_run("Kính gửi:"), size=self.font_size)
        for i, name in enumerate(names):
            end = "." if i == len(names) - 1 else ";"
            p = spaced(document.add_paragraph(), before=0, after=12 if end == "." else 0, align="left")
            p.paragraph_format.left_indent = Mm(50)
            set_font(p.add_run(f"- {name}{end}"), size=self.font_size)

    def _footer(self, document: DocxDocument) -> None:
        spaced(document.add_paragraph(), before=0, after=0)
        table = layout_table(document, 1, 2, FOOTER_WIDTHS_MM)
        _keep_row_together(table.rows[0])  # "Nơi nhận" and the signature never part across pages
        left, right = table.cell(0, 0), table.cell(0, 1)
        heading = cell_paragraph(left, "", size=12, first=True, align="left")
        set_font(heading.add_run("Nơi nhận:"), size=12, bold=True, italic=True)
        for line in self.recipient_lines():
            cell_paragraph(left, line, size=11, align="left")
        first = True
        for line in self.signature_lines():
            cell_paragraph(right, line, size=self.font_size, bold=True, first=first)
            first = False
        for _ in range(4):
            cell_paragraph(right, "", size=self.font_size)
        cell_paragraph(right, self.signer_name, size=self.font_size, bold=True)
        # A document cannot end with a table: Word and LibreOffice add an empty body-size
        # paragraph, which alone spills onto a blank last page when the footer ends a page.
        set_font(spaced(document.add_paragraph(), before=0, after=0).add_run(""), size=1)


# --- building blocks, shared with the other documents ---------------------------------------


def new_document(font_size: float = BODY_PT) -> DocxDocument:
    """An empty A4 document with the decree's margins and Times New Roman everywhere."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE["width"]), Mm(PAGE["height"])
    section.top_margin, section.bottom_margin = Mm(PAGE["top"]), Mm(PAGE["bottom"])
    section.left_margin, section.right_margin = Mm(PAGE["left"]), Mm(PAGE["right"])
    for name in ("Normal", "Table Grid"):
        if name not in [s.name for s in document.styles]:
            continue
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(font_size)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return document


def set_font(run: Run, *, size: float | None = None, bold: bool | None = None,
             italic: bool | None = None) -> Run:
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    return run


def spaced(paragraph: Paragraph, *, before: float = 0, after: float = 6, align: str = "justify") -> Paragraph:
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.0
    paragraph.alignment = _ALIGN[align]
    return paragraph


def add_runs(paragraph: Paragraph, text: str, *, size: float | None = None,
             bold: bool = False, italic: bool = False) -> Paragraph:
    """Add ``text`` to ``paragraph``; ``**words**`` become bold."""
    for i, part in enumerate(_BOLD.split(text)):
        if part:
            set_font(paragraph.add_run(part), size=size, bold=bold or i % 2 == 1, italic=italic)
    return paragraph


def add_body_entry(document: DocxDocument, entry: BodyEntry, font_size: float = BODY_PT) -> None:
    if isinstance(entry, Table):
        add_table(document, entry)
        return
    if isinstance(entry, str):
        entry = Para(entry)
    p = spaced(document.add_paragraph(), before=0, after=6, align=entry.align)
    if entry.indent and entry.align == "justify":
        p.paragraph_format.first_line_indent = Mm(12.7)
    add_runs(p, entry.text, size=entry.size or font_size, bold=entry.bold, italic=entry.italic)


def layout_table(document: DocxDocument, rows: int, cols: int, widths_mm: Sequence[float]) -> DocxTable:
    """A borderless table with fixed column widths (grid and cells, so LibreOffice keeps them)."""
    table = document.add_table(rows=rows, cols=cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)
        for cell in table.columns[i].cells:
            cell.width = Mm(width)
    return table


def add_table(document: DocxDocument, spec: Table) -> DocxTable:
    """A bordered grid of figures in the body (used by reports); the header rows repeat on
    every page the table runs over."""
    cols = len(spec.headers)
    widths = spec.widths_mm or [TEXT_WIDTH_MM / cols] * cols
    head = 2 if spec.groups else 1
    table = layout_table(document, head + len(spec.rows), cols, widths)
    table.style = document.styles["Table Grid"]
    _cell_margins(table, mm=1)
    spanning = _group_header(table, spec) if spec.groups else set()
    for c, text in enumerate(spec.headers):
        cell = table.cell(0, c) if c in spanning else table.cell(head - 1, c)
        cell_paragraph(cell, text, size=spec.size, bold=True, first=True)
    bold_rows = set(spec.bold_rows)
    for i, values in enumerate(spec.rows):
        for c, value in enumerate(values):
            align = "center" if c in spec.centered_columns else "right" if c in spec.numeric_columns else "left"
            cell_paragraph(table.cell(head + i, c), "" if value is None else str(value), size=spec.size,
                           bold=i in bold_rows, first=True, align=align)
    for r in range(head):
        _repeat_header(table.rows[r])
    spaced(document.add_paragraph(), after=0)
    return table


def _group_header(table: DocxTable, spec: Table) -> set[int]:
    """Merge and fill the top header row from ``spec.groups``; returns the columns whose own
    header spans both rows."""
    spanning: set[int] = set()
    col = 0
    for text, span in spec.groups:
        if span == 1 and not text:
            merged = table.cell(0, col).merge(table.cell(1, col))
            spanning.add(col)
        else:
            merged = table.cell(0, col).merge(table.cell(0, col + span - 1)) if span > 1 else table.cell(0, col)
            cell_paragraph(merged, text, size=spec.size, bold=True, first=True)
        merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        col += span
    return spanning


def _cell_margins(table: DocxTable, *, mm: float) -> None:
    """Narrow left/right cell margins (Word's default is 1.9 mm), so dense grids of figures
    keep short headers such as "STT" on one line."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(round(mm * 56.7)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.append(margins)


def _keep_row_together(row: _Row) -> None:
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(cant_split)


def _repeat_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def cell_paragraph(cell: _Cell, text: str, *, size: float, bold: bool = False, italic: bool = False,
                   first: bool = False, align: str = "center") -> Paragraph:
    """A line in a table cell; ``first`` reuses the cell's initial empty paragraph."""
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    spaced(p, before=0, after=0, align=align)
    if text:
        set_font(p.add_run(text), size=size, bold=bold, italic=italic)
    return p


def _border(paragraph: Paragraph, edge: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{edge}")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        line.set(qn(f"w:{key}"), value)
    borders.append(line)
    ppr.append(borders)


def rule(cell: _Cell, *, width_mm: float) -> Paragraph:
    """A short centred horizontal line (the rule under the motto or the issuing body)."""
    p = cell.add_paragraph()
    return _rule_on(p, cell.width.mm if cell.width else TEXT_WIDTH_MM / 2, width_mm)


def rule_paragraph(document: DocxDocument, *, width_mm: float) -> Paragraph:
    return _rule_on(document.add_paragraph(), TEXT_WIDTH_MM, width_mm)


def _rule_on(p: Paragraph, available_mm: float, width_mm: float) -> Paragraph:
    spaced(p, before=0, after=0, align="center")
    side = max(0.0, (available_mm - width_mm) / 2)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    set_font(p.add_run(""), size=2)
    p.paragraph_format.space_before = Pt(3)
    _border(p, "top")
    return p
