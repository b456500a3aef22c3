"""The organisation directory and the unit picker's search, both limited to the person's own
committee (``dondoc.org.access.units_for``)."""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.decorators import login_required
from django.db.models import Model, Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from dondoc.http import AuthenticatedRequest
from dondoc.org import access
from dondoc.text import fold
from dondoc.web.forms import DirectorySearchForm

M = TypeVar("M", bound=Model)
PICKER_LIMIT = 15
# The picker's input names: the name ends up in hx-target and hx-get, so nothing else is echoed.
PICKER_NAMES = ("lead_unit", "support_units")


def _matching(queryset: QuerySet[M], query: str) -> QuerySet[M]:
    for word in fold(query).split():
        queryset = queryset.filter(name_fold__contains=word)
    return queryset


def _picker_name(request: AuthenticatedRequest) -> str:
    name = request.GET.get("name", "support_units")
    return name if name in PICKER_NAMES else "support_units"


@login_required
def directory(request: AuthenticatedRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    people = access.people_for(request.user)
    members = Prefetch("members", queryset=people.order_by("role", "full_name"))
    units = access.units_for(request.user).select_related("successor").prefetch_related(members).order_by("path")
    context = {"form": form, "query": query}
    if query:
        context["people"] = _matching(people, query).select_related("unit")[:50]
        context["units"] = _matching(units, query)[:50]
    else:
        context["units"] = units
    return render(request, "web/directory.html", context)


@login_required
def unit_search(request: AuthenticatedRequest) -> HttpResponse:
    """The picker's suggestions: current units of the person's committee whose folded name
    holds every word typed."""
    query = request.GET.get("q", "").strip()
    name = _picker_name(request)
    units = _matching(access.units_for(request.user).current(), query).select_related("parent")
    found = units.order_by("path")[:PICKER_LIMIT] if query else []
    return render(request, "web/_unit_options.html", {"units": found, "name": name,
                                                      "multiple": name == "support_units"})


@login_required
def unit_choice(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One chosen unit, as the chip the picker adds to the form."""
    unit = get_object_or_404(access.units_for(request.user).current(), pk=pk)
    name = _picker_name(request)
    return render(request, "web/_unit_chip.html", {"unit": unit, "name": name, "multiple": name == "support_units"})
