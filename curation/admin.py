from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from curation.forms import curated_form
from curation.models import Revision, RevisionState
from curation.permissions import can_publish
from sources.models import StaleRecord


class CuratedAdmin(SimpleHistoryAdmin):
    """The admin of every cited model: history with diffs and revert (django-simple-history),
    a change reason, no lost updates, and review before publication.

    Curators save and publish directly. An Editor's new record is saved as a draft; an
    Editor's change to a published record is kept as a proposed revision, and the public
    keeps seeing the published values until a Curator accepts it.
    """

    actions = ["publish_selected", "unpublish_selected"]

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self.form = curated_form(self.form)

    def get_list_display(self, request):
        return [*super().get_list_display(request), "is_published"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), "is_published"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if can_publish(request.user) else [*readonly, "is_published"]

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get("change_reason") or ("Created" if not change else "")
        if can_publish(request.user):
            return super().save_model(request, obj, form, change)
        if not change:
            obj.is_published = False
            return super().save_model(request, obj, form, change)
        if not type(obj)._base_manager.filter(pk=obj.pk, is_published=True).exists():
            return super().save_model(request, obj, form, change)  # a draft is the editor's to change
        revision = Revision.propose(obj, request.user, form.cleaned_data["change_reason"])
        request.proposed_revision = revision

    def save_related(self, request, form, formsets, change):
        if getattr(request, "proposed_revision", None) is None:
            super().save_related(request, form, formsets, change)
            record = form.instance
            if record.is_published and not record.citations.exists():
                record.is_published = False
                record._change_reason = "Kept as a draft: no source cited"
                record.save()
                self.message_user(
                    request, "Saved as a draft: a published record must cite at least one source.", messages.WARNING
                )
            return
        for formset in formsets:  # nothing of the proposal is saved, inlines included
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def construct_change_message(self, request, form, formsets, add=False):
        revision = getattr(request, "proposed_revision", None)
        if revision is not None:
            return f"Proposed revision #{revision.pk}: {revision.reason}"
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        revision = getattr(request, "proposed_revision", None)
        if revision is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            f"Your change waits for review as revision #{revision.pk}; the public still sees the published values.",
            messages.INFO,
        )
        return HttpResponseRedirect(request.path)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleRecord as stale:
            self.message_user(request, f"Not saved: {stale} Reload to edit the current values.", messages.ERROR)
            return HttpResponseRedirect(request.path)

    @admin.action(description="Publish the selected records", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description="Withdraw the selected records to drafts", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._set_published(request, queryset, False)

    def _set_published(self, request, queryset, published):
        done = 0
        for record in queryset.filter(is_published=not published):
            if published and not record.citations.exists():
                self.message_user(request, f"{record}: cite at least one source before publishing.", messages.ERROR)
                continue
            record.is_published = published
            try:
                record.full_clean()
            except ValidationError as problem:
                self.message_user(request, f"{record}: {' '.join(problem.messages)}", messages.ERROR)
                continue
            record._change_reason = "Published" if published else "Withdrawn to draft"
            record.save()
            done += 1
        self.message_user(request, f"{done} record(s) {'published' if published else 'withdrawn'}.")


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """The curators' queue of proposed changes, each with its field-by-field diff."""

    list_display = ["__str__", "record_link", "proposed_by", "proposed_at", "reason", "state"]
    list_filter = ["state", "content_type"]
    list_select_related = ["content_type", "proposed_by"]
    search_fields = ["reason", "object_id"]
    readonly_fields = [
        "record_link",
        "diff_table",
        "reason",
        "proposed_by",
        "proposed_at",
        "base_version",
        "state",
        "reviewed_by",
        "reviewed_at",
    ]
    fields = [*readonly_fields, "review_note"]
    actions = ["accept_selected", "reject_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("record")

    def has_add_permission(self, request):
        return False  # revisions come from editing a record

    def has_publish_permission(self, request):
        return can_publish(request.user)

    @admin.display(description="record")
    def record_link(self, revision):
        record = revision.record
        if record is None:
            return f"deleted {revision.content_type.name} {revision.object_id}"
        url = f"../../../{record._meta.app_label}/{record._meta.model_name}/{record.pk}/change/"
        return format_html('<a href="{}">{}</a>', url, record)

    @admin.display(description="changes (published → proposed)")
    def diff_table(self, revision):
        if revision.record is None:
            return "—"
        rows = format_html_join("", "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>", revision.diff())
        return format_html(
            "<table><thead><tr><th>field</th><th>published</th><th>proposed</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    @admin.action(description="Accept the selected revisions (apply and publish)", permissions=["publish"])
    def accept_selected(self, request, queryset):
        self._review(request, queryset.filter(state=RevisionState.PENDING), accept=True)

    @admin.action(description="Reject the selected revisions", permissions=["publish"])
    def reject_selected(self, request, queryset):
        self._review(request, queryset.filter(state=RevisionState.PENDING), accept=False)

    def _review(self, request, revisions, accept):
        for revision in revisions:
            try:
                revision.accept(request.user) if accept else revision.reject(request.user)
            except (ValidationError, StaleRecord) as problem:
                detail = " ".join(problem.messages) if isinstance(problem, ValidationError) else str(problem)
                self.message_user(request, f"Revision #{revision.pk}: {detail}", messages.ERROR)
            else:
                self.message_user(request, f"Revision #{revision.pk} {'accepted' if accept else 'rejected'}.")
