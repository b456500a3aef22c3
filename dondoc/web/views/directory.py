"""The organisation directory and the unit picker's search."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dondoc.org.models import Unit, User
from dondoc.text import fold
from dondoc.web.forms import DirectorySearchForm, current_units

PICKER_LIMIT = 15


def _matching(queryset, query: str):
    for word in fold(query).split():
        queryset = queryset.filter(name_fold__contains=word)
    return queryset


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    members = Prefetch("members", queryset=User.objects.filter(is_active=True).order_by("role", "full_name"))
    units = Unit.objects.select_related("successor").prefetch_related(members).order_by("path")
    context = {"form": form, "query": query}
    if query:
        context["people"] = _matching(User.objects.filter(is_active=True), query).select_related("unit")[:50]
        context["units"] = _matching(units, query)[:50]
    else:
        context["units"] = units
    return render(request, "web/directory.html", context)


@login_required
def unit_search(request: HttpRequest) -> HttpResponse:
    """The picker's suggestions: current units whose folded name holds every word typed."""
    query = request.GET.get("q", "").strip()
    name = request.GET.get("name", "support_units")
    multiple = name == "support_units"
    units = _matching(current_units(), query)[:PICKER_LIMIT] if query else []
    return render(request, "web/_unit_options.html", {"units": units, "name": name, "multiple": multiple})


@login_required
def unit_choice(request: HttpRequest, pk: int) -> HttpResponse:
    """One chosen unit, as the chip the picker adds to the form."""
    from django.shortcuts import get_object_or_404

    unit = get_object_or_404(current_units(), pk=pk)
    name = request.GET.get("name", "support_units")
    return render(request, "web/_unit_chip.html", {"unit": unit, "name": name, "multiple": name == "support_units"})
