"""The regimes pages: who was in on a date (the as-of rule at its boundaries, through the
page), reported totals beside recorded counts, and the cross-reference of missile holders
outside both the MTCR and the HCoC."""

import datetime

import pytest
from django.urls import reverse

from regime.models import RegimeTotal, Status
from states.partial_dates import PartialDate
from tests.factories import ParticipationFactory, StateFactory, SystemFactory, TransferFactory, cite

pytestmark = pytest.mark.django_db

MTCR_PAGE = reverse("regime:detail", args=["MTCR"])
HCOC_PAGE = reverse("regime:detail", args=["HCOC"])
OUTSIDE = reverse("regime:outside")


def participate(regime, code, start, end=None, status=Status.PARTNER):
    participation = ParticipationFactory.build(
        state=StateFactory(code=code, name=f"State {code}"), regime=regime, status=status
    )
    participation.start_partial = PartialDate.parse(start)
    participation.end_partial = PartialDate.parse(end) if end else None
    participation.save()
    return participation


def listed(response):
    """{state code: uncertain} for the participations the page lists."""
    assert response.status_code == 200
    return {
        participation.state_id: bool(getattr(participation, "uncertain", False))
        for participation in response.context["participants"]
    }


@pytest.fixture
def mtcr_history(mtcr):
    participate(mtcr, "USA", "1987-04-16")
    participate(mtcr, "RUS", "1995-08-04")  # joined to the day
    participate(mtcr, "ISL", "1993")  # the source gives only the year
    participate(mtcr, "UKR", "1994-01-01", "2001-03-15")  # left, to the day
    participate(mtcr, "CHN", "1992-02-01", status=Status.UNILATERAL_ADHERENT)
    return mtcr


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("1995-08-03", {"USA": False, "ISL": False, "UKR": False, "CHN": False}),  # the day before Russia joined
        ("1995-08-04", {"USA": False, "RUS": False, "ISL": False, "UKR": False, "CHN": False}),  # its join day
        ("1992-12-31", {"USA": False, "CHN": False}),  # the day before Iceland's year
        ("1993-06-01", {"USA": False, "ISL": True, "CHN": False}),  # inside "1993": uncertain
        ("1993-01-01", {"USA": False, "ISL": True, "CHN": False}),  # its first day: counted, still open
        ("1994-01-01", {"USA": False, "ISL": False, "UKR": False, "CHN": False}),  # after the year: certain
        (
            "2001-03-14",
            {"USA": False, "RUS": False, "ISL": False, "UKR": False, "CHN": False},
        ),  # the day before leaving
        ("2001-03-15", {"USA": False, "RUS": False, "ISL": False, "CHN": False}),  # leave day excluded
        ("1987-04-15", {}),  # before the founding
    ],
)
def test_regime_page_as_of_boundaries(client, mtcr_history, as_of, expected):
    assert listed(client.get(MTCR_PAGE, {"as_of": as_of})) == expected


def test_regime_page_counts_members_on_the_date_and_marks_the_uncertain(client, mtcr_history):
    response = client.get(MTCR_PAGE, {"as_of": "1993-06-01"})
    # USA and Iceland are partners that day (Iceland uncertain); China is an adherent, not a member.
    assert (response.context["members_on"], response.context["uncertain_on"]) == (2, 1)
    html = response.content.decode()
    assert "1 June 1993" in html and "1 uncertain" in html and "year only" in html


def test_regime_page_without_a_date_lists_the_whole_history(client, mtcr_history):
    response = client.get(MTCR_PAGE)
    assert set(listed(response)) == {"USA", "RUS", "ISL", "UKR", "CHN"}
    assert response.context["as_of"] is None
    assert response.context["members_on"] == 3  # today: USA, Russia, Iceland


def test_regime_page_filters_by_status(client, mtcr_history):
    assert set(listed(client.get(MTCR_PAGE, {"status": "unilateral_adherent"}))) == {"CHN"}
    assert set(listed(client.get(MTCR_PAGE, {"status": "partner", "as_of": "2002-01-01"}))) == {"USA", "RUS", "ISL"}


@pytest.mark.parametrize("as_of", ["1997-02-30", "yesterday", "97-01-01", "1800-01-01", "2400-01-01", "1997-01-01\x00"])
def test_regime_page_invalid_as_of_is_a_form_error(client, mtcr_history, as_of):
    response = client.get(MTCR_PAGE, {"as_of": as_of})
    assert response.status_code == 200
    assert "as_of" in response.context["filter"].form.errors
    assert response.context["participants"] == []


def test_regime_page_hcoc_on_its_launch_day(client, hcoc):
    for n in range(3):
        participate(hcoc, f"XA{chr(65 + n)}", "2002-11-25", status=Status.SUBSCRIBING_STATE)
    participate(hcoc, "XBA", "2002-11", status=Status.SUBSCRIBING_STATE)  # known to the month
    participate(hcoc, "XBB", "2003-01-14", status=Status.SUBSCRIBING_STATE)
    response = client.get(HCOC_PAGE, {"as_of": "2002-11-25"})
    assert listed(response) == {"XAA": False, "XAB": False, "XAC": False, "XBA": True}
    assert (response.context["members_on"], response.context["uncertain_on"]) == (4, 1)
    assert listed(client.get(HCOC_PAGE, {"as_of": "2002-11-24"})) == {"XBA": True}


