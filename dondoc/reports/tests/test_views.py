import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dondoc.reports import views
from dondoc.reports.jobs import process_pending_exports
from dondoc.reports.models import ExportJob, ExportStatus
from dondoc.reports.tests.builders import sample_2025

pytestmark = pytest.mark.django_db
PERIOD = {"start": "01/01/2025", "end": "30/06/2025"}


def page(client, user, **params):
    client.force_login(user)
    return client.get(reverse("reports:stats"), {**PERIOD, **params})


def unit_names(response):
    return {t["row"].unit.name for t in response.context["table"]}


def test_a_leader_sees_every_unit_of_the_committee(client, org):
    sample_2025(org)
    response = page(client, org.chairman)
    assert response.status_code == 200
    assert unit_names(response) == {"Sở Tài chính", "Phòng Ngân sách", "Sở Xây dựng"}
    assert response.context["totals"].assigned == 7
    body = response.content.decode()
    assert "Thống kê tình hình thực hiện nhiệm vụ" in body and "<svg" in body


def test_a_unit_head_sees_only_their_unit_and_its_sub_units(client, org):
    sample_2025(org)
    response = page(client, org.finance_head)
    assert unit_names(response) == {"Sở Tài chính", "Phòng Ngân sách"}
    assert response.context["totals"].assigned == 5
    assert "Sở Xây dựng" not in response.content.decode()


def test_a_unit_head_cannot_ask_for_another_units_figures(client, org):
    sample_2025(org)
    assert page(client, org.finance_head, unit=org.construction.pk).status_code == 404
    assert page(client, org.budget_head, unit=org.finance.pk).status_code == 404
    client.force_login(org.finance_head)
    response = client.post(reverse("reports:export"), {**PERIOD, "unit": org.construction.pk, "kind": "stats_xlsx"})
    assert response.status_code == 404


def test_a_person_outside_the_committee_sees_none_of_its_tasks(client, org):
    sample_2025(org)
    response = page(client, org.outsider)
    assert response.status_code == 200 and response.context["totals"].assigned == 0
    assert page(client, org.outsider, unit=org.finance.pk).status_code == 404


def test_the_page_needs_a_sign_in(client, org):
    response = client.get(reverse("reports:stats"))
    assert response.status_code == 302


def test_a_bad_date_gets_a_vietnamese_message_not_an_error(client, org):
    response = page(client, org.chairman, start="31/02/2025")
    assert response.status_code == 400
    assert "dd/mm/yyyy" in response.content.decode()
    response = page(client, org.chairman, start="01/07/2025")
    assert "Ngày kết thúc phải sau" in response.content.decode()


def test_rollup_and_sorting_keep_the_totals(client, org):
    sample_2025(org)
    rolled = page(client, org.tracker, rollup="1", sort="assigned", desc="1")
    assert unit_names(rolled) == {"Sở Tài chính", "Sở Xây dựng"}
    assigned = [t["row"].figures.assigned for t in rolled.context["table"]]
    assert assigned == [5, 2]
    assert rolled.context["totals"].assigned == 7


