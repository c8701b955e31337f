"""Membership as of a date: the as-of rule of DESIGN.md, at its boundaries."""

import datetime

import pytest
from django.db.models import OuterRef

from regime.models import Participation, Standing, Status
from states.models import State
from states.partial_dates import PartialDate
from tests.factories import ParticipationFactory, StateFactory

D = datetime.date


def _participation(mtcr, start, end=None, status=Status.PARTNER, code="XAA"):
    participation = ParticipationFactory.build(state=StateFactory(code=code), regime=mtcr, status=status)
    participation.start_partial = PartialDate.parse(start)
    participation.end_partial = PartialDate.parse(end) if end else None
    participation.save()
    return participation


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("at", "active"),
    [
        (D(1995, 5, 31), False),  # the day before joining
        (D(1995, 6, 1), True),  # the day of joining
        (D(2001, 3, 14), True),  # the day before leaving
        (D(2001, 3, 15), False),  # the day of leaving: the end is excluded
        (D(2010, 1, 1), False),  # after leaving
    ],
)
def test_active_on_counts_join_day_and_excludes_leave_day(mtcr, at, active):
    _participation(mtcr, "1995-06-01", "2001-03-15")
    assert Participation.objects.active_on(at).exists() is active


@pytest.mark.django_db
def test_active_on_open_end_means_still_in(mtcr):
    _participation(mtcr, "1987-04-16")
    assert Participation.objects.active_on(D(2026, 1, 1)).exists()
    assert Participation.objects.active_on().exists()  # today by default


@pytest.mark.django_db
def test_year_precision_start_counts_from_first_day_and_is_uncertain_inside_the_year(mtcr):
    _participation(mtcr, "1993")
    assert not Participation.objects.active_on(D(1992, 12, 31)).exists()
    assert Participation.objects.active_on(D(1993, 1, 1)).exists()
    assert Participation.objects.uncertain_on(D(1993, 6, 1)).exists()
    assert not Participation.objects.uncertain_on(D(1994, 1, 1)).exists()
    assert not Participation.objects.uncertain_on(D(1992, 12, 31)).exists()


@pytest.mark.django_db
def test_month_precision_end_is_uncertain_only_in_that_month(mtcr):
    _participation(mtcr, "1990-01-01", "1998-03")
    assert Participation.objects.uncertain_on(D(1998, 3, 20)).exists()
    assert not Participation.objects.uncertain_on(D(1998, 4, 1)).exists()
    assert not Participation.objects.active_on(D(1998, 3, 20)).exists()


@pytest.mark.django_db
def test_day_precision_is_never_uncertain(mtcr):
    _participation(mtcr, "1995-06-01")
    assert not Participation.objects.uncertain_on(D(1995, 6, 1)).exists()


def _standing(year, code="XAA"):
    return (
        State.objects.filter(code=code)
        .annotate(standing=Participation.objects.filter(regime="MTCR").standing_at_year_start(OuterRef("code"), year))
        .get()
        .standing
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end", "year", "standing"),
    [
        ("1995-06-01", None, 1995, Standing.UNCERTAIN),  # joined during the year
        ("1995-06-01", None, 1996, Standing.PARTNER),
        ("1995-06-01", None, 1994, Standing.NONE),
        ("1995-01-01", None, 1995, Standing.PARTNER),  # joined on 1 January itself, known to the day
        ("1995", None, 1995, Standing.UNCERTAIN),  # a year-precision start leaves the year open
        ("1995-01", None, 1995, Standing.UNCERTAIN),
        ("1990-01-01", "2000-12-31", 2000, Standing.UNCERTAIN),  # left during the year
        ("1990-01-01", "2000-01-01", 2000, Standing.NONE),  # left on 1 January: out that day
        ("1990-01-01", "2000-01-01", 1999, Standing.PARTNER),
        ("1990-01-01", "2000", 2001, Standing.NONE),
    ],
)
def test_standing_at_year_start_follows_the_as_of_rule(mtcr, start, end, year, standing):
    _participation(mtcr, start, end)
    assert _standing(year) == standing


