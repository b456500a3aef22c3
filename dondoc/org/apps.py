from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "dondoc.org"
    label = "org"
    verbose_name = "Tổ chức"
