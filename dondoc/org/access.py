"""Who may see and do what: the only place permissions are decided.

A person's *relations* to a task come from their unit and role:

- ASSIGNER: leaders and heads of the assigning unit, and the trackers of the
  office that serves it (the side that confirms, returns, extends, withdraws);
- LEAD_HEAD / LEAD_STAFF: the head and the staff of the lead unit;
- ASSIGNEE: the person the task was passed down to;
- SUPPORT: members of a supporting unit;
- ABOVE: members of a unit above the lead, supporting or assigning unit (they see it);
- ADMIN: the system administrator (sees everything, changes nothing in the work).

``PERMISSIONS`` says which relations may take each action. Views and API
endpoints fetch through ``get_task_for`` (404 when the task is not visible,
403 when the action is not allowed); services call ``require``.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _

from dondoc.errors import ActionForbidden
from dondoc.org.models import Role, Unit, UnitKind, UnitQuerySet, User

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from dondoc.documents.models import Document, ExtractionRun
    from dondoc.tasks.models import Task, TaskQuerySet


class Action(enum.StrEnum):
    VIEW = "view"
    START = "start"
    REPORT_PROGRESS = "report_progress"
    ADD_NOTE = "add_note"
    REQUEST_EXTENSION = "request_extension"
    SUBMIT = "submit"
    DELEGATE = "delegate"
    CONFIRM = "confirm"
    RECORD_COMPLETION = "record_completion"
    RETURN = "return"
    DECIDE_EXTENSION = "decide_extension"
    CHANGE_DUE = "change_due"
    EDIT = "edit"
    PAUSE = "pause"
    RESUME = "resume"
    WITHDRAW = "withdraw"
    URGE = "urge"


class Relation(enum.StrEnum):
    ASSIGNER = "assigner"
    LEAD_HEAD = "lead_head"
    LEAD_STAFF = "lead_staff"
    ASSIGNEE = "assignee"
    SUPPORT = "support"
    ABOVE = "above"
    ADMIN = "admin"


_DOERS = frozenset({Relation.LEAD_HEAD, Relation.ASSIGNEE})
_ASSIGNER = frozenset({Relation.ASSIGNER})

PERMISSIONS: dict[Action, frozenset[Relation]] = {
    Action.VIEW: frozenset(Relation),
    Action.START: _DOERS | {Relation.LEAD_STAFF},
    Action.REPORT_PROGRESS: _DOERS | {Relation.LEAD_STAFF},
    Action.ADD_NOTE: frozenset({Relation.SUPPORT, Relation.ASSIGNER}),
    Action.REQUEST_EXTENSION: _DOERS,
    Action.SUBMIT: _DOERS,
    Action.DELEGATE: frozenset({Relation.LEAD_HEAD}),
    Action.CONFIRM: _ASSIGNER,
    Action.RECORD_COMPLETION: _ASSIGNER,
    Action.RETURN: _ASSIGNER,
    Action.DECIDE_EXTENSION: _ASSIGNER,
    Action.CHANGE_DUE: _ASSIGNER,
    Action.EDIT: _ASSIGNER,
    Action.PAUSE: _ASSIGNER,
    Action.RESUME: _ASSIGNER,
    Action.WITHDRAW: _ASSIGNER,
    Action.URGE: _ASSIGNER,
}

_REFUSALS: dict[Action, str] = {
    Action.CONFIRM: "Chỉ đơn vị giao nhiệm vụ mới được xác nhận hoàn thành.",
    Action.RETURN: "Chỉ đơn vị giao nhiệm vụ mới được trả lại kết quả.",
    Action.SUBMIT: "Chỉ thủ trưởng đơn vị chủ trì hoặc người được giao mới được báo cáo hoàn thành.",
    Action.DELEGATE: "Chỉ thủ trưởng đơn vị chủ trì mới được giao tiếp nhiệm vụ.",
}


def acting_unit(user: User) -> Unit | None:
    """The unit whose work the person answers for: a tracker acts for the committee
    their office serves."""
    if user.unit is None:
        return None
    if user.role == Role.TRACKER:
        return user.unit.acts_for()
    return user.unit


def assigning_unit_for(user: User) -> Unit | None:
    """The unit on whose behalf this person assigns tasks, if they may assign at all."""
    if user.role in (Role.LEADER, Role.TRACKER, Role.HEAD):
        return acting_unit(user)
    return None


def relations(user: User, task: Task) -> set[Relation]:
    found: set[Relation] = set()
    if not user.is_authenticated or not user.is_active:
        return found
    if is_admin(user):
        found.add(Relation.ADMIN)
    unit = acting_unit(user)
    if task.assignee_id == user.pk:
        found.add(Relation.ASSIGNEE)
    if unit is None:
        return found
    if user.role in (Role.LEADER, Role.TRACKER, Role.HEAD) and task.assigning_unit_id == unit.pk:
        found.add(Relation.ASSIGNER)
    if task.lead_unit_id == user.unit_id:
        found.add(Relation.LEAD_HEAD if user.role == Role.HEAD else Relation.LEAD_STAFF)
    support = list(task.support_units.all())
    if any(s.pk == user.unit_id for s in support):
        found.add(Relation.SUPPORT)
    related = [task.lead_unit, task.assigning_unit, *support]
    if any(u.path.startswith(unit.path) for u in related):
        found.add(Relation.ABOVE)
    return found


def can(user: User, task: Task, action: Action) -> bool:
    return bool(relations(user, task) & PERMISSIONS[action])


def allowed_actions(user: User, task: Task) -> set[Action]:
    rels = relations(user, task)
    return {action for action, who in PERMISSIONS.items() if rels & who}


def available_actions(user: User, task: Task) -> set[str]:
    """What this person may do to this task now: the access rules and the workflow table agree
    (values of ``Action``)."""
    from dondoc.tasks.models import ExtensionStatus
    from dondoc.tasks.workflow import Status, allowed_targets

    rights = allowed_actions(user, task)
    by_target = {rule.action for rule in allowed_targets(task).values()}
    open_ = task.is_open
    found = {a for a in (Action.SUBMIT, Action.CONFIRM, Action.RETURN, Action.PAUSE,
                         Action.RESUME, Action.WITHDRAW) if a in by_target}
    if open_ and task.status != Status.PAUSED:
        found |= {Action.REPORT_PROGRESS, Action.DELEGATE}
    if open_:
        found |= {Action.CHANGE_DUE, Action.ADD_NOTE}
        if not any(r.status == ExtensionStatus.PENDING for r in task.extension_requests.all()):
            found.add(Action.REQUEST_EXTENSION)
        else:
            found.add(Action.DECIDE_EXTENSION)
    return {a.value for a in found & rights}


def require(user: User, task: Task, action: Action) -> None:
    if not can(user, task, action):
        message = _REFUSALS.get(action, "Anh/chị không có quyền thực hiện thao tác này với nhiệm vụ.")
        raise ActionForbidden(_(message))


def visible_tasks_filter(user: User) -> Q | None:
    """A filter on Task matching what ``relations`` grants VIEW; None means everything."""
    from dondoc.tasks.models import Task

    if is_admin(user):
        return None
    condition = Q(assignee=user)
    unit = acting_unit(user)
    if unit is None:
        return condition
    prefix = unit.path
    support_below = Task.support_units.through.objects.filter(
        task_id=OuterRef("pk"), unit__path__startswith=prefix
    )
    return Q(
        condition
        | Q(lead_unit__path__startswith=prefix)
        | Q(assigning_unit__path__startswith=prefix)
        | Exists(support_below)
    )


def filter_visible(queryset: TaskQuerySet, user: User) -> TaskQuerySet:
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    condition = visible_tasks_filter(user)
    return queryset if condition is None else queryset.filter(condition)


def get_task_for(user: User, pk: int, *, action: Action | None = None) -> Task:
    """The task ``pk`` if ``user`` may see it (else 404) and take ``action`` (else 403)."""
    from dondoc.tasks.models import Task

    try:
        task = Task.objects.visible_to(user).with_related().get(pk=pk)
    except (Task.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy nhiệm vụ hoặc anh/chị không có quyền xem.")) from None
    if action is not None and not can(user, task, action):
        raise PermissionDenied(_REFUSALS.get(action, _("Anh/chị không có quyền thực hiện thao tác này.")))
    return task


def may_assign_tasks(user: User) -> bool:
    """Manual task entry ("Giao nhiệm vụ"): leaders and the office, for the committee they act
    for (the administrator runs the system, he does not assign work)."""
    return bool(user.is_authenticated and user.is_active and user.role in (Role.LEADER, Role.TRACKER)
                and assigning_unit_for(user) is not None)


def sees_the_whole_committee(user: User) -> bool:
    """Whose home screen is the committee's dashboard: leaders, the office and the administrator."""
    return user.role in (Role.LEADER, Role.TRACKER) or is_admin(user)


