"""Regimes (MTCR, HCoC, INF...) and the states' participation in them over time.

The as-of rule lives here and only here: a participation counts from the first
day of its start's period (included) to the first day of its end's period
(excluded); an open end means still in. When the date asked falls inside the
period of a partial start or end ("joined during 1993"), the answer is marked
uncertain instead of pretending to know.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, Func, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from sources.models import Cited, CitedQuerySet
from states.partial_dates import Precision, partial_date_constraint, partial_date_property, precision_field


class RegimeKind(models.TextChoices):
    EXPORT_CONTROL_REGIME = "export_control_regime", "export-control regime"
    CODE_OF_CONDUCT = "code_of_conduct", "code of conduct"
    TREATY = "treaty", "treaty"


class RegimeQuerySet(CitedQuerySet):
    def with_member_count(self, at=None):
        """Annotate ``member_count``: the members (partners, subscribing states, parties) in
        force on ``at`` (default today) by ``active_on``, and ``uncertain_count``: those
        participations of any status that ``uncertain_on`` leaves open that day."""
        in_regime = Participation.objects.filter(regime=OuterRef("pk"))

        def count(participations):
            counted = participations.order_by().annotate(rows=Func(F("pk"), function="COUNT")).values("rows")
            return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

        return self.annotate(
            member_count=count(in_regime.members().active_on(at)),
            uncertain_count=count(in_regime.exclude(status=Status.NON_PARTICIPANT).uncertain_on(at)),
        )


class Regime(Cited):
    code = models.CharField(
        max_length=12, primary_key=True, help_text="Short upper-case code used in CSV files and URLs, e.g. MTCR, HCOC."
    )
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=24, choices=RegimeKind.choices)
    established = models.DateField(null=True, blank=True, help_text="Founding, launch or signature date.")
    established_precision = precision_field("established precision")
    legally_binding = models.BooleanField(
        default=False, help_text="True for treaties; political commitments such as the MTCR and HCoC are not."
    )

    established_partial = partial_date_property("established")

    objects = RegimeQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [partial_date_constraint("established", "regime")]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("regime:detail", args=[self.code])


class Status(models.TextChoices):
    PARTNER = "partner", "partner"
    SUBSCRIBING_STATE = "subscribing_state", "subscribing state"
    PARTY = "party", "party"
    SIGNATORY = "signatory", "signatory"
    UNILATERAL_ADHERENT = "unilateral_adherent", "unilateral adherent"
    APPLICANT = "applicant", "applicant"
    NON_PARTICIPANT = "non_participant", "named as outside"


# The statuses that make a state one of a regime's members (MTCR partners, HCoC
# subscribing states, treaty parties), as counted in the regimes' own totals.
MEMBER_STATUSES = (Status.PARTNER, Status.SUBSCRIBING_STATE, Status.PARTY)

# When a state holds several statuses at once (China: adherent and applicant),
# its standing is the first of these it holds. A non-participant has none.
STANDING_ORDER = (
    Status.PARTNER,
    Status.SUBSCRIBING_STATE,
    Status.PARTY,
    Status.SIGNATORY,
    Status.UNILATERAL_ADHERENT,
    Status.APPLICANT,
)


class Standing(models.TextChoices):
    """A state's standing in a regime at a moment: a status, none, or uncertain."""

    PARTNER = Status.PARTNER.value, Status.PARTNER.label
    SUBSCRIBING_STATE = Status.SUBSCRIBING_STATE.value, Status.SUBSCRIBING_STATE.label
    PARTY = Status.PARTY.value, Status.PARTY.label
    SIGNATORY = Status.SIGNATORY.value, Status.SIGNATORY.label
    UNILATERAL_ADHERENT = Status.UNILATERAL_ADHERENT.value, Status.UNILATERAL_ADHERENT.label
    APPLICANT = Status.APPLICANT.value, Status.APPLICANT.label
    NONE = "none", "not participating"
    UNCERTAIN = "uncertain", "uncertain"


# The standings a state can hold in each regime (filters of the register and the directory).
REGIME_STANDINGS = {
    "MTCR": (Standing.PARTNER, Standing.UNILATERAL_ADHERENT, Standing.APPLICANT, Standing.NONE, Standing.UNCERTAIN),
    "HCOC": (Standing.SUBSCRIBING_STATE, Standing.SIGNATORY, Standing.NONE, Standing.UNCERTAIN),
}


def standing_choices(regime_code):
    return [(standing.value, standing.label) for standing in REGIME_STANDINGS[regime_code]]


def within_period(field, at):
    """The partial date in ``field`` is not a day and its period contains ``at``."""
    return Q(**{f"{field}_precision": Precision.YEAR, f"{field}__year": at.year}) | Q(
        **{f"{field}_precision": Precision.MONTH, f"{field}__year": at.year, f"{field}__month": at.month}
    )


def _on_new_year(field):
    return Q(**{f"{field}__month": 1, f"{field}__day": 1})


def _not_ended_on(at):
    return Q(end__isnull=True) | Q(end__gt=at)


