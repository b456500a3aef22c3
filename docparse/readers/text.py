"""Plain-text reader: UTF-8/16 (with or without BOM), Windows-1258, TCVN3, VNI."""

from __future__ import annotations

import unicodedata

from docparse.encodings import fix_legacy, syllable_share
from docparse.errors import ParseError


def decode_bytes(data: bytes) -> str:
    """Decode text bytes of unknown encoding to Unicode NFC."""
    if data.startswith(b"\xef\xbb\xbf"):
        return unicodedata.normalize("NFC", data[3:].decode("utf-8", errors="replace"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return unicodedata.normalize("NFC", data.decode("utf-16", errors="replace"))
    head = data[:4096]
    if head and head.count(0) > len(head) // 4:
        # UTF-16 without BOM: the zero bytes sit on the high side of ASCII.
        even_zeros = head[0::2].count(0)
        odd_zeros = head[1::2].count(0)
        codec = "utf-16-be" if even_zeros > odd_zeros else "utf-16-le"
        return unicodedata.normalize("NFC", data.decode(codec, errors="replace"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return fix_legacy(unicodedata.normalize("NFC", text))
    # Single-byte: Windows-1258 (combining tones), TCVN3 or VNI; the reading
    # with the most valid Vietnamese syllables wins.
    candidates = [unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))]
    candidates.append(fix_legacy(data.decode("latin-1")))
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            candidates.append(unicodedata.normalize("NFC", str(best)))
    except Exception:  # detection is only a hint; the other candidates remain
        pass
    return max(candidates, key=syllable_share)


def read_text(data: bytes, filename: str) -> str:
    """Read a .txt/.md file."""
    text = decode_bytes(data)
    if not text.strip():
        raise ParseError("tệp văn bản không có nội dung.", filename=filename)
    return text
