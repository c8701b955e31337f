from django.views.generic import DetailView, ListView

from states.models import State


class StateListView(ListView):
    queryset = State.objects.all()
    paginate_by = 50


class StateDetailView(DetailView):
    queryset = State.objects.select_related("successor").prefetch_related("citations__source")
