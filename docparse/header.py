"""Document fields: header (Nghị định 30/2020/NĐ-CP layout) and signature block."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from docparse.dates import LONG_DATE, SHORT_DATE, make_date, parse_date_at
from docparse.model import DocumentFields, Reference
from docparse.names import org_case, starts_with_org_type
from docparse.normalize import fold
from docparse.units import list_items

_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"

_NATIONAL = re.compile(r"CỘNG\s?HO?[ÀÒ]A?\s?XÃ\s?HỘI|Độc\s?lập\s?[-–]|ĐỘC LẬP\s?[-–]", re.I)
_RULE = re.compile(r"^[\s\-_=*.~—–]{3,}$")
_NUMBER_LINE = re.compile(r"^(?:Số|SỐ|Sô|Sổ|Sd)\s?[:.;]\s*(?P<rest>.*)$|^Số\s+(?P<rest2>[\d/].*)$")
_PLACE_DATE = re.compile(r"(?P<place>[^,\d][^,]{0,60}?),\s*(?=ng[àa]y\b)", re.I)
# "V/v" as typed, and as OCR misreads it ("VA", "V/", "'V/v").
_SUBJECT_LINE = re.compile(
    r"^['‘’\"]?(?:V\s?/\s?[vV]|V/|VA(?=\s)|Về việc|Về:|V\.v\.?|Về\s)\s*:?\s*(?P<rest>.*)$"
)
_RECIPIENTS = re.compile(r"^K[íi]nh\s?g[ửu]i\s*:?\s*(?P<rest>.*)$", re.I)
_DASH = re.compile(r"^[-–•+*]\s*")
_RECIPIENTS_END = re.compile(r"^N[ơo]i\s?nh[ậa]n\s*:?", re.I)
_KINDS = {
    "THÔNG BÁO": "thong_bao",
    "THÔNG BÁO KẾT LUẬN": "thong_bao",
    "CHỈ THỊ": "chi_thi",
    "KẾ HOẠCH": "ke_hoach",
    "QUYẾT ĐỊNH": "quyet_dinh",
    "BÁO CÁO": "bao_cao",
    "TỜ TRÌNH": "to_trinh",
    "GIẤY MỜI": "giay_moi",
    "CÔNG VĂN": "cong_van",
    "NGHỊ QUYẾT": "khac",
    "CHƯƠNG TRÌNH": "khac",
    "HƯỚNG DẪN": "khac",
    "KẾT LUẬN": "thong_bao",
}
_CODE_KINDS = {
    "TB": "thong_bao", "CT": "chi_thi", "KH": "ke_hoach", "QĐ": "quyet_dinh",
    "BC": "bao_cao", "TTR": "to_trinh", "GM": "giay_moi",
}
_ADMIN = ("thành phố", "thị xã", "thị trấn", "đặc khu", "huyện", "quận", "tỉnh", "xã", "phường")
_ADMIN_RE = re.compile(r"\b(?:" + "|".join(_ADMIN) + r")\b", re.I)
# A person's name: two to six capitalised words; an Ê Đê or Gia Rai name may begin with
# "H'" or "Y" ("H' Linh Niê"). Headings of an attached text are not names ("Chương I").
# An administrative unit by name inside an organisation's name: "Cục Thuế tỉnh An Lạc".
_PLACED = re.compile(r"\b(?:" + "|".join(_ADMIN) + rf")\s[{_UPPER}0-9]")
_NAME = re.compile(rf"^[{_UPPER}](?:[{_LOWER}]*|')(?: [{_UPPER}][{_LOWER}]*){{1,5}}$")
_NOT_NAME = re.compile(r"^(?:Chương|Điều|Mục|Phần|Phụ lục|Trang|Biểu|Mẫu)\s")
_TITLE_WORDS = re.compile(
    r"CHỦ TỊCH|GIÁM ĐỐC|CHÁNH|TRƯỞNG|CHỦ NHIỆM|BỘ TRƯỞNG|THỦ TRƯỞNG|HIỆU TRƯỞNG|BÍ THƯ|"
    r"TỔNG|VIỆN|CỤC|PHÓ|ỦY VIÊN|THƯ KÝ|KẾ TOÁN",
)
_SIGN_PREFIX = re.compile(r"^(?:KT|TL|TM|Q|TUQ|UQ)\s?[.:]?\s+", re.I)
_REFERENCE = re.compile(
    r"(?<![\w/.\-])(\d{1,6}(?:/\d{4})?(?:-[A-ZĐ][A-Za-zĐđ]{0,6})?\s?/\s?[A-ZĐ][\wĐđ&.]{0,20}"
    r"(?:\s?[-–]\s?[A-ZĐ][\wĐđ&.]{0,20}){0,4})"
)
_SENTENCE_DATE = re.compile(r"(?:^|[.;]\s+)(?:Ngày|ngày)\s(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4})")


@dataclass(frozen=True)
class Header:
    """The parsed fields plus where the body starts and ends (line numbers).

    ``attached`` is the body of a text issued with the document and printed after its
    signature (a Quy chế, Quy định or Phụ lục "ban hành kèm theo Quyết định số ..."), whose
    articles may assign duties: (first line, end line), or None.
    """

    fields: DocumentFields
    body_start: int
    body_end: int
    issue_year: int | None
    attached: tuple[int, int] | None = None


# "(Ban hành kèm theo Quyết định số 45/QĐ-UBND ngày ...)", "(Kèm theo Công văn số ...)".
_ATTACHED = re.compile(r"^\(\s*(?:Ban hành\s)?kèm theo\s.{0,60}?\bsố\b", re.I)


def _attached_text(lines: list[str]) -> tuple[int, int] | None:
    """Where a text attached after the signature begins (its title block) and its body begins.

    The title block is an upper-case heading ("QUY CHẾ"), perhaps the issuer's name above it
    and a title line under it, then the "(Ban hành kèm theo ... số ...)" line.
    """
    for i in range(10, len(lines)):
        if not _ATTACHED.match(lines[i].strip()):
            continue
        j = i - 1
        subtitle = 0
        while j > 0 and lines[j].strip() and not _is_upper_line(lines[j]) and subtitle < 3:
            subtitle += 1
            j -= 1
        if j <= 0 or not _is_upper_line(lines[j]):
            continue
        while j > 0 and (not lines[j - 1].strip() or _is_upper_line(lines[j - 1])
                         or _RULE.match(lines[j - 1].strip())):
            j -= 1
        signed = any(_RECIPIENTS_END.match(ln.strip()) for ln in lines[:j]) or \
            _signature(lines[:j], 0)[0] is not None
        if not signed:
            return None  # the attached text alone, with no document signed above it
        return j, i + 1
    return None


def _is_upper_line(line: str) -> bool:
    if len(line) > 200:
        return False
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if c.isupper()) >= 0.8 * len(letters)


_BODY_SENTENCE = re.compile(rf"[.:;]\s+[{_UPPER}0-9]|[.:]$")


def _is_body_line(line: str, title: list[str]) -> bool:
    """A body line that follows a kind's title with no blank line between them.

    A title is a noun phrase: it holds no sentence break and does not end with
    a full stop or a colon; an upper-case title goes on in upper case.
    """
    if _BODY_SENTENCE.search(line) or len(line) > 250:
        return True
    return _is_upper_line(title[0]) and len(title[0]) > 20 and not _is_upper_line(line)


def _is_header_noise(line: str) -> bool:
    return bool(_NATIONAL.search(line) or _RULE.match(line) or line.lower() in (
        "tự do - hạnh phúc", "hạnh phúc", "việt nam", "chủ nghĩa việt nam"
    ))


_BODY_NAMES = ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "VĂN PHÒNG")


def _restore_body_name(line: str) -> str:
    """An issuer line OCR'd without its tone marks: "UY BAN NHAN DAN" -> "ỦY BAN NHÂN DÂN"."""
    folded = fold(line)
    for name in _BODY_NAMES:
        key = fold(name)
        if folded.startswith(key) and not line.startswith(name) and (
            len(folded) == len(key) or not folded[len(key)].isalpha()
        ):
            return name + line[len(name):]
    return line


