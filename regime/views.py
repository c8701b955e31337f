from django.views.generic import DetailView, ListView

from regime.models import Regime


class RegimeListView(ListView):
    queryset = Regime.objects.all()


class RegimeDetailView(DetailView):
    queryset = Regime.objects.prefetch_related("citations__source")
