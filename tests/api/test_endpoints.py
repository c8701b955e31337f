"""The JSON API: every endpoint answers, related records are code + name + URL, partial
dates keep their precision, computed values come from the domain code, bad input is a 400
naming the parameter, unknown ids are 404, drafts never leak, and CORS is closed by default."""

import csv
import datetime
import io

import pytest
from django.test import override_settings

from missiles.models import MtcrCategory, RangeClass, Transfer
from regime.models import Participation, Standing, Status
from states.partial_dates import PartialDate, Precision
from tests.factories import (
    FlightTestFactory,
    ParticipationFactory,
    ProgramFactory,
    SourceFactory,
    StateFactory,
    SystemFactory,
    TransferFactory,
    cite,
)

API = "/api/v1/"
D = datetime.date


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(body(response).decode())))


@pytest.fixture
def world(db, mtcr, hcoc):
    """Two states, one MTCR partner since 1 June 1995 (to the day) and one since "1993"."""
    north_korea = StateFactory(code="PRK", name="North Korea", region="Eastern Asia")
    russia = StateFactory(code="RUS", name="Russia", region="Eastern Europe")
    partner = ParticipationFactory(state=russia, regime=mtcr, start=D(1995, 6, 1), start_precision=Precision.DAY)
    vague = ParticipationFactory.build(state=north_korea, regime=hcoc, status=Status.SUBSCRIBING_STATE)
    vague.start_partial = PartialDate.parse("1993")
    vague.end_partial = PartialDate.parse("2001-03-15")
    vague.save()
    program = ProgramFactory(name="Hwasong program")
    program.states.add(north_korea)
    scud = SystemFactory(name="Scud-B", state=russia, range_km=300, payload_kg=985)
    nodong = SystemFactory(
        name="Nodong", state=north_korea, range_km=1300, payload_kg=None, derived_from=scud, program=program
    )
    nodong.first_flight_partial = PartialDate.parse("1993-05")
    nodong.save()
    test = FlightTestFactory(system=nodong, state=north_korea)
    transfer = TransferFactory(supplier=russia, recipient=north_korea, system=scud, year_from=1995)
    source = SourceFactory(key="mistry2003", title="Beyond the MTCR")
    for record in (north_korea, russia, mtcr, hcoc, partner, vague, program, scud, nodong, test, transfer):
        cite(record, source, locator="p. 120")
    return locals()


