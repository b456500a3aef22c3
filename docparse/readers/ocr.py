"""OCR of scanned pages and images with Tesseract (``vie``)."""

from __future__ import annotations

import io
import os
import shutil
from typing import TYPE_CHECKING

from docparse.errors import ParseError

if TYPE_CHECKING:
    from PIL import Image

    from docparse.readers import OnPage


LANG = "vie"


def _check_tesseract(filename: str) -> None:
    if shutil.which("tesseract") is None:
        raise ParseError(
            "máy chủ chưa cài Tesseract OCR nên không đọc được văn bản scan hoặc ảnh; "
            "hãy báo quản trị viên cài gói tesseract-ocr và tesseract-ocr-vie.",
            filename=filename,
        )


def ocr_image(image: Image.Image, filename: str, *, page: int | None = None) -> str:
    """OCR one PIL image; a median filter cleans the speckle of poor scans."""
    import pytesseract
    from PIL import ImageFilter, ImageOps

    _check_tesseract(filename)
    # Tesseract's OpenMP threads make it several times slower on a busy server.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    image = ImageOps.exif_transpose(image).convert("L")
    if image.width < 1200:  # small scans read better when enlarged
        factor = 2
        image = image.resize((image.width * factor, image.height * factor))
    image = image.filter(ImageFilter.MedianFilter(3))
    try:
        return pytesseract.image_to_string(image, lang=LANG, config="--psm 3")
    except pytesseract.TesseractError as exc:
        if "vie" in str(exc) or "language" in str(exc).lower():
            raise ParseError(
                "máy chủ thiếu dữ liệu tiếng Việt cho OCR (gói tesseract-ocr-vie).",
                filename=filename,
                page=page,
            ) from None
        raise ParseError("nhận dạng chữ (OCR) thất bại.", filename=filename, page=page) from exc


def read_image(data: bytes, filename: str, *, on_page: OnPage | None = None) -> str:
    """OCR an image file; every frame of a multi-page TIFF is read."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError):
        raise ParseError("tệp ảnh bị hỏng hoặc không phải ảnh.", filename=filename) from None
    frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
    texts: list[str] = []
    for index, frame in enumerate(frames):
        texts.append(ocr_image(frame, filename, page=index + 1 if len(frames) > 1 else None))
        if on_page is not None:
            on_page(index + 1, len(frames))
    text = "\n".join(texts)
    if not text.strip():
        raise ParseError("không nhận dạng được chữ nào trong ảnh.", filename=filename)
    return text
