from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from sources.models import Citation, Source


class CitationInline(GenericTabularInline):
    """Citations on any cited record; a record without one is a draft."""

    model = Citation
    extra = 1
    autocomplete_fields = ["source"]
    fields = ["source", "locator", "quote"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
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
class CitationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "content_type", "object_id", "record"]
    list_filter = ["content_type"]
    search_fields = ["source__key", "locator", "quote", "object_id"]
    list_select_related = ["source", "content_type"]
    autocomplete_fields = ["source"]
