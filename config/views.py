"""Pages that compose every app sit here, above the apps they draw from."""

from django.views.generic import TemplateView

from missiles.models import FlightTest, MissileProgram, MissileSystem, Transfer
from regime.models import Participation, Regime
from sources.models import Source
from states.models import State


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        counts = {
            "states": State.objects.count(),
            "regimes": Regime.objects.count(),
            "participations": Participation.objects.count(),
            "programs": MissileProgram.objects.count(),
            "systems": MissileSystem.objects.count(),
            "flight tests": FlightTest.objects.count(),
            "transfers": Transfer.objects.count(),
            "sources": Source.objects.count(),
        }
        return super().get_context_data(counts=counts, **kwargs)


class SearchView(TemplateView):
    template_name = "search.html"


class CompareView(TemplateView):
    template_name = "compare.html"