def test_regime_page_shows_reported_totals_beside_recorded_members(client, hcoc):
    for n in range(2):
        participate(hcoc, f"XA{chr(65 + n)}", "2002-11-25", status=Status.SUBSCRIBING_STATE)
    total = RegimeTotal.objects.create(regime=hcoc, date=datetime.date(2024, 3, 11), date_precision="day", total=145)
    cite(total)
    response = client.get(HCOC_PAGE)
    html = " ".join(response.content.decode().split())
    assert "recorded <strong>2</strong> of <strong>145</strong> reported subscribing states" in html
    assert response.context["footnotes"].notes


def test_regime_page_membership_chart_has_a_table_twin(client, mtcr_history):
    response = client.get(MTCR_PAGE)
    chart = response.context["chart"]
    rows = dict(chart["rows"])
    assert rows[1988] == [1] and rows[1994] == [3] and rows[2002] == [3]
    assert chart["spec"]["datasets"][0]["data"][0] == 0  # 1 January 1987, before the founding
    html = response.content.decode()
    assert 'id="regime-chart-data"' in html and 'data-chart="regime-chart-data"' in html
    assert '<th scope="row">1994</th>' in html


def test_regime_page_unknown_code_is_a_404_with_a_message(client, mtcr):
    response = client.get(reverse("regime:detail", args=["NOPE"]))
    assert response.status_code == 404 and "No regime has the code" in response.content.decode()


def test_regime_page_lower_case_code_redirects_keeping_the_date(client, mtcr):
    response = client.get("/regimes/mtcr/?as_of=1997-01-01")
    assert response.status_code == 302 and response["Location"] == f"{MTCR_PAGE}?as_of=1997-01-01"


def test_regime_list_shows_members_today(client, mtcr_history, hcoc):
    response = client.get(reverse("regime:list"))
    counts = {regime.code: (regime.member_count, regime.uncertain_count) for regime in response.context["regimes"]}
    assert counts == {"MTCR": (3, 0), "HCOC": (0, 0)}
    assert reverse("regime:outside") in response.content.decode()


# ---------------------------------------------------------------- cross-reference


@pytest.fixture
def missile_holders(mtcr, hcoc):
    """Pakistan (MRBM, in neither), Iran (received an MRBM, in neither), France (IRBM, in both),
    India (MRBM, MTCR partner since 2016), Syria (SRBM only)."""
    pak = StateFactory(code="PAK", name="Pakistan")
    irn = StateFactory(code="IRN", name="Iran")
    fra = StateFactory(code="FRA", name="France")
    ind = StateFactory(code="IND", name="India")
    syr = StateFactory(code="SYR", name="Syria")
    ghauri = SystemFactory(state=pak, range_km=1500)
    TransferFactory(supplier=pak, recipient=irn, system=ghauri)
    SystemFactory(state=fra, range_km=4000)
    SystemFactory(state=ind, range_km=2000)
    SystemFactory(state=syr, range_km=300)
    participate(mtcr, "FRA", "1987-04-16")
    participate(hcoc, "FRA", "2002-11-25", status=Status.SUBSCRIBING_STATE)
    participate(mtcr, "IND", "2016-06-27")
    participate(hcoc, "IRN", "2020", status=Status.SIGNATORY)
    return pak


def outside_codes(response):
    assert response.status_code == 200
    return [state.code for state in response.context["object_list"]]


def test_outside_lists_holders_of_mrbms_in_neither_regime_today(client, missile_holders):
    assert sorted(outside_codes(client.get(OUTSIDE))) == ["IRN", "PAK"]


def test_outside_as_of_a_date(client, missile_holders):
    # Before India joined the MTCR on 27 June 2016 it was outside both.
    assert sorted(outside_codes(client.get(OUTSIDE, {"as_of": "2016-06-26"}))) == ["IND", "IRN", "PAK"]
    assert sorted(outside_codes(client.get(OUTSIDE, {"as_of": "2016-06-27"}))) == ["IRN", "PAK"]


def test_outside_marks_a_standing_left_open_as_uncertain(client, missile_holders):
    response = client.get(OUTSIDE, {"as_of": "2020-05-01"})
    iran = next(state for state in response.context["object_list"] if state.code == "IRN")
    assert iran.standing_hcoc == "uncertain"
    assert 'class="badge uncertain"' in response.content.decode()


def test_outside_invalid_date_is_a_form_error(client, missile_holders):
    response = client.get(OUTSIDE, {"as_of": "2016-02-31"})
    assert response.status_code == 200
    assert response.context["form"].errors and outside_codes(response) == []


def test_outside_leaves_out_states_that_no_longer_exist(client, missile_holders):
    ussr = StateFactory(
        code="SUN", name="Soviet Union", existed_to=datetime.date(1991, 12, 26), existed_to_precision="day"
    )
    SystemFactory(state=ussr, range_km=11000)
    assert "SUN" not in outside_codes(client.get(OUTSIDE))
    assert "SUN" in outside_codes(client.get(OUTSIDE, {"as_of": "1991-01-01"}))


def test_reported_by_year_carries_the_last_report_forward_and_takes_the_lower_of_a_disagreement():
    import datetime as dt
    from types import SimpleNamespace

    from regime.views import reported_by_year

    totals = [
        SimpleNamespace(date=dt.date(2002, 11, 25), total=96),
        SimpleNamespace(date=dt.date(2002, 11, 25), total=93),
        SimpleNamespace(date=dt.date(2003, 3, 31), total=102),
    ]
    assert reported_by_year(totals, range(2002, 2006)) == {2003: 93, 2004: 102, 2005: 102}
