import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from regime.models import Participation, Status
from tests.factories import ParticipationFactory, StateFactory


@pytest.mark.django_db
def test_participation_end_before_start_is_refused(mtcr):
    participation = ParticipationFactory.build(
        state=StateFactory(), regime=mtcr, end=datetime.date(1990, 1, 1), end_precision="day"
    )
    with pytest.raises(ValidationError, match="must end after it starts"):
        participation.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        participation.save()


@pytest.mark.django_db
def test_two_open_participations_with_one_status_are_refused(mtcr):
    state = StateFactory()
    ParticipationFactory(state=state, regime=mtcr)
    second = ParticipationFactory.build(state=state, regime=mtcr, start=datetime.date(2000, 1, 1))
    with pytest.raises(ValidationError, match="overlaps|already has an open participation"):
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


@pytest.mark.django_db
def test_overlapping_closed_periods_are_refused_with_a_clear_message(mtcr):
    state = StateFactory()
    ParticipationFactory(
        state=state, regime=mtcr, start=datetime.date(1990, 1, 1), end=datetime.date(1995, 1, 1), end_precision="day"
    )
    overlapping = ParticipationFactory.build(
        state=state, regime=mtcr, start=datetime.date(1994, 1, 1), end=datetime.date(1996, 1, 1), end_precision="day"
    )
    with pytest.raises(ValidationError, match="overlaps another partner period"):
        overlapping.full_clean()
    following = ParticipationFactory.build(state=state, regime=mtcr, start=datetime.date(1995, 1, 1))
    following.full_clean()  # the day the first ends, the next may begin


@pytest.mark.django_db
def test_adherent_and_applicant_may_run_together(mtcr):
    state = StateFactory()
    ParticipationFactory(state=state, regime=mtcr, status=Status.UNILATERAL_ADHERENT)
    ParticipationFactory(state=state, regime=mtcr, status=Status.APPLICANT).full_clean()
    assert Participation.objects.count() == 2


@pytest.mark.django_db
def test_date_without_precision_is_refused(mtcr):
    participation = ParticipationFactory.build(state=StateFactory(), regime=mtcr, start_precision="")
    with pytest.raises(IntegrityError), transaction.atomic():
        participation.save()
