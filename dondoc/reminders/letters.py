"""Urging letters (văn bản đôn đốc): drafted from overdue or soon-due tasks, registered as outgoing documents.

The office picks tasks (of one unit or of many) and dondoc drafts a công văn in
the Nghị định 30/2020 layout: one letter per lead unit, or one letter to all the
units at once. Each task is one numbered item written the way the office writes
it — "Yêu cầu <đơn vị> … báo cáo … trước ngày dd/mm/yyyy …", with the source
document (kind, number, date), the task's content, its deadline and the days
overdue — so that dondoc's own extractor reads the letter back into the same
tasks, units and dates. Registering a letter makes it an outgoing Document,
links it to its tasks and writes "Đôn đốc lần N bằng văn bản số …" on each
task's timeline.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dondoc.calendar.service import add_working_days
from dondoc.documents.models import Direction, Document, DocumentFile, DocumentKind
from dondoc.errors import ActionForbidden, DomainError
from dondoc.officedocs import OfficialLetter, PdfConversionError, docx_to_pdf
from dondoc.org.access import Action, acting_unit, can, may_write_urging_letters
from dondoc.org.models import Role, Unit, User
from dondoc.reminders.models import SigningForm, UrgingLetter, UrgingLetterTask
from dondoc.tasks.events import record_event
from dondoc.tasks.models import EventKind, Task, TaskQuerySet
from dondoc.tasks.workflow import Status
from dondoc.text import fold

URGEABLE = (Status.ASSIGNED, Status.IN_PROGRESS, Status.RETURNED)
DEFAULT_REPORT_WORKING_DAYS = 5
NUMBER_SYMBOL = "UBND-VP"
PER_UNIT, COMBINED = "per_unit", "combined"

_SIGNING: dict[str, tuple[str, str, str, str]] = {
    SigningForm.TM: ("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Chủ tịch"),
    SigningForm.KT: ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
    SigningForm.TL: ("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Chánh Văn phòng"),
    SigningForm.CT: ("", "CHỦ TỊCH", "", "Chủ tịch"),
}
_PLACE = re.compile(
    r"^(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+",
    re.IGNORECASE,
)


def vn_date(day: dt.date) -> str:
    """A date as the body of a letter writes it: 5/3/2026."""
    return f"{day.day}/{day.month}/{day.year}"


def place_of(committee: Unit) -> str:
    return _PLACE.sub("", committee.name).strip() or committee.name


@dataclass
class LetterOptions:
    today: dt.date
    new_due: dt.date
    explanation: bool = False
    signing: str = SigningForm.KT
    signer_name: str = ""
    grouping: str = PER_UNIT
    number: str = ""


def default_options(user: User, today: dt.date | None = None) -> LetterOptions:
    """Report within 5 working days; signed by the committee's first leader (KT. for a deputy)."""
    today = today or timezone.localdate()
    committee = acting_unit(user)
    leader = (
        User.objects.filter(unit=committee, role=Role.LEADER, is_active=True).order_by("pk").first()
        if committee else None
    )
    signing = SigningForm.TL
    if leader is not None:
        signing = SigningForm.KT if "pho" in fold(leader.title) else SigningForm.TM
    return LetterOptions(
        today=today, new_due=add_working_days(today, DEFAULT_REPORT_WORKING_DAYS),
        signing=signing, signer_name=leader.display_name if leader else "",
    )


def urgeable_tasks(
    user: User, *, today: dt.date, overdue: bool = True, due_within: int | None = None,
    lead_units: Sequence[Unit] | None = None,
) -> TaskQuerySet:
    """Open tasks the person's committee assigned that are overdue or due within N working days."""
    committee = acting_unit(user)
    if committee is None or not may_write_urging_letters(user):
        return Task.objects.none()
    when = Q()
    if overdue or due_within is None:
        when |= Q(due_on__lt=today)
    if due_within is not None:
        when |= Q(due_on__gte=today, due_on__lte=add_working_days(today, due_within))
    qs = Task.objects.visible_to(user).filter(when, assigning_unit=committee, status__in=URGEABLE)
    if lead_units:
        qs = qs.filter(lead_unit__in=lead_units)
    return (
        qs.select_related("lead_unit", "assigning_unit", "document", "assignee")
        .prefetch_related("support_units")
        .annotate(urged_count=Count("urgings", distinct=True))
        .order_by("lead_unit__path", "due_on", "pk")
    )


