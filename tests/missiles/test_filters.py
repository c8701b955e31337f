import datetime

import pytest

from missiles.filters import FlightTestFilter, MissileProgramFilter, MissileSystemFilter, TransferFilter
from missiles.models import (
    Confidence,
    FlightTest,
    MissileSystem,
    Notified,
    Propellant,
    SystemKind,
    SystemStatus,
    Transfer,
    TransferKind,
    TransferStatus,
)
from regime.models import Status
from states.partial_dates import Precision
from tests.factories import (
    FlightTestFactory,
    ParticipationFactory,
    ProgramFactory,
    StateFactory,
    SystemFactory,
    TransferFactory,
)

pytestmark = pytest.mark.django_db


def transfers(**params):
    filterset = TransferFilter(params, queryset=Transfer.objects.all())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs)


def systems(**params):
    filterset = MissileSystemFilter(params, queryset=MissileSystem.objects.all())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs)


def flight_tests(**params):
    filterset = FlightTestFilter(params, queryset=FlightTest.objects.all())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs)


@pytest.fixture
def prk():
    return StateFactory(code="PRK", name="North Korea")


@pytest.fixture
def irn():
    return StateFactory(code="IRN", name="Iran")


@pytest.fixture
def syr():
    return StateFactory(code="SYR", name="Syria")


# ---------------------------------------------------------------- transfer register


def test_transfer_filter_supplier_keeps_only_that_supplier(prk, irn, syr):
    from_prk = TransferFactory(supplier=prk, recipient=irn)
    TransferFactory(supplier=syr, recipient=irn)
    assert transfers(supplier=["PRK"]) == {from_prk}


def test_transfer_filter_recipient_takes_one_or_several_codes(prk, irn, syr):
    to_irn = TransferFactory(supplier=prk, recipient=irn)
    to_syr = TransferFactory(supplier=prk, recipient=syr)
    TransferFactory(supplier=irn, recipient=prk)
    assert transfers(recipient=["IRN"]) == {to_irn}
    assert transfers(recipient=["IRN", "SYR"]) == {to_irn, to_syr}


def test_transfer_filter_unknown_state_code_is_a_form_error(prk):
    filterset = TransferFilter({"recipient": ["ZZZ"]}, queryset=Transfer.objects.all())
    assert not filterset.is_valid()
    assert "recipient" in filterset.errors


def test_transfer_filter_system_kind_status_and_confidence():
    scud = SystemFactory(name="Scud-B")
    match = TransferFactory(
        system=scud, kind=TransferKind.ENGINES, status=TransferStatus.ORDERED, confidence=Confidence.SUSPECTED
    )
    TransferFactory(kind=TransferKind.ENGINES, status=TransferStatus.ORDERED, confidence=Confidence.SUSPECTED)
    TransferFactory(system=scud, kind=TransferKind.LAUNCHERS)
    TransferFactory(system=scud, kind=TransferKind.ENGINES, confidence=Confidence.CONFIRMED)
    assert match in transfers(system=str(scud.pk))
    assert transfers(system=str(scud.pk), kind="engines", status="ordered", confidence=["suspected"]) == {match}
    assert len(transfers(confidence=["suspected", "confirmed"])) == 4


@pytest.mark.parametrize(
    ("year_from", "year_to", "expected"),
    [
        ("1990", "1995", {"1985-1990", "1992", "1995-2000", "by 1991"}),
        ("1991", "", {"1992", "1995-2000", "by 1991"}),
        ("", "1989", {"1985-1990", "by 1991"}),
        ("1996", "1999", {"1995-2000"}),
        ("2001", "", set()),
    ],
)
def test_transfer_filter_years_overlap_the_range_asked(year_from, year_to, expected):
    TransferFactory(year_from=1985, year_to=1990, description="1985-1990")
    TransferFactory(year_from=1992, description="1992")
    TransferFactory(year_from=1995, year_to=2000, description="1995-2000")
    TransferFactory(year_from=None, year_to=1991, description="by 1991")
    TransferFactory(year_from=None, year_to=None, description="date unknown")
    found = transfers(year_from=year_from, year_to=year_to)
    assert {transfer.description for transfer in found} == expected


