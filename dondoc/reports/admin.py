from django.contrib import admin
from django.http import HttpRequest

from dondoc.reports.models import ExportJob, RankingPolicy


@admin.register(RankingPolicy)
class RankingPolicyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "min_came_due", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # One policy is in force: edit it rather than adding a second.
        return not RankingPolicy.objects.exists()


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ("kind", "created_by", "status", "progress", "created_at", "finished_at")
    list_filter = ("status", "kind")
    readonly_fields = ("created_by", "kind", "params", "status", "progress", "file", "filename",
                       "error", "created_at", "finished_at")
