from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from dondoc.org.models import Unit, User


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["indented_name", "short_name", "kind", "valid_from", "valid_to", "successor"]
    list_filter = ["kind", ("valid_to", admin.EmptyFieldListFilter)]
    search_fields = ["name", "short_name", "name_fold", "code"]
    autocomplete_fields = ["parent", "successor"]
    ordering = ["path"]

    @admin.display(description=_("Tên đơn vị"), ordering="path")
    def indented_name(self, obj: Unit) -> str:
        return "— " * (obj.depth - 1) + obj.name


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "unit", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name", "name_fold", "email"]
    autocomplete_fields = ["unit"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "title", "email", "phone")}),
        (_("Đơn vị và vai trò"), {"fields": ("unit", "role")}),
        (_("Quyền"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Thời gian"), {"fields": ("last_login", "date_joined")}),
    )
    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        """People are deactivated, never deleted: the task timelines keep who did what."""
        return False

    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "unit", "role",
                                                  "password1", "password2")}),
    )
