"""Harder layouts: flattened task tables, group rows, page breaks, one-paragraph letters,
statements of fact and run-together words."""

from __future__ import annotations

import datetime as dt

import docparse
from docparse.normalize import normalize_text
from docparse.units import split_units, unglue

HEAD = """UBND TỈNH AN LẠC                        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ Y TẾ                                  Độc lập - Tự do - Hạnh phúc

Số: 12/KH-SYT                            An Lạc, ngày 14 tháng 3 năm 2025

KẾ HOẠCH
Phòng, chống dịch bệnh năm 2025

II. NHIỆM VỤ CỤ THỂ
"""
TAIL = """
Nơi nhận:
- Lưu: VT.

GIÁM ĐỐC

Lê Văn An
"""


def _tasks(body: str, head: str = HEAD) -> list[dict]:
    return docparse.to_schema(docparse.parse_text(head + body + TAIL))["tasks"]


def test_a_table_cell_wrapped_onto_following_lines_is_joined_in_its_column() -> None:
    tasks = _tasks(
        "STT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian\n"
        "1\tXây dựng kế hoạch giám sát dịch bệnh tại\tGiám đốc Trung tâm Kiểm\tPhòng Y\tQuý II/2025\n"
        "\tcộng đồng và khu công nghiệp\tsoát bệnh tật tỉnh\tPhòng Dược\t\n"
        "2\tTập huấn phác đồ điều trị\tBệnh viện Đa khoa tỉnh\t\tTháng 6/2025\n"
    )
    assert [t["text"] for t in tasks] == [
        "Xây dựng kế hoạch giám sát dịch bệnh tại cộng đồng và khu công nghiệp",
        "Tập huấn phác đồ điều trị",
    ]
    assert tasks[0]["lead"] == ["Trung tâm Kiểm soát bệnh tật tỉnh"]
    assert tasks[0]["support"] == ["Phòng Y", "Phòng Dược"]
    assert tasks[1]["support"] == []


def test_a_table_row_keeps_its_empty_cells_in_place() -> None:
    text = normalize_text("STT\tNội dung\tChủ trì\tPhối hợp\tThời gian\n"
                          "1\tRà soát hồ sơ\tSở Y tế\t\tQuý I/2025\n\tcòn tồn đọng\t\t\t\n")
    lines = text.splitlines()
    assert lines[1] == "1 | Rà soát hồ sơ | Sở Y tế |  | Quý I/2025"
    assert lines[2].startswith("| còn tồn đọng |")


def test_a_person_title_in_the_lead_column_gives_the_organisation() -> None:
    tasks = _tasks(
        "| STT | Nội dung | Đơn vị chủ trì | Thời gian hoàn thành |\n|---|---|---|---|\n"
        "| 1 | Kiểm tra các cơ sở hành nghề | Chánh Thanh tra Sở | Thường xuyên |\n"
        "| 2 | Bảo đảm thuốc, vật tư | Trưởng phòng Kế hoạch - Tài chính | Trước ngày 30/4/2025 |\n"
        "| 3 | Tập huấn điều trị | Giám đốc Bệnh viện Đa khoa tỉnh | Tháng 6/2025 |\n"
    )
    assert [t["lead"] for t in tasks] == [
        ["Thanh tra Sở"], ["Phòng Kế hoạch - Tài chính"], ["Bệnh viện Đa khoa tỉnh"]]


def test_deadline_columns_read_quarters_months_and_standing_duties() -> None:
    tasks = _tasks(
        "| STT | Nội dung | Đơn vị chủ trì | Thời gian hoàn thành |\n|---|---|---|---|\n"
        "| 1 | Giám sát dịch bệnh | Sở Y tế | Quý II/2025 |\n"
        "| 2 | Tuyên truyền phòng bệnh | Sở Y tế | Thường xuyên |\n"
        "| 3 | Tổng kết kế hoạch | Sở Y tế | Tháng 6/2025 |\n"
    )
    assert [(t["due"], t["recurring"]) for t in tasks] == [
        ("2025-06-30", False), (None, True), ("2025-06-30", False)]
    assert [t["due_text"] for t in tasks] == ["Quý II/2025", None, "Tháng 6/2025"]


def test_group_rows_spanning_the_table_lead_the_rows_under_them() -> None:
    tasks = _tasks(
        "| TT | Nội dung công việc | Đơn vị phối hợp | Thời gian hoàn thành |\n|---|---|---|---|\n"
        "| I | **Sở Tài chính** | | |\n"
        "| 1 | Rà soát kế hoạch vốn các dự án | Kho bạc Nhà nước tỉnh | Quý II/2025 |\n"
        "| 2 | Tham mưu phân bổ nguồn vốn | Các sở, ngành | Tháng 5/2025 |\n"
        "| II. UBND các xã, thị trấn | | | |\n"
        "| 1 | Tuyên truyền người dân bàn giao mặt bằng | | Thường xuyên |\n"
    )
    assert [t["lead"] for t in tasks] == [
        ["Sở Tài chính"], ["Sở Tài chính"], ["UBND các xã, thị trấn"]]


