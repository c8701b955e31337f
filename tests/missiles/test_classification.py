"""Range class and MTCR category: computed, never typed in; SQL and Python agree."""

import pytest

from missiles.models import MissileSystem, MtcrCategory, RangeClass
from tests.factories import SystemFactory


@pytest.mark.parametrize(
    ("range_km", "range_class"),
    [
        (0, RangeClass.CRBM),
        (299, RangeClass.CRBM),
        (300, RangeClass.SRBM),
        (999, RangeClass.SRBM),
        (1000, RangeClass.MRBM),
        (2999, RangeClass.MRBM),
        (3000, RangeClass.IRBM),
        (5499, RangeClass.IRBM),
        (5500, RangeClass.ICBM),
        (13000, RangeClass.ICBM),
        (None, None),
    ],
)
@pytest.mark.django_db
def test_range_class_boundaries_agree_in_python_and_sql(range_km, range_class):
    system = SystemFactory(range_km=range_km)
    assert system.range_class == range_class
    annotated = MissileSystem.objects.with_classification().get(pk=system.pk)
    assert annotated.range_class_code == (range_class.value if range_class else "")
    for candidate in RangeClass:
        assert MissileSystem.objects.in_range_class(candidate).filter(pk=system.pk).exists() == (
            candidate == range_class
        )


@pytest.mark.parametrize(
    ("range_km", "payload_kg", "category"),
    [
        (300, 500, MtcrCategory.CATEGORY_I),
        (300, 499, MtcrCategory.CATEGORY_II),
        (299, 500, MtcrCategory.BELOW_THRESHOLD),
        (299, None, MtcrCategory.BELOW_THRESHOLD),
        (300, None, MtcrCategory.UNKNOWN),  # unknown payload: I or II, never guessed
        (1300, 1000, MtcrCategory.CATEGORY_I),
        (None, 1000, None),
    ],
)
@pytest.mark.django_db
def test_mtcr_category_boundaries_agree_in_python_and_sql(range_km, payload_kg, category):
    system = SystemFactory(range_km=range_km, payload_kg=payload_kg)
    assert system.mtcr_category == category
    annotated = MissileSystem.objects.with_classification().get(pk=system.pk)
    assert annotated.mtcr_category_code == (category.value if category else "")
    for candidate in MtcrCategory:
        in_category = MissileSystem.objects.in_mtcr_category(candidate).filter(pk=system.pk).exists()
        assert in_category == (candidate == category)


@pytest.mark.django_db
def test_held_by_counts_developed_and_delivered_complete_missiles_only():
    from missiles.models import TransferKind, TransferStatus
    from tests.factories import StateFactory, TransferFactory

    recipient = StateFactory(code="IRN")
    own = SystemFactory(state=recipient, range_km=300)
    delivered = TransferFactory(recipient=recipient, system=SystemFactory(range_km=1300)).system
    TransferFactory(recipient=recipient, system=SystemFactory(range_km=6000), status=TransferStatus.ORDERED)
    TransferFactory(recipient=recipient, system=SystemFactory(range_km=7000), kind=TransferKind.COMPONENTS)
    assert set(MissileSystem.objects.held_by(recipient)) == {own, delivered}
    assert MissileSystem.objects.held_by(recipient).longest_range_class() == RangeClass.MRBM
    assert MissileSystem.objects.held_by(StateFactory()).longest_range_class() is None
