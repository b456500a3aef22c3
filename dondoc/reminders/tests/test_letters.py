import datetime as dt
import io

import pytest
from docx import Document as Docx
from docx.oxml.ns import qn
from docx.shared import Mm

from dondoc.documents.models import Document, DocumentKind
from dondoc.errors import ActionForbidden, DomainError
from dondoc.officedocs import soffice_path
from dondoc.reminders import letters
from dondoc.reminders.letters import (
    COMBINED,
    LetterOptions,
    urgeable_tasks,
    urging_letters_draft,
    urging_letters_register,
)
from dondoc.reminders.models import UrgingLetter
from dondoc.tasks import services
from dondoc.tasks.models import EventKind, TaskEvent
from dondoc.testing import make_task

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 9)
NEW_DUE = dt.date(2026, 3, 16)


@pytest.fixture
def tasks(org):
    source = Document.objects.create(
        kind=DocumentKind.THONG_BAO, number="187/TB-UBND", issued_on=dt.date(2023, 9, 25),
        issuer=org.committee.name, unit=org.committee,
    )
    org.chairman.title = "Phó Chủ tịch"
    org.chairman.save()
    return [
        make_task(org, due_on=dt.date(2026, 2, 27), document=source,
                  text="Tham mưu phương án phân bổ vốn đầu tư công năm 2026."),
        make_task(org, due_on=dt.date(2026, 3, 5), text="Rà soát các khoản chi thường xuyên."),
        make_task(org, lead=org.construction, due_on=dt.date(2026, 3, 2), document=source,
                  text="Kiểm tra chất lượng công trình trường học."),
    ]


def options(**extra):
    values = {"today": TODAY, "new_due": NEW_DUE, "explanation": True, "signing": "kt",
              "signer_name": "Nguyễn Tường Duy"}
    return LetterOptions(**{**values, **extra})


def read(data: bytes):
    return Docx(io.BytesIO(data))


def test_the_office_finds_the_overdue_tasks_of_one_unit(org, tasks):
    found = urgeable_tasks(org.tracker, today=TODAY, lead_units=[org.finance])
    assert [t.pk for t in found] == [tasks[0].pk, tasks[1].pk]
    assert urgeable_tasks(org.finance_head, today=TODAY).count() == 0


def test_one_letter_per_unit_or_one_for_all(org, tasks):
    per_unit = urging_letters_draft(by=org.tracker, tasks=tasks, options=options())
    assert [[u.name for u in d.units] for d in per_unit] == [["Sở Tài chính"], ["Sở Xây dựng"]]
    combined = urging_letters_draft(by=org.tracker, tasks=tasks, options=options(grouping=COMBINED))
    assert len(combined) == 1 and combined[0].letter.salutation_to == ["Sở Tài chính", "Sở Xây dựng"]


