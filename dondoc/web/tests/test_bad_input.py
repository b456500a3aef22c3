"""Extreme input on every page and form of the HTML interface: a Vietnamese form error or
nothing, never a server error (dates at the edge of the calendar, ids too large for the
database, pages beyond any count, choices that do not exist)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from dondoc.forms import SafeModelChoiceField, SafeModelMultipleChoiceField
from dondoc.org.models import Unit
from dondoc.tasks.models import Task
from dondoc.web import forms
from dondoc.web.views.actions import SPECS

pytestmark = pytest.mark.django_db

HUGE = "9" * 25
EXTREMES = ["01/01/0001", "31/12/9999", HUGE, "-" + HUGE, "-1", "zzz", str(10**20)]
RANGE_ERROR = "Ngày phải trong khoảng từ 01/01/1900 đến 31/12/2100."
TASK_LIST_PARAMS = [
    "q", "timeliness", "status", "lead_unit", "subunits", "assigned_by", "document", "created_from",
    "created_to", "due_from", "due_to", "as_of", "priority", "mine", "exclude_withdrawn", "sort", "page",
]


def client_for(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def server_errors(responses):
    return [(what, r.status_code) for what, r in responses if r.status_code >= 500]


def test_the_task_list_survives_every_extreme_filter(org, task):
    client = client_for(org.tracker)
    url = reverse("web:task-list")
    responses = [((p, v), client.get(url, {p: v})) for p in TASK_LIST_PARAMS for v in EXTREMES]
    responses += [(combo, client.get(url, combo)) for combo in (
        {"due_from": "01/01/0001", "due_to": "31/12/9999", "created_from": "01/01/0001"},
        {"created_from": "31/12/9999", "created_to": "31/12/9999", "as_of": "31/12/9999"},
        {"as_of": "31/12/2100", "created_from": "01/01/1900", "created_to": "31/12/2100"},
        {"page": str(10**20), "timeliness": ["zzz", "overdue"]},
    )]
    responses.append((("htmx",), client.get(url, {"as_of": "31/12/9999"}, HTTP_HX_REQUEST="true")))
    assert server_errors(responses) == []


def test_a_date_outside_the_calendar_is_a_vietnamese_error(signed_in, org, task):
    body = signed_in(org.tracker).get(reverse("web:task-list"), {"as_of": "31/12/9999"}).content.decode()
    assert RANGE_ERROR in body
    body = signed_in(org.tracker).get(reverse("web:task-list"), {"created_from": "01/01/0001"}).content.decode()
    assert RANGE_ERROR in body


def test_the_edges_of_the_allowed_range_still_list_tasks(signed_in, org, task):
    response = signed_in(org.tracker).get(reverse("web:task-list"), {
        "as_of": "31/12/2100", "created_from": "01/01/1900", "created_to": "31/12/2100",
        "due_from": "01/01/1900", "due_to": "31/12/2100",
    })
    assert response.status_code == 200 and task.short_text in response.content.decode()


def test_a_document_id_too_large_is_refused_in_words(signed_in, org, task):
    body = signed_in(org.tracker).get(reverse("web:task-list"), {"document": HUGE}).content.decode()
    assert "Văn bản không hợp lệ." in body


def test_the_other_pages_survive_extreme_query_strings(org, task):
    pages = {
        reverse("web:home"): ["page"], reverse("web:notifications"): ["page"],
        reverse("web:directory"): ["q"], reverse("web:unit-search"): ["q", "name"],
        reverse("web:unit-choice", args=[org.finance.pk]): ["name"],
        reverse("web:task-create"): [], reverse("web:task-detail", args=[task.pk]): [],
    }
    responses = []
    for user in (org.tracker, org.finance_head):
        client = client_for(user)
        for url, params in pages.items():
            responses += [((url, p, v), client.get(url, {p: v})) for p in params for v in EXTREMES]
        for pk in (HUGE, str(10**20), "0"):
            for path in (f"/nhiem-vu/{pk}/", f"/don-vi/{pk}/chon/", f"/tep/{pk}/", f"/nhiem-vu/{pk}/van-ban/{pk}/"):
                responses.append((path, client.get(path)))
    assert server_errors(responses) == []


def _fuzzed_fields(form_class):
    """The fields of a form an attacker can push to an edge: dates, numbers and choices."""
    return [name for name, field in form_class.base_fields.items()
            if not isinstance(field, forms.forms.CharField | forms.forms.FileField | forms.forms.BooleanField)]


def test_every_task_action_survives_extreme_values(org, task, today):
    due = (today + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    base = {"text": "Nội dung", "reason": "Lý do", "result": "Kết quả", "note": "", "due_on": due,
            "proposed_due": due, "approve": "1", "percent": "50"}
    responses = []
    for user in (org.finance_head, org.tracker):
        client = client_for(user)
        for slug, spec in SPECS.items():
            url = reverse("web:task-action", args=[task.pk, slug])
            responses.append(((slug, "empty"), client.post(url, {})))
            for name in _fuzzed_fields(spec.form_class):
                for value in EXTREMES:
                    responses.append(((slug, name, value), client.post(url, {**base, name: value})))
    assert server_errors(responses) == []
    assert not Task.objects.filter(parent=task).exists()


def test_a_due_date_outside_the_calendar_is_refused_in_words(signed_in, org, task):
    url = reverse("web:task-action", args=[task.pk, "doi-thoi-han"])
    response = signed_in(org.tracker).post(url, {"due_on": "31/12/9999", "reason": "Lý do"})
    assert response.status_code == 400 and RANGE_ERROR in response.content.decode()
    task.refresh_from_db()
    assert task.due_on.year < 9999


def test_manual_entry_survives_extreme_values(org, today):
    client = client_for(org.tracker)
    url = reverse("web:task-create")
    base = {"text": "Việc mới", "lead_unit": str(org.finance.pk)}
    responses = [((name, value), client.post(url, {**base, name: value}))
                 for name in _fuzzed_fields(forms.TaskCreateForm) for value in EXTREMES]
    responses.append((("support", "list"), client.post(url, {**base, "support_units": [HUGE, "1", "zzz"]})))
    assert server_errors(responses) == []
    assert not Task.objects.exists()


def test_an_id_too_large_for_the_database_is_an_invalid_unit(signed_in, org):
    response = signed_in(org.tracker).post(reverse("web:task-create"), {
        "text": "Việc", "lead_unit": HUGE, "support_units": [HUGE, str(org.construction.pk)],
    })
    body = response.content.decode()
    assert response.status_code == 200 and "Đơn vị không hợp lệ." in body
    assert not Task.objects.exists()


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, str(2**63), "1e9", "abc", " "])
def test_the_safe_choice_fields_call_an_impossible_id_an_invalid_choice(org, value):
    single = SafeModelChoiceField(queryset=Unit.objects.all())
    several = SafeModelMultipleChoiceField(queryset=Unit.objects.all())
    for field, data in ((single, value), (several, [value, str(org.finance.pk)])):
        with pytest.raises(ValidationError) as refused:
            field.clean(data)
        assert refused.value.code in ("invalid_choice", "invalid_list")


def test_the_safe_choice_fields_still_accept_real_units(org):
    assert SafeModelChoiceField(queryset=Unit.objects.all()).clean(str(org.finance.pk)) == org.finance
    chosen = SafeModelMultipleChoiceField(queryset=Unit.objects.all()).clean([str(org.finance.pk), org.commune.pk])
    assert set(chosen) == {org.finance, org.commune}


def test_the_picker_redraw_ignores_ids_that_cannot_exist(org):
    data = QueryDict(mutable=True)
    data.setlist("support_units", [HUGE, "abc", str(org.construction.pk)])
    form = forms.TaskCreateForm(data, committee=org.committee)
    assert form.selected("support_units") == [org.construction]