def test_a_group_heading_flattened_to_its_own_line_keeps_the_table_going() -> None:
    tasks = _tasks(
        "STT\tNội dung\tPhối hợp\tThời gian\n"
        "I. SỞ TÀI CHÍNH\n"
        "1\tRà soát kế hoạch vốn các dự án\tKho bạc Nhà nước tỉnh\tQuý II/2025\n"
        "II. UBND CÁC XÃ, THỊ TRẤN\n"
        "1\tTuyên truyền người dân bàn giao mặt bằng\tCông an xã\tThường xuyên\n"
    )
    assert [t["lead"] for t in tasks] == [["Sở Tài chính"], ["Ủy ban nhân dân các xã, thị trấn"]]


LETTER = """ỦY BAN NHÂN DÂN
TỈNH AN LẠC
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 16/UBND-KT
V/v giải ngân vốn đầu tư công

An Lạc, ngày 22 tháng 4 năm 2025

Kính gửi:
- Sở Tài chính;
- Kho bạc Nhà nước tỉnh.

Chủ tịch UBND tỉnh có ý kiến như sau:

"""
LETTER_TAIL = """
Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Phan Văn Bình
"""


def _letter_tasks(body: str) -> list[dict]:
    return docparse.to_schema(docparse.parse_text(LETTER + body + LETTER_TAIL))["tasks"]


def test_numbered_items_that_begin_with_the_unit_are_led_by_it() -> None:
    tasks = _letter_tasks(
        "1. Sở Tài chính: Chủ trì rà soát nguồn thu, báo cáo UBND tỉnh trước ngày 15/5/2025.\n\n"
        "2. Kho bạc Nhà nước tỉnh: Kiểm soát chi chặt chẽ, thanh toán kịp thời cho các dự án.\n"
    )
    assert [t["lead"] for t in tasks] == [["Sở Tài chính"], ["Kho bạc Nhà nước tỉnh"]]
    assert tasks[0]["due"] == "2025-05-15"


def test_a_page_number_in_the_middle_of_a_task_neither_splits_nor_pollutes_it() -> None:
    tasks = _letter_tasks(
        "1. Sở Tài chính: Tham mưu điều chuyển vốn từ các dự án không có khả năng giải\n\n2\n\n"
        "ngân sang các dự án có tiến độ tốt; báo cáo trong tháng 5/2025.\n\n"
        "2. Kho bạc Nhà nước tỉnh: Thanh toán kịp thời cho các dự án; phối hợp với\n\n- 3 -\n\n"
        "Sở Tài chính báo cáo tình hình giải ngân hằng tháng.\n"
    )
    assert len(tasks) == 2
    assert "giải ngân sang" in tasks[0]["text"]
    assert " 2 " not in tasks[0]["text"] and "- 3 -" not in tasks[1]["text"]
    assert tasks[0]["due"] == "2025-05-31"
    assert tasks[1]["support"] == ["Sở Tài chính"]


def test_a_statement_of_fact_is_not_a_task() -> None:
    tasks = _letter_tasks(
        "1. Sở Tài chính: Chủ trì rà soát nguồn thu trước ngày 15/5/2025.\n\n"
        "2. Tổ công tác tự giải thể sau khi hoàn thành nhiệm vụ.\n\n"
        "3. Ban Chỉ huy phòng, chống thiên tai tỉnh đã tổ chức sơ tán các hộ dân.\n"
    )
    assert [t["lead"] for t in tasks] == [["Sở Tài chính"]]


def test_one_paragraph_assigning_three_units_by_semicolons_gives_three_tasks() -> None:
    tasks = _letter_tasks(
        "Để khắc phục hậu quả bão, UBND tỉnh yêu cầu: Sở Nông nghiệp và PTNT rà soát thiệt hại, "
        "báo cáo trước ngày 20/9/2025; Sở Tài chính chủ trì, phối hợp với Kho bạc Nhà nước tỉnh "
        "vàcác địaphương tham mưu phương án hỗ trợ trong tháng 10/2025; UBND các huyện chỉ đạo "
        "vệ sinh môi trường, hoàn thành trước ngày 25/9/2025.\n"
    )
    assert [t["lead"] for t in tasks] == [
        ["Sở Nông nghiệp và PTNT"], ["Sở Tài chính"], ["UBND các huyện"]]
    assert [t["due"] for t in tasks] == ["2025-09-20", "2025-10-31", "2025-09-25"]
    assert tasks[1]["support"] == ["Kho bạc Nhà nước tỉnh", "các địa phương"]


def test_run_together_words_are_split_only_where_the_boundary_is_known() -> None:
    assert unglue("Kho bạc Nhà nước và các địaphương") == "Kho bạc Nhà nước và các địa phương"
    assert unglue("Sở Nông nghiệp vàPTNT") == "Sở Nông nghiệp và PTNT"
    assert unglue("VNPost tỉnh") == "VNPost tỉnh"  # not two known words
    assert split_units("Kho bạc Nhà nước và các địaphương, đơn vị có liên quan") == [
        "Kho bạc Nhà nước", "các địa phương, đơn vị có liên quan"]


def test_parsing_still_gives_dates_as_dates() -> None:
    parsed = docparse.parse_text(LETTER + "1. Sở Tài chính: Báo cáo trước ngày 15/5/2025.\n"
                                 + LETTER_TAIL)
    assert parsed.tasks[0].due == dt.date(2025, 5, 15)
