from django import forms
from django.core.exceptions import ValidationError


class CurationFormMixin(forms.ModelForm):
    """Adds the change reason kept in the history, and the version the editor started from:
    a save based on an older version is refused with what changed meanwhile."""

    change_reason = forms.CharField(
        max_length=100,
        required=False,
        help_text="Why this change (kept in the record's history). Required when changing a record.",
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            stored = self._stored()
            self.fields["expected_version"].initial = stored.version if stored else self.instance.version
            self.fields["change_reason"].required = True

    def _stored(self):
        return type(self.instance)._base_manager.filter(pk=self.instance.pk).first()

    def clean(self):
        cleaned = super().clean()
        stored = self._stored() if self.instance.pk else None
        expected = cleaned.get("expected_version")
        if stored is not None and expected is not None and expected != stored.version:
            raise ValidationError(
                f"Someone else saved this record while you were editing it (your copy was version {expected}, "
                f"it is now version {stored.version}); your changes were not saved. {changes_since(stored, expected)} "
                "Reload the page to edit the current values."
            )
        if stored is not None and expected is not None:
            self.instance.version = expected
        return cleaned


def changes_since(record, version):
    """What changed in ``record`` after ``version``, from its history, in words."""
    history = record.history.order_by("history_date", "history_id")
    base = history.filter(version=version).last()
    latest = history.last()
    if base is None or latest is None or base.pk == latest.pk:
        return ""
    delta = latest.diff_against(base)
    changes = "; ".join(f"{change.field}: “{change.old}” → “{change.new}”" for change in delta.changes)
    who = f" by {latest.history_user}" if latest.history_user else ""
    return f"Changed meanwhile{who} at {latest.history_date:%Y-%m-%d %H:%M}: {changes}." if changes else ""


def curated_form(form_class):
    return type(form_class.__name__, (CurationFormMixin, form_class), {"__module__": form_class.__module__})
