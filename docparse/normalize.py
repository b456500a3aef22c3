"""Text normalisation shared by every reader and the parser.

The parser's character offsets point into the text this module returns, so
every transformation that changes positions happens here and only here.
"""

from __future__ import annotations

import itertools
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


# The same in a written-out date: "ngày O3 tháng 6", "tháng O6".
_OCR_LONG_DATE = re.compile(r"(?<=ng[àa]y )(?=[\dO]{2}\b)[\dO]{2}|(?<=th[áa]ng )(?=[\dO]{2}\b)[\dO]{2}",
                            re.IGNORECASE)

_VOWELS = "aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# A word hyphenated at a line break: "kỹ thu-" / "ật". Vietnamese syllables have one vowel
# group, so "thu" + "ật" is one syllable cut in two, while "kinh tế-" / "xã hội" is two
# words joined by a hyphen and stays as it is.
_BROKEN_WORD = re.compile(rf"(?<![^\W\d_])([^\W\d_]+)-\n[ \t]*([{_VOWELS}][^\W\d_]*)")
_SYLLABLE = re.compile(rf"^[^{_VOWELS}]*[{_VOWELS}]+[^{_VOWELS}]*$")
# A document number cut after its hyphen: "Kế hoạch số 125/KH-" / "UBND ngày ...".
_BROKEN_NUMBER = re.compile(r"(?<=\d/)([A-ZĐ][\wĐ]*-)\n[ \t]*(?=[A-ZĐ])")


def _join_broken_word(m: re.Match[str]) -> str:
    word = m.group(1) + m.group(2)
    if _SYLLABLE.match(word.lower()):
        return word + "\n"
    return m.group(0)


# Letter-spaced headings: "T H Ô N G   B Á O" -> "THÔNG BÁO".
_SPACED_LETTERS = re.compile(r"^\s*\w(?: {1,4}\w){3,}\s*$")


def clean_chars(text: str) -> str:
    """NFC, Unix line ends, PDFium's \\x02 hyphen, Icelandic Ð and control chars."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-")
    text = text.replace("\ufeff", "").replace("\x0c", "\n").replace("\u00d0", "Đ")
    # OCR and some fonts give a fraction slash in "125/UBND" and "Ư" for "U".
    text = text.replace("\u2044", "/").replace("\u2215", "/").replace("ƯBND", "UBND")
    text = unicodedata.normalize("NFC", text)
    if "O/" in text or "o/" in text or "/O" in text or "/o" in text:
        text = _OCR_DATE.sub(_ocr_date, text)
    if " O" in text:
        text = _OCR_LONG_DATE.sub(lambda m: m.group(0).replace("O", "0"), text)
    if "-\n" in text:
        text = _BROKEN_WORD.sub(_join_broken_word, text)
        text = _BROKEN_NUMBER.sub(r"\1", text)
    return _CONTROL.sub("", text)


def _unspace_letters(line: str) -> str:
    """A heading typed with its letters spaced out, written back as words."""
    words = re.split(r" {2,}", line.strip())
    if all(len(w) == 1 for word in words for w in word.split(" ")) and line.strip().isupper():
        return " ".join(word.replace(" ", "") for word in words)
    return line


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


# A table laid out with spaces (a PDF text layer, "pdftotext -layout"): cells are runs of
# words with single spaces, columns are set apart by two or more.
_RUN = re.compile(r"\S+(?: \S+)*")
_HEAD_CONTENT = re.compile(r"noi dung|nhiem vu|cong viec")
_HEAD_OTHER = re.compile(r"chu tri|phoi hop|thoi han|thoi gian|don vi|co quan|tien do")


def _runs(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _RUN.finditer(line)]


def _layout_header(line: str) -> list[tuple[int, int, str]] | None:
    """The cells of a space-aligned task table's header row ("STT   Nội dung   Chủ trì ...")."""
    if line.count("  ") < 2 or "|" in line or "\t" in line:
        return None
    runs = _runs(line)
    if len(runs) < 3 or any(len(r[2]) > 40 for r in runs):
        return None
    folded = [fold(r[2]) for r in runs]
    if any(_HEAD_CONTENT.search(f) for f in folded) and \
            sum(bool(_HEAD_OTHER.search(f)) for f in folded) >= 1:
        return runs
    return None


def _column(header: list[tuple[int, int, str]], bounds: list[float], start: int, end: int) -> int:
    """The column of a cell: the heading it lies most under (headings may be centred over
    their column), else the one whose gap boundaries enclose its start."""
    best, best_overlap = -1, 0
    for k, (h_start, h_end, _) in enumerate(header):
        overlap = min(end, h_end) - max(start, h_start)
        if overlap > best_overlap:
            best, best_overlap = k, overlap
    return best if best >= 0 else sum(start > b for b in bounds)


def _layout_tables(lines: list[str]) -> list[str]:
    """Space-aligned task tables written as pipe rows ("1 | Nội dung | Sở X | 15/5/2025").

    A cell belongs to the column whose heading it lies under; a wrapped cell's next line is
    a row with the other cells empty, as a flattened table gives it.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        header = _layout_header(lines[i])
        if header is None:
            out.append(lines[i])
            i += 1
            continue
        bounds = [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(header)]
        out.append("| " + " | ".join(r[2] for r in header) + " |")
        i += 1
        while i < len(lines):
            line = lines[i]
            runs = _runs(line)
            if not runs:
                nxt = next((ln for ln in lines[i + 1:] if ln.strip()), "")
                if len(_runs(nxt)) < 2:
                    break
                i += 1
                continue
            if len(runs) == 1 and runs[0][0] < bounds[0] and len(runs[0][2]) > 12:
                break  # a paragraph of text after the table
            cells = [""] * len(header)
            for start, end, words in runs:
                col = _column(header, bounds, start, end)
                cells[col] = f"{cells[col]} {words}".strip()
            out.append("| " + " | ".join(cells) + " |")
            i += 1
    return out


def normalize_text(text: str) -> str:
    """Return the canonical form of a document's text.

    Lines are kept (the header and signature layout depend on them); markdown
    emphasis is dropped; side-by-side columns become consecutive lines.
    """
    text = clean_chars(text)
    raw_lines = text.split("\n")
    if "   " in text:
        raw_lines = _layout_tables(raw_lines)
    lines: list[str] = []
    in_table = False
    for raw in raw_lines:
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
        if _SPACED_LETTERS.match(line):
            line = _unspace_letters(line)
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