def test_the_letter_has_every_part_of_the_decree_layout(org, tasks):
    draft = urging_letters_draft(by=org.tracker, tasks=tasks[:2], options=options())[0]
    draft.letter.number = "07/UBND-VP"
    doc = read(draft.letter.to_docx())
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20

    header = doc.tables[0]
    left = [p for p in header.cell(0, 0).paragraphs if p.text]
    assert left[0].text == "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM" and left[0].runs[0].bold
    right = [p for p in header.cell(0, 1).paragraphs if p.text]
    assert right[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and right[0].runs[0].bold
    assert right[1].text == "Độc lập - Tự do - Hạnh phúc" and right[1].runs[0].bold
    rule = header.cell(0, 1).paragraphs[2]._p.find(qn("w:pPr")).find(qn("w:pBdr"))
    assert rule is not None
    number_cell = [p.text for p in header.cell(1, 0).paragraphs]
    assert number_cell == ["Số: 07/UBND-VP", "V/v đôn đốc thực hiện nhiệm vụ quá hạn"]
    date = header.cell(1, 1).paragraphs[0]
    assert date.text == "Thử Nghiệm, ngày 09 tháng 3 năm 2026" and date.runs[0].italic
    assert round(header.columns[0].width.mm) == 62 and round(header.cell(0, 0).width.mm) == 62

    body = [p for p in doc.paragraphs if p.text]
    assert body[0].text == "Kính gửi: Sở Tài chính."
    items = [p.text for p in body if p.text[:2] in ("1.", "2.")]
    assert items[0].startswith("1. Yêu cầu Sở Tài chính khẩn trương thực hiện và báo cáo kết quả")
    assert "tại Thông báo số 187/TB-UBND ngày 25/9/2023" in items[0]
    assert "trước ngày 16/3/2026" in items[0]
    assert "thời hạn hoàn thành ngày 27/2/2026, đã quá hạn 10 ngày" in items[0]
    assert "giải trình rõ nguyên nhân chậm trễ, kiểm điểm trách nhiệm" in items[0]
    assert "theo chỉ đạo của lãnh đạo Ủy ban nhân dân tỉnh Thử Nghiệm" in items[1]
    item = next(p for p in body if p.text.startswith("1."))
    assert item.alignment == 3 and item.paragraph_format.first_line_indent == Mm(12.7)  # justified
    assert body[-1].text.endswith("nghiêm túc triển khai thực hiện./.")

    footer = doc.tables[-1]
    received = [p for p in footer.cell(0, 0).paragraphs if p.text]
    assert received[0].text == "Nơi nhận:"
    assert received[0].runs[0].bold and received[0].runs[0].italic and received[0].runs[0].font.size.pt == 12
    assert [p.text for p in received[1:]] == [
        "- Như trên;", "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;", "- Lưu: VT, VP.",
    ]
    assert all(p.runs[0].font.size.pt == 11 for p in received[1:])
    signature = [p for p in footer.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in signature] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Tường Duy"]
    assert all(p.runs[0].bold for p in signature)

    fonts = doc.element.body.findall(".//" + qn("w:rFonts"))
    assert fonts and all(f.get(qn("w:ascii")) == "Times New Roman" for f in fonts)
    assert all(f.get(qn("w:eastAsia")) == "Times New Roman" for f in fonts)
    sizes = {r.font.size.pt for p in body for r in p.runs}
    assert sizes == {14}


def test_several_addressees_are_listed_under_kinh_gui(org, tasks):
    draft = urging_letters_draft(by=org.tracker, tasks=tasks, options=options(grouping=COMBINED))[0]
    texts = [p.text for p in read(draft.letter.to_docx()).paragraphs if p.text]
    assert texts[:3] == ["Kính gửi:", "- Sở Tài chính;", "- Sở Xây dựng."]
    assert sum(t.startswith(("1. Yêu cầu", "2. Yêu cầu", "3. Yêu cầu")) for t in texts) == 3


def test_registering_links_the_letter_and_marks_each_timeline(org, tasks):
    first = urging_letters_register(by=org.tracker, tasks=tasks[:1], options=options())
    second = urging_letters_register(by=org.tracker, tasks=tasks[:2], options=options(explanation=False))
    letter = second[0]
    assert letter.document.direction == "out" and letter.document.kind == "cong_van"
    assert first[0].document.number == "01/UBND-VP" and letter.document.number == "02/UBND-VP"
    assert {t.pk for t in letter.tasks.all()} == {tasks[0].pk, tasks[1].pk}
    assert letter.document.references == [{"number": "187/TB-UBND", "date": "2023-09-25"}]
    notes = list(TaskEvent.objects.filter(task=tasks[0], kind=EventKind.URGED).values_list("note", flat=True))
    assert notes[0].startswith("Đôn đốc lần 1 bằng văn bản số 01/UBND-VP")
    assert notes[1].startswith("Đôn đốc lần 2 bằng văn bản số 02/UBND-VP")
    body = read(letter.docx.read())
    assert "Số: 02/UBND-VP" in body.tables[0].cell(1, 0).text
    assert "đã được đôn đốc 1 lần" in "\n".join(p.text for p in body.paragraphs)
    assert letter.document.files.count() == 1
    assert tasks[0].notifications.filter(kind="urged", recipient=org.finance_head).count() == 2


def test_only_the_assigning_office_may_urge(org, tasks):
    with pytest.raises(ActionForbidden):
        urging_letters_draft(by=org.finance_head, tasks=tasks, options=options())
    with pytest.raises(ActionForbidden):
        urging_letters_draft(by=org.outsider, tasks=tasks, options=options())
    assert not UrgingLetter.objects.exists()


def test_a_finished_task_or_a_past_deadline_is_refused(org, tasks):
    services.task_submit(task=tasks[0], by=org.finance_head, result="Đã trình.")
    tasks[0].refresh_from_db()
    with pytest.raises(DomainError):
        urging_letters_draft(by=org.tracker, tasks=tasks[:1], options=options())
    with pytest.raises(DomainError):
        urging_letters_draft(by=org.tracker, tasks=tasks[1:2], options=options(new_due=TODAY))


def test_dondoc_reads_its_own_letter_back(org, tasks):
    from dondoc.documents import extraction

    draft = urging_letters_draft(by=org.tracker, tasks=tasks, options=options(grouping=COMBINED))[0]
    draft.letter.number = "07/UBND-VP"
    try:
        text = extraction.read_upload(draft.letter.to_docx(), "don-doc.docx")
        parsed = extraction.parse(text)
    except AttributeError as missing:  # docparse's public API is still being written
        pytest.skip(f"docparse has no public API yet: {missing}")
    assert parsed["document"]["number"] == "07/UBND-VP"
    assert parsed["document"]["issued_on"] == "2026-03-09"
    found = [(t["lead"], t["due"]) for t in parsed["tasks"]]
    assert found == [
        (["Sở Tài chính"], "2026-03-16"), (["Sở Tài chính"], "2026-03-16"), (["Sở Xây dựng"], "2026-03-16"),
    ]


@pytest.mark.slow
@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")
def test_a_registered_letter_gets_a_pdf_copy(org, tasks):
    letter = urging_letters_register(by=org.tracker, tasks=tasks[:1], options=options())[0]
    assert letters.attach_pdf(letter) is None
    assert letter.pdf.read()[:5] == b"%PDF-"


def test_the_command_writes_and_registers_the_letter_of_a_unit(org, tasks, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "don-doc.docx"
    call_command("urge_letter", "--lead-unit", "so tai chinh", "--overdue", "--out", str(out),
                 "--date", "09/03/2026")
    letter = UrgingLetter.objects.get()
    assert letter.tasks.count() == 2 and letter.document.number == "01/UBND-VP"
    assert "Sở Tài chính" in "\n".join(p.text for p in read(out.read_bytes()).paragraphs)
    call_command("urge_letter", "--lead-unit", "Sở Xây dựng", "--out", str(out), "--draft",
                 "--date", "09/03/2026")
    assert UrgingLetter.objects.count() == 1


def test_a_missing_libreoffice_gives_a_clear_message(monkeypatch):
    from dondoc.officedocs import PdfConversionError, docx_to_pdf

    monkeypatch.setattr("dondoc.officedocs.pdf.soffice_path", lambda: None)
    with pytest.raises(PdfConversionError, match="chưa cài LibreOffice"):
        docx_to_pdf(b"PK")


def test_a_typed_number_already_used_that_year_is_refused(org, tasks):
    urging_letters_register(by=org.tracker, tasks=tasks[:1], options=options(number="12/UBND-VP"))
    for number in ("12/UBND-VP", " 12/ubnd-vp ", "012/UBND-VP", "12/QĐ-UBND"):
        with pytest.raises(DomainError) as refused:
            urging_letters_register(by=org.tracker, tasks=tasks[1:2], options=options(number=number))
        assert refused.value.field == "number" and "đã được dùng" in refused.value.message
    assert UrgingLetter.objects.count() == 1
    assert TaskEvent.objects.filter(task=tasks[1], kind=EventKind.URGED).count() == 0


def test_a_number_of_another_outgoing_document_is_refused_but_not_an_incoming_one(org, tasks):
    Document.objects.create(kind=DocumentKind.QUYET_DINH, direction="out", number="15/QĐ-UBND",
                            issued_on=dt.date(2026, 1, 5), issuer_unit=org.committee, unit=org.committee)
    Document.objects.create(kind=DocumentKind.CONG_VAN, direction="in", number="16/UBND-VP",
                            issued_on=dt.date(2026, 1, 5), issuer_unit=org.committee, unit=org.committee)
    with pytest.raises(DomainError):
        urging_letters_register(by=org.tracker, tasks=tasks[:1], options=options(number="15/UBND-VP"))
    letter = urging_letters_register(by=org.tracker, tasks=tasks[:1], options=options(number="16/UBND-VP"))[0]
    assert letter.document.number == "16/UBND-VP"
    automatic = urging_letters_register(by=org.tracker, tasks=tasks[1:2], options=options())[0]
    assert automatic.document.number == "17/UBND-VP"


def test_the_same_number_may_be_used_again_the_next_year(org, tasks):
    urging_letters_register(by=org.tracker, tasks=tasks[:1], options=options(number="12/UBND-VP"))
    next_year = options(number="12/UBND-VP", today=dt.date(2027, 1, 4), new_due=dt.date(2027, 1, 11))
    assert urging_letters_register(by=org.tracker, tasks=tasks[:1], options=next_year)[0].document.number == "12/UBND-VP"


def test_registering_twice_with_one_token_gives_back_the_first_letters(org, tasks):
    first = urging_letters_register(by=org.tracker, tasks=tasks, options=options(), token="t1")
    again = urging_letters_register(by=org.tracker, tasks=tasks, options=options(), token="t1")
    assert [letter.pk for letter in again] == [letter.pk for letter in first] and len(first) == 2
    assert UrgingLetter.objects.count() == 2
    assert TaskEvent.objects.filter(kind=EventKind.URGED).count() == 3
    assert [letter.pk for letter in letters.registered_with("t1")] == [letter.pk for letter in first]
    other = urging_letters_register(by=org.tracker, tasks=tasks[:1], options=options(), token="t2")
    assert other[0].document.number == "03/UBND-VP"
