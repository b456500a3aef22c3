"""Form fields shared by the HTML interfaces (web, documents, reminders) that refuse bad input
with a Vietnamese message instead of letting it reach the database or the calendar.

- ``SafeModelChoiceField`` / ``SafeModelMultipleChoiceField``: an id the database cannot hold
  (23 digits, -1e30 …) is the ordinary ``invalid_choice`` error, never an OverflowError (500).
- ``BoundedDateField`` / ``MIN_DATE`` / ``MAX_DATE``: dates between 01/01/1900 and 31/12/2100,
  so that adding working days or building the day's datetimes never leaves the calendar;
  ``parse_day`` reads one such date typed on a command line.
- ``db_integer_field``: an IntegerField that fits a 64-bit database column.
- ``MultipleFileField``: several files in one input, at most ``MAX_FILES`` of at most
  ``settings.DONDOC_MAX_UPLOAD_BYTES`` each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DB_INT_MIN, DB_INT_MAX = -(2**63), 2**63 - 1
MIN_DATE, MAX_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
DATE_FORMATS = settings.DATE_INPUT_FORMATS  # the one list: dd/mm/yyyy, or yyyy-mm-dd
MAX_FILES = 10

_INTEGER_KEYS = (models.AutoField, models.BigAutoField, models.SmallAutoField, models.IntegerField)


def _fits_key(queryset: Any, key: str, value: Any) -> bool:
    """False when ``value`` cannot be an integer key of ``queryset``'s model (text, or a number
    out of the database's range); True for other kinds of key, which the database checks."""
    field = queryset.model._meta.pk if key == "pk" else queryset.model._meta.get_field(key)
    while field.is_relation and field.target_field is not None and field.target_field is not field:
        field = field.target_field
    if not isinstance(field, _INTEGER_KEYS):
        return True
    if isinstance(value, queryset.model):
        return True
    try:
        number = int(str(value).strip())
    except (ValueError, TypeError):
        return False
    return DB_INT_MIN <= number <= DB_INT_MAX


class SafeModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField for which an id the database cannot hold is an invalid choice."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        if not _fits_key(self.queryset, key, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value})
        try:
            return super().to_python(value)
        except OverflowError:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value}) from None


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField for which an id the database cannot hold is an invalid choice."""

    def _check_values(self, value: Iterable[Any]) -> Any:
        key = self.to_field_name or "pk"
        try:
            values = list(value)
        except TypeError:
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list") from None
        for item in values:
            if isinstance(item, list | dict) or not _fits_key(self.queryset, key, item):
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                      params={"value": item})
        try:
            queryset = super()._check_values(values)  # type: ignore[misc]  # evaluates the queryset
        except (OverflowError, ValueError):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": values}) from None
        return queryset


def model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """``form.fields[name]``, a model choice field, typed as one (to set its queryset)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField), name
    return field


def ids(values: Any) -> list[int]:
    """The integer ids among ``values`` (a posted list, or one value), in order and without
    repeats, leaving out what cannot be a 64-bit database id."""
    found: list[int] = []
    for value in [values] if isinstance(values, str | int) else values or []:
        if isinstance(value, bool) or not isinstance(value, str | int):
            continue
        try:
            number = int(str(value).strip())
        except ValueError:
            continue
        if DB_INT_MIN <= number <= DB_INT_MAX and number not in found:
            found.append(number)
    return found


def chosen(queryset: Any, values: Iterable[Any]) -> list[Any]:
    """The objects of ``queryset`` whose ids are among ``values`` (to redraw a picker after an
    error); values that cannot be ids are left out."""
    ids = [v for v in values if isinstance(v, str | int) and _fits_key(queryset, "pk", v)]
    return list(queryset.filter(pk__in=ids)) if ids else []


def date_range_message() -> str:
    return gettext("Ngày phải trong khoảng từ %(min)s đến %(max)s.") % {
        "min": MIN_DATE.strftime("%d/%m/%Y"), "max": MAX_DATE.strftime("%d/%m/%Y"),
    }


class BoundedDateField(forms.DateField):
    """A date between ``MIN_DATE`` and ``MAX_DATE``, typed dd/mm/yyyy (or yyyy-mm-dd)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_FORMATS)
        super().__init__(*args, **kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not MIN_DATE <= value <= MAX_DATE:
            message = self.error_messages.get("out_of_range") or date_range_message()
            raise ValidationError(message, code="out_of_range")


def parse_day(text: str) -> dt.date:
    """The date ``text`` names (dd/mm/yyyy or yyyy-mm-dd, between ``MIN_DATE`` and ``MAX_DATE``);
    a ValidationError with a Vietnamese message naming ``text`` otherwise."""
    field = BoundedDateField(error_messages={
        "required": _("Chưa nhập ngày (nhập dd/mm/yyyy, ví dụ 05/03/2026)."),
        "invalid": _("Ngày không hợp lệ (nhập dd/mm/yyyy, ví dụ 05/03/2026)."),
    })
    try:
        day: dt.date = field.clean(text)
    except ValidationError as error:
        raise ValidationError(f"“{text}”: {' '.join(error.messages)}", code=getattr(error, "code", None)) from None
    return day


def db_integer_field(**kwargs: Any) -> forms.IntegerField:
    """An IntegerField whose value fits a 64-bit database column (ids typed into query strings)."""
    kwargs.setdefault("min_value", DB_INT_MIN)
    kwargs.setdefault("max_value", DB_INT_MAX)
    message = _("Giá trị không hợp lệ.")
    kwargs["error_messages"] = {"min_value": message, "max_value": message, "invalid": message,
                                **kwargs.get("error_messages", {})}
    return forms.IntegerField(**kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input: at most ``MAX_FILES``, each at most DONDOC_MAX_UPLOAD_BYTES."""

    widget = MultipleFileInput

    def __init__(self, *args: Any, max_files: int = MAX_FILES, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Tệp đính kèm"))
        self.max_files = max_files
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        if not data:
            return []
        items = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if len(items) > self.max_files:
            raise ValidationError(gettext("Mỗi lần chỉ tải lên tối đa %d tệp.") % self.max_files, code="max_files")
        limit = settings.DONDOC_MAX_UPLOAD_BYTES
        for item in items:
            size = getattr(item, "size", 0) or 0
            if size > limit:
                raise ValidationError(
                    gettext("Tệp “%(name)s” quá lớn (%(size).1f MB); giới hạn là %(limit).1f MB.")
                    % {"name": item.name, "size": size / 1048576, "limit": limit / 1048576},
                    code="file_too_large",
                )
        return [super(MultipleFileField, self).clean(item, initial) for item in items]
