from rest_framework import serializers

from dondoc.forms import DATE_FORMATS
from dondoc.tasks.models import Task, TaskEvent


class TaskSerializer(serializers.ModelSerializer):
    lead_unit = serializers.CharField(source="lead_unit.name")
    assigning_unit = serializers.CharField(source="assigning_unit.name")
    support_units: serializers.RelatedField = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )
    status_label = serializers.CharField(source="get_status_display")
    timeliness = serializers.CharField(source="current_timeliness")

    class Meta:
        model = Task
        fields = [
            "id", "text", "lead_unit", "assigning_unit", "support_units", "due_on",
            "original_due_on", "status", "status_label", "timeliness", "priority", "recurring",
            "completed_on", "document", "parent",
        ]


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.display_name", default=None)
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = TaskEvent
        fields = ["id", "kind", "kind_label", "actor", "at", "before", "after", "note"]


class ProgressInput(serializers.Serializer):
    text = serializers.CharField()
    percent = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=100)
    difficulties = serializers.CharField(required=False, allow_blank=True, default="")
    proposals = serializers.CharField(required=False, allow_blank=True, default="")


class SubmitInput(serializers.Serializer):
    result = serializers.CharField()


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField()


class NoteInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ExtensionInput(serializers.Serializer):
    proposed_due = serializers.DateField(input_formats=DATE_FORMATS)
    reason = serializers.CharField()
