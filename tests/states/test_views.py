"""The states directory (filters, holdings in SQL) and a state's profile (every fact footnoted)."""

import datetime
import re

import pytest
from django.urls import reverse

from missiles.models import MissileSystem, RangeClass, TransferKind, TransferStatus
from regime.models import RegimeKind, Status
from states.models import State
from states.partial_dates import Precision
from tests.factories import (
    FlightTestFactory,
    ParticipationFactory,
    ProgramFactory,
    RegimeFactory,
    SourceFactory,
    StateFactory,
    SystemFactory,
    TransferFactory,
    cite,
)

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("states:list")


def listed_codes(response):
    assert response.status_code == 200
    return [state.code for state in response.context["object_list"]]


@pytest.fixture
def holders(mtcr, hcoc):
    """Four states: a developer of an ICBM, a recipient of an MRBM, a state whose MRBM
    order was never delivered, and one holding nothing; with MTCR and HCoC standings."""
    usa = StateFactory(code="USA", name="United States", region="Northern America")
    prk = StateFactory(code="PRK", name="North Korea", region="Eastern Asia")
    irn = StateFactory(code="IRN", name="Iran", region="Southern Asia")
    isl = StateFactory(code="ISL", name="Iceland", region="Northern Europe")
    SystemFactory(state=usa, range_km=13000, name="Minuteman III")
    nodong = SystemFactory(state=prk, range_km=1300, name="Nodong", aliases="Rodong;Nodong-1")
    SystemFactory(state=prk, range_km=None, name="Unknown range")
    TransferFactory(supplier=prk, recipient=irn, system=nodong)
    TransferFactory(
        supplier=usa, recipient=isl, system=SystemFactory(state=usa, range_km=6000), status=TransferStatus.ORDERED
    )
    TransferFactory(
        supplier=usa, recipient=isl, system=SystemFactory(state=usa, range_km=7000), kind=TransferKind.COMPONENTS
    )
    ParticipationFactory(state=usa, regime=mtcr, status=Status.PARTNER, start=datetime.date(1987, 4, 16))
    ParticipationFactory(state=usa, regime=hcoc, status=Status.SUBSCRIBING_STATE, start=datetime.date(2002, 11, 25))
    ParticipationFactory(state=irn, regime=mtcr, status=Status.APPLICANT, start=datetime.date(2001, 1, 1))
    ParticipationFactory(state=isl, regime=mtcr, status=Status.PARTNER, start=datetime.date(1993, 1, 1))
    ParticipationFactory(
        state=isl,
        regime=hcoc,
        status=Status.SUBSCRIBING_STATE,
        start=datetime.date(datetime.date.today().year, 1, 1),
        start_precision=Precision.YEAR,
    )
    return {"USA": usa, "PRK": prk, "IRN": irn, "ISL": isl}


def test_with_holdings_agrees_with_held_by_for_every_state(holders, synthetic):
    synthetic(transfers=400, states=30, systems=60, flight_tests=20)
    for state in State.objects.with_holdings():
        held = MissileSystem.objects.held_by(state)
        assert state.systems_held == held.count(), state.code
        expected = held.longest_range_class()
        assert state.longest_range_class_code == (expected.value if expected else ""), state.code


def test_with_holdings_counts_developed_and_delivered_complete_missiles_only(holders):
    states = {state.code: state for state in State.objects.with_holdings()}
    assert (states["USA"].longest_range_class_code, states["USA"].systems_held) == ("icbm", 3)
    assert (states["PRK"].longest_range_class_code, states["PRK"].longest_range_km) == ("mrbm", 1300)
    assert (states["IRN"].longest_range_class_code, states["IRN"].systems_held) == ("mrbm", 1)
    # An order never delivered and components are not holdings.
    assert (states["ISL"].longest_range_class_code, states["ISL"].systems_held) == ("", 0)