def test_transfer_filter_year_from_after_year_to_is_a_form_error():
    filterset = TransferFilter({"year_from": "2000", "year_to": "1990"}, queryset=Transfer.objects.all())
    assert not filterset.is_valid()
    assert "must not be after" in str(filterset.errors["year_to"])


@pytest.mark.parametrize("value", ["abc", "19.5", "1e3", "-1990", "99999999999999999999", "1800", "\x00"])
def test_transfer_filter_odd_years_are_form_errors(value):
    filterset = TransferFilter({"year_from": value}, queryset=Transfer.objects.all())
    assert not filterset.is_valid()
    assert "year_from" in filterset.errors


@pytest.fixture
def supplier_joined_mtcr_mid_1995(mtcr, prk, irn):
    """North Korea made an MTCR partner on 1 June 1995 (fiction, for the rule), and three transfers."""
    ParticipationFactory(state=prk, regime=mtcr, status=Status.PARTNER, start=datetime.date(1995, 6, 1))
    return {
        year: TransferFactory(supplier=prk, recipient=irn, year_from=year, description=str(year))
        for year in (1994, 1995, 1996)
    }


def test_transfer_filter_supplier_mtcr_standing_at_the_time(supplier_joined_mtcr_mid_1995):
    by_year = supplier_joined_mtcr_mid_1995
    assert transfers(supplier_mtcr=["none"]) == {by_year[1994]}
    assert transfers(supplier_mtcr=["uncertain"]) == {by_year[1995]}
    assert transfers(supplier_mtcr=["partner"]) == {by_year[1996]}
    assert transfers(supplier_mtcr=["partner", "uncertain"]) == {by_year[1995], by_year[1996]}


def test_transfer_filter_standing_joined_on_new_year_is_certain(mtcr, prk, irn):
    ParticipationFactory(state=prk, regime=mtcr, start=datetime.date(1995, 1, 1), start_precision=Precision.DAY)
    transfer = TransferFactory(supplier=prk, recipient=irn, year_from=1995)
    assert transfers(supplier_mtcr=["partner"]) == {transfer}


def test_transfer_filter_standing_joined_during_a_year_known_only_to_the_year_is_uncertain(mtcr, prk, irn):
    ParticipationFactory(state=prk, regime=mtcr, start=datetime.date(1995, 1, 1), start_precision=Precision.YEAR)
    transfer = TransferFactory(supplier=prk, recipient=irn, year_from=1995)
    assert transfers(supplier_mtcr=["uncertain"]) == {transfer}
    assert transfers(supplier_mtcr=["partner"]) == set()


def test_transfer_filter_recipient_hcoc_standing_at_the_time(hcoc, prk, irn):
    ParticipationFactory(
        state=irn,
        regime=hcoc,
        status=Status.SUBSCRIBING_STATE,
        start=datetime.date(2002, 11, 25),
    )
    before = TransferFactory(supplier=prk, recipient=irn, year_from=2001, description="before")
    during = TransferFactory(supplier=prk, recipient=irn, year_from=2002, description="during")
    after = TransferFactory(supplier=prk, recipient=irn, year_from=2003, description="after")
    assert transfers(recipient_hcoc=["none"]) == {before}
    assert transfers(recipient_hcoc=["uncertain"]) == {during}
    assert transfers(recipient_hcoc=["subscribing_state"]) == {after}


def test_transfer_filter_standing_of_a_transfer_without_a_first_year_is_uncertain(mtcr, prk, irn):
    ParticipationFactory(state=prk, regime=mtcr, start=datetime.date(1980, 1, 1))
    undated = TransferFactory(supplier=prk, recipient=irn, year_from=None, year_to=1988)
    assert transfers(supplier_mtcr=["uncertain"]) == {undated}


