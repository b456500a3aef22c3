"""The deadline grammar: Vietnamese deadline phrases -> a due date.

Only phrases with a deadline word in front count ("trước ngày", "chậm nhất",
"hạn", "trong tháng", "tại kỳ họp tháng", "Thời gian hoàn thành: ..."), so a
year that names a law or a plan ("Luật Đất đai năm 2024") is never a deadline.
Every pattern is a bounded sequence of literals and character classes, so
matching stays linear in the text size.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from docparse.calendar import Calendar
from docparse.dates import ROMAN_QUARTERS, make_date, month_end, quarter_end

_B = r"(?<![\w])"
# "chậm nhất", also as OCR and hurried typing give it ("chậm nhât", "cham nhat").
_LATEST = r"ch[ậâa]m nh[ấâa]t(?: là)?"
# Words that put a fixed date (or a month, quarter, year) in deadline position.
_TRIGGER = (
    r"(?:(?:thời )?hạn hoàn thành(?: mới)?\s?:?|thời gian hoàn thành\s?:|thời hạn\s?:?"
    r"|hạn chót\s?:?|(?<!quá )hạn\s?:?|" + _LATEST + r"|trước)"
)
_PERIOD_TRIGGER = (
    r"(?:thời hạn hoàn thành(?: mới)?\s?:?|thời gian hoàn thành\s?:|thời hạn\s?:?"
    r"|" + _LATEST + r"|trước|trong|hoàn thành|tại (?:kỳ|phiên|cuộc) họp[^.;:\n]{0,80}?)"
)
_DAY_MONTH = (
    r"(?:ngày\s{1,3})?(?:(?P<d>\d{1,2})\s?[/.\-]\s?(?P<m>\d{1,2})(?:\s?[/.\-]\s?(?P<y>\d{4}))?"
    r"|(?P<d2>\d{1,2})\s(?:tháng|/)\s?(?P<m2>\d{1,2})(?:,?\s(?:năm\s)?(?P<y2>\d{4}))?)(?![\d/])"
)
_FLAGS = re.IGNORECASE
_DATE_RE = re.compile(_B + rf"(?P<trig>{_TRIGGER})\s{{1,3}}{_DAY_MONTH}", _FLAGS)
_STANDING_RE = re.compile(
    _B + rf"(?P<trig>{_TRIGGER})\s{{1,3}}ngày\s(?P<d>\d{{1,2}})\s"
    r"(?:(?:hằng|hàng)\s(?:tháng|quý|năm)|của\stháng\s(?:cuối|đầu)\squý)",
    _FLAGS,
)
_STANDING_MEETING_RE = re.compile(
    _B + r"tại (?:kỳ|phiên|cuộc) họp[^.;:\n]{0,80}?(?:hằng|hàng) (?:tháng|quý|tuần)", _FLAGS
)
_MONTH_RE = re.compile(
    _B + rf"(?P<trig>{_PERIOD_TRIGGER})\s(?:cuối\s)?tháng\s(?P<m>\d{{1,2}})"
    r"(?:\s?/\s?|\snăm\s)(?P<y>\d{4})",
    _FLAGS,
)
_QUARTER_RE = re.compile(
    _B + rf"(?P<trig>{_PERIOD_TRIGGER})\s(?:cuối\s)?quý\s(?P<q>IV|III|II|I|[1-4])"
    r"(?:\s?/\s?|\snăm\s)(?P<y>\d{4})",
    _FLAGS,
)
_HALF_RE = re.compile(
    _B + rf"(?P<trig>{_PERIOD_TRIGGER})\s(?:6|sáu)\stháng\s(?P<h>đầu|cuối)\snăm\s(?P<y>\d{{4}})",
    _FLAGS,
)
_YEAR_RE = re.compile(
    _B + r"(?P<trig>thời hạn hoàn thành\s?:?|thời gian hoàn thành\s?:|chậm nhất(?: là)?"
    r"|hoàn thành trong|trong)\s(?:cuối\s)?năm\s(?P<y>\d{4})(?![\d/,]|\s?-)",
    _FLAGS,
)
_DAYS_RE = re.compile(
    _B + r"(?P<trig>trong(?: vòng| thời hạn)?|chậm nhất(?: là)?|sau)\s(?P<n>\d{1,3})\sngày"
    r"(?P<wd>\slàm\sviệc)?(?:,?\s(?:kể\s)?từ\s(?:ngày|khi)\s(?P<what>[^.;,\n]{0,60}))?",
    _FLAGS,
)
_RECURRING_RE = re.compile(
    _B + r"(?:thường xuyên|định kỳ|(?:hằng|hàng) (?:ngày|tuần|tháng|quý|năm))", _FLAGS
)
_PARENS = re.compile(r"\([^()]{0,300}\)")
# "hoàn thành" belongs to the action, not to the deadline words.
_LEADING_ACTION = re.compile(r"^(?:hoàn thành\s)(?=trong|trước)", _FLAGS)


# Every deadline form holds a digit or a "hằng/hàng" standing phrase.
_WORTH_SCANNING = re.compile(r"\d|hằng|hàng", re.IGNORECASE)


@dataclass(frozen=True)
class Deadline:
    """A deadline found in a task's text; offsets are relative to that text."""

    due: dt.date | None
    text: str
    standing: bool
    start: int
    end: int


