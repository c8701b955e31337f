"""The analysts' pages as a whole: home, compare, search; bad input on every page; and the
query budget of every page at 100 and at 10,000 transfers."""

import datetime

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from missiles.models import Transfer
from regime.models import RegimeTotal, Status
from states.models import State
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

HOME, SEARCH, COMPARE = reverse("home"), reverse("search"), reverse("compare")


@pytest.fixture
def korea(mtcr, hcoc):
    prk = StateFactory(code="PRK", name="North Korea", region="Eastern Asia")
    irn = StateFactory(code="IRN", name="Iran", region="Southern Asia")
    pak = StateFactory(code="PAK", name="Pakistan", region="Southern Asia")
    usa = StateFactory(code="USA", name="United States", region="Northern America")
    nodong = SystemFactory(state=prk, name="Nodong", aliases="Rodong;Nodong-1;Hwasong-7", range_km=1300)
    SystemFactory(state=pak, name="Ghauri", aliases="Hatf-5", range_km=1500)
    SystemFactory(state=usa, name="Minuteman III", range_km=13000)
    TransferFactory(supplier=prk, recipient=irn, system=nodong, year_from=1993, description="Nodong missiles")
    TransferFactory(supplier=prk, recipient=pak, system=nodong, year_from=1994)
    FlightTestFactory(system=nodong, date=datetime.date(1993, 5, 1), date_precision="month")
    ProgramFactory(name="Nodong development").states.add(prk)
    ParticipationFactory(state=usa, regime=mtcr, status=Status.PARTNER, start=datetime.date(1987, 4, 16))
    ParticipationFactory(state=usa, regime=hcoc, status=Status.SUBSCRIBING_STATE, start=datetime.date(2002, 11, 25))
    ParticipationFactory(state=irn, regime=hcoc, status=Status.NON_PARTICIPANT, start=datetime.date(2003, 1, 1))
    source = SourceFactory(key="mistry2003", title="Beyond the MTCR", author="Dinshaw Mistry")
    cite(prk, source)
    cite(nodong, source, "p. 121")
    return {"PRK": prk, "IRN": irn, "PAK": pak, "USA": usa}


# ---------------------------------------------------------------- home


@pytest.mark.django_db
def test_home_counts_records_and_charts_membership(client, korea, mtcr):
    total = RegimeTotal.objects.create(regime=mtcr, date=datetime.date(2020, 8, 4), date_precision="day", total=35)
    cite(total)
    response = client.get(HOME)
    assert response.status_code == 200
    counts = dict(response.context["counts"])
    assert counts["states"] == 4 and counts["missile systems"] == 3 and counts["transfers"] == 2
    assert counts["sources"] == 2
    chart = response.context["chart"]
    rows = dict(chart["rows"])
    assert chart["columns"] == [
        "HCOC subscribing states recorded",
        "MTCR partners recorded",
        "MTCR partners reported by sources",
    ]
    # The reported line starts on the first 1 January after the source's date.
    assert rows[1987] == [0, 0, None] and rows[1988] == [0, 1, None] and rows[2003] == [1, 1, None]
    assert rows[2021] == [1, 1, 35]
    assert chart["rows"][0][0] == 1987 and chart["rows"][-1][0] == datetime.date.today().year
    (reported,) = response.context["totals"]
    assert (reported.total, reported.recorded) == (35, 1)
    html = response.content.decode()
    assert 'id="membership-chart-data"' in html and "chart.umd.min.js" in html and "<script>" not in html
    assert 'action="/search/"' in html


@pytest.mark.django_db
def test_home_lists_recently_changed_records_newest_first(client, korea):
    response = client.get(HOME)
    recent = response.context["recent"]
    assert recent and [record.updated for record in recent] == sorted((r.updated for r in recent), reverse=True)
    assert {record.kind for record in recent} >= {"states", "missile systems", "transfers", "flight tests"}


@pytest.mark.django_db
def test_home_on_an_empty_database(client):
    response = client.get(HOME)
    assert response.status_code == 200 and response.context["chart"] is None


# ---------------------------------------------------------------- compare


@pytest.mark.django_db
def test_compare_shows_states_side_by_side(client, korea):
    response = client.get(COMPARE, {"states": ["PRK", "IRN", "USA"]})
    assert response.status_code == 200
    states = response.context["states"]
    assert [state.code for state in states] == ["PRK", "IRN", "USA"]
    prk, irn, usa = states
    assert (prk.transfers_made_count, prk.transfers_received_count, prk.flight_tests_count) == (2, 0, 1)
    assert (irn.systems_held, irn.longest_range_class_code) == (1, "mrbm")  # received the Nodong
    assert [system.name for system in usa.held] == ["Minuteman III"]
    rows = {regime.code: standings for regime, standings in response.context["standing_rows"]}
    assert rows == {"MTCR": ["none", "none", "partner"], "HCOC": ["none", "none", "subscribing_state"]}
    between = {supplier.code: [count for _, count in cells] for supplier, cells in response.context["between_rows"]}
    assert between["PRK"] == [0, 1, 0]
    html = response.content.decode()
    assert "ICBM" in html.upper() and "?supplier=PRK&amp;recipient=IRN" in html