def test_a_small_export_comes_back_at_once(client, org):
    sample_2025(org)
    client.force_login(org.tracker)
    response = client.post(reverse("reports:export"), {**PERIOD, "kind": "stats_xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert any(r[1] == "Tổng cộng" and r[2] == 7 for r in sheet.iter_rows(values_only=True))


def test_the_inspection_report_needs_a_unit(client, org):
    client.force_login(org.tracker)
    response = client.post(reverse("reports:export"), {**PERIOD, "kind": "inspection_docx"})
    assert response.status_code == 400


def test_a_large_export_runs_in_the_background_for_its_requester_only(client, org, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sample_2025(org)
    monkeypatch.setattr(views, "SYNC_TASK_LIMIT", 1)
    client.force_login(org.tracker)
    response = client.post(reverse("reports:export"), {**PERIOD, "kind": "summary_docx"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("reports:export-job", args=[job.pk])
    assert "Đang chờ" in client.get(response.url).content.decode()
    assert process_pending_exports() == 1 and process_pending_exports() == 0
    job.refresh_from_db()
    assert (job.status, job.progress) == (ExportStatus.DONE, 100)
    download = client.get(reverse("reports:export-job-file", args=[job.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    client.force_login(org.finance_head)
    assert client.get(reverse("reports:export-job", args=[job.pk])).status_code == 404


def test_an_administrator_sees_everything_rolled_up_under_each_committee(client, org):
    sample_2025(org)
    rolled = page(client, org.admin, rollup="1")
    assert unit_names(rolled) == {"Sở Tài chính", "Sở Xây dựng"}
    assert rolled.context["totals"].assigned == 7


def test_a_member_without_a_unit_gets_a_403(client, org):
    org.tracker.unit = None
    org.tracker.save()
    assert page(client, org.tracker).status_code == 403


def test_every_figure_links_to_the_task_list_behind_it(client, org):
    sample_2025(org)
    response = page(client, org.chairman)
    body = response.content.decode()
    list_url = reverse("web:task-list")
    overdue_link = (f'{list_url}?created_from=01%2F01%2F2025&amp;created_to=30%2F06%2F2025&amp;as_of=30%2F06%2F2025'
                    f'&amp;lead_unit={org.finance.pk}&amp;timeliness=overdue"')
    assert overdue_link in body
    assert "timeliness=within_deadline&amp;timeliness=due_soon" in body
    assert f"lead_unit={org.committee.pk}&amp;subunits=1&amp;exclude_withdrawn=1" in body


def test_the_links_of_a_row_are_the_links_of_its_figures(org):
    from dondoc.reports.queries import CLASSES, Figures, Period, Scope
    from dondoc.reports.views import Links

    links = Links(Period.of(dt.date(2026, 1, 1), dt.date(2026, 3, 31), today=dt.date(2026, 2, 1)),
                  Scope(root=org.committee, priority_only=True))
    for unit, subunits in ((None, False), (org.finance, True), (org.finance_budget, False)):
        cells = links.cells(Figures(), unit, subunits=subunits)
        expected = [links.query(unit=unit, subunits=subunits)] + [
            links.query(classes=tuple(c.value for c in group), unit=unit, subunits=subunits) for group in CLASSES.values()]
        assert [c.q for c in cells] == expected


def _document_of_construction(org):
    from dondoc.documents.models import Document
    from dondoc.tasks.models import Task

    tasks = sample_2025(org)
    kind = Document._meta.get_field("kind").choices[0][0]
    document = Document.objects.create(kind=kind, number="999/BM-UBND", subject="Trích yếu mật",
                                       unit=org.committee)
    Task.objects.filter(pk__in=[t.pk for t in tasks if t.lead_unit_id == org.construction.pk]).update(
        document=document)
    return document


def test_a_document_the_person_may_not_see_is_a_404_and_never_named(client, org):
    document = _document_of_construction(org)
    response = page(client, org.finance_head, document=document.pk)
    assert response.status_code == 404
    assert "999/BM-UBND" not in response.content.decode()
    response = client.post(reverse("reports:export"), {**PERIOD, "document": document.pk, "kind": "stats_xlsx"})
    assert response.status_code == 404


def test_a_document_the_person_may_see_narrows_the_figures_and_is_named(client, org):
    document = _document_of_construction(org)
    response = page(client, org.chairman, document=document.pk)
    assert response.status_code == 200
    assert response.context["totals"].assigned == 2  # Sở Xây dựng's two counted tasks of the period
    assert "999/BM-UBND" in response.content.decode()


def test_the_unit_filter_is_the_web_unit_picker_and_its_choice_narrows_the_figures(client, org):
    sample_2025(org)
    response = page(client, org.chairman)
    body = response.content.decode()
    assert f'hx-get="{reverse("web:unit-search")}"' in body
    assert '<select name="unit"' not in body
    picked = page(client, org.chairman, lead_unit=org.finance.pk)
    assert picked.context["scope"].unit == org.finance and picked.context["totals"].assigned == 5
    assert f'name="lead_unit" value="{org.finance.pk}" checked' in picked.content.decode()
    # "Toàn bộ" in the picker wins over a unit left in the address by a drill-down link.
    everything = page(client, org.chairman, unit=org.finance.pk, lead_unit="")
    assert everything.context["scope"].unit is None and everything.context["totals"].assigned == 7
    picked = page(client, org.chairman, lead_unit=org.finance.pk, q="tai chinh")
    drill = next(t["drill"] for t in picked.context["table"] if t["row"].ref.pk == org.finance_budget.pk)
    assert "lead_unit" not in drill and "q=" not in drill and f"unit={org.finance_budget.pk}" in drill
    search = client.get(reverse("web:unit-search"), {"q": "ngan sach", "name": "lead_unit"})
    assert "Phòng Ngân sách" in search.content.decode()



def test_a_leader_of_another_committee_is_a_404_and_never_named(client, org):
    sample_2025(org)
    client.force_login(org.chairman)
    stranger = org.outsider
    response = client.post(reverse("reports:export"), {**PERIOD, "assigned_by": stranger.pk, "kind": "stats_xlsx"})
    assert response.status_code == 404
    assert page(client, org.chairman, assigned_by=stranger.pk).status_code == 404
    mine = page(client, org.chairman, assigned_by=org.chairman.pk)
    assert mine.status_code == 200 and mine.context["totals"].assigned == 7
