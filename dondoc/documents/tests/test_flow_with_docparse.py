"""The registration flow on a real directive, read by the real docparse (no stand-in)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dondoc.documents import jobs
from dondoc.documents.models import Document, ExtractionRun, RunStatus
from dondoc.documents.tests.test_views import review_data
from dondoc.org.models import Role, UnitKind
from dondoc.tasks.models import Task
from dondoc.testing import make_unit, make_user

SEED = Path(__file__).resolve().parents[2] / "demo" / "data" / "seed002_sonduong_meeting_conclusion.txt"


@pytest.fixture
def district(db):
    committee = make_unit("Ủy ban nhân dân huyện Sơn Dương", UnitKind.PEOPLES_COMMITTEE)
    office = make_unit("Văn phòng HĐND và UBND huyện", UnitKind.OFFICE, committee)
    units = {
        "kt": make_unit("Phòng Kinh tế và Hạ tầng", UnitKind.DISTRICT_OFFICE, committee),
        "tn": make_unit("Phòng Tài nguyên và Môi trường", UnitKind.DISTRICT_OFFICE, committee),
        "xa1": make_unit("Ủy ban nhân dân xã Sơn Nam", UnitKind.COMMUNE, committee),
        "xa2": make_unit("Ủy ban nhân dân thị trấn Sơn Dương", UnitKind.COMMUNE, committee),
    }
    tracker = make_user("vp_sonduong", office, Role.TRACKER, "Vũ Văn Thụ")
    return committee, tracker, units


def test_a_meeting_conclusion_is_read_reviewed_and_registered(client, district):
    committee, tracker, units = district
    client.force_login(tracker)
    client.post(reverse("documents:register"),
                {"files": [SimpleUploadedFile(SEED.name, SEED.read_bytes())]})
    assert jobs.process_pending_runs() == 1
    run = ExtractionRun.objects.get()
    assert run.status == RunStatus.DONE, run.error
    tasks = run.result["tasks"]
    assert len(tasks) >= 5
    for task in tasks:  # the offsets point at the task's words in the text
        assert run.text[task["start"]:task["end"]].split()[:3] == task["text"].split()[:3]
    by_lead = {tuple(m["written"] for m in t["lead"]): t for t in tasks}
    roads = by_lead[("phòng Kinh tế và Hạ tầng", "phòng Tài nguyên và Môi trường")]
    assert roads["lead_ids"] == [units["kt"].pk, units["tn"].pk]
    communes = next(t for t in tasks if len(t["lead"]) == 1 and t["lead"][0]["collective"])
    assert set(communes["lead_ids"]) == {units["xa1"].pk, units["xa2"].pk}

    page = client.get(reverse("documents:review", args=[run.pk])).content.decode()
    assert page.count('<mark id="src-') == len(tasks) and "187/TB-UBND" in page

    response = client.post(reverse("documents:review", args=[run.pk]), review_data(run))
    document = Document.objects.get()
    assert response["Location"] == reverse("documents:detail", args=[document.pk])
    assert document.number == "187/TB-UBND" and document.issuer == "Ủy ban nhân dân huyện Sơn Dương"
    expected = sum(len(t["lead_ids"]) for t in tasks)
    assert Task.objects.filter(document=document).count() == expected
    assert not Task.objects.filter(assigned_by__isnull=False).exists()  # the signer is no leader
    assert set(Task.objects.values_list("assigning_unit", flat=True)) == {committee.pk}