def _issuer_from_lines(lines: list[str]) -> str | None:
    lines = [ln.strip(" .") for ln in lines if ln.strip(" .")]
    if not lines:
        return None
    merged: list[str] = []
    for line in (_restore_body_name(x) for x in lines):
        low = line.lower()
        if merged and re.match(r"^(?:" + "|".join(_ADMIN) + r")\b", low) and fold(
            merged[-1]
        ) in ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd"):
            merged[-1] = merged[-1] + " " + line
        elif merged and (re.match(r"^(?:và|&|-)\s", low) or (
                not starts_with_org_type(line) and len(line.split()) <= 4)):
            # A long name wrapped: "BỘ X / VÀ Y", "CỤC VĂN THƯ VÀ LƯU TRỮ / NHÀ NƯỚC".
            merged[-1] = merged[-1] + " " + line
        else:
            merged.append(line)
    parts = [org_case(x) for x in merged]
    if len(parts) == 1:
        return parts[0]
    child, parent = parts[-1], parts[-2]
    if parent.startswith("Bộ ") and child.startswith(("Tổng cục ", "Cục ")):
        return child  # a ministry's general department is named on its own
    if _PLACED.search(child) and not _ADMIN_RE.search(parent):
        return child  # "TỔNG CỤC THUẾ / CỤC THUẾ TỈNH AN LẠC": the child names its place
    location = _ADMIN_RE.search(parent)
    if len(child.split()) <= 2 or location is None:
        return f"{child} {parent}"
    if _ADMIN_RE.search(child):
        return child
    return f"{child} {parent[location.start():]}"