@dataclass
class LetterDraft:
    committee: Unit
    units: list[Unit]
    tasks: list[Task]
    letter: OfficialLetter
    references: list[dict[str, str | None]] = field(default_factory=list)


def _source(task: Task) -> str:
    doc = task.document
    if doc is None:
        return _("theo chỉ đạo của lãnh đạo %(unit)s ngày %(day)s") % {
            "unit": task.assigning_unit.name, "day": vn_date(timezone.localdate(task.created_at)),
        }
    parts = [doc.get_kind_display()]
    if doc.number:
        parts.append(_("số %s") % doc.number)
    if doc.issued_on:
        parts.append(_("ngày %s") % vn_date(doc.issued_on))
    return _("tại %s") % " ".join(parts)


def urged_due(task: Task) -> dt.date:
    """The deadline of a task being urged: ``urgeable_tasks`` only finds tasks that have one."""
    if task.due_on is None:
        raise ValueError(f"task {task.pk} has no deadline to urge")
    return task.due_on


def _item(number: int, task: Task, committee: Unit, options: LetterOptions, urged_before: int) -> str:
    today, due = options.today, urged_due(task)
    if due < today:
        late = (today - due).days
        state = _("thời hạn hoàn thành ngày %(due)s, đã quá hạn %(n)d ngày") % {
            "due": vn_date(due), "n": late,
        }
    else:
        state = _("thời hạn hoàn thành ngày %(due)s") % {"due": vn_date(due)}
    if urged_before:
        state += _(", đã được đôn đốc %d lần") % urged_before
    text = " ".join(task.text.split()).rstrip(" .;")
    item = _(
        "%(n)d. Yêu cầu %(unit)s khẩn trương thực hiện và báo cáo kết quả cho %(committee)s "
        "(qua Văn phòng) **trước ngày %(new_due)s** đối với nhiệm vụ được giao %(source)s: "
        "“%(text)s” (%(state)s)."
    ) % {
        "n": number, "unit": task.lead_unit.name, "committee": committee.name,
        "new_due": vn_date(options.new_due), "source": _source(task), "text": text, "state": state,
    }
    if options.explanation and due < today:
        item += " " + _(
            "Đồng thời, giải trình rõ nguyên nhân chậm trễ, kiểm điểm trách nhiệm của tập thể, "
            "cá nhân có liên quan."
        )
    return item


def build_letter(committee: Unit, tasks: list[Task], options: LetterOptions, *, number: str = "") -> LetterDraft:
    units: list[Unit] = []
    for task in tasks:
        if task.lead_unit not in units:
            units.append(task.lead_unit)
    overdue = [t for t in tasks if urged_due(t) < options.today]
    subject = (
        _("đôn đốc thực hiện nhiệm vụ quá hạn") if len(overdue) == len(tasks)
        else _("đôn đốc thực hiện nhiệm vụ được giao")
    )
    who = units[0].name if len(units) == 1 else _("các cơ quan, đơn vị")
    counts = _("%(who)s còn %(n)d nhiệm vụ chưa hoàn thành") % {"who": who, "n": len(tasks)}
    if overdue and len(overdue) < len(tasks):
        counts += _(", trong đó %d nhiệm vụ đã quá hạn") % len(overdue)
    elif overdue:
        counts += _(", đều đã quá hạn")
    opening = _(
        "Qua theo dõi tình hình thực hiện các nhiệm vụ do %(committee)s giao, đến ngày %(day)s, "
        "%(counts)s. Để bảo đảm tiến độ, Chủ tịch %(committee)s có ý kiến như sau:"
    ) % {"committee": committee.name, "day": vn_date(options.today), "counts": counts}
    body = [opening]
    for i, task in enumerate(tasks, start=1):
        body.append(_item(i, task, committee, options, getattr(task, "urged_count", 0)))
    body.append(_(
        "Trường hợp có khó khăn, vướng mắc, kịp thời báo cáo, đề xuất %(committee)s (qua Văn phòng) "
        "để xem xét, chỉ đạo."
    ) % {"committee": committee.name})
    body.append(_("Nhận được Công văn này, đề nghị %(who)s nghiêm túc triển khai thực hiện./.") % {
        "who": units[0].name if len(units) == 1 else _("các cơ quan, đơn vị")
    })
    prefix, role, title, _title = _SIGNING[options.signing]
    short = committee.short_name or committee.name
    letter = OfficialLetter(
        issuer_parent=committee.parent.name if committee.parent is not None else "",
        issuer=committee.name, number=number or f"      /{NUMBER_SYMBOL}",
        place=place_of(committee), date=options.today, subject=subject,
        salutation_to=[u.name for u in units], body_paragraphs=body,
        recipients=[_("Như trên"), _("Chủ tịch, các Phó Chủ tịch %s") % short],
        archive=_("Lưu: VT, VP."), signer_prefix=prefix, signer_role=role, signer_title=title,
        signer_name=options.signer_name,
    )
    references: list[dict[str, str | None]] = []
    for task in tasks:
        doc = task.document
        if doc is not None and doc.number and all(r["number"] != doc.number for r in references):
            references.append({"number": doc.number, "date": doc.issued_on.isoformat() if doc.issued_on else None})
    return LetterDraft(committee, units, tasks, letter, references)


