"""Task segmentation: the body's paragraphs -> directives with units and deadlines.

A task starts at a directive ("Giao ...", "Yêu cầu ...", "Đề nghị ...", a unit
followed by an action verb, or a numbered item of a letter) and runs on
through the sentences that elaborate it until the next directive to another
unit, the next item or heading, or the end of the body.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from docparse.calendar import Calendar
from docparse.deadlines import Deadline, find_deadline, is_recurring_text
from docparse.model import Task
from docparse.names import org_case
from docparse.normalize import fold
from docparse.units import (
    honorific_at,
    is_unit_start,
    split_units,
    starts_with_verb,
    unit_phrase_at,
    verb_boundary,
)

_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"

_MARKER = re.compile(
    r"^(?:(?:Điều\s)?(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})\s?[.):](?=\s|[" + _UPPER + r"])"
    r"|(?P<let>[a-zđ])\)|(?P<rom>[IVX]{1,5})[.)](?=\s)|(?P<dash>[-–•+])(?=\s))\s*"
)
_SENTENCE_END = re.compile(
    r"(?<=[.!?…])[\"”')]?\s+(?=[\"“(]?[" + _UPPER + r"0-9])"
    r"|(?<=\.\.)(?=[" + _UPPER + r"][a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ])"
)
_ABBREV_BEFORE = re.compile(r"(?:\b(?:TP|Tp|P|TS|ThS|PGS|GS|Q|TL|KT|TM|St|V/v)|\b[" + _UPPER
                            + r"])\.$")
_TRIGGER = re.compile(
    r"^(?:Đồng ý chủ trương (?:giao|để|cho)|Đồng ý (?:để|cho)|Giao cho|Giao|Y[êe]u c[ầâa]u|Đề nghị"
    r"|Chỉ đạo|Chủ tịch UBND [a-zđ ]{1,20} giao|Trân trọng đề nghị)(?:\s*:)?\s+",
    re.IGNORECASE,
)
_INTRO = re.compile(
    r"^(?:Đối với|Riêng đối với|Riêng|Để|Vì vậy|Do đó|Đồng thời|Trong thời gian tới|Trên cơ sở"
    r"|Về|Lưu ý|Ngoài ra|Bên cạnh đó|Sau khi|Theo đó|Căn cứ|Nhằm|Trường hợp)\b"
)
_NARRATION = re.compile(
    r"^(?:Ngày \d|Thực hiện |Theo |Căn cứ |Sau khi |Qua |Trong \d|Trong (?:tháng|năm|quý|thời gian qua)"
    r"|Từ |Tham dự |Xét |Tuy nhiên|Bên cạnh|Trên cơ sở|Nhằm |Phát biểu|Hiện nay|Thời gian qua"
    r"|Năm \d|Đến nay|Vừa qua|Chiều |Sáng |Tối |Ngay sau)"
)
_NOT_DIRECTIVE_SUBJECT = re.compile(
    r"\b(?:đã|đang|được|bị|vẫn|chưa|sẽ|có thể|là|của|tại|nhận được|ghi nhận|biểu dương|đánh giá cao"
    r"|sau khi)\b"
)
_CLOSING_START = re.compile(
    r"^(?:Trên đây|Nhận được|Trân trọng|Căn cứ nhiệm vụ được phân công|Đề nghị (?:các )?đơn vị"
    r" quan tâm|Trong quá trình (?:tổ chức )?thực hiện)",
    re.IGNORECASE,
)
_CLOSING_TELL = re.compile(
    r"thông báo (?:để|cho)\b.{0,200}\bbiết|chịu trách nhiệm thi hành|căn cứ Quyết định thi hành"
    r"|\bliên hệ\b.{0,200}(?:điện thoại|\bĐT\b|email|\d{3,4}\.\d{3,})",
    re.IGNORECASE,
)
_CLOSING_TAIL = re.compile(
    r"(?:(?:căn cứ|theo) (?:chức năng, )?nhiệm vụ (?:được (?:giao|phân công)|của mình),?\s)?"
    r"(?:(?:nghiêm túc|quan tâm|chủ động|khẩn trương|tổ chức|kịp thời|phối hợp)\s)*"
    r"(?:triển khai,?\s)?(?:thực hiện|triển khai|thi hành)(?:\s(?:nghiêm túc|nghiêm))?"
    r"(?:,?\s(?:Chỉ thị|Kế hoạch|Công văn|văn bản|Thông báo|Quyết định)(?:\snày)?"
    r"|\s(?:các\s)?nội dung (?:trên|này))?"
    r"[\s./!]*$",
    re.IGNORECASE,
)
_CLOSING_CONTENT = re.compile(
    r"thực hiện(?: nghiêm(?: túc)?)? (?:các )?nội dung (?:trên|này)[\s./!]*$", re.IGNORECASE
)
_GENERIC_LEAD = re.compile(r"^(?:các\s)?(?:cơ quan|đơn vị|địa phương)", re.IGNORECASE)
_DEADLINE_SENTENCE_PRED = re.compile(
    r"^(?:(?:khẩn trương|nghiêm túc|tổ chức)\s)?(?:thực hiện|triển khai thực hiện|gửi|hoàn thành)",
    re.IGNORECASE,
)
_SUPPORT = re.compile(
    r"(?<!công tác )(?<!sự )\b(?:ph[ốôo]i h[ợơo]p(?: v[ớơóo]i)?|cùng với|cùng)\s", re.IGNORECASE
)
_PAREN_ONLY = re.compile(r"^\(.*\)\.?$")
# A sentence after numbered items that says when their results are due: "Báo cáo gửi về Cục
# ... trước ngày X", "Văn bản góp ý gửi về ...", "Thời hạn gửi báo cáo: ...".
_TRAILING_DEADLINE = re.compile(
    r"^(?:(?:Báo cáo|Văn bản|Ý kiến|Kết quả|Hồ sơ|Tài liệu|Danh sách)[^.;]{0,80}?\b(?:gửi|nộp)\b"
    r"|Thời (?:gian|hạn) (?:gửi|nộp|báo cáo|hoàn thành))"
)
# A heading that names whose duties follow: "Nhiệm vụ của Tổ công tác", "Trách nhiệm của Sở X".
_DUTY_HEADING = re.compile(r"^(?:Nhiệm vụ|Trách nhiệm|Phân công)(?: cụ thể)?(?: của| cho)?\s+")


@dataclass
class _Para:
    text: str
    spans: list[tuple[int, int, int]]  # (para offset, source offset, length)
    marker: str | None = None  # "num", "let", "rom", "dash"
    level: int = 0

    def to_source(self, pos: int) -> int:
        keys = [s[0] for s in self.spans]
        k = max(0, bisect.bisect_right(keys, pos) - 1)
        p0, s0, length = self.spans[k]
        return s0 + min(pos - p0, length)


@dataclass
class _Row:
    """What a task-table row says in its own columns (cells joined over wrapped lines)."""

    lead: str
    support: str
    when: str
    group: list[str] | None  # the lead named by the group row above ("I. Sở Tài chính")


# Header cells of a task table ("Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian").
_COLUMN_KINDS = (
    ("index", re.compile(r"^(?:s?tt|so tt|so thu tu|thu tu)$")),
    ("due", re.compile(r"thoi gian|thoi han|tien do|hoan thanh")),
    ("support", re.compile(r"phoi hop")),
    ("lead", re.compile(r"chu tri|thuc hien|co quan|don vi|trach nhiem|phu trach")),
    ("content", re.compile(r"noi dung|nhiem vu|cong viec|hoat dong|giai phap")),
)


def _table_columns(cells: list[str]) -> dict[str, int] | None:
    """Column roles when ``cells`` is a task table's header row."""
    roles: dict[str, int] = {}
    for i, cell in enumerate(cells):
        folded = fold(cell)
        if len(folded) > 60:
            return None
        for role, pattern in _COLUMN_KINDS:
            if pattern.search(folded):
                roles.setdefault(role, i)
                break
    if "content" in roles and ("lead" in roles or "support" in roles or "due" in roles):
        return roles  # without a lead column, group rows ("I. Sở Tài chính") name the lead
    return None


