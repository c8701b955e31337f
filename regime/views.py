from django.views.generic import DetailView

from regime.models import Regime


class RegimeDetailView(DetailView):
    queryset = Regime.objects.prefetch_related("citations__source")
