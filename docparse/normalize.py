"""Text normalisation shared by every reader and the parser.

The parser's character offsets point into the text this module returns, so
every transformation that changes positions happens here and only here.
"""

from __future__ import annotations

import re
import unicodedata

# Two columns typed side by side are separated by a wide gap; a gap inside a
# date line ("ngày      tháng") or after "Số:" is a blank to fill, not a column.
_COLUMN_GAP = re.compile(r"(?<=\S) {3,}(?=[A-ZĐÀ-Ỹ(\-–•_])")
_NO_SPLIT_BEFORE_GAP = re.compile(r"(?:ngày|tháng|năm|Số:|số:|gửi:)$")
# Quốc hiệu and motto glued to the issuer column with a single space.
_MOTTO_SPLIT = re.compile(r"(?<=\S) (?=CỘNG HO?ÀA XÃ HỘI|CỘNG HÒA XÃ HỘI|Độc lập\s*[-–])")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# Control and format characters (category C) except tab and newline.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufff0-\ufffb\U000e0000-\U000e007f\ud800-\udfff\ue000-\uf8ff]"
)
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b\u202f\u3000]+")


def fold(text: str) -> str:
    """Lower-case and strip Vietnamese diacritics ("Đường" -> "duong")."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D").replace("ð", "d")
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text if unicodedata.category(c) != "Mn").casefold()


def clean_chars(text: str) -> str:
    """NFC, Unix line ends, PDFium's \\x02 hyphen, Icelandic Ð and control chars."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-")
    text = text.replace("\ufeff", "").replace("\x0c", "\n").replace("\u00d0", "Đ")
    # OCR and some fonts give a fraction slash in "125/UBND" and "Ư" for "U".
    text = text.replace("\u2044", "/").replace("\u2215", "/").replace("ƯBND", "UBND")
    text = unicodedata.normalize("NFC", text)
    return _CONTROL.sub("", text)


def _split_columns(line: str) -> list[str]:
    if "   " not in line and "CỘNG" not in line and "Độc lập" not in line:
        return [line]
    parts: list[str] = []
    rest = line
    while True:
        match = None
        for m in _COLUMN_GAP.finditer(rest):
            left = rest[: m.start()].rstrip()
            if left.strip() and not _NO_SPLIT_BEFORE_GAP.search(left):
                match = m
                break
        if match is None:
            break
        parts.append(rest[: match.start()])
        rest = rest[match.end():]
    parts.append(rest)
    out: list[str] = []
    for part in parts:
        out.extend(_MOTTO_SPLIT.split(part))
    return out


def normalize_text(text: str) -> str:
    """Return the canonical form of a document's text.

    Lines are kept (the header and signature layout depend on them); markdown
    emphasis is dropped; side-by-side columns become consecutive lines.
    """
    text = clean_chars(text)
    lines: list[str] = []
    for raw in text.split("\n"):
        line = _MARKDOWN_HEADING.sub("", raw.replace("*", ""))
        line = line.replace("\t", "    ").rstrip()
        for part in _split_columns(line):
            part = _SPACES.sub(" ", part).strip()
            lines.append(part)
    # Collapse runs of blank lines: they carry no meaning beyond "a break".
    out: list[str] = []
    for line in lines:
        if not line and out and not out[-1]:
            continue
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"