def _row_cells(text: str) -> list[tuple[int, str]]:
    """A row line's cells with their offsets; empty cells keep their place."""
    cells = []
    start = 0
    for part in text.split("|"):
        stripped = part.strip()
        cells.append((start + len(part) - len(part.lstrip()), stripped))
        start += len(part) + 1
    return cells


_GROUP_MARK = re.compile(r"^(?:[IVX]{1,5}|[A-ZĐ])(?:[.)]\s*|\s+)")


def _group_lead(text: str) -> list[str] | None:
    """The unit a group row or heading names ("II. UBND các xã, thị trấn")."""
    text = _GROUP_MARK.sub("", text.strip(), count=1).strip()
    if not text or len(text.split()) > 20:
        return None
    if text.isupper():
        text = org_case(text)  # "SỞ TÀI CHÍNH" -> "Sở Tài chính"
    if not is_unit_start(text):
        return None
    return split_units(text) or None


def _join_cell(before: str, after: str) -> str:
    """A lead or support cell continued on the next line: a new unit there is a new entry."""
    if not before or not after:
        return before or after
    if is_unit_start(after) and not before.endswith((",", ";", "-", "–")):
        return f"{before}; {after}"
    return f"{before} {after}"


@dataclass
class _Draft:
    pieces: list[tuple[_Para, int, int]]
    lead: list[str]
    group: int
    item: bool
    extra_deadline: Deadline | None = None
    units_explicit: bool = True
    sibling_due: list[_Draft] = field(default_factory=list)
    row: _Row | None = None

    def text(self) -> str:
        words = " ".join(p.text[a:b] for p, a, b in self.pieces)
        return re.sub(r"\s+", " ", words).strip().rstrip(";").strip()


