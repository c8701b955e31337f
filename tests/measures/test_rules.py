"""Each measure's rule on hand-built data with known answers, boundaries included."""

import datetime

import pytest

from measures import rules
from missiles.models import Notified, SystemKind, SystemStatus, TransferKind, TransferStatus
from regime.models import Status
from states.partial_dates import Precision
from tests.factories import (
    FlightTestFactory,
    ParticipationFactory,
    StateFactory,
    SystemFactory,
    TransferFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2002, 6, 1)


def codes(rows):
    return {row.state.code for row in rows}


def by_code(rows):
    return {row.state.code: row for row in rows}


# ---------------------------------------------------------------- 1. range-band ban


def test_range_band_includes_its_start_and_excludes_its_end():
    for code, range_km in (("XAA", 499), ("XAB", 500), ("XAC", 5499), ("XAD", 5500), ("XAE", 5501)):
        SystemFactory(state=StateFactory(code=code), range_km=range_km, status=SystemStatus.DEPLOYED)
    result = rules.range_band_ban(rules.RangeBandParams())
    assert codes(result.covered) == {"XAB", "XAC"}
    assert result.systems == 2


def test_range_band_kinds_and_statuses_are_parameters():
    state = StateFactory(code="XAA")
    SystemFactory(state=state, kind=SystemKind.SPACE_LAUNCH_VEHICLE, range_km=1000, status=SystemStatus.DEPLOYED)
    SystemFactory(state=StateFactory(code="XAB"), range_km=1000, status=SystemStatus.RETIRED)
    SystemFactory(state=StateFactory(code="XAC"), range_km=1000, status="")
    assert codes(rules.range_band_ban(rules.RangeBandParams()).covered) == set()
    slv = rules.RangeBandParams(kinds=(SystemKind.SPACE_LAUNCH_VEHICLE,))
    assert codes(rules.range_band_ban(slv).covered) == {"XAA"}
    retired = rules.RangeBandParams(statuses=(SystemStatus.RETIRED, rules.STATUS_NOT_RECORDED))
    assert codes(rules.range_band_ban(retired).covered) == {"XAB", "XAC"}


def test_range_band_on_a_past_date_keeps_partial_and_missing_dates_apart():
    deployed = {"range_km": 1300, "status": SystemStatus.DEPLOYED}
    SystemFactory(
        state=StateFactory(code="XAA"),
        first_flight=datetime.date(1998, 7, 22),
        first_flight_precision=Precision.DAY,
        **deployed,
    )
    # Known only to 2002: it may have flown before or after 1 June 2002.
    SystemFactory(
        state=StateFactory(code="XAB"),
        first_flight=datetime.date(2002, 1, 1),
        first_flight_precision=Precision.YEAR,
        **deployed,
    )
    SystemFactory(
        state=StateFactory(code="XAC"),
        first_flight=datetime.date(2002, 6, 2),
        first_flight_precision=Precision.DAY,
        **deployed,
    )
    SystemFactory(state=StateFactory(code="XAD"), **deployed)  # no first flight recorded

    result = rules.range_band_ban(rules.RangeBandParams(as_of=AS_OF))
    assert codes(result.covered) == {"XAA"}
    assert {row.state.code: row.certainty for row in result.open_rows} == {"XAB": "uncertain", "XAD": "undated"}
    # Today, the recorded status speaks for every system.
    assert codes(rules.range_band_ban(rules.RangeBandParams()).covered) == {"XAA", "XAB", "XAC", "XAD"}


def test_range_band_counts_recipients_of_complete_missiles_from_their_first_year():
    supplier = StateFactory(code="XAA")
    nodong = SystemFactory(
        state=supplier,
        range_km=1300,
        status=SystemStatus.DEPLOYED,
        first_flight=datetime.date(1993, 5, 29),
        first_flight_precision=Precision.DAY,
    )
    TransferFactory(supplier=supplier, recipient=StateFactory(code="XAB"), system=nodong, year_from=2001)
    TransferFactory(supplier=supplier, recipient=StateFactory(code="XAC"), system=nodong, year_from=2002)
    TransferFactory(supplier=supplier, recipient=StateFactory(code="XAD"), system=nodong, year_from=None)
    TransferFactory(supplier=supplier, recipient=StateFactory(code="XAE"), system=nodong, kind=TransferKind.COMPONENTS)
    TransferFactory(
        supplier=supplier, recipient=StateFactory(code="XAF"), system=nodong, status=TransferStatus.INTERDICTED
    )
    result = rules.range_band_ban(rules.RangeBandParams(as_of=AS_OF))
    assert codes(result.covered) == {"XAA", "XAB"}
    assert {row.state.code: row.certainty for row in result.open_rows} == {"XAC": "uncertain", "XAD": "undated"}
    assert by_code(result.covered)["XAB"].holdings[0].how == "received"


