"""The sources list's filter, shared by the HTML list and the API."""

import django_filters as filters
from django import forms

from sources.models import Source

# The longest text a search box accepts; longer input is a form error, not a query.
MAX_QUERY = 200


def valid_text(value):
    """Reject a NUL byte before it reaches the database (PostgreSQL refuses it in a query)."""
    if "\x00" in value:
        raise forms.ValidationError("Remove the null character from the search text.")


class SourceFilter(filters.FilterSet):
    q = filters.CharFilter(
        label="Title, author or key", method="filter_text", max_length=MAX_QUERY, validators=[valid_text]
    )

    class Meta:
        model = Source
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.search(value.strip())
