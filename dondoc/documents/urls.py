from django.urls import path

from dondoc.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("vao-so/", views.register, name="register"),
    path("luot-doc/<int:pk>/", views.run_progress, name="run"),
    path("luot-doc/<int:pk>/kiem-tra/", views.review_run, name="review"),
    path("don-vi/", views.unit_search, name="unit-search"),
    path("tep/<int:pk>/", views.document_file, name="file"),
    path("<int:pk>/", views.document_detail, name="detail"),
]
