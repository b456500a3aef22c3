import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dondoc.documents import jobs
from dondoc.documents.forms import DocumentFieldsForm, TaskForm
from dondoc.documents.models import Document, DocumentFile, ExtractionRun, ExtractionRunFile, RunStatus
from dondoc.documents.tests.conftest import DOC_TEXT
from dondoc.org.models import Unit
from dondoc.tasks.models import Task

pytestmark = pytest.mark.usefixtures("fake_docparse")

REGISTER = reverse("documents:register")


def login(client, user):
    client.force_login(user)
    return client


def upload(client, name, data):
    return client.post(REGISTER, {"files": [SimpleUploadedFile(name, data)]})


def read_run(client, org, text=DOC_TEXT):
    response = upload(login(client, org.tracker), "ket-luan.txt", text.encode())
    assert response.status_code == 302
    run = ExtractionRun.objects.get()
    assert jobs.process_pending_runs() == 1
    run.refresh_from_db()
    return run


def review_data(run, op="confirm", task_changes=None, **field_changes):
    """The review form as the browser would post it, from the state kept on the run."""
    state = run.result
    fields = state.get("fields") or DocumentFieldsForm.initial_from(state["document"])
    data = {**fields, **field_changes, "op": op}
    tasks = state["tasks"]
    data.update({"form-TOTAL_FORMS": len(tasks), "form-INITIAL_FORMS": len(tasks),
                 "form-MIN_NUM_FORMS": 0, "form-MAX_NUM_FORMS": 1000})
    for index, task in enumerate(tasks):
        values = TaskForm.initial_from(task)
        values.update((task_changes or {}).get(index, {}))
        for name, value in values.items():
            if value is None or value is False:
                continue
            data[f"form-{index}-{name}"] = "on" if value is True else value
    return data


# -- who may register ---------------------------------------------------------------------------

@pytest.mark.parametrize("persona", ["finance_staff", "finance_head", "commune_head", "admin"])
def test_only_the_office_and_leaders_may_register_documents(client, org, persona):
    login(client, getattr(org, persona))
    assert client.get(REGISTER).status_code == 403
    assert upload(client, "a.txt", b"Giao So Tai chinh").status_code == 403
    assert ExtractionRun.objects.count() == 0


@pytest.mark.parametrize("persona", ["tracker", "chairman"])
def test_the_register_page_opens_for_those_who_may_register(client, org, persona):
    response = login(client, getattr(org, persona)).get(REGISTER)
    assert response.status_code == 200
    assert "Vào sổ văn bản" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(REGISTER)
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


# -- files that cannot be read ------------------------------------------------------------------

