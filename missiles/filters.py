"""The researchers' filters: the transfer register, the missile catalogue, programs and
flight tests. Filter state lives in the URL, so every filtered page is a link to share,
and the same FilterSet drives a list, its CSV twin and the transfer matrix.

Derived filters (years overlapping, standing at the time, range class, MTCR category,
text search) only call the QuerySet methods that hold the rule. Choice lists are built per
request (callables), so they only offer the records the request may see.
"""

import django_filters as filters
from django import forms
from django.db.models import F

from missiles.models import (
    Confidence,
    FlightTest,
    MissileProgram,
    MissileSystem,
    MtcrCategory,
    Notified,
    Outcome,
    Propellant,
    RangeClass,
    SystemKind,
    SystemStatus,
    TestOutcome,
    Transfer,
    TransferKind,
    TransferStatus,
)
from regime.models import standing_choices
from states.models import State

# The years a filter accepts: the span the records may hold (Transfer.year_from's validators).
FIRST_YEAR, LAST_YEAR = 1900, 2100
# Larger than any range or payload, small enough for every database's integer column.
MAX_MEASURE = 1_000_000
MAX_TEXT = 200

MTCR_STANDINGS = standing_choices("MTCR")
HCOC_STANDINGS = standing_choices("HCOC")


class BoundsForm(forms.Form):
    """A filter form whose ``bounds`` name (low field, high field, message) pairs that must be in order."""

    bounds = ()

    def clean(self):
        cleaned_data = super().clean()
        for low, high, message in self.bounds:
            first, last = cleaned_data.get(low), cleaned_data.get(high)
            if first is not None and last is not None and first > last:
                self.add_error(high, message)
        return cleaned_data


class WholeNumberFilter(filters.NumberFilter):
    """A whole number within bounds: letters, fractions and numbers too large for the
    database are form errors, never database errors."""

    field_class = forms.IntegerField

    def __init__(self, *args, min_value=0, max_value=MAX_MEASURE, **kwargs):
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)

    def get_max_validator(self):
        return None  # the field's own max_value applies


class YearFilter(WholeNumberFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.NumberInput(attrs={"placeholder": "e.g. 1990"}))
        super().__init__(*args, min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)


class CodeChoiceField(forms.ModelMultipleChoiceField):
    """State codes: a value with a NUL byte is an invalid choice before it reaches the
    database (PostgreSQL refuses NUL in a query)."""

    def clean(self, value):
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if isinstance(item, str) and ("\x00" in item or len(item) > MAX_TEXT):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item[:20]}
                )
        return super().clean(value)


class StatesFilter(filters.ModelMultipleChoiceFilter):
    """One or several states, by code (``?recipient=IRN&recipient=SYR``)."""

    field_class = CodeChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", lambda request: State.objects.only("code", "name"))
        super().__init__(*args, **kwargs)


class SearchFilter(filters.CharFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_TEXT)
        super().__init__(*args, **kwargs)


class SortFilter(filters.OrderingFilter):
    """Sorting by a column. Unknown values (no range, no quantity) go last in either
    direction on every database, and the primary key breaks ties so that pages never
    overlap or skip a record."""

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = []
        for param in value:
            if not param:
                continue
            descending = param.startswith("-")
            column = F(self.param_map.get(param.removeprefix("-"), param.removeprefix("-")))
            ordering.append(column.desc(nulls_last=True) if descending else column.asc(nulls_last=True))
        return qs.order_by(*ordering, "pk")


class TransferFilterForm(BoundsForm):
    bounds = (("year_from", "year_to", "“From year” must not be after “to year”."),)


class TransferFilter(filters.FilterSet):
    supplier = StatesFilter(label="Supplier")
    recipient = StatesFilter(label="Recipient")
    system = filters.ModelChoiceFilter(
        queryset=lambda request: MissileSystem.objects.only("id", "name"), empty_label="any system"
    )
    kind = filters.ChoiceFilter(choices=TransferKind.choices, empty_label="any kind")
    year_from = YearFilter(label="From year", method="filter_first_year")
    year_to = YearFilter(label="To year", method="filter_last_year")
    status = filters.ChoiceFilter(choices=TransferStatus.choices, empty_label="any status")
    confidence = filters.MultipleChoiceFilter(choices=Confidence.choices)
    supplier_mtcr = filters.MultipleChoiceFilter(
        choices=MTCR_STANDINGS, label="Supplier’s MTCR standing then", method="filter_standing"
    )
    recipient_hcoc = filters.MultipleChoiceFilter(
        choices=HCOC_STANDINGS, label="Recipient’s HCoC standing then", method="filter_standing"
    )
    ordering = SortFilter(
        label="Sort by",
        empty_label="years (default)",
        fields=(
            ("year_from", "years"),
            ("supplier__name", "supplier"),
            ("recipient__name", "recipient"),
            ("system__name", "system"),
            ("kind", "kind"),
            ("quantity", "quantity"),
            ("status", "status"),
            ("confidence", "confidence"),
            ("supplier_mtcr", "supplier_mtcr"),
            ("recipient_hcoc", "recipient_hcoc"),
        ),
        field_labels={"supplier_mtcr": "supplier’s MTCR standing", "recipient_hcoc": "recipient’s HCoC standing"},
    )

    class Meta:
        model = Transfer
        fields = []
        form = TransferFilterForm

    def filter_first_year(self, queryset, name, value):
        return queryset.overlapping_years(first=value)

    def filter_last_year(self, queryset, name, value):
        return queryset.overlapping_years(last=value)

    def filter_standing(self, queryset, name, value):
        party, regime = name.split("_")
        return queryset.where_standing(party, regime.upper(), value)