class ParticipationQuerySet(CitedQuerySet):
    def active_on(self, at=None):
        """Participations in force on ``at`` (default today): start included, end excluded.
        With an unknown start, a participation counts from the date a source shows it held."""
        at = at or timezone.localdate()
        started = Q(start__lte=at) | Q(start__isnull=True, known_on__lte=at)
        return self.filter(started & _not_ended_on(at))

    def uncertain_on(self, at=None):
        """Participations that leave their state's standing on ``at`` open: a partial start or
        end whose period contains ``at``, or an unknown start before a source shows it held."""
        at = at or timezone.localdate()
        unknown_start = Q(start__isnull=True) & (Q(known_on__gt=at) | within_period("known_on", at))
        return self.filter(within_period("start", at) | within_period("end", at) | (unknown_start & _not_ended_on(at)))

    def members(self):
        return self.filter(status__in=MEMBER_STATUSES)

    def in_regime(self, regime):
        return self.filter(regime=regime)

    def standing_on(self, state_ref, at=None):
        """A SQL expression: the standing in these participations of state ``state_ref`` (may be
        an ``OuterRef``) on ``at`` (default today), by ``active_on``: the first status of
        STANDING_ORDER it holds, ``none`` if it holds none, and ``uncertain`` when
        ``uncertain_on`` says a partial or unknown date leaves it open."""
        at = at or timezone.localdate()
        of_state = self.filter(state=state_ref)
        whens = [
            When(
                Exists(of_state.exclude(status=Status.NON_PARTICIPANT).uncertain_on(at)),
                then=Value(Standing.UNCERTAIN),
            )
        ]
        whens += [
            When(Exists(of_state.active_on(at).filter(status=status)), then=Value(status.value))
            for status in STANDING_ORDER
        ]
        return Case(*whens, default=Value(Standing.NONE), output_field=models.CharField())

    def present_on(self, at=None):
        """Who was in on ``at``: participations in force (``active_on``) or left open by a
        partial or unknown date (``uncertain_on``), each annotated ``uncertain`` (True for the
        latter). A state named as outside is not in."""
        at = at or timezone.localdate()
        participating = self.exclude(status=Status.NON_PARTICIPANT)
        uncertain = self.model.objects.uncertain_on(at).filter(pk=OuterRef("pk"))
        return (participating.active_on(at) | participating.uncertain_on(at)).annotate(uncertain=Exists(uncertain))

    def could_have_begun_by_year_end(self, state_ref, year_ref):
        """A SQL condition: state ``state_ref`` held, or may have held, a status in these
        participations at some time up to the end of year ``year_ref`` (both may be
        ``OuterRef``s). False when every participation began later, so a record known only
        as "by <year>" falls before all of them; an unknown start may be earlier, so it counts."""
        began = Q(start__year__lte=year_ref) | Q(start__isnull=True)
        return Exists(self.filter(state=state_ref).exclude(status=Status.NON_PARTICIPANT).filter(began))

    def standing_at_year_start(self, state_ref, year_ref):
        """A SQL expression: the standing in these participations of state ``state_ref``
        on 1 January of year ``year_ref`` (both may be ``OuterRef``s), by the as-of rule,
        and ``uncertain`` when any of its start or end dates falls in that year (the
        standing changed during the year, or a partial date leaves it open). A change
        known to the day on 1 January itself is already reflected, so it is certain.
        """
        of_state = self.filter(state=state_ref)

        def began(field):
            return Q(**{f"{field}__year__lt": year_ref}) | (Q(**{f"{field}__year": year_ref}) & _on_new_year(field))

        def changed_in_year(field):
            exact_new_year = _on_new_year(field) & Q(**{f"{field}_precision": Precision.DAY})
            return Q(**{f"{field}__year": year_ref}) & ~exact_new_year

        started = began("start") | (Q(start__isnull=True) & began("known_on"))
        not_ended = Q(end__isnull=True) | Q(end__year__gt=year_ref) | (Q(end__year=year_ref) & ~_on_new_year("end"))
        # An unknown start is open until a source shows the status held.
        unknown_start = Q(start__isnull=True) & (Q(known_on__year__gt=year_ref) | changed_in_year("known_on"))
        changed = changed_in_year("start") | changed_in_year("end") | (unknown_start & not_ended)
        whens = [
            When(
                Exists(of_state.exclude(status=Status.NON_PARTICIPANT).filter(changed)), then=Value(Standing.UNCERTAIN)
            )
        ]
        whens += [
            When(Exists(of_state.filter(started & not_ended, status=status)), then=Value(status.value))
            for status in STANDING_ORDER
        ]
        return Case(*whens, default=Value(Standing.NONE), output_field=models.CharField())