# A page header or footer left in a PDF's text: a lone page number ("2", "- 3 -", "Trang 2/4").
_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?(?:(?:Trang|trang|Page)\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?"
                          r"(?:\s*[-–])?$")


def _paragraphs(text: str, start_line: int, end_line: int) -> list[_Para]:
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    paras: list[_Para] = []
    current: _Para | None = None
    blank_before = False
    page_break = False
    wrapped = _hard_wrapped(lines[start_line:end_line])
    for i in range(start_line, min(end_line, len(lines))):
        line = lines[i].strip()
        lead_ws = len(lines[i]) - len(lines[i].lstrip())
        src = offsets[i] + lead_ws
        if not line:
            blank_before = blank_before or not page_break
            continue
        if _PAGE_NUMBER.match(line) and current is not None:
            # The text runs on across the page break as if it were not there.
            page_break = True
            blank_before = False  # nor the blank lines around it
            continue
        page_break = False
        if " | " in line or line.startswith("| "):
            current = _Para(line, [(0, src, len(line))], "row", 99)
            paras.append(current)
            current = None
            blank_before = False
            continue
        marker = _MARKER.match(line)
        join = False
        if current is not None and not marker:
            prev = current.text.rstrip()
            first = line[:1]
            if first.islower() and not prev.endswith((".", "./.", "!", "?")):
                join = True
            elif not blank_before and not prev.endswith((".", ":", ";", "!", "?")):
                short_heading = current.marker and len(prev.split()) < 14
                upper_line = line.isupper() or prev.isupper()
                join = not short_heading and not upper_line
            elif wrapped and not blank_before and prev.endswith(".") and not prev.endswith("./."):
                # Hard-wrapped text with blank lines between paragraphs: a sentence that ends
                # at the end of a line goes on in the same paragraph.
                join = not (line.isupper() or prev.isupper())
        if join and current is not None:
            current.spans.append((len(current.text) + 1, src, len(line)))
            current.text += " " + line
        else:
            kind = None
            level = 0
            if marker:
                kind = next(k for k in ("num", "let", "rom", "dash") if marker.group(k))
                level = {"num": 1, "let": 10, "rom": 0, "dash": 20}[kind]
                if kind == "num":
                    level = marker.group("num").count(".") + 1
                    if line.startswith("Điều"):
                        level = 0  # "Điều 2." holds clauses "1.", "2."
                elif kind == "dash" and marker.group("dash") == "+":
                    level = 21  # "+" items under a "-" item
                body_start = marker.end()
                current = _Para(line[body_start:], [(0, src + body_start, len(line) - body_start)],
                                kind, level)
            else:
                current = _Para(line, [(0, src, len(line))])
            paras.append(current)
        blank_before = False
    return paras


