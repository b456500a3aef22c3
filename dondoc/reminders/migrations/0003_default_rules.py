"""The default reminder rules: 3 working days before, on the due date, every 5 working days overdue."""

from django.db import migrations

DEFAULTS = [
    ("Nhắc trước hạn 3 ngày làm việc", "before", 3, False),
    ("Nhắc đúng ngày đến hạn", "on_due", 0, False),
    ("Nhắc quá hạn, lặp lại sau mỗi 5 ngày làm việc", "overdue", 5, True),
]


def create_defaults(apps, schema_editor):
    ReminderRule = apps.get_model("reminders", "ReminderRule")
    if ReminderRule.objects.exists():
        return
    for name, trigger, days, inform_office in DEFAULTS:
        ReminderRule.objects.create(
            name=name, trigger=trigger, working_days=days, inform_office=inform_office
        )


def remove_defaults(apps, schema_editor):
    ReminderRule = apps.get_model("reminders", "ReminderRule")
    ReminderRule.objects.filter(name__in=[d[0] for d in DEFAULTS], claims__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("reminders", "0002_reminders_and_letters")]
    operations = [migrations.RunPython(create_defaults, remove_defaults)]
