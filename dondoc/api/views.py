"""Read-only task endpoints; every lookup goes through org.access."""

from rest_framework import generics

from dondoc.api.serializers import TaskSerializer
from dondoc.org.access import get_task_for
from dondoc.tasks.models import Task


class TaskList(generics.ListAPIView):
    serializer_class = TaskSerializer

    def get_queryset(self):
        return Task.objects.visible_to(self.request.user).with_related().order_by("due_on", "id")


class TaskDetail(generics.RetrieveAPIView):
    serializer_class = TaskSerializer

    def get_object(self):
        return get_task_for(self.request.user, self.kwargs["pk"])
