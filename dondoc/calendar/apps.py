from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "dondoc.calendar"
    label = "workcalendar"
    verbose_name = "Lịch làm việc"

    def ready(self) -> None:
        from dondoc.calendar import service  # noqa: F401  (connects the cache signals)
