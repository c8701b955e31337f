from django.contrib import admin

from curation.admin import CuratedAdmin
from regime.forms import ParticipationForm, RegimeForm, RegimeTotalForm
from regime.models import Participation, Regime, RegimeTotal
from sources.admin import CitationInline
from states.partial_dates import partial_date_column


class ParticipatingTodayFilter(admin.SimpleListFilter):
    """The same as-of rule as the public site: Participation.objects.active_on()."""

    title = "participating today"
    parameter_name = "today"

    def lookups(self, request, model_admin):
        return [("yes", "in force today"), ("no", "ended or not yet begun")]

    def queryset(self, request, queryset):
        active = Participation.objects.active_on().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=active)
        if self.value() == "no":
            return queryset.exclude(pk__in=active)
        return queryset


@admin.register(Regime)
class RegimeAdmin(CuratedAdmin):
    form = RegimeForm
    list_display = ["code", "name", "kind", partial_date_column("established"), "legally_binding"]
    list_filter = ["kind", "legally_binding"]
    search_fields = ["code", "name"]
    inlines = [CitationInline]


@admin.register(Participation)
class ParticipationAdmin(CuratedAdmin):
    form = ParticipationForm
    list_display = ["state", "regime", "status", partial_date_column("start"), partial_date_column("end")]
    list_filter = [ParticipatingTodayFilter, "regime", "status"]
    search_fields = ["state__name", "state__code", "regime__code", "note"]
    autocomplete_fields = ["state", "regime"]
    list_select_related = ["state", "regime"]
    inlines = [CitationInline]


@admin.register(RegimeTotal)
class RegimeTotalAdmin(CuratedAdmin):
    form = RegimeTotalForm
    list_display = ["regime", partial_date_column("date"), "total"]
    list_filter = ["regime"]
    search_fields = ["regime__code", "note"]
    list_select_related = ["regime"]
    inlines = [CitationInline]
