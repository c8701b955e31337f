from django.views.generic import DetailView

from missiles.models import MissileProgram, MissileSystem, Transfer


class MissileSystemDetailView(DetailView):
    queryset = MissileSystem.objects.select_related("state", "program", "derived_from").prefetch_related(
        "citations__source"
    )


class MissileProgramDetailView(DetailView):
    queryset = MissileProgram.objects.prefetch_related("states", "citations__source")


class TransferDetailView(DetailView):
    queryset = Transfer.objects.select_related("supplier", "recipient", "system").prefetch_related("citations__source")