@pytest.mark.django_db
def test_compare_accepts_lower_case_codes_and_ignores_empty_slots(client, korea):
    response = client.get(COMPARE, {"states": ["prk", "", "irn", ""]})
    assert [state.code for state in response.context["states"]] == ["PRK", "IRN"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("states", "message"),
    [
        (["PRK"], "Choose 2 to 4 different states"),
        (["PRK", "PRK"], "Choose 2 to 4 different states"),
        ([], "Choose 2 to 4 different states"),
        (["PRK", "IRN", "PAK", "USA", "XXX"], "Choose 2 to 4 different states"),
        (["PRK", "ZZZ"], "No state has the code ZZZ"),
        (["PRK", "' OR 1=1 --"], "is not a state code"),
        (["PRK", "<script>"], "is not a state code"),
        (["PRK", "IR\x00N"], "is not a state code"),
        (["PRK", "x" * 5000], "is not a state code"),
    ],
)
def test_compare_errors_are_form_errors(client, korea, states, message):
    response = client.get(COMPARE + "?" + "&".join(f"states={s}" for s in states) if states else COMPARE + "?states=")
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["states"])
    assert "states" not in response.context or not response.context.get("states")
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_compare_without_a_choice_shows_the_form(client, korea):
    response = client.get(COMPARE)
    assert response.status_code == 200 and not response.context["form"].is_bound
    assert response.content.decode().count('name="states"') == 4


# ---------------------------------------------------------------- search


@pytest.mark.django_db
def test_search_finds_a_system_by_its_alias(client, korea):
    response = client.get(SEARCH, {"q": "Rodong"})
    groups = {group.label: group for group in response.context["groups"]}
    assert [system.name for system in groups["Missile systems"].records] == ["Nodong"]
    # The Nodong's transfers are found through the system's alias too.
    assert groups["Transfers"].count == 2
    assert groups["States"].count == 0
    assert "Nodong" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "group", "count"),
    [
        ("korea", "States", 1),
        ("PAK", "States", 1),
        ("hatf", "Missile systems", 1),
        ("development", "Missile programs", 1),
        ("Nodong missiles", "Transfers", 1),
        ("iran", "Transfers", 1),
        ("mistry", "Sources", 1),
        ("mistry2003", "Sources", 1),
    ],
)
def test_search_groups_results_by_kind(client, korea, query, group, count):
    response = client.get(SEARCH, {"q": query})
    groups = {group.label: group for group in response.context["groups"]}
    assert groups[group].count == count


@pytest.mark.django_db
def test_search_caps_each_group_and_links_to_the_full_list(client, korea):
    for n in range(25):
        StateFactory(code=f"Q{chr(65 + n // 26)}{chr(65 + n % 26)}", name=f"Republic {n}")
    response = client.get(SEARCH, {"q": "republic"})
    states = response.context["groups"][0]
    assert (states.count, len(states.records)) == (25, 20)
    assert f'href="{reverse("states:list")}?q=republic"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [("", "Type a name"), ("   ", "Type a name"), ("x" * 201, "at most 200"), ("a\x00b", "null character")],
)
def test_search_empty_or_over_long_query_is_answered_with_a_message(client, korea, query, message):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["groups"] == []


# ---------------------------------------------------------------- bad input

