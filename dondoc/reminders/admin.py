"""Reminder rules are edited here; claims, digests and letters are shown read-only."""

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from dondoc.reminders.models import DigestClaim, ReminderClaim, ReminderRule, UrgingLetter


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "trigger", "working_days", "priority_only", "inform_office", "active"]
    list_editable = ["active"]
    list_filter = ["trigger", "priority_only", "active"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(ReminderClaim)
class ReminderClaimAdmin(ReadOnlyAdmin):
    list_display = ["task", "rule", "day", "due_on", "state"]
    list_filter = ["state", "trigger", "day"]
    date_hierarchy = "day"


@admin.register(DigestClaim)
class DigestClaimAdmin(ReadOnlyAdmin):
    list_display = ["recipient", "day", "state", "task_count", "attempts", "sent_at"]
    list_filter = ["state", "day"]


@admin.register(UrgingLetter)
class UrgingLetterAdmin(ReadOnlyAdmin):
    list_display = ["document", "new_due", "explanation_requested", "created_by", "created_at"]
