"""Partial dates: a date known only to the year, the month or the day.

Sources often give only "1993" or "March 1998". A partial date is stored as the
first day of its period plus its precision, written as a partial ISO string in
CSV ("1993", "1998-03", "2002-11-25") and displayed as given ("1993",
"March 1998", "25 November 2002"); a day is never made up.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class Precision(models.TextChoices):
    YEAR = "year", "year"
    MONTH = "month", "month"
    DAY = "day", "day"


_PARTIAL_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    first_day: datetime.date
    precision: str = Precision.DAY

    @classmethod
    def parse(cls, text):
        """Read "1993", "1998-03" or "2002-11-25"; raise ValueError otherwise."""
        match = _PARTIAL_ISO.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date written as YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        try:
            if day:
                return cls(datetime.date(int(year), int(month), int(day)), Precision.DAY)
            if month:
                return cls(datetime.date(int(year), int(month), 1), Precision.MONTH)
            return cls(datetime.date(int(year), 1, 1), Precision.YEAR)
        except ValueError as error:
            raise ValueError(f"{text!r} is not a real date ({error})") from None

    @classmethod
    def from_fields(cls, first_day, precision):
        if first_day is None:
            return None
        return cls(first_day, precision or Precision.DAY)

    @property
    def last_day(self):
        d = self.first_day
        if self.precision == Precision.YEAR:
            return datetime.date(d.year, 12, 31)
        if self.precision == Precision.MONTH:
            return datetime.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
        return d

    @property
    def is_exact(self):
        return self.precision == Precision.DAY

    def contains(self, day):
        return self.first_day <= day <= self.last_day

    def isoformat(self):
        d = self.first_day
        if self.precision == Precision.YEAR:
            return f"{d.year:04d}"
        if self.precision == Precision.MONTH:
            return f"{d.year:04d}-{d.month:02d}"
        return d.isoformat()

    def __str__(self):
        d = self.first_day
        if self.precision == Precision.YEAR:
            return str(d.year)
        if self.precision == Precision.MONTH:
            return f"{calendar.month_name[d.month]} {d.year}"
        return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def partial_date(text):
    """Parse an optional partial date from a CSV cell or form input ("" gives None)."""
    text = (text or "").strip()
    return PartialDate.parse(text) if text else None


class PartialDateFormField(forms.Field):
    """One text input for a partial date; cleans to a PartialDate or None."""

    widget = forms.TextInput(attrs={"maxlength": 10, "size": 10, "placeholder": "YYYY[-MM[-DD]]"})
    default_error_messages = {
        "invalid": "Enter a date as YYYY, YYYY-MM or YYYY-MM-DD (e.g. 1993, 1998-03, 2002-11-25).",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "As precise as the source: 1993, 1998-03 or 2002-11-25.")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value.isoformat() if isinstance(value, PartialDate) else value

    def to_python(self, value):
        try:
            return partial_date(value if isinstance(value, str) else "")
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class _PartialDateFormMetaclass(forms.models.ModelFormMetaclass):
    """Replace each partial date's two model fields (date, precision) by one text field,
    in the class's base fields, so that the admin lays out and renders exactly those."""

    def __new__(mcs, name, bases, attrs):
        new_class = super().__new__(mcs, name, bases, attrs)
        model = getattr(getattr(new_class, "_meta", None), "model", None)
        for field_name in getattr(new_class, "partial_dates", ()):
            if model is None or field_name not in new_class.base_fields:
                continue
            model_field = model._meta.get_field(field_name)
            new_class.base_fields.pop(f"{field_name}_precision", None)
            new_class.base_fields[field_name] = PartialDateFormField(
                required=not model_field.blank,
                label=model_field.verbose_name.capitalize(),
                help_text=model_field.help_text or None,
            )
        return new_class


class PartialDateModelForm(forms.ModelForm, metaclass=_PartialDateFormMetaclass):
    """A ModelForm that edits each partial date (a date column plus its precision
    column) as one text field. List the date field names in ``partial_dates``."""

    partial_dates = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.partial_dates:
            if name in self.fields:
                self.initial[name] = getattr(self.instance, f"{name}_partial")

    def _post_clean(self):
        for name in self.partial_dates:
            if name in self.cleaned_data:
                value = self.cleaned_data[name]
                setattr(self.instance, f"{name}_partial", value)
                self.cleaned_data[name] = value.first_day if value else None
        super()._post_clean()


def partial_date_property(name):
    """A property that reads and writes ``<name>`` and ``<name>_precision`` as a PartialDate."""

    def getter(self):
        return PartialDate.from_fields(getattr(self, name), getattr(self, f"{name}_precision"))

    def setter(self, value):
        setattr(self, name, value.first_day if value else None)
        setattr(self, f"{name}_precision", value.precision if value else "")

    return property(getter, setter)


def precision_field(verbose_name):
    return models.CharField(
        verbose_name,
        max_length=5,
        choices=Precision.choices,
        blank=True,
        help_text="How much of the date the source gives.",
    )


def partial_date_constraint(name, model_name):
    """A date and its precision are given together or not at all."""
    return models.CheckConstraint(
        condition=(models.Q(**{f"{name}__isnull": True}) & models.Q(**{f"{name}_precision": ""}))
        | (models.Q(**{f"{name}__isnull": False}) & ~models.Q(**{f"{name}_precision": ""})),
        name=f"{model_name}_{name}_precision_given",
        violation_error_message=f"Give the {name.replace('_', ' ')} and its precision together.",
    )


def partial_date_column(name, empty="—"):
    """An admin ``list_display`` column showing a partial date as given, sorted by its first day."""
    from django.contrib import admin

    @admin.display(description=name.replace("_", " "), ordering=name)
    def column(obj):
        return getattr(obj, f"{name}_partial") or empty

    column.__name__ = f"{name}_display"
    return column