BAD_VALUES = [
    "abc",
    "1997-13-45",
    "99999999999999999999",
    "-1",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "\x00",
    "x" * 5000,
]
PAGES_WITH_PARAMETERS = [
    ("/", ["q"]),
    ("/states/", ["q", "region", "mtcr", "hcoc", "range_class", "ordering", "page"]),
    ("/states/PRK/", ["page"]),
    ("/regimes/", ["page"]),
    ("/regimes/MTCR/", ["as_of", "status", "page"]),
    ("/regimes/outside/", ["as_of", "page"]),
    ("/compare/", ["states"]),
    ("/search/", ["q"]),
    ("/sources/", ["q", "page"]),
    ("/sources/mistry2003/", ["kind", "page"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "parameters"), PAGES_WITH_PARAMETERS)
def test_bad_input_in_a_parameter_never_fails(client, korea, path, parameters):
    for parameter in parameters:
        for value in BAD_VALUES:
            response = client.get(path, {parameter: value})
            assert response.status_code in (200, 302, 400, 404), (path, parameter, value[:20], response.status_code)
            assert b"<script>alert(1)" not in response.content


@pytest.mark.django_db
def test_year_from_after_year_to_style_input_on_the_as_of_pages(client, korea):
    # The analysts' pages take one date, not a range: a reversed range is just two bad dates.
    for path in ("/regimes/MTCR/", "/regimes/outside/"):
        response = client.get(path, {"as_of": "2001-01-01/1990-01-01"})
        assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/states/%00/",
        "/states/ZZZ/",
        "/states/' OR 1=1 --/",
        "/states/<script>/",
        "/states/" + "x" * 5000 + "/",
        "/regimes/%00/",
        "/regimes/' OR 1=1 --/",
        "/regimes/" + "x" * 5000 + "/",
        "/sources/%00/",
        "/sources/<script>/",
        "/sources/" + "x" * 5000 + "/",
    ],
)
def test_bad_input_in_the_path_is_a_404(client, korea, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"<script>" not in response.content


# ---------------------------------------------------------------- query budget

BUDGET = 15


def busiest_state():
    return (
        State.objects.annotate(
            transfers=Count("transfers_made", distinct=True) + Count("transfers_received", distinct=True)
        )
        .order_by("-transfers")
        .first()
        .code
    )


def budget_pages():
    """(page, url) for every analyst page; the profile is the busiest state's."""
    codes = list(State.objects.order_by("code").values_list("code", flat=True)[:4])
    return [
        ("home", reverse("home")),
        ("states directory", reverse("states:list")),
        ("states directory filtered", reverse("states:list") + "?mtcr=partner&range_class=icbm&ordering=-range"),
        ("state profile", reverse("states:detail", args=[busiest_state()])),
        ("regimes", reverse("regime:list")),
        ("regime page", reverse("regime:detail", args=["MTCR"])),
        ("regime page as of", reverse("regime:detail", args=["MTCR"]) + "?as_of=1997-01-01"),
        ("outside", reverse("regime:outside")),
        ("compare", COMPARE + "?" + "&".join(f"states={code}" for code in codes)),
        ("search", SEARCH + "?q=synthetic"),
        ("sources", reverse("sources:list")),
        ("source page", reverse("sources:detail", args=["synthetic"])),
        ("source page, transfers", reverse("sources:detail", args=["synthetic"]) + "?kind=transfers&page=last"),
    ]


def query_counts(client):
    counts = {}
    for page, url in budget_pages():
        client.get(url)  # warm caches (content types) that a live server keeps between requests
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[page] = len(queries)
    return counts


@pytest.mark.django_db
@pytest.mark.slow
def test_query_count_is_flat_from_100_to_10000_transfers(client, synthetic, django_assert_max_num_queries):
    """Guards against N+1 queries: every analyst page runs at most 15 queries, and the same
    number with 10,000 transfers as with 100."""
    synthetic(transfers=100, states=50, systems=200, flight_tests=500)
    small = query_counts(client)
    synthetic(transfers=9_900, states=50, systems=1, flight_tests=0, seed=2)
    assert Transfer.objects.count() == 10_000
    large = query_counts(client)
    print("queries per page (100 transfers, 10,000 transfers):", {page: (small[page], large[page]) for page in small})
    assert large == small
    for _, url in budget_pages():
        with django_assert_max_num_queries(BUDGET):
            client.get(url)


@pytest.mark.django_db
def test_query_count_of_a_busy_state_profile_does_not_grow_with_its_records(client, korea, mtcr):
    """Guards against N+1 queries on the profile: more transfers, tests, systems and
    participations, each with its own citations, cost no more queries."""
    prk = korea["PRK"]
    url = reverse("states:detail", args=["PRK"])
    # Content types are cached per process: warm them all, as a running site has.
    ContentType.objects.get_for_models(*apps.get_models())
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(30):
        partner = StateFactory(code=f"Q{chr(65 + n // 26)}{chr(65 + n % 26)}")
        system = SystemFactory(state=prk, range_km=1000 + n)
        cite(system, SourceFactory())
        cite(TransferFactory(supplier=prk, recipient=partner, system=system, year_from=1990 + n), SourceFactory())
        cite(TransferFactory(supplier=partner, recipient=prk, system=None, description=f"Parts {n}"), SourceFactory())
        cite(FlightTestFactory(system=system), SourceFactory())
        ParticipationFactory(state=prk, regime=RegimeFactory(code=f"R{n}"), start=datetime.date(1990 + n, 1, 1))
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(after) == len(before) <= BUDGET
    assert len(response.context["footnotes"]) > 30


@pytest.mark.django_db
def test_query_budget_on_each_page_with_factories(client, korea, django_assert_max_num_queries):
    for url in [
        HOME,
        "/states/",
        "/states/PRK/",
        "/regimes/",
        "/regimes/MTCR/?as_of=1997-01-01",
        "/regimes/outside/",
        COMPARE + "?states=PRK&states=IRN&states=PAK&states=USA",
        SEARCH + "?q=nodong",
        "/sources/",
        "/sources/mistry2003/",
    ]:
        client.get(url)
        with django_assert_max_num_queries(BUDGET):
            assert client.get(url).status_code == 200
