"""Forms of the urging-letter wizard."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dondoc.forms import BoundedDateField, db_integer_field
from dondoc.reminders.letters import COMBINED, PER_UNIT
from dondoc.reminders.models import SigningForm


class TaskFilterForm(forms.Form):
    SCOPES = [("overdue", _("Quá hạn")), ("soon", _("Sắp đến hạn")), ("both", _("Quá hạn và sắp đến hạn"))]

    unit = db_integer_field(label=_("Đơn vị chủ trì"), required=False, widget=forms.Select)
    scope = forms.ChoiceField(label=_("Nhiệm vụ"), choices=SCOPES, required=False, initial="overdue")
    due_within = forms.IntegerField(
        label=_("Sắp đến hạn trong (ngày làm việc)"), required=False, min_value=1, max_value=60, initial=5
    )


class LetterOptionsForm(forms.Form):
    new_due = BoundedDateField(
        label=_("Hạn báo cáo mới"),
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Ngày không hợp lệ (viết dd/mm/yyyy)."), "required": _("Vui lòng nhập hạn báo cáo.")},
    )
    explanation = forms.BooleanField(
        label=_("Yêu cầu giải trình, kiểm điểm trách nhiệm (với nhiệm vụ quá hạn)"), required=False
    )
    grouping = forms.ChoiceField(
        label=_("Cách gửi"),
        choices=[(PER_UNIT, _("Mỗi đơn vị chủ trì một văn bản")), (COMBINED, _("Một văn bản chung gửi các đơn vị"))],
    )
    signing = forms.ChoiceField(label=_("Thể thức ký"), choices=SigningForm.choices)
    signer_name = forms.CharField(
        label=_("Người ký"), max_length=128,
        error_messages={"required": _("Vui lòng nhập họ tên người ký.")},
    )
    number = forms.CharField(
        label=_("Số văn bản"), max_length=64, required=False,
        help_text=_("Để trống: dondoc cấp số tiếp theo khi vào sổ (chỉ nhập khi soạn một văn bản)."),
    )
    # One token per drafting: registering twice with it (a double click, a reloaded page)
    # shows the letter already registered instead of registering another.
    token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
