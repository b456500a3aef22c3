from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "dondoc — Quản trị hệ thống"
admin.site.site_title = "dondoc"
admin.site.index_title = "Quản trị"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("dondoc.api.urls")),
    path("van-ban/", include("dondoc.documents.urls")),
    path("don-doc/", include("dondoc.reminders.urls")),
    path("thong-ke/", include("dondoc.reports.urls")),
    path("", include("dondoc.web.urls")),
]
# Uploaded files are never served from MEDIA_URL: every download goes through a
# view that checks the person's right to the task or document.
