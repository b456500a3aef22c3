"""REST endpoints: thin — parse with a serializer, fetch through org.access, call one service."""

from collections.abc import Callable
from typing import Any

from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dondoc.api import serializers as s
from dondoc.org.access import Action, get_task_for
from dondoc.org.models import User
from dondoc.tasks import services
from dondoc.tasks.events import events_seen_by
from dondoc.tasks.models import Task, TaskEvent, TaskQuerySet

Call = Callable[[Task, User, dict[str, Any]], Any]


def signed_in(request: Request) -> User:
    """The person behind ``request``: every endpoint requires IsAuthenticated (REST_FRAMEWORK)."""
    user = request.user
    if not isinstance(user, User):
        raise NotAuthenticated
    return user


class TaskList(generics.ListAPIView):
    serializer_class = s.TaskSerializer

    def get_queryset(self) -> TaskQuerySet:
        tasks = Task.objects.visible_to(signed_in(self.request)).with_related().order_by("due_on", "id")
        query = self.request.query_params.get("q")
        return tasks.search(query) if query else tasks


class TaskDetail(generics.RetrieveAPIView):
    serializer_class = s.TaskSerializer

    def get_object(self) -> Task:
        return get_task_for(signed_in(self.request), self.kwargs["pk"])


class TaskEvents(generics.ListAPIView):
    serializer_class = s.EventSerializer
    pagination_class = None

    # DRF: get_queryset "must be an iterable, and may be a queryset"; the stubs insist on a QuerySet.
    def get_queryset(self) -> list[TaskEvent]:  # type: ignore[override]
        user = signed_in(self.request)
        return events_seen_by(get_task_for(user, self.kwargs["pk"]), user)


def _run(request: Request, pk: int, action: Action, serializer_class: type[serializers.Serializer],
         call: Call) -> Response:
    user = signed_in(request)
    task = get_task_for(user, pk, action=action)
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    call(task, user, data.validated_data)
    task.refresh_from_db()
    return Response(s.TaskSerializer(task).data, status=status.HTTP_200_OK)


ACTIONS: dict[str, tuple[Action, type[serializers.Serializer], Call]] = {
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

    def post(self, request: Request, pk: int, action: str) -> Response:
        if action not in ACTIONS:
            return Response({"detail": "Thao tác không tồn tại."}, status=status.HTTP_404_NOT_FOUND)
        return _run(request, pk, *ACTIONS[action])
