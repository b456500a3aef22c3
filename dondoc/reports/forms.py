from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dondoc.reports.models import ExportKind
from dondoc.reports.queries import SORT_KEYS

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
MAX_DAYS = 366 * 10


class StatsForm(forms.Form):
    start = forms.DateField(label=_("Giao từ ngày"), input_formats=DATE_FORMATS,
                            error_messages={"invalid": _("Nhập ngày theo dạng dd/mm/yyyy.")})
    end = forms.DateField(label=_("đến ngày"), input_formats=DATE_FORMATS,
                          error_messages={"invalid": _("Nhập ngày theo dạng dd/mm/yyyy.")})
    unit = forms.IntegerField(label=_("Đơn vị"), required=False, min_value=1)
    assigned_by = forms.IntegerField(label=_("Lãnh đạo giao"), required=False, min_value=1)
    document = forms.IntegerField(label=_("Văn bản"), required=False, min_value=1)
    priority = forms.BooleanField(label=_("Chỉ nhiệm vụ trọng tâm"), required=False)
    rollup = forms.BooleanField(label=_("Gộp theo đơn vị cấp trên"), required=False)
    sort = forms.ChoiceField(choices=[(k, k) for k in SORT_KEYS], required=False)
    desc = forms.BooleanField(required=False)
    page = forms.IntegerField(required=False, min_value=1)
    kind = forms.ChoiceField(choices=ExportKind.choices, required=False)

    @staticmethod
    def defaults() -> dict[str, str]:
        today = timezone.localdate()
        return {"start": dt.date(today.year, 1, 1).strftime("%d/%m/%Y"), "end": today.strftime("%d/%m/%Y")}

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
            elif (end - start).days > MAX_DAYS:
                self.add_error("end", _("Kỳ thống kê không quá 10 năm."))
        return data