def _hard_wrapped(lines: list[str]) -> bool:
    """True when the body's lines are wrapped at a fixed width and paragraphs are set apart
    by blank lines (a PDF text layer): a line break there is not a paragraph break."""
    wraps = blanks = 0
    for line, nxt in itertools.pairwise(lines):
        a, b = line.strip(), nxt.strip()
        if not a:
            blanks += 1
        elif b and len(a) >= 50 and not a.endswith((".", ":", ";", "!", "?")) \
                and not _MARKER.match(b) and not _PAGE_NUMBER.match(b) and not a.isupper():
            wraps += 1
    return wraps >= 3 and blanks >= 2


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[max(0, m.start() - 6): m.start()]
        if _ABBREV_BEFORE.search(before):
            continue
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return [(a, b) for a, b in bounds if text[a:b].strip()]


def _clauses(text: str, a: int, b: int) -> list[tuple[int, int]]:
    if ";" not in text[a:b]:
        return [(a, b)]
    out = []
    start = a
    depth = 0
    for i in range(a, b):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c == ";" and depth == 0:
            out.append((start, i + 1))
            start = i + 1
            while start < b and text[start] == " ":
                start += 1
    if start < b:
        out.append((start, b))
    return out


@dataclass
class _Directive:
    lead: list[str]
    start: int  # where the task text begins
    predicate: int  # where the action words begin
    trigger: bool
    to_addressees: bool = False  # "đề nghị Quý Cơ quan ...": the "Kính gửi" addressees


def _directive_at(text: str, pos: int, end: int, *, allow_subject: bool) -> _Directive | None:
    segment = text[pos:end]
    m = _TRIGGER.match(segment)
    if m:
        after = pos + m.end()
        phrase = unit_phrase_at(text[:end], after)
        if phrase:
            units = split_units(phrase[0])
            if units:
                return _Directive(units, pos, phrase[1], True)
        honored = honorific_at(text, after)
        if honored is not None:
            return _Directive([], pos, honored, True, to_addressees=True)
        if fold(m.group(0)).startswith(("yeu cau", "de nghi", "giao")):
            return _Directive([], pos, after, True)
        return None
    phrase = unit_phrase_at(text[:end], pos)
    if phrase is None or not allow_subject:
        return None
    subject, verb_at = phrase
    if _NOT_DIRECTIVE_SUBJECT.search(subject) or text.startswith("là ", verb_at):
        return None  # "X là ..." describes X; it directs nothing
    rest = text[verb_at:end]
    t = _TRIGGER.match(rest)
    if t and re.match(r"(?:yêu cầu|đề nghị|giao)", rest, re.IGNORECASE):
        inner = unit_phrase_at(text[:end], verb_at + t.end())
        if inner:
            units = split_units(inner[0])
            if units:
                return _Directive(units, pos, inner[1], True)
        honored = honorific_at(text, verb_at + t.end())
        if honored is not None:
            return _Directive([], pos, honored, True, to_addressees=True)
        return _Directive([], pos, verb_at + t.end(), True)
    units = split_units(subject)
    if not units:
        return None
    return _Directive(units, pos, verb_at, False)


