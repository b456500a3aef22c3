"""Forms of the registration flow: the upload, the document's fields, the task formset."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dondoc.documents.models import DocumentKind
from dondoc.forms import (
    BoundedDateField,
    MultipleFileField,
    MultipleFileInput,
    SafeModelMultipleChoiceField,
    db_integer_field,
    model_choice,
    parse_day,
)
from dondoc.org.access import assignable_units
from dondoc.org.models import Unit, User
from dondoc.text import dmy

_DATE_ERRORS = {"invalid": gettext_lazy("Ngày không hợp lệ; vui lòng nhập theo dạng ngày/tháng/năm, ví dụ 25/09/2023.")}
_DATE_WIDGET: dict[str, Any] = {"format": "%d/%m/%Y", "attrs": {"placeholder": "dd/mm/yyyy", "size": 10}}
_REFERENCE = re.compile(r"^\s*(?P<number>[^|;,]+?)\s*(?:[|;,]\s*(?:ngày\s*)?(?P<date>\S+))?\s*$", re.IGNORECASE)


class UploadForm(forms.Form):
    files = MultipleFileField(  # type: ignore[assignment]  # a declared field, not BaseForm.files
        label=gettext_lazy("Tệp văn bản"),
        help_text=gettext_lazy("DOCX, PDF (kể cả bản quét), ảnh PNG/JPG/TIF hoặc TXT; có thể chọn nhiều tệp "
                               "(văn bản và phụ lục)."),
        widget=MultipleFileInput(attrs={"accept": ".docx,.pdf,.txt,.md,.png,.jpg,.jpeg,.tif,.tiff"}),
    )
    text = forms.CharField(
        label=gettext_lazy("Hoặc dán nội dung văn bản"), required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


def _fmt_date(value: str | None) -> str:
    """An ISO date of the parser's JSON written dd/mm/yyyy (anything else as it is)."""
    try:
        return dmy(dt.date.fromisoformat(value)) if value else ""
    except ValueError:
        return value or ""


class DocumentFieldsForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại văn bản"), choices=DocumentKind.choices)
    number = forms.CharField(label=gettext_lazy("Số, ký hiệu"), max_length=64, required=False)
    issuer = forms.CharField(label=gettext_lazy("Cơ quan ban hành"), max_length=255, required=False)
    place = forms.CharField(label=gettext_lazy("Địa danh"), max_length=128, required=False)
    issued_on = BoundedDateField(
        label=gettext_lazy("Ngày ban hành"), required=False,
        error_messages=_DATE_ERRORS, widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )
    subject = forms.CharField(label=gettext_lazy("Trích yếu"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    signer = forms.CharField(label=gettext_lazy("Người ký"), max_length=128, required=False)
    signer_title = forms.CharField(label=gettext_lazy("Chức vụ người ký"), max_length=128, required=False)
    recipients = forms.CharField(
        label=gettext_lazy("Nơi nhận (Kính gửi)"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Mỗi nơi nhận một dòng."),
    )
    references = forms.CharField(
        label=gettext_lazy("Văn bản được dẫn"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Mỗi văn bản một dòng: số, ký hiệu | ngày (dd/mm/yyyy)."),
    )

    @staticmethod
    def initial_from(document: dict[str, Any]) -> dict[str, Any]:
        """Form values from the parser's SCHEMA.md document object."""
        references = [
            f"{r.get('number', '')} | {_fmt_date(r.get('date'))}" if r.get("date") else str(r.get("number", ""))
            for r in document.get("references") or []
        ]
        kind = document.get("kind")
        return {
            "kind": kind if kind in DocumentKind.values else DocumentKind.KHAC,
            "number": document.get("number") or "",
            "issuer": document.get("issuer") or "",
            "place": document.get("place") or "",
            "issued_on": _fmt_date(document.get("issued_on")),
            "subject": document.get("subject") or "",
            "signer": document.get("signer") or "",
            "signer_title": document.get("signer_title") or "",
            "recipients": "\n".join(document.get("recipients") or []),
            "references": "\n".join(references),
        }

    def clean_recipients(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["recipients"].splitlines() if line.strip()]

    def clean_references(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for line in self.cleaned_data["references"].splitlines():
            if not line.strip():
                continue
            match = _REFERENCE.match(line)
            if not match:
                raise forms.ValidationError(_("Không hiểu dòng “%s”.") % line.strip())
            date = None
            if match.group("date"):
                date = parse_day(match.group("date"))  # a ValidationError names the date
            found.append({"number": match.group("number").strip(), "date": date.isoformat() if date else None})
        return found


class UnitsField(SafeModelMultipleChoiceField):
    """Units chosen by id among those the person may assign to (the template renders only the
    chosen and found); the form sets the queryset from its user."""

    def __init__(self, **kwargs: Any) -> None:
        outside = gettext_lazy("Đơn vị đã chọn không thuộc phạm vi anh/chị được giao nhiệm vụ.")
        kwargs["error_messages"] = {"invalid_choice": outside, "invalid_pk_value": outside,
                                    **kwargs.get("error_messages", {})}
        super().__init__(queryset=Unit.objects.none(), widget=forms.MultipleHiddenInput, **kwargs)


class _UnitsForm(forms.Form):
    """A form whose ``lead`` and ``support`` pickers offer the units ``user`` may assign to."""

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = assignable_units(user)
        for name in ("lead", "support"):
            model_choice(self, name).queryset = units


class TaskForm(_UnitsForm):
    text = forms.CharField(label=gettext_lazy("Nội dung nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": gettext_lazy("Vui lòng nhập nội dung nhiệm vụ.")})
    start = db_integer_field(required=False, min_value=0, widget=forms.HiddenInput)
    end = db_integer_field(required=False, min_value=0, widget=forms.HiddenInput)
    lead = UnitsField(label=gettext_lazy("Đơn vị chủ trì"),
                      error_messages={"required": gettext_lazy("Vui lòng chọn đơn vị chủ trì.")})
    support = UnitsField(label=gettext_lazy("Đơn vị phối hợp"), required=False)
    due_on = BoundedDateField(
        label=gettext_lazy("Thời hạn"), required=False, error_messages=_DATE_ERRORS,
        widget=forms.DateInput(**_DATE_WIDGET),
    )
    due_text = forms.CharField(label=gettext_lazy("Thời hạn theo văn bản"), max_length=255, required=False)
    recurring = forms.BooleanField(label=gettext_lazy("Nhiệm vụ thường xuyên"), required=False)
    priority = forms.BooleanField(label=gettext_lazy("Nhiệm vụ trọng tâm"), required=False)
    split_at = db_integer_field(
        label=gettext_lazy("Tách tại ký tự thứ"), required=False, min_value=1,
        help_text=gettext_lazy("Để trống: tách tại dòng trống anh/chị chèn vào nội dung, hoặc tại câu giữa."),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        lead = {u.pk for u in cleaned.get("lead") or []}
        support = [u for u in cleaned.get("support") or [] if u.pk not in lead]
        cleaned["support"] = support
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is not None and end is not None and start > end:
            cleaned["start"] = cleaned["end"] = None
        return cleaned

    @staticmethod
    def initial_from(task: dict[str, Any]) -> dict[str, Any]:
        return {
            "text": task.get("text") or "",
            "start": task.get("start"),
            "end": task.get("end"),
            "lead": task.get("lead_ids") or [],
            "support": task.get("support_ids") or [],
            "due_on": task["due_input"] if task.get("due_input") is not None else _fmt_date(task.get("due")),
            "due_text": task.get("due_text") or "",
            "recurring": bool(task.get("recurring")),
            "priority": bool(task.get("priority")),
        }


# A document's tasks; more forms than this are not even built (a forged count costs nothing).
MAX_TASKS = 200


class _TaskFormSetBase(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "missing_management_form": gettext_lazy("Biểu mẫu không đầy đủ; vui lòng tải lại trang."),
        "too_many_forms": gettext_lazy("Một văn bản có tối đa %(num)d nhiệm vụ."),
    }


TaskFormSet = forms.formset_factory(TaskForm, formset=_TaskFormSetBase, extra=0, max_num=MAX_TASKS,
                                    absolute_max=MAX_TASKS, validate_max=True)


# -- importing a task tracker (Excel) -------------------------------------------------------------

class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bảng theo dõi nhiệm vụ (Excel .xlsx)"),
        help_text=gettext_lazy("Bảng cần có dòng tiêu đề với các cột như “STT”, “Nội dung nhiệm vụ”, "
                               "“Đơn vị chủ trì”, “Đơn vị phối hợp”, “Thời hạn”, “Văn bản giao”."),
        error_messages={"required": gettext_lazy("Vui lòng chọn tệp Excel (.xlsx).")},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class ImportRowForm(_UnitsForm):
    """One sheet row, fixed by the clerk (prefix ``form-0`` so the unit picker fills it)."""

    text = TaskForm.base_fields["text"]
    lead = UnitsField(label=gettext_lazy("Đơn vị chủ trì"),
                      error_messages={"required": gettext_lazy("Vui lòng chọn đơn vị chủ trì.")})
    support = UnitsField(label=gettext_lazy("Đơn vị phối hợp"), required=False)
    due_on = TaskForm.base_fields["due_on"]
    due_text = TaskForm.base_fields["due_text"]
    recurring = TaskForm.base_fields["recurring"]
    priority = TaskForm.base_fields["priority"]
    doc_number = forms.CharField(label=gettext_lazy("Số, ký hiệu văn bản giao"), max_length=64, required=False)
    doc_subject = forms.CharField(label=gettext_lazy("Trích yếu văn bản giao"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    issued_on = BoundedDateField(
        label=gettext_lazy("Ngày giao"), required=False, error_messages=_DATE_ERRORS,
        widget=forms.DateInput(**_DATE_WIDGET),
    )
    done = forms.BooleanField(label=gettext_lazy("Đã hoàn thành"), required=False)
    completed_on = BoundedDateField(
        label=gettext_lazy("Ngày hoàn thành"), required=False,
        error_messages=_DATE_ERRORS, widget=forms.DateInput(**_DATE_WIDGET),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        lead = {u.pk for u in cleaned.get("lead") or []}
        cleaned["support"] = [u for u in cleaned.get("support") or [] if u.pk not in lead]
        if cleaned.get("done") and not cleaned.get("completed_on") and "completed_on" not in self.errors:
            self.add_error("completed_on", _("Vui lòng nhập ngày hoàn thành."))
        return cleaned

    @staticmethod
    def initial_from(row: dict[str, Any]) -> dict[str, Any]:
        return {
            "text": row.get("text") or "",
            "lead": row.get("lead_ids") or [],
            "support": row.get("support_ids") or [],
            "due_on": row.get("due_input") or _fmt_date(row.get("due")),
            "due_text": row.get("due_text") or "",
            "recurring": bool(row.get("recurring")),
            "priority": bool(row.get("priority")),
            "doc_number": row.get("doc_number") or "",
            "doc_subject": row.get("doc_subject") or "",
            "issued_on": _fmt_date(row.get("issued_on")),
            "done": bool(row.get("done")),
            "completed_on": _fmt_date(row.get("completed_on")),
        }
