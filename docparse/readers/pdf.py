"""PDF reader: the text layer through PDFium, OCR for pages without one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docparse.encodings import fix_legacy
from docparse.errors import ParseError
from docparse.normalize import clean_chars

if TYPE_CHECKING:
    from docparse.readers import OnPage

# A page with fewer visible characters than this is treated as a scan.
MIN_TEXT_CHARS = 20
OCR_SCALE = 300 / 72


def read_pdf(data: bytes, filename: str, *, on_page: OnPage | None = None) -> str:
    """Read a PDF; pages without a usable text layer are rendered and OCR'd."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise ParseError(
                "tệp PDF đã đặt mật khẩu; hãy gỡ mật khẩu rồi tải lên lại.", filename=filename
            ) from None
        raise ParseError("tệp PDF bị hỏng, không mở được.", filename=filename) from None
    try:
        total = len(pdf)
        if total == 0:
            raise ParseError("tệp PDF không có trang nào.", filename=filename)
        pages: list[str] = []
        for index in range(total):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                text = clean_chars(textpage.get_text_range())
                textpage.close()
                if sum(1 for c in text if not c.isspace()) < MIN_TEXT_CHARS:
                    from docparse.readers.ocr import ocr_image

                    image = page.render(scale=OCR_SCALE, grayscale=True).to_pil()
                    text = ocr_image(image, filename, page=index + 1)
                else:
                    text = fix_legacy(text)
            finally:
                page.close()
            pages.append(text)
            if on_page is not None:
                on_page(index + 1, total)
    finally:
        pdf.close()
    text = "\n".join(pages)
    if not text.strip():
        raise ParseError("tệp PDF không có nội dung chữ đọc được.", filename=filename)
    return text