def _find_directive(text: str, a: int, b: int, *, narration: bool) -> _Directive | None:
    """A directive at the clause start, or after an introductory phrase."""
    d = _directive_at(text, a, b, allow_subject=not narration)
    if d is not None:
        return d
    clause = text[a:b]
    if narration:
        # "Căn cứ ..., để ..., Tổng cục X đề nghị Cục Y rà soát ...": after the grounds, the
        # issuer asks a named unit (or "Quý Cơ quan") to act. A dated account ("Ngày 29/12,
        # UBND huyện có Thông báo ...; theo đó, Chủ tịch giao ...") tells of a past request.
        if not _GROUNDS.match(clause):
            return None
        for m in re.finditer(r",\s+", clause[:300]):
            pos = a + m.end()
            if not is_unit_start(text[pos:b]):
                continue
            d = _directive_at(text, pos, b, allow_subject=True)
            if d is not None and d.trigger and (d.lead or d.to_addressees) and \
                    d.predicate > pos + 1 and not _is_past_request(text[pos:d.predicate]):
                d.start = a
                return d
        return None
    if not (_INTRO.match(clause) or ":" in clause[:250]):
        return None
    for m in re.finditer(r"[,:]\s+", clause[:300]):
        pos = a + m.end()
        d = _directive_at(text, pos, b, allow_subject=not narration)
        if d is not None:
            d.start = a
            return d
    return None


_GROUNDS = re.compile(r"^(?:Căn cứ|Thực hiện|Trên cơ sở|Nhằm|Xét)\s")


def _is_past_request(words: str) -> bool:
    """"UBND tỉnh đã giao ...", "Sở X có văn bản đề nghị ...": a request told, not made."""
    return bool(re.search(r"\b(?:đã|đang|từng|có văn bản|tại văn bản)\b", words))


# A predicate that states a fact rather than directs an action: "Tổ công tác tự giải thể
# sau khi hoàn thành nhiệm vụ", "Quyết định này có hiệu lực kể từ ngày ký".
_STATEMENT = re.compile(
    r"\b(?:tự giải thể|tự chấm dứt|chấm dứt hoạt động|giải thể sau khi|hết hiệu lực"
    r"|có hiệu lực(?: thi hành| kể từ| từ)|hoạt động theo chế độ kiêm nhiệm)\b",
    re.IGNORECASE,
)
# A unit described in the past or present: "Ban Chỉ huy huyện đã tổ chức sơ tán ...".
_DONE_SUBJECT = re.compile(r"\b(?:đã|đang|vẫn)\b")


def _is_statement(sentence: str) -> bool:
    """A sentence whose predicate states a fact ("... tự giải thể ...") and directs nothing."""
    return bool(_STATEMENT.search(sentence)) and not _TRIGGER.match(sentence)


def _describes_unit(text: str, a: int, b: int) -> bool:
    """A sentence about what a unit did or does ("Ban Chỉ huy huyện đã tổ chức ...")."""
    phrase = unit_phrase_at(text[:b], a)
    return phrase is not None and bool(_DONE_SUBJECT.search(phrase[0]))


@lru_cache(maxsize=4096)
def _key(unit: str) -> str:
    return fold(unit).replace(" ", "")


def _same_units(a: list[str], b: list[str]) -> bool:
    return bool({_key(x) for x in a} & {_key(x) for x in b})


def _is_closing(text: str, directive: _Directive | None) -> bool:
    if _CLOSING_START.match(text) or _CLOSING_TELL.search(text) or _CLOSING_CONTENT.search(text):
        return True
    if directive is not None:
        return bool(_CLOSING_TAIL.fullmatch(text[directive.predicate - directive.start:].strip()))
    return text.rstrip().endswith("./.") and bool(
        _CLOSING_TAIL.search(text) and len(text.split()) < 15
    )


def _is_heading(para: _Para) -> bool:
    text = para.text.strip()
    if not text:
        return True
    if len(text) < 150:
        letters = [c for c in text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) > 0.8 * len(letters):
            return True
    if para.marker not in ("num", "rom"):
        return False
    if _TRIGGER.match(text):
        return False
    if text.startswith(("Về ", "Đối với ")) and (len(text.split()) < 80):
        return not re.search(r"[.;:]\s+\S", text.rstrip("."))
    return len(text.split()) <= 14 and not text.rstrip().endswith((".", ";", ":"))


