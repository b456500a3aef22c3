import datetime as dt

import pytest
from django.urls import reverse

from dondoc.documents import jobs, services
from dondoc.documents.models import Document, ExtractionRun, ExtractionRunFile, RunKind, RunStatus
from dondoc.documents.services import document_register
from dondoc.documents.tests.sheets import task_row, upload, workbook_bytes
from dondoc.errors import DomainError
from dondoc.tasks.models import ProgressReport, Task
from dondoc.tasks.services import task_create as real_task_create
from dondoc.tasks.workflow import Status

IMPORT = reverse("documents:import")


def review_url(run):
    return reverse("documents:import-review", args=[run.pk])


def tracker_rows():
    return [
        task_row(1, "Rà soát các dự án chậm giải ngân", "Sở Tài chính, Sở Xây dựng", due="30/06/2025",
                 doc="Công văn số 15/UBND-KT ngày 02/01/2025 về giải ngân", leader="Chủ tịch Nguyễn Tường Duy",
                 priority="x"),
        task_row(2, "Kiểm kê đất công", "UBND xã Hòa Bình", support="Sở Tài chính", due="Quý II/2025",
                 doc="Công văn số 15/UBND-KT", note="Chậm do thiếu hồ sơ"),
        task_row(3, "Báo cáo quyết toán", "Sở Tài chính", due=dt.datetime(2025, 3, 31), doc="Số 7/KH-UBND",
                 status="Đã hoàn thành", completed=dt.datetime(2025, 3, 28)),
        task_row(4, "Hạ tầng khu công nghiệp", "Phòng KT-HT", due="Thường xuyên"),
        task_row(5, "Lập quy hoạch", "Sở Xây dựng", due="31/02/2025"),
    ]


def upload_sheet(client, user, data, name="theo-doi.xlsx"):
    client.force_login(user)
    return client.post(IMPORT, {"file": upload(data, name)})


def read_sheet(client, org, rows=None):
    response = upload_sheet(client, org.tracker, workbook_bytes(rows or tracker_rows()))
    assert response.status_code == 302
    run = ExtractionRun.objects.get(kind=RunKind.SPREADSHEET)
    assert response["Location"] == reverse("documents:run", args=[run.pk])
    assert jobs.process_pending_runs() == 1
    run.refresh_from_db()
    return run


@pytest.mark.parametrize("persona", ["finance_staff", "finance_head", "commune_head", "admin"])
def test_only_the_office_and_leaders_may_import_a_tracker(client, org, persona):
    client.force_login(getattr(org, persona))
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"file": upload(workbook_bytes(tracker_rows()))}).status_code == 403
    assert not ExtractionRun.objects.exists()


def test_the_registration_page_links_to_the_import(client, org):
    client.force_login(org.tracker)
    assert f'href="{IMPORT}"' in client.get(reverse("documents:register")).content.decode()


