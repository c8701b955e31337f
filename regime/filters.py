"""The regime page's participant filter: status, and who was in on a date.

The as-of filter only calls ``ParticipationQuerySet.present_on``, which holds the rule
(``active_on``, with ``uncertain_on`` marking the participations a partial date leaves open).
"""

import django_filters as filters

from regime.forms import AsOfDateField
from regime.models import Participation, Status


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