@pytest.mark.django_db
def test_standing_prefers_partner_over_adherent_and_ignores_named_outsiders(mtcr):
    _participation(mtcr, "1992-02-01", status=Status.UNILATERAL_ADHERENT)
    _participation(mtcr, "2004-06-01", status=Status.APPLICANT)
    assert _standing(2000) == Standing.UNILATERAL_ADHERENT
    _participation(mtcr, "2003", status=Status.NON_PARTICIPANT, code="XAB")
    assert _standing(2005, code="XAB") == Standing.NONE


@pytest.mark.django_db
@pytest.mark.parametrize("year", [1992, 1993, 1994, 2001, 2002])
def test_standing_at_year_start_agrees_with_active_on_first_january(mtcr, year):
    """Where no boundary falls in the year, the SQL year rule equals active_on(1 January)."""
    _participation(mtcr, "1993-01-01", "2002-01-01")
    active = Participation.objects.active_on(D(year, 1, 1)).exists()
    assert _standing(year) == (Standing.PARTNER if active else Standing.NONE)


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "end"), [("1995-06-01", "2001-03-15"), ("1993", None), ("1990-01-01", "1998-03")])
@pytest.mark.parametrize(
    "at", [D(1992, 12, 31), D(1993, 1, 1), D(1993, 6, 1), D(1995, 6, 1), D(1998, 3, 5), D(2001, 3, 15), D(2020, 1, 1)]
)
def test_in_memory_as_of_rule_agrees_with_the_queryset(mtcr, start, end, at):
    participation = _participation(mtcr, start, end)
    assert participation.is_active_on(at) == Participation.objects.active_on(at).exists()
    assert participation.is_uncertain_on(at) == Participation.objects.uncertain_on(at).exists()


def _known_only(mtcr, known_on, end=None, code="XKN"):
    participation = ParticipationFactory.build(
        state=StateFactory(code=code), regime=mtcr, start=None, start_precision=""
    )
    participation.known_on_partial = PartialDate.parse(known_on)
    participation.end_partial = PartialDate.parse(end) if end else None
    participation.save()
    return participation


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("at", "active", "uncertain"),
    [
        (D(2003, 3, 30), False, True),  # before the source shows it: unknown, never "no"
        (D(2003, 3, 31), True, False),  # the day the source shows it held
        (D(2010, 1, 1), True, False),
    ],
)
def test_unknown_start_counts_from_the_day_a_source_shows_it(mtcr, at, active, uncertain):
    participation = _known_only(mtcr, "2003-03-31")
    assert Participation.objects.active_on(at).exists() is active
    assert Participation.objects.uncertain_on(at).exists() is uncertain
    assert participation.is_active_on(at) is active
    assert participation.is_uncertain_on(at) is uncertain


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("year", "standing"), [(2003, Standing.UNCERTAIN), (2004, Standing.UNCERTAIN), (2005, Standing.PARTNER)]
)
def test_standing_with_unknown_start_is_uncertain_until_a_source_shows_it(mtcr, year, standing):
    _known_only(mtcr, "2004")
    assert _standing(year, code="XKN") == standing


@pytest.mark.django_db
def test_participation_needs_a_start_or_a_known_on_date(mtcr):
    from django.core.exceptions import ValidationError

    participation = ParticipationFactory.build(state=StateFactory(), regime=mtcr, start=None, start_precision="")
    with pytest.raises(ValidationError, match="Give the start date, or the date by which a source shows"):
        participation.full_clean()


@pytest.mark.django_db
def test_end_may_share_a_partial_period_with_known_on_but_not_precede_it(mtcr):
    from django.core.exceptions import ValidationError

    same_year = _known_only(mtcr, "1993-03-11", end="1993", code="XAR")
    same_year.full_clean()  # applied by March 1993, became a partner during 1993
    same_year.end_partial = PartialDate.parse("1992")
    with pytest.raises(ValidationError, match="cannot end before the date a source shows it held"):
        same_year.full_clean()