def statistics_root(user: User) -> Unit | None:
    """The widest unit the person's statistics may cover (None: everything, for admins);
    403 for a person without a unit."""
    if is_admin(user):
        return None
    root = acting_unit(user)
    if root is None:
        raise PermissionDenied(_("Tài khoản chưa thuộc đơn vị nào nên không xem được thống kê."))
    return root


def may_see_person(user: User, pk: int) -> bool:
    """Whether the person ``pk`` works in the user's committee (anyone, for an administrator);
    people who have left still count, for the tasks they assigned."""
    if is_admin(user):
        return User.objects.filter(pk=pk).exists()
    return User.objects.filter(pk=pk, unit__in=units_for(user)).exists()


def visible_letters_filter(user: User) -> Q | None:
    """A filter on UrgingLetter: the committee's own letters for those who write them, the
    letters naming a task of one's unit for the others. None means everything."""
    if is_admin(user):
        return None
    if may_write_urging_letters(user):
        return Q(committee=acting_unit(user))
    if user.unit_id is None:
        return Q(pk__in=[])
    return Q(items__task__lead_unit=user.unit_id)


def may_write_urging_letters(user: User) -> bool:
    """The office (trackers) and the committee's leaders write urging letters."""
    return bool(user.is_authenticated and user.is_active and user.role in (Role.TRACKER, Role.LEADER))


