"""Request types for the views, as the middleware leaves the request.

Django types ``request.user`` as "a user or AnonymousUser" and knows nothing of django-htmx.
A view behind ``login_required`` annotates its request as :class:`AuthenticatedRequest`: the
user is then a dondoc :class:`~dondoc.org.models.User`, and ``request.htmx`` is what
``HtmxMiddleware`` sets on every request. These classes are never instantiated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from dondoc.org.models import User


class HtmxRequest(HttpRequest):
    """Any request that went through ``django_htmx.middleware.HtmxMiddleware``."""

    htmx: HtmxDetails


class AuthenticatedRequest(HtmxRequest):
    """A request to a view behind ``login_required``: its user is signed in."""

    user: User
