"""Extreme values in every form and query string of the documents screens: a clear error, never a 500.

Each test posts the values one field at a time over otherwise valid input, so each value
reaches the field's own validation (and the service behind it when the form lets it through).
"""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dondoc.documents.models import Document, ExtractionRun, RunKind, RunStatus
from dondoc.documents.tests.sheets import task_row, upload, workbook_bytes
from dondoc.org.models import Unit
from dondoc.tasks.models import Task

HUGE = "9" * 23
EXTREMES = [HUGE, "-" + HUGE, "-1", "0", "abc", "", "1e9", "\x00", "'\"<x>", "9" * 400, "01/01/0001",
            "31/12/9999", "00/00/0000", "31/02/2025", "9999-12-31"]
# The review page is the heaviest to answer: its fields get the values most likely to go wrong.
FEW_EXTREMES = [HUGE, "-1", "abc", "\x00", "9" * 400, "01/01/0001", "31/12/9999"]
DATES_OUT_OF_RANGE = ["01/01/0001", "31/12/9999", "0001-01-01"]
DOC_TEXT = "Giao Sở Tài chính rà soát các dự án. Giao Sở Xây dựng kiểm tra công trình."


@pytest.fixture(autouse=True)
def _quiet():
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


class Probe:
    """Sends requests and keeps every one answered with a server error."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.errors: list[str] = []

    def __call__(self, method: str, url: str, data=None):
        response = getattr(self.client, method)(url, data or {})
        if response.status_code >= 500:
            shown = {k: str(v)[:30] for k, v in (data or {}).items()}
            self.errors.append(f"{method.upper()} {url} {shown} → {response.status_code}")
        return response


def review_run(org) -> ExtractionRun:
    return ExtractionRun.objects.create(
        created_by=org.tracker, text=DOC_TEXT, status=RunStatus.DONE,
        result={"document": {}, "tasks": [{"text": "Giao Sở Tài chính rà soát các dự án.", "start": 0, "end": 36}]},
    )


def review_base(org) -> dict:
    return {"op": "confirm", "kind": "cong_van", "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0",
            "form-0-text": "Giao Sở Tài chính rà soát các dự án.", "form-0-lead": str(org.finance.pk),
            "form-0-start": "0", "form-0-end": "36"}


def import_run(org) -> ExtractionRun:
    row = {"row": 2, "text": "Nhiệm vụ nhập", "lead_ids": [org.finance.pk], "support_ids": [], "problems": [],
           "lead": [], "support": [], "doc_number": "", "doc_text": "", "due": None, "due_text": "", "done": False}
    return ExtractionRun.objects.create(created_by=org.tracker, kind=RunKind.SPREADSHEET, status=RunStatus.DONE,
                                        result={"rows": [row]}, filename="theo-doi.xlsx")


def test_query_strings_of_every_documents_screen_never_fail(org):
    run, sheet = review_run(org), import_run(org)
    pages = {
        reverse("documents:list"): ["q", "page"],
        reverse("documents:unit-search"): ["q", "field"],
        reverse("documents:register"): ["x"],
        reverse("documents:import"): ["x"],
        reverse("documents:run", args=[run.pk]): ["x"],
        reverse("documents:review", args=[run.pk]): ["x"],
        reverse("documents:import-review", args=[sheet.pk]): ["trang", "loc"],
        reverse("documents:import-row", args=[sheet.pk, 2]): ["back"],
    }
    for user in (org.tracker, org.finance_head, org.outsider, org.admin):
        probe = Probe(client_for(user))
        for url, params in pages.items():
            for param in params:
                for value in EXTREMES:
                    probe("get", url, {param: value})
        assert probe.errors == []


def test_ids_in_the_addresses_never_fail(org):
    probe = Probe(client_for(org.tracker))
    for pk in ("0", "999999", HUGE):
        for name in ("run", "review", "import-review", "file", "detail"):
            probe("get", f"{reverse(f'documents:{name}', args=[1])[:-2]}{pk}/")
        probe("get", f"{reverse('documents:import-row', args=[1, 2])[:-5]}{pk}/dong/{pk}/")
        probe("post", f"{reverse('documents:review', args=[1])[:-len('1/kiem-tra/')]}{pk}/kiem-tra/", {"op": "save"})
    assert probe.errors == []


def test_every_field_of_the_review_takes_extreme_values_without_failing(org):
    run = review_run(org)
    url = reverse("documents:review", args=[run.pk])
    probe = Probe(client_for(org.tracker))
    base = review_base(org)
    fields = ["kind", "number", "issuer", "place", "issued_on", "subject", "signer", "signer_title", "recipients",
              "references", "form-0-text", "form-0-start", "form-0-end", "form-0-lead", "form-0-support",
              "form-0-due_on", "form-0-due_text", "form-0-split_at", "form-TOTAL_FORMS", "op"]
    for field in fields:
        for value in FEW_EXTREMES:
            probe("post", url, {**base, field: value})
            run.refresh_from_db()
            if run.status != RunStatus.DONE:  # the value was acceptable: read the run again
                ExtractionRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE, document=None)
    for op in ("split-0", "merge-0", "drop-0", "add", f"split-{HUGE}", f"drop-{HUGE}"):
        probe("post", url, {**base, "op": op, "form-0-split_at": HUGE})
    assert probe.errors == []


@pytest.mark.parametrize("field", ["issued_on", "form-0-due_on"])
@pytest.mark.parametrize("value", DATES_OUT_OF_RANGE)
def test_a_date_out_of_the_calendar_in_the_review_is_refused_at_its_field(org, field, value):
    run = review_run(org)
    response = client_for(org.tracker).post(reverse("documents:review", args=[run.pk]),
                                            {**review_base(org), field: value})
    assert response.status_code == 400
    form = response.context["doc_form"] if field == "issued_on" else response.context["formset"].forms[0]
    assert form.errors[field.removeprefix("form-0-")] == ["Ngày phải trong khoảng từ 01/01/1900 đến 31/12/2100."]
    assert (Document.objects.count(), Task.objects.count()) == (0, 0)


@pytest.mark.parametrize("lead", [HUGE, "-" + HUGE, "abc"])
def test_an_impossible_unit_id_in_the_review_is_an_error_of_the_field(org, lead):
    run = review_run(org)
    response = client_for(org.tracker).post(reverse("documents:review", args=[run.pk]),
                                            {**review_base(org), "form-0-lead": lead})
    assert response.status_code == 400 and response.context["formset"].forms[0].errors["lead"]
    assert Document.objects.count() == 0


def test_the_upload_takes_bad_files_and_text_without_failing(org, settings):
    settings.DONDOC_MAX_UPLOAD_BYTES = 1000
    probe = Probe(client_for(org.tracker))
    url = reverse("documents:register")
    for data in (
        {}, {"text": "\x00"}, {"text": " "}, {"files": SimpleUploadedFile("rong.pdf", b"")},
        {"files": SimpleUploadedFile("x.exe", b"MZ")}, {"files": SimpleUploadedFile("lon.txt", b"x" * 1001)},
        {"files": [SimpleUploadedFile(f"{n}.txt", b"abc") for n in range(11)]},
        {"text": "abc", "files": SimpleUploadedFile("a.txt", b"abc")},
    ):
        assert probe("post", url, data).status_code == 400
    assert not ExtractionRun.objects.exists()
    for name in ("../../etc/passwd.txt", "a" * 300 + ".txt", "x." + "t" * 300):
        probe("post", url, {"files": SimpleUploadedFile(name, b"abc")})
    assert probe.errors == []
    assert all("/" not in stored.name and len(stored.name) <= 255 for run in ExtractionRun.objects.all()
               for stored in run.files.all())


def test_the_upload_says_how_many_files_and_how_large(org, settings):
    settings.DONDOC_MAX_UPLOAD_BYTES = 1000
    client = client_for(org.tracker)
    url = reverse("documents:register")
    many = client.post(url, {"files": [SimpleUploadedFile(f"{n}.txt", b"abc") for n in range(11)]})
    assert many.context["form"].errors["files"] == ["Mỗi lần chỉ tải lên tối đa 10 tệp."]
    large = client.post(url, {"files": SimpleUploadedFile("lon.txt", b"x" * 2000)})
    assert "quá lớn" in large.context["form"].errors["files"][0]


def test_the_excel_screens_take_extreme_values_without_failing(org):
    run = import_run(org)
    probe = Probe(client_for(org.tracker))
    review = reverse("documents:import-review", args=[run.pk])
    for op in ("confirm", f"drop-{HUGE}", f"keep-{HUGE}", "drop-abc", "drop-problems", "x" * 400, "\x00"):
        probe("post", review, {"op": op, "back": "a\r\nb"})
        ExtractionRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE, result={"rows": import_run(org).result["rows"]})
    row = reverse("documents:import-row", args=[run.pk, 2])
    base = {"form-0-text": "Nhiệm vụ nhập", "form-0-lead": str(org.finance.pk)}
    for field in ("text", "lead", "support", "due_on", "due_text", "recurring", "priority", "doc_number",
                  "doc_subject", "issued_on", "done", "completed_on"):
        for value in EXTREMES:
            probe("post", row, {**base, f"form-0-{field}": value, "back": value})
    upload_url = reverse("documents:import")
    for name, data in (("a.xlsx", b""), ("a.xlsx", b"PK\x03\x04junk"), ("../a.xlsx", b"\x00" * 10),
                       ("a" * 300 + ".xlsx", b"x")):
        assert probe("post", upload_url, {"file": SimpleUploadedFile(name, data)}).status_code == 400
    assert probe.errors == []


@pytest.mark.parametrize("field", ["due_on", "issued_on", "completed_on"])
@pytest.mark.parametrize("value", DATES_OUT_OF_RANGE)
def test_a_date_out_of_the_calendar_in_the_row_editor_is_refused_at_its_field(org, field, value):
    run = import_run(org)
    data = {"form-0-text": "Nhiệm vụ nhập", "form-0-lead": str(org.finance.pk), "form-0-done": "on",
            "form-0-completed_on": "01/02/2025", f"form-0-{field}": value}
    response = client_for(org.tracker).post(reverse("documents:import-row", args=[run.pk, 2]), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == ["Ngày phải trong khoảng từ 01/01/1900 đến 31/12/2100."]
    run.refresh_from_db()
    assert run.result["rows"][0]["due"] is None and not run.result["rows"][0]["done"]


def test_a_sheet_with_dates_out_of_the_calendar_is_read_and_confirmed_without_failing(org):
    from dondoc.documents import jobs

    rows = [task_row(1, "Rà soát", "Sở Tài chính", due="31/12/9999", issued="01/01/0001", doc="Số 1/KH-UBND"),
            task_row(2, "Kiểm kê", "Sở Tài chính", due="Quý IV/9999", status="Đã hoàn thành",
                     completed="31/12/9999")]
    client = client_for(org.tracker)
    assert client.post(reverse("documents:import"), {"file": upload(workbook_bytes(rows))}).status_code == 302
    assert jobs.process_pending_runs() == 1
    run = ExtractionRun.objects.get(kind=RunKind.SPREADSHEET)
    assert all(row["problems"] for row in run.result["rows"])
    review = reverse("documents:import-review", args=[run.pk])
    assert client.get(review).status_code == 200
    assert client.post(review, {"op": "confirm"}).status_code == 400
    assert Task.objects.count() == 0 and Unit.objects.exists()


def test_a_forged_count_of_tasks_is_refused_without_building_them(org):
    run = review_run(org)
    response = client_for(org.tracker).post(reverse("documents:review", args=[run.pk]),
                                            {**review_base(org), "form-TOTAL_FORMS": HUGE})
    assert response.status_code == 400
    formset = response.context["formset"]
    assert len(formset.forms) == 200
    assert formset.non_form_errors() == ["Một văn bản có tối đa 200 nhiệm vụ."]
    assert Document.objects.count() == 0
