import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dataset.exchange import export_dataset
from missiles.models import Transfer
from states.models import State
from tests.factories import StateFactory


@pytest.mark.django_db
def test_generate_synthetic_is_deterministic(tmp_path):
    call_command("generate_synthetic", transfers=200, states=10, systems=20, flight_tests=30, seed=5)
    export_dataset(tmp_path / "a")
    assert Transfer.objects.count() == 200
    assert all(code.startswith("X") for code in State.objects.values_list("code", flat=True))
    call_command("generate_synthetic", transfers=200, states=10, systems=20, flight_tests=30, seed=5, force=True)
    assert Transfer.objects.count() == 400  # forced into a non-empty database


@pytest.mark.django_db
def test_generate_synthetic_refuses_a_database_with_data():
    StateFactory(code="PRK", name="North Korea")
    with pytest.raises(CommandError, match="already holds data"):
        call_command("generate_synthetic", transfers=10)
    assert Transfer.objects.count() == 0


@pytest.mark.django_db
def test_generate_synthetic_refuses_absurd_sizes():
    with pytest.raises(CommandError, match="between 0 and 1,000,000"):
        call_command("generate_synthetic", transfers=2_000_000)
