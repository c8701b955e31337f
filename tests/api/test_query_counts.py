"""Every API list, in JSON and in CSV, costs the same number of queries for 10 rows as for
1,000: related records are joined or prefetched, never fetched row by row (guards
against N+1). The pinned budgets are the counts measured; a change that adds a query
per page must say why here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.rows import MODELS, grow

API = "/api/v1/"

# Queries per request, pinned: the count (paged JSON lists but transfers, which page by
# cursor), the rows, then one per prefetched relation (citations with their sources, a
# program's states). Sources have no citations to prefetch.
BUDGET = {
    ("states/", "json"): 3,
    ("states/", "csv"): 2,
    ("regimes/", "json"): 3,
    ("regimes/", "csv"): 2,
    ("participations/", "json"): 3,
    ("participations/", "csv"): 2,
    ("regime-totals/", "json"): 3,
    ("regime-totals/", "csv"): 2,
    ("programs/", "json"): 4,
    ("programs/", "csv"): 3,
    ("systems/", "json"): 3,
    ("systems/", "csv"): 2,
    ("flight-tests/", "json"): 3,
    ("flight-tests/", "csv"): 2,
    ("transfers/", "json"): 2,
    ("transfers/", "csv"): 2,
    ("sources/", "json"): 2,
    ("sources/", "csv"): 1,
}


def _measure(client):
    counts = {}
    for endpoint, fmt in BUDGET:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(API + endpoint, {"format": fmt, "page_size": 500})
            assert response.status_code == 200
            if response.streaming:
                rows = b"".join(response.streaming_content).count(b"\n") - 1
            else:
                rows = len(response.json()["results"])
        counts[endpoint, fmt] = (len(queries), rows)
    return counts


@pytest.mark.django_db
def test_list_query_counts_are_pinned_and_flat_from_10_to_1000_rows(client):
    grow(10)
    small = _measure(client)
    grow(1000)
    for model in MODELS:
        assert model.objects.count() >= 1000, model
    large = _measure(client)
    for (endpoint, fmt), (queries, rows) in small.items():
        large_queries, large_rows = large[endpoint, fmt]
        assert large_rows > rows, (endpoint, fmt)
        assert (queries, large_queries) == (BUDGET[endpoint, fmt],) * 2, (
            f"{endpoint} as {fmt}: {queries} queries for {rows} rows, {large_queries} for {large_rows}"
        )
