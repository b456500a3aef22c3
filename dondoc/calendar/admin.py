from django.contrib import admin

from dondoc.calendar.models import CalendarOverride


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "note"]
    list_filter = ["kind"]
    date_hierarchy = "day"
    search_fields = ["note"]
