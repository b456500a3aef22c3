"""Document fields across header layouts."""

from __future__ import annotations

import datetime as dt

import pytest

import docparse

STACKED = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG BÌNH
-------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 716/UBND
V/v kiểm tra thanh lý rừng trồng

Đồng Hới, ngày 21 tháng 04 năm 2006

Kính gửi: Sở Nông nghiệp và PTNT.

1. Giao Sở Nông nghiệp và PTNT chủ trì kiểm tra, báo cáo UBND tỉnh trước 10/5/2006.

Nơi nhận:
- Như trên;
- Lưu VT.

TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Nguyễn Thanh Xuân
"""

SIDE_BY_SIDE = """UBND TỈNH PHÚ THỌ                          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    VĂN PHÒNG                                    Độc lập - Tự do - Hạnh phúc

Số: 412/TB-VPUBND                           Phú Thọ, ngày 18 tháng 9 năm 2025

                                  THÔNG BÁO
     Kết luận của Chủ tịch UBND tỉnh tại cuộc họp
 về giải ngân vốn đầu tư công

Giao Sở Tài chính tham mưu UBND tỉnh trước ngày 30/9/2025.

Nơi nhận:                                        KT. CHÁNH VĂN PHÒNG
- Như trên;                                       PHÓ CHÁNH VĂN PHÒNG
- Lưu: VT.                                         (đã ký)

                                                     Đỗ Thị Thu Hà
"""

GLUED = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN CHÂU THÀNH Độc lập - Tự do - Hạnh phúc

Số: 184/UBND Châu Thành, ngày 12 tháng 2 năm 2018

V/v thực hiện ý kiến chỉ đạo

Kính gửi: Trung tâm Phát triển Quỹ đất tỉnh

Đề nghị Trung tâm Phát triển Quỹ đất tỉnh rà soát lại phương án bồi thường.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Phiên
"""


def test_a_stacked_header_gives_every_field() -> None:
    doc = docparse.parse_text(STACKED).document
    assert doc.kind == "cong_van"
    assert doc.number == "716/UBND"
    assert doc.issuer == "Ủy ban nhân dân tỉnh Quảng Bình"
    assert doc.place == "Đồng Hới"
    assert doc.issued_on == dt.date(2006, 4, 21)
    assert doc.subject == "kiểm tra thanh lý rừng trồng"
    assert doc.signer == "Nguyễn Thanh Xuân"
    assert doc.signer_title == "Chánh Văn phòng"
    assert doc.recipients == ("Sở Nông nghiệp và PTNT",)


def test_columns_typed_side_by_side_are_read_as_separate_lines() -> None:
    doc = docparse.parse_text(SIDE_BY_SIDE).document
    assert doc.kind == "thong_bao"
    assert doc.number == "412/TB-VPUBND"
    assert doc.issuer.casefold() == "văn phòng ủy ban nhân dân tỉnh phú thọ"
    assert doc.place == "Phú Thọ"
    assert doc.subject.startswith("Kết luận của Chủ tịch UBND tỉnh")
    assert doc.signer == "Đỗ Thị Thu Hà"
    assert doc.signer_title == "Phó Chánh Văn phòng"


def test_header_columns_glued_with_one_space_are_still_split() -> None:
    doc = docparse.parse_text(GLUED).document
    assert doc.number == "184/UBND"
    assert doc.place == "Châu Thành"
    assert doc.issuer == "Ủy ban nhân dân huyện Châu Thành"
    assert doc.issued_on == dt.date(2018, 2, 12)
    assert doc.signer_title == "Phó Chủ tịch"


def test_a_draft_keeps_its_blank_number_and_has_no_issue_date() -> None:
    text = "ỦY BAN NHÂN DÂN\nXÃ ĐÔNG ANH\n\nSố:       /UBND-VP\n\nĐông Anh, ngày      tháng 11 năm 2025\n"
    doc = docparse.parse_text(text).document
    assert doc.number == "/UBND-VP"
    assert doc.issued_on is None
    assert doc.place == "Đông Anh"


