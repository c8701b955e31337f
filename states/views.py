from django.views.generic import DetailView

from states.models import State


class StateDetailView(DetailView):
    queryset = State.objects.select_related("successor").prefetch_related("citations__source")
