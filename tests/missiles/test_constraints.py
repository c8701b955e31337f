import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from missiles.models import MissileSystem, Transfer
from tests.factories import StateFactory, SystemFactory, TransferFactory


def _refused(record, message):
    with pytest.raises(ValidationError, match=message):
        record.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        record.save()


@pytest.mark.django_db
def test_transfer_from_a_state_to_itself_is_refused():
    state = StateFactory()
    _refused(TransferFactory.build(supplier=state, recipient=state, system=SystemFactory()), "must be different")


@pytest.mark.django_db
def test_transfer_years_out_of_order_are_refused():
    transfer = TransferFactory.build(
        supplier=StateFactory(), recipient=StateFactory(), system=SystemFactory(), year_from=1995, year_to=1994
    )
    _refused(transfer, "last year cannot be before the first")


@pytest.mark.django_db
def test_transfer_must_name_a_system_or_describe_what():
    transfer = TransferFactory.build(supplier=StateFactory(), recipient=StateFactory(), system=None, description="")
    _refused(transfer, "Name the system or describe")


@pytest.mark.django_db
def test_transfer_annex_item_outside_the_annex_is_refused():
    transfer = TransferFactory.build(
        supplier=StateFactory(), recipient=StateFactory(), system=SystemFactory(), annex_item=21
    )
    _refused(transfer, "20")


@pytest.mark.django_db
def test_duplicate_transfer_is_refused():
    first = TransferFactory()
    duplicate = Transfer(
        supplier=first.supplier,
        recipient=first.recipient,
        system=first.system,
        kind=first.kind,
        year_from=first.year_from,
        confidence=first.confidence,
    )
    _refused(duplicate, "already recorded")


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["range_km", "payload_kg"])
def test_negative_range_or_payload_is_refused(field):
    system = SystemFactory.build(state=StateFactory(), **{field: -1})
    _refused(system, "greater than or equal to 0|cannot be negative")


@pytest.mark.django_db
def test_system_derived_from_itself_is_refused():
    system = SystemFactory()
    system.derived_from = system
    _refused(system, "loops back")


@pytest.mark.django_db
def test_lineage_loop_is_refused_in_words():
    scud = SystemFactory(name="Scud-B")
    hwasong = SystemFactory(name="Hwasong-5", derived_from=scud)
    scud.derived_from = hwasong
    with pytest.raises(ValidationError, match="loops back"):
        scud.full_clean()
    assert MissileSystem.objects.get(pk=scud.pk).derived_from is None


@pytest.mark.django_db
def test_quantity_estimate_shows_as_approximate():
    assert TransferFactory(quantity=400, quantity_estimated=True).quantity_display == "~400"
    assert TransferFactory(quantity=1200, quantity_estimated=False).quantity_display == "1,200"
    assert TransferFactory(quantity=None).quantity_display == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("year_from", "year_to", "shown"),
    [
        (1987, 1992, "1987–1992"),
        (1987, None, "1987"),
        (1987, 1987, "1987"),
        (None, 1988, "by 1988"),
        (None, None, "date unknown"),
    ],
)
def test_transfer_years_read_as_the_source_gives_them(year_from, year_to, shown):
    assert TransferFactory(year_from=year_from, year_to=year_to).years == shown


@pytest.mark.django_db
def test_transfer_without_a_first_year_has_an_uncertain_standing_if_the_party_may_have_joined_before(mtcr):
    import datetime

    from regime.models import Standing
    from tests.factories import ParticipationFactory

    transfer = TransferFactory(year_from=None, year_to=1988)
    ParticipationFactory(state=transfer.supplier, regime=mtcr, start=datetime.date(1987, 4, 16))
    annotated = Transfer.objects.with_standings().get(pk=transfer.pk)
    assert annotated.supplier_mtcr == Standing.UNCERTAIN  # "by 1988": before or after it joined
    assert annotated.recipient_mtcr == Standing.NONE  # never joined
