"""Counting the SQL queries a page costs, for the query-budget tests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url):
    """The number of queries ``url`` runs, a streamed response read to its end (a streamed
    CSV runs its query while it is read); the page must answer 200."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(captured)
