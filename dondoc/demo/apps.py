from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "dondoc.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
