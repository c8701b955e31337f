"""The Measures pages: defaults render, parameters change the result, bad parameters are
form errors (400, never 500), CSV twins hold the page's rows, drafts never show."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from measures.views import MEASURES
from missiles.models import MissileSystem, SystemStatus, Transfer
from regime.models import Status
from states.partial_dates import Precision
from tests.factories import FlightTestFactory, ParticipationFactory, StateFactory, SystemFactory, TransferFactory
from tests.measures.csv_tables import CSV_TABLES

pytestmark = pytest.mark.django_db

SLUGS = [measure.slug for measure in MEASURES]


def page(slug):
    return reverse("measures:measure", args=[slug])


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def korea_iran(mtcr, hcoc):
    """North Korea's Nodong (1,300 km), sent to Iran in 1993; a Scud-B sent to Syria; Iran's
    Shahab-3 tested in 1998 and 2004; Japan, an MTCR partner, with an SLV."""
    prk = StateFactory(code="PRK", name="North Korea", region="Eastern Asia")
    irn = StateFactory(code="IRN", name="Iran", region="Southern Asia")
    syr = StateFactory(code="SYR", name="Syria", region="Western Asia")
    jpn = StateFactory(code="JPN", name="Japan", region="Eastern Asia")
    ParticipationFactory(state=jpn, regime=mtcr, start=datetime.date(1987, 4, 16))
    nodong = SystemFactory(
        state=prk,
        name="Nodong",
        range_km=1300,
        payload_kg=700,
        status=SystemStatus.DEPLOYED,
        first_flight=datetime.date(1993, 5, 29),
        first_flight_precision=Precision.DAY,
    )
    scud = SystemFactory(state=prk, name="Scud-B", range_km=300, payload_kg=985, status=SystemStatus.DEPLOYED)
    shahab = SystemFactory(state=irn, name="Shahab-3", range_km=1300, status=SystemStatus.DEPLOYED)
    SystemFactory(state=jpn, name="H-II", kind="space_launch_vehicle", range_km=None, status=SystemStatus.RETIRED)
    TransferFactory(supplier=prk, recipient=irn, system=nodong, year_from=1993)
    TransferFactory(supplier=prk, recipient=syr, system=scud, year_from=1991, confidence="suspected")
    FlightTestFactory(system=shahab, date=datetime.date(1998, 7, 22))
    FlightTestFactory(system=shahab, date=datetime.date(2004, 8, 11))
    return {"prk": prk, "irn": irn, "nodong": nodong, "shahab": shahab}


@pytest.mark.parametrize("slug", SLUGS)
def test_measure_page_renders_its_defaults(client, korea_iran, slug):
    response = client.get(page(slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="lede"' in html and "Parameters" in html and 'data-chart="' in html
    assert "Download CSV" in html


def test_index_lists_every_measure_with_its_headline(client, korea_iran):
    response = client.get(reverse("measures:index"))
    assert response.status_code == 200
    rows = response.context["measures"]
    assert [measure.slug for measure, _ in rows] == SLUGS
    headlines = {measure.slug: headline for measure, headline in rows}
    assert headlines["range-band"] == "2 states, 2 systems"  # North Korea and Iran (developer and recipient)
    assert headlines["flight-test-ban"] == "1 test by 1 state"
    assert 'href="/measures/"' in client.get("/").content.decode()  # the nav links here


def test_range_band_parameters_change_the_result(client, korea_iran):
    default = client.get(page("range-band")).context["result"]
    assert {row.state.code for row in default.covered} == {"PRK", "IRN"}
    narrowed = client.get(page("range-band"), {"min_range_km": 1500}).context["result"]
    assert narrowed.covered == []
    past = client.get(page("range-band"), {"as_of": "1992-01-01"}).context["result"]
    assert past.covered == [] and [row.state.code for row in past.open_rows] == ["IRN"]  # Shahab-3 undated


def test_flight_test_ban_start_changes_the_result(client, korea_iran):
    assert client.get(page("flight-test-ban")).context["result"].tests == 1
    assert client.get(page("flight-test-ban"), {"start": "1998-07-22"}).context["result"].tests == 2


def test_zone_by_region_and_by_states(client, korea_iran):
    default = client.get(page("missile-free-zone")).context["result"]  # the Middle East
    assert {state.code for state in default.zone} == {"IRN", "SYR"}
    assert {row.state.code for row in default.rows} == {"IRN", "SYR"}
    assert default.barred.count() == 2
    asia = client.get(page("missile-free-zone"), {"regions": "Eastern Asia"}).context["result"]
    assert {state.code for state in asia.zone} == {"PRK", "JPN"} and asia.barred.count() == 0
    listed = client.get(page("missile-free-zone"), {"states": ["SYR"], "min_range_km": 1000}).context["result"]
    assert [state.code for state in listed.zone] == ["SYR"] and listed.rows == []
    # Several states, as the form's multiple select sends them (?states=IRN&states=SYR), and a region beside.
    response = client.get(page("missile-free-zone"), {"states": ["IRN", "SYR"], "regions": ["Eastern Asia"]})
    assert response.status_code == 200, response.context["form"].errors
    assert {state.code for state in response.context["result"].zone} == {"IRN", "SYR", "PRK", "JPN"}
    regions = client.get(page("missile-free-zone"), {"regions": ["Eastern Asia", "Western Asia"]})
    assert {state.code for state in regions.context["result"].zone} == {"PRK", "JPN", "SYR"}


def test_space_service_and_cross_check_parameters(client, korea_iran):
    assert client.get(page("space-service")).context["result"].rows[0].state.code == "JPN"
    lower = client.get(page("space-service"), {"min_range_km": 1000}).context["result"]
    assert {row.state.code for row in lower.rows} == {"JPN", "PRK", "IRN"}
    assert lower.outside_mtcr and {row.state.code for row in lower.outside_mtcr} == {"PRK", "IRN"}
    assert client.get(page("mtcr-cross-check")).context["result"].category_i.count() == 2
    assert client.get(page("mtcr-cross-check"), {"first_year": 1992}).context["result"].category_i.count() == 1


BAD_PARAMETERS = [
    ("range-band", {"as_of": "2003-02-30"}, "as_of"),
    ("range-band", {"min_range_km": "6000"}, "max_range_km"),  # above the default end
    ("range-band", {"min_range_km": "500", "max_range_km": "500"}, "max_range_km"),
    ("range-band", {"kinds": "torpedo"}, "kinds"),
    ("range-band", {"min_range_km": "1e99"}, "min_range_km"),
    ("range-band", {"max_range_km": "99999999999999999999"}, "max_range_km"),
    ("range-band", {"min_range_km": ["500", "600"]}, "min_range_km"),
    ("flight-test-ban", {"start": "x" * 5000}, "start"),
    ("flight-test-ban", {"min_range_km": "-1"}, "min_range_km"),
    ("missile-free-zone", {"regions": "Atlantis"}, "regions"),
    ("missile-free-zone", {"states": "ZZZ"}, "states"),
    ("missile-free-zone", {"states": "IRN\x00"}, "states"),
    ("space-service", {"as_of": "1800-01-01"}, "as_of"),
    ("verification-gaps", {"as_of": ["2003-01-01", "2004-01-01"]}, "as_of"),
    ("mtcr-cross-check", {"first_year": "2000", "last_year": "1990"}, "last_year"),
]


@pytest.mark.parametrize(("slug", "query", "field"), BAD_PARAMETERS)
def test_bad_parameters_are_form_errors(client, korea_iran, slug, query, field):
    response = client.get(page(slug), query)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    table = next(iter(CSV_TABLES[slug]))
    assert client.get(reverse("measures:csv", args=[slug, table]), query).status_code == 400


def test_every_csv_twin_answers(client, korea_iran):
    for slug, tables in CSV_TABLES.items():
        for table in tables:
            rows = csv_rows(client.get(reverse("measures:csv", args=[slug, table])))
            assert rows[0], (slug, table)
    assert client.get(reverse("measures:csv", args=["range-band", "nothing"])).status_code == 404
    assert client.get(reverse("measures:measure", args=["nothing"])).status_code == 404


def test_csv_twins_hold_the_page_rows(client, korea_iran):
    query = {"min_range_km": 300}
    shown = client.get(page("range-band"), query).context["states"]
    pairs = {(row.state.code, holding.system.name) for row in shown for holding in row.holdings}
    rows = csv_rows(client.get(reverse("measures:csv", args=["range-band", "states"]), query))
    assert (
        {(row[0], row[2]) for row in rows[1:]}
        == pairs
        == {
            ("PRK", "Nodong"),
            ("PRK", "Scud-B"),
            ("IRN", "Nodong"),
            ("IRN", "Shahab-3"),
            ("SYR", "Scud-B"),
        }
    )
    zone = client.get(page("missile-free-zone")).context["transfers"]
    rows = csv_rows(client.get(reverse("measures:csv", args=["missile-free-zone", "transfers"])))
    assert [int(row[0]) for row in rows[1:]] == [transfer.pk for transfer in zone]
    tests = client.get(page("flight-test-ban"), {"start": "1990-01-01"}).context["breaches"]
    rows = csv_rows(client.get(reverse("measures:csv", args=["flight-test-ban", "breaches"]), {"start": "1990-01-01"}))
    assert [row[0] for row in rows[1:]] == [test.date.isoformat() for test in tests]


def test_drafts_never_reach_a_measure(client, korea_iran):
    MissileSystem.objects.filter(name="Shahab-3").update(is_published=False)
    Transfer.objects.filter(recipient="IRN").update(is_published=False)
    result = client.get(page("range-band")).context["result"]
    assert {row.state.code for row in result.covered} == {"PRK"}
    rows = csv_rows(client.get(reverse("measures:csv", args=["range-band", "states"])))
    assert {row[0] for row in rows[1:]} == {"PRK"}
    assert client.get(page("flight-test-ban"), {"start": "1990-01-01"}).context["result"].tests == 2


@pytest.mark.parametrize("slug", SLUGS)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.dictionaries(
        st.sampled_from(
            ["as_of", "start", "min_range_km", "max_range_km", "kinds", "statuses", "regions", "states", "first_year"]
        ),
        st.one_of(st.text(max_size=30), st.integers(-(10**12), 10**12).map(str), st.dates().map(str)),
        max_size=4,
    )
)
def test_measure_forms_never_fail_on_any_query(client, mtcr, slug, query):
    response = client.get(page(slug), query)
    assert response.status_code in (200, 400)


def test_partner_leaving_shows_on_the_page(client, korea_iran, mtcr):
    ParticipationFactory(state=korea_iran["irn"], regime=mtcr, status=Status.APPLICANT)
    html = client.get(page("range-band")).content.decode()
    assert "applicant" in html
