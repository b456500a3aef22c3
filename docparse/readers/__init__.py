"""Readers: bytes of one uploaded file -> plain text (before normalisation)."""

from __future__ import annotations

import os
from collections.abc import Callable

from docparse.errors import ParseError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
OnPage = Callable[[int, int], None]

_IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}
_TEXT_EXTENSIONS = {".txt", ".md", ".text", ".markdown"}


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        return ".docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return ".doc"
    if data.startswith(b"\x89PNG"):
        return ".png"
    if data.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return ".tif"
    return None


def read_file(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_page: OnPage | None = None,
) -> str:
    """Extract the text of one file (.txt/.md, .docx, .pdf, or a scanned image).

    Scanned PDF pages and images are OCR'd with Tesseract (``vie``);
    ``on_page(done, total)`` is called after each page so a caller can show
    progress. Any failure raises :class:`ParseError` with a Vietnamese message.
    """
    name = os.path.basename(filename or "") or "tệp tải lên"
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ParseError("dữ liệu đưa vào không phải là nội dung tệp.", filename=name)
    data = bytes(data)
    if not data:
        raise ParseError("tệp rỗng, không có nội dung.", filename=name)
    if len(data) > max_bytes:
        raise ParseError(
            f"tệp quá lớn ({len(data) / 1048576:.1f} MB); giới hạn là "
            f"{max_bytes / 1048576:.1f} MB.",
            filename=name,
        )
    ext = os.path.splitext(name)[1].lower()
    sniffed = _sniff(data)
    if sniffed == ".doc" or ext == ".doc":
        raise ParseError(
            "đây là tệp Word cũ (.doc) hoặc tệp đã đặt mật khẩu; hãy lưu lại dưới "
            "dạng .docx (không mật khẩu) hoặc .pdf rồi tải lên lại.",
            filename=name,
        )
    if ext == ".pdf" and sniffed != ".pdf":
        raise ParseError("tệp PDF bị hỏng (không có phần đầu %PDF).", filename=name)
    if ext == ".docx" and sniffed != ".docx":
        raise ParseError("tệp .docx bị hỏng (không phải tệp Word hợp lệ).", filename=name)
    if sniffed is not None:
        kind = sniffed
    elif ext in _TEXT_EXTENSIONS or ext in _IMAGE_EXTENSIONS:
        kind = ext
    elif ext == "" and b"\x00" not in data[:4096]:
        kind = ".txt"
    else:
        raise ParseError(
            f"không hỗ trợ loại tệp {ext or '(không có phần mở rộng)'}; chỉ nhận .txt, .md, "
            ".docx, .pdf và ảnh (.png, .jpg, .tif).",
            filename=name,
        )
    try:
        if kind in _TEXT_EXTENSIONS:
            from docparse.readers.text import read_text

            return read_text(data, name)
        if kind == ".docx":
            from docparse.readers.docx import read_docx

            return read_docx(data, name)
        if kind == ".pdf":
            from docparse.readers.pdf import read_pdf

            return read_pdf(data, name, on_page=on_page)
        from docparse.readers.ocr import read_image

        return read_image(data, name, on_page=on_page)
    except ParseError:
        raise
    except MemoryError:
        raise ParseError("tệp quá lớn để xử lý.", filename=name) from None
    except Exception as exc:  # a reader library failed in a way we did not foresee
        raise ParseError(
            f"không đọc được nội dung tệp ({type(exc).__name__}); tệp có thể bị hỏng.",
            filename=name,
        ) from exc
