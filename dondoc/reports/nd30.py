"""The frame of an administrative document in the Nghị định 30/2020/NĐ-CP layout (python-docx).

The reminders work is to bring a shared builder in ``dondoc.officedocs``; until it
lands, the reports use this small one. Its surface (``new_document``,
``add_heading_block``, ``add_title``, ``add_paragraph``, ``add_signature``) is the
part to switch over, the report bodies do not depend on anything else here.
"""

from __future__ import annotations

import datetime as dt

from docx import Document as new_docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"
MOTTO_TOP = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def new_document() -> Document:
    doc = new_docx()
    section = doc.sections[0]
    # NĐ 30, Phụ lục I: A4, top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm; Times New Roman 13–14.
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(6)
    return doc


def _cell_line(cell, text: str, *, bold: bool = False, italic: bool = False, size: float = 13,
               first: bool = False) -> None:
    para = cell.paragraphs[0] if first else cell.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.space_after = Pt(0)
    run = para.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def vietnamese_date_line(place: str, day: dt.date) -> str:
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def add_heading_block(doc: Document, *, parent_name: str, issuer_name: str, number: str,
                      place: str, day: dt.date) -> None:
    """The two-column head: issuing body and number on the left, motto and date on the right."""
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    if parent_name:
        _cell_line(left, parent_name.upper(), size=13, first=True)
        _cell_line(left, issuer_name.upper(), bold=True)
    else:
        _cell_line(left, issuer_name.upper(), bold=True, first=True)
    _cell_line(right, MOTTO_TOP, bold=True, size=13, first=True)
    _cell_line(right, MOTTO, bold=True)
    _cell_line(table.rows[1].cells[0], f"Số: {number}", first=True)
    _cell_line(table.rows[1].cells[1], vietnamese_date_line(place, day), italic=True, first=True)


def add_title(doc: Document, kind: str, subject: str) -> None:
    for text, bold, size in ((kind.upper(), True, 14), (subject, True, 14)):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_after = Pt(0)
        run = para.add_run(text)
        run.bold, run.font.size = bold, Pt(size)
    doc.add_paragraph()


def add_paragraph(doc: Document, text: str, *, bold: bool = False, indent: bool = True) -> None:
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        para.paragraph_format.first_line_indent = Cm(1)
    run = para.add_run(text)
    run.bold = bold


def add_signature(doc: Document, *, recipients: list[str], signer_title: str, signer_name: str = "") -> None:
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    para = left.paragraphs[0]
    run = para.add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for line in [*recipients, "Lưu: VT."]:
        p = left.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        r = p.add_run(f"- {line};" if not line.endswith(".") else f"- {line}")
        r.font.size = Pt(11)
    _cell_line(right, signer_title.upper(), bold=True, size=14, first=True)
    _cell_line(right, "")
    _cell_line(right, "")
    _cell_line(right, signer_name, bold=True, size=14)
