"""Proposed revisions: an Editor's change to a published record waits here for a Curator."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone


class RevisionState(models.TextChoices):
    PENDING = "pending", "waiting for review"
    ACCEPTED = "accepted", "accepted"
    REJECTED = "rejected", "rejected"


class Revision(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    changes = models.JSONField(help_text="The proposed values of the changed fields, as the form cleaned them.")
    base_version = models.PositiveIntegerField(help_text="The record's version the proposal was made against.")
    reason = models.TextField("change reason")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals")
    proposed_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=RevisionState.choices, default=RevisionState.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        indexes = [models.Index(fields=["state", "content_type", "object_id"], name="revision_queue_idx")]
        permissions = [
            ("publish_record", "Can review and publish records"),
            ("import_dataset", "Can import dataset files"),
        ]

    def __str__(self):
        return f"Revision #{self.pk} of {self.content_type.name} {self.object_id}"

    @classmethod
    def propose(cls, record, user, reason):
        """Record the changes ``record`` (edited in memory, not saved) makes to its stored version."""
        stored = type(record)._base_manager.get(pk=record.pk)
        changes = {
            field.attname: field.value_to_string(record)
            for field in _editable_fields(record)
            if getattr(record, field.attname) != getattr(stored, field.attname)
        }
        return cls.objects.create(
            record=stored, changes=changes, base_version=stored.version, reason=reason, proposed_by=user
        )

    def proposed_values(self):
        """{attname: value} as the model holds them."""
        fields = {field.attname: field for field in _editable_fields(self.content_type.model_class())}
        return {
            attname: None if text == "" and fields[attname].null else fields[attname].to_python(text)
            for attname, text in self.changes.items()
            if attname in fields
        }

    def diff(self):
        """[(field label, published value, proposed value)] against the record as published now."""
        record = self.record
        rows = []
        fields = {field.attname: field for field in _editable_fields(record)}
        for attname, proposed in self.proposed_values().items():
            field, current = fields[attname], getattr(record, attname)
            rows.append((field.verbose_name, _display(field, current), _display(field, proposed)))
        return rows

    @transaction.atomic
    def accept(self, curator, note=""):
        if self.state != RevisionState.PENDING:
            raise ValidationError("This revision has already been reviewed.")
        record = self.record
        if record.version != self.base_version:
            raise ValidationError(
                f"The record changed since this revision was proposed (version {self.base_version} → "
                f"{record.version}); reject it and propose again against the current values."
            )
        for attname, value in self.proposed_values().items():
            setattr(record, attname, value)
        record.full_clean()
        record._change_reason = f"Revision #{self.pk} by {self.proposed_by} accepted: {self.reason}"[:100]
        record.save()
        self._close(RevisionState.ACCEPTED, curator, note)

    def reject(self, curator, note=""):
        if self.state != RevisionState.PENDING:
            raise ValidationError("This revision has already been reviewed.")
        self._close(RevisionState.REJECTED, curator, note)

    def _close(self, state, curator, note):
        self.state, self.reviewed_by, self.reviewed_at, self.review_note = state, curator, timezone.now(), note
        self.save()


def _editable_fields(model):
    return [field for field in model._meta.concrete_fields if field.editable and not field.primary_key]


def _display(field, value):
    if value in (None, ""):
        return "—"
    if field.is_relation:
        return str(field.related_model._base_manager.filter(pk=value).first() or value)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return str(value)
