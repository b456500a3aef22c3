from django.urls import path

from dondoc.api import views

app_name = "api"
urlpatterns = [
    path("tasks/", views.TaskList.as_view(), name="task-list"),
    path("tasks/<int:pk>/", views.TaskDetail.as_view(), name="task-detail"),
]
