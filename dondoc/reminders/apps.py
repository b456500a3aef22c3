from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "dondoc.reminders"
    label = "reminders"
    verbose_name = "Nhắc việc và đôn đốc"
