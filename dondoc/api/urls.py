from django.urls import path

from dondoc.api import views

app_name = "api"
urlpatterns = [
    path("tasks/", views.TaskList.as_view(), name="task-list"),
    path("tasks/<int:pk>/", views.TaskDetail.as_view(), name="task-detail"),
    path("tasks/<int:pk>/events/", views.TaskEvents.as_view(), name="task-events"),
    path("tasks/<int:pk>/<slug:action>/", views.TaskAction.as_view(), name="task-action"),
]
