import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from states.models import State
from tests.factories import StateFactory


@pytest.mark.django_db
def test_state_cannot_end_before_it_begins():
    state = State(
        code="XQQ",
        name="Ephemeral",
        existed_from=datetime.date(1990, 1, 1),
        existed_from_precision="day",
        existed_to=datetime.date(1980, 1, 1),
        existed_to_precision="year",
    )
    with pytest.raises(ValidationError, match="cease to exist after"):
        state.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        state.save()


@pytest.mark.django_db
def test_state_cannot_succeed_itself():
    state = StateFactory()
    state.successor = state
    with pytest.raises(ValidationError, match="own successor"):
        state.full_clean()


@pytest.mark.django_db
def test_state_code_must_be_three_capitals():
    with pytest.raises(ValidationError, match="three-letter"):
        State(code="su", name="Lower case").full_clean()


@pytest.mark.django_db
def test_existing_on_respects_dissolution():
    soviet = StateFactory(
        code="SUN",
        existed_from=datetime.date(1922, 12, 30),
        existed_from_precision="day",
        existed_to=datetime.date(1991, 12, 26),
        existed_to_precision="day",
    )
    assert State.objects.existing_on(datetime.date(1991, 12, 25)).filter(pk=soviet.pk).exists()
    assert not State.objects.existing_on(datetime.date(1991, 12, 26)).filter(pk=soviet.pk).exists()
