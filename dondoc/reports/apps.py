from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dondoc.reports"
    label = "reports"
    verbose_name = "Thống kê, báo cáo"