def _row_step(
    para: _Para,
    table: dict[str, int],
    group: int,
    table_group: list[str] | None,
    last: _Draft | None,
) -> tuple[_Draft | None, list[str] | None]:
    """Read one data row of a task table.

    Returns a new draft (or None) and the group lead in force after the row. A
    row that only continues the cells of the row above (a wrapped cell of a
    flattened PDF or DOCX table: no number, or no lead and a lower-case start)
    is added to ``last``; a row holding one unit name alone ("I | Sở Tài chính")
    heads a group whose rows it leads.
    """
    cells = _row_cells(para.text)

    def cell(role: str) -> tuple[int, str]:
        i = table.get(role)
        return cells[i] if i is not None and i < len(cells) else (0, "")

    filled = [c for _, c in cells if c]
    index = cell("index")[1]
    content_at, content = cell("content")
    lead, support, when = cell("lead")[1], cell("support")[1], cell("due")[1]
    if not filled:
        return None, table_group
    others = [c for role in ("lead", "support", "due") if (c := cell(role)[1])]
    if not others and (len(filled) == 1 or _GROUP_MARK.fullmatch(index + ".")):
        named = _group_lead(" ".join(filled))
        if named is not None or _GROUP_MARK.fullmatch(index + "."):
            return None, named
    continued = last is not None and last.row is not None and (
        ("index" in table and not index)
        or ("index" not in table and not lead and content[:1].islower())
    )
    if continued and last is not None and last.row is not None:
        if content:
            last.pieces.append((para, content_at, content_at + len(content)))
        row = last.row
        row.lead = _join_cell(row.lead, lead)
        row.support = _join_cell(row.support, support)
        row.when = f"{row.when} {when}".strip()
        return None, table_group
    if len(content.split()) < 2:
        return None, table_group
    return _Draft([(para, content_at, content_at + len(content))], [], group, True,
                  row=_Row(lead, support, when, table_group)), table_group


def _row_task(
    draft: _Draft,
    body: str,
    issued_on: dt.date | None,
    issue_year: int | None,
    calendar: Calendar,
) -> Task | None:
    """A table row's task: lead, support and time from its columns."""
    row = draft.row
    assert row is not None
    lead = split_units(row.lead.replace(";", ",")) or list(row.group or [])
    if not lead:
        return None
    support = [u for u in split_units(row.support.replace(";", ",")) if u not in lead]
    deadline = None
    if row.when:
        label = "Thời gian hoàn thành: "
        found = find_deadline(label + row.when, issued_on=issued_on, issue_year=issue_year,
                              calendar=calendar)
        if found is not None:
            text = found.text[len(label):] if found.text.startswith(label) else found.text
            deadline = Deadline(found.due, text.strip(" :") or row.when, found.standing, 0, 0)
    recurring = (deadline is not None and deadline.standing) or (
        deadline is None and is_recurring_text(row.when))
    first_para, first_a, _ = draft.pieces[0]
    last_para, _, last_b = draft.pieces[-1]
    return Task(
        text=body, lead=tuple(lead), support=tuple(support),
        due=deadline.due if deadline is not None and not deadline.standing else None,
        due_text=deadline.text if deadline is not None else None, recurring=recurring,
        start=first_para.to_source(first_a), end=last_para.to_source(last_b))


