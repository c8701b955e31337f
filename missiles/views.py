from django.views.generic import DetailView, ListView

from missiles.models import FlightTest, MissileProgram, MissileSystem, Transfer


class MissileSystemListView(ListView):
    queryset = MissileSystem.objects.select_related("state")
    paginate_by = 50


class MissileSystemDetailView(DetailView):
    queryset = MissileSystem.objects.select_related("state", "program", "derived_from").prefetch_related(
        "citations__source"
    )


class MissileProgramDetailView(DetailView):
    queryset = MissileProgram.objects.prefetch_related("states", "citations__source")


class TransferListView(ListView):
    queryset = Transfer.objects.select_related("supplier", "recipient", "system")
    paginate_by = 50


class TransferDetailView(DetailView):
    queryset = Transfer.objects.select_related("supplier", "recipient", "system").prefetch_related(
        "citations__source"
    )


class FlightTestListView(ListView):
    queryset = FlightTest.objects.select_related("system", "state")
    paginate_by = 50
