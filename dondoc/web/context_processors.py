"""What the menus and buttons may offer: decided by ``dondoc.org.access``, never by role checks
in the templates (a link the person would get a 403 for is not shown)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from dondoc.org.access import may_assign_tasks, may_register_documents, may_write_urging_letters


def permissions(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"may_register": False, "may_assign": False, "may_urge": False}
    return {
        "may_register": may_register_documents(user),
        "may_assign": may_assign_tasks(user),
        "may_urge": may_write_urging_letters(user),
    }
