from django.contrib import admin

from curation.admin import CuratedAdmin
from regime.forms import ParticipationForm
from regime.models import Participation
from sources.admin import CitationInline
from states.models import State
from states.partial_dates import PartialDateModelForm, partial_date_column


class StateForm(PartialDateModelForm):
    partial_dates = ("existed_from", "existed_to")

    class Meta:
        model = State
        fields = "__all__"


class ParticipationInline(admin.TabularInline):
    model = Participation
    form = ParticipationForm
    extra = 0
    fields = ["regime", "status", "start", "end", "known_on", "note"]
    autocomplete_fields = ["regime"]


@admin.register(State)
class StateAdmin(CuratedAdmin):
    form = StateForm
    list_display = [
        "code",
        "name",
        "region",
        partial_date_column("existed_from"),
        partial_date_column("existed_to"),
        "successor",
    ]
    list_filter = ["region"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["successor"]
    list_select_related = ["successor"]
    inlines = [ParticipationInline, CitationInline]
