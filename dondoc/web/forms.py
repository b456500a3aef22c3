"""Forms of the HTML interface: they parse input; the services decide."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dondoc.forms import (
    DATE_FORMATS,
    BoundedDateField,
    MultipleFileField,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
    chosen,
    db_integer_field,
    model_choice,
)
from dondoc.org import access
from dondoc.org.models import Unit, User
from dondoc.tasks.timeliness import Timeliness
from dondoc.tasks.workflow import Status

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class DateInput(forms.TextInput):
    def __init__(self, attrs: dict | None = None) -> None:
        base = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", "class": "date"}
        super().__init__({**base, **(attrs or {})}, )

    def format_value(self, value: Any) -> str | None:
        if hasattr(value, "strftime"):
            return value.strftime("%d/%m/%Y")
        return super().format_value(value)


def date_field(label: StrOrPromise, *, required: bool = False) -> forms.DateField:
    """A dd/mm/yyyy date between 01/01/1900 and 31/12/2100 (``dondoc.forms.BoundedDateField``)."""
    return BoundedDateField(
        label=label, required=required, input_formats=DATE_FORMATS, widget=DateInput(),
        error_messages={"invalid": _("Ngày không hợp lệ; vui lòng nhập theo dạng dd/mm/yyyy.")},
    )


def text_area(label: StrOrPromise, *, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": _("Vui lòng nhập %(label)s.") % {"label": str(label).lower()}},
    )


def current_units() -> Any:
    return Unit.objects.current().order_by("path")


class IndentedUnitChoiceField(SafeModelChoiceField):
    """Units labelled with their depth in the tree, for a flat menu."""

    def label_from_instance(self, obj: Unit) -> str:
        return "\u2003" * max(obj.depth - 1, 0) + obj.name


class PersonChoiceField(SafeModelChoiceField):
    """People labelled with their unit."""

    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} — {obj.unit}"


# ---------------------------------------------------------------- task list


SORTS = {
    "due": ("due_on", _("Thời hạn gần nhất")),
    "-due": ("-due_on", _("Thời hạn xa nhất")),
    "-created": ("-created_at", _("Mới giao gần đây")),
    "unit": ("lead_unit__path", _("Đơn vị chủ trì")),
    "status": ("status", _("Trạng thái")),
}


class TaskFilterForm(forms.Form):
    """The list's filters, all in the query string (bookmarkable). The statistics page links
    here with ``created_from``/``created_to``, ``as_of``, ``subunits``, several ``timeliness``
    values and ``exclude_withdrawn`` so that each list counts exactly what the figure counts."""

    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    timeliness = forms.MultipleChoiceField(
        label=_("Tình trạng thời hạn"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[c for c in Timeliness.choices if c[0] != Timeliness.WITHDRAWN],
        error_messages={"invalid_choice": _("Tình trạng thời hạn không hợp lệ.")},
    )
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *Status.choices])
    lead_unit = IndentedUnitChoiceField(
        label=_("Đơn vị chủ trì"), required=False, queryset=Unit.objects.none(),
        empty_label=_("Tất cả"), error_messages={"invalid_choice": _("Đơn vị không hợp lệ.")},
    )
    subunits = forms.BooleanField(label=_("Gồm cả các đơn vị trực thuộc"), required=False)
    assigned_by = SafeModelChoiceField(
        label=_("Lãnh đạo giao"), required=False, queryset=User.objects.none(), empty_label=_("Tất cả"),
        error_messages={"invalid_choice": _("Lãnh đạo giao không hợp lệ.")},
    )
    document = db_integer_field(
        label=_("Văn bản giao (số hiệu nội bộ)"), required=False, widget=forms.HiddenInput,
        error_messages={"invalid": _("Văn bản không hợp lệ."), "min_value": _("Văn bản không hợp lệ."),
                        "max_value": _("Văn bản không hợp lệ.")},
    )
    created_from = date_field(_("Giao từ ngày"))
    created_to = date_field(_("Giao đến ngày"))
    due_from = date_field(_("Hạn từ ngày"))
    due_to = date_field(_("Hạn đến ngày"))
    as_of = date_field(_("Tình trạng tính đến ngày"))
    priority = forms.ChoiceField(
        label=_("Trọng tâm"), required=False,
        choices=[("", _("Tất cả")), ("1", _("Nhiệm vụ trọng tâm")), ("0", _("Nhiệm vụ khác"))],
    )
    mine = forms.BooleanField(label=_("Chỉ việc của đơn vị tôi (chủ trì hoặc giao cho tôi)"), required=False)
    exclude_withdrawn = forms.BooleanField(label=_("Không tính nhiệm vụ đã thu hồi"), required=False)
    sort = forms.ChoiceField(
        label=_("Sắp xếp"), required=False, choices=[(k, v[1]) for k, v in SORTS.items()]
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the person's own committee: the menus must not list another committee's units.
        units = access.units_for(user)
        model_choice(self, "lead_unit").queryset = units.order_by("path")
        model_choice(self, "assigned_by").queryset = User.objects.leaders().filter(
            unit__in=units
        ).order_by("full_name")
        self.fields["as_of"].widget.attrs["title"] = _("Để trống: tính đến hôm nay")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for start, end in (("due_from", "due_to"), ("created_from", "created_to")):
            if data.get(start) and data.get(end) and data[start] > data[end]:
                self.add_error(end, _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


# ---------------------------------------------------------------- task actions


class ProgressForm(forms.Form):
    text = text_area(_("Nội dung báo cáo"))
    percent = forms.IntegerField(
        label=_("Tỷ lệ hoàn thành (%)"), required=False, min_value=0, max_value=100,
        error_messages={
            "min_value": _("Tỷ lệ hoàn thành phải từ 0 đến 100."),
            "max_value": _("Tỷ lệ hoàn thành phải từ 0 đến 100."),
            "invalid": _("Vui lòng nhập một số từ 0 đến 100."),
        },
    )
    difficulties = text_area(_("Khó khăn, vướng mắc"), required=False, rows=2)
    proposals = text_area(_("Đề xuất, kiến nghị"), required=False, rows=2)
    files = MultipleFileField()  # type: ignore[assignment]  # a declared field, not BaseForm.files


class NoteForm(forms.Form):
    text = text_area(_("Ý kiến"))
    files = MultipleFileField()  # type: ignore[assignment]  # a declared field, not BaseForm.files


class SubmitForm(forms.Form):
    result = text_area(_("Kết quả thực hiện"), rows=4)
    files = MultipleFileField()  # type: ignore[assignment]  # a declared field, not BaseForm.files


class ConfirmForm(forms.Form):
    note = text_area(_("Ý kiến (nếu có)"), required=False, rows=2)


class ReasonForm(forms.Form):
    reason = text_area(_("Lý do"))


class ResumeForm(forms.Form):
    note = text_area(_("Ghi chú (nếu có)"), required=False, rows=2)


class ExtensionRequestForm(forms.Form):
    proposed_due = date_field(_("Đề nghị gia hạn đến ngày"), required=True)
    reason = text_area(_("Lý do đề nghị gia hạn"))


class ExtensionDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Ý kiến"), coerce=lambda v: v == "1",
        choices=[("1", _("Đồng ý gia hạn")), ("0", _("Không đồng ý"))], widget=forms.RadioSelect,
    )
    note = text_area(_("Ý kiến, lý do"), required=False, rows=2)


class ChangeDueForm(forms.Form):
    due_on = date_field(_("Thời hạn mới (để trống nếu không có hạn)"))
    reason = text_area(_("Lý do điều chỉnh"))


class DelegateForm(forms.Form):
    text = text_area(_("Nội dung giao tiếp"))
    lead_unit = IndentedUnitChoiceField(
        label=_("Đơn vị thực hiện"), queryset=Unit.objects.none(), required=False,
        empty_label=_("— Chính đơn vị —"),
    )
    assignee = PersonChoiceField(
        label=_("Cán bộ thực hiện"), queryset=User.objects.none(), required=False, empty_label=_("— Không chọn —"),
    )
    due_on = date_field(_("Thời hạn"))

    def __init__(self, *args: Any, task: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = current_units().subtree_of(task.lead_unit)
        model_choice(self, "lead_unit").queryset = units
        model_choice(self, "assignee").queryset = User.objects.filter(unit__in=units, is_active=True).order_by(
            "unit__path", "full_name"
        )


# ---------------------------------------------------------------- manual entry


class TaskCreateForm(forms.Form):
    text = text_area(_("Nội dung nhiệm vụ"), rows=4)
    lead_unit = SafeModelChoiceField(
        label=_("Đơn vị chủ trì"), queryset=Unit.objects.none(),
        error_messages={"required": _("Vui lòng chọn đơn vị chủ trì."),
                        "invalid_choice": _("Đơn vị không hợp lệ.")},
    )
    support_units = SafeModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"), queryset=Unit.objects.none(), required=False,
        error_messages={"invalid_choice": _("Đơn vị không hợp lệ.")},
    )
    due_on = date_field(_("Thời hạn"))
    due_text = forms.CharField(label=_("Thời hạn theo văn bản"), required=False, max_length=255)
    priority = forms.BooleanField(label=_("Nhiệm vụ trọng tâm"), required=False)
    recurring = forms.BooleanField(label=_("Nhiệm vụ thường xuyên"), required=False)
    assigned_by = SafeModelChoiceField(
        label=_("Lãnh đạo giao"), required=False, queryset=User.objects.none(), empty_label=_("— Không chọn —"),
    )

    def __init__(self, *args: Any, committee: Unit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = current_units()
        if committee is not None:
            units = units.subtree_of(committee)
        model_choice(self, "lead_unit").queryset = units
        model_choice(self, "support_units").queryset = units
        leaders = User.objects.leaders(within=committee)
        if committee is not None:  # the committee's own leaders, not those of a commune under it
            leaders = leaders.filter(unit=committee)
        model_choice(self, "assigned_by").queryset = leaders.order_by("full_name")

    def selected(self, name: str) -> list[Unit]:
        """The units chosen so far (to redraw the picker after an error); ids that are not
        units of the committee, or not ids at all, are left out."""
        raw = self.data.getlist(name) if self.is_bound and hasattr(self.data, "getlist") else []
        return chosen(model_choice(self, name).queryset, raw)


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm người hoặc đơn vị"), required=False)