@pytest.mark.parametrize(
    ("start", "precision", "expected"),
    [
        (datetime.date(1987, 4, 16), "day", "none"),  # joined after "by 1986": outside throughout
        (datetime.date(1986, 12, 31), "day", "uncertain"),  # joined in the last days the transfer may have taken
        (datetime.date(1986, 1, 1), "year", "uncertain"),  # joined some time in 1986
        (None, "", "uncertain"),  # start unknown: may have been earlier
    ],
)
def test_transfer_filter_standing_of_a_transfer_known_only_by_a_year_before_the_party_joined_is_none(
    mtcr, prk, irn, start, precision, expected
):
    ParticipationFactory(
        state=prk,
        regime=mtcr,
        status=Status.PARTNER,
        start=start,
        start_precision=precision,
        known_on=None if start else datetime.date(1990, 1, 1),
        known_on_precision="" if start else "day",
    )
    undated = TransferFactory(supplier=prk, recipient=irn, year_from=None, year_to=1986)
    assert transfers(supplier_mtcr=[expected]) == {undated}
    # The recipient never joined: outside throughout, not uncertain.
    assert transfers(recipient_mtcr=["none"]) == {undated}


def test_transfer_filter_standing_filters_combine_with_the_annotated_register_queryset(supplier_joined_mtcr_mid_1995):
    filterset = TransferFilter({"supplier_mtcr": ["uncertain"]}, queryset=Transfer.objects.with_standings())
    assert filterset.is_valid()
    assert [transfer.supplier_mtcr for transfer in filterset.qs] == ["uncertain"]


def test_transfer_filter_unknown_standing_is_a_form_error():
    filterset = TransferFilter({"supplier_mtcr": ["member"]}, queryset=Transfer.objects.all())
    assert not filterset.is_valid()


def test_transfer_filter_ordering_puts_unknown_quantities_last_both_ways():
    small = TransferFactory(quantity=5)
    large = TransferFactory(quantity=500)
    unknown = TransferFactory(quantity=None)
    for ordering, expected in (("quantity", [small, large, unknown]), ("-quantity", [large, small, unknown])):
        filterset = TransferFilter({"ordering": ordering}, queryset=Transfer.objects.all())
        assert list(filterset.qs) == expected


def test_transfer_filter_ordering_breaks_ties_by_primary_key():
    ties = [TransferFactory(quantity=7) for _ in range(3)]
    filterset = TransferFilter({"ordering": "-quantity"}, queryset=Transfer.objects.all())
    assert list(filterset.qs) == ties


def test_transfer_filter_ordering_by_standing_at_the_time(supplier_joined_mtcr_mid_1995):
    filterset = TransferFilter({"ordering": "supplier_mtcr"}, queryset=Transfer.objects.with_standings())
    assert [transfer.supplier_mtcr for transfer in filterset.qs] == ["none", "partner", "uncertain"]


def test_transfer_filter_unknown_ordering_is_a_form_error():
    assert not TransferFilter({"ordering": "password"}, queryset=Transfer.objects.all()).is_valid()


# ---------------------------------------------------------------- catalogue


def test_system_filter_developer_state_kind_propellant_and_status(prk, irn):
    match = SystemFactory(
        state=prk, kind=SystemKind.BALLISTIC, propellant=Propellant.LIQUID, status=SystemStatus.DEPLOYED
    )
    SystemFactory(state=irn, kind=SystemKind.BALLISTIC, propellant=Propellant.LIQUID, status=SystemStatus.DEPLOYED)
    SystemFactory(state=prk, kind=SystemKind.CRUISE, propellant=Propellant.LIQUID, status=SystemStatus.DEPLOYED)
    SystemFactory(state=prk, kind=SystemKind.BALLISTIC, propellant=Propellant.SOLID, status=SystemStatus.DEPLOYED)
    SystemFactory(state=prk, kind=SystemKind.BALLISTIC, propellant=Propellant.LIQUID, status=SystemStatus.RETIRED)
    assert systems(state="PRK", kind="ballistic", propellant="liquid", status="deployed") == {match}


