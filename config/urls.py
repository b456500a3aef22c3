from django.conf import settings
from django.conf.urls.static import static
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
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
