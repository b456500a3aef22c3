"""A stand-in for docparse in the flow tests: the screens are tested on a known proposal,
the parser on its own golden files."""

from __future__ import annotations

import pytest

from dondoc.documents import jobs
from dondoc.documents.extraction import ExtractionError

DOC_TEXT = (
    "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM\n"
    "Số: 12/TB-UBND\n"
    "THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban\n"
    "1. Giao Sở Tài chính và Sở Xây dựng rà soát các dự án chậm giải ngân, báo cáo trước ngày 30/11/2026.\n"
    "2. Yêu cầu UBND xã Hòa Bình phối hợp với Sở TN&MT hoàn thành kiểm kê đất công trong tháng 12/2026.\n"
    "3. Giao Tổng công ty Điện lực miền Bắc bảo đảm cấp điện. Đồng thời báo cáo kết quả hằng tháng.\n"
    "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Tường Duy\n"
)


def _task(text, sentence, lead, support=(), due=None, due_text=None, recurring=False):
    start = text.index(sentence)
    return {
        "text": sentence, "lead": list(lead), "support": list(support), "due": due,
        "due_text": due_text, "recurring": recurring, "start": start, "end": start + len(sentence),
    }


def fake_parse(text: str) -> dict:
    if "Giao Sở Tài chính" not in text:
        return {"text": text, "document": {"kind": "khac"}, "tasks": []}
    return {
        "text": text,
        "document": {
            "kind": "thong_bao", "number": "12/TB-UBND", "issuer": "Ủy ban nhân dân tỉnh Thử Nghiệm",
            "place": "Thử Nghiệm", "issued_on": "2026-11-02",
            "subject": "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban",
            "signer": "Nguyễn Tường Duy", "signer_title": "Phó Chủ tịch", "recipients": [],
            "references": [{"number": "29-CTr/HU", "date": "2023-07-28"}],
        },
        "tasks": [
            _task(text, "Giao Sở Tài chính và Sở Xây dựng rà soát các dự án chậm giải ngân, báo cáo trước ngày 30/11/2026.",
                  ["Sở Tài chính", "Sở Xây dựng"], due="2026-11-30", due_text="trước ngày 30/11/2026"),
            _task(text, "Yêu cầu UBND xã Hòa Bình phối hợp với Sở TN&MT hoàn thành kiểm kê đất công trong tháng 12/2026.",
                  ["UBND xã Hòa Bình"], ["Sở Xây dựng"], due="2026-12-31", due_text="trong tháng 12/2026"),
            _task(text, "Giao Tổng công ty Điện lực miền Bắc bảo đảm cấp điện. Đồng thời báo cáo kết quả hằng tháng.",
                  ["Tổng công ty Điện lực miền Bắc"], due_text="hằng tháng", recurring=True),
        ],
    }


def fake_read(data: bytes, filename: str, *, on_page=None) -> str:
    if data.startswith(b"%PDF") and b"%%EOF" not in data:
        raise ExtractionError(f'Tệp "{filename}": tệp PDF bị hỏng, không đọc được.')
    if on_page is not None:
        on_page(1, 2)
        on_page(2, 2)
    return data.decode("utf-8")


@pytest.fixture
def fake_docparse(monkeypatch):
    monkeypatch.setattr(jobs, "parse", fake_parse)
    monkeypatch.setattr(jobs, "read_upload", fake_read)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