def _year(value: str | None, issue_year: int | None) -> int | None:
    return int(value) if value else issue_year


def _candidates(
    text: str,
    issued_on: dt.date | None,
    issue_year: int | None,
    calendar: Calendar,
) -> list[Deadline]:
    found: list[Deadline] = []

    def add(m: re.Match[str], due: dt.date | None, standing: bool = False) -> None:
        phrase = _LEADING_ACTION.sub("", m.group(0)).strip(" ,")
        found.append(Deadline(due, phrase, standing, m.start(), m.end()))

    low = text.lower()
    # Cheap substring tests first: most sentences hold none of these words.
    standing_words = "hằng" in low or "hàng" in low or " quý" in low
    if standing_words:
        for m in _STANDING_RE.finditer(text):
            add(m, None, standing=True)
        for m in _STANDING_MEETING_RE.finditer(text):
            add(m, None, standing=True)
    for m in _DATE_RE.finditer(text) if ("/" in low or "." in low or "-" in low
                                         or "tháng" in low) else ():
        day = m.group("d") or m.group("d2")
        month = m.group("m") or m.group("m2")
        year = _year(m.group("y") or m.group("y2"), issue_year)
        if year is None:
            add(m, None)
            continue
        due = make_date(year, int(month), int(day))
        if due is not None:
            add(m, due)
    has_month = "tháng" in low
    for m in _MONTH_RE.finditer(text) if has_month else ():
        add(m, month_end(int(m.group("y")), int(m.group("m"))))
    for m in _QUARTER_RE.finditer(text) if "quý" in low else ():
        add(m, quarter_end(int(m.group("y")), ROMAN_QUARTERS[m.group("q").upper()]))
    for m in _HALF_RE.finditer(text) if has_month else ():
        month = 6 if m.group("h").lower() == "đầu" else 12
        add(m, month_end(int(m.group("y")), month))
    for m in _YEAR_RE.finditer(text) if "năm" in low else ():
        add(m, dt.date(int(m.group("y")), 12, 31))
    for m in _DAYS_RE.finditer(text) if " ngày" in low else ():
        if m.group("what") is None and not m.group("wd"):
            continue
        what = (m.group("what") or "").lower()
        start = issued_on
        if what and not any(w in what for w in ("ký", "nhận", "ban hành", "văn bản")):
            from docparse.dates import parse_date_at

            parsed = parse_date_at(m.group("what"))
            start = parsed[0] if parsed else None
        due = None
        if start is not None:
            days = int(m.group("n"))
            due = (
                calendar.add_working_days(start, days)
                if m.group("wd")
                else start + dt.timedelta(days=days)
            )
        phrase = m.group(0)
        if m.group("what"):
            # Keep the deadline words up to the reference point only.
            phrase = phrase.rstrip()
        found.append(Deadline(due, phrase.strip(" ,"), False, m.start(), m.end()))
    return found


def find_deadline(
    text: str,
    *,
    issued_on: dt.date | None,
    issue_year: int | None,
    calendar: Calendar,
) -> Deadline | None:
    """The deadline of one task: the first fixed one, else a standing one."""
    if not _WORTH_SCANNING.search(text):
        return None
    found = _candidates(text, issued_on, issue_year, calendar)
    if not found:
        return None
    standing_spans = [(d.start, d.end) for d in found if d.standing]
    fixed = [
        d
        for d in found
        if not d.standing and not any(s <= d.start < e for s, e in standing_spans)
    ]
    if fixed:
        return min(fixed, key=lambda d: (d.start, -d.end))
    return min(found, key=lambda d: d.start)


def is_recurring_text(text: str) -> bool:
    """True when the text describes a standing duty ("thường xuyên", "hằng tháng")."""
    return _RECURRING_RE.search(_PARENS.sub(" ", text)) is not None