def test_a_corrupt_pdf_shows_the_error_and_keeps_nothing(client, org):
    response = upload(login(client, org.tracker), "hong.pdf", b"%PDF-1.7 garbage without an end")
    run = ExtractionRun.objects.get()
    assert response["Location"] == reverse("documents:run", args=[run.pk])
    jobs.process_pending_runs()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    page = client.get(reverse("documents:run", args=[run.pk])).content.decode()
    assert "tệp PDF bị hỏng" in page and "tải lên lại" in page
    assert Document.objects.count() == 0 and ExtractionRunFile.objects.count() == 0
    assert client.get(reverse("documents:review", args=[run.pk])).status_code == 302


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("rong.pdf", b"", "rỗng"),
        ("virus.exe", b"MZ...", "Không hỗ trợ loại tệp"),
        ("lon.txt", b"x" * 101, "quá lớn"),
    ],
)
def test_an_unreadable_upload_is_refused_at_once_with_a_vietnamese_message(client, org, settings, name, data, message):
    settings.DONDOC_MAX_UPLOAD_BYTES = 100
    response = upload(login(client, org.tracker), name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ExtractionRun.objects.count() == 0


def test_nothing_to_read_asks_for_a_file_or_a_text(client, org):
    response = login(client, org.tracker).post(REGISTER, {"text": "  "})
    assert response.status_code == 400
    assert "Vui lòng chọn tệp văn bản hoặc dán nội dung" in response.content.decode()


# -- progress -----------------------------------------------------------------------------------

def test_the_progress_page_polls_until_the_reading_is_done_then_opens_the_review(client, org):
    upload(login(client, org.tracker), "ket-luan.txt", DOC_TEXT.encode())
    run = ExtractionRun.objects.get()
    url = reverse("documents:run", args=[run.pk])
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in page and "<progress" in page
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode() and "every 1s" in fragment.content.decode()
    jobs.process_pending_runs()
    run.refresh_from_db()
    assert (run.status, run.progress_done, run.progress_total, run.percent) == (RunStatus.DONE, 2, 2, 100)
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Redirect"] == reverse("documents:review", args=[run.pk])
    assert client.get(url)["Location"] == reverse("documents:review", args=[run.pk])


def test_ocr_progress_is_recorded_page_by_page(org, monkeypatch):
    seen = []

    def slow_read(data, filename, *, on_page=None):
        for page in (1, 2, 3):
            on_page(page, 3)
            seen.append(ExtractionRun.objects.values_list("progress_done", "progress_total").get())
        return data.decode()

    monkeypatch.setattr(jobs, "read_upload", slow_read)
    from dondoc.documents.services import run_create

    run_create(by=org.tracker, files=[SimpleUploadedFile("scan.pdf", b"%PDF %%EOF")])
    jobs.process_pending_runs()
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_the_worker_takes_up_pending_and_orphaned_runs_but_not_one_being_read(org):
    fresh = ExtractionRun.objects.create(created_by=org.tracker, status=RunStatus.RUNNING, text="a")
    orphan = ExtractionRun.objects.create(created_by=org.tracker, status=RunStatus.RUNNING, text="b")
    pending = ExtractionRun.objects.create(created_by=org.tracker, text="c")
    ExtractionRun.objects.filter(pk=orphan.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=10))
    assert jobs.process_pending_runs() == 2
    statuses = dict(ExtractionRun.objects.values_list("pk", "status"))
    assert statuses == {fresh.pk: RunStatus.RUNNING, orphan.pk: RunStatus.DONE, pending.pk: RunStatus.DONE}
    assert jobs.process_pending_runs() == 0


def test_a_run_that_keeps_crashing_is_given_up_with_a_message(org):
    run = ExtractionRun.objects.create(created_by=org.tracker, text="a", attempts=jobs.MAX_ATTEMPTS)
    jobs.process_pending_runs()
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "nhiều lần" in run.error


def test_someone_elses_run_is_not_found(client, org):
    run = read_run(client, org)
    login(client, org.chairman)
    assert client.get(reverse("documents:run", args=[run.pk])).status_code == 404
    assert client.get(reverse("documents:review", args=[run.pk])).status_code == 404


def test_the_register_page_lists_my_recent_runs(client, org):
    read_run(client, org)
    page = client.get(REGISTER).content.decode()
    assert "ket-luan.txt" in page and "Kiểm tra và giao" in page


# -- review -------------------------------------------------------------------------------------

def test_the_review_shows_the_fields_the_highlighted_tasks_and_the_resolved_units(client, org):
    run = read_run(client, org)
    page = client.get(reverse("documents:review", args=[run.pk])).content.decode()
    assert 'value="12/TB-UBND"' in page and 'value="02/11/2026"' in page
    assert page.count('<mark id="src-') == 3 and 'href="#src-1"' in page
    assert f'name="form-0-lead" value="{org.finance.pk}" checked' in page
    assert f'name="form-0-lead" value="{org.construction.pk}" checked' in page
    assert f'name="form-1-lead" value="{org.commune.pk}" checked' in page
    assert "100%" in page
    assert "“Tổng công ty Điện lực miền Bắc” — chưa nhận diện được" in page
    assert 'value="30/11/2026"' in page and "trước ngày 30/11/2026" in page


