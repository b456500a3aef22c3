"""Property tests: arbitrary input never raises anything but ParseError."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import docparse

VIETNAMESE_BITS = st.sampled_from([
    "Giao ", "Yêu cầu ", "Sở Tài chính ", "UBND các xã, thị trấn ", "trước ngày ", "15/10/2025",
    "quý IV/", "2025", "; ", ". ", "\n", "1. ", "a) ", "- ", "Kính gửi:", "Số: ", "/UBND-VP",
    "ngày ", " tháng ", " năm ", "Nơi nhận:", "KT. CHỦ TỊCH", "Nguyễn Văn A", ":", "(", ")",
    "trong 05 ngày làm việc kể từ ngày ký", "hằng tháng", "các huyện: ", " và ", ", ",
])


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes_the_parser(text: str) -> None:
    parsed = docparse.parse_text(text)
    docparse.to_schema(parsed)
    for task in parsed.tasks:
        assert 0 <= task.start <= task.end <= len(parsed.text)


@settings(max_examples=150, deadline=None)
@given(st.lists(VIETNAMESE_BITS, max_size=60).map("".join))
def test_document_like_text_never_crashes_the_parser(text: str) -> None:
    docparse.to_schema(docparse.parse_text(text))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["a.txt", "b.pdf", "c.docx", "d.png", "e", "f.md"]))
def test_arbitrary_bytes_raise_only_parse_error(data: bytes, name: str) -> None:
    try:
        text = docparse.read_file(data, name)
    except docparse.ParseError:
        return
    docparse.parse_text(text)
