import datetime as dt

import pytest

from dondoc.documents.spreadsheet import (
    SpreadsheetError,
    check_file,
    column_of,
    detect_header,
    inspect,
    parse_due,
    read_rows,
)
from dondoc.documents.tests.sheets import workbook_bytes

LIMIT = 1024 * 1024


@pytest.mark.parametrize(("written", "field"), [
    ("STT", "stt"), ("Nội dung nhiệm vụ", "text"), ("NOI DUNG\nCONG VIEC", "text"), ("Tên nhiệm vụ", "text"),
    ("Đơn vị  chủ trì", "lead"), ("co quan chu tri", "lead"), ("Đơn vị thực hiện", "lead"),
    ("Đơn vị phối hợp", "support"), ("Thời hạn\n(dd/mm/yyyy)", "due"), ("Thời gian hoàn thành", "due"),
    ("Hạn hoàn thành", "due"), ("Văn bản giao", "doc"), ("Số, ký hiệu văn bản", "doc"), ("Trích yếu", "subject"),
    ("Ngày giao", "issued_on"), ("NGÀY BAN HÀNH", "issued_on"), ("Lãnh đạo giao", "leader"),
    ("Người giao", "leader"), ("Trọng tâm", "priority"), ("Ưu tiên", "priority"), ("Ghi chú", "note"),
    ("Tình trạng", "status"), ("Kết quả", "status"), ("Ngày hoàn thành", "completed_on"),
    ("Đã hoàn thành", "done_mark"), ("Chưa hoàn thành", "open_mark"), ("Họ và tên", None), ("", None),
])
def test_header_names_are_recognised_whatever_their_case_accents_and_line_breaks(written, field):
    assert column_of(written) == field


def test_the_header_is_found_below_a_title_and_a_blank_row():
    rows = [("BẢNG THEO DÕI NHIỆM VỤ NĂM 2025",), (), ("STT", "Nội dung", "Đơn vị chủ trì", "Thời hạn"),
            (1, "Rà soát", "Sở Tài chính", "30/06/2025")]
    header = detect_header(rows)
    assert header.row == 3
    assert header.columns == {"stt": 0, "text": 1, "lead": 2, "due": 3}


def test_two_header_rows_under_merged_cells_give_the_sub_columns():
    data = workbook_bytes(
        [(None, None, None, None, "Đã hoàn thành", "Chưa hoàn thành"),
         (1, "Rà soát dự án", "Sở Tài chính", "30/06/2025", dt.datetime(2025, 6, 1), None)],
        header=("STT", "Nội dung\nnhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng", None),
        before=[("UBND TỈNH THỬ NGHIỆM",)], merges=["E2:F2", "A2:A3", "B2:B3"],
    )
    sheet = inspect(data, "a.xlsx")
    assert sheet.header.row == 3
    assert sheet.header.columns == {"stt": 0, "text": 1, "lead": 2, "due": 3, "done_mark": 4, "open_mark": 5}
    [row] = list(read_rows(data, "a.xlsx"))
    assert (row.number, row.cells["text"], row.cells["done_mark"]) == (4, "Rà soát dự án", dt.datetime(2025, 6, 1))


def test_diacritics_free_headers_numbering_rows_and_section_rows_are_handled():
    data = workbook_bytes(
        [("(1)", "(2)", "(3)", "(4)"), ("I", "LINH VUC KINH TE", None, None),
         (1, "Ra soat", "So Tai chinh", "Quy II/2025"), (None, None, None, None)],
        header=("stt", "noi dung cong viec", "don vi chu tri", "han hoan thanh"),
    )
    rows = list(read_rows(data, "a.xlsx"))
    assert [(r.number, r.cells["text"]) for r in rows] == [(4, "Ra soat")]


def test_a_sheet_without_a_recognisable_header_is_refused():
    data = workbook_bytes([("a", "b")], header=("Họ và tên", "Địa chỉ"))
    with pytest.raises(SpreadsheetError, match="Không tìm thấy dòng tiêu đề"):
        inspect(data, "a.xlsx")


@pytest.mark.parametrize(("value", "expected", "recurring"), [
    (dt.datetime(2025, 6, 30), dt.date(2025, 6, 30), False),
    (dt.date(2025, 6, 30), dt.date(2025, 6, 30), False),
    (45838, dt.date(2025, 6, 30), False),  # an Excel serial number
    ("30/06/2025", dt.date(2025, 6, 30), False),
    ("trước ngày 5/7/2025", dt.date(2025, 7, 5), False),
    ("15-07-25", dt.date(2025, 7, 15), False),
    ("Quý II/2025", dt.date(2025, 6, 30), False),
    ("quy 4 nam 2025", dt.date(2025, 12, 31), False),
    ("Tháng 2/2024", dt.date(2024, 2, 29), False),
    ("06/2025", dt.date(2025, 6, 30), False),
    ("6 tháng đầu năm 2025", dt.date(2025, 6, 30), False),
    ("Cuối năm 2025", dt.date(2025, 12, 31), False),
    ("Thường xuyên", None, True),
    ("Hằng tháng", None, True),
    (None, None, False),
])
def test_deadlines_in_every_form_the_trackers_write(value, expected, recurring):
    due = parse_due(value)
    assert (due.on, due.recurring, due.error) == (expected, recurring, "")


@pytest.mark.parametrize(("value", "message"), [
    ("31/02/2025", "thời hạn “31/02/2025” không hợp lệ"),
    ("Tháng 13/2025", "thời hạn “Tháng 13/2025” không hợp lệ"),
    ("Theo tiến độ dự án", "không hiểu thời hạn “Theo tiến độ dự án”"),
    ("01/01/0001", "thời hạn “01/01/0001” không hợp lệ"),
    ("31/12/9999", "thời hạn “31/12/9999” không hợp lệ"),
    ("Quý IV/9999", "thời hạn “Quý IV/9999” không hợp lệ"),
    ("Quý II/0000", "thời hạn “Quý II/0000” không hợp lệ"),
])
def test_a_deadline_that_is_not_a_date_says_why(value, message):
    due = parse_due(value)
    assert due.on is None and due.error == message and due.text == value


@pytest.mark.parametrize(("name", "data", "message"), [
    ("bang.xls", b"\xd0\xcf\x11\xe0rest", "Excel 97–2003 (.xls)"),
    ("bang.csv", b"a,b\n", "là CSV"),
    ("bang.pdf", b"%PDF-1.4", "chỉ nhận bảng tính Excel (.xlsx)"),
    ("bang.xlsx", b"", "rỗng"),
    ("bang.xlsx", b"\xd0\xcf\x11\xe0encrypted", "có mật khẩu"),
    ("bang.xlsx", b"not a zip at all", "không phải bảng tính Excel (.xlsx) hợp lệ"),
    ("bang.xlsx", b"x" * (LIMIT + 1), "quá lớn"),
])
def test_wrong_empty_encrypted_or_oversized_files_are_refused_with_a_clear_message(name, data, message):
    with pytest.raises(SpreadsheetError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        check_file(data, name, max_bytes=LIMIT)


def test_a_damaged_archive_is_refused():
    data = workbook_bytes([(1, "Rà soát", "Sở Tài chính")])
    broken = data[: len(data) // 2]
    check_file(broken, "a.xlsx", max_bytes=LIMIT)  # still starts like a zip
    with pytest.raises(SpreadsheetError, match="đã bị hỏng"):
        inspect(broken, "a.xlsx")
