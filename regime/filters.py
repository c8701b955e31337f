"""The regime page's participant filter: status, and who was in on a date.

The as-of filter only calls ``ParticipationQuerySet.present_on``, which holds the rule
(``active_on``, with ``uncertain_on`` marking the participations a partial date leaves open).
"""

import django_filters as filters

from regime.forms import AsOfDateField
from regime.models import Participation, Regime, RegimeTotal, Status
from states.models import State


class AsOfFilter(filters.DateFilter):
    field_class = AsOfDateField


class ParticipantFilter(filters.FilterSet):
    as_of = AsOfFilter(label="As of", method="filter_as_of")
    status = filters.ChoiceFilter(choices=Status.choices, empty_label="any status")

    class Meta:
        model = Participation
        fields = []

    def filter_as_of(self, queryset, name, value):
        return queryset.present_on(value)


class ParticipationFilter(ParticipantFilter):
    """The regime page's participant filter for every regime at once (the API's participations
    list): the same as-of date and status, plus the regime and the state. On a regime's page
    the regime comes from the URL; its twin is ``?regime=<code>`` with the same filters."""

    regime = filters.ModelChoiceFilter(
        queryset=lambda request: Regime.objects.only("code", "name"),
        label="Regime",
        empty_label="any regime",
    )
    state = filters.ModelChoiceFilter(
        queryset=lambda request: State.objects.only("code", "name"),
        label="State",
        empty_label="any state",
    )


class RegimeTotalFilter(filters.FilterSet):
    """The membership totals sources report, by regime."""

    regime = filters.ModelChoiceFilter(
        queryset=lambda request: Regime.objects.only("code", "name"),
        label="Regime",
        empty_label="any regime",
    )

    class Meta:
        model = RegimeTotal
        fields = []
