"""The states directory's filters. Each derived filter only calls the QuerySet method that
holds the rule: ``StateQuerySet.with_standings`` (standing today, by ``active_on``) and
``StateQuerySet.with_holdings`` (the longest range class held, by ``held_by``'s rule)."""

import django_filters as filters
from django.db.models import F

from missiles.models import RangeClass
from regime.models import standing_choices
from sources.filters import MAX_QUERY, valid_text
from states.models import State, standing_annotation

NO_RANGE_KNOWN = "none"

MTCR_STANDINGS = standing_choices("MTCR")
HCOC_STANDINGS = standing_choices("HCOC")


def regions():
    return [
        (region, region)
        for region in State.objects.exclude(region="").order_by("region").distinct().values_list("region", flat=True)
    ]


class StateOrdering(filters.OrderingFilter):
    """Sorting by a column; states without a known range go last either way, and the
    name breaks ties so that pages never shuffle."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        ordering = []
        for param in value:
            # "?ordering=name," leaves an empty item: skip it (it used to reach F(None), a 500).
            if not param:
                continue
            descending = param.startswith("-")
            field = self.param_map.get(param.lstrip("-"))
            expression = F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)
            ordering.append(expression)
        return queryset.order_by(*ordering, "name")


class StateFilter(filters.FilterSet):
    q = filters.CharFilter(label="Name or code", method="filter_text", max_length=MAX_QUERY, validators=[valid_text])
    region = filters.ChoiceFilter(choices=regions, empty_label="any region")
    mtcr = filters.ChoiceFilter(
        choices=MTCR_STANDINGS, label="MTCR standing today", method="filter_standing", empty_label="any"
    )
    hcoc = filters.ChoiceFilter(
        choices=HCOC_STANDINGS, label="HCoC standing today", method="filter_standing", empty_label="any"
    )
    range_class = filters.ChoiceFilter(
        choices=[*RangeClass.choices, (NO_RANGE_KNOWN, "none known")],
        label="Longest range held",
        method="filter_range_class",
        empty_label="any",
    )
    ordering = StateOrdering(
        label="Sort by",
        fields=(
            ("name", "name"),
            ("code", "code"),
            ("region", "region"),
            ("systems_held", "systems"),
            ("longest_range_km", "range"),
        ),
        field_labels={"systems_held": "systems held", "longest_range_km": "longest range"},
        empty_label="name",
    )

    class Meta:
        model = State
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.search(value.strip())

    def filter_standing(self, queryset, name, value):
        return queryset.with_standings((name.upper(),)).filter(**{standing_annotation(name): value})

    def filter_range_class(self, queryset, name, value):
        return queryset.with_longest_range_class("" if value == NO_RANGE_KNOWN else value)