@pytest.mark.parametrize(
    ("range_class", "expected"),
    [("crbm", {"A"}), ("srbm", {"B", "C"}), ("mrbm", {"D"}), ("irbm", set()), ("icbm", {"E"})],
)
def test_system_filter_range_class_uses_the_class_bounds(range_class, expected):
    for name, range_km in (("A", 299), ("B", 300), ("C", 999), ("D", 1000), ("E", 5500), ("F", None)):
        SystemFactory(name=name, range_km=range_km)
    assert {system.name for system in systems(range_class=range_class)} == expected


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("category_i", {"heavy"}),
        ("category_ii", {"light"}),
        ("unknown", {"no payload"}),
        ("below_threshold", {"short"}),
    ],
)
def test_system_filter_mtcr_category(category, expected):
    SystemFactory(name="heavy", range_km=300, payload_kg=500)
    SystemFactory(name="light", range_km=300, payload_kg=499)
    SystemFactory(name="no payload", range_km=1300, payload_kg=None)
    SystemFactory(name="short", range_km=299, payload_kg=1000)
    SystemFactory(name="no range", range_km=None, payload_kg=1000)
    assert {system.name for system in systems(mtcr_category=category)} == expected


def test_system_filter_range_and_payload_bounds_are_inclusive():
    SystemFactory(name="A", range_km=500, payload_kg=700)
    SystemFactory(name="B", range_km=1000, payload_kg=1000)
    SystemFactory(name="C", range_km=1500, payload_kg=None)
    assert {s.name for s in systems(range_min="500", range_max="1000")} == {"A", "B"}
    assert {s.name for s in systems(payload_min="1000")} == {"B"}
    assert {s.name for s in systems(payload_max="700")} == {"A"}


@pytest.mark.parametrize(("low", "high"), [("range_min", "range_max"), ("payload_min", "payload_max")])
def test_system_filter_minimum_above_maximum_is_a_form_error(low, high):
    filterset = MissileSystemFilter({low: "2000", high: "1000"}, queryset=MissileSystem.objects.all())
    assert not filterset.is_valid()
    assert high in filterset.errors


def test_system_filter_text_searches_name_and_aliases():
    nodong = SystemFactory(name="Nodong", aliases="Rodong;Hwasong-7")
    SystemFactory(name="Shahab-3", aliases="")
    assert systems(q="hwasong") == {nodong}
    assert systems(q="NODONG") == {nodong}


def test_system_filter_sorts_by_range_with_unknown_last():
    short = SystemFactory(name="short", range_km=100)
    long = SystemFactory(name="long", range_km=9000)
    unknown = SystemFactory(name="unknown", range_km=None)
    filterset = MissileSystemFilter({"ordering": "-range"}, queryset=MissileSystem.objects.all())
    assert list(filterset.qs) == [long, short, unknown]


# ---------------------------------------------------------------- programs and flight tests


def test_program_filter_state_and_outcome(prk, irn):
    korean = ProgramFactory(name="Korean", outcome="active")
    korean.states.add(prk)
    iranian = ProgramFactory(name="Iranian", outcome="abandoned")
    iranian.states.add(irn)
    filterset = MissileProgramFilter({"state": "PRK"}, queryset=korean.__class__.objects.all())
    assert set(filterset.qs) == {korean}
    filterset = MissileProgramFilter({"outcome": "abandoned"}, queryset=korean.__class__.objects.all())
    assert set(filterset.qs) == {iranian}


def test_flight_test_filter_state_system_years_outcome_and_notified(prk, irn):
    nodong = SystemFactory(name="Nodong", state=prk)
    match = FlightTestFactory(system=nodong, date=datetime.date(1993, 5, 29), outcome="success", notified=Notified.NO)
    FlightTestFactory(system=nodong, date=datetime.date(1998, 1, 1), date_precision=Precision.YEAR)
    FlightTestFactory(system=SystemFactory(state=irn), date=datetime.date(1993, 7, 1))
    assert flight_tests(state="PRK", year_from="1990", year_to="1995") == {match}
    assert flight_tests(system=str(nodong.pk), outcome="success", notified="no") == {match}
    assert len(flight_tests(year_from="1998", year_to="1998")) == 1


def test_flight_test_filter_year_from_after_year_to_is_a_form_error():
    filterset = FlightTestFilter({"year_from": "2000", "year_to": "1999"}, queryset=FlightTest.objects.all())
    assert not filterset.is_valid()