def test_state_directory_lists_states_by_name_with_standings_and_holdings(client, holders):
    response = client.get(DIRECTORY)
    assert listed_codes(response) == ["ISL", "IRN", "PRK", "USA"]  # Iceland, Iran, North Korea, United States
    usa = response.context["object_list"][3]
    assert (usa.standing_mtcr, usa.standing_hcoc, usa.longest_range_class_code) == (
        "partner",
        "subscribing_state",
        "icbm",
    )
    html = response.content.decode()
    assert "ICBM" in html and 'class="badge partner"' in html


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("region=Eastern+Asia", ["PRK"]),
        ("mtcr=partner", ["ISL", "USA"]),
        ("mtcr=applicant", ["IRN"]),
        ("mtcr=none", ["PRK"]),
        ("hcoc=subscribing_state", ["USA"]),
        ("hcoc=uncertain", ["ISL"]),  # joined "this year": open today
        ("hcoc=none", ["IRN", "PRK"]),
        ("range_class=mrbm", ["IRN", "PRK"]),
        ("range_class=icbm", ["USA"]),
        ("range_class=none", ["ISL"]),
        ("q=kor", ["PRK"]),
        ("q=usa", ["USA"]),
        ("mtcr=partner&range_class=icbm", ["USA"]),
        ("ordering=-range", ["USA", "IRN", "PRK", "ISL"]),
    ],
)
def test_state_directory_filters(client, holders, query, codes):
    assert listed_codes(client.get(f"{DIRECTORY}?{query}")) == codes


def test_state_directory_marks_historical_states(client):
    StateFactory(code="SUN", name="Soviet Union", existed_to=datetime.date(1991, 12, 26), existed_to_precision="day")
    html = client.get(DIRECTORY).content.decode()
    assert "historical, to 26 December 1991" in html


def test_state_directory_rejects_an_unknown_choice_with_a_form_error(client, holders):
    response = client.get(f"{DIRECTORY}?mtcr=member&range_class=xxl")
    assert response.status_code == 200
    assert response.context["filter"].form.errors.keys() == {"mtcr", "range_class"}
    assert listed_codes(response) == []


def test_state_directory_paginates(client):
    for n in range(55):
        StateFactory(code=f"Q{chr(65 + n // 26)}{chr(65 + n % 26)}", name=f"State {n:02d}")
    assert len(listed_codes(client.get(DIRECTORY))) == 50
    assert len(listed_codes(client.get(f"{DIRECTORY}?page=2"))) == 5
    assert client.get(f"{DIRECTORY}?page=99").status_code == 404


# ---------------------------------------------------------------- profile


@pytest.fixture
def profile(holders, mtcr, hcoc):
    """North Korea, every kind of fact cited, some by the same source."""
    prk, irn = holders["PRK"], holders["IRN"]
    mistry = SourceFactory(key="mistry2003", title="Beyond the MTCR", author="Dinshaw Mistry")
    other = SourceFactory(key="cns-2006", title="North Korea's missile programme")
    cite(prk, mistry, "p. 120")
    outside = ParticipationFactory(
        state=prk, regime=hcoc, status=Status.NON_PARTICIPANT, start=datetime.date(2003, 3, 31)
    )
    cite(outside, other)
    program = ProgramFactory(name="North Korean ballistic missile program")
    program.states.add(prk)
    cite(program, mistry, "p. 120")
    nodong = MissileSystem.objects.get(name="Nodong")
    cite(nodong, other)
    test = FlightTestFactory(system=nodong, date=datetime.date(1993, 5, 1), date_precision=Precision.MONTH)
    cite(test, mistry, "p. 121")
    transfer = prk.transfers_made.get(recipient=irn)
    cite(transfer, mistry, "p. 121")
    ussr = StateFactory(code="SUN", name="Soviet Union", successor=None)
    scud = SystemFactory(state=ussr, name="Scud-B", range_km=300)
    TransferFactory(supplier=ussr, recipient=prk, system=scud, year_from=1980)
    return prk


def footnote_numbers(html):
    return [int(number) for number in re.findall(r'<sup class="fn"><a href="#fn-(\d+)"', html)]