def test_confirming_registers_the_document_and_one_task_per_lead_unit(client, org):
    run = read_run(client, org)
    data = review_data(run, task_changes={2: {"lead": [org.office.pk]}})
    response = client.post(reverse("documents:review", args=[run.pk]), data)
    document = Document.objects.get()
    assert response["Location"] == reverse("documents:detail", args=[document.pk])
    assert (document.number, document.issued_on, document.unit) == ("12/TB-UBND", dt.date(2026, 11, 2), org.committee)
    assert document.references == [{"number": "29-CTr/HU", "date": "2023-07-28"}]
    tasks = list(Task.objects.order_by("id"))
    assert [t.lead_unit for t in tasks] == [org.finance, org.construction, org.commune, org.office]
    assert tasks[0].source_start == tasks[1].source_start == DOC_TEXT.index("Giao Sở Tài chính")
    assert {t.assigning_unit for t in tasks} == {org.committee}
    assert {t.assigned_by for t in tasks} == {org.chairman}  # the signer is a leader of ours
    assert tasks[0].due_on == dt.date(2026, 11, 30) and tasks[3].recurring and tasks[3].due_on is None
    assert list(tasks[2].support_units.all()) == [org.construction]
    assert DocumentFile.objects.get().name == "ket-luan.txt"
    run.refresh_from_db()
    assert run.status == RunStatus.CONFIRMED and run.document == document
    assert client.post(reverse("documents:review", args=[run.pk]), data).status_code == 302
    assert Document.objects.count() == 1


def test_a_task_without_a_lead_unit_is_refused_next_to_the_field_and_nothing_is_saved(client, org):
    run = read_run(client, org)
    response = client.post(reverse("documents:review", args=[run.pk]), review_data(run))  # task 3 unresolved
    assert response.status_code == 400
    assert "Vui lòng chọn đơn vị chủ trì." in response.content.decode()
    assert Document.objects.count() == 0 and Task.objects.count() == 0
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