def extract_tasks(
    text: str,
    body_start: int,
    body_end: int,
    *,
    recipients: tuple[str, ...],
    issued_on: dt.date | None,
    issue_year: int | None,
    calendar: Calendar,
) -> tuple[Task, ...]:
    """Find the tasks in the body lines ``body_start``..``body_end``."""
    paras = _paragraphs(text, body_start, body_end)
    addressees: list[str] = []
    for r in recipients:
        addressees.extend(split_units(r))
    drafts: list[_Draft] = []
    context: dict[int, list[str] | None] = {}
    open_task: _Draft | None = None
    group = 0
    closed = False

    def context_lead(level: int) -> list[str] | None:
        for lv in sorted(context, reverse=True):
            if lv < level and context[lv]:
                return context[lv]
        return None

    table: dict[str, int] | None = None
    table_group: list[str] | None = None
    last_row: _Draft | None = None
    for para in paras:
        ptext = para.text
        if not ptext.strip() or _PAREN_ONLY.match(ptext.strip()):
            continue
        if para.marker == "row":
            open_task = None
            if closed:
                continue
            header = _table_columns([c for _, c in _row_cells(ptext)])
            if header is not None:
                table, table_group, last_row = header, None, None
            elif table is not None:
                row, table_group = _row_step(para, table, group, table_group, last_row)
                if row is not None:
                    drafts.append(row)
                    last_row = row
            continue
        if table is not None and (_is_heading(para) or para.marker in ("rom", "num")):
            named = _group_lead(ptext) if verb_boundary(ptext) is None else None
            if named is not None:
                # A merged cell spanning the table, flattened to a line of its own.
                table_group, last_row = named, None
                continue
            table_group, last_row = None, None  # a heading: rows may follow under it
        else:
            table, table_group, last_row = None, None, None
        if para.marker in ("num", "rom", "let", "dash"):
            for lv in [lv for lv in context if lv >= para.level]:
                del context[lv]
        if closed:
            continue
        if _is_heading(para):
            duty = _DUTY_HEADING.match(ptext)
            if duty and is_unit_start(ptext[duty.end():]):
                context[para.level] = split_units(ptext[duty.end():])
            elif is_unit_start(ptext) and verb_boundary(ptext) is None:
                context[para.level] = split_units(ptext)
            else:
                context[para.level] = None
            open_task = None
            group += 1
            continue
        narration_para = bool(_NARRATION.match(ptext))
        stripped = ptext.rstrip()
        if stripped.endswith(":") and find_deadline(
            ptext, issued_on=issued_on, issue_year=issue_year, calendar=calendar
        ) is None:
            d = _find_directive(ptext, 0, len(ptext), narration=narration_para)
            lead = d.lead if d and d.lead and (d.trigger or para.marker) else None
            if para.marker in ("num", "rom"):
                context[para.level] = lead
            elif lead:
                context[para.level if para.marker else 0] = lead
            open_task = None
            group += 1
            continue
        current: _Draft | None = None
        first_sentence = True
        for sa, sb in _sentences(ptext):
            sentence = ptext[sa:sb]
            narration = bool(_NARRATION.match(sentence))
            sd = None
            statement = _is_statement(sentence)
            if not sentence.startswith("Lưu ý") and not statement:
                sd = _find_directive(ptext, sa, sb, narration=narration)
            if _is_closing(sentence, sd) and find_deadline(
                sentence, issued_on=issued_on, issue_year=issue_year, calendar=calendar
            ) is None:
                if first_sentence and _CLOSING_START.match(sentence):
                    closed = closed or (drafts != [] and para is paras[-1])
                break
            for ci, (ca, cb) in enumerate(_clauses(ptext, sa, sb)):
                d = sd
                if ci > 0 and not sentence.startswith("Lưu ý"):
                    d = _find_directive(ptext, ca, cb, narration=narration)
                if ci > 0 and d is not None and not d.trigger and current is not None and \
                        _same_units(d.lead, current.lead):
                    d = None
                if d is not None and ci == 0 and first_sentence and not d.trigger and \
                        para.marker not in ("num", "let") and open_task is not None and \
                        _same_units(d.lead, open_task.lead) and not (
                            para.marker == "dash"
                            and {_key(u) for u in d.lead} != {_key(u) for u in open_task.lead}):
                    # Same unit again in a new paragraph: it elaborates the last task.
                    current = open_task
                    current.pieces.append((para, ca, cb))
                    continue
                # A deadline sentence after numbered items belongs to the last item.
                if (d is not None and first_sentence and ci == 0 and para.marker is None
                        and open_task is not None
                        and (not d.lead or _same_units(d.lead, open_task.lead)
                             or _same_units(d.lead, addressees)
                             or any(_GENERIC_LEAD.match(u) for u in d.lead)
                             or any(fold(u).replace(" ", "") in fold(sentence).replace(" ", "")
                                    for u in open_task.lead))
                        and _DEADLINE_SENTENCE_PRED.match(ptext[d.predicate:cb].strip())):
                    found = find_deadline(ptext[sa:], issued_on=issued_on,
                                          issue_year=issue_year, calendar=calendar)
                    if found is not None:
                        current = open_task
                        current.pieces.append((para, ca, cb))
                        for sib in reversed(drafts):
                            if sib.group != current.group:
                                break
                            if sib is not current and sib.item:
                                sib.extra_deadline = sib.extra_deadline or found
                        continue
                if (d is not None and d.trigger and ci == 0 and first_sentence
                        and para.marker in ("let", "dash") and sentence.startswith("Chỉ đạo ")
                        and context_lead(para.level)):
                    d = _Directive([], d.start, d.predicate, True)
                if d is not None and (current is None or not _same_units(d.lead, current.lead)):
                    lead = d.lead
                    if d.to_addressees and addressees:
                        lead = addressees
                    explicit = bool(lead)
                    if not lead:
                        lead = context_lead(para.level if para.marker else 99) or (
                            addressees if para.marker in ("num", "let") else []
                        )
                    if not lead and not d.trigger:
                        continue
                    start = d.start if ci == 0 else ca
                    current = _Draft([(para, start, cb)], list(lead), group,
                                     para.marker in ("num", "let"), units_explicit=explicit)
                    drafts.append(current)
                    continue
                if current is None and first_sentence and ci == 0 and not statement and (
                        para.marker in ("num", "let")
                        or (para.marker == "dash" and context_lead(para.level))
                        # "Điều 5. Trách nhiệm của X" / "Thường xuyên nắm bắt ...": X's duty.
                        or (para.marker is None and not narration and starts_with_verb(sentence)
                            and context_lead(99))) and \
                        not _describes_unit(ptext, ca, cb):
                    lead = context_lead(para.level if para.marker else 99) or addressees
                    if lead:
                        current = _Draft([(para, ca, cb)], list(lead), group, True,
                                         units_explicit=False)
                        drafts.append(current)
                        continue
                if current is not None:
                    current.pieces.append((para, ca, cb))
                elif (ci == 0 and first_sentence and open_task is not None
                      and (sentence.startswith("Lưu ý") or find_deadline(
                          sentence, issued_on=issued_on, issue_year=issue_year,
                          calendar=calendar) is not None)):
                    if para.marker in ("num", "let") and not sentence.startswith("Lưu ý"):
                        # A new item with a deadline of its own whose unit is not recognised:
                        # its own task, not the tail of the item above.
                        current = _Draft([(para, ca, cb)], [], group, True, units_explicit=False)
                        drafts.append(current)
                        continue
                    current = open_task
                    current.pieces.append((para, ca, cb))
                    if para.marker is None and open_task.item and _TRAILING_DEADLINE.match(sentence):
                        # "Báo cáo gửi về ... trước ngày X" after the items: every item's deadline.
                        found = find_deadline(sentence, issued_on=issued_on,
                                              issue_year=issue_year, calendar=calendar)
                        for sib in reversed(drafts):
                            if sib.group != current.group:
                                break
                            if sib is not current and sib.item:
                                sib.extra_deadline = sib.extra_deadline or found
            first_sentence = False
        open_task = current
    tasks: list[Task] = []
    for draft in drafts:
        body = draft.text()
        if not body:
            continue
        if draft.row is not None:
            task = _row_task(draft, body, issued_on, issue_year, calendar)
            if task is not None:
                tasks.append(task)
            continue
        deadline = find_deadline(body, issued_on=issued_on, issue_year=issue_year,
                                 calendar=calendar)
        if deadline is None and draft.extra_deadline is not None:
            deadline = draft.extra_deadline
        support: list[str] = []
        for sm in _SUPPORT.finditer(body):
            phrase = unit_phrase_at(body, sm.end())
            if phrase is not None:
                support = [u for u in split_units(phrase[0]) if not _same_units([u], draft.lead)]
                break
        standing = deadline is not None and deadline.standing
        due = deadline.due if deadline is not None and not standing else None
        recurring = standing or (deadline is None and is_recurring_text(body))
        first_para, first_a, _ = draft.pieces[0]
        last_para, _, last_b = draft.pieces[-1]
        tasks.append(
            Task(
                text=body,
                lead=tuple(draft.lead),
                support=tuple(support),
                due=due,
                due_text=deadline.text if deadline is not None else None,
                recurring=recurring,
                start=first_para.to_source(first_a),
                end=last_para.to_source(last_b),
            )
        )
    return tuple(tasks)
