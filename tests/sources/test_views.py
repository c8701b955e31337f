"""The sources pages, and the footnote numbering every analyst page shares."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regime.models import Status
from sources.views import Footnotes
from tests.factories import (
    ParticipationFactory,
    RegimeFactory,
    SourceFactory,
    StateFactory,
    SystemFactory,
    TransferFactory,
    cite,
)

pytestmark = pytest.mark.django_db

SOURCES = reverse("sources:list")


@pytest.fixture
def mistry():
    return SourceFactory(key="mistry2003", title="Beyond the MTCR", author="Dinshaw Mistry", year=2003)


@pytest.fixture
def citing_records(mistry):
    """One record of several kinds citing Mistry, one of them twice (two pages)."""
    prk = StateFactory(code="PRK", name="North Korea")
    irn = StateFactory(code="IRN", name="Iran")
    nodong = SystemFactory(state=prk, name="Nodong", aliases="Rodong")
    transfer = TransferFactory(supplier=prk, recipient=irn, system=nodong, year_from=1993)
    participation = ParticipationFactory(state=irn, regime=RegimeFactory(code="HCOC"), status=Status.NON_PARTICIPANT)
    cite(prk, mistry, "p. 120")
    cite(nodong, mistry, "p. 121")
    cite(nodong, mistry, "p. 135")
    cite(transfer, mistry, "p. 121")
    cite(participation, mistry)
    cite(irn, SourceFactory(key="other"))
    return {"state": prk, "system": nodong, "transfer": transfer, "participation": participation}


# ---------------------------------------------------------------- footnotes


def test_footnotes_number_each_citation_once_in_the_order_given(citing_records, mistry):
    prk, nodong, transfer = citing_records["state"], citing_records["system"], citing_records["transfer"]
    footnotes = Footnotes([transfer], [prk, nodong])
    assert transfer.footnote_numbers == [1]  # mistry p. 121
    assert prk.footnote_numbers == [2]  # mistry p. 120
    assert nodong.footnote_numbers == [1, 3]  # p. 121 again, then p. 135
    assert [(note.number, note.citation.locator) for note in footnotes] == [(1, "p. 121"), (2, "p. 120"), (3, "p. 135")]


def test_footnotes_mark_a_record_without_a_citation(citing_records):
    draft = StateFactory(code="XDR")
    Footnotes([draft])
    assert draft.footnote_numbers == []


def test_footnotes_fetch_every_citation_in_one_query(citing_records):
    records = list(citing_records.values())
    with CaptureQueriesContext(connection) as queries:
        Footnotes(records[:2], records[2:])
    assert len(queries) <= 1  # content types are cached after the first page
    assert Footnotes([]).notes == []


# ---------------------------------------------------------------- sources list


def test_source_list_shows_citation_counts(client, citing_records):
    response = client.get(SOURCES)
    counts = {source.key: source.citation_count for source in response.context["object_list"]}
    assert counts == {"mistry2003": 5, "other": 1}


@pytest.mark.parametrize(
    ("query", "keys"), [("mistry", ["mistry2003"]), ("beyond", ["mistry2003"]), ("oth", ["other"])]
)
def test_source_list_searches_title_author_and_key(client, citing_records, query, keys):
    response = client.get(SOURCES, {"q": query})
    assert [source.key for source in response.context["object_list"]] == keys


def test_source_list_too_long_search_is_a_form_error(client, citing_records):
    response = client.get(SOURCES, {"q": "x" * 5000})
    assert response.status_code == 200 and response.context["filter"].form.errors


# ---------------------------------------------------------------- source page


def test_source_page_lists_every_citing_record_grouped_by_kind(client, citing_records):
    response = client.get(reverse("sources:detail", args=["mistry2003"]))
    assert response.status_code == 200
    groups = {group["kind"].label: group for group in response.context["groups"]}
    assert list(groups) == ["States", "Regime participations", "Missile systems", "Transfers"]
    assert [record.pk for record in groups["Missile systems"]["records"]] == [citing_records["system"].pk]
    assert groups["States"]["count"] == 1
    html = response.content.decode()
    for record in citing_records.values():
        assert record.get_absolute_url() in html
    assert "p. 120" in html  # the locator beside the record


def test_source_page_one_kind_page_by_page(client, mistry):
    prk = StateFactory(code="PRK")
    for year in range(1960, 2090):
        cite(TransferFactory(supplier=prk, system=SystemFactory(state=prk), year_from=year), mistry)
    page = reverse("sources:detail", args=["mistry2003"])
    overview = client.get(page)
    (group,) = overview.context["groups"]
    assert (group["count"], len(group["records"])) == (130, 25)
    assert "?kind=transfers" in overview.content.decode()
    first = client.get(page, {"kind": "transfers"})
    assert len(first.context["groups"][0]["records"]) == 100
    assert len(client.get(page, {"kind": "transfers", "page": "2"}).context["groups"][0]["records"]) == 30
    assert client.get(page, {"kind": "transfers", "page": "9"}).status_code == 404


def test_source_page_unknown_kind_is_a_form_error(client, citing_records):
    response = client.get(reverse("sources:detail", args=["mistry2003"]), {"kind": "<script>"})
    assert response.status_code == 200 and response.context["form"].errors
    assert "<script>" not in response.content.decode()


def test_source_page_unknown_key_is_a_404_with_a_message(client):
    response = client.get(reverse("sources:detail", args=["nope"]))
    assert response.status_code == 404 and "No source has the key" in response.content.decode()
    assert client.get("/sources/NOT%20A%20KEY/").status_code == 404
