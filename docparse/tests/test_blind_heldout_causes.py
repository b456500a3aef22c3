"""The general causes found by the blind held-out set (tests/heldout/k*): deadline forms,
split and honorific leads, attached regulations, space-aligned tables, text-layer quirks."""

from __future__ import annotations

import datetime as dt

import pytest

import docparse
from docparse.calendar import FallbackCalendar
from docparse.deadlines import find_deadline
from docparse.normalize import normalize_text
from docparse.units import split_units

CAL = FallbackCalendar()


def due(text: str, issued: dt.date) -> dt.date | None:
    found = find_deadline(text, issued_on=issued, issue_year=issued.year, calendar=CAL)
    return found.due if found else None


@pytest.mark.parametrize(
    ("text", "issued", "expected"),
    [
        ("báo cáo trước 16 giờ 00 ngày 20/3/2025.", dt.date(2025, 3, 18), dt.date(2025, 3, 20)),
        ("gửi về trước 15h30, ngày 24/6/2025.", dt.date(2025, 6, 23), dt.date(2025, 6, 24)),
        ("gửi hồ sơ trước 17 giờ 00 ngày 13/2;", dt.date(2026, 1, 15), dt.date(2026, 2, 13)),
        ("báo cáo kết quả ngay trong ngày.", dt.date(2025, 7, 21), dt.date(2025, 7, 21)),
        ("hoàn thành trong tuần.", dt.date(2025, 8, 13), dt.date(2025, 8, 17)),
        ("hoàn thành trong tuần tới.", dt.date(2025, 8, 13), dt.date(2025, 8, 24)),
        ("hoàn thành trước Tết Nguyên đán Bính Ngọ.", dt.date(2026, 1, 10), dt.date(2026, 2, 17)),
        ("bố trí kinh phí trước Tết Nguyên đán.", dt.date(2025, 11, 25), dt.date(2026, 2, 17)),
        ("báo cáo Chủ tịch UBND phường trong tháng 4.", dt.date(2026, 3, 2), dt.date(2026, 4, 30)),
        ("báo cáo trước ngày 5/1.", dt.date(2025, 12, 28), dt.date(2026, 1, 5)),
        ("báo cáo Sở Y tế trưóc ngày 10/6/2025.", dt.date(2025, 6, 3), dt.date(2025, 6, 10)),
    ],
)
def test_deadline_forms_of_real_letters(text: str, issued: dt.date, expected: dt.date) -> None:
    assert due(text, issued) == expected


def test_time_words_that_are_not_deadlines_stay_out() -> None:
    assert due("bảo đảm an ninh trước, trong và sau Tết.", dt.date(2026, 1, 10)) is None
    assert due("trong thời hạn 01 ngày làm việc kể từ ngày tiếp nhận.", dt.date(2025, 8, 12)) is None


