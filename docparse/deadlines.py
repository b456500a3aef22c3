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
from docparse.dates import (
    ROMAN_QUARTERS,
    SEXAGENARY,
    lunar_new_year,
    make_date,
    month_end,
    quarter_end,
    sexagenary_year,
)

_B = r"(?<![\w])"
# "chậm nhất", also as OCR and hurried typing give it ("chậm nhât", "cham nhat").
_LATEST = r"ch[ậâa]m nh[ấâa]t(?: là)?"
# Words that put a fixed date (or a month, quarter, year) in deadline position.
# "trước", also as OCR gives it ("trưóc", "truoc").
_BEFORE = r"tr[ưu][ớóơo]c"
_TRIGGER = (
    r"(?:(?:thời )?hạn hoàn thành(?: mới)?\s?:?|thời gian hoàn thành\s?:|thời hạn\s?:?"
    r"|hạn chót\s?:?|(?<!quá )hạn\s?:?|" + _LATEST + r"|" + _BEFORE + r")"
)
_PERIOD_TRIGGER = (
    r"(?:thời hạn hoàn thành(?: mới)?\s?:?|thời gian hoàn thành\s?:|thời hạn\s?:?"
    r"|" + _LATEST + r"|" + _BEFORE + r"|trong|hoàn thành|tại (?:kỳ|phiên|cuộc) họp[^.;:\n]{0,80}?)"
)
# A clock time before the day: "trước 16 giờ 00 ngày 20/3/2025", "trước 16h30, ngày 5/3".
_CLOCK = r"(?:\d{1,2}\s?(?:giờ|h|g)(?:\s?\d{2}(?:\s?phút|')?)?,?\s{1,3})?"
_DAY_MONTH = (
    r"(?:ngày\s{1,3})?(?:(?P<d>\d{1,2})\s?[/.\-]\s?(?P<m>\d{1,2})(?:\s?[/.\-]\s?(?P<y>\d{4}))?"
    r"|(?P<d2>\d{1,2})\s(?:tháng|/)\s?(?P<m2>\d{1,2})(?:,?\s(?:năm\s)?(?P<y2>\d{4}))?)(?![\d/])"
)
_FLAGS = re.IGNORECASE
_DATE_RE = re.compile(_B + rf"(?P<trig>{_TRIGGER})\s{{1,3}}{_CLOCK}{_DAY_MONTH}", _FLAGS)
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
    r"(?:(?:\s?/\s?|\snăm\s)(?P<y>\d{4})|(?![\d/]|\s?[-–]|\snăm))",
    _FLAGS,
)
# Deadlines counted from the issue date: "ngay trong ngày", "trong tuần", "trong tuần tới".
_SAME_DAY_RE = re.compile(
    _B + r"(?:ngay\s)?trong\s(?:ngày(?:\shôm\snay)?|(?P<week>tuần)(?:\s(?P<next>này|tới|sau))?)"
    r"(?=\s*(?:[.;,)]|$))",
    _FLAGS,
)
_FREQUENCY_BEFORE = re.compile(r"(?:lần|buổi|lượt|ca|ngày|giờ|tiết)\s$", _FLAGS)
# "trước Tết Nguyên đán (Bính Ngọ | năm 2026)": the first day of the lunar new year.
_TET_RE = re.compile(
    _B + rf"(?P<trig>{_BEFORE}|{_LATEST})\s(?:dịp\s)?Tết"
    r"(?:\sNguyên\s[đĐ]án|\s(?P<solar>Dương\slịch)|\s(?P<other>Trung\sthu|Đoan\sngọ|Hàn\sthực))?"
    r"(?:\s(?P<name>[^\W\d_]+\s[^\W\d_]+)|\s(?:năm\s)?(?P<y>\d{4}))?",
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


_EVENT_START = re.compile(
    r"tiếp nhận|nhận (?:được )?(?:đủ )?(?:hồ sơ|đơn|phản ánh|kiến nghị|yêu cầu|đề nghị|báo cáo"
    r"|ý kiến|thông tin)"
)
# Every deadline form holds a digit or a "hằng/hàng" standing phrase.
_WORTH_SCANNING = re.compile(r"\d|hằng|hàng|trong ngày|trong tuần|tết", re.IGNORECASE)


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


def _undated(due: dt.date | None, issued_on: dt.date | None) -> dt.date | None:
    """A day or month written without its year takes the issue year, or the next one
    when that would put it months before the letter ("trước ngày 5/1" in late December)."""
    if due is None or issued_on is None or due >= issued_on - dt.timedelta(days=120):
        return due
    return make_date(due.year + 1, due.month, due.day) or month_end(due.year + 1, due.month)


def _tet(m: re.Match[str], issued_on: dt.date | None, issue_year: int | None) -> dt.date | None:
    """The Tết a "trước Tết ..." phrase names: by its year, its cyclical name, or the next one.

    "Tết Dương lịch" is the first of January; the other lunar feasts are not fixed here."""
    if m.group("other"):
        return None
    if m.group("solar"):
        year = int(m.group("y")) if m.group("y") else (
            issued_on.year + 1 if issued_on is not None else None)
        return dt.date(year, 1, 1) if year else None
    if m.group("y"):
        return lunar_new_year(int(m.group("y")))
    name = SEXAGENARY.fullmatch(m.group("name") or "")
    if name and issue_year:
        year = sexagenary_year(name.group("stem"), name.group("branch"), issue_year)
        return lunar_new_year(year) if year else None
    if issued_on is None:
        return None
    tet = lunar_new_year(issued_on.year)
    if tet is not None and tet >= issued_on:
        return tet
    return lunar_new_year(issued_on.year + 1)


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
        if not (m.group("y") or m.group("y2")):
            due = _undated(due, issued_on)
        if due is not None:
            add(m, due)
    has_month = "tháng" in low
    for m in _MONTH_RE.finditer(text) if has_month else ():
        if m.group("y"):
            add(m, month_end(int(m.group("y")), int(m.group("m"))))
        elif issue_year is not None:
            add(m, _undated(month_end(issue_year, int(m.group("m"))), issued_on))
    if issued_on is not None and ("trong ngày" in low or "trong tuần" in low):
        for m in _SAME_DAY_RE.finditer(text):
            if _FREQUENCY_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue  # "02 lần trong tuần" says how often, not by when
            due = issued_on
            if m.group("week"):
                due = issued_on + dt.timedelta(days=6 - issued_on.weekday())
                if m.group("next") and m.group("next").lower() != "này":
                    due += dt.timedelta(days=7)
            add(m, due)
    for m in _TET_RE.finditer(text) if "tết" in low else ():
        due = _tet(m, issued_on, issue_year)
        if m.group("name") and not SEXAGENARY.fullmatch(m.group("name")):
            phrase = m.group(0)[: m.start("name") - m.start()].strip()
            found.append(Deadline(due, phrase, False, m.start(), m.start("name") - 1))
            continue
        add(m, due)
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
        if _EVENT_START.search(what):
            # "kể từ ngày tiếp nhận (hồ sơ)": counted from each case, not from this letter.
            start = None
        elif what and not any(w in what for w in ("ký", "nhận", "ban hành", "văn bản")):
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
