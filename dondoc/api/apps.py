from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dondoc.api"
    label = "api"
    verbose_name = "API"