class Participation(Cited):
    """A state's participation in a regime with one status, over one continuous period."""

    state = models.ForeignKey("states.State", on_delete=models.PROTECT, related_name="participations")
    regime = models.ForeignKey(Regime, on_delete=models.PROTECT, related_name="participations")
    status = models.CharField(max_length=24, choices=Status.choices, db_index=True)
    start = models.DateField(
        null=True,
        blank=True,
        help_text="When the status began (for a state named as outside: the date of the source's statement). "
        "Blank if no source gives it: then give “known on”.",
    )
    start_precision = precision_field("start precision")
    end = models.DateField(null=True, blank=True, help_text="When it ended; blank if it still holds.")
    end_precision = precision_field("end precision")
    known_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the start is unknown: the date by which a source shows the status held "
        "(usually the source's own date). The participation counts from then; before it, it is uncertain.",
    )
    known_on_precision = precision_field("known on precision")

    start_partial = partial_date_property("start")
    end_partial = partial_date_property("end")
    known_on_partial = partial_date_property("known_on")

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["regime", F("start").asc(nulls_last=True), "state__name"]
        indexes = [models.Index(fields=["regime", "state", "start"], name="participation_regime_state_idx")]
        constraints = [
            partial_date_constraint("start", "participation"),
            partial_date_constraint("end", "participation"),
            partial_date_constraint("known_on", "participation"),
            models.CheckConstraint(
                condition=Q(start__isnull=False) | Q(known_on__isnull=False),
                name="participation_start_or_known_on",
                violation_error_message="Give the start date, or the date by which a source shows the status held.",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=F("start")),
                name="participation_end_after_start",
                violation_error_message="A participation must end after it starts.",
            ),
            models.UniqueConstraint(
                fields=["state", "regime", "status"],
                condition=Q(end__isnull=True),
                name="participation_one_open_per_status",
                violation_error_message="This state already has an open participation with this status in this regime.",
            ),
            models.UniqueConstraint(
                fields=["state", "regime", "status", "start"],
                name="participation_unique_start",
                violation_error_message="A participation of this state with this status already starts on this date.",
            ),
        ]

    def __str__(self):
        since = f"from {self.start_partial}" if self.start else f"by {self.known_on_partial}"
        return f"{self.state} – {self.regime} {self.get_status_display()} {since}"

    @property
    def begins(self):
        """The first day the participation counts from: its start, or when unknown the day a source shows it."""
        return self.start or self.known_on

    def get_absolute_url(self):
        return self.regime.get_absolute_url()

    @property
    def is_member(self):
        return self.status in MEMBER_STATUSES

    # The same as-of rule as ParticipationQuerySet.active_on / uncertain_on, for rows
    # already in memory (a chart over many dates); a test proves the two agree.
    def is_active_on(self, at):
        return self.begins <= at and (self.end is None or self.end > at)

    def is_uncertain_on(self, at):
        unknown_start = self.start is None and (
            self.known_on > at or (not self.known_on_partial.is_exact and self.known_on_partial.contains(at))
        )
        return (unknown_start and (self.end is None or self.end > at)) or any(
            date is not None and not date.is_exact and date.contains(at)
            for date in (self.start_partial, self.end_partial)
        )

    def clean(self):
        super().clean()
        # Partial dates may share a period ("known to hold in March 1993, ended during 1993"):
        # only an end whose whole period lies before the known-on date is impossible.
        if self.end and self.known_on and self.end_partial.last_day < self.known_on:
            raise ValidationError({"end": "A participation cannot end before the date a source shows it held."})
        if self.state_id and self.regime_id and self.begins:
            overlapping = Participation.objects.filter(state=self.state_id, regime=self.regime_id, status=self.status)
            overlapping = overlapping.exclude(pk=self.pk).filter(Q(end__isnull=True) | Q(end__gt=self.begins))
            if self.end:
                overlapping = overlapping.filter(Q(start__lt=self.end) | Q(start__isnull=True, known_on__lt=self.end))
            other = overlapping.first()
            if other:
                raise ValidationError(
                    f"This period overlaps another {self.get_status_display()} period of {self.state} in "
                    f"{self.regime} ({other.start_partial or f'by {other.known_on_partial}'} – "
                    f"{other.end_partial or 'open'}). Close or shorten that one first."
                )


def membership_by_year(participations, years):
    """{year: number of members on 1 January} for participations already fetched."""
    members = [participation for participation in participations if participation.is_member]
    return {
        year: sum(1 for participation in members if participation.is_active_on(datetime.date(year, 1, 1)))
        for year in years
    }


class RegimeTotal(Cited):
    """A membership total as a source reports it on a date (the HCoC's 93 at launch)."""

    regime = models.ForeignKey(Regime, on_delete=models.PROTECT, related_name="totals")
    date = models.DateField()
    date_precision = precision_field("date precision")
    total = models.PositiveIntegerField(help_text="The number of members the source reports.")

    date_partial = partial_date_property("date")

    class Meta:
        ordering = ["regime", "date", "total"]
        constraints = [
            partial_date_constraint("date", "regimetotal"),
            models.UniqueConstraint(
                fields=["regime", "date", "total"],
                name="regimetotal_unique",
                violation_error_message="This total is already recorded for this regime on this date.",
            ),
        ]

    def __str__(self):
        return f"{self.regime}: {self.total} on {self.date_partial}"

    def get_absolute_url(self):
        return self.regime.get_absolute_url()