def _check(by: User, tasks: Sequence[Task], options: LetterOptions) -> Unit:
    if not may_write_urging_letters(by):
        raise ActionForbidden(_("Chỉ Văn phòng và lãnh đạo Ủy ban mới được soạn văn bản đôn đốc."))
    if not tasks:
        raise DomainError(_("Vui lòng chọn ít nhất một nhiệm vụ cần đôn đốc."), field="tasks")
    for task in tasks:
        if not can(by, task, Action.URGE):
            raise ActionForbidden(
                _("Anh/chị không có quyền đôn đốc nhiệm vụ: %s") % task.short_text
            )
        if task.status not in URGEABLE or task.due_on is None:
            raise DomainError(
                _("Nhiệm vụ không còn ở trạng thái cần đôn đốc: %s") % task.short_text, field="tasks"
            )
    if options.new_due <= options.today:
        raise DomainError(_("Hạn báo cáo mới phải sau ngày hôm nay."), field="new_due")
    if options.signing not in _SIGNING:
        raise DomainError(_("Thể thức ký không hợp lệ."), field="signing")
    if not options.signer_name.strip():
        raise DomainError(_("Vui lòng nhập họ tên người ký."), field="signer_name")
    committees = {t.assigning_unit_id for t in tasks}
    if len(committees) != 1:
        raise DomainError(_("Các nhiệm vụ trong một văn bản phải do cùng một cơ quan giao."), field="tasks")
    return tasks[0].assigning_unit


def urging_letters_draft(*, by: User, tasks: Sequence[Task], options: LetterOptions) -> list[LetterDraft]:
    """The letters for ``tasks``: one per lead unit, or one for all (``options.grouping``)."""
    tasks = sorted(tasks, key=lambda t: (t.lead_unit.path, t.due_on, t.pk))
    committee = _check(by, tasks, options)
    if options.grouping == COMBINED:
        return [build_letter(committee, list(tasks), options)]
    by_unit: dict[int, list[Task]] = {}
    for task in tasks:
        by_unit.setdefault(task.lead_unit_id, []).append(task)
    return [build_letter(committee, group, options) for group in by_unit.values()]


def _outgoing_numbers(committee: Unit, year: int) -> list[str]:
    return list(Document.objects.filter(
        issuer_unit=committee, direction=Direction.OUTGOING, issued_on__year=year
    ).values_list("number", flat=True))


def _serial(number: str) -> int | None:
    """The running number of "12/UBND-VP" (12): one sequence per committee and year (NĐ 30/2020)."""
    match = re.match(r"\s*0*(\d{1,9})(?!\d)", number or "")
    return int(match.group(1)) if match else None


def _next_number(committee: Unit, year: int) -> str:
    used = [n for number in _outgoing_numbers(committee, year) if (n := _serial(number)) is not None]
    return f"{max(used, default=0) + 1:02d}/{NUMBER_SYMBOL}"


def number_problem(committee: Unit, number: str, year: int) -> str | None:
    """Why ``number`` cannot be given to a new outgoing letter of ``committee`` in ``year``
    (already used: the same running number, or the same text), or None."""
    number = number.strip()
    if not number:
        return None
    serial, key = _serial(number), "".join(fold(number).split())
    for used in _outgoing_numbers(committee, year):
        if (serial is not None and _serial(used) == serial) or "".join(fold(used).split()) == key:
            return _(
                "Số văn bản %(number)s đã được dùng cho văn bản đi “%(used)s” của %(committee)s "
                "trong năm %(year)d; vui lòng nhập số khác hoặc để trống để dondoc cấp số tiếp theo."
            ) % {"number": number, "used": used, "committee": committee.name, "year": year}
    return None


