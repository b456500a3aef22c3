from django.urls import path

from dondoc.documents import import_views, views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("vao-so/", views.register, name="register"),
    path("luot-doc/<int:pk>/", views.run_progress, name="run"),
    path("luot-doc/<int:pk>/kiem-tra/", views.review_run, name="review"),
    path("nhap-excel/", import_views.import_upload, name="import"),
    path("nhap-excel/<int:pk>/", import_views.import_review, name="import-review"),
    path("nhap-excel/<int:pk>/dong/<int:row>/", import_views.import_row, name="import-row"),
    path("don-vi/", views.unit_search, name="unit-search"),
    path("tep/<int:pk>/", views.document_file, name="file"),
    path("<int:pk>/", views.document_detail, name="detail"),
]
