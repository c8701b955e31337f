"""One GET form per measure: the parameters live in the query string, so every result is a
permalink. Absent parameters take the rule's defaults; anything else that is not a valid
value (a bad date, bounds out of order, an unknown kind, region or state, an absurd number,
an over-long string, a parameter given twice) is a form error, answered with status 400.
"""

from django import forms
from django.http import QueryDict

from measures import rules
from missiles.filters import MAX_TEXT, CodeChoiceField
from missiles.models import SystemKind, SystemStatus
from regime.forms import AsOfDateField
from states.models import State

# Longer than any missile's range (half the Earth's circumference is about 20,000 km).
MAX_RANGE_KM = 40_000
FIRST_YEAR, LAST_YEAR = 1900, 2100
# Query-string parameters that are not the form's: the pages of the paginated lists.
PAGE_PARAMETERS = ("page",)


class RangeField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_RANGE_KM)
        kwargs.setdefault("widget", forms.NumberInput(attrs={"step": 1}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and len(value) > 12:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class YearField(RangeField):
    def __init__(self, **kwargs):
        super().__init__(min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)


class ChoicesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        values = super().to_python(value)
        if any(len(item) > MAX_TEXT or "\x00" in item for item in values):
            raise forms.ValidationError("Choose from the values offered.", code="invalid_choice")
        return values


KIND_CHOICES = SystemKind.choices
STATUS_CHOICES = [*SystemStatus.choices, (rules.STATUS_NOT_RECORDED, "status not recorded")]


class MeasureForm(forms.Form):
    """Defaults for absent parameters (``defaults``, from the rule's dataclass), one value
    per single-valued parameter, and ``params()`` giving the rule's dataclass."""

    params_class = None

    def __init__(self, data=None, **kwargs):
        # An absent parameter takes the rule's default, and the form shows it as given.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        defaults = self.params_class()
        for name in self.base_fields:
            default = getattr(defaults, name, None)
            if name in data or default in (None, ()):
                continue
            if isinstance(default, tuple):
                data.setlist(name, [str(value) for value in default])
            else:
                data[name] = str(default)
        super().__init__(data, **kwargs)
        for form_field in self.fields.values():
            if isinstance(form_field, ChoicesField) and not form_field.help_text:
                form_field.help_text = "None ticked: the default."

    def clean(self):
        cleaned_data = super().clean()
        getlist = getattr(self.data, "getlist", None)
        if getlist:
            for name, form_field in self.fields.items():
                takes_several = getattr(form_field.widget, "allow_multiple_selected", False)
                if not takes_several and len(getlist(name)) > 1:
                    self.add_error(name, "Give this parameter once.")
        return cleaned_data

    def params(self):
        """The rule's parameters: the cleaned values, the defaults where a value is absent."""
        defaults = self.params_class()
        values = {}
        for name in self.params_class.__dataclass_fields__:
            value = self.cleaned_data.get(name)
            if value in (None, "", [], ()):
                continue
            values[name] = tuple(value) if isinstance(value, list) else value
        return self.params_class(**{**defaults.__dict__, **values})


class RangeBandForm(MeasureForm):
    params_class = rules.RangeBandParams

    min_range_km = RangeField(label="From (km, included)")
    max_range_km = RangeField(label="To (km, excluded)", min_value=1)
    kinds = ChoicesField(choices=KIND_CHOICES, label="Kinds")
    statuses = ChoicesField(choices=STATUS_CHOICES, label="Status")
    as_of = AsOfDateField(help_text="Who would be covered on this day; empty for today.")

    def clean(self):
        cleaned_data = super().clean()
        params = rules.RangeBandParams()
        low = cleaned_data.get("min_range_km")
        high = cleaned_data.get("max_range_km")
        low = params.min_range_km if low is None and "min_range_km" not in self.errors else low
        high = params.max_range_km if high is None and "max_range_km" not in self.errors else high
        if low is not None and high is not None and low >= high:
            self.add_error("max_range_km", "The band must end above its start.")
        return cleaned_data


class FlightTestBanForm(MeasureForm):
    params_class = rules.FlightTestBanParams

    start = AsOfDateField(label="Ban from", help_text="The ban's first day (tests on it are breaches).")
    min_range_km = RangeField(label="Systems of at least (km)")
    kinds = ChoicesField(choices=KIND_CHOICES, label="Kinds")


def region_choices():
    regions = State.objects.exclude(region="").order_by("region").values_list("region", flat=True).distinct()
    return [(region, region) for region in regions]


class ZoneForm(MeasureForm):
    params_class = rules.ZoneParams

    regions = ChoicesField(label="Regions", choices=region_choices, widget=forms.SelectMultiple)
    states = CodeChoiceField(
        queryset=State.objects.none(),
        required=False,
        label="States",
        to_field_name="code",
        help_text="State codes, e.g. IRN; added to the regions.",
    )
    min_range_km = RangeField(label="Missiles of at least (km)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Per request, so that only the states the reader may see are offered.
        self.fields["states"].queryset = State.objects.only("code", "name").order_by("name")

    def clean_states(self):
        return tuple(state.code for state in self.cleaned_data["states"])


class SpaceServiceForm(MeasureForm):
    params_class = rules.SpaceServiceParams

    min_range_km = RangeField(label="Orbital-class range from (km)")
    as_of = AsOfDateField(help_text="Holdings and standings on this day; empty for today.")


class VerificationForm(MeasureForm):
    params_class = rules.VerificationParams

    as_of = AsOfDateField(help_text="Regime standing of the holders on this day; empty for today.")


class CrossCheckForm(MeasureForm):
    params_class = rules.CrossCheckParams

    first_year = YearField(label="From year")
    last_year = YearField(label="To year")

    def clean(self):
        cleaned_data = super().clean()
        first, last = cleaned_data.get("first_year"), cleaned_data.get("last_year")
        if first is not None and last is not None and first > last:
            self.add_error("last_year", "The last year cannot be before the first.")
        return cleaned_data