def may_register_documents(user: User) -> bool:
    """Office trackers and leaders register directives and their tasks (admins run the system,
    they do not assign work)."""
    return user.is_active and user.role in (Role.TRACKER, Role.LEADER) and user.unit_id is not None


def may_see_unit(user: User, unit: Unit) -> bool:
    """Statistics and lists of a unit: the unit itself, units above it, the office and admins."""
    if is_admin(user):
        return True
    own = acting_unit(user)
    return own is not None and unit.path.startswith(own.path)


# Documents: visible through their tasks, or to the committee that registered them.


def visible_documents_filter(user: User) -> Q | None:
    """Documents with at least one task the person may see, plus every document their
    committee registered when they may register documents. None means everything."""
    from dondoc.tasks.models import Task

    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if is_admin(user):
        return None
    tasks = Task.objects.filter(document_id=OuterRef("pk"))
    task_condition = visible_tasks_filter(user)
    if task_condition is not None:
        tasks = tasks.filter(task_condition)
    condition = Q(Exists(tasks))
    unit = acting_unit(user)
    if may_register_documents(user) and unit is not None:
        condition |= Q(unit__path__startswith=unit.path)
    return condition


def get_document_for(user: User, pk: int) -> Document:
    """The document ``pk`` if ``user`` may see it, else 404."""
    from dondoc.documents.models import Document

    try:
        return Document.objects.visible_to(user).with_related().get(pk=pk)
    except (Document.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy văn bản hoặc anh/chị không có quyền xem.")) from None


def require_register(user: User) -> None:
    """403 unless the person may register documents (office trackers and leaders)."""
    if not may_register_documents(user):
        raise PermissionDenied(_("Chỉ Văn phòng và lãnh đạo mới được vào sổ văn bản giao nhiệm vụ."))


def get_run_for(user: User, pk: int) -> ExtractionRun:
    """A reading started by this person (runs are private to who uploaded them), else 404."""
    from dondoc.documents.models import ExtractionRun

    require_register(user)
    try:
        return ExtractionRun.objects.get(pk=pk, created_by=user)
    except (ExtractionRun.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy lượt đọc văn bản.")) from None


# Which part of the organisation a person works in: the units they may give work to, and the
# units and people their directory, pickers and menus show.


def assignable_units(user: User) -> UnitQuerySet:
    """The units this person may give work to: the current units of their own committee."""
    unit = acting_unit(user)
    if unit is None:
        return Unit.objects.none()
    return Unit.objects.current().subtree_of(unit.acts_for())


def is_admin(user: User) -> bool:
    """The system administrator (the admin role or a superuser): sees every committee and
    everything in it, and changes nothing in the work."""
    return user.role == Role.ADMIN or user.is_superuser


def home_committee(user: User) -> Unit | None:
    """The People's Committee the person works in: their acting unit's committee, or the
    nearest committee above it (a department, a commune or a sub-unit works in the province's
    organisation); the top of the tree when no committee is above."""
    unit = acting_unit(user)
    if unit is None:
        return None
    unit = unit.acts_for()
    if unit.kind == UnitKind.PEOPLES_COMMITTEE:
        return unit
    above = list(unit.ancestors().order_by("-path"))
    return next((u for u in above if u.kind == UnitKind.PEOPLES_COMMITTEE), above[-1] if above else unit)


def units_for(user: User) -> UnitQuerySet:
    """Every unit (current or past) of the person's committee; all of them for an administrator."""
    if is_admin(user):
        return Unit.objects.all()
    committee = home_committee(user)
    return Unit.objects.subtree_of(committee) if committee is not None else Unit.objects.none()


def people_for(user: User) -> QuerySet[User]:
    """The active people of the person's committee (all of them for an administrator)."""
    people = User.objects.filter(is_active=True)
    if is_admin(user):
        return people
    committee = home_committee(user)
    if committee is None:
        return people.filter(pk=user.pk)
    return people.filter(unit__path__startswith=committee.path)