ENDPOINTS = [
    "states/",
    "regimes/",
    "participations/",
    "regime-totals/",
    "programs/",
    "systems/",
    "flight-tests/",
    "transfers/",
    "sources/",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_list_answers_json_and_csv(client, world, endpoint):
    response = client.get(API + endpoint)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    results = response.json()["results"]
    as_csv = client.get(API + endpoint, {"format": "csv"})
    assert as_csv.status_code == 200 and as_csv.streaming
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert len(csv_rows(as_csv)) == len(results)
    by_accept = client.get(API + endpoint, HTTP_ACCEPT="text/csv")
    assert by_accept["Content-Type"] == "text/csv; charset=utf-8"
    # Every record's URL leads to its detail.
    for record in results:
        assert client.get(record["url"]).status_code == 200


def test_related_records_are_code_name_and_url(client, world):
    transfer = client.get(API + "transfers/").json()["results"][0]
    assert transfer["supplier"] == {"code": "RUS", "name": "Russia", "url": "http://testserver/api/v1/states/RUS/"}
    assert transfer["system"]["name"] == "Scud-B"
    assert transfer["sources"] == [{"key": "mistry2003", "locator": "p. 120"}]
    row = csv_rows(client.get(API + "transfers/", {"format": "csv"}))[0]
    assert row["supplier.code"] == "RUS" and row["supplier.url"].endswith("/api/v1/states/RUS/")
    assert row["sources"] == "mistry2003:p. 120"


def test_partial_dates_are_partial_iso_with_precision(client, world):
    system = client.get(API + f"systems/{world['nodong'].pk}/").json()
    assert (system["first_flight"], system["first_flight_precision"]) == ("1993-05", "month")
    participation = client.get(API + f"participations/{world['vague'].pk}/").json()
    assert (participation["start"], participation["start_precision"]) == ("1993", "year")
    assert (participation["end"], participation["end_precision"]) == ("2001-03-15", "day")
    row = csv_rows(client.get(API + "systems/", {"format": "csv", "q": "Nodong"}))[0]
    assert (row["first_flight"], row["first_flight_precision"]) == ("1993-05", "month")


def test_computed_values_come_from_the_domain_code(client, world):
    nodong = client.get(API + f"systems/{world['nodong'].pk}/").json()
    assert nodong["range_class"] == world["nodong"].range_class == RangeClass.MRBM
    assert nodong["mtcr_category"] == world["nodong"].mtcr_category == MtcrCategory.UNKNOWN
    assert nodong["derived_from"]["name"] == "Scud-B"
    transfer = client.get(API + f"transfers/{world['transfer'].pk}/").json()
    annotated = Transfer.objects.with_standings().get(pk=world["transfer"].pk)
    for field in ("supplier_mtcr", "supplier_hcoc", "recipient_mtcr", "recipient_hcoc"):
        assert transfer[field] == getattr(annotated, field)
    # Russia joined on 1 June 1995: on 1 January 1995 it was not yet in, and it joined that year.
    assert transfer["supplier_mtcr"] == Standing.UNCERTAIN


def test_filters_are_those_of_the_pages(client, world):
    assert [s["name"] for s in client.get(API + "systems/", {"range_class": "mrbm"}).json()["results"]] == ["Nodong"]
    assert [s["code"] for s in client.get(API + "states/", {"mtcr": "partner"}).json()["results"]] == ["RUS"]
    uncertain = client.get(API + "transfers/", {"supplier_mtcr": "uncertain"}).json()["results"]
    assert [t["id"] for t in uncertain] == [world["transfer"].pk]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("transfers/?year_from=abc", "year_from"),
        ("transfers/?year_from=1999&year_to=1990", "year_to"),
        ("transfers/?supplier=ZZZ", "supplier"),
        ("systems/?range_class=huge", "range_class"),
        ("participations/?as_of=1997-13-01", "as_of"),
        ("participations/?as_of=1066-10-14", "as_of"),
        ("states/?ordering=population", "ordering"),
        ("states/PRK/?as_of=yesterday", "as_of"),
        ("sources/?q=%00", "q"),
    ],
)
def test_invalid_filter_is_a_400_naming_the_parameter(client, world, query, parameter):
    response = client.get(API + query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    errors = response.json()["errors"]
    assert parameter in errors and all(isinstance(problem, str) for problem in errors[parameter])


def test_invalid_filter_asked_as_csv_is_still_a_json_400(client, world):
    response = client.get(API + "transfers/", {"year_from": "abc", "format": "csv"})
    assert response.status_code == 400 and response.json() == {"errors": {"year_from": ["Enter a whole number."]}}


@pytest.mark.parametrize(
    "path",
    [
        "states/ZZZ/",
        "states/TOOLONG/",
        "regimes/NOPE/",
        "participations/999999/",
        "participations/abc/",
        "regime-totals/999999/",
        "programs/999999/",
        "systems/999999/",
        "systems/99999999999999999999999/",
        "flight-tests/-1/",
        "transfers/999999/",
        "sources/no-such-source/",
        "states/?page=99",
        "transfers/?cursor=garbage",
        "states/?format=xml",
    ],
)
def test_unknown_ids_pages_and_formats_are_404(client, world, path):
    response = client.get(API + path)
    assert response.status_code == 404
    assert "detail" in response.json()


def test_an_accept_header_naming_no_format_served_is_a_406_in_json(client, world):
    response = client.get(API + "states/", HTTP_ACCEPT="application/xml")
    assert response.status_code == 406 and "detail" in response.json()


def test_a_detail_asked_as_csv_is_a_header_and_a_row(client, world):
    rows = csv_rows(client.get(API + f"systems/{world['nodong'].pk}/", {"format": "csv"}))
    assert [(row["name"], row["state.code"], row["range_class"]) for row in rows] == [("Nodong", "PRK", "mrbm")]


def test_an_empty_sort_key_is_ignored_not_a_500(client, world):
    # "?ordering=name," reached F(None) in the states directory's sort before.
    assert client.get("/states/", {"ordering": "name,"}).status_code == 200
    response = client.get(API + "states/", {"ordering": "name,"})
    assert [state["code"] for state in response.json()["results"]] == ["PRK", "RUS"]


def test_page_size_has_a_maximum(client, world):
    from api.pagination import MAX_PAGE_SIZE

    SourceFactory.create_batch(3)
    response = client.get(API + "sources/", {"page_size": 2})
    assert len(response.json()["results"]) == 2
    assert client.get(API + "sources/", {"page_size": 10**9}).status_code == 200
    assert MAX_PAGE_SIZE == 500


@pytest.fixture
def register(world):
    """Transfers with unknown years, quantities and standings, and ties, to sort and page."""
    states = [StateFactory() for _ in range(4)]
    for n, year in enumerate([1960, 1961, None, 1961, 1975, None, 1990, 1961, 2001, 1960, 1999, 1980]):
        TransferFactory(
            supplier=states[n % 2],
            recipient=states[2 + n % 2],
            year_from=year,
            year_to=None if year else 1970,
            quantity=None if n % 3 == 0 else n % 4,
        )
    return states


def _register_order(ordering):
    """The register page's order for ``ordering``: the FilterSet the page and the API share."""
    from missiles.filters import TransferFilter
    from missiles.views import REGISTER_ORDER

    queryset = Transfer.objects.with_standings().order_by(*REGISTER_ORDER)
    return list(TransferFilter({"ordering": ordering}, queryset=queryset).qs.values_list("pk", flat=True))


def _follow(client, url, link):
    seen = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        page = response.json()
        assert "count" not in page and len(page["results"]) <= 5
        seen.append([transfer["id"] for transfer in page["results"]])
        url = page[link]
    return seen


@pytest.mark.parametrize("ordering", ["", "quantity", "-quantity", "years", "-years", "supplier_mtcr", "-system"])
def test_transfers_page_by_cursor_in_the_registers_order_both_ways(client, register, ordering):
    expected = _register_order(ordering)
    forward = _follow(client, f"{API}transfers/?page_size=5&ordering={ordering}", "next")
    assert [pk for page in forward for pk in page] == expected  # nothing skipped, nothing repeated
    assert [len(page) for page in forward] == [5, 5, len(expected) - 10]
    # From the last page back to the first by the `previous` links: the same pages.
    first = client.get(f"{API}transfers/?page_size=5&ordering={ordering}").json()
    assert first["previous"] is None
    last = client.get(client.get(first["next"]).json()["next"]).json()
    assert last["next"] is None
    assert _follow(client, last["previous"], "previous") == forward[:2][::-1]


def test_a_transfer_added_between_pages_neither_shifts_nor_repeats_the_next_page(client, register):
    first = client.get(f"{API}transfers/?page_size=5").json()
    earliest = TransferFactory(year_from=1900)  # sorts before every row already shown
    second = client.get(first["next"]).json()
    shown = [t["id"] for t in first["results"]] + [t["id"] for t in second["results"]]
    assert earliest.pk not in shown
    assert shown == [pk for pk in _register_order("") if pk != earliest.pk][:10]


def test_a_cursor_altered_or_made_for_another_ordering_is_a_404(client, register):
    next_url = client.get(f"{API}transfers/?page_size=5&ordering=quantity").json()["next"]
    assert client.get(next_url).status_code == 200
    assert client.get(next_url.replace("ordering=quantity", "ordering=-quantity")).status_code == 404
    cursor = next_url.partition("cursor=")[2].partition("&")[0]
    for bad in (cursor[:-2] + "xx", cursor + "0", ""):
        response = client.get(f"{API}transfers/", {"ordering": "quantity", "cursor": bad})
        assert response.status_code == (200 if bad == "" else 404)


def test_drafts_never_leak(client, world):
    draft = SystemFactory(name="Secretmissile", state=world["north_korea"], is_published=False)
    cite(draft)
    draft_transfer = TransferFactory(
        supplier=world["russia"], recipient=world["north_korea"], system=world["scud"], year_from=1999
    )
    Transfer.objects.filter(pk=draft_transfer.pk).update(is_published=False)
    assert "Secretmissile" not in body(client.get(API + "systems/")).decode()
    assert "Secretmissile" not in body(client.get(API + "systems/", {"format": "csv"})).decode()
    assert client.get(API + f"systems/{draft.pk}/").status_code == 404
    ids = [t["id"] for t in client.get(API + "transfers/").json()["results"]]
    assert draft_transfer.pk not in ids
    assert str(draft_transfer.pk) not in [row["id"] for row in csv_rows(client.get(API + "transfers/?format=csv"))]
    assert client.get(API + f"transfers/{draft_transfer.pk}/").status_code == 404
    # Nodong, developed, and Scud-B, received; never the draft.
    assert client.get(API + "states/PRK/").json()["systems_held"] == 2


# ---------------------------------------------------------------- as of a date


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("1995-05-31", []),  # the day before Russia joined
        ("1995-06-01", [("RUS", False)]),  # the join day counts
        ("2026-01-01", [("RUS", False)]),  # open end: still in
    ],
)
def test_participants_as_of_join_day(client, world, as_of, expected):
    response = client.get(API + "participations/", {"regime": "MTCR", "as_of": as_of})
    rows = [(p["state"]["code"], p["uncertain"]) for p in response.json()["results"]]
    assert rows == expected


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("1992-12-31", []),  # before the partial start's year
        ("1993-06-01", [("PRK", True)]),  # inside "1993": in, but uncertain
        ("1994-01-01", [("PRK", False)]),
        ("2001-03-14", [("PRK", False)]),  # the day before leaving
        ("2001-03-15", []),  # the leave day is excluded
    ],
)
def test_participants_as_of_partial_dates_and_leave_day(client, world, as_of, expected):
    response = client.get(API + "participations/", {"regime": "HCOC", "as_of": as_of})
    assert [(p["state"]["code"], p["uncertain"]) for p in response.json()["results"]] == expected
    csv_response = client.get(API + "participations/", {"regime": "HCOC", "as_of": as_of, "format": "csv"})
    assert [(row["state.code"], row["uncertain"]) for row in csv_rows(csv_response)] == [
        (code, "true" if uncertain else "false") for code, uncertain in expected
    ]


