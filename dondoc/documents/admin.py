from django.contrib import admin

from dondoc.documents.models import Document, DocumentFile


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    extra = 0


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "issuer", "issued_on", "direction"]
    list_filter = ["kind", "direction"]
    search_fields = ["search_fold", "number"]
    inlines = [DocumentFileInline]
