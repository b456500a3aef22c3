"""Unit phrases and task segmentation."""

from __future__ import annotations

import datetime as dt

import docparse
from docparse.units import split_units


def test_titles_are_stripped_from_units() -> None:
    assert split_units("Chủ tịch UBND các xã, thị trấn") == ["UBND các xã, thị trấn"]
    assert split_units("Giám đốc Sở Xây dựng") == ["Sở Xây dựng"]
    assert split_units("Thủ trưởng các cơ quan, đơn vị") == ["các cơ quan, đơn vị"]
    assert split_units("Trưởng phòng Kinh tế") == ["Phòng Kinh tế"]


def test_a_list_of_distinct_units_is_split_but_a_collective_stays_whole() -> None:
    assert split_units("phòng Kinh tế và Hạ tầng, phòng Tài nguyên và Môi trường") == [
        "phòng Kinh tế và Hạ tầng", "phòng Tài nguyên và Môi trường"]
    assert split_units("Các sở, ban, ngành") == ["Các sở, ban, ngành"]
    assert split_units("Sở Văn hóa, Thể thao và Du lịch") == ["Sở Văn hóa, Thể thao và Du lịch"]


def test_a_colon_list_of_districts_is_written_out_in_full() -> None:
    assert split_units("các huyện: Sơn Tịnh, Tư Nghĩa và thị xã Đức Phổ") == [
        "UBND huyện Sơn Tịnh", "UBND huyện Tư Nghĩa", "UBND thị xã Đức Phổ"]


LETTER = """ỦY BAN NHÂN DÂN
HUYỆN BÌNH SƠN

Số: 12/UBND-VP

Bình Sơn, ngày 03 tháng 3 năm 2025

Kính gửi: Phòng Nội vụ huyện.

Qua theo dõi, việc cập nhật hồ sơ còn chậm. Chủ tịch UBND huyện yêu cầu:

1. Rà soát toàn bộ hồ sơ tồn đọng, báo cáo trước ngày 20/3/2025.

2. Giao Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Phòng Nội vụ bố trí kinh phí; \
UBND các xã, thị trấn thường xuyên cập nhật dữ liệu trước ngày 25 hằng tháng.

Yêu cầu Thủ trưởng các cơ quan, đơn vị triển khai thực hiện./.

Nơi nhận:
- Như trên;
CHỦ TỊCH
Nguyễn Văn An
"""


def test_a_numbered_item_without_addressee_is_led_by_the_kinh_gui_units() -> None:
    tasks = docparse.parse_text(LETTER).tasks
    assert tasks[0].lead == ("Phòng Nội vụ huyện",)
    assert tasks[0].due == dt.date(2025, 3, 20)


def test_a_unit_after_a_semicolon_starts_a_new_task_and_support_is_kept() -> None:
    tasks = docparse.parse_text(LETTER).tasks
    assert [t.lead for t in tasks] == [
        ("Phòng Nội vụ huyện",), ("Phòng Tài chính - Kế hoạch",), ("UBND các xã, thị trấn",)]
    assert tasks[1].support == ("Phòng Nội vụ",)
    assert tasks[2].recurring and tasks[2].due is None
    assert tasks[2].due_text == "trước ngày 25 hằng tháng"


def test_background_and_the_closing_formula_are_not_tasks() -> None:
    texts = [t.text for t in docparse.parse_text(LETTER).tasks]
    assert not any(t.startswith(("Qua theo dõi", "Yêu cầu Thủ trưởng")) for t in texts)


def test_tasks_are_frozen_and_keep_offsets() -> None:
    parsed = docparse.parse_text(LETTER)
    task = parsed.tasks[1]
    assert parsed.text[task.start:task.end].startswith("Giao Phòng Tài chính")
    try:
        task.text = "x"  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("Task must be frozen")


def test_to_schema_gives_exactly_the_schema_keys() -> None:
    obj = docparse.to_schema(docparse.parse_text(LETTER))
    assert set(obj) == {"document", "tasks"}
    assert set(obj["document"]) == {"kind", "number", "issuer", "place", "issued_on", "subject",
                                    "signer", "signer_title", "recipients", "references"}
    assert set(obj["tasks"][0]) == {"text", "lead", "support", "due", "due_text", "recurring"}
    assert obj["document"]["issued_on"] == "2025-03-03"
