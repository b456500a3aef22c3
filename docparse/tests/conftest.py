"""Shared fixtures: documents generated on the fly (DOCX, PDF, scanned image)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "HUYỆN BÌNH SƠN", "Số: 125/UBND-VP", "V/v đôn đốc báo cáo"]
HEADER_RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Bình Sơn, ngày 17 tháng 3 năm 2025",
]
BODY = [
    "Kính gửi: Phòng Tài chính - Kế hoạch huyện.",
    "Chủ tịch UBND huyện có ý kiến như sau:",
    "1. Giao Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Phòng Nội vụ rà soát "
    "kinh phí, báo cáo UBND huyện trước ngày 25/4/2025.",
    "2. Yêu cầu Chủ tịch UBND các xã, thị trấn thường xuyên kiểm tra, báo cáo kết quả "
    "trước ngày 20 hằng tháng.",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT.",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn An",
]
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]


def make_docx() -> bytes:
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (HEADER_LEFT, HEADER_RIGHT), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for line in BODY:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def docx_bytes() -> bytes:
    return make_docx()


@pytest.fixture(scope="session")
def pdf_bytes(tmp_path_factory: pytest.TempPathFactory, docx_bytes: bytes) -> bytes:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("pdf")
    source = folder / "letter.docx"
    source.write_bytes(docx_bytes)
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile",
         "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return (folder / "letter.pdf").read_bytes()


def font_path() -> str | None:
    return next((p for p in FONT_CANDIDATES if Path(p).exists()), None)


def render_page(lines: list[str], *, size: int = 40):
    """Draw lines of text on a white A4-ish page at about 300 dpi."""
    from PIL import Image, ImageDraw, ImageFont

    path = font_path()
    if path is None:
        pytest.skip("no Vietnamese-capable TrueType font installed")
    font = ImageFont.truetype(path, size)
    image = Image.new("L", (2480, 120 + len(lines) * int(size * 1.6)), 255)
    draw = ImageDraw.Draw(image)
    y = 80
    for line in lines:
        draw.text((120, y), line, font=font, fill=0)
        y += int(size * 1.6)
    return image


def tesseract_ready() -> bool:
    if shutil.which("tesseract") is None:
        return False
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    return "vie" in (out.stdout + out.stderr).split()


needs_ocr = pytest.mark.skipif(not tesseract_ready(), reason="Tesseract with 'vie' missing")