def test_range_band_standing_on_the_date_uses_the_as_of_rule(mtcr, hcoc):
    left = StateFactory(code="XAA")
    stays = StateFactory(code="XAB")
    for state in (left, stays):
        SystemFactory(
            state=state,
            range_km=1000,
            status=SystemStatus.DEPLOYED,
            first_flight=datetime.date(1990, 1, 1),
            first_flight_precision=Precision.DAY,
        )
    # A membership that ends the day before the date asked no longer counts on it.
    ParticipationFactory(
        state=left,
        regime=mtcr,
        start=datetime.date(1995, 1, 1),
        end=AS_OF - datetime.timedelta(1),
        end_precision=Precision.DAY,
    )
    ParticipationFactory(state=stays, regime=mtcr, start=datetime.date(1995, 1, 1))
    ParticipationFactory(
        state=stays,
        regime=hcoc,
        status=Status.SUBSCRIBING_STATE,
        start=datetime.date(2002, 1, 1),
        start_precision=Precision.YEAR,
    )
    result = rules.range_band_ban(rules.RangeBandParams(as_of=AS_OF))
    rows = by_code(result.covered)
    assert rows["XAA"].standing("MTCR") == "none"
    assert rows["XAB"].standing("MTCR") == "partner"
    assert rows["XAB"].standing("HCOC") == "uncertain"  # subscribed during 2002
    assert result.mtcr == {"members": 1, "uncertain": 0}
    assert result.hcoc == {"members": 0, "uncertain": 1}
    before_leaving = rules.range_band_ban(rules.RangeBandParams(as_of=AS_OF - datetime.timedelta(2)))
    assert by_code(before_leaving.covered)["XAA"].standing("MTCR") == "partner"


def test_range_band_leaves_out_states_that_no_longer_exist():
    soviet = StateFactory(code="XSU", existed_to=datetime.date(1991, 12, 26), existed_to_precision=Precision.DAY)
    SystemFactory(
        state=soviet,
        range_km=1000,
        status=SystemStatus.DEPLOYED,
        first_flight=datetime.date(1960, 1, 1),
        first_flight_precision=Precision.DAY,
    )
    assert codes(rules.range_band_ban(rules.RangeBandParams()).rows) == set()
    assert codes(rules.range_band_ban(rules.RangeBandParams(as_of=datetime.date(1980, 1, 1))).covered) == {"XSU"}


# ---------------------------------------------------------------- 2. flight-test ban


START = rules.HCOC_LAUNCH


def test_flight_test_ban_counts_tests_from_its_first_day():
    system = SystemFactory(state=StateFactory(code="XAA"), range_km=1300)
    for day in (START - datetime.timedelta(1), START, START + datetime.timedelta(1)):
        FlightTestFactory(system=system, date=day)
    FlightTestFactory(system=system, date=datetime.date(2002, 1, 1), date_precision=Precision.YEAR, site="b")
    FlightTestFactory(system=system, date=datetime.date(2002, 11, 1), date_precision=Precision.MONTH, site="c")
    FlightTestFactory(system=system, date=datetime.date(2002, 10, 1), date_precision=Precision.MONTH, site="d")
    FlightTestFactory(system=SystemFactory(range_km=999), date=START)  # below the minimum range
    FlightTestFactory(system=SystemFactory(range_km=2000, kind=SystemKind.CRUISE), date=START)

    result = rules.flight_test_ban(rules.FlightTestBanParams())
    assert sorted((test.date, test.breach) for test in result.breaches) == [
        (datetime.date(2002, 1, 1), "uncertain"),
        (datetime.date(2002, 11, 1), "uncertain"),
        (START, "held"),
        (START + datetime.timedelta(1), "held"),
    ]
    assert (result.tests, result.uncertain_tests, result.states) == (2, 2, 1)
    assert result.by_state_year == [
        {"state": "XAA", "state__name": "State XAA", "year": 2002, "tests": 4, "uncertain": 2}
    ]
    cruise = rules.flight_test_ban(rules.FlightTestBanParams(kinds=(SystemKind.CRUISE,)))
    assert cruise.tests == 1