def test_a_bad_date_is_refused_and_what_was_typed_is_kept(client, org):
    run = read_run(client, org)
    data = review_data(run, task_changes={0: {"due_on": "31/02/2026"}, 2: {"lead": [org.office.pk]}},
                       issued_on="hôm qua")
    response = client.post(reverse("documents:review", args=[run.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400 and "Ngày không hợp lệ" in page
    assert 'value="31/02/2026"' in page and 'value="hôm qua"' in page
    assert Document.objects.count() == 0
    reloaded = client.get(reverse("documents:review", args=[run.pk])).content.decode()
    assert 'value="31/02/2026"' in reloaded


# -- the units one may assign to -----------------------------------------------------------------

def foreign_unit():
    return Unit.objects.get(name="Ủy ban nhân dân tỉnh Khác")


@pytest.mark.parametrize("field", ["lead", "support"])
def test_a_unit_of_another_committee_is_refused_next_to_its_field_and_nothing_is_saved(client, org, field):
    run = read_run(client, org)
    data = review_data(run, task_changes={0: {field: [foreign_unit().pk]}, 2: {"lead": [org.office.pk]}})
    response = client.post(reverse("documents:review", args=[run.pk]), data)
    assert response.status_code == 400
    assert response.context["formset"].forms[0].errors[field] == [
        "Đơn vị đã chọn không thuộc phạm vi anh/chị được giao nhiệm vụ."]
    assert (Document.objects.count(), Task.objects.count()) == (0, 0)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


@pytest.mark.parametrize("field", ["lead", "support"])
def test_a_crafted_unit_id_does_not_show_another_committees_unit_in_the_picker(client, org, field):
    run = read_run(client, org)
    data = review_data(run, op="save", task_changes={0: {field: [foreign_unit().pk, org.finance.pk]}})
    response = client.post(reverse("documents:review", args=[run.pk]), data, follow=True)  # kept, shown again
    card = response.context["cards"][0]
    assert foreign_unit() not in card["lead_units"] + card["support_units"]
    assert org.finance in card[f"{field}_units"]
    assert "Ủy ban nhân dân tỉnh Khác" not in response.content.decode()


@pytest.mark.parametrize(("service_field", "form_field"), [("lead_unit", "lead"), ("support_units", "support")])
def test_a_refusal_of_the_task_service_shows_next_to_its_field(client, org, monkeypatch, service_field, form_field):
    from dondoc.documents import services
    from dondoc.errors import DomainError

    def refusing(**kwargs):
        raise DomainError("Chỉ được giao nhiệm vụ cho đơn vị thuộc tỉnh.", field=service_field)

    monkeypatch.setattr(services, "task_create", refusing)
    run = read_run(client, org)
    data = review_data(run, task_changes={2: {"lead": [org.office.pk]}})
    response = client.post(reverse("documents:review", args=[run.pk]), data)
    assert response.status_code == 400
    assert response.context["formset"].forms[0].errors[form_field] == [
        "Nhiệm vụ 1: Chỉ được giao nhiệm vụ cho đơn vị thuộc tỉnh."]
    assert Document.objects.count() == 0


def test_the_unit_picker_lists_only_the_units_of_ones_own_committee(client, org):
    login(client, org.tracker)
    url = reverse("documents:unit-search")
    found = client.get(url, {"q": "uy ban nhan dan tinh"}).json()["results"]
    assert [u["id"] for u in found] == [org.committee.pk, org.office.pk]
    fragment = client.get(url, {"q": "tinh khac", "field": "form-0-lead"}, headers={"HX-Request": "true"})
    assert f'value="{foreign_unit().pk}"' not in fragment.content.decode()


def test_edits_are_kept_on_the_server_so_a_reload_loses_nothing(client, org):
    run = read_run(client, org)
    data = review_data(run, op="save", task_changes={0: {"text": "Nội dung đã sửa"}}, number="99/TB-UBND")
    assert client.post(reverse("documents:review", args=[run.pk]), data).status_code == 302
    page = client.get(reverse("documents:review", args=[run.pk])).content.decode()
    assert "Nội dung đã sửa" in page and 'value="99/TB-UBND"' in page


def test_tasks_can_be_split_merged_dropped_and_added(client, org):
    run = read_run(client, org)
    url = reverse("documents:review", args=[run.pk])
    client.post(url, review_data(run, op="split-2"))
    run.refresh_from_db()
    texts = [t["text"] for t in run.result["tasks"]]
    assert texts[2:] == ["Giao Tổng công ty Điện lực miền Bắc bảo đảm cấp điện.",
                         "Đồng thời báo cáo kết quả hằng tháng."]
    third, fourth = run.result["tasks"][2:]
    assert third["end"] == fourth["start"] == DOC_TEXT.index("Đồng thời")
    client.post(url, review_data(run, op="merge-0"))
    run.refresh_from_db()
    assert len(run.result["tasks"]) == 3
    assert run.result["tasks"][0]["lead_ids"] == [org.finance.pk, org.construction.pk, org.commune.pk]
    assert run.result["tasks"][0]["support_ids"] == []  # the construction department leads already
    client.post(url, review_data(run, op="drop-1"))
    client.post(url, review_data(ExtractionRun.objects.get(), op="add"))
    run.refresh_from_db()
    assert [t["text"][:15] for t in run.result["tasks"]] == ["Giao Sở Tài chí", "Đồng thời báo c", ""]


def test_a_task_split_at_a_character_position(client, org):
    run = read_run(client, org)
    first = "Giao Sở Tài chính và Sở Xây dựng rà soát các dự án"
    data = review_data(run, op="split-0", task_changes={0: {"split_at": len(first)}})
    client.post(reverse("documents:review", args=[run.pk]), data)
    run.refresh_from_db()
    assert [t["text"] for t in run.result["tasks"][:2]] == [
        first,
        "chậm giải ngân, báo cáo trước ngày 30/11/2026.",
    ]


# -- unit picker --------------------------------------------------------------------------------

def test_the_unit_picker_finds_units_by_folded_name_and_abbreviation(client, org):
    login(client, org.tracker)
    url = reverse("documents:unit-search")
    fragment = client.get(url, {"q": "so tai chinh", "field": "form-0-lead"}, headers={"HX-Request": "true"})
    assert f'name="form-0-lead" value="{org.finance.pk}"' in fragment.content.decode()
    found = client.get(url, {"q": "UBND xa hoa"}).json()["results"]
    assert found == [{"id": org.commune.pk, "name": org.commune.name}]
    assert org.old_district.name not in client.get(url, {"q": "son duong"}).content.decode()


def test_the_unit_picker_is_for_those_who_register(client, org):
    login(client, org.finance_staff)
    assert client.get(reverse("documents:unit-search"), {"q": "so"}).status_code == 403


# -- documents ----------------------------------------------------------------------------------

@pytest.fixture
def registered(client, org):
    run = read_run(client, org)
    client.post(reverse("documents:review", args=[run.pk]),
                review_data(run, task_changes={
                    0: {"lead": [org.finance.pk]}, 1: {"support": []}, 2: {"lead": [org.finance.pk]}}))
    client.logout()
    return Document.objects.get()


def test_a_unit_sees_the_documents_of_its_tasks_and_another_unit_does_not(client, org, registered):
    login(client, org.finance_staff)
    assert client.get(reverse("documents:detail", args=[registered.pk])).status_code == 200
    assert "12/TB-UBND" in client.get(reverse("documents:list")).content.decode()
    login(client, org.construction_head)
    assert client.get(reverse("documents:detail", args=[registered.pk])).status_code == 404
    assert "12/TB-UBND" not in client.get(reverse("documents:list")).content.decode()
    login(client, org.outsider)
    assert client.get(reverse("documents:detail", args=[registered.pk])).status_code == 404


def test_the_document_page_shows_its_fields_files_and_tasks(client, org, registered):
    page = login(client, org.chairman).get(reverse("documents:detail", args=[registered.pk])).content.decode()
    assert "12/TB-UBND" in page and "02/11/2026" in page and "ket-luan.txt" in page
    assert "Sở Tài chính" in page and "Ủy ban nhân dân xã Hòa Bình" in page and "30/11/2026" in page


def test_files_download_only_for_those_who_may_see_the_document(client, org, registered):
    stored = registered.files.get()
    url = reverse("documents:file", args=[stored.pk])
    response = login(client, org.finance_staff).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == DOC_TEXT.encode()
    assert login(client, org.construction_head).get(url).status_code == 404


def test_the_list_searches_without_diacritics(client, org, registered):
    login(client, org.tracker)
    assert "12/TB-UBND" in client.get(reverse("documents:list"), {"q": "ket luan giao ban"}).content.decode()
    assert "12/TB-UBND" not in client.get(reverse("documents:list"), {"q": "ngan sach"}).content.decode()


def test_the_list_counts_only_the_tasks_the_person_may_see(client, org):
    from dondoc.documents.services import TaskSpec, document_register

    document_register(by=org.tracker, kind="cong_van", number="77/KH", text="abc",
                      tasks=[TaskSpec(text="Rà soát", lead_units=[org.finance, org.construction, org.commune])])

    def counted(user):
        page = login(client, user).get(reverse("documents:list")).context["page"]
        return [(d.number, d.task_count) for d in page.object_list]

    assert counted(org.finance_head) == [("77/KH", 1)]
    assert counted(org.construction_head) == [("77/KH", 1)]
    assert counted(org.tracker) == [("77/KH", 3)]
    assert counted(org.admin) == [("77/KH", 3)]


def test_a_unit_of_another_committee_named_in_a_document_is_not_proposed(client, org):
    parsed = {"text": "Giao UBND tỉnh Khác làm X.", "document": {"kind": "khac"},
              "tasks": [{"text": "Giao UBND tỉnh Khác làm X.", "lead": ["Ủy ban nhân dân tỉnh Khác"],
                         "support": ["Sở Tài chính"], "start": 0, "end": 26}]}
    run = ExtractionRun.objects.create(created_by=org.tracker, text=parsed["text"], status=RunStatus.DONE)
    run.result = jobs._propose(run, parsed)
    run.save()
    task = run.result["tasks"][0]
    assert (task["lead_ids"], task["support_ids"]) == ([], [org.finance.pk])
    page = login(client, org.tracker).get(reverse("documents:review", args=[run.pk])).content.decode()
    assert "“Ủy ban nhân dân tỉnh Khác” — không thuộc Ủy ban nhân dân tỉnh Thử Nghiệm, vui lòng chọn đơn vị khác" in page