@pytest.mark.parametrize(("name", "data", "message"), [
    ("theo-doi.xls", b"\xd0\xcf\x11\xe0old", "Excel 97–2003 (.xls), chưa được hỗ trợ"),
    ("theo-doi.csv", b"STT,Noi dung\n", "là CSV, chưa được hỗ trợ"),
    ("theo-doi.xlsx", b"PK\x03\x04 but not really a workbook", "không phải bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng"),
    ("theo-doi.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1encrypted", "có mật khẩu"),
])
def test_a_wrong_or_corrupt_file_is_refused_and_nothing_is_kept(client, org, settings, name, data, message):
    response = upload_sheet(client, org.tracker, data, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ExtractionRun.objects.exists() and not ExtractionRunFile.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


def test_a_file_over_the_size_limit_is_refused(client, org, settings):
    settings.DONDOC_MAX_UPLOAD_BYTES = 1000
    response = upload_sheet(client, org.tracker, workbook_bytes(tracker_rows()))
    assert response.status_code == 400 and "quá lớn" in response.content.decode()
    assert not ExtractionRun.objects.exists()


def test_the_progress_page_counts_rows_and_sends_the_clerk_to_the_review_when_read(client, org):
    response = upload_sheet(client, org.tracker, workbook_bytes(tracker_rows()))
    run = ExtractionRun.objects.get()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Đã đọc 0/5 dòng" in page.content.decode() and 'hx-trigger="every 1s"' in page.content.decode()
    jobs.process_pending_runs()
    polled = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert polled.status_code == 204 and polled["HX-Redirect"] == review_url(run)
    assert client.get(response["Location"]).url == review_url(run)
    run.refresh_from_db()
    assert (run.status, run.progress_done, run.progress_total) == (RunStatus.DONE, 5, 5)


def test_rows_become_proposed_tasks_with_resolved_units_and_problems_named_by_row(client, org):
    run = read_sheet(client, org)
    rows = {row["row"]: row for row in run.result["rows"]}
    assert rows[2]["lead_ids"] == [org.finance.pk, org.construction.pk]
    assert rows[2]["lead"][0]["confidence"] == 1.0 and rows[2]["priority"] and rows[2]["due"] == "2025-06-30"
    assert rows[3]["support_ids"] == [org.finance.pk] and rows[3]["due"] == "2025-06-30"
    assert (rows[4]["done"], rows[4]["completed_on"]) == (True, "2025-03-28")
    assert rows[5]["recurring"] and rows[5]["lead_ids"] == []
    page = client.get(review_url(run)).content.decode()
    assert "Dòng 5: không nhận ra đơn vị chủ trì “Phòng KT-HT”" in page
    assert "Dòng 6: thời hạn “31/02/2025” không hợp lệ" in page
    assert 'class="match unresolved"' in page
    assert "Sẽ vào sổ văn bản mới" in page


def test_the_whole_import_creates_the_documents_and_tasks_through_the_services(client, org):
    existing = document_register(by=org.tracker, kind="ke_hoach", number="7/KH-UBND", subject="Kế hoạch cũ")
    run = read_sheet(client, org)
    refused = client.post(review_url(run), {"op": "confirm"})
    assert refused.status_code == 400 and "Còn 2 vấn đề" in refused.content.decode()
    assert Task.objects.count() == 0

    row_url = reverse("documents:import-row", args=[run.pk, 5])
    assert client.get(row_url).status_code == 200
    fixed = client.post(row_url, {"form-0-text": "Hạ tầng khu công nghiệp", "form-0-lead": [org.construction.pk],
                                  "form-0-recurring": "on", "form-0-due_text": "Thường xuyên"})
    assert fixed.status_code == 302
    client.post(review_url(run), {"op": "drop-6"})

    done = client.post(review_url(run), {"op": "confirm"})
    assert done.url == reverse("documents:run", args=[run.pk])
    assert "Đang nhập 4 dòng" in client.get(done.url).content.decode()
    assert Task.objects.count() == 0
    assert jobs.process_pending_runs() == 1
    assert client.get(done.url).url == review_url(run)
    run.refresh_from_db()
    assert run.status == RunStatus.CONFIRMED
    assert run.result["created"] == {**run.result["created"], "tasks": 5, "done": 1, "rows": 4,
                                     "documents_new": 1, "documents_matched": 1}

    new = Document.objects.exclude(pk=existing.pk).get()
    assert (new.number, new.kind, new.issued_on, new.unit) == ("15/UBND-KT", "cong_van", dt.date(2025, 1, 2),
                                                               org.committee)
    grouped = list(new.tasks.order_by("id"))
    assert [t.lead_unit for t in grouped] == [org.finance, org.construction, org.commune]
    assert all(t.priority and t.assigned_by == org.chairman for t in grouped[:2])
    assert list(grouped[2].support_units.all()) == [org.finance]
    assert ProgressReport.objects.get(task=grouped[2]).text.endswith("Chậm do thiếu hồ sơ")

    finished = existing.tasks.get()
    assert (finished.status, finished.completed_on, finished.due_on) == (
        Status.DONE, dt.date(2025, 3, 28), dt.date(2025, 3, 31))
    assert finished.timeliness_on(dt.date(2025, 5, 1)).name == "DONE_ON_TIME"
    assert finished.assignee is None and not finished.submissions.exists()
    last = finished.events.order_by("id").last()
    assert (last.kind, last.actor) == ("record_completion", org.tracker)
    assert last.note == "Ghi nhận hoàn thành theo bảng theo dõi “theo-doi.xlsx”, dòng 4."

    recurring = Task.objects.get(text="Hạ tầng khu công nghiệp")
    assert (recurring.lead_unit, recurring.recurring, recurring.document) == (org.construction, True, None)
    assert not Task.objects.filter(text="Lập quy hoạch").exists()
    assert "Đã nhập" in client.get(review_url(run)).content.decode()


def test_a_failure_in_the_middle_of_the_import_leaves_nothing(client, org, monkeypatch):
    rows = [task_row(n, f"Nhiệm vụ {n}", "Sở Tài chính", doc=f"Số {n}/TB-UBND") for n in range(1, 5)]
    run = read_sheet(client, org, rows)
    calls = []

    def failing_third(**kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise DomainError("Đơn vị không nhận nhiệm vụ.", field="lead_unit")
        return real_task_create(**kwargs)

    monkeypatch.setattr(services, "task_create", failing_third)
    with pytest.raises(DomainError, match=r"^Dòng 4: Đơn vị không nhận nhiệm vụ"):
        services.import_confirm(run=run, by=org.tracker)
    assert (Task.objects.count(), Document.objects.count()) == (0, 0)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and "created" not in run.result


def test_a_large_sheet_is_reviewed_a_page_at_a_time(client, org):
    rows = [task_row(n, f"Nhiệm vụ số {n}", "Sở Tài chính" if n % 7 else "Phòng Không Có") for n in range(1, 131)]
    run = read_sheet(client, org, rows)
    first = client.get(review_url(run)).content.decode()
    assert first.count('id="dong-') == 50 and "Trang 1/3" in first
    only_problems = client.get(review_url(run), {"loc": "van-de"}).content.decode()
    assert only_problems.count('id="dong-') == 18
    client.post(review_url(run), {"op": "drop-problems"})
    run.refresh_from_db()
    assert sum(1 for r in run.result["rows"] if r["dropped"]) == 18


def test_a_done_row_without_its_completion_date_must_be_fixed(client, org):
    run = read_sheet(client, org, [task_row(1, "Báo cáo", "Sở Tài chính", status="Đã hoàn thành")])
    assert run.result["rows"][0]["problems"] == ["đã hoàn thành nhưng thiếu ngày hoàn thành"]


def test_someone_elses_import_is_not_found(client, org):
    run = read_sheet(client, org)
    client.force_login(org.chairman)
    assert client.get(review_url(run)).status_code == 404
    assert client.get(reverse("documents:import-row", args=[run.pk, 2])).status_code == 404


def test_a_confirmation_failing_in_the_background_sends_the_clerk_back_with_the_reason(client, org, monkeypatch):
    rows = [task_row(n, f"Nhiệm vụ {n}", "Sở Tài chính", doc="Số 3/TB-UBND") for n in range(1, 4)]
    run = read_sheet(client, org, rows)
    calls = []

    def failing_second(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise DomainError("Đơn vị không nhận nhiệm vụ.")
        return real_task_create(**kwargs)

    monkeypatch.setattr(services, "task_create", failing_second)
    client.post(review_url(run), {"op": "confirm"})
    assert jobs.process_pending_runs() == 1
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and "confirming" not in run.result
    assert (Task.objects.count(), Document.objects.count()) == (0, 0)
    page = client.get(review_url(run)).content.decode()
    assert "Chưa nhập được: Dòng 3: Đơn vị không nhận nhiệm vụ." in page
    monkeypatch.setattr(services, "task_create", real_task_create)
    client.post(review_url(run), {"op": "confirm"})
    jobs.process_pending_runs()
    run.refresh_from_db()
    assert run.status == RunStatus.CONFIRMED and Task.objects.count() == 3


def test_the_row_editor_refuses_a_unit_of_another_committee_and_keeps_the_row(client, org):
    from dondoc.org.models import Unit

    run = read_sheet(client, org, [task_row(1, "Rà soát", "Sở Tài chính")])
    foreign = Unit.objects.get(name="Ủy ban nhân dân tỉnh Khác")
    url = reverse("documents:import-row", args=[run.pk, 2])
    for field in ("lead", "support"):
        data = {"form-0-text": "Rà soát", "form-0-lead": [org.finance.pk], f"form-0-{field}": [foreign.pk]}
        response = client.post(url, data)
        assert response.status_code == 400
        assert response.context["form"].errors[field] == [
            "Đơn vị đã chọn không thuộc phạm vi anh/chị được giao nhiệm vụ."]
        assert foreign not in response.context["lead_units"] + response.context["support_units"]
        assert foreign.name not in response.content.decode()  # the picker names no unit outside the scope
    run.refresh_from_db()
    assert (run.result["rows"][0]["lead_ids"], run.result["rows"][0]["support_ids"]) == ([org.finance.pk], [])


def test_the_row_service_refuses_a_unit_of_another_committee(client, org):
    from dondoc.org.models import Unit

    run = read_sheet(client, org, [task_row(1, "Rà soát", "Sở Tài chính")])
    foreign = Unit.objects.get(name="Ủy ban nhân dân tỉnh Khác")
    with pytest.raises(DomainError, match="không thuộc phạm vi") as refused:
        services.import_row_update(run=run, by=org.tracker, row=2, text="Rà soát", lead_units=[foreign])
    assert refused.value.field == "lead_units"
    run.refresh_from_db()
    assert run.result["rows"][0]["lead_ids"] == [org.finance.pk]


def test_dates_out_of_the_calendar_in_the_sheet_are_problems_of_their_row(client, org):
    rows = [task_row(1, "Rà soát", "Sở Tài chính", due="31/12/9999"),
            task_row(2, "Kiểm kê", "Sở Tài chính", status="Đã hoàn thành", completed="01/01/0001")]
    run = read_sheet(client, org, rows)
    problems = [row["problems"] for row in run.result["rows"]]
    assert problems == [["thời hạn “31/12/9999” không hợp lệ"], ["đã hoàn thành nhưng thiếu ngày hoàn thành"]]
    assert client.get(review_url(run)).status_code == 200


def test_a_unit_of_another_committee_named_in_the_sheet_is_not_recognised(client, org):
    run = read_sheet(client, org, [task_row(1, "Phối hợp liên tỉnh", "Ủy ban nhân dân tỉnh Khác")])
    row = run.result["rows"][0]
    assert row["lead_ids"] == []
    assert row["problems"] == ["đơn vị chủ trì “Ủy ban nhân dân tỉnh Khác” không thuộc phạm vi được giao nhiệm vụ"]


def test_the_review_finds_the_document_already_registered_under_a_number_written_without_diacritics(client, org):
    document_register(by=org.tracker, kind="quyet_dinh", number="12/QĐ-UBND", subject="Quyết định cũ")
    document_register(by=org.tracker, kind="ke_hoach", number="8/KH-UBND", subject="Kế hoạch khác")
    run = read_sheet(client, org, [task_row(1, "Rà soát", "Sở Tài chính", doc="Số 12/qd-ubnd")])
    page = client.get(review_url(run)).content.decode()
    assert "Đã có: Quyết định số 12/QĐ-UBND" in page and "8/KH-UBND" not in page
