from django.contrib import admin
from django.http import HttpRequest

from dondoc.tasks.models import Task, TaskEvent


class TaskEventInline(admin.TabularInline):
    model = TaskEvent
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "actor", "at", "before", "after", "note"]

    def has_add_permission(self, request: HttpRequest, obj: Task | None = None) -> bool:
        return False


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    """Read-only here: every change to a task goes through the services so it is recorded."""

    list_display = ["short_text", "lead_unit", "due_on", "status"]
    list_filter = ["status", "priority"]
    search_fields = ["search_fold"]
    inlines = [TaskEventInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Task | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Task | None = None) -> bool:
        return False
