from django.views.generic import DetailView

from sources.models import Source


class SourceDetailView(DetailView):
    model = Source
    slug_field = slug_url_kwarg = "key"
