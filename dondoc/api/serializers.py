from rest_framework import serializers

from dondoc.tasks.models import Task


class TaskSerializer(serializers.ModelSerializer):
    lead_unit = serializers.CharField(source="lead_unit.name")
    assigning_unit = serializers.CharField(source="assigning_unit.name")
    support_units = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    status_label = serializers.CharField(source="get_status_display")
    timeliness = serializers.CharField(source="current_timeliness")

    class Meta:
        model = Task
        fields = [
            "id", "text", "lead_unit", "assigning_unit", "support_units", "due_on",
            "original_due_on", "status", "status_label", "timeliness", "priority", "recurring",
            "completed_on", "document", "parent",
        ]