def test_a_colon_list_after_a_capitalised_level_is_written_out() -> None:
    assert split_units("Giám đốc các Sở: Tài chính, Xây dựng, Nông nghiệp và Môi trường") == [
        "Sở Tài chính", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường"]


def test_an_aside_in_brackets_is_not_part_of_the_unit() -> None:
    assert split_units("Sở Nông nghiệp và Môi trường (cơ quan thường trực Ban Chỉ huy)") == [
        "Sở Nông nghiệp và Môi trường"]


def test_commander_and_board_names_are_units() -> None:
    assert split_units("Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh") == ["Bộ Chỉ huy Quân sự tỉnh"]
    assert split_units("Ban điều hành các khu phố") == ["Ban điều hành các khu phố"]


LETTER = """BỘ TÀI CHÍNH                       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                        Độc lập - Tự do - Hạnh phúc
Số: 41/BTC-QLCS                          Hà Nội, ngày 08 tháng 4 năm 2025
V/v lấy ý kiến dự thảo

Kính gửi:
- Các Bộ, cơ quan ngang Bộ;
- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.

{body}

Nơi nhận:
- Lưu: VT.

KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Phạm Quang Đức
"""


def _tasks(body: str) -> list[dict]:
    return docparse.to_schema(docparse.parse_text(LETTER.format(body=body)))["tasks"]


def test_quy_co_quan_is_the_addressees() -> None:
    tasks = _tasks("Để hoàn thiện dự thảo, Bộ Tài chính đề nghị Quý Cơ quan tham gia ý kiến, "
                   "gửi về Bộ Tài chính trước ngày 25/4/2025.")
    assert tasks[0]["lead"] == ["Các Bộ, cơ quan ngang Bộ",
                                "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]


def test_a_request_after_the_grounds_of_a_letter_is_a_task() -> None:
    tasks = _tasks("Căn cứ Quyết định số 10/QĐ-BTC ngày 02/01/2025 của Bộ Tài chính, để chuẩn bị "
                   "tổng kết, Bộ Tài chính đề nghị Ủy ban nhân dân các tỉnh rà soát, gửi báo cáo "
                   "trong thời hạn 07 ngày kể từ ngày nhận được văn bản này.")
    assert tasks[0]["lead"] == ["Ủy ban nhân dân các tỉnh"]
    assert tasks[0]["due"] == "2025-04-15"


def test_a_past_request_told_in_the_grounds_is_not_a_task() -> None:
    tasks = _tasks("Thực hiện Công văn số 5/BTC ngày 02/01/2025, Bộ Tài chính đã đề nghị Ủy ban "
                   "nhân dân các tỉnh rà soát, gửi báo cáo trước ngày 15/3/2025.")
    assert tasks == []


def test_a_report_sentence_after_numbered_items_dates_every_item() -> None:
    tasks = _tasks("Bộ Tài chính đề nghị Quý Cơ quan thực hiện một số nội dung sau:\n\n"
                   "1. Thống kê tài sản công dôi dư sau sắp xếp.\n\n"
                   "2. Đề xuất phương án xử lý.\n\n"
                   "Báo cáo gửi về Bộ Tài chính trước ngày 28/4/2025.")
    assert [t["due"] for t in tasks] == ["2025-04-28", "2025-04-28"]


def test_a_numbered_item_with_an_unknown_subject_is_not_glued_to_the_item_above() -> None:
    tasks = _tasks("1. Giao Sở Tài chính chủ trì rà soát.\n\n"
                   "2. Tổ chức tín dụng trên địa bàn giải ngân vốn trong quý II/2025.")
    assert len(tasks) == 2
    assert tasks[0]["due"] is None


DECISION = """ỦY BAN NHÂN DÂN
PHƯỜNG AN LẠC
-------
Số: 45/QĐ-UBND
An Lạc, ngày 12 tháng 8 năm 2025

QUYẾT ĐỊNH
Ban hành Quy chế phối hợp

Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:
- Lưu: VT.

CHỦ TỊCH

Đặng Quốc Khánh

ỦY BAN NHÂN DÂN
PHƯỜNG AN LẠC
-------

QUY CHẾ
Phối hợp tiếp nhận phản ánh
(Ban hành kèm theo Quyết định số 45/QĐ-UBND ngày 12/8/2025 của Chủ tịch UBND phường)

Chương I
QUY ĐỊNH CHUNG

Điều 3. Trách nhiệm của Văn phòng HĐND và UBND phường

1. Định kỳ hằng tháng tổng hợp, báo cáo Chủ tịch UBND phường.

Điều 4. Trách nhiệm của Tổ trưởng các tổ dân phố

Thường xuyên nắm bắt tâm tư, nguyện vọng của Nhân dân.
"""


def test_duties_in_a_regulation_attached_after_the_signature_are_tasks() -> None:
    parsed = docparse.to_schema(docparse.parse_text(DECISION))
    assert parsed["document"]["signer"] == "Đặng Quốc Khánh"
    assert parsed["document"]["signer_title"] == "Chủ tịch"
    assert [t["lead"] for t in parsed["tasks"]] == [["Văn phòng HĐND và UBND phường"],
                                                    ["các tổ dân phố"]]
    assert all(t["recurring"] for t in parsed["tasks"])


def test_a_space_aligned_table_with_wrapped_cells_is_read_by_column() -> None:
    text = normalize_text(
        "STT   Nội dung nhiệm vụ          Cơ quan chủ trì       Thời hạn\n"
        "1     Tham mưu ban hành quy      Sở Nông nghiệp và     15/5/2025\n"
        "      định hạn mức giao đất      Môi trường\n"
    )
    assert text.splitlines() == [
        "STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời hạn",
        "1 | Tham mưu ban hành quy | Sở Nông nghiệp và | 15/5/2025",
        "| định hạn mức giao đất | Môi trường |",
    ]


def test_text_layer_quirks_are_undone() -> None:
    text = normalize_text("   T H Ô N G   B Á O\nTrung tâm kỹ thu-\nật thành phố; kinh tế-\n"
                          "xã hội; Kế hoạch số 125/KH-\nUBND ngày O3 tháng 6 năm 2025\n")
    assert text.splitlines() == ["THÔNG BÁO", "Trung tâm kỹ thuật", "thành phố; kinh tế-",
                                 "xã hội; Kế hoạch số 125/KH-UBND ngày 03 tháng 6 năm 2025"]


@pytest.mark.parametrize(
    ("header", "issuer"),
    [
        ("BỘ KẾ HOẠCH VÀ ĐẦU TƯ\nTỔNG CỤC THỐNG KÊ", "Tổng cục Thống kê"),
        ("BỘ NỘI VỤ\nCỤC VĂN THƯ VÀ LƯU TRỮ\nNHÀ NƯỚC", "Cục Văn thư và Lưu trữ nhà nước"),
        ("TỔNG CỤC THUẾ\nCỤC THUẾ TỈNH AN LẠC", "Cục Thuế tỉnh An Lạc"),
    ],
)
def test_issuers_under_a_ministry_and_wrapped_names(header: str, issuer: str) -> None:
    text = f"{header}\n-------\nSố: 1/ABC-XY\nV/v rà soát\nHà Nội, ngày 12 tháng 9 năm 2024\n"
    found = docparse.parse_text(text).document.issuer
    assert found is not None and found.casefold() == issuer.casefold()


def test_an_ocr_date_line_and_an_e_de_name_are_read() -> None:
    text = ("ỦY BAN NHÂN DÂN\nTỈNH ĐIỆN BIÊN\nSố: 4560/UBND-KGVX\n"
            "Điện Biên, ngay 14 thang 11 năm 2025\nV/v an toàn thực phẩm\n\nNội dung.\n\n"
            "Nơi nhận:\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nH' Linh Niê\n")
    doc = docparse.parse_text(text).document
    assert doc.place == "Điện Biên"
    assert doc.issued_on == dt.date(2025, 11, 14)
    assert doc.signer == "H' Linh Niê"


def test_a_titled_unit_at_the_end_of_a_colon_list_is_its_own_entry() -> None:
    assert split_units("Chủ tịch UBND các xã: Tân An, Tân Lập và Chủ tịch UBND phường Bình Minh") == [
        "UBND xã Tân An", "UBND xã Tân Lập", "UBND phường Bình Minh"]
    assert split_units("các phường: Hội An, Cẩm Phô") == ["UBND phường Hội An", "UBND phường Cẩm Phô"]


def test_a_dash_item_naming_more_units_is_a_new_task() -> None:
    tasks = _tasks("Ý kiến như sau:\n\n"
                   "- Sở Xây dựng: chủ trì rà soát, báo cáo trước ngày 15/5/2025.\n"
                   "- Sở Tài chính, Sở Xây dựng theo chức năng, nhiệm vụ thẩm định dự toán, "
                   "trình UBND tỉnh trong tháng 5/2025.\n")
    assert [t["lead"] for t in tasks] == [["Sở Xây dựng"], ["Sở Tài chính", "Sở Xây dựng"]]
