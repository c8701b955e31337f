from django.contrib import admin

from curation.admin import CuratedAdmin
from missiles.forms import FlightTestForm, MissileProgramForm, MissileSystemForm
from missiles.models import (
    RANGE_CLASS_BOUNDS,
    FlightTest,
    MissileProgram,
    MissileSystem,
    MtcrCategory,
    Transfer,
)
from sources.admin import CitationInline
from states.partial_dates import partial_date_column


class RangeClassFilter(admin.SimpleListFilter):
    title = "range class"
    parameter_name = "range_class"

    def lookups(self, request, model_admin):
        return [(c.value, c.label) for c, _, _ in RANGE_CLASS_BOUNDS]

    def queryset(self, request, queryset):
        return queryset.in_range_class(self.value()) if self.value() else queryset


class MtcrCategoryFilter(admin.SimpleListFilter):
    title = "MTCR category"
    parameter_name = "mtcr_category"

    def lookups(self, request, model_admin):
        return MtcrCategory.choices

    def queryset(self, request, queryset):
        return queryset.in_mtcr_category(self.value()) if self.value() else queryset


@admin.register(MissileProgram)
class MissileProgramAdmin(CuratedAdmin):
    form = MissileProgramForm
    list_display = ["name", "outcome", partial_date_column("start"), partial_date_column("end")]
    list_filter = ["outcome"]
    search_fields = ["name", "states__name", "note"]
    autocomplete_fields = ["states"]
    inlines = [CitationInline]


@admin.register(MissileSystem)
class MissileSystemAdmin(CuratedAdmin):
    form = MissileSystemForm
    list_display = [
        "name",
        "state",
        "kind",
        "range_km",
        "payload_kg",
        "range_class_display",
        "mtcr_category_display",
        "status",
        partial_date_column("first_flight"),
    ]
    list_filter = ["kind", RangeClassFilter, MtcrCategoryFilter, "propellant", "status"]
    search_fields = ["name", "aliases", "state__name", "state__code"]
    autocomplete_fields = ["state", "program", "derived_from"]
    list_select_related = ["state"]
    readonly_fields = ["range_class_display", "mtcr_category_display"]
    inlines = [CitationInline]

    @admin.display(description="range class")
    def range_class_display(self, system):
        return system.range_class.label if system.range_class else "—"

    @admin.display(description="MTCR category")
    def mtcr_category_display(self, system):
        return system.mtcr_category.label if system.mtcr_category else "—"


@admin.register(FlightTest)
class FlightTestAdmin(CuratedAdmin):
    form = FlightTestForm
    list_display = ["system", "state", partial_date_column("date"), "site", "outcome", "confirmation", "notified"]
    list_filter = ["outcome", "confirmation", "notified", "state"]
    search_fields = ["system__name", "system__aliases", "state__name", "site", "note"]
    autocomplete_fields = ["system", "state"]
    list_select_related = ["system", "state"]
    inlines = [CitationInline]


@admin.register(Transfer)
class TransferAdmin(CuratedAdmin):
    list_display = [
        "supplier",
        "recipient",
        "system",
        "kind",
        "quantity_display",
        "years",
        "status",
        "confidence",
    ]
    list_filter = ["kind", "status", "confidence", "annex_item"]
    search_fields = ["supplier__name", "recipient__name", "system__name", "system__aliases", "description", "note"]
    autocomplete_fields = ["supplier", "recipient", "system"]
    list_select_related = ["supplier", "recipient", "system"]
    inlines = [CitationInline]

    @admin.display(description="quantity", ordering="quantity")
    def quantity_display(self, transfer):
        return transfer.quantity_display or "—"
