import datetime

from django import forms

from regime.models import Participation, Regime, RegimeTotal
from states.partial_dates import PartialDateModelForm


class RegimeForm(PartialDateModelForm):
    partial_dates = ("established",)

    class Meta:
        model = Regime
        fields = "__all__"


class ParticipationForm(PartialDateModelForm):
    partial_dates = ("start", "end", "known_on")

    class Meta:
        model = Participation
        fields = "__all__"


class RegimeTotalForm(PartialDateModelForm):
    partial_dates = ("date",)

    class Meta:
        model = RegimeTotal
        fields = "__all__"


# The dates the as-of control accepts: before the first regime (the MTCR, 1987) and
# well after today, within what every database stores.
FIRST_AS_OF = datetime.date(1900, 1, 1)
LAST_AS_OF = datetime.date(2100, 12, 31)


class AsOfDateField(forms.DateField):
    """An ISO date (YYYY-MM-DD, what a date input sends) between 1900 and 2100; anything
    else is a form error, never a database error."""

    widget = forms.DateInput(attrs={"type": "date", "min": FIRST_AS_OF.isoformat(), "max": LAST_AS_OF.isoformat()})
    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": "Enter a date as YYYY-MM-DD, e.g. 1997-01-01."}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "As of")
        kwargs.setdefault("help_text", "Who was in on this day; empty for today.")
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and ("\x00" in value or len(value) > 10):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value and not FIRST_AS_OF <= value <= LAST_AS_OF:
            raise forms.ValidationError("Choose a date between 1900 and 2100.", code="out_of_range")


class AsOfForm(forms.Form):
    """The as-of control of the cross-reference page: a GET form with one date input."""

    as_of = AsOfDateField()
