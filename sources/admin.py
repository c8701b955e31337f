from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from simple_history.admin import SimpleHistoryAdmin

from curation.permissions import can_publish
from sources.models import Citation, Source


class CitationInline(GenericTabularInline):
    """Citations on any cited record; a record without one is a draft."""

    model = Citation
    extra = 1
    autocomplete_fields = ["source"]
    fields = ["source", "locator", "quote"]

    # An Editor's change to a published record goes through review; its citations with it.
    def _editable(self, request, obj):
        return obj is None or not getattr(obj, "is_published", False) or can_publish(request.user)

    def has_add_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_delete_permission(request, obj)


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["key", "title", "author", "publisher", "year", "citation_count"]
    search_fields = ["key", "title", "author", "publisher", "url"]
    list_filter = ["publisher"]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(citation_count=Count("citations"))

    @admin.display(ordering="citation_count", description="citations")
    def citation_count(self, source):
        return source.citation_count


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "content_type", "object_id", "record"]
    list_filter = ["content_type"]
    search_fields = ["source__key", "locator", "quote", "object_id"]
    list_select_related = ["source", "content_type"]
    autocomplete_fields = ["source"]