@transaction.atomic
def urging_letters_register(
    *, by: User, tasks: Sequence[Task], options: LetterOptions, token: str = ""
) -> list[UrgingLetter]:
    """Issue the drafted letters: number, outgoing Document, links, and a timeline entry per task.

    Numbers are given under a lock on the committee's row, so two registrations never share
    one, and a typed-in number already used that year is refused. With a ``token`` (one per
    drafting in the wizard) registering twice returns the letters of the first time."""
    task_ids = [t.pk for t in tasks]
    # Lock the tasks (their urging count) and the committee (the letter numbers).
    locked = list(
        Task.objects.select_for_update().filter(pk__in=task_ids).order_by("pk")
    )
    fresh = list(
        Task.objects.filter(pk__in=[t.pk for t in locked])
        .select_related("lead_unit", "assigning_unit", "document").prefetch_related("support_units")
        .annotate(urged_count=Count("urgings", distinct=True))
    )
    if len(fresh) != len(set(task_ids)):
        raise DomainError(_("Có nhiệm vụ không còn tồn tại; vui lòng chọn lại."), field="tasks")
    drafts = urging_letters_draft(by=by, tasks=fresh, options=options)
    if options.number.strip() and len(drafts) > 1:
        raise DomainError(_("Chỉ nhập số văn bản khi soạn một văn bản."), field="number")
    committee = Unit.objects.select_for_update().get(pk=drafts[0].committee.pk)
    if token:
        already = [letter for letter in registered_with(token) if letter.committee_id == committee.pk]
        if already:
            return already
    problem = number_problem(committee, options.number, options.today.year)
    if problem:
        raise DomainError(problem, field="number")
    letters = []
    for i, draft in enumerate(drafts):
        number = options.number.strip() or _next_number(committee, options.today.year)
        letters.append(_register_one(by, draft, options, number, f"{token}:{i}" if token else ""))
    return letters


def registered_with(token: str) -> list[UrgingLetter]:
    """The letters registered with one drafting's token (none when it was not used yet)."""
    if not token:
        return []
    return list(
        UrgingLetter.objects.filter(request_token__startswith=f"{token}:")
        .select_related("document").order_by("pk")
    )


def _register_one(
    by: User, draft: LetterDraft, options: LetterOptions, number: str, request_token: str
) -> UrgingLetter:
    letter = draft.letter
    letter.number = number
    data = letter.to_docx()
    signer_title = _SIGNING[options.signing][3]
    document = Document.objects.create(
        kind=DocumentKind.CONG_VAN, direction=Direction.OUTGOING, number=number,
        issuer=draft.committee.name, issuer_unit=draft.committee, unit=draft.committee,
        place=letter.place, issued_on=options.today, subject=letter.subject,
        signer=options.signer_name, signer_title=signer_title,
        recipients=[u.name for u in draft.units], references=draft.references,
        text=letter.to_text(), created_by=by,
    )
    filename = f"cong-van-{number.replace('/', '-')}-don-doc.docx"
    DocumentFile.objects.create(document=document, file=ContentFile(data, name=filename), name=filename, size=len(data))
    urging = UrgingLetter(
        document=document, committee=draft.committee, new_due=options.new_due,
        explanation_requested=options.explanation, signing=options.signing,
        signer_name=options.signer_name, created_by=by, request_token=request_token,
    )
    urging.docx.save(filename, ContentFile(data), save=False)
    urging.save()
    for position, task in enumerate(draft.tasks):
        sequence = getattr(task, "urged_count", 0) + 1
        UrgingLetterTask.objects.create(letter=urging, task=task, sequence=sequence, position=position)
        record_event(
            task, EventKind.URGED, by=by,
            after={"document": document, "number": number, "new_due": options.new_due,
                   "sequence": sequence, "explanation": options.explanation},
            note=_("Đôn đốc lần %(n)d bằng văn bản số %(number)s ngày %(day)s; hạn báo cáo %(due)s.") % {
                "n": sequence, "number": number, "day": f"{options.today:%d/%m/%Y}",
                "due": f"{options.new_due:%d/%m/%Y}",
            },
        )
    return urging


def attach_pdf(letter: UrgingLetter) -> str | None:
    """Make the PDF copy of a registered letter; returns a message for the clerk when it cannot."""
    with letter.docx.open("rb") as handle:
        data = handle.read()
    try:
        pdf = docx_to_pdf(data)
    except PdfConversionError as exc:
        return str(exc)
    letter.pdf.save(letter.docx.name.rsplit("/", 1)[-1].replace(".docx", ".pdf"), ContentFile(pdf))
    return None
