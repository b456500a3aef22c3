"""Who may see documents and extraction runs, composed from ``dondoc.org.access``.

The rules themselves (task visibility, who may register) live in org/access.py;
this module only applies them to documents so that views and the API share them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _

from dondoc.org.access import acting_unit, may_register_documents, visible_tasks_filter
from dondoc.org.models import Role

if TYPE_CHECKING:
    from dondoc.documents.models import Document, ExtractionRun
    from dondoc.org.models import User


def visible_documents_filter(user: User) -> Q | None:
    """Documents with at least one task the person may see, plus every document their
    committee registered when they may register documents. None means everything."""
    from dondoc.tasks.models import Task

    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.role == Role.ADMIN or user.is_superuser:
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
    """403 unless the person may register documents (office trackers, leaders, admins)."""
    if not may_register_documents(user):
        raise PermissionDenied(_("Chỉ Văn phòng, lãnh đạo và quản trị hệ thống mới được vào sổ văn bản."))


def get_run_for(user: User, pk: int) -> ExtractionRun:
    """A reading started by this person (runs are private to who uploaded them), else 404."""
    from dondoc.documents.models import ExtractionRun

    require_register(user)
    try:
        return ExtractionRun.objects.get(pk=pk, created_by=user)
    except (ExtractionRun.DoesNotExist, ValueError, TypeError):
        raise Http404(_("Không tìm thấy lượt đọc văn bản.")) from None