def test_state_profile_shows_every_section(client, profile):
    response = client.get(reverse("states:detail", args=["PRK"]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "North Korea",
        "named as outside",
        "from 31 March 2003",
        "North Korean ballistic missile program",
        "Nodong",
        "Rodong",
        "MRBM",
        "May 1993",
        "Scud-B",  # received from the Soviet Union
        "Iran",
        "Soviet Union",
        'id="timeline-chart-data"',
    ):
        assert text in html, text
    assert response.context["made_total"] == 1 and response.context["received_total"] == 1
    assert [system.name for system in response.context["received_systems"]] == ["Scud-B"]


def test_state_profile_footnotes_number_each_citation_once_in_page_order(client, profile):
    html = client.get(reverse("states:detail", args=["PRK"])).content.decode()
    numbers = footnote_numbers(html)
    # mistry2003 p. 120 (state, program), cns-2006 (participation, Nodong), mistry p. 121 (test, transfer)
    assert sorted(set(numbers)) == [1, 2, 3]
    assert numbers[0] == 1
    firsts = list(dict.fromkeys(numbers))
    assert firsts == sorted(firsts), "numbers are given in the order the page shows them"
    footnotes = re.findall(r'<li id="fn-(\d+)" value="\d+"><a href="([^"]+)">', html)
    assert footnotes == [
        ("1", reverse("sources:detail", args=["mistry2003"])),
        ("2", reverse("sources:detail", args=["cns-2006"])),
        ("3", reverse("sources:detail", args=["mistry2003"])),
    ]
    assert "p. 120" in html and "p. 121" in html


def test_state_profile_marks_a_record_without_a_source(client, profile):
    html = client.get(reverse("states:detail", args=["IRN"])).content.decode()
    assert "no source" in html


def test_state_profile_shows_the_counterparts_standing_at_the_time(client, holders, mtcr):
    prk, irn = holders["PRK"], holders["IRN"]
    TransferFactory(supplier=prk, recipient=irn, system=SystemFactory(state=prk), year_from=2001)
    TransferFactory(supplier=prk, recipient=irn, system=SystemFactory(state=prk), year_from=2005)
    response = client.get(reverse("states:detail", args=["PRK"]))
    standings = {transfer.year_from: transfer.recipient_mtcr for transfer in response.context["made"]}
    # Iran applied on 1 January 2001, to the day: certain from that day on.
    assert standings == {1990: "none", 2001: "applicant", 2005: "applicant"}


def test_state_profile_standing_in_every_regime(client, holders):
    RegimeFactory(code="INF", kind=RegimeKind.TREATY)
    response = client.get(reverse("states:detail", args=["USA"]))
    rows = {row["regime"].code: row["standing"] for row in response.context["regime_rows"]}
    assert rows == {"MTCR": "partner", "HCOC": "subscribing_state", "INF": "none"}


def test_state_profile_lists_successor_and_predecessors(client):
    rus = StateFactory(code="RUS", name="Russia")
    StateFactory(
        code="SUN",
        name="Soviet Union",
        successor=rus,
        existed_to=datetime.date(1991, 12, 26),
        existed_to_precision="day",
    )
    assert "Soviet Union" in client.get(reverse("states:detail", args=["RUS"])).content.decode()
    assert "Russia" in client.get(reverse("states:detail", args=["SUN"])).content.decode()


def test_state_profile_unknown_code_is_a_404_with_a_message(client):
    response = client.get(reverse("states:detail", args=["ZZZ"]))
    assert response.status_code == 404
    assert "No state has the code" in response.content.decode()
    assert client.get("/states/not-a-code/").status_code == 404


def test_state_profile_lower_case_code_redirects(client, holders):
    response = client.get("/states/prk/")
    assert response.status_code == 302 and response["Location"] == reverse("states:detail", args=["PRK"])


def test_state_profile_longest_range_held(client, holders):
    response = client.get(reverse("states:detail", args=["IRN"]))
    assert response.context["longest_range_class"] == RangeClass.MRBM
