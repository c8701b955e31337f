"""Invariants of the shipped reference dataset (fixtures/reference): facts the data must keep."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import F, Min

from dataset.report import dataset_report
from missiles.models import FlightTest, MissileSystem, Transfer
from regime.models import Participation, RegimeTotal, Status
from states.models import State

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_dataset")]

FOUNDERS = {"CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA"}


def _partners(at):
    return set(
        Participation.objects.filter(regime="MTCR", status=Status.PARTNER).active_on(at).values_list("state", flat=True)
    )


def test_every_shipped_record_cites_a_source():
    report = dataset_report()
    assert report.uncited_total == 0, report.uncited


def test_dataset_report_command_prints_counts_and_passes(capsys):
    call_command("dataset_report")
    out = capsys.readouterr().out
    assert "Records without a citation: 0" in out
    assert "transfers.csv" in out and "Sources cited most" in out


def test_mtcr_has_35_partners_today():
    assert len(_partners(datetime.date(2026, 11, 27))) == 35


def test_mtcr_founded_by_the_seven_on_16_april_1987():
    assert _partners(datetime.date(1987, 4, 16)) == FOUNDERS
    assert _partners(datetime.date(1987, 4, 15)) == set()


def test_china_adheres_to_the_mtcr_but_is_no_partner_and_north_korea_is_neither():
    today = datetime.date(2026, 11, 27)
    china = set(
        Participation.objects.filter(regime="MTCR", state="CHN").active_on(today).values_list("status", flat=True)
    )
    assert Status.UNILATERAL_ADHERENT in china and Status.PARTNER not in china
    korea = Participation.objects.filter(regime="MTCR", state="PRK").active_on(today)
    assert not korea.exclude(status=Status.NON_PARTICIPANT).exists()


def test_recorded_hcoc_subscribers_never_exceed_the_reported_total():
    totals = RegimeTotal.objects.filter(regime="HCOC").values("date").annotate(smallest=Min("total"))
    assert totals
    for total in totals:
        recorded = Participation.objects.filter(regime="HCOC").members().active_on(total["date"]).count()
        assert recorded <= total["smallest"], total


def test_hcoc_launched_with_93_subscribers_per_the_seed():
    launch = RegimeTotal.objects.filter(regime="HCOC", date__year=2002, total=93)
    assert launch.filter(citations__source__key="mistry2003").exists()


def test_no_transfer_from_a_state_to_itself_and_every_code_resolves():
    assert not Transfer.objects.filter(supplier=F("recipient")).exists()
    assert State.objects.filter(code="SUN", successor="RUS").exists()


def test_every_system_with_a_range_has_a_range_class():
    for system in MissileSystem.objects.filter(range_km__isnull=False):
        assert system.range_class is not None, system


def test_dataset_is_as_large_as_promised():
    assert MissileSystem.objects.count() >= 70
    assert MissileSystem.objects.values("state").distinct().count() >= 20
    assert Transfer.objects.count() >= 80
    assert FlightTest.objects.count() >= 40


def test_seed_transfers_keep_the_estimate_and_the_possibly():
    estimated = Transfer.objects.filter(supplier="PRK", recipient="IRN", quantity_estimated=True)
    assert estimated.exists()
    libya = Transfer.objects.filter(supplier="PRK", recipient="LBY", citations__source__key="mistry2003")
    assert libya.exists() and all(transfer.confidence == "suspected" for transfer in libya)
