"""Readers: text encodings, DOCX, PDF, scans, and the one error type."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest

import docparse
from docparse.encodings import decode_tcvn3, decode_vni, encode_tcvn3, encode_vni, fix_legacy
from docparse.tests.conftest import BODY, HEADER_LEFT, HEADER_RIGHT, needs_ocr, render_page

SAMPLE = "Ủy ban nhân dân huyện Bình Sơn yêu cầu các xã, thị trấn báo cáo trước ngày 15/10."


def test_tcvn3_text_round_trips() -> None:
    lower = SAMPLE.lower()
    assert decode_tcvn3(encode_tcvn3(lower)) == lower
    assert fix_legacy(encode_tcvn3(lower)) == lower


def test_vni_text_round_trips() -> None:
    assert decode_vni(encode_vni(SAMPLE)) == SAMPLE
    assert fix_legacy(encode_vni(SAMPLE)) == SAMPLE


def test_unicode_text_is_never_converted() -> None:
    assert fix_legacy(SAMPLE) == SAMPLE
    assert fix_legacy("Café crème brûlée") == "Café crème brûlée"


def _cp1258(text: str) -> bytes:
    """Windows-1258 keeps the tone as a separate combining mark."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_text_files_in_common_encodings_read_as_nfc(codec: str) -> None:
    data = _cp1258(SAMPLE) if codec == "cp1258" else SAMPLE.encode(codec)
    text = docparse.read_file(data, "a.txt")
    assert text.strip() == SAMPLE


def test_text_files_typed_in_legacy_fonts_are_converted() -> None:
    lower = SAMPLE.lower()
    assert docparse.read_file(encode_tcvn3(lower).encode("latin-1"), "a.txt").strip() == lower
    assert docparse.read_file(encode_vni(SAMPLE).encode("latin-1"), "b.txt").strip() == SAMPLE


def test_docx_keeps_the_two_column_header_table_in_reading_order(docx_bytes: bytes) -> None:
    text = docparse.read_file(docx_bytes, "letter.docx")
    lines = [ln for ln in text.splitlines() if ln.strip()]
    for expected in HEADER_LEFT + HEADER_RIGHT + BODY[:2]:
        assert expected in lines
    assert lines.index(HEADER_LEFT[0]) < lines.index(HEADER_LEFT[1]) < lines.index(BODY[0])


def _check_letter(parsed: docparse.ParsedDocument) -> None:
    doc = parsed.document
    assert doc.number == "125/UBND-VP"
    assert doc.issued_on == dt.date(2025, 3, 17)
    assert doc.issuer == "Ủy ban nhân dân huyện Bình Sơn"
    assert doc.signer == "Nguyễn Văn An"
    assert doc.signer_title == "Phó Chủ tịch"
    dues = [t.due for t in parsed.tasks]
    assert dt.date(2025, 4, 25) in dues


def test_a_docx_letter_parses_to_its_fields_and_tasks(docx_bytes: bytes) -> None:
    _check_letter(docparse.parse_file(docx_bytes, "letter.docx"))


def test_a_pdf_with_a_text_layer_parses_like_the_docx(pdf_bytes: bytes) -> None:
    text = docparse.read_file(pdf_bytes, "letter.pdf")
    assert "\r" not in text and "\x02" not in text
    _check_letter(docparse.parse_file(pdf_bytes, "letter.pdf"))


def _scan_lines() -> list[str]:
    return [*HEADER_LEFT[:3], "Bình Sơn, ngày 17 tháng 3 năm 2025", *BODY]


@pytest.mark.ocr
@needs_ocr
def test_a_scanned_image_is_ocrd_and_keeps_number_date_and_deadline() -> None:
    image = render_page(_scan_lines())
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pages: list[tuple[int, int]] = []
    parsed = docparse.parse_file(buffer.getvalue(), "scan.png",
                                 on_page=lambda d, t: pages.append((d, t)))
    assert pages == [(1, 1)]
    assert parsed.document.number == "125/UBND-VP"
    assert parsed.document.issued_on == dt.date(2025, 3, 17)
    assert dt.date(2025, 4, 25) in [t.due for t in parsed.tasks]


@pytest.mark.ocr
@needs_ocr
def test_a_scanned_pdf_page_is_rendered_and_ocrd() -> None:
    image = render_page(_scan_lines()).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=300)
    parsed = docparse.parse_file(buffer.getvalue(), "scan.pdf")
    assert parsed.document.number == "125/UBND-VP"
    assert dt.date(2025, 4, 25) in [t.due for t in parsed.tasks]


def _encrypted_pdf() -> bytes:
    """A one-page PDF whose /Encrypt dictionary needs a password we do not have."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32
        + b"> /P -4 >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    file_id = b"<00112233445566778899aabbccddeeff>"
    out += b"trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [" + file_id + file_id
    out += b"] >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return out


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "a.txt", "rỗng"),
        (b"%PDF-1.7\n garbage", "b.pdf", "hỏng"),
        (b"not a pdf", "c.pdf", "hỏng"),
        (b"PK\x03\x04garbage", "d.docx", "hỏng"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "e.doc", ".doc"),
        (b"\x00\x01binary", "f.xyz", "không hỗ trợ"),
        (b"\x89PNG\r\n\x1a\nbroken", "g.png", "ảnh"),
    ],
)
def test_bad_files_raise_the_one_error_type_with_a_vietnamese_message(data, name, words) -> None:
    with pytest.raises(docparse.ParseError) as info:
        docparse.read_file(data, name)
    assert name in str(info.value)
    assert words in str(info.value)


def test_an_encrypted_pdf_says_so() -> None:
    with pytest.raises(docparse.ParseError) as info:
        docparse.read_file(_encrypted_pdf(), "secret.pdf")
    assert "mật khẩu" in str(info.value)


def test_a_file_over_the_size_limit_is_refused() -> None:
    with pytest.raises(docparse.ParseError) as info:
        docparse.read_file(b"x" * 2000, "big.txt", max_bytes=1000)
    assert "quá lớn" in str(info.value)
