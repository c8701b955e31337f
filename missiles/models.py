"""Missile programs, systems, flight tests and transfers.

Range class and MTCR category are computed from range and payload, never typed
in. The thresholds are the named constants below; the QuerySet methods filter by
them in SQL and the model properties display them, and a test proves they agree.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, Value, When
from django.urls import reverse

from regime.models import Participation, Standing
from sources.models import Cited, CitedQuerySet
from states.partial_dates import partial_date_constraint, partial_date_property, precision_field

# MTCR Category I: complete systems able to deliver at least 500 kg to at least 300 km.
MTCR_RANGE_KM = 300
MTCR_PAYLOAD_KG = 500


class RangeClass(models.TextChoices):
    CRBM = "crbm", "CRBM"
    SRBM = "srbm", "SRBM"
    MRBM = "mrbm", "MRBM"
    IRBM = "irbm", "IRBM"
    ICBM = "icbm", "ICBM"


# (class, lowest range in km included, highest range in km excluded or None)
RANGE_CLASS_BOUNDS = (
    (RangeClass.CRBM, 0, 300),
    (RangeClass.SRBM, 300, 1000),
    (RangeClass.MRBM, 1000, 3000),
    (RangeClass.IRBM, 3000, 5500),
    (RangeClass.ICBM, 5500, None),
)
RANGE_CLASS_DESCRIPTIONS = {
    RangeClass.CRBM: "close-range, under 300 km",
    RangeClass.SRBM: "short-range, 300–999 km",
    RangeClass.MRBM: "medium-range, 1,000–2,999 km",
    RangeClass.IRBM: "intermediate-range, 3,000–5,499 km",
    RangeClass.ICBM: "intercontinental, 5,500 km or more",
}


class MtcrCategory(models.TextChoices):
    CATEGORY_I = "category_i", "Category I"
    CATEGORY_II = "category_ii", "Category II"
    UNKNOWN = "unknown", "unknown (I or II)"
    BELOW_THRESHOLD = "below_threshold", "below 300 km"


def range_class_for(range_km):
    if range_km is None:
        return None
    for range_class, low, high in RANGE_CLASS_BOUNDS:
        if range_km >= low and (high is None or range_km < high):
            return range_class
    return None


def mtcr_category_for(range_km, payload_kg):
    if range_km is None:
        return None
    if range_km < MTCR_RANGE_KM:
        return MtcrCategory.BELOW_THRESHOLD
    if payload_kg is None:
        return MtcrCategory.UNKNOWN
    return MtcrCategory.CATEGORY_I if payload_kg >= MTCR_PAYLOAD_KG else MtcrCategory.CATEGORY_II


def _range_class_q(range_class):
    for candidate, low, high in RANGE_CLASS_BOUNDS:
        if candidate == range_class:
            return Q(range_km__gte=low) & (Q() if high is None else Q(range_km__lt=high))
    raise ValueError(f"unknown range class {range_class!r}")


def _mtcr_category_q(category):
    controlled = Q(range_km__gte=MTCR_RANGE_KM)
    return {
        MtcrCategory.BELOW_THRESHOLD: Q(range_km__lt=MTCR_RANGE_KM),
        MtcrCategory.UNKNOWN: controlled & Q(payload_kg__isnull=True),
        MtcrCategory.CATEGORY_I: controlled & Q(payload_kg__gte=MTCR_PAYLOAD_KG),
        MtcrCategory.CATEGORY_II: controlled & Q(payload_kg__lt=MTCR_PAYLOAD_KG),
    }[MtcrCategory(category)]


class Outcome(models.TextChoices):
    ACTIVE = "active", "active"
    COMPLETED = "completed", "completed"
    ABANDONED = "abandoned", "abandoned"
    THWARTED = "thwarted", "thwarted"


class MissileProgram(Cited):
    name = models.CharField(max_length=200, unique=True)
    states = models.ManyToManyField("states.State", related_name="programs", help_text="The states running it.")
    start = models.DateField(null=True, blank=True)
    start_precision = precision_field("start precision")
    end = models.DateField(null=True, blank=True)
    end_precision = precision_field("end precision")
    outcome = models.CharField(max_length=12, choices=Outcome.choices, db_index=True)

    start_partial = partial_date_property("start")
    end_partial = partial_date_property("end")

    objects = CitedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            partial_date_constraint("start", "missileprogram"),
            partial_date_constraint("end", "missileprogram"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="missileprogram_end_after_start",
                violation_error_message="A program cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("missiles:program", args=[self.pk])


class SystemKind(models.TextChoices):
    BALLISTIC = "ballistic", "ballistic missile"
    CRUISE = "cruise", "cruise missile"
    SPACE_LAUNCH_VEHICLE = "space_launch_vehicle", "space launch vehicle"
    SOUNDING_ROCKET = "sounding_rocket", "sounding rocket"


class Propellant(models.TextChoices):
    LIQUID = "liquid", "liquid"
    SOLID = "solid", "solid"
    MIXED = "mixed", "solid and liquid stages"
    AIR_BREATHING = "air_breathing", "air-breathing"


class SystemStatus(models.TextChoices):
    IN_DEVELOPMENT = "in_development", "in development"
    DEPLOYED = "deployed", "deployed"
    RETIRED = "retired", "retired"
    CANCELLED = "cancelled", "cancelled"


class MissileSystemQuerySet(CitedQuerySet):
    def in_range_class(self, range_class):
        return self.filter(_range_class_q(range_class))

    def in_mtcr_category(self, category):
        return self.filter(_mtcr_category_q(category))

    def with_classification(self):
        """Annotate ``range_class_code`` and ``mtcr_category_code`` in SQL, for sorting and grouping."""
        return self.annotate(
            range_class_code=Case(
                *[When(_range_class_q(c), then=Value(c.value)) for c, _, _ in RANGE_CLASS_BOUNDS],
                default=Value(""),
                output_field=models.CharField(),
            ),
            mtcr_category_code=Case(
                *[When(_mtcr_category_q(c), then=Value(c.value)) for c in MtcrCategory],
                default=Value(""),
                output_field=models.CharField(),
            ),
        )

    def search(self, text):
        return self.filter(Q(name__icontains=text) | Q(aliases__icontains=text))

    def held_by(self, state):
        """Systems a state holds: those it developed, and those it received as complete
        missiles in a transfer that was delivered (any confidence)."""
        received = Transfer.objects.filter(
            recipient=state, kind=TransferKind.COMPLETE_MISSILES, status=TransferStatus.DELIVERED
        ).values("system")
        return self.filter(Q(state=state) | Q(pk__in=received))

    def longest_range_class(self):
        """The longest range class among these systems, or None."""
        longest = self.filter(range_km__isnull=False).order_by("-range_km").values_list("range_km", flat=True).first()
        return range_class_for(longest)


class MissileSystem(Cited):
    name = models.CharField(max_length=120, unique=True, help_text="The most common English designation.")
    aliases = models.CharField(
        max_length=500, blank=True, help_text="Other names, separated by ';' (Rodong;Nodong-1;Hwasong-7)."
    )
    state = models.ForeignKey(
        "states.State", on_delete=models.PROTECT, related_name="systems", help_text="The developer state."
    )
    program = models.ForeignKey(MissileProgram, on_delete=models.PROTECT, null=True, blank=True, related_name="systems")
    derived_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derivatives",
        help_text="The system this one was developed from (Scud-B for the Hwasong-5).",
    )
    kind = models.CharField(max_length=24, choices=SystemKind.choices, db_index=True)
    propellant = models.CharField(max_length=16, choices=Propellant.choices, blank=True, db_index=True)
    stages = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MinValueValidator(1)])
    range_km = models.PositiveIntegerField(
        "range (km)", null=True, blank=True, db_index=True, help_text="Maximum range; blank if no source gives it."
    )
    payload_kg = models.PositiveIntegerField(
        "payload (kg)", null=True, blank=True, help_text="Payload at that range; blank if no source gives it."
    )
    status = models.CharField(max_length=16, choices=SystemStatus.choices, blank=True, db_index=True)
    first_flight = models.DateField(null=True, blank=True)
    first_flight_precision = precision_field("first flight precision")

    first_flight_partial = partial_date_property("first_flight")

    objects = MissileSystemQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            partial_date_constraint("first_flight", "missilesystem"),
            models.CheckConstraint(
                condition=Q(range_km__isnull=True) | Q(range_km__gte=0),
                name="missilesystem_range_not_negative",
                violation_error_message="Range cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(payload_kg__isnull=True) | Q(payload_kg__gte=0),
                name="missilesystem_payload_not_negative",
                violation_error_message="Payload cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(derived_from__isnull=True) | ~Q(derived_from=F("id")),
                name="missilesystem_not_derived_from_itself",
                violation_error_message="A system cannot be derived from itself.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("missiles:system", args=[self.pk])

    @property
    def alias_list(self):
        return [alias.strip() for alias in self.aliases.split(";") if alias.strip()]

    @property
    def range_class(self):
        return range_class_for(self.range_km)

    @property
    def ancestors(self):
        """The systems this one derives from, nearest first (Hwasong-5, then Scud-B...).
        Each generation not already fetched with select_related costs one query; a loop
        left by bad data ends the walk instead of running forever."""
        chain, seen = [], {self.pk}
        ancestor = self.derived_from
        while ancestor is not None and ancestor.pk not in seen:
            chain.append(ancestor)
            seen.add(ancestor.pk)
            ancestor = ancestor.derived_from
        return chain

    @property
    def mtcr_category(self):
        return mtcr_category_for(self.range_km, self.payload_kg)

    def clean(self):
        super().clean()
        ancestor, seen = self.derived_from, {self.pk}
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError({"derived_from": "This lineage loops back on itself."})
            seen.add(ancestor.pk)
            ancestor = ancestor.derived_from


class TestOutcome(models.TextChoices):
    SUCCESS = "success", "success"
    FAILURE = "failure", "failure"
    PARTIAL = "partial", "partial success"
    UNKNOWN = "unknown", "unknown"


class Confidence(models.TextChoices):
    CONFIRMED = "confirmed", "confirmed"
    REPORTED = "reported", "reported"
    SUSPECTED = "suspected", "suspected"


class Notified(models.TextChoices):
    YES = "yes", "yes"
    NO = "no", "no"
    UNKNOWN = "unknown", "unknown"


class FlightTest(Cited):
    system = models.ForeignKey(MissileSystem, on_delete=models.PROTECT, related_name="flight_tests")
    state = models.ForeignKey(
        "states.State", on_delete=models.PROTECT, related_name="flight_tests", help_text="The launching state."
    )
    date = models.DateField()
    date_precision = precision_field("date precision")
    site = models.CharField(max_length=200, blank=True, help_text="Launch site as the source names it.")
    apogee_km = models.PositiveIntegerField("apogee (km)", null=True, blank=True)
    range_km = models.PositiveIntegerField("range reached (km)", null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=TestOutcome.choices, default=TestOutcome.UNKNOWN)
    confirmation = models.CharField(max_length=12, choices=Confidence.choices, default=Confidence.REPORTED)
    notified = models.CharField(
        "pre-launch notified (HCoC)", max_length=8, choices=Notified.choices, default=Notified.UNKNOWN
    )
    sequence = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1)],
        help_text="When several missiles of this system were launched the same day from the same site: 1, 2, 3…",
    )

    date_partial = partial_date_property("date")

    objects = CitedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "system__name"]
        indexes = [models.Index(fields=["state", "date"], name="flighttest_state_date_idx")]
        constraints = [
            partial_date_constraint("date", "flighttest"),
            models.UniqueConstraint(
                fields=["system", "state", "date", "site", "sequence"],
                name="flighttest_unique",
                violation_error_message="This flight test is already recorded.",
            ),
        ]

    def __str__(self):
        return f"{self.system} test, {self.date_partial}"

    def get_absolute_url(self):
        return self.system.get_absolute_url()


class TransferKind(models.TextChoices):
    COMPLETE_MISSILES = "complete_missiles", "complete missiles"
    LAUNCHERS = "launchers", "launchers"
    COMPONENTS = "components", "components"
    ENGINES = "engines", "engines"
    PRODUCTION_TECHNOLOGY = "production_technology", "production technology"
    TECHNICAL_ASSISTANCE = "technical_assistance", "technical assistance"


class TransferStatus(models.TextChoices):
    DELIVERED = "delivered", "delivered"
    ORDERED = "ordered", "ordered"
    CANCELLED = "cancelled", "cancelled"
    INTERDICTED = "interdicted", "interdicted"
    UNKNOWN = "unknown", "unknown"


class TransferQuerySet(CitedQuerySet):
    def with_standings(self):
        """Annotate each party's MTCR and HCoC standing at the time of the transfer
        (1 January of its first year; ``uncertain`` if it changed that year or the first
        year is unknown; ``none`` for a transfer "by <year>" made before the party joined)."""
        standings = {}
        for party in ("supplier", "recipient"):
            for regime in ("MTCR", "HCOC"):
                in_regime = Participation.objects.filter(regime=regime)
                at_year_start = in_regime.standing_at_year_start(OuterRef(party), OuterRef("year_from"))
                # Without a first year, the standing at the time cannot be known, unless the
                # transfer is known only as "by <year_to>" and the party's participation all
                # began later: then it was outside the regime throughout.
                standings[f"{party}_{regime.lower()}"] = Case(
                    When(
                        Q(year_from__isnull=True, year_to__isnull=False)
                        & ~in_regime.could_have_begun_by_year_end(OuterRef(party), OuterRef("year_to")),
                        then=Value(Standing.NONE),
                    ),
                    When(year_from__isnull=True, then=Value(Standing.UNCERTAIN)),
                    default=at_year_start,
                    output_field=models.CharField(),
                )
        return self.annotate(**standings)

    def involving(self, state):
        return self.filter(Q(supplier=state) | Q(recipient=state))

    def overlapping_years(self, first=None, last=None):
        """Transfers whose years overlap the years asked, ``first`` to ``last`` inclusive
        (either bound may be open). A transfer runs from ``year_from`` to ``year_to``, or
        is the single ``year_from``; one known only as "by 1988" runs from an unknown
        start to 1988, so it may overlap any years up to 1988; one with no year at all
        matches no year filter."""
        transfers = self
        if first is not None:
            transfers = transfers.filter(Q(year_to__gte=first) | Q(year_to__isnull=True, year_from__gte=first))
        if last is not None:
            transfers = transfers.filter(Q(year_from__lte=last) | Q(year_from__isnull=True, year_to__isnull=False))
        return transfers

    def where_standing(self, party, regime, standings):
        """Transfers whose ``party`` ("supplier" or "recipient") held one of ``standings``
        (Standing values, "uncertain" and "none" included) in ``regime`` ("MTCR", "HCOC")
        at the time of the transfer, as ``with_standings()`` computes it."""
        annotation = f"{party}_{regime.lower()}"
        transfers = self if annotation in self.query.annotations else self.with_standings()
        return transfers.filter(**{f"{annotation}__in": list(standings)})

    def pair_counts(self):
        """The number of these transfers per supplier and recipient, in one aggregate query:
        dicts with supplier, supplier__name, recipient, recipient__name and transfers."""
        return (
            self.order_by()
            .values("supplier", "supplier__name", "recipient", "recipient__name")
            .annotate(transfers=Count("pk"))
            .order_by("supplier", "recipient")
        )


class Transfer(Cited):
    supplier = models.ForeignKey("states.State", on_delete=models.PROTECT, related_name="transfers_made")
    recipient = models.ForeignKey("states.State", on_delete=models.PROTECT, related_name="transfers_received")
    system = models.ForeignKey(
        MissileSystem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers",
        help_text="Blank when the transfer is of unspecified components: then describe them.",
    )
    kind = models.CharField(max_length=24, choices=TransferKind.choices, db_index=True)
    annex_item = models.PositiveSmallIntegerField(
        "MTCR Annex item",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="1: complete Category I systems; 2: major subsystems; 3-20: Category II items. Blank if unclear.",
    )
    description = models.CharField(max_length=500, blank=True)
    quantity = models.PositiveIntegerField(null=True, blank=True)
    quantity_estimated = models.BooleanField(
        default=False, help_text="The source gives the quantity as an estimate (“an estimated 400”)."
    )
    year_from = models.PositiveSmallIntegerField(
        "first year",
        null=True,
        blank=True,
        db_index=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="Blank if no source gives it (then the last year, if given, reads “by that year”).",
    )
    year_to = models.PositiveSmallIntegerField(
        "last year",
        null=True,
        blank=True,
        db_index=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="Blank for a single year.",
    )
    status = models.CharField(
        max_length=12, choices=TransferStatus.choices, default=TransferStatus.DELIVERED, db_index=True
    )
    confidence = models.CharField(max_length=12, choices=Confidence.choices, db_index=True)

    objects = TransferQuerySet.as_manager()

    class Meta:
        ordering = ["year_from", "supplier__name", "recipient__name", "id"]
        indexes = [
            models.Index(fields=["supplier", "year_from"], name="transfer_supplier_year_idx"),
            models.Index(fields=["recipient", "year_from"], name="transfer_recipient_year_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(supplier=F("recipient")),
                name="transfer_supplier_not_recipient",
                violation_error_message="The supplier and the recipient must be different states.",
            ),
            models.CheckConstraint(
                condition=Q(year_to__isnull=True) | Q(year_to__gte=F("year_from")),
                name="transfer_years_in_order",
                violation_error_message="The last year cannot be before the first year.",
            ),
            models.CheckConstraint(
                condition=Q(annex_item__isnull=True) | Q(annex_item__gte=1, annex_item__lte=20),
                name="transfer_annex_item_1_to_20",
                violation_error_message="The MTCR Annex has items 1 to 20.",
            ),
            models.CheckConstraint(
                condition=Q(system__isnull=False) | ~Q(description=""),
                name="transfer_names_what",
                violation_error_message="Name the system or describe what was transferred.",
            ),
            models.UniqueConstraint(
                fields=["supplier", "recipient", "system", "kind", "description", "year_from"],
                name="transfer_unique",
                violation_error_message="This transfer is already recorded.",
            ),
        ]

    def __str__(self):
        what = self.system.name if self.system_id else self.description
        return f"{self.supplier_id} → {self.recipient_id}: {what} ({self.years})"

    def get_absolute_url(self):
        return reverse("missiles:transfer", args=[self.pk])

    @property
    def years(self):
        if self.year_from is None:
            return f"by {self.year_to}" if self.year_to else "date unknown"
        if self.year_to and self.year_to != self.year_from:
            return f"{self.year_from}–{self.year_to}"
        return str(self.year_from)

    @property
    def quantity_display(self):
        if self.quantity is None:
            return ""
        return f"~{self.quantity:,}" if self.quantity_estimated else f"{self.quantity:,}"
