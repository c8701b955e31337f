"""Bibliographic sources and the citations that attach them to any record.

Every fact in Containment cites a source; a record without a citation is a
draft, not reference data.
"""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.urls import reverse
from simple_history.models import HistoricalRecords

from sources.visibility import is_public


class SourceQuerySet(models.QuerySet):
    def search(self, text):
        """Sources whose title, author or key contains ``text`` (any case)."""
        return self.filter(Q(title__icontains=text) | Q(author__icontains=text) | Q(key__icontains=text))

    def with_citation_count(self):
        """Annotate ``citation_count``: how many citations of any record point to each source."""
        return self.annotate(citation_count=Count("citations"))


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

    objects = SourceQuerySet.as_manager()

    history = HistoricalRecords()

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

    history = HistoricalRecords()

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


class CitedManager(models.Manager):
    """On the public site (see sources.visibility) only published records exist: drafts and
    records awaiting review never reach public pages, exports, search or counts."""

    def get_queryset(self):
        records = super().get_queryset()
        return records.filter(is_published=True) if is_public() else records


class CitedQuerySet(models.QuerySet):
    @classmethod
    def as_manager(cls):
        manager = CitedManager.from_queryset(cls)()
        manager._built_with_as_manager = True
        return manager

    as_manager.queryset_only = True

    def published(self):
        return self.filter(is_published=True)

    def drafts(self):
        return self.filter(is_published=False)

    def uncited(self):
        """Records with no citation: drafts, not reference data."""
        cited = (
            Citation.objects.filter(content_type=ContentType.objects.get_for_model(self.model))
            .annotate(record_pk=Cast("object_id", self.model._meta.pk))
            .values("record_pk")
        )
        return self.exclude(pk__in=cited)

    def _own_citations(self):
        # The primary key is cast to text (not object_id to the key's type), so the
        # (content_type, object_id) index serves the lookup and no other record's id is cast.
        return Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=Cast(OuterRef("pk"), models.CharField()),
        )

    def cited(self):
        """Records with at least one citation: the published reference data."""
        return self.filter(Exists(self._own_citations()))

    def citing(self, source):
        """Records that cite ``source``."""
        return self.filter(Exists(self._own_citations().filter(source=source)))


class Cited(models.Model):
    """A record that cites its sources and may carry a curator's note."""

    citations = GenericRelation(Citation)
    note = models.TextField(
        blank=True,
        help_text="Disagreements between sources (the other value and its source), estimates, caveats.",
    )
    updated = models.DateTimeField(auto_now=True, db_index=True, help_text="When the record last changed.")
    is_published = models.BooleanField(
        "published",
        default=True,
        db_index=True,
        help_text="Drafts are invisible on the public site, in exports, search and counts until a curator "
        "publishes them.",
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised by every save: an edit based on an older version is refused."
    )

    history = HistoricalRecords(inherit=True, excluded_fields=["updated"])
    objects = CitedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Save, refusing a change based on an older version than the stored one (no lost updates)."""
        if self._state.adding or kwargs.get("force_insert"):
            return super().save(*args, **kwargs)
        with transaction.atomic():
            stored = type(self)._base_manager.select_for_update().filter(pk=self.pk).values_list("version", flat=True)
            stored = stored.first()
            if stored is not None and stored != self.version:
                raise StaleRecord(self, stored)
            self.version = (stored or self.version) + 1
            return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.is_published:
            drafts = [
                f"{field.verbose_name} “{target}”"
                for field in self._meta.concrete_fields
                if field.is_relation
                and issubclass(field.related_model, Cited)
                and (target := getattr(self, field.name)) is not None
                and not target.is_published
            ]
            if drafts:
                raise ValidationError(f"Publish {', '.join(drafts)} first: a published record cannot refer to a draft.")


class StaleRecord(Exception):
    """Someone saved the record after this copy of it was read."""

    def __init__(self, record, stored_version):
        self.record, self.stored_version = record, stored_version
        super().__init__(
            f"{record._meta.verbose_name} “{record}” was changed by someone else (version {stored_version}, "
            f"yours was based on version {record.version})."
        )