def test_flight_test_ban_freezes_programs_whose_longest_system_flew_only_after():
    state = StateFactory(code="XAA")
    shahab = SystemFactory(state=state, name="Shahab", range_km=1300)
    sejjil = SystemFactory(state=state, name="Sejjil", range_km=2000)
    FlightTestFactory(system=shahab, date=datetime.date(1998, 7, 22))
    FlightTestFactory(system=sejjil, date=datetime.date(2008, 11, 12))
    # Another state's longest system flew before the ban: nothing to freeze.
    done = SystemFactory(
        state=StateFactory(code="XAB"),
        range_km=3000,
        first_flight=datetime.date(1999, 1, 1),
        first_flight_precision=Precision.DAY,
    )
    FlightTestFactory(system=done, date=datetime.date(2005, 1, 1))
    # A system with no flight date at all: undated.
    SystemFactory(state=StateFactory(code="XAC"), range_km=5000)

    programs = {program.state.code: program for program in rules.flight_test_ban(rules.FlightTestBanParams()).programs}
    assert set(programs) == {"XAA", "XAC"}
    assert programs["XAA"].reached == shahab
    assert programs["XAA"].frozen == [sejjil]
    assert programs["XAA"].certainty == "held"
    assert programs["XAA"].frozen_class == "mrbm"
    assert programs["XAC"].certainty == "undated"


# ---------------------------------------------------------------- 3. missile-free zone


def test_zone_by_region_or_by_list_of_states():
    inside = StateFactory(code="XAA", region="Zone region")
    named = StateFactory(code="XAB", region="Elsewhere")
    StateFactory(code="XAC", region="Elsewhere")
    assert {s.code for s in rules.zone_states(rules.ZoneParams(regions=("Zone region",)))} == {"XAA"}
    assert {s.code for s in rules.zone_states(rules.ZoneParams(states=("XAB",)))} == {"XAB"}
    both = rules.ZoneParams(regions=("Zone region",), states=(named.code,))
    assert {s.code for s in rules.zone_states(both)} == {inside.code, named.code}


def test_zone_default_is_the_middle_east():
    StateFactory(code="IRN", region="Southern Asia")
    StateFactory(code="EGY", region="Northern Africa")
    StateFactory(code="TUR", region="Western Asia")
    assert {s.code for s in rules.zone_states(rules.ZoneParams())} == {"IRN", "EGY"}


def test_zone_holders_and_barred_transfers():
    zone = rules.ZoneParams(regions=("Zone region",))
    supplier = StateFactory(code="XAS", region="Elsewhere")
    holder = StateFactory(code="XAA", region="Zone region")
    recipient = StateFactory(code="XAB", region="Zone region")
    StateFactory(code="XAC", region="Zone region")
    scud = SystemFactory(state=supplier, range_km=300)
    short = SystemFactory(state=supplier, range_km=299)
    SystemFactory(state=holder, range_km=300)
    barred = TransferFactory(supplier=supplier, recipient=recipient, system=scud, year_from=1990)
    undated = TransferFactory(supplier=supplier, recipient=recipient, system=scud, year_from=None, kind="engines")
    TransferFactory(supplier=supplier, recipient=recipient, system=short)
    TransferFactory(supplier=supplier, recipient=recipient, system=scud, year_from=1991, status="cancelled")
    TransferFactory(supplier=supplier, recipient=recipient, system=None, description="components")
    TransferFactory(supplier=holder, recipient=supplier, system=scud)  # out of the zone

    result = rules.missile_free_zone(zone)
    assert len(result.zone) == 3
    assert codes(result.rows) == {"XAA", "XAB"}  # XAB received complete Scuds
    assert list(result.barred) == [barred, undated]
    assert result.barred[1].years == "date unknown"
    assert result.unspecified == 1
    assert codes(rules.missile_free_zone(rules.ZoneParams(regions=zone.regions, min_range_km=301)).rows) == set()


# ---------------------------------------------------------------- 4. space service


def test_space_service_candidates_and_their_mtcr_standing(mtcr):
    launcher = StateFactory(code="XAA")
    SystemFactory(state=launcher, kind=SystemKind.SPACE_LAUNCH_VEHICLE, range_km=None)
    SystemFactory(state=StateFactory(code="XAB"), range_km=5500)
    SystemFactory(state=StateFactory(code="XAC"), range_km=5499)
    SystemFactory(state=StateFactory(code="XAD"), kind=SystemKind.SPACE_LAUNCH_VEHICLE, status="cancelled")
    ParticipationFactory(state=launcher, regime=mtcr)
    adherent = StateFactory(code="XAB")
    ParticipationFactory(state=adherent, regime=mtcr, status=Status.UNILATERAL_ADHERENT)

    result = rules.space_service(rules.SpaceServiceParams())
    assert codes(result.rows) == {"XAA", "XAB"}
    assert codes(result.outside_mtcr) == {"XAB"}  # an adherent is not a partner
    assert codes(rules.space_service(rules.SpaceServiceParams(min_range_km=5000)).rows) == {"XAA", "XAB", "XAC"}


