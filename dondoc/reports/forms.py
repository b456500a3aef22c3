from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dondoc.forms import BoundedDateField, db_integer_field
from dondoc.reports.models import ExportKind
from dondoc.reports.queries import SORT_KEYS

MAX_DAYS = 366 * 10
_DATE_ERRORS = {"invalid": _("Nhập ngày theo dạng dd/mm/yyyy.")}


class StatsForm(forms.Form):
    """The statistics' filter. Dates stay within 01/01/1900–31/12/2100 and ids within what a
    database column holds (``dondoc.forms``), so nothing typed into the address reaches the
    calendar or the database out of range; whether the unit or document may be seen is decided
    by the view (``org.access``: a 404)."""

    start = BoundedDateField(label=_("Giao từ ngày"), error_messages=_DATE_ERRORS)
    end = BoundedDateField(label=_("đến ngày"), error_messages=_DATE_ERRORS)
    unit = db_integer_field(label=_("Đơn vị"), required=False, min_value=1)
    assigned_by = db_integer_field(label=_("Lãnh đạo giao"), required=False, min_value=1)
    document = db_integer_field(label=_("Văn bản"), required=False, min_value=1)
    priority = forms.BooleanField(label=_("Chỉ nhiệm vụ trọng tâm"), required=False)
    rollup = forms.BooleanField(label=_("Gộp theo đơn vị cấp trên"), required=False)
    sort = forms.ChoiceField(label=_("Sắp xếp"), choices=[(k, k) for k in SORT_KEYS], required=False)
    desc = forms.BooleanField(required=False)
    page = db_integer_field(label=_("Trang"), required=False, min_value=1)
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=ExportKind.choices, required=False)

    @staticmethod
    def defaults() -> dict[str, str]:
        today = timezone.localdate()
        return {"start": dt.date(today.year, 1, 1).strftime("%d/%m/%Y"), "end": today.strftime("%d/%m/%Y")}

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
            elif (end - start).days > MAX_DAYS:
                self.add_error("end", _("Kỳ thống kê không quá 10 năm."))
        return data
