"""Bibliographic sources and the citations that attach them to any record.

Every fact in Containment cites a source; a record without a citation is a
draft, not reference data.
"""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse


class Source(models.Model):
    key = models.CharField(
        max_length=80,
        unique=True,
        validators=[RegexValidator(r"^[a-z0-9][a-z0-9._-]*$", "Use lower-case letters, digits, '.', '_' and '-'.")],
        help_text="Short stable identifier used in CSV files, e.g. mistry2003.",
    )
    title = models.CharField(max_length=500)
    author = models.CharField(max_length=300, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
        help_text="Year of publication, if known.",
    )
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return self.key

    def get_absolute_url(self):
        return reverse("sources:detail", args=[self.key])

    @property
    def reference(self):
        """The source as a reader cites it: author, title, publisher, year."""
        parts = [self.author, f"“{self.title}”", self.publisher, str(self.year or "")]
        return ", ".join(part for part in parts if part)


class Citation(models.Model):
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    # Text, because some cited records (states, regimes) have a code as primary key.
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    locator = models.CharField(
        max_length=200, blank=True, help_text="Where in the source: page, section, footnote, e.g. “p. 120”."
    )
    quote = models.TextField(blank=True, help_text="Optional short quotation supporting the fact.")

    class Meta:
        ordering = ["content_type", "object_id", "source__key", "locator"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="citation_record_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "source", "locator"], name="citation_unique_per_record"
            ),
            models.CheckConstraint(condition=~models.Q(locator__contains=";"), name="citation_locator_no_semicolon"),
        ]

    def __str__(self):
        return f"{self.source.key}: {self.locator}" if self.locator else self.source.key

    @property
    def token(self):
        """The citation as written in a CSV ``sources`` cell: ``key`` or ``key:locator``."""
        return str(self)


class CitedQuerySet(models.QuerySet):
    def uncited(self):
        """Records with no citation: drafts, not reference data."""
        cited = (
            Citation.objects.filter(content_type=ContentType.objects.get_for_model(self.model))
            .annotate(record_pk=Cast("object_id", self.model._meta.pk))
            .values("record_pk")
        )
        return self.exclude(pk__in=cited)


class Cited(models.Model):
    """A record that cites its sources and may carry a curator's note."""

    citations = GenericRelation(Citation)
    note = models.TextField(
        blank=True,
        help_text="Disagreements between sources (the other value and its source), estimates, caveats.",
    )
    updated = models.DateTimeField(auto_now=True, db_index=True, help_text="When the record last changed.")

    objects = CitedQuerySet.as_manager()

    class Meta:
        abstract = True
