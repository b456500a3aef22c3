"""Official documents (Nghị định 30/2020/NĐ-CP layout) as DOCX, and their PDF copies.

A plain package, not a Django app::

    from dondoc.officedocs import OfficialLetter, Table, docx_to_pdf

    letter = OfficialLetter(
        issuer_parent="", issuer="Ủy ban nhân dân tỉnh Phú Thọ", number="05/UBND-VP",
        place="Phú Thọ", date=dt.date(2026, 3, 9), subject="đôn đốc thực hiện nhiệm vụ",
        salutation_to=["Sở Tài chính"], body_paragraphs=["…", Table(headers=[…], rows=[…])],
        recipients=["Như trên", "Chủ tịch, các Phó Chủ tịch UBND tỉnh"],
        signer_prefix="KT.", signer_role="CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH",
        signer_name="Nguyễn Văn A",
    )
    data = letter.to_docx()            # bytes
    pdf = docx_to_pdf(data)            # bytes, or PdfConversionError with a clerk's message

``kind_title="BÁO CÁO"`` gives a document with a kind name instead of a công văn.
For documents built by hand: ``new_document``, ``add_body_entry``, ``add_table``.
``Table(groups=[("", 1), ("Đã hoàn thành", 2), …], bold_rows=[…])`` gives a
two-row header with merged cells and bold total lines (the statistics reports).
"""

from dondoc.officedocs.letter import (
    BodyEntry,
    OfficialLetter,
    Para,
    Table,
    add_body_entry,
    add_table,
    date_line,
    new_document,
)
from dondoc.officedocs.pdf import PdfConversionError, docx_to_pdf, soffice_path

__all__ = [
    "BodyEntry", "OfficialLetter", "Para", "PdfConversionError", "Table", "add_body_entry", "add_table",
    "date_line", "docx_to_pdf", "new_document", "soffice_path",
]