class TransferMatrixFilter(TransferFilter):
    """The register's filters without its sort order, which a matrix does not have."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.filters["ordering"]


class MissileSystemFilterForm(BoundsForm):
    bounds = (
        ("range_min", "range_max", "The smallest range must not exceed the largest."),
        ("payload_min", "payload_max", "The smallest payload must not exceed the largest."),
    )


class MissileSystemFilter(filters.FilterSet):
    q = SearchFilter(label="Name or alias", method="filter_text")
    state = filters.ModelChoiceFilter(
        label="Developer state",
        queryset=lambda request: State.objects.filter(code__in=MissileSystem.objects.values("state")).only(
            "code", "name"
        ),
        empty_label="any state",
    )
    kind = filters.ChoiceFilter(choices=SystemKind.choices, empty_label="any kind")
    range_class = filters.ChoiceFilter(
        choices=RangeClass.choices, label="Range class", method="filter_range_class", empty_label="any class"
    )
    mtcr_category = filters.ChoiceFilter(
        choices=MtcrCategory.choices, label="MTCR category", method="filter_mtcr_category", empty_label="any category"
    )
    propellant = filters.ChoiceFilter(choices=Propellant.choices, empty_label="any propellant")
    status = filters.ChoiceFilter(choices=SystemStatus.choices, empty_label="any status")
    range_min = WholeNumberFilter(field_name="range_km", lookup_expr="gte", label="Range at least (km)")
    range_max = WholeNumberFilter(field_name="range_km", lookup_expr="lte", label="Range at most (km)")
    payload_min = WholeNumberFilter(field_name="payload_kg", lookup_expr="gte", label="Payload at least (kg)")
    payload_max = WholeNumberFilter(field_name="payload_kg", lookup_expr="lte", label="Payload at most (kg)")
    ordering = SortFilter(
        label="Sort by",
        empty_label="name (default)",
        fields=(
            ("name", "name"),
            ("state__name", "state"),
            ("range_km", "range"),
            ("payload_kg", "payload"),
            ("first_flight", "first_flight"),
        ),
    )

    class Meta:
        model = MissileSystem
        fields = []
        form = MissileSystemFilterForm

    def filter_text(self, queryset, name, value):
        return queryset.search(value.strip())

    def filter_range_class(self, queryset, name, value):
        return queryset.in_range_class(value)

    def filter_mtcr_category(self, queryset, name, value):
        return queryset.in_mtcr_category(value)


class MissileProgramFilter(filters.FilterSet):
    name = SearchFilter(lookup_expr="icontains", label="Name")
    state = filters.ModelChoiceFilter(
        field_name="states",
        label="State",
        queryset=lambda request: State.objects.filter(code__in=MissileProgram.objects.values("states")).only(
            "code", "name"
        ),
        empty_label="any state",
    )
    outcome = filters.ChoiceFilter(choices=Outcome.choices, empty_label="any outcome")
    ordering = SortFilter(
        label="Sort by", empty_label="name (default)", fields=(("name", "name"), ("start", "start"), ("end", "end"))
    )

    class Meta:
        model = MissileProgram
        fields = []


class FlightTestFilterForm(BoundsForm):
    bounds = (("year_from", "year_to", "“From year” must not be after “to year”."),)


class FlightTestFilter(filters.FilterSet):
    state = filters.ModelChoiceFilter(
        label="Launching state",
        queryset=lambda request: State.objects.filter(code__in=FlightTest.objects.values("state")).only("code", "name"),
        empty_label="any state",
    )
    system = filters.ModelChoiceFilter(
        queryset=lambda request: MissileSystem.objects.filter(pk__in=FlightTest.objects.values("system")).only(
            "id", "name"
        ),
        empty_label="any system",
    )
    year_from = YearFilter(field_name="date", lookup_expr="year__gte", label="From year")
    year_to = YearFilter(field_name="date", lookup_expr="year__lte", label="To year")
    outcome = filters.ChoiceFilter(choices=TestOutcome.choices, empty_label="any outcome")
    confirmation = filters.ChoiceFilter(choices=Confidence.choices, empty_label="any confirmation")
    notified = filters.ChoiceFilter(choices=Notified.choices, label="Notified (HCoC)", empty_label="yes, no or unknown")
    ordering = SortFilter(
        label="Sort by",
        empty_label="newest first (default)",
        fields=(
            ("date", "date"),
            ("system__name", "system"),
            ("state__name", "state"),
            ("apogee_km", "apogee"),
            ("range_km", "range"),
            ("outcome", "outcome"),
            ("notified", "notified"),
        ),
    )

    class Meta:
        model = FlightTest
        fields = []
        form = FlightTestFilterForm