def _parse_number(rest: str) -> tuple[str | None, str]:
    tokens = rest.split()
    taken: list[str] = []
    for i, token in enumerate(tokens):
        joiner = taken and (taken[-1].endswith(("-", "–", "/")) or token.startswith(("-", "–", "/")))
        has_code = "/" in token or any(c.isdigit() for c in token)
        upper = not re.search(f"[{_LOWER}]", token)
        if i == 0 or joiner or (has_code and not taken) or (upper and has_code):
            taken.append(token)
            continue
        if upper and taken[-1][-1:].isalnum() is not False and "/" not in "".join(taken):
            taken.append(token)
            continue
        break
    number = "".join(taken).rstrip(".,;")
    remainder = " ".join(tokens[len(taken):])
    if not number or not re.search(r"[/\d]", number):
        return None, rest
    return number, remainder


def _title_case_title(line: str) -> str | None:
    line = _SIGN_PREFIX.sub("", line.strip())
    line = re.sub(r"^P\.\s?", "PHÓ ", line)
    low = line.lower().strip(" ,.")
    if not low:
        return None
    low = low.replace("văn phòng", "Văn phòng").replace("chính phủ", "Chính phủ")
    if low.startswith("phó "):
        rest = low[4:]
        return "Phó " + rest[:1].upper() + rest[1:]
    return low[:1].upper() + low[1:]


def _signature(lines: list[str], start: int) -> tuple[str | None, str | None, int | None]:
    """Signer name and title, scanning up from the bottom of the document."""
    lo = max(start, len(lines) - 40)
    for i in range(len(lines) - 1, lo - 1, -1):
        line = lines[i].strip()
        if not line or not _NAME.match(line) or (_TITLE_WORDS.search(line.upper()) and \
                _is_upper_line(line)):
            continue
        if line.lower() in ("như trên", "nơi nhận", "trân trọng") or _NOT_NAME.match(line):
            continue
        title = None
        for j in range(i - 1, max(lo, i - 15) - 1, -1):
            above = lines[j].strip()
            if not above or above.startswith("(") or _DASH.match(above):
                continue
            if _RECIPIENTS_END.match(above) or above.endswith("./."):
                break
            if _is_upper_line(above) and _TITLE_WORDS.search(above.upper()):
                if _SIGN_PREFIX.match(above) and not re.match(r"^P\.", above) and title is None:
                    continue
                title = title or _title_case_title(above)
                break
        return line, title, i
    return None, None, None


def _unsigned_title(lines: list[str]) -> str | None:
    """The title of a draft's signature block that has no name under it yet."""
    for line in reversed(lines[-12:]):
        s = line.strip()
        if _RECIPIENTS_END.match(s) or s.endswith("./."):
            return None
        if s and _is_upper_line(s) and _TITLE_WORDS.search(s) and not _SIGN_PREFIX.match(s) \
                and len(s.split()) <= 5:
            return _title_case_title(s)
    return None


