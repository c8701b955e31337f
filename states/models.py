import re

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, F, Func, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse

from sources.models import Cited, CitedQuerySet
from states.partial_dates import partial_date_constraint, partial_date_property, precision_field


def _count(queryset):
    """A subquery counting the rows of ``queryset`` (which refers to the outer row by OuterRef); 0 when none."""
    counted = queryset.order_by().annotate(rows=Func(F("pk"), function="COUNT")).values("rows")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def standing_annotation(regime_code):
    """The attribute name ``with_standings`` gives a regime's standing: ``standing_mtcr``."""
    return "standing_" + re.sub(r"[^a-z0-9]+", "_", regime_code.lower())


class StateQuerySet(CitedQuerySet):
    # States sit below regimes and missiles; the methods below annotate states with what
    # those apps know, so they import them when called, not when this module loads.

    def existing_on(self, at):
        """States that existed on date ``at`` (an unknown founding counts as always)."""
        return self.filter(Q(existed_from__isnull=True) | Q(existed_from__lte=at)).filter(
            Q(existed_to__isnull=True) | Q(existed_to__gt=at)
        )

    def search(self, text):
        """States whose name or code contains ``text`` (any case)."""
        return self.filter(Q(name__icontains=text) | Q(code__icontains=text))

    def with_holdings(self):
        """Annotate, in SQL for a whole list, what each state holds by the rule of
        ``MissileSystem.objects.held_by(state)`` (systems it developed, and systems it received
        as complete missiles in a delivered transfer): ``systems_held`` (a count),
        ``longest_range_km`` (None when no held system has a known range) and
        ``longest_range_class_code`` (a RangeClass value, "" when unknown). A test proves it
        agrees with ``held_by(state).longest_range_class()`` state by state."""
        if "longest_range_km" in self.query.annotations:
            return self
        from missiles.models import RANGE_CLASS_BOUNDS, MissileSystem, Transfer, TransferKind, TransferStatus

        # held_by(OuterRef("pk")) would point its inner transfer subquery at the system, not the
        # state: the received systems need the reference two levels out.
        received = Transfer.objects.filter(
            recipient=OuterRef(OuterRef("pk")), kind=TransferKind.COMPLETE_MISSILES, status=TransferStatus.DELIVERED
        ).values("system")
        held = MissileSystem.objects.filter(Q(state=OuterRef("pk")) | Q(pk__in=received)).order_by()
        longest = held.annotate(longest=Func(F("range_km"), function="MAX"))
        longest_class = longest.annotate(
            range_class=Case(
                *[
                    When(
                        Q(longest__gte=low) & (Q() if high is None else Q(longest__lt=high)),
                        then=Value(range_class.value),
                    )
                    for range_class, low, high in RANGE_CLASS_BOUNDS
                ],
                default=Value(""),
                output_field=models.CharField(),
            )
        )
        return self.annotate(
            systems_held=_count(held),
            longest_range_km=Subquery(longest.values("longest"), output_field=IntegerField()),
            longest_range_class_code=Subquery(longest_class.values("range_class"), output_field=models.CharField()),
        )

    def holding_at_least(self, range_class):
        """States holding (``with_holdings``) a system of ``range_class`` or longer."""
        from missiles.models import RANGE_CLASS_BOUNDS

        low = next(low for candidate, low, _ in RANGE_CLASS_BOUNDS if candidate == range_class)
        return self.with_holdings().filter(longest_range_km__gte=low)

    def with_longest_range_class(self, code):
        """States whose longest held range class (``with_holdings``) is ``code``; "" for none known."""
        return self.with_holdings().filter(longest_range_class_code=code)

    def with_standings(self, regime_codes=("MTCR", "HCOC"), at=None):
        """Annotate each state's standing in each regime on ``at`` (default today), as
        ``standing_<code>`` (``standing_mtcr``): a Standing value by
        ``ParticipationQuerySet.standing_on``, "uncertain" when a partial date leaves it open.
        A regime already annotated keeps its annotation (and its date)."""
        from regime.models import Participation

        missing = [code for code in regime_codes if standing_annotation(code) not in self.query.annotations]
        return self.annotate(
            **{
                standing_annotation(code): Participation.objects.filter(regime=code).standing_on(OuterRef("pk"), at)
                for code in missing
            }
        )

    def with_record_counts(self):
        """Annotate ``systems_developed``, ``transfers_made_count``, ``transfers_received_count``
        and ``flight_tests_count``, one subquery each (no joins that multiply rows)."""
        from missiles.models import FlightTest, MissileSystem, Transfer

        return self.annotate(
            systems_developed=_count(MissileSystem.objects.filter(state=OuterRef("pk"))),
            transfers_made_count=_count(Transfer.objects.filter(supplier=OuterRef("pk"))),
            transfers_received_count=_count(Transfer.objects.filter(recipient=OuterRef("pk"))),
            flight_tests_count=_count(FlightTest.objects.filter(state=OuterRef("pk"))),
        )


class State(Cited):
    """A state: an ISO 3166-1 country, or a historical state (ISO 3166-3 code) such as the Soviet Union."""

    code = models.CharField(
        max_length=3,
        primary_key=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", "Use a three-letter upper-case code, e.g. PRK.")],
        help_text="ISO 3166-1 alpha-3 code; historical states use their ISO 3166-3 alpha-3 code (SUN, CSK, DDR).",
    )
    name = models.CharField(max_length=120, unique=True)
    region = models.CharField(
        max_length=60, blank=True, db_index=True, help_text="UN M49 sub-region, e.g. Western Asia, Eastern Asia."
    )
    existed_from = models.DateField(null=True, blank=True, help_text="Blank for states that exist since before 1945.")
    existed_from_precision = precision_field("existed from precision")
    existed_to = models.DateField(null=True, blank=True, help_text="Blank for states that still exist.")
    existed_to_precision = precision_field("existed to precision")
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text="The state that continues this one (Russia continues the Soviet Union).",
    )

    existed_from_partial = partial_date_property("existed_from")
    existed_to_partial = partial_date_property("existed_to")

    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            partial_date_constraint("existed_from", "state"),
            partial_date_constraint("existed_to", "state"),
            models.CheckConstraint(
                condition=Q(existed_to__isnull=True)
                | Q(existed_from__isnull=True)
                | Q(existed_to__gt=F("existed_from")),
                name="state_existed_to_after_from",
                violation_error_message="A state must cease to exist after it came into being.",
            ),
            models.CheckConstraint(
                condition=Q(successor__isnull=True) | ~Q(successor=F("code")),
                name="state_not_own_successor",
                violation_error_message="A state cannot be its own successor.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("states:detail", args=[self.code])

    @property
    def is_historical(self):
        return self.existed_to is not None