def test_numbers_lose_their_spaces() -> None:
    text = "SỞ GIÁO DỤC VÀ ĐÀO TẠO\n\nSố: 2865/GDĐT –KT&KĐCL\nVề: góp ý dự thảo.\n"
    assert docparse.parse_text(text).document.number == "2865/GDĐT–KT&KĐCL"


def test_cited_documents_are_listed_once_with_their_dates() -> None:
    text = ("Thực hiện Công văn số 974/UBND-TTHC ngày 28/02/2024 và Nghị quyết số 57-NQ/TW "
            "ngày 22 tháng 12 năm 2024; Công văn 974/UBND-TTHC nêu trên.")
    refs = docparse.parse_text(text).document.references
    assert [(r.number, r.date) for r in refs] == [
        ("974/UBND-TTHC", dt.date(2024, 2, 28)),
        ("57-NQ/TW", dt.date(2024, 12, 22)),
    ]


def test_a_news_article_is_a_tin_bai_signed_by_its_byline() -> None:
    text = ("Kiểm tra việc thực hiện nhiệm vụ tại Yên Thế\n\nChiều ngày 23/6/2017, đoàn công tác "
            "đã về kiểm tra tình hình thực hiện nhiệm vụ.\n\nQuang Huy\n")
    doc = docparse.parse_text(text).document
    assert doc.kind == "tin_bai"
    assert doc.subject == "Kiểm tra việc thực hiện nhiệm vụ tại Yên Thế"
    assert doc.signer == "Quang Huy"


def _letter(kinh_gui: str) -> str:
    return f"""ỦY BAN NHÂN DÂN
HUYỆN AN LẠC
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 88/UBND-VP
V/v báo cáo tiến độ

An Lạc, ngày 10 tháng 3 năm 2025

{kinh_gui}

Đề nghị các đơn vị báo cáo tiến độ trước ngày 20/3/2025.

Nơi nhận:
- Như trên;
- Lưu: VT.

CHỦ TỊCH

Lê Văn An
"""


def test_a_one_line_kinh_gui_listing_distinct_units_gives_one_entry_each() -> None:
    doc = docparse.parse_text(
        _letter("Kính gửi: Sở Tài chính, Sở Xây dựng và UBND các xã, thị trấn.")).document
    assert doc.recipients == ("Sở Tài chính", "Sở Xây dựng", "UBND các xã, thị trấn")


def test_one_line_recipients_split_on_semicolons_and_keep_titles_as_written() -> None:
    doc = docparse.parse_text(
        _letter("Kính gửi: Giám đốc Sở Y tế; Chủ tịch UBND các xã, thị trấn.")).document
    assert doc.recipients == ("Giám đốc Sở Y tế", "Chủ tịch UBND các xã, thị trấn")


@pytest.mark.parametrize(
    "entry",
    [
        "Các sở, ban, ngành",
        "UBND các xã, thị trấn",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
        "Sở Nông nghiệp và PTNT",
        "Ban Quản lý Cụm công nghiệp và Đô thị",
        "Văn phòng HĐND và UBND huyện",
    ],
)
def test_a_collective_phrase_or_a_name_with_va_stays_one_recipient(entry: str) -> None:
    doc = docparse.parse_text(_letter(f"Kính gửi: {entry}.")).document
    assert doc.recipients == (entry,)


def test_a_dashed_list_item_is_one_recipient_even_with_commas() -> None:
    doc = docparse.parse_text(_letter(
        "Kính gửi:\n- Phòng Tài chính - Kế hoạch, Phòng Kinh tế và Hạ tầng;\n- UBND các xã.")
    ).document
    assert doc.recipients == ("Phòng Tài chính - Kế hoạch, Phòng Kinh tế và Hạ tầng",
                              "UBND các xã")
