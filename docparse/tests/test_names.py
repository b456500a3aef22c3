"""Organisation names written out in Vietnamese capitalisation (NĐ 30/2020, Phụ lục II)."""

from __future__ import annotations

import pytest

import docparse
from docparse.names import org_case


@pytest.mark.parametrize(
    ("printed", "written"),
    [
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
        ("BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "Bộ Nông nghiệp và Phát triển nông thôn"),
        ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
        ("PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG THỊ XÃ ĐÔNG TRIỀU",
         "Phòng Tài nguyên và Môi trường thị xã Đông Triều"),
        ("TRUNG TÂM VĂN HÓA QUẬN 9", "Trung tâm Văn hóa quận 9"),
        ("ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH", "Ủy ban nhân dân tỉnh Quảng Bình"),
        ("VĂN PHÒNG UBND TỈNH BẮC NINH", "Văn phòng Ủy ban nhân dân tỉnh Bắc Ninh"),
        ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"),
        ("BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP", "Ban Quản lý các khu công nghiệp"),
        ("CÔNG AN TỈNH THÁI BÌNH", "Công an tỉnh Thái Bình"),
    ],
)
def test_a_printed_organisation_name_is_written_with_type_and_field_capitalised(
    printed: str, written: str
) -> None:
    assert org_case(printed) == written


@pytest.mark.parametrize(
    ("printed", "written"),
    [
        # "xã hội" and "quân sự" are words of a field, not a commune or a district.
        ("PHÒNG VĂN HÓA - XÃ HỘI", "Phòng Văn hóa - Xã hội"),
        ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
        ("BAN CHỈ HUY QUÂN SỰ XÃ", "Ban Chỉ huy Quân sự xã"),
        # A place name that ends in a type word ("Phòng") stays a place name.
        ("SỞ Y TẾ THÀNH PHỐ HẢI PHÒNG", "Sở Y tế thành phố Hải Phòng"),
        ("UBND PHƯỜNG LÂM VIÊN - ĐÀ LẠT", "Ủy ban nhân dân phường Lâm Viên - Đà Lạt"),
        # Abbreviations without a vowel keep their capitals.
        ("SỞ NÔNG NGHIỆP VÀ PTNT", "Sở Nông nghiệp và PTNT"),
        ("SỞ CÔNG THƯƠNG", "Sở Công Thương"),
        ("VĂN PHÒNG HĐND VÀ UBND XÃ", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"),
        ("KHO BẠC NHÀ NƯỚC HUYỆN AN LẠC", "Kho bạc Nhà nước huyện An Lạc"),
        ("HUYỆN ỦY AN LẠC", "Huyện ủy An Lạc"),
        # A long function is one group: the words after "và" stay in lower case.
        ("BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG VÀ PHÁT TRIỂN QUỸ ĐẤT HUYỆN",
         "Ban Quản lý dự án đầu tư xây dựng và phát triển quỹ đất huyện"),
    ],
)
def test_field_words_places_and_abbreviations_are_told_apart(printed: str, written: str) -> None:
    assert org_case(printed) == written


def test_a_name_already_in_mixed_case_is_kept_as_written() -> None:
    assert org_case("Sở Tài chính") == "Sở Tài chính"
    assert org_case("UBND huyện An Lạc") == "Ủy ban nhân dân huyện An Lạc"


HEADER = """UBND THÀNH PHỐ HẢI PHÒNG
SỞ GIÁO DỤC VÀ ĐÀO TẠO
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 15/SGDĐT-VP
V/v báo cáo số liệu

Hải Phòng, ngày 10 tháng 3 năm 2024

Kính gửi: Phòng Giáo dục và Đào tạo các quận, huyện.

Đề nghị các đơn vị báo cáo số liệu trước ngày 20/3/2024.

Nơi nhận:
- Như trên;
- Lưu: VT.

GIÁM ĐỐC

Trần Văn Bình
"""


def test_the_issuer_is_written_in_vietnamese_capitalisation() -> None:
    doc = docparse.parse_text(HEADER).document
    assert doc.issuer == "Sở Giáo dục và Đào tạo thành phố Hải Phòng"
