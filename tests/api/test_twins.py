"""Twins: every filtered HTML list links to its JSON and CSV twins with the same filters, and
for a set of filters the page, the JSON (every page of it) and the CSV hold the same rows."""

import csv
import html
import io
import re

import pytest

pytestmark = pytest.mark.django_db

CASES = [
    # (page with filters, the key of a row in the API)
    ("/states/?mtcr=partner&region=Western+Europe&ordering=-systems", "code"),
    ("/states/?range_class=icbm", "code"),
    ("/regimes/", "code"),
    ("/regimes/MTCR/?as_of=1997-01-01", "id"),
    ("/regimes/HCOC/?as_of=2003-06-01&status=subscribing_state", "id"),
    ("/missiles/programs/?outcome=abandoned", "id"),
    ("/missiles/systems/?range_class=mrbm&kind=ballistic", "id"),
    ("/missiles/systems/?mtcr_category=unknown", "id"),
    ("/missiles/flight-tests/?year_from=2010&state=PRK", "id"),
    ("/missiles/transfers/?recipient=IRN&supplier_mtcr=none", "id"),
    ("/missiles/transfers/?year_from=1985&year_to=1995&confidence=confirmed&ordering=-quantity", "id"),
    ("/missiles/transfers/?recipient_hcoc=uncertain", "id"),
    ("/sources/?q=mistry", "key"),
]


def _twin_links(page):
    links = {
        kind: html.unescape(href)
        for href, kind in re.findall(r'<a href="(/api/v1/[^"]*)" rel="alternate" type="([^"]+)"', page)
    }
    return links["application/json"], links["text/csv"]


def _html_rows(response, key):
    return {str(getattr(record, "pk" if key == "id" else key)) for record in response.context["paginator"].object_list}


def _json_rows(client, url, key):
    rows = []
    while url:
        page = client.get(url)
        assert page.status_code == 200, url
        rows += [str(record[key]) for record in page.json()["results"]]
        url = page.json()["next"]
    assert len(rows) == len(set(rows)), "a row came twice"
    return set(rows)


def _csv_rows(client, url, key):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return {row[key] for row in csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))}


@pytest.mark.parametrize(("page_url", "key"), CASES)
def test_html_json_and_csv_twins_hold_the_same_rows(client, reference_dataset, page_url, key):
    page = client.get(page_url)
    assert page.status_code == 200
    json_url, csv_url = _twin_links(page.content.decode())
    # The twins carry the page's filters (not its page number).
    query = page_url.partition("?")[2]
    for name_value in filter(None, query.split("&")):
        assert name_value in json_url and name_value in csv_url
    assert "format=csv" in csv_url
    html_rows = _html_rows(page, key)
    assert html_rows, f"{page_url} should hold rows for the comparison to mean something"
    assert _json_rows(client, json_url, key) == html_rows
    assert _csv_rows(client, csv_url, key) == html_rows


def test_the_twins_of_a_paged_list_leave_the_page_out(client, reference_dataset):
    page = client.get("/missiles/systems/?kind=ballistic&page=2")
    json_url, csv_url = _twin_links(page.content.decode())
    assert "page=" not in json_url and "page=" not in csv_url
    assert "kind=ballistic" in json_url