def _references(text: str, own: str | None) -> tuple[Reference, ...]:
    seen: dict[str, dt.date | None] = {}
    for m in _REFERENCE.finditer(text):
        number = re.sub(r"\s", "", m.group(1)).rstrip(".")
        if own and number == own:
            continue
        after = text[m.end(): m.end() + 60]
        date = None
        d = re.match(r"\s*,?\s*(?:ban hành\s)?(ngày)\s*", after)
        if d:
            parsed = parse_date_at(after, d.end()) or parse_date_at(after, d.start(1))
            date = parsed[0] if parsed else None
        if date is None:
            # "Ngày 16/01/2024, Ban Quản lý ... có Báo cáo số 06/BC-..."
            sentence_start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()))
            s = _SENTENCE_DATE.search(text, sentence_start + 1, m.start())
            if s:
                sd = SHORT_DATE.match(s.group(1))
                if sd:
                    date = make_date(int(sd.group(4)), int(sd.group(3)), int(sd.group(1)))
        if number not in seen or (seen[number] is None and date is not None):
            seen[number] = date
    return tuple(Reference(n, d) for n, d in seen.items())


def parse_header(text: str) -> Header:
    """Read the document fields and locate the body."""
    lines = text.split("\n")
    attached = _attached_text(lines) if "èm theo" in text else None
    n = attached[0] if attached else len(lines)
    end = n
    for i, line in enumerate(lines[:n]):
        if _RECIPIENTS_END.match(line.strip()) and i > 3:
            end = i
            break
    signer, signer_title, signer_line = _signature(lines[:n], 0)
    if signer is None:
        signer_title = _unsigned_title(lines[:n])
    if end == n and signer_line is not None:
        end = signer_line
        for j in range(signer_line - 1, max(0, signer_line - 8), -1):
            if _is_upper_line(lines[j]) and _TITLE_WORDS.search(lines[j].upper()):
                end = j
    scan = min(end, 60)
    number = place = subject = kind = None
    issued_on: dt.date | None = None
    issue_year: int | None = None
    header_end = -1
    first_marker = scan
    recipients: list[str] = []
    number_line = place_line = subject_line = None
    i = 0
    while i < scan:
        line = lines[i].strip()
        m = _NUMBER_LINE.match(line)
        if m and number_line is None and i < 40:
            number, remainder = _parse_number(m.group("rest") or m.group("rest2") or "")
            number_line = i
            header_end = max(header_end, i)
            first_marker = min(first_marker, i)
            line = remainder
        pd = _PLACE_DATE.match(line)
        if pd and place_line is None and not LONG_DATE.search(line) and i + 1 < scan:
            # A narrow column wraps the year onto the next line.
            joined = line + " " + lines[i + 1].strip()
            if LONG_DATE.search(joined):
                line = joined
        if pd and place_line is None and LONG_DATE.search(line):
            place = pd.group("place").strip(" :")
            date = LONG_DATE.search(line)
            if date:
                issue_year = int(date.group(3))
                if date.group(1) and date.group(2):
                    issued_on = make_date(issue_year, int(date.group(2)), int(date.group(1)))
            place_line = i
            header_end = max(header_end, i)
            first_marker = min(first_marker, i)
            i += 1
            continue
        sm = _SUBJECT_LINE.match(line)
        if sm and subject_line is None and recipients == [] and (
            not line.startswith("Về ") or (number_line is not None and i - number_line <= 3)
        ):
            parts = [sm.group("rest")]
            j = i + 1
            while j < scan:
                nxt = lines[j].strip()
                if not nxt:
                    prev = parts[-1].rstrip()
                    after = lines[j + 1].strip() if j + 1 < scan else ""
                    if (prev.endswith(",") or after[:1].islower()) and after:
                        j += 1
                        continue
                    break
                if (_is_header_noise(nxt) or _NUMBER_LINE.match(nxt) or _RECIPIENTS.match(nxt)
                        or (_PLACE_DATE.match(nxt) and LONG_DATE.search(nxt))
                        or (_is_upper_line(nxt) and len(nxt) > 3)):
                    break
                parts.append(nxt)
                j += 1
            subject = re.sub(r"\s+", " ", " ".join(parts)).strip(" .")
            subject_line = i
            kind = kind or "cong_van"
            first_marker = min(first_marker, i)
            header_end = max(header_end, j - 1)
            i = j
            continue
        upper = line.upper().strip(" .")
        if upper in _KINDS and _is_upper_line(line) and kind in (None, "cong_van") and i < 45:
            kind = _KINDS[upper]
            first_marker = min(first_marker, i)
            j = i + 1
            while j < scan and not lines[j].strip():
                j += 1
            parts = []
            while j < scan and lines[j].strip() and not _RULE.match(lines[j].strip()):
                if parts and _is_upper_line(lines[j]) and len(lines[j].split()) > 1:
                    break  # "CHỦ TỊCH ỦY BAN NHÂN DÂN ..." under a decision's title
                if parts and _is_body_line(lines[j].strip(), parts):
                    break  # no blank line between the title and the body
                parts.append(lines[j].strip())
                j += 1
                if len(parts) >= 4:
                    break
            if parts:
                subject = re.sub(r"\s+", " ", " ".join(parts)).strip()
            header_end = max(header_end, j - 1)
            i = j
            continue
        rm = _RECIPIENTS.match(line)
        if rm and not recipients:
            first_marker = min(first_marker, i)
            inline = _DASH.sub("", rm.group("rest")).strip()
            # A list item is one entry; an entry typed on one line may list several.
            listed: list[bool] = []
            if inline:
                recipients.append(inline)
                listed.append(bool(_DASH.match(rm.group("rest"))))
            j = i + 1
            while j < scan:
                nxt = lines[j].strip()
                if not nxt:
                    j += 1
                    continue
                if _DASH.match(nxt):
                    recipients.append(_DASH.sub("", nxt))
                    listed.append(True)
                elif not recipients and len(nxt) < 150:
                    recipients.append(nxt)
                    listed.append(False)
                elif recipients and nxt[:1].islower():
                    recipients[-1] += " " + nxt
                else:
                    break
                j += 1
            entries: list[str] = []
            for entry, item in zip(recipients, listed, strict=True):
                entries.extend([entry] if item or len(recipients) > 1 else list_items(entry))
            recipients = [r.strip(" ;.,") for r in entries if r.strip(" ;.,")]
            header_end = max(header_end, j - 1)
            i = j
            continue
        if _NATIONAL.search(line) and i < 40:
            header_end = max(header_end, i)
        i += 1
    issuer_lines = []
    for line in lines[:first_marker]:
        s = line.strip()
        if not s or _is_header_noise(s):
            continue
        if _is_upper_line(s) and len(s) < 80:
            issuer_lines.append(s)
        elif issuer_lines:
            break
    issuer = _issuer_from_lines(issuer_lines[-3:]) if header_end >= 0 else None
    body_text = "\n".join(lines[header_end + 1: end])
    if issuer is None and number and place:
        code = number.split("/")[-1].upper()
        if "UBND" in code:
            levels = Counter(
                m.group(1).lower()
                for m in re.finditer(r"(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND) (" +
                                     "|".join(_ADMIN) + r")\b", body_text, re.I)
            )
            if levels:
                issuer = f"Ủy ban nhân dân {levels.most_common(1)[0][0]} {place}"
    if kind is None or kind == "cong_van":
        code_kind = None
        if number and "/" in number:
            code = re.split(r"[-–]", number.split("/")[1])[0].upper()
            code_kind = _CODE_KINDS.get(code)
        if kind is None:
            if code_kind:
                kind = code_kind
            elif recipients or number:
                kind = "cong_van"
            elif place is None and issuer is None:
                kind = "tin_bai"
            else:
                kind = "khac"
    if kind == "tin_bai" and subject is None:
        for line in lines[:10]:
            s = line.strip()
            if len(s.split()) >= 5 and len(s) < 300:
                subject = s
                break
    if header_end < 0 and kind == "tin_bai":
        header_end = next((k for k, ln in enumerate(lines) if ln.strip() == subject), -1)
    references = _references(text, number)
    fields = DocumentFields(
        kind=kind,
        number=number,
        issuer=issuer,
        place=place,
        issued_on=issued_on,
        subject=subject or None,
        signer=signer,
        signer_title=signer_title,
        recipients=tuple(recipients),
        references=references,
    )
    extra = (attached[1], len(lines)) if attached else None
    return Header(fields, header_end + 1, end, issue_year, extra)