def test_participations_without_as_of_list_all_with_uncertain_null(client, world):
    results = client.get(API + "participations/").json()["results"]
    assert len(results) == Participation.objects.count() == 2
    assert {p["uncertain"] for p in results} == {None}


@pytest.mark.parametrize(
    ("as_of", "in_mtcr", "in_hcoc"),
    [
        ("1995-05-31", Standing.NONE, Standing.NONE),
        ("1995-06-01", Standing.PARTNER, Standing.NONE),
    ],
)
def test_state_standing_in_every_regime_as_of(client, world, as_of, in_mtcr, in_hcoc):
    state = client.get(API + "states/RUS/", {"as_of": as_of}).json()
    assert state["as_of"] == as_of
    assert {s["regime"]["code"]: s["standing"] for s in state["standings"]} == {"MTCR": in_mtcr, "HCOC": in_hcoc}


def test_state_standing_inside_a_partial_period_is_uncertain(client, world):
    standings = client.get(API + "states/prk/", {"as_of": "1993-06-01"}).json()["standings"]
    assert {s["regime"]["code"]: s["standing"] for s in standings} == {
        "MTCR": Standing.NONE,
        "HCOC": Standing.UNCERTAIN,
    }
    on_leave_day = client.get(API + "states/PRK/", {"as_of": "2001-03-15"}).json()["standings"]
    assert {s["regime"]["code"]: s["standing"] for s in on_leave_day}["HCOC"] == Standing.NONE


# ---------------------------------------------------------------- CORS


def test_cors_is_closed_by_default(client, world):
    response = client.get(API + "states/", HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in response


@override_settings(CORS_ALLOWED_ORIGINS=["https://notebooks.example"])
def test_cors_allows_the_configured_origins(client, world):
    allowed = client.get(API + "states/", HTTP_ORIGIN="https://notebooks.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://notebooks.example"
    other = client.get(API + "states/", HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in other
    page = client.get("/states/", HTTP_ORIGIN="https://notebooks.example")
    assert "Access-Control-Allow-Origin" not in page
