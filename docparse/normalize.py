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
# A markdown table's rule row ("|---|:---|").
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$")
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


# A date with the letter O for a zero, as OCR reads it ("3O/11/2024", "1O/5").
_OCR_DATE = re.compile(r"(?<![\w/])(?=[\dOo]{1,2}/[\dOo]{1,2}\b)(?=[^\s]{0,2}\d)"
                       r"[\dOo]{1,2}/[\dOo]{1,2}(?:/[\dOo]{4})?(?![\w/])")


def _ocr_date(m: re.Match[str]) -> str:
    return m.group(0).replace("O", "0").replace("o", "0")


def clean_chars(text: str) -> str:
    """NFC, Unix line ends, PDFium's \\x02 hyphen, Icelandic Ð and control chars."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-")
    text = text.replace("\ufeff", "").replace("\x0c", "\n").replace("\u00d0", "Đ")
    # OCR and some fonts give a fraction slash in "125/UBND" and "Ư" for "U".
    text = text.replace("\u2044", "/").replace("\u2215", "/").replace("ƯBND", "UBND")
    text = unicodedata.normalize("NFC", text)
    if "O/" in text or "o/" in text or "/O" in text or "/o" in text:
        text = _OCR_DATE.sub(_ocr_date, text)
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


def _cells(line: str, in_table: bool = False) -> list[str] | None:
    """The cells of a table row: three or more cells split by tabs or pipes.

    DOCX tables and PDF text layers give task tables as tab-separated rows,
    web pages and markdown as pipe-separated ones. A row is written back as
    "a | b | c"; two cells are two columns of a header or signature block.
    """
    if "|" in line:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
    elif in_table and line.count("\t") >= 2:
        # A wrapped cell's line keeps its leading tabs: they say which column it is in.
        cells = [c.strip() for c in line.strip(" ").split("\t")]
    elif line.strip().count("\t") >= 2:
        cells = [c.strip() for c in line.strip().split("\t")]
    else:
        return None
    return cells


def _table_lines(line: str, in_table: bool) -> tuple[list[str], bool] | None:
    """Lines for a pipe or tab row: one row line, or one line per column.

    A row keeps its empty cells ("1 | Nội dung |  | Quý II/2025"), so a cell
    that wraps onto the next line of a flattened table ("| còn lại của |  |")
    still stands in its column; inside a table, such a line with one filled
    cell is a row too. Returns the lines and whether they are a table row.
    """
    if _TABLE_RULE.match(line.strip()):
        return [""], in_table
    cells = _cells(line, in_table)
    if cells is None:
        return None
    filled = [c for c in cells if c]
    if len(cells) >= 3 and (len(filled) >= 2 or (filled and in_table)):
        return [" | ".join(_SPACES.sub(" ", c).strip() for c in cells).strip()], True
    return filled or [""], False


def normalize_text(text: str) -> str:
    """Return the canonical form of a document's text.

    Lines are kept (the header and signature layout depend on them); markdown
    emphasis is dropped; side-by-side columns become consecutive lines.
    """
    text = clean_chars(text)
    lines: list[str] = []
    in_table = False
    for raw in text.split("\n"):
        line = _MARKDOWN_HEADING.sub("", raw.replace("*", ""))
        table = _table_lines(line, in_table)
        if table is not None:
            parts, in_table = table
            if in_table:
                lines.extend(parts)
            else:
                lines.extend(_SPACES.sub(" ", part).strip() for part in parts)
            continue
        in_table = False
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
