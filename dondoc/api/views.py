"""REST endpoints: thin — parse with a serializer, fetch through org.access, call one service."""

from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from dondoc.api import serializers as s
from dondoc.org.access import Action, get_task_for
from dondoc.tasks import services
from dondoc.tasks.events import events_seen_by
from dondoc.tasks.models import Task


class TaskList(generics.ListAPIView):
    serializer_class = s.TaskSerializer

    def get_queryset(self):
        tasks = Task.objects.visible_to(self.request.user).with_related().order_by("due_on", "id")
        query = self.request.query_params.get("q")
        return tasks.search(query) if query else tasks


class TaskDetail(generics.RetrieveAPIView):
    serializer_class = s.TaskSerializer

    def get_object(self):
        return get_task_for(self.request.user, self.kwargs["pk"])


class TaskEvents(generics.ListAPIView):
    serializer_class = s.EventSerializer
    pagination_class = None

    def get_queryset(self):
        task = get_task_for(self.request.user, self.kwargs["pk"])
        return events_seen_by(task, self.request.user)


def _run(request, pk, action, serializer_class, call):
    task = get_task_for(request.user, pk, action=action)
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    call(task, request.user, data.validated_data)
    task.refresh_from_db()
    return Response(s.TaskSerializer(task).data, status=status.HTTP_200_OK)


ACTIONS = {
    "progress": (Action.REPORT_PROGRESS, s.ProgressInput,
                 lambda t, u, d: services.task_report_progress(task=t, by=u, **d)),
    "submit": (Action.SUBMIT, s.SubmitInput,
               lambda t, u, d: services.task_submit(task=t, by=u, result=d["result"])),
    "confirm": (Action.CONFIRM, s.NoteInput,
                lambda t, u, d: services.task_confirm(task=t, by=u, note=d["note"])),
    "return": (Action.RETURN, s.ReasonInput,
               lambda t, u, d: services.task_return(task=t, by=u, reason=d["reason"])),
    "extension": (Action.REQUEST_EXTENSION, s.ExtensionInput,
                  lambda t, u, d: services.task_request_extension(task=t, by=u, **d)),
}


class TaskAction(APIView):
    """POST /api/tasks/<pk>/<action>/ for progress, submit, confirm, return and extension."""

    def post(self, request, pk: int, action: str):
        if action not in ACTIONS:
            return Response({"detail": "Thao tác không tồn tại."}, status=status.HTTP_404_NOT_FOUND)
        return _run(request, pk, *ACTIONS[action])