# ---------------------------------------------------------------- 5. verification gaps


def test_unnotified_launches_of_hcoc_subscribers(hcoc, mtcr):
    subscriber = StateFactory(code="XAA")
    ParticipationFactory(state=subscriber, regime=hcoc, status=Status.SUBSCRIBING_STATE, start=START)
    system = SystemFactory(state=subscriber, range_km=1000)
    silent = FlightTestFactory(system=system, date=datetime.date(2004, 5, 1), notified=Notified.NO)
    unknown = FlightTestFactory(system=system, date=datetime.date(2005, 5, 1), notified=Notified.UNKNOWN)
    FlightTestFactory(system=system, date=datetime.date(2006, 5, 1), notified=Notified.YES)
    during_year = FlightTestFactory(system=system, date=datetime.date(2002, 12, 1), notified=Notified.NO)
    FlightTestFactory(system=system, date=datetime.date(2001, 5, 1), notified=Notified.NO)  # before subscribing
    # The day before the Code's launch nothing could be notified; a test known only to 2002 may be after it.
    FlightTestFactory(system=system, date=START - datetime.timedelta(1), notified=Notified.NO)
    in_2002 = FlightTestFactory(
        system=system, date=datetime.date(2002, 1, 1), date_precision=Precision.YEAR, notified=Notified.NO
    )
    FlightTestFactory(system=SystemFactory(state=StateFactory(code="XAB")), date=datetime.date(2004, 5, 1))

    result = rules.verification_gaps(rules.VerificationParams())
    assert {test.pk: test.state_hcoc for test in result.unnotified} == {
        silent.pk: "subscribing_state",
        unknown.pk: "subscribing_state",
        during_year.pk: "uncertain",
        in_2002.pk: "uncertain",
    }


def test_holders_in_no_regime_and_suspected_records(mtcr, hcoc):
    outside = StateFactory(code="XAA")
    inside = StateFactory(code="XAB")
    StateFactory(code="XAC")  # holds nothing
    missile = SystemFactory(state=outside)
    SystemFactory(state=inside)
    ParticipationFactory(state=inside, regime=hcoc, status=Status.SUBSCRIBING_STATE)
    suspected = TransferFactory(supplier=outside, recipient=inside, system=missile, confidence="suspected")
    TransferFactory(supplier=outside, recipient=inside, system=missile, confidence="reported", year_from=1999)
    suspected_test = FlightTestFactory(confirmation="suspected")

    result = rules.verification_gaps(rules.VerificationParams())
    assert {state.code for state in result.outside} == {"XAA", suspected_test.state.code}
    assert list(result.suspected_transfers) == [suspected]
    assert list(result.suspected_tests) == [suspected_test]
    assert result.regime_codes == ("HCOC", "MTCR")


# ---------------------------------------------------------------- 6. MTCR cross-check


def test_cross_check_sorts_category_i_transfers_by_the_suppliers_standing_then(mtcr):
    partner = StateFactory(code="XAA")
    ParticipationFactory(state=partner, regime=mtcr, start=datetime.date(1995, 6, 1))
    outsider, other = StateFactory(code="XAB"), StateFactory(code="XAC")
    category_i = SystemFactory(range_km=300, payload_kg=500)
    category_ii = SystemFactory(range_km=300, payload_kg=499)

    bound = TransferFactory(supplier=partner, recipient=outsider, system=category_i, year_from=1997)
    joining_year = TransferFactory(supplier=partner, recipient=outsider, system=category_i, year_from=1995)
    before = TransferFactory(supplier=partner, recipient=other, system=category_i, year_from=1990)
    undated = TransferFactory(supplier=partner, recipient=other, system=category_i, year_from=None)
    TransferFactory(supplier=partner, recipient=outsider, system=category_ii, year_from=1997)
    stage = TransferFactory(
        supplier=outsider, recipient=other, system=None, description="stages", annex_item=2, kind="components"
    )
    technology = TransferFactory(
        supplier=outsider, recipient=other, system=None, description="know-how", kind="production_technology"
    )

    result = rules.mtcr_cross_check(rules.CrossCheckParams())
    assert set(result.category_i) == {bound, joining_year, before, undated, stage, technology}
    assert list(result.bound) == [bound]
    assert set(result.uncertain) == {joining_year, undated}
    # Outside both regimes on both sides: the partner before it joined, too.
    assert set(result.unreached) == {before, stage, technology}
    assert dict(result.by_standing) == {"none": 3, "uncertain": 2, "partner": 1}
    assert set(rules.mtcr_cross_check(rules.CrossCheckParams(first_year=1996)).category_i) == {bound}
