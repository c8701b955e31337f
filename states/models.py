from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from sources.models import Cited, CitedQuerySet
from states.partial_dates import partial_date_constraint, partial_date_property, precision_field


class StateQuerySet(CitedQuerySet):
    def existing_on(self, at):
        """States that existed on date ``at`` (an unknown founding counts as always)."""
        return self.filter(Q(existed_from__isnull=True) | Q(existed_from__lte=at)).filter(
            Q(existed_to__isnull=True) | Q(existed_to__gt=at)
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
