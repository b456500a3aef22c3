from django.urls import path

from dondoc.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.stats, name="stats"),
    path("xuat/", views.export, name="export"),
    path("xuat/<int:pk>/", views.export_job, name="export-job"),
    path("xuat/<int:pk>/tep/", views.export_job_file, name="export-job-file"),
]
