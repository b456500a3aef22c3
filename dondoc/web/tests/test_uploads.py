"""Files attached to a report, a note or a submission: at most ten at a time, each within the
size limit, refused next to the field with nothing saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dondoc.tasks.models import Attachment, ProgressReport

pytestmark = pytest.mark.django_db


def pdfs(count, size=20):
    return [SimpleUploadedFile(f"tep-{i}.pdf", b"%PDF" + b"x" * (size - 4)) for i in range(count)]


@pytest.mark.parametrize("slug,person,fields", [
    ("bao-cao-tien-do", "finance_head", {"text": "Tiến độ"}),
    ("y-kien", "construction_head", {"text": "Ý kiến"}),
    ("bao-cao-hoan-thanh", "finance_head", {"result": "Đã xong"}),
])
def test_more_than_ten_files_are_refused_next_to_the_field(signed_in, org, task, slug, person, fields):
    url = reverse("web:task-action", args=[task.pk, slug])
    response = signed_in(getattr(org, person)).post(url, {**fields, "files": pdfs(11)})
    assert response.status_code == 400
    assert "Mỗi lần chỉ tải lên tối đa 10 tệp." in response.content.decode()
    assert not Attachment.objects.exists() and not ProgressReport.objects.exists()


def test_a_file_over_the_size_limit_is_refused_by_name(signed_in, org, task, settings):
    settings.DONDOC_MAX_UPLOAD_BYTES = 1000
    url = reverse("web:task-action", args=[task.pk, "bao-cao-tien-do"])
    files = [*pdfs(1, size=1000), SimpleUploadedFile("qua-lon.pdf", b"%PDF" + b"x" * 997)]
    response = signed_in(org.finance_head).post(url, {"text": "Tiến độ", "files": files})
    body = response.content.decode()
    assert response.status_code == 400 and "Tệp “qua-lon.pdf” quá lớn" in body and "giới hạn là" in body
    assert not Attachment.objects.exists() and not ProgressReport.objects.exists()


def test_ten_files_within_the_limit_are_kept(signed_in, org, task):
    url = reverse("web:task-action", args=[task.pk, "bao-cao-tien-do"])
    response = signed_in(org.finance_head).post(url, {"text": "Tiến độ", "files": pdfs(10)})
    assert response.status_code == 302
    assert Attachment.objects.filter(task=task).count() == 10
